"""The store for a process whose Redis could not be started or reached at all.

Every caller gets a ``Store``: this one raises ``StoreUnavailable`` from every operation, so the code that
decides what a person is told when Redis is down (a form that stays open, an App Home that says so, an answer
without history) is the same code that handles an outage mid-run. It is built in one place,
``bot.store.opening.enter_store``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.store.redis_store import KEY_PREFIX, Store, StoreUnavailable


class UnavailableStore(Store):
    available = False

    def __init__(self, reason: str, prefix: str = KEY_PREFIX) -> None:  # no client: nothing to connect to
        self.reason = reason
        self.base_prefix = prefix
        self.breaker = None
        self.on_unavailable = []
        self.on_suspect = []
        self.restarts = 0

    @property
    def location(self) -> str:
        return "unavailable"

    async def close(self) -> None:
        return None

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        for listener in self.on_unavailable:
            listener()
        raise StoreUnavailable(self.reason)
        yield  # pragma: no cover (a generator, so this stays a context manager)
