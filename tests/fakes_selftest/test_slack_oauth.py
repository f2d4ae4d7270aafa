"""The fake's ``oauth.v2.access``, through slack_sdk's real client, against Slack's documented behaviour."""

from __future__ import annotations

import logging

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET, Workspace

ACME = Workspace("T0ACME0001", "Acme", installer="U0ACMEADMN")
QUIET = logging.getLogger("tests.fakes_selftest.oauth_client")  # slack_sdk logs response bodies (tokens) at DEBUG
QUIET.setLevel(logging.INFO)


def oauth_client(slack: FakeSlackAPI) -> AsyncWebClient:
    return AsyncWebClient(base_url=slack.api_url, logger=QUIET)


async def test_a_code_is_exchanged_once_for_the_workspaces_bot_token(slack: FakeSlackAPI) -> None:
    client = oauth_client(slack)
    code = slack.oauth.approve(ACME)
    grant = await client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
    assert grant["token_type"] == "bot" and grant["access_token"].startswith("xoxb-")
    assert grant["team"] == {"id": "T0ACME0001", "name": "Acme"} and grant["enterprise"] is None
    assert grant["authed_user"] == {"id": "U0ACMEADMN"} and grant["is_enterprise_install"] is False
    assert "refresh_token" not in grant.data, "no rotation unless the app turns it on"
    with pytest.raises(SlackApiError) as reused:
        await client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
    assert reused.value.response["error"] == "invalid_code"

    auth = await AsyncWebClient(token=grant["access_token"], base_url=slack.api_url, logger=QUIET).auth_test()
    assert (auth["team_id"], auth["is_enterprise_install"]) == ("T0ACME0001", False)


@pytest.mark.parametrize(
    ("client_id", "client_secret", "error"),
    [("1.2", CLIENT_SECRET, "invalid_client_id"), (CLIENT_ID, "wrong", "bad_client_secret")],
)
async def test_wrong_client_credentials_are_refused(
    slack: FakeSlackAPI, client_id: str, client_secret: str, error: str
) -> None:
    client = oauth_client(slack)
    with pytest.raises(SlackApiError) as refused:
        await client.oauth_v2_access(client_id=client_id, client_secret=client_secret, code=slack.oauth.approve(ACME))
    assert refused.value.response["error"] == error


async def test_an_org_wide_install_and_a_rotated_token(slack: FakeSlackAPI) -> None:
    slack.oauth.rotation = True
    client = oauth_client(slack)
    org = Workspace(None, enterprise_id="E0GRID0001", enterprise_name="Initech")
    grant = await client.oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=slack.oauth.approve(org)
    )
    assert grant["team"] is None and grant["is_enterprise_install"] is True
    assert grant["enterprise"] == {"id": "E0GRID0001", "name": "Initech"}
    assert grant["access_token"].startswith("xoxe.xoxb-") and grant["expires_in"] > 0

    refreshed = await client.oauth_v2_access(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        grant_type="refresh_token",
        refresh_token=grant["refresh_token"],
    )
    assert refreshed["access_token"] != grant["access_token"]
    with pytest.raises(SlackApiError) as old:
        await AsyncWebClient(token=grant["access_token"], base_url=slack.api_url, logger=QUIET).auth_test()
    assert old.value.response["error"] == "token_revoked"
    with pytest.raises(SlackApiError) as reused:
        await client.oauth_v2_access(
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            grant_type="refresh_token",
            refresh_token=grant["refresh_token"],
        )
    assert reused.value.response["error"] == "invalid_refresh_token"
