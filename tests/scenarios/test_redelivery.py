"""Every event listener claims the event id before it acts: each event type, delivered twice as Slack redelivers
it (same ``event_id``, ``X-Slack-Retry-Num: 1``; https://docs.slack.dev/apis/events-api/#retries), has one
effect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.fakes.payloads import app_home_opened_event, app_mention_event, message_event, new_event_id, new_ts
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_USER_ID
from tests.scenarios.conftest import HirebotServer

DM = "D0HIREBOT1"


def messages_tab_opened() -> dict[str, Any]:
    """The agent view's "thread started": the person opens hirebot's Messages tab."""
    return app_home_opened_event(tab="messages")


# event -> the Web API method its effect calls
EVENTS: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {
    "message.im": (lambda: message_event("equity for a first ML hire?"), "chat.postMessage"),
    "message.im in a thread": (
        lambda: message_event("equity for a first ML hire?", thread_ts=new_ts()),
        "chat.postMessage",
    ),
    "app_mention": (lambda: app_mention_event(f"<@{BOT_USER_ID}> equity for a first ML hire?"), "chat.postMessage"),
    "app_home_opened (messages tab)": (messages_tab_opened, "assistant.threads.setSuggestedPrompts"),
    "app_home_opened": (app_home_opened_event, "views.publish"),
}


@pytest.mark.parametrize("kind", list(EVENTS))
async def test_an_event_delivered_twice_has_one_effect(hirebot: HirebotServer, slack: FakeSlackAPI, kind: str) -> None:
    make, effect = EVENTS[kind]
    body = event_body(make(), event_id=new_event_id())
    for attempt in (0, 1):
        assert (await hirebot.post_signed(body, retry=attempt or None)).status == 200
    await slack.wait_for(effect)
    await hirebot.settle()
    assert len(slack.calls_to(effect)) == 1


async def test_a_new_event_id_is_a_new_event(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    event = messages_tab_opened()
    for _ in (0, 1):
        assert (await hirebot.post_signed(event_body(event, event_id=new_event_id()))).status == 200
    await slack.wait_for("assistant.threads.setSuggestedPrompts", 2)
