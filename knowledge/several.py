"""Messages that ask several things at once ("salary and equity for our first senior ML hire?", "pay and interview
questions for a mid AI eng"): which topics were asked together, in the order asked.

Only topics joined in the text count: two cue phrases with a connective between them ("and", "plus", "+", "as
well as", "also", "with", "w/", "vs") within a few words ("for a senior mle and what equity"). A
topic mentioned in passing elsewhere in the message is not a second question, so the rest of the engine's
single-topic reading (``understanding.main_topic``) still decides those.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from knowledge.understanding import TOPIC_PATTERNS, ParsedText, Topic, main_topic

# Between two asked-for topics: a connective word, within a few words ("for a senior mle and what").
CONNECTIVE: Final = re.compile(
    r"(?<![a-z0-9'])(?:and|plus|also|as well as|w|with|vs|versus|compared to|compared with|\+)(?![a-z0-9'])"
)
MAX_GAP_WORDS: Final = 10
# Cue words that name a topic only weakly: "how much do their skills overlap" asks nothing about pay.
WEAK_CUES: Final = frozenset({"how much", "make", "making", "made"})
MAX_PARTS: Final = 4


def _joined(gap: str) -> bool:
    return len(gap.split()) <= MAX_GAP_WORDS and CONNECTIVE.search(gap) is not None


def asked_together(parsed: ParsedText) -> tuple[Topic, ...]:
    """The topics a message asks about together, in the order it asks them; empty for a single question."""
    if len(parsed.topics) < 2:
        return ()
    spans = sorted(
        (match.start(), match.end(), topic)
        for topic in parsed.topics
        if topic is not Topic.UNKNOWN
        for match in TOPIC_PATTERNS[topic].finditer(parsed.text)
        if match.group() not in WEAK_CUES
    )
    asked: list[Topic] = []
    listed: Topic | None = None  # "pay, equity and red flags" reads "pay equity and red flags": a list's head
    for (_, end, topic), (start, _, following) in itertools.pairwise(spans):
        if topic is following or start < end:
            listed = None
            continue
        gap = parsed.text[end:start]
        if _joined(gap):
            asked += [*(() if listed is None else (listed,)), topic, following]
            listed = None
        else:
            # Side by side with nothing between ("founder led sourcing") is one phrase, unless a joined pair follows.
            listed = topic if not gap.strip() else None
    ordered = tuple(dict.fromkeys(asked))
    main = main_topic(parsed)
    if len(ordered) < 2 or main is None or main not in ordered:
        return ()
    return ordered[:MAX_PARTS]
