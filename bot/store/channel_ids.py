"""Channel ids learned from Slack, for settings that name a channel (``HIRING_CHANNEL="#hiring"``).

Slack accepts a name when posting but answers with the channel's id, and every later call (``chat.update``)
and every comparison needs that id. The first post's answer is kept in Redis, so every process knows it: the
name is resolved once, without asking for the ``channels:read`` scope.
"""

from __future__ import annotations

import re

from bot.store.redis_store import Store, StoreUnavailable
from knowledge.identifiers import CHANNEL_ID_PATTERN

KIND = "channel-id"


class ChannelIds:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def id_of(self, channel: str) -> str | None:
        """``channel``'s id: itself when it is one, else the id Slack answered a post there with, if any."""
        if not channel.startswith("#"):
            return channel
        try:
            document = await self.store.get_document(KIND, channel)
        except StoreUnavailable:
            return None
        return str(document.get("id") or "") or None if document else None

    async def remember(self, channel: str, channel_id: str) -> None:
        if not channel.startswith("#") or not re.fullmatch(CHANNEL_ID_PATTERN, channel_id):
            return
        try:
            await self.store.put_document(KIND, channel, {"id": channel_id})
        except StoreUnavailable:
            return
