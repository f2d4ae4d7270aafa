"""From debrief to decision and offer through the real server and the fake Slack: Ada Lovelace, two interviewers
who both assessed her senior for the AI engineer role, one of whom saw her ship agentic systems."""

from __future__ import annotations

import pytest

from blocks import ids
from bot.config import Settings
from tests.fakes.block_checks import check_message_blocks, check_view
from tests.fakes.payloads import new_trigger_id
from tests.fakes.signing import block_actions_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import CHANNEL_ID
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.decision_steps import (
    decision_state,
    offer_state,
    open_modal,
    reply_to,
    submit_view,
    view_text,
)
from tests.scenarios.scorecard_steps import (
    ALAN,
    GRACE,
    HIRING_MANAGER,
    KATHERINE,
    initial,
    latest_view,
    open_home,
    submit_scorecard,
)
from tests.scenarios.test_settings import open_settings, save_managers


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,), "hiring_channel": CHANNEL_ID})


async def panel(hirebot: HirebotServer, slack: FakeSlackAPI, katherine_level: str = "senior") -> None:
    await submit_scorecard(hirebot, slack, user=GRACE, signals=("shipped-agentic", "evals-unprompted"))
    await submit_scorecard(hirebot, slack, user=KATHERINE, level=katherine_level)


async def decide(hirebot: HirebotServer, slack: FakeSlackAPI, outcome: str = "hire", level: str = "senior") -> dict:
    view = await open_modal(hirebot, slack, "decide Ada Lovelace", name=f"decide-{outcome}")
    ack = await submit_view(hirebot, view, decision_state(outcome, level, "Best eval answer this quarter."))
    assert ack.get("response_action") == "update", ack
    return ack


async def test_ada_is_decided_hire_at_senior_and_offered_308k_to_414k_in_new_york(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack)
    view = await open_modal(hirebot, slack, "decide Ada Lovelace", name="decide")
    assert check_view(view) == []
    assert initial(view, ids.DECISION_LEVEL_BLOCK) == "senior"  # the panel's consensus
    assert "2 of 2 interviewers assessed senior" in view_text(view)

    ack = await submit_view(hirebot, view, decision_state("hire", "senior", "Best eval answer this quarter."))
    assert ack["response_action"] == "update"
    assert "*hire at senior*" in view_text(ack["view"])
    decision = await hirebot.deps.decision_records.get("ada lovelace")
    assert decision is not None and decision.summary == "hire at senior" and decision.decided_by == HIRING_MANAGER

    offer_view = await open_modal(hirebot, slack, "offer Ada Lovelace", name="offer")
    assert check_view(offer_view) == []
    assert initial(offer_view, ids.OFFER_LOCATION_BLOCK) == "the US"  # the workspace default
    ack = await submit_view(hirebot, offer_view, offer_state("New York", share="with-figures"))
    assert ack["response_action"] == "update", ack
    shown = view_text(ack["view"])
    assert "$308K to $414K" in shown
    # the arithmetic, end by end: US band + agentic premium, then New York's factors
    assert "Low: $240K + $40K agentic = $280K x1.10 (New York or the Bay Area) = $308K" in shown
    assert "High: $320K + $40K agentic = $360K x1.15 (New York or the Bay Area) = $414K" in shown
    assert "0.5% to 2% for a senior hire" in shown
    assert f"<@{GRACE}> ticked" in shown and f"<@{KATHERINE}>" not in shown
    assert "$250 to $400 per hour" in shown  # the contractor alternative from the guide's plays

    [*_, posted] = await slack.wait_for("chat.postMessage", 3)  # two scorecard summaries, then the offer
    assert posted.body["channel"] == CHANNEL_ID and "$308K to $414K" in str(posted.body["blocks"])
    assert check_message_blocks(posted.body["blocks"]) == []


async def test_the_debrief_shows_the_decision_and_a_second_decision_replaces_it(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack)
    await decide(hirebot, slack, "hold", "senior")
    ack = await decide(hirebot, slack, "hire", "staff")
    assert "replaces the earlier decision (hold)" in view_text(ack["view"])
    reply = await reply_to(hirebot, slack, "debrief Ada Lovelace", user=HIRING_MANAGER, name="debrief")
    assert "Decided: hire at staff" in str(reply["blocks"])
    entries = await hirebot.deps.audit.entries()
    assert [e.detail for e in entries if e.action == "decided"] == ["hold", "hire at staff (replaces hold)"]
    assert "ada" not in str([e.model_dump() for e in entries]).lower()


async def test_a_split_panel_shows_the_split_and_defaults_to_the_consensus(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack, katherine_level="mid")
    view = await open_modal(hirebot, slack, "decide Ada", name="decide")  # one candidate has those words
    text = view_text(view)
    assert f"Split: senior 1 (<@{GRACE}>) \u00b7 mid-level 1 (<@{KATHERINE}>)" in text
    assert initial(view, ids.DECISION_LEVEL_BLOCK) == "mid"  # a tie goes to the lower level


