"""Redis dying while a hiring manager decides or forgets: the modal stays open with what they chose and says so;
pressing the button again once Redis is back finishes the job."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from blocks import ids, messages
from bot.config import Settings
from bot.server import create_web_app
from bot.store.embedded import EmbeddedRedis
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.decision_steps import decision_state, open_modal, submit_view, view_text
from tests.scenarios.scorecard_steps import GRACE, HIRING_MANAGER, KATHERINE, submit_scorecard
from tests.waiting import until_ready

pytestmark = pytest.mark.fault


@pytest.fixture
async def own_redis(tmp_path: Path) -> AsyncIterator[EmbeddedRedis]:
    redis = EmbeddedRedis(tmp_path / "redis")
    await asyncio.to_thread(redis.start)
    yield redis
    await asyncio.to_thread(redis.stop)


@pytest.fixture
async def bot(own_redis: EmbeddedRedis, slack: FakeSlackAPI, tmp_path: Path) -> AsyncIterator[HirebotServer]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        redis_url=own_redis.url,
        hirebot_data_dir=tmp_path,
        hiring_managers=(HIRING_MANAGER,),
    )
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


async def test_a_decision_is_never_lost_to_redis_dying(
    own_redis: EmbeddedRedis, bot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await submit_scorecard(bot, slack, user=GRACE)
    await submit_scorecard(bot, slack, user=KATHERINE)
    view = await open_modal(bot, slack, "decide Ada Lovelace")
    await asyncio.to_thread(own_redis.stop)
    ack = await submit_view(bot, view, decision_state("hire", "senior"))
    assert ack == {"response_action": "errors", "errors": {ids.DECISION_REASONS_BLOCK: messages.DECISION_NOT_SAVED}}
    await asyncio.to_thread(own_redis.start)
    await until_ready(bot.session, str(bot.server.make_url("/")))  # the store's breaker closes on its next probe
    ack = await submit_view(bot, view, decision_state("hire", "senior"))
    assert ack["response_action"] == "update" and "hire at senior" in view_text(ack["view"])


async def test_a_forget_cut_short_asks_to_be_confirmed_again(
    own_redis: EmbeddedRedis, bot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await submit_scorecard(bot, slack, user=GRACE)
    view = await open_modal(bot, slack, "forget Ada Lovelace")
    await asyncio.to_thread(own_redis.stop)
    updates = len(slack.calls_to("views.update"))
    await submit_view(bot, view, {})
    [*_, shown] = await slack.wait_for("views.update", updates + 1)
    assert shown.body["view"]["callback_id"] == ids.FORGET_VIEW  # the Forget button is still there
    assert "Not finished" in view_text(shown.body["view"])
    await asyncio.to_thread(own_redis.start)
    await until_ready(bot.session, str(bot.server.make_url("/")))  # the store's breaker closes on its next probe
    await submit_view(bot, view, {})
    [*_, done] = await slack.wait_for("views.update", updates + 2)
    assert "Forgot *Ada Lovelace*" in view_text(done.body["view"])
    assert await bot.deps.scorecard_records.for_candidate("ada lovelace") == []
