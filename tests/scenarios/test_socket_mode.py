"""hirebot over Socket Mode: the real app behind Bolt's aiohttp Socket Mode handler, against the fake."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from bot.config import Settings
from bot.socket_mode import SocketModeHandler, start_socket_mode
from tests.fakes.block_checks import check_message_blocks
from tests.fakes.payloads import slash_command_payload
from tests.fakes.slack_api import FakeSlackAPI


@pytest.fixture
async def socket_handler(settings: Settings) -> AsyncIterator[SocketModeHandler]:
    async with AsyncExitStack() as stack:
        yield await start_socket_mode(settings, stack, ping_interval=0.2)


async def hire(slack: FakeSlackAPI, text: str) -> dict[str, object]:
    envelope = await slack.socket_mode.send_envelope("slash_commands", slash_command_payload(text))
    return await slack.socket_mode.wait_for_ack(envelope)


async def test_slash_command_is_answered_in_the_ack(slack: FakeSlackAPI, socket_handler: SocketModeHandler) -> None:
    ack = await hire(slack, "pay senior mle sf")
    assert "$308K to $460K" in json.dumps(ack)
    assert ack["response_type"] == "ephemeral"
    assert check_message_blocks(ack["blocks"]) == []
    [opened] = slack.calls_to("apps.connections.open")
    assert opened.headers["Authorization"].startswith("Bearer xapp-")


async def test_reconnects_after_the_connection_drops(slack: FakeSlackAPI, socket_handler: SocketModeHandler) -> None:
    assert "AI engineer or ML engineer?" in json.dumps(await hire(slack, "ai-vs-ml"))
    await slack.socket_mode.drop_connections()
    await slack.socket_mode.wait_for_connections(2, timeout=10)
    assert "up to 5%" in json.dumps(await hire(slack, "equity"))
    assert len(slack.calls_to("apps.connections.open")) >= 2
