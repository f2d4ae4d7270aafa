"""Money as people write it, and the check that a model's text quotes only amounts it was given.

Every way the amounts show up in a reply is read: ``$350K``, ``$350,000``, ``350k`` (no sign), ``USD 950K``,
``950K USD``, ``€700K``, ``EUR 700K``, ``£90K``, ``1.2 million dollars``, ``350 thousand``, and ranges whose
first end borrows the second's unit and currency (``$140-180K``, ``140 to 180 thousand``). Without a currency
only thousands are money ("350k", "350 thousand"): "3 interviews", "2026" and "70 billion parameters" are not.

``unchecked_figures`` is strict: an amount passes only if it is in US dollars and in ``allowed``, the whole-dollar
figures this one exchange was handed (its tool results and the offline answer to the same question). So a real
band quoted for the wrong role fails, because this exchange's tools never returned it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CURRENCY_BEFORE = r"(?P<before>US\$|\$|€|£|(?:USD|EUR|GBP)\s?)"
_UNIT = r"(?P<unit>\s?(?:thousand|million|billion|mn|bn)\b|[kKmM]\b)"
_CURRENCY_AFTER = r"(?P<after>\s?(?:USD|EUR|GBP|dollars?|euros?|pounds?)\b)"
AMOUNT = re.compile(rf"(?<![\w.,]){_CURRENCY_BEFORE}?(?P<number>{NUMBER}){_UNIT}?{_CURRENCY_AFTER}?", re.IGNORECASE)
RANGE_JOIN = re.compile(r"^\s*(?:-|\u2013|\u2014|to|and)\s*$", re.IGNORECASE)  # hyphen, en and em dash
UNITS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "mn": 1_000_000}
UNITS |= {"bn": 1_000_000_000, "billion": 1_000_000_000}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD"}
CURRENCIES |= {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR"}
CURRENCIES |= {"£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP"}


@dataclass(frozen=True)
class Money:
    written: str
    amount: int  # whole units of ``currency``
    currency: str


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    written: str
    number: Decimal
    unit: str | None
    currency: str | None


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in AMOUNT.finditer(text):
        try:
            number = Decimal(match["number"].replace(",", ""))
        except InvalidOperation:
            continue
        unit = match["unit"].strip().lower() if match["unit"] else None
        marker = (match["before"] or match["after"] or "").strip().lower()
        currency = CURRENCIES.get(marker) if marker else None
        tokens.append(_Token(match.start(), match.end(), match.group(0).strip(), number, unit, currency))
    return tokens


def money_amounts(text: str) -> list[Money]:
    """Every amount of money in ``text``, in the order written, each converted to whole units."""
    tokens = _tokens(text)
    found: list[Money] = []
    for index, token in enumerate(tokens):
        unit, currency = token.unit, token.currency
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if unit is None and following is not None and RANGE_JOIN.match(text[token.end : following.start]):
            unit, currency = following.unit, currency or following.currency  # "$140-180K": both ends in thousands
        if currency is None and unit not in ("k", "thousand"):
            continue  # a count, a year or "70 billion parameters": money without a currency is written "350k"
        amount = int((token.number * UNITS.get(unit or "", 1)).to_integral_value())
        found.append(Money(token.written, amount, currency or "USD"))
    return found


def dollar_figures(text: str) -> frozenset[int]:
    """The whole-dollar amounts in ``text`` (a tool result, the offline answer): what a reply may quote."""
    return frozenset(money.amount for money in money_amounts(text) if money.currency == "USD")


def unchecked_figures(text: str, allowed: frozenset[int]) -> list[str]:
    """Amounts in ``text`` that aren't US dollars from ``allowed``, as written."""
    return [money.written for money in money_amounts(text) if money.currency != "USD" or money.amount not in allowed]
