"""The App Home's Settings modal through the real server: an admin changes the hiring managers and the debrief's
blind rule follows at once, with no restart; anyone else is told who may."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from blocks import ids, messages
from bot.config import Settings
from bot.server import create_web_app
from tests.factories import scorecard
from tests.fakes.payloads import view_submission_payload
from tests.fakes.signing import block_actions_body, interaction_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import TEAM_ID
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.install_steps import ACME, GLOBEX, install, oauth_settings, token_of
from tests.scenarios.scorecard_steps import ALAN, GRACE, HIRING_MANAGER, latest_view, press, submit_scorecard
from tests.scenarios.test_scorecard_debrief import GRACE_NOTES, debrief


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,)})


async def open_settings(hirebot: HirebotServer, slack: FakeSlackAPI, user: str) -> dict[str, Any]:
    before = len(slack.calls_to("views.open"))
    await press(hirebot, ids.HOME_SETTINGS_ACTION, "settings", user=user, in_view=True)
    [*_, opened] = await slack.wait_for("views.open", before + 1)
    return latest_view(slack, opened.response["view"]["id"])


async def save_managers(
    hirebot: HirebotServer,
    view: dict[str, Any],
    managers: list[str],
    *,
    user: str,
    team: str = TEAM_ID,
    channel: str | None = None,
    retention: str | None = None,
    location: str | None = None,
    claude: str | None = None,
) -> str:
    state: dict[str, Any] = {
        ids.SETTINGS_MANAGERS_BLOCK: {
            ids.SETTINGS_MANAGERS_ACTION: {"type": "multi_users_select", "selected_users": managers}
        },
        ids.SETTINGS_CHANNEL_BLOCK: {
            ids.SETTINGS_CHANNEL_ACTION: {"type": "conversations_select", "selected_conversation": channel}
        },
        ids.SETTINGS_RETENTION_BLOCK: {ids.SETTINGS_RETENTION_ACTION: {"type": "number_input", "value": retention}},
        ids.SETTINGS_LOCATION_BLOCK: {ids.SETTINGS_LOCATION_ACTION: {"type": "plain_text_input", "value": location}},
    }
    if claude is not None:  # the radio buttons, offered only when hirebot has an Anthropic key
        option = {"text": {"type": "plain_text", "text": claude}, "value": claude}
        state[ids.SETTINGS_CLAUDE_BLOCK] = {
            ids.SETTINGS_CLAUDE_ACTION: {"type": "radio_buttons", "selected_option": option}
        }
    payload = view_submission_payload(
        ids.SETTINGS_VIEW,
        state,
        view["private_metadata"],
        view_id=view["id"],
        blocks=view["blocks"],
        user_id=user,
        team_id=team,
    )
    payload["view"] |= {"team_id": team, "app_installed_team_id": team}  # the fake's views are one team's
    response = await hirebot.post_signed(interaction_body(payload))
    assert response.status == 200
    return await response.text()


async def test_an_admin_makes_alan_a_hiring_manager_and_the_blind_rule_follows_at_once(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE, notes=GRACE_NOTES)
    assert GRACE_NOTES not in str(await debrief(hirebot, slack, ALAN, "alan-before")), "blind: not a manager"

    view = await open_settings(hirebot, slack, HIRING_MANAGER)
    [managers] = [block for block in view["blocks"] if block.get("block_id") == ids.SETTINGS_MANAGERS_BLOCK]
    assert managers["element"]["initial_users"] == [HIRING_MANAGER], "HIRING_MANAGERS until saved"
    assert await save_managers(hirebot, view, [HIRING_MANAGER, ALAN], user=HIRING_MANAGER) == ""
    [*_, published] = await slack.wait_for("views.publish")
    assert "2 hiring manager(s)" in str(published.body["view"])

    assert GRACE_NOTES in str(await debrief(hirebot, slack, ALAN, "alan-manager")), "a manager sees it all, now"

    view = await open_settings(hirebot, slack, ALAN)  # a hiring manager is an admin too
    assert await save_managers(hirebot, view, [HIRING_MANAGER], user=ALAN) == ""
    assert GRACE_NOTES not in str(await debrief(hirebot, slack, ALAN, "alan-after")), "blind again"
    slack.assert_no_invalid_blocks()


async def test_the_hiring_channel_an_admin_picks_hears_about_the_next_scorecard(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    view = await open_settings(hirebot, slack, HIRING_MANAGER)
    assert await save_managers(hirebot, view, [HIRING_MANAGER], user=HIRING_MANAGER, channel="C0NEWHIRE1") == ""
    [hello] = slack.calls_to("chat.postMessage")
    assert hello.body["channel"] == "C0NEWHIRE1", "checked by posting what the channel is now for"

    await submit_scorecard(hirebot, slack, user=GRACE, notes=GRACE_NOTES)
    [*_, summary] = await slack.wait_for("chat.postMessage", 2)
    assert summary.body["channel"] == "C0NEWHIRE1" and GRACE_NOTES not in str(summary.body)


async def test_a_channel_hirebot_cannot_post_in_is_refused_inline_and_nothing_is_saved(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE, notes=GRACE_NOTES)
    view = await open_settings(hirebot, slack, HIRING_MANAGER)
    slack.fail("chat.postMessage", error="not_in_channel")
    refused = await save_managers(hirebot, view, [HIRING_MANAGER, ALAN], user=HIRING_MANAGER, channel="C0PRIVATE1")
    assert ids.SETTINGS_CHANNEL_BLOCK in refused and "not_in_channel" in refused and "/invite @hirebot" in refused
    assert GRACE_NOTES not in str(await debrief(hirebot, slack, ALAN, "alan")), "Alan was not made a manager"


async def test_the_retention_period_an_admin_sets_is_the_next_sweeps(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    now = datetime.now(UTC)
    await hirebot.deps.scorecard_records.save(scorecard(at=now - timedelta(days=40)))
    retention = hirebot.deps.decisions.retention
    assert await retention.due(now) == [], "HIREBOT_RETENTION_DAYS (365) until an admin says otherwise"

    view = await open_settings(hirebot, slack, HIRING_MANAGER)
    [days] = [block for block in view["blocks"] if block.get("block_id") == ids.SETTINGS_RETENTION_BLOCK]
    assert days["element"]["initial_value"] == "365"
    refused = await save_managers(hirebot, view, [HIRING_MANAGER], user=HIRING_MANAGER, retention="0")
    assert ids.SETTINGS_RETENTION_BLOCK in refused and messages.SETTINGS_RETENTION_INVALID in refused
    assert await save_managers(hirebot, view, [HIRING_MANAGER], user=HIRING_MANAGER, retention="30") == ""

    assert [due.candidate for due in await retention.due(now)] == ["Ada Lovelace"]


async def test_someone_who_is_not_an_admin_is_told_who_may_and_cannot_save(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await press(hirebot, ids.HOME_SETTINGS_ACTION, "settings", user=GRACE, in_view=True)
    [published] = await slack.wait_for("views.publish")
    assert messages.SETTINGS_ADMINS_ONLY.split(".")[0] in str(published.body["view"])
    assert slack.calls_to("views.open") == []

    forged = {"id": "V0FORGED01", "private_metadata": "", "blocks": []}
    refused = await save_managers(hirebot, forged, [GRACE], user=GRACE)
    assert "errors" in refused and "Only whoever installed" in refused


async def test_with_oauth_the_installer_is_the_admin_and_each_workspace_has_its_own_managers(
    settings: Settings, slack: FakeSlackAPI
) -> None:
    server = TestServer(create_web_app(oauth_settings(settings)), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session, contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(server.close)
        hirebot = HirebotServer(server, session)
        for workspace in (ACME, GLOBEX):
            await install(hirebot, slack, workspace)
        acme = await open_settings_in(hirebot, slack, str(ACME.team_id), str(ACME.installer))
        assert token_of(slack.calls_to("views.open")[-1]) == slack.oauth.token_of(ACME)
        reply = await save_managers(hirebot, acme, ["U0ACMEINTV"], user=str(ACME.installer), team=str(ACME.team_id))
        assert reply == ""

        globex = await open_settings_in(hirebot, slack, str(GLOBEX.team_id), str(GLOBEX.installer))
        [managers] = [block for block in globex["blocks"] if block.get("block_id") == ids.SETTINGS_MANAGERS_BLOCK]
        assert managers["element"]["initial_users"] == [HIRING_MANAGER], "the environment's default, not Acme's"


async def open_settings_in(hirebot: HirebotServer, slack: FakeSlackAPI, team: str, user: str) -> dict[str, Any]:
    before = len(slack.calls_to("views.open"))
    home = {"id": "VHOME000001", "type": "home", "team_id": team, "app_installed_team_id": team}
    body = block_actions_body(ids.HOME_SETTINGS_ACTION, "settings", user_id=user, team_id=team, view=home)
    assert (await hirebot.post_signed(body)).status == 200
    [*_, opened] = await slack.wait_for("views.open", before + 1)
    return latest_view(slack, opened.response["view"]["id"])


async def test_without_an_anthropic_key_the_modal_says_claude_is_unavailable_and_offers_no_switch(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    view = await open_settings(hirebot, slack, HIRING_MANAGER)
    assert [block for block in view["blocks"] if block.get("block_id") == ids.SETTINGS_CLAUDE_BLOCK] == []
    [said] = [block for block in view["blocks"] if "Claude" in str(block)]
    assert said["type"] == "context" and "not available" in str(said) and "ANTHROPIC_API_KEY" in str(said)
    assert await save_managers(hirebot, view, [HIRING_MANAGER], user=HIRING_MANAGER) == ""
    saved = await hirebot.deps.scorecards.home.team.current()
    assert saved.changed_by == HIRING_MANAGER and saved.use_claude is None, "a key added later gives the default"
