"""What the fake Anthropic API works out from a Messages request: token estimates, prompt caching, validation.

Tokens are estimated per content block as ``max(1, len(text) // 4)`` (``count_tokens``), with no hidden
overhead, so ``input_tokens + cache_creation_input_tokens + cache_read_input_tokens == prompt_tokens(body)``.

Prompt caching follows Anthropic's rules: the prompt is tools, then system, then messages; each block marked
``cache_control`` (at most 4, plus a top-level ``cache_control`` that marks the last block) ends a cacheable
prefix. A request reads the longest prefix an earlier request wrote, looking back up to 20 blocks before each
breakpoint, and writes the rest up to its last breakpoint. Entries are per model and live for their ``ttl``
("5m" or "1h"), refreshed on each read; prefixes under ``min_tokens`` are not cached at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

JsonDict = dict[str, Any]

LOOKBACK_BLOCKS: Final = 20
MAX_CACHE_BREAKPOINTS: Final = 4
TTL_SECONDS: Final = {"5m": 300.0, "1h": 3600.0}
IMAGE_TOKENS: Final = 1000
TOOL_NAME: Final = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
TOOL_CHOICE_TYPES: Final = frozenset({"auto", "any", "tool", "none"})


def count_tokens(text: str) -> int:
    """The fake's token estimate for a piece of text: a quarter of its length, at least 1."""
    return max(1, len(text) // 4)


def text_of(content: Any) -> str:
    """The text of a message's ``content`` or a ``tool_result``'s content: a string or a list of blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(block.get("text", "")) for block in content if isinstance(block, dict))
    return ""


def block_tokens(block: JsonDict) -> int:
    kind = block.get("type")
    if kind == "text" or "text" in block:
        return count_tokens(str(block.get("text", "")))
    if kind == "tool_use":
        return count_tokens(str(block.get("name", "")) + _canonical(block.get("input", {})))
    if kind == "tool_result":
        return count_tokens(text_of(block.get("content", "")))
    if kind in ("image", "document"):
        return IMAGE_TOKENS
    if "input_schema" in block or "name" in block:  # a tool definition
        return count_tokens(_canonical({k: v for k, v in block.items() if k != "cache_control"}))
    return count_tokens(_canonical(block))


def prompt_blocks(body: JsonDict) -> list[JsonDict]:
    """The request's prompt as Anthropic caches it: tool definitions, system blocks, then message blocks."""
    blocks: list[JsonDict] = [tool for tool in body.get("tools") or [] if isinstance(tool, dict)]
    system = body.get("system")
    if isinstance(system, str) and system:
        blocks.append({"type": "text", "text": system})
    elif isinstance(system, list):
        blocks += [block for block in system if isinstance(block, dict)]
    for message in body.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            blocks.append({"type": "text", "text": content})
        elif isinstance(content, list):
            blocks += [block for block in content if isinstance(block, dict)]
    return blocks


def prompt_tokens(body: JsonDict) -> int:
    """All input tokens of a request, cached or not (what ``/v1/messages/count_tokens`` answers)."""
    return sum(block_tokens(block) for block in prompt_blocks(body))


@dataclass(frozen=True)
class CacheUsage:
    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    ephemeral_5m_input_tokens: int = 0
    ephemeral_1h_input_tokens: int = 0

    def as_json(self) -> JsonDict:
        return {
            "input_tokens": self.input_tokens,
            "cache_creation_input_tokens": self.cache_creation_input_tokens,
            "cache_read_input_tokens": self.cache_read_input_tokens,
            "cache_creation": {
                "ephemeral_5m_input_tokens": self.ephemeral_5m_input_tokens,
                "ephemeral_1h_input_tokens": self.ephemeral_1h_input_tokens,
            },
        }


class PromptCache:
    """The prompt cache of one fake. ``clock`` (seconds, monotonic) can be replaced to test expiry."""

    def __init__(self, *, min_tokens: int = 0, clock: Callable[[], float] = time.monotonic) -> None:
        self.min_tokens = min_tokens
        self.clock = clock
        self.entries: dict[str, tuple[float, float]] = {}
        """Prefix hash -> (expiry, ttl in seconds)."""

    def clear(self) -> None:
        self.entries.clear()

    def account(self, body: JsonDict) -> CacheUsage:
        """Usage for ``body``, reading and writing the cache as the real API would."""
        blocks = prompt_blocks(body)
        tokens = [block_tokens(block) for block in blocks]
        total = sum(tokens)
        breakpoints = _breakpoints(body, blocks)
        if not breakpoints:
            return CacheUsage(total, 0, 0)
        now = self.clock()
        self.entries = {key: entry for key, entry in self.entries.items() if entry[0] > now}
        hashes = _prefix_hashes(str(body.get("model")), blocks)
        upto = [sum(tokens[: i + 1]) for i in range(len(tokens))]
        last = breakpoints[-1][0]
        if upto[last] < self.min_tokens:
            return CacheUsage(total, 0, 0)
        read_at = max(
            (
                j
                for index, _ in breakpoints
                for j in range(max(0, index - LOOKBACK_BLOCKS + 1), index + 1)
                if hashes[j] in self.entries
            ),
            default=-1,
        )
        read = upto[read_at] if read_at >= 0 else 0
        written = {"5m": 0, "1h": 0}
        previous = read_at
        for index, ttl in breakpoints:
            if index > previous:
                written[ttl] += upto[index] - (upto[previous] if previous >= 0 else 0)
                previous = index
            if upto[index] >= self.min_tokens:
                seconds = max(TTL_SECONDS[ttl], self.entries.get(hashes[index], (0.0, 0.0))[1])
                self.entries[hashes[index]] = (now + seconds, seconds)
        if read_at >= 0:  # a read refreshes the entry for its own ttl
            _, seconds = self.entries[hashes[read_at]]
            self.entries[hashes[read_at]] = (now + seconds, seconds)
        creation = written["5m"] + written["1h"]
        return CacheUsage(total - read - creation, creation, read, written["5m"], written["1h"])


def _breakpoints(body: JsonDict, blocks: list[JsonDict]) -> list[tuple[int, str]]:
    marks = [(i, _ttl(block["cache_control"])) for i, block in enumerate(blocks) if block.get("cache_control")]
    automatic = body.get("cache_control")
    if isinstance(automatic, dict) and blocks and all(i != len(blocks) - 1 for i, _ in marks):
        marks.append((len(blocks) - 1, _ttl(automatic)))
    return marks


def _ttl(cache_control: Any) -> str:
    ttl = cache_control.get("ttl", "5m") if isinstance(cache_control, dict) else "5m"
    return ttl if ttl in TTL_SECONDS else "5m"


def _prefix_hashes(model: str, blocks: list[JsonDict]) -> list[str]:
    digest = hashlib.sha256(model.encode())
    hashes = []
    for block in blocks:
        # Fields left None (the SDK's model_dump() of a reply adds some) do not change what is cached.
        digest.update(_canonical({k: v for k, v in block.items() if k != "cache_control" and v is not None}).encode())
        hashes.append(digest.copy().hexdigest())
    return hashes


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def validate_request(body: JsonDict) -> str | None:
    """The ``invalid_request_error`` message the real API would answer for ``body``, or ``None``."""
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "model: Field required"
    max_tokens = body.get("max_tokens")
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        return "max_tokens: Field required and must be at least 1"
    if "stream" in body and not isinstance(body["stream"], bool):
        return "stream: Input should be a valid boolean"
    system = body.get("system")
    if system is not None and not isinstance(system, str | list):
        return "system: Input should be a string or a list of text blocks"
    if isinstance(system, list) and any(not isinstance(b, dict) or b.get("type") != "text" for b in system):
        return "system: Input should be a string or a list of text blocks"
    tool_names, problem = _check_tools(body.get("tools"))
    if problem:
        return problem
    if problem := _check_tool_choice(body.get("tool_choice"), tool_names):
        return problem
    if problem := _check_messages(body.get("messages")):
        return problem
    blocks = prompt_blocks(body)
    marks = [block["cache_control"] for block in blocks if block.get("cache_control")] + [body.get("cache_control")]
    if any(mark is not None and (not isinstance(mark, dict) or mark.get("type") != "ephemeral") for mark in marks):
        return "cache_control.type: Input should be 'ephemeral'"
    if (found := len(_breakpoints(body, blocks))) > MAX_CACHE_BREAKPOINTS:
        return f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found {found}."
    return None


def _check_tools(tools: Any) -> tuple[set[str], str | None]:
    if tools is None:
        return set(), None
    if not isinstance(tools, list):
        return set(), "tools: Input should be a valid list"
    names: set[str] = set()
    for i, tool in enumerate(tools):
        name = tool.get("name") if isinstance(tool, dict) else None
        if not isinstance(name, str) or not TOOL_NAME.match(name):
            return names, f"tools.{i}.name: String should match pattern '{TOOL_NAME.pattern}'"
        if name in names:
            return names, "tools: Tool names must be unique."
        names.add(name)
        server_tool = tool.get("type") not in (None, "custom")
        schema = tool.get("input_schema")
        if not server_tool and (not isinstance(schema, dict) or schema.get("type") != "object"):
            return names, f"tools.{i}.custom.input_schema.type: Input should be 'object'"
    return names, None


def _check_tool_choice(choice: Any, tool_names: set[str]) -> str | None:
    if choice is None:
        return None
    if not isinstance(choice, dict) or choice.get("type") not in TOOL_CHOICE_TYPES:
        return "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'"
    if choice["type"] in ("any", "tool") and not tool_names:
        return "tool_choice may only be specified while providing tools."
    if choice["type"] == "tool" and choice.get("name") not in tool_names:
        return f"Tool '{choice.get('name')}' not found in provided tools"
    return None


def _check_messages(messages: Any) -> str | None:
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    pending: list[str] = []  # tool_use ids the previous assistant turn is waiting on
    for i, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if role not in ("user", "assistant", "system"):
            return f"messages.{i}.role: Input should be 'user', 'assistant' or 'system'"
        content = message.get("content")
        if role == "system":  # this SDK's SystemMessageParam: text only, left out of the tool pairing
            if not isinstance(content, str | list) or any(
                b.get("type") != "text" for b in content if isinstance(b, dict)
            ):
                return f"messages.{i}.content: a system message holds text only"
            continue
        final_assistant = role == "assistant" and i == len(messages) - 1
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content
        if not isinstance(blocks, list) or any(not isinstance(block, dict) for block in blocks):
            return f"messages.{i}.content: Input should be a string or a list of content blocks"
        if not blocks or (isinstance(content, str) and not content and not final_assistant):
            return "messages: all messages must have non-empty content except for the optional final assistant message"
        for j, block in enumerate(blocks):
            if block.get("type") == "text" and not block.get("text") and not isinstance(content, str):
                return f"messages.{i}.content.{j}.text: text content blocks must be non-empty"
        if final_assistant and text_of(blocks) != text_of(blocks).rstrip() and blocks[-1].get("type") == "text":
            return "messages: final assistant content cannot end with trailing whitespace"
        kinds = [block.get("type") for block in blocks]
        wrong = "tool_result" if role == "assistant" else "tool_use"
        if wrong in kinds:
            return f"messages.{i}.content.{kinds.index(wrong)}: `{wrong}` blocks are not allowed in {role} messages"
        results = [str(block.get("tool_use_id")) for block in blocks if block.get("type") == "tool_result"]
        if unexpected := [tool_id for tool_id in results if tool_id not in pending]:
            return (
                f"messages.{i}.content.{kinds.index('tool_result')}: unexpected `tool_use_id` found in `tool_result` "
                f"blocks: {unexpected[0]}. Each `tool_result` block must have a corresponding `tool_use` block in "
                "the previous message."
            )
        if missing := [tool_id for tool_id in pending if tool_id not in results]:
            return (
                f"messages.{i}: `tool_use` ids were found without `tool_result` blocks immediately after: "
                f"{', '.join(missing)}. Each `tool_use` block must have a corresponding `tool_result` block in the "
                "next message."
            )
        if results and kinds[: len(results)] != ["tool_result"] * len(results):
            return f"messages.{i}: `tool_result` blocks must come first in the content array, before any other content"
        pending = [str(block.get("id")) for block in blocks if block.get("type") == "tool_use"]
    return None
