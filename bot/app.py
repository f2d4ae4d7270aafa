"""Builds the Bolt ``AsyncApp``: one per process, made from the settings and the services, no globals."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.deps import Deps
from bot.install.oauth import build_install
from bot.ops.logs import REQUEST_ID, hide_rejected_bodies, new_request_id, quiet_bolt_start
from bot.store.workspace import Workspace, enter
from handlers import (
    actions,
    answer_more,
    assistant,
    commands,
    debrief,
    events,
    feedback,
    home,
    installs,
    reminders,
    scorecards,
    shortcuts,
)
from handlers import decisions as decision_surface
from handlers import settings as settings_surface

logger = logging.getLogger(__name__)

# Each Slack surface registers its listeners once; the manifest test checks this list against manifest.yml.
# Bolt tries listeners in the order they were registered, and each listener it tries builds its matcher's
# arguments (``build_async_required_kwargs``, some thirty of them): the busiest surfaces come first, so ``/hire``,
# a DM and a scorecard submission are matched within their first few tries rather than after a dozen.
SURFACES: tuple[ModuleType, ...] = (
    commands,
    events,
    scorecards,
    actions,
    assistant,
    feedback,
    answer_more,
    debrief,
    reminders,
    shortcuts,
    home,
    decision_surface,
    installs,
    settings_surface,
)


# slack_sdk formats its DEBUG line for every Web API call, the whole request body included, whenever its client
# logger's own level is NOTSET: it tests ``logger.level <= logging.DEBUG`` rather than whether DEBUG is enabled
# (slack_sdk/web/async_internal_utils.py). A scorecard summary's request and response lines cost about 20 µs each
# to build, for lines that were then dropped.
SLACK_SDK_CLIENT_LOGGERS = ("slack_sdk.web.async_base_client", "slack_sdk.web.base_client")


def format_slack_sdk_debug_only_when_logged() -> None:
    """Give slack_sdk's client loggers the level they have in effect, so DEBUG lines are built only when logged."""
    for name in SLACK_SDK_CLIENT_LOGGERS:
        sdk_logger = logging.getLogger(name)
        if sdk_logger.level == logging.NOTSET:
            sdk_logger.setLevel(sdk_logger.getEffectiveLevel())


class RequestScope(AsyncMiddleware):
    """The first global middleware: tag the request for the logs and enter its workspace.

    - Socket Mode requests don't pass through the HTTP server, which sets the request id there.
    - Every record the request reads or writes is its own workspace's (``bot.store.workspace``).

    A class, so Bolt runs it without injecting arguments (see ``handlers.ParsedPayload``).
    """

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        if REQUEST_ID.get() == "-":
            REQUEST_ID.set(new_request_id())
        enter(Workspace.from_context(req.context))
        return await next()


def build_app(settings: Settings, deps: Deps, client: AsyncWebClient, *, verify_requests: bool = True) -> AsyncApp:
    """The Bolt app with every surface registered. Socket Mode passes ``verify_requests=False``: its
    envelopes arrive over an authenticated WebSocket and carry no signature."""
    hide_rejected_bodies()
    format_slack_sdk_debug_only_when_logged()
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    # ``process_before_response=True`` runs each listener inline and sends its ack as the HTTP response (or the
    # Socket Mode envelope reply) when the listener returns, instead of starting it as an unreferenced future
    # and polling ``ack.response`` every 10 ms (slack_bolt/listener/asyncio_runner.py). Bolt's docs: "the Bolt
    # framework holds off sending an HTTP response until all the things in a listener function are done"
    # (https://docs.slack.dev/tools/bolt-python/concepts/lazy-listeners). So every listener in ``handlers/``
    # does only what its ack needs inline and hands the rest to ``deps.tasks`` (referenced, drained on shutdown),
    # never to Bolt's lazy listeners, which are unreferenced ``asyncio.ensure_future`` calls.
    bolt_logger = logging.getLogger("hirebot.bolt")
    quiet_bolt_start(bolt_logger)
    # Any workspace by OAuth (bot.install): tokens from the installation store instead of SLACK_BOT_TOKEN.
    install = build_install(settings, deps.store, client) if settings.oauth_enabled else None
    app = AsyncApp(
        client=client,
        signing_secret=secret,
        request_verification_enabled=verify_requests,
        logger=bolt_logger,
        process_before_response=True,
        **(install.app_options() if install is not None else {}),
    )

    app.use(RequestScope())

    @app.error
    async def handle_unexpected_error(error: Exception, body: dict[str, Any]) -> None:
        logger.error("Unhandled error in a listener (%s): %s", body.get("type", "request"), type(error).__name__)

    for surface in SURFACES:
        surface.register(app, deps)
    return app
