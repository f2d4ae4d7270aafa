"""``/hire debrief <candidate>``, the App Home's "Open debrief" and the channel card's "Show scorecard": every way a
scorecard is read. Each asks ``knowledge.debrief`` what the reader may see, and shows exactly that."""

from __future__ import annotations

import logging
from typing import Any, Final

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.common import Card, escape, markdown, unescape
from blocks.debrief_cards import debrief_blocks, debrief_card, no_scorecards_card
from blocks.scorecard_cards import blind_scorecard_card, summary_card, unavailable_card
from blocks.scorecard_form import parse_button_press
from blocks.scorecard_modal import loading_modal, message_modal
from blocks.scorecard_values import CandidateRef, ScorecardRef
from bot.deps import Deps
from bot.scorecards.delivery import SORRY, STORE_DOWN, tell
from bot.store.redis_store import StoreUnavailable
from knowledge.debrief import Submission, debrief_for, scorecard_for
from knowledge.leaning import assess
from knowledge.scorecards import candidate_key, clean_candidate

logger = logging.getLogger(__name__)

USAGE: Final = "Try `/hire debrief Ada Lovelace`: every scorecard for that candidate, read together."
GONE: Final = "That scorecard isn't there any more."


async def debrief_for_reader(deps: Deps, reader: str, candidate: str) -> Card:
    """The debrief card ``reader`` may see for ``candidate``; raises ``StoreUnavailable``."""
    scorecards = await deps.scorecard_records.for_candidate(candidate_key(candidate))
    if not scorecards:
        return no_scorecards_card(candidate)
    return debrief_card(debrief_for(reader, scorecards, deps.settings.hiring_managers))


async def run_debrief(args: str, *, reader: str, respond: AsyncRespond, deps: Deps) -> None:
    if not args.strip():
        await respond(response_type="ephemeral", text=USAGE)
        return
    try:
        candidate = clean_candidate(unescape(args))
    except ValueError as problem:
        await respond(response_type="ephemeral", text=f"{problem} {USAGE}")
        return
    try:
        card = await debrief_for_reader(deps, reader, candidate)
    except StoreUnavailable:
        card = unavailable_card(STORE_DOWN)
    await respond(response_type="ephemeral", text=card.text, blocks=card.block_dicts())


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.OPEN_DEBRIEF_ACTION)
    async def handle_open_debrief(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = parse_button_press(body)
            ref = CandidateRef.parse(press.value)
        except ValidationError:
            logger.warning("An Open debrief press didn't parse")
            return
        try:
            opened = await client.views_open(trigger_id=press.trigger_id, view=loading_modal("Debrief", "Loading…"))
            try:
                scorecards = await deps.scorecard_records.for_candidate(candidate_key(ref.candidate))
                if scorecards:
                    view = debrief_for(press.user.id, scorecards, deps.settings.hiring_managers)
                    blocks = debrief_blocks(view, surface="modal")
                else:
                    blocks = no_scorecards_card(ref.candidate).blocks
            except StoreUnavailable:
                blocks = [markdown(f":warning: {escape(STORE_DOWN)}")]
            await client.views_update(
                view_id=opened["view"]["id"], view=message_modal("Debrief", blocks, callback_id=ids.DEBRIEF_VIEW)
            )
        except Exception:
            logger.exception("Could not show a debrief")
            await tell(client, press.user.id, SORRY)

    @app.action(ids.SHOW_SCORECARD_ACTION)
    async def handle_show_scorecard(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        try:
            press = parse_button_press(body)
            ref = ScorecardRef.parse(press.value)
        except ValidationError:
            await respond(response_type="ephemeral", replace_original=False, text="That button's data was damaged.")
            return
        try:
            card = await _scorecard_card(deps, press.user.id, ref.scorecard)
        except StoreUnavailable:
            card = unavailable_card(STORE_DOWN)
        except Exception:
            logger.exception("Could not show a scorecard")
            card = unavailable_card(SORRY)
        await respond(response_type="ephemeral", replace_original=False, text=card.text, blocks=card.block_dicts())


async def _scorecard_card(deps: Deps, reader: str, scorecard_id: str) -> Card:
    records = deps.scorecard_records
    scorecard = await records.get(scorecard_id)
    if scorecard is None:
        return unavailable_card(GONE)
    visible = scorecard_for(
        reader, scorecard, await records.for_candidate(scorecard.candidate_key), deps.settings.hiring_managers
    )
    if isinstance(visible, Submission):
        return blind_scorecard_card(visible)
    return summary_card(visible, assess(visible))
