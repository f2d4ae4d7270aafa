"""Free text to a structured question: which topic, and the role, level, place and agentic flag it names.

Deterministic and fast (tens of microseconds): normalise, fix typos against the domain vocabulary, then
match cue phrases. Nothing here knows about conversations; ``knowledge.engine`` merges follow-ups.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge import decision_cues
from knowledge import vocabulary as v
from knowledge.models import Level, Role
from knowledge.pay import Location, Place


class Topic(StrEnum):
    PAY = "pay"
    ROLES = "roles"
    INTERVIEW = "interview"
    RED_FLAGS = "red_flags"
    SIGNALS = "signals"
    SOURCING = "sourcing"
    PLAYS = "plays"
    EQUITY = "equity"
    UNDERPAY = "underpay"
    UNKNOWN = "unknown"


Product = Literal["foundation", "moat"]

# When several topics are named, the more specific advice wins; pay and roles are decided last.
TOPIC_PRIORITY: tuple[Topic, ...] = (
    Topic.UNDERPAY,
    Topic.EQUITY,
    Topic.INTERVIEW,
    Topic.RED_FLAGS,
    Topic.SIGNALS,
    Topic.SOURCING,
    Topic.PLAYS,
)


class ParsedText(BaseModel):
    """What one message says on its own, before any conversation context."""

    model_config = ConfigDict(frozen=True)

    text: str
    topics: frozenset[Topic]
    roles: tuple[Role, ...] = ()
    level: Level | None = None
    location: Location | None = None
    agentic: bool | None = None
    roles_subject: str | None = None
    product: Product | None = None
    follow_up_opener: bool = False
    corrections: tuple[tuple[str, str], ...] = ()
    asked: str | None = None  # in a message of several sentences, the one that asks (``knowledge.rambles``)

    @property
    def has_slots(self) -> bool:
        return bool(self.roles) or self.level is not None or self.location is not None or self.agentic is not None


SLACK_MARKUP = re.compile(r"<[@#!][^>]*>|<(?:https?|mailto):[^>]*>|:[a-z0-9_+-]+:")
# A label that opens a line or sentence ("*question*: what's the range ...", "context: ..."): not a topic word.
LABEL = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*[*_]*(?:question|q|context|background|tl;?dr|ask|update|fyi|note|ps)[*_]*\s*:(?!\d)",
    re.IGNORECASE,
)
NON_WORD = re.compile(r"[^a-z0-9$%+']+")
YEARS = re.compile(r"\b(\d{1,2}(?:\.\d)?)(?: ?(?:to|-|\u2013) ?\d{1,2})? ?(?:\+|plus)? ?(?:years?|yrs?|yoe)\b")
# Years that are not someone's experience: a span of work or time ("2 years of work", "for 2 years", "in 2 years").
NOT_EXPERIENCE = re.compile(
    r"(?:\b(?:for|in|within|over|next|last|past|about|around|after)\s+(?:the\s+)?(?:next\s+)?$)"
)
NOT_EXPERIENCE_AFTER = re.compile(
    r"\s*(?:of (?:work|runway|funding|roadmap|projects?|contract)|ago|from now|left|runway)\b"
)
UNCERTAIN = re.compile(r"\b(?:not sure|unsure|whether|maybe|might|don't know|dont know|no idea)\b")
REGION_WORDS = re.compile(r"\b(?:region|area|city|state|place|town|col)s?\b")
COMPARISON = re.compile(r"\b(?:vs|versus|or|and|compared?)\b")
US_ABBREVIATION = re.compile(r"\bU\.?S\.?A?\b")


def _phrase_regex(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) + ("" if p.endswith("s") or not p[-1].isalpha() else "s?") for p in ordered)
    return re.compile(rf"(?<![a-z0-9'])(?:{alternatives})(?![a-z0-9'])")


ROLE_PATTERNS = {Role(key): _phrase_regex(cues) for key, cues in v.ROLE_CUES.items()}
SENIORITY_DOUBT = re.compile(
    r"\b(?:(?:actually|really|truly|genuinely|legitimately|properly) senior|senior enough|how senior|"
    r"(?:fake|real|true|actual|genuine|legit) senior|(?:spot|tell|recognise|recognize) (?:a |an )?senior|"
    r"(?:is|are) (?:she|he|they|one|someone|the candidate|a candidate) (?:\w+ )?senior)\b"
)
INSTEAD = re.compile(r"\b(?:instead|rather|switch(?:ed|ing)? to|settle(?:d)? for|downgrad\w*|upgrad\w*)\b")
APPLIED_ML = re.compile(r"\bapplied (?:ml|mles?|machine learning)\b")
LEVEL_PATTERNS = {Level(key): _phrase_regex(cues) for key, cues in v.LEVEL_CUES.items()}
TOPIC_PATTERNS = {Topic(key): _phrase_regex(cues) for key, cues in v.TOPIC_CUES.items()}
SUBJECT_PATTERNS = {key: _phrase_regex(cues) for key, cues in v.ROLES_SUBJECT_CUES.items()}
PRODUCT_PATTERNS = {key: _phrase_regex(cues) for key, cues in v.PRODUCT_CUES.items()}
HIGH_COST_PATTERN = _phrase_regex(list(v.HIGH_COST_PLACES))
OTHER_US_PATTERN = _phrase_regex(v.OTHER_US_PLACES)
OUTSIDE_US_PATTERN = _phrase_regex(v.OUTSIDE_US_PLACES)
LOW_COST_PATTERN = _phrase_regex(v.LOW_COST_CUES)
REMOTE_PATTERN = _phrase_regex(v.REMOTE_CUES)
AGENTIC_PATTERN = _phrase_regex(v.AGENTIC_CUES)
NEGATION_PATTERN = _phrase_regex(v.NEGATIONS)
FOLLOW_UP_PATTERN = re.compile(r"^(?:" + "|".join(re.escape(o) for o in v.FOLLOW_UP_OPENERS) + r")(?![a-z0-9'])")


def _all_cue_words() -> frozenset[str]:
    phrases: list[str] = []
    for table in (v.ROLE_CUES, v.LEVEL_CUES, v.TOPIC_CUES, v.ROLES_SUBJECT_CUES, v.PRODUCT_CUES):
        for cues in table.values():
            phrases.extend(cues)
    phrases += [*v.HIGH_COST_PLACES, *v.OTHER_US_PLACES, *v.OUTSIDE_US_PLACES, *v.LOW_COST_CUES, *v.REMOTE_CUES]
    phrases += [*v.AGENTIC_CUES, "engineer", "engineers", "salary", "salaries", "question", "questions"]
    return frozenset(word for phrase in phrases for word in phrase.split())


KNOWN_WORDS = _all_cue_words() | v.COMMON_WORDS | decision_cues.WORDS
CORRECTION_TARGETS = tuple(sorted(word for word in _all_cue_words() if len(word) >= 5 and word.isalpha()))


INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")


@lru_cache(maxsize=4096)
def correct_word(word: str) -> str:
    """The domain word a typo most likely meant, or the word itself.

    Short words, known words and inflections of known words ("systems", "researched") are left alone.
    """
    if len(word) < 4 or word in KNOWN_WORDS or not word.isalpha():
        return word
    if any(word.endswith(ending) and word[: -len(ending)] in KNOWN_WORDS for ending in INFLECTIONS):
        return word
    allowed = 1 if len(word) < 8 else 2
    match = process.extractOne(word, CORRECTION_TARGETS, scorer=OSA.distance, score_cutoff=allowed)
    return match[0] if match is not None else word


def normalise(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Lowercase words separated by single spaces, typos fixed; also the corrections made."""
    text = SLACK_MARKUP.sub(" ", unicodedata.normalize("NFKC", text)).replace("\u2019", "'")
    text = LABEL.sub(" ", text).replace("->", " to ").replace("\u2192", " to ")  # "mid -> staff": a step
    words = [w.strip("'") for w in NON_WORD.split(text.lower())]
    corrected: list[str] = []
    corrections: list[tuple[str, str]] = []
    for word in words:
        if not word:
            continue
        fixed = correct_word(word)
        if fixed != word:
            corrections.append((word, fixed))
        corrected.append(fixed)
    return " ".join(corrected), tuple(corrections)


