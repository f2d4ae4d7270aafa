"""Slack's agent messaging experience: the Messages tab opened (prompts every time, a greeting the first time),
what the person is viewing recorded from app_context_changed, and questions in a DM thread answered once with
a loading status first."""

from __future__ import annotations

from bot.store.agent_context import AgentContexts
from tests.fakes.block_checks import shown
from tests.fakes.payloads import (
    app_context_changed_event,
    app_home_opened_event,
    event_payload,
    message_event,
    new_event_id,
    new_ts,
)
from tests.fakes.signing import event_body, json_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import TEAM_ID, USER_ID
from tests.scenarios.conftest import HirebotServer


async def test_opening_the_messages_tab_sets_prompts_and_greets_once(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    for _ in range(2):
        body = event_body(app_home_opened_event(tab="messages"), event_id=new_event_id())
        assert (await hirebot.post_signed(body)).status == 200
        await hirebot.settle()
    first, second = slack.calls_to("assistant.threads.setSuggestedPrompts")
    assert "thread_ts" not in first.body  # an agent app's prompts: including thread_ts would silently fail
    titles = [p["title"] for p in first.body["prompts"]]
    assert titles == [p["title"] for p in second.body["prompts"]] and len(titles) == 4
    assert any("senior ML engineer" in t for t in titles) and any("first?" in t for t in titles)
    [greeting] = slack.calls_to("chat.postMessage")
    assert "hiring AI engineers and ML engineers" in greeting.body["text"]
    assert slack.calls_to("views.publish") == []  # the Home tab is another surface


async def test_what_the_person_views_is_recorded_and_cleared(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    channel = {"type": "slack#/types/channel_id", "value": "C0HIRING01", "team_id": TEAM_ID}
    await hirebot.post_signed(event_body(app_context_changed_event(channel), event_id=new_event_id()))
    await hirebot.settle()
    contexts = AgentContexts(hirebot.deps.store)
    viewing = await contexts.viewing(USER_ID)
    assert viewing is not None and viewing.value == "C0HIRING01" and viewing.entity_type.endswith("channel_id")
    await hirebot.post_signed(event_body(app_context_changed_event(), event_id=new_event_id()))
    await hirebot.settle()
    assert await contexts.viewing(USER_ID) is None
    # The reference's own example names the person only in ``authorizations``.
    docs_example = event_payload({k: v for k, v in app_context_changed_event(channel).items() if k != "user"})
    person = {"team_id": TEAM_ID, "user_id": USER_ID, "is_bot": False, "is_enterprise_install": False}
    assert (await hirebot.post_signed(json_body(docs_example | {"authorizations": [person]}))).status == 200
    await hirebot.settle()
    assert (await contexts.viewing(USER_ID)) == viewing
    assert slack.calls_to("chat.postMessage") == []


async def test_a_question_in_the_thread_answered_from_the_guide_is_posted_once_with_no_loading_status(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    """The loading status is for the model's wait (tests/scenarios/test_claude_conversations.py); the guide's own
    answer is posted within milliseconds, and a status set and cleared around it would be two calls for nothing."""
    thread_ts = new_ts()
    body = event_body(
        message_event("how much is a senior ML engineer in SF?", thread_ts=thread_ts), event_id=new_event_id()
    )
    for attempt in range(3):
        assert (await hirebot.post_signed(body, retry=attempt or None)).status == 200
    await hirebot.settle()
    assert slack.calls_to("assistant.threads.setStatus") == []
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
