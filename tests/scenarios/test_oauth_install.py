"""Installing hirebot in any workspace by OAuth, through the real server, Bolt's flow and the fake Slack: two
workspaces each served with their own token, an org-wide Grid install, token rotation, and every way an install
can fail leaving nothing stored."""

from __future__ import annotations

import html
import logging
import socket
import time

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from pydantic import SecretStr

from blocks import messages
from bot.config import Settings
from bot.install.manifest import read_scopes
from bot.install.routes import INSTALL_PATH, REDIRECT_PATH
from bot.server import create_web_app
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_oauth import CLIENT_ID, Workspace
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.install_steps import (
    ACME,
    GLOBEX,
    ROOT,
    finish_install,
    install,
    installations,
    no_install_keys,
    oauth_settings,
    open_home,
    start_install,
    token_of,
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return oauth_settings(settings)


async def test_two_workspaces_install_and_each_is_served_with_its_own_token(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    started = await start_install(hirebot)
    bot_scopes, _ = read_scopes(ROOT / "manifest.yml")
    assert started.authorize_query["scope"] == [",".join(bot_scopes)], "the scopes come from manifest.yml"
    assert started.authorize_query["client_id"] == [CLIENT_ID]

    for workspace in (ACME, GLOBEX):
        page = await install(hirebot, slack, workspace)
        assert "slack://app?team=" + str(workspace.team_id) in page
    [acme_token, globex_token] = [slack.oauth.token_of(ACME), slack.oauth.token_of(GLOBEX)]
    assert acme_token and globex_token and acme_token != globex_token
    found = await installations(hirebot).async_find_installation(enterprise_id=None, team_id=ACME.team_id)
    assert found is not None and (found.bot_token, found.user_id) == (acme_token, ACME.installer)

    assert (await open_home(hirebot, ACME, "U0ACMEUSER")).status == 200
    assert (await open_home(hirebot, GLOBEX, "U0GLOBUSER")).status == 200
    published = await slack.wait_for("views.publish", 2)
    assert {(call.body["user_id"], token_of(call)) for call in published} == {
        ("U0ACMEUSER", acme_token),
        ("U0GLOBUSER", globex_token),
    }
    slack.assert_no_invalid_blocks()


async def test_an_org_wide_grid_install_serves_every_workspace_of_the_org(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    org = Workspace(None, enterprise_id="E0GRID0001", enterprise_name="Initech", installer="U0ORGADMIN")
    await install(hirebot, slack, org)
    found = await installations(hirebot).async_find_bot(
        enterprise_id="E0GRID0001", team_id="T0ANYTEAM1", is_enterprise_install=True
    )
    assert found is not None and found.is_enterprise_install and found.team_id is None
    assert (await open_home(hirebot, org, "U0ORGUSER1")).status == 200
    [published] = await slack.wait_for("views.publish")
    assert token_of(published) == slack.oauth.token_of(org)


async def test_an_expiring_token_is_rotated_before_use_and_the_new_one_saved(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    slack.oauth.rotation, slack.oauth.expires_in = True, 60  # inside Bolt's two-hour refresh window
    await install(hirebot, slack, ACME)
    first = slack.oauth.token_of(ACME)
    assert first is not None and first.startswith("xoxe.xoxb-")

    assert (await open_home(hirebot, ACME, "U0ACMEUSER")).status == 200
    [published] = await slack.wait_for("views.publish")
    [refresh] = slack.calls_to("oauth.v2.access", ok=True)[1:]
    assert refresh.body["grant_type"] == "refresh_token"
    rotated = slack.oauth.token_of(ACME)
    assert rotated not in (None, first) and token_of(published) == rotated
    saved = await installations(hirebot).async_find_installation(enterprise_id=None, team_id=ACME.team_id)
    assert saved is not None and saved.bot_token == rotated
    assert saved.bot_token_expires_at is not None and saved.bot_token_expires_at > time.time()


@pytest.mark.parametrize("cookie", ["same as the state", None])
async def test_a_forged_state_gets_a_clear_page_and_stores_nothing(
    hirebot: HirebotServer, slack: FakeSlackAPI, cookie: str | None
) -> None:
    forged = "forged-state-0123456789"
    code = slack.oauth.approve(ACME)
    status, page = await finish_install(
        hirebot, {"code": code, "state": forged}, cookie=forged if cookie is not None else None
    )
    assert status in (400, 401)
    assert messages.INSTALL_LINK_STALE.split(",")[0] in page and INSTALL_PATH in page
    assert slack.calls_to("oauth.v2.access") == [], "the code is never exchanged"
    assert await no_install_keys(hirebot)


async def test_a_used_or_expired_state_gets_the_same_page(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    started = await start_install(hirebot)
    await install_with(hirebot, slack, started.state)
    status, page = await finish_install(
        hirebot, {"code": slack.oauth.approve(GLOBEX), "state": started.state}, cookie=started.state
    )
    assert status == 401 and messages.INSTALL_LINK_STALE.split(",")[0] in page, "a state works once"

    late = await start_install(hirebot)
    store = hirebot.deps.store.unscoped()  # eleven minutes pass: the state was issued past its ten-minute expiry
    await store.put_document("oauth-state", late.state, {"issued_at": time.time() - 660}, ttl=60)
    status, page = await finish_install(
        hirebot, {"code": slack.oauth.approve(GLOBEX), "state": late.state}, cookie=late.state
    )
    assert status == 401 and messages.INSTALL_LINK_STALE.split(",")[0] in page
    assert await installations(hirebot).async_find_bot(enterprise_id=None, team_id=GLOBEX.team_id) is None


async def install_with(hirebot: HirebotServer, slack: FakeSlackAPI, state: str) -> None:
    status, page = await finish_install(hirebot, {"code": slack.oauth.approve(ACME), "state": state}, cookie=state)
    assert status == 200, page


@pytest.mark.parametrize("error", ["invalid_code", "invalid_team_for_non_distributed_app"])
async def test_slack_refusing_the_code_shows_slacks_error_and_stores_nothing(
    hirebot: HirebotServer, slack: FakeSlackAPI, error: str
) -> None:
    started = await start_install(hirebot)
    code = "never-issued" if error == "invalid_code" else slack.oauth.approve(ACME)
    if error != "invalid_code":
        slack.fail("oauth.v2.access", error=error)
    status, page = await finish_install(hirebot, {"code": code, "state": started.state}, cookie=started.state)
    assert status == 401
    assert f"Slack refused the install: {error}." in page
    assert await no_install_keys(hirebot)


@pytest.mark.parametrize("error", ["access_denied", '<script>alert("x")</script>'])
async def test_cancelling_in_slack_says_so(hirebot: HirebotServer, slack: FakeSlackAPI, error: str) -> None:
    started = await start_install(hirebot)
    status, page = await finish_install(hirebot, {"error": error, "state": started.state}, cookie=started.state)
    assert status == 200 and f"cancelled in Slack ({html.escape(error)})" in page
    assert "<script>" not in page, "what the redirect carries is shown escaped"
    assert slack.calls_to("oauth.v2.access") == [] and await no_install_keys(hirebot)


async def test_a_team_with_no_installation_is_answered_with_no_side_effect(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await install(hirebot, slack, ACME)
    slack.reset()
    response = await open_home(hirebot, GLOBEX, "U0GLOBUSER")
    assert response.status == 200
    assert slack.calls == [], "no Web API call for a workspace hirebot isn't installed in"


async def test_a_team_with_no_installation_is_logged_once(
    hirebot: HirebotServer, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    assert (await open_home(hirebot, GLOBEX, "U0GLOBUSER")).status == 200
    complaints = [r for r in caplog.records if r.levelno >= logging.WARNING]  # Bolt's authorization says it
    assert len(complaints) == 1 and "installed into this workspace" in complaints[0].getMessage()


async def test_with_redis_down_the_install_pages_say_so_and_nothing_breaks(
    settings: Settings, slack: FakeSlackAPI
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = settings.model_copy(update={"redis_url": SecretStr(f"redis://127.0.0.1:{port}/0")})
    server = TestServer(create_web_app(down), host="127.0.0.1", port=0)
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as session:
            for path, query in ((INSTALL_PATH, {}), (REDIRECT_PATH, {"code": "c", "state": "s"})):
                headers = {"Cookie": "slack-app-oauth-state=s"}
                async with session.get(server.make_url(path), params=query, headers=headers) as response:
                    assert response.status == 503, path
                    assert html.escape(messages.INSTALL_STORE_DOWN) in await response.text()
    finally:
        await server.close()
    assert slack.calls_to("oauth.v2.access") == []
