"""Checks every Block Kit test makes: valid for Slack, option texts Slack won't cut, unique block ids."""

from __future__ import annotations

from typing import Any

from blocks.common import MESSAGE_BLOCK_LIMIT, Card
from blocks.rendering import view_dict
from tests.fakes.block_checks import check_message_blocks, check_view


def option_texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [o["text"]["text"] for o in node.get("options", []) if isinstance(o, dict)]
        return found + [t for value in node.values() for t in option_texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in option_texts(item)]
    return []


def valid_view(view: Any) -> dict[str, Any]:
    payload: dict[str, Any] = view.to_dict()
    assert view_dict(view) == payload, "blocks.rendering renders a view as slack_sdk does"
    assert check_view(payload) == []
    assert all(len(text) <= 75 for text in option_texts(payload)), "Slack cuts option text at 75 characters"
    block_ids = [block["block_id"] for block in payload["blocks"] if "block_id" in block]
    assert len(block_ids) == len(set(block_ids))
    return payload


def valid_card(card: Card) -> dict[str, Any]:
    payload = card.payload()
    assert payload["blocks"] == [block.to_dict() for block in card.blocks], "rendered as slack_sdk renders it"
    assert check_message_blocks(payload["blocks"]) == []
    assert len(payload["blocks"]) <= MESSAGE_BLOCK_LIMIT
    assert 0 < len(payload["text"]) <= 3000
    return payload
