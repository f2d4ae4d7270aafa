"""Records of the fake Anthropic API: each request it received, and the faults queued for the next ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tests.fakes.anthropic_prompt import JsonDict
from tests.fakes.anthropic_replies import Reply

FaultKind = Literal["status", "delay", "stall", "drip", "disconnect", "stream_error"]


@dataclass
class RecordedRequest:
    """One request the fake received and what it answered.

    ``headers`` have lower-case names. ``at`` is the arrival time (``time.time()``). ``status`` is 0 for an
    injected disconnect. ``response`` is the Message JSON (the final one, for a stream) or the error body.
    ``finished``: the whole answer was written; ``disconnected``: the client went away before that.
    """

    body: JsonDict
    headers: dict[str, str]
    stream: bool
    at: float
    status: int = 200
    path: str = "/v1/messages"
    response: JsonDict = field(default_factory=dict)
    reply: Reply | None = None
    injected: FaultKind | None = None
    finished: bool = False
    disconnected: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.response.get("type") != "error"

    @property
    def usage(self) -> JsonDict:
        usage: JsonDict = self.response.get("usage", {})
        return usage

    @property
    def retry_count(self) -> int:
        """The SDK's ``x-stainless-retry-count``: 0 for a first attempt, 1 for its first retry..."""
        return int(self.headers.get("x-stainless-retry-count", "0"))


@dataclass
class Fault:
    """An injected fault, consumed by the next ``remaining`` requests (``None``: every request until reset)."""

    kind: FaultKind
    remaining: int | None = 1
    status: int = 200
    error_type: str | None = None
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    after: int = 0
    stream_only: bool = False


def take_fault(faults: list[Fault], *, stream: bool) -> Fault | None:
    """The first queued fault that applies to this request, used up once more."""
    for fault in faults:
        if fault.stream_only and not stream:
            continue
        if fault.remaining is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                faults.remove(fault)
        return fault
    return None


def retry_headers(retry_after: float | None, retry_after_ms: float | None, should_retry: bool | None) -> dict[str, str]:
    headers = {}
    if retry_after is not None:
        headers["retry-after"] = _number(retry_after)
    if retry_after_ms is not None:
        headers["retry-after-ms"] = _number(retry_after_ms)
    if should_retry is not None:
        headers["x-should-retry"] = "true" if should_retry else "false"
    return headers


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
