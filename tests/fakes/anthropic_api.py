"""A fake Anthropic Messages API on 127.0.0.1 (port 0), for the real ``AsyncAnthropic`` pointed at it.

    async with FakeAnthropicAPI() as fake:
        client = AsyncAnthropic(api_key=TEST_API_KEY, base_url=fake.base_url, max_retries=0)
        fake.queue_reply(Reply.tool_use("pay_band", {"level": "L5"}), "The band is 120-150k.")
        message = await client.messages.create(model="claude-x", max_tokens=100, messages=[...], tools=[...])
        [request] = fake.requests

``POST /v1/messages`` answers a Message as JSON, or as SSE events with ``"stream": true`` (``messages.stream``).
Each request is recorded as a ``RecordedRequest``. Order of checks: the key (``x-api-key`` or, as this SDK
sends it, ``Authorization: Bearer``), the ``anthropic-version`` header, an injected fault (``fail``, ``delay``,
``stall``, ``drip``, ``disconnect``, ``fail_stream``; each request consumes at most one, in the order queued),
request validation (``anthropic_prompt.validate_request``, a 400 like the real API's), then the reply: the next
queued one, else ``responder(body)``, else ``anthropic_replies.default_reply``. Usage comes from the prompt
cache simulation (``anthropic_prompt.PromptCache``). ``POST /v1/messages/count_tokens`` is answered too.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections import deque
from collections.abc import Callable
from typing import Final

from aiohttp import web

from tests.fakes.anthropic_prompt import JsonDict, PromptCache, prompt_tokens, validate_request
from tests.fakes.anthropic_records import Fault, RecordedRequest, retry_headers, take_fault
from tests.fakes.anthropic_replies import (
    ERROR_MESSAGES,
    ERROR_TYPES,
    Reply,
    Responder,
    build_message,
    default_reply,
    error_body,
    reply_problems,
    sse_bytes,
    stream_events,
)
from tests.fakes.loopback import LoopbackServer

TEST_API_KEY: Final = "sk-ant-test-hirebot"
API_KEY_PREFIX: Final = "sk-ant-"
SHUTDOWN_TIMEOUT: Final = 0.5

__all__ = ["TEST_API_KEY", "FakeAnthropicAPI", "Fault", "RecordedRequest", "Reply"]


class FakeAnthropicAPI(LoopbackServer):
    """``api_key``: the only key accepted (default: any key starting with ``sk-ant-``).

    ``min_cache_tokens``: prefixes shorter than this are not cached (the real minimum is 1024-4096 tokens by
    model; 0 here so that short test prompts cache).
    """

    def __init__(self, *, api_key: str | None = None, min_cache_tokens: int = 0) -> None:
        self.api_key = api_key
        self.requests: list[RecordedRequest] = []
        self.count_tokens_requests: list[RecordedRequest] = []
        self.replies: deque[Reply] = deque()
        self.responder: Responder | None = None
        self.faults: list[Fault] = []
        self.problems: list[str] = []
        self.cache = PromptCache(min_tokens=min_cache_tokens)
        self.in_flight = 0
        self._ids = {"msg": 0, "toolu": 0, "req": 0}
        self._waiters: list[asyncio.Future[None]] = []
        self.app = web.Application()
        self.app.router.add_post("/v1/messages", self._handle_messages)
        self.app.router.add_post("/v1/messages/count_tokens", self._handle_count_tokens)
        self.app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
        # A client that goes away cancels its handler, so a stall or drip ends with the request.
        self._runner = web.AppRunner(self.app, shutdown_timeout=SHUTDOWN_TIMEOUT, handler_cancellation=True)

    # ---- lifecycle

    # ---- scripting

    def queue_reply(self, *replies: Reply | str) -> None:
        """Queues the next replies, served in order; a str is ``Reply.text(str)``."""
        self.replies.extend(Reply.text(reply) if isinstance(reply, str) else reply for reply in replies)

    def clear_cache(self) -> None:
        self.cache.clear()

    def fail(
        self,
        status: int = 429,
        *,
        retry_after: float | None = None,
        retry_after_ms: float | None = None,
        times: int | None = 1,
        error_type: str | None = None,
        message: str | None = None,
        should_retry: bool | None = None,
        delay: float = 0.0,
    ) -> None:
        """The next ``times`` requests answer HTTP ``status`` with the API's error body (``times=None``: all).

        429 (``rate_limit_error``) sends ``retry-after: 1`` unless ``retry_after`` / ``retry_after_ms`` is
        given; 529 is ``overloaded_error``, 500 ``api_error``. The SDK honours ``retry-after-ms`` first, then
        ``retry-after``, but only when > 0 (0 means its own backoff, ~0.4-0.5 s). ``should_retry`` sends
        ``x-should-retry``, which overrides the SDK's choice. ``delay`` sleeps before answering.
        """
        if status == 429 and retry_after is None and retry_after_ms is None:
            retry_after = 1
        headers = retry_headers(retry_after, retry_after_ms, should_retry)
        error_type = error_type or ERROR_TYPES.get(status, "api_error" if status >= 500 else "invalid_request_error")
        self.faults.append(Fault("status", times, status, error_type, message, headers, seconds=delay))

    def delay(self, seconds: float, *, times: int | None = 1) -> None:
        """The next ``times`` requests are answered normally after ``seconds`` (before any header is sent)."""
        self.faults.append(Fault("delay", times, seconds=seconds))

    def stall(self, seconds: float, *, times: int | None = 1) -> None:
        """Accepts the request, sends the headers (and, streaming, ``message_start`` and ``ping``), then
        nothing for ``seconds``, then the rest of the answer."""
        self.faults.append(Fault("stall", times, seconds=seconds))

    def drip(self, interval: float, *, times: int | None = 1) -> None:
        """Streams each ``content_block_delta`` ``interval`` seconds after the previous event (one delta per
        word); a JSON answer is written in chunks at that pace. A read timeout never fires; a deadline does."""
        self.faults.append(Fault("drip", times, seconds=interval))

    def disconnect(self, *, after_events: int = 0, times: int | None = 1) -> None:
        """Drops the connection without an answer, or (streaming) after ``after_events`` SSE events."""
        self.faults.append(Fault("disconnect", times, status=0, after=after_events))

    def fail_stream(
        self, error_type: str = "overloaded_error", *, after_deltas: int = 1, message: str | None = None, times: int = 1
    ) -> None:
        """The next ``times`` streaming requests get HTTP 200, ``after_deltas`` deltas, then an ``error`` event
        (the SDK raises a plain ``APIStatusError`` with status_code 200 and does not retry)."""
        fault = Fault(
            "stream_error", times, error_type=error_type, message=message, after=after_deltas, stream_only=True
        )
        self.faults.append(fault)

    def reset(self) -> None:
        """Forgets recorded requests, queued replies, pending faults and problems (responder and cache stay)."""
        self.requests.clear()
        self.count_tokens_requests.clear()
        self.replies.clear()
        self.faults.clear()
        self.problems.clear()

    # ---- inspection

    async def wait_for(
        self,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - a test deadline, turned into an AssertionError
        *,
        ok: bool | None = None,
    ) -> list[RecordedRequest]:
        """Waits until ``count`` Messages requests are recorded and returns them.

        ``ok=None`` counts every attempt as it arrives; ``ok=True`` only requests answered in full without an
        error, ``ok=False`` only those that ended otherwise (an error, an error event, a dropped connection).
        """

        def matching() -> list[RecordedRequest]:
            settled = [r for r in self.requests if ok is None or r.finished or r.disconnected]
            return [r for r in settled if ok is None or (r.ok and r.finished) == ok]

        await self._wait_until(lambda: len(matching()) >= count, timeout, f"{count} request(s) (ok={ok})")
        return matching()

    async def wait_idle(self, timeout: float = 2.0) -> None:  # noqa: ASYNC109
        """Waits until no handler is running: every stalled or dripping answer ended or was cancelled."""
        await self._wait_until(lambda: self.in_flight == 0, timeout, "no request in flight")

    def assert_no_problems(self) -> None:
        assert not self.problems, "the real Claude could not have answered this way:\n" + "\n".join(self.problems)

    async def _wait_until(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:  # noqa: ASYNC109
        try:
            async with asyncio.timeout(timeout):
                while not predicate():
                    waiter = asyncio.get_running_loop().create_future()
                    self._waiters.append(waiter)
                    await waiter
        except TimeoutError:
            seen = ", ".join(f"{r.status}{'' if r.finished else '…'}" for r in self.requests) or "none"
            raise AssertionError(f"timed out after {timeout}s waiting for {what}; seen: {seen}") from None

    def _changed(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    # ---- request handling

    async def _handle_messages(self, request: web.Request) -> web.StreamResponse:
        call = await self._record(request, self.requests)
        self.in_flight += 1
        try:
            return await self._answer_messages(request, call)
        except (asyncio.CancelledError, ConnectionError):
            call.disconnected = True
            raise
        finally:
            self.in_flight -= 1
            self._changed()

    async def _answer_messages(self, request: web.Request, call: RecordedRequest) -> web.StreamResponse:
        if (rejection := self._check_headers(call)) is not None:
            return self._error(call, *rejection)
        fault = take_fault(self.faults, stream=call.stream)
        if fault is not None:
            call.injected = fault.kind
            if fault.kind in ("status", "delay"):
                await asyncio.sleep(fault.seconds)
            if fault.kind == "status":
                return self._error(call, fault.status, fault.error_type or "api_error", fault.message, fault.headers)
            if fault.kind == "disconnect" and not (call.stream and fault.after):
                return await self._drop(request, call)
        if (invalid := validate_request(call.body)) is not None:
            return self._error(call, 400, "invalid_request_error", invalid)
        try:
            message = await self._reply_message(call)
        except Exception as exc:  # a broken responder: the SDK must not retry it, the test must see it
            self.problems.append(f"request {len(self.requests)}: the responder raised {exc!r}")
            headers = {"x-should-retry": "false"}
            return self._error(call, 500, "api_error", f"the fake's responder raised {exc!r}", headers)
        if call.stream:
            return await self._stream(request, call, message, fault)
        return await self._json(request, call, message, fault)

    async def _handle_count_tokens(self, request: web.Request) -> web.StreamResponse:
        call = await self._record(request, self.count_tokens_requests)
        if (rejection := self._check_headers(call)) is not None:
            return self._error(call, *rejection)
        if (invalid := validate_request({"max_tokens": 1, **call.body})) is not None:
            return self._error(call, 400, "invalid_request_error", invalid)
        call.response, call.finished = {"input_tokens": prompt_tokens(call.body)}, True
        return web.json_response(call.response, headers=self._request_id())

    async def _handle_unknown(self, request: web.Request) -> web.StreamResponse:
        message = f"{request.method} {request.path} is not an endpoint of the fake Anthropic API"
        return web.json_response(error_body("not_found_error", message), status=404)

    async def _record(self, request: web.Request, into: list[RecordedRequest]) -> RecordedRequest:
        headers = {name.lower(): value for name, value in request.headers.items()}
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {"_invalid_json": raw.decode(errors="replace")}
        body = body if isinstance(body, dict) else {"_invalid_json": body}
        call = RecordedRequest(body, headers, stream=body.get("stream") is True, at=time.time(), path=request.path)
        into.append(call)
        self._changed()
        return call

    def _check_headers(self, call: RecordedRequest) -> tuple[int, str, str] | None:
        if "_invalid_json" in call.body:
            return 400, "invalid_request_error", "The request body is not valid JSON."
        key = call.headers.get("x-api-key") or call.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not key:
            return 401, "authentication_error", "x-api-key header is required"
        if not key.startswith(API_KEY_PREFIX) or (self.api_key is not None and key != self.api_key):
            return 401, "authentication_error", "invalid x-api-key"
        if "anthropic-version" not in call.headers:
            return 400, "invalid_request_error", "anthropic-version: header is required"
        return None

    async def _reply_message(self, call: RecordedRequest) -> JsonDict:
        reply: Reply | str | None = self.replies.popleft() if self.replies else None
        if reply is None and self.responder is not None:
            computed = self.responder(call.body)
            reply = await computed if inspect.isawaitable(computed) else computed
        if reply is None:
            reply = default_reply(call.body)
        call.reply = Reply.text(reply) if isinstance(reply, str) else reply
        self.problems += [f"request {len(self.requests)}: {p}" for p in reply_problems(call.reply, call.body)]
        usage = self.cache.account(call.body).as_json()
        message = build_message(
            call.reply,
            call.body,
            message_id=self._new_id("msg"),
            usage=usage,
            new_tool_id=lambda: self._new_id("toolu"),
        )
        call.response = message
        return message

    async def _json(
        self, request: web.Request, call: RecordedRequest, message: JsonDict, fault: Fault | None
    ) -> web.StreamResponse:
        payload = json.dumps(message).encode()
        response = web.StreamResponse(headers={"content-type": "application/json", **self._request_id()})
        response.content_length = len(payload)
        await response.prepare(request)
        kind, seconds = (fault.kind, fault.seconds) if fault else (None, 0.0)
        if kind == "stall":
            await asyncio.sleep(seconds)
        step = max(1, len(payload) // 8) if kind == "drip" else len(payload)
        for start in range(0, len(payload), step):
            if kind == "drip":
                await asyncio.sleep(seconds)
            await response.write(payload[start : start + step])
        await response.write_eof()
        call.finished = True
        return response

    async def _stream(
        self, request: web.Request, call: RecordedRequest, message: JsonDict, fault: Fault | None
    ) -> web.StreamResponse:
        headers = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}
        response = web.StreamResponse(headers={**headers, **self._request_id()})
        await response.prepare(request)
        kind, seconds = (fault.kind, fault.seconds) if fault else (None, 0.0)
        deltas = 0
        for sent, (event, data) in enumerate(stream_events(message)):
            if kind == "disconnect" and fault and sent == fault.after:
                return await self._drop(request, call)
            at_error = event == "message_delta" or (event == "content_block_delta" and fault and deltas == fault.after)
            if kind == "stream_error" and fault and at_error:
                error_type = fault.error_type or "overloaded_error"
                call.response = error_body(error_type, fault.message or ERROR_MESSAGES.get(error_type, error_type))
                await response.write(sse_bytes("error", call.response))
                break
            if event == "content_block_delta":
                if kind == "drip":
                    await asyncio.sleep(seconds)
                deltas += 1
            if kind == "stall" and event == "content_block_start" and data["index"] == 0:
                await asyncio.sleep(seconds)
            await response.write(sse_bytes(event, data))
        await response.write_eof()
        call.finished = True
        return response

    async def _drop(self, request: web.Request, call: RecordedRequest) -> web.StreamResponse:
        call.status = 0
        if request.transport is not None:
            request.transport.abort()
        await asyncio.Event().wait()  # the lost connection cancels this handler
        raise AssertionError("unreachable")

    def _error(
        self,
        call: RecordedRequest,
        status: int,
        error_type: str,
        message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> web.Response:
        call.status, call.finished = status, True
        call.response = error_body(error_type, message or ERROR_MESSAGES.get(error_type, error_type))
        return web.json_response(call.response, status=status, headers={**(headers or {}), **self._request_id()})

    def _request_id(self) -> dict[str, str]:
        return {"request-id": self._new_id("req")}

    def _new_id(self, prefix: str) -> str:
        self._ids[prefix] += 1
        return f"{prefix}_fake{self._ids[prefix]:06d}"
