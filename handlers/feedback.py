"""Helpful / not helpful buttons on answers; the votes are kept by ``bot.store.feedback``."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from blocks import ids
from blocks.common import context
from blocks.payloads import parse_block_actions
from bot.deps import Deps
from bot.store.answers import ANSWER_ID
from bot.store.feedback import Vote
from bot.store.redis_store import StoreUnavailable

logger = logging.getLogger(__name__)


def _thanked(blocks: list[dict[str, Any]], vote: Vote) -> list[dict[str, Any]]:
    word = "helpful" if vote == "helpful" else "not helpful"
    thanks = context(f"Thanks for the feedback: you marked this {word}.").to_dict()
    return [thanks if block.get("block_id") == ids.FEEDBACK_BLOCK else block for block in blocks]


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_vote(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond, vote: Vote) -> None:
        await ack()
        try:
            click = parse_block_actions(body)
        except ValidationError:
            return
        if not ANSWER_ID.match(click.value):
            await respond(
                response_type="ephemeral", replace_original=False, text="I couldn't record that vote. Thanks anyway!"
            )
            return
        try:
            await deps.feedback_records.record_vote(click.value, click.user.id, vote)
        except StoreUnavailable:
            await respond(
                response_type="ephemeral",
                replace_original=False,
                text="I couldn't save your vote just now. Please try again in a minute.",
            )
            return
        blocks = (body.get("message") or {}).get("blocks")
        if isinstance(blocks, list):
            await respond(
                replace_original=True,
                blocks=_thanked(blocks, vote),
                text=str((body.get("message") or {}).get("text") or "hirebot"),
            )

    @app.action(ids.FEEDBACK_HELPFUL_ACTION)
    async def handle_helpful(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await handle_vote(ack, body, respond, "helpful")

    @app.action(ids.FEEDBACK_UNHELPFUL_ACTION)
    async def handle_unhelpful(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await handle_vote(ack, body, respond, "unhelpful")
