"""Decisions read from what a founder describes: which role a product needs, whether to build it yourself, what
a wrong hire costs, and which of the guide's interview signals a described candidate shows.

``decide`` runs before the rest of ``knowledge.engine.resolve``: it returns a ``Query`` when a message is one of
these decisions and ``None`` otherwise, so every other question is resolved exactly as before. Pure and fast:
every pattern is compiled once at import, and reading a message is a handful of regex searches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from knowledge import decision_cues as cues
from knowledge.level_choice import LEVEL_CHOICE, level_choice_query, levels_weighed
from knowledge.models import Role
from knowledge.query import Query
from knowledge.signals import Verdict, described_signs
from knowledge.understanding import ParsedText, Product, Topic, main_topic

FIRST_HIRE = "first-hire"
WRONG_HIRE = "wrong-hire"
FOUNDER_LED = "founder-led"
SIGN_PREFIX = "sign:"
DECIDED_SUBJECTS = (FIRST_HIRE, WRONG_HIRE, FOUNDER_LED, SIGN_PREFIX, LEVEL_CHOICE)


class Leaning(StrEnum):
    """What the product description says the first hire builds."""

    AI = "foundation"  # products on top of foundation models
    ML = "moat"  # the model itself
    BOTH = "both"  # as much of one as of the other


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) + ("" if p.endswith("s") or not p[-1].isalpha() else "s?") for p in ordered)
    return re.compile(rf"(?<![a-z0-9'])(?:{alternatives})(?![a-z0-9'])")


def _weighted(table: dict[str, int]) -> tuple[tuple[re.Pattern[str], int], ...]:
    weights = sorted(set(table.values()), reverse=True)
    return tuple((_phrases([p for p, w in table.items() if w == weight]), weight) for weight in weights)


AI_PRODUCT = _weighted(cues.BUILDS_ON_MODELS)
ML_PRODUCT = _weighted(cues.BUILDS_MODELS)
RESEARCH = _phrases(cues.NEEDS_RESEARCH)
DECISION_ASK = _phrases(cues.DECISION_ASKS)
_AI, _ML, _OR = (
    "(?:" + "|".join(map(re.escape, words)) + ")" for words in (cues.AI_WORDS, cues.ML_WORDS, cues.CHOICE_WORDS)
)
ROLE_CHOICE = re.compile(
    rf"\b(?:{_AI}(?: engineers?)? {_OR} (?:an? )?{_ML}|{_ML}(?: engineers?)? {_OR} (?:an? )?{_AI})\b"
)
OTHER_ASK = _phrases(cues.OTHER_ASKS)
WRONG = _phrases(cues.WRONG_HIRE)
PAST_HIRE = _phrases(cues.PAST_HIRE)
GOT_IT_WRONG = re.compile(
    r"\b(?:get|gets|getting|got|pick|picks|picking|picked|choose|choosing|chose)\b(?: [a-z0-9']+){0,5} "
    r"(?:(?:hire|role|engineer|eng|person|one)(?: [a-z0-9']+){0,2} wrong|wrong (?:one|hire|role|engineer|eng|person|"
    r"kind|type))\b"
)
MISMATCH = _phrases(cues.MISMATCH)
TECHNICAL = _phrases(cues.TECHNICAL_FOUNDER)
SMALL = _phrases(cues.SMALL_FEATURE)
MYSELF = _phrases(cues.BUILD_IT_MYSELF)
SMALL_TASK = _phrases(cues.SMALL_TASKS)
HIRE_ASK = re.compile(r"\b(?:hire someone|hire anyone|need to hire|should (?:i|we) hire|do (?:i|we) (?:need|hire))\b")
BUILD_ALONE = re.compile(r"\b(?:build|do|make|write|code|hack|ship)\b(?: [a-z0-9']+){0,6} (?:myself|ourselves)\b")
# With a described candidate, the message may still really ask about pay, sourcing or contracting.
ASKS_ELSEWHERE = re.compile(
    r"(?<!\bby )\b(?:how much|salary|salaries|pay|paid|comp|compensation|equity|where (?:do|can|should) (?:i|we) find|"
    r"find (?:more|them|candidates|people|someone)|sourcing|recruiters?|recruiting|contract|contractors?|freelanc\w*)\b"
)
QUESTIONS_ASK = re.compile(
    r"\b(?:what|which|good|best|some|any|give me|list|suggest)\b(?: [a-z0-9']+){0,4} questions?\b|"
    r"\bquestions? (?:to ask|should i|should we|for (?:an?|the|them|him|her|my|our))\b"
)
NEGATED = re.compile(
    r"(?:\b(?:no|not|never|without|don't|dont|won't|wont|aren't|arent|isn't|isnt|zero|nothing)\b(?: [a-z0-9']+){0,2} )$"
)


def _score(text: str, weighted: tuple[tuple[re.Pattern[str], int], ...]) -> int:
    """The weight of every cue the text names, once each, leaving out negated ones ("we don't train models")."""
    score = 0
    seen: set[str] = set()
    for pattern, weight in weighted:
        for match in pattern.finditer(text):
            if match.group(0) in seen or NEGATED.search(text[: match.start()]):
                continue
            seen.add(match.group(0))
            score += weight
    return score


def scores(text: str) -> tuple[int, int]:
    """How strongly the normalised text describes building on foundation models, and building models."""
    return _score(text, AI_PRODUCT), _score(text, ML_PRODUCT)


def leaning(text: str) -> Leaning | None:
    """Which role the described product needs, from the normalised text, or None if it describes no product."""
    return _leaning(*scores(text))


def _leaning(ai: int, ml: int) -> Leaning | None:
    if ai == ml == 0:
        return None
    if ai == ml:
        return Leaning.BOTH
    return Leaning.AI if ai > ml else Leaning.ML


def needs_research(text: str) -> bool:
    return RESEARCH.search(text) is not None


def asks_for_decision(text: str) -> bool:
    return DECISION_ASK.search(text) is not None or ROLE_CHOICE.search(text) is not None


def is_wrong_hire(text: str) -> bool:
    """ "We hired the wrong one", or a hire described as not fitting the work ("we hired an ML engineer but ...")."""
    if WRONG.search(text) or GOT_IT_WRONG.search(text):
        return True
    past = PAST_HIRE.search(text)
    return past is not None and MISMATCH.search(text, past.end()) is not None and leaning(text) is not None


def is_founder_led(text: str) -> bool:
    """Play 1: a technical founder with a small retrieval or classification feature, or asking to build it alone."""
    technical = TECHNICAL.search(text) is not None
    alone = MYSELF.search(text) is not None or BUILD_ALONE.search(text) is not None
    if technical and SMALL_TASK.search(text) and HIRE_ASK.search(text):
        return True  # "I'm an ex-SWE founder, we just need to auto-tag support emails. hire someone?"
    if technical and SMALL.search(text) and (SMALL_TASK.search(text) or alone or asks_for_decision(text)):
        return True
    return alone and (technical or SMALL_TASK.search(text) is not None)


def _product(leaned: Leaning | None) -> Product | None:
    return "foundation" if leaned is Leaning.AI else "moat" if leaned is Leaning.ML else None


def _recommended(leaned: Leaning | None, text: str) -> tuple[Role, ...]:
    if leaned is Leaning.AI:
        return (Role.AI_ENGINEER,)
    if leaned is Leaning.ML:
        return (Role.ML_ENGINEER, Role.RESEARCH_ENGINEER) if needs_research(text) else (Role.ML_ENGINEER,)
    return (Role.AI_ENGINEER, Role.ML_ENGINEER) if leaned is Leaning.BOTH else ()


def decide(parsed: ParsedText, previous: Query | None) -> Query | None:
    """The decision a message asks for, with its conversation, or None when it is not one of these decisions.

    What the product does is read from the whole message; what is being asked (a decision, or something else such
    as interview questions or a contractor) from the sentence that asks, when a long message has one.
    """
    text = parsed.text
    asked = parsed.asked or text
    topic = main_topic(parsed)
    signs = described_signs(text)
    wants_questions = topic is Topic.INTERVIEW and QUESTIONS_ASK.search(asked) is not None
    if signs and not (ASKS_ELSEWHERE.search(asked) or wants_questions or DECISION_ASK.search(asked)):
        return Query(
            topic=Topic.RED_FLAGS if signs[0].verdict is not Verdict.GOOD_SIGN else Topic.SIGNALS,
            roles=parsed.roles or (previous.roles if previous is not None else ()),
            subject=SIGN_PREFIX + ",".join(s.key for s in signs[:2]),
        )
    levels = levels_weighed(parsed)
    if levels:
        return level_choice_query(parsed, levels)
    ai, ml = scores(text)
    leaned = _leaning(ai, ml)
    if OTHER_ASK.search(asked) or (leaned is None and OTHER_ASK.search(text)):
        return None  # with no product described, "what should we do?" asks about whatever else the message says
    if is_wrong_hire(text):
        needed = _recommended(leaned, text) if leaned in (Leaning.AI, Leaning.ML) else parsed.roles
        return Query(topic=Topic.ROLES, subject=WRONG_HIRE, roles=needed, product=_product(leaned))
    if is_founder_led(text):
        return Query(topic=Topic.PLAYS, subject=FOUNDER_LED, roles=parsed.roles, location=parsed.location)
    undecided_before = previous is not None and previous.subject == FIRST_HIRE and previous.topic is Topic.ROLES
    if asks_for_decision(asked):
        if leaned is None and (topic is Topic.PAY or not DECISION_ASK.search(asked)):
            return None  # "which one pays more?", or "AI or ML engineer?" alone: the comparison answers those
    elif not (max(ai, ml) >= 2 and topic in (None, Topic.ROLES) and (previous is None or undecided_before)):
        return None
    elif parsed.level is not None or (parsed.roles and not undecided_before):
        return None  # "senior AI engineer who shipped agents" describes a hire to price, not a product
    location = parsed.location or (previous.location if undecided_before and previous is not None else None)
    return Query(
        topic=Topic.ROLES,
        subject=FIRST_HIRE,
        roles=_recommended(leaned, text),
        level=parsed.level if parsed.asked is None else None,  # a level in a ramble's other sentences is an aside
        location=location,
        product=_product(leaned),
        follow_up=undecided_before,
    )


def settled(previous: Query | None) -> Query | None:
    """The last query as context for a message that is not itself a decision: a decision's subject and product
    are done with, so "and for ML?" after a recommendation is about ML engineers, not the same recommendation."""
    if previous is None or not (previous.subject or "").startswith(DECIDED_SUBJECTS):
        return previous
    return previous.model_copy(update={"subject": None, "product": None})
