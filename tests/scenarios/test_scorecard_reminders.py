"""/hire remind through the real server: scheduled in the asker's time zone, cancelled by the scorecard, clear
about times it can't use, and harmless when the reminder is gone by the time its form is saved."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from blocks import ids
from blocks.scorecard_values import FillScorecard, ReminderRef
from bot.config import Settings
from tests.fakes.block_checks import shown
from tests.fakes.slack_api import FakeSlackAPI, RecordedCall
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import (
    ALAN,
    GRACE,
    HIRING_MANAGER,
    command,
    form_state,
    initial,
    latest_view,
    open_home,
    press,
    submit,
    submit_scorecard,
)

REMIND_GRACE = f"remind <@{GRACE}|grace> Ada Lovelace"
REMINDER_ID = f"ada lovelace/{GRACE}"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,)})


async def remind(hirebot: HirebotServer, slack: FakeSlackAPI, text: str, name: str = "remind") -> str:
    await command(hirebot, slack, text, user=HIRING_MANAGER, name=name)
    [reply] = await slack.wait_for(f"response_url:{name}")
    assert reply.body["response_type"] == "ephemeral"
    return str(reply.body["text"])


def fill_value(scheduled: RecordedCall) -> str:
    [button] = [e for b in scheduled.body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == ids.FILL_SCORECARD_ACTION
    return str(button["value"])


async def test_remind_schedules_a_dm_with_the_form_one_click_away(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    reply = await remind(hirebot, slack, f"{REMIND_GRACE} in 45m")
    [scheduled] = slack.calls_to("chat.scheduleMessage")
    [opened] = slack.calls_to("conversations.open")
    assert opened.body["users"] == GRACE and scheduled.body["channel"] == opened.response["channel"]["id"]
    assert abs(int(scheduled.body["post_at"]) - (time.time() + 45 * 60)) < 10
    assert f"<@{HIRING_MANAGER}> asked me to remind you" in shown(scheduled.body["blocks"])
    assert FillScorecard.parse(fill_value(scheduled)) == FillScorecard(candidate="Ada Lovelace", reminder=REMINDER_ID)
    assert f"I'll remind <@{GRACE}> to fill their scorecard for *Ada Lovelace* <!date^" in reply
    assert "America/New_York" in reply  # the fake workspace's default zone for the asker
    [asked] = slack.calls_to("users.info")
    assert asked.body["user"] == HIRING_MANAGER
    slack.assert_no_invalid_blocks()


async def test_wall_clock_times_are_in_the_askers_slack_time_zone(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.add_user(HIRING_MANAGER, tz="Asia/Kolkata", tz_offset=19800)
    reply = await remind(hirebot, slack, f"{REMIND_GRACE} tomorrow 10:00")
    [scheduled] = slack.calls_to("chat.scheduleMessage")
    kolkata = ZoneInfo("Asia/Kolkata")
    tomorrow = datetime.now(kolkata).date() + timedelta(days=1)
    expected = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0, tzinfo=kolkata)
    assert int(scheduled.body["post_at"]) == int(expected.timestamp())
    assert "(10:00 Asia/Kolkata)" in reply


async def test_submitting_the_scorecard_cancels_the_reminder(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await remind(hirebot, slack, f"{REMIND_GRACE} in 2h")
    [scheduled] = slack.calls_to("chat.scheduleMessage")
    scheduled_id = scheduled.response["scheduled_message_id"]
    assert scheduled_id in slack.workspace.scheduled

    await press(
        hirebot, ids.FILL_SCORECARD_ACTION, fill_value(scheduled), user=GRACE, response_url=slack.response_url()
    )
    [opened] = await slack.wait_for("views.open")
    view = latest_view(slack, opened.response["view"]["id"])
    assert initial(view, ids.SCORECARD_CANDIDATE_BLOCK) == "Ada Lovelace"
    assert REMINDER_ID in view["private_metadata"]

    ack = await submit(hirebot, view, form_state(), user=GRACE)
    assert ack["response_action"] == "update" and "cancelled" not in shown(ack["view"])
    [deleted] = await slack.wait_for("chat.deleteScheduledMessage")
    assert (deleted.body["channel"], deleted.body["scheduled_message_id"]) == (scheduled.body["channel"], scheduled_id)
    assert slack.workspace.scheduled == {}
    await hirebot.settle()  # the record is deleted after the scheduled message, in the same background task
    assert await hirebot.deps.reminder_records.get(REMINDER_ID) is None


async def test_a_new_reminder_replaces_the_pending_one(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await remind(hirebot, slack, f"{REMIND_GRACE} in 45m", "first")
    reply = await remind(hirebot, slack, f"{REMIND_GRACE} in 3h", "second")
    first, second = slack.calls_to("chat.scheduleMessage")
    [deleted] = slack.calls_to("chat.deleteScheduledMessage")
    assert deleted.body["scheduled_message_id"] == first.response["scheduled_message_id"]
    assert list(slack.workspace.scheduled) == [second.response["scheduled_message_id"]]
    assert "It replaces the reminder set for" in reply


async def test_no_reminder_for_someone_who_has_already_submitted(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE)
    reply = await remind(hirebot, slack, f"{REMIND_GRACE} in 45m")
    assert reply == f"<@{GRACE}> has already submitted a scorecard for *Ada Lovelace*."
    assert slack.calls_to("chat.scheduleMessage") == []


def zone_in_daytime() -> str:
    """A zone where it's between 02:00 and 22:00 now, so that "an hour ago" is still today there."""
    for name in ("America/New_York", "Asia/Tokyo", "Europe/London", "Pacific/Honolulu", "Asia/Kolkata"):
        if 2 <= datetime.now(ZoneInfo(name)).hour < 22:
            return name
    raise AssertionError("some zone is always in daytime")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remind Ada Lovelace in 45m", "Start with the interviewer, picked with @"),
        ("remind @grace Ada Lovelace in 45m", "Start with the interviewer, picked with @"),
        (f"{REMIND_GRACE}", "Say the candidate and when"),
        (f"remind <@{GRACE}|grace> in 45m", "Say the candidate and when"),
        (f"{REMIND_GRACE} at lunchtime", "I couldn't read 'at lunchtime' as a time"),
        (f"{REMIND_GRACE} in 200 days", "at most 120 days ahead"),
        (f"remind <@{GRACE}|grace> *Ada* &lt;b&gt; in 45m", "plain text"),
        ("PAST", "has already passed in"),
    ],
)
async def test_unusable_reminders_get_a_clear_ephemeral_answer(
    hirebot: HirebotServer, slack: FakeSlackAPI, text: str, expected: str
) -> None:
    if text == "PAST":
        zone = zone_in_daytime()
        slack.add_user(HIRING_MANAGER, tz=zone)
        text = f"{REMIND_GRACE} at {datetime.now(ZoneInfo(zone)) - timedelta(hours=1):%H:%M}"
    reply = await remind(hirebot, slack, text)
    assert expected in reply
    assert slack.calls_to("chat.scheduleMessage") == []


