"""Issue 12's "Done when": install into two workspaces by OAuth through the real server, then run the same
``/hire scorecard``, submission and ``/hire debrief`` in each. Each workspace's Web API calls carry its own bot
token, and neither ever sees the other's candidate, though both interviewed an "Ada Lovelace"."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from bot.config import Settings
from bot.store.departures import Departure, Departures
from bot.store.workspace import Workspace as Keyspace
from tests.fakes.payloads import event_payload, view_submission_payload
from tests.fakes.signing import interaction_body, json_body, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_oauth import Workspace
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.install_steps import ACME, GLOBEX, install, oauth_settings, token_of
from tests.scenarios.scorecard_steps import form_state, latest_view
from tests.waiting import eventually

NOTES = {ACME: "Acme's notes: built our eval harness in the take-home.", GLOBEX: "Globex's notes: vague on evals."}
ASKED = itertools.count()
INTERVIEWER = {ACME: "U0ACMEINTV", GLOBEX: "U0GLOBINTV"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return oauth_settings(settings)


async def hire(hirebot: HirebotServer, slack: FakeSlackAPI, workspace: Workspace, text: str, name: str) -> None:
    body = slash_command_body(
        text, user_id=INTERVIEWER[workspace], team_id=str(workspace.team_id), response_url=slack.response_url(name)
    )
    assert (await hirebot.post_signed(body)).status == 200


async def scorecard_round(hirebot: HirebotServer, slack: FakeSlackAPI, workspace: Workspace, candidate: str) -> None:
    """``/hire scorecard`` and the submission, from ``workspace``'s interviewer."""
    before = len(slack.calls_to("views.open"))
    await hire(hirebot, slack, workspace, f"scorecard {candidate}", f"open-{workspace.team_id}")
    [*_, opened] = await slack.wait_for("views.open", before + 1)
    await hirebot.settle(quiet_for=0)
    view = latest_view(slack, opened.response["view"]["id"])
    payload = view_submission_payload(
        ids.SCORECARD_VIEW,
        form_state(candidate=candidate, notes=NOTES[workspace]),
        view["private_metadata"],
        view_id=view["id"],
        blocks=view["blocks"],
        user_id=INTERVIEWER[workspace],
        team_id=str(workspace.team_id),
    )
    # Slack names the workspace the view's app is installed in (Bolt reads it first); the fake's views are one team's
    payload["view"] |= {"team_id": workspace.team_id, "app_installed_team_id": workspace.team_id}
    response = await hirebot.post_signed(interaction_body(payload))
    assert response.status == 200
    assert json.loads(await response.text()).get("response_action") == "update"
    await hirebot.settle(quiet_for=0)


async def debrief(hirebot: HirebotServer, slack: FakeSlackAPI, workspace: Workspace, candidate: str) -> str:
    name = f"debrief-{workspace.team_id}-{candidate}-{next(ASKED)}"
    await hire(hirebot, slack, workspace, f"debrief {candidate}", name)
    [reply] = await slack.wait_for(f"response_url:{name}")
    return json.dumps(reply.body)


async def test_two_workspaces_each_see_only_their_own_candidates_with_their_own_token(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    for workspace in (ACME, GLOBEX):
        await install(hirebot, slack, workspace)
    tokens = {workspace: slack.oauth.token_of(workspace) for workspace in (ACME, GLOBEX)}
    made: dict[Workspace, list[Any]] = {}
    for workspace in (ACME, GLOBEX):
        before = len(slack.calls)
        await scorecard_round(hirebot, slack, workspace, "Ada Lovelace")
        made[workspace] = [call for call in slack.calls[before:] if not call.method.startswith("response_url")]

    for workspace, calls in made.items():
        assert {call.method for call in calls} >= {"auth.test", "views.open"}
        assert {token_of(call) for call in calls} == {tokens[workspace]}, "every call with its own bot token"

    acme = await debrief(hirebot, slack, ACME, "Ada Lovelace")
    assert "(1 scorecard)" in acme and NOTES[ACME] in acme and NOTES[GLOBEX] not in acme
    assert INTERVIEWER[GLOBEX] not in acme
    globex = await debrief(hirebot, slack, GLOBEX, "Ada Lovelace")
    assert "(1 scorecard)" in globex and NOTES[GLOBEX] in globex and NOTES[ACME] not in globex
    assert INTERVIEWER[ACME] not in globex
    await scorecard_round(hirebot, slack, GLOBEX, "Grace Hopper")
    elsewhere = await debrief(hirebot, slack, ACME, "Grace Hopper")
    assert "Globex" not in elsewhere and INTERVIEWER[GLOBEX] not in elsewhere

    store = hirebot.deps.store
    for workspace in (ACME, GLOBEX):
        keyspace = f"{store.base_prefix}{Keyspace(team_id=workspace.team_id).keyspace}"
        assert [key async for key in store.redis.scan_iter(match=keyspace + "doc:scorecard:*")]
    unscoped = [key async for key in store.redis.scan_iter(match=f"{store.base_prefix}doc:scorecard:*")]
    assert unscoped == [], "no scorecard outside a workspace"
    slack.assert_no_invalid_blocks()


async def uninstall(hirebot: HirebotServer, slack: FakeSlackAPI, workspace: Workspace, event_id: str) -> Departure:
    slack.oauth.revoke(workspace)  # Slack has already revoked the token when it sends app_uninstalled
    event = event_payload({"type": "app_uninstalled"}, event_id=event_id, team_id=str(workspace.team_id))
    assert (await hirebot.post_signed(json_body(event))).status == 200
    departures = Departures(hirebot.deps.store.unscoped(), timedelta(days=30))
    departure = await eventually(
        lambda: departures.get(None, workspace.team_id), lambda found: found is not None, within=5, what="departure"
    )
    assert departure is not None
    return departure


async def test_an_uninstalled_workspace_finds_its_candidates_again_within_the_grace_period_and_never_after(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    for workspace in (ACME, GLOBEX):
        await install(hirebot, slack, workspace)
        await scorecard_round(hirebot, slack, workspace, "Ada Lovelace")

    await uninstall(hirebot, slack, ACME, "Ev0UNINST01")
    await install(hirebot, slack, ACME)
    assert NOTES[ACME] in await debrief(hirebot, slack, ACME, "Ada Lovelace"), "back within the grace period"

    departure = await uninstall(hirebot, slack, ACME, "Ev0UNINST02")
    sweeper = AsyncWebClient(base_url=slack.api_url)
    gone = await hirebot.deps.decisions.retention.sweep_all(sweeper, departure.delete_after + timedelta(seconds=1))
    assert gone is not None and [departure.team_id for departure in gone] == [ACME.team_id]
    store = hirebot.deps.store
    acme_keys = f"{store.base_prefix}{Keyspace(team_id=ACME.team_id).keyspace}*"
    assert [key async for key in store.redis.scan_iter(match=acme_keys)] == []

    await install(hirebot, slack, ACME)  # installed again after the grace period: a fresh start
    assert NOTES[ACME] not in await debrief(hirebot, slack, ACME, "Ada Lovelace")
    assert NOTES[GLOBEX] in await debrief(hirebot, slack, GLOBEX, "Ada Lovelace"), "the other workspace keeps its own"
