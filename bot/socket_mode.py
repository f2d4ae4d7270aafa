"""``hirebot socket``: the same Bolt app over Socket Mode, for workspaces that can't expose a public URL.

Start-up, in Slack's documented order (https://docs.slack.dev/apis/events-api/using-socket-mode): the bot token
is checked with ``auth.test``, ``apps.connections.open`` with the app token returns a ``wss://`` URL, and the
WebSocket to it is opened; from then on slack_sdk's client keeps the connection (``hello``, envelopes, acks,
``disconnect`` / refresh) and reconnects by itself.

How start-up fails:
- A token Slack rejects (``invalid_auth``, ``not_authed``, ``not_allowed_token_type``, ``token_revoked``...: the
  error codes of https://docs.slack.dev/reference/methods/apps.connections.open and .../auth.test) raises
  ``TokenRejected`` naming ``SLACK_BOT_TOKEN`` or ``SLACK_APP_TOKEN``; the CLI prints that one line and exits 2.
  An app token revoked while connected ends the process the same way at the next reconnect.
- Slack unreachable: retried with a capped backoff, one log line per attempt, never a traceback.
- SIGTERM or Ctrl-C end the process in every state: connecting, connected and reconnecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from time import time
from typing import Any, Final, TypeVar

import aiohttp
from slack_bolt.adapter.socket_mode.async_base_handler import AsyncBaseSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import run_async_bolt_app, send_async_response
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import build_app
from bot.config import Settings
from bot.deps import Deps
from bot.runtime import CREDENTIAL_HELP, freeze_startup_objects, open_services, require
from bot.store.workspace import outside_any_workspace

logger = logging.getLogger(__name__)

T = TypeVar("T")

REJECTED_TOKEN_ERRORS: Final = frozenset(
    {"invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked", "token_expired", "account_inactive"}
)
UNREACHABLE: Final = (aiohttp.ClientError, OSError, TimeoutError)
CLOSE_SECONDS: Final = 2.0


class TokenRejected(Exception):  # noqa: N818 (reads as the condition it reports)
    """Slack refused a token; the message names the variable, what Slack said and what to do."""

    def __init__(self, variable: str, error: str) -> None:
        self.variable, self.error = variable, error
        help_text = CREDENTIAL_HELP[variable.lower()]
        super().__init__(f"Slack rejected {variable} ({error}): {help_text}")


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait before attempt ``n`` (1-based): doubling from ``first``, never more than ``cap``."""

    first: float = 1.0
    cap: float = 30.0

    def delay(self, attempt: int) -> float:
        return float(min(self.first * 2.0 ** max(attempt - 1, 0), self.cap))