async def test_slack_refusing_to_schedule_is_explained(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.fail("chat.scheduleMessage", error="time_too_far")
    reply = await remind(hirebot, slack, f"{REMIND_GRACE} in 45m")
    assert reply == "Slack can schedule a reminder at most 120 days ahead; pick an earlier time."
    assert await hirebot.deps.reminder_records.get(REMINDER_ID) is None


async def test_the_app_home_lists_reminders_and_the_asker_can_cancel(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await remind(hirebot, slack, f"{REMIND_GRACE} in 45m")
    grace = shown(await open_home(hirebot, slack, GRACE))
    assert "Scorecards you've been asked for" in grace and "*Ada Lovelace* \u00b7 asked by <@U0HIRINGMGR>" in grace
    manager = await open_home(hirebot, slack, HIRING_MANAGER)
    [cancel] = [
        b["accessory"]
        for b in manager["blocks"]
        if b.get("accessory", {}).get("action_id") == ids.CANCEL_REMINDER_ACTION
    ]
    assert ReminderRef.parse(cancel["value"]).reminder == REMINDER_ID

    publishes = len(slack.calls_to("views.publish"))
    await press(hirebot, ids.CANCEL_REMINDER_ACTION, cancel["value"], user=ALAN, in_view=True)
    [*_, refused] = await slack.wait_for("views.publish", publishes + 1)
    assert "Only whoever set a reminder can cancel it." in shown(refused.body["view"])
    assert slack.calls_to("chat.deleteScheduledMessage") == []

    await press(hirebot, ids.CANCEL_REMINDER_ACTION, cancel["value"], user=HIRING_MANAGER, in_view=True)
    [*_, cancelled] = await slack.wait_for("views.publish", publishes + 2)
    assert "Cancelled the reminder for Ada Lovelace." in shown(cancelled.body["view"])
    assert "Reminders you've set" not in shown(cancelled.body["view"])
    assert slack.workspace.scheduled == {}


async def test_a_form_opened_from_a_cancelled_reminder_still_saves_and_says_so(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await remind(hirebot, slack, f"{REMIND_GRACE} in 45m")
    [scheduled] = slack.calls_to("chat.scheduleMessage")
    records = hirebot.deps.reminder_records
    reminder = await records.get(REMINDER_ID)
    assert reminder is not None

    await press(
        hirebot, ids.FILL_SCORECARD_ACTION, fill_value(scheduled), user=GRACE, response_url=slack.response_url()
    )
    [opened] = await slack.wait_for("views.open")
    view: dict[str, Any] = latest_view(slack, opened.response["view"]["id"])
    await records.delete(reminder)  # cancelled while the form is open
    ack = await submit(hirebot, view, form_state(), user=GRACE)
    assert ack["response_action"] == "update"
    assert "The reminder this form came from had been cancelled; your scorecard is saved anyway." in shown(ack["view"])

    updates = len(slack.calls_to("views.update"))
    await press(
        hirebot, ids.FILL_SCORECARD_ACTION, fill_value(scheduled), user=GRACE, response_url=slack.response_url()
    )
    [*_, reopened] = await slack.wait_for("views.update", updates + 1)
    text = shown(reopened.body["view"])
    assert "The reminder that brought you here was cancelled or has expired" in text
    assert "You've already submitted for Ada Lovelace" in text


async def test_a_damaged_fill_button_opens_an_empty_form_and_says_why(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await press(hirebot, ids.FILL_SCORECARD_ACTION, "{not json", user=GRACE, response_url=slack.response_url())
    [opened] = await slack.wait_for("views.open")
    assert "didn't come through intact" in shown(opened.body["view"])
    assert initial(opened.body["view"], ids.SCORECARD_CANDIDATE_BLOCK) is None
