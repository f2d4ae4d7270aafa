"""The Claude path's limits with the real AsyncAnthropic against the fake Messages API and a real Redis:
stops that aren't answers, a retry-after past the deadline, usage of failed exchanges, the budget race."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from anthropic import AsyncAnthropic

from bot.answers.claude import ClaudeAnswerer, ClaudeUnavailable
from bot.answers.history import History
from bot.answers.service import AnswerService
from bot.answers.usage import EXCHANGE_RESERVATION, LlmLimits, usage_rows
from bot.store.answers import AnswerRecords
from bot.store.redis_store import Store
from knowledge.engine import AnswerEngine
from knowledge.pay import PayCalculator
from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI, Reply

MODEL = "claude-sonnet-5-5"
QUESTION = "what interview questions should I ask an ML engineer?"  # not a plain pay question: goes to the model


@pytest.fixture
async def fake() -> AsyncIterator[FakeAnthropicAPI]:
    async with FakeAnthropicAPI() as server:
        yield server


@pytest.fixture
async def client(fake: FakeAnthropicAPI) -> AsyncIterator[AsyncAnthropic]:
    async with AsyncAnthropic(api_key=TEST_API_KEY, base_url=fake.base_url, max_retries=2) as sdk:
        yield sdk


def service(client: AsyncAnthropic, store: Store, *, budget: int = 2_000_000, per_minute: int = 6) -> AnswerService:
    engine = AnswerEngine()
    claude = ClaudeAnswerer(client, MODEL, engine.calculator, deadline=3.0)
    limits = LlmLimits(store, per_user_per_minute=per_minute, daily_token_budget=budget)
    return AnswerService(History(store), engine, AnswerRecords(store), claude=claude, limits=limits)


@pytest.mark.parametrize(("stop", "reason"), [("max_tokens", "ran out of room"), ("refusal", "declined")])
async def test_a_max_tokens_or_refusal_stop_is_never_the_answer(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, stop: str, reason: str
) -> None:
    fake.queue_reply(Reply.text("Hire an AI engineer first. That is because your RAG prod", stop_reason=stop))
    shown: list[str] = []

    async def sink(piece: str) -> None:
        shown.append(piece)

    with pytest.raises(ClaudeUnavailable, match=reason):
        await ClaudeAnswerer(client, MODEL, PayCalculator()).answer(QUESTION, [], sink)
    assert "RAG prod" not in "".join(shown)  # the unfinished piece waits for the stop reason, and never comes


async def test_the_output_settings_come_from_the_model_table(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("Evals first. Source: the guide")
    await ClaudeAnswerer(client, MODEL, PayCalculator()).answer(QUESTION, [])
    [request] = fake.requests
    assert request.body["max_tokens"] == 8_000
    assert request.body["thinking"] == {"type": "adaptive", "display": "omitted"}
    assert request.body["output_config"] == {"effort": "low"}


async def test_a_retry_after_past_the_deadline_is_not_waited_for(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    fake.fail(429, retry_after=30, times=None)
    started = time.monotonic()
    with pytest.raises(ClaudeUnavailable, match="rate limited") as raised:
        await ClaudeAnswerer(client, MODEL, PayCalculator(), deadline=5.0).answer(QUESTION, [])
    assert time.monotonic() - started < 1.0
    assert len(fake.requests) == 1  # no retry: the SDK's own retries are off too
    assert raised.value.usage.requests == 1


async def test_a_short_retry_after_is_retried_within_the_deadline(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    fake.fail(429, retry_after_ms=50)
    fake.queue_reply("Evals first. Source: the guide")
    reply = await ClaudeAnswerer(client, MODEL, PayCalculator(), deadline=5.0).answer(QUESTION, [])
    assert reply.text.startswith("Evals first") and len(fake.requests) == 2
    assert reply.usage.requests == 2


async def test_usage_is_recorded_for_a_failed_exchange(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, store: Store
) -> None:
    fake.queue_reply("Ask about a training run. Expect to pay $999K.")
    reply = await service(client, store).reply("T1:D1", QUESTION, user_id="U1", feature="dm", keep=False)
    assert reply.engine == "offline" and "isn't in the guide" in (reply.note or "")
    [row] = await usage_rows(store)
    assert row.requests == 1 and row.input_tokens > 0 and row.output_tokens > 0
    assert row.cost_usd is not None and row.cost_usd > 0


async def test_two_asks_racing_for_the_last_of_the_budget(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, store: Store
) -> None:
    """The budget holds exactly one exchange's reservation: one ask gets Claude, the other the guide."""
    answers = service(client, store, budget=EXCHANGE_RESERVATION)
    fake.queue_reply("Evals first. Source: the guide", "Evals first. Source: the guide")
    replies = await asyncio.gather(
        answers.reply("T1:D1", QUESTION, user_id="U1", feature="dm", keep=False),
        answers.reply("T1:D2", QUESTION, user_id="U2", feature="dm", keep=False),
    )
    assert sorted(reply.engine for reply in replies) == ["claude", "offline"]
    [refused] = [reply for reply in replies if reply.engine == "offline"]
    assert "budget is used up" in (refused.note or "")
    assert len(fake.requests) == 1


async def test_the_per_user_limit_is_a_sliding_window(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, store: Store
) -> None:
    limits = LlmLimits(store, per_user_per_minute=2, daily_token_budget=2_000_000)
    assert not isinstance(await limits.reserve("U1"), str)
    assert not isinstance(await limits.reserve("U1"), str)
    assert await limits.reserve("U1") == "you've asked a lot in the last minute"
    assert not isinstance(await limits.reserve("U2"), str)  # per user
    no_budget = LlmLimits(store, per_user_per_minute=2, daily_token_budget=0)
    assert await no_budget.reserve("U3") == "today's Claude budget is used up"
    window = await store.redis.zrange(limits._window_key("U1"), 0, -1, withscores=True)
    assert len(window) == 2  # each ask kept with its own time: they leave the window one by one


async def test_a_tool_that_breaks_is_reported_as_a_tool_error(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> tuple[str, bool]:
        raise KeyError("band")

    monkeypatch.setattr("bot.answers.claude.run_tool", broken)
    fake.queue_reply(Reply.tool_use("pay_table", {}))
    with pytest.raises(ClaudeUnavailable, match="pay tool failed") as raised:
        await ClaudeAnswerer(client, MODEL, PayCalculator()).answer(QUESTION, [])
    assert raised.value.kind == "tool" and raised.value.usage.requests == 1
