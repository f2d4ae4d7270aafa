"""Helpful / not helpful votes on answers, kept with the question and answer they are about.

``feedback/{answer id}:{user}`` holds one vote per person per answer (a second click replaces the first), indexed
by ``helpful`` or ``unhelpful``. ``hirebot feedback`` lists the unhelpful ones: that is where new golden cases
come from.
"""

from __future__ import annotations

import time
from typing import Any, Final, Literal

from bot.store.answers import AnswerRecords
from bot.store.redis_store import Store

FEEDBACK: Final = "feedback"
FEEDBACK_TTL: Final = 180 * 24 * 60 * 60

Vote = Literal["helpful", "unhelpful"]


class FeedbackRecords:
    def __init__(self, store: Store, answers: AnswerRecords) -> None:
        self.store = store
        self.answers = answers

    async def record_vote(self, answer_id: str, user_id: str, vote: Vote) -> None:
        answer = await self.answers.get(answer_id) or {}
        record = {
            "answer_id": answer_id,
            "user": user_id,
            "vote": vote,
            "at": time.time(),
            "question": answer.get("question"),
            "answer": answer.get("answer"),
            "engine": answer.get("engine"),
        }
        doc_id = f"{answer_id}:{user_id}"
        other: Vote = "unhelpful" if vote == "helpful" else "helpful"
        await self.store.delete_document(FEEDBACK, doc_id, indexes=[other])
        await self.store.put_document(FEEDBACK, doc_id, record, indexes=[vote], ttl=FEEDBACK_TTL)

    async def unhelpful(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest answers marked not helpful, newest first."""
        found = await self.store.index_members(FEEDBACK, "unhelpful", limit=limit)
        return await self.store.get_documents(FEEDBACK, found)
