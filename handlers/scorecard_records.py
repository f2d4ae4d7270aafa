"""Scorecards and reminders kept in hirebot's generic document store (``bot.store.Store``).

Documents (kind / doc_id) and the indexes that list them, newest first::

    scorecard/{candidate key}/{interviewer}/{interview}  a Scorecard    candidate:{key}, interviewer:{user}
    candidate/{candidate key}                            CandidateEntry recent
    scorecard-post/{scorecard id}                        SummaryPost: where its summary card was posted
    reminder/{candidate key}/{interviewer}               a Reminder     interviewer:{user}, requester:{user}

Ids are deterministic: a scorecard resubmitted by the same interviewer for the same candidate and interview
overwrites the first, and a new reminder for the same candidate and interviewer replaces the pending one.
Reminders expire ``KEEP_AFTER`` after they fire; scorecards are kept. Every method lets ``StoreUnavailable``
through: callers decide what the person is told.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from bot.store import Store
from knowledge.reminders import KEEP_AFTER, Reminder
from knowledge.scorecards import Scorecard

logger = logging.getLogger(__name__)

SCORECARD: Final = "scorecard"
CANDIDATE: Final = "candidate"
SUMMARY_POST: Final = "scorecard-post"
REMINDER: Final = "reminder"
RECENT: Final = "recent"
MAX_SCORECARDS_PER_CANDIDATE: Final = 200

Model = TypeVar("Model", bound=BaseModel)


class CandidateEntry(BaseModel):
    """A candidate someone has written a scorecard for, with the name as last typed."""

    model_config = ConfigDict(frozen=True)

    candidate: str
    candidate_key: str
    last_submitted_at: AwareDatetime


class SummaryPost(BaseModel):
    model_config = ConfigDict(frozen=True)

    channel: str
    ts: str


def _parse(model: type[Model], documents: Sequence[dict[str, object]], what: str) -> list[Model]:
    parsed = []
    for document in documents:
        try:
            parsed.append(model.model_validate(document))
        except ValidationError:
            logger.warning("Skipping an unreadable %s document", what)
    return parsed


class ScorecardRecords:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def save(self, scorecard: Scorecard) -> bool:
        """Save ``scorecard``, replacing one with the same id; whether it replaced one.

        The candidate entry is written first, so that a failure between the two writes leaves nothing that
        claims the scorecard was saved: the scorecard itself is the last write.
        """
        existed = await self.store.get_document(SCORECARD, scorecard.id) is not None
        entry = CandidateEntry(
            candidate=scorecard.candidate,
            candidate_key=scorecard.candidate_key,
            last_submitted_at=scorecard.submitted_at,
        )
        await self.store.put_document(CANDIDATE, scorecard.candidate_key, entry, indexes=[RECENT])
        await self.store.put_document(
            SCORECARD,
            scorecard.id,
            scorecard,
            indexes=[f"candidate:{scorecard.candidate_key}", f"interviewer:{scorecard.interviewer}"],
        )
        return existed

    async def get(self, scorecard_id: str) -> Scorecard | None:
        document = await self.store.get_document(SCORECARD, scorecard_id)
        found = _parse(Scorecard, [document] if document is not None else [], SCORECARD)
        return found[0] if found else None

    async def for_candidate(self, key: str) -> list[Scorecard]:
        """Every scorecard for the candidate, newest first."""
        ids = await self.store.index_members(SCORECARD, f"candidate:{key}", limit=MAX_SCORECARDS_PER_CANDIDATE)
        return _parse(Scorecard, await self.store.get_documents(SCORECARD, ids), SCORECARD)

    async def by_interviewer(self, interviewer: str, limit: int) -> list[Scorecard]:
        ids = await self.store.index_members(SCORECARD, f"interviewer:{interviewer}", limit=limit)
        return _parse(Scorecard, await self.store.get_documents(SCORECARD, ids), SCORECARD)

    async def recent_candidates(self, since: datetime, limit: int) -> list[CandidateEntry]:
        """Candidates with a scorecard submitted since ``since``, most recent first."""
        keys = await self.store.index_members(CANDIDATE, RECENT, limit=limit)
        entries = _parse(CandidateEntry, await self.store.get_documents(CANDIDATE, keys), CANDIDATE)
        return [entry for entry in entries if entry.last_submitted_at >= since]

    async def summary_post(self, scorecard_id: str) -> SummaryPost | None:
        document = await self.store.get_document(SUMMARY_POST, scorecard_id)
        found = _parse(SummaryPost, [document] if document is not None else [], SUMMARY_POST)
        return found[0] if found else None

    async def remember_summary_post(self, scorecard_id: str, post: SummaryPost) -> None:
        await self.store.put_document(SUMMARY_POST, scorecard_id, post)


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
        found = _parse(Reminder, [document] if document is not None else [], REMINDER)
        return found[0] if found else None

    async def delete(self, reminder: Reminder) -> None:
        await self.store.delete_document(REMINDER, reminder.id, indexes=self._indexes(reminder))

    async def for_interviewer(self, interviewer: str, limit: int) -> list[Reminder]:
        return await self._listed(f"interviewer:{interviewer}", limit)

    async def by_requester(self, requester: str, limit: int) -> list[Reminder]:
        return await self._listed(f"requester:{requester}", limit)

    async def _listed(self, index: str, limit: int) -> list[Reminder]:
        """The index's reminders; entries whose reminder expired are dropped from the index on the way."""
        ids = await self.store.index_members(REMINDER, index, limit=limit)
        reminders = _parse(Reminder, await self.store.get_documents(REMINDER, ids), REMINDER)
        found = {reminder.id for reminder in reminders}
        for gone in (doc_id for doc_id in ids if doc_id not in found):
            await self.store.delete_document(REMINDER, gone, indexes=[index])
        return reminders
