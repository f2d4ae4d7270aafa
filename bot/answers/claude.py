"""Claude answers grounded in the guide: the briefing as a cached system prefix, pay figures only through
the calculator tools, a hard deadline on the whole exchange, and every piece of text checked before it is shown.

Anything that goes wrong raises ``ClaudeUnavailable`` with a short reason for the user, the kind of failure
(``model`` or ``tool``) for the log, and the usage of every request made so far (failed ones included, since they
may be billed); the caller then shows the offline answer instead.

Retries are ours, not the SDK's (its client is used with ``max_retries=0``): one retry of a 429, 529, 5xx or lost
connection, and only when the wait it asks for (``retry-after``) and another attempt fit before the deadline.
Each request's timeout is the time left.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bot.answers.checked_text import CheckedText, InventedFigure, PieceSink
from bot.answers.models import output_settings
from knowledge.briefing import RULES, guide_briefing
from knowledge.money import dollar_figures
from knowledge.pay import PayCalculator
from knowledge.tools import TOOLS, run_tool

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic

logger = logging.getLogger(__name__)

DEADLINE_SECONDS = 20.0
MAX_TOOL_ROUNDS = 4
MAX_ATTEMPTS = 2
RETRY_BACKOFF_SECONDS = 0.5
MIN_ATTEMPT_SECONDS = 1.0  # a retry that can't have this long before the deadline isn't made

ErrorKind = Literal["model", "tool"]
RATE_LIMITED = "Claude is rate limited right now"
INVENTED = "Claude's answer quoted a figure that isn't in the guide"


class ClaudeUnavailable(Exception):  # noqa: N818 (reads as the condition it reports)
    """Claude could not give a usable answer in time; the message is a short reason for the user."""

    def __init__(self, reason: str, *, kind: ErrorKind = "model", usage: Usage | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.usage = usage or Usage()


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_input_tokens: int = 0
    cache_creation_input_tokens: int = 0
    requests: int = 0

    def add(self, usage: Any) -> None:
        """One request's usage; ``None`` for a request that failed before the API reported any."""
        self.requests += 1
        if usage is None:
            return
        self.input_tokens += usage.input_tokens or 0
        self.output_tokens += usage.output_tokens or 0
        self.cache_read_input_tokens += getattr(usage, "cache_read_input_tokens", None) or 0
        self.cache_creation_input_tokens += getattr(usage, "cache_creation_input_tokens", None) or 0

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


def build_anthropic_client(api_key: str, base_url: str | None) -> AsyncAnthropic:
    """Imported lazily so the offline CLI never pays for loading the SDK. No SDK retries: ``ClaudeAnswerer``
    retries only when the retry fits under its deadline."""
    from anthropic import AsyncAnthropic

    return AsyncAnthropic(api_key=api_key, base_url=base_url, max_retries=0, timeout=DEADLINE_SECONDS)


# Our own text beside the user's, never the user's: the guide's rules already decided the direct answer.
READING_NOTE = (
    "[hirebot's offline answer from the guide's rules, for you to lead with unless the message clearly asks "
    "something else: {reading}]"
)


