"""Buttons on /hire cards: share a card with the channel, and the AI-vs-ML "which do we need?" choices."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from blocks import ids, messages
from blocks.common import Card, context, escape
from blocks.guide_cards import parse_choice, recommendation_card
from blocks.payloads import BlockActions, parse_block_actions
from bot.deps import Deps
from bot.hire.router import hire_reply
from handlers import parsed

logger = logging.getLogger(__name__)

CHOICE_PATTERN = re.compile(rf"^{re.escape(ids.AI_VS_ML_CHOICE_ACTION)}:")


def shared_card(card: Card, user_id: str, subcommand: str) -> Card:
    """The card as the channel sees it: no share button, and who shared it."""
    blocks = [b for b in card.blocks if b.block_id != ids.SHARE_BLOCK]
    blocks.append(context(f"Shared by <@{user_id}> with `/hire {escape(subcommand)}`"))
    return Card(blocks, card.text)


def register(app: AsyncApp, deps: Deps) -> None:
    click = parsed("click", parse_block_actions, tell=messages.SHARE_DAMAGED)

    async def share(click: BlockActions, respond: AsyncRespond) -> None:
        try:
            reply = hire_reply(click.value, deps.cards)
            if reply.name == "help" or reply.subcommand.needs_slack:
                await respond(response_type="ephemeral", replace_original=False, text=messages.SHARE_DAMAGED)
                return
            card = shared_card(reply.card, click.user.id, click.value)
            await respond(response_type="in_channel", replace_original=False, text=card.text, blocks=card.block_dicts())
            await respond(delete_original=True)
        except Exception:
            logger.exception("Failed to share a card")
            await respond(response_type="ephemeral", replace_original=False, text=messages.SORRY)

    @app.action(ids.SHARE_ACTION, middleware=[click])
    async def handle_share(ack: AsyncAck, click: BlockActions, respond: AsyncRespond) -> None:
        await ack()
        deps.tasks.spawn(share(click, respond), name="share")

    async def recommend(click: BlockActions, respond: AsyncRespond) -> None:
        choice = parse_choice(click.value)
        if choice is None:
            await respond(response_type="ephemeral", replace_original=False, text=messages.SHARE_DAMAGED)
            return
        try:
            card = recommendation_card(choice, deps.cards.calculator)
            await respond(response_type="ephemeral", replace_original=False, text=card.text, blocks=card.block_dicts())
        except Exception:
            logger.exception("Failed to build the recommendation card")
            await respond(response_type="ephemeral", replace_original=False, text=messages.SORRY)

    @app.action(CHOICE_PATTERN, middleware=[click])
    async def handle_ai_vs_ml_choice(ack: AsyncAck, click: BlockActions, respond: AsyncRespond) -> None:
        await ack()
        deps.tasks.spawn(recommend(click, respond), name="ai-vs-ml-choice")
