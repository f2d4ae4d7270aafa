"""Steps for scorecard scenarios: what an interviewer does in Slack, as signed requests to the real server."""

from __future__ import annotations

import json
from typing import Any

from blocks import ids
from tests.fakes.payloads import app_home_opened_event, new_trigger_id, view_submission_payload
from tests.fakes.signing import block_actions_body, event_body, interaction_body, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import TEAM_DOMAIN, TEAM_ID, USER_ID, VERIFICATION_TOKEN
from tests.scenarios.conftest import HirebotServer

HIRING_MANAGER = USER_ID
GRACE = "U0GRACE001"
ALAN = "U0ALAN0001"
KATHERINE = "U0KATHERIN"
AI_RATINGS = {"prompt": 3, "product": 4, "evaluation": 2}
ML_RATINGS = {"data": 2, "training": 3, "research": 4}

JsonDict = dict[str, Any]


def form_state(
    *,
    candidate: str | None = "Ada Lovelace",
    role: str | None = "ai",
    level: str | None = "senior",
    interview: str | None = "technical",
    ratings: dict[str, int] | None = None,
    red_flags: tuple[str, ...] = (),
    signals: tuple[str, ...] = (),
    questions: tuple[str, ...] = (),
    recommendation: str | None = "yes",
    notes: str | None = "Walked through a real eval suite; strong on failure modes.",
) -> JsonDict:
    """``view.state.values`` the way Slack sends it for the scorecard form."""

    def option(value: str | None) -> JsonDict | None:
        return None if value is None else {"text": {"type": "plain_text", "text": value}, "value": value}

    def checked(values: tuple[str, ...]) -> JsonDict:
        return {
            ids.SCORECARD_CHECKBOXES_ACTION: {"type": "checkboxes", "selected_options": [option(v) for v in values]}
        }

    if ratings is None:
        ratings = AI_RATINGS if role == "ai" else ML_RATINGS
    state: JsonDict = {
        ids.SCORECARD_CANDIDATE_BLOCK: {
            ids.SCORECARD_CANDIDATE_ACTION: {"type": "plain_text_input", "value": candidate}
        },
        ids.SCORECARD_ROLE_BLOCK: {
            ids.SCORECARD_ROLE_ACTION: {"type": "static_select", "selected_option": option(role)}
        },
        ids.SCORECARD_LEVEL_BLOCK: {
            ids.SCORECARD_LEVEL_ACTION: {"type": "static_select", "selected_option": option(level)}
        },
        ids.SCORECARD_INTERVIEW_BLOCK: {
            ids.SCORECARD_INTERVIEW_ACTION: {"type": "static_select", "selected_option": option(interview)}
        },
        ids.SCORECARD_RECOMMENDATION_BLOCK: {
            ids.SCORECARD_RECOMMENDATION_ACTION: {"type": "radio_buttons", "selected_option": option(recommendation)}
        },
        ids.SCORECARD_NOTES_BLOCK: {ids.SCORECARD_NOTES_ACTION: {"type": "plain_text_input", "value": notes}},
    }
    for key, score in ratings.items():
        state[ids.SCORECARD_RATING_BLOCK_PREFIX + key] = {
            ids.SCORECARD_RATING_ACTION: {"type": "radio_buttons", "selected_option": option(str(score))}
        }
    if role is not None:
        state[ids.SCORECARD_RED_FLAGS_BLOCK] = checked(red_flags)
        state[ids.SCORECARD_SIGNALS_BLOCK] = checked(signals)
        state[ids.SCORECARD_QUESTIONS_BLOCK] = checked(questions)
    return state


def block_ids(view: JsonDict) -> list[str]:
    return [block["block_id"] for block in view["blocks"] if "block_id" in block]


def initial(view: JsonDict, block_id: str) -> Any:
    """The initial value an input block shows: text, the chosen option's value, or the ticked values."""
    [block] = [block for block in view["blocks"] if block.get("block_id") == block_id]
    element = block["element"]
    if "initial_value" in element:
        return element["initial_value"]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [option["value"] for option in element["initial_options"]]
    return None


async def command(
    hirebot: HirebotServer, slack: FakeSlackAPI, text: str, *, user: str = GRACE, name: str = "cmd"
) -> None:
    body = slash_command_body(text, user_id=user, response_url=slack.response_url(name))
    response = await hirebot.post_signed(body)
    assert response.status == 200
    assert await response.text() == "", "scorecard subcommands ack empty, then answer"


