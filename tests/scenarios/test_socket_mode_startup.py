"""Socket Mode start-up that fails cleanly, in process, against the fake Slack (``tests.fakes.socket_mode`` follows
Slack's protocol: ``apps.connections.open`` returns a ``wss`` URL, then hello, envelopes, acks, disconnect).

A rejected token is one ``TokenRejected`` naming the variable and what Slack said; Slack failing at start is one
warning per attempt, retried with a capped backoff; no log line carries a traceback."""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack

import pytest

from bot.config import Settings
from bot.socket_mode import Backoff, TokenRejected, run_socket_mode, start_socket_mode
from tests.fakes.payloads import slash_command_payload
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import APP_TOKEN

QUICK = Backoff(first=0.01, cap=0.04)


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


@pytest.mark.parametrize("error", ["invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked"])
async def test_a_rejected_app_token_names_slack_app_token(
    settings: Settings, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    slack.fail("apps.connections.open", error=error, times=None)
    async with AsyncExitStack() as stack:
        with pytest.raises(TokenRejected) as rejected:
            await start_socket_mode(settings, stack, backoff=QUICK)
    assert str(rejected.value).startswith(f"Slack rejected SLACK_APP_TOKEN ({error}): ")
    assert APP_TOKEN not in str(rejected.value)
    assert len(slack.calls_to("apps.connections.open")) == 1, "a rejected token is not retried"
    no_tracebacks(caplog)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_a_rejected_bot_token_names_slack_bot_token(
    settings: Settings, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fail("auth.test", error="invalid_auth", times=None)
    async with AsyncExitStack() as stack:
        with pytest.raises(TokenRejected, match=r"^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\): "):
            await start_socket_mode(settings, stack, backoff=QUICK)
    assert slack.calls_to("apps.connections.open") == []
    no_tracebacks(caplog)


async def test_slack_failing_at_start_is_retried_one_line_per_attempt(
    settings: Settings, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fail("auth.test", error="fatal_error", times=2)
    slack.fail("apps.connections.open", error="internal_error", times=3)
    async with AsyncExitStack() as stack:
        await start_socket_mode(settings, stack, ping_interval=0.2, backoff=QUICK)
        envelope = await slack.socket_mode.send_envelope("slash_commands", slash_command_payload("equity"))
        assert "up to 5%" in str(await slack.socket_mode.wait_for_ack(envelope))
    retries = [r.getMessage() for r in caplog.records if r.name == "bot.socket_mode"]
    assert len(retries) == 5
    assert all("retrying in" in line for line in retries)
    assert sum("internal_error; attempt" in line for line in retries) == 3
    no_tracebacks(caplog)


def test_the_backoff_doubles_up_to_its_cap() -> None:
    assert [Backoff(first=1, cap=30).delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


async def test_an_app_token_revoked_while_connected_ends_the_run(
    settings: Settings, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    running = asyncio.ensure_future(run_socket_mode(settings, backoff=QUICK))
    await slack.socket_mode.wait_for_connections(1)
    slack.fail("apps.connections.open", error="token_revoked", times=None)
    await slack.socket_mode.drop_connections(graceful=True)  # Slack closes; the client asks for a new URL
    with pytest.raises(TokenRejected, match=r"^Slack rejected SLACK_APP_TOKEN \(token_revoked\)"):
        async with asyncio.timeout(10):
            await running
    no_tracebacks(caplog)
