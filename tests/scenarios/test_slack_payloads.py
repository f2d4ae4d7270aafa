"""Every payload of the conformance corpus (``tests/slack_payloads/``) through the real hirebot, over HTTP (signed
as Slack signs) and over Socket Mode (in the envelope Slack sends), one server of each per module.

For each: an ack within 3 s and never a 5xx; no ERROR log line; an answer exactly where a person asked, once even
when Slack redelivers it (``X-Slack-Retry-Num`` / ``retry_attempt``); nothing for edits, deletions, bot and app
posts, Slackbot and joins; Bolt's own answer (404 over HTTP, no ack over Socket Mode) for what hirebot never
subscribed to; and a new connection when Slack asks for one.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any
from uuid import uuid4

import aiohttp
import pytest
import pytest_asyncio
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.deps import Deps
from bot.server import create_web_app
from bot.socket_mode import SocketModeHandler, start_socket_mode
from bot.store.redis_store import connect_redis
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.socket_mode import RESPONSE_PAYLOAD_INTERACTIONS
from tests.fakes.workspace import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.corpus import EXPECTS, HTTP_ONLY, KINDS, SOCKET_ONLY, Payload, delivered, http_body, load_corpus

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

CORPUS = load_corpus()
ACK_WITHIN = 3.0
COMMIT = re.compile(r"^[0-9a-f]{40}$")
UNHANDLED_OVER_SOCKET = "Unsuccessful Bolt execution result (status: 404"
JsonDict = dict[str, Any]


def name(payload: Payload) -> str:
    return payload.name


# ---- one fake Slack, one HTTP server and one Socket Mode connection for the whole module


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI() as slack:
        yield slack


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def corpus_settings(
    fake: FakeSlackAPI, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Settings]:
    prefix = f"hirebot-test:{uuid4().hex}:"
    yield Settings(
        hirebot_key_prefix=prefix,
        _env_file=None,  # type: ignore[call-arg]
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=APP_TOKEN,
        slack_api_url=fake.api_url,
        redis_url=redis_url,
        hirebot_data_dir=Path(tmp_path_factory.mktemp("corpus")),
    )
    client = connect_redis(redis_url)
    keys = [key async for key in client.scan_iter(match=f"{prefix}*", count=1000)]
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def http(corpus_settings: Settings) -> AsyncIterator[HirebotServer]:
    server = TestServer(create_web_app(corpus_settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def socket(corpus_settings: Settings) -> AsyncIterator[SocketModeHandler]:
    async with AsyncExitStack() as stack:
        yield await start_socket_mode(corpus_settings, stack, ping_interval=0.5)


class Unhandled(logging.Handler):
    """Counts Bolt's "unsuccessful execution" lines over Socket Mode: that is Bolt's answer to a request no
    listener took, and the one sign that it was not acked on purpose."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(UNHANDLED_OVER_SOCKET):
            self.seen.set()


@pytest.fixture
def unhandled() -> Iterator[Unhandled]:
    handler = Unhandled()
    watched = logging.getLogger("hirebot.socket_mode")
    watched.addHandler(handler)
    yield handler
    watched.removeHandler(handler)


# ---- what hirebot must have done


async def settle(deps: Deps, quiet_for: float = 0.05) -> None:
    """Until no background answer has run for ``quiet_for`` s (Bolt starts listeners just after the ack)."""
    loop = asyncio.get_running_loop()
    deadline, idle_since = loop.time() + 10, loop.time()
    while loop.time() < deadline:
        await asyncio.sleep(0.02)
        if len(deps.tasks):
            idle_since = loop.time()
        elif loop.time() - idle_since >= quiet_for:
            return
    raise AssertionError("background answers did not finish")


def asked_where(payload: Payload) -> tuple[str, str | None]:
    """The channel and thread a person asked in, where the answer must go."""
    event = payload.event
    if event.get("type") == "assistant_thread_started":
        thread = event["assistant_thread"]
        return thread["channel_id"], thread["thread_ts"]
    if event.get("type") == "app_mention":
        return event["channel"], event.get("thread_ts") or event["ts"]
    return event["channel"], event.get("thread_ts")


