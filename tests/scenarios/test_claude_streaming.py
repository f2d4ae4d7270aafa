"""Check before showing, through the real server: a model that invents a figure mid-answer never gets it into
any Slack call; a workspace that can't stream gets the answer in one post."""

from __future__ import annotations

import json

import pytest

from tests.fakes.anthropic_api import FakeAnthropicAPI
from tests.fakes.block_checks import shown
from tests.fakes.payloads import app_mention_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_USER_ID, CHANNEL_ID, TEAM_ID, USER_ID
from tests.scenarios.claude_steps import anthropic, claude_bot, dm, stream_calls, streamed
from tests.scenarios.conftest import HirebotServer

__all__ = ["anthropic", "claude_bot"]  # fixtures

QUESTION = "what interview questions should I ask an ML engineer?"


async def test_an_invented_figure_in_the_second_sentence_never_reaches_slack(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    anthropic.queue_reply(
        "Ask them to walk you through a training run they debugged. "
        "Strong ones expect USD 950K, so budget for it. "
        "Then ask about evaluation.\nSource: the guide"
    )
    await dm(claude_bot, QUESTION)
    every_call = json.dumps([call.body for call in slack.calls])
    # "950K", not "950": a message ts such as 1796149505.1 has those digits (this failed once at 18:25 UTC).
    assert "950K" not in every_call and "evaluation" not in every_call
    assert streamed(slack) == "Ask them to walk you through a training run they debugged. "
    assert [c.method for c in stream_calls(slack)] == ["chat.startStream", "chat.stopStream"]
    [final] = slack.calls_to("chat.postMessage")
    text = shown(final.body["blocks"])
    assert "quoted a figure that isn't in the guide" in text and "guide's own answer" in text
    assert "training run" in text  # the offline answer, whole
    assert final.body["thread_ts"] == stream_calls(slack)[0].body["thread_ts"]  # right under what was shown
    assert "answer_helpful" in str(final.body["blocks"])
    slack.assert_no_invalid_blocks()


async def test_without_streaming_the_answer_is_posted_whole(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    slack.fail("chat.startStream", error="not_allowed_token_type")  # what an app without streaming would get
    anthropic.queue_reply("Ask about a training run they debugged. Then ask about evaluation.\nSource: the guide")
    await dm(claude_bot, QUESTION)
    assert [c.method for c in stream_calls(slack)] == ["chat.startStream"]
    [final] = slack.calls_to("chat.postMessage")
    text = shown(final.body["blocks"])
    assert "training run they debugged" in text and "Then ask about evaluation" in text
    assert "guide's own answer" not in text
    assert "answer_helpful" in str(final.body["blocks"])


async def test_a_mention_streams_into_its_thread_for_the_person_who_asked(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    anthropic.queue_reply("Ask about a training run they debugged.\nSource: the guide")
    mention = app_mention_event(f"<@{BOT_USER_ID}> {QUESTION}")
    assert (await claude_bot.post_signed(event_body(mention, event_id=new_event_id()))).status == 200
    await claude_bot.settle()
    start = stream_calls(slack)[0]
    assert start.method == "chat.startStream" and start.ok
    assert (start.body["channel"], start.body["thread_ts"]) == (CHANNEL_ID, mention["ts"])
    assert (start.body["recipient_user_id"], start.body["recipient_team_id"]) == (USER_ID, TEAM_ID)
    assert slack.calls_to("chat.postMessage") == []


async def test_a_failure_after_streaming_ends_the_stream_and_says_so_in_its_thread(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug after the model answered")

    monkeypatch.setattr(claude_bot.deps.answers.history, "remember", broken)
    anthropic.queue_reply("Ask about a training run they debugged. Then ask about evaluation.")
    await dm(claude_bot, QUESTION)
    calls = stream_calls(slack)
    assert calls[0].method == "chat.startStream" and calls[-1].method == "chat.stopStream" and calls[-1].ok
    [told] = slack.calls_to("chat.postMessage")
    assert told.body["thread_ts"] == calls[0].body["thread_ts"] and "Traceback" not in told.body["text"]
