"""Long messages where the question comes last: the sentence that asks weighs most.

"I'm a senior engineer myself and we met an ML researcher last week. Anyway, what should we pay a mid-level AI
engineer?" is about a mid-level AI engineer: the question sentence's topic, role, level, place and agentic flag
win, and the rest of the message only fills in what that sentence leaves out (a city said earlier, say).
"""

from __future__ import annotations

import re

from knowledge.understanding import ParsedText, Topic, main_topic, parse

SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+|(?<=\?)(?=[A-Za-z])")
QUESTION_OPENER = re.compile(
    r"^\W*(?:what|what's|whats|how|who|whom|which|should|shall|do|does|did|is|are|can|could|would|will|where|when|"
    r"why|any|anything|thoughts|advice|help|pls|please|need|tell|wondering|curious)\b",
    re.IGNORECASE,
)
ADDED_QUESTION = re.compile(r"^\W*(?:also|and|plus|oh and|another thing|second|secondly|separately)\b", re.IGNORECASE)
# Topics matched by words that often appear in passing ("where", "play", "portfolio"): a question sentence
# naming only one of these doesn't override a stronger topic named elsewhere in the message.
PASSING_TOPICS = frozenset({Topic.SOURCING, Topic.PLAYS, Topic.RED_FLAGS})


def question_sentence(text: str) -> str | None:
    """The sentence that asks, when the message has more than one: the last with a question mark, else the last
    that opens like a question. None for a one-sentence message or one that asks nothing."""
    sentences = [s for s in (part.strip() for part in SENTENCE_BREAK.split(text)) if s]
    if len(sentences) < 2:
        return None
    asking = [s for s in sentences if "?" in s] or [s for s in sentences if QUESTION_OPENER.match(s)]
    if len(asking) > 1 and ADDED_QUESTION.match(asking[-1]):
        return None  # "mid AI eng salary? also, how do I spot a fake senior?": two questions, both answered
    return asking[-1] if asking else None


def weigh(whole: ParsedText, focus: ParsedText) -> ParsedText:
    """The whole message's reading, with the question sentence's topic and slots winning where it has them."""
    asked = main_topic(focus)
    topics = whole.topics
    if asked is not None:
        both = main_topic(focus.model_copy(update={"topics": focus.topics | whole.topics}))
        topics = focus.topics | whole.topics if asked in PASSING_TOPICS and both is not asked else focus.topics
    return whole.model_copy(
        update={
            "topics": topics,
            "roles": focus.roles or whole.roles,
            "level": focus.level if focus.level is not None else whole.level,
            "location": focus.location or whole.location,
            "agentic": focus.agentic if focus.agentic is not None else whole.agentic,
            "roles_subject": focus.roles_subject or whole.roles_subject,
            "asked": focus.text,
        }
    )


def read(text: str) -> ParsedText:
    """A message as ``parse`` reads it, weighted towards its question sentence when it has several sentences."""
    whole = parse(text)
    focus = question_sentence(text)
    return whole if focus is None else weigh(whole, parse(focus))
