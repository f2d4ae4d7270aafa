"""``/hire remind @interviewer <candidate> <when>``: a DM scheduled with ``chat.scheduleMessage`` at that time, in
the requester's time zone, with a button that opens the scorecard for that candidate. Submitting the scorecard
cancels it (``cancel_for``); whoever set it, or a hiring manager, can cancel it from the App Home."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, tzinfo
from typing import Any, Final

from slack_bolt.async_app import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.common import escape, unescape
from blocks.scorecard_cards import mention, reminder_card, slack_date
from bot.config import Settings
from bot.scorecards.delivery import DmChannels
from bot.scorecards.home import HomePublisher
from bot.store.decisions import DecisionRecords, LateScorecard
from bot.store.redis_store import StoreUnavailable
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords
from knowledge.identifiers import SLACK_USER_ID_PATTERN, candidate_key, clean_candidate
from knowledge.reminders import (
    EXAMPLES,
    Reminder,
    WhenError,
    parse_when,
    reminder_id,
    split_candidate_and_when,
    zone_for,
    zone_name,
)

logger = logging.getLogger(__name__)

MENTION: Final = re.compile(rf"^<@({SLACK_USER_ID_PATTERN})(?:\|[^>]{{0,80}})?>$")
USAGE: Final = f"Try `/hire remind @interviewer Ada Lovelace in 45m`: who, the candidate, then when ({EXAMPLES})."


async def _reply(respond: AsyncRespond, text: str) -> None:
    await respond(response_type="ephemeral", text=text)


async def requester_zone(client: AsyncWebClient, user: str) -> tuple[tzinfo, str]:
    """The user's Slack time zone, and a note to add if it had to be UTC instead."""
    try:
        info = await client.users_info(user=user)
        profile: dict[str, Any] = info["user"]
        return zone_for(profile.get("tz"), profile.get("tz_offset")), ""
    except (SlackApiError, KeyError, TypeError):
        logger.warning("Could not read a user's time zone; using UTC")
        return UTC, " I couldn't read your time zone from Slack, so times are in UTC."


async def _unschedule(client: AsyncWebClient, channel: str, scheduled_id: str) -> None:
    """Delete a scheduled message; one already sent (or about to be, within Slack's last minute) stays."""
    try:
        await client.chat_deleteScheduledMessage(channel=channel, scheduled_message_id=scheduled_id)
    except SlackApiError as error:
        logger.info("A scheduled reminder could not be deleted: %s", error.response.get("error"))


