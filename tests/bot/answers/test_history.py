"""History: follow-ups resolve through history kept in a real Redis, and a lost store costs only context."""

from __future__ import annotations

import logging

import pytest

from bot.answers.history import History
from bot.answers.service import AnswerService
from bot.store.answers import AnswerRecords
from bot.store.redis_store import Store, StoreUnavailable, Turn, connect_redis
from bot.store.unavailable import UnavailableStore
from knowledge.engine import AnswerEngine
from knowledge.query import Answer
from knowledge.understanding import Topic


async def ask(history: History, conversation: str, question: str) -> Answer:
    """The offline answer through the shared answer path, as the CLI and Slack get it."""
    service = AnswerService(history, AnswerEngine(), AnswerRecords(history.store))
    reply = await service.reply(conversation, question, user_id="U1", feature="test", keep=False)
    return reply.offline


async def test_follow_up_uses_the_previous_turn(store: Store) -> None:
    history = History(store)
    first = await ask(history, "T1:D1", "senior AI engineer pay")
    second = await ask(history, "T1:D1", "and in NYC?")
    assert "$240K to $320K" in first.text.splitlines()[0]
    assert "$264K to $368K" in second.text.splitlines()[0]
    turns = await store.recent_turns("T1:D1")
    assert [turn.role for turn in turns] == ["user", "assistant", "user", "assistant"]
    assert turns[-1].data["query"]["location"]["place"] == "high-cost"


async def test_history_do_not_share_context(store: Store) -> None:
    history = History(store)
    await ask(history, "T1:D1", "senior AI engineer pay")
    other = await ask(history, "T1:D2", "and in NYC?")
    assert other.topic is Topic.UNKNOWN
    assert "$" not in other.text


async def test_reset_forgets(store: Store) -> None:
    history = History(store)
    await ask(history, "c", "senior ML engineer salary")
    await history.reset("c")
    assert await store.recent_turns("c") == []
    assert (await ask(history, "c", "and in SF?")).topic is Topic.UNKNOWN


async def test_unreadable_history_is_ignored(store: Store) -> None:
    await store.append_turn("c", Turn(role="assistant", text="old", data={"query": {"topic": "no-such-topic"}}))
    answer = await ask(History(store), "c", "and in SF?")
    assert answer.topic is Topic.UNKNOWN


async def test_without_a_store_it_still_answers() -> None:
    history = History(UnavailableStore("Redis is off"))
    answer = await ask(history, "c", "how much is a senior ML engineer in SF?")
    assert "$308K to $460K" in answer.text
    assert history.lost


async def test_store_failing_mid_conversation_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    dead = Store(connect_redis("redis://127.0.0.1:1/0"))
    history = History(dead)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            answer = await ask(history, "c", "senior ML engineer in SF")
            assert "$308K to $460K" in answer.text
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "answering without conversation history" in warnings[0].getMessage()
    assert warnings[0].exc_info is None
    assert history.lost
    with pytest.raises(StoreUnavailable):
        await dead.ping()
