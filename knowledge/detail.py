"""How much of a long answer to give: the point and a few items by default, everything when asked.

Answers lead with the point and stay short; lists (sourcing channels, interview questions, red flags, seniority
signals, the plays) show their first few items and say how to see the rest. "List all the channels" asks for
everything at once; "more", "yes", "show all" right after a short answer asks for the rest of it.
"""

from __future__ import annotations

import re
from typing import Final

from knowledge.understanding import ParsedText

SHORT_LIST: Final = 3
WORD: Final = re.compile(r"[a-z0-9]+")
# fmt: off
STOPWORDS: Final = frozenset({
    "what", "which", "when", "where", "with", "that", "this", "they", "them", "their", "there", "have", "does",
    "about", "should", "would", "could", "from", "your", "ours", "into", "than", "then", "just", "like", "some",
    "engineer", "engineers", "candidate", "candidates", "hire", "hiring", "worth", "good", "best", "flag", "flags",
})
# fmt: on
EVERYTHING: Final = re.compile(
    r"(?<![a-z0-9'])(?:list|all(?! (?:in|together|remote|based|of us))|every|full(?! of| time)|complete|everything|"
    r"entire|each)(?![a-z0-9'])"  # not "full of", "full time", "all in", "all remote"
)
THE_REST: Final = re.compile(
    r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay|please|go on|go ahead)\s*)*"
    r"(?:(?:show|give|send|tell)(?: me)? )?(?:(?:the )?(?:rest|more|all|everything|full list|whole list|"
    r"all of (?:it|them)|the others|others)(?: (?:please|of them|of it))?)?$"
)


def wants_everything(parsed: ParsedText) -> bool:
    """The message asks for a whole list ("list all the sourcing channels", "every red flag")."""
    return EVERYTHING.search(parsed.text) is not None


def asks_for_the_rest(parsed: ParsedText) -> bool:
    """A short reply asking for the rest of the last answer: "more", "yes please", "show me all of them"."""
    text = parsed.text.strip()
    if not text or text in ("ok", "okay") or len(text.split()) > 6:  # "ok" alone is a nod, not a request
        return False
    return THE_REST.match(text) is not None


def _words(text: str) -> set[str]:
    return {word for word in WORD.findall(text.lower()) if len(word) > 3 and word not in STOPWORDS}


def shortened(
    lines: tuple[str, ...], noun: str, *, full: bool, asked: str = "", list_words: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], str | None]:
    """The lines to show and, when some are left out, the sentence offering them.

    The whole list when it was asked for (``full``, or ``asked`` names it: one of ``list_words``). Otherwise the
    first few, those sharing words with what was ``asked`` first ("Discord communities?" shows the Discord
    channel), in the guide's order."""
    names_the_list = any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", asked) for word in list_words)
    if full or names_the_list or len(lines) <= SHORT_LIST + 1:
        return lines, None
    wanted = _words(asked)
    ranked = sorted(lines, key=lambda line: -len(wanted & _words(line))) if wanted else list(lines)
    shown = set(ranked[:SHORT_LIST])
    offer = f"{len(lines) - SHORT_LIST} more {noun}: reply \u201cmore\u201d to see them all."
    return tuple(line for line in lines if line in shown), offer
