"""Remembering Slack event ids so a redelivered event is answered once.

Redis (SET NX with a TTL) is the real guard, shared by every process. ``RecentIds`` is the fallback while
Redis is unreachable: it still stops a retry to the same process from answering twice.
"""

from __future__ import annotations

from collections import OrderedDict

from bot.store.redis_store import Store, StoreUnavailable

EVENT_CLAIM_TTL = 2 * 60 * 60  # Slack retries for about an hour at most
EVENT_NAMESPACE = "slack-event"


class RecentIds:
    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._seen: OrderedDict[str, None] = OrderedDict()

    def first_time(self, key: str) -> bool:
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return True


async def first_delivery(store: Store, recent: RecentIds, event_id: str | None) -> bool:
    """True only for the first delivery of ``event_id`` across every process sharing the store."""
    if not event_id:
        return True
    try:
        return await store.claim_once(EVENT_NAMESPACE, event_id, EVENT_CLAIM_TTL)
    except StoreUnavailable:
        pass
    return recent.first_time(event_id)


class EventClaims:
    """What every event listener calls before it acts: True only for the first delivery of the event's id.

    Slack redelivers an event (``X-Slack-Retry-Num`` over HTTP, ``retry_attempt`` over Socket Mode) when it
    didn't see the ack in time; the redelivery carries the same ``event_id``
    (https://docs.slack.dev/apis/events-api/#retries)."""

    def __init__(self, store: Store, recent: RecentIds | None = None) -> None:
        self.store = store
        self.recent = recent if recent is not None else RecentIds()

    async def first(self, event_id: object) -> bool:
        return await first_delivery(self.store, self.recent, str(event_id) if event_id else None)
