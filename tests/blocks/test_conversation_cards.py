"""The conversational reply: the offline answer as ``answer_card`` renders it, or the model's sanitized text,
then any note, the sources and the feedback buttons."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from blocks import ids
from blocks.answer_card import answer_card
from blocks.common import MESSAGE_BLOCK_LIMIT, Card
from blocks.conversation_cards import markdown_parts, reply_cards, safe_markdown, without_show_all
from knowledge.engine import AnswerEngine
from tests.fakes.block_checks import check_message_blocks, shown

ENGINE = AnswerEngine()
ANSWER_ID = "0" * 32


def test_an_offline_text_reply_is_the_answer_card_then_note_sources_and_feedback() -> None:
    answer = ENGINE.answer("red flags in an ML portfolio")
    [card] = reply_cards(answer, answer_id=ANSWER_ID, note="Claude took too long, so this is the guide's own answer.")
    blocks = card.payload()["blocks"]
    assert check_message_blocks(blocks) == []
    body = answer_card(answer, cite=False).payload()["blocks"]
    assert blocks[: len(body)] == body
    note, sources, feedback = blocks[len(body) :]
    assert "guide's own answer" in shown(note)
    assert all(section.value in shown(sources) for section in answer.sources)
    assert feedback["block_id"] == ids.FEEDBACK_BLOCK
    assert "Source:" not in shown(blocks)


def test_an_offline_pay_reply_is_the_pay_card_with_sources_and_feedback() -> None:
    answer = ENGINE.answer("senior ML engineer in SF?")
    [card] = reply_cards(answer, answer_id=ANSWER_ID)
    blocks = card.payload()["blocks"]
    assert blocks[0]["type"] == "header"
    assert "$308K to $460K" in shown(blocks)
    assert ids.SHARE_ACTION not in str(blocks)
    assert shown(blocks).count("From the hiring guide") == 1
    assert blocks[-1]["block_id"] == ids.FEEDBACK_BLOCK


def test_a_model_reply_shows_its_text_without_its_citation_or_the_offline_sources() -> None:
    answer = ENGINE.answer("what makes an AI engineer senior?")
    text = "**Evals** first: see [the guide](https://example.com) <!channel>.\nSource: the guide"
    [card] = reply_cards(answer, answer_id=ANSWER_ID, model_text=text)
    blocks = card.payload()["blocks"]
    assert check_message_blocks(blocks) == []
    rendered = shown(blocks)
    assert blocks[0]["type"] == "markdown"
    assert "**Evals** first" in rendered and "(https://example.com)" in rendered
    assert "<!channel>" not in rendered
    assert "Source" not in rendered and "From the hiring guide" not in rendered
    assert blocks[-1]["block_id"] == ids.FEEDBACK_BLOCK


def test_a_very_long_model_reply_continues_in_a_second_message() -> None:
    answer = ENGINE.answer("what makes an AI engineer senior?")
    text = "\n\n".join(f"Paragraph {n}: " + "word " * 500 for n in range(60))
    cards = reply_cards(answer, answer_id=ANSWER_ID, model_text=text)
    assert len(cards) >= 2
    assert all(len(card.blocks) <= MESSAGE_BLOCK_LIMIT for card in cards)
    markdown = [b["text"] for card in cards for b in card.block_dicts() if b["type"] == "markdown"]
    assert all(len(part) <= 12_000 for part in markdown)
    assert "\n\n".join(markdown) == text.strip()  # nothing lost
    assert cards[-1].payload()["blocks"][-1]["block_id"] == ids.FEEDBACK_BLOCK
    assert ids.FEEDBACK_BLOCK not in str(cards[0].payload()["blocks"])


def test_model_text_is_made_inert() -> None:
    safe = safe_markdown("<@U1> <!channel> <!here> @everyone [x](http://y) <https://evil.example|bank>")
    for live in ("<@U1>", "<!channel>", "<!here>", "@everyone", "<https://evil", "[x]("):
        assert live not in safe
    assert "x (http://y)" in safe and "**bold**" in safe_markdown("**bold**")


def test_markdown_parts_split_between_paragraphs() -> None:
    assert markdown_parts("a\n\nb", limit=3) == ["a", "b"]
    assert markdown_parts("a\n\nb", limit=10) == ["a\n\nb"]
    assert markdown_parts("abcdefg", limit=3) == ["abc", "def", "g"]


def _feedback_elements(cards: list[Card]) -> list[str]:
    ours = (ids.SHOW_ALL_BLOCK, ids.FEEDBACK_BLOCK)
    blocks = [b for card in cards for b in card.block_dicts() if b.get("block_id") in ours]
    return [e["action_id"] for b in blocks for e in b["elements"]]


def test_a_shortened_answer_offers_show_all_before_the_votes() -> None:
    answer = AnswerEngine().answer("how do we source ML engineers?")
    assert answer.more
    elements = _feedback_elements(reply_cards(answer, answer_id="a" * 32))
    assert elements == [ids.ANSWER_MORE_ACTION, ids.FEEDBACK_ACTION]


def test_a_whole_answer_or_a_model_reply_has_no_show_all() -> None:
    whole = AnswerEngine().answer("senior ML engineer in SF?")
    shortened = AnswerEngine().answer("how do we source ML engineers?")
    assert ids.ANSWER_MORE_ACTION not in _feedback_elements(reply_cards(whole, answer_id="a" * 32))
    model = reply_cards(shortened, answer_id="a" * 32, model_text="Try Arxiv. Source: Sourcing")
    assert ids.ANSWER_MORE_ACTION not in _feedback_elements(model)


def test_show_all_is_taken_out_of_the_posted_blocks_and_nothing_else() -> None:
    answer = AnswerEngine().answer("how do we source ML engineers?")
    [card] = reply_cards(answer, answer_id="a" * 32)
    posted = card.block_dicts()
    kept = without_show_all(posted)
    assert ids.ANSWER_MORE_ACTION not in str(kept)
    assert len(kept) == len(posted) - 1 and ids.FEEDBACK_HELPFUL_ACTION in str(kept)
    assert kept == [b for b in posted if b.get("block_id") != ids.SHOW_ALL_BLOCK]


CONVERSATION_SNAPSHOTS = {
    "reply-model": ("what makes an AI engineer senior?", "**Evals** first, then cost per feature.\nSource: the guide"),
    "reply-show-all": ("how do we source ML engineers?", None),
}


@pytest.mark.parametrize("name", list(CONVERSATION_SNAPSHOTS))
def test_reply_card_snapshots(name: str) -> None:
    question, model_text = CONVERSATION_SNAPSHOTS[name]
    [card] = reply_cards(ENGINE.answer(question), answer_id="a" * 32, model_text=model_text)
    path = Path(__file__).with_name("snapshots") / f"{name}.json"
    rendered = json.dumps(card.payload(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(rendered)
    assert path.read_text() == rendered, f"card {name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
