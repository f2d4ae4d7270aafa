"""The App Home's "Open debrief" and the channel card's "Show scorecard"; ``/hire debrief`` comes in through
``handlers.commands``. What a reader may see is ``bot.scorecards.debriefs``'s to decide."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.payloads import BlockActions, parse_block_actions, parse_button_press
from blocks.scorecard_values import CandidateRef, ScorecardRef
from bot.deps import Deps
from handlers import parsed


def _candidate(body: dict[str, Any]) -> CandidateRef:
    return CandidateRef.parse(parse_button_press(body).value)


def _scorecard(body: dict[str, Any]) -> ScorecardRef:
    return ScorecardRef.parse(parse_block_actions(body).value)


def register(app: AsyncApp, deps: Deps) -> None:
    press = parsed("press", parse_button_press)

    @app.action(ids.OPEN_DEBRIEF_ACTION, middleware=[press, parsed("ref", _candidate)])
    async def handle_open_debrief(
        ack: AsyncAck, press: BlockActions, ref: CandidateRef, client: AsyncWebClient
    ) -> None:
        await ack()
        work = deps.scorecards.open_debrief(
            client, trigger_id=str(press.trigger_id), reader=press.user.id, candidate=ref.candidate
        )
        deps.tasks.spawn(work, name="open-debrief")

    damaged = messages.BUTTON_DAMAGED
    show = [parsed("press", parse_button_press, tell=damaged), parsed("ref", _scorecard, tell=damaged)]

    @app.action(ids.SHOW_SCORECARD_ACTION, middleware=show)
    async def handle_show_scorecard(
        ack: AsyncAck, press: BlockActions, ref: ScorecardRef, respond: AsyncRespond
    ) -> None:
        await ack()
        deps.tasks.spawn(show_card(press.user.id, ref.scorecard, respond), name="show-scorecard")

    async def show_card(reader: str, scorecard: str, respond: AsyncRespond) -> None:
        card = await deps.scorecards.scorecard_card(reader, scorecard)
        await respond(response_type="ephemeral", replace_original=False, text=card.text, blocks=card.block_dicts())
