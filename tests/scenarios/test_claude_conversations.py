"""DMs answered by Claude through the real server, the real AsyncAnthropic and the fake Messages API:
progress in Slack, offline answers when Claude fails, no model call for plain pay questions, usage recorded."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.answers.usage import usage_rows
from bot.config import Settings
from bot.server import create_web_app
from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI
from tests.fakes.block_checks import shown
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer


@pytest.fixture
async def anthropic() -> AsyncIterator[FakeAnthropicAPI]:
    async with FakeAnthropicAPI() as fake:
        yield fake


def claude_settings(
    slack: FakeSlackAPI,
    anthropic: FakeAnthropicAPI,
    redis_url: str,
    tmp_path: Path,
    key_prefix: str,
    **overrides: object,
) -> Settings:
    values: dict[str, object] = {
        "hirebot_key_prefix": key_prefix,
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": slack.api_url,
        "redis_url": redis_url,
        "hirebot_data_dir": tmp_path,
        "anthropic_api_key": TEST_API_KEY,
        "anthropic_base_url": anthropic.base_url,
        "hirebot_llm_deadline_seconds": 1.5,
    }
    return Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg, arg-type]


@pytest.fixture
async def claude_bot(
    slack: FakeSlackAPI,
    anthropic: FakeAnthropicAPI,
    redis_url: str,
    tmp_path: Path,
    key_prefix: str,
    request: pytest.FixtureRequest,
) -> AsyncIterator[HirebotServer]:
    overrides = getattr(request, "param", {})
    settings = claude_settings(slack, anthropic, redis_url, tmp_path, key_prefix, **overrides)
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


async def dm(bot: HirebotServer, text: str, user_id: str = "U0ASKER001") -> None:
    assert (
        await bot.post_signed(event_body(message_event(text, user_id=user_id), event_id=new_event_id()))
    ).status == 200
    await bot.settle()


async def test_a_claude_answer_replaces_the_placeholder(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    anthropic.queue_reply(
        "*AI engineers* build products on foundation models; ML engineers train models.\n"
        "Source: What AI Engineers Actually Do"
    )
    await dm(claude_bot, "what's the difference between the two roles?")
    [placeholder] = slack.calls_to("chat.postMessage")
    assert "Looking that up" in placeholder.body["text"]
    final = slack.calls_to("chat.update")[-1]
    assert final.body["ts"] == placeholder.response["ts"]
    assert "*AI engineers* build products" in shown(final.body["blocks"])
    assert "answer_helpful" in str(final.body["blocks"])
    slack.assert_no_invalid_blocks()


async def test_plain_pay_questions_never_call_the_model(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    await dm(claude_bot, "senior ML engineer in SF?")
    assert anthropic.requests == []
    [posted] = slack.calls_to("chat.postMessage")
    assert "$308K to $460K" in shown(posted.body["blocks"])


async def test_a_guessed_topic_goes_to_the_model(
    claude_bot: HirebotServer, slack: FakeSlackAPI, anthropic: FakeAnthropicAPI
) -> None:
    """Roles named without a topic or a level are not a confident pay question: the model reads them."""
    anthropic.queue_reply("Hire an AI engineer: RAG is built on foundation models.")
    await dm(claude_bot, "Our product is RAG over customer docs: AI or ML engineer?")
    assert len(anthropic.requests) == 1
    final = slack.calls_to("chat.update")[-1]
    assert "Hire an AI engineer" in shown(final.body["blocks"])


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
    final = (
        slack.calls_to("chat.update")[-1] if slack.calls_to("chat.update") else slack.calls_to("chat.postMessage")[-1]
    )
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
    assert all(row.cost_usd > 0 for row in rows)


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
    words = "Founder-led outreach converts best: write it yourself and cite their work. Source: the guide"
    anthropic.queue_reply(words)
    anthropic.drip(0.15, times=None)
    await dm(claude_bot, "how should I reach out to candidates?")
    updates = slack.calls_to("chat.update")
    assert len(updates) >= 2
    partial, final = updates[0], updates[-1]
    assert "\u2026" in shown(partial.body["blocks"])  # still being written
    assert "answer_helpful" not in str(partial.body["blocks"])
    assert "cite their work" in shown(final.body["blocks"])
    assert "answer_helpful" in str(final.body["blocks"])
