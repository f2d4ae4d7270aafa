"""Scorecard form submissions with every field missing, oversized or odd, and private_metadata tampered:
never a 5xx or an unhandled exception, errors only on fields the form has, nothing Slack would reject."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocks import ids
from tests.fakes.block_checks import shown
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import block_ids, form_state, open_form, submit

pytestmark = pytest.mark.fuzz

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ODD = st.one_of(
    st.text(max_size=200),
    st.just("x" * 12_000),
    st.just("<!channel> <@U0EVIL001> <https://e|x>"),
    st.just("\u202e\u0000\U0001f525"),
)
FIELDS = (
    ids.SCORECARD_CANDIDATE_BLOCK,
    ids.SCORECARD_ROLE_BLOCK,
    ids.SCORECARD_LEVEL_BLOCK,
    ids.SCORECARD_INTERVIEW_BLOCK,
    ids.SCORECARD_RECOMMENDATION_BLOCK,
    ids.SCORECARD_NOTES_BLOCK,
    ids.SCORECARD_RED_FLAGS_BLOCK,
    ids.SCORECARD_SIGNALS_BLOCK,
    ids.SCORECARD_QUESTIONS_BLOCK,
)


def mangle(state: dict[str, Any], block: str, how: str, odd: str) -> None:
    if block not in state:
        return
    if how == "drop":
        del state[block]
        return
    element = next(iter(state[block].values()))
    if how == "odd-value":
        if "value" in element:
            element["value"] = odd
        elif "selected_option" in element:
            element["selected_option"] = {"text": {"type": "plain_text", "text": odd[:75]}, "value": odd}
        elif "selected_options" in element:
            element["selected_options"] = [{"text": {"type": "plain_text", "text": "x"}, "value": odd}]
    elif how == "null":
        for key in ("value", "selected_option", "selected_options"):
            if key in element:
                element[key] = None


@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(FIELDS), st.sampled_from(["drop", "odd-value", "null"]), ODD), max_size=5
    ),
    metadata=st.one_of(st.none(), st.text(max_size=3000), st.just("{}"), st.just('{"role": "ceo"}')),
)
async def test_any_scorecard_submission(
    hirebot: HirebotServer,
    slack: FakeSlackAPI,
    caplog: pytest.LogCaptureFixture,
    changes: list[tuple[str, str, str]],
    metadata: str | None,
) -> None:
    caplog.clear()
    view = await open_form(hirebot, slack)
    state = form_state()
    for block, how, odd in changes:
        mangle(state, block, how, odd)
    ack = await submit(hirebot, view, state, private_metadata=metadata)
    action = ack.get("response_action")
    assert action in (None, "errors", "update")
    if action == "errors":
        assert ack["errors"]
        assert set(ack["errors"]) <= set(block_ids(view))
    if action == "update":
        for forbidden in ("<!channel>", "<@U0EVIL001>", "<https://e"):
            assert forbidden not in shown(ack["view"])
    await hirebot.settle(quiet_for=0.05)
    for call in slack.calls_to("chat.postMessage") + slack.calls_to("views.publish"):
        for forbidden in ("<!channel>", "<https://e"):
            assert forbidden not in shown(call.body.get("blocks") or call.body.get("view") or [])
    slack.assert_no_invalid_blocks()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
