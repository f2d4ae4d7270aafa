"""The retention sweep: candidates past the period are forgotten like /hire forget does, and a Redis claim lets
only one of several replicas sweep per interval; each workspace's own period applies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.decisions.retention import LOCK_NAMESPACE, Period
from bot.deps import Deps
from bot.store.departures import Departures
from bot.store.redis_store import Store, Turn
from bot.store.team_settings import TeamSettings
from bot.store.workspace import Workspace, within
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


async def test_a_departed_workspace_loses_its_data_once_its_grace_period_is_over(
    store: Store, slack: FakeSlackAPI
) -> None:
    first, second = replica(store), replica(store)
    acme, globex = Workspace(team_id="T0ACME0001"), Workspace(team_id="T0GLOBEX01")
    for workspace in (acme, globex):
        with within(workspace):
            await first.scorecard_records.save(scorecard(at=NOW))
            await store.append_turn("D1:1", Turn(role="user", text="pay?"))
    departures = Departures(store.unscoped(), timedelta(days=30))
    await departures.left(None, "T0ACME0001", NOW - timedelta(days=29))
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)

    assert await first.decisions.retention.sweep_all(client, NOW) == []  # a day of grace left
    assert await second.decisions.retention.sweep_all(client, NOW) is None, "one replica sweeps per interval"
    with within(acme):
        assert await first.scorecard_records.for_candidate("ada lovelace") != []

    await store.redis.delete(store.unscoped().claim_key(LOCK_NAMESPACE, "sweep"))  # the next interval
    later = NOW + timedelta(days=2)
    gone = await second.decisions.retention.sweep_all(client, later)
    assert gone is not None and [departure.team_id for departure in gone] == ["T0ACME0001"]
    assert [key async for key in store.redis.scan_iter(match=f"{store.base_prefix}{acme.keyspace}*")] == []
    assert await departures.get(None, "T0ACME0001") is None
    with within(globex):
        assert len(await first.scorecard_records.for_candidate("ada lovelace")) == 1
        assert len(await store.recent_turns("D1:1")) == 1


async def test_a_reinstall_within_the_grace_period_finds_the_data_again(store: Store, slack: FakeSlackAPI) -> None:
    deps = replica(store)
    acme = Workspace(team_id="T0ACME0001")
    with within(acme):
        await deps.scorecard_records.save(scorecard(at=NOW))
    departures = Departures(store.unscoped(), timedelta(days=30))
    await departures.left(None, "T0ACME0001", NOW - timedelta(days=31))
    assert await departures.returned(None, "T0ACME0001"), "installed again before its grace period ended"

    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    assert await deps.decisions.retention.sweep_all(client, NOW) == []
    with within(acme):
        assert len(await deps.scorecard_records.for_candidate("ada lovelace")) == 1


async def test_the_sweep_applies_each_workspaces_own_period(store: Store, slack: FakeSlackAPI) -> None:
    """Acme keeps candidates 10 days (its Settings), Globex the environment's 30: the one server sweep deletes
    Acme's 20-day-old candidate and keeps Globex's."""
    deps = replica(store)
    acme, globex = Workspace(team_id="T0ACME0001"), Workspace(team_id="T0GLOBEX01")
    for workspace in (acme, globex):
        with within(workspace):
            await deps.scorecard_records.save(scorecard(at=NOW - timedelta(days=20)))
    with within(acme):
        await deps.scorecards.home.team.save(TeamSettings(retention_days=10))
        assert await deps.decisions.retention.period() == Period(days=10, own=True)
    with within(globex):
        assert await deps.decisions.retention.period() == Period(days=30, own=False)

    await deps.decisions.retention.sweep_all(AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url), NOW)

    with within(acme):
        assert await deps.scorecard_records.for_candidate("ada lovelace") == []
    with within(globex):
        assert len(await deps.scorecard_records.for_candidate("ada lovelace")) == 1
