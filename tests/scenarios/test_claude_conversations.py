"""DMs answered by Claude through the real server, the real AsyncAnthropic and the fake Messages API: a loading
status, then the answer streamed with chat.startStream / appendStream / stopStream; offline answers posted whole
when Claude fails; no model call for plain pay questions; usage recorded."""

from __future__ import annotations

import time

import pytest

from bot.answers.usage import usage_rows
from tests.fakes.anthropic_api import FakeAnthropicAPI
from tests.fakes.block_checks import shown
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.claude_steps import anthropic, claude_bot, dm, stream_calls, streamed
from tests.scenarios.conftest import HirebotServer

__all__ = ["anthropic", "claude_bot"]  # fixtures


async def test_a_claude_answer_streams_after_a_loading_status_and_ends_with_feedback(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    anthropic.queue_reply(
        "*AI engineers* build products on foundation models. ML engineers train models.\n"
        "Source: What AI Engineers Actually Do"
    )
    await dm(claude_bot, "what's the difference between the two roles?")
    methods = [call.method for call in slack.calls if call.method != "auth.test"]
    assert methods[0] == "assistant.threads.setStatus"  # the loading status comes first
    [status] = slack.calls_to("assistant.threads.setStatus")
    assert status.body["status"] and status.body["thread_ts"]
    calls = stream_calls(slack)
    assert calls[0].method == "chat.startStream" and calls[-1].method == "chat.stopStream"
    assert all(call.ok for call in calls)
    start = calls[0]
    assert start.body["thread_ts"] == status.body["thread_ts"]  # under the question
    assert start.body["recipient_user_id"] == "U0ASKER001"
    assert "ML engineers train models" in streamed(slack)
    assert slack.calls_to("chat.postMessage") == [] and slack.calls_to("chat.update") == []
    [feedback] = calls[-1].body["blocks"]  # Slack's own feedback buttons end the streamed message
    assert feedback["type"] == "context_actions" and feedback["elements"][0]["type"] == "feedback_buttons"
    slack.assert_no_invalid_blocks()


async def test_plain_pay_questions_never_call_the_model(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    await dm(claude_bot, "senior ML engineer in SF?")
    assert anthropic.requests == []
    [posted] = slack.calls_to("chat.postMessage")
    assert "$308K to $460K" in shown(posted.body["blocks"])
    assert stream_calls(slack) == []  # an offline answer is posted whole


async def test_a_guessed_topic_goes_to_the_model(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    """Roles named without a topic or a level are not a confident pay question: the model reads them."""
    anthropic.queue_reply("Hire an AI engineer: RAG is built on foundation models.")
    await dm(claude_bot, "Our product is RAG over customer docs: AI or ML engineer?")
    assert len(anthropic.requests) == 1
    assert "Hire an AI engineer" in streamed(slack)


@pytest.mark.parametrize("failure", ["overloaded", "stalled"])
async def test_when_claude_fails_the_offline_answer_arrives_within_the_deadline(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI, failure: str
) -> None:
    if failure == "overloaded":
        anthropic.fail(status=529, times=None)
    else:
        anthropic.stall(60, times=None)
    started = time.monotonic()
    await dm(claude_bot, "what interview questions should I ask an ML engineer?")
    elapsed = time.monotonic() - started
    final = slack.calls_to("chat.postMessage")[-1]
    text = shown(final.body["blocks"])
    assert "training run" in text  # the guide's own questions, from the offline engine
    assert "guide's own answer" in text
    assert "Traceback" not in text and "Error" not in text
    assert elapsed < 1.5 + 2.0


async def test_usage_is_recorded_with_cache_reads_on_the_second_answer(
    claude_bot: HirebotServer, anthropic: FakeAnthropicAPI
) -> None:
    anthropic.queue_reply("Evals first. Source: the guide", "Founder-led outreach. Source: the guide")
    await dm(claude_bot, "what makes an AI engineer senior?")
    await dm(claude_bot, "how should I reach out to candidates?")
    store = claude_bot.deps.store
    rows = [row for row in await usage_rows(store) if row.feature == "dm"]
    assert sum(row.requests for row in rows) == 2
    assert sum(row.cache_read_input_tokens for row in rows) > 0
    assert sum(row.cache_creation_input_tokens for row in rows) > 0
    assert all(row.cost_usd is not None and row.cost_usd > 0 for row in rows)


@pytest.mark.parametrize("claude_bot", [{"hirebot_llm_per_user_per_minute": 1}], indirect=True)
async def test_the_per_user_rate_limit_falls_back_to_the_guide(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    anthropic.queue_reply("Evals first. Source: the guide")
    await dm(claude_bot, "what makes an AI engineer senior?", user_id="U0LIMITED1")
    await dm(claude_bot, "what are red flags in a portfolio?", user_id="U0LIMITED1")
    assert len(anthropic.requests) == 1
    last = slack.calls_to("chat.postMessage")[-1]
    assert "asked a lot in the last minute" in shown(last.body["blocks"])
    assert "Streamlit" in shown(last.body["blocks"])


@pytest.mark.parametrize("claude_bot", [{"hirebot_llm_deadline_seconds": 10}], indirect=True)
async def test_streamed_text_shows_up_before_the_answer_is_done(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    words = "Founder-led outreach converts best. Write it yourself and cite their work.\nSource: the guide"
    anthropic.queue_reply(words)
    anthropic.drip(0.1, times=None)
    await dm(claude_bot, "how should I reach out to candidates?")
    calls = stream_calls(slack)
    first, last = calls[0], calls[-1]
    assert first.method == "chat.startStream" and "Founder-led outreach converts best." in streamed(slack)
    assert "cite their work" not in str(first.body)  # one checked sentence at a time
    assert last.at - first.at > 0.3  # the first sentence was out while the model was still writing
