"""Waiting on a condition with a deadline, polling: how tests wait for a server to change state (never a bare
sleep)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp

T = TypeVar("T")

POLL_SECONDS = 0.01


async def eventually(
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool],
    *,
    within: float,
    what: str,
) -> T:
    """Call ``probe`` until ``accept`` takes its result, and return it; fail the test after ``within`` seconds."""
    deadline = time.monotonic() + within
    last: T | None = None
    while True:
        last = await probe()
        if accept(last):
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {within:g} s (last: {last!r})")
        await asyncio.sleep(POLL_SECONDS)


async def ready(session: aiohttp.ClientSession, base_url: str) -> int:
    """``GET /readyz``'s status."""
    async with session.get(base_url.rstrip("/") + "/readyz") as response:
        return response.status


async def until_ready(session: aiohttp.ClientSession, base_url: str, within: float = 5.0) -> None:
    """Until ``/readyz`` answers 200: the store's breaker closes on the supervisor's next good probe."""
    await eventually(lambda: ready(session, base_url), lambda status: status == 200, within=within, what="/readyz 200")
