"""Direct messages and @mentions. The event is acked as soon as the listener returns; the answer is made in a
background task by the question desk (``bot.answers.questions``), which claims the event first so a redelivery
never answers twice.

Which messages get an answer is the message policy in ``blocks.payloads`` (``MessageEvent.not_answered_because``):
a person's own message, with a file attached or broadcast from a thread; never Slackbot, an app, an edit, a
deletion or a join."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from blocks.payloads import MessageEvent, parse_message_event
from bot.deps import Deps
from bot.ops.metrics import Metrics
from handlers import parsed

logger = logging.getLogger(__name__)

# Subscribed in manifest.yml; Bolt registers all message events under "message".
MESSAGE_EVENTS = ("message.im",)
# Events Slack sends to every app, subscribed or not, as a whole payload with no inner ``event``: "This event
# does not require a specific OAuth scope or subscription" (https://docs.slack.dev/reference/events/app_rate_limited).
# Bolt has no listener shape for them (it would answer 404 and warn), so a middleware acknowledges them.
SENT_WITHOUT_SUBSCRIPTION = ("app_rate_limited",)


class AcknowledgeUnsubscribedEvents(AsyncMiddleware):
    """Global middleware answering the events in ``SENT_WITHOUT_SUBSCRIPTION`` (a class, so Bolt runs it without
    injecting arguments: see ``handlers.ParsedPayload``)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        body: dict[str, Any] = req.body
        kind = body.get("type")
        if kind not in SENT_WITHOUT_SUBSCRIPTION:
            return await next()
        self.metrics.unsubscribed_events.labels(type=str(kind)).inc()
        logger.warning(
            "Slack is rate limiting hirebot's events for team %s (Events API: over 30,000 an hour, or too many "
            "failed deliveries) since minute %s",
            str(body.get("team_id") or "?")[:40],
            str(body.get("minute_rate_limited") or "?")[:20],
        )
        return BoltResponse(status=200, body="")


def register(app: AsyncApp, deps: Deps) -> None:
    app.use(AcknowledgeUnsubscribedEvents(deps.metrics))

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

    def answered(message: MessageEvent) -> bool:
        if (reason := message.not_answered_because) is not None:
            logger.debug("Not answering a %s message: %s", message.subtype or "plain", reason)
        return reason is None

    @app.event("message", middleware=[message_event])
    async def handle_message(body: dict[str, Any], message_event: MessageEvent, client: AsyncWebClient) -> None:
        if message_event.channel_type == "im" and answered(message_event):
            work = take(body, message_event, client, thread_ts=message_event.thread_ts, feature="dm")
            deps.tasks.spawn(work, name="dm")

    @app.event("app_mention", middleware=[message_event])
    async def handle_mention(body: dict[str, Any], message_event: MessageEvent, client: AsyncWebClient) -> None:
        if answered(message_event):
            thread_ts = message_event.thread_ts or message_event.ts
            deps.tasks.spawn(take(body, message_event, client, thread_ts=thread_ts, feature="mention"), name="mention")
