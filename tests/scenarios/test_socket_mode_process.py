"""``hirebot`` over Socket Mode as a real process against the fake Slack: a rejected app token exits 2 with one
line, and SIGTERM ends it within 10 s while connecting, connected and reconnecting, with no Bolt warning."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import APP_TOKEN, BOT_TOKEN

EXIT_WITHIN = 10.0


class Hirebot:
    """The running ``hirebot`` process and every line it has written to stderr."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []

    async def line_with(self, text: str, timeout: float = 10.0) -> str:  # noqa: ASYNC109 - a test deadline
        """Reads stderr until a line containing ``text`` (lines already read count too)."""
        found = next((line for line in self.lines if text in line), None)
        async with asyncio.timeout(timeout):
            while found is None:
                raw = await self.process.stderr.readline()  # type: ignore[union-attr]
                assert raw, f"hirebot exited without saying {text!r}: {self.lines}"
                self.lines.append(raw.decode().rstrip("\n"))
                found = text if text in self.lines[-1] else None
        return next(line for line in self.lines if text in line)

    async def ends(self, timeout: float = EXIT_WITHIN) -> int:  # noqa: ASYNC109 - a test deadline
        async with asyncio.timeout(timeout):
            rest = await self.process.stderr.read()  # type: ignore[union-attr]
            code = await self.process.wait()
        self.lines += [line for line in rest.decode().splitlines() if line]
        return code


@asynccontextmanager
async def hirebot(
    api_url: str, redis_url: str, data_dir: Path, *, app_token: str = APP_TOKEN
) -> AsyncIterator[Hirebot]:
    env = dict(os.environ) | {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": app_token,
        "SLACK_API_URL": api_url,
        "REDIS_URL": redis_url,
        "HIREBOT_DATA_DIR": str(data_dir),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        yield Hirebot(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/"


def is_bolt_or_error(line: str) -> bool:
    return any(f"level={level}" in line for level in ("warning", "error", "critical")) or "Traceback" in line


async def test_a_rejected_app_token_exits_2_with_one_line(redis_url: str, tmp_path: Path) -> None:
    async with (
        FakeSlackAPI(app_token=APP_TOKEN) as slack,
        hirebot(slack.api_url, redis_url, tmp_path, app_token="xapp-bad") as process,
    ):
        assert await process.ends() == 2
    [line] = process.lines
    assert line.startswith("hirebot: Slack rejected SLACK_APP_TOKEN (invalid_auth): ")
    assert "xapp-bad" not in line


async def test_sigterm_while_connecting_to_an_unreachable_slack(redis_url: str, tmp_path: Path) -> None:
    async with hirebot(closed_port_url(), redis_url, tmp_path) as process:
        first = await process.line_with("retrying in")
        assert "can't reach Slack" in first and "attempt 1" in first
        process.process.send_signal(signal.SIGTERM)
        assert await process.ends() == 0
    assert not any("Traceback" in line for line in process.lines)


async def sigterm_when(ready: Callable[[FakeSlackAPI, Hirebot], object], redis_url: str, tmp_path: Path) -> Hirebot:
    async with FakeSlackAPI() as slack, hirebot(slack.api_url, redis_url, tmp_path) as process:
        await process.line_with("connected to Slack over Socket Mode")
        await slack.socket_mode.wait_for_connections(1)
        waiting = ready(slack, process)
        if asyncio.iscoroutine(waiting):
            await waiting
        process.process.send_signal(signal.SIGTERM)
        assert await process.ends() == 0
    return process


async def test_sigterm_while_connected_and_no_warning_at_start(redis_url: str, tmp_path: Path) -> None:
    process = await sigterm_when(lambda slack, process: None, redis_url, tmp_path)
    assert [line for line in process.lines if is_bolt_or_error(line)] == []


async def test_sigterm_while_reconnecting(redis_url: str, tmp_path: Path) -> None:
    async def reconnecting(slack: FakeSlackAPI, process: Hirebot) -> None:
        slack.fail("apps.connections.open", error="internal_error", times=None)
        await slack.socket_mode.drop_connections(graceful=True)  # Slack closes; the client asks for a new URL
        await slack.wait_for("apps.connections.open", 2, ok=None)  # ...and Slack refuses it: reconnecting

    process = await sigterm_when(reconnecting, redis_url, tmp_path)
    assert not any("Traceback" in line for line in process.lines)
