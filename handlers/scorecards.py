"""The scorecard modal's listeners: saving a submission, swapping the competencies when the role changes, and the
buttons that open the form (empty, for a candidate, or a saved scorecard to edit). The use cases are
``bot.scorecards``'s; these take the parsed payload, call one, and reply."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.payloads import BlockActions, ViewPayload, parse_button_press, parse_view_payload
from blocks.scorecard_values import FillScorecard, ScorecardRef
from bot.deps import Deps
from handlers import parsed

logger = logging.getLogger(__name__)


def _saved_scorecard(body: dict[str, Any]) -> ScorecardRef:
    return ScorecardRef.parse(parse_button_press(body).value)


def register(app: AsyncApp, deps: Deps) -> None:
    scorecards = deps.scorecards
    submission = parsed("submission", parse_view_payload, errors={ids.SCORECARD_NOTES_BLOCK: messages.FORM_DAMAGED})
    press = parsed("press", parse_button_press)

    @app.view(ids.SCORECARD_VIEW, middleware=[submission])
    async def handle_scorecard_submission(ack: AsyncAck, submission: ViewPayload, client: AsyncWebClient) -> None:
        outcome = await scorecards.save(submission)
        if isinstance(outcome, dict):
            await ack(response_action="errors", errors=outcome)
            return
        await ack(scorecards.saved_response(outcome))  # response_action "update" with the saved view, as JSON
        deps.tasks.spawn(scorecards.follow_up(client, outcome), name="scorecard-follow-up")

    @app.action(ids.SCORECARD_ROLE_ACTION, middleware=[parsed("form", parse_view_payload)])
    async def handle_role_change(ack: AsyncAck, form: ViewPayload, client: AsyncWebClient) -> None:
        await ack()
        deps.tasks.spawn(scorecards.switch_role(client, form), name="scorecard-role")

    @app.action(ids.FILL_SCORECARD_ACTION, middleware=[press])
    async def handle_fill_scorecard(
        ack: AsyncAck, press: BlockActions, client: AsyncWebClient, respond: AsyncRespond | None = None
    ) -> None:
        await ack()
        notices: list[str] = []
        try:
            value = FillScorecard.parse(press.value)
        except ValidationError:  # the form still opens, empty, and says why
            logger.warning("A Fill scorecard button's value didn't parse")
            value, notices = FillScorecard(), [messages.FILL_BUTTON_DAMAGED]
        work = scorecards.open_form(
            client,
            trigger_id=str(press.trigger_id),
            user=press.user.id,
            candidate=value.candidate,
            reminder=value.reminder,
            notices=notices,
            respond=respond,
        )
        deps.tasks.spawn(work, name="fill-scorecard")

    @app.action(ids.EDIT_SCORECARD_ACTION, middleware=[press, parsed("ref", _saved_scorecard)])
    async def handle_edit_scorecard(
        ack: AsyncAck,
        press: BlockActions,
        ref: ScorecardRef,
        client: AsyncWebClient,
        respond: AsyncRespond | None = None,
    ) -> None:
        await ack()
        work = scorecards.open_saved(
            client, trigger_id=str(press.trigger_id), user=press.user.id, scorecard_id=ref.scorecard, respond=respond
        )
        deps.tasks.spawn(work, name="edit-scorecard")
