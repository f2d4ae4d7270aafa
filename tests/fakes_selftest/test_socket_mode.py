"""Bolt's AsyncSocketModeHandler (slack_sdk's aiohttp SocketModeClient) against the fake Socket Mode server."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.payloads import app_mention_event, block_actions_payload, event_payload, slash_command_payload
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET

# The client pings every ping_interval and reconnects after a silent drop on its next monitor tick;
# Bolt's default is 10 s, far too slow for a test.
PING_INTERVAL = 0.2

Body = dict[str, object]


def build_app(slack: FakeSlackAPI) -> AsyncApp:
    app = AsyncApp(signing_secret=SIGNING_SECRET, client=AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url))

    @app.command("/hire")
    async def handle_hire(ack: AsyncAck, respond: AsyncRespond, command: Body) -> None:
        await ack(f"Looking up {command['text']}...")
        await respond(text=f"Pay band for {command['text']}")

    @app.action("share")
    async def handle_share(ack: AsyncAck) -> None:
        await ack()

    @app.event("app_mention")
    async def handle_mention(say: AsyncSay) -> None:
        await say("Hi! Try /hire")

    return app


@pytest.fixture
async def handler(slack: FakeSlackAPI) -> AsyncIterator[AsyncSocketModeHandler]:
    socket_handler = AsyncSocketModeHandler(build_app(slack), app_token=APP_TOKEN, ping_interval=PING_INTERVAL)
    await socket_handler.connect_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
    yield socket_handler
    await socket_handler.close_async()  # type: ignore[no-untyped-call]


async def send_command(slack: FakeSlackAPI, text: str) -> Body:
    payload = slash_command_payload(text, response_url=slack.response_url(text))
    envelope_id = await slack.socket_mode.send_envelope("slash_commands", payload)
    return await slack.socket_mode.wait_for_ack(envelope_id)


async def test_slash_command_envelope_is_acked_with_its_payload(
    slack: FakeSlackAPI, handler: AsyncSocketModeHandler
) -> None:
    ack = await send_command(slack, "senior")

    assert ack == {"text": "Looking up senior..."}
    [responded] = await slack.wait_for("response_url:senior")
    assert responded.body["text"] == "Pay band for senior"
    [opened] = slack.calls_to("apps.connections.open")
    assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    assert slack.socket_mode.received[0]["envelope_id"] == slack.socket_mode.envelopes[0]["envelope_id"]


async def test_interactive_and_events_envelopes_are_acked_empty(
    slack: FakeSlackAPI, handler: AsyncSocketModeHandler
) -> None:
    socket_mode = slack.socket_mode

    action_id = await socket_mode.send_envelope("interactive", block_actions_payload("share", "ml:senior"))
    event_id = await socket_mode.send_envelope("events_api", event_payload(app_mention_event(f"<@{BOT_USER_ID}> hi")))

    assert await socket_mode.wait_for_ack(action_id) == {}
    assert await socket_mode.wait_for_ack(event_id) == {}
    assert socket_mode.envelopes[0]["accepts_response_payload"] is False
    assert (socket_mode.envelopes[1]["retry_attempt"], socket_mode.envelopes[1]["retry_reason"]) == (0, "")
    [said] = await slack.wait_for("chat.postMessage")
    assert said.body["text"] == "Hi! Try /hire"


async def test_a_silently_dropped_connection_is_replaced(slack: FakeSlackAPI, handler: AsyncSocketModeHandler) -> None:
    socket_mode = slack.socket_mode
    assert await send_command(slack, "first")

    dropped_at = time.monotonic()
    assert await socket_mode.drop_connections() == 1
    await socket_mode.wait_for_connections(2)
    reconnect_seconds = time.monotonic() - dropped_at

    assert await send_command(slack, "second") == {"text": "Looking up second..."}
    assert socket_mode.urls_issued == 2, "each reconnect asks apps.connections.open for a new URL"
    assert socket_mode.open_connections == 1
    assert reconnect_seconds < 2.0, "noticed on the client's next monitor tick, about one ping_interval"


async def test_a_close_frame_reconnects_at_once(slack: FakeSlackAPI, handler: AsyncSocketModeHandler) -> None:
    await slack.socket_mode.wait_for_connections(1)

    await slack.socket_mode.drop_connections(graceful=True)
    await slack.socket_mode.wait_for_connections(2)

    assert await send_command(slack, "after-close") == {"text": "Looking up after-close..."}


async def test_a_disconnect_message_rotates_the_connection(
    slack: FakeSlackAPI, handler: AsyncSocketModeHandler
) -> None:
    await slack.socket_mode.wait_for_connections(1)

    await slack.socket_mode.send_disconnect()
    await slack.socket_mode.wait_for_connections(2)

    assert await send_command(slack, "rotated") == {"text": "Looking up rotated..."}
    assert slack.socket_mode.urls_issued == 2


async def test_waiting_for_a_missing_ack_fails_with_a_clear_message(slack: FakeSlackAPI) -> None:
    with pytest.raises(AssertionError, match="an ack for envelope nope"):
        await slack.socket_mode.wait_for_ack("nope", timeout=0.05)
    with pytest.raises(AssertionError, match="an open Socket Mode connection"):
        await slack.socket_mode.send_envelope("events_api", {}, timeout=0.05)
