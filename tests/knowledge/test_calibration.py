"""Calibration against hand-computed figures.

Three AI-engineer candidates, each seen by Grace and Katherine; Alan saw only Ada.

            prompt product evaluation  recommends   decision
  Ada   G     3      4       2          yes         hire
        K     4      4       3          yes
        A     1      2       2          no
  Bea   G     2      3       3          no          no hire
        K     3      3       4          yes
  Cy    G     4      4       4          strong yes  hold
        K     2      2       2          no

Grace's prompt mean (3+2+4)/3 = 3.0; the panel's for her candidates (3+4+1 + 2+3 + 4+2)/7 = 19/7 = 2.71.
Katherine's prompt mean (4+3+2)/3 = 3.0, same panel, 2.71. Grace's evaluation (2+3+4)/3 = 3.0; the panel's
(2+3+2 + 3+4 + 4+2)/7 = 20/7 = 2.86.
Matches (holds don't count): Grace yes/hire ✓, no/no-hire ✓ → 2 of 2; Katherine yes/hire ✓, yes/no-hire ✗ → 1 of 2;
Alan no/hire ✗ → 0 of 1. Late: Katherine on Bea.
"""

from __future__ import annotations

from datetime import UTC, datetime

from knowledge.calibration import calibrate, matches
from knowledge.models import Level, Role
from knowledge.outcomes import Decision, Outcome
from knowledge.scorecards import Recommendation, Scorecard
from tests.factories import scorecard

G, K, A = "U0GRACE001", "U0KATHERIN", "U0ALAN0001"
YES, NO, STRONG_YES = Recommendation.YES, Recommendation.NO, Recommendation.STRONG_YES


def card(who: str, name: str, minutes: int, scores: tuple[int, int, int], rec: Recommendation) -> Scorecard:
    ratings = dict(zip(("prompt", "product", "evaluation"), scores, strict=True))
    return scorecard(who, minutes, candidate=name, candidate_key=name.lower(), ratings=ratings, recommendation=rec)


CARDS = [
    card(G, "Ada", 0, (3, 4, 2), YES),
    card(K, "Ada", 1, (4, 4, 3), YES),
    card(A, "Ada", 2, (1, 2, 2), NO),
    card(G, "Bea", 3, (2, 3, 3), NO),
    card(K, "Bea", 4, (3, 3, 4), YES),
    card(G, "Cy", 5, (4, 4, 4), STRONG_YES),
    card(K, "Cy", 6, (2, 2, 2), NO),
]


def decided(key: str, outcome: Outcome) -> Decision:
    at = datetime(2026, 3, 5, tzinfo=UTC)
    return Decision(
        candidate=key.title(),
        candidate_key=key,
        role=Role.AI_ENGINEER,
        outcome=outcome,
        level=Level.SENIOR,
        decided_by="U0HIRINGMGR",
        decided_at=at,
    )


DECISIONS = {
    "ada": decided("ada", Outcome.HIRE),
    "bea": decided("bea", Outcome.NO_HIRE),
    "cy": decided("cy", Outcome.HOLD),
}


def test_each_interviewer_against_the_panel_matches_the_hand_computed_figures() -> None:
    grace, katherine, alan = calibrate(CARDS, DECISIONS, late={("bea", K)})
    assert (grace.interviewer, katherine.interviewer, alan.interviewer) == (G, K, A)
    assert [(c.key, c.mine, c.panel) for c in grace.competencies] == [
        ("prompt", 3.0, 2.71),
        ("product", 3.67, 3.14),  # (4+3+4)/3; (4+4+2 + 3+3 + 4+2)/7 = 22/7
        ("evaluation", 3.0, 2.86),
    ]
    assert [(c.mine, c.panel) for c in katherine.competencies] == [(3.0, 2.71), (3.0, 3.14), (3.0, 2.86)]
    assert [(c.mine, c.panel) for c in alan.competencies] == [(1.0, 2.67), (2.0, 3.33), (2.0, 2.33)]  # Ada only
    assert (grace.matched, grace.decided, grace.match_share) == (2, 2, 1.0)
    assert (katherine.matched, katherine.decided, katherine.late) == (1, 2, 1)
    assert (alan.scorecards, alan.matched, alan.decided, alan.enough_data) == (1, 0, 1, False)
    assert grace.enough_data and grace.late == 0


def test_a_hold_matches_nothing_and_no_decision_means_no_share() -> None:
    assert matches(YES, decided("ada", Outcome.HOLD)) is None
    assert matches(STRONG_YES, decided("ada", Outcome.HIRE)) and matches(NO, decided("ada", Outcome.NO_HIRE))
    [only] = calibrate(CARDS[:1], {})
    assert only.match_share is None and only.decided == 0
