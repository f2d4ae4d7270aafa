"""The retention sweep: candidates past the period are forgotten like /hire forget does, and a Redis claim lets
only one of several replicas sweep per interval."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.deps import Deps
from bot.store.redis_store import Store
from tests.factories import scorecard
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN

NOW = datetime.now(UTC)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI() as fake:
        yield fake


def replica(store: Store) -> Deps:
    settings = Settings(_env_file=None, hirebot_retention_days=30)  # type: ignore[call-arg]
    return Deps.build(settings, store)


async def test_only_one_replica_sweeps_and_only_what_is_past_the_period(store: Store, slack: FakeSlackAPI) -> None:
    first, second = replica(store), replica(store)
    await first.scorecard_records.save(scorecard(at=NOW - timedelta(days=31)))
    recent = scorecard(at=NOW - timedelta(days=29), candidate="Grace Hopper", candidate_key="grace hopper")
    await first.scorecard_records.save(recent)
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)

    assert [due.candidate for due in await second.decisions.retention.due(NOW)] == ["Ada Lovelace"]
    swept = await first.decisions.retention.sweep(client, NOW)
    assert swept is not None and [due.key for due in swept] == ["ada lovelace"]
    assert await second.decisions.retention.sweep(client, NOW) is None  # the other replica holds this interval
    assert await first.scorecard_records.for_candidate("ada lovelace") == []
    assert await first.scorecard_records.for_candidate("grace hopper") == [recent]
    [line] = await first.audit.entries()
    assert (line.actor, line.action.value) == ("retention", "retention-deleted")
