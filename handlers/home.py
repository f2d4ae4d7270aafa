"""The App Home tab (``app_home_opened`` -> ``views.publish``, built by ``bot.scorecards.home``) and its "Ask a
question" modal."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.answer_card import answer_card
from blocks.home import QUESTION_MAX, answer_modal, question_from_state, question_modal
from blocks.payloads import HomeOpened, parse_block_actions, parse_view_payload
from bot.deps import Deps

logger = logging.getLogger(__name__)


def _answer_blocks(question: str, deps: Deps) -> list[Block]:
    return answer_card(deps.answers.card_answer(question)).blocks


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_home_opened")
    async def handle_app_home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        try:
            opened = HomeOpened.model_validate(event)
        except ValidationError:
            logger.warning("An app_home_opened event didn't parse")
            return
        if opened.tab == "home":
            await deps.scorecards.publish_home(client, opened.user)

    @app.action(ids.HOME_ASK_ACTION)
    async def handle_home_ask(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = parse_block_actions(body, require_trigger=True)
        except ValidationError:
            logger.warning("An Ask a question press didn't parse")
            return
        try:
            await client.views_open(trigger_id=str(press.trigger_id), view=question_modal())
        except Exception:
            logger.exception("Could not open the question modal")
            notice = "Sorry, I couldn't open that. Please try again."
            await deps.scorecards.publish_home(client, press.user.id, notice=notice)

    @app.view(ids.QUESTION_VIEW)
    async def handle_question(ack: AsyncAck, body: dict[str, Any]) -> None:
        try:
            question = " ".join(question_from_state(parse_view_payload(body).view.state.values).split())
        except ValidationError:
            await ack(response_action="errors", errors={ids.QUESTION_BLOCK: "That didn't come through; try again."})
            return
        if not question or len(question) > QUESTION_MAX:
            problem = "Type a question." if not question else f"Keep it under {QUESTION_MAX} characters."
            await ack(response_action="errors", errors={ids.QUESTION_BLOCK: problem})
            return
        try:
            view = answer_modal(question, _answer_blocks(question, deps))
        except Exception:
            logger.exception("Could not answer a question from the App Home")
            await ack(
                response_action="errors", errors={ids.QUESTION_BLOCK: "Sorry, I couldn't answer that. Try again."}
            )
            return
        await ack(response_action="update", view=view)
