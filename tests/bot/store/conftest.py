"""The ``counted`` fixture: a store over a ``CountingRedis`` (``tests.bot.store.counting``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from bot.store.redis_store import Store, connect_redis
from tests.bot.store.counting import CountingRedis


@pytest.fixture
async def counted(redis_url: str) -> AsyncIterator[tuple[Store, CountingRedis]]:
    client = CountingRedis(connection_pool=connect_redis(redis_url).connection_pool)
    store = Store(client, prefix=f"hirebot-test:{uuid4().hex}:")
    yield store, client
    keys = [key async for key in client.scan_iter(match=f"{store.prefix}*", count=1000)]
    if keys:
        await client.delete(*keys)
    await client.aclose()
