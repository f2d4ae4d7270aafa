"""``hirebot stats`` prices: each model at its documented list price, with the source named."""

from __future__ import annotations

import pytest

from bot.answers.models import PRICES_SOURCE, output_settings, price_of
from bot.answers.usage import UsageRow, usage_table
from bot.config import DEFAULT_ANTHROPIC_MODEL

MILLION = 1_000_000


def row(model: str, **tokens: int) -> UsageRow:
    counts = {"input_tokens": 0, "output_tokens": 0, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0}
    return UsageRow(day="2026-12-01", feature="dm", model=model, requests=1, **(counts | tokens))


@pytest.mark.parametrize(
    ("tokens", "dollars"),
    [
        ({"input_tokens": MILLION}, 2.0),  # Sonnet 5.5: $2 / MTok input
        ({"output_tokens": MILLION}, 10.0),  # $10 / MTok output
        ({"cache_creation_input_tokens": MILLION}, 2.5),  # 5m cache write $2.50 / MTok
        ({"cache_read_input_tokens": MILLION}, 0.2),  # cache read $0.20 / MTok
    ],
)
def test_the_default_model_costs_its_documented_price(tokens: dict[str, int], dollars: float) -> None:
    assert DEFAULT_ANTHROPIC_MODEL == "claude-sonnet-5-5"
    assert row(DEFAULT_ANTHROPIC_MODEL, **tokens).cost_usd == pytest.approx(dollars)


def test_prices_are_per_model_and_an_unknown_one_is_not_guessed() -> None:
    assert row("claude-opus-5-5", output_tokens=MILLION).cost_usd == pytest.approx(20.0)
    assert row("claude-opus-5", output_tokens=MILLION).cost_usd == pytest.approx(25.0)
    assert row("claude-haiku-4-5-20251001", input_tokens=MILLION).cost_usd == pytest.approx(1.0)
    assert price_of("claude-sonnet-5-5-20260901") == price_of("claude-sonnet-5-5")
    unknown = row("claude-test-model", input_tokens=MILLION)
    assert unknown.cost_usd is None
    table = usage_table([row(DEFAULT_ANTHROPIC_MODEL, input_tokens=MILLION), unknown])
    assert PRICES_SOURCE in table and "no documented price for claude-test-model" in table
    assert "2.0000" in table and "n/a" in table


def test_output_settings_per_model() -> None:
    assert output_settings("claude-sonnet-5-5").request_options()["thinking"]["type"] == "adaptive"
    assert "thinking" not in output_settings("claude-haiku-4-5").request_options()
    assert "thinking" not in output_settings("some-unknown-model").request_options()
