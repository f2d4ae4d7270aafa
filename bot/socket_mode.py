"""``hirebot socket``: the same Bolt app over Socket Mode, for workspaces that can't expose a public URL."""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import AsyncExitStack

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

from bot.app import build_app
from bot.config import Settings
from bot.runtime import freeze_startup_objects, open_services, require

logger = logging.getLogger(__name__)


async def start_socket_mode(
    settings: Settings, stack: AsyncExitStack, *, ping_interval: float = 10
) -> AsyncSocketModeHandler:
    """Connect and return the handler; everything opened is closed when ``stack`` closes."""
    require(settings, "slack_bot_token", "slack_app_token")
    assert settings.slack_app_token is not None
    deps, client = await open_services(settings, stack)
    app = build_app(settings, deps, client, verify_requests=False)
    handler = AsyncSocketModeHandler(
        app, settings.slack_app_token.get_secret_value(), web_client=client, ping_interval=ping_interval
    )
    freeze_startup_objects()
    await handler.connect_async()  # type: ignore[no-untyped-call]
    stack.push_async_callback(handler.close_async)  # untyped in slack_bolt
    return handler


async def run_socket_mode(settings: Settings) -> None:
    """Serve until SIGTERM or SIGINT, then disconnect cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with AsyncExitStack() as stack:
        await start_socket_mode(settings, stack)
        logger.info("hirebot connected to Slack over Socket Mode")
        await stop.wait()
        logger.info("hirebot shutting down")
