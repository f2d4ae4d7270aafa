"""The console script's Slack modes as a user runs them: serve, socket, bare hirebot, and try."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.bot.cli.test_cli import hirebot
from tests.fakes.block_checks import check_message_blocks
from tests.fakes.signing import signed_headers, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET

pytestmark = pytest.mark.cli

HIREBOT = Path(sys.executable).with_name("hirebot")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("command", "env", "missing"),
    [
        ("serve", {}, "SLACK_BOT_TOKEN"),
        ("serve", {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
        ("socket", {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN"),
    ],
)
def test_missing_credentials_exit_2_naming_the_variable(command: str, env: dict[str, str], missing: str) -> None:
    result = hirebot(command, env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"hirebot: {missing} is not set")
    assert BOT_TOKEN not in result.stderr


def test_bare_hirebot_without_slack_says_how_to_connect() -> None:
    result = hirebot(stdin="/quit\n")
    assert result.returncode == 0
    assert "manifest.yml" in result.stdout.splitlines()[0]


def test_try_renders_the_card_in_the_terminal() -> None:
    result = hirebot("try", "/hire ai-vs-ml")
    assert result.returncode == 0
    assert "AI ENGINEER OR ML ENGINEER?" in result.stdout
    assert "[ We build on foundation models ]" in result.stdout
    assert "\033[" not in result.stdout  # no colour codes when not a terminal


def test_try_json_is_valid_block_kit() -> None:
    result = hirebot("try", "--json", "/hire pay senior mle sf")
    payload = json.loads(result.stdout)
    assert payload["response_type"] == "ephemeral"
    assert check_message_blocks(payload["blocks"]) == []
    assert "$308K to $460K" in result.stdout


def test_try_refuses_other_commands() -> None:
    result = hirebot("try", "/salary senior")
    assert result.returncode == 2
    assert "only /hire" in result.stderr


async def start(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        str(HIREBOT),
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop(process: asyncio.subprocess.Process) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=15)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


async def wait_healthy(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"{url} never became healthy")


async def test_serve_answers_signed_commands_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with FakeSlackAPI() as slack:
        port = free_port()
        env = {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "HIREBOT_DATA_DIR": str(tmp_path),
        }
        process = await start(env, "serve", "--port", str(port), "--host", "127.0.0.1")
        base = f"http://127.0.0.1:{port}"
        await wait_healthy(f"{base}/healthz")
        body = slash_command_body("ai-vs-ml")
        async with aiohttp.ClientSession() as session:
            async with session.post(
                f"{base}/slack/events", data=body, headers=signed_headers(SIGNING_SECRET, body)
            ) as good:
                assert good.status == 200
                assert "AI engineer or ML engineer?" in await good.text()
            async with session.post(f"{base}/slack/events", data=body, headers=signed_headers("wrong", body)) as bad:
                assert bad.status == 401
        code, stderr = await stop(process)
        assert code == 0, stderr
        assert "Traceback" not in stderr
        assert BOT_TOKEN not in stderr and SIGNING_SECRET not in stderr
        assert not (tmp_path / "redis.sock").exists(), "the embedded Redis is stopped on shutdown"


async def test_bare_hirebot_picks_socket_mode_when_an_app_token_is_set(tmp_path: Path) -> None:
    async with FakeSlackAPI() as slack:
        env = {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_URL": slack.api_url,
            "HIREBOT_DATA_DIR": str(tmp_path),
        }
        process = await start(env)
        await slack.socket_mode.wait_for_connections(1, timeout=15)
        code, stderr = await stop(process)
        assert code == 0, stderr
        assert APP_TOKEN not in stderr and BOT_TOKEN not in stderr


async def test_bare_hirebot_serves_http_with_a_signing_secret(tmp_path: Path) -> None:
    async with FakeSlackAPI() as slack:
        port = free_port()
        env = {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "HIREBOT_DATA_DIR": str(tmp_path),
            "PORT": str(port),
        }
        process = await start(env)
        await wait_healthy(f"http://127.0.0.1:{port}/healthz")
        code, _ = await stop(process)
        assert code == 0
