"""``/hire decide <candidate>``: a hiring manager records hire, no hire or hold, at a level, with reasons.

The modal opens with the level the panel agreed on (the split shown when they didn't). A decision is saved before
the modal closes; if Redis doesn't answer, the modal stays open with everything chosen and says so. Deciding
again replaces the decision; the audit log keeps every one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_bolt.async_app import AsyncRespond
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.decision_cards import (
    DecisionMetadata,
    decided_view,
    decision_errors,
    decision_from_state,
    decision_modal,
    read_decision_metadata,
)
from blocks.payloads import ViewPayload
from bot.config import Settings
from bot.decisions.candidates import Candidate, find_candidate
from bot.scorecards.home import HomePublisher
from bot.store.audit import AuditAction, AuditLog
from bot.store.decisions import DecisionRecords
from bot.store.redis_store import StoreUnavailable
from bot.store.scorecards import ScorecardRecords
from knowledge.outcomes import Decision, candidate_ref, panel_levels, panel_role

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decided:
    decision: Decision
    replaced: Decision | None


async def say(respond: AsyncRespond, text: str) -> None:
    await respond(response_type="ephemeral", text=text)


class Deciding:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        decision_records: DecisionRecords,
        audit: AuditLog,
        home: HomePublisher,
    ) -> None:
        self.settings = settings
        self.scorecard_records = scorecard_records
        self.decision_records = decision_records
        self.audit = audit
        self.home = home
        self.team = home.team

    async def is_manager(self, user: str) -> bool:
        """Whether ``user`` is one of the workspace's hiring managers; while Redis fails, the environment's (what
        they asked for then fails on the store, and says so)."""
        try:
            return user in await self.team.hiring_managers()
        except StoreUnavailable:
            return user in self.team.defaults.hiring_managers

    async def candidate(self, respond: AsyncRespond, args: str, usage: str) -> Candidate | None:
        """The candidate ``args`` names, or None once the person has been told why not. Raises ``StoreUnavailable``."""
        if not args.strip():
            await say(respond, usage)
            return None
        found = await find_candidate(self.scorecard_records, args, usage)
        if isinstance(found, str):
            await say(respond, found)
            return None
        return found

    async def open(
        self, client: AsyncWebClient, respond: AsyncRespond, args: str, *, user: str, trigger_id: str
    ) -> None:
        """``/hire decide``: refuse non-managers, find the candidate, open the modal."""
        if not await self.is_manager(user):
            await say(respond, messages.MANAGERS_ONLY.format(what="record hiring decisions"))
            return
        try:
            found = await self.candidate(respond, args, messages.DECIDE_USAGE)
            if found is None:
                return
            previous = await self.decision_records.get(found.key)
        except StoreUnavailable:
            await say(respond, messages.STORE_DOWN)
            return
        # views.open must use the trigger within 3 seconds of the command (https://docs.slack.dev/reference/methods/views.open);
        # the reads above are a few milliseconds of Redis.
        metadata = DecisionMetadata(candidate=found.name, candidate_key=found.key, role=panel_role(found.scorecards))
        view = decision_modal(metadata, panel_levels(found.scorecards), previous)
        await client.views_open(trigger_id=trigger_id, view=view)

    async def save(self, payload: ViewPayload) -> Decided | dict[str, str]:
        """The saved decision, or errors by block id to keep the modal open with. Never raises."""
        try:
            return await self._save(payload)
        except StoreUnavailable as error:
            logger.warning("Decision not saved, the modal stays open: %s", error)
            return {ids.DECISION_REASONS_BLOCK: messages.DECISION_NOT_SAVED}
        except Exception:
            logger.exception("Saving a decision failed")
            return {ids.DECISION_REASONS_BLOCK: messages.SAVE_FAILED}

    async def _save(self, payload: ViewPayload) -> Decided | dict[str, str]:
        user = payload.user.id
        if not await self.is_manager(user):
            return {ids.DECISION_OUTCOME_BLOCK: messages.MANAGERS_ONLY.format(what="record hiring decisions")}
        metadata = read_decision_metadata(payload.view.private_metadata)
        if metadata is None:
            return {ids.DECISION_REASONS_BLOCK: messages.MODAL_DAMAGED}
        form = decision_from_state(payload.view.state.values)
        errors = decision_errors(form)
        if errors or form.outcome is None or form.level is None:
            return errors
        decision = Decision(
            candidate=metadata.candidate,
            candidate_key=metadata.candidate_key,
            role=metadata.role,
            outcome=form.outcome,
            level=form.level,
            reasons=form.reasons,
            decided_by=user,
            decided_at=datetime.now(UTC),
        )
        replaced = await self.decision_records.save(decision)
        try:
            detail = f"{decision.summary}" + (f" (replaces {replaced.summary})" if replaced else "")
            await self.audit.record(user, AuditAction.DECIDED, candidate_ref(decision.candidate_key), detail)
        except StoreUnavailable:
            logger.warning("A decision was saved but not written to the audit log")
        return Decided(decision=decision, replaced=replaced)

    def decided_view(self, decided: Decided) -> View:
        return decided_view(decided.decision, decided.replaced)

    async def follow_up(self, client: AsyncWebClient, decided: Decided) -> None:
        """Once the modal shows the decision: refresh the decider's App Home. Never raises."""
        await self.home.publish(client, decided.decision.decided_by)
