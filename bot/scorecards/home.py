"""Publishing a person's App Home: what they've been asked for, the reminders they've set, their recent
scorecards, and the open debriefs as the blind rule lets them see each.

Publishing is kept cheap. The data comes from one round trip (``bot.store.home_read``). A Home is refreshed after a
scorecard only for people who opened theirs in the last 24 hours (opening it records the visit); a publish with a
notice answers something done from the Home itself, so it always goes out. Publishes are coalesced per person: at
most one is in flight, and requests made meanwhile collapse into one more, made with the latest request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from blocks.home import MAX_LISTED, home_view
from blocks.rendering import view_dict
from bot.config import Settings
from bot.store.decisions import DecisionRecords
from bot.store.home_read import HomeData, HomeReader
from bot.store.redis_store import StoreUnavailable
from bot.store.reminders import REMINDER, ReminderRecords
from bot.store.scorecards import ScorecardRecords
from bot.store.team_settings import TeamSettingsRecords
from knowledge.debrief import BlindDebrief, Debrief, debrief_for
from knowledge.outcomes import Decision

logger = logging.getLogger(__name__)

OPEN_DEBRIEF_WINDOW: Final = timedelta(days=30)


@dataclass(frozen=True)
class _Request:
    client: AsyncWebClient
    notice: str | None
    opened: bool

    @property
    def only_visitors(self) -> bool:
        return not self.opened and self.notice is None


class HomePublisher:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        reminder_records: ReminderRecords,
        decision_records: DecisionRecords | None = None,
    ) -> None:
        self.settings = settings
        self.scorecard_records = scorecard_records
        self.reminder_records = reminder_records
        self.decision_records = decision_records
        self.reader = HomeReader(scorecard_records.store)
        self.team = TeamSettingsRecords(scorecard_records.store, settings)
        self._in_flight: set[str] = set()
        self._next: dict[str, _Request] = {}

    async def view(
        self, user: str, notice: str | None = None, *, opened: bool = False, only_visitors: bool = False
    ) -> View | None:
        """``user``'s Home as it is now; None with ``only_visitors`` if they haven't opened it in 24 hours."""
        now = datetime.now(UTC)
        try:
            data = await self.reader.read(user, MAX_LISTED, opened=opened, only_visitors=only_visitors)
        except StoreUnavailable as error:
            if only_visitors:
                return None
            logger.warning("App Home without scorecards: %s", error)
            return home_view(now=now, notice=notice, store_ok=False)
        if data is None:
            return None
        await self._forget_gone_reminders(data)
        since = now - OPEN_DEBRIEF_WINDOW
        managers = await self._managers()
        debriefs: list[Debrief | BlindDebrief] = [
            debrief_for(user, scorecards, managers)
            for entry in data.candidates
            if entry.last_submitted_at >= since and (scorecards := data.scorecards.get(entry.candidate_key))
        ]
        decisions = await self._decisions([debrief.candidate_key for debrief in debriefs])
        return home_view(
            asked_of_me=data.asked_of_me,
            asked_by_me=[r for r in data.asked_by_me if r.interviewer != user],
            recent=data.recent,
            debriefs=debriefs,
            decisions=decisions,
            now=now,
            notice=notice,
        )

    async def _managers(self) -> tuple[str, ...]:
        """The workspace's hiring managers; the environment's while Redis fails (the Home still shows)."""
        try:
            return await self.team.hiring_managers()
        except StoreUnavailable:
            return self.team.defaults.hiring_managers

    async def _decisions(self, keys: list[str]) -> dict[str, Decision]:
        """The hiring decisions on the listed candidates (a second read, only when a debrief is listed); a Home
        without them if Redis fails in between, rather than no Home."""
        if self.decision_records is None or not keys:
            return {}
        try:
            return await self.decision_records.for_candidates(keys)
        except StoreUnavailable as error:
            logger.warning("App Home without decisions: %s", error)
            return {}

    async def publish(self, client: AsyncWebClient, user: str, *, notice: str | None = None) -> None:
        """Publish ``user``'s App Home as it is now (after a scorecard: only if they opened it in the last 24
        hours); failures are logged, never raised."""
        await self._coalesced(user, _Request(client, notice, opened=False))

    async def opened(self, client: AsyncWebClient, user: str) -> None:
        """``user`` opened their Home: record the visit and publish it, in the same round trip."""
        await self._coalesced(user, _Request(client, None, opened=True))

    async def _coalesced(self, user: str, request: _Request) -> None:
        if user in self._in_flight:
            earlier = self._next.get(user)
            opened = request.opened or (earlier is not None and earlier.opened)
            self._next[user] = _Request(request.client, request.notice, opened)  # the latest wins
            return
        self._in_flight.add(user)
        try:
            next_request: _Request | None = request
            while next_request is not None:
                await self._publish(user, next_request)
                next_request = self._next.pop(user, None)
        finally:
            self._in_flight.discard(user)
            self._next.pop(user, None)

    async def _publish(self, user: str, request: _Request) -> None:
        try:
            view = await self.view(user, request.notice, opened=request.opened, only_visitors=request.only_visitors)
            if view is not None:
                await request.client.views_publish(user_id=user, view=view_dict(view))
        except Exception:
            logger.exception("Could not publish the App Home")

    async def _forget_gone_reminders(self, data: HomeData) -> None:
        """Index entries whose reminder expired are dropped on the way (rare: one more round trip then)."""
        store = self.reminder_records.store
        for index, gone in data.gone_reminders.items():
            for reminder_id in gone:
                try:
                    await store.delete_document(REMINDER, reminder_id, indexes=[index])
                except StoreUnavailable:
                    return