class Reminding:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        reminder_records: ReminderRecords,
        *,
        home: HomePublisher,
        dms: DmChannels,
        decision_records: DecisionRecords | None = None,
    ) -> None:
        self.settings = settings
        self.dms = dms
        self.scorecard_records = scorecard_records
        self.reminder_records = reminder_records
        self.home = home
        self.decision_records = decision_records

    async def cancel_for(self, client: AsyncWebClient, key: str, interviewer: str) -> Reminder | None:
        """Cancel the pending reminder for this candidate and interviewer, if any; one that had already fired
        marks the scorecard late (for calibration). Never raises."""
        try:
            reminder = await self.reminder_records.get(reminder_id(key, interviewer))
            if reminder is None:
                return None
            if reminder.pending(datetime.now(UTC)):
                await _unschedule(client, reminder.delivery_channel, reminder.delivery_id)
            elif self.decision_records is not None:
                late = LateScorecard(candidate_key=key, interviewer=interviewer, reminded_at=reminder.remind_at)
                await self.decision_records.mark_late(late)
            await self.reminder_records.delete(reminder)
            return reminder
        except Exception:
            logger.exception("Could not cancel a scorecard reminder")
            return None

    async def cancel(self, client: AsyncWebClient, *, user: str, reminder: str) -> None:
        """Cancel a reminder from the App Home (only whoever set it, or a hiring manager, may); the Home is
        published again with what happened. Never raises."""
        notice = messages.REMINDER_ALREADY_GONE
        try:
            found = await self.reminder_records.get(reminder)
            if found is not None and user not in (found.requester, *await self.home.team.hiring_managers()):
                notice = messages.NOT_YOURS_TO_CANCEL
            elif found is not None:
                if found.pending(datetime.now(UTC)):
                    await _unschedule(client, found.delivery_channel, found.delivery_id)
                await self.reminder_records.delete(found)
                notice = f"Cancelled the reminder for {found.candidate}."
        except StoreUnavailable:
            notice = messages.STORE_DOWN
        except Exception:
            logger.exception("Could not cancel a reminder")
            notice = messages.COULD_NOT_CANCEL_REMINDER
        await self.home.publish(client, user, notice=notice)

    async def remind(self, client: AsyncWebClient, respond: AsyncRespond, args: str, *, requester: str) -> None:
        """``/hire remind``'s arguments read, checked, and the reminder scheduled; every outcome is replied."""
        words = args.split()
        match = MENTION.match(words[0]) if words else None
        if match is None:
            await _reply(respond, f"Start with the interviewer, picked with @ so Slack links them. {USAGE}")
            return
        interviewer = match[1]
        split = split_candidate_and_when(words[1:])
        if split is None:
            await _reply(respond, f"Say the candidate and when. {USAGE}")
            return
        try:
            candidate = clean_candidate(unescape(split[0]))
        except ValueError as problem:
            await _reply(respond, f"{problem} {USAGE}")
            return
        zone, zone_note = await requester_zone(client, requester)
        now = datetime.now(UTC)
        try:
            remind_at = parse_when(split[1], now, zone)
        except WhenError as problem:
            await _reply(respond, escape(str(problem)))
            return
        try:
            await self._schedule(client, requester, interviewer, candidate, remind_at, now, respond, zone_note)
        except StoreUnavailable:
            await _reply(respond, messages.STORE_DOWN)

    async def _schedule(
        self,
        client: AsyncWebClient,
        requester: str,
        interviewer: str,
        candidate: str,
        remind_at: datetime,
        now: datetime,
        respond: AsyncRespond,
        zone_note: str,
    ) -> None:
        key = candidate_key(candidate)
        done = [s for s in await self.scorecard_records.for_candidate(key) if s.interviewer == interviewer]
        if done:
            await _reply(
                respond, f"{mention(interviewer)} has already submitted a scorecard for *{escape(candidate)}*."
            )
            return
        records = self.reminder_records
        previous = await records.get(reminder_id(key, interviewer))
        channel = await self.dms.of(client, interviewer)
        card = reminder_card(requester, interviewer, candidate, reminder_id(key, interviewer))
        try:
            scheduled = await client.chat_scheduleMessage(
                channel=channel, post_at=int(remind_at.timestamp()), text=card.text, blocks=card.block_dicts()
            )
        except SlackApiError as error:
            reason = str(error.response.get("error"))
            await _reply(
                respond,
                messages.SCHEDULE_ERRORS.get(reason, f"Slack wouldn't schedule the reminder ({escape(reason)})."),
            )
            return
        reminder = Reminder(
            candidate=candidate,
            candidate_key=key,
            interviewer=interviewer,
            requester=requester,
            remind_at=remind_at,
            created_at=now,
            delivery_channel=channel,
            delivery_id=str(scheduled["scheduled_message_id"]),
        )
        try:
            await records.save(reminder, now)
        except StoreUnavailable:
            await _unschedule(client, channel, reminder.delivery_id)  # one we couldn't cancel later must not go out
            raise
        replaced = ""
        if previous is not None and previous.delivery_id != reminder.delivery_id:
            if previous.pending(now):
                await _unschedule(client, previous.delivery_channel, previous.delivery_id)
            replaced = f" It replaces the reminder set for {slack_date(previous.remind_at)}."
        local = f"{remind_at:%H:%M} {zone_name(remind_at.tzinfo or UTC)}"
        await _reply(
            respond,
            f":alarm_clock: I'll remind {mention(interviewer)} to fill their scorecard for *{escape(candidate)}* "
            f"{slack_date(remind_at)} ({local}). Submitting the scorecard cancels it.{replaced}{zone_note}",
        )
