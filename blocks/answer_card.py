"""A free-text answer from the engine as a card: the text in sections, then its sources."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from blocks.common import MESSAGE_BLOCK_LIMIT, Card, escape, markdown_sections, share_actions, source_context
from knowledge.query import Answer

SOURCE_PREFIXES = ("Source: ", "Sources: ")


def answer_body(answer: Answer) -> str:
    """The answer text without its trailing source line, which the card shows as context instead."""
    lines = answer.text.splitlines()
    if lines and lines[-1].startswith(SOURCE_PREFIXES):
        lines = lines[:-1]
    return "\n".join(lines)


def answer_card(answer: Answer, share_value: str | None = None) -> Card:
    body = escape(answer_body(answer))
    lead, _, rest = body.partition("\n")
    sections = markdown_sections(f"*{lead}*" + (f"\n{rest}" if rest else ""))
    tail: list[Block] = []
    if answer.sources:
        tail.append(source_context(answer.sources))
    tail += share_actions(share_value)
    blocks: list[Block] = [*sections[: MESSAGE_BLOCK_LIMIT - len(tail)], *tail]
    return Card(blocks, lead)
