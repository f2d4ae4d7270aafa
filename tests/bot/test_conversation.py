"""Conversations: follow-ups resolve through history kept in a real Redis, and a lost store costs only context."""

from __future__ import annotations

import logging

import pytest

from bot.answers import AnswerService
from bot.conversation import Conversations
from bot.store import Store, StoreUnavailable, Turn, connect_redis
from knowledge.engine import AnswerEngine
from knowledge.query import Answer
from knowledge.understanding import Topic


async def ask(conversations: Conversations, conversation: str, question: str) -> Answer:
    """The offline answer through the shared answer path, as the CLI and Slack get it."""
    reply = await AnswerService(conversations).reply(conversation, question, user_id="U1", feature="test", keep=False)
    return reply.offline


async def test_follow_up_uses_the_previous_turn(store: Store) -> None:
    conversations = Conversations(AnswerEngine(), store)
    first = await ask(conversations, "T1:D1", "senior AI engineer pay")
    second = await ask(conversations, "T1:D1", "and in NYC?")
    assert "$240K to $320K" in first.text.splitlines()[0]
    assert "$264K to $368K" in second.text.splitlines()[0]
    turns = await store.recent_turns("T1:D1")
    assert [turn.role for turn in turns] == ["user", "assistant", "user", "assistant"]
    assert turns[-1].data["query"]["location"]["place"] == "high-cost"


async def test_conversations_do_not_share_context(store: Store) -> None:
    conversations = Conversations(AnswerEngine(), store)
    await ask(conversations, "T1:D1", "senior AI engineer pay")
    other = await ask(conversations, "T1:D2", "and in NYC?")
    assert other.topic is Topic.UNKNOWN
    assert "$" not in other.text


async def test_reset_forgets(store: Store) -> None:
    conversations = Conversations(AnswerEngine(), store)
    await ask(conversations, "c", "senior ML engineer salary")
    await conversations.reset("c")
    assert await store.recent_turns("c") == []
    assert (await ask(conversations, "c", "and in SF?")).topic is Topic.UNKNOWN


async def test_unreadable_history_is_ignored(store: Store) -> None:
    await store.append_turn("c", Turn(role="assistant", text="old", data={"query": {"topic": "no-such-topic"}}))
    answer = await ask(Conversations(AnswerEngine(), store), "c", "and in SF?")
    assert answer.topic is Topic.UNKNOWN


async def test_without_a_store_it_still_answers() -> None:
    conversations = Conversations(AnswerEngine(), None)
    answer = await ask(conversations, "c", "how much is a senior ML engineer in SF?")
    assert "$308K to $460K" in answer.text
    assert conversations.history_lost


async def test_store_failing_mid_conversation_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    dead = Store(connect_redis("redis://127.0.0.1:1/0"))
    conversations = Conversations(AnswerEngine(), dead)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            answer = await ask(conversations, "c", "senior ML engineer in SF")
            assert "$308K to $460K" in answer.text
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "answering without conversation history" in warnings[0].getMessage()
    assert warnings[0].exc_info is None
    assert conversations.history_lost
    with pytest.raises(StoreUnavailable):
        await dead.ping()
