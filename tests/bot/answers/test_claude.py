"""ClaudeAnswerer with the real AsyncAnthropic against the fake Messages API: figures only through the
calculator tools, a cached prefix, a hard deadline, and every failure turned into ClaudeUnavailable."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from anthropic import AsyncAnthropic

from bot.answers.claude import ClaudeAnswerer, ClaudeUnavailable, HistoryTurn
from knowledge.pay import PayCalculator
from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI, Reply

MODEL = "claude-test-model"


@pytest.fixture
async def fake() -> AsyncIterator[FakeAnthropicAPI]:
    async with FakeAnthropicAPI() as server:
        yield server


@pytest.fixture
async def client(fake: FakeAnthropicAPI) -> AsyncIterator[AsyncAnthropic]:
    async with AsyncAnthropic(api_key=TEST_API_KEY, base_url=fake.base_url, max_retries=1) as sdk:
        yield sdk


def answerer(client: AsyncAnthropic, deadline: float = 5.0) -> ClaudeAnswerer:
    return ClaudeAnswerer(client, MODEL, PayCalculator(), deadline=deadline)


async def test_pay_figures_come_from_the_calculator_tool(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply(Reply.tool_use("pay_band", {"role": "ml", "level": "senior", "location": "SF"}))
    streamed: list[str] = []

    async def sink(text: str) -> None:
        streamed.append(text)

    reply = await answerer(client).answer("what does a senior MLE cost in SF?", [], sink)
    assert "$308K to $460K" in reply.text  # the fake echoes tool results back as the final answer
    assert reply.tool_calls == ["pay_band"]
    first, second = fake.requests
    assert [tool["name"] for tool in first.body["tools"]] == ["pay_band", "pay_table", "guide_lookup", "pay_math"]
    result = second.body["messages"][-1]["content"][0]
    assert result["type"] == "tool_result"
    assert json.loads(result["content"])["range"].startswith("$308K to $460K")
    assert streamed and streamed[-1] == reply.text
    assert reply.usage.requests == 2


async def test_system_prefix_is_cached_and_read_back(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    claude = answerer(client)
    fake.queue_reply("AI engineers build on foundation models. Source: the guide", "Use evals. Source: the guide")
    first = await claude.answer("what does an AI engineer do?", [])
    second = await claude.answer("what makes a senior AI engineer?", [])
    system = fake.requests[0].body["system"]
    assert system[-1]["cache_control"] == {"type": "ephemeral"}
    assert "Hiring guide briefing" in system[-1]["text"]
    assert "$308K" not in json.dumps(system)  # pay figures only come through the tools
    assert first.usage.cache_creation_input_tokens > 0 and first.usage.cache_read_input_tokens == 0
    assert second.usage.cache_read_input_tokens > 0


async def test_arithmetic_figures_are_quotable_only_from_the_pay_math_tool(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    """A difference the tool computed may be quoted; the same difference worked out by the model may not."""
    fake.queue_reply(Reply.tool_use("pay_math", {"question": "how much more is staff than senior for AI engineers?"}))
    reply = await answerer(client).answer("staff vs senior AI engineer, how much more?", [])
    assert "$80K to $100K more" in reply.text  # the fake echoes the tool's result back as the answer
    assert reply.tool_calls == ["pay_math"]
    fake.queue_reply("A staff AI engineer costs $80K to $100K more than a senior one.")
    with pytest.raises(ClaudeUnavailable, match="isn't in the guide"):
        await answerer(client).answer("staff vs senior AI engineer, how much more?", [])


def test_pay_math_answers_through_the_engine_and_lists_its_figures() -> None:
    from knowledge.tools import run_tool

    content, is_error = run_tool("pay_math", {"question": "is 150k enough for a mid ai engineer?"}, PayCalculator())
    result = json.loads(content)
    assert not is_error and result["answer"].startswith("No: $150K is $30K below the band")
    assert {"$150,000", "$30,000", "$180,000", "$240,000"} <= set(result["figures"])
    content, is_error = run_tool("pay_math", {"question": "what are the red flags?"}, PayCalculator())
    assert is_error and "not a pay question" in json.loads(content)["error"]
    question = {"question": "10% above the band for a staff AI engineer in SF"}
    result = json.loads(run_tool("pay_math", question, PayCalculator())[0])
    assert result["answer"].startswith("10% above the band for a staff AI engineer in the Bay Area is $387K to $531K")
    assert {"$387,000", "$531,000", "$387,200", "$531,300"} <= set(result["figures"])  # what Claude may quote


async def test_an_invented_figure_is_refused(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("A senior ML engineer in SF costs $999K to $1,200K.")
    with pytest.raises(ClaudeUnavailable, match="isn't in the guide"):
        await answerer(client).answer("senior MLE in SF?", [])


async def test_a_real_band_for_the_wrong_role_is_refused_before_it_is_shown(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    """The tool returned the senior ML band in SF; $140K to $180K is a real band, but not one this exchange
    was given, so that sentence is never let out."""
    fake.queue_reply(
        Reply.tool_use("pay_band", {"role": "ml", "level": "senior", "location": "SF"}),
        "Good question. A senior ML engineer in SF costs $140K to $180K. More soon.",
    )
    shown: list[str] = []

    async def sink(piece: str) -> None:
        shown.append(piece)

    with pytest.raises(ClaudeUnavailable, match="isn't in the guide") as raised:
        await answerer(client).answer("what does a senior MLE cost in SF?", [], sink)
    assert shown == ["Good question. "]
    assert raised.value.usage.requests == 2  # both requests counted, though no answer came of them


@pytest.mark.parametrize(
    "figure", ["USD 950K", "\u20ac700K", "EUR 308K", "\u00a3308K", "1.2 million dollars", "350k", "$140-180K"]
)
async def test_every_way_of_writing_money_is_checked(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, figure: str
) -> None:
    fake.queue_reply(Reply.tool_use("pay_band", {"role": "ml", "level": "senior", "location": "SF"}))
    fake.queue_reply(f"The band is $308K to $460K. Some pay {figure}.")
    with pytest.raises(ClaudeUnavailable, match="isn't in the guide"):
        await answerer(client).answer("what does a senior MLE cost in SF?", [])


async def test_figures_of_the_offline_answer_may_be_quoted(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("The offline answer said $308K to $460K.")
    reply = await answerer(client).answer("senior MLE in SF?", [], allowed=frozenset({308_000, 460_000}))
    assert reply.text == "The offline answer said $308K to $460K."


@pytest.mark.parametrize(("status", "reason"), [(529, "overloaded"), (429, "rate limited"), (500, "error")])
async def test_errors_become_unavailable(
    fake: FakeAnthropicAPI, client: AsyncAnthropic, status: int, reason: str
) -> None:
    fake.fail(status=status, retry_after_ms=10 if status == 429 else None, times=None)
    with pytest.raises(ClaudeUnavailable, match=reason):
        await answerer(client).answer("what does an AI engineer do?", [])
    assert len(fake.requests) == 2  # the SDK retried once, then we gave up


async def test_a_stall_is_cut_off_at_the_deadline(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.stall(30, times=None)
    started = time.monotonic()
    with pytest.raises(ClaudeUnavailable, match="too long"):
        await answerer(client, deadline=0.6).answer("what does an AI engineer do?", [])
    assert time.monotonic() - started < 1.5


async def test_a_slow_drip_is_cut_off_at_the_deadline(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("word " * 200)
    fake.drip(0.05, times=None)
    started = time.monotonic()
    with pytest.raises(ClaudeUnavailable, match="too long"):
        await answerer(client, deadline=0.5).answer("tell me everything about AI engineers", [])
    assert time.monotonic() - started < 1.5


async def test_an_overload_inside_the_stream(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("AI engineers ship products on top of models and keep going")
    fake.fail_stream("overloaded_error", after_deltas=2)
    with pytest.raises(ClaudeUnavailable, match="overloaded"):
        await answerer(client).answer("what does an AI engineer do?", [])


async def test_a_connection_cut_mid_stream(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("AI engineers ship products on top of models and keep going")
    fake.disconnect(after_events=3)
    with pytest.raises(ClaudeUnavailable):
        await answerer(client).answer("what does an AI engineer do?", [])


async def test_history_is_sent_alternating_and_ending_before_the_question(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    fake.queue_reply("Remote from a cheaper region changes the band. Source: the guide")
    history = [
        HistoryTurn("assistant", "hello"),
        HistoryTurn("user", "senior MLE in SF?"),
        HistoryTurn("assistant", "$308K to $460K"),
        HistoryTurn("user", "dangling"),
    ]
    await answerer(client).answer("and remote?", history)
    messages: list[dict[str, Any]] = fake.requests[0].body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[-1]["content"] == "and remote?"
    fake.assert_no_problems()


def test_the_model_can_reach_no_scorecard_or_conversation() -> None:
    """Visibility rule, LLM surface: the model's only tools read the guide; nothing else is in its context."""
    from knowledge.briefing import RULES, guide_briefing
    from knowledge.tools import TOOLS, run_tool

    assert {tool["name"] for tool in TOOLS} == {"pay_band", "pay_table", "guide_lookup", "pay_math"}
    for name in ("scorecards", "debrief", "conversation_history", "read_scorecard"):
        content, is_error = run_tool(name, {"candidate": "Ada Lovelace"}, PayCalculator())
        assert is_error and "unknown tool" in content
    context = (RULES + guide_briefing()).lower()
    assert "scorecard" in RULES.lower()  # it is told it has no access
    assert "scorecard" not in guide_briefing().lower()
    assert "ada" not in context.split()


def test_tool_schemas_are_generated_from_the_input_models_and_strict() -> None:
    from knowledge.tools import TOOLS, LookupInput, PayBandInput, PayMathInput, PayTableInput, input_schema

    by_name = {tool["name"]: tool for tool in TOOLS}
    models = {"pay_band": PayBandInput, "pay_table": PayTableInput, "guide_lookup": LookupInput}
    for name, model in (models | {"pay_math": PayMathInput}).items():
        assert by_name[name]["input_schema"] == input_schema(model)
        assert by_name[name]["strict"] is True
        assert by_name[name]["input_schema"]["additionalProperties"] is False
        assert "$defs" not in json.dumps(by_name[name]["input_schema"])
    band = by_name["pay_band"]["input_schema"]
    assert band["properties"]["role"]["enum"] == ["ai", "ml", "research"] and band["required"] == ["role"]


def test_an_unknown_place_is_refused_not_given_the_us_band() -> None:
    from knowledge.tools import run_tool

    content, is_error = run_tool("pay_band", {"role": "ml", "level": "senior", "location": "the moon"}, PayCalculator())
    assert is_error and "can't place 'the moon'" in json.loads(content)["error"]
    assert "$" not in content
