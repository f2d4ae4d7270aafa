"""What the benchmark runs against: a Redis, the fake Slack Web API, and server subprocesses.

The fake Slack (``tests.fakes.slack_api.FakeSlackAPI``) runs in the harness process, on the harness's event loop,
so that the time a posted answer reaches it is measured on the same clock as the request that asked for it. The
servers under test run in subprocesses (``bench.server``), so their CPU time and memory are theirs alone and
are read from ``/proc/<pid>``.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from bot.store.embedded import EmbeddedRedis
from bot.store.redis_store import connect_redis

REPO_ROOT = Path(__file__).resolve().parent.parent
READY = "READY"
"""What ``bench.server`` prints, with its port, once it listens."""
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
SCRUBBED_PREFIXES = ("SLACK_", "ANTHROPIC_", "HIREBOT_", "REDIS_", "HIRING_", "PORT")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ")
BLUR = re.compile(r"/tmp/\S+|\d+")


def scrubbed_env(**extra: str) -> dict[str, str]:
    """The environment without any Slack, Anthropic, Redis or hirebot setting, so nothing of the developer's
    (a real token, an API key that would route answers to Claude) reaches the processes under test."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(SCRUBBED_PREFIXES)}
    env.update(extra)
    return env


@dataclass(frozen=True)
class RedisTarget:
    url: str
    key_prefix: str
    embedded: bool


@asynccontextmanager
async def bench_redis(work_dir: Path, external_url: str | None) -> AsyncIterator[RedisTarget]:
    """``external_url`` under a key prefix of our own (its keys deleted afterwards, never FLUSHALL), else a
    private embedded redis-server in ``work_dir``, stopped afterwards."""
    prefix = f"hirebot-bench:{uuid4().hex[:12]}:"
    if external_url is not None:
        try:
            yield RedisTarget(external_url, prefix, embedded=False)
        finally:
            client = connect_redis(external_url)
            keys = [key async for key in client.scan_iter(match=f"{prefix}*", count=1000)]
            for start in range(0, len(keys), 1000):
                await client.delete(*keys[start : start + 1000])
            await client.aclose()
        return
    embedded = EmbeddedRedis(work_dir / "redis")
    url = await asyncio.to_thread(embedded.start)
    try:
        yield RedisTarget(url, prefix, embedded=True)
    finally:
        await asyncio.to_thread(embedded.stop)


@dataclass(frozen=True)
class Memory:
    rss_bytes: int
    peak_rss_bytes: int

    @property
    def rss_mb(self) -> float:
        return self.rss_bytes / 1e6

    @property
    def peak_rss_mb(self) -> float:
        return self.peak_rss_bytes / 1e6


class ServerProcess:
    """One ``bench.server`` subprocess, listening on 127.0.0.1."""

    def __init__(self, kind: str, process: asyncio.subprocess.Process, port: int, log_path: Path) -> None:
        self.kind = kind
        self.process = process
        self.port = port
        self.log_path = log_path

    @property
    def events_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    @property
    def pid(self) -> int:
        return self.process.pid

    def memory(self) -> Memory:
        """Current (``VmRSS``) and peak (``VmHWM``) resident set size of the server process."""
        fields: dict[str, int] = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) * 1024
        return Memory(rss_bytes=fields["VmRSS"], peak_rss_bytes=fields["VmHWM"])

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server process has used so far."""
        stat = Path(f"/proc/{self.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def log_lines(self) -> list[str]:
        try:
            return self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []

    def log_summary(self) -> dict[str, int]:
        """How often each kind of log record appeared (timestamps, numbers and paths blurred), most frequent
        first; traceback lines are not records and are left out."""
        kinds: Counter[str] = Counter()
        for line in self.log_lines():
            if LOG_RECORD.match(line):
                message = LOG_RECORD.sub("", line)
                kinds[BLUR.sub("#", message)[:160]] += 1
        return dict(kinds.most_common(12))

    async def stop(self) -> int | None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.process.returncode


@asynccontextmanager
async def server_process(
    kind: str, *, slack_api_url: str, redis: RedisTarget, work_dir: Path
) -> AsyncIterator[ServerProcess]:
    """Start ``python -m bench.server kind`` and wait for its ``READY <port>`` line; stop it on exit."""
    data_dir = work_dir / f"data-{kind}-{uuid4().hex[:6]}"
    data_dir.mkdir(parents=True)
    log_path = work_dir / f"{kind}-{uuid4().hex[:6]}.log"
    command = [sys.executable, "-m", "bench.server", kind, "--slack-api-url", slack_api_url]
    command += ["--redis-url", redis.url, "--key-prefix", redis.key_prefix, "--data-dir", str(data_dir)]
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=REPO_ROOT,
            env=scrubbed_env(PYTHONPATH=str(REPO_ROOT)),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
        )
    server: ServerProcess | None = None
    try:
        port = await asyncio.wait_for(_ready_port(process), START_TIMEOUT)
        server = ServerProcess(kind, process, port, log_path)
        yield server
    except TimeoutError:
        raise RuntimeError(f"the {kind} server did not start within {START_TIMEOUT:g} s; see {log_path}") from None
    finally:
        if server is not None:
            await server.stop()
        elif process.returncode is None:
            process.kill()
            await process.wait()


async def _ready_port(process: asyncio.subprocess.Process) -> int:
    assert process.stdout is not None
    while True:
        line = (await process.stdout.readline()).decode(errors="replace").strip()
        if not line and process.stdout.at_eof():
            raise RuntimeError(f"the server exited with status {await process.wait()} before it was ready")
        if line.startswith(READY + " "):
            return int(line.split()[1])
