"""The audit log: append-only, read back in order, nameless, and expiring with the retention period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store.audit import AuditAction, AuditLog
from bot.store.redis_store import Store


async def test_entries_are_read_back_in_order_and_old_ones_expire(store: Store) -> None:
    log = AuditLog(store, timedelta(days=365))
    await store.redis.xadd(log.key, {"actor": "U0OLD00001", "action": "decided"}, id="1000-0")  # in 1970
    assert len(await log.entries()) == 1
    await log.trim()  # the sweep trims even when nothing new is written
    assert await log.entries() == []
    await store.redis.xadd(log.key, {"actor": "U0OLD00002", "action": "forgot"}, id="2000-0")
    await log.record("U0HIRINGMGR", AuditAction.DECIDED, "c-0123", "hire at senior")  # and every write trims
    await log.record("U0HIRINGMGR", AuditAction.FORGOT, "c-0123")
    entries = await log.entries()
    assert [(e.actor, e.action, e.candidate_ref, e.detail) for e in entries] == [
        ("U0HIRINGMGR", AuditAction.DECIDED, "c-0123", "hire at senior"),
        ("U0HIRINGMGR", AuditAction.FORGOT, "c-0123", ""),
    ]
    assert await log.entries(since=datetime.now(UTC) + timedelta(minutes=1)) == []
    assert entries[0].line().split("\t")[1:] == ["U0HIRINGMGR", "decided", "c-0123", "hire at senior"]
