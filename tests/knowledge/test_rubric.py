"""The scorecard rubric comes from the guide: competencies per role, and every red flag, signal and question."""

from __future__ import annotations

import pytest

from knowledge.guide import GUIDE
from knowledge.models import Audience, Role
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
