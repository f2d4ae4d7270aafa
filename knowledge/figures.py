"""Which dollar figures an answer may contain: the guide's own, and whatever its pay rules can produce.

Used to check every answer for invented numbers, in the golden set and on anything a language model writes.
"""

from __future__ import annotations

import re

from knowledge.guide import GUIDE
from knowledge.pay import PayCalculator

THOUSANDS = re.compile(r"\$(\d[\d,]*)[Kk]\b")
DOLLARS = re.compile(r"\$(\d[\d,]*)(?![\d,]*[Kk])")
ALLOWED_DOLLARS = frozenset({250, 400})  # the contractor's hourly rate


def allowed_thousands(calculator: PayCalculator) -> frozenset[int]:
    stated = {GUIDE.agentic_premium.amount_k, 200}  # the premium, and the $200K founders wasted (Play 1)
    return calculator.every_possible_figure() | stated


def invented_figures(text: str, allowed_k: frozenset[int], derived: frozenset[int] = frozenset()) -> list[str]:
    """Dollar amounts in ``text`` that neither the guide nor its rules produce.

    ``derived`` holds whole-dollar amounts that this one answer's own arithmetic produced or was given (a
    difference, a total, the amount asked about): those may appear too. Other answers pass nothing, so their
    check is unchanged."""
    bad = [
        f"${m}K"
        for m in THOUSANDS.findall(text)
        if int(m.replace(",", "")) not in allowed_k and int(m.replace(",", "")) * 1000 not in derived
    ]
    bad += [
        f"${m}"
        for m in DOLLARS.findall(text)
        if int(m.replace(",", "")) not in ALLOWED_DOLLARS and int(m.replace(",", "")) not in derived
    ]
    return bad
