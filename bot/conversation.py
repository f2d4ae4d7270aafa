"""Answering inside a conversation: read the last turns, answer, remember both sides.

History is a convenience, not a requirement: when the store is missing or fails, the question is still
answered (without context) and the problem is logged once per ``Conversations``, not once per message.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from bot.store import Store, StoreUnavailable, Turn
from knowledge.engine import AnswerEngine
from knowledge.query import Answer, Query

logger = logging.getLogger(__name__)

CONTEXT_TURNS = 6


class Conversations:
    """The answer path shared by the CLI and (later) Slack: one engine, an optional store."""

    def __init__(self, engine: AnswerEngine, store: Store | None) -> None:
        self.engine = engine
        self.store = store
        self.history_lost = store is None
        self._warned = False

    async def ask(self, conversation: str, question: str) -> Answer:
        previous = await self._previous_query(conversation)
        answer = self.engine.answer(question, previous)
        await self._remember(conversation, question, answer)
        return answer

    async def reset(self, conversation: str) -> None:
        if self.store is not None:
            try:
                await self.store.clear_history(conversation)
            except StoreUnavailable as error:
                self._degrade(error)

    async def _previous_query(self, conversation: str) -> Query | None:
        if self.store is None:
            return None
        try:
            turns = await self.store.recent_turns(conversation, CONTEXT_TURNS)
        except StoreUnavailable as error:
            self._degrade(error)
            return None
        for turn in reversed(turns):
            if turn.role == "assistant" and "query" in turn.data:
                try:
                    return Query.model_validate(turn.data["query"])
                except ValidationError:
                    logger.warning("Ignoring an unreadable earlier turn in %r", conversation)
                    return None
        return None

    async def _remember(self, conversation: str, question: str, answer: Answer) -> None:
        if self.store is None:
            return
        turns = (
            Turn(role="user", text=question),
            Turn(role="assistant", text=answer.text, data={"query": answer.query.model_dump(mode="json")}),
        )
        try:
            await self.store.append_turns(conversation, turns)
        except StoreUnavailable as error:
            self._degrade(error)

    def _degrade(self, error: StoreUnavailable) -> None:
        self.history_lost = True
        if not self._warned:
            self._warned = True
            logger.warning("%s; answering without conversation history", error)
