"""``answer_card``: the one renderer of an engine answer as a card, from its fields (pay card or text card)."""

from __future__ import annotations

import pytest

from blocks import ids
from blocks.answer_card import answer_card
from blocks.pay_cards import pay_card
from knowledge.engine import AnswerEngine
from knowledge.evaluation import load_cases
from knowledge.understanding import Topic
from tests.blocks.validity import valid_card
from tests.fakes.block_checks import shown

ENGINE = AnswerEngine()


def test_answer_cards_for_the_whole_golden_set_are_valid() -> None:
    for case in load_cases():
        for turn in case.turns:
            answer = ENGINE.answer(turn.ask)
            payload = valid_card(answer_card(answer, share_value=f"ask {turn.ask}"))
            assert answer.citation == "" or answer.citation not in shown(payload["blocks"])


def test_a_pay_answer_is_the_pay_card() -> None:
    answer = ENGINE.answer("senior ML engineer in SF?")
    assert answer.quotes_pay
    card = answer_card(answer, "pay senior mle sf")
    assert card.payload() == pay_card(answer.figures, "pay senior mle sf").payload()
    assert "$308K to $460K" in shown(card.payload()["blocks"])


@pytest.mark.parametrize("question", ["interview questions for AI engineers", "should we contract or hire?"])
def test_a_text_answer_leads_in_bold_then_body_then_sources(question: str) -> None:
    answer = ENGINE.answer(question)
    assert not answer.quotes_pay
    payload = valid_card(answer_card(answer, f"ask {question}"))
    first, *_, sources, share = payload["blocks"]
    assert first["text"]["text"].startswith(f"*{answer.lead}*\n")
    assert answer.body[0] in first["text"]["text"]
    assert all(section.value in shown(sources) for section in answer.sources)
    assert share["block_id"] == ids.SHARE_BLOCK
    assert payload["text"] == answer.lead


def test_without_a_citation_or_share_value_only_the_text_remains() -> None:
    answer = ENGINE.answer("should we contract or hire?")
    blocks = answer_card(answer, cite=False).payload()["blocks"]
    assert [block["type"] for block in blocks] == ["section"]


def test_an_answer_with_no_sources_shows_none() -> None:
    answer = ENGINE.answer("what's the weather like?")
    assert answer.topic is Topic.UNKNOWN
    blocks = answer_card(answer).payload()["blocks"]
    assert "From the hiring guide" not in shown(blocks)


@pytest.mark.parametrize(
    ("question", "shown_figures"),
    [
        ("how much more is staff than senior for AI engineers?", ("$80K to $100K more", "$320K - $240K = $80K")),
        ("budget for three mid AI engineers remote?", ("$540K to $720K", "3 x $180K = $540K", "$180K to $240K")),
        ("midpoint for a senior MLE in SF?", ("$384K", "$308K to $460K")),
        ("is $150K enough for a sr mle??", ("$130K below", "$280K to $400K")),
        ("10% above the range for a staff AI eng in SF?", ("$387K to $531K", "$352K x 1.1 = $387,200", "Band plus")),
    ],
)
def test_an_arithmetic_answer_shows_the_figure_its_arithmetic_and_the_bands(
    question: str, shown_figures: tuple[str, ...]
) -> None:
    answer = ENGINE.answer(question)
    assert answer.arithmetic
    payload = valid_card(answer_card(answer, f"ask {question}"))
    text = shown(payload["blocks"])
    for figure in shown_figures:
        assert figure in text
    assert payload["text"] == answer.lead
