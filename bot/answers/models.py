"""What hirebot knows about each Claude model: its list prices and how much output (and thinking) to ask for.

Prices are US dollars per million tokens, read on 2026-12-01 from each model's overview page in Anthropic's
docs, e.g. https://platform.claude.com/docs/en/models/sonnet-5-5/overview ("Input $2 / MTok, Output $10 / MTok,
5m cache write $2.50 / MTok, 1h cache write $4 / MTok, Cache read $0.20 / MTok") and the comparison table on
the same pages (Claude Opus 5.5 $4 / $20, Claude Opus 5 $5 / $25, Claude Sonnet 5 $2 / $10, Claude Haiku 4.5
$1 / $5, Claude Fable 5.1 $10 / $50). Cache writes (5-minute, the only kind hirebot uses) cost 1.25x input and
cache reads 0.1x input, as the Sonnet 5.5 page's own figures show. A model not listed has no documented price
here, and ``hirebot stats`` says so instead of guessing.

Output: every current model allows 128K output tokens (Haiku 4.5: 64K); hirebot's Slack answers are short, so
``max_tokens`` leaves room for adaptive thinking at low effort ("Thinking: Adaptive, Default effort: high" on the
Sonnet 5.5 page) without letting a slow answer run past the deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PRICES_SOURCE = "platform.claude.com/docs/en/models/<model>/overview, read 2026-12-01"
CACHE_WRITE_FACTOR = 1.25
CACHE_READ_FACTOR = 0.1


@dataclass(frozen=True)
class ModelPrice:
    input: float  # US dollars per million tokens
    output: float

    @property
    def cache_write(self) -> float:
        return self.input * CACHE_WRITE_FACTOR

    @property
    def cache_read(self) -> float:
        return self.input * CACHE_READ_FACTOR


# Longest id first, so "claude-sonnet-5-5" isn't read as "claude-sonnet-5".
PRICES: dict[str, ModelPrice] = {
    "claude-fable-5-1": ModelPrice(10.0, 50.0),
    "claude-sonnet-5-5": ModelPrice(2.0, 10.0),
    "claude-haiku-4-5": ModelPrice(1.0, 5.0),
    "claude-opus-5-5": ModelPrice(4.0, 20.0),
    "claude-sonnet-5": ModelPrice(2.0, 10.0),
    "claude-opus-5": ModelPrice(5.0, 25.0),
}


def price_of(model: str) -> ModelPrice | None:
    """The documented price of ``model`` (an id, or an id with a date suffix), or None if it isn't listed."""
    for model_id in sorted(PRICES, key=len, reverse=True):
        if model == model_id or model.startswith(model_id + "-"):
            return PRICES[model_id]
    return None


@dataclass(frozen=True)
class OutputSettings:
    max_tokens: int
    adaptive_thinking: bool

    def request_options(self) -> dict[str, Any]:
        """``max_tokens`` and, for models with adaptive thinking, thinking at low effort (not shown to anyone)."""
        options: dict[str, Any] = {"max_tokens": self.max_tokens}
        if self.adaptive_thinking:
            options["thinking"] = {"type": "adaptive", "display": "omitted"}
            options["output_config"] = {"effort": "low"}
        return options


ADAPTIVE = OutputSettings(max_tokens=8_000, adaptive_thinking=True)
WITHOUT_THINKING = OutputSettings(max_tokens=2_048, adaptive_thinking=False)


def output_settings(model: str) -> OutputSettings:
    """Adaptive thinking for the current models (Sonnet 5 and later, Opus 5 and later, Fable); Haiku 4.5 and
    unknown models get a plain answer with room for it."""
    known = price_of(model) is not None
    return ADAPTIVE if known and not model.startswith("claude-haiku") else WITHOUT_THINKING
