"""Answering inside a conversation: read the last turns, answer, remember both sides.

History is a convenience, not a requirement: when the store is missing or fails, the question is still
answered (without context) and the problem is logged once per outage, not once per message.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from bot.store import Store, StoreUnavailable, Turn
from knowledge.engine import AnswerEngine
from knowledge.query import Query

logger = logging.getLogger(__name__)

CONTEXT_TURNS = 6


def last_query(turns: list[Turn]) -> Query | None:
    """The resolved query of the latest answer, which a follow-up builds on."""
    for turn in reversed(turns):
        if turn.role == "assistant" and "query" in turn.data:
            try:
                return Query.model_validate(turn.data["query"])
            except ValidationError:
                logger.warning("Ignoring an unreadable earlier turn")
                return None
    return None


class Conversations:
    """History for the answer paths (CLI and Slack): one engine, an optional store."""

    def __init__(self, engine: AnswerEngine, store: Store | None) -> None:
        self.engine = engine
        self.store = store
        self.history_lost = store is None
        self._warned = False

    async def history(self, conversation: str) -> list[Turn]:
        if self.store is None:
            return []
        try:
            turns = await self.store.recent_turns(conversation, CONTEXT_TURNS)
        except StoreUnavailable as error:
            self._degrade(error)
            return []
        self._recovered()
        return turns

    async def remember(self, conversation: str, question: str, reply: str, query: Query) -> None:
        if self.store is None:
            return
        turns = (
            Turn(role="user", text=question),
            Turn(role="assistant", text=reply, data={"query": query.model_dump(mode="json")}),
        )
        try:
            await self.store.append_turns(conversation, turns)
        except StoreUnavailable as error:
            self._degrade(error)

    async def reset(self, conversation: str) -> None:
        if self.store is not None:
            try:
                await self.store.clear_history(conversation)
            except StoreUnavailable as error:
                self._degrade(error)

    def _degrade(self, error: StoreUnavailable) -> None:
        self.history_lost = True
        if not self._warned:
            self._warned = True
            logger.warning("%s; answering without conversation history", error)

    def _recovered(self) -> None:
        if self._warned:
            self._warned = False
            logger.warning("Redis is reachable again; conversation history is back")
