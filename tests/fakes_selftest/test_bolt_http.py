"""A minimal Bolt AsyncApp behind aiohttp on loopback, driven by signed requests, calling the fake Slack.

slack_bolt 1.30's ``slack_bolt.adapter.aiohttp`` has no request handler class, only ``to_bolt_request`` and
``to_aiohttp_response``; the route below is the whole adapter (it is what ``AsyncApp.web_app()`` does too).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_sdk.models.blocks import SectionBlock
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.payloads import app_mention_event
from tests.fakes.signing import (
    block_actions_body,
    event_body,
    sign_request,
    signed_headers,
    slash_command_body,
    url_verification_body,
)
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, BOT_USER_ID, CHANNEL_ID, SIGNING_SECRET

Body = dict[str, object]


def build_app(slack: FakeSlackAPI) -> AsyncApp:
    # The token must be on the client: with client= given, Bolt ignores AsyncApp(token=...) (it logs a warning).
    app = AsyncApp(signing_secret=SIGNING_SECRET, client=AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url))

    @app.command("/hire")
    async def handle_hire(ack: AsyncAck, respond: AsyncRespond, command: Body, client: AsyncWebClient) -> None:
        await ack("Looking that up...")
        await respond(text="Pay band", blocks=[SectionBlock(text=f"Pay band for *{command['text']}*")])
        await client.chat_postMessage(channel=str(command["channel_id"]), text="Someone asked about pay")

    @app.action("share")
    async def handle_share(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        view = View(type="modal", title="Share", callback_id="share", blocks=[SectionBlock(text="Share with...")])
        await client.views_open(trigger_id=str(body["trigger_id"]), view=view)

    @app.event("app_mention")
    async def handle_mention(say: AsyncSay) -> None:
        await say("Hi! Try /hire")

    return app


@pytest.fixture
async def events_url(slack: FakeSlackAPI) -> AsyncIterator[str]:
    bolt_app = build_app(slack)

    async def handle_slack_events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt_app.async_dispatch(await to_bolt_request(request)))

    server = web.Application()
    server.router.add_post("/slack/events", handle_slack_events)
    runner = web.AppRunner(server)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}/slack/events"
    await runner.cleanup()


async def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers) as response:
        return response.status, await response.text()


async def test_signed_slash_command_is_acked_responded_and_posted(slack: FakeSlackAPI, events_url: str) -> None:
    body = slash_command_body("senior ml engineer", response_url=slack.response_url("hire"))

    status, text = await post(events_url, body, signed_headers(SIGNING_SECRET, body))

    assert (status, text) == (200, "Looking that up...")  # Bolt acks a bare string as text/plain
    [posted] = await slack.wait_for("chat.postMessage")
    [responded] = await slack.wait_for("response_url:hire")
    assert posted.body["channel"] == CHANNEL_ID
    assert responded.body["blocks"][0]["text"]["text"] == "Pay band for *senior ml engineer*"
    assert slack.calls_to("auth.test", ok=True), "Bolt checks its token with auth.test on the first request"
    slack.assert_no_invalid_blocks()


async def test_signed_block_action_opens_a_modal(slack: FakeSlackAPI, events_url: str) -> None:
    body = block_actions_body("share", "ml:senior", trigger_id="111.222.abc", response_url=slack.response_url("card"))

    status, _ = await post(events_url, body, signed_headers(SIGNING_SECRET, body))

    assert status == 200
    [opened] = await slack.wait_for("views.open")
    assert opened.body["trigger_id"] == "111.222.abc"
    assert opened.body["view"]["callback_id"] == "share"
    slack.assert_no_invalid_blocks()


async def test_signed_event_is_answered_with_say(slack: FakeSlackAPI, events_url: str) -> None:
    body = event_body(app_mention_event(f"<@{BOT_USER_ID}> hello"))

    status, _ = await post(events_url, body, signed_headers(SIGNING_SECRET, body))

    assert status == 200
    [said] = await slack.wait_for("chat.postMessage")
    assert (said.body["channel"], said.body["text"]) == (CHANNEL_ID, "Hi! Try /hire")


async def test_url_verification_echoes_the_challenge(events_url: str) -> None:
    body = url_verification_body("the-challenge")

    status, text = await post(events_url, body, signed_headers(SIGNING_SECRET, body))

    assert (status, text) == (200, '{"challenge": "the-challenge"}')


async def test_a_bad_signature_is_refused(slack: FakeSlackAPI, events_url: str) -> None:
    body = slash_command_body("pay", response_url=slack.response_url("hire"))
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign_request("not-the-secret", body)}

    status, _ = await post(events_url, body, headers)

    assert status == 401
    assert slack.calls_to("response_url:hire") == []
