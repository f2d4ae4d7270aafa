"""Workspaces that uninstalled hirebot, and when their hiring data may go: ``workspace-departure/{enterprise}:{team}``,
all listed in the ``departed`` index.

An uninstall removes the tokens at once (``handlers.installs``) and records a departure here with the grace period
(``HIREBOT_UNINSTALL_GRACE_DAYS``, 30 by default); a reinstall within it removes the record, so the data is found
again. ``due`` lists the workspaces whose grace period is over; the retention sweep
(``bot.decisions.retention.RetentionSweep.delete_departed``) then deletes their keyspaces and the records.
These records belong to no workspace: they live in the store's ``unscoped()`` view.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from pydantic import AwareDatetime, BaseModel

from bot.store.documents import parse_document, parse_documents
from bot.store.redis_store import Store
from bot.store.workspace import Workspace

DEPARTURE: Final = "workspace-departure"
DEPARTED_INDEX: Final = "departed"
MAX_LISTED: Final = 1000


class Departure(BaseModel):
    enterprise_id: str | None
    team_id: str | None
    left_at: AwareDatetime
    delete_after: AwareDatetime

    @property
    def key(self) -> str:
        return workspace_key(self.enterprise_id, self.team_id)


def workspace_key(enterprise_id: str | None, team_id: str | None) -> str:
    return Workspace.of(enterprise_id, team_id).key


class Departures:
    def __init__(self, store: Store, grace: timedelta) -> None:
        self.store = store
        self.grace = grace

    async def left(self, enterprise_id: str | None, team_id: str | None, now: datetime) -> Departure:
        departure = Departure(enterprise_id=enterprise_id, team_id=team_id, left_at=now, delete_after=now + self.grace)
        await self.store.put_document(DEPARTURE, departure.key, departure, indexes=[DEPARTED_INDEX])
        return departure

    async def returned(self, enterprise_id: str | None, team_id: str | None) -> bool:
        """The workspace installed again: whether it had left (and its data was waiting)."""
        key = workspace_key(enterprise_id, team_id)
        return await self.store.delete_document(DEPARTURE, key, indexes=[DEPARTED_INDEX])

    async def get(self, enterprise_id: str | None, team_id: str | None) -> Departure | None:
        document = await self.store.get_document(DEPARTURE, workspace_key(enterprise_id, team_id))
        return parse_document(Departure, document, DEPARTURE)

    async def due(self, now: datetime) -> list[Departure]:
        ids = await self.store.index_members(DEPARTURE, DEPARTED_INDEX, limit=MAX_LISTED)
        departures = parse_documents(Departure, await self.store.get_documents(DEPARTURE, ids), DEPARTURE)
        return [departure for departure in departures if departure.delete_after <= now]
