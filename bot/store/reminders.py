"""Reminders kept in hirebot's document store: ``reminder/{candidate key}/{interviewer}``, indexed by
``interviewer:{user}`` and ``requester:{user}``.

A new reminder for the same candidate and interviewer replaces the pending one. Reminders expire ``KEEP_AFTER``
after they fire. Every method lets ``StoreUnavailable`` through: callers decide what the person is told.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from bot.store.documents import parse_document, parse_documents
from bot.store.redis_store import Store
from knowledge.reminders import KEEP_AFTER, Reminder

REMINDER: Final = "reminder"


class ReminderRecords:
    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def _indexes(reminder: Reminder) -> list[str]:
        return [f"interviewer:{reminder.interviewer}", f"requester:{reminder.requester}"]

    async def save(self, reminder: Reminder, now: datetime) -> None:
        """Keep the reminder until ``KEEP_AFTER`` past its time, so its button still finds it for a while."""
        ttl = max(int((reminder.remind_at + KEEP_AFTER - now) / timedelta(seconds=1)), 60)
        await self.store.put_document(REMINDER, reminder.id, reminder, indexes=self._indexes(reminder), ttl=ttl)

    async def get(self, reminder_id: str) -> Reminder | None:
        document = await self.store.get_document(REMINDER, reminder_id)
        return parse_document(Reminder, document, REMINDER)

    async def delete(self, reminder: Reminder) -> None:
        await self.store.delete_document(REMINDER, reminder.id, indexes=self._indexes(reminder))

    async def for_interviewer(self, interviewer: str, limit: int) -> list[Reminder]:
        return await self._listed(f"interviewer:{interviewer}", limit)

    async def by_requester(self, requester: str, limit: int) -> list[Reminder]:
        return await self._listed(f"requester:{requester}", limit)

    async def _listed(self, index: str, limit: int) -> list[Reminder]:
        """The index's reminders; entries whose reminder expired are dropped from the index on the way."""
        ids = await self.store.index_members(REMINDER, index, limit=limit)
        reminders = parse_documents(Reminder, await self.store.get_documents(REMINDER, ids), REMINDER)
        found = {reminder.id for reminder in reminders}
        for gone in (doc_id for doc_id in ids if doc_id not in found):
            await self.store.delete_document(REMINDER, gone, indexes=[index])
        return reminders
