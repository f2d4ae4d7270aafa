"""Claude's cost controls, counted in Redis so they hold across processes: a per-user rate limit, a daily
token budget, and token usage per day and feature for ``hirebot stats``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.answers.claude import Usage
from bot.answers.models import CACHE_READ_FACTOR, CACHE_WRITE_FACTOR, PRICES_SOURCE, price_of
from bot.store.redis_store import Store, StoreUnavailable

USAGE_TTL = 90 * 24 * 60 * 60
MINUTE = 60
DAY = 24 * 60 * 60


def _today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


class LlmLimits:
    """Decides whether a user may get a Claude answer now, and records what each answer cost."""

    def __init__(self, store: Store, *, per_user_per_minute: int, daily_token_budget: int) -> None:
        self.store = store
        self.per_user_per_minute = per_user_per_minute
        self.daily_token_budget = daily_token_budget

    async def refusal(self, user_id: str) -> str | None:
        """Why this user can't have a Claude answer right now, or None. Without Redis nothing can be counted
        across processes, so Claude is not used (the offline answer still is)."""
        try:
            if await self.store.read_counter("llm-tokens", _today()) >= self.daily_token_budget:
                return "today's Claude budget is used up"
            window = f"{user_id}:{int(time.time() // MINUTE)}"
            if await self.store.incr_counter("llm-rate", window, ttl=2 * MINUTE) > self.per_user_per_minute:
                return "you've asked a lot in the last minute"
        except StoreUnavailable:
            return "usage can't be counted without Redis"
        return None

    async def record(self, feature: str, model: str, usage: Usage) -> None:
        if usage.requests == 0:
            return
        day = _today()
        try:
            await self.store.incr_counter("llm-tokens", day, amount=usage.total_tokens, ttl=2 * DAY)
            await self.store.add_to_tally("llm-usage", f"{day}|{feature}|{model}", usage.as_tally(), ttl=USAGE_TTL)
        except StoreUnavailable:
            return


@dataclass(frozen=True)
class UsageRow:
    day: str
    feature: str
    model: str
    requests: int
    input_tokens: int
    output_tokens: int
    cache_read_input_tokens: int
    cache_creation_input_tokens: int

    @property
    def cost_usd(self) -> float | None:
        """At the model's documented list price (``bot.answers.models``); None for a model with none listed."""
        price = price_of(self.model)
        if price is None:
            return None
        return (
            self.input_tokens * price.input
            + self.cache_creation_input_tokens * price.cache_write
            + self.cache_read_input_tokens * price.cache_read
            + self.output_tokens * price.output
        ) / 1_000_000


def _dollars(cost: float | None) -> str:
    return "n/a" if cost is None else f"{cost:.4f}"


async def usage_rows(store: Store) -> list[UsageRow]:
    rows = []
    for key, fields in (await store.tallies("llm-usage")).items():
        day, feature, model = [*key.split("|"), "", ""][:3]
        rows.append(
            UsageRow(
                day=day,
                feature=feature,
                model=model,
                requests=fields.get("requests", 0),
                input_tokens=fields.get("input_tokens", 0),
                output_tokens=fields.get("output_tokens", 0),
                cache_read_input_tokens=fields.get("cache_read_input_tokens", 0),
                cache_creation_input_tokens=fields.get("cache_creation_input_tokens", 0),
            )
        )
    return sorted(rows, key=lambda r: (r.day, r.feature), reverse=True)


def usage_table(rows: list[UsageRow]) -> str:
    if not rows:
        return "No Claude usage recorded yet."
    header = (
        f"{'day':<10}  {'feature':<10}  {'requests':>8}  {'input':>9}  {'output':>8}  {'cache read':>10}  "
        f"{'cache write':>11}  {'cost $':>8}"
    )
    lines = [header]
    for r in rows:
        lines.append(
            f"{r.day:<10}  {r.feature:<10}  {r.requests:>8}  {r.input_tokens:>9}  {r.output_tokens:>8}  "
            f"{r.cache_read_input_tokens:>10}  {r.cache_creation_input_tokens:>11}  {_dollars(r.cost_usd):>8}"
        )
    by_day: dict[str, float] = {}
    by_feature: dict[str, float] = {}
    for r in rows:
        by_day[r.day] = by_day.get(r.day, 0.0) + (r.cost_usd or 0.0)
        by_feature[r.feature] = by_feature.get(r.feature, 0.0) + (r.cost_usd or 0.0)
    unpriced = sorted({r.model for r in rows if r.cost_usd is None})
    lines += [
        "",
        "cost per day: " + ", ".join(f"{d} ${c:.4f}" for d, c in sorted(by_day.items(), reverse=True)),
        "cost per feature: " + ", ".join(f"{f} ${c:.4f}" for f, c in sorted(by_feature.items())),
        f"(list prices per million tokens per model, from {PRICES_SOURCE}; cache writes "
        f"{CACHE_WRITE_FACTOR}x input, cache reads {CACHE_READ_FACTOR}x)",
    ]
    if unpriced:
        lines.append("no documented price for " + ", ".join(unpriced) + ": not counted in the totals")
    return "\n".join(lines)
