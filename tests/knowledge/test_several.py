"""Several questions in one message: every part answered, in the order asked, on every surface."""

from __future__ import annotations

import pytest

from blocks.answer_card import answer_card
from blocks.conversation_cards import reply_cards
from knowledge.engine import AnswerEngine
from knowledge.models import Section
from knowledge.several import asked_together
from knowledge.understanding import Topic, parse
from tests.blocks.validity import valid_card
from tests.fakes.block_checks import shown

ENGINE = AnswerEngine()


@pytest.mark.parametrize(
    ("question", "topics"),
    [
        ("salary and equity for a founding staff AI engineer in SF?", [Topic.PAY, Topic.EQUITY]),
        ("how much equity and salary for our first senior ml hire", [Topic.EQUITY, Topic.PAY]),
        ("what's the salary for a senior MLE? and what equity should we offer?", [Topic.PAY, Topic.EQUITY]),
        ("salary + equity for our first senior ML hire??", [Topic.PAY, Topic.EQUITY]),
        ("comp w/ equity for a sr mle", [Topic.PAY, Topic.EQUITY]),
        ("pay and interview questions for a mid AI eng", [Topic.PAY, Topic.INTERVIEW]),
        ("red flags in a portfolio and how to spot seniority", [Topic.RED_FLAGS, Topic.SIGNALS]),
        ("pay, equity and red flags for a staff ai engineer", [Topic.PAY, Topic.EQUITY, Topic.RED_FLAGS]),
    ],
)
def test_topics_joined_in_the_text_are_asked_together_in_order(question: str, topics: list[Topic]) -> None:
    assert list(asked_together(parse(question))) == topics


@pytest.mark.parametrize(
    "question",
    [
        "equity for a founding engineer?",
        "senior ml engineer in sf",
        "How much do AI engineer and ML engineer skill sets overlap?",  # "how much" is not a pay question
        "What's the difference between an AI engineer and an ML engineer?",
        "what interview questions reveal whether they shipped agentic systems",
        "recruiters or founder led sourcing??",  # two cue phrases side by side, one phrase
        "interview questions red flags",
        "we pay well. what equity do founding engineers get these days, in your experience as a hiring guide?",
        "",
    ],
)
def test_one_question_is_not_split(question: str) -> None:
    assert asked_together(parse(question)) == ()


def test_salary_and_equity_answers_both_in_the_order_asked() -> None:
    answer = ENGINE.answer("salary and equity for a founding staff AI engineer in SF?")
    assert answer.topic is Topic.PAY and "$352K to $483K" in answer.lead
    [equity] = answer.parts
    assert equity.topic is Topic.EQUITY and "5%" in equity.lead
    text = answer.text
    assert text.index("$352K to $483K") < text.index("up to 5%") < text.index("Source: ")
    assert text.count("Source") == 1


def test_each_part_keeps_the_messages_slots() -> None:
    answer = ENGINE.answer("pay and interview questions for a mid AI eng")
    assert "$180K to $240K" in answer.lead
    [interview] = answer.parts
    assert interview.topic is Topic.INTERVIEW and "AI engineers" in interview.lead
    assert Section.INTERVIEWS in answer.all_sources and Section.SALARIES in answer.all_sources


def test_a_follow_up_builds_on_the_first_part() -> None:
    first = ENGINE.answer("salary and equity for a senior ML engineer?")
    follow = ENGINE.answer("and in NYC?", first.query)
    assert "$308K to $460K" in follow.lead


def test_every_surface_shows_every_part() -> None:
    answer = ENGINE.answer("salary and equity for a founding staff AI engineer in SF?")
    card = valid_card(answer_card(answer, "ask salary and equity"))
    text = shown(card["blocks"])
    assert text.index("$352K to $483K") < text.index("up to 5%")
    assert any(block["type"] == "divider" for block in card["blocks"])
    [reply] = reply_cards(answer, answer_id="a" * 32)
    replied = shown(valid_card(reply)["blocks"])
    assert "$352K to $483K" in replied and "up to 5%" in replied and "Salary Ranges in 2026" in replied
