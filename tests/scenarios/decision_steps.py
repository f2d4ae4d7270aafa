"""Steps for decision, offer and forget scenarios: what a hiring manager does in Slack, as signed requests."""

from __future__ import annotations

import json
from typing import Any

from blocks import ids
from tests.fakes.payloads import view_submission_payload
from tests.fakes.signing import interaction_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import HIRING_MANAGER, command, latest_view

JsonDict = dict[str, Any]


def option(value: str) -> JsonDict:
    return {"text": {"type": "plain_text", "text": value}, "value": value}


def decision_state(outcome: str | None = "hire", level: str | None = "senior", reasons: str = "") -> JsonDict:
    return {
        ids.DECISION_OUTCOME_BLOCK: {
            ids.DECISION_OUTCOME_ACTION: {
                "type": "radio_buttons",
                "selected_option": option(outcome) if outcome else None,
            }
        },
        ids.DECISION_LEVEL_BLOCK: {
            ids.DECISION_LEVEL_ACTION: {"type": "static_select", "selected_option": option(level) if level else None}
        },
        ids.DECISION_REASONS_BLOCK: {ids.DECISION_REASONS_ACTION: {"type": "plain_text_input", "value": reasons}},
    }


def offer_state(location: str = "", *, founding: bool = False, share: str = "private") -> JsonDict:
    return {
        ids.OFFER_LOCATION_BLOCK: {ids.OFFER_LOCATION_ACTION: {"type": "plain_text_input", "value": location}},
        ids.OFFER_FOUNDING_BLOCK: {
            ids.OFFER_FOUNDING_ACTION: {
                "type": "checkboxes",
                "selected_options": [option("founding")] if founding else [],
            }
        },
        ids.OFFER_SHARE_BLOCK: {ids.OFFER_SHARE_ACTION: {"type": "radio_buttons", "selected_option": option(share)}},
    }


async def open_modal(
    hirebot: HirebotServer, slack: FakeSlackAPI, text: str, *, user: str = HIRING_MANAGER, name: str = "cmd"
) -> JsonDict:
    """Runs ``/hire text`` and returns the modal it opened, as Slack holds it."""
    before = len(slack.calls_to("views.open"))
    await command(hirebot, slack, text, user=user, name=name)
    [*_, opened] = await slack.wait_for("views.open", before + 1)
    return latest_view(slack, opened.response["view"]["id"])


async def reply_to(hirebot: HirebotServer, slack: FakeSlackAPI, text: str, *, user: str, name: str) -> JsonDict:
    """Runs ``/hire text`` and returns the ephemeral reply it got."""
    await command(hirebot, slack, text, user=user, name=name)
    [reply] = await slack.wait_for(f"response_url:{name}")
    body: JsonDict = reply.body
    return body


async def submit_view(
    hirebot: HirebotServer, view: JsonDict, state: JsonDict, *, user: str = HIRING_MANAGER
) -> JsonDict:
    """Submits ``view`` (any callback) with ``state``; returns the ack Slack gets."""
    payload = view_submission_payload(
        view["callback_id"],
        state,
        view["private_metadata"],
        view_id=view["id"],
        blocks=view["blocks"],
        user_id=user,
    )
    response = await hirebot.post_signed(interaction_body(payload))
    assert response.status == 200
    text = await response.text()
    return json.loads(text) if text else {}


def view_text(view: JsonDict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)
