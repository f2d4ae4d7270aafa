"""Claude answers grounded in the guide: the briefing as a cached system prefix, pay figures only through
the calculator tools, a hard deadline on the whole exchange, and a check that no figure was invented.

Anything that goes wrong (timeout, 429, 529, a connection error, an invented figure) raises
``ClaudeUnavailable`` with a short reason; the caller then posts the offline answer instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from knowledge.briefing import RULES, guide_briefing
from knowledge.figures import allowed_thousands, invented_figures
from knowledge.pay import PayCalculator
from knowledge.tools import TOOLS, run_tool, tool_figures

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic

logger = logging.getLogger(__name__)

DEADLINE_SECONDS = 20.0
MAX_TOOL_ROUNDS = 4
MAX_OUTPUT_TOKENS = 1024

TextSink = Callable[[str], Awaitable[None]]


class ClaudeUnavailable(Exception):  # noqa: N818 (reads as the condition it reports)
    """Claude could not give a usable answer in time; the message is a short reason for the user."""


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_input_tokens: int = 0
    cache_creation_input_tokens: int = 0
    requests: int = 0

    def add(self, usage: Any) -> None:
        self.input_tokens += usage.input_tokens or 0
        self.output_tokens += usage.output_tokens or 0
        self.cache_read_input_tokens += getattr(usage, "cache_read_input_tokens", None) or 0
        self.cache_creation_input_tokens += getattr(usage, "cache_creation_input_tokens", None) or 0
        self.requests += 1

    def as_tally(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cache_read_input_tokens": self.cache_read_input_tokens,
            "cache_creation_input_tokens": self.cache_creation_input_tokens,
        }

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens + self.cache_read_input_tokens + self.cache_creation_input_tokens


@dataclass
class ClaudeReply:
    text: str
    usage: Usage
    tool_calls: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryTurn:
    role: Literal["user", "assistant"]
    text: str


def build_anthropic_client(api_key: str, base_url: str | None, *, max_retries: int = 2) -> AsyncAnthropic:
    """Imported lazily so the offline CLI never pays for loading the SDK."""
    from anthropic import AsyncAnthropic

    return AsyncAnthropic(api_key=api_key, base_url=base_url, max_retries=max_retries, timeout=15.0)


# Our own text beside the user's, never the user's: the guide's rules already decided the direct answer.
READING_NOTE = (
    "[hirebot's offline answer from the guide's rules, for you to lead with unless the message clearly asks "
    "something else: {reading}]"
)


class ClaudeAnswerer:
    def __init__(
        self, client: AsyncAnthropic, model: str, calculator: PayCalculator, *, deadline: float = DEADLINE_SECONDS
    ) -> None:
        self.client = client
        self.model = model
        self.calculator = calculator
        self.deadline = deadline
        self.allowed_k = allowed_thousands(calculator)
        # Tools, then the system blocks, form the cached prefix; the marker on the last block caches both.
        self.system = [
            {"type": "text", "text": RULES},
            {
                "type": "text",
                "text": "Hiring guide briefing:\n" + guide_briefing(calculator.guide),
                "cache_control": {"type": "ephemeral"},
            },
        ]

    async def answer(
        self,
        question: str,
        history: Sequence[HistoryTurn],
        on_text: TextSink | None = None,
        *,
        reading: str | None = None,
    ) -> ClaudeReply:
        """``reading`` is the offline engine's one-sentence answer to the same question, when it is confident:
        the model is asked to lead with it (or say why the message points elsewhere), so a role decision made
        from the guide's rules isn't reversed by the model's phrasing."""
        from anthropic import APIConnectionError, APIStatusError, RateLimitError

        usage = Usage()
        try:
            async with asyncio.timeout(self.deadline):
                return await self._exchange(question, history, usage, on_text, reading)
        except TimeoutError:
            raise ClaudeUnavailable("Claude took too long") from None
        except RateLimitError:
            raise ClaudeUnavailable("Claude is rate limited right now") from None
        except APIStatusError as error:
            # An overload reported inside a stream arrives with status 200 and only the error type set.
            overloaded = error.status_code == 529 or getattr(error, "type", None) == "overloaded_error"
            raise ClaudeUnavailable(
                "Claude is overloaded right now" if overloaded else "Claude returned an error"
            ) from None
        except APIConnectionError:
            raise ClaudeUnavailable("Claude could not be reached") from None
        except ClaudeUnavailable:
            raise
        except Exception as error:
            # e.g. the HTTP library's own error when a stream is cut mid-way; never shown to the user
            logger.warning("Claude exchange failed: %s", type(error).__name__)
            raise ClaudeUnavailable("Claude's answer was cut off") from None

    async def _exchange(
        self,
        question: str,
        history: Sequence[HistoryTurn],
        usage: Usage,
        on_text: TextSink | None,
        reading: str | None,
    ) -> ClaudeReply:
        messages: list[dict[str, Any]] = [{"role": t.role, "content": t.text} for t in _alternating(history)]
        if reading:
            note = READING_NOTE.format(reading=reading)
            content: object = [{"type": "text", "text": question}, {"type": "text", "text": note}]
        else:
            content = question
        messages.append({"role": "user", "content": content})
        tool_calls: list[str] = []
        derived: set[int] = set()  # figures this exchange's arithmetic tool computed: the answer may quote them
        for _ in range(MAX_TOOL_ROUNDS):
            text = ""
            async with self.client.messages.stream(
                model=self.model,
                max_tokens=MAX_OUTPUT_TOKENS,
                system=self.system,  # type: ignore[arg-type]  # plain dicts in the API's documented shape
                tools=TOOLS,  # type: ignore[arg-type]
                messages=messages,  # type: ignore[arg-type]
            ) as stream:
                async for delta in stream.text_stream:
                    text += delta
                    if on_text is not None:
                        await on_text(text)
                final = await stream.get_final_message()
            usage.add(final.usage)
            if final.stop_reason != "tool_use":
                reply = ClaudeReply(text=_final_text(final) or text, usage=usage, tool_calls=tool_calls)
                return self._checked(reply, frozenset(derived))
            messages.append(dict(final.to_param()))
            results = []
            for block in final.content:
                if block.type == "tool_use":
                    tool_calls.append(block.name)
                    content, is_error = run_tool(block.name, block.input, self.calculator)
                    derived |= tool_figures(block.name, content)
                    results.append(
                        {"type": "tool_result", "tool_use_id": block.id, "content": content, "is_error": is_error}
                    )
            messages.append({"role": "user", "content": results})
        raise ClaudeUnavailable("Claude needed too many steps")

    def _checked(self, reply: ClaudeReply, derived: frozenset[int] = frozenset()) -> ClaudeReply:
        if not reply.text.strip():
            raise ClaudeUnavailable("Claude gave an empty answer")
        invented = invented_figures(reply.text, self.allowed_k, derived)
        if invented:
            logger.warning("Discarded a Claude answer quoting figures the guide doesn't have: %s", invented)
            raise ClaudeUnavailable("Claude's answer quoted a figure that isn't in the guide")
        return reply


def _final_text(message: Any) -> str:
    return "".join(block.text for block in message.content if block.type == "text")


def _alternating(history: Sequence[HistoryTurn]) -> list[HistoryTurn]:
    """History the Messages API accepts: starts with a user turn, roles alternate (later turn wins)."""
    turns: list[HistoryTurn] = []
    for turn in history:
        if not turns and turn.role != "user":
            continue
        if turns and turns[-1].role == turn.role:
            turns[-1] = turn
        else:
            turns.append(turn)
    if turns and turns[-1].role == "user":
        turns.pop()  # the new question follows
    return turns
