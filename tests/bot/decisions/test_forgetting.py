"""Forgetting a candidate with Redis killed part-way: the run fails, nothing is left half-deleted that a second run
doesn't finish, and the second run leaves nothing naming her. On a Redis of the test's own, stopped mid-way."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.decisions.forgetting import Forgetting
from bot.scorecards.home import HomePublisher
from bot.store.audit import AuditLog
from bot.store.candidate_data import STEPS, CandidateData
from bot.store.decisions import DecisionRecords
from bot.store.embedded import EmbeddedRedis
from bot.store.redis_store import Store, StoreUnavailable, connect_redis
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords, SummaryPost
from knowledge.models import Level, Role
from knowledge.outcomes import Decision, Outcome
from tests.factories import reminder, scorecard
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN


@pytest.fixture
def own_redis(tmp_path: Path) -> EmbeddedRedis:
    return EmbeddedRedis(tmp_path / "redis")


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI() as fake:
        yield fake


async def keys_naming_ada(store: Store) -> list[str]:
    found = []
    async for key in store.redis.scan_iter(match="*", count=1000):
        text = unquote(str(key)).lower()
        members = await store.redis.zrange(key, 0, -1) if await store.redis.type(key) == "zset" else []
        if "lovelace" in text or any("lovelace" in unquote(str(m)) for m in members):
            found.append(text)
    return found


@pytest.mark.parametrize("cut_after", STEPS[:-1])
async def test_a_forget_cut_short_by_redis_dying_is_finished_by_running_it_again(
    own_redis: EmbeddedRedis, slack: FakeSlackAPI, cut_after: str
) -> None:
    store = Store(connect_redis(await asyncio.to_thread(own_redis.start)))
    settings = Settings(_env_file=None, hiring_managers=("U0HIRINGMGR",))  # type: ignore[call-arg]
    scorecards, reminders, decisions = ScorecardRecords(store), ReminderRecords(store), DecisionRecords(store)
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    now = datetime.now(UTC)
    for interviewer in ("U0GRACE001", "U0KATHERIN"):
        card = scorecard(interviewer, at=now)
        await scorecards.save(card)
        posted = await client.chat_postMessage(channel="C0HIRING01", text="summary")
        await scorecards.remember_summary_post(card.id, SummaryPost(channel="C0HIRING01", ts=str(posted["ts"])))
    scheduled = await client.chat_scheduleMessage(
        channel="D0ALAN0001", post_at=int((now + timedelta(hours=1)).timestamp()), text="fill it"
    )
    pending = reminder(
        "U0ALAN0001", at=now, delivery_channel="D0ALAN0001", delivery_id=scheduled["scheduled_message_id"]
    )
    await reminders.save(pending, now)
    await decisions.save(
        Decision(
            candidate="Ada Lovelace",
            candidate_key="ada lovelace",
            role=Role.AI_ENGINEER,
            outcome=Outcome.HIRE,
            level=Level.SENIOR,
            decided_by="U0HIRINGMGR",
            decided_at=now,
        )
    )
    expired = reminder("U0GONE0001", at=now - timedelta(days=30))  # its document gone with its TTL, not its index
    await store.redis.zadd(store.index_key("reminder", "interviewer:U0GONE0001"), {expired.id: 1})
    home = HomePublisher(settings, scorecards, reminders, decisions)
    forgetting = Forgetting(CandidateData(store, decisions), AuditLog(store, timedelta(days=365)), home)
    assert len(await keys_naming_ada(store)) >= 5

    async def kill_redis(step: str) -> None:
        if step == cut_after:
            await asyncio.to_thread(own_redis.stop)

    try:
        with pytest.raises(StoreUnavailable):
            await forgetting.forget(client, "ada lovelace", actor="U0HIRINGMGR", on_step=kill_redis)
        await asyncio.to_thread(own_redis.start)
        assert await keys_naming_ada(store)  # cut short: something is left ...
        forgotten = await forgetting.forget(client, "ada lovelace", actor="U0HIRINGMGR")
        assert await keys_naming_ada(store) == []  # ... and the second run finishes it
        assert forgotten.problems == []
        assert slack.workspace.scheduled == {}
        posted = {c.response["ts"] for c in slack.calls_to("chat.postMessage")}
        assert {c.body["ts"] for c in slack.calls_to("chat.update", ok=True)} == posted  # both read "removed"
        again = await forgetting.forget(client, "ada lovelace", actor="U0HIRINGMGR")
        assert again.done == [] and await keys_naming_ada(store) == []
    finally:
        await store.close()
        await asyncio.to_thread(own_redis.stop)
