"""Whatever arrives as scorecard subcommand text or scorecard button values: a reply or a form, never an error
logged, never a payload Slack would reject, never live markup."""

from __future__ import annotations

import asyncio
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocks import ids
from tests.fakes.block_checks import shown
from tests.fakes.signing import block_actions_body, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import GRACE

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = [
    "Ada",
    "Lovelace",
    "<@U0GRACE001|grace>",
    "<!channel>",
    "in",
    "45m",
    "at",
    "16:00",
    "tomorrow",
    "*x*",
    "&lt;b&gt;",
    "\u202e",
    "x" * 200,
    "10:00",
    "2:30am",
    "days",
]
ARGS = st.one_of(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join), st.text(max_size=300))
REPLIES = ("views.open", "response_url:fuzz")


async def replies(slack: FakeSlackAPI, before: int) -> None:
    for _ in range(250):
        if sum(len(slack.calls_to(method, ok=None)) for method in REPLIES) > before:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("no reply and no form")


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


@FUZZ
@given(subcommand=st.sampled_from(["scorecard", "debrief", "remind"]), args=ARGS)
async def test_any_scorecard_subcommand(
    hirebot: HirebotServer, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture, subcommand: str, args: str
) -> None:
    caplog.clear()
    before = sum(len(slack.calls_to(method, ok=None)) for method in REPLIES)
    body = slash_command_body(f"{subcommand} {args}", user_id=GRACE, response_url=slack.response_url("fuzz"))
    assert (await hirebot.post_signed(body)).status == 200
    await replies(slack, before)
    slack.assert_no_invalid_blocks()
    for call in slack.calls_to("response_url:fuzz"):
        for markup in ("<!channel", "<!here", "<http"):
            assert markup not in shown(call.body)
    assert errors(caplog) == []


@FUZZ
@given(
    action=st.sampled_from(
        [
            ids.FILL_SCORECARD_ACTION,
            ids.EDIT_SCORECARD_ACTION,
            ids.SHOW_SCORECARD_ACTION,
            ids.OPEN_DEBRIEF_ACTION,
            ids.CANCEL_REMINDER_ACTION,
            ids.HOME_ASK_ACTION,
        ]
    ),
    value=st.one_of(
        st.text(max_size=2000),
        st.sampled_from(['{"candidate": "<!here>"}', '{"scorecard": "a/b/c"}', '{"reminder": "x"}', "{}"]),
    ),
)
async def test_any_scorecard_button_value(
    hirebot: HirebotServer, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture, action: str, value: str
) -> None:
    caplog.clear()
    body = block_actions_body(action, value, user_id=GRACE, response_url=slack.response_url("fuzz"))
    assert (await hirebot.post_signed(body)).status == 200
    await asyncio.sleep(0.03)
    slack.assert_no_invalid_blocks()
    assert errors(caplog) == []
