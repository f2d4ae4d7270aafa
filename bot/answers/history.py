"""Conversation history: the last turns of a conversation, read before an answer and written after it.

History is a convenience, not a requirement: when the store fails, the question is still answered (without
context) and the problem is logged once per outage, not once per message.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError

from bot.store.puts import Put
from bot.store.redis_store import Store, StoreUnavailable, Turn
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


class History:
    """Turns per conversation key, for every answer path (CLI and Slack)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lost = not store.available
        self._warned = self.lost  # whoever built the stand-in has already said why

    async def recent(self, conversation: str) -> list[Turn]:
        try:
            turns = await self.store.recent_turns(conversation, CONTEXT_TURNS)
        except StoreUnavailable as error:
            self._degrade(error)
            return []
        self._recovered()
        return turns

    async def recent_and_document(
        self, conversation: str, kind: str, doc_id: str
    ) -> tuple[list[Turn], dict[str, Any] | None]:
        """``recent`` and one document read alongside it in the same round trip (``Store.recent_turns_and_document``);
        neither when the store fails (the document is then None)."""
        try:
            turns, document = await self.store.recent_turns_and_document(conversation, CONTEXT_TURNS, kind, doc_id)
        except StoreUnavailable as error:
            self._degrade(error)
            return [], None
        self._recovered()
        return turns, document

    async def remember(
        self, conversation: str, question: str, reply: str, query: Query, *, also: Put | None = None
    ) -> None:
        """Append the exchange; ``also`` is another document written in the same round trip (the answer kept for
        feedback votes, ``bot.store.answers``)."""
        turns = (
            Turn(role="user", text=question),
            Turn(role="assistant", text=reply, data={"query": query.model_dump(mode="json")}),
        )
        try:
            await self.store.append_turns(conversation, turns, also=also)
        except StoreUnavailable as error:
            self._degrade(error)

    async def reset(self, conversation: str) -> None:
        try:
            await self.store.clear_history(conversation)
        except StoreUnavailable as error:
            self._degrade(error)

    def _degrade(self, error: StoreUnavailable) -> None:
        self.lost = True
        if not self._warned:
            self._warned = True
            logger.warning("%s; answering without conversation history", error)

    def _recovered(self) -> None:
        if self._warned:
            self._warned = False
            logger.warning("Redis is reachable again; conversation history is back")
