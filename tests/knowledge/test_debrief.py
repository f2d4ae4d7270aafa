"""Leanings, debrief arithmetic and the blind rule."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import pytest

from knowledge.debrief import BlindDebrief, Debrief, build_debrief, debrief_for, may_see, scorecard_for
from knowledge.leaning import Leaning, assess, recommendation_split
from knowledge.models import Level, Role
from knowledge.scorecards import InterviewType, Recommendation, Submission
from tests import factories

START = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
MANAGERS = ("U0HIRINGMGR",)


card = partial(factories.scorecard, at=START, level=Level.MID, ratings={"prompt": 3, "product": 3, "evaluation": 3})


def test_strong_ratings_and_a_yes_lean_hire() -> None:
    assessment = assess(card("U01", ratings={"prompt": 4, "product": 3, "evaluation": 4}))
    assert assessment.leaning is Leaning.HIRE
    assert assessment.reasons[0] == "Ratings average 3.7 of 4"
    assert "Recommends yes" in assessment.reasons


def test_red_flags_and_a_no_lean_no_hire() -> None:
    assessment = assess(card("U01", recommendation=Recommendation.NO, red_flags=("buzzwords", "no-failure-mode")))
    assert assessment.leaning is Leaning.NO_HIRE
    assert "Red flag: Buzzwords without one concrete workflow" in assessment.reasons


def test_a_yes_with_weak_ratings_is_mixed_and_says_they_disagree() -> None:
    assessment = assess(card("U01", ratings={"prompt": 2, "product": 2, "evaluation": 2}))
    assert assessment.leaning is Leaning.MIXED
    assert assessment.reasons[-1] == "Recommends yes though the ratings are below the middle"


def test_a_senior_ai_candidate_weak_on_evaluation_misses_the_guides_bar() -> None:
    senior = assess(card("U01", level=Level.SENIOR, ratings={"prompt": 4, "product": 4, "evaluation": 2}))
    mid = assess(card("U01", level=Level.MID, ratings={"prompt": 4, "product": 4, "evaluation": 2}))
    assert senior.score == mid.score - 1
    assert any("guide's bar for senior" in reason for reason in senior.reasons)
    assert not any("bar" in reason for reason in mid.reasons)


def test_a_senior_ml_candidate_weak_on_training_misses_the_guides_bar() -> None:
    scorecard = card("U01", role=Role.ML_ENGINEER, level=Level.STAFF, ratings={"data": 3, "training": 1, "research": 3})
    reasons = assess(scorecard).reasons
    assert any("shipped at least one model to production" in reason for reason in reasons)
    assert "Rated 1 on training and experiments" in reasons


def test_seniority_signals_count_for() -> None:
    plain = assess(card("U01", ratings={"prompt": 2, "product": 3, "evaluation": 2}))
    signalled = assess(
        card("U01", ratings={"prompt": 2, "product": 3, "evaluation": 2}, signals=("evals-unprompted", "feature-cost"))
    )
    assert signalled.score == plain.score + 1


def test_recommendation_split_lists_every_recommendation() -> None:
    split = recommendation_split([card("U01"), card("U02", recommendation=Recommendation.STRONG_NO)])
    assert list(split) == list(Recommendation)
    assert split == {
        Recommendation.STRONG_NO: 1,
        Recommendation.NO: 0,
        Recommendation.YES: 1,
        Recommendation.STRONG_YES: 0,
    }


def test_debrief_averages_per_competency_across_roles() -> None:
    debrief = build_debrief(
        [
            card("U01", ratings={"prompt": 4, "product": 2, "evaluation": 1}),
            card("U02", 5, ratings={"prompt": 3, "product": 3, "evaluation": 4}),
            card("U03", 9, role=Role.ML_ENGINEER, ratings={"data": 2, "training": 3, "research": 3}),
        ]
    )
    means = {a.key: (a.mean, a.count) for a in debrief.averages}
    assert means == {
        "prompt": (3.5, 2),
        "product": (2.5, 2),
        "evaluation": (2.5, 2),
        "data": (2.0, 1),
        "training": (3.0, 1),
        "research": (3.0, 1),
    }
    assert [a.key for a in debrief.averages] == ["prompt", "product", "evaluation", "data", "training", "research"]


def test_only_red_flags_two_different_interviewers_saw_are_shared() -> None:
    debrief = build_debrief(
        [
            card("U01", red_flags=("buzzwords", "no-opinions")),
            card("U01", 1, interview_type=InterviewType.PORTFOLIO, red_flags=("no-opinions",)),
            card("U02", 2, red_flags=("buzzwords",)),
        ]
    )
    assert [(f.key, f.interviewers) for f in debrief.shared_flags] == [("buzzwords", ("U01", "U02"))]
    assert "Red flag seen by 2 interviewers: Buzzwords without one concrete workflow" in debrief.assessment.reasons


def test_disagreements_of_two_points_or_more() -> None:
    debrief = build_debrief(
        [
            card("U01", ratings={"prompt": 1, "product": 3, "evaluation": 4}),
            card("U02", 1, ratings={"prompt": 3, "product": 4, "evaluation": 1}),
            card("U03", 2, ratings={"prompt": 2, "product": 3, "evaluation": 3}),
        ]
    )
    found = {d.key: (d.spread, [(r.interviewer, r.score) for r in d.ratings]) for d in debrief.disagreements}
    assert found == {
        "evaluation": (3, [("U02", 1), ("U03", 3), ("U01", 4)]),
        "prompt": (2, [("U01", 1), ("U03", 2), ("U02", 3)]),
    }
    assert list(found) == ["evaluation", "prompt"]  # widest first


def test_the_panel_leaning_summarises_the_scorecards() -> None:
    debrief = build_debrief([card("U01"), card("U02", 3, recommendation=Recommendation.STRONG_YES)])
    assert debrief.assessment.leaning is Leaning.HIRE
    assert debrief.assessment.reasons[0] == "2 of 2 recommend hiring"
    assert debrief.candidate == "Ada Lovelace"


def test_a_debrief_needs_a_scorecard() -> None:
    with pytest.raises(ValueError, match="at least one"):
        build_debrief([])


SCORECARDS = [
    card("U0GRACE001", notes="notes from U0GRACE001"),
    card("U0KATHERIN", 4, recommendation=Recommendation.NO, notes="notes from U0KATHERIN"),
]


@pytest.mark.parametrize(
    ("viewer", "sees_all"),
    [("U0GRACE001", True), ("U0KATHERIN", True), ("U0ALAN0001", False), ("U0HIRINGMGR", True)],
)
def test_the_blind_rule(viewer: str, sees_all: bool) -> None:
    assert may_see(viewer, SCORECARDS, MANAGERS) is sees_all
    seen = debrief_for(viewer, SCORECARDS, MANAGERS)
    assert isinstance(seen, Debrief if sees_all else BlindDebrief)


def test_a_blind_debrief_holds_who_submitted_and_nothing_they_wrote() -> None:
    blind = debrief_for("U0ALAN0001", SCORECARDS, MANAGERS)
    assert isinstance(blind, BlindDebrief)
    assert [s.interviewer for s in blind.submissions] == ["U0GRACE001", "U0KATHERIN"]
    dumped = blind.model_dump_json()
    for secret in ("notes from", "ratings", "recommendation", "prompt", "yes", "no"):
        assert secret not in dumped.replace("ada lovelace", "")


def test_one_scorecard_follows_the_same_rule() -> None:
    grace = SCORECARDS[0]
    assert scorecard_for("U0GRACE001", grace, SCORECARDS, MANAGERS) is grace
    assert scorecard_for("U0HIRINGMGR", grace, SCORECARDS, MANAGERS) is grace
    assert scorecard_for("U0KATHERIN", grace, SCORECARDS, MANAGERS) is grace
    assert scorecard_for("U0ALAN0001", grace, SCORECARDS, MANAGERS) == Submission.of(grace)
