"""The fake Anthropic API as the real ``anthropic.AsyncAnthropic`` sees it: JSON and SSE answers, tool turns,
prompt caching, errors and retries, stalls and drips cut off by deadlines."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import anthropic
import httpx2
import pytest
from anthropic import AsyncAnthropic
from anthropic.lib.streaming import AsyncMessageStreamManager

from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI
from tests.fakes.anthropic_prompt import count_tokens, prompt_tokens
from tests.fakes.anthropic_replies import DEFAULT_TEXT, TOOL_RESULTS_PREFIX, Reply, text_chunks, tool_results

MODEL = "claude-sonnet-test"
QUESTION: Any = [{"role": "user", "content": "What is the pay band for a senior engineer?"}]
QUERY: Any = {"model": MODEL, "max_tokens": 100, "messages": QUESTION}
PAY_TOOL: Any = {
    "name": "pay_band",
    "description": "Looks up the pay band of a level.",
    "input_schema": {
        "type": "object",
        "properties": {"level": {"type": "string", "enum": ["L4", "L5"]}, "remote": {"type": "boolean"}},
        "required": ["level"],
    },
}
BRIEFING = "You answer hiring questions from the guide. " * 40
CACHED_SYSTEM: Any = [
    {"type": "text", "text": "Be brief."},
    {"type": "text", "text": BRIEFING, "cache_control": {"type": "ephemeral"}},
]
LONG_TEXT = " ".join(f"word{i}" for i in range(40))


@pytest.fixture
async def fake() -> AsyncIterator[FakeAnthropicAPI]:
    async with FakeAnthropicAPI() as server:
        yield server


@pytest.fixture
async def client(fake: FakeAnthropicAPI) -> AsyncIterator[AsyncAnthropic]:
    async with AsyncAnthropic(api_key=TEST_API_KEY, base_url=fake.base_url, max_retries=0) as sdk_client:
        yield sdk_client


def client_for(fake: FakeAnthropicAPI, *, max_retries: int, **options: Any) -> AsyncAnthropic:
    return AsyncAnthropic(api_key=TEST_API_KEY, base_url=fake.base_url, max_retries=max_retries, **options)


async def read_stream(manager: AsyncMessageStreamManager[Any], *, texts: list[str], events: list[str]) -> None:
    """Reads a ``messages.stream(...)`` to its end, keeping each event type and text delta as it arrives."""
    async with manager as stream:
        async for event in stream:
            events.append(event.type)
            if event.type == "text":
                texts.append(event.text)


async def within(seconds: float, work: Awaitable[None]) -> None:
    async with asyncio.timeout(seconds):
        await work


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


async def test_a_wrong_key_is_an_authentication_error(fake: FakeAnthropicAPI) -> None:
    fake.api_key = TEST_API_KEY
    async with AsyncAnthropic(api_key="sk-ant-wrong", base_url=fake.base_url, max_retries=2) as wrong:
        with pytest.raises(anthropic.AuthenticationError) as rejected:
            await wrong.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)

    assert rejected.value.status_code == 401 and rejected.value.type == "authentication_error"
    assert [request.status for request in fake.requests] == [401]  # never retried


async def test_a_rate_limit_is_retried_after_retry_after(fake: FakeAnthropicAPI) -> None:
    fake.fail(429, retry_after_ms=50)
    fake.queue_reply("after the limit")

    async with client_for(fake, max_retries=1) as retrying:
        message = await retrying.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)

    limited, delivered = fake.requests
    assert message.content[0].text == "after the limit"  # type: ignore[union-attr]
    assert (limited.status, limited.injected, limited.response["error"]["type"]) == (429, "status", "rate_limit_error")
    assert (delivered.status, delivered.retry_count) == (200, 1)
    assert 0.05 <= delivered.at - limited.at < 1.0  # retry-after-ms, not the SDK's own 0.5 s backoff


async def test_a_rate_limit_without_retries_raises(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.fail(429, retry_after=30)

    with pytest.raises(anthropic.RateLimitError) as limited:
        await client.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)

    assert limited.value.status_code == 429 and limited.value.response.headers["retry-after"] == "30"
    assert limited.value.type == "rate_limit_error"


async def test_overloaded_and_server_errors(fake: FakeAnthropicAPI) -> None:
    fake.fail(529, should_retry=False)  # x-should-retry: false wins over max_retries
    fake.fail(500, retry_after_ms=1, times=2)

    async with client_for(fake, max_retries=2) as retrying:
        with pytest.raises(anthropic.OverloadedError) as overloaded:
            await retrying.messages.create(**QUERY)
        recovered = await retrying.messages.create(**QUERY)

    assert isinstance(overloaded.value, anthropic.InternalServerError)
    assert (overloaded.value.status_code, overloaded.value.type) == (529, "overloaded_error")
    assert recovered.stop_reason == "end_turn"
    assert [(r.status, r.retry_count) for r in fake.requests] == [(529, 0), (500, 0), (500, 1), (200, 2)]


async def test_a_rate_limited_stream_is_retried_before_it_starts(fake: FakeAnthropicAPI) -> None:
    fake.fail(429, retry_after_ms=10)

    async with client_for(fake, max_retries=1) as retrying, retrying.messages.stream(**QUERY) as stream:
        text = await stream.get_final_text()

    assert text == DEFAULT_TEXT
    assert [(r.status, r.stream) for r in await fake.wait_for(2)] == [(429, True), (200, True)]


async def test_a_broken_responder_is_a_500_the_sdk_does_not_retry(fake: FakeAnthropicAPI) -> None:
    fake.responder = lambda body: body["no such key"]

    async with client_for(fake, max_retries=2) as retrying:
        with pytest.raises(anthropic.InternalServerError, match="KeyError"):
            await retrying.messages.create(**QUERY)

    assert len(fake.requests) == 1
    with pytest.raises(AssertionError, match="the responder raised KeyError"):
        fake.assert_no_problems()


async def test_a_stall_past_the_deadline_is_cancelled_cleanly(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.stall(30)
    started = time.monotonic()

    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.5):
            await client.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)
    await fake.wait_idle(timeout=1)

    assert time.monotonic() - started < 1.0
    [stalled] = fake.requests
    assert (stalled.injected, stalled.finished, stalled.disconnected) == ("stall", False, True)
    fake.queue_reply("fine again")
    message = await client.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)
    assert message.content[0].text == "fine again"  # type: ignore[union-attr]


async def test_a_stalled_stream_is_cut_by_the_deadline(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.stall(30)
    events: list[str] = []

    with pytest.raises(TimeoutError):
        await within(0.3, read_stream(client.messages.stream(**QUERY), texts=[], events=events))
    await fake.wait_idle(timeout=1)

    assert events == ["message_start"]
    assert fake.requests[0].disconnected and not fake.requests[0].finished


async def test_a_slow_drip_is_cut_by_the_deadline(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.drip(0.06)
    fake.queue_reply(LONG_TEXT)
    received: list[str] = []

    with pytest.raises(TimeoutError):
        await within(0.3, read_stream(client.messages.stream(**QUERY), texts=received, events=[]))
    await fake.wait_idle(timeout=1)

    assert 0 < len(received) < len(text_chunks(LONG_TEXT)) and LONG_TEXT.startswith("".join(received))
    assert fake.requests[0].disconnected


async def test_a_drip_never_trips_the_clients_read_timeout(fake: FakeAnthropicAPI) -> None:
    fake.drip(0.01, times=2)
    fake.queue_reply("one two three four five six seven eight nine ten", "a JSON body written in chunks")

    async with client_for(fake, max_retries=0, timeout=0.1) as impatient:
        async with impatient.messages.stream(model=MODEL, max_tokens=100, messages=QUESTION) as stream:
            text = await stream.get_final_text()
        message = await impatient.messages.create(model=MODEL, max_tokens=100, messages=QUESTION)

    assert text.endswith("ten") and message.content[0].text == "a JSON body written in chunks"  # type: ignore[union-attr]


async def test_the_clients_read_timeout_is_retried(fake: FakeAnthropicAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("anthropic._base_client.INITIAL_RETRY_DELAY", 0.01)  # no retry-after without a response
    fake.stall(30, times=2)

    async with client_for(fake, max_retries=1, timeout=0.15) as impatient:
        with pytest.raises(anthropic.APITimeoutError):
            await impatient.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)
    await fake.wait_idle(timeout=1)

    assert [(r.retry_count, r.disconnected) for r in fake.requests] == [(0, True), (1, True)]


async def test_an_error_event_mid_stream_is_a_plain_status_error(fake: FakeAnthropicAPI) -> None:
    fake.fail_stream("overloaded_error", after_deltas=2)
    fake.queue_reply(LONG_TEXT)
    received: list[str] = []

    async with client_for(fake, max_retries=3) as retrying:
        with pytest.raises(anthropic.APIStatusError) as failed:
            await read_stream(retrying.messages.stream(**QUERY), texts=received, events=[])

    assert type(failed.value) is anthropic.APIStatusError  # not OverloadedError: the HTTP status was 200
    assert (failed.value.status_code, failed.value.type) == (200, "overloaded_error")
    assert received == text_chunks(LONG_TEXT)[:2]
    assert len(fake.requests) == 1 and not fake.requests[0].ok  # a stream is never retried once it started


async def test_a_dropped_connection(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.disconnect()
    fake.disconnect(after_events=3)

    with pytest.raises(anthropic.APIConnectionError):
        await client.messages.create(model=MODEL, max_tokens=10, messages=QUESTION)
    # Once a stream has started, the SDK no longer wraps transport errors: httpx2's own exception escapes.
    with pytest.raises(httpx2.RemoteProtocolError):
        async with client.messages.stream(model=MODEL, max_tokens=10, messages=QUESTION) as stream:
            await stream.get_final_message()
    await fake.wait_idle(timeout=1)

    assert [(r.status, r.injected, r.disconnected) for r in fake.requests] == [(0, "disconnect", True)] * 2


async def test_wait_for_and_reset(fake: FakeAnthropicAPI, client: AsyncAnthropic) -> None:
    fake.delay(0.05)
    fake.queue_reply(Reply.tool_use("unknown_tool", {}))
    task = asyncio.create_task(client.messages.create(model=MODEL, max_tokens=10, messages=QUESTION))

    [arrived] = await fake.wait_for(1)
    [answered] = await fake.wait_for(1, ok=True)
    await task

    assert arrived is answered and answered.injected == "delay" and answered.reply is not None
    with pytest.raises(AssertionError, match="does not offer"):
        fake.assert_no_problems()
    with pytest.raises(AssertionError, match="timed out"):
        await fake.wait_for(2, timeout=0.05)
    fake.reset()
    assert (fake.requests, fake.problems, list(fake.replies), fake.faults) == ([], [], [], [])
