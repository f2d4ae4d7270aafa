"""``hirebot serve``: Bolt mounted on aiohttp at ``POST /slack/events``, plus ``GET /healthz`` (liveness: 200 while
the process serves, with the store's state), ``GET /readyz`` (readiness: 503 with the reason while the store is
down) and ``GET /metrics``.

Long-lived clients (the Redis store, the Slack HTTP session) are opened in a ``cleanup_ctx`` and closed on
shutdown; aiohttp's runner turns SIGTERM and SIGINT into a graceful stop.
"""

from __future__ import annotations

import binascii
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any
from urllib.parse import parse_qsl

import pydantic_core
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.app import build_app
from bot.config import Settings
from bot.deps import Deps
from bot.install.oauth import check_install_settings
from bot.install.routes import add_install_routes
from bot.ops.logs import REQUEST_ID, new_request_id
from bot.ops.metrics import surface_of
from bot.runtime import freeze_startup_objects, open_services, require
from bot.store.redis_store import Store
from bot.store.workspace import outside_any_workspace

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
MAX_BODY_BYTES = 1024 * 1024

BOLT_APP = web.AppKey("bolt_app", AsyncApp)
DEPS = web.AppKey("deps", Deps)
SIGNATURE = web.AppKey("signature_verifier", SignatureVerifier)


def to_bolt_request(body: str, query: str, headers: dict[str, str]) -> AsyncBoltRequest:
    """Bolt's request, parsed here rather than by Bolt, for two reasons.

    slack_bolt 1.30 treats any form body containing the substring "payload" as an interactivity payload, so a
    slash command like ``/hire what payload size`` parsed to ``{}`` and was dropped as unhandled: here only a
    ``payload`` field is one. And Bolt decodes forms with ``urllib.parse.parse_qsl``, whose pure-Python percent
    decoding of a scorecard submission (about 1,600 escapes) was a fifth of the server's CPU per submission
    (py-spy, docs/benchmarks.md); ``parse_form`` decodes in C. The raw body stays as Bolt's ``raw_body``, which
    its signature check reads.
    """
    bolt_request = AsyncBoltRequest(body="", query=query, headers=dict(headers))
    parsed = parse_slack_body(body, bolt_request.content_type)
    bolt_request.raw_body = body
    bolt_request.body = parsed
    bolt_request.context = build_async_context(AsyncBoltContext(), parsed)
    return bolt_request


def parse_slack_body(body: str, content_type: str | None) -> Any:
    """What Bolt's ``parse_body`` makes of a body (JSON as is; a form's ``payload`` field as JSON), except that a
    form without a ``payload`` field is its fields."""
    if not body:
        return {}
    if content_type == "application/json" or body.startswith("{"):
        return pydantic_core.from_json(body)
    fields = parse_form(body)
    payload = fields.get("payload")
    # pydantic_core's parser: the same dicts as ``json.loads``, in two thirds of the time on a 12 KB view.
    return pydantic_core.from_json(payload) if payload is not None else fields


def parse_form(body: str) -> dict[str, str]:
    """``dict(parse_qsl(body, keep_blank_values=True))``, with the percent-decoding done in C; a body the fast
    path can't take exactly (a stray ``%``, raw non-ASCII, a raw line break) goes through ``parse_qsl`` itself."""
    if "\n" not in body and "\r" not in body:
        try:
            fields: dict[str, str] = {}
            for pair in body.split("&"):
                if pair:
                    name, _, value = pair.partition("=")
                    fields[_unquote_plus(name)] = _unquote_plus(value)
            return fields
        except ValueError:  # UnicodeError included
            pass
    return dict(parse_qsl(body, keep_blank_values=True))


def _unquote_plus(text: str) -> str:
    """Percent-decoding by ``binascii.a2b_qp``: quoted-printable's ``=XX`` escapes are the same bytes, so every
    ``=`` is first written as ``=3D`` and every ``%`` as ``=``. Four times faster than the ``unicode_escape``
    codec on a scorecard's 18 KB body (docs/benchmarks.md). Quoted-printable leaves a bad escape (``%zz``, a
    ``%`` at the end) as it is where ``parse_qsl`` has its own rule, so the decoded length is checked: each good
    escape is three characters made one byte; anything else raises and ``parse_form`` falls back. Line breaks,
    which quoted-printable reads differently, never get here."""
    if "%" not in text and "+" not in text:
        return text
    escaped = text.replace("+", " ").replace("=", "=3D").replace("%", "=")
    decoded = binascii.a2b_qp(escaped.encode("ascii"))
    if len(decoded) != len(escaped) - 2 * escaped.count("="):
        raise ValueError("not every % starts an escape")
    return decoded.decode("utf-8")


