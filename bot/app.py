"""Builds the Bolt ``AsyncApp``: one per process, made from the settings and the services, no globals."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from types import ModuleType
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.deps import Deps
from bot.logs import REQUEST_ID, hide_rejected_bodies, new_request_id
from bot.storage import open_store
from bot.store import StoreUnavailable
from handlers import actions, assistant, commands, debrief, events, feedback, home, reminders, scorecards, shortcuts

logger = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 8.0

# Each Slack surface registers its listeners once; the manifest test checks this list against manifest.yml.
SURFACES: tuple[ModuleType, ...] = (
    commands,
    actions,
    events,
    assistant,
    feedback,
    scorecards,
    debrief,
    reminders,
    shortcuts,
    home,
)


class MissingCredentials(Exception):  # noqa: N818 (reads as the condition it reports)
    """A Slack credential needed for the chosen mode is not set; the message names the variable."""


def require(settings: Settings, *names: str) -> None:
    for name in names:
        if getattr(settings, name) is None:
            raise MissingCredentials(f"{name.upper()} is not set: {CREDENTIAL_HELP[name]}")


CREDENTIAL_HELP = {
    "slack_bot_token": "copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page",
    "slack_signing_secret": "copy the Signing Secret from your Slack app's Basic Information page",
    "slack_app_token": "create an app-level token (xapp-…) with connections:write under Basic Information",
}


def build_client(settings: Settings, session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    """The Web API client: Slack's URL (or ``SLACK_API_URL``), a shared session, and retries that honour
    ``Retry-After`` on 429 and back off on 5xx and dropped connections."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(
        token=token,
        base_url=str(settings.slack_api_url),
        session=session,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncRateLimitErrorRetryHandler(max_retry_count=3),
            AsyncServerErrorRetryHandler(max_retry_count=2),
        ],
    )


async def open_services(settings: Settings, stack: AsyncExitStack) -> tuple[Deps, AsyncWebClient]:
    """The long-lived services a Slack process needs, closed (background answers drained first) when ``stack``
    closes: the store (a process keeps running while Redis is down), Slack's HTTP session and, when
    ``ANTHROPIC_API_KEY`` is set, the Anthropic client."""
    try:
        store = await stack.enter_async_context(open_store(settings, require_reachable=False))
    except StoreUnavailable as error:
        logger.warning("%s; running without conversation history", error)
        store = None
    session = await stack.enter_async_context(aiohttp.ClientSession())
    anthropic = None
    if settings.anthropic_api_key is not None:
        from bot.claude import build_anthropic_client

        base_url = str(settings.anthropic_base_url) if settings.anthropic_base_url else None
        anthropic = build_anthropic_client(settings.anthropic_api_key.get_secret_value(), base_url)
        stack.push_async_callback(anthropic.close)
    deps = Deps.build(settings, store, anthropic)
    stack.push_async_callback(deps.tasks.drain, SHUTDOWN_GRACE_SECONDS)
    return deps, build_client(settings, session)


def build_app(settings: Settings, deps: Deps, client: AsyncWebClient, *, verify_requests: bool = True) -> AsyncApp:
    """The Bolt app with every surface registered. Socket Mode passes ``verify_requests=False``: its
    envelopes arrive over an authenticated WebSocket and carry no signature."""
    hide_rejected_bodies()
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = AsyncApp(
        client=client,
        signing_secret=secret,
        request_verification_enabled=verify_requests,
        logger=logging.getLogger("hirebot.bolt"),
    )

    @app.middleware
    async def tag_request(next: Callable[[], Awaitable[Any]]) -> Any:
        """Socket Mode requests don't pass through the HTTP server, which sets the request id there."""
        if REQUEST_ID.get() == "-":
            REQUEST_ID.set(new_request_id())
        return await next()

    @app.error
    async def handle_unexpected_error(error: Exception, body: dict[str, Any]) -> None:
        logger.error("Unhandled error in a listener (%s): %s", body.get("type", "request"), type(error).__name__)

    for surface in SURFACES:
        surface.register(app, deps)
    return app
