"""Choosing between two levels: when a message asks it, and what the guide's advice picks."""

from __future__ import annotations

import pytest

from knowledge.engine import AnswerEngine
from knowledge.level_choice import levels_weighed
from knowledge.models import Level
from knowledge.rambles import read


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("staff or mid AI engineer, which one?", (Level.MID, Level.STAFF)),
        ("we could go for a junior or a senior, what should we hire", (Level.JUNIOR, Level.SENIOR)),
        ("senior vs staff ai eng, which is the better bet?", (Level.SENIOR, Level.STAFF)),
    ],
)
def test_two_levels_and_a_choice_are_weighed(text: str, levels: tuple[Level, ...]) -> None:
    assert levels_weighed(read(text)) == levels


@pytest.mark.parametrize(
    "text",
    [
        "how much more is staff than senior for AI engineers?",  # a price, not a choice
        "senior AI engineer, which questions should I ask?",  # one level
        "staff vs senior AI engineer salary",  # no choice asked
    ],
)
def test_prices_and_single_levels_are_not_a_choice(text: str) -> None:
    assert levels_weighed(read(text)) == ()


def test_a_choice_shows_every_option_with_its_band_and_keeps_to_the_guide() -> None:
    answer = AnswerEngine().answer("mid or staff ai eng for us, which should we get?")
    assert answer.lead.startswith("Go for the mid-level AI engineer")
    assert "$180K to $240K" in answer.text and "$320K to $420K" in answer.text


def test_a_level_the_guide_has_no_band_for_is_said_plainly() -> None:
    answer = AnswerEngine().answer("senior or staff ML engineer, which one should we hire?")
    assert "no band at this level" in answer.text
    assert "$280K to $400K" in answer.text
