"""The parts of a store that heals: the circuit breaker, a Store failing fast behind an open one, and
``EmbeddedRedis.revive`` restarting a dead server once, on its own data, however many users share it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
import redis

from bot.store.breaker import BreakerOpen, CircuitBreaker
from bot.store.embedded import PING, EmbeddedRedis, _ask
from bot.store.redis_store import Store, StoreUnavailable, connect_redis


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_breaker_opens_waits_longer_after_each_failed_probe_and_closes_on_success() -> None:
    clock = Clock()
    breaker = CircuitBreaker(first_wait=0.1, max_wait=0.4, clock=clock)
    breaker.check()
    breaker.trip("Connection refused")
    with pytest.raises(BreakerOpen, match="Connection refused"):
        breaker.check()
    waits = [breaker.probe_due_in()]
    for _ in range(3):
        breaker.trip("no reply in time")
        waits.append(breaker.probe_due_in())
    assert waits == pytest.approx([0.1, 0.2, 0.4, 0.4])
    clock.now += 0.5
    assert breaker.probe_due_in() == 0
    breaker.reset()
    breaker.check()
    assert (breaker.state, breaker.reason, breaker.times_opened) == ("closed", None, 1)


async def test_a_store_behind_an_open_breaker_fails_at_once_and_asks_for_no_probe(redis_url: str) -> None:
    breaker = CircuitBreaker()
    store = Store(connect_redis(redis_url), prefix="hirebot-test:breaker:", breaker=breaker)
    suspected: list[int] = []
    store.on_suspect.append(lambda: suspected.append(1))
    await store.ping()
    breaker.trip("no reply in time")
    with pytest.raises(StoreUnavailable, match="no reply in time"):
        await store.get_document("scorecard", "x")
    assert await store.readiness() is not None
    assert suspected == []  # the supervisor already knows
    breaker.reset()
    assert await store.readiness() is None
    await store.close()


def kill(url: str) -> int:
    """SIGKILL the server and return once nothing listens on its socket any more (polled, with a deadline)."""
    with redis.Redis.from_url(url) as client:
        pid: int = client.info("server")["process_id"]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while _ask(Path(url.removeprefix("unix://")), PING) is not None:
        assert time.monotonic() < deadline, "the killed server still answers"
        time.sleep(0.005)
    return pid


def test_revive_restarts_a_dead_server_once_on_its_own_data(tmp_path: Path) -> None:
    first, second = EmbeddedRedis(tmp_path), EmbeddedRedis(tmp_path)
    with first as url, second:
        with redis.Redis.from_url(url) as client:
            client.set("kept", "yes")
        assert not first.revive()  # alive: nothing to do
        dead = kill(url)
        assert first.revive()
        assert not second.revive()  # the other user finds it answering
        with redis.Redis.from_url(url) as client:
            assert client.get("kept") == b"yes"
            assert client.info("server")["process_id"] != dead


def test_revive_leaves_a_hung_server_alone(tmp_path: Path) -> None:
    user = EmbeddedRedis(tmp_path)
    with user as url:
        with redis.Redis.from_url(url) as client:
            pid = client.info("server")["process_id"]
        os.kill(pid, signal.SIGSTOP)
        try:
            assert not user.revive()  # it accepts connections: a second server must not replace it
        finally:
            os.kill(pid, signal.SIGCONT)