async def open_form(
    hirebot: HirebotServer, slack: FakeSlackAPI, text: str = "scorecard Ada Lovelace", *, user: str = GRACE
) -> JsonDict:
    """Runs the command and returns the view as Slack holds it after the last update."""
    before = len(slack.calls_to("views.open"))
    await command(hirebot, slack, text, user=user)
    [*_, opened] = await slack.wait_for("views.open", before + 1)
    await hirebot.settle(quiet_for=0)  # and the update with what the store adds, made by the same background task
    view_id = opened.response["view"]["id"]
    return latest_view(slack, view_id)


def latest_view(slack: FakeSlackAPI, view_id: str) -> JsonDict:
    view: JsonDict = slack.workspace.views[view_id]
    return view


async def submit(
    hirebot: HirebotServer,
    view: JsonDict,
    state: JsonDict,
    *,
    user: str = GRACE,
    private_metadata: str | None = None,
) -> JsonDict:
    """Submits ``view`` with ``state``; returns the ack Slack gets (``response_action`` and its details)."""
    payload = view_submission_payload(
        ids.SCORECARD_VIEW,
        state,
        view["private_metadata"] if private_metadata is None else private_metadata,
        view_id=view["id"],
        blocks=view["blocks"],
        user_id=user,
    )
    response = await hirebot.post_signed(interaction_body(payload))
    assert response.status == 200
    text = await response.text()
    return json.loads(text) if text else {}


async def switch_role(
    hirebot: HirebotServer, slack: FakeSlackAPI, view: JsonDict, state: JsonDict, role: str, *, user: str = GRACE
) -> JsonDict:
    before = len(slack.calls_to("views.update"))
    body = block_actions_body(
        ids.SCORECARD_ROLE_ACTION,
        role,
        block_id=ids.SCORECARD_ROLE_BLOCK,
        action_type="static_select",
        action_text=role,
        user_id=user,
        view={
            "id": view["id"],
            "hash": view["hash"],
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "blocks": view["blocks"],
        },
        state_values=state,
    )
    assert (await hirebot.post_signed(body)).status == 200
    await slack.wait_for("views.update", before + 1)
    return latest_view(slack, view["id"])


async def press(
    hirebot: HirebotServer,
    action_id: str,
    value: str,
    *,
    user: str,
    response_url: str | None = None,
    in_view: bool = False,
) -> None:
    """Presses a button in a message (with a response URL) or, with ``in_view``, in the App Home."""
    fields: JsonDict = {"user_id": user, "trigger_id": new_trigger_id()}
    if in_view:
        fields["view"] = {"id": "VHOME000001", "type": "home"}
    elif response_url is not None:
        fields["response_url"] = response_url
    body = block_actions_body(action_id, value, **fields)
    assert (await hirebot.post_signed(body)).status == 200


async def open_home(hirebot: HirebotServer, slack: FakeSlackAPI, user: str) -> JsonDict:
    before = len(slack.calls_to("views.publish"))
    assert (await hirebot.post_signed(event_body(app_home_opened_event(user_id=user)))).status == 200
    [*_, published] = await slack.wait_for("views.publish", before + 1)
    assert published.body["user_id"] == user
    view: JsonDict = published.body["view"]
    return view


async def shortcut(hirebot: HirebotServer, callback_id: str, *, user: str) -> None:
    payload = {
        "type": "shortcut",
        "token": VERIFICATION_TOKEN,
        "action_ts": "1712345678.000100",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": {"id": user, "username": "someone", "team_id": TEAM_ID},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": new_trigger_id(),
    }
    assert (await hirebot.post_signed(interaction_body(payload))).status == 200


async def submit_scorecard(
    hirebot: HirebotServer, slack: FakeSlackAPI, *, user: str = GRACE, candidate: str = "Ada Lovelace", **state: Any
) -> JsonDict:
    """The whole round: open the form for ``candidate`` and save it; waits for the follow-ups to finish."""
    view = await open_form(hirebot, slack, f"scorecard {candidate}", user=user)
    ack = await submit(hirebot, view, form_state(candidate=candidate, **state), user=user)
    assert ack.get("response_action") == "update", ack
    await hirebot.settle(quiet_for=0)  # the follow-ups: reminder, summary, the App Home of a recent visitor
    return ack
