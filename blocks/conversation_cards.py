"""Messages for conversational answers: the model's text made safe to show, and the final answer with its
sources, any note, and helpful / not helpful buttons."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextActionsBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    MarkdownBlock,
    PlainTextObject,
)

from blocks import ids
from blocks.answer_card import answer_card
from blocks.common import (
    BUTTON_VALUE_LIMIT,
    MESSAGE_BLOCK_LIMIT,
    Card,
    clip,
    context,
    escape,
    source_context,
)
from knowledge.query import Answer

MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^)\s]{1,500})\)")
# Slack's own syntax inside text: <!channel>, <@U123>, <#C123>, <https://x|disguised> and bare @here and friends.
SLACK_SYNTAX = re.compile(r"<(?=[!@#]|[a-z][a-z0-9+.-]*:)|(?<![\w@])@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"
MARKDOWN_BLOCK_LIMIT = 12_000  # https://docs.slack.dev/reference/block-kit/blocks/markdown-block/
# The model is told to end with "Source:" and a section (knowledge/briefing.py); the reply leaves that line out.
MODEL_CITATION = re.compile(r"\n*\s*_?Sources?:\s*_?(.+?)_?\s*$", re.IGNORECASE)


def safe_markdown(text: str) -> str:
    """Model (or user) text for a ``markdown`` block or a stream: links spelled out so none can hide where it
    goes, and Slack's mention and link syntax broken with a zero-width space, so nothing becomes
    ``<!channel>``, ``<!here>``, ``<!everyone>``, a mention or a disguised link."""
    text = MARKDOWN_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return SLACK_SYNTAX.sub(lambda m: m.group(0) + ZERO_WIDTH_SPACE, text)


def stream_end_blocks(answer_id: str) -> list[Block]:
    """What ends a streamed answer, under its text: the feedback buttons."""
    return [feedback_actions(answer_id)]


def feedback_value(vote_action: str, answer_id: str) -> str:
    return f"{vote_action}:{clip(answer_id, BUTTON_VALUE_LIMIT - len(vote_action) - 1)}"


def feedback_actions(answer_id: str) -> ContextActionsBlock:
    """Slack's own feedback buttons (a ``feedback_buttons`` element in a ``context_actions`` block); each button's
    value is the vote and the answer it is about."""
    return ContextActionsBlock(
        block_id=ids.FEEDBACK_BLOCK,
        elements=[
            FeedbackButtonsElement(
                action_id=ids.FEEDBACK_ACTION,
                positive_button=FeedbackButtonObject(
                    text=PlainTextObject(text="Helpful"),
                    accessibility_label="Mark this answer helpful",
                    value=feedback_value(ids.FEEDBACK_HELPFUL_ACTION, answer_id),
                ),
                negative_button=FeedbackButtonObject(
                    text=PlainTextObject(text="Not helpful"),
                    accessibility_label="Mark this answer not helpful",
                    value=feedback_value(ids.FEEDBACK_UNHELPFUL_ACTION, answer_id),
                ),
            )
        ],
    )


def show_all_actions(answer_id: str) -> ActionsBlock:
    """ "Show all", for an answer that left part of a list out."""
    button = ButtonElement(
        text=PlainTextObject(text="Show all", emoji=True),
        action_id=ids.ANSWER_MORE_ACTION,
        value=clip(answer_id, BUTTON_VALUE_LIMIT),
    )
    return ActionsBlock(block_id=ids.SHOW_ALL_BLOCK, elements=[button])


def reply_cards(
    answer: Answer,
    *,
    answer_id: str,
    note: str | None = None,
    model_text: str | None = None,
    preface: str | None = None,
) -> list[Card]:
    """The reply as one or more messages (a very long answer continues in a second message); the last one
    carries the note, the sources and the feedback buttons.

    Without ``model_text`` the guide's own answer is shown as ``answer_card`` renders it everywhere else. With
    it (Claude answered) the model's text is shown in Slack's ``markdown`` block, made safe (``safe_markdown``)
    and without its closing citation; the offline answer's sources are not shown, because the model may have
    drawn on other sections. A ``preface`` is said first, above the answer."""
    tail: list[Block] = []
    if note:
        tail.append(context(f":information_source: {escape(note)}"))
    if model_text is None:
        card = answer_card(answer, cite=False)
        body, fallback = card.blocks, card.text
        if answer.all_sources:
            tail.append(source_context(answer.all_sources))
        if answer.more:  # only the guide's own answer is known to have left something out
            tail.append(show_all_actions(answer_id))
    else:
        citation = MODEL_CITATION.search(model_text)
        shown = model_text[: citation.start()] if citation else model_text
        body, fallback = [], shown[:200]
    tail.append(feedback_actions(answer_id))
    lead = [context(f":information_source: {escape(preface)}")] if preface else []
    if model_text is not None:
        # One markdown block a message: Slack allows 12,000 characters of markdown per message in all.
        cards = [Card([MarkdownBlock(text=part)], fallback) for part in markdown_parts(safe_markdown(shown))]
        cards = cards or [Card([], fallback or "hirebot")]
        cards[0] = Card([*lead, *cards[0].blocks], fallback)
        cards[-1] = Card([*cards[-1].blocks, *tail], fallback)
        return cards
    body = [*lead, *body]
    room = MESSAGE_BLOCK_LIMIT - len(tail)
    cards = [Card(body[start : start + room], fallback) for start in range(0, len(body), room)]
    if not cards:
        cards = [Card([], fallback or "hirebot")]
    last = cards[-1]
    if len(last.blocks) + len(tail) > MESSAGE_BLOCK_LIMIT:
        cards.append(Card(tail, last.text))
    else:
        cards[-1] = Card([*last.blocks, *tail], last.text)
    return cards


def markdown_parts(text: str, limit: int = MARKDOWN_BLOCK_LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, split between paragraphs where it can be."""
    parts: list[str] = []
    current = ""
    for paragraph in text.strip().split("\n\n"):
        while len(paragraph) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        joined = f"{current}\n\n{paragraph}" if current else paragraph
        if len(joined) > limit:
            parts.append(current)
            joined = paragraph
        current = joined
    if current.strip():
        parts.append(current)
    return parts


def without_show_all(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A posted answer's blocks (as Slack sends them back) with the "Show all" button taken out (an earlier
    answer had it among its own feedback buttons)."""
    kept: list[dict[str, Any]] = []
    for block in blocks:
        if block.get("block_id") == ids.SHOW_ALL_BLOCK:
            continue
        if block.get("block_id") == ids.FEEDBACK_BLOCK and isinstance(block.get("elements"), list):
            elements = [e for e in block["elements"] if e.get("action_id") != ids.ANSWER_MORE_ACTION]
            block = {**block, "elements": elements}
        kept.append(block)
    return kept