def _roles(text: str) -> tuple[Role, ...]:
    found = [role for role, pattern in ROLE_PATTERNS.items() if pattern.search(text)]
    if Role.RESEARCH_ENGINEER in found and Role.ML_ENGINEER in found and not COMPARISON.search(text):
        found.remove(Role.ML_ENGINEER)  # "ML research engineer" is one research engineer
    return tuple(found)


def _level(text: str, original: str) -> Level | None:
    """Level words win; otherwise years of experience (the low end of a range) pick the guide's level."""
    text = SENIORITY_DOUBT.sub(" ", text)  # "how do I tell if one is actually senior" names no level
    seen = {level: match.start() for level, pattern in LEVEL_PATTERNS.items() if (match := pattern.search(text))}
    found = sorted(seen, key=seen.__getitem__)
    if found:
        if Level.MID in found and Level.SENIOR in found and "mid senior" in text:
            return Level.SENIOR
        if INSTEAD.search(text) and len(found) > 1:
            return found[-1]  # "a staff candidate fell through, so a senior instead": the one said last
        return [level for level in LEVEL_PATTERNS if level in seen][-1]
    lowered = original.lower()
    years = next(
        (
            m
            for m in YEARS.finditer(lowered)
            if m[0].endswith("yoe")
            or not (NOT_EXPERIENCE.search(lowered, 0, m.start()) or NOT_EXPERIENCE_AFTER.match(lowered, m.end()))
        ),
        None,
    )
    if years is None:
        return Level.MID if APPLIED_ML.search(text) else None  # the guide's applied ML band is the mid one
    count = float(years.group(1))
    if count < 3:
        return Level.JUNIOR
    return Level.MID if count < 5 else Level.SENIOR


