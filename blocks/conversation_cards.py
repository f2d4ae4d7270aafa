"""Messages for conversational answers: the model's text made safe to show, and the final answer with its
sources, any note, and helpful / not helpful buttons."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, PlainTextObject

from blocks import ids
from blocks.answer_card import answer_card
from blocks.common import (
    BUTTON_VALUE_LIMIT,
    MESSAGE_BLOCK_LIMIT,
    Card,
    clip,
    context,
    escape,
    markdown_sections,
    source_context,
)
from knowledge.query import Answer

MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^)\s]{1,500})\)")
MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*(.+)$", re.MULTILINE)
# Slack's own syntax inside text: <!channel>, <@U123>, <#C123>, <https://x|disguised> and bare @here and friends.
SLACK_SYNTAX = re.compile(r"<(?=[!@#]|[a-z][a-z0-9+.-]*:)|(?<![\w@])@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"
# The model is told to end with "Source:" and a section (knowledge/briefing.py); the reply leaves that line out.
MODEL_CITATION = re.compile(r"\n*\s*_?Sources?:\s*_?(.+?)_?\s*$", re.IGNORECASE)


def safe_markdown(text: str) -> str:
    """Model (or user) text for a ``markdown`` block or a stream: links spelled out so none can hide where it
    goes, and Slack's mention and link syntax broken with a zero-width space, so nothing becomes
    ``<!channel>``, ``<!here>``, ``<!everyone>``, a mention or a disguised link."""
    text = MARKDOWN_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return SLACK_SYNTAX.sub(lambda m: m.group(0) + ZERO_WIDTH_SPACE, text)


def sanitize_model_text(text: str) -> str:
    """Model output as inert mrkdwn: Markdown emphasis converted, links spelled out (no disguised links),
    and ``<``/``>``/``&`` escaped so nothing can become ``<!channel>`` or a mention."""
    text = MARKDOWN_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = MARKDOWN_HEADING.sub(lambda m: f"**{m.group(1)}**", text)
    text = MARKDOWN_BOLD.sub(lambda m: f"*{m.group(1)}*", text)
    return escape(text)


def stream_end_blocks(answer_id: str) -> list[Block]:
    """What ends a streamed answer, under its text: the feedback buttons."""
    return [feedback_actions(answer_id)]


def feedback_actions(answer_id: str, *, more: bool = False) -> ActionsBlock:
    """Helpful / not helpful, after "Show all" when the answer left part of a list out."""
    value = clip(answer_id, BUTTON_VALUE_LIMIT)
    show_all = ButtonElement(
        text=PlainTextObject(text="Show all", emoji=True), action_id=ids.ANSWER_MORE_ACTION, value=value
    )
    return ActionsBlock(
        block_id=ids.FEEDBACK_BLOCK,
        elements=[
            *([show_all] if more else []),
            ButtonElement(
                text=PlainTextObject(text=":thumbsup: Helpful", emoji=True),
                action_id=ids.FEEDBACK_HELPFUL_ACTION,
                value=value,
            ),
            ButtonElement(
                text=PlainTextObject(text=":thumbsdown: Not helpful", emoji=True),
                action_id=ids.FEEDBACK_UNHELPFUL_ACTION,
                value=value,
            ),
        ],
    )


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
    it (Claude answered) the model's text is shown, sanitized and without its closing citation; the offline
    answer's sources are not shown, because the model may have drawn on other sections. A ``preface`` is said
    first, above the answer."""
    tail: list[Block] = []
    if note:
        tail.append(context(f":information_source: {escape(note)}"))
    if model_text is None:
        card = answer_card(answer, cite=False)
        body, fallback = card.blocks, card.text
        if answer.all_sources:
            tail.append(source_context(answer.all_sources))
    else:
        citation = MODEL_CITATION.search(model_text)
        shown = model_text[: citation.start()] if citation else model_text
        body, fallback = list(markdown_sections(sanitize_model_text(shown))), shown[:200]
    # Only the guide's own answer is known to have left something out; a model's text is shown as it is.
    tail.append(feedback_actions(answer_id, more=model_text is None and answer.more))
    if preface:
        body = [context(f":information_source: {escape(preface)}"), *body]
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


def without_show_all(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A posted answer's blocks (as Slack sends them back) with the "Show all" button taken out."""
    kept: list[dict[str, Any]] = []
    for block in blocks:
        if block.get("block_id") == ids.FEEDBACK_BLOCK and isinstance(block.get("elements"), list):
            elements = [e for e in block["elements"] if e.get("action_id") != ids.ANSWER_MORE_ACTION]
            block = {**block, "elements": elements}
        kept.append(block)
    return kept