def posted(fake: FakeSlackAPI) -> list[str]:
    """Every call hirebot made to Slack but Bolt's own token check."""
    return [call.method for call in fake.calls if call.method != "auth.test"]


async def check_effect(
    payload: Payload, fake: FakeSlackAPI, deps: Deps, ack: JsonDict, redeliver: Callable[[], Awaitable[None]]
) -> None:
    expect, event = payload.expect, payload.event
    if expect in ("answer", "greeting"):
        await fake.wait_for("chat.postMessage")
        await redeliver()
        await settle(deps)
        [answer] = fake.calls_to("chat.postMessage")
        channel, thread_ts = asked_where(payload)
        assert (answer.body["channel"], answer.body.get("thread_ts")) == (channel, thread_ts)
    elif expect == "prompts":  # the agent view's Messages tab: prompts every time, a greeting the first time
        await fake.wait_for("assistant.threads.setSuggestedPrompts")
        await redeliver()
        await settle(deps)
        [prompts] = fake.calls_to("assistant.threads.setSuggestedPrompts")
        assert prompts.body["channel_id"] == event["channel"] and "thread_ts" not in prompts.body
        assert len(fake.calls_to("chat.postMessage")) <= 1
    elif expect == "home":
        await fake.wait_for("views.publish")
        await redeliver()
        await settle(deps)
        [home] = fake.calls_to("views.publish")
        assert home.body["user_id"] == event["user"]
    elif expect in ("nothing", "not_ours"):
        if payload.kind in ("events_api", "socket_envelope") and event:
            await redeliver()
        await settle(deps)
        assert posted(fake) == []
    else:
        if expect == "modal":
            [opened] = await fake.wait_for("views.open")
            assert opened.body["trigger_id"] == payload.inner["trigger_id"]
        elif expect == "ack_reply":
            assert ack.get("blocks") or ack.get("text"), ack
        elif expect == "view_ack":
            assert ack.get("response_action") in ("update", "errors"), ack
        elif expect == "respond":
            await fake.wait_for(f"response_url:{payload.name}")
        elif expect == "handshake":
            challenge = payload.inner.get("challenge")
            assert challenge is None or ack.get("challenge") == challenge or ack.get("text") == challenge
        await settle(deps)
    fake.assert_no_invalid_blocks()


def no_errors(caplog: pytest.LogCaptureFixture) -> None:
    errors = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


# ---- the corpus itself


def test_the_corpus_holds_at_least_60_real_payloads_each_with_provenance() -> None:
    assert len(CORPUS) >= 60
    for payload in CORPUS:
        assert payload.kind in KINDS and payload.expect in EXPECTS, payload.name
        source = payload.source
        if "url" in source:
            assert source["url"].startswith("https://"), payload.name
        else:
            assert source["repo"].count("/") == 1 and source["path"] and COMMIT.match(source["commit"]), payload.name
        assert payload.licence and payload.changed, payload.name


def test_the_corpus_covers_what_the_issue_lists() -> None:
    subtypes = {p.event.get("subtype") for p in CORPUS}
    assert {"message_changed", "message_deleted", "bot_message", "file_share", "thread_broadcast"} <= subtypes
    assert {"channel_join", "me_message"} <= subtypes
    events = {p.event.get("type") for p in CORPUS} | {p.inner.get("type") for p in CORPUS}
    assert {"app_mention", "assistant_thread_started", "assistant_thread_context_changed", "app_home_opened"} <= events
    assert {"app_uninstalled", "tokens_revoked", "app_rate_limited", "url_verification"} <= events
    assert {"block_actions", "view_submission", "view_closed", "shortcut", "message_action"} <= events
    envelopes = {p.body.get("type") for p in CORPUS if p.kind in ("socket_envelope", "socket_message")}
    assert {"events_api", "slash_commands", "interactive", "disconnect"} <= envelopes
    assert any(p.event.get("user") == "USLACKBOT" for p in CORPUS)
    assert any(p.kind == "ssl_check" for p in CORPUS)
    assert any("enterprise_id" in p.inner and p.kind == "slash_commands" for p in CORPUS)


