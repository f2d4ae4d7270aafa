"""Saving a submitted scorecard without ever losing it, then its follow-ups.

The scorecard is written to Redis before the view is acknowledged. If that fails the acknowledgement is
``response_action: errors``: the modal stays open with everything typed and says why, and pressing Save again
once Redis is back saves the same scorecard. Only a saved scorecard closes the form (replaced by a confirmation);
then the reminder for that candidate is cancelled, the summary card posted and the App Home refreshed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

import pydantic_core
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.common import Card, markdown
from blocks.modals import message_modal
from blocks.payloads import ViewPayload
from blocks.rendering import view_dict
from blocks.scorecard_cards import summary_card
from blocks.scorecard_form import draft_from_state, errors_for, read_metadata
from bot.config import Settings
from bot.scorecards.delivery import DmChannels, post_summary, tell
from bot.scorecards.home import HomePublisher
from bot.scorecards.reminding import Reminding
from bot.store.redis_store import StoreUnavailable
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords
from knowledge.leaning import Assessment, assess
from knowledge.scorecards import Scorecard, ScorecardInvalid

logger = logging.getLogger(__name__)

# Follow-ups running at once. Under a burst they queue here instead of competing with the acks for the event loop
# and the Redis pool: at 200 concurrent submissions, unbounded follow-ups starved saves of connections for 2 s
# and people were told "not saved" (docs/benchmarks.md).
FOLLOW_UP_CONCURRENCY = 8


@dataclass(frozen=True)
class Saved:
    scorecard: Scorecard
    replaced: bool
    notices: list[str] = field(default_factory=list)
    pending_reminder: bool = True  # as the save's transaction found them: what the follow-up has to do
    home_visitor: bool = True
    hiring_channel: str | None = None  # the workspace's, as its settings said at the save

    @cached_property
    def assessment(self) -> Assessment:
        return assess(self.scorecard)

    @cached_property
    def summary(self) -> Card:
        """The whole scorecard as a card: shown in the form once saved, and sent by DM when there's no hiring
        channel. Built and rendered once for both."""
        return summary_card(self.scorecard, self.assessment, replaced=self.replaced)


class Saving:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        reminder_records: ReminderRecords,
        *,
        reminding: Reminding,
        home: HomePublisher,
        dms: DmChannels,
    ) -> None:
        self.settings = settings
        self.dms = dms
        self.scorecard_records = scorecard_records
        self.reminder_records = reminder_records
        self.reminding = reminding
        self.home = home
        self.team = home.team
        self._follow_ups = asyncio.Semaphore(FOLLOW_UP_CONCURRENCY)

    async def save(self, payload: ViewPayload) -> Saved | dict[str, str]:
        """The saved scorecard, or the errors (by block id) to show in the form. Never raises."""
        try:
            return await self._save(payload)
        except Exception:
            logger.exception("Saving a scorecard failed")
            return {ids.SCORECARD_NOTES_BLOCK: messages.SAVE_FAILED}

    async def _save(self, payload: ViewPayload) -> Saved | dict[str, str]:
        metadata, damaged = read_metadata(payload.view.private_metadata)
        if damaged:
            logger.warning("Ignoring damaged private_metadata on a scorecard submission")
        draft = draft_from_state(payload.view.state.values)
        try:
            scorecard = Scorecard.from_draft(draft, interviewer=payload.user.id, submitted_at=datetime.now(UTC))
        except ScorecardInvalid as invalid:
            return errors_for(invalid, payload.view.block_ids)
        notices = [messages.SAVED_DESPITE_DAMAGE] if damaged else []
        try:
            # The workspace's settings are read inside the save's script, not after it: one round trip for the ack.
            recorded = await self.scorecard_records.record(
                scorecard, reminder=metadata.reminder, read=[self.team.key()]
            )
        except StoreUnavailable as error:
            logger.warning("Scorecard not saved, the form stays open: %s", error)
            return {ids.SCORECARD_NOTES_BLOCK: messages.NOT_SAVED}
        if recorded.reminder_exists is False:
            notices.append(messages.SAVED_AFTER_REMINDER_CANCELLED)
        return Saved(
            scorecard=scorecard,
            replaced=recorded.replaced,
            notices=notices,
            pending_reminder=recorded.pending_reminder,
            home_visitor=recorded.home_visitor,
            hiring_channel=self.team.from_stored(recorded.read[0]).hiring_channel,
        )

    def saved_response(self, saved: Saved) -> str:
        """The acknowledgement that replaces the form with ``saved_view``, as the JSON body Bolt sends as it is.

        ``ack(response_action="update", view=...)`` would have Bolt's ``json.dumps`` serialise the view, the
        whole scorecard included, on every submission; ``pydantic_core.to_json`` does the same in a fifth of the
        time. Bolt marks a string body that starts with ``{`` as ``application/json`` (``BoltResponse``)."""
        return pydantic_core.to_json({"response_action": "update", "view": self.saved_view(saved)}).decode()

    def saved_view(self, saved: Saved) -> dict[str, Any]:
        """The form, replaced by what was saved: the interviewer's own scorecard, which they may always see."""
        channel = saved.hiring_channel
        if channel:
            name = channel if channel.startswith("#") else f"<#{channel}>"
            where = (
                f"{name} hears that you've submitted; your ratings open only for those the blind rule lets see them."
            )
        else:
            where = "I've sent you the summary in a DM."
        action = "Replaced your earlier scorecard for this interview." if saved.replaced else "Saved."
        lines = [
            f":white_check_mark: *{action}* {where}",
            *(f":information_source: {notice}" for notice in saved.notices),
        ]
        view: dict[str, Any] = view_dict(
            message_modal("Scorecard saved", [markdown("\n".join(lines))], callback_id=ids.SCORECARD_SAVED_VIEW)
        )
        view["blocks"] = [*view["blocks"], *saved.summary.block_dicts()]
        return view

    async def follow_up(self, client: AsyncWebClient, saved: Saved) -> None:
        """Once the form has closed: cancel the reminder for this candidate, post the summary, refresh the Home.
        Never raises: if the summary can't be posted, the interviewer is told where to find it."""
        scorecard = saved.scorecard
        try:
            async with self._follow_ups:
                if saved.pending_reminder:
                    await self.reminding.cancel_for(client, scorecard.candidate_key, scorecard.interviewer)
                await post_summary(
                    client,
                    saved.hiring_channel,
                    self.scorecard_records,
                    scorecard,
                    saved.summary,
                    replaced=saved.replaced,
                    dms=self.dms,
                )
                if saved.home_visitor:
                    await self.home.publish(client, scorecard.interviewer)
        except Exception:
            logger.exception("A scorecard was saved but its follow-ups failed")
            await tell(
                client,
                scorecard.interviewer,
                f"Your scorecard for {scorecard.candidate} is saved, but I couldn't post its summary. "
                f"`/hire debrief {scorecard.candidate}` shows it.",
            )
