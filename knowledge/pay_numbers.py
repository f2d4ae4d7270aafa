"""Numbers in a pay question: amounts of pay ("150k", "$150K", "150,000", "$1.2M", "150 grand") and
head-counts ("three mid AI engineers", "2x senior mles"), leaving out the years, funding and hourly rates that
are neither. Read by ``knowledge.pay_asks``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict

AMOUNT = re.compile(
    r"(?<![\w.,$-])(?P<neg>-\s?)?(?P<dollar>\$\s?)?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<unit>k|m|mm|mil|million|thousand|grand)\b|(?![\w%]))",
    re.IGNORECASE,
)
NOT_PAY_AFTER = re.compile(
    r"\s*(?:/\s?h|/\s?hr|/\s?hour|an hour|per hour|hourly|a month|per month|/\s?mo|%|percent|years?|yrs?|yoe|"
    r"months?|weeks?|days?|hours?|people|person|engineers?|engs?|hires?|folks|devs?|mles?|x\b|of them|"
    r"arr|mrr|in revenue|revenue|valuation|seed|series|round|raised?|pre|in the bank|runway|users?|customers?|"
    r"employees?|gpus?|tokens?|params?|parameters?|b\b|billion)",
)
FUNDING_BEFORE = re.compile(
    r"(?:raised|raise|raising|round|seed|series [a-c]|funding|runway|valuation|arr|mrr|revenue|bank|burn|"
    r"wasted|burned|lost|spent|invested|valued)\W+(?:\w+\W+){0,2}$"
)
COUNT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "couple": 2, "pair": 2, "a": 1, "an": 1,
}  # fmt: skip
COUNT = re.compile(
    r"(?<![\w$.,])(?P<count>(?:minus |negative |-\s?)?\d+|(?:a )?(?:couple|pair|dozen)|zero|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|a|an)(?: of)?(?: ?x)?\s+"
    r"(?P<rest>(?:(?:more|new|additional|extra|full time|fulltime|remote|founding|applied|machine learning|gen|"
    r"strong|good|great|experienced|us|us based|onsite|in person)\s+){0,3})"
    r"(?P<noun>(?:ai|ml|llm|genai|research|juniors?|jrs?|mids?|mid level|midlevel|seniors?|srs?|snr|staff|principal|"
    r"lead|mles?|researchers?|engineers?|engs?|hires?|devs?|people|folks|them|those)\b)"
)
COUNT_NOT_AFTER = re.compile(r"(?:have|has|had|got|already|currently|with|of|out of|among|than)\s+$")
ROLE_OR_LEVEL_WORD = re.compile(
    r"\b(?:ai|ml|llm|genai|research|researchers?|junior|jr|mid|midlevel|senior|sr|snr|staff|principal|lead|mles?)\b"
)


def read_amounts(text: str, *, bare_thousands: bool = True) -> list[tuple[int, str, bool]]:
    """Pay amounts in ``text`` (already lowercased) as ``(dollars, as typed, unit assumed)``: "150k", "$150K",
    "150,000", "$1.2M", "150 grand". Hourly rates, funding, head-counts and years are left out; a bare number
    from 20 to 999 is read as thousands (unit assumed) if ``bare_thousands``, else left out."""
    found: list[tuple[int, str, bool]] = []
    for match in AMOUNT.finditer(text):
        if NOT_PAY_AFTER.match(text, match.end()) or FUNDING_BEFORE.search(text, 0, match.start()):
            continue
        try:
            number = Decimal(match["number"].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        unit = (match["unit"] or "").lower()
        assumed = False
        if unit in ("k", "thousand", "grand"):
            number *= 1000
        elif unit in ("m", "mm", "mil", "million"):
            number *= 1_000_000
        elif not match["dollar"]:
            if number >= 10_000:
                pass
            elif bare_thousands and 20 <= number < 1000 and number == number.to_integral_value():
                number, assumed = number * 1000, True
            else:
                continue
        if match["neg"]:
            number = -number
        found.append((int(number), match.group(0).strip(), assumed))
    return found


BREAKDOWN = re.compile(
    r"(?<![\w$.,])(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?: of (?:them|those))?\s+"
    r"(?=(?:in|at|from|based|remote|onsite|on site|in person|out of)\b)"
)


def read_breakdown(count: HeadCount) -> list[tuple[int, str]]:
    """How a head-count splits by place ("2 staff AI engineers: one in SF, one remote") as ``(count, words)``;
    empty unless there are two parts or more and they add up to the head-count."""
    matches = list(BREAKDOWN.finditer(count.words))
    parts = [
        (count_number(m["count"]), count.words[m.end() : matches[i + 1].start() if i + 1 < len(matches) else None])
        for i, m in enumerate(matches)
    ]
    return parts if len(parts) > 1 and sum(n for n, _ in parts) == count.count else []


def count_number(word: str) -> int:
    """A head-count as typed ("3", "three", "a couple") as a number."""
    word = word.replace("minus ", "-").replace("negative ", "-").removeprefix("a ").replace(" ", "")
    return COUNT_WORDS[word] if word in COUNT_WORDS else int(word)


class HeadCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    count: int
    words: str  # what follows the count, up to the next one: the kind of hire
    article: bool = False  # "a senior AI engineer": one, but only a count beside other counts


def read_counts(text: str) -> list[HeadCount]:
    """Head-counts followed by a kind of hire ("three mid AI engineers", "2x senior mles", "-1 hires")."""
    matches = [m for m in COUNT.finditer(text) if not COUNT_NOT_AFTER.search(text, 0, m.start())]
    found: list[HeadCount] = []
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        words = text[match.start("rest") : end]
        if match["rest"].startswith(("a ", "an ", "the ")):
            continue  # "4 a founding engineer" is "for", not four
        article = match["count"] in ("a", "an")
        if article and not ROLE_OR_LEVEL_WORD.search(f"{match['rest']}{match['noun']}"):
            continue
        if match["noun"] in ("them", "those") and found:
            # "five seniors, three of them in NYC": part of the count before it (see ``read_breakdown``)
            found[-1] = found[-1].model_copy(update={"words": found[-1].words + text[match.start() : end]})
            continue
        found.append(HeadCount(count=count_number(match["count"]), words=words, article=article))
    return found
