"""The scorecard rubric comes from the guide, and drafts validate with a message per field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from knowledge.guide import GUIDE
from knowledge.models import Audience, Level, Role
from knowledge.rubric import (
    ANCHOR_MAX,
    LABEL_MAX,
    QUESTIONS,
    RED_FLAGS,
    SIGNALS,
    competencies_for,
    questions_for,
    red_flags_for,
    role_title,
    signals_for,
)
from knowledge.scorecards import (
    NOTES_MAX,
    InterviewType,
    Recommendation,
    RoleSelections,
    Scorecard,
    ScorecardDraft,
    ScorecardInvalid,
    candidate_key,
    carry_over,
    clean_candidate,
    scorecard_id,
    validate_draft,
)

NOW = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


def complete(**changes: object) -> ScorecardDraft:
    draft = ScorecardDraft(
        candidate="Ada Lovelace",
        role=Role.AI_ENGINEER,
        level=Level.SENIOR,
        interview_type=InterviewType.TECHNICAL,
        ratings={"prompt": 3, "product": 4, "evaluation": 2},
        red_flags=("buzzwords",),
        signals=("evals-unprompted",),
        questions=("ai-eval-suite", "ai-rag"),
        recommendation=Recommendation.YES,
        notes="Strong on failure modes.",
    )
    return draft.model_copy(update=changes)


def problems(draft: ScorecardDraft) -> dict[str, str]:
    with pytest.raises(ScorecardInvalid) as raised:
        validate_draft(draft, interviewer="U0GRACE001", submitted_at=NOW)
    return raised.value.errors


def test_ai_engineers_are_rated_on_the_guides_ppe_triangle() -> None:
    rubrics = competencies_for(Role.AI_ENGINEER)
    assert [r.name for r in rubrics] == [c.name for c in GUIDE.ppe_triangle]
    assert [r.summary for r in rubrics] == [c.summary for c in GUIDE.ppe_triangle]


@pytest.mark.parametrize("role", [Role.ML_ENGINEER, Role.RESEARCH_ENGINEER])
def test_ml_engineers_are_rated_on_data_training_and_research(role: Role) -> None:
    rubrics = competencies_for(role)
    assert [r.key for r in rubrics] == ["data", "training", "research"]
    assert GUIDE.ml_tribes[1].summary in rubrics[2].summary


@pytest.mark.parametrize("role", [Role.AI_ENGINEER, Role.ML_ENGINEER, Role.RESEARCH_ENGINEER])
def test_every_score_has_a_one_line_anchor_short_enough_for_slack(role: Role) -> None:
    for rubric in competencies_for(role):
        assert len(rubric.anchors) == 4
        assert len(set(rubric.anchors)) == 4
        assert all(0 < len(anchor) <= ANCHOR_MAX and "\n" not in anchor for anchor in rubric.anchors)
        assert len(f"4 \u00b7 {rubric.anchor(4)}") <= 75


def test_role_titles_are_the_guides() -> None:
    assert role_title(Role.AI_ENGINEER) == GUIDE.ai_profile.title
    assert role_title(Role.ML_ENGINEER) == "Applied ML engineer"
    assert role_title(Role.RESEARCH_ENGINEER) == "Research engineer"


def test_every_red_flag_signal_and_question_of_the_guide_is_a_choice() -> None:
    assert [c.detail for c in RED_FLAGS] == [sign.text for sign in GUIDE.red_flags]
    assert [c.detail for c in SIGNALS] == [sign.text for sign in GUIDE.seniority_signals]
    assert [c.detail for c in QUESTIONS] == [q.question for q in GUIDE.interview_questions]
    for choice in (*RED_FLAGS, *SIGNALS, *QUESTIONS):
        assert len(choice.label) <= LABEL_MAX
    assert len({c.key for c in (*RED_FLAGS, *SIGNALS, *QUESTIONS)}) == len(RED_FLAGS) + len(SIGNALS) + len(QUESTIONS)


def test_flags_signals_and_questions_follow_the_role() -> None:
    ai_flags = {c.key for c in red_flags_for(Role.AI_ENGINEER)}
    ml_flags = {c.key for c in red_flags_for(Role.ML_ENGINEER)}
    assert "messy-notebooks" in ml_flags and "messy-notebooks" not in ai_flags
    assert "evals-unprompted" in {c.key for c in signals_for(Role.AI_ENGINEER)}
    assert "beat-baseline" in {c.key for c in signals_for(Role.RESEARCH_ENGINEER)}
    assert "beat-baseline" not in {c.key for c in signals_for(Role.AI_ENGINEER)}
    assert [c.detail for c in questions_for(Role.AI_ENGINEER)] == [
        q.question for q in GUIDE.questions_for(Role.AI_ENGINEER)
    ]
    assert all(c.audience is Audience.ML for c in questions_for(Role.RESEARCH_ENGINEER))


def test_a_complete_draft_makes_a_scorecard() -> None:
    scorecard = validate_draft(complete(candidate="  Ada   Lovelace "), interviewer="U0GRACE001", submitted_at=NOW)
    assert scorecard.candidate == "Ada Lovelace"
    assert scorecard.candidate_key == "ada lovelace"
    assert scorecard.ratings == {"prompt": 3, "product": 4, "evaluation": 2}
    assert scorecard.questions == ("ai-eval-suite", "ai-rag")
    assert scorecard.id == "ada lovelace/U0GRACE001/technical"
    assert Scorecard.model_validate_json(scorecard.model_dump_json()) == scorecard


def test_the_id_is_the_same_for_the_same_candidate_interviewer_and_interview() -> None:
    assert scorecard_id(candidate_key("ADA  lovelace"), "U1", InterviewType.TECHNICAL) == scorecard_id(
        candidate_key("Ada Lovelace"), "U1", InterviewType.TECHNICAL
    )
    assert scorecard_id("ada", "U1", InterviewType.TECHNICAL) != scorecard_id("ada", "U1", InterviewType.SCREEN)


def test_a_missing_role_is_reported_on_the_role() -> None:
    errors = problems(complete(role=None, ratings={}))
    assert errors == {"role": "Pick the role they're interviewing for."}


def test_every_missing_field_gets_its_own_message() -> None:
    errors = problems(
        ScorecardDraft(role=Role.ML_ENGINEER, ratings={"data": 9, "training": 2}, notes="x" * (NOTES_MAX + 1))
    )
    assert set(errors) == {
        "candidate",
        "level",
        "interview_type",
        "recommendation",
        "notes",
        "rating:data",
        "rating:research",
    }
    assert errors["rating:data"] == "Pick a score from 1 to 4."
    assert errors["rating:research"] == "Rate research depth from 1 to 4."


def test_ten_thousand_character_notes_are_refused_with_the_limit_and_the_count() -> None:
    errors = problems(complete(notes="n" * 10_000))
    assert "3,000" in errors["notes"] and "10,000" in errors["notes"]
    assert "still here" in errors["notes"]


@pytest.mark.parametrize(
    "name",
    [
        "<@U123> Ada",
        "*Ada*",
        "Ada <!channel>",
        "https://evil.example",
        "Ada_Lovelace",
        "`rm`",
        "Ada\u0000",
        "   ",
        "..",
    ],
)
def test_names_with_markup_or_nothing_in_them_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match=r"plain text|Enter the candidate"):
        clean_candidate(name)
    assert "candidate" in problems(complete(candidate=name))


@pytest.mark.parametrize("name", ["Ada Lovelace", "Zoë O'Brien-Sánchez", "李雷", "Grace M. Hopper, Jr."])
def test_real_names_are_accepted(name: str) -> None:
    assert clean_candidate(name) == name


def test_a_long_name_is_refused_with_the_count() -> None:
    with pytest.raises(ValueError, match="81"):
        clean_candidate("a" * 81)


def test_a_choice_the_form_does_not_offer_is_refused() -> None:
    errors = problems(complete(level=Level.PRINCIPAL))
    assert errors == {"level": "That isn't one of the choices. Pick the level."}


def test_choices_from_another_role_are_dropped_not_kept() -> None:
    scorecard = validate_draft(
        complete(red_flags=("messy-notebooks", "buzzwords"), questions=("ml-new-paper",)),
        interviewer="U1",
        submitted_at=NOW,
    )
    assert scorecard.red_flags == ("buzzwords",)
    assert scorecard.questions == ()


def test_switching_roles_keeps_what_was_typed_and_brings_back_the_other_roles_answers() -> None:
    ai = complete()
    to_ml = carry_over(ai.model_copy(update={"role": Role.ML_ENGINEER}), Role.AI_ENGINEER, RoleSelections())
    assert to_ml.role is Role.ML_ENGINEER and to_ml.notes == ai.notes and to_ml.candidate == ai.candidate
    assert to_ml.ratings == ai.ratings  # kept aside for AI, none yet for ML
    # what Slack's state holds for the ML form: its blocks only
    ml_state = to_ml.model_copy(
        update={"ratings": {"data": 2}, "red_flags": ("messy-notebooks",), "signals": (), "questions": ()}
    )
    back = carry_over(ml_state.model_copy(update={"role": Role.AI_ENGINEER}), Role.ML_ENGINEER, to_ml.selections())
    assert back.ratings == {"prompt": 3, "product": 4, "evaluation": 2, "data": 2}
    assert set(back.red_flags) == {"messy-notebooks"}  # "buzzwords" (shown for ML too) was unticked there
    assert back.questions == ("ai-eval-suite", "ai-rag")


def test_without_knowing_the_shown_role_the_form_is_taken_as_it_is() -> None:
    draft = carry_over(complete(), None, RoleSelections(ratings={"data": 1}))
    assert draft.ratings == {"data": 1, "prompt": 3, "product": 4, "evaluation": 2}


def test_kept_selections_hold_only_what_the_rubric_knows() -> None:
    selections = complete(ratings={"prompt": 3, "x" * 30: 2}, red_flags=("buzzwords", "bogus")).selections()
    assert selections.ratings == {"prompt": 3}
    assert selections.red_flags == ("buzzwords",)
