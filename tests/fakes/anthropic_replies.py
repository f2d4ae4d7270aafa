"""Scripted answers of the fake Anthropic API, and the Message JSON, SSE events and errors they become.

    fake.queue_reply(Reply.tool_use("pay_band", {"level": "L5"}, text_before="Let me check."))
    fake.queue_reply(Reply.text("The L5 band is 120-150k."))
    fake.responder = lambda body: Reply.text("Figures: " + " ".join(tool_results(body)))

``default_reply`` is what a request gets with nothing queued and no responder: the forced tool's call (with
an input built from its schema) under ``tool_choice`` "any"/"tool", else the tool results of the last user
turn echoed back (``TOOL_RESULTS_PREFIX``), else ``DEFAULT_TEXT``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from tests.fakes.anthropic_prompt import JsonDict, block_tokens, text_of

DEFAULT_TEXT: Final = "This is a reply from the fake Claude."
TOOL_RESULTS_PREFIX: Final = "From the tools: "
JSON_DELTA_CHARS: Final = 16
ERROR_TYPES: Final = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}
ERROR_MESSAGES: Final = {
    "rate_limit_error": "This request would exceed your organization's rate limit (fake).",
    "overloaded_error": "Overloaded",
    "api_error": "Internal server error",
}


@dataclass(frozen=True)
class Reply:
    """One assistant turn: its content blocks (``tool_use`` ids may be ``None``: filled in when served)."""

    content: tuple[JsonDict, ...]
    stop_reason: str = "end_turn"

    @classmethod
    def text(cls, text: str, *, stop_reason: str = "end_turn") -> Reply:
        """A text answer; ``stop_reason="max_tokens"`` or ``"refusal"`` script those endings."""
        return cls(({"type": "text", "text": text},), stop_reason)

    @classmethod
    def tool_use(
        cls, name: str, input: Mapping[str, Any], *, text_before: str | None = None, id: str | None = None
    ) -> Reply:
        """A call of tool ``name`` (``stop_reason`` "tool_use"), optionally after some text."""
        lead = ({"type": "text", "text": text_before},) if text_before else ()
        return cls((*lead, _tool_use_block(name, input, id)), "tool_use")

    def and_tool_use(self, name: str, input: Mapping[str, Any], *, id: str | None = None) -> Reply:
        """The same turn with one more (parallel) tool call."""
        return Reply((*self.content, _tool_use_block(name, input, id)), "tool_use")

    @property
    def text_content(self) -> str:
        return text_of(list(self.content))

    @property
    def tool_calls(self) -> list[JsonDict]:
        return [block for block in self.content if block["type"] == "tool_use"]


Responder = Callable[[JsonDict], "Reply | str | Awaitable[Reply | str | None] | None"]
"""Computes the reply from the request body; ``None`` falls back to ``default_reply``, a str is a text reply."""


def _tool_use_block(name: str, input: Mapping[str, Any], tool_id: str | None) -> JsonDict:
    return {"type": "tool_use", "id": tool_id, "name": name, "input": dict(input)}


def last_user_content(body: JsonDict) -> list[JsonDict]:
    """The content blocks of the request's last user message (a string becomes one text block)."""
    for message in reversed(body.get("messages") or []):
        if message.get("role") == "user":
            content = message.get("content")
            return [{"type": "text", "text": content}] if isinstance(content, str) else list(content or [])
    return []


def last_user_text(body: JsonDict) -> str:
    return text_of([block for block in last_user_content(body) if block.get("type") == "text"])


def tool_results(body: JsonDict) -> list[str]:
    """The text of each ``tool_result`` in the last user message, in order."""
    return [text_of(block.get("content", "")) for block in last_user_content(body) if block["type"] == "tool_result"]


def tool_definitions(body: JsonDict) -> dict[str, JsonDict]:
    return {tool["name"]: tool for tool in body.get("tools") or [] if "name" in tool}


def default_reply(body: JsonDict) -> Reply:
    choice = body.get("tool_choice") or {}
    tools = [tool for tool in tool_definitions(body).values() if "input_schema" in tool]
    if choice.get("type") in ("any", "tool") and tools:
        tool = next((tool for tool in tools if tool["name"] == choice.get("name")), tools[0])
        return Reply.tool_use(tool["name"], sample_input(tool["input_schema"]))
    if results := tool_results(body):
        return Reply.text(TOOL_RESULTS_PREFIX + "\n".join(results))
    return Reply.text(DEFAULT_TEXT)


def sample_input(schema: JsonDict) -> JsonDict:
    """An input with every required property of a JSON schema, each a placeholder of its type."""
    properties = schema.get("properties") or {}
    return {name: _sample_value(properties.get(name) or {}) for name in schema.get("required") or []}


