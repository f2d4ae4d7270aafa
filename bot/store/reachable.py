"""Redis commands issued outside ``Store``'s own methods (streams, scans) fail the same way its methods do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import redis.exceptions

from bot.store.redis_store import Store, StoreUnavailable


@contextmanager
def reachable(store: Store) -> Iterator[None]:
    """Turn a lost or refused connection into ``StoreUnavailable`` with a one-line message, as ``Store`` does."""
    try:
        yield
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as error:
        for listener in store.on_unavailable:
            listener()
        raise StoreUnavailable(f"Redis at {store.location} is unreachable") from error
