"""Uninstalls and revoked tokens through the real server: the workspace's tokens go at once, another workspace's
stay, the hiring data is kept for the grace period, and a reinstall within it finds the data again.

Bolt runs event listeners after acknowledging, and these touch only Redis, so a test waits for the line the
listener logs once it is done (``Logged``) rather than for a Web API call."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.server import create_web_app
from bot.store.departures import Departures
from handlers import installs
from tests.fakes.payloads import event_payload
from tests.fakes.signing import json_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_oauth import Workspace
from tests.fakes.workspace import BOT_USER_ID, TEAM_ID
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.install_steps import ACME, GLOBEX, install, installations, oauth_settings, open_home, token_of


class Logged(logging.Handler):
    """Waits for ``handlers.installs`` to log a line containing some text."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.changed = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        self.changed.set()

    async def wait_for(self, text: str, count: int = 1) -> None:
        async with asyncio.timeout(5):
            while sum(text in line for line in self.lines) < count:
                self.changed.clear()
                await self.changed.wait()


@pytest.fixture
def logged() -> Iterator[Logged]:
    watch, listener_logger = Logged(), logging.getLogger(installs.__name__)
    listener_logger.addHandler(watch)
    yield watch
    listener_logger.removeHandler(watch)


def departures(hirebot: HirebotServer) -> Departures:
    return Departures(hirebot.deps.store.unscoped(), timedelta(days=30))


async def send_event(hirebot: HirebotServer, team_id: str, event: dict[str, object], event_id: str) -> None:
    response = await hirebot.post_signed(json_body(event_payload(event, event_id=event_id, team_id=team_id)))
    assert response.status == 200


@pytest.fixture
async def oauth_hirebot(settings: Settings) -> AsyncIterator[HirebotServer]:
    server = TestServer(create_web_app(oauth_settings(settings)), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


async def test_uninstall_deletes_the_tokens_at_once_and_a_reinstall_finds_the_workspace_again(
    oauth_hirebot: HirebotServer, slack: FakeSlackAPI, logged: Logged
) -> None:
    hirebot, store = oauth_hirebot, installations(oauth_hirebot)
    for workspace in (ACME, GLOBEX):
        await install(hirebot, slack, workspace)
    slack.oauth.revoke(ACME)  # Slack has already revoked the token when it sends app_uninstalled
    before = datetime.now(UTC)
    await send_event(hirebot, str(ACME.team_id), {"type": "app_uninstalled"}, "Ev0UNINSTALL")
    await logged.wait_for("was uninstalled")
    assert await store.async_find_bot(enterprise_id=None, team_id=ACME.team_id) is None
    assert await store.async_find_installation(enterprise_id=None, team_id=ACME.team_id) is None
    assert await store.async_find_bot(enterprise_id=None, team_id=GLOBEX.team_id) is not None, "others stay"
    departure = await departures(hirebot).get(None, ACME.team_id)
    assert departure is not None and departure.delete_after - departure.left_at == timedelta(days=30)
    assert departure.left_at >= before
    assert await departures(hirebot).due(datetime.now(UTC) + timedelta(days=29)) == []
    assert [d.team_id for d in await departures(hirebot).due(datetime.now(UTC) + timedelta(days=31))] == [ACME.team_id]

    slack.reset()
    await open_home(hirebot, ACME, "U0ACMEUSER")  # nothing answers a workspace that has uninstalled
    assert slack.calls == []

    await install(hirebot, slack, ACME)
    assert await departures(hirebot).get(None, ACME.team_id) is None, "back within the grace period"
    await open_home(hirebot, ACME, "U0ACMEUSER")
    [published] = await slack.wait_for("views.publish")
    assert token_of(published) == slack.oauth.token_of(ACME)


async def test_revoked_tokens_are_deleted_and_a_redelivery_changes_nothing(
    oauth_hirebot: HirebotServer, slack: FakeSlackAPI, logged: Logged
) -> None:
    hirebot, store = oauth_hirebot, installations(oauth_hirebot)
    await install(hirebot, slack, ACME)
    await install(hirebot, slack, GLOBEX)
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [ACME.installer], "bot": [BOT_USER_ID]}}
    await send_event(hirebot, str(ACME.team_id), revoked, "Ev0REVOKED1")
    await logged.wait_for("Slack revoked")
    assert await store.async_find_installation(enterprise_id=None, team_id=ACME.team_id) is None
    assert await store.async_find_bot(enterprise_id=None, team_id=ACME.team_id) is None
    assert await departures(hirebot).get(None, ACME.team_id) is None, "revoking tokens is not an uninstall"

    await install(hirebot, slack, ACME)  # a redelivery of the old event must not delete the new install
    await send_event(hirebot, str(ACME.team_id), revoked, "Ev0REVOKED1")
    await send_event(hirebot, str(GLOBEX.team_id), {"type": "tokens_revoked", "tokens": {}}, "Ev0REVOKED2")
    await logged.wait_for("Slack revoked", count=2)  # the redelivery was claimed already: it logs nothing
    assert logged.lines.count("Slack revoked 0 user token(s) and 0 bot token(s) in T0GLOBEX01") == 1
    assert await store.async_find_bot(enterprise_id=None, team_id=ACME.team_id) is not None
    assert await store.async_find_bot(enterprise_id=None, team_id=GLOBEX.team_id) is not None


async def test_an_org_wide_uninstall_deletes_the_orgs_tokens(
    oauth_hirebot: HirebotServer, slack: FakeSlackAPI, logged: Logged
) -> None:
    hirebot, store = oauth_hirebot, installations(oauth_hirebot)
    org = Workspace(None, enterprise_id="E0GRID0001", enterprise_name="Initech", installer="U0ORGADMIN")
    await install(hirebot, slack, org)
    body = event_payload({"type": "app_uninstalled"}, event_id="Ev0ORGGONE", team_id="T0ORGTEAM1")
    body["enterprise_id"] = "E0GRID0001"
    body["authorizations"][0] |= {"enterprise_id": "E0GRID0001", "is_enterprise_install": True}
    body["is_enterprise_install"] = True
    assert (await hirebot.post_signed(json_body(body))).status == 200
    await logged.wait_for("was uninstalled from E0GRID0001")
    assert await store.async_find_bot(enterprise_id="E0GRID0001", team_id=None, is_enterprise_install=True) is None
    assert await departures(hirebot).get("E0GRID0001", None) is not None


async def test_single_workspace_mode_records_an_uninstall_too(
    hirebot: HirebotServer, slack: FakeSlackAPI, logged: Logged
) -> None:
    await send_event(hirebot, TEAM_ID, {"type": "app_uninstalled"}, "Ev0SINGLE01")
    await logged.wait_for("was uninstalled")
    assert await departures(hirebot).get(None, TEAM_ID) is not None
    await send_event(hirebot, TEAM_ID, {"type": "tokens_revoked", "tokens": {"bot": [BOT_USER_ID]}}, "Ev0SINGLE02")
    assert [call.method for call in slack.calls if call.method != "auth.test"] == []
