"""The retention sweep: candidates whose data is older than ``HIREBOT_RETENTION_DAYS`` (counted from the decision,
else the last scorecard) are forgotten exactly as ``/hire forget`` would.

Every replica runs the loop; a Redis claim that lasts one sweep interval (``Store.claim_once``, ``SET NX EX``)
lets only the first replica to reach it sweep, so one replica sweeps per interval however many run. The first
sweep comes one interval after start, so a restart loop can't sweep repeatedly.

``sweep_all`` is what the loop runs: under that one claim it deletes the data of every workspace whose grace
period after an uninstall is over (``bot.store.departures``, ``HIREBOT_UNINSTALL_GRACE_DAYS``), then sweeps each
workspace with data (``bot.store.workspace``), inside it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.decisions.forgetting import Forgetting
from bot.install.clients import ClientFor
from bot.store.audit import AuditAction
from bot.store.decisions import DecisionRecords
from bot.store.departures import Departure, Departures
from bot.store.keyspaces import purge, workspaces
from bot.store.redis_store import Store, StoreUnavailable
from bot.store.scorecards import ScorecardRecords
from bot.store.workspace import Workspace, within
from knowledge.retention import expired, kept_since

logger = logging.getLogger(__name__)

LOCK_NAMESPACE: Final = "retention-sweep"
ACTOR: Final = "retention"
MAX_CANDIDATES: Final = 100_000
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Period:
    """How long a workspace keeps candidate data: its own, from the App Home's Settings, or the environment's."""

    days: int
    own: bool

    def __str__(self) -> str:
        return f"{self.days} days ({'set in its Settings' if self.own else 'HIREBOT_RETENTION_DAYS'})"


@dataclass(frozen=True)
class Due:
    candidate: str
    key: str
    since: datetime


class RetentionSweep:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        scorecard_records: ScorecardRecords,
        decision_records: DecisionRecords,
        forgetting: Forgetting,
    ) -> None:
        self.store = store
        self.unscoped = store.unscoped()
        self.departures = Departures(self.unscoped, timedelta(days=settings.hirebot_uninstall_grace_days))
        self.scorecard_records = scorecard_records
        self.decision_records = decision_records
        self.forgetting = forgetting
        self.keep = timedelta(days=settings.hirebot_retention_days)  # unless the workspace's settings say otherwise
        self.team = forgetting.home.team
        self.interval = timedelta(minutes=settings.hirebot_retention_sweep_minutes)

    async def period(self) -> Period:
        """The current workspace's retention period, the one ``due`` and so ``sweep`` apply. Raises
        ``StoreUnavailable``."""
        saved = await self.team.saved()
        if saved is not None and saved.retention_days is not None:
            return Period(days=saved.retention_days, own=True)
        return Period(days=self.keep.days, own=False)

    async def due(self, now: datetime, period: Period | None = None) -> list[Due]:
        """Candidates the next sweep would delete, oldest first, kept longer than ``period`` (by default the
        workspace's own). Raises ``StoreUnavailable``."""
        keep = timedelta(days=(period or await self.period()).days)
        entries = await self.scorecard_records.recent_candidates(EPOCH, MAX_CANDIDATES)
        decisions = await self.decision_records.for_candidates([entry.candidate_key for entry in entries])
        found = []
        for entry in entries:
            scorecards = await self.scorecard_records.for_candidate(entry.candidate_key)
            decision = decisions.get(entry.candidate_key)
            since = kept_since(scorecards, decision) or entry.last_submitted_at
            if expired(scorecards, decision, now=now, keep=keep) or (not scorecards and since + keep <= now):
                found.append(Due(candidate=entry.candidate, key=entry.candidate_key, since=since))
        return sorted(found, key=lambda due: due.since)

    async def sweep(
        self, client: AsyncWebClient, now: datetime, *, locked: bool = True, period: Period | None = None
    ) -> list[Due] | None:
        """Forget every candidate that is due (``period``: the workspace's own unless given); None when another
        replica holds this interval's claim."""
        if locked:
            ttl = max(int(self.interval.total_seconds()) - 1, 1)
            if not await self.store.claim_once(LOCK_NAMESPACE, "sweep", ttl):
                return None
        await self.forgetting.audit.trim()
        period = period or await self.period()
        deleted = await self.due(now, period)
        for due in deleted:
            await self.forgetting.forget(client, due.key, actor=ACTOR, action=AuditAction.RETAINED_OUT)
        if deleted:
            logger.info("Retention sweep deleted %d candidate(s) kept longer than %s", len(deleted), period)
        return deleted

    async def sweep_all(
        self, client: AsyncWebClient, now: datetime, client_for: ClientFor | None = None
    ) -> list[Departure] | None:
        """Delete departed workspaces' data when due, then sweep every workspace, with its own client from
        ``client_for`` (``bot.install.clients``; ``client`` without it); the departures deleted, or None when
        another replica holds this interval's claim."""
        ttl = max(int(self.interval.total_seconds()) - 1, 1)
        if not await self.unscoped.claim_once(LOCK_NAMESPACE, "sweep", ttl):
            return None
        gone = await self.delete_departed(now)
        for workspace in await workspaces(self.unscoped):
            own = client if client_for is None else await client_for(workspace)
            if own is not None:  # none: uninstalled, its data waits out its grace period untouched
                with within(workspace):
                    await self.sweep(own, now, locked=False)
        return gone

    async def delete_departed(self, now: datetime) -> list[Departure]:
        """Every workspace whose grace period after an uninstall is over loses its data, then its departure."""
        gone = []
        for departure in await self.departures.due(now):
            if await self.departures.get(departure.enterprise_id, departure.team_id) is None:
                continue  # installed again since the list was read
            workspace = Workspace.of(departure.enterprise_id, departure.team_id)
            deleted = await purge(self.unscoped, workspace)
            await self.departures.returned(departure.enterprise_id, departure.team_id)
            logger.warning("Deleted %s's data (%d keys): its uninstall grace period is over", workspace, deleted)
            gone.append(departure)
        return gone

    async def run_forever(self, client: AsyncWebClient, client_for: ClientFor | None = None) -> None:
        """Sweep once per interval until cancelled; a failed sweep is logged and tried again next interval."""
        while True:
            await asyncio.sleep(self.interval.total_seconds())
            try:
                await self.sweep_all(client, datetime.now(UTC), client_for)
            except StoreUnavailable as error:
                logger.warning("Retention sweep skipped: %s", error)
            except Exception:
                logger.exception("Retention sweep failed")
