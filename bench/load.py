"""A closed-loop load generator: ``concurrency`` workers, each posting the next signed request as soon as its
previous one is answered, until all requests are sent or the time budget is spent.

Bodies are built before the clock starts; each is signed (Slack's v0 HMAC with a fresh timestamp) just before
it is sent, as Slack does. Latency is from just before the request is written to the socket until the whole
response body is read: the ack Slack waits for. Connections are kept alive (aiohttp's default), at most
``concurrency`` of them.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiohttp

from bench.stack import ServerProcess
from tests.fakes.signing import signed_headers
from tests.fakes.workspace import SIGNING_SECRET

REQUEST_TIMEOUT = 10.0


@dataclass(frozen=True)
class BenchRequest:
    """One request body; ``expect``: bytes every successful ack to it contains (checked on every response);
    ``tag``: what its answer in the fake Slack can be found by (a DM channel id), if it is answered there."""

    body: bytes
    expect: bytes | None = None
    tag: str = ""


@dataclass
class LoadResult:
    requested: int
    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    sent_at: dict[str, float] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    wall_seconds: float = 0.0
    server_cpu_seconds: float = 0.0
    server_cpu_at_start: float = 0.0
    harness_cpu_seconds: float = 0.0
    timed_out: bool = False
    first_problem: str = ""

    @property
    def completed(self) -> int:
        return len(self.latencies_ms)

    @property
    def ok(self) -> int:
        return self.completed - sum(self.errors.values())

    @property
    def requests_per_second(self) -> float:
        return self.completed / self.wall_seconds if self.wall_seconds > 0 else 0.0


async def run_load(
    session: aiohttp.ClientSession,
    server: ServerProcess,
    requests: Sequence[BenchRequest],
    *,
    concurrency: int,
    time_budget: float,
) -> LoadResult:
    """Send ``requests`` at ``concurrency``; a response that isn't 200, or lacks the request's ``expect``, counts as
    an error (its latency is still recorded). Workers stop taking new requests once ``time_budget`` seconds have
    passed. ``harness_cpu_seconds`` is this process's CPU time: the load generator plus the fake Slack."""
    result = LoadResult(requested=len(requests), concurrency=concurrency)
    next_index = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + time_budget
    url = server.events_url

    async def worker() -> None:
        nonlocal next_index
        while next_index < len(requests):
            if loop.time() > deadline:
                result.timed_out = True
                return
            request = requests[next_index]
            next_index += 1
            headers = signed_headers(SIGNING_SECRET, request.body)
            if request.tag:
                result.sent_at[request.tag] = time.time()
            started = time.perf_counter()
            problem: str | None = None
            try:
                async with session.post(url, data=request.body, headers=headers) as response:
                    payload = await response.read()
                    if response.status != 200:
                        problem = f"HTTP {response.status}"
                    elif request.expect is not None and request.expect not in payload:
                        problem = "unexpected body"
            except (aiohttp.ClientError, TimeoutError) as error:
                problem, payload = type(error).__name__, b""
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            if problem is not None:
                result.errors[problem] += 1
                result.first_problem = result.first_problem or f"{problem}: {payload[:300].decode(errors='replace')}"

    cpu_before, client_before = server.cpu_seconds(), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.wall_seconds = time.perf_counter() - started
    result.server_cpu_seconds = server.cpu_seconds() - cpu_before
    result.server_cpu_at_start = cpu_before
    result.harness_cpu_seconds = time.process_time() - client_before
    return result


def client_session(concurrency: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT))
