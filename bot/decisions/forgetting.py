"""``/hire forget <candidate>``, and the same deletion for the retention sweep: everything hirebot holds about a
candidate goes, and the audit log keeps who deleted which candidate (by pseudonym) and when.

Slack first, then Redis: summary and offer cards already posted are updated (``chat.update``, which replaces a
message's text and blocks: https://docs.slack.dev/reference/methods/chat.update) to read "removed at the hiring
team's request", and pending reminders are unscheduled (``chat.deleteScheduledMessage``, which refuses one
already sent with ``invalid_scheduled_message_id``:
https://docs.slack.dev/reference/methods/chat.deleteScheduledMessage). Both are harmless to repeat. Then the
records are deleted one kind at a time (``bot.store.candidate_data``). Every run starts from what is stored now,
so a run cut short by Redis going away is finished by running it again, and forgetting twice does nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks.forget_cards import removed_card
from bot.scorecards.home import HomePublisher
from bot.store.audit import AuditAction, AuditLog
from bot.store.candidate_data import STEPS, CandidateData, Inventory
from knowledge.outcomes import candidate_ref

logger = logging.getLogger(__name__)

StepHook = Callable[[str], Awaitable[None]]
GONE_ALREADY = frozenset({"message_not_found", "invalid_scheduled_message_id", "channel_not_found"})


@dataclass
class Forgotten:
    candidate: str
    done: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def describe(found: Inventory) -> list[str]:
    """What is stored, in plain sentences for the confirmation modal."""
    lines = []
    if found.scorecard_ids:
        count = len(found.scorecard_ids)
        lines.append(f"{count} scorecard{'s' if count != 1 else ''}, and the debrief they make")
    if found.decision is not None:
        lines.append(f"the decision ({found.decision.summary})")
    if found.offer is not None:
        lines.append("the offer draft")
    pending = [r for r in found.reminders if r.pending(datetime.now(UTC))]
    if found.reminder_ids:
        count = len(found.reminder_ids)
        unsent = f" ({len(pending)} not sent yet: unscheduled)" if pending else ""
        lines.append(f"{count} reminder{'s' if count != 1 else ''}{unsent}")
    if found.posts:
        count = len(found.posts)
        lines.append(f"{count} card{'s' if count != 1 else ''} posted in Slack, changed to read \u201cremoved\u201d")
    if found.listed or found.index_entries:
        lines.append("their entries in everyone's App Home")
    if found.late_ids:
        lines.append("the record of late scorecards")
    return lines


async def _nothing(step: str) -> None:
    return None


class Forgetting:
    def __init__(self, candidate_data: CandidateData, audit: AuditLog, home: HomePublisher) -> None:
        self.candidate_data = candidate_data
        self.audit = audit
        self.home = home

    async def inventory(self, key: str) -> Inventory:
        return await self.candidate_data.inventory(key)

    async def forget(
        self,
        client: AsyncWebClient,
        key: str,
        *,
        actor: str,
        action: AuditAction = AuditAction.FORGOT,
        on_step: StepHook = _nothing,
    ) -> Forgotten:
        """Delete everything stored for ``key``; raises ``StoreUnavailable`` (run it again to finish).
        ``on_step`` is awaited after each kind of record is deleted (tests cut Redis off there)."""
        found = await self.candidate_data.inventory(key)
        result = Forgotten(candidate=found.name, done=describe(found))
        await self._clear_slack(client, found, result)
        for step in STEPS:
            await self.candidate_data.delete_step(step, found)
            await on_step(step)
        await self.audit.record(actor, action, candidate_ref(key))
        managers = set(await self.home.team.hiring_managers())  # their Home lists every open debrief
        for user in sorted(found.people | managers | ({actor} if actor.startswith(("U", "W")) else set())):
            await self.home.publish(client, user)
        return result

    async def _clear_slack(self, client: AsyncWebClient, found: Inventory, result: Forgotten) -> None:
        card = removed_card()
        for post in found.posts:
            try:
                await client.chat_update(channel=post.channel, ts=post.ts, text=card.text, blocks=card.block_dicts())
            except SlackApiError as error:
                reason = str(error.response.get("error"))
                if reason not in GONE_ALREADY:
                    logger.warning("A posted card could not be changed to read removed: %s", reason)
                    result.problems.append(f"A card posted in Slack couldn't be changed ({reason}); delete it by hand.")
        now = datetime.now(UTC)
        for reminder in found.reminders:
            if not reminder.pending(now):
                continue
            try:
                await client.chat_deleteScheduledMessage(
                    channel=reminder.delivery_channel, scheduled_message_id=reminder.delivery_id
                )
            except SlackApiError as error:
                reason = str(error.response.get("error"))
                if reason not in GONE_ALREADY:
                    logger.warning("A scheduled reminder could not be deleted: %s", reason)
                    result.problems.append(f"A scheduled reminder couldn't be unscheduled ({reason}).")
