"""Every way a scorecard is read: ``/hire debrief <candidate>``, the App Home's "Open debrief" and the channel
card's "Show scorecard". Each asks ``knowledge.debrief`` what the reader may see, and shows exactly that."""

from __future__ import annotations

import logging
from typing import Final

from slack_bolt.async_app import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.common import Card, escape, markdown, unescape
from blocks.debrief_cards import debrief_blocks, debrief_card, no_scorecards_card
from blocks.modals import loading_modal, message_modal
from blocks.scorecard_cards import blind_scorecard_card, summary_card, unavailable_card
from bot.config import Settings
from bot.scorecards.delivery import tell
from bot.store.audit import AuditAction, AuditLog
from bot.store.decisions import DecisionRecords
from bot.store.redis_store import StoreUnavailable
from bot.store.scorecards import ScorecardRecords
from bot.store.team_settings import TeamSettingsRecords
from knowledge.debrief import BlindDebrief, Debrief, debrief_for, scorecard_for
from knowledge.identifiers import candidate_key, clean_candidate
from knowledge.leaning import assess
from knowledge.outcomes import Decision, candidate_ref
from knowledge.scorecards import Scorecard

logger = logging.getLogger(__name__)

TITLE: Final = "Debrief"


class Debriefs:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        decision_records: DecisionRecords,
        audit: AuditLog,
    ) -> None:
        self.settings = settings
        self.scorecard_records = scorecard_records
        self.decision_records = decision_records
        self.audit = audit
        self.team = TeamSettingsRecords(scorecard_records.store, settings)

    async def _read(self, reader: str, key: str) -> tuple[Debrief | BlindDebrief, Decision | None] | None:
        """What ``reader`` may see of the candidate, with the decision on a full debrief (the blind rule keeps the
        outcome from those who haven't submitted too); a full debrief read is audited. Raises ``StoreUnavailable``."""
        scorecards = await self.scorecard_records.for_candidate(key)
        if not scorecards:
            return None
        view = debrief_for(reader, scorecards, await self.team.hiring_managers())
        if isinstance(view, BlindDebrief):
            return view, None
        try:
            await self.audit.record(reader, AuditAction.VIEWED_DEBRIEF, candidate_ref(key))
        except StoreUnavailable:
            logger.warning("A debrief was read but not written to the audit log")
        return view, await self.decision_records.get(key)

    async def card_for(self, reader: str, candidate: str) -> Card:
        """The debrief card ``reader`` may see for ``candidate``; raises ``StoreUnavailable``."""
        found = await self._read(reader, candidate_key(candidate))
        if found is None:
            return no_scorecards_card(candidate)
        return debrief_card(found[0], decision=found[1])

    async def reply(self, respond: AsyncRespond, args: str, *, reader: str) -> None:
        """``/hire debrief``: the debrief for the candidate named in ``args``, ephemerally."""
        if not args.strip():
            await respond(response_type="ephemeral", text=messages.DEBRIEF_USAGE)
            return
        try:
            candidate = clean_candidate(unescape(args))
        except ValueError as problem:
            await respond(response_type="ephemeral", text=f"{problem} {messages.DEBRIEF_USAGE}")
            return
        try:
            card = await self.card_for(reader, candidate)
        except StoreUnavailable:
            card = unavailable_card(messages.STORE_DOWN)
        await respond(response_type="ephemeral", text=card.text, blocks=card.block_dicts())

    async def open(self, client: AsyncWebClient, *, trigger_id: str, reader: str, candidate: str) -> None:
        """The debrief in a modal (from the App Home). Never raises."""
        try:
            opened = await client.views_open(trigger_id=trigger_id, view=loading_modal(TITLE, "Loading…"))
            try:
                found = await self._read(reader, candidate_key(candidate))
                if found is not None:
                    blocks = debrief_blocks(found[0], surface="modal", decision=found[1])
                else:
                    blocks = no_scorecards_card(candidate).blocks
            except StoreUnavailable:
                blocks = [markdown(f":warning: {escape(messages.STORE_DOWN)}")]
            await client.views_update(
                view_id=opened["view"]["id"], view=message_modal(TITLE, blocks, callback_id=ids.DEBRIEF_VIEW)
            )
        except Exception:
            logger.exception("Could not show a debrief")
            await tell(client, reader, messages.SORRY)

    async def scorecard_card(self, reader: str, scorecard_id: str) -> Card:
        """One scorecard as ``reader`` may see it (the blind note instead, until they've submitted). Never raises."""
        try:
            return await self._scorecard_card(reader, scorecard_id)
        except StoreUnavailable:
            return unavailable_card(messages.STORE_DOWN)
        except Exception:
            logger.exception("Could not show a scorecard")
            return unavailable_card(messages.SORRY)

    async def _scorecard_card(self, reader: str, scorecard_id: str) -> Card:
        records = self.scorecard_records
        scorecard = await records.get(scorecard_id)
        if scorecard is None:
            return unavailable_card(messages.SCORECARD_GONE)
        visible = scorecard_for(
            reader, scorecard, await records.for_candidate(scorecard.candidate_key), await self.team.hiring_managers()
        )
        if isinstance(visible, Scorecard):
            return summary_card(visible, assess(visible))
        return blind_scorecard_card(visible)
