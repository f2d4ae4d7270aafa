"""Claude's cost controls, counted in Redis so they hold across processes: a per-user rate limit over a sliding
minute, a daily token budget, and token usage per day and feature for ``hirebot stats``.

The budget is reserved before a call and settled after it, in Redis, atomically (a Lua script checks the
budget and the user's window and takes both in one step), so two asks racing for the last of the budget can't
both have it. A reservation is what one exchange can reasonably use (``EXCHANGE_RESERVATION`` tokens); settling
replaces it with what the requests actually used, failed ones included.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import redis.exceptions

from bot.answers.claude import Usage
from bot.answers.models import CACHE_READ_FACTOR, CACHE_WRITE_FACTOR, PRICES_SOURCE, price_of
from bot.store.redis_store import Store, StoreUnavailable

USAGE_TTL = 90 * 24 * 60 * 60
MINUTE = 60
DAY = 24 * 60 * 60
EXCHANGE_RESERVATION = 40_000  # tokens: a cached briefing read a few times, tool results and a short answer
BUDGET_USED_UP = "today's Claude budget is used up"
TOO_MANY = "you've asked a lot in the last minute"
NO_REDIS = "usage can't be counted without Redis"

# KEYS: the day's budget counter, the user's window (a sorted set of asks scored by time in ms).
# ARGV: budget, reservation, now (ms), window (ms), per-window limit, this ask's member, counter ttl (s).
# Returns 0 (reserved), 1 (budget used up) or 2 (too many asks in the window).
RESERVE_SCRIPT = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 1 end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[4]))
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 2 end
redis.call('ZADD', KEYS[2], tonumber(ARGV[3]), ARGV[6])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
redis.call('INCRBY', KEYS[1], tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[7]))
return 0
"""
REFUSALS = {1: BUDGET_USED_UP, 2: TOO_MANY}


def _today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Reservation:
    day: str
    tokens: int


class LlmLimits:
    """Decides whether a user may get a Claude answer now, and records what each answer cost."""

    def __init__(
        self,
        store: Store,
        *,
        per_user_per_minute: int,
        daily_token_budget: int,
        reservation: int = EXCHANGE_RESERVATION,
    ) -> None:
        self.store = store
        self.per_user_per_minute = per_user_per_minute
        self.daily_token_budget = daily_token_budget
        self.reservation = min(reservation, daily_token_budget)

    def _budget_key(self, day: str) -> str:
        return f"{self.store.prefix}count:llm-budget:{day}"

    def _window_key(self, user_id: str) -> str:
        return f"{self.store.prefix}window:llm-asks:{user_id}"

    async def reserve(self, user_id: str) -> Reservation | str:
        """A reservation of this exchange's tokens, or why this user can't have a Claude answer right now.
        Without Redis nothing can be counted across processes, so Claude is not used (the offline answer
        still is)."""
        if self.daily_token_budget <= 0:
            return BUDGET_USED_UP
        redis_client = getattr(self.store, "redis", None)
        if not self.store.available or redis_client is None:
            return NO_REDIS
        day, now_ms = _today(), int(time.time() * 1000)
        keys = [self._budget_key(day), self._window_key(user_id)]
        args = [self.daily_token_budget, self.reservation, now_ms, MINUTE * 1000, self.per_user_per_minute]
        try:
            outcome = await redis_client.eval(RESERVE_SCRIPT, 2, *keys, *args, f"{now_ms}:{uuid.uuid4().hex}", 2 * DAY)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return NO_REDIS
        return REFUSALS.get(int(outcome), "") or Reservation(day, self.reservation)

    async def settle(self, reservation: Reservation, feature: str, model: str, usage: Usage) -> None:
        """Replaces the reservation with what the requests used, and adds it to the day's tally."""
        redis_client = getattr(self.store, "redis", None)
        try:
            if redis_client is not None:
                key = self._budget_key(reservation.day)
                await redis_client.incrby(key, usage.total_tokens - reservation.tokens)
            if usage.requests:
                key = f"{reservation.day}|{feature}|{model}"
                await self.store.add_to_tally("llm-usage", key, usage.as_tally(), ttl=USAGE_TTL)
        except (StoreUnavailable, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
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
