"""Which dollar figures an answer may contain: the guide's own, and whatever its pay rules can produce.

Used to check every answer for invented numbers, in the golden set and on anything a language model writes.
"""

from __future__ import annotations

from knowledge.guide import GUIDE
from knowledge.money import money_amounts
from knowledge.pay import PayCalculator

ALLOWED_DOLLARS = frozenset({250, 400})  # the contractor's hourly rate


def allowed_thousands(calculator: PayCalculator) -> frozenset[int]:
    stated = {GUIDE.agentic_premium.amount_k, 200}  # the premium, and the $200K founders wasted (Play 1)
    return calculator.every_possible_figure() | stated


def invented_figures(text: str, allowed_k: frozenset[int], derived: frozenset[int] = frozenset()) -> list[str]:
    """Money in ``text`` (read by ``knowledge.money``, every way people write it) that neither the guide nor its
    rules produce.

    ``derived`` holds whole-dollar amounts that this one answer's own arithmetic produced or was given (a
    difference, a total, the amount asked about): those may appear too. Other answers pass nothing, so their
    check is unchanged."""
    bad = []
    for money in money_amounts(text):
        amount = money.amount
        thousands, whole = divmod(amount, 1000)
        allowed = amount in derived or (whole == 0 and thousands in allowed_k) or amount in ALLOWED_DOLLARS
        if money.currency != "USD" or not allowed:
            bad.append(money.written)
    return bad
