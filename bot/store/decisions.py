"""Decisions, offer drafts and what follows them, kept in hirebot's document store::

    decision/{candidate key}                 a Decision         index decision:recent
    offer/{candidate key}                    an Offer (the last one drafted)
    offer-post/{candidate key}               SummaryPost: where the offer was shared, if it was
    late-scorecard/{candidate key}/{user}    LateScorecard: submitted after the reminder had fired

A new decision or offer replaces the last; the audit log (``bot.store.audit``) keeps the history. Every method
lets ``StoreUnavailable`` through: callers decide what the person is told.
"""

from __future__ import annotations

from typing import Final

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.store.documents import parse_document, parse_documents
from bot.store.redis_store import Store
from bot.store.scorecards import SummaryPost
from knowledge.offers import Offer
from knowledge.outcomes import Decision

DECISION: Final = "decision"
OFFER: Final = "offer"
OFFER_POST: Final = "offer-post"
LATE: Final = "late-scorecard"
RECENT: Final = "recent"
MAX_LISTED: Final = 10_000


class LateScorecard(BaseModel):
    """A scorecard submitted after the reminder to fill it had fired (for calibration)."""

    model_config = ConfigDict(frozen=True)

    candidate_key: str
    interviewer: str
    reminded_at: AwareDatetime


class DecisionRecords:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def save(self, decision: Decision) -> Decision | None:
        """Store ``decision``, replacing the candidate's last one; the one it replaced, if any."""
        previous = await self.get(decision.candidate_key)
        await self.store.put_document(DECISION, decision.candidate_key, decision, indexes=[RECENT])
        return previous

    async def get(self, key: str) -> Decision | None:
        return parse_document(Decision, await self.store.get_document(DECISION, key), DECISION)

    async def for_candidates(self, keys: list[str]) -> dict[str, Decision]:
        decisions = parse_documents(Decision, await self.store.get_documents(DECISION, keys), DECISION)
        return {decision.candidate_key: decision for decision in decisions}

    async def recent(self) -> list[Decision]:
        keys = await self.store.index_members(DECISION, RECENT, limit=MAX_LISTED)
        return list((await self.for_candidates(keys)).values())

    async def save_offer(self, offer: Offer) -> None:
        await self.store.put_document(OFFER, offer.candidate_key, offer)

    async def offer(self, key: str) -> Offer | None:
        return parse_document(Offer, await self.store.get_document(OFFER, key), OFFER)

    async def offers(self, keys: list[str]) -> list[Offer]:
        return parse_documents(Offer, await self.store.get_documents(OFFER, keys), OFFER)

    async def remember_offer_post(self, key: str, post: SummaryPost) -> None:
        await self.store.put_document(OFFER_POST, key, post)

    async def offer_post(self, key: str) -> SummaryPost | None:
        return parse_document(SummaryPost, await self.store.get_document(OFFER_POST, key), OFFER_POST)

    async def mark_late(self, late: LateScorecard) -> None:
        await self.store.put_document(LATE, f"{late.candidate_key}/{late.interviewer}", late)

    async def late(self, key: str, interviewer: str) -> LateScorecard | None:
        return parse_document(LateScorecard, await self.store.get_document(LATE, f"{key}/{interviewer}"), LATE)

    async def lates(self, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these (candidate key, interviewer) scorecards were submitted late."""
        ids = [f"{key}/{interviewer}" for key, interviewer in sorted(pairs)]
        found = parse_documents(LateScorecard, await self.store.get_documents(LATE, ids), LATE)
        return {(late.candidate_key, late.interviewer) for late in found}