def _sample_value(schema: JsonDict) -> Any:
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    samples: dict[Any, Any] = {"integer": 1, "number": 1.0, "boolean": True, "null": None}
    if kind == "array":
        return [_sample_value(schema.get("items") or {})]
    if kind == "object":
        return sample_input(schema)
    return samples.get(kind, "example")


def reply_problems(reply: Reply, body: JsonDict) -> list[str]:
    """Ways ``reply`` could not have come from the real model for ``body`` (a scripting or app bug)."""
    tools = tool_definitions(body)
    choice = body.get("tool_choice") or {}
    called = [str(call["name"]) for call in reply.tool_calls]
    problems = [
        f"the reply calls tool {name!r}, which the request does not offer" for name in called if name not in tools
    ]
    if called and choice.get("type") == "none":
        problems.append("the reply calls a tool although tool_choice is 'none'")
    if choice.get("type") in ("any", "tool") and not called:
        problems.append(f"tool_choice {choice} forces a tool call but the reply has none")
    if choice.get("type") == "tool" and called and called[0] != choice.get("name"):
        problems.append(f"tool_choice forces {choice.get('name')!r} but the reply calls {called[0]!r}")
    return problems


def build_message(
    reply: Reply, body: JsonDict, *, message_id: str, usage: JsonDict, new_tool_id: Callable[[], str]
) -> JsonDict:
    """The Message JSON for ``reply``: tool ids filled in, text cut at a stop sequence or at ``max_tokens``."""
    content = [
        dict(block, id=block.get("id") or new_tool_id()) if block["type"] == "tool_use" else dict(block)
        for block in reply.content
    ]
    stop_reason, stop_sequence = reply.stop_reason, None
    if content and all(block["type"] == "text" for block in content):
        stop_reason, stop_sequence = _cut_text(content, body, stop_reason)
    output_tokens = sum(block_tokens(block) for block in content)
    return {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": body["model"],
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": stop_sequence,
        "usage": {**usage, "output_tokens": output_tokens, "service_tier": "standard"},
    }


def _cut_text(content: list[JsonDict], body: JsonDict, stop_reason: str) -> tuple[str, str | None]:
    text = "".join(block["text"] for block in content)
    found = [(text.index(seq), seq) for seq in body.get("stop_sequences") or [] if seq and seq in text]
    limit = body["max_tokens"] * 4
    cut, reason, sequence = len(text), stop_reason, None
    if found:
        cut, sequence = min(found)
        reason = "stop_sequence"
    if cut > limit:
        cut, reason, sequence = limit, "max_tokens", None
    if cut < len(text):
        kept = text[:cut]
        content[:] = [{"type": "text", "text": kept}]
    return reason, sequence


def stream_events(message: JsonDict) -> Iterator[tuple[str, JsonDict]]:
    """The SSE events the real API sends for ``message``: start, ping, blocks with deltas, delta, stop."""
    usage = message["usage"]
    start_usage = {**usage, "output_tokens": 1}
    yield (
        "message_start",
        {
            "type": "message_start",
            "message": {**message, "content": [], "stop_reason": None, "stop_sequence": None, "usage": start_usage},
        },
    )
    yield "ping", {"type": "ping"}
    for index, block in enumerate(message["content"]):
        if block["type"] == "text":
            start: JsonDict = {"type": "text", "text": ""}
            deltas = [{"type": "text_delta", "text": chunk} for chunk in text_chunks(block["text"])]
        elif block["type"] == "tool_use":
            start = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
            raw = json.dumps(block["input"])
            pieces = [""] + [raw[i : i + JSON_DELTA_CHARS] for i in range(0, len(raw), JSON_DELTA_CHARS)]
            deltas = [{"type": "input_json_delta", "partial_json": piece} for piece in pieces]
        else:
            start, deltas = block, []
        yield "content_block_start", {"type": "content_block_start", "index": index, "content_block": start}
        for delta in deltas:
            yield "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}
        yield "content_block_stop", {"type": "content_block_stop", "index": index}
    delta_usage = {
        key: usage[key]
        for key in ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens")
    }
    yield (
        "message_delta",
        {
            "type": "message_delta",
            "delta": {"stop_reason": message["stop_reason"], "stop_sequence": message["stop_sequence"]},
            "usage": delta_usage,
        },
    )
    yield "message_stop", {"type": "message_stop"}


def text_chunks(text: str) -> list[str]:
    """How a text streams: one delta per word, each with its leading whitespace (``"".join`` gives it back)."""
    return re.findall(r"\s*\S+\s*$|\s*\S+|\s+$", text) or ([text] if text else [])


def error_body(error_type: str, message: str) -> JsonDict:
    """The API's error JSON, as an HTTP body or the data of an SSE ``error`` event."""
    return {"type": "error", "error": {"type": error_type, "message": message}}


def sse_bytes(event: str, data: JsonDict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()
