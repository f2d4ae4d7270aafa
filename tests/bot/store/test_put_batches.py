"""Writes made while another is on its way to Redis share the next script (``bot.store.put_batches``): fewer round
trips, and still each caller's own answer, its own failure, in the order the writes were made."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any
from uuid import uuid4

import pytest
import redis.asyncio
import redis.exceptions

from bot.store.breaker import CircuitBreaker
from bot.store.put_batches import PutBatches
from bot.store.puts import Group, Put, Written
from bot.store.redis_store import Store, StoreUnavailable, connect_redis
from tests.bot.store.counting import CountingRedis


def put_card(store: Store, number: int) -> Coroutine[Any, Any, Written]:
    """A put of card ``number`` that also asks whether the card existed before."""
    puts = [Put("card", f"c{number}", {"n": number}, ("all",))]
    return store.put_documents(puts, exists=[store.document_key("card", f"c{number}")])


async def test_writes_made_together_share_round_trips_and_each_gets_its_own_answer(
    counted: tuple[Store, CountingRedis],
) -> None:
    store, client = counted
    await store.put_document("card", "c3", {"n": "earlier"})
    client.sent.clear()

    written = await asyncio.gather(*(put_card(store, n) for n in range(10)))

    assert [answer.existed for answer in written] == [[number == 3] for number in range(10)]
    assert len(client.sent) < 10, client.sent  # the first goes at once; the nine made meanwhile go together
    assert set(client.sent) <= {"EVALSHA", "EVAL", "SCRIPT LOAD"}
    assert await store.get_documents("card", [f"c{n}" for n in range(10)]) == [{"n": n} for n in range(10)]
    assert sorted(await store.index_members("card", "all")) == sorted(f"c{n}" for n in range(10))


async def test_a_write_sees_the_writes_batched_before_it(counted: tuple[Store, CountingRedis]) -> None:
    store, _ = counted
    key = store.document_key("card", "same")
    first = store.put_documents([Put("card", "same", {"v": 1})], exists=[key], read=[key])
    second = store.put_documents([Put("card", "same", {"v": 2})], exists=[key], read=[key])

    one, two = await asyncio.gather(first, second)

    assert (one.existed, one.read) == ([False], [None])
    assert (two.existed, two.read) == ([True], ['{"v":1}'])
    assert await store.get_document("card", "same") == {"v": 2}


async def test_a_write_redis_refuses_fails_alone(counted: tuple[Store, CountingRedis]) -> None:
    store, client = counted
    wrong_type = store.document_key("card", "a-list")
    await client.rpush(wrong_type, "x")  # GET on a list is an error inside the script

    results = await asyncio.gather(
        *(put_card(store, n) for n in range(3)),
        store.put_documents([Put("card", "bad", {"n": "bad"})], read=[wrong_type]),
        *(put_card(store, n) for n in range(3, 6)),
        return_exceptions=True,
    )

    assert isinstance(results[3], redis.exceptions.ResponseError)
    assert [type(result).__name__ for index, result in enumerate(results) if index != 3] == ["Written"] * 6
    assert await store.get_documents("card", [f"c{n}" for n in range(6)]) == [{"n": n} for n in range(6)]
    assert await store.get_document("card", "bad") is None, "the refused group wrote nothing"


async def test_a_cancelled_caller_leaves_the_others_their_answers(counted: tuple[Store, CountingRedis]) -> None:
    store, _ = counted
    tasks = [asyncio.create_task(put_card(store, n)) for n in range(4)]
    await asyncio.sleep(0)  # every task has queued its write
    tasks[1].cancel()

    results = await asyncio.gather(*tasks, return_exceptions=True)

    assert isinstance(results[1], asyncio.CancelledError)
    assert [results[n].existed for n in (0, 2, 3)] == [[False]] * 3  # type: ignore[union-attr]
    assert len(await store.get_documents("card", [f"c{n}" for n in range(4)])) in (3, 4)


async def test_every_caller_of_a_batch_hears_that_redis_is_gone(redis_url: str) -> None:
    dead = Store(connect_redis("redis://127.0.0.1:1/0"), prefix="hirebot-test:gone:")
    seen: list[str] = []
    dead.on_unavailable.append(lambda: seen.append("unavailable"))

    results = await asyncio.gather(*(put_card(dead, n) for n in range(5)), return_exceptions=True)

    assert all(isinstance(result, StoreUnavailable) for result in results), results
    assert seen == ["unavailable"] * 5, "each caller counts its own failure"
    await dead.close()


def test_batches_start_afresh_on_a_new_event_loop() -> None:
    """A loop closed while a batch was on its way doesn't leave later writes queued behind a sender that will
    never run again."""
    stuck = asyncio.Event()
    sent: list[list[Group]] = []

    async def send(groups: list[Group]) -> list[Written | BaseException]:
        sent.append(groups)
        if len(sent) == 1:
            await stuck.wait()  # set only once the second loop is done
        return [Written(existed=[], read=[]) for _ in groups]

    batches = PutBatches(send)
    group = Group(0, 0, 1, ["k"], ["{}", 0, "id", 0])

    async def abandon() -> asyncio.Task[Written]:
        first = asyncio.get_running_loop().create_task(batches.put(group))
        await asyncio.sleep(0)
        await asyncio.sleep(0)  # the sender has taken the batch and waits
        return first

    old_loop = asyncio.new_event_loop()
    abandoned = old_loop.run_until_complete(abandon())  # the old loop stops with its batch on its way
    # Without a fresh sender this would wait forever; the deadline only turns that hang into a failure.
    assert asyncio.run(asyncio.wait_for(batches.put(group), 10)) == Written(existed=[], read=[])
    assert len(sent) == 2
    stuck.set()
    assert old_loop.run_until_complete(abandoned) == Written(existed=[], read=[])
    old_loop.close()


async def test_writes_queued_behind_a_stuck_batch_are_not_sent_once_the_breaker_opens(redis_url: str) -> None:
    """A hung server: the first batch waits, and the writes queued behind it fail at once when the breaker has
    opened meanwhile, instead of each waiting out another command timeout."""
    breaker = CircuitBreaker()
    store = Store(connect_redis(redis_url), prefix=f"hirebot-test:{uuid4().hex}:", breaker=breaker)
    await store.redis.execute_command("CLIENT", "PAUSE", 300, "WRITE")  # the first batch waits 300 ms
    first = asyncio.create_task(put_card(store, 1))
    await asyncio.sleep(0)  # the sender has taken the first write and waits on Redis
    queued = asyncio.create_task(put_card(store, 2))
    await asyncio.sleep(0)
    breaker.trip("no reply in time")

    with pytest.raises(StoreUnavailable, match="not sent"):
        await queued
    assert (await first).existed == [False], "the write already on its way completes"
    breaker.reset()
    assert await store.get_document("card", "c2") is None
    await store.redis.delete(store.document_key("card", "c1"), store.index_key("card", "all"))
    await store.close()


def test_a_batch_answered_short_fails_every_caller_instead_of_leaving_one_waiting() -> None:
    async def short(groups: list[Group]) -> list[Written | BaseException]:
        return [Written(existed=[], read=[])][: len(groups) - 1]

    batches = PutBatches(short)
    group = Group(0, 0, 1, ["k"], ["{}", 0, "id", 0])

    async def two() -> list[Written | BaseException]:
        return await asyncio.wait_for(
            asyncio.gather(batches.put(group), batches.put(group), return_exceptions=True), 10
        )

    assert all(isinstance(result, RuntimeError) for result in asyncio.run(two()))
