"""Answers survive Slack's rate limits: a post refused with 429 waits out ``Retry-After`` as often as Slack asks
(within minutes), is kept in Redis while it waits, survives a restart, and is delivered once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.answers.outbox import OUTBOX, PENDING, ChannelPacer
from bot.config import Settings
from bot.server import create_web_app
from bot.store.redis_store import Store, connect_redis
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.scenarios.conftest import HirebotServer
from tests.waiting import eventually

pytestmark = pytest.mark.fault


@pytest.fixture
async def check(redis_url: str, key_prefix: str) -> AsyncIterator[Store]:
    store = Store(connect_redis(redis_url), prefix=key_prefix)
    yield store
    await store.close()


async def waiting_posts(store: Store) -> list[str]:
    return await store.index_members(OUTBOX, PENDING)


async def ask(bot: HirebotServer, text: str) -> None:
    assert (await bot.post_signed(event_body(message_event(text), event_id=new_event_id()))).status == 200


async def test_five_429s_in_a_row_are_waited_out_and_the_answer_is_delivered_once(
    hirebot: HirebotServer, slack: FakeSlackAPI, check: Store
) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=1, times=1)
    slack.fail("chat.postMessage", status=429, retry_after=0, times=4)
    await ask(hirebot, "senior ML engineer in SF?")
    await eventually(lambda: waiting_posts(check), lambda ids: len(ids) == 1, within=5, what="the post kept in Redis")
    [delivered] = await slack.wait_for("chat.postMessage", timeout=10)
    await hirebot.settle()
    attempts = slack.calls_to("chat.postMessage", ok=None)
    assert [call.status for call in attempts] == [429] * 5 + [200]
    assert delivered.at - attempts[0].at >= 1.0  # waited as Slack asked
    assert "$308K to $460K" in str(delivered.body["blocks"])
    assert await waiting_posts(check) == []


async def test_a_post_waiting_out_a_429_is_delivered_after_a_restart(
    settings: Settings, slack: FakeSlackAPI, check: Store
) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=2, times=1)
    async with aiohttp.ClientSession() as session:
        first = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
        await first.start_server()
        await ask(HirebotServer(first, session), "senior ML engineer in SF?")
        await eventually(lambda: waiting_posts(check), lambda ids: len(ids) == 1, within=5, what="the post kept")
        await first.close()  # while the post waits out Retry-After
        assert slack.calls_to("chat.postMessage", ok=True) == []
        assert len(await waiting_posts(check)) == 1

        second = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
        await second.start_server()
        try:
            [delivered] = await slack.wait_for("chat.postMessage", timeout=10)
            await HirebotServer(second, session).settle()
        finally:
            await second.close()
    assert "$308K to $460K" in str(delivered.body["blocks"])
    assert len(slack.calls_to("chat.postMessage", ok=True)) == 1
    assert await waiting_posts(check) == []


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_pacer_allows_a_short_burst_then_one_post_a_second_per_channel() -> None:
    clock = Clock()
    pacer = ChannelPacer(rate=1.0, burst=3, clock=clock)
    assert [pacer._take("C1") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert pacer._take("C1") == pytest.approx(1.0)
    assert pacer._take("C2") == 0.0  # per channel
    clock.now += 1.0
    assert pacer._take("C1") == 0.0
    pacer.hold("C2", 30)
    assert pacer._take("C2") == pytest.approx(30) and pacer._take("C2", take=False) == pytest.approx(30)
