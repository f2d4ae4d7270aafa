"""Faults under load: Slack rate limiting and 5xx, Redis dying and coming back. Acks keep coming, every
answer is delivered exactly once, and nothing needs a restart."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.server import create_web_app
from bot.store.embedded import EmbeddedRedis
from bot.store.redis_store import Store, connect_redis
from bot.store.scorecards import ScorecardRecords
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import form_state, open_form, submit
from tests.waiting import until_ready

pytestmark = pytest.mark.fault


async def dm(bot: HirebotServer, text: str, *, channel: str = "D0HIREBOT1") -> int:
    response = await bot.post_signed(event_body(message_event(text, channel_id=channel), event_id=new_event_id()))
    return response.status


async def test_a_429_with_retry_after_delivers_once_after_the_wait(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=1, times=1)
    started = time.monotonic()
    assert await dm(hirebot, "senior ML engineer in SF?") == 200
    [delivered] = await slack.wait_for("chat.postMessage", timeout=10)
    attempts = slack.calls_to("chat.postMessage", ok=None)
    assert len(attempts) == 2 and not attempts[0].ok
    assert delivered.at - attempts[0].at >= 1.0  # waited as Slack asked
    await hirebot.settle()
    assert len(slack.calls_to("chat.postMessage", ok=True)) == 1
    assert time.monotonic() - started < 8


async def test_503s_are_retried_and_delivered_once(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.fail("chat.postMessage", status=503, times=2)
    assert await dm(hirebot, "staff AI engineer pay") == 200
    await slack.wait_for("chat.postMessage", timeout=15)
    await hirebot.settle()
    assert len(slack.calls_to("chat.postMessage", ok=True)) == 1
    assert len(slack.calls_to("chat.postMessage", ok=None)) == 3


@pytest.fixture
async def own_redis(tmp_path: Path) -> AsyncIterator[EmbeddedRedis]:
    redis = EmbeddedRedis(tmp_path / "redis")
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def own_settings(own_redis: EmbeddedRedis, slack: FakeSlackAPI, tmp_path: Path) -> Settings:
    """A server on a Redis of the test's own, which the test may stop and start."""
    return Settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,  # type: ignore[call-arg]
        slack_api_url=slack.api_url,
        redis_url=own_redis.url,
        hirebot_data_dir=tmp_path,
    )


@pytest.fixture
async def own_server(own_settings: Settings) -> AsyncIterator[TestServer]:
    server = TestServer(create_web_app(own_settings), host="127.0.0.1", port=0)
    await server.start_server()
    yield server
    await server.close()


async def test_redis_killed_mid_load_and_restarted(
    own_redis: EmbeddedRedis, own_server: TestServer, slack: FakeSlackAPI
) -> None:
    server = own_server
    async with aiohttp.ClientSession() as session:
        bot = HirebotServer(server, session)
        questions = [f"senior ML engineer in SF? ({n})" for n in range(40)]
        statuses: list[int] = []

        async def load(batch: list[str]) -> None:
            statuses.extend(await asyncio.gather(*(dm(bot, q, channel=f"D0LOAD{n:04d}") for n, q in enumerate(batch))))

        first = asyncio.create_task(load(questions[:20]))
        await asyncio.sleep(0.05)
        own_redis.stop()  # Redis dies while requests are in flight
        await first
        await load(questions[20:30])
        own_redis.start()
        await until_ready(session, str(server.make_url("/")))  # the breaker closes on the supervisor's next probe
        await load(questions[30:])
        await bot.settle()
        assert statuses == [200] * 40
        answers = slack.calls_to("chat.postMessage", ok=True)
        assert len(answers) == 40  # every event answered, none twice
        assert all("$308K to $460K" in str(call.body["blocks"]) for call in answers)
        # Back without a restart: history works again.
        await dm(bot, "senior AI engineer pay", channel="D0AFTER001")
        await bot.settle()
        await dm(bot, "and in NYC?", channel="D0AFTER001")
        await bot.settle()
        assert "$264K to $368K" in str(slack.calls_to("chat.postMessage")[-1].body["blocks"])
        health = await session.get(str(server.make_url("/healthz")))
        assert (await health.json())["redis"] is True


async def test_no_acknowledged_scorecard_is_lost_when_redis_dies_mid_load(
    own_redis: EmbeddedRedis, own_server: TestServer, own_settings: Settings, slack: FakeSlackAPI
) -> None:
    server, settings = own_server, own_settings
    interviewers = [f"U0LOAD{n:04d}" for n in range(24)]
    async with aiohttp.ClientSession() as session:
        bot = HirebotServer(server, session)
        views = [await open_form(bot, slack, "scorecard Ada Lovelace", user=user) for user in interviewers]
        acks: dict[str, dict[str, object]] = {}

        async def send(user: str, view: dict[str, object]) -> None:
            acks[user] = await submit(bot, view, form_state(notes=f"notes by {user}"), user=user)

        first = asyncio.gather(*(send(u, v) for u, v in zip(interviewers[:12], views[:12], strict=True)))
        await asyncio.sleep(0.01)
        await asyncio.to_thread(own_redis.stop)
        await first
        await asyncio.gather(*(send(u, v) for u, v in zip(interviewers[12:], views[12:], strict=True)))
        await asyncio.to_thread(own_redis.start)
        await until_ready(session, str(server.make_url("/")))
        refused = [u for u, ack in acks.items() if ack.get("response_action") != "update"]
        assert refused, "Redis was down for half the submissions"
        assert all(acks[u].get("response_action") == "errors" for u in refused)  # the modal stayed open
        for user in refused:  # the same form, sent again once Redis is back
            acks[user] = await submit(
                bot, views[interviewers.index(user)], form_state(notes=f"notes by {user}"), user=user
            )
        assert all(ack.get("response_action") == "update" for ack in acks.values())
        await bot.settle()
    check = Store(connect_redis(own_redis.url), prefix=settings.hirebot_key_prefix)
    saved = await ScorecardRecords(check).for_candidate("ada lovelace")
    await check.close()
    assert sorted(card.interviewer for card in saved) == sorted(interviewers)
    assert {card.notes for card in saved} == {f"notes by {user}" for user in interviewers}
