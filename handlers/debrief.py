"""The App Home's "Open debrief" and the channel card's "Show scorecard"; ``/hire debrief`` comes in through
``handlers.commands``. What a reader may see is ``bot.scorecards.debriefs``'s to decide."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import parse_block_actions
from blocks.scorecard_values import CandidateRef, ScorecardRef
from bot.deps import Deps

logger = logging.getLogger(__name__)

DAMAGED = "That button's data was damaged."


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.OPEN_DEBRIEF_ACTION)
    async def handle_open_debrief(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = parse_block_actions(body, require_trigger=True)
            ref = CandidateRef.parse(press.value)
        except ValidationError:
            logger.warning("An Open debrief press didn't parse")
            return
        await deps.scorecards.open_debrief(
            client, trigger_id=str(press.trigger_id), reader=press.user.id, candidate=ref.candidate
        )

    @app.action(ids.SHOW_SCORECARD_ACTION)
    async def handle_show_scorecard(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        try:
            press = parse_block_actions(body, require_trigger=True)
            ref = ScorecardRef.parse(press.value)
        except ValidationError:
            await respond(response_type="ephemeral", replace_original=False, text=DAMAGED)
            return
        card = await deps.scorecards.scorecard_card(press.user.id, ref.scorecard)
        await respond(response_type="ephemeral", replace_original=False, text=card.text, blocks=card.block_dicts())
