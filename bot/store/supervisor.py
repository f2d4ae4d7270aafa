"""Keeping a long-running process's store healthy: probe Redis, keep the circuit breaker, restart the embedded
server when it dies.

Every ``CHECK_INTERVAL`` (and at once when a store call fails) the supervisor pings Redis on a connection of its
own, with a ``PROBE_TIMEOUT`` deadline, so a probe never queues behind requests in the shared pool. A failed
probe opens the breaker (``bot.store.breaker``); probes then come at the breaker's growing interval, and the
first PONG closes it. When hirebot runs its own redis-server and nothing listens on its socket any more (killed,
crashed, OOM), the supervisor restarts it on the same data directory with its AOF (``EmbeddedRedis.revive``,
which the shared start lock makes safe with several hirebot processes) and the pool reconnects by itself. So a
death is noticed within ``CHECK_INTERVAL`` plus a refused connect, a hang within ``CHECK_INTERVAL`` plus
``PROBE_TIMEOUT``: under a second either way.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from typing import Final

import redis.asyncio
import redis.exceptions
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from bot.store.breaker import CircuitBreaker
from bot.store.embedded import EmbeddedRedis, EmbeddedRedisError
from bot.store.redis_store import Store, reason_of

logger = logging.getLogger(__name__)

CHECK_INTERVAL: Final = 0.25
PROBE_TIMEOUT: Final = 0.5
STOP_GRACE: Final = 1.0


def probe_client(url: str, timeout: float = PROBE_TIMEOUT) -> redis.asyncio.Redis:
    """A client of one connection, no retries and a short deadline: a ping that answers the question at once."""
    pool = redis.asyncio.ConnectionPool.from_url(
        url,
        max_connections=1,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        retry=Retry(NoBackoff(), retries=0),
    )
    return redis.asyncio.Redis(connection_pool=pool)


class StoreSupervisor:
    def __init__(
        self,
        store: Store,
        breaker: CircuitBreaker,
        probe: redis.asyncio.Redis,
        *,
        embedded: EmbeddedRedis | None = None,
        interval: float = CHECK_INTERVAL,
        probe_timeout: float = PROBE_TIMEOUT,
    ) -> None:
        self.store = store
        self.breaker = breaker
        self.probe = probe
        self.embedded = embedded
        self.interval = interval
        self.probe_timeout = probe_timeout
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        store.on_suspect.append(self.suspect)

    def suspect(self) -> None:
        """A store call just failed: probe now rather than at the next interval."""
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="store-supervisor")

    async def stop(self) -> None:
        """Stop probing: asked politely first (a cancel can be swallowed by a timeout firing at the same moment
        on Python 3.11), then cancelled if the check in progress doesn't end in time."""
        if self._task is not None:
            self._stopping = True
            self._wake.set()
            done, _ = await asyncio.wait({self._task}, timeout=self.probe_timeout + STOP_GRACE)
            if not done:
                self._task.cancel()
                await asyncio.wait({self._task}, timeout=STOP_GRACE)
            self._task = None
        with suppress(redis.exceptions.RedisError, OSError):
            await self.probe.aclose()

    async def _run(self) -> None:
        while not self._stopping:
            await self._pause(self.interval if self.breaker.closed else self.breaker.probe_due_in())
            if self._stopping:
                return
            try:
                await self.check()
            except Exception:  # the supervisor must outlive anything one check runs into
                logger.exception("The store check failed")

    async def _pause(self, seconds: float) -> None:
        with suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        self._wake.clear()

    async def check(self) -> None:
        """One probe, and what follows from it: close or open the breaker, restart a dead embedded server."""
        problem = await self._ping()
        if problem is None:
            if not self.breaker.closed:
                logger.info("Redis at %s answers again; the store is back", self.store.location)
            self.breaker.reset()
            return
        if self.breaker.closed:
            logger.warning(
                "Redis at %s is down (%s): store calls fail fast until it answers", self.store.location, problem
            )
        self.breaker.trip(problem)
        if self.embedded is not None:
            await self._revive(self.embedded)

    async def _ping(self) -> str | None:
        try:
            async with asyncio.timeout(self.probe_timeout):
                await self.probe.ping()
        except TimeoutError:
            return "no reply in time"
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as error:
            return reason_of(error)
        except redis.exceptions.ResponseError as error:  # e.g. LOADING while the AOF is replayed
            return str(error).splitlines()[0] if str(error) else "an error reply"
        return None

    async def _revive(self, embedded: EmbeddedRedis) -> None:
        try:
            restarted = await asyncio.to_thread(embedded.revive)
        except EmbeddedRedisError as error:
            logger.error("Could not restart the embedded Redis: %s", error)
            return
        if restarted:
            self.store.restarts += 1
            logger.warning("Restarted the embedded redis-server in %s", embedded.data_dir)
            self.suspect()  # probe it at once
