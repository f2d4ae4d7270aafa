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


def invented_figures(text: str, allowed_k: frozenset[int]) -> list[str]:
    """Dollar amounts in ``text`` that neither the guide nor its rules produce."""
    bad = [f"${m}K" for m in THOUSANDS.findall(text) if int(m.replace(",", "")) not in allowed_k]
    bad += [f"${m}" for m in DOLLARS.findall(text) if int(m.replace(",", "")) not in ALLOWED_DOLLARS]
    return bad
