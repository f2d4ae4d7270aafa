"""Direct messages and @mentions. The event is acked as soon as the listener returns; the answer is made in a
background task by the question desk (``bot.answers.questions``), which claims the event first so a redelivery
never answers twice."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks.payloads import MessageEvent, parse_message_event
from bot.deps import Deps
from handlers import parsed

# Subscribed in manifest.yml; Bolt registers all message events under "message".
MESSAGE_EVENTS = ("message.im",)


def register(app: AsyncApp, deps: Deps) -> None:
    # Events Slack sends that aren't a person's message (edits, joins, bot posts) are routine: not logged.
    message_event = parsed("message_event", parse_message_event, part="event", quiet=True)

    async def take(
        body: dict[str, Any], asked: MessageEvent, client: AsyncWebClient, *, thread_ts: str | None, feature: str
    ) -> None:
        question = await deps.questions.claim(
            asked,
            event_id=body.get("event_id"),
            team_id=str(body.get("team_id") or ""),
            thread_ts=thread_ts,
            feature=feature,
        )
        if question is not None:
            deps.questions.answer(client, question)

    @app.event("message", middleware=[message_event])
    async def handle_message(body: dict[str, Any], message_event: MessageEvent, client: AsyncWebClient) -> None:
        if message_event.channel_type == "im" and message_event.from_a_person:
            work = take(body, message_event, client, thread_ts=message_event.thread_ts, feature="dm")
            deps.tasks.spawn(work, name="dm")

    @app.event("app_mention", middleware=[message_event])
    async def handle_mention(body: dict[str, Any], message_event: MessageEvent, client: AsyncWebClient) -> None:
        if message_event.from_a_person:
            thread_ts = message_event.thread_ts or message_event.ts
            deps.tasks.spawn(take(body, message_event, client, thread_ts=thread_ts, feature="mention"), name="mention")
