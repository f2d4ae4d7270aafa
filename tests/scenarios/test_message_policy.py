"""The message policy (``blocks.payloads``) through the real server: who gets an answer, and exactly once.

Shapes follow Slack's own examples: Slackbot's DMs carry ``user: USLACKBOT`` with no subtype and no ``bot_id``;
``file_share`` carries ``files``; ``thread_broadcast`` carries ``thread_ts`` and ``root``
(https://docs.slack.dev/reference/events/message/file_share, .../thread_broadcast).
"""

from __future__ import annotations

from typing import Any

import pytest

from blocks import messages
from blocks.payloads import ANSWERED_SUBTYPES, NOT_ANSWERED_SUBTYPES, parse_message_event
from tests.fakes.block_checks import shown
from tests.fakes.payloads import message_event, new_event_id, new_ts
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import USER_ID
from tests.scenarios.conftest import HirebotServer

DM = "D0HIREBOT1"
QUESTION = "how much is a senior ML engineer in SF?"
PAY_BAND = "$308K to $460K"


def slackbot_notice() -> dict[str, Any]:
    event = message_event("You have been removed from #hiring by <@U0OTHER01>", user_id="USLACKBOT")
    return event


def edit() -> dict[str, Any]:
    ts = new_ts()
    return {
        "type": "message",
        "subtype": "message_changed",
        "hidden": True,
        "channel": DM,
        "channel_type": "im",
        "ts": new_ts(),
        "event_ts": ts,
        "message": {"type": "message", "user": USER_ID, "text": QUESTION, "ts": ts, "edited": {"user": USER_ID}},
        "previous_message": {"type": "message", "user": USER_ID, "text": "how much", "ts": ts},
    }


def another_apps_post() -> dict[str, Any]:
    event = message_event(QUESTION, user_id="U0OTHERAPP")
    event |= {"bot_id": "B0OTHERAPP", "app_id": "A0OTHERAPP", "bot_profile": {"id": "B0OTHERAPP", "name": "other"}}
    return event


def a_bot_message() -> dict[str, Any]:
    return {"type": "message", "subtype": "bot_message", "text": QUESTION, "ts": new_ts(), "bot_id": "B0OTHERAPP",
            "channel": DM, "channel_type": "im", "event_ts": new_ts()}  # fmt: skip


def a_join() -> dict[str, Any]:
    event = message_event(f"<@{USER_ID}> has joined the channel", channel_type="im")
    return event | {"subtype": "channel_join"}


def with_a_file(text: str) -> dict[str, Any]:
    event = message_event(text)
    file = {"id": "F0OFFER001", "name": "offer.png", "mimetype": "image/png", "filetype": "png", "mode": "hosted"}
    return event | {"subtype": "file_share", "upload": True, "files": [file], "display_as_bot": False}


def broadcast(text: str) -> dict[str, Any]:
    root_ts = new_ts()
    event = message_event(text, thread_ts=root_ts)
    return event | {"subtype": "thread_broadcast", "root": {"type": "message", "user": USER_ID, "ts": root_ts}}


async def send(hirebot: HirebotServer, event: dict[str, Any], *, times: int = 1) -> None:
    body = event_body(event, event_id=new_event_id())
    for attempt in range(times):
        assert (await hirebot.post_signed(body, retry=attempt or None)).status == 200


@pytest.mark.parametrize("event", [slackbot_notice, edit, another_apps_post, a_bot_message, a_join])
async def test_no_reply_to_anything_but_a_person(hirebot: HirebotServer, slack: FakeSlackAPI, event: Any) -> None:
    await send(hirebot, event())
    await send(hirebot, message_event(QUESTION))  # a person's question after it, so the wait ends on an answer
    await slack.wait_for("chat.postMessage")
    await hirebot.settle()
    [answer] = slack.calls_to("chat.postMessage")
    assert PAY_BAND in shown(answer.body["blocks"])


async def test_a_dm_with_a_file_says_only_the_text_is_read_and_answers_it_once(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await send(hirebot, with_a_file(QUESTION), times=2)
    await slack.wait_for("chat.postMessage")
    await hirebot.settle()
    [answer] = slack.calls_to("chat.postMessage")
    text = shown(answer.body["blocks"])
    assert text.index(messages.FILES_NOT_READ) < text.index(PAY_BAND)
    assert answer.body["channel"] == DM


async def test_a_file_with_no_text_gets_only_the_notice(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await send(hirebot, with_a_file(""), times=2)
    await slack.wait_for("chat.postMessage")
    await hirebot.settle()
    [notice] = slack.calls_to("chat.postMessage")
    assert notice.body["text"] == messages.FILES_ONLY


async def test_a_thread_broadcast_is_answered_once_in_its_thread(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    event = broadcast(QUESTION)
    await send(hirebot, event, times=2)
    await slack.wait_for("chat.postMessage")
    await hirebot.settle()
    [answer] = slack.calls_to("chat.postMessage")
    assert answer.body["thread_ts"] == event["thread_ts"]
    assert PAY_BAND in shown(answer.body["blocks"])


def test_the_policy_names_every_message_subtype_slack_documents() -> None:
    """@slack/types events/message.ts: every subtype a message event reaching a DM or a mention can carry."""
    documented = {
        "bot_message", "channel_archive", "channel_join", "channel_leave", "channel_name",
        "channel_posting_permissions", "channel_purpose", "channel_topic", "channel_unarchive", "ekm_access_denied",
        "file_share", "me_message", "message_changed", "message_deleted", "message_replied", "thread_broadcast",
    }  # fmt: skip
    answered = {subtype for subtype in documented if parse_message_event(message_event("hi") | {"subtype": subtype})
                .from_a_person}  # fmt: skip
    assert answered == {"file_share", "thread_broadcast"} == set(ANSWERED_SUBTYPES) - {None}
    assert set(NOT_ANSWERED_SUBTYPES).isdisjoint(ANSWERED_SUBTYPES)
    assert not parse_message_event(message_event("hi", user_id="USLACKBOT")).from_a_person
    assert parse_message_event(message_event("hi")).from_a_person
