"""The "Show all" button on a conversational answer that left part of a list out."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.conversation_cards import without_show_all
from blocks.payloads import MessageButton, parse_message_button
from bot.answers.show_all import ShowAll, post_the_rest
from bot.deps import Deps
from handlers import parsed

REFUSALS = {ShowAll.EXPIRED: messages.SHOW_ALL_EXPIRED, ShowAll.UNAVAILABLE: messages.SHOW_ALL_UNAVAILABLE}


def register(app: AsyncApp, deps: Deps) -> None:
    click = parsed("click", parse_message_button)

    async def show_all(
        body: dict[str, Any], click: MessageButton, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        outcome = await post_the_rest(
            deps.answers, client, answer_id=click.value, channel_id=click.channel.id, thread_ts=click.thread_ts
        )
        if outcome is not ShowAll.POSTED:
            await respond(response_type="ephemeral", replace_original=False, text=REFUSALS[outcome])
            return
        blocks = (body.get("message") or {}).get("blocks")
        if isinstance(blocks, list):  # the list is shown now: the button has done its job
            text = str(body["message"].get("text") or "hirebot")
            await respond(replace_original=True, blocks=without_show_all(blocks), text=text)

    @app.action(ids.ANSWER_MORE_ACTION, middleware=[click])
    async def handle_show_all(
        ack: AsyncAck, body: dict[str, Any], click: MessageButton, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        deps.tasks.spawn(show_all(body, click, respond, client), name=f"show-all:{click.value[:32]}")
