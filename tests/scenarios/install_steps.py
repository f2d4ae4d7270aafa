"""Installing hirebot by OAuth through the real server, the way a browser and Slack do it: open ``/slack/install``
(which sets the state cookie and links to Slack's authorize page), let the fake Slack approve the workspace, then
follow the redirect to ``/slack/oauth_redirect`` with the code, the state and the cookie."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
from pydantic import SecretStr

from bot.config import Settings
from bot.install.routes import INSTALL_PATH, REDIRECT_PATH
from bot.store.installations import RedisInstallationStore
from tests.fakes.payloads import app_home_opened_event, event_payload
from tests.fakes.signing import json_body
from tests.fakes.slack_api import FakeSlackAPI, RecordedCall
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET, Workspace
from tests.scenarios.conftest import HirebotServer

ROOT = Path(__file__).resolve().parents[2]
STATE_COOKIE = "slack-app-oauth-state"
ACME = Workspace("T0ACME0001", "Acme", installer="U0ACMEADMN")
GLOBEX = Workspace("T0GLOBEX01", "Globex", installer="U0GLOBEXAD")


def oauth_settings(settings: Settings) -> Settings:
    """The scenario settings as an OAuth app: client credentials, no bot token."""
    return settings.model_copy(
        update={
            "slack_bot_token": None,
            "slack_app_token": None,
            "slack_client_id": CLIENT_ID,
            "slack_client_secret": SecretStr(CLIENT_SECRET),
            "hirebot_manifest": ROOT / "manifest.yml",
        }
    )


@dataclass
class Started:
    """What ``/slack/install`` gave the browser."""

    page: str
    state: str
    authorize_query: dict[str, list[str]]


async def start_install(hirebot: HirebotServer) -> Started:
    async with hirebot.session.get(hirebot.server.make_url(INSTALL_PATH)) as page:
        assert page.status == 200, await page.text()
        text = await page.text()
        cookie = page.cookies[STATE_COOKIE].value
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', text)
    assert link is not None, text
    query = parse_qs(urlsplit(html.unescape(link.group(1))).query)
    assert query["state"] == [cookie], "the cookie carries the state the authorize link carries"
    return Started(page=text, state=cookie, authorize_query=query)


async def finish_install(hirebot: HirebotServer, query: dict[str, str], *, cookie: str | None) -> tuple[int, str]:
    headers = {"Cookie": f"{STATE_COOKIE}={cookie}"} if cookie is not None else {}
    url = hirebot.server.make_url(REDIRECT_PATH)
    async with hirebot.session.get(url, params=query, headers=headers) as response:
        return response.status, await response.text()


async def install(hirebot: HirebotServer, slack: FakeSlackAPI, workspace: Workspace) -> str:
    """The whole install; returns the success page."""
    started = await start_install(hirebot)
    code = slack.oauth.approve(workspace)
    status, page = await finish_install(hirebot, {"code": code, "state": started.state}, cookie=started.state)
    assert status == 200, page
    return page


def installations(hirebot: HirebotServer) -> RedisInstallationStore:
    return RedisInstallationStore(hirebot.deps.store.unscoped(), CLIENT_ID)


async def open_home(hirebot: HirebotServer, workspace: Workspace, user: str) -> aiohttp.ClientResponse:
    """``app_home_opened`` from ``workspace``; for an org-wide install, from a workspace of the org."""
    body = event_payload(app_home_opened_event(user_id=user), team_id=workspace.team_id or "T0ORGTEAM1")
    if workspace.enterprise_id is not None:
        body["enterprise_id"] = body["context_enterprise_id"] = workspace.enterprise_id
        body["authorizations"][0] |= {"enterprise_id": workspace.enterprise_id, "is_enterprise_install": True}
        body["is_enterprise_install"] = workspace.org_wide
    return await hirebot.post_signed(json_body(body))


def token_of(call: RecordedCall) -> str:
    return call.headers.get("Authorization", "").removeprefix("Bearer ")


async def no_install_keys(hirebot: HirebotServer) -> bool:
    store = hirebot.deps.store
    pattern = f"{store.base_prefix}doc:slack-*"
    return [key async for key in store.redis.scan_iter(match=pattern)] == []
