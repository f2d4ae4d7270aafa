"""Hypothesis over every input surface, through the real server: never a 5xx, never an unhandled exception,
never a Block Kit payload over Slack's limits (the fake rejects those), never live markup from user text."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from blocks import ids
from bot.hire.router import slack_subcommand
from tests.fakes.block_checks import check_message_blocks, shown
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import block_actions_body, event_body, sign_request, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer

pytestmark = pytest.mark.fuzz

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LIVE_MARKUP = ("<!channel", "<!here", "<!everyone", "<@U", "<http")
RANDOM_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=4000)
# Text shaped like real use, laced with markup, so user text actually reaches the cards.
WORDS = [
    "pay",
    "ask",
    "help",
    "ai-vs-lm",
    "questions",
    "senior",
    "mle",
    "ai",
    "engineer",
    "sf",
    "nyc",
    "london",
    "remote",
    "equity",
    "red",
    "flags",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U0123ABC>",
    "<https://evil.example|payroll>",
    "*bold*",
    "&amp;",
    "\u202e",
    "\U0001f525",
    "x" * 300,
]
SLACK_LIKE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
ODD_TEXT = st.one_of(SLACK_LIKE, RANDOM_TEXT)
BUTTONS = [
    ids.SHARE_ACTION,
    f"{ids.AI_VS_ML_CHOICE_ACTION}:moat",
    ids.FEEDBACK_HELPFUL_ACTION,
    ids.FEEDBACK_UNHELPFUL_ACTION,
    ids.ANSWER_MORE_ACTION,
]


def no_live_markup(payload: Any) -> None:
    rendered = shown(payload)
    for markup in LIVE_MARKUP:
        assert markup not in rendered


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


@FUZZ
@given(text=ODD_TEXT)
async def test_any_hire_text(
    hirebot: HirebotServer, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    assume(slack_subcommand(text) is None)  # those open a form; tests/scenarios fuzz them
    caplog.clear()
    response = await hirebot.post_signed(slash_command_body(text))
    assert response.status == 200
    reply = await response.json()
    assert reply["response_type"] == "ephemeral"
    assert check_message_blocks(reply["blocks"]) == []
    no_live_markup(reply["blocks"])
    assert reply["text"]
    assert errors_logged(caplog) == []


@FUZZ
@given(action=st.sampled_from(BUTTONS), value=st.text(max_size=2000))
async def test_any_button_value(
    hirebot: HirebotServer, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture, action: str, value: str
) -> None:
    caplog.clear()
    slack.reset()
    body = block_actions_body(action, value, response_url=slack.response_url("fuzz"))
    assert (await hirebot.post_signed(body)).status == 200
    await hirebot.settle(quiet_for=0.05)
    for call in slack.calls_to("response_url:fuzz"):
        if call.body.get("response_type") == "in_channel":
            no_live_markup(call.body.get("blocks", []))
        assert check_message_blocks(call.body.get("blocks", [])) == []
    slack.assert_no_invalid_blocks()
    assert errors_logged(caplog) == []


EVENT_FIELDS = ("user", "channel", "text", "ts", "channel_type", "team", "event_ts")


@FUZZ
@given(
    text=ODD_TEXT,
    dropped=st.sets(st.sampled_from(EVENT_FIELDS)),
    subtype=st.one_of(st.none(), st.sampled_from(["message_changed", "bot_message", "file_share", "weird"])),
    thread=st.booleans(),
)
async def test_any_message_event(
    hirebot: HirebotServer,
    slack: FakeSlackAPI,
    caplog: pytest.LogCaptureFixture,
    text: str,
    dropped: set[str],
    subtype: str | None,
    thread: bool,
) -> None:
    caplog.clear()
    slack.reset()
    event = message_event(text or " ", thread_ts="1712345678.000100" if thread else None)
    for field in dropped:
        event.pop(field, None)
    if subtype:
        event["subtype"] = subtype
    response = await hirebot.post_signed(event_body(event, event_id=new_event_id()))
    assert response.status < 500
    await hirebot.settle(quiet_for=0.05)
    for call in slack.calls_to("chat.postMessage") + slack.calls_to("chat.update"):
        no_live_markup(call.body.get("blocks", []))
    slack.assert_no_invalid_blocks()
    assert errors_logged(caplog) == []


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=3000).map(str.encode),
        st.dictionaries(st.text(max_size=20), st.text(max_size=50)).map(lambda d: json.dumps(d).encode()),
    )
)
async def test_any_signed_body_is_never_a_server_error(hirebot: HirebotServer, body: bytes) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign_request(SIGNING_SECRET, body)}
    response = await hirebot.session.post(hirebot.events_url, data=body, headers=headers)
    assert response.status < 500
