"""The audit log: an append-only Redis stream, ``{prefix}audit``, of who viewed a full debrief, decided, drafted an
offer, exported or deleted, and when.

Entries name the candidate only by ``knowledge.outcomes.candidate_ref`` (a pseudonym), never by name, so
forgetting a candidate leaves the log intact and nameless. Nothing rewrites an entry; each ``XADD`` trims entries
older than the retention period (``MINID``), so the log expires with the data it describes.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Final

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.store.reachable import reachable
from bot.store.redis_store import Store

AUDIT_STREAM: Final = "audit"
MAX_READ: Final = 100_000


class AuditAction(StrEnum):
    VIEWED_DEBRIEF = "viewed-debrief"
    DECIDED = "decided"
    DRAFTED_OFFER = "drafted-offer"
    SHARED_OFFER = "shared-offer"
    EXPORTED = "exported"
    FORGOT = "forgot"
    RETAINED_OUT = "retention-deleted"


class AuditEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = ""
    at: AwareDatetime
    actor: str
    action: AuditAction
    candidate_ref: str = ""
    detail: str = ""

    def line(self) -> str:
        parts = [self.at.strftime("%Y-%m-%dT%H:%M:%SZ"), self.actor, self.action.value]
        return "\t".join([*parts, self.candidate_ref or "-", self.detail])


class AuditLog:
    def __init__(self, store: Store, retention: timedelta) -> None:
        self.store = store
        self.retention = retention

    @property
    def key(self) -> str:
        return self.store.prefix + AUDIT_STREAM

    async def record(self, actor: str, action: AuditAction, candidate_ref: str = "", detail: str = "") -> None:
        """Append one entry (Redis stamps it), dropping entries older than the retention period."""
        with reachable(self.store):
            await self.store.redis.xadd(
                self.key,
                {"actor": actor, "action": action.value, "candidate_ref": candidate_ref, "detail": detail[:500]},
                minid=self._oldest_id(),
                approximate=False,
            )

    async def trim(self) -> None:
        """Drop entries older than the retention period even when nothing new is written (the sweep calls it)."""
        with reachable(self.store):
            await self.store.redis.xtrim(self.key, minid=self._oldest_id(), approximate=False)

    def _oldest_id(self) -> int:
        return max(int((time.time() - self.retention.total_seconds()) * 1000), 0)

    async def entries(self, since: datetime | None = None) -> list[AuditEntry]:
        """Every entry since ``since`` (all kept ones without it), oldest first."""
        start = "-" if since is None else str(int(since.timestamp() * 1000))
        with reachable(self.store):
            raw = await self.store.redis.xrange(self.key, min=start, max="+", count=MAX_READ)
        entries = []
        for entry_id, stored in raw or []:
            fields = {_text(k): _text(v) for k, v in (stored or {}).items()}
            stamp = int(_text(entry_id).split("-")[0]) / 1000
            try:
                action = AuditAction(fields.get("action", ""))
            except ValueError:
                continue
            entries.append(
                AuditEntry(
                    id=_text(entry_id),
                    at=datetime.fromtimestamp(stamp, UTC),
                    actor=fields.get("actor", ""),
                    action=action,
                    candidate_ref=fields.get("candidate_ref", ""),
                    detail=fields.get("detail", ""),
                )
            )
        return entries


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