async def with_retries(call: Callable[[], Awaitable[T]], *, variable: str, what: str, backoff: Backoff) -> T:
    """``call`` until it succeeds. A rejected token raises ``TokenRejected``; anything else (Slack unreachable,
    a 5xx, another error) is one line and another attempt after the backoff."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return await call()
        except SlackApiError as error:
            code = str(error.response.get("error") or f"HTTP {error.response.status_code}")
            if code in REJECTED_TOKEN_ERRORS:
                raise TokenRejected(variable, code) from None
            reason = f"Slack answered {code}"
        except UNREACHABLE as error:
            reason = f"can't reach Slack ({type(error).__name__}: {error})"
        wait = backoff.delay(attempt)
        logger.warning("%s: %s; attempt %d, retrying in %.0fs", what, reason, attempt, wait)
        await asyncio.sleep(wait)


class OneLineLogger(logging.LoggerAdapter[logging.Logger]):
    """slack_sdk's Socket Mode client logs each failed reconnect with a full traceback; one line says it. Its
    routine INFO lines (sessions opened and abandoned, even one never opened) are DEBUG here: hirebot says when
    it is connected itself, and a start-up that fails stays one line."""

    def info(self, msg: object, *args: object, **kwargs: Any) -> None:
        self.debug(msg, *args, **kwargs)

    @property
    def level(self) -> int:  # slack_bolt's send_async_response reads ``client.logger.level``
        return self.logger.level

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, MutableMapping[str, Any]]:
        kwargs.pop("exc_info", None)
        return msg, kwargs


class HirebotSocketModeClient(SocketModeClient):
    """slack_sdk's aiohttp client, except that a rejected app token ends the process instead of being retried
    every few seconds forever."""

    def __init__(self, app_token: str, web_client: AsyncWebClient, *, ping_interval: float) -> None:
        super().__init__(
            app_token=app_token,
            logger=OneLineLogger(logging.getLogger("hirebot.socket_mode"), {}),  # type: ignore[arg-type]
            web_client=web_client,
            ping_interval=ping_interval,
        )
        self.rejected: asyncio.Future[TokenRejected] = asyncio.get_running_loop().create_future()

    async def issue_new_wss_url(self) -> str:
        try:
            response = await self.web_client.apps_connections_open(app_token=self.app_token)
        except SlackApiError as error:
            code = str(error.response.get("error"))
            if code in REJECTED_TOKEN_ERRORS:
                rejected = TokenRejected("SLACK_APP_TOKEN", code)
                if not self.rejected.done():
                    self.rejected.set_result(rejected)
                raise rejected from None
            raise
        return str(response["url"])


class SocketModeHandler(AsyncBaseSocketModeHandler):
    """Bolt's ``AsyncSocketModeHandler`` over ``HirebotSocketModeClient``."""

    client: HirebotSocketModeClient

    def __init__(self, app: AsyncApp, client: HirebotSocketModeClient, deps: Deps) -> None:
        self.app = self.bolt_app = app
        self.client = client
        self.deps = deps
        client.socket_mode_request_listeners.append(self.handle)

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        start = time()
        with outside_any_workspace():
            response = await run_async_bolt_app(self.bolt_app, req)
        await send_async_response(client, req, response, start)

    async def close(self) -> None:
        """Disconnect; a connection that won't close politely is abandoned after ``CLOSE_SECONDS``."""
        socket_client = self.client  # (not ``client.close``: that reads as a Web API method to test_manifest)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(CLOSE_SECONDS):
                await socket_client.close()  # type: ignore[no-untyped-call]


async def start_socket_mode(
    settings: Settings, stack: AsyncExitStack, *, ping_interval: float = 10, backoff: Backoff = Backoff()
) -> SocketModeHandler:
    """Check both tokens, connect and return the handler; everything opened is closed when ``stack`` closes."""
    require(settings, "slack_bot_token", "slack_app_token")
    assert settings.slack_app_token is not None
    deps, client = await open_services(settings, stack)
    app = build_app(settings, deps, client, verify_requests=False)
    await with_retries(client.auth_test, variable="SLACK_BOT_TOKEN", what="Checking the bot token", backoff=backoff)
    socket_client = HirebotSocketModeClient(
        settings.slack_app_token.get_secret_value(), client, ping_interval=ping_interval
    )
    handler = SocketModeHandler(app, socket_client, deps)
    stack.push_async_callback(handler.close)
    socket_client.wss_uri = await with_retries(
        socket_client.issue_new_wss_url,
        variable="SLACK_APP_TOKEN",
        what="Opening a Socket Mode connection (apps.connections.open)",
        backoff=backoff,
    )
    freeze_startup_objects()
    await handler.connect_async()  # type: ignore[no-untyped-call]
    return handler


async def run_socket_mode(settings: Settings, *, backoff: Backoff = Backoff()) -> None:
    """Serve until SIGTERM or SIGINT, then disconnect cleanly; raises ``TokenRejected`` if Slack refuses a token.

    The signal handlers are installed first, so a signal ends start-up too, however long Slack takes to answer.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with AsyncExitStack() as stack:
            stopping = asyncio.ensure_future(stop.wait())
            starting = asyncio.ensure_future(start_socket_mode(settings, stack, backoff=backoff))
            try:
                await asyncio.wait({stopping, starting}, return_when=asyncio.FIRST_COMPLETED)
                if not starting.done():
                    logger.info("hirebot stopped before it connected")
                    return
                handler = starting.result()
                logger.info("hirebot connected to Slack over Socket Mode")
                ending: set[asyncio.Future[Any]] = {stopping, handler.client.rejected}
                await asyncio.wait(ending, return_when=asyncio.FIRST_COMPLETED)
                if handler.client.rejected.done():
                    raise handler.client.rejected.result()
                logger.info("hirebot shutting down")
            finally:
                for task in (stopping, starting):
                    task.cancel()
                await asyncio.gather(stopping, starting, return_exceptions=True)
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
