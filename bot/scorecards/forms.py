"""Opening the scorecard form (from /hire, the shortcut, reminders, cards and the App Home), opening a saved one
to edit, and swapping the competencies when the role changes.

The form needs no I/O, so it is opened at once with the ``trigger_id`` (valid for 3 seconds), then updated with
anything the store has to add (an earlier scorecard, a cancelled reminder, the store being down).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.common import markdown
from blocks.modals import loading_modal, message_modal
from blocks.payloads import ViewPayload
from blocks.scorecard_form import ScorecardMetadata, draft_from_state, read_metadata, scorecard_modal
from blocks.scorecard_form.modal import TITLE
from bot.scorecards.delivery import tell
from bot.store.redis_store import StoreUnavailable
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords
from knowledge.identifiers import candidate_key, clean_candidate
from knowledge.scorecards import Scorecard, ScorecardDraft, carry_over

logger = logging.getLogger(__name__)


def _previous_notice(mine: list[Scorecard]) -> str | None:
    if not mine:
        return None
    kinds = ", ".join(sorted({scorecard.interview_type.label.lower() for scorecard in mine}))
    return (
        f"You've already submitted for {mine[0].candidate} ({kinds}). Saving the same interview again replaces "
        "that scorecard; a different interview adds one."
    )


def _name_notice(candidate: str) -> list[str]:
    if not candidate:
        return []
    try:
        clean_candidate(candidate)
    except ValueError as problem:
        return [f"Check the candidate's name before saving. {problem}"]
    return []


async def update_view(client: AsyncWebClient, opened: dict[str, Any], view: Any) -> None:
    """Replace a view we just opened; if the person already changed it (a newer hash), leave theirs alone."""
    try:
        await client.views_update(view_id=opened["id"], hash=opened.get("hash"), view=view)
    except SlackApiError as error:
        if error.response.get("error") != "hash_conflict":
            raise


class ScorecardForms:
    def __init__(self, scorecard_records: ScorecardRecords, reminder_records: ReminderRecords) -> None:
        self.scorecard_records = scorecard_records
        self.reminder_records = reminder_records

    async def _notices(self, user: str, draft: ScorecardDraft, reminder: str | None) -> list[str]:
        """What the store knows that the interviewer should see on opening the form."""
        notices: list[str] = []
        try:
            if reminder is not None and await self.reminder_records.get(reminder) is None:
                notices.append(messages.OPENED_FROM_GONE_REMINDER)
            if draft.candidate:
                scorecards = await self.scorecard_records.for_candidate(candidate_key(draft.candidate))
                notice = _previous_notice([s for s in scorecards if s.interviewer == user])
                if notice:
                    notices.append(notice)
        except StoreUnavailable:
            notices.append(messages.STORE_DOWN_FORM)
        return notices

    async def open(
        self,
        client: AsyncWebClient,
        *,
        trigger_id: str,
        user: str,
        candidate: str = "",
        reminder: str | None = None,
        first: Sequence[str] = (),
    ) -> None:
        """Open the form at once, then update it with what the store adds. Slack errors propagate."""
        draft = ScorecardDraft(candidate=" ".join(candidate.split()))
        metadata = ScorecardMetadata(reminder=reminder).dump()
        view = scorecard_modal(draft, private_metadata=metadata, notices=list(first))
        opened = await client.views_open(trigger_id=trigger_id, view=view)
        notices = _name_notice(draft.candidate) + await self._notices(user, draft, reminder)
        if notices:
            view = scorecard_modal(draft, private_metadata=metadata, notices=[*first, *notices])
            await update_view(client, opened["view"], view)

    async def open_saved(self, client: AsyncWebClient, *, trigger_id: str, user: str, scorecard_id: str) -> None:
        """The interviewer's own saved scorecard, in the form, to change and save again. Slack errors propagate."""
        opened = await client.views_open(trigger_id=trigger_id, view=loading_modal(TITLE, "Loading…"))
        scorecard: Scorecard | None = None
        problem = ""
        try:
            scorecard = await self.scorecard_records.get(scorecard_id)
        except StoreUnavailable:
            problem = messages.STORE_DOWN_EDIT
        if scorecard is None or scorecard.interviewer != user:
            await update_view(
                client, opened["view"], message_modal(TITLE, [markdown(problem or messages.NOT_YOURS_TO_EDIT)])
            )
            return
        metadata = ScorecardMetadata(shown_role=scorecard.role).dump()
        view = scorecard_modal(scorecard.as_draft(), private_metadata=metadata, notices=[messages.EDITING_SAVED])
        await update_view(client, opened["view"], view)

    async def switch_role(self, client: AsyncWebClient, payload: ViewPayload) -> None:
        """Rebuild the form for the role just picked, keeping what was typed and what other roles were given.
        Never raises."""
        metadata, damaged = read_metadata(payload.view.private_metadata)
        draft = carry_over(draft_from_state(payload.view.state.values), metadata.shown_role, metadata.kept)
        kept = ScorecardMetadata(reminder=metadata.reminder, shown_role=draft.role, kept=draft.selections())
        view = scorecard_modal(
            draft, private_metadata=kept.dump(), notices=[messages.FORM_METADATA_DAMAGED] if damaged else []
        )
        try:
            await update_view(client, {"id": payload.view.id, "hash": payload.view.hash}, view)
        except Exception:
            logger.exception("Could not swap a scorecard's competencies")
            await tell(client, payload.user.id, messages.COULD_NOT_SWITCH_ROLE)
