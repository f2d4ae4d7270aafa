"""The store heals itself: hirebot's own redis-server killed mid-run is restarted (same data, AOF) without a
restart of hirebot, and a hung one (SIGSTOP) makes calls fail fast instead of stalling every request, until it
answers again. ``/readyz`` says so all along."""

from __future__ import annotations

import fcntl
import os
import signal
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.server import create_web_app
from bot.store.embedded import PID_NAME, START_LOCK_NAME, EmbeddedRedis
from tests.fakes.payloads import message_event, new_event_id
from tests.fakes.signing import event_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import form_state, open_form, submit
from tests.waiting import eventually

pytestmark = pytest.mark.fault

HEAL_WITHIN = 5.0
HUNG_ANSWER_WITHIN = 1.0


@pytest.fixture
async def bot(slack: FakeSlackAPI, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[HirebotServer]:
    """hirebot with no ``REDIS_URL``: it starts, supervises and finally stops its own redis-server."""
    settings = Settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,  # type: ignore[call-arg]
        slack_api_url=slack.api_url,
        hirebot_data_dir=tmp_path_factory.mktemp("own"),
    )
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()


def data_dir(bot: HirebotServer) -> Path:
    return bot.deps.settings.data_dir


def server_pid(bot: HirebotServer) -> int:
    return int((data_dir(bot) / PID_NAME).read_text().strip())


async def ready(bot: HirebotServer) -> tuple[int, dict[str, Any]]:
    async with bot.session.get(str(bot.server.make_url("/readyz"))) as response:
        return response.status, await response.json()


@contextmanager
def start_lock_held(directory: Path) -> Iterator[None]:
    """Hold the lock a restart needs, as another hirebot process restarting the server would."""
    descriptor = os.open(directory / START_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def stopped(pid: int) -> Iterator[None]:
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


async def save(bot: HirebotServer, view: dict[str, Any], notes: str) -> dict[str, Any]:
    return await submit(bot, view, form_state(notes=notes))


async def test_a_killed_redis_is_restarted_and_a_save_succeeds_within_5_s(
    bot: HirebotServer, slack: FakeSlackAPI
) -> None:
    view = await open_form(bot, slack)
    assert (await save(bot, view, "before the crash")).get("response_action") == "update"
    assert (await ready(bot))[0] == 200
    pid = server_pid(bot)
    with start_lock_held(data_dir(bot)):  # so the outage lasts until the test has seen it
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        _, body = await eventually(lambda: ready(bot), lambda r: r[0] == 503, within=3.0, what="/readyz 503")
        assert body["status"] == "not ready" and body["reason"]
        refused = await save(bot, view, "while it is down")
        assert refused.get("response_action") == "errors"  # the form stays open, with what was typed
    saved = await eventually(
        lambda: save(bot, view, "after the restart"),
        lambda ack: ack.get("response_action") == "update",
        within=HEAL_WITHIN - (time.monotonic() - killed_at),
        what="a Save after the restart",
    )
    assert "Replaced your earlier scorecard" in str(saved["view"])  # the AOF brought the first save back
    _, body = await eventually(lambda: ready(bot), lambda r: r[0] == 200, within=3.0, what="/readyz 200")
    assert body["store"]["restarts"] == 1 and body["store"]["breaker"] == "closed"
    assert server_pid(bot) != pid


async def test_a_hung_redis_fails_fast_and_recovers(bot: HirebotServer, slack: FakeSlackAPI) -> None:
    view = await open_form(bot, slack)
    dm_channel = "D0HUNG0001"
    with stopped(server_pid(bot)):
        _, body = await eventually(lambda: ready(bot), lambda r: r[0] == 503, within=3.0, what="/readyz 503")
        assert body["store"]["breaker"] == "open"

        asked = event_body(message_event("senior ML engineer in SF?", channel_id=dm_channel), event_id=new_event_id())
        assert (await bot.post_signed(asked)).status == 200
        [answer] = await slack.wait_for("chat.postMessage", timeout=HUNG_ANSWER_WITHIN)
        assert "$308K to $460K" in str(answer.body["blocks"])  # the guide's own answer, without Redis

        started = time.monotonic()
        refused = await save(bot, view, "while Redis hangs")
        assert time.monotonic() - started < HUNG_ANSWER_WITHIN
        assert refused.get("response_action") == "errors"
    await eventually(lambda: ready(bot), lambda r: r[0] == 200, within=HEAL_WITHIN, what="/readyz 200 after SIGCONT")
    saved = await save(bot, view, "once Redis answers")
    assert saved.get("response_action") == "update"
    await bot.settle(quiet_for=0)
    assert (await ready(bot))[1]["store"]["restarts"] == 0  # hung is not dead: the same server carries on


async def test_started_while_redis_is_down_it_is_not_ready_until_redis_answers(
    slack: FakeSlackAPI, tmp_path: Path
) -> None:
    redis = EmbeddedRedis(tmp_path / "redis")
    settings = Settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,  # type: ignore[call-arg]
        slack_api_url=slack.api_url,
        redis_url=redis.url,  # nothing listens there yet
        hirebot_data_dir=tmp_path,
    )
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as session:
            bot = HirebotServer(server, session)
            status, body = await ready(bot)
            assert status == 503 and "unreachable" in body["reason"]
            redis.start()
            await eventually(lambda: ready(bot), lambda r: r[0] == 200, within=HEAL_WITHIN, what="/readyz 200")
            view = await open_form(bot, slack)
            assert (await save(bot, view, "once Redis is up")).get("response_action") == "update"
    finally:
        await server.close()
        redis.stop()
