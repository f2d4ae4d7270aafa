"""Where the store lives: ``REDIS_URL`` when it is set, else a private redis-server in the data directory.

``open_store`` is the only place that decides this. Whatever goes wrong while starting or reaching Redis
surfaces as ``StoreUnavailable`` with a one-line message, the single error type callers need to catch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from bot.config import Settings, redacted_url
from bot.store.breaker import CircuitBreaker
from bot.store.embedded import EmbeddedRedis, EmbeddedRedisError
from bot.store.redis_store import Store, StoreUnavailable, connect_redis
from bot.store.supervisor import StoreSupervisor, probe_client
from bot.store.unavailable import UnavailableStore

logger = logging.getLogger(__name__)


@asynccontextmanager
async def open_store(settings: Settings, *, require_reachable: bool = True) -> AsyncIterator[Store]:
    """A connected, pinged ``Store``; closed (and the embedded server left) on exit.

    The ping makes an unreachable server fail here, within about two seconds, rather than at the first
    real command. A long-running server passes ``require_reachable=False``: it then gets the store even
    while ``REDIS_URL`` is down (with a warning), supervised (``bot.store.supervisor``): a circuit breaker
    fails calls fast while Redis is down, and an embedded server that dies is restarted.
    Failing to leave the embedded server is only logged, so it cannot hide an error raised in the
    ``async with`` body.
    """
    embedded: EmbeddedRedis | None = None
    if settings.redis_url is not None:
        url = settings.redis_url.get_secret_value()
    else:
        embedded = EmbeddedRedis(settings.data_dir)
        try:
            url = await asyncio.to_thread(embedded.start)
        except EmbeddedRedisError as error:
            raise StoreUnavailable(f"Could not start the embedded Redis: {error}") from None
    supervisor: StoreSupervisor | None = None
    try:
        try:
            breaker = None if require_reachable else CircuitBreaker()
            store = Store(connect_redis(url), prefix=settings.hirebot_key_prefix, breaker=breaker)
            if breaker is not None:
                supervisor = StoreSupervisor(store, breaker, probe_client(url), embedded=embedded)
        except ValueError as error:
            raise StoreUnavailable(f"Redis URL {redacted_url(url)} is not usable: {error}") from None
        try:
            try:
                await store.ping()
            except StoreUnavailable as error:
                if require_reachable:
                    raise
                logger.warning("%s; running without history until it is back", error)
                if breaker is not None:  # not ready from the start, rather than after the first probe
                    breaker.trip(str(error).rpartition(": ")[2])
            if supervisor is not None:
                supervisor.start()
            yield store
        finally:
            if supervisor is not None:
                await supervisor.stop()
            await store.close()
    finally:
        if embedded is not None:
            await _leave(embedded)


async def _leave(embedded: EmbeddedRedis) -> None:
    try:
        await asyncio.to_thread(embedded.stop)
    except EmbeddedRedisError as error:
        logger.warning("Could not stop the embedded Redis: %s", error)


async def enter_store(settings: Settings, stack: AsyncExitStack, *, require_reachable: bool = True) -> Store:
    """The store, open until ``stack`` closes; if Redis can't be had at all, an ``UnavailableStore`` whose every
    operation raises ``StoreUnavailable`` with the reason, so callers never handle a missing store separately."""
    try:
        return await stack.enter_async_context(open_store(settings, require_reachable=require_reachable))
    except StoreUnavailable as error:
        return UnavailableStore(str(error), prefix=settings.hirebot_key_prefix)
