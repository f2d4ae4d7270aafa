"""Decisions, the panel's consensus level and the offer drafted from a hire, with hand-worked figures."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from knowledge.models import Level, Role
from knowledge.offers import OfferChoices, OfferRefused, arithmetic, draft_offer, equity_for
from knowledge.outcomes import (
    Decision,
    Outcome,
    agentic_interviewers,
    candidate_ref,
    matching_candidates,
    panel_levels,
    panel_role,
)
from knowledge.pay import Location, PayCalculator, PayQuote, Place
from tests.factories import scorecard

AT = datetime(2026, 3, 4, tzinfo=UTC)
CALCULATOR = PayCalculator()
NEW_YORK = Location(place=Place.HIGH_COST, label="New York")


def decision(outcome: Outcome = Outcome.HIRE, level: Level = Level.SENIOR, role: Role = Role.AI_ENGINEER) -> Decision:
    return Decision(
        candidate="Ada Lovelace",
        candidate_key="ada lovelace",
        role=role,
        outcome=outcome,
        level=level,
        decided_by="U0HIRINGMGR",
        decided_at=AT,
    )


def test_the_consensus_is_the_most_assessed_level_counting_each_interviewer_once() -> None:
    cards = [
        scorecard("U0GRACE001", 0, level=Level.MID),
        scorecard("U0GRACE001", 5, level=Level.SENIOR),  # Grace changed her mind: her latest counts
        scorecard("U0KATHERIN", 1, level=Level.SENIOR),
        scorecard("U0ALAN0001", 2, level=Level.STAFF),
    ]
    levels = panel_levels(cards)
    assert levels.consensus is Level.SENIOR and levels.split
    assert levels.votes == {Level.SENIOR: ("U0GRACE001", "U0KATHERIN"), Level.STAFF: ("U0ALAN0001",)}


def test_a_tie_goes_to_the_lower_level_and_a_unanimous_panel_is_not_a_split() -> None:
    tie = [scorecard("U0GRACE001", level=Level.SENIOR), scorecard("U0KATHERIN", 1, level=Level.MID)]
    assert panel_levels(tie).consensus is Level.MID
    same = panel_levels([scorecard("U0GRACE001"), scorecard("U0KATHERIN", 1)])
    assert not same.split and same.describe() == "2 of 2 interviewers assessed senior"


def test_role_agentic_and_decision_summary() -> None:
    cards = [scorecard("U0GRACE001", signals=("shipped-agentic",)), scorecard("U0KATHERIN", 1, role=Role.AI_ENGINEER)]
    assert panel_role(cards) is Role.AI_ENGINEER
    assert agentic_interviewers(cards) == ("U0GRACE001",)
    assert decision().summary == "hire at senior"
    assert decision(Outcome.NO_HIRE).summary == "no hire"


def test_a_typed_name_matches_the_exact_key_or_every_name_with_its_words() -> None:
    known = [("Ada Lovelace", "ada lovelace"), ("Ada Byron", "ada byron"), ("Adam Smith", "adam smith")]
    assert matching_candidates("ADA  lovelace", known) == [("Ada Lovelace", "ada lovelace")]
    assert matching_candidates("ada", known) == known[:2]
    assert matching_candidates("grace", known) == []


def test_the_candidate_ref_is_stable_and_names_no_one() -> None:
    assert candidate_ref("ada lovelace") == candidate_ref("ada lovelace") != candidate_ref("ada byron")
    assert "ada" not in candidate_ref("ada lovelace") and len(candidate_ref("x")) == 18


def test_senior_ai_engineer_in_new_york_with_agentic_premium() -> None:
    # (240 + 40) x 1.10 = 308; (320 + 40) x 1.15 = 414
    cards = [scorecard("U0GRACE001", signals=("shipped-agentic",)), scorecard("U0KATHERIN", 1)]
    offer = draft_offer(
        decision(),
        cards,
        OfferChoices(location=NEW_YORK),
        drafted_by="U0HIRINGMGR",
        drafted_at=AT,
        calculator=CALCULATOR,
    )
    assert isinstance(offer.pay, PayQuote) and (offer.pay.low_k, offer.pay.high_k) == (308, 414)
    assert offer.arithmetic == (
        "Low: $240K + $40K agentic = $280K x1.10 (New York or the Bay Area) = $308K",
        "High: $320K + $40K agentic = $360K x1.15 (New York or the Bay Area) = $414K",
    )
    assert offer.agentic_by == ("U0GRACE001",)
    assert offer.equity == ("0.5% to 2% for a senior hire at a well-funded seed-stage startup",)


def test_no_premium_without_the_signal_and_plain_us_arithmetic() -> None:
    quote = CALCULATOR.apply(CALCULATOR.guide.band("ai-senior"), Location.us())
    assert arithmetic(quote, CALCULATOR) == ("Low: $240K = $240K", "High: $320K = $320K")


def test_equity_only_where_the_guide_gives_it() -> None:
    assert equity_for(Level.MID, Role.AI_ENGINEER, founding=False) == ()
    assert equity_for(Level.MID, Role.AI_ENGINEER, founding=True) == ("up to 5% for a founding engineer",)
    assert "significant equity" in equity_for(Level.SENIOR, Role.RESEARCH_ENGINEER, founding=False)[0]


@pytest.mark.parametrize(("made", "reason"), [(None, "no decision"), (decision(Outcome.HOLD), "is hold, not hire")])
def test_no_offer_without_a_hire(made: Decision | None, reason: str) -> None:
    with pytest.raises(OfferRefused, match=reason):
        draft_offer(
            made, [], OfferChoices(location=NEW_YORK), drafted_by="U0HIRINGMGR", drafted_at=AT, calculator=CALCULATOR
        )
