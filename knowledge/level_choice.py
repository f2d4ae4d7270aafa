"""Which level to hire at, when a message weighs two ("we can afford a staff or a mid one, which?"): the guide
calls a mid-level AI engineer the sweet spot for most seed and Series A teams and warns against underpaying the
first AI hire; staff engineers are rare and set direction across teams. Each option is shown with its band."""

from __future__ import annotations

import re
from typing import Final

from knowledge.guide import GUIDE
from knowledge.models import Level, Role, Section
from knowledge.pay import Location, PayCalculator, PayQuote, request_title
from knowledge.query import Answer, Query
from knowledge.understanding import LEVEL_PATTERNS, ParsedText, Topic

LEVEL_CHOICE: Final = "level-choice:"
CHOOSING: Final = re.compile(
    r"\b(?:which (?:one|level|should|would|is better|makes sense)|which$|what level|"
    r"should (?:we|i) (?:get|hire|go|pick|choose|take|bring)|(?:go|going) (?:for|with)|better|or should)"
)
NAMES_PAY: Final = re.compile(r"\b(?:how much|salary|salaries|pay|cost|costs|budget|difference|diff|more expensive)\b")
ORDER: Final = (Level.JUNIOR, Level.MID, Level.SENIOR, Level.STAFF)


def levels_weighed(parsed: ParsedText) -> tuple[Level, ...]:
    """The levels a message asks to choose between, lowest first; empty unless it names two or more and asks
    which to hire (not what they cost)."""
    asked = parsed.asked or parsed.text
    if not CHOOSING.search(asked) or NAMES_PAY.search(asked):
        return ()
    named = tuple(level for level in ORDER if LEVEL_PATTERNS[level].search(parsed.text))
    return named if len(named) >= 2 else ()


def level_choice_query(parsed: ParsedText, levels: tuple[Level, ...]) -> Query:
    return Query(
        topic=Topic.ROLES,
        subject=LEVEL_CHOICE + ",".join(level.value for level in levels),
        roles=parsed.roles[:1] or (Role.AI_ENGINEER,),
        location=parsed.location,
    )


def _pick(role: Role, levels: tuple[Level, ...]) -> tuple[Level | None, str]:
    """The level the guide's advice points to, and why; None when it doesn't rank them (ML levels)."""
    if role is not Role.AI_ENGINEER:
        return None, ""
    if Level.MID in levels:
        return Level.MID, "the guide's sweet spot for most seed and Series A teams"
    if levels[0] is Level.JUNIOR:
        return levels[1], "not the junior: underpaying a first AI hire costs months on the wrong architecture"
    return (
        Level.SENIOR,
        "unless you need someone to set technical direction across several teams, which is the staff role",
    )


def compose_level_choice(query: Query, calculator: PayCalculator) -> Answer:
    levels = tuple(Level(value) for value in (query.subject or "").removeprefix(LEVEL_CHOICE).split(",") if value)
    role = query.roles[0] if query.roles else Role.AI_ENGINEER
    location = query.location or Location.us()
    lines: list[str] = []
    figures: list[PayQuote] = []
    for level in levels:
        title = request_title(role, level)
        bands = calculator.bands_for(role, level)
        if not bands:
            lines.append(f"\u2022 {title[0].upper()}{title[1:]}: the guide has no band at this level.")
            continue
        quote = calculator.apply(bands[0], location)
        figures.append(quote)
        lines.append(f"\u2022 {bands[0].title}: {quote.range_text}. {bands[0].profile}")
    chosen, why = _pick(role, levels)
    if chosen is None:
        lead = f"The guide doesn't rank {role.noun} levels for a startup's hire; what each brings and costs:"
    else:
        lead = f"Go for the {request_title(role, chosen)}, {why}."
    body = ["\n".join(lines)]
    if chosen is not None and Level.JUNIOR in levels:
        body.append(GUIDE.underpay.alternative)
    return Answer.of(query, lead, body, (Section.SALARIES,), figures=tuple(figures))
