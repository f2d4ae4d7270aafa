"""The subcommand registry is the one list every /hire surface reads: the router, help, near misses and try."""

from __future__ import annotations

import pytest

from bot.hire.registry import BY_WORD, LISTED, SLACK_ONLY, SUBCOMMANDS, Subcommand, subcommand_named
from bot.hire.router import hire_reply, near_miss, offline_context, slack_subcommand
from knowledge.engine import AnswerEngine
from tests.fakes.block_checks import check_message_blocks

CARDS = offline_context(AnswerEngine())


def test_no_word_names_two_subcommands() -> None:
    words = [word for subcommand in SUBCOMMANDS for word in (subcommand.name, *subcommand.aliases)]
    assert len(words) == len(set(words)) == len(BY_WORD)
    assert all(word == word.lower() and " " not in word for word in words)


@pytest.mark.parametrize("subcommand", SUBCOMMANDS, ids=lambda s: s.name)
def test_every_name_and_alias_routes_to_its_subcommand(subcommand: Subcommand) -> None:
    args = "foundation" if subcommand.name == "recommend" else "senior ml"
    for word in (subcommand.name, *subcommand.aliases):
        assert subcommand_named(word.upper()) is subcommand
        reply = hire_reply(f"{word} {args}", CARDS)
        assert reply.subcommand is subcommand
        assert check_message_blocks(reply.card.payload()["blocks"]) == []


def test_slack_only_subcommands_explain_themselves_for_try() -> None:
    assert {"scorecard", "debrief", "remind", "decide", "offer", "forget", "calibration"} == SLACK_ONLY
    for name in SLACK_ONLY:
        subcommand = BY_WORD[name]
        assert subcommand.needs_slack and subcommand.in_slack
        assert subcommand.in_slack.split()[0] in str(hire_reply(name, CARDS).card.payload())


def test_the_help_card_lists_exactly_the_listed_subcommands() -> None:
    text = str(hire_reply("help", CARDS).card.payload())
    for subcommand in SUBCOMMANDS:
        assert (subcommand.example in text) is subcommand.listed
    assert [s.name for s in LISTED][-1] == "help"


@pytest.mark.parametrize(("typed", "meant"), [("equty", "equity"), ("scorecrd", "scorecard"), ("sigals", "signals")])
def test_near_misses_come_from_the_registry(typed: str, meant: str) -> None:
    suggestion = near_miss(typed)
    assert suggestion is not None and suggestion.name == meant
    assert near_miss("xq") is None
    assert near_miss("completely-different") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("scorecard Ada Lovelace", "scorecard"),
        ("Scorecards", "scorecard"),
        ("debrief Ada", "debrief"),
        ("reminder <@U0GRACE001> Ada in 45m", "remind"),
        ("pay senior mle sf", None),
        ("ask what is a scorecard", None),
        ("", None),
        ("   ", None),
    ],
)
def test_the_slack_only_subcommand_of_a_text(text: str, name: str | None) -> None:
    found = slack_subcommand(text)
    assert (found.name if found else None) == name


@pytest.mark.parametrize(
    ("text", "leads_with"),
    [("sourcing kaggle", "Kaggle top performers"),
     ("plays we have 4 months of work, should we hire full time?", "Not yet"),
     ("equity founding engineer", "up to 5%"),
     ("signals talks about evals unprompted", "Good sign")],
)  # fmt: skip
def test_a_guide_card_subcommand_answers_the_words_after_it(text: str, leads_with: str) -> None:
    reply = hire_reply(text, CARDS)
    assert reply.subcommand is subcommand_named(text.split()[0])
    assert reply.card.text.startswith(leads_with) or leads_with in str(reply.card.payload()["blocks"][:2])
    assert check_message_blocks(reply.card.payload()["blocks"]) == []


@pytest.mark.parametrize("word", ["sourcing", "plays", "equity", "flags", "signals"])
def test_the_bare_subcommand_is_still_the_guide_card(word: str) -> None:
    bare, with_words = hire_reply(word, CARDS).card, hire_reply(f"{word} tell me more", CARDS).card
    assert bare.payload()["blocks"][0]["type"] == "header"
    assert bare.payload()["blocks"] != with_words.payload()["blocks"]
