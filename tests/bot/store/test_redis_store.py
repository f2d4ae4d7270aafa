"""The Store against a real redis-server: history, claims, documents, and how it fails and recovers."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.store.embedded import EmbeddedRedis
from bot.store.puts import Put
from bot.store.redis_store import HISTORY_MAX_TURNS, HISTORY_TTL, Store, StoreUnavailable, Turn, connect_redis


def free_tcp_port() -> int:
    """A localhost port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_turns_come_back_oldest_first(store: Store) -> None:
    await store.append_turn("cli:x", Turn(role="user", text="pay for a senior ML engineer?", data={"level": "senior"}))
    await store.append_turn("cli:x", Turn(role="assistant", text="$220k-$280k base"))

    turns = await store.recent_turns("cli:x")

    assert [(turn.role, turn.text) for turn in turns] == [
        ("user", "pay for a senior ML engineer?"),
        ("assistant", "$220k-$280k base"),
    ]
    assert turns[0].data == {"level": "senior"}
    assert turns[0].at <= turns[1].at <= time.time()


async def test_history_keeps_only_the_last_turns(store: Store) -> None:
    for number in range(HISTORY_MAX_TURNS + 5):
        await store.append_turn("cli:x", Turn(role="user", text=f"question {number}"))

    turns = await store.recent_turns("cli:x", limit=100)

    assert [turn.text for turn in turns] == [f"question {number}" for number in range(5, HISTORY_MAX_TURNS + 5)]
    assert await store.redis.llen(store.history_key("cli:x")) == HISTORY_MAX_TURNS


async def test_recent_turns_limit(store: Store) -> None:
    for number in range(5):
        await store.append_turn("cli:x", Turn(role="user", text=f"question {number}"))

    assert [turn.text for turn in await store.recent_turns("cli:x", limit=2)] == ["question 3", "question 4"]
    assert await store.recent_turns("cli:x", limit=0) == []
    assert await store.recent_turns("cli:unknown") == []


async def test_history_expires_a_week_after_the_last_turn(store: Store) -> None:
    key = store.history_key("cli:x")
    await store.append_turn("cli:x", Turn(role="user", text="first"))
    assert HISTORY_TTL - 5 <= await store.redis.ttl(key) <= HISTORY_TTL
    assert HISTORY_TTL == 7 * 24 * 3600

    await store.redis.expire(key, 60)
    await store.append_turn("cli:x", Turn(role="assistant", text="second"))

    assert HISTORY_TTL - 5 <= await store.redis.ttl(key) <= HISTORY_TTL


async def test_clear_history(store: Store) -> None:
    await store.append_turn("cli:x", Turn(role="user", text="hello"))
    await store.append_turn("cli:y", Turn(role="user", text="other"))

    await store.clear_history("cli:x")

    assert await store.recent_turns("cli:x") == []
    assert len(await store.recent_turns("cli:y")) == 1


async def test_odd_conversation_keys_stay_apart_and_glob_safe(store: Store) -> None:
    odd = "T1:C2:1712.0001 *?[a-z]\\ é 🙂"
    await store.append_turn(odd, Turn(role="user", text="odd"))
    await store.append_turn("T1:C2", Turn(role="user", text="plain"))

    assert [turn.text for turn in await store.recent_turns(odd)] == ["odd"]
    assert [turn.text for turn in await store.recent_turns("T1:C2")] == ["plain"]
    key = store.history_key(odd)
    assert key.startswith(store.prefix + "history:")
    assert not set(key.removeprefix(store.prefix)) & set("*?[]\\ ")
    assert key.removeprefix(store.prefix).count(":") == 1


async def test_claim_once_is_true_only_the_first_time(store: Store) -> None:
    assert await store.claim_once("slack-event", "Ev01", ttl=60) is True
    assert await store.claim_once("slack-event", "Ev01", ttl=60) is False
    assert await store.claim_once("slack-event", "Ev02", ttl=60) is True


