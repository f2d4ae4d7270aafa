"""The scorecard modal: opening it (from /hire, the shortcut, reminders, cards and the App Home), swapping the
competencies when the role changes, and saving a submission without ever losing it.

Opening: the form needs no I/O, so it is opened at once with the ``trigger_id`` (valid for 3 seconds), then
updated with anything the store has to add (an earlier scorecard, a cancelled reminder, the store being down).

Saving: the scorecard is written to Redis before the view is acknowledged. If that fails the acknowledgement
is ``response_action: errors``: the modal stays open with everything typed and says why, and pressing Save again
once Redis is back saves the same scorecard. Only a saved scorecard closes the form (replaced by a confirmation);
then the reminder for that candidate is cancelled and the summary card posted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.common import markdown
from blocks.scorecard_cards import scorecard_blocks
from blocks.scorecard_form import (
    ScorecardMetadata,
    ViewPayload,
    draft_from_state,
    parse_button_press,
    parse_view_payload,
    read_metadata,
)
from blocks.scorecard_modal import field_block, loading_modal, message_modal, scorecard_modal
from blocks.scorecard_values import FillScorecard, ScorecardRef
from bot.deps import Deps
from bot.scorecards.delivery import post_summary, tell
from bot.store.redis_store import StoreUnavailable
from handlers import home, reminders
from knowledge.leaning import assess
from knowledge.scorecards import (
    Scorecard,
    ScorecardDraft,
    ScorecardInvalid,
    candidate_key,
    carry_over,
    clean_candidate,
    validate_draft,
)

logger = logging.getLogger(__name__)

NOT_SAVED: Final = (
    "Not saved yet: hirebot's database didn't answer. Everything you typed is still here; press Save again in a minute."
)
SAVE_FAILED: Final = "Not saved: something went wrong on my side. Everything you typed is still here; press Save again."
DAMAGED: Final = "This form's data didn't come through intact. Press Save again; if it keeps happening, reopen it."
DAMAGED_METADATA: Final = (
    "Some of this form's hidden data didn't come through intact, so answers for other roles may be gone. "
    "Everything shown here is kept."
)
DAMAGED_BUTTON: Final = "That button's data didn't come through intact, so the form starts empty."
COULD_NOT_OPEN: Final = "Sorry, I couldn't open the scorecard form. Please try again."
STILL_SWITCHING: Final = "The form was still switching roles: check the competencies below and save again."
STORE_DOWN_NOTICE: Final = (
    "hirebot's database isn't answering right now. Fill the form anyway: Save keeps it open and tells you if it "
    "can't save yet."
)


@dataclass(frozen=True)
class Saved:
    scorecard: Scorecard
    replaced: bool
    notices: list[str] = field(default_factory=list)


def _previous_notice(mine: list[Scorecard]) -> str | None:
    if not mine:
        return None
    kinds = ", ".join(sorted({scorecard.interview_type.label.lower() for scorecard in mine}))
    return (
        f"You've already submitted for {mine[0].candidate} ({kinds}). Saving the same interview again replaces "
        "that scorecard; a different interview adds one."
    )


async def _notices(deps: Deps, user: str, draft: ScorecardDraft, reminder: str | None) -> list[str]:
    """What the store knows that the interviewer should see on opening the form."""
    notices: list[str] = []
    try:
        if reminder is not None and await deps.reminder_records.get(reminder) is None:
            notices.append("The reminder that brought you here was cancelled or has expired. You can still save.")
        if draft.candidate:
            scorecards = await deps.scorecard_records.for_candidate(candidate_key(draft.candidate))
            notice = _previous_notice([s for s in scorecards if s.interviewer == user])
            if notice:
                notices.append(notice)
    except StoreUnavailable:
        notices.append(STORE_DOWN_NOTICE)
    return notices


def _name_notice(candidate: str) -> list[str]:
    if not candidate:
        return []
    try:
        clean_candidate(candidate)
    except ValueError as problem:
        return [f"Check the candidate's name before saving. {problem}"]
    return []


async def open_scorecard(
    client: AsyncWebClient,
    deps: Deps,
    *,
    trigger_id: str,
    user: str,
    candidate: str = "",
    reminder: str | None = None,
    notices: list[str] | None = None,
) -> None:
    """Open the form at once, then update it with what the store adds. Slack errors propagate to the caller."""
    draft = ScorecardDraft(candidate=" ".join(candidate.split()))
    metadata = ScorecardMetadata(reminder=reminder).dump()
    first = list(notices or [])
    view = scorecard_modal(draft, private_metadata=metadata, notices=first)
    opened = await client.views_open(trigger_id=trigger_id, view=view)
    notices = _name_notice(draft.candidate) + await _notices(deps, user, draft, reminder)
    if notices:
        view = scorecard_modal(draft, private_metadata=metadata, notices=first + notices)
        await _update(client, opened["view"], view)


async def open_saved_scorecard(client: AsyncWebClient, deps: Deps, *, trigger_id: str, user: str, ref: str) -> None:
    """The interviewer's own saved scorecard, in the form, to change and save again."""
    opened = await client.views_open(trigger_id=trigger_id, view=loading_modal("Interview scorecard", "Loading…"))
    scorecard: Scorecard | None = None
    problem = ""
    try:
        scorecard = await deps.scorecard_records.get(ref)
    except StoreUnavailable:
        problem = "hirebot's database isn't answering right now; try again in a minute."
    if scorecard is None or scorecard.interviewer != user:
        problem = problem or "That scorecard isn't there any more, or it isn't yours to edit."
        await _update(client, opened["view"], message_modal("Interview scorecard", [markdown(problem)]))
        return
    metadata = ScorecardMetadata(shown_role=scorecard.role).dump()
    notice = "Saving replaces your scorecard for this interview; changing the interview saves a new one."
    view = scorecard_modal(scorecard.as_draft(), private_metadata=metadata, notices=[notice])
    await _update(client, opened["view"], view)


