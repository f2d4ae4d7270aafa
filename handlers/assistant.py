"""Slack's agent messaging experience (``features.agent_view`` in manifest.yml; Slack's migration guide:
https://docs.slack.dev/ai/migrating-to-agent-messaging/). Conversations happen in the app's Messages tab:

- opening it (``app_home_opened`` with ``tab: "messages"``, which replaces ``assistant_thread_started``) sets
  the suggested prompts through Bolt's ``set_suggested_prompts`` (no ``thread_ts``: an agent app's prompts sit at
  the top of the conversation) and greets a person the first time;
- ``app_context_changed`` records what the person is looking at (``bot.store.agent_context``);
- their messages are ordinary ``message.im`` events, answered by ``handlers.events`` with a loading status and
  a streamed answer (``bot.answers.streaming``).
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncApp, AsyncSetSuggestedPrompts
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.payloads import ContextChanged, HomeOpened
from bot.deps import Deps
from bot.store.agent_context import AgentContexts, ViewedContext
from bot.store.redis_store import StoreUnavailable
from handlers import parsed

logger = logging.getLogger(__name__)

GREETED_NAMESPACE = "agent-greeting"
GREETED_TTL = 365 * 24 * 60 * 60


async def messages_tab(event: dict[str, Any]) -> bool:
    return event.get("tab") == "messages"


def register(app: AsyncApp, deps: Deps) -> None:
    contexts = AgentContexts(deps.store)

    @app.event(
        "app_home_opened",
        matchers=[messages_tab],
        middleware=[parsed("opened", HomeOpened.model_validate, part="event", quiet=True)],
    )
    async def handle_messages_tab_opened(
        body: dict[str, Any],
        opened: HomeOpened,
        client: AsyncWebClient,
        set_suggested_prompts: AsyncSetSuggestedPrompts | None = None,
    ) -> None:
        if opened.channel:  # listeners run before the ack: Redis and Slack calls go to a background task
            work = greet(body.get("event_id"), opened.user, opened.channel, client, set_suggested_prompts)
            deps.tasks.spawn(work, name="agent-greeting")

    async def greet(
        event_id: str | None,
        user: str,
        channel: str,
        client: AsyncWebClient,
        set_suggested_prompts: AsyncSetSuggestedPrompts | None,
    ) -> None:
        if not await deps.events.first(event_id):
            return  # a redelivery: the prompts and greeting went out the first time
        try:
            if set_suggested_prompts is not None:
                await set_suggested_prompts(
                    prompts=[{"title": title, "message": message} for title, message in messages.AGENT_PROMPTS],
                    title=messages.AGENT_PROMPTS_TITLE,
                )
            if await _first_visit(user):
                await client.chat_postMessage(channel=channel, text=messages.AGENT_GREETING)
        except SlackApiError as error:
            logger.warning("Could not greet %s (kind=slack): %s", user, error.response.get("error"))

    async def _first_visit(user: str) -> bool:
        try:
            return await deps.store.claim_once(GREETED_NAMESPACE, user, GREETED_TTL)
        except StoreUnavailable:
            return False  # better no greeting than one on every visit

    @app.event("app_context_changed", middleware=[parsed("changed", ContextChanged.of)])
    async def handle_app_context_changed(body: dict[str, Any], changed: ContextChanged) -> None:
        deps.tasks.spawn(record_context(body, changed), name="agent-context")

    async def record_context(body: dict[str, Any], changed: ContextChanged) -> None:
        """Slack orders the entities by relevance; the first is what the person is looking at."""
        try:
            if not changed.entities:
                await contexts.forget(changed.user)
                return
            first = changed.entities[0]
            team = first.team_id or str(body.get("team_id") or "")
            await contexts.record(
                ViewedContext(user=changed.user, entity_type=first.type, value=first.id, team_id=team)
            )
        except (ValidationError, StoreUnavailable) as error:
            logger.info("Did not record what %s is viewing: %s", changed.user, type(error).__name__)