# ---- over HTTP


@IN_MODULE_LOOP
@pytest.mark.parametrize("payload", [p for p in CORPUS if p.kind not in SOCKET_ONLY], ids=name)
async def test_over_http(
    payload: Payload, fake: FakeSlackAPI, http: HirebotServer, caplog: pytest.LogCaptureFixture
) -> None:
    fake.reset()
    body = delivered(payload.inner, response_url=fake.response_url(payload.name), event_id=f"Ev{uuid4().hex[:10]}")
    raw = http_body(payload.kind, body)
    loop = asyncio.get_running_loop()
    started = loop.time()
    response = await http.post_signed(raw)
    assert loop.time() - started < ACK_WITHIN
    assert response.status == (404 if payload.expect == "not_ours" else 200)
    text = await response.text()
    ack = json.loads(text) if text.startswith("{") else {"text": text}

    async def redeliver() -> None:
        again = await http.post_signed(raw, retry=1)
        assert again.status == response.status

    await check_effect(payload, fake, http.deps, ack, redeliver)
    no_errors(caplog)


# ---- over Socket Mode


def envelope_of(payload: Payload, inner: JsonDict) -> JsonDict:
    if payload.kind == "socket_envelope":
        return {**payload.body, "payload": inner, "envelope_id": str(uuid4())}
    kind = payload.envelope_type
    envelope: JsonDict = {
        "envelope_id": str(uuid4()),
        "payload": inner,
        "type": kind,
        "accepts_response_payload": kind == "slash_commands"
        or (kind == "interactive" and inner.get("type") in RESPONSE_PAYLOAD_INTERACTIONS),
    }
    if kind == "events_api":
        envelope |= {"retry_attempt": 0, "retry_reason": ""}
    return envelope


@IN_MODULE_LOOP
@pytest.mark.parametrize("payload", [p for p in CORPUS if p.kind not in HTTP_ONLY], ids=name)
async def test_over_socket_mode(
    payload: Payload,
    fake: FakeSlackAPI,
    socket: SocketModeHandler,
    unhandled: Unhandled,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.reset()
    mode = fake.socket_mode
    await mode.wait_for_connections(1)
    if payload.kind == "socket_message":
        opened = mode.connections_opened
        await mode.send_raw(payload.body)
        if payload.expect == "reconnect":
            await mode.wait_for_connections(opened + 1)
        no_errors(caplog)
        return
    inner = delivered(payload.inner, response_url=fake.response_url(payload.name), event_id=f"Ev{uuid4().hex[:10]}")
    envelope = envelope_of(payload, inner)
    await mode.send_raw(envelope)
    if payload.expect == "not_ours":
        async with asyncio.timeout(ACK_WITHIN):
            await unhandled.seen.wait()
        assert envelope["envelope_id"] not in mode.acks
        ack: JsonDict = {}
    else:
        ack = await mode.wait_for_ack(envelope["envelope_id"], timeout=ACK_WITHIN)

    async def redeliver() -> None:
        again = {**envelope, "envelope_id": str(uuid4()), "retry_attempt": 1, "retry_reason": "timeout"}
        unhandled.seen.clear()
        await mode.send_raw(again)
        if payload.expect == "not_ours":
            async with asyncio.timeout(ACK_WITHIN):
                await unhandled.seen.wait()
            assert again["envelope_id"] not in mode.acks
            return
        await mode.wait_for_ack(again["envelope_id"], timeout=ACK_WITHIN)

    await check_effect(payload, fake, socket.deps, ack, redeliver)
    no_errors(caplog)
