"""Slack's feedback buttons on answers (``blocks.conversation_cards.feedback_actions``: each button's value is
``<vote>:<answer id>``), and the Helpful / Not helpful buttons of answers posted before them; the votes are
kept by ``bot.store.feedback``."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from blocks import ids, messages
from blocks.common import context
from blocks.payloads import BlockActions, parse_block_actions
from bot.deps import Deps
from bot.store.answers import ANSWER_ID
from bot.store.feedback import Vote
from bot.store.redis_store import StoreUnavailable
from handlers import parsed


def _thanked(blocks: list[dict[str, Any]], vote: Vote) -> list[dict[str, Any]]:
    word = "helpful" if vote == "helpful" else "not helpful"
    thanks = context(f"Thanks for the feedback: you marked this {word}.").to_dict()
    return [thanks if block.get("block_id") == ids.FEEDBACK_BLOCK else block for block in blocks]


def register(app: AsyncApp, deps: Deps) -> None:
    click = parsed("click", parse_block_actions)

    async def record(
        body: dict[str, Any], click: BlockActions, respond: AsyncRespond, vote: Vote, answer_id: str
    ) -> None:
        if not ANSWER_ID.match(answer_id):
            await respond(response_type="ephemeral", replace_original=False, text=messages.VOTE_NOT_RECORDED)
            return
        try:
            await deps.feedback_records.record_vote(answer_id, click.user.id, vote)
        except StoreUnavailable:
            await respond(response_type="ephemeral", replace_original=False, text=messages.VOTE_NOT_SAVED)
            return
        message = body.get("message") or {}
        if isinstance(message.get("blocks"), list):
            text = str(message.get("text") or "hirebot")
            await respond(replace_original=True, blocks=_thanked(message["blocks"], vote), text=text)

    @app.action(ids.FEEDBACK_ACTION, middleware=[click])
    async def handle_feedback(ack: AsyncAck, body: dict[str, Any], click: BlockActions, respond: AsyncRespond) -> None:
        await ack()
        action, _, answer_id = click.value.partition(":")
        vote: Vote = "helpful" if action == ids.FEEDBACK_HELPFUL_ACTION else "unhelpful"
        if action not in (ids.FEEDBACK_HELPFUL_ACTION, ids.FEEDBACK_UNHELPFUL_ACTION):
            answer_id = ""  # not a value hirebot wrote: told the vote wasn't recorded
        deps.tasks.spawn(record(body, click, respond, vote, answer_id), name="feedback")

    @app.action(ids.FEEDBACK_HELPFUL_ACTION, middleware=[click])
    async def handle_helpful(ack: AsyncAck, body: dict[str, Any], click: BlockActions, respond: AsyncRespond) -> None:
        await ack()
        deps.tasks.spawn(record(body, click, respond, "helpful", click.value), name="feedback")

    @app.action(ids.FEEDBACK_UNHELPFUL_ACTION, middleware=[click])
    async def handle_unhelpful(ack: AsyncAck, body: dict[str, Any], click: BlockActions, respond: AsyncRespond) -> None:
        await ack()
        deps.tasks.spawn(record(body, click, respond, "unhelpful", click.value), name="feedback")
