"""What the fake Anthropic API's own tests share: a request to send, a cached system prompt, and clients."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from anthropic import AsyncAnthropic
from anthropic.lib.streaming import AsyncMessageStreamManager

from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI

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
