"""A real Redis client that counts what it sends, for the tests that count round trips."""

from __future__ import annotations

from typing import Any

import redis.asyncio


class CountingRedis(redis.asyncio.Redis):
    """Counts one round trip per command and one per pipeline or transaction; ``sent`` names each, in order."""

    round_trips = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[str] = []

    async def execute_command(self, *args: Any, **options: Any) -> Any:
        self.round_trips += 1
        self.sent.append(str(args[0]))
        return await super().execute_command(*args, **options)

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
        pipe = super().pipeline(transaction, shard_hint)
        execute = pipe.execute

        async def counted(raise_on_error: bool = True) -> list[Any]:
            self.round_trips += 1
            self.sent.append("MULTI" if transaction else "PIPELINE")
            return await execute(raise_on_error)

        pipe.execute = counted  # type: ignore[method-assign]
        return pipe
