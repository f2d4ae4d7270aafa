"""Token rotation outside a request, through the real server and the fake Slack's ``oauth.v2.access``: Acme installs
with rotating tokens and sets a reminder; by the time the retention sweep (work no request brought) unschedules
it, Acme's bot token is about to expire. The sweep refreshes it with ``grant_type=refresh_token`` first, saves the
rotated installation, and unschedules the reminder with the new token."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.install.clients import WorkspaceClients
from bot.store.workspace import Workspace as Keyspace
from bot.store.workspace import within
from tests.factories import scorecard
from tests.fakes.signing import slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.install_steps import ACME, GLOBEX, install, installations, oauth_settings, token_of

INTERVIEWER = "U0ACMEINTV"
EXPIRING_IN = 5 * 60  # seconds left: within the two hours before expiry when Bolt refreshes too


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return oauth_settings(settings)


async def test_the_sweep_refreshes_an_expiring_token_saves_it_and_unschedules_the_reminder_with_it(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    slack.oauth.rotation = True
    for workspace in (ACME, GLOBEX):
        await install(hirebot, slack, workspace)
    first, globex = slack.oauth.token_of(ACME), slack.oauth.token_of(GLOBEX)
    assert first is not None and first.startswith("xoxe.xoxb-")
    body = slash_command_body(
        f"remind <@{INTERVIEWER}|ada> Ada Lovelace in 45m",
        user_id=ACME.installer,
        team_id=str(ACME.team_id),
        response_url=slack.response_url("remind"),
    )
    assert (await hirebot.post_signed(body)).status == 200
    await slack.wait_for("response_url:remind")
    [scheduled] = slack.calls_to("chat.scheduleMessage")
    assert token_of(scheduled) == first and len(slack.workspace.scheduled) == 1
    now = datetime.now(UTC)
    with within(Keyspace(team_id=ACME.team_id)):  # Acme's interview was long ago: due for the retention sweep
        await hirebot.deps.scorecard_records.save(scorecard(INTERVIEWER, at=now - timedelta(days=400)))

    store = installations(hirebot)
    installed = await store.async_find_installation(enterprise_id=None, team_id=ACME.team_id)
    assert installed is not None and installed.bot_refresh_token and installed.bot_token_expires_at
    installed.bot_token_expires_at = int(time.time()) + EXPIRING_IN
    await store.async_save(installed)  # the same row, now about to expire
    refresh_token = installed.bot_refresh_token

    deps = hirebot.deps
    clients = WorkspaceClients.build(deps.settings, deps.store, AsyncWebClient(base_url=slack.api_url))
    await deps.decisions.retention.sweep_all(clients.client, now, clients.for_workspace)

    [refresh] = [call for call in slack.calls_to("oauth.v2.access") if call.body.get("grant_type") == "refresh_token"]
    assert refresh.body["refresh_token"] == refresh_token and refresh.ok
    refreshed = slack.oauth.token_of(ACME)
    assert refreshed is not None and refreshed != first and first in slack.oauth.retired
    [unscheduled] = slack.calls_to("chat.deleteScheduledMessage")
    assert token_of(unscheduled) == refreshed and unscheduled.ok and slack.workspace.scheduled == {}

    saved = await store.async_find_installation(enterprise_id=None, team_id=ACME.team_id)
    assert saved is not None and saved.bot_token == refreshed and saved.bot_refresh_token != refresh_token
    assert saved.bot_token_expires_at is not None and saved.bot_token_expires_at > time.time() + 3600
    assert slack.oauth.token_of(GLOBEX) == globex, "Globex's token wasn't expiring: left as it is"

    again = await clients.for_workspace(Keyspace(team_id=ACME.team_id))
    assert again is not None and again.token == refreshed
    assert len([call for call in slack.calls_to("oauth.v2.access") if call.body.get("grant_type")]) == 1, "once"
