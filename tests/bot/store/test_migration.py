"""The one-time move of a single-workspace deployment's data into its workspace: every kind of record moves, TTLs
kept, installations and departures stay; running it twice gives the same result, and a run that stopped half-way
is finished by the next. ``hirebot migrate`` and the start-up check do the same."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.deps import Deps
from bot.install.migration import migrate_on_start, migrated_workspace
from bot.store.audit import AuditAction
from bot.store.departures import Departures
from bot.store.keyspaces import migrate, needs_migration
from bot.store.redis_store import Store, Turn
from bot.store.workspace import Workspace, within
from tests.bot.cli.test_cli import hirebot
from tests.factories import reminder, scorecard
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, TEAM_ID

NOW = datetime.now(UTC)
ACME = Workspace(team_id="T0ACME0001")


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI() as fake:
        yield fake


async def single_workspace_data(store: Store) -> Deps:
    """What a deployment from before workspaces left in Redis, plus records that belong to no workspace."""
    deps = Deps.build(Settings(_env_file=None), store)  # type: ignore[call-arg]
    await deps.scorecard_records.save(scorecard(at=NOW))
    await deps.reminder_records.save(reminder(at=NOW), NOW)
    await store.append_turn("D1:1712.0001", Turn(role="user", text="pay for a senior ML engineer?"))
    await deps.audit.record("U0HIRINGMGR", AuditAction.DECIDED, "ref")
    await deps.events.first("Ev1")
    await store.put_document("slack-bot", "app:none:T0ACME0001:1", {"bot_token": "xoxb-not-moved"}, indexes=["app"])
    await Departures(store, timedelta(days=30)).left(None, "T0GONE0001", NOW)
    return deps


async def keys(store: Store) -> set[str]:
    return {key async for key in store.redis.scan_iter(match=store.base_prefix + "*")}


async def test_everything_moves_once_and_a_second_run_changes_nothing(store: Store) -> None:
    deps = await single_workspace_data(store)
    history_ttl = await store.redis.ttl(store.history_key("D1:1712.0001"))
    assert await needs_migration(store)

    first = await migrate(store, ACME)
    after_first = await keys(store)
    second = await migrate(store, ACME)

    assert first.moved > 5 and first.left == 0 and second.moved == 0
    assert await keys(store) == after_first, "a second run moves nothing"
    assert not await needs_migration(store)
    assert await migrated_workspace(store) == ACME
    unscoped = {key.removeprefix(store.base_prefix) for key in after_first if "w:none:T0ACME0001:" not in key}
    assert all(
        key.startswith(("doc:slack-bot", "index:slack-bot", "doc:workspace-dep", "index:workspace-dep", "migrated"))
        for key in unscoped
    ), unscoped
    with within(ACME):
        assert len(await deps.scorecard_records.for_candidate("ada lovelace")) == 1
        assert len(await deps.reminder_records.for_interviewer("U0GRACE001", 10)) == 1
        assert [turn.text for turn in await store.recent_turns("D1:1712.0001")] == ["pay for a senior ML engineer?"]
        assert len(await deps.audit.entries()) == 1
        assert not await deps.events.first("Ev1"), "the claim moved with the data"
        assert 0 < await store.redis.ttl(store.history_key("D1:1712.0001")) <= history_ttl
    assert await deps.scorecard_records.for_candidate("ada lovelace") == []
    assert await Departures(store, timedelta(days=30)).get(None, "T0GONE0001") is not None


async def test_a_run_that_stopped_half_way_is_finished_by_the_next(store: Store, redis_url: str) -> None:
    await single_workspace_data(store)
    legacy = sorted(await keys(store))
    for key in legacy[: len(legacy) // 2]:  # what a run killed mid-way had done: some renamed, no marker
        rest = key.removeprefix(store.base_prefix)
        if not rest.startswith(("doc:slack-", "index:slack-", "doc:workspace-", "index:workspace-")):
            await store.redis.rename(key, store.base_prefix + ACME.keyspace + rest)
    assert await needs_migration(store)

    resumed = await migrate(store, ACME)

    expected = Store(store.redis, prefix=store.base_prefix + "expected:")
    await single_workspace_data(expected)
    await migrate(expected, ACME)
    assert {key.removeprefix(store.base_prefix) for key in await keys(store) if ":expected:" not in key} == {
        key.removeprefix(expected.base_prefix) for key in await keys(expected)
    }, "the same keys as one uninterrupted run"
    assert resumed.left == 0


async def test_the_start_moves_waiting_data_into_the_bot_tokens_workspace(store: Store, slack: FakeSlackAPI) -> None:
    deps = await single_workspace_data(store)
    settings = Settings(_env_file=None, slack_bot_token=BOT_TOKEN)  # type: ignore[call-arg]
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)

    done = await migrate_on_start(settings, store, client)

    assert done is not None and done.workspace == Workspace(team_id=TEAM_ID)
    with within(Workspace(team_id=TEAM_ID)):
        assert len(await deps.scorecard_records.for_candidate("ada lovelace")) == 1
    assert await migrate_on_start(settings, store, client) is None
    assert len(slack.calls_to("auth.test")) == 1, "a start with nothing to move asks Slack nothing"


@pytest.mark.cli
async def test_hirebot_migrate_then_export_finds_the_records(store: Store, redis_url: str) -> None:
    await single_workspace_data(store)
    env = {"REDIS_URL": redis_url, "HIREBOT_KEY_PREFIX": store.base_prefix}

    first = hirebot("migrate", "--team", "T0ACME0001", env=env)
    again = hirebot("migrate", "--team", "T0ACME0001", env=env)

    assert first.returncode == 0 and first.stdout.startswith("Moved ") and "T0ACME0001" in first.stdout
    assert again.returncode == 0 and again.stdout.startswith("Moved 0 record(s)")
    assert "Ada Lovelace" in hirebot("export", env=env).stdout, "the records commands read the migrated workspace"
    assert hirebot("export", "--team", "T0GLOBEX01", env=env).stdout == ""


async def test_without_a_bot_token_the_start_moves_nothing_and_says_how(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await single_workspace_data(store)
    client = AsyncWebClient(base_url="http://127.0.0.1:9/api/")  # never called

    assert await migrate_on_start(Settings(_env_file=None), store, client) is None  # type: ignore[call-arg]

    assert await needs_migration(store), "still waiting for `hirebot migrate --team`"
    assert any("hirebot migrate --team" in record.getMessage() for record in caplog.records)
