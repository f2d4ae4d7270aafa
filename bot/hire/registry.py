"""Every ``/hire`` subcommand, once: its name and aliases, what the help card says about it, and how it is answered.

This is the one list the router, the help card, near-miss suggestions, ``hirebot try`` and the Slack command
listener read. A subcommand answered with a card has a ``card`` builder (pure, so its reply can ride on the ack
and ``hirebot try`` can draw it); one that needs Slack itself (a form, the store, a DM) has ``card=None`` and is
run by the scorecard service after the ack. To add a subcommand, add an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

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
from blocks.pay_cards import pay_table_card
from knowledge.models import Role
from knowledge.pay import PayCalculator
from knowledge.query import Answer
from knowledge.rubric import SCORECARD_ROLES, competencies_for, role_title
from knowledge.understanding import Topic, parse

AnswerSource = Callable[[str], Answer]


@dataclass(frozen=True, slots=True)
class CardContext:
    """What card builders may use: the answer path for free text (``AnswerService.card_answer`` in Slack) and the
    pay calculator. Hashable, so the router can cache replies per text."""

    answer: AnswerSource
    calculator: PayCalculator


# A card for the arguments, or None when they make no sense (the router then shows the help card).
CardBuilder = Callable[[str, CardContext], Card | None]


@dataclass(frozen=True, slots=True)
class Subcommand:
    name: str
    summary: str
    example: str
    aliases: tuple[str, ...] = ()
    card: CardBuilder | None = None
    in_slack: str = field(default="")  # for ``hirebot try``: what a Slack-only subcommand does there
    listed: bool = True  # on the help card (``recommend`` is reached through the AI-vs-ML buttons)

    @property
    def needs_slack(self) -> bool:
        return self.card is None


def _pay(args: str, context: CardContext) -> Card:
    if not args:
        return pay_table_card(context.calculator)
    return answer_card(context.answer(f"pay {args}"), f"pay {args}")


def _ask(args: str, context: CardContext) -> Card | None:
    return answer_card(context.answer(args), f"ask {args}") if args else None


def _questions(args: str, context: CardContext) -> Card:
    roles = parse(args).roles
    wanted = [Role.AI_ENGINEER] if Role.AI_ENGINEER in roles or not roles else []
    if not roles or {Role.ML_ENGINEER, Role.RESEARCH_ENGINEER} & set(roles):
        wanted.append(Role.ML_ENGINEER)
    return questions_card(wanted)


def _recommend(args: str, context: CardContext) -> Card | None:
    choice = parse_choice(args.lower())
    return None if choice is None else recommendation_card(choice, context.calculator)


def _fixed(build: Callable[[], Card]) -> CardBuilder:
    return lambda _args, _context: build()


def _card_or_answer(build: Callable[[], Card], topic: Topic, lead_in: str) -> CardBuilder:
    """The guide's card for the bare subcommand; with words after it ("/hire sourcing kaggle", "/hire plays 4
    months of work, full time?"), the answer to them, read as this subcommand's topic when they don't say one."""

    def card(args: str, context: CardContext) -> Card:
        if not args:
            return build()
        answer = context.answer(args)
        if answer.topic is not topic:
            answer = context.answer(f"{lead_in} {args}")
        return answer_card(answer, f"ask {args}")

    return card


_RUBRIC: Final = "\n".join(
    f"\u2022 *{role_title(role)}*: " + ", ".join(c.name.lower() for c in competencies_for(role))
    for role in SCORECARD_ROLES
)