def bolt_can_read(body: dict[str, Any]) -> bool:
    """Whether the parts Bolt reads without checking have the shape Slack sends: its log line for a request no
    listener handles calls ``body["view"].get``, ``actions[0].get`` and ``body["event"].get``, so a signed
    ``view=x`` form became a 500 instead of a 400."""
    if "view" in body and not isinstance(body["view"], dict):
        return False
    if "event" in body and not isinstance(body["event"], dict):
        return False
    actions = body.get("actions", [])
    return isinstance(actions, list) and all(isinstance(action, dict) for action in actions)


async def handle_slack_events(request: web.Request) -> web.Response:
    """Hand the raw request to Bolt, which verifies the signature before running anything.

    A body Bolt can't even parse is answered here: 401 if it isn't signed by Slack, else 400. Every request
    gets a request id for the logs and is counted by surface, with its time to acknowledgement.
    """
    started = time.perf_counter()
    REQUEST_ID.set(new_request_id())
    metrics = request.app[DEPS].metrics
    response, surface = await _dispatch(request)
    if response.status == 401:
        surface = "unverified"  # the body isn't trusted, so it doesn't pick the label
    metrics.acknowledged(surface, response.status, time.perf_counter() - started)
    return response


async def _dispatch(request: web.Request) -> tuple[web.Response, str]:
    raw = await request.read()
    headers = {name.lower(): value for name, value in request.headers.items()}
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        return web.json_response({"error": "body is not UTF-8"}, status=400), "malformed"
    try:
        bolt_request = to_bolt_request(body, request.query_string, headers)
    except (ValueError, TypeError, KeyError, AttributeError):
        if not request.app[SIGNATURE].is_valid_request(body, headers):
            return web.json_response({"error": "invalid request"}, status=401), "unverified"
        return web.json_response({"error": "body is not a Slack payload"}, status=400), "malformed"
    if not bolt_can_read(bolt_request.body):
        if not request.app[SIGNATURE].is_valid_request(body, headers):
            return web.json_response({"error": "invalid request"}, status=401), "unverified"
        return web.json_response({"error": "body is not a Slack payload"}, status=400), "malformed"
    with outside_any_workspace():
        bolt_response = await request.app[BOLT_APP].async_dispatch(bolt_request)
    return await to_aiohttp_response(bolt_response), surface_of(bolt_request.body)


async def handle_metrics(request: web.Request) -> web.Response:
    metrics = request.app[DEPS].metrics
    return web.Response(body=metrics.render(), headers={"Content-Type": metrics.content_type})


def store_status(store: Store, problem: str | None) -> dict[str, Any]:
    """What the store is doing, as ``/healthz`` and ``/readyz`` report it."""
    breaker = store.breaker
    return {
        "ready": problem is None,
        "reason": problem,
        "breaker": breaker.state if breaker is not None else None,
        "restarts": store.restarts,
    }


async def handle_health(request: web.Request) -> web.Response:
    """Liveness: this process answers. Always 200; whether Redis does too is in the body."""
    problem = await request.app[DEPS].store.readiness()
    return web.json_response(
        {"status": "ok", "redis": problem is None, "store": store_status(request.app[DEPS].store, problem)}
    )


async def handle_ready(request: web.Request) -> web.Response:
    """Readiness: 200 while the store takes calls, else 503 with the reason (a load balancer's signal)."""
    store = request.app[DEPS].store
    problem = await store.readiness()
    if problem is None:
        return web.json_response({"status": "ready", "store": store_status(store, None)})
    return web.json_response(
        {"status": "not ready", "reason": problem, "store": store_status(store, problem)}, status=503
    )


def create_web_app(settings: Settings) -> web.Application:
    if settings.oauth_enabled:  # any workspace, installed by OAuth (bot.install)
        check_install_settings(settings)
    else:
        require(settings, "slack_bot_token", "slack_signing_secret")
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    web_app = web.Application(client_max_size=MAX_BODY_BYTES)

    async def lifespan(app: web.Application) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            deps, client = await open_services(settings, stack)
            app[DEPS] = deps
            app[BOLT_APP] = build_app(settings, deps, client)
            app[SIGNATURE] = SignatureVerifier(signing_secret)
            freeze_startup_objects()
            yield

    web_app.cleanup_ctx.append(lifespan)
    web_app.router.add_post(EVENTS_PATH, handle_slack_events)
    web_app.router.add_get(HEALTH_PATH, handle_health)
    web_app.router.add_get(READY_PATH, handle_ready)
    web_app.router.add_get(METRICS_PATH, handle_metrics)
    add_install_routes(web_app, BOLT_APP)
    return web_app


def run_server(settings: Settings, host: str, port: int) -> None:
    web.run_app(
        create_web_app(settings),
        host=host,
        port=port,
        print=lambda _: logger.info("hirebot listening on http://%s:%d%s", host, port, EVENTS_PATH),
        access_log=None,
        shutdown_timeout=10,
    )
