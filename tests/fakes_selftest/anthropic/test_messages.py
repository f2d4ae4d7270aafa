"""The fake Anthropic API as the real ``anthropic.AsyncAnthropic`` sees it: JSON and SSE answers, tool turns and
prompt caching. Errors, retries, stalls and drips are in ``test_failures``."""

from __future__ import annotations

from typing import Any

import anthropic
import pytest
from anthropic import AsyncAnthropic

from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI
from tests.fakes.anthropic_prompt import count_tokens, prompt_tokens
from tests.fakes.anthropic_replies import DEFAULT_TEXT, TOOL_RESULTS_PREFIX, Reply, text_chunks, tool_results
from tests.fakes_selftest.anthropic.client import (
    BRIEFING,
    CACHED_SYSTEM,
    LONG_TEXT,
    MODEL,
    PAY_TOOL,
    QUESTION,
)


async def test_a_text_reply_as_json(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply(Reply.text("Senior engineers are L5."))

    message = await client.messages.create(model=MODEL, max_tokens=100, messages=QUESTION)

    [request] = fake.requests
    assert message.content[0].type == "text" and message.content[0].text == "Senior engineers are L5."
    assert (message.role, message.model, message.stop_reason, message.id) == (
        "assistant",
        MODEL,
        "end_turn",
        "msg_fake000001",
    )
    assert message.usage.input_tokens == prompt_tokens(request.body) == count_tokens(QUESTION[0]["content"])
    assert message.usage.output_tokens == count_tokens("Senior engineers are L5.")
    assert (message.usage.cache_creation_input_tokens, message.usage.cache_read_input_tokens) == (0, 0)
    assert request.headers["authorization"] == f"Bearer {TEST_API_KEY}"  # this SDK sends no x-api-key
    assert "anthropic-version" in request.headers
    assert (request.stream, request.status, request.ok, request.finished, request.retry_count) == (
        False,
        200,
        True,
        True,
        0,
    )
    assert request.body["messages"] == QUESTION and request.body["max_tokens"] == 100


async def test_a_text_reply_streamed(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply("The L5 band is wide, and it depends on the location.")

    async with client.messages.stream(model=MODEL, max_tokens=100, messages=QUESTION) as stream:
        chunks = [chunk async for chunk in stream.text_stream]
        final = await stream.get_final_message()

    assert chunks == text_chunks("The L5 band is wide, and it depends on the location.") and len(chunks) == 11
    assert "".join(chunks) == final.content[0].text  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn"
    assert final.usage.input_tokens == fake.requests[0].usage["input_tokens"] > 0
    assert final.usage.output_tokens == count_tokens("".join(chunks))
    assert fake.requests[0].stream and fake.requests[0].finished


async def test_raw_sse_events_follow_the_api_order(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply(Reply.tool_use("pay_band", {"level": "L5"}, text_before="Checking."))

    stream = await client.messages.create(model=MODEL, max_tokens=100, messages=QUESTION, tools=[PAY_TOOL], stream=True)
    events = [event async for event in stream]

    assert [event.type for event in events] == [
        "message_start",
        "content_block_start", "content_block_delta", "content_block_stop",
        "content_block_start", *["content_block_delta"] * 2, "content_block_stop",
        "message_delta", "message_stop",
    ]  # fmt: skip
    assert events[-2].delta.stop_reason == "tool_use"  # type: ignore[union-attr]


async def test_a_tool_turn_then_the_tool_result_turn(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply(Reply.tool_use("pay_band", {"level": "L5"}, text_before="Let me look that up."))

    first = await client.messages.create(model=MODEL, max_tokens=200, messages=QUESTION, tools=[PAY_TOOL])
    call = first.content[-1]
    assert first.stop_reason == "tool_use" and call.type == "tool_use"
    assert (call.name, call.input, call.id) == ("pay_band", {"level": "L5"}, "toolu_fake000001")
    follow_up: Any = [
        *QUESTION,
        {"role": "assistant", "content": [block.model_dump() for block in first.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "L5: 140-175k"}]},
    ]
    second = await client.messages.create(model=MODEL, max_tokens=200, messages=follow_up, tools=[PAY_TOOL])

    # Nothing queued: the default answer echoes the tool results, so figures in it come from the tools.
    assert second.content[0].text == TOOL_RESULTS_PREFIX + "L5: 140-175k"  # type: ignore[union-attr]
    assert second.stop_reason == "end_turn"
    assert tool_results(fake.requests[1].body) == ["L5: 140-175k"]
    fake.assert_no_problems()


async def test_a_streamed_tool_call_parses_its_input(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    tool_input = {"level": "L5", "remote": True, "note": "x" * 40}
    fake.queue_reply(Reply.tool_use("pay_band", tool_input).and_tool_use("pay_band", {"level": "L4"}))

    async with client.messages.stream(model=MODEL, max_tokens=200, messages=QUESTION, tools=[PAY_TOOL]) as stream:
        final = await stream.get_final_message()

    assert [(block.type, getattr(block, "input", None)) for block in final.content] == [
        ("tool_use", tool_input),
        ("tool_use", {"level": "L4"}),
    ]
    assert final.stop_reason == "tool_use"


async def test_a_responder_computes_replies_and_the_default_covers_the_rest(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    fake.responder = lambda body: f"You asked: {body['messages'][-1]['content']}" if body["max_tokens"] == 7 else None
    fake.queue_reply("queued first")

    queued = await client.messages.create(model=MODEL, max_tokens=7, messages=QUESTION)
    computed = await client.messages.create(model=MODEL, max_tokens=7, messages=[{"role": "user", "content": "Hi"}])
    fallback = await client.messages.create(model=MODEL, max_tokens=50, messages=QUESTION, tools=[PAY_TOOL])
    forced = await client.messages.create(
        model=MODEL, max_tokens=50, messages=QUESTION, tools=[PAY_TOOL], tool_choice={"type": "any"}
    )

    texts = [message.content[0].text for message in (queued, computed, fallback)]  # type: ignore[union-attr]
    assert texts == ["queued first", "You asked: Hi", DEFAULT_TEXT]
    assert forced.content[0].type == "tool_use" and forced.content[0].input == {"level": "L4"}


async def test_long_text_stops_at_max_tokens(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.queue_reply(LONG_TEXT)

    message = await client.messages.create(model=MODEL, max_tokens=5, messages=QUESTION)

    assert message.stop_reason == "max_tokens"
    assert message.content[0].text == LONG_TEXT[:20]  # type: ignore[union-attr]


async def test_the_second_request_over_a_cached_prefix_reads_it(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    prefix = count_tokens("Be brief.") + count_tokens(BRIEFING)
    question_tokens = count_tokens(QUESTION[0]["content"])

    first = await client.messages.create(model=MODEL, max_tokens=50, system=CACHED_SYSTEM, messages=QUESTION)
    second = await client.messages.create(model=MODEL, max_tokens=50, system=CACHED_SYSTEM, messages=QUESTION)
    other_model = await client.messages.create(
        model="claude-haiku-test", max_tokens=50, system=CACHED_SYSTEM, messages=QUESTION
    )
    fake.clear_cache()
    async with client.messages.stream(model=MODEL, max_tokens=50, system=CACHED_SYSTEM, messages=QUESTION) as stream:
        after_clear = await stream.get_final_message()

    usage = [(m.usage.cache_creation_input_tokens, m.usage.cache_read_input_tokens, m.usage.input_tokens)
             for m in (first, second, other_model, after_clear)]  # fmt: skip
    assert usage == [(prefix, 0, question_tokens), (0, prefix, question_tokens), (prefix, 0, question_tokens),
                     (prefix, 0, question_tokens)]  # fmt: skip
    assert first.usage.cache_creation is not None and first.usage.cache_creation.ephemeral_5m_input_tokens == prefix


async def test_a_growing_conversation_reads_the_earlier_turns_from_cache(
    fake: FakeAnthropicAPI, client: AsyncAnthropic
) -> None:
    tools: Any = [{**PAY_TOOL, "cache_control": {"type": "ephemeral", "ttl": "1h"}}]
    mark = {"cache_control": {"type": "ephemeral"}}
    turn1: Any = [{"role": "user", "content": [{"type": "text", "text": "First question, long enough.", **mark}]}]
    turn2: Any = [
        {"role": "user", "content": [{"type": "text", "text": "First question, long enough."}]},
        {"role": "assistant", "content": "An answer."},
        {"role": "user", "content": [{"type": "text", "text": "And the second?", **mark}]},
    ]

    first = await client.messages.create(model=MODEL, max_tokens=50, tools=tools, messages=turn1)
    second = await client.messages.create(model=MODEL, max_tokens=50, tools=tools, messages=turn2)

    assert first.usage.cache_read_input_tokens == 0
    assert first.usage.cache_creation_input_tokens == prompt_tokens(fake.requests[0].body)
    assert first.usage.cache_creation and first.usage.cache_creation.ephemeral_1h_input_tokens > 0
    assert second.usage.cache_read_input_tokens == prompt_tokens(fake.requests[0].body)  # found by looking back
    assert second.usage.cache_creation_input_tokens == count_tokens("An answer.") + count_tokens("And the second?")
    assert second.usage.input_tokens == 0


async def test_invalid_requests_get_the_apis_400(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    dangling: Any = [
        *QUESTION,
        {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "pay_band", "input": {}}]},
        {"role": "user", "content": "Well?"},
    ]
    with pytest.raises(anthropic.BadRequestError) as invalid:
        await client.messages.create(model=MODEL, max_tokens=50, messages=dangling, tools=[PAY_TOOL])

    assert invalid.value.status_code == 400 and invalid.value.type == "invalid_request_error"
    assert "`tool_use` ids were found without `tool_result` blocks" in str(invalid.value.api_message)
    assert fake.requests[0].status == 400


async def test_count_tokens(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    counted = await client.messages.count_tokens(model=MODEL, messages=QUESTION, system=CACHED_SYSTEM)

    assert counted.input_tokens == prompt_tokens({"messages": QUESTION, "system": CACHED_SYSTEM})
    assert len(fake.count_tokens_requests) == 1 and not fake.requests
