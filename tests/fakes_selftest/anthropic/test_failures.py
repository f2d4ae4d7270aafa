"""The fake Anthropic API's failures as the real ``anthropic.AsyncAnthropic`` sees them: errors and retries, and
stalls and drips cut off by deadlines."""

from __future__ import annotations

import asyncio
import time

import anthropic
import httpx2
import pytest
from anthropic import AsyncAnthropic

from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI
from tests.fakes.anthropic_replies import DEFAULT_TEXT, Reply, text_chunks
from tests.fakes_selftest.anthropic.client import (
    LONG_TEXT,
    MODEL,
    QUERY,
    QUESTION,
    client_for,
    read_stream,
    within,
)


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
