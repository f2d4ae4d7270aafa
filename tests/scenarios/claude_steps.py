"""The hirebot server with Claude configured: the real AsyncAnthropic against the fake Messages API, the real
server against the fake Slack. Scenario modules import the fixtures they use from here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.server import create_web_app
from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI, RecordedCall
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer

STREAM_METHODS = ("chat.startStream", "chat.appendStream", "chat.stopStream")


@pytest.fixture
async def anthropic() -> AsyncIterator[FakeAnthropicAPI]:
    async with FakeAnthropicAPI() as fake:
        yield fake


def claude_settings(
    slack: FakeSlackAPI,
    anthropic: FakeAnthropicAPI,
    redis_url: str,
    tmp_path: Path,
    key_prefix: str,
    **overrides: object,
) -> Settings:
    values: dict[str, object] = {
        "hirebot_key_prefix": key_prefix,
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": slack.api_url,
        "redis_url": redis_url,
        "hirebot_data_dir": tmp_path,
        "anthropic_api_key": TEST_API_KEY,
        "anthropic_base_url": anthropic.base_url,
        "hirebot_llm_deadline_seconds": 1.5,
    }
    return Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg, arg-type]


@pytest.fixture
async def claude_bot(
    slack: FakeSlackAPI,
    anthropic: FakeAnthropicAPI,
    redis_url: str,
    tmp_path: Path,
    key_prefix: str,
    request: pytest.FixtureRequest,
) -> AsyncIterator[HirebotServer]:
    overrides = getattr(request, "param", {})
    settings = claude_settings(slack, anthropic, redis_url, tmp_path, key_prefix, **overrides)
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


async def dm(bot: HirebotServer, text: str, user_id: str = "U0ASKER001") -> None:
    assert (
        await bot.post_signed(event_body(message_event(text, user_id=user_id), event_id=new_event_id()))
    ).status == 200
    await bot.settle()


def streamed(slack: FakeSlackAPI) -> str:
    """Everything the streaming calls carried, in order."""
    return "".join(
        str(call.body.get("markdown_text") or "")
        + "".join(str(c.get("text", "")) for c in call.body.get("chunks") or [])
        for call in slack.calls
        if call.method in STREAM_METHODS
    )


def stream_calls(slack: FakeSlackAPI) -> list[RecordedCall]:
    return [call for call in slack.calls if call.method in STREAM_METHODS]