class ClaudeAnswerer:
    def __init__(
        self, anthropic: AsyncAnthropic, model: str, calculator: PayCalculator, *, deadline: float = DEADLINE_SECONDS
    ) -> None:
        self.anthropic = anthropic.with_options(max_retries=0)
        self.model = model
        self.calculator = calculator
        self.deadline = deadline
        self.output = output_settings(model)
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
        on_piece: PieceSink | None = None,
        *,
        reading: str | None = None,
        allowed: frozenset[int] = frozenset(),
    ) -> ClaudeReply:
        """``on_piece`` gets the answer a sentence or line at a time, each checked first. ``allowed`` holds the
        figures of the offline answer to the same question; tool results add theirs as they come.

        ``reading`` is the offline engine's one-sentence answer to the same question, when it is confident:
        the model is asked to lead with it (or say why the message points elsewhere), so a role decision made
        from the guide's rules isn't reversed by the model's phrasing."""
        from anthropic import APIConnectionError, APIStatusError, RateLimitError

        usage = Usage()
        checked = CheckedText(allowed, on_piece)
        deadline_at = asyncio.get_running_loop().time() + self.deadline
        try:
            async with asyncio.timeout(self.deadline):
                return await self._exchange(question, history, usage, checked, reading, deadline_at)
        except TimeoutError:
            raise ClaudeUnavailable("Claude took too long", usage=usage) from None
        except InventedFigure as invented:
            logger.warning("Stopped a Claude answer quoting figures it wasn't given: %s", invented.figures)
            raise ClaudeUnavailable(INVENTED, usage=usage) from None
        except RateLimitError:
            raise ClaudeUnavailable(RATE_LIMITED, usage=usage) from None
        except APIStatusError as error:
            # An overload reported inside a stream arrives with status 200 and only the error type set.
            overloaded = error.status_code == 529 or getattr(error, "type", None) == "overloaded_error"
            reason = "Claude is overloaded right now" if overloaded else "Claude returned an error"
            raise ClaudeUnavailable(reason, usage=usage) from None
        except APIConnectionError:
            raise ClaudeUnavailable("Claude could not be reached", usage=usage) from None
        except ClaudeUnavailable as unavailable:
            unavailable.usage = usage
            raise
        except Exception as error:
            # e.g. the HTTP library's own error when a stream is cut mid-way; never shown to the user
            logger.warning("Claude exchange failed: %s", type(error).__name__)
            raise ClaudeUnavailable("Claude's answer was cut off", usage=usage) from None

    async def _exchange(
        self,
        question: str,
        history: Sequence[HistoryTurn],
        usage: Usage,
        checked: CheckedText,
        reading: str | None,
        deadline_at: float,
    ) -> ClaudeReply:
        messages: list[dict[str, Any]] = [{"role": t.role, "content": t.text} for t in _alternating(history)]
        if reading:
            note = READING_NOTE.format(reading=reading)
            content: object = [{"type": "text", "text": question}, {"type": "text", "text": note}]
        else:
            content = question
        messages.append({"role": "user", "content": content})
        tool_calls: list[str] = []
        for _ in range(MAX_TOOL_ROUNDS):
            final = await self._round(messages, usage, checked, deadline_at)
            if final.stop_reason == "max_tokens":
                raise ClaudeUnavailable("Claude's answer ran out of room")
            if final.stop_reason == "refusal":
                raise ClaudeUnavailable("Claude declined to answer")
            await checked.finish_round()
            if final.stop_reason != "tool_use":
                if not checked.text:
                    raise ClaudeUnavailable("Claude gave an empty answer")
                return ClaudeReply(text=checked.text, usage=usage, tool_calls=tool_calls)
            messages.append(dict(final.to_param()))
            results = []
            for block in final.content:
                if block.type == "tool_use":
                    tool_calls.append(block.name)
                    try:
                        result, is_error = run_tool(block.name, block.input, self.calculator)
                    except Exception:
                        logger.exception("hirebot's %s tool failed (kind=tool)", block.name)
                        raise ClaudeUnavailable("hirebot's own pay tool failed", kind="tool") from None
                    if is_error:
                        logger.warning("Claude's %s call failed (kind=tool): %s", block.name, result[:200])
                    else:
                        checked.allow(dollar_figures(result))
                    results.append(
                        {"type": "tool_result", "tool_use_id": block.id, "content": result, "is_error": is_error}
                    )
            messages.append({"role": "user", "content": results})
        raise ClaudeUnavailable("Claude needed too many steps")

    async def _round(
        self, messages: list[dict[str, Any]], usage: Usage, checked: CheckedText, deadline_at: float
    ) -> Any:
        """One request, retried once if the failure came before any text and the retry fits the deadline."""
        from anthropic import APIConnectionError, APIStatusError, RateLimitError

        loop = asyncio.get_running_loop()
        for attempt in range(1, MAX_ATTEMPTS + 1):
            shown = len(checked.released)
            try:
                return await self._request(messages, usage, checked, deadline_at - loop.time())
            except (APIStatusError, APIConnectionError) as error:
                status = getattr(error, "status_code", None)
                retryable = (
                    isinstance(error, APIConnectionError)
                    or status in (408, 409, 429, 529)
                    or (isinstance(status, int) and status >= 500)
                )
                wait = _retry_after(error)
                late = loop.time() + wait + MIN_ATTEMPT_SECONDS > deadline_at
                if attempt == MAX_ATTEMPTS or not retryable or len(checked.released) != shown or late:
                    if isinstance(error, RateLimitError) and late:
                        logger.info("Claude asked to retry after %.1fs, past the deadline: not retried", wait)
                    raise
                checked.pending = ""  # the failed attempt's unfinished piece: never shown, never reused
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def _request(
        self, messages: list[dict[str, Any]], usage: Usage, checked: CheckedText, time_left: float
    ) -> Any:
        stream_manager = self.anthropic.messages.stream(
            model=self.model,
            system=self.system,  # type: ignore[arg-type]  # plain dicts in the API's documented shape
            tools=TOOLS,  # type: ignore[arg-type]
            messages=messages,  # type: ignore[arg-type]
            timeout=max(time_left, 0.1),
            **self.output.request_options(),
        )
        stream = None
        try:
            async with stream_manager as stream:
                async for delta in stream.text_stream:
                    await checked.feed(delta)
                final = await stream.get_final_message()
        except BaseException:
            usage.add(_usage_so_far(stream))
            raise
        usage.add(final.usage)
        return final


def _usage_so_far(stream: Any) -> Any:
    """What a request that failed part-way had used (its ``message_start`` reports the input), if anything."""
    try:
        return stream.current_message_snapshot.usage if stream is not None else None
    except AssertionError:  # no message_start yet
        return None


def _retry_after(error: Exception) -> float:
    """How long the API asked us to wait (``retry-after-ms``, then ``retry-after``), else a short backoff."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None) or {}
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        if headers.get("retry-after"):
            return float(headers["retry-after"])
    except ValueError:
        pass
    return RETRY_BACKOFF_SECONDS


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
