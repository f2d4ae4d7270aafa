"""``/hire <subcommand> [args]`` text to the card that answers it. Pure: the Slack handler and
``hirebot try`` both call ``hire_reply``, so the terminal shows exactly what Slack would."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from blocks.answer_card import answer_card
from blocks.common import Card
from blocks.guide_cards import (
    ai_vs_ml_card,
    equity_card,
    flags_card,
    parse_choice,
    plays_card,
    questions_card,
    recommendation_card,
    signals_card,
    sourcing_card,
)
from blocks.help_card import help_card
from blocks.pay_cards import pay_card, pay_table_card
from blocks.scorecard_cards import SLACK_ONLY, slack_only_card
from knowledge.engine import AnswerEngine
from knowledge.models import Role
from knowledge.understanding import Topic, parse

MAX_COMMAND_TEXT = 500

ALIASES: dict[str, str] = {
    "ai-vs-ml": "ai-vs-ml",
    "aivsml": "ai-vs-ml",
    "ai-or-ml": "ai-vs-ml",
    "ai-ml": "ai-vs-ml",
    "roles": "ai-vs-ml",
    "pay": "pay",
    "salary": "pay",
    "salaries": "pay",
    "comp": "pay",
    "bands": "pay",
    "equity": "equity",
    "questions": "questions",
    "question": "questions",
    "interview": "questions",
    "interviews": "questions",
    "flags": "flags",
    "red-flags": "flags",
    "redflags": "flags",
    "signals": "signals",
    "seniority": "signals",
    "sourcing": "sourcing",
    "source": "sourcing",
    "find": "sourcing",
    "plays": "plays",
    "play": "plays",
    "contract": "plays",
    "build-vs-hire": "plays",
    "ask": "ask",
    "help": "help",
    "recommend": "recommend",
    "scorecard": "scorecard",
    "scorecards": "scorecard",
    "debrief": "debrief",
    "remind": "remind",
    "reminder": "remind",
}


@dataclass(frozen=True, slots=True)
class HireReply:
    card: Card
    subcommand: str


def _near_miss(word: str) -> str | None:
    match = process.extractOne(word, list(ALIASES), scorer=Levenshtein.distance, score_cutoff=2)
    return ALIASES[match[0]] if match is not None and len(word) >= 3 else None


def hire_reply(text: str, engine: AnswerEngine) -> HireReply:
    """The card for ``/hire`` followed by ``text``; anything unclear gets the help card, never an error.

    Cards depend only on the text (the guide never changes while the process runs), so the most recent ones
    are kept, rendered: most requests are the same few subcommands.
    """
    text = " ".join(text.split())
    if not text or len(text) > MAX_COMMAND_TEXT:
        return _reply_for("", engine)
    return _reply_for(text, engine)


@lru_cache(maxsize=1024)
def _reply_for(text: str, engine: AnswerEngine) -> HireReply:
    if not text:
        return HireReply(help_card(), "help")
    word, _, args = text.partition(" ")
    subcommand = ALIASES.get(word.lower())
    if subcommand is None:
        suggestion = _near_miss(word.lower())
        parsed = parse(text)
        if suggestion is None and (parsed.topics or parsed.has_slots):
            guess = "pay" if Topic.PAY in parsed.topics or not parsed.topics else "ask"
            return HireReply(help_card(suggestion=f"{guess} {text}"), "help")
        return HireReply(help_card(suggestion=suggestion, unknown=None if suggestion else word), "help")
    share = f"{subcommand} {args}".strip()
    if subcommand == "ai-vs-ml":
        return HireReply(ai_vs_ml_card(), subcommand)
    if subcommand == "recommend":
        choice = parse_choice(args.lower())
        if choice is None:
            return HireReply(help_card(), "help")
        return HireReply(recommendation_card(choice, engine.calculator), subcommand)
    if subcommand == "pay":
        if not args:
            return HireReply(pay_table_card(engine.calculator), subcommand)
        return HireReply(_answer_as_card(f"pay {args}", engine, share), subcommand)
    if subcommand == "questions":
        roles = parse(args).roles
        wanted = [Role.AI_ENGINEER] if Role.AI_ENGINEER in roles or not roles else []
        if not roles or {Role.ML_ENGINEER, Role.RESEARCH_ENGINEER} & set(roles):
            wanted.append(Role.ML_ENGINEER)
        return HireReply(questions_card(wanted), subcommand)
    fixed = {
        "equity": equity_card,
        "flags": flags_card,
        "signals": signals_card,
        "sourcing": sourcing_card,
        "plays": plays_card,
    }
    if subcommand in fixed:
        return HireReply(fixed[subcommand](), subcommand)
    if subcommand == "ask" and args:
        return HireReply(_answer_as_card(args, engine, share), subcommand)
    if subcommand in SLACK_ONLY:
        return HireReply(slack_only_card(subcommand), subcommand)
    return HireReply(help_card(), "help")


def _answer_as_card(question: str, engine: AnswerEngine, share: str) -> Card:
    answer = engine.answer(question)
    if answer.topic is Topic.PAY and answer.pay:
        return pay_card(answer.pay, share)
    return answer_card(answer, share)
