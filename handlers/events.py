"""Direct messages and @mentions. Bolt acks the event at once; the answer is produced in a background
task, after the event id has been claimed in Redis so a redelivery never answers twice."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks.payloads import MessageEvent, parse_message_event
from bot.answers.slack_reply import Conversation, answer_in_slack, without_mentions
from bot.deps import Deps
from bot.store.dedupe import first_delivery

# Subscribed in manifest.yml; Bolt registers all message events under "message".
MESSAGE_EVENTS = ("message.im",)
MAX_QUESTION_CHARS = 4000


def register(app: AsyncApp, deps: Deps) -> None:
    async def answer(
        body: dict[str, Any], event: MessageEvent, client: AsyncWebClient, *, thread_ts: str | None, feature: str
    ) -> None:
        question = without_mentions(event.text)[:MAX_QUESTION_CHARS]
        if not question or not await first_delivery(deps.store, deps.recent_events, body.get("event_id")):
            return
        conversation = Conversation(
            team_id=str(body.get("team_id") or event.team or ""),
            channel_id=event.channel,
            thread_ts=thread_ts,
            user_id=event.user,
            feature=feature,
        )
        deps.tasks.spawn(
            answer_in_slack(deps.answers, client, conversation, question), name=f"answer:{body.get('event_id')}"
        )

    @app.event("message")
    async def handle_message(body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        message = parse_message_event(event)
        if message is None or message.channel_type != "im" or not message.from_a_person:
            return
        await answer(body, message, client, thread_ts=message.thread_ts, feature="dm")

    @app.event("app_mention")
    async def handle_mention(body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient) -> None:
        message = parse_message_event(event)
        if message is None or not message.from_a_person:
            return
        await answer(body, message, client, thread_ts=message.thread_ts or message.ts, feature="mention")
