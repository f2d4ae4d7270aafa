"""``/hire <subcommand> [args]`` text to the reply that answers it, reading the subcommands from ``registry``.

Pure: the Slack listener and ``hirebot try`` both call ``hire_reply``, so the terminal shows exactly what Slack
would. Unclear text gets the help card (with a suggestion when one is close), never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from blocks.common import Card
from blocks.help_card import help_card, slack_only_card
from bot.hire.registry import BY_WORD, LISTED, CardContext, Subcommand, subcommand_named
from knowledge.engine import AnswerEngine
from knowledge.understanding import Topic, parse

MAX_COMMAND_TEXT = 500
HELP = BY_WORD["help"]


@dataclass(frozen=True, slots=True)
class HireReply:
    """The card for a ``/hire`` text, and the subcommand it ran. For a subcommand that needs Slack the card only
    explains it (what ``hirebot try`` shows); Slack runs the subcommand itself."""

    card: Card
    subcommand: Subcommand
    args: str = ""

    @property
    def name(self) -> str:
        return self.subcommand.name


def slack_subcommand(text: str) -> Subcommand | None:
    """The subcommand ``text`` runs when it needs Slack itself (a form, the store, a DM); None for a card."""
    words = text.split(maxsplit=1)
    subcommand = subcommand_named(words[0]) if words else None
    return subcommand if subcommand is not None and subcommand.needs_slack else None


def near_miss(word: str) -> Subcommand | None:
    """The subcommand a mistyped first word most likely meant (within two edits), if any."""
    if len(word) < 3:
        return None
    match = process.extractOne(word.lower(), list(BY_WORD), scorer=Levenshtein.distance, score_cutoff=2)
    return BY_WORD[match[0]] if match is not None else None


def hire_reply(text: str, context: CardContext) -> HireReply:
    """The reply to ``/hire`` followed by ``text``.

    Cards depend only on the text (the guide never changes while the process runs), so the most recent ones
    are kept, rendered: most requests are the same few subcommands.
    """
    text = " ".join(text.split())
    if len(text) > MAX_COMMAND_TEXT:
        text = ""
    return _reply_for(text, context)


@lru_cache(maxsize=1024)
def _reply_for(text: str, context: CardContext) -> HireReply:
    if not text:
        return HireReply(help_card(LISTED), HELP)
    word, _, args = text.partition(" ")
    subcommand = subcommand_named(word)
    if subcommand is None:
        return HireReply(_unknown(word, text), HELP)
    if subcommand.card is None:
        return HireReply(slack_only_card(subcommand.name, subcommand.in_slack), subcommand, args)
    card = subcommand.card(args, context)
    if card is None:
        return HireReply(help_card(LISTED), HELP)
    return HireReply(card, subcommand, args)


def _unknown(word: str, text: str) -> Card:
    """Help for a first word that names no subcommand: the likely one, or the question rephrased as one."""
    suggestion = near_miss(word)
    if suggestion is not None:
        return help_card(LISTED, suggestion=suggestion.name)
    parsed = parse(text)
    if parsed.topics or parsed.has_slots:
        guess = "pay" if Topic.PAY in parsed.topics or not parsed.topics else "ask"
        return help_card(LISTED, suggestion=f"{guess} {text}")
    return help_card(LISTED, unknown=word)


def offline_context(engine: AnswerEngine) -> CardContext:
    """Cards from the offline engine, for ``hirebot try`` and tests: the same answers ``AnswerService.card_answer``
    gives in Slack, without a service to build (no store, no model)."""
    return CardContext(answer=engine.answer, calculator=engine.calculator)
