"""Scorecards kept in hirebot's document store (``bot.store.redis_store.Store``).

Documents (kind / doc_id) and the indexes that list them, newest first::

    scorecard/{candidate key}/{interviewer}/{interview}  a Scorecard    candidate:{key}, interviewer:{user}
    candidate/{candidate key}                            CandidateEntry recent
    scorecard-post/{scorecard id}                        SummaryPost: where its summary card was posted

Ids are deterministic: a scorecard resubmitted by the same interviewer for the same candidate and interview
overwrites the first. Scorecards are kept. Every method lets ``StoreUnavailable`` through: callers decide what
the person is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.store.documents import parse_document, parse_documents
from bot.store.puts import Put
from bot.store.redis_store import Store
from knowledge.reminders import reminder_id
from knowledge.scorecards import Scorecard

SCORECARD: Final = "scorecard"
CANDIDATE: Final = "candidate"
SUMMARY_POST: Final = "scorecard-post"
REMINDER: Final = "reminder"  # bot.store.reminders' kind, checked in the same transaction as a save
HOME_VISITS: Final = "home-visit"  # claim namespace of App Home visits (bot.store.home_read)
RECENT: Final = "recent"
MAX_SCORECARDS_PER_CANDIDATE: Final = 200


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


@dataclass(frozen=True, slots=True)
class Recorded:
    replaced: bool
    reminder_exists: bool | None  # None: no reminder was asked about
    pending_reminder: bool  # a reminder for this candidate and interviewer exists (the follow-up cancels it)
    home_visitor: bool  # the interviewer opened their App Home in the last 24 hours (it gets refreshed)
    read: list[str | None] = field(default_factory=list)  # the values of the keys asked to be read along


class ScorecardRecords:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def save(self, scorecard: Scorecard) -> bool:
        """Save ``scorecard``, replacing one with the same id; whether it replaced one."""
        return (await self.record(scorecard)).replaced

    async def record(self, scorecard: Scorecard, *, reminder: str | None = None, read: Sequence[str] = ()) -> Recorded:
        """Save ``scorecard`` and its candidate entry in one transaction (one round trip, all or nothing), saying
        whether it replaced one, whether the ``reminder`` it was opened from still existed, and what its follow-up
        needs to know (is there a reminder to cancel, a Home to refresh) so it reads nothing more."""
        entry = CandidateEntry(
            candidate=scorecard.candidate,
            candidate_key=scorecard.candidate_key,
            last_submitted_at=scorecard.submitted_at,
        )
        indexes = (f"candidate:{scorecard.candidate_key}", f"interviewer:{scorecard.interviewer}")
        store = self.store
        checks = [
            store.document_key(SCORECARD, scorecard.id),
            store.document_key(REMINDER, reminder_id(scorecard.candidate_key, scorecard.interviewer)),
            store.claim_key(HOME_VISITS, scorecard.interviewer),
            *([store.document_key(REMINDER, reminder)] if reminder is not None else []),
        ]
        puts = [
            Put(CANDIDATE, scorecard.candidate_key, entry, (RECENT,)),
            Put(SCORECARD, scorecard.id, scorecard, indexes),
        ]
        written = await self.store.put_documents(puts, exists=checks, read=read)
        found = written.existed
        return Recorded(
            replaced=found[0],
            reminder_exists=found[3] if reminder is not None else None,
            pending_reminder=found[1],
            home_visitor=found[2],
            read=written.read,
        )

    async def get(self, scorecard_id: str) -> Scorecard | None:
        document = await self.store.get_document(SCORECARD, scorecard_id)
        return parse_document(Scorecard, document, SCORECARD)

    async def for_candidate(self, key: str) -> list[Scorecard]:
        """Every scorecard for the candidate, newest first."""
        ids = await self.store.index_members(SCORECARD, f"candidate:{key}", limit=MAX_SCORECARDS_PER_CANDIDATE)
        return parse_documents(Scorecard, await self.store.get_documents(SCORECARD, ids), SCORECARD)

    async def by_interviewer(self, interviewer: str, limit: int) -> list[Scorecard]:
        ids = await self.store.index_members(SCORECARD, f"interviewer:{interviewer}", limit=limit)
        return parse_documents(Scorecard, await self.store.get_documents(SCORECARD, ids), SCORECARD)

    async def recent_candidates(self, since: datetime, limit: int) -> list[CandidateEntry]:
        """Candidates with a scorecard submitted since ``since``, most recent first."""
        keys = await self.store.index_members(CANDIDATE, RECENT, limit=limit)
        entries = parse_documents(CandidateEntry, await self.store.get_documents(CANDIDATE, keys), CANDIDATE)
        return [entry for entry in entries if entry.last_submitted_at >= since]

    async def summary_post(self, scorecard_id: str) -> SummaryPost | None:
        document = await self.store.get_document(SUMMARY_POST, scorecard_id)
        return parse_document(SummaryPost, document, SUMMARY_POST)

    async def remember_summary_post(self, scorecard_id: str, post: SummaryPost) -> None:
        await self.store.put_document(SUMMARY_POST, scorecard_id, post)