async def test_non_managers_are_refused_and_offers_need_a_hire(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await panel(hirebot, slack)
    refused = await reply_to(hirebot, slack, "decide Ada Lovelace", user=GRACE, name="grace")
    assert "Only hiring managers can record hiring decisions" in refused["text"]
    refused = await reply_to(hirebot, slack, "offer Ada Lovelace", user=GRACE, name="grace-offer")
    assert "Only hiring managers can draft offers" in refused["text"]
    no_decision = await reply_to(hirebot, slack, "offer Ada Lovelace", user=HIRING_MANAGER, name="early")
    assert "no decision for this candidate yet" in no_decision["text"]
    await decide(hirebot, slack, "no-hire", "senior")
    no_hire = await reply_to(hirebot, slack, "offer Ada Lovelace", user=HIRING_MANAGER, name="no-hire")
    assert "is no hire, not hire" in no_hire["text"]
    assert not [c for c in slack.calls_to("views.open") if c.body["view"]["callback_id"] == ids.OFFER_VIEW]


async def test_a_name_matching_several_candidates_asks_which(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE)
    await submit_scorecard(hirebot, slack, user=GRACE, candidate="Ada Byron")
    reply = await reply_to(hirebot, slack, "decide ada", user=HIRING_MANAGER, name="which")
    assert "Which one?" in reply["text"] and "Ada Lovelace" in reply["text"] and "Ada Byron" in reply["text"]


async def test_a_decision_needs_an_outcome_and_the_modal_stays_open(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack)
    view = await open_modal(hirebot, slack, "decide Ada Lovelace")
    ack = await submit_view(hirebot, view, decision_state(None, "senior"))
    assert ack == {"response_action": "errors", "errors": {ids.DECISION_OUTCOME_BLOCK: "Pick hire, no hire or hold."}}
    assert await hirebot.deps.decision_records.get("ada lovelace") is None


async def test_an_offer_where_the_guide_has_no_band_says_so(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await panel(hirebot, slack)
    await decide(hirebot, slack, "hire", "senior")
    view = await open_modal(hirebot, slack, "offer Ada Lovelace", name="offer")
    ack = await submit_view(hirebot, view, offer_state("London", founding=True))
    shown = view_text(ack["view"])
    assert "no pay band for London" in shown and "I won't invent a figure" in shown
    assert "up to 5% for a founding engineer" in shown
    unknown = await submit_view(hirebot, view, offer_state("Mars"))
    assert unknown["response_action"] == "errors" and "Mars" in unknown["errors"][ids.OFFER_LOCATION_BLOCK]


async def test_the_blind_rule_keeps_the_decision_from_those_who_have_not_submitted(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack)
    open_debrief = await reply_to(hirebot, slack, "debrief Ada Lovelace", user=HIRING_MANAGER, name="before")
    assert "Open: no decision yet" in str(open_debrief["blocks"])
    await decide(hirebot, slack, "hire", "senior")
    blind = await reply_to(hirebot, slack, "debrief Ada Lovelace", user=ALAN, name="alan")
    assert "Decided" not in str(blind) and "hire at" not in str(blind)
    grace = await reply_to(hirebot, slack, "debrief Ada Lovelace", user=GRACE, name="grace")
    assert "Decided: hire at senior" in str(grace["blocks"])
    home = await open_home(hirebot, slack, HIRING_MANAGER)
    assert "Decided: hire at senior" in str(home["blocks"])
    assert "Decided" not in str((await open_home(hirebot, slack, ALAN))["blocks"])


async def test_draft_offer_on_a_hire_decision_pushes_the_offer_form_and_shares_without_figures(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack)
    ack = await decide(hirebot, slack, "hire", "senior")
    [button] = [e for b in ack["view"]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == ids.DRAFT_OFFER_ACTION
    body = block_actions_body(
        ids.DRAFT_OFFER_ACTION,
        button["value"],
        user_id=HIRING_MANAGER,
        trigger_id=new_trigger_id(),
        view={"id": "VDECIDED01", "type": "modal", "callback_id": ids.DECISION_DONE_VIEW},
    )
    assert (await hirebot.post_signed(body)).status == 200
    [pushed] = await slack.wait_for("views.push")
    view = latest_view(slack, pushed.response["view"]["id"])
    assert view["callback_id"] == ids.OFFER_VIEW
    ack = await submit_view(hirebot, view, offer_state("Austin", share="without-figures"))
    assert "$280K to $360K" in view_text(ack["view"])  # senior AI + $40K agentic, US: no location factor
    [*_, shared] = await slack.wait_for("chat.postMessage", 3)
    assert shared.body["channel"] == CHANNEL_ID and "$" not in str(shared.body["blocks"]) + shared.body["text"]
    assert "figures stay private" in str(shared.body["blocks"])


async def test_the_offer_location_an_admin_sets_is_the_offer_modals_default(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await panel(hirebot, slack)
    await decide(hirebot, slack)
    view = await open_settings(hirebot, slack, HIRING_MANAGER)
    assert await save_managers(hirebot, view, [HIRING_MANAGER], user=HIRING_MANAGER, location="Austin") == ""

    offer_view = await open_modal(hirebot, slack, "offer Ada Lovelace", name="offer")
    assert initial(offer_view, ids.OFFER_LOCATION_BLOCK) == "Austin", "the workspace's default, not the US"
