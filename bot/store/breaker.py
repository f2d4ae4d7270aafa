"""A circuit breaker in front of Redis: while it is open, store calls fail at once instead of each waiting out
``COMMAND_TIMEOUT`` on a hung or dead server.

Only ``bot.store.supervisor.StoreSupervisor`` moves it: a failed probe (a ping with a short deadline, on a
connection of its own) opens it, and the next probe is due after a short wait that doubles with every failed
probe (``FIRST_WAIT`` up to ``MAX_WAIT``); a probe that gets PONG closes it. Requests are never the probe, so a
request never waits on a server the breaker already knows is down. A store call that fails while the breaker is
closed asks for a probe at once (``Store.suspect``), so one refused connection opens it within milliseconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final, Literal

FIRST_WAIT: Final = 0.1
MAX_WAIT: Final = 1.0

State = Literal["closed", "open"]


class BreakerOpen(Exception):  # noqa: N818 (the condition it reports)
    """Raised by ``check`` while the breaker is open; the message says why, in a few words."""


class CircuitBreaker:
    def __init__(
        self,
        *,
        first_wait: float = FIRST_WAIT,
        max_wait: float = MAX_WAIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.first_wait = first_wait
        self.max_wait = max_wait
        self.clock = clock
        self.state: State = "closed"
        self.reason: str | None = None
        self.since = clock()
        self.times_opened = 0
        self._wait = 0.0
        self._probe_at = 0.0

    @property
    def closed(self) -> bool:
        return self.state == "closed"

    def check(self) -> None:
        """Raise ``BreakerOpen`` if calls must fail fast now."""
        if self.state == "open":
            raise BreakerOpen(self.reason or "Redis is down")

    def trip(self, reason: str) -> None:
        """A probe failed: open (or stay open), and wait longer before the next probe."""
        now = self.clock()
        if self.state == "closed":
            self.state, self.since, self._wait = "open", now, self.first_wait
            self.times_opened += 1
        else:
            self._wait = min(self._wait * 2, self.max_wait)
        self.reason = reason
        self._probe_at = now + self._wait

    def reset(self) -> None:
        """A probe succeeded: close."""
        if self.state == "open":
            self.state, self.since = "closed", self.clock()
        self.reason = None

    def probe_due_in(self) -> float:
        """Seconds until the next half-open probe (0 when closed: the supervisor's own rhythm applies)."""
        return max(self._probe_at - self.clock(), 0.0) if self.state == "open" else 0.0