async def _update(client: AsyncWebClient, opened: dict[str, Any], view: Any) -> None:
    """Replace a view we just opened; if the person already changed it (a newer hash), leave theirs alone."""
    try:
        await client.views_update(view_id=opened["id"], hash=opened.get("hash"), view=view)
    except SlackApiError as error:
        if error.response.get("error") != "hash_conflict":
            raise


def _errors_for(invalid: ScorecardInvalid, shown_blocks: set[str]) -> dict[str, str]:
    """Each message next to its field; a field the view doesn't show (a role switch still in flight) gets one
    message on the role select instead."""
    errors: dict[str, str] = {}
    missing = False
    for name, message in invalid.errors.items():
        block = field_block(name)
        if block in shown_blocks or not shown_blocks:
            errors.setdefault(block, message)
        else:
            missing = True
    if missing:
        errors.setdefault(ids.SCORECARD_ROLE_BLOCK, STILL_SWITCHING)
    return errors


async def _save(payload: ViewPayload, deps: Deps) -> Saved | dict[str, str]:
    """The saved scorecard, or the errors to show in the form."""
    metadata, damaged = read_metadata(payload.view.private_metadata)
    if damaged:
        logger.warning("Ignoring damaged private_metadata on a scorecard submission")
    draft = draft_from_state(payload.view.state.values)
    try:
        scorecard = validate_draft(draft, interviewer=payload.user.id, submitted_at=datetime.now(UTC))
    except ScorecardInvalid as invalid:
        return _errors_for(invalid, payload.view.block_ids)
    notices = ["The form's hidden data was damaged; your scorecard was saved from what you typed."] if damaged else []
    try:
        if metadata.reminder is not None and await deps.reminder_records.get(metadata.reminder) is None:
            notices.append("The reminder this form came from had been cancelled; your scorecard is saved anyway.")
        replaced = await deps.scorecard_records.save(scorecard)
    except StoreUnavailable as error:
        logger.warning("Scorecard not saved, the form stays open: %s", error)
        return {ids.SCORECARD_NOTES_BLOCK: NOT_SAVED}
    return Saved(scorecard=scorecard, replaced=replaced, notices=notices)


def _saved_view(saved: Saved, deps: Deps) -> Any:
    """The form, replaced by what was saved: the interviewer's own scorecard, which they may always see."""
    channel = deps.settings.hiring_channel
    if channel:
        name = channel if channel.startswith("#") else f"<#{channel}>"
        where = f"{name} hears that you've submitted; your ratings open only for those the blind rule lets see them."
    else:
        where = "I've sent you the summary in a DM."
    action = "Replaced your earlier scorecard for this interview." if saved.replaced else "Saved."
    lines = [f":white_check_mark: *{action}* {where}", *(f":information_source: {notice}" for notice in saved.notices)]
    blocks = [markdown("\n".join(lines)), *scorecard_blocks(saved.scorecard, assess(saved.scorecard))]
    return message_modal("Scorecard saved", blocks, callback_id=ids.SCORECARD_SAVED_VIEW)


