"""The scorecard rubric comes from the guide, and drafts validate with a message per field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from knowledge.identifiers import candidate_key, clean_candidate
from knowledge.models import Level, Role
from knowledge.scorecards import (
    NOTES_MAX,
    InterviewType,
    Recommendation,
    RoleSelections,
    Scorecard,
    ScorecardDraft,
    ScorecardInvalid,
    carry_over,
    scorecard_id,
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
        Scorecard.from_draft(draft, interviewer="U0GRACE001", submitted_at=NOW)
    return raised.value.errors


def test_a_complete_draft_makes_a_scorecard() -> None:
    draft = complete(candidate="  Ada   Lovelace ")
    scorecard = Scorecard.from_draft(draft, interviewer="U0GRACE001", submitted_at=NOW)
    assert scorecard.candidate == "Ada Lovelace"
    assert scorecard.candidate_key == "ada lovelace"
    assert scorecard.ratings == {"prompt": 3, "product": 4, "evaluation": 2}
    assert scorecard.questions == ("ai-eval-suite", "ai-rag")
    assert scorecard.id == "ada lovelace/U0GRACE001/technical"
    assert Scorecard.model_validate_json(scorecard.model_dump_json()) == scorecard


def test_the_id_is_the_same_for_the_same_candidate_interviewer_and_interview() -> None:
    assert scorecard_id(candidate_key("ADA  lovelace"), "U01", InterviewType.TECHNICAL) == scorecard_id(
        candidate_key("Ada Lovelace"), "U01", InterviewType.TECHNICAL
    )
    assert scorecard_id("ada", "U01", InterviewType.TECHNICAL) != scorecard_id("ada", "U01", InterviewType.SCREEN)


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
    scorecard = Scorecard.from_draft(
        complete(red_flags=("messy-notebooks", "buzzwords"), questions=("ml-new-paper",)),
        interviewer="U01",
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
