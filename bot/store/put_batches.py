"""Concurrent ``Store.put_documents`` calls coalesced into one round trip to Redis.

redis-py spends 110 to 150 µs of CPU on every command here, whatever the command, where the round trip itself
costs about 38 µs (docs/benchmarks.md): taking a pooled connection under a timeout, the retry wrapper, packing,
parsing. Under a burst of scorecard submissions that fixed cost was most of the store's share of the CPU. So,
as ioredis's auto-pipelining does, a write that finds another one on its way waits for it and then goes with
every write that arrived meanwhile, in one ``EVALSHA``; a write that finds none on its way is sent at once, so
an idle server adds no latency, and a busy one sends fewer, larger scripts.

Each caller still gets its own answer and its own failure: the script runs the writes one after another, each
seeing the ones before it, and a write that Redis refuses (a Lua error) is retried alone so it fails alone.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import redis.asyncio
import redis.exceptions
from redis.commands.core import AsyncScript

from bot.store.breaker import CircuitBreaker
from bot.store.puts import Group, Written

Send = Callable[[list[Group]], Awaitable[list[Written | BaseException]]]


class PutBatches:
    """At most one batch on its way at a time; writes that arrive meanwhile make up the next."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._queued: list[tuple[Group, asyncio.Future[Written]]] = []
        self._sender: asyncio.Task[None] | None = None

    async def put(self, group: Group) -> Written:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[Written] = loop.create_future()
        sender = self._sender
        if sender is not None and sender.get_loop() is not loop:  # a new event loop (a CLI's asyncio.run)
            self._queued, sender = [], None
        self._queued.append((group, waiter))
        if sender is None or sender.done():
            self._sender = loop.create_task(self._send_queued(), name="store-put-batch")
        return await waiter

    async def _send_queued(self) -> None:
        while self._queued:
            batch, self._queued = self._queued, []
            try:
                replies = await self._send([group for group, _ in batch])
            except asyncio.CancelledError:
                for _, waiter in batch:
                    waiter.cancel()
                raise
            except Exception as error:  # each caller's own ``put`` raises it
                replies = [error] * len(batch)
            if len(replies) != len(batch):  # never leave a caller waiting on a reply that won't come
                replies = [RuntimeError(f"{len(replies)} replies to {len(batch)} writes")] * len(batch)
            for (_, waiter), reply in zip(batch, replies, strict=True):
                if waiter.done():  # its caller was cancelled; the write happened all the same
                    continue
                if isinstance(reply, BaseException):
                    waiter.set_exception(reply)
                else:
                    waiter.set_result(reply)


async def send_groups(
    redis_client: redis.asyncio.Redis,
    script: AsyncScript,
    groups: list[Group],
    breaker: CircuitBreaker | None = None,
) -> list[Written | BaseException]:
    """The way to Redis: one plain ``SET`` for a lone document without indexes, else ``script`` (the store's
    ``PUT_DOCUMENTS_SCRIPT``). A group Redis refuses (a Lua error) fails alone: the batch is sent again one group
    at a time.

    Writes that queued behind a batch stuck on a hung server are not sent once the ``breaker`` has opened: each
    caller checked it when it called, but waiting out a second ``COMMAND_TIMEOUT`` behind the first would take a
    scorecard's Save past Slack's 3 seconds."""
    if breaker is not None and not breaker.closed:
        raise redis.exceptions.ConnectionError(f"not sent, {breaker.reason or 'the store is down'}")
    if len(groups) == 1 and groups[0].lone_set:
        [group] = groups
        await redis_client.set(group.keys[0], group.args[0], ex=int(group.args[1]) or None)
        return [Written(existed=[], read=[])]
    args: list[str | int] = [repr(time.time())]
    for group in groups:
        args += [group.checks, group.reads, group.puts, *group.args]
    try:
        replies = await script(keys=[key for group in groups for key in group.keys], args=args)
    except redis.exceptions.ResponseError as refused:
        if len(groups) == 1:
            return [refused]
        return [reply for group in groups for reply in await send_groups(redis_client, script, [group])]
    return [
        Written(
            existed=[bool(found) for found in existed],
            read=[
                None if value is None else value.decode() if isinstance(value, bytes) else str(value)
                for value in values
            ],
        )
        for existed, values in replies
    ]
