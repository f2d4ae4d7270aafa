"""The retention clock: from the decision, else from the last scorecard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from knowledge.models import Level, Role
from knowledge.outcomes import Decision, Outcome
from knowledge.retention import expired, kept_since
from tests.factories import AT, scorecard

YEAR = timedelta(days=365)


def decided(at: datetime) -> Decision:
    return Decision(
        candidate="Ada Lovelace",
        candidate_key="ada lovelace",
        role=Role.AI_ENGINEER,
        outcome=Outcome.HOLD,
        level=Level.SENIOR,
        decided_by="U0HIRINGMGR",
        decided_at=at,
    )


def test_the_clock_starts_at_the_last_scorecard_without_a_decision() -> None:
    cards = [scorecard("U0GRACE001", 0), scorecard("U0KATHERIN", 90)]
    assert kept_since(cards, None) == AT + timedelta(minutes=90)
    assert not expired(cards, None, now=AT + YEAR, keep=YEAR)  # 90 minutes short of a year after the last
    assert expired(cards, None, now=AT + YEAR + timedelta(minutes=90), keep=YEAR)


def test_the_clock_starts_at_the_decision_when_there_is_one() -> None:
    cards = [scorecard()]
    decision = decided(AT + timedelta(days=30))
    assert not expired(cards, decision, now=AT + YEAR, keep=YEAR)
    assert expired(cards, decision, now=AT + YEAR + timedelta(days=30), keep=YEAR)
    assert kept_since([], None) is None and not expired([], None, now=datetime.now(UTC), keep=YEAR)