def _location(text: str, original: str) -> Location | None:
    """Where the hire lives. A named US place wins over a foreign name inside it ("New Mexico"), and a named
    expensive city wins over budget words ("an affordable engineer in the Bay Area") unless they're remote."""
    remote = REMOTE_PATTERN.search(text) is not None
    us_place = OTHER_US_PATTERN.search(text)
    high = HIGH_COST_PATTERN.search(text)
    outside = OUTSIDE_US_PATTERN.search(text)
    if outside and not any(m and m.start() <= outside.start() < m.end() for m in (us_place, high)):
        name = outside.group(0)
        label = name.upper() if len(name) <= 3 else name.title()
        return Location(place=Place.OUTSIDE_US, label=f"remote from {label}" if remote else label)
    low_cost = LOW_COST_PATTERN.search(text) is not None and (
        remote or REGION_WORDS.search(text) is not None or "lcol" in text
    )
    if low_cost and (remote or high is None):
        return Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region")
    if high:
        return Location(place=Place.HIGH_COST, label=v.HIGH_COST_PLACES[high.group(0).removesuffix("s")])
    if remote:
        return Location(place=Place.REMOTE, label="remote")
    if us_place:
        name = us_place.group(0)
        return Location(place=Place.US, label=name.upper() if len(name) <= 3 else name.title())
    if US_ABBREVIATION.search(original):
        return Location.us()
    return None


def _agentic(text: str) -> bool | None:
    match = AGENTIC_PATTERN.search(text)
    if match is None:
        return None
    before = text[: match.start()].split()[-5:]
    if UNCERTAIN.search(" ".join(before)):
        return None
    return not any(NEGATION_PATTERN.fullmatch(word) for word in before[-3:])


def _first(patterns: dict[str, re.Pattern[str]], text: str) -> str | None:
    return next((key for key, pattern in patterns.items() if pattern.search(text)), None)


def parse(text: str) -> ParsedText:
    """Everything one message says on its own."""
    normalised, corrections = normalise(text)
    topics = frozenset(topic for topic, pattern in TOPIC_PATTERNS.items() if pattern.search(normalised))
    product = _first(PRODUCT_PATTERNS, normalised)
    return ParsedText(
        text=normalised,
        topics=topics,
        roles=_roles(normalised),
        level=_level(normalised, text),
        location=_location(normalised, text),
        agentic=_agentic(normalised),
        roles_subject=_first(SUBJECT_PATTERNS, normalised),
        product="foundation" if product == "foundation" else "moat" if product == "moat" else None,
        follow_up_opener=FOLLOW_UP_PATTERN.match(normalised) is not None,
        corrections=corrections,
    )


def main_topic(parsed: ParsedText) -> Topic | None:
    """The one topic a message is about, or None when it names no topic (a follow-up, or chit-chat)."""
    topics = parsed.topics
    for topic in TOPIC_PRIORITY:
        if topic in topics:
            if topic is Topic.PLAYS and _plays_is_incidental(parsed):
                continue
            if topic is Topic.SOURCING and _sourcing_is_incidental(parsed):
                continue
            if topic is Topic.RED_FLAGS and _red_flags_is_incidental(parsed):
                continue
            return topic
    if Topic.ROLES in topics and (parsed.roles_subject in ("mistake", "ppe", "tribes") or Topic.PAY not in topics):
        return Topic.ROLES
    if Topic.PAY in topics:
        return Topic.PAY
    return None


def _plays_is_incidental(parsed: ParsedText) -> bool:
    """ "Who should we hire first if we wrap Claude?" is the roles question, not build-vs-hire."""
    strong = re.search(
        r"contract|freelanc|fractional|consult|agency|outsourc|founder led|diy|ourselves|myself|"
        r"full time|fte|build vs|build or|hourly|per hour|play",
        parsed.text,
    )
    return strong is None and parsed.roles_subject == "first-hire" and parsed.product is not None


def _red_flags_is_incidental(parsed: ParsedText) -> bool:
    """ "Portfolio" or "GitHub" alone doesn't make a seniority-signals question a red-flags one."""
    strong = re.search(r"\b(red flag|flag|warning sign|dealbreaker|deal breaker|bad sign|watch out|avoid)", parsed.text)
    return strong is None and bool(parsed.topics - {Topic.RED_FLAGS, Topic.PAY, Topic.ROLES})


def _sourcing_is_incidental(parsed: ParsedText) -> bool:
    """ "Where" alone ("where do they differ") is not a sourcing question when another topic is named."""
    strong = re.search(
        r"\b(find|finding|source|sourcing|recruit|channel|inmail|linkedin|hacker news|kaggle|arxiv|"
        r"discord|outreach|reach out|pipeline|talent|job board|communit|headhunter|conference|"
        r"open source|work at a startup|who is hiring|hn)",
        parsed.text,
    )
    return strong is None and bool(parsed.topics - {Topic.SOURCING})
