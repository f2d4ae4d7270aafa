"""Helpful / not helpful votes on answers, stored with the question and answer they are about.
Unhelpful ones are listed by ``hirebot feedback``: that is where new golden cases come from."""

from __future__ import annotations

import logging
import re
import time
from typing import Any, Literal

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from blocks import ids
from blocks.common import context
from bot.answers import ANSWER_KIND
from bot.deps import Deps
from bot.store import Store, StoreUnavailable
from handlers.payloads import parse_click

logger = logging.getLogger(__name__)

FEEDBACK_KIND = "feedback"
FEEDBACK_TTL = 180 * 24 * 60 * 60
ANSWER_ID = re.compile(r"^[0-9a-f]{32}$")
Vote = Literal["helpful", "unhelpful"]


async def record_vote(store: Store, answer_id: str, user_id: str, vote: Vote) -> None:
    """One vote per person per answer (a second click replaces the first), indexed by vote."""
    answer = await store.get_document(ANSWER_KIND, answer_id) or {}
    record = {
        "answer_id": answer_id,
        "user": user_id,
        "vote": vote,
        "at": time.time(),
        "question": answer.get("question"),
        "answer": answer.get("answer"),
        "engine": answer.get("engine"),
    }
    doc_id = f"{answer_id}:{user_id}"
    other: Vote = "unhelpful" if vote == "helpful" else "helpful"
    await store.delete_document(FEEDBACK_KIND, doc_id, indexes=[other])
    await store.put_document(FEEDBACK_KIND, doc_id, record, indexes=[vote], ttl=FEEDBACK_TTL)


async def unhelpful_answers(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    ids_ = await store.index_members(FEEDBACK_KIND, "unhelpful", limit=limit)
    return await store.get_documents(FEEDBACK_KIND, ids_)


def _thanked(blocks: list[dict[str, Any]], vote: Vote) -> list[dict[str, Any]]:
    word = "helpful" if vote == "helpful" else "not helpful"
    thanks = context(f"Thanks for the feedback: you marked this {word}.").to_dict()
    return [thanks if block.get("block_id") == ids.FEEDBACK_BLOCK else block for block in blocks]


def register(app: AsyncApp, deps: Deps) -> None:
    async def handle_vote(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond, vote: Vote) -> None:
        await ack()
        try:
            click = parse_click(body)
        except ValidationError:
            return
        if not ANSWER_ID.match(click.value) or deps.store is None:
            await respond(
                response_type="ephemeral", replace_original=False, text="I couldn't record that vote. Thanks anyway!"
            )
            return
        try:
            await record_vote(deps.store, click.value, click.user.id, vote)
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
