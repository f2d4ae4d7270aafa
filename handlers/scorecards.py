"""The scorecard modal's listeners: saving a submission, swapping the competencies when the role changes, and the
buttons that open the form (empty, for a candidate, or a saved scorecard to edit). The use cases are
``bot.scorecards``'s; these parse what Slack sent and reply."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import parse_block_actions, parse_view_payload
from blocks.scorecard_values import FillScorecard, ScorecardRef
from bot.deps import Deps
from bot.scorecards.forms import DAMAGED_BUTTON
from bot.scorecards.saving import DAMAGED

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    scorecards = deps.scorecards

    @app.view(ids.SCORECARD_VIEW)
    async def handle_scorecard_submission(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        try:
            payload = parse_view_payload(body)
        except ValidationError:
            logger.warning("A scorecard submission didn't parse")
            await ack(response_action="errors", errors={ids.SCORECARD_NOTES_BLOCK: DAMAGED})
            return
        outcome = await scorecards.save(payload)
        if isinstance(outcome, dict):
            await ack(response_action="errors", errors=outcome)
            return
        await ack(response_action="update", view=scorecards.saved_view(outcome))
        await scorecards.follow_up(client, outcome)

    @app.action(ids.SCORECARD_ROLE_ACTION)
    async def handle_role_change(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            payload = parse_view_payload(body)
        except ValidationError:
            logger.warning("A role change in a scorecard didn't parse")
            return
        await scorecards.switch_role(client, payload)

    @app.action(ids.FILL_SCORECARD_ACTION)
    async def handle_fill_scorecard(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond | None = None
    ) -> None:
        await ack()
        try:
            press = parse_block_actions(body, require_trigger=True)
        except ValidationError:
            logger.warning("A Fill scorecard press didn't parse")
            return
        notices: list[str] = []
        try:
            value = FillScorecard.parse(press.value)
        except ValidationError:
            logger.warning("A Fill scorecard button's value didn't parse")
            value, notices = FillScorecard(), [DAMAGED_BUTTON]
        await scorecards.open_form(
            client,
            trigger_id=str(press.trigger_id),
            user=press.user.id,
            candidate=value.candidate,
            reminder=value.reminder,
            notices=notices,
            respond=respond,
        )

    @app.action(ids.EDIT_SCORECARD_ACTION)
    async def handle_edit_scorecard(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond | None = None
    ) -> None:
        await ack()
        try:
            press = parse_block_actions(body, require_trigger=True)
            ref = ScorecardRef.parse(press.value)
        except ValidationError:
            logger.warning("An Edit scorecard press didn't parse")
            return
        await scorecards.open_saved(
            client, trigger_id=str(press.trigger_id), user=press.user.id, scorecard_id=ref.scorecard, respond=respond
        )