async def _after_save(client: AsyncWebClient, deps: Deps, saved: Saved) -> None:
    """Once the form has closed: cancel the reminder for this candidate, post the summary, refresh the Home."""
    scorecard = saved.scorecard
    await reminders.cancel_for(client, deps.reminder_records, scorecard.candidate_key, scorecard.interviewer)
    records = deps.scorecard_records
    await post_summary(client, deps.settings, records, scorecard, assess(scorecard), replaced=saved.replaced)
    await home.publish_home(client, deps, scorecard.interviewer)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.view(ids.SCORECARD_VIEW)
    async def handle_scorecard_submission(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        try:
            payload = parse_view_payload(body)
        except ValidationError:
            logger.warning("A scorecard submission didn't parse")
            await ack(response_action="errors", errors={ids.SCORECARD_NOTES_BLOCK: DAMAGED})
            return
        try:
            outcome = await _save(payload, deps)
        except Exception:
            logger.exception("Saving a scorecard failed")
            await ack(response_action="errors", errors={ids.SCORECARD_NOTES_BLOCK: SAVE_FAILED})
            return
        if not isinstance(outcome, Saved):
            await ack(response_action="errors", errors=outcome)
            return
        await ack(response_action="update", view=_saved_view(outcome, deps))
        try:
            await _after_save(client, deps, outcome)
        except Exception:
            logger.exception("A scorecard was saved but its follow-ups failed")
            await tell(
                client,
                payload.user.id,
                f"Your scorecard for {outcome.scorecard.candidate} is saved, but I couldn't post its summary. "
                f"`/hire debrief {outcome.scorecard.candidate}` shows it.",
            )

    @app.action(ids.SCORECARD_ROLE_ACTION)
    async def handle_role_change(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            payload = parse_view_payload(body)
        except ValidationError:
            logger.warning("A role change in a scorecard didn't parse")
            return
        metadata, damaged = read_metadata(payload.view.private_metadata)
        draft = carry_over(draft_from_state(payload.view.state.values), metadata.shown_role, metadata.kept)
        kept = ScorecardMetadata(reminder=metadata.reminder, shown_role=draft.role, kept=draft.selections())
        view = scorecard_modal(draft, private_metadata=kept.dump(), notices=[DAMAGED_METADATA] if damaged else [])
        try:
            await _update(client, {"id": payload.view.id, "hash": payload.view.hash}, view)
        except Exception:
            logger.exception("Could not swap a scorecard's competencies")
            await tell(client, payload.user.id, "I couldn't switch the scorecard's role; pick the role again.")

    @app.action(ids.FILL_SCORECARD_ACTION)
    async def handle_fill_scorecard(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond | None = None
    ) -> None:
        await ack()
        try:
            press = parse_button_press(body)
        except ValidationError:
            logger.warning("A Fill scorecard press didn't parse")
            return
        notices: list[str] = []
        try:
            value = FillScorecard.parse(press.value)
        except ValidationError:
            logger.warning("A Fill scorecard button's value didn't parse")
            value, notices = FillScorecard(), [DAMAGED_BUTTON]
        try:
            await open_scorecard(
                client,
                deps,
                trigger_id=press.trigger_id,
                user=press.user.id,
                candidate=value.candidate,
                reminder=value.reminder,
                notices=notices,
            )
        except Exception:
            logger.exception("Could not open the scorecard form")
            await tell(client, press.user.id, COULD_NOT_OPEN, respond)

    @app.action(ids.EDIT_SCORECARD_ACTION)
    async def handle_edit_scorecard(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond | None = None
    ) -> None:
        await ack()
        try:
            press = parse_button_press(body)
            ref = ScorecardRef.parse(press.value)
        except ValidationError:
            logger.warning("An Edit scorecard press didn't parse")
            return
        try:
            await open_saved_scorecard(client, deps, trigger_id=press.trigger_id, user=press.user.id, ref=ref.scorecard)
        except Exception:
            logger.exception("Could not open a saved scorecard")
            await tell(client, press.user.id, COULD_NOT_OPEN, respond)
