"""Publishing a person's App Home: what they've been asked for, the reminders they've set, their recent
scorecards, and the open debriefs as the blind rule lets them see each."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Final

from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from blocks.home import MAX_LISTED, home_view
from bot.config import Settings
from bot.store.redis_store import StoreUnavailable
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords
from knowledge.debrief import BlindDebrief, Debrief, debrief_for

logger = logging.getLogger(__name__)

OPEN_DEBRIEF_WINDOW: Final = timedelta(days=30)


class HomePublisher:
    def __init__(
        self, settings: Settings, scorecard_records: ScorecardRecords, reminder_records: ReminderRecords
    ) -> None:
        self.settings = settings
        self.scorecard_records = scorecard_records
        self.reminder_records = reminder_records

    async def view(self, user: str, notice: str | None = None) -> View:
        now = datetime.now(UTC)
        records, reminders = self.scorecard_records, self.reminder_records
        try:
            asked_of_me = await reminders.for_interviewer(user, MAX_LISTED)
            asked_by_me = [r for r in await reminders.by_requester(user, MAX_LISTED) if r.interviewer != user]
            recent = await records.by_interviewer(user, MAX_LISTED)
            debriefs: list[Debrief | BlindDebrief] = []
            for entry in await records.recent_candidates(now - OPEN_DEBRIEF_WINDOW, MAX_LISTED):
                scorecards = await records.for_candidate(entry.candidate_key)
                if scorecards:
                    debriefs.append(debrief_for(user, scorecards, self.settings.hiring_managers))
        except StoreUnavailable as error:
            logger.warning("App Home without scorecards: %s", error)
            return home_view(now=now, notice=notice, store_ok=False)
        return home_view(
            asked_of_me=asked_of_me, asked_by_me=asked_by_me, recent=recent, debriefs=debriefs, now=now, notice=notice
        )

    async def publish(self, client: AsyncWebClient, user: str, *, notice: str | None = None) -> None:
        """Publish ``user``'s App Home as it is now; failures are logged, never raised."""
        try:
            await client.views_publish(user_id=user, view=await self.view(user, notice))
        except Exception:
            logger.exception("Could not publish the App Home")

    async def opened(self, client: AsyncWebClient, user: str) -> None:
        await self.publish(client, user)
