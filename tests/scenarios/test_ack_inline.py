"""Listeners run inline (``process_before_response``) and ack before any slow work: what Slack waits on never
includes a Slack API call or an answer, which run in the referenced background tasks instead."""

from __future__ import annotations

from blocks import ids
from bot.server import BOLT_APP
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import GRACE, command, shortcut


def test_the_app_processes_listeners_before_responding(hirebot: HirebotServer) -> None:
    assert hirebot.server.app[BOLT_APP].process_before_response is True


async def test_a_slow_views_open_runs_after_the_ack(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.slow("views.open", 1.0)
    await shortcut(hirebot, ids.SCORECARD_SHORTCUT, user=GRACE)
    assert len(hirebot.deps.tasks) == 1  # acked while the form is still being opened
    await slack.wait_for("views.open")
    await hirebot.settle(quiet_for=0)
    assert len(slack.calls_to("views.open", ok=True)) == 1


async def test_a_slow_scorecard_subcommand_runs_after_the_ack(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.slow("views.open", 1.0)
    await command(hirebot, slack, "scorecard Ada Lovelace")
    assert len(hirebot.deps.tasks) == 1
    await hirebot.settle(quiet_for=0)
    assert len(slack.calls_to("views.open", ok=True)) == 1


async def test_a_dm_is_acked_before_it_is_claimed_or_answered(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.slow("chat.postMessage", 1.0)
    body = event_body(message_event("senior ML engineer in SF?"), event_id=new_event_id())
    assert (await hirebot.post_signed(body)).status == 200
    assert len(hirebot.deps.tasks) >= 1
    await slack.wait_for("chat.postMessage")
    await hirebot.settle(quiet_for=0)
    assert len(slack.calls_to("chat.postMessage", ok=True)) == 1
