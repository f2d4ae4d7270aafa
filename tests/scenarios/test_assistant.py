"""Slack's assistant pane through Bolt's assistant middleware: greeting and suggested prompts on a new
thread, a status while answering, the answer in the thread, once."""

from __future__ import annotations

from tests.fakes.block_checks import shown
from tests.fakes.payloads import message_event, new_event_id, new_ts
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import USER_ID
from tests.scenarios.conftest import HirebotServer

DM = "D0HIREBOT1"


async def test_a_new_thread_gets_a_greeting_and_suggested_prompts(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    thread_ts = new_ts()
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": USER_ID, "context": {}, "channel_id": DM, "thread_ts": thread_ts},
        "event_ts": new_ts(),
    }
    assert (await hirebot.post_signed(event_body(event))).status == 200
    [prompts] = await slack.wait_for("assistant.threads.setSuggestedPrompts")
    [greeting] = slack.calls_to("chat.postMessage")
    assert greeting.body["thread_ts"] == thread_ts
    assert "hiring AI engineers and ML engineers" in greeting.body["text"]
    titles = [p["title"] for p in prompts.body["prompts"]]
    assert any("senior ML engineer" in t for t in titles)
    assert any("AI engineer" in t for t in titles) and any("ML engineer" in t for t in titles)


async def test_a_question_in_the_thread_shows_a_status_then_the_answer_once(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    thread_ts = new_ts()
    body = event_body(
        message_event("how much is a senior ML engineer in SF?", thread_ts=thread_ts), event_id=new_event_id()
    )
    for attempt in range(3):
        assert (await hirebot.post_signed(body, retry=attempt or None)).status == 200
    await hirebot.settle()
    [status] = slack.calls_to("assistant.threads.setStatus")
    assert status.body["thread_ts"] == thread_ts
    assert status.body["status"]
    [answer] = slack.calls_to("chat.postMessage")
    assert answer.body["thread_ts"] == thread_ts
    assert "$308K to $460K" in shown(answer.body["blocks"])


async def test_a_plain_dm_thread_without_ai_features_still_gets_answered(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    slack.fail("assistant.threads.setStatus", error="not_allowed", times=None)
    thread_ts = new_ts()
    await hirebot.post_signed(event_body(message_event("red flags for ML candidates?", thread_ts=thread_ts)))
    await hirebot.settle()
    [answer] = slack.calls_to("chat.postMessage")
    assert answer.body["thread_ts"] == thread_ts
    assert "Notebooks" in shown(answer.body["blocks"])