async def test_claim_namespaces_do_not_collide_across_colons(store: Store) -> None:
    assert await store.claim_once("a:b", "c", ttl=60) is True
    assert await store.claim_once("a", "b:c", ttl=60) is True


async def test_claim_once_expires(store: Store) -> None:
    assert await store.claim_once("digest", "2026-11-26", ttl=1) is True
    key = store.claim_key("digest", "2026-11-26")
    assert 0 < await store.redis.pttl(key) <= 1000

    await store.redis.pexpire(key, 10)
    await asyncio.sleep(0.03)

    assert await store.claim_once("digest", "2026-11-26", ttl=1) is True


class Scorecardish(BaseModel):
    candidate: str
    score: int


async def test_documents_put_get_delete(store: Store) -> None:
    await store.put_document("card", "c1", {"candidate": "Ada", "notes": ["strong"]})
    await store.put_document("card", "c2", Scorecardish(candidate="Grace", score=4))

    assert await store.get_document("card", "c1") == {"candidate": "Ada", "notes": ["strong"]}
    assert await store.get_document("card", "c2") == {"candidate": "Grace", "score": 4}
    assert await store.get_document("card", "missing") is None
    assert await store.get_document("other-kind", "c1") is None

    assert await store.delete_document("card", "c1") is True
    assert await store.delete_document("card", "c1") is False
    assert await store.get_document("card", "c1") is None


async def test_document_ttl(store: Store) -> None:
    await store.put_document("draft", "d1", {"step": 1}, ttl=300)
    await store.put_document("draft", "d2", {"step": 1})

    assert 290 <= await store.redis.ttl(store.document_key("draft", "d1")) <= 300
    assert await store.redis.ttl(store.document_key("draft", "d2")) == -1


async def test_index_lists_most_recently_put_first(store: Store) -> None:
    for doc_id in ("c1", "c2", "c3"):
        await store.put_document("card", doc_id, {"id": doc_id}, indexes=["all", f"candidate:{doc_id}"])

    assert await store.index_members("card", "all") == ["c3", "c2", "c1"]
    assert await store.index_members("card", "all", limit=2) == ["c3", "c2"]
    assert await store.index_members("card", "candidate:c2") == ["c2"]
    assert await store.index_members("card", "none") == []

    await store.put_document("card", "c1", {"id": "c1", "edited": True}, indexes=["all"])
    assert await store.index_members("card", "all") == ["c1", "c3", "c2"]

    await store.delete_document("card", "c3", indexes=["all", "candidate:c3"])
    assert await store.index_members("card", "all") == ["c1", "c2"]
    assert await store.index_members("card", "candidate:c3") == []


async def test_put_documents_checks_and_reads_what_was_there_before_writing(store: Store) -> None:
    await store.put_document("card", "c1", {"id": "c1"})
    await store.redis.set(store.document_key("settings", "current"), '{"channel": "C1"}')
    puts = [
        Put("card", "c1", {"id": "c1", "edited": True}, ("all",)),
        Put("card", "c2", Scorecardish(candidate="Ada", score=3), ("all", "candidate:ada"), ttl=300),
    ]
    written = await store.put_documents(
        puts,
        exists=[store.document_key("card", "c1"), store.document_key("card", "c2")],
        read=[store.document_key("settings", "current"), store.document_key("settings", "none")],
    )
    assert written.existed == [True, False], "as before the puts"
    assert written.read == ['{"channel": "C1"}', None]
    assert await store.get_documents("card", ["c1", "c2"]) == [
        {"id": "c1", "edited": True},
        {"candidate": "Ada", "score": 3},
    ]
    assert await store.index_members("card", "all") in (["c2", "c1"], ["c1", "c2"])
    assert await store.index_members("card", "candidate:ada") == ["c2"]
    assert 290 <= await store.redis.ttl(store.document_key("card", "c2")) <= 300
    assert await store.redis.ttl(store.document_key("card", "c1")) == -1
    assert (await store.put_documents([])).existed == []