SUBCOMMANDS: Final[tuple[Subcommand, ...]] = (
    Subcommand(
        "ai-vs-ml",
        "AI engineer or ML engineer? The two roles side by side, and which you need",
        "/hire ai-vs-ml",
        ("aivsml", "ai-or-ml", "ai-ml", "roles"),
        _fixed(ai_vs_ml_card),
    ),
    Subcommand(
        "pay",
        "Pay bands; add role, level and place for one band with its rule",
        "/hire pay senior mle sf",
        ("salary", "salaries", "comp", "bands"),
        _pay,
    ),
    Subcommand(
        "equity",
        "Equity ranges for senior and founding hires",
        "/hire equity",
        (),
        _card_or_answer(equity_card, Topic.EQUITY, "equity for"),
    ),
    Subcommand(
        "questions",
        "Interview questions that separate people who shipped",
        "/hire questions ai",
        ("question", "interview", "interviews"),
        _questions,
    ),
    Subcommand(
        "flags",
        "Portfolio red flags",
        "/hire flags",
        ("red-flags", "redflags"),
        _card_or_answer(flags_card, Topic.RED_FLAGS, "red flag?"),
    ),
    Subcommand(
        "signals",
        "Seniority signals",
        "/hire signals",
        ("seniority",),
        _card_or_answer(signals_card, Topic.SIGNALS, "seniority signal?"),
    ),
    Subcommand(
        "sourcing",
        "Where to find candidates, and how to reach them",
        "/hire sourcing",
        ("source", "find"),
        _card_or_answer(sourcing_card, Topic.SOURCING, "where do we find"),
    ),
    Subcommand(
        "plays",
        "Build it yourself, contract, or hire full time",
        "/hire plays",
        ("play", "contract", "build-vs-hire"),
        _card_or_answer(plays_card, Topic.PLAYS, "build, contract or hire full time?"),
    ),
    Subcommand(
        "scorecard",
        "Score an interview against the guide's rubric, in a form",
        "/hire scorecard Ada Lovelace",
        ("scorecards",),
        in_slack="opens the interview scorecard, a form that rates the role's competencies from 1 to 4:\n"
        f"{_RUBRIC}\nplus the guide's red flags, seniority signals and questions, a recommendation and notes.",
    ),
    Subcommand(
        "debrief",
        "A candidate's scorecards together; blind until you've submitted yours",
        "/hire debrief Ada Lovelace",
        in_slack="shows every scorecard for a candidate together: averages, the recommendation split, shared "
        "red flags and disagreements. Blind until you've submitted your own.",
    ),
    Subcommand(
        "remind",
        "Remind an interviewer to fill their scorecard",
        "/hire remind @grace Ada Lovelace in 45m",
        ("reminder",),
        in_slack="schedules a DM asking an interviewer to fill their scorecard, in your time zone "
        "(`in 45m`, `at 16:00`, `tomorrow 10:00`).",
    ),
    Subcommand(
        "decide",
        "Record hire, no hire or hold after the debrief (hiring managers)",
        "/hire decide Ada Lovelace",
        ("decision",),
        in_slack="opens the decision form for hiring managers: hire, no hire or hold, the level (the panel's "
        "consensus, with the split shown) and the reasons. The debrief and the App Home show it.",
    ),
    Subcommand(
        "offer",
        "Draft the offer for a hire: the band with its arithmetic, equity and the alternative",
        "/hire offer Ada Lovelace",
        ("offers",),
        in_slack="drafts a private offer card for a candidate you decided to hire: the guide's band for the role "
        "and level with its arithmetic, the agentic premium where the panel saw it, equity and a contractor "
        "alternative. You can share it to the hiring channel, with or without the figures.",
    ),
    Subcommand(
        "calibration",
        "How each interviewer rates against the panel (hiring managers)",
        "/hire calibration",
        ("calibrate",),
        in_slack="shows hiring managers, for each interviewer over the last 90 days: scorecards submitted, their "
        "mean rating per competency against the panel's for the same candidates, how often their recommendation "
        "matched the decision, and how often they were late.",
    ),
    Subcommand(
        "forget",
        "Delete everything hirebot holds about a candidate (hiring managers)",
        "/hire forget Ada Lovelace",
        ("delete",),
        in_slack="lists everything hirebot holds about a candidate (scorecards, decision, offer, reminders, posted "
        "cards, App Home entries) and deletes it once you confirm. Posted cards then read \u201cremoved\u201d.",
    ),
    Subcommand(
        "ask",
        "Any question about hiring AI or ML engineers",
        "/hire ask who do we hire first if we wrap Claude?",
        (),
        _ask,
    ),
    Subcommand("help", "This list", "/hire help", (), lambda _args, _context: None),
    Subcommand(
        "recommend",
        "Which role to hire first, for what you're building",
        "/hire recommend foundation",
        (),
        _recommend,
        listed=False,
    ),
)

BY_WORD: Final[dict[str, Subcommand]] = {
    word: subcommand for subcommand in SUBCOMMANDS for word in (subcommand.name, *subcommand.aliases)
}
LISTED: Final[tuple[Subcommand, ...]] = tuple(subcommand for subcommand in SUBCOMMANDS if subcommand.listed)
SLACK_ONLY: Final[frozenset[str]] = frozenset(subcommand.name for subcommand in SUBCOMMANDS if subcommand.needs_slack)


def subcommand_named(word: str) -> Subcommand | None:
    """The subcommand a first word names, by name or alias, in any case."""
    return BY_WORD.get(word.lower())
