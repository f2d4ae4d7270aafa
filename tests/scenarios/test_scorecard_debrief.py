"""Reading scorecards through the real server: /hire debrief, the channel card's button and the App Home, each
blind for an interviewer who hasn't submitted and complete for hiring managers and those who have."""

from __future__ import annotations

import json
from typing import Any

import pytest

from blocks import ids
from blocks.messages import FORM_DAMAGED, QUESTION_DAMAGED
from blocks.scorecard_values import CandidateRef, FillScorecard
from bot.config import Settings
from tests.fakes.block_checks import check_message_blocks, check_view, shown
from tests.fakes.payloads import view_submission_payload
from tests.fakes.signing import interaction_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import CHANNEL_ID
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import (
    ALAN,
    GRACE,
    HIRING_MANAGER,
    KATHERINE,
    command,
    initial,
    open_home,
    press,
    submit_scorecard,
)

GRACE_NOTES = "Grace's private notes: strongest eval answer this quarter."
# What a blind reader must never see: a rating, a recommendation, a flag, a leaning, a note.
SECRETS = ("\u25cf", "Recommend", "recommends", "Average", "Leaning", "leaning hire", "Buzzwords", "Grace's private")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,), "hiring_channel": CHANNEL_ID})


async def debrief(hirebot: HirebotServer, slack: FakeSlackAPI, reader: str, name: str) -> dict[str, Any]:
    await command(hirebot, slack, "debrief Ada Lovelace", user=reader, name=name)
    [reply] = await slack.wait_for(f"response_url:{name}")
    assert reply.body["response_type"] == "ephemeral"
    assert check_message_blocks(reply.body["blocks"]) == []
    return reply.body


