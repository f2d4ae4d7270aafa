"""What both transports (``bot.server`` over HTTP, ``bot.socket_mode``) share: checking credentials, opening the
long-lived services, and freezing start-up objects out of the garbage collector's way."""

from __future__ import annotations

import asyncio
import gc
import logging
from contextlib import AsyncExitStack, suppress
from typing import Final

import aiohttp
import pydantic_core
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.deps import Deps
from bot.install.clients import WorkspaceClients
from bot.install.migration import migrate_on_start
from bot.store.opening import enter_store
from bot.store.unavailable import UnavailableStore
from bot.store.workspace import outside_any_workspace

logger = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 8.0


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


def json_text(value: object) -> str:
    """The JSON of a Slack Web API call's body, for aiohttp's ``json_serialize``. ``pydantic_core.to_json`` writes
    what ``json.dumps`` would (only more compact, and UTF-8 where it writes ``\\u`` escapes) several times faster;
    serialising a scorecard summary's blocks was a sixth of its ``chat.postMessage``'s CPU (docs/benchmarks.md)."""
    return pydantic_core.to_json(value).decode()


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
    store = await enter_store(settings, stack, require_reachable=False)
    if isinstance(store, UnavailableStore):
        logger.warning("%s; running without the store", store.reason)
    session = await stack.enter_async_context(aiohttp.ClientSession(json_serialize=json_text))
    anthropic = None
    if settings.anthropic_api_key is not None:
        from bot.answers.claude import build_anthropic_client  # only loaded when Claude is configured

        base_url = str(settings.anthropic_base_url) if settings.anthropic_base_url else None
        anthropic = build_anthropic_client(settings.anthropic_api_key.get_secret_value(), base_url)
        stack.push_async_callback(anthropic.close)
    deps = Deps.build(settings, store, anthropic)
    stack.push_async_callback(deps.tasks.drain, SHUTDOWN_GRACE_SECONDS)
    stack.push_async_callback(deps.outbox.stop)  # runs first: posts waiting out a 429 stay in Redis
    client = build_client(settings, session)
    await migrate_on_start(settings, store, client)  # data from before workspaces goes to SLACK_BOT_TOKEN's
    clients = WorkspaceClients.build(settings, store, client)
    with outside_any_workspace():  # the sweepers enter each workspace themselves, each with its own client
        deps.outbox.start(client, clients.for_workspace)  # delivers what a stopped process left waiting out a 429
        sweeping = deps.decisions.retention.run_forever(client, clients.for_workspace)
        sweep = asyncio.get_running_loop().create_task(sweeping, name="retention")

    async def stop_sweeping() -> None:
        sweep.cancel()
        with suppress(asyncio.CancelledError):
            await sweep

    stack.push_async_callback(stop_sweeping)
    return deps, client


# A young-generation collection after this many new container objects rather than CPython's 700.
GC_YOUNG_THRESHOLD: Final = 20_000


def freeze_startup_objects() -> None:
    """Move everything built at start-up (the guide, models, Bolt, slack_sdk) out of the cyclic GC's reach, and
    collect the young generation less often.

    - Full collections over those ~78,000 long-lived objects paused every request in flight for 40 ms under load;
      frozen, a gen-2 pause is under a millisecond (docs/benchmarks.md).
    - At CPython's default threshold, every collection promoted the objects of the 32 requests then in flight,
      which die a moment later, so the older generations filled with them and were collected again and again:
      0.6 to 0.8 s of GC per 3,300 scorecard submissions, 8 to 10 % of the server's CPU. Collecting the young
      generation every 20,000 objects took that to under 0.1 s (measured with ``gc.callbacks``); garbage in
      cycles waits a little longer, a few MB at most.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)
