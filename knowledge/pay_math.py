"""Arithmetic over the calculator's quotes: differences, totals for several hires, midpoints and "is $X within
the band?". Pure and exact.

Every result keeps the quotes it was computed from and shows its arithmetic in ``rules``, the way
``PayQuote.rules`` shows the guide's rules; ``dollar_figures`` lists every amount it carries (inputs and results),
which is what an answer built on it may quote. Quotes are already whole thousands, so differences and totals
are exact; a midpoint or a gap that isn't is rounded to the nearest thousand, halves up, as the guide's bands are.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.pay import PayQuote

MAX_HEADCOUNT = 100
PLAUSIBLE_YEARLY_PAY = (10_000, 10_000_000)  # per hire, in dollars: outside this, the amount isn't a salary


class HeadcountError(ValueError):
    """A head-count that can't be budgeted: zero, negative, or more than a startup hires at once."""


def money(dollars: int) -> str:
    """ "$150K", "$1,200K" for whole thousands (as the guide writes its bands), else "$150,500"."""
    sign = "-" if dollars < 0 else ""
    dollars = abs(dollars)
    return f"{sign}${dollars // 1000:,}K" if dollars % 1000 == 0 else f"{sign}${dollars:,}"


def round_to_thousand(dollars: Decimal | int) -> int:
    """The nearest whole thousand, halves up, in dollars."""
    return int((Decimal(dollars) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 1000


def _k(thousands: int) -> int:
    return thousands * 1000


def _quote_figures(quote: PayQuote) -> set[int]:
    figures = {_k(quote.low_k), _k(quote.high_k)}
    if quote.lower_cost_k is not None:
        figures.update(map(_k, quote.lower_cost_k))
    return figures


class PayDifference(BaseModel):
    """How much more ``first`` costs than ``second``, end by end (negative: less)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["difference"] = "difference"
    first: PayQuote
    second: PayQuote
    low_k: int
    high_k: int
    rules: tuple[str, ...]

    @property
    def smaller_k(self) -> int:
        return min(abs(self.low_k), abs(self.high_k))

    @property
    def larger_k(self) -> int:
        return max(abs(self.low_k), abs(self.high_k))

    def dollar_figures(self) -> frozenset[int]:
        ends = {_k(abs(self.low_k)), _k(abs(self.high_k))}
        return frozenset(_quote_figures(self.first) | _quote_figures(self.second) | ends)


def difference(first: PayQuote, second: PayQuote) -> PayDifference:
    low, high = first.low_k - second.low_k, first.high_k - second.high_k
    return PayDifference(
        first=first,
        second=second,
        low_k=low,
        high_k=high,
        rules=(
            f"low end {money(_k(first.low_k))} - {money(_k(second.low_k))} = {money(_k(low))}",
            f"high end {money(_k(first.high_k))} - {money(_k(second.high_k))} = {money(_k(high))}",
        ),
    )


class BudgetLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    quote: PayQuote
    count: int = Field(ge=1, le=MAX_HEADCOUNT)


class PayBudget(BaseModel):
    """A year's base + cash bonus for several hires: each band times its head-count, summed."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["budget"] = "budget"
    lines: tuple[BudgetLine, ...] = Field(min_length=1)
    low_k: int
    high_k: int
    lower_cost_k: tuple[int, int] | None = Field(
        default=None, description="the total if every remote hire lives in a lower-cost region"
    )
    rules: tuple[str, ...]

    @property
    def headcount(self) -> int:
        return sum(line.count for line in self.lines)

    def dollar_figures(self) -> frozenset[int]:
        figures = {_k(self.low_k), _k(self.high_k)}
        for line in self.lines:
            subtotals = {_k(line.count * line.quote.low_k), _k(line.count * line.quote.high_k)}
            figures |= _quote_figures(line.quote) | subtotals
        if self.lower_cost_k is not None:
            figures.update(map(_k, self.lower_cost_k))
        return frozenset(figures)


def _checked_count(count: int) -> int:
    if isinstance(count, bool) or not isinstance(count, int):
        raise HeadcountError("A head-count is a whole number of hires.")
    if count < 1:
        raise HeadcountError(f"A head-count has to be at least one hire, not {count}.")
    if count > MAX_HEADCOUNT:
        raise HeadcountError(f"{count} hires is more than I'll budget at once (at most {MAX_HEADCOUNT}).")
    return count


def budget(lines: Sequence[tuple[PayQuote, int]]) -> PayBudget:
    """The total for ``(quote, head-count)`` pairs; ``HeadcountError`` for a count below one or above the cap."""
    if not lines:
        raise HeadcountError("Nothing to budget: name at least one hire.")
    checked = tuple(BudgetLine(quote=quote, count=_checked_count(count)) for quote, count in lines)
    low = sum(line.count * line.quote.low_k for line in checked)
    high = sum(line.count * line.quote.high_k for line in checked)
    rules = [
        f"{line.count} x {money(_k(line.quote.low_k))} = {money(_k(line.count * line.quote.low_k))}; "
        f"{line.count} x {money(_k(line.quote.high_k))} = {money(_k(line.count * line.quote.high_k))}"
        for line in checked
    ]
    if len(checked) > 1:
        rules.append(f"total {money(_k(low))} to {money(_k(high))}")
    lower_cost: tuple[int, int] | None = None
    if all(line.quote.lower_cost_k is not None for line in checked):
        lower_cost = (
            sum(line.count * line.quote.lower_cost_k[0] for line in checked if line.quote.lower_cost_k),
            sum(line.count * line.quote.lower_cost_k[1] for line in checked if line.quote.lower_cost_k),
        )
    return PayBudget(lines=checked, low_k=low, high_k=high, lower_cost_k=lower_cost, rules=tuple(rules))


class PayMidpoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["midpoint"] = "midpoint"
    quote: PayQuote
    midpoint: int = Field(description="dollars, rounded to the nearest thousand")
    exact: int = Field(description="dollars, before rounding")
    rules: tuple[str, ...]

    def dollar_figures(self) -> frozenset[int]:
        return frozenset(_quote_figures(self.quote) | {self.midpoint, self.exact})


def midpoint(quote: PayQuote) -> PayMidpoint:
    exact = _k(quote.low_k + quote.high_k) // 2  # whole dollars: a sum of thousands halves exactly
    rounded = round_to_thousand(exact)
    rule = f"({money(_k(quote.low_k))} + {money(_k(quote.high_k))}) / 2 = {money(exact)}"
    if rounded != exact:
        rule += f", rounded to {money(rounded)}"
    return PayMidpoint(quote=quote, midpoint=rounded, exact=exact, rules=(rule,))


class Verdict(StrEnum):
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


class PayCheck(BaseModel):
    """An amount set against a band (times a head-count): below, within or above it, and by how much."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["check"] = "check"
    amount: int = Field(description="dollars a year, as the person gave it")
    quote: PayQuote
    count: int = 1
    low: int
    high: int
    verdict: Verdict
    gap: int = Field(description="dollars outside the band (0 within it), rounded to the nearest thousand")
    plausible: bool = Field(description="False when the amount can't be a year's pay (e.g. $5)")
    rules: tuple[str, ...]

    def dollar_figures(self) -> frozenset[int]:
        exact_gap = self.low - self.amount if self.verdict is Verdict.BELOW else self.amount - self.high
        return frozenset(_quote_figures(self.quote) | {self.amount, self.low, self.high, self.gap, abs(exact_gap)})


def check(amount: int, quote: PayQuote, count: int = 1) -> PayCheck:
    """Where ``amount`` (dollars a year, for ``count`` hires together) falls against the band."""
    count = _checked_count(count)
    low, high = _k(count * quote.low_k), _k(count * quote.high_k)
    rules: list[str] = []
    if count > 1:
        rules.append(f"{count} x {money(_k(quote.low_k))} to {money(_k(quote.high_k))} = {money(low)} to {money(high)}")
    if amount < low:
        verdict, exact = Verdict.BELOW, low - amount
        rules.append(f"{money(low)} - {money(amount)} = {money(exact)} short of the low end")
    elif amount > high:
        verdict, exact = Verdict.ABOVE, amount - high
        rules.append(f"{money(amount)} - {money(high)} = {money(exact)} over the top")
    else:
        verdict, exact = Verdict.WITHIN, 0
        rules.append(f"{money(low)} <= {money(amount)} <= {money(high)}")
    gap = round_to_thousand(exact)
    if gap != exact:
        rules[-1] += f", about {money(gap)}"
    per_hire = amount / count
    plausible = PLAUSIBLE_YEARLY_PAY[0] <= per_hire <= PLAUSIBLE_YEARLY_PAY[1]
    return PayCheck(
        amount=amount,
        quote=quote,
        count=count,
        low=low,
        high=high,
        verdict=verdict,
        gap=gap,
        plausible=plausible,
        rules=tuple(rules),
    )


class PayShift(BaseModel):
    """A band moved by a percentage ("15% above the senior ML range"), each end rounded to the nearest thousand."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["shift"] = "shift"
    quote: PayQuote
    percent: Decimal = Field(description="positive above the band, negative below it")
    low: int
    high: int
    exact: tuple[Decimal, Decimal] = Field(description="dollars, before rounding")
    rules: tuple[str, ...]

    def dollar_figures(self) -> frozenset[int]:
        exact = {int(value) for value in self.exact if value == value.to_integral_value()}
        return frozenset(_quote_figures(self.quote) | {self.low, self.high} | exact)


def shift(quote: PayQuote, percent: Decimal) -> PayShift:
    """``quote``'s band ``percent`` above (or, negative, below) itself."""
    factor = 1 + percent / 100
    exact = (Decimal(_k(quote.low_k)) * factor, Decimal(_k(quote.high_k)) * factor)
    low, high = round_to_thousand(exact[0]), round_to_thousand(exact[1])
    rules = tuple(
        f"{money(_k(end))} x {factor.normalize():f} = {_exact_money(value)}"
        + ("" if value == rounded else f", rounded to {money(rounded)}")
        for end, value, rounded in ((quote.low_k, exact[0], low), (quote.high_k, exact[1], high))
    )
    return PayShift(quote=quote, percent=percent, low=low, high=high, exact=exact, rules=rules)


def _exact_money(value: Decimal) -> str:
    whole = value.to_integral_value(rounding=ROUND_HALF_UP)
    return money(int(whole)) if whole == value else f"${value.normalize():,f}"


PayMath = Annotated[PayDifference | PayBudget | PayMidpoint | PayCheck | PayShift, Field(discriminator="kind")]