async def test_turns_and_another_document_are_written_together(store: Store) -> None:
    await store.append_turns("C1", [Turn(role="user", text="hi")], also=Put("answer", "a1", {"q": "hi"}, ttl=60))
    assert [turn.text for turn in await store.recent_turns("C1")] == ["hi"]
    assert await store.get_document("answer", "a1") == {"q": "hi"}
    assert 50 <= await store.redis.ttl(store.document_key("answer", "a1")) <= 60


async def test_get_documents_skips_missing_and_keeps_order(store: Store) -> None:
    await store.put_document("card", "c1", {"id": "c1"})
    await store.put_document("card", "c3", {"id": "c3"})

    documents = await store.get_documents("card", ["c3", "gone", "c1"])

    assert documents == [{"id": "c3"}, {"id": "c1"}]
    assert await store.get_documents("card", []) == []


async def test_closed_port_raises_store_unavailable_fast() -> None:
    port = free_tcp_port()
    store = Store(connect_redis(f"redis://:s3cret@127.0.0.1:{port}/0"))
    started = time.monotonic()

    with pytest.raises(StoreUnavailable) as raised:
        await store.ping()
    with pytest.raises(StoreUnavailable):
        await store.append_turn("cli:x", Turn(role="user", text="hello"))

    assert time.monotonic() - started < 2
    message = str(raised.value)
    assert message == f"Redis at redis://127.0.0.1:{port}/0 is unreachable: Connection refused"
    assert "s3cret" not in message
    await store.close()


async def test_missing_socket_raises_store_unavailable(tmp_path: Path) -> None:
    socket_path = tmp_path / "nobody.sock"
    store = Store(connect_redis(f"unix://{socket_path}"))

    with pytest.raises(StoreUnavailable, match=r"is unreachable: No such file or directory$"):
        await store.get_document("card", "c1")
    await store.close()


async def test_client_reconnects_after_the_embedded_server_restarts(tmp_path: Path) -> None:
    embedded = EmbeddedRedis(tmp_path / "data")
    url = await asyncio.to_thread(embedded.start)
    store = Store(connect_redis(url), prefix="restart:")
    try:
        await store.put_document("card", "c1", {"id": "c1"}, indexes=["all"])
        await asyncio.to_thread(embedded.stop)
        await asyncio.to_thread(embedded.start)

        assert await store.get_document("card", "c1") == {"id": "c1"}, "the pooled connection was not renewed"

        await asyncio.to_thread(embedded.stop)
        with pytest.raises(StoreUnavailable):
            await store.get_document("card", "c1")
        await asyncio.to_thread(embedded.start)

        assert await store.index_members("card", "all") == ["c1"]
    finally:
        await store.close()
        await asyncio.to_thread(embedded.stop)


async def test_counters_add_up_and_expire(store: Store) -> None:
    assert await store.incr_counter("rate", "U1:2026-11-26T12:00", ttl=60) == 1
    assert await store.incr_counter("rate", "U1:2026-11-26T12:00", amount=4, ttl=60) == 5
    assert await store.read_counter("rate", "U1:2026-11-26T12:00") == 5
    assert await store.read_counter("rate", "U2:2026-11-26T12:00") == 0
    ttl = await store.redis.ttl(store.prefix + "count:rate:U1%3A2026-11-26T12%3A00")
    assert 0 < ttl <= 60


async def test_tallies_sum_fields_per_key(store: Store) -> None:
    await store.add_to_tally("usage", "2026-11-26:dm", {"input_tokens": 10, "output_tokens": 5}, ttl=3600)
    await store.add_to_tally("usage", "2026-11-26:dm", {"input_tokens": 7, "cache_read_input_tokens": 100}, ttl=3600)
    await store.add_to_tally("usage", "2026-11-25:cli", {"input_tokens": 1}, ttl=3600)
    assert await store.tallies("usage") == {
        "2026-11-26:dm": {"input_tokens": 17, "output_tokens": 5, "cache_read_input_tokens": 100},
        "2026-11-25:cli": {"input_tokens": 1},
    }
    assert await store.tallies("other") == {}
