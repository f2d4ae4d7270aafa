"""Long messages: the sentence that asks weighs most."""

from __future__ import annotations

import pytest

from knowledge.models import Level, Role
from knowledge.pay import Place
from knowledge.rambles import question_sentence, read
from knowledge.understanding import Topic, main_topic, parse


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "We're in NYC. We have 5 people. What should we pay a senior AI engineer?",
            "What should we pay a senior AI engineer?",
        ),
        ("what should we pay?? we're in nyc btw", "what should we pay??"),
        ("Some context.\nHow much for an MLE", "How much for an MLE"),
        ("Context first. Thoughts on who to hire. Anyway.", "Thoughts on who to hire."),
    ],
)
def test_question_sentence(text: str, asked: str) -> None:
    assert question_sentence(text) == asked


@pytest.mark.parametrize("text", ["", "how much is a senior AI engineer?", "one. two. three.", "🤖 🤖"])
def test_no_question_sentence_in_short_or_questionless_messages(text: str) -> None:
    assert question_sentence(text) is None


def test_the_asking_sentence_wins_role_and_level() -> None:
    text = (
        "I'm a senior backend engineer myself and we met an ML researcher last week. "
        "Anyway, what should we pay a mid-level AI engineer?"
    )
    whole, weighed = parse(text), read(text)
    assert whole.level is not Level.MID or whole.roles != (Role.AI_ENGINEER,)  # the unweighted reading is muddled
    assert weighed.roles == (Role.AI_ENGINEER,)
    assert weighed.level is Level.MID
    assert weighed.asked is not None and weighed.asked.startswith("anyway")


def test_the_rest_fills_in_what_the_question_leaves_out() -> None:
    weighed = read("We're based in NYC. How much is a senior AI engineer?")
    assert weighed.location is not None and weighed.location.place is Place.HIGH_COST


def test_a_topic_in_passing_does_not_win() -> None:
    weighed = read("We've done a few interviews already. What's the pay for a senior ML engineer in Boston?")
    assert main_topic(weighed) is Topic.PAY


def test_a_weak_question_topic_does_not_override() -> None:
    assert main_topic(read("Need interview questions for an MLE. Where do I start?")) is Topic.INTERVIEW


def test_one_sentence_reads_as_before() -> None:
    text = "senior ML engineer in SF"
    assert read(text) == parse(text)


def test_a_4000_character_paste_reads() -> None:
    paste = ("lorem ipsum dolor sit amet. " * 200)[:4000] + " interview questions for an AI engineer?"
    assert main_topic(read(paste)) is Topic.INTERVIEW
