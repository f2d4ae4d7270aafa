"""Work outside a request (the outbox's sweeper, the retention sweep) uses each workspace's own bot token, and
leaves a workspace with no installation alone, or one whose expiring token Slack won't refresh."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.deps import Deps
from bot.install.clients import WorkspaceClients
from bot.store.installations import RedisInstallationStore
from bot.store.redis_store import Store
from bot.store.workspace import Workspace, within
from tests.bot.store.test_installations import install
from tests.factories import scorecard
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET

ACME, GLOBEX = Workspace(team_id="T0ACME0001"), Workspace(team_id="T0GLOBEX01")
ORG = Workspace(team_id=None, enterprise_id="E0GRID0001")
NOW = datetime.now(UTC)


def oauth_settings() -> Settings:
    return Settings(_env_file=None, slack_client_id="111.222", slack_client_secret=SecretStr("s"))  # type: ignore[call-arg]


async def test_each_workspace_gets_its_installations_token_and_single_workspace_mode_its_one_client(
    store: Store,
) -> None:
    process = AsyncWebClient(base_url="http://127.0.0.1:9/api/")
    installations = RedisInstallationStore(store.unscoped(), "111.222")
    await installations.async_save(install("T0ACME0001", "U0ADMIN01", 1000.0, token="xoxb-acme"))
    await installations.async_save(
        install(None, "U0ORGADMN", 1000.0, token="xoxb-org", enterprise_id="E0GRID0001", is_enterprise_install=True)
    )
    clients = WorkspaceClients.build(oauth_settings(), store, process)

    acme, org = await clients.for_workspace(ACME), await clients.for_workspace(ORG)
    assert acme is not None and acme.token == "xoxb-acme" and acme.base_url == process.base_url
    assert org is not None and org.token == "xoxb-org"
    assert await clients.for_workspace(GLOBEX) is None, "not installed: nothing to post with"
    single = WorkspaceClients.build(Settings(_env_file=None), store, process)  # type: ignore[call-arg]
    assert await single.for_workspace(GLOBEX) is process


async def test_the_retention_sweep_leaves_a_workspace_without_a_token_alone(store: Store) -> None:
    deps = Deps.build(Settings(_env_file=None, hirebot_retention_days=30), store)  # type: ignore[call-arg]
    for workspace in (ACME, GLOBEX):
        with within(workspace):
            await deps.scorecard_records.save(scorecard(at=NOW - timedelta(days=31)))
    installations = RedisInstallationStore(store.unscoped(), "111.222")
    await installations.async_save(install("T0ACME0001", "U0ADMIN01", 1000.0, token="xoxb-acme"))
    clients = WorkspaceClients.build(oauth_settings(), store, AsyncWebClient(base_url="http://127.0.0.1:9/api/"))

    await deps.decisions.retention.sweep_all(clients.client, NOW, clients.for_workspace)

    with within(ACME):
        assert await deps.scorecard_records.for_candidate("ada lovelace") == []
    with within(GLOBEX):
        assert len(await deps.scorecard_records.for_candidate("ada lovelace")) == 1


async def test_an_expiring_token_slack_will_not_refresh_gives_no_client_and_nothing_is_saved(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    async with FakeSlackAPI() as slack:
        installations = RedisInstallationStore(store.unscoped(), CLIENT_ID)
        expiring = install(
            "T0ACME0001",
            "U0ADMIN01",
            1000.0,
            token="xoxe.xoxb-acme",
            bot_refresh_token="xoxe-1-unknown-to-slack",
            bot_token_expires_at=int(time.time()) + 60,
        )
        await installations.async_save(expiring)
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, slack_client_id=CLIENT_ID, slack_client_secret=SecretStr(CLIENT_SECRET)
        )
        clients = WorkspaceClients.build(settings, store, AsyncWebClient(base_url=slack.api_url))

        assert await clients.for_workspace(ACME) is None, "its work waits rather than fail with a dead token"
        [refused] = slack.calls_to("oauth.v2.access")
        assert refused.response["error"] == "invalid_refresh_token"
        assert "invalid_refresh_token" in caplog.text and "xoxe" not in caplog.text
        kept = await installations.async_find_installation(enterprise_id=None, team_id="T0ACME0001")
        assert kept is not None and kept.bot_token == "xoxe.xoxb-acme"

        lasting = install("T0GLOBEX01", "U0ADMIN02", 1000.0, token="xoxe.xoxb-globex")
        lasting.bot_refresh_token, lasting.bot_token_expires_at = "xoxe-1-globex", int(time.time()) + 43_200
        await installations.async_save(lasting)
        client = await clients.for_workspace(GLOBEX)
        assert client is not None and client.token == "xoxe.xoxb-globex", "hours left: not refreshed"
        assert len(slack.calls_to("oauth.v2.access")) == 1
