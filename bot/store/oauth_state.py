"""OAuth ``state`` values in hirebot's Redis, for Bolt's install flow: issued once, consumed once, expiring.

Implements slack_sdk's ``AsyncOAuthStateStore`` (``slack_sdk/oauth/state_store/async_state_store.py``) the way
its file and SQLAlchemy stores do (``state_store/file``, ``state_store/sqlalchemy``): ``issue`` records a random
value with the time it was issued; ``consume`` is true once, for a value issued here less than
``expiration_seconds`` ago, and removes it whatever the answer. Redis also expires the entry by itself, so
abandoned installs leave nothing behind. Every replica shares the entries, so an install started on one
replica can finish on another.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from typing import Any, Final

from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.store.redis_store import Store

OAUTH_STATE: Final = "oauth-state"


class RedisOAuthStateStore(AsyncOAuthStateStore):
    """``clock`` is ``time.time`` unless a test moves time on."""

    def __init__(
        self,
        store: Store,
        expiration_seconds: int,
        *,
        clock: Callable[[], float] = time.time,
        logger: logging.Logger | None = None,
    ) -> None:
        self.store = store
        self.expiration_seconds = expiration_seconds
        self.clock = clock
        self._logger = logger or logging.getLogger(__name__)

    @property
    def logger(self) -> logging.Logger:
        return self._logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(32)
        issued = {"issued_at": self.clock()}
        await self.store.put_document(OAUTH_STATE, state, issued, ttl=self.expiration_seconds)
        return state

    async def async_consume(self, state: str) -> bool:
        if not state:
            return False
        issued = await self.store.get_document(OAUTH_STATE, state)
        # Only the caller whose delete removed the entry consumes it: a replayed redirect racing the first loses.
        if issued is None or not await self.store.delete_document(OAUTH_STATE, state):
            self.logger.info("An OAuth state that was never issued here, or was already used, came back")
            return False
        age = self.clock() - float(issued.get("issued_at", 0))
        return 0 <= age < self.expiration_seconds
