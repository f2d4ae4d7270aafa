"""Buttons on /hire cards: share a card with the channel, and the AI-vs-ML "which do we need?" choices."""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from blocks import ids
from blocks.common import Card, context, escape
from blocks.guide_cards import parse_choice, recommendation_card
from blocks.payloads import parse_block_actions
from bot.deps import Deps
from bot.hire.router import hire_reply

logger = logging.getLogger(__name__)

DAMAGED = "That button's data didn't come through intact, so I didn't post anything. Run the command again."
SORRY = "Sorry, something went wrong. Please try again."
CHOICE_PATTERN = re.compile(rf"^{re.escape(ids.AI_VS_ML_CHOICE_ACTION)}:")


def shared_card(card: Card, user_id: str, subcommand: str) -> Card:
    """The card as the channel sees it: no share button, and who shared it."""
    blocks = [b for b in card.blocks if b.block_id != ids.SHARE_BLOCK]
    blocks.append(context(f"Shared by <@{user_id}> with `/hire {escape(subcommand)}`"))
    return Card(blocks, card.text)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.SHARE_ACTION)
    async def handle_share(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        try:
            click = parse_block_actions(body)
        except ValidationError:
            await respond(response_type="ephemeral", replace_original=False, text=DAMAGED)
            return
        try:
            reply = hire_reply(click.value, deps.cards)
            if reply.name == "help" or reply.subcommand.needs_slack:
                await respond(response_type="ephemeral", replace_original=False, text=DAMAGED)
                return
            card = shared_card(reply.card, click.user.id, click.value)
            await respond(response_type="in_channel", replace_original=False, text=card.text, blocks=card.block_dicts())
            await respond(delete_original=True)
        except Exception:
            logger.exception("Failed to share a card")
            await respond(response_type="ephemeral", replace_original=False, text=SORRY)

    @app.action(CHOICE_PATTERN)
    async def handle_ai_vs_ml_choice(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        try:
            click = parse_block_actions(body)
        except ValidationError:
            await respond(response_type="ephemeral", replace_original=False, text=DAMAGED)
            return
        choice = parse_choice(click.value)
        if choice is None:
            await respond(response_type="ephemeral", replace_original=False, text=DAMAGED)
            return
        try:
            card = recommendation_card(choice, deps.engine.calculator)
            await respond(response_type="ephemeral", replace_original=False, text=card.text, blocks=card.block_dicts())
        except Exception:
            logger.exception("Failed to build the recommendation card")
            await respond(response_type="ephemeral", replace_original=False, text=SORRY)
