"""Direct messages and @mentions. Bolt acks the event at once; the answer is made in the background by the
question desk (``bot.answers.questions``), which claims the event first so a redelivery never answers twice."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks.payloads import parse_message_event
from bot.deps import Deps

# Subscribed in manifest.yml; Bolt registers all message events under "message".
MESSAGE_EVENTS = ("message.im",)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("message")
    async def handle_message(body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        message = parse_message_event(event)
        if message is None or message.channel_type != "im" or not message.from_a_person:
            return
        question = await deps.questions.claim(
            message,
            event_id=body.get("event_id"),
            team_id=str(body.get("team_id") or ""),
            thread_ts=message.thread_ts,
            feature="dm",
        )
        if question is not None:
            deps.questions.answer(client, question)

    @app.event("app_mention")
    async def handle_mention(body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        message = parse_message_event(event)
        if message is None or not message.from_a_person:
            return
        question = await deps.questions.claim(
            message,
            event_id=body.get("event_id"),
            team_id=str(body.get("team_id") or ""),
            thread_ts=message.thread_ts or message.ts,
            feature="mention",
        )
        if question is not None:
            deps.questions.answer(client, question)
