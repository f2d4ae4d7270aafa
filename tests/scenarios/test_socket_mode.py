"""hirebot over Socket Mode: the real app behind Bolt's aiohttp Socket Mode handler, against the fake."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from bot.config import Settings
from bot.socket_mode import SocketModeHandler, start_socket_mode
from tests.fakes.block_checks import check_message_blocks
from tests.fakes.payloads import event_payload, message_event, slash_command_payload
from tests.fakes.slack_api import FakeSlackAPI
from tests.waiting import eventually


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


async def test_each_envelope_is_served_in_its_own_workspace(
    slack: FakeSlackAPI, socket_handler: SocketModeHandler
) -> None:
    """Envelopes of one connection run one after another in one task: none inherits the workspace of the last."""
    store = socket_handler.deps.store
    for team in ("T0SOCKET01", "T0SOCKET02"):
        event = event_payload(message_event("how much equity for a senior?", team_id=team), team_id=team)
        await slack.socket_mode.wait_for_ack(await slack.socket_mode.send_envelope("events_api", event))

    async def histories() -> set[str]:
        return {key async for key in store.redis.scan_iter(match=f"{store.base_prefix}*history:*")}

    found = await eventually(histories, lambda keys: len(keys) == 2, within=5, what="both conversations kept")
    assert {key.removeprefix(store.base_prefix).split(":history:")[0] for key in found} == {
        "w:none:T0SOCKET01",
        "w:none:T0SOCKET02",
    }