async def two_scorecards(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(
        hirebot,
        slack,
        user=GRACE,
        notes=GRACE_NOTES,
        red_flags=("buzzwords",),
        ratings={"prompt": 1, "product": 3, "evaluation": 4},
    )
    await submit_scorecard(
        hirebot,
        slack,
        user=KATHERINE,
        recommendation="no",
        red_flags=("buzzwords",),
        ratings={"prompt": 4, "product": 3, "evaluation": 3},
    )


async def test_an_interviewer_who_has_not_submitted_sees_only_who_has(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await two_scorecards(hirebot, slack)
    reply = await debrief(hirebot, slack, ALAN, "alan")
    text = shown(reply["blocks"]) + reply["text"]
    assert f"<@{GRACE}>" in text and f"<@{KATHERINE}>" in text and "2 scorecards so far" in text
    assert "You haven't submitted a scorecard for *Ada Lovelace*" in text
    assert not any(secret in text for secret in SECRETS), [s for s in SECRETS if s in text]
    assert "prompt" not in json.dumps(reply).lower()
    [fill] = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert FillScorecard.parse(fill["value"]).candidate == "Ada Lovelace"


@pytest.mark.parametrize("reader", [HIRING_MANAGER, GRACE])
async def test_hiring_managers_and_submitters_see_everything(
    hirebot: HirebotServer, slack: FakeSlackAPI, reader: str
) -> None:
    await two_scorecards(hirebot, slack)
    text = shown((await debrief(hirebot, slack, reader, "reader"))["blocks"])
    assert "Prompt engineering: *2.5* of 4 (2 scorecards)" in text
    assert "Strong no 0 \u00b7 No 1 \u00b7 Yes 1 \u00b7 Strong yes 0" in text
    assert f"Buzzwords without one concrete workflow: <@{GRACE}>, <@{KATHERINE}>" in text
    assert f"Prompt engineering: <@{GRACE}> 1 (technical deep dive), <@{KATHERINE}> 4" in text
    assert "Grace's private notes" in text


async def test_no_scorecards_yet_and_bad_names(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    assert "No scorecards for *Ada Lovelace* yet" in shown((await debrief(hirebot, slack, ALAN, "none"))["blocks"])
    await command(hirebot, slack, "debrief &lt;!channel&gt;", user=ALAN, name="markup")
    [reply] = await slack.wait_for("response_url:markup")
    assert "plain text" in reply.body["text"] and "<!channel>" not in reply.body["text"]


async def test_the_channel_gets_a_card_without_ratings_and_its_button_follows_the_blind_rule(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE, notes=GRACE_NOTES, red_flags=("buzzwords",))
    [posted] = slack.calls_to("chat.postMessage")
    assert posted.body["channel"] == CHANNEL_ID
    card = shown(posted.body["blocks"])
    assert f"<@{GRACE}> submitted their *technical deep dive* scorecard for *Ada Lovelace*" in card
    assert not any(secret in card for secret in SECRETS)
    [show, _] = [e for b in posted.body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert show["action_id"] == ids.SHOW_SCORECARD_ACTION

    await press(hirebot, ids.SHOW_SCORECARD_ACTION, show["value"], user=ALAN, response_url=slack.response_url("alan"))
    [blind] = await slack.wait_for("response_url:alan")
    assert blind.body["response_type"] == "ephemeral" and blind.body["replace_original"] is False
    assert "once you've submitted your own" in shown(blind.body["blocks"])
    assert not any(secret in shown(blind.body["blocks"]) for secret in SECRETS)

    await press(
        hirebot,
        ids.SHOW_SCORECARD_ACTION,
        show["value"],
        user=HIRING_MANAGER,
        response_url=slack.response_url("manager"),
    )
    [full] = await slack.wait_for("response_url:manager")
    assert "Grace's private notes" in shown(full.body["blocks"]) and "Why it leans this way" in shown(
        full.body["blocks"]
    )


async def test_a_tampered_show_button_is_refused(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await press(
        hirebot, ids.SHOW_SCORECARD_ACTION, '{"scorecard": ""}', user=ALAN, response_url=slack.response_url("x")
    )
    [reply] = await slack.wait_for("response_url:x")
    assert reply.body["text"] == "That button's data was damaged."


async def test_if_the_channel_refuses_the_submitter_gets_the_card(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.fail("chat.postMessage", error="not_in_channel")
    await submit_scorecard(hirebot, slack, user=GRACE)
    posts = await slack.wait_for("chat.postMessage", 2)
    told, card = posts[0].body, posts[1].body
    assert "couldn't post its summary" in told["text"] and "/invite @hirebot" in told["text"]
    assert "Scorecard: Ada Lovelace" in shown(card["blocks"])


async def test_the_app_home_lists_debriefs_blind_or_in_full(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await two_scorecards(hirebot, slack)
    alan = shown(await open_home(hirebot, slack, ALAN))
    assert "yours isn't in yet, so theirs stay hidden" in alan and f"<@{GRACE}>" in alan
    assert not any(secret in alan for secret in SECRETS if secret != "Leaning")
    manager = await open_home(hirebot, slack, HIRING_MANAGER)
    assert "2 scorecards" in shown(manager) and "no 1, yes 1" in shown(manager)
    grace = shown(await open_home(hirebot, slack, GRACE))
    assert "Your recent scorecards" in grace and "recommends yes" in grace
    slack.assert_no_invalid_blocks()


async def test_home_buttons_open_the_debrief_the_form_and_a_question(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await two_scorecards(hirebot, slack)
    opens, updates = len(slack.calls_to("views.open")), len(slack.calls_to("views.update"))
    await press(
        hirebot,
        ids.OPEN_DEBRIEF_ACTION,
        CandidateRef(candidate="Ada Lovelace").dump(),
        user=HIRING_MANAGER,
        in_view=True,
    )
    [*_, loading] = await slack.wait_for("views.open", opens + 1)
    assert "Loading" in shown(loading.body["view"])
    [*_, debrief_view] = await slack.wait_for("views.update", updates + 1)
    assert debrief_view.body["view_id"] == loading.response["view"]["id"]
    assert "Average per competency" in shown(debrief_view.body["view"])

    await press(hirebot, ids.FILL_SCORECARD_ACTION, FillScorecard().dump(), user=ALAN, in_view=True)
    [*_, form] = await slack.wait_for("views.open", opens + 2)
    assert form.body["view"]["callback_id"] == ids.SCORECARD_VIEW

    await press(hirebot, ids.HOME_ASK_ACTION, "ask", user=ALAN, in_view=True)
    [*_, question] = await slack.wait_for("views.open", opens + 3)
    assert question.body["view"]["callback_id"] == ids.QUESTION_VIEW
    slack.assert_no_invalid_blocks()


async def test_edit_opens_your_own_scorecard_filled_in(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE, notes=GRACE_NOTES)
    edit = "ada lovelace/" + GRACE + "/technical"
    updates = len(slack.calls_to("views.update"))
    await press(hirebot, ids.EDIT_SCORECARD_ACTION, json.dumps({"scorecard": edit}), user=GRACE, in_view=True)
    [*_, update] = await slack.wait_for("views.update", updates + 1)
    assert initial(update.body["view"], ids.SCORECARD_NOTES_BLOCK) == GRACE_NOTES
    assert "Saving replaces your scorecard" in shown(update.body["view"])

    await press(hirebot, ids.EDIT_SCORECARD_ACTION, json.dumps({"scorecard": edit}), user=ALAN, in_view=True)
    [*_, refused] = await slack.wait_for("views.update", updates + 2)
    assert "isn't yours to edit" in shown(refused.body["view"])


async def test_the_home_question_modal_answers_in_place(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    state = {
        ids.QUESTION_BLOCK: {ids.QUESTION_ACTION: {"type": "plain_text_input", "value": "senior ML engineer in SF?"}}
    }
    response = await hirebot.post_signed(interaction_body(view_submission_payload(ids.QUESTION_VIEW, state)))
    ack = json.loads(await response.text())
    assert ack["response_action"] == "update"
    assert "$308K to $460K" in shown(ack["view"]) and "You asked: senior ML engineer in SF?" in shown(ack["view"])
    assert check_view(ack["view"]) == []

    empty = {ids.QUESTION_BLOCK: {ids.QUESTION_ACTION: {"type": "plain_text_input", "value": "   "}}}
    response = await hirebot.post_signed(interaction_body(view_submission_payload(ids.QUESTION_VIEW, empty)))
    assert json.loads(await response.text()) == {
        "response_action": "errors",
        "errors": {ids.QUESTION_BLOCK: "Type a question."},
    }


@pytest.mark.parametrize(
    ("callback_id", "block", "message"),
    [
        (ids.SCORECARD_VIEW, ids.SCORECARD_NOTES_BLOCK, FORM_DAMAGED),
        (ids.QUESTION_VIEW, ids.QUESTION_BLOCK, QUESTION_DAMAGED),
    ],
)
async def test_a_damaged_submission_keeps_the_form_open_and_says_why(
    hirebot: HirebotServer, slack: FakeSlackAPI, callback_id: str, block: str, message: str
) -> None:
    payload = view_submission_payload(callback_id, {})
    payload["view"]["id"] = ""  # a view without its id: the payload no longer parses
    response = await hirebot.post_signed(interaction_body(payload))
    assert response.status == 200
    assert json.loads(await response.text()) == {"response_action": "errors", "errors": {block: message}}
    assert [call.method for call in slack.calls if call.method != "auth.test"] == []
