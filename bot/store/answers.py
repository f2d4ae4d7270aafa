"""Answers kept for 30 days (``answer/{answer id}``), so a helpful / not helpful vote can be tied to the question
and the answer it is about, and a "Show all" button can rebuild the whole answer from the query behind it."""

from __future__ import annotations

import re
import time
from typing import Any, Final

from bot.store.puts import Put
from bot.store.redis_store import Store

ANSWER: Final = "answer"
ANSWER_TTL: Final = 30 * 24 * 60 * 60
ANSWER_ID: Final = re.compile(r"^[0-9a-f]{32}$")


class AnswerRecords:
    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def put_for(
        answer_id: str,
        *,
        question: str,
        answer: str,
        engine: str,
        user: str,
        feature: str,
        topic: str,
        query: str = "",
    ) -> Put:
        """An answer's record; ``query`` is the engine's reading of the question as JSON (``knowledge.query.Query``).
        Written along with the conversation's turns (``History.remember``)."""
        record = {
            "query": query,
            "question": question,
            "answer": answer,
            "engine": engine,
            "user": user,
            "feature": feature,
            "topic": topic,
            "at": time.time(),
        }
        return Put(ANSWER, answer_id, record, ttl=ANSWER_TTL)

    async def get(self, answer_id: str) -> dict[str, Any] | None:
        return await self.store.get_document(ANSWER, answer_id)
