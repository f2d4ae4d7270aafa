"""Whether Claude answers is each workspace's own setting (App Home → Settings), through the real server, the real
AsyncAnthropic against the fake Messages API and two workspaces installed by OAuth: Acme turns Claude off and its
next DM is answered from the guide with no request reaching Anthropic, at once and with no restart, while Globex
keeps Claude."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from blocks import ids
from bot.server import create_web_app
from tests.fakes.anthropic_api import FakeAnthropicAPI
from tests.fakes.block_checks import shown
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_oauth import Workspace
from tests.scenarios.claude_steps import anthropic, claude_settings, stream_calls, streamed
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.install_steps import ACME, GLOBEX, install, oauth_settings, token_of
from tests.scenarios.test_settings import open_settings_in, save_managers

__all__ = ["anthropic"]  # fixture

QUESTION = "what interview questions should I ask an ML engineer?"  # not a plain pay question: Claude's to answer
ASKER = {ACME: "U0ACMEASKR", GLOBEX: "U0GLOBASKR"}


@pytest.fixture
async def hirebot(
    slack: FakeSlackAPI, anthropic: FakeAnthropicAPI, redis_url: str, tmp_path: Path, key_prefix: str
) -> AsyncIterator[HirebotServer]:
    settings = oauth_settings(claude_settings(slack, anthropic, redis_url, tmp_path, key_prefix))
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session, contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(server.close)
        bot = HirebotServer(server, session)
        for workspace in (ACME, GLOBEX):
            await install(bot, slack, workspace)
        yield bot


async def dm(bot: HirebotServer, workspace: Workspace, text: str) -> None:
    team = str(workspace.team_id)
    event = message_event(text, user_id=ASKER[workspace], team_id=team, channel_id=f"D{team[1:]}")
    assert (await bot.post_signed(event_body(event, event_id=new_event_id(), team_id=team))).status == 200
    await bot.settle()


async def test_a_workspace_that_turns_claude_off_is_answered_from_the_guide_and_the_other_keeps_claude(
    hirebot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    acme = await open_settings_in(hirebot, slack, str(ACME.team_id), str(ACME.installer))
    [choice] = [block for block in acme["blocks"] if block.get("block_id") == ids.SETTINGS_CLAUDE_BLOCK]
    assert choice["element"]["initial_option"]["value"] == "on", "on by default: ANTHROPIC_API_KEY is set"
    saved = await save_managers(hirebot, acme, [], user=str(ACME.installer), team=str(ACME.team_id), claude="off")
    assert saved == ""

    slack.calls.clear()
    await dm(hirebot, ACME, QUESTION)
    assert anthropic.requests == [], "nothing from Acme reaches Anthropic"
    [answer] = slack.calls_to("chat.postMessage")
    assert "training run" in shown(answer.body["blocks"]), "the guide's own interview questions"
    assert "guide's own answer" not in shown(answer.body["blocks"]), "offline as with no key, not a failure note"
    assert stream_calls(slack) == [] and token_of(answer) == slack.oauth.token_of(ACME)

    anthropic.queue_reply("Ask what broke in their last training run and how they found out.")
    await dm(hirebot, GLOBEX, QUESTION)
    assert len(anthropic.requests) == 1, "Globex still has Claude"
    assert "how they found out" in streamed(slack)

    reopened = await open_settings_in(hirebot, slack, str(ACME.team_id), str(ACME.installer))
    [choice] = [block for block in reopened["blocks"] if block.get("block_id") == ids.SETTINGS_CLAUDE_BLOCK]
    assert choice["element"]["initial_option"]["value"] == "off", "the modal shows what is saved"
    saved = await save_managers(hirebot, reopened, [], user=str(ACME.installer), team=str(ACME.team_id), claude="on")
    assert saved == ""
    anthropic.queue_reply("Ask about their evaluation harness.")
    await dm(hirebot, ACME, QUESTION)
    assert len(anthropic.requests) == 2, "turned back on, Acme's next question goes to Claude"
    slack.assert_no_invalid_blocks()
