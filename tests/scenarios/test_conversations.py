"""DMs and @mentions through the real server: one reply per event however often Slack redelivers it, in the
right place, with the conversation's context, offline (no Anthropic key) and with Redis gone."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from blocks import ids
from bot.config import Settings
from bot.server import create_web_app
from bot.store.answers import AnswerRecords
from bot.store.embedded import EmbeddedRedis
from bot.store.feedback import FeedbackRecords
from tests.fakes.block_checks import check_message_blocks, shown
from tests.fakes.payloads import app_mention_event, message_event, new_event_id
from tests.fakes.signing import block_actions_body, event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_USER_ID, CHANNEL_ID, USER_ID
from tests.scenarios.conftest import HirebotServer
from tests.waiting import until_ready

DM = "D0HIREBOT1"


async def dm(
    hirebot: HirebotServer, text: str, *, event_id: str | None = None, retries: int = 0, thread_ts: str | None = None
) -> str:
    event_id = event_id or new_event_id()
    body = event_body(message_event(text, thread_ts=thread_ts), event_id=event_id)
    for attempt in range(retries + 1):
        response = await hirebot.post_signed(body, retry=attempt or None)
        assert response.status == 200
    await hirebot.settle()
    return event_id


async def test_a_dm_pay_question_gets_one_reply_however_often_it_is_redelivered(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await dm(hirebot, "senior ML engineer in SF?", retries=3)
    [posted] = slack.calls_to("chat.postMessage")
    assert posted.body["channel"] == DM
    assert "thread_ts" not in posted.body or posted.body["thread_ts"] is None
    assert "$308K to $460K" in shown(posted.body["blocks"])
    assert check_message_blocks(posted.body["blocks"]) == []
    feedback = [b for b in posted.body["blocks"] if b.get("block_id") == ids.FEEDBACK_BLOCK]
    assert len(feedback) == 1


async def test_follow_up_in_the_same_dm_keeps_role_and_level(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await dm(hirebot, "senior ML engineer in SF?")
    await dm(hirebot, "and remote from a cheaper region?")
    _, second = slack.calls_to("chat.postMessage")
    text = shown(second.body["blocks"])
    assert "Senior ML engineer" in text
    assert "$210K to $340K" in text  # 280 x 0.75, 400 x 0.85


async def test_a_mention_is_answered_in_its_thread_without_the_mention(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    event = app_mention_event(f"<@{BOT_USER_ID}> what are the red flags in an ML portfolio?")
    await hirebot.post_signed(event_body(event))
    await hirebot.settle()
    [posted] = slack.calls_to("chat.postMessage")
    assert posted.body["channel"] == CHANNEL_ID
    assert posted.body["thread_ts"] == event["ts"]
    assert "Notebooks" in shown(posted.body["blocks"])


@pytest.mark.parametrize(
    "change",
    [
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"bot_id": "B0OTHER"},
        {"subtype": "bot_message"},
        {"user": BOT_USER_ID},
        {"channel_type": "channel"},
    ],
)
async def test_edits_deletions_bots_and_channel_chatter_are_ignored(
    hirebot: HirebotServer, slack: FakeSlackAPI, change: dict[str, str]
) -> None:
    event = message_event("senior ML engineer in SF?") | change
    response = await hirebot.post_signed(event_body(event))
    assert response.status == 200
    await hirebot.settle()
    assert slack.calls_to("chat.postMessage") == []


async def test_user_text_cannot_ping_the_channel(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await dm(hirebot, "<!channel> <https://evil.example|click> what equity for a founding engineer?")
    [posted] = slack.calls_to("chat.postMessage")
    rendered = shown(posted.body["blocks"]) + posted.body["text"]
    for forbidden in ("<!channel>", "<https://evil"):
        assert forbidden not in rendered


@pytest.fixture
async def second_instance(settings: Settings) -> AsyncIterator[HirebotServer]:
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


async def test_two_instances_sharing_redis_reply_once(
    hirebot: HirebotServer, second_instance: HirebotServer, slack: FakeSlackAPI
) -> None:
    body = event_body(message_event("staff AI engineer pay"), event_id=new_event_id())
    for attempt, server in enumerate((hirebot, second_instance, hirebot, second_instance)):
        assert (await server.post_signed(body, retry=attempt or None)).status == 200
    await hirebot.settle()
    await second_instance.settle()
    assert len(slack.calls_to("chat.postMessage")) == 1


async def test_feedback_votes_are_stored_with_the_question(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await dm(hirebot, "where do we find research engineers?")
    [posted] = slack.calls_to("chat.postMessage")
    [feedback] = [b for b in posted.body["blocks"] if b.get("block_id") == ids.FEEDBACK_BLOCK]
    assert feedback["type"] == "context_actions"
    [buttons] = feedback["elements"]
    assert buttons["type"] == "feedback_buttons" and buttons["action_id"] == ids.FEEDBACK_ACTION
    click = block_actions_body(  # Slack sends the clicked button's value
        ids.FEEDBACK_ACTION,
        buttons["negative_button"]["value"],
        block_id=ids.FEEDBACK_BLOCK,
        action_type="feedback_buttons",
        response_url=slack.response_url("vote"),
        message={"ts": "1.0", "text": posted.body["text"], "blocks": posted.body["blocks"]},
    )
    assert (await hirebot.post_signed(click)).status == 200
    [updated] = await slack.wait_for("response_url:vote")
    assert updated.body["replace_original"] is True
    assert "marked this not helpful" in json.dumps(updated.body["blocks"])
    assert ids.FEEDBACK_ACTION not in json.dumps(updated.body["blocks"])
    store = hirebot.deps.store
    [vote] = await FeedbackRecords(store, AnswerRecords(store)).unhelpful()
    assert vote["question"] == "where do we find research engineers?"
    assert vote["user"] == USER_ID
    assert "Arxiv" in vote["answer"]


async def test_redis_down_still_answers_and_warns_once(
    slack: FakeSlackAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    redis = EmbeddedRedis(tmp_path / "redis")
    url = redis.start()
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-0001-0002-hirebot-test",  # type: ignore[call-arg]
        slack_signing_secret="8f742231b10e8888abcd99yyyzzz85a5",
        slack_api_url=slack.api_url,
        redis_url=url,
        hirebot_data_dir=tmp_path,
    )
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as session:
            hirebot = HirebotServer(server, session)
            redis.stop()
            with caplog.at_level(logging.WARNING):
                await dm(hirebot, "senior AI engineer pay")
                await dm(hirebot, "junior AI engineer pay")
            posted = slack.calls_to("chat.postMessage")
            assert len(posted) == 2
            assert "$240K to $320K" in shown(posted[0].body["blocks"])
            history_warnings = [r for r in caplog.records if "without conversation history" in r.getMessage()]
            assert len(history_warnings) == 1
            assert all(r.exc_info is None for r in caplog.records if r.levelno >= logging.WARNING)
            redis.start()
            await until_ready(session, str(server.make_url("/")))
            await dm(hirebot, "senior ML engineer salary")
            await dm(hirebot, "and in NYC?")
            assert "$308K to $460K" in shown(slack.calls_to("chat.postMessage")[-1].body["blocks"])
    finally:
        await server.close()
        redis.stop()
