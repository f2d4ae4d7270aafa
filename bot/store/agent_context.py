"""What a person is looking at in Slack while they talk to hirebot, from ``app_context_changed``: the channel
(or canvas, list or message) Slack reports first, kept a day. Answers don't read it yet; it is recorded so a
later question can be asked "about this channel" without anyone pasting an id."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from bot.store.redis_store import Store

KIND = "agent-context"
CONTEXT_TTL = 24 * 60 * 60


class ViewedContext(BaseModel):
    user: str = Field(max_length=40)
    entity_type: str = Field(max_length=80)  # e.g. "slack#/types/channel_id"
    value: str = Field(max_length=200)
    team_id: str = Field(default="", max_length=40)


class AgentContexts:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def record(self, context: ViewedContext) -> None:
        await self.store.put_document(KIND, context.user, context, ttl=CONTEXT_TTL)

    async def forget(self, user: str) -> None:
        await self.store.delete_document(KIND, user)

    async def viewing(self, user: str) -> ViewedContext | None:
        document: dict[str, Any] | None = await self.store.get_document(KIND, user)
        return ViewedContext.model_validate(document) if document else None
