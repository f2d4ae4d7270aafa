"""Everything hirebot keeps about one candidate, found and deleted by candidate key, whatever record holds it.

``inventory`` finds it afresh each time, by scanning for the documents whose ids start with the key (ids are
``{key}/…``; percent-encoded, so the ``SCAN`` pattern can't be widened by the name) and reading the fixed ones.
``delete_step`` deletes one kind at a time, each document together with its index entries in one transaction, and
the candidate's own index last. So a deletion cut short (Redis gone mid-way) leaves only whole records, which the
next ``inventory`` finds again: running the deletion again finishes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final
from urllib.parse import unquote

from bot.store.decisions import DECISION, LATE, OFFER, OFFER_POST, DecisionRecords
from bot.store.decisions import RECENT as DECIDED
from bot.store.documents import parse_documents
from bot.store.reachable import reachable
from bot.store.redis_store import Store
from bot.store.reminders import REMINDER
from bot.store.scorecards import CANDIDATE, RECENT, SCORECARD, SUMMARY_POST, SummaryPost
from knowledge.offers import Offer
from knowledge.outcomes import Decision
from knowledge.reminders import Reminder
from knowledge.scorecards import Scorecard

SCAN_BATCH: Final = 500
STEPS: Final = ("reminders", "posts", "decision", "scorecards", "candidate")


@dataclass
class Inventory:
    """What is stored for one candidate key, as found now."""

    key: str
    name: str = ""
    scorecard_ids: list[str] = field(default_factory=list)
    scorecards: list[Scorecard] = field(default_factory=list)
    summary_posts: dict[str, SummaryPost] = field(default_factory=dict)
    reminders: list[Reminder] = field(default_factory=list)
    reminder_ids: list[str] = field(default_factory=list)
    index_entries: list[tuple[str, str]] = field(default_factory=list)  # (index key, member) left by expired reminders
    late_ids: list[str] = field(default_factory=list)
    decision: Decision | None = None
    offer: Offer | None = None
    offer_post: SummaryPost | None = None
    listed: bool = False  # a candidate entry (the App Home's list)

    @property
    def empty(self) -> bool:
        return not (
            self.scorecard_ids
            or self.summary_posts
            or self.reminder_ids
            or self.index_entries
            or self.late_ids
            or self.decision
            or self.offer
            or self.offer_post
            or self.listed
        )

    @property
    def posts(self) -> list[SummaryPost]:
        return [*self.summary_posts.values(), *([self.offer_post] if self.offer_post else [])]

    @property
    def people(self) -> set[str]:
        """Whose App Home lists something of this candidate."""
        return {s.interviewer for s in self.scorecards} | {
            u for r in self.reminders for u in (r.interviewer, r.requester)
        }


class CandidateData:
    def __init__(self, store: Store, decision_records: DecisionRecords) -> None:
        self.store = store
        self.decisions = decision_records

    async def _ids(self, kind: str, key: str, parts: int) -> list[str]:
        """Ids of ``kind`` documents that belong to ``key``: ``{key}/…`` with exactly ``parts`` more parts."""
        start = self.store.document_key(kind, key + "/")
        prefix = self.store.document_key(kind, "")
        found = []
        with reachable(self.store):
            async for raw in self.store.redis.scan_iter(match=start + "*", count=SCAN_BATCH):
                doc_id = unquote(str(raw.decode() if isinstance(raw, bytes) else raw)[len(prefix) :])
                if doc_id.rsplit("/", parts)[0] == key and doc_id.count("/") >= parts:
                    found.append(doc_id)
        return sorted(found)

    async def inventory(self, key: str) -> Inventory:
        """Everything stored for ``key``, read now. Raises ``StoreUnavailable`` (through the store's own calls)."""
        store = self.store
        found = Inventory(key=key)
        indexed = await store.index_members(SCORECARD, f"candidate:{key}")
        found.scorecard_ids = sorted(set(indexed) | set(await self._ids(SCORECARD, key, 2)))
        found.scorecards = parse_documents(
            Scorecard, await store.get_documents(SCORECARD, found.scorecard_ids), SCORECARD
        )
        for post_id in await self._ids(SUMMARY_POST, key, 2):
            document = await store.get_document(SUMMARY_POST, post_id)
            posts = parse_documents(SummaryPost, [document] if document else [], SUMMARY_POST)
            if posts:
                found.summary_posts[post_id] = posts[0]
        found.reminder_ids = await self._ids(REMINDER, key, 1)
        found.reminders = parse_documents(Reminder, await store.get_documents(REMINDER, found.reminder_ids), REMINDER)
        found.index_entries = await self._reminder_index_entries(key)
        found.late_ids = await self._ids(LATE, key, 1)
        found.decision = await self.decisions.get(key)
        found.offer = await self.decisions.offer(key)
        found.offer_post = await self.decisions.offer_post(key)
        entry = await store.get_document(CANDIDATE, key)
        found.listed = entry is not None or bool(await self._in_recent(key))
        names = [s.candidate for s in found.scorecards] + [r.candidate for r in found.reminders]
        names += [str(entry.get("candidate", ""))] if entry else []
        found.name = next((name for name in names if name), "")
        return found

    async def _reminder_index_entries(self, key: str) -> list[tuple[str, str]]:
        """Reminder index entries naming ``key``: a reminder expires with its TTL but its index entries stay until
        a reader drops them, so they are looked for in every reminder index (one per person, each small)."""
        found = []
        with reachable(self.store):
            async for raw in self.store.redis.scan_iter(
                match=self.store.index_key(REMINDER, "") + "*", count=SCAN_BATCH
            ):
                index = raw.decode() if isinstance(raw, bytes) else str(raw)
                for member in await self.store.redis.zrange(index, 0, -1):
                    text = member.decode() if isinstance(member, bytes) else str(member)
                    if text.rsplit("/", 1)[0] == key:
                        found.append((index, text))
        return found

    async def _in_recent(self, key: str) -> bool:
        with reachable(self.store):
            return await self.store.redis.zscore(self.store.index_key(CANDIDATE, RECENT), key) is not None

    async def delete_step(self, step: str, found: Inventory) -> None:
        """Delete one kind of record for the candidate (``STEPS``, in that order)."""
        store = self.store
        if step == "reminders":
            for reminder in found.reminders:
                indexes = [f"interviewer:{reminder.interviewer}", f"requester:{reminder.requester}"]
                await store.delete_document(REMINDER, reminder.id, indexes=indexes)
            for reminder_id in found.reminder_ids:
                await store.delete_document(REMINDER, reminder_id)
            with reachable(store):
                for index, member in found.index_entries:
                    await store.redis.zrem(index, member)
        elif step == "posts":
            for post_id in found.summary_posts:
                await store.delete_document(SUMMARY_POST, post_id)
            await store.delete_document(OFFER_POST, found.key)
        elif step == "decision":
            for late_id in found.late_ids:
                await store.delete_document(LATE, late_id)
            await store.delete_document(OFFER, found.key)
            await store.delete_document(DECISION, found.key, indexes=[DECIDED])
        elif step == "scorecards":
            interviewers = {s.id: s.interviewer for s in found.scorecards}
            for scorecard_id in found.scorecard_ids:
                indexes = [f"candidate:{found.key}"]
                if scorecard_id in interviewers:
                    indexes.append(f"interviewer:{interviewers[scorecard_id]}")
                await store.delete_document(SCORECARD, scorecard_id, indexes=indexes)
        elif step == "candidate":
            await store.delete_document(CANDIDATE, found.key, indexes=[RECENT])
            with reachable(store):
                await store.redis.delete(store.index_key(SCORECARD, f"candidate:{found.key}"))
        else:
            raise ValueError(f"unknown step {step!r}")
