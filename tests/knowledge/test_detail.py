"""Short answers by default, everything on request: lists show their first few items and offer the rest."""

from __future__ import annotations

import pytest

from knowledge.detail import SHORT_LIST, asks_for_the_rest, shortened, wants_everything
from knowledge.engine import AnswerEngine
from knowledge.guide import GUIDE
from knowledge.understanding import Topic, parse

ENGINE = AnswerEngine()


@pytest.mark.parametrize(
    "reply", ["more", "yes", "yes please", "show me all of them", "sure, the rest", "the full list"]
)
def test_replies_that_ask_for_the_rest(reply: str) -> None:
    assert asks_for_the_rest(parse(reply))


@pytest.mark.parametrize(
    "reply", ["ok", "okay", "", "yes what about nyc", "and in sf?", "more senior ml engineers in sf"]
)
def test_replies_that_do_not(reply: str) -> None:
    assert not asks_for_the_rest(parse(reply))


def test_list_words_ask_for_everything() -> None:
    assert wants_everything(parse("list all the sourcing channels"))
    assert not wants_everything(parse("where do we find ML engineers"))


def test_shortened_keeps_the_guides_order_and_offers_the_rest() -> None:
    lines = tuple(f"line {n}" for n in range(8))
    shown, offer = shortened(lines, "things", full=False)
    assert shown == lines[:SHORT_LIST]
    assert offer == f"{8 - SHORT_LIST} more things: reply \u201cmore\u201d to see them all."
    assert shortened(lines, "things", full=True) == (lines, None)
    assert shortened(lines[:4], "things", full=False) == (lines[:4], None)  # one more line isn't worth an offer
    assert shortened(lines, "things", full=False, asked="what things", list_words=("things",)) == (lines, None)


def test_what_was_asked_about_is_shown_first() -> None:
    answer = ENGINE.answer("Are there any Discord communities worth sourcing AI engineers from?")
    assert "Discord" in answer.text
    assert "more channels" in answer.text
    assert len(answer.text) < len(ENGINE.answer("list every sourcing channel").text)


def test_more_after_a_short_answer_gives_the_whole_list() -> None:
    short = ENGINE.answer("should we use recruiters or founder-led sourcing?")
    assert short.topic is Topic.SOURCING
    assert sum(channel.name in short.text for channel in GUIDE.sourcing_channels) == SHORT_LIST
    everything = ENGINE.answer("more", short.query)
    assert everything.topic is Topic.SOURCING
    assert all(channel.name in everything.text for channel in GUIDE.sourcing_channels)
    assert "reply \u201cmore\u201d" not in everything.text


def test_a_roles_own_red_flag_survives_shortening() -> None:
    answer = ENGINE.answer("red flags in an ML engineer's GitHub?")
    ml_only = next(flag.text for flag in GUIDE.red_flags if flag.audience.value == "ml")
    assert ml_only in answer.text


def test_asking_for_the_list_by_name_shows_it_all() -> None:
    answer = ENGINE.answer("What seniority signals should I look for in AI and ML candidates?")
    assert all(signal.text in answer.text for signal in GUIDE.seniority_signals)


def test_the_question_text_is_not_kept_in_history() -> None:
    answer = ENGINE.answer("red flags for an AI engineer?")
    assert answer.query.asked and "asked" not in answer.query.model_dump(mode="json")


def test_yes_after_an_offer_gets_what_was_offered_about_the_recommended_role() -> None:
    decision = ENGINE.answer("we're adding an LLM chat assistant to our app, who should be our first hire?")
    assert decision.query.offer is Topic.INTERVIEW
    offered = ENGINE.answer("yes", decision.query)
    assert offered.topic is Topic.INTERVIEW
    assert "AI engineers" in offered.lead and "ML engineers" not in offered.lead
    assert offered.query.offer is None  # a second "yes" doesn't loop back to the offer


def test_yes_after_a_described_red_flag_lists_them_all() -> None:
    described = ENGINE.answer("the candidate kept saying agentic but couldn't describe one workflow")
    assert described.query.offer is Topic.RED_FLAGS
    everything = ENGINE.answer("yes", described.query)
    assert everything.topic is Topic.RED_FLAGS
    assert all(flag.text in everything.text for flag in GUIDE.red_flags)
