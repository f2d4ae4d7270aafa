"""The real hirebot aiohttp server (Bolt inside) against the fake Slack, with a real Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.deps import Deps
from bot.server import DEPS, EVENTS_PATH, create_web_app
from bot.store.redis_store import connect_redis
from bot.store.workspace import Workspace, within
from tests.fakes.signing import signed_headers
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, TEAM_ID

TEST_WORKSPACE = Workspace(team_id=TEAM_ID)


@pytest.fixture(autouse=True)
async def in_the_test_workspace() -> AsyncIterator[None]:
    """What a test reads or writes through ``hirebot.deps`` or a store of its own is the fake workspace's, where
    the requests it sends (team ``T0001``) keep their records. The server itself enters each request's own."""
    with within(TEST_WORKSPACE):
        yield


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI() as fake:
        yield fake


@pytest.fixture
async def key_prefix(redis_url: str) -> AsyncIterator[str]:
    """A key prefix of the test's own, so servers under test share nothing through Redis; deleted after."""
    prefix = f"hirebot-test:{uuid4().hex}:"
    yield prefix
    client = connect_redis(redis_url)
    keys = [key async for key in client.scan_iter(match=f"{prefix}*", count=1000)]
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest.fixture
def settings(slack: FakeSlackAPI, redis_url: str, tmp_path: Path, key_prefix: str) -> Settings:
    return Settings(
        hirebot_key_prefix=key_prefix,
        _env_file=None,  # type: ignore[call-arg]
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=APP_TOKEN,
        slack_api_url=slack.api_url,
        redis_url=redis_url,
        hirebot_data_dir=tmp_path,
    )


class HirebotServer:
    """The running server and a way to post to it like Slack does."""

    def __init__(self, server: TestServer, session: aiohttp.ClientSession) -> None:
        self.server = server
        self.session = session

    @property
    def events_url(self) -> str:
        return str(self.server.make_url(EVENTS_PATH))

    async def post_signed(
        self,
        body: bytes,
        *,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
        retry: int | None = None,
    ) -> aiohttp.ClientResponse:
        headers = signed_headers(secret, body, timestamp)
        if retry is not None:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        response = await self.session.post(self.events_url, data=body, headers=headers)
        await response.read()
        return response

    @property
    def deps(self) -> Deps:
        return self.server.app[DEPS]

    async def settle(self, quiet_for: float = 0.2) -> None:
        """Wait until no background answer has been running for ``quiet_for`` seconds. Bolt starts event
        listeners just after the ack, so an idle moment right after a request is not enough."""
        loop = asyncio.get_running_loop()
        deadline, idle_since = loop.time() + 10, loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.02)
            if len(self.deps.tasks):
                idle_since = loop.time()
            elif loop.time() - idle_since >= quiet_for:
                return
        raise AssertionError("background answers did not finish")


@pytest.fixture
async def hirebot(settings: Settings) -> AsyncIterator[HirebotServer]:
    server = TestServer(create_web_app(settings), host="127.0.0.1", port=0)
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield HirebotServer(server, session)
    await server.close()
