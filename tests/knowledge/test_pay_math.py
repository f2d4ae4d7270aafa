"""Arithmetic over quotes: expected figures worked out by hand from the guide's bands and rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from knowledge.guide import GUIDE
from knowledge.pay import Location, PayCalculator, PayQuote, Place
from knowledge.pay_math import (
    HeadcountError,
    Verdict,
    budget,
    check,
    difference,
    midpoint,
    money,
    round_to_thousand,
    shift,
)

CALCULATOR = PayCalculator()
BAY = Location(place=Place.HIGH_COST, label="the Bay Area")
REMOTE = Location(place=Place.REMOTE, label="remote")
LOW_COST = Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region")


def quote(key: str, location: Location | None = None, agentic: bool = False) -> PayQuote:
    return CALCULATOR.apply(GUIDE.band(key), location or Location.us(), agentic)


@pytest.mark.parametrize(
    ("dollars", "text"),
    [(150_000, "$150K"), (1_200_000, "$1,200K"), (150_500, "$150,500"), (5, "$5"), (0, "$0K"), (-60_000, "-$60K")],
)
def test_money(dollars: int, text: str) -> None:
    assert money(dollars) == text


def test_round_to_thousand_rounds_halves_up() -> None:
    assert round_to_thousand(169_500) == 170_000
    assert round_to_thousand(169_499) == 169_000


def test_difference_between_levels() -> None:
    result = difference(quote("ai-staff"), quote("ai-senior"))  # 320-240, 420-320
    assert (result.low_k, result.high_k) == (80, 100)
    assert result.rules == ("low end $320K - $240K = $80K", "high end $420K - $320K = $100K")
    assert {80_000, 100_000, 320_000, 420_000, 240_000} <= result.dollar_figures()


def test_difference_between_places_uses_the_rounded_quotes() -> None:
    result = difference(quote("ml-senior", BAY), quote("ml-senior"))  # 280*1.10=308, 400*1.15=460
    assert (result.low_k, result.high_k) == (28, 60)


def test_the_agentic_premium_is_worth_more_after_the_bay_factor() -> None:
    result = difference(quote("ai-senior", BAY, agentic=True), quote("ai-senior", BAY))  # 308-264, 414-368
    assert (result.low_k, result.high_k) == (44, 46)


def test_a_negative_difference_keeps_its_sign() -> None:
    result = difference(quote("ai-junior"), quote("ai-senior"))
    assert (result.low_k, result.high_k) == (-100, -140)
    assert (result.smaller_k, result.larger_k) == (100, 140)
    assert {100_000, 140_000} <= result.dollar_figures()


def test_budget_for_three_remote_mid_ai_engineers() -> None:
    total = budget([(quote("ai-mid", REMOTE), 3)])
    assert (total.low_k, total.high_k) == (540, 720)
    assert total.lower_cost_k == (405, 612)  # 3 x 135, 3 x 204
    assert total.headcount == 3
    assert total.rules == ("3 x $180K = $540K; 3 x $240K = $720K",)


def test_budget_over_several_kinds_of_hire() -> None:
    total = budget([(quote("ai-senior", BAY), 2), (quote("ml-senior", BAY), 1)])
    assert (total.low_k, total.high_k) == (2 * 264 + 308, 2 * 368 + 460)
    assert total.lower_cost_k is None
    assert {528_000, 736_000, 836_000, 1_196_000} <= total.dollar_figures()


@pytest.mark.parametrize("count", [0, -2, 101])
def test_budget_refuses_a_head_count_out_of_range(count: int) -> None:
    with pytest.raises(HeadcountError):
        budget([(quote("ai-mid"), count)])


def test_budget_refuses_nothing_and_non_integers() -> None:
    with pytest.raises(HeadcountError):
        budget([])
    with pytest.raises(HeadcountError):
        budget([(quote("ai-mid"), 1.5)])  # type: ignore[list-item]
    with pytest.raises(HeadcountError):
        budget([(quote("ai-mid"), True)])


def test_midpoint_whole_and_rounded() -> None:
    assert midpoint(quote("ml-senior", BAY)).midpoint == 384_000  # (308+460)/2
    rounded = midpoint(quote("ai-mid", LOW_COST))  # (135+204)/2 = 169.5 -> 170
    assert (rounded.exact, rounded.midpoint) == (169_500, 170_000)
    assert rounded.rules == ("($135K + $204K) / 2 = $169,500, rounded to $170K",)


@pytest.mark.parametrize(
    ("amount", "verdict", "gap"),
    [(150_000, Verdict.BELOW, 130_000), (280_000, Verdict.WITHIN, 0), (400_000, Verdict.WITHIN, 0),
     (500_000, Verdict.ABOVE, 100_000), (279_500, Verdict.BELOW, 1_000)],
)  # fmt: skip
def test_check_against_the_senior_ml_band(amount: int, verdict: Verdict, gap: int) -> None:
    result = check(amount, quote("ml-senior"))
    assert (result.verdict, result.gap, result.plausible) == (verdict, gap, True)
    assert amount in result.dollar_figures()


def test_check_shows_an_unrounded_gap_exactly_then_rounded() -> None:
    result = check(279_500, quote("ml-senior"))
    assert result.rules == ("$280K - $279,500 = $500 short of the low end, about $1K",)


def test_check_for_several_hires_scales_the_band() -> None:
    result = check(1_200_000, quote("ai-staff", BAY), count=3)  # 3 x 352 = 1056, 3 x 483 = 1449
    assert (result.low, result.high, result.verdict) == (1_056_000, 1_449_000, Verdict.WITHIN)


@pytest.mark.parametrize("amount", [5, 9_999, 20_000_000, -150_000])
def test_absurd_amounts_are_not_plausible(amount: int) -> None:
    assert not check(amount, quote("ml-senior")).plausible


def test_check_refuses_a_zero_head_count() -> None:
    with pytest.raises(HeadcountError):
        check(300_000, quote("ml-senior"), count=0)


@pytest.mark.parametrize(
    ("key", "location", "percent", "low", "high"),
    [("ml-senior", None, "15", 322_000, 460_000),  # 280 x 1.15, 400 x 1.15: exact
     ("ai-staff", BAY, "10", 387_000, 531_000),  # 352 x 1.1 = 387.2, 483 x 1.1 = 531.3
     ("ai-junior", None, "-20", 112_000, 144_000),  # 140 x 0.8, 180 x 0.8
     ("ml-mid", None, "12.5", 225_000, 315_000),  # 200 x 1.125, 280 x 1.125
     ("ai-mid", LOW_COST, "5", 142_000, 214_000)],  # 135 x 1.05 = 141.75, 204 x 1.05 = 214.2
)  # fmt: skip
def test_a_band_shifted_by_a_percentage(key: str, location: Location | None, percent: str, low: int, high: int) -> None:
    moved = shift(quote(key, location), Decimal(percent))
    assert (moved.low, moved.high) == (low, high)
    assert {low, high} <= moved.dollar_figures()


def test_a_shift_shows_its_arithmetic_and_its_rounding() -> None:
    moved = shift(quote("ai-staff", BAY), Decimal("10"))
    assert moved.rules == ("$352K x 1.1 = $387,200, rounded to $387K", "$483K x 1.1 = $531,300, rounded to $531K")
    assert 387_200 in moved.dollar_figures()
