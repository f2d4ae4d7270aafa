"""The ``/hire`` slash command. Cards are built in-process in microseconds, so the reply rides on the ack
itself: one HTTP response, well inside Slack's 3-second window, visible only to the person who asked. Subcommands
that need Slack itself (a form, the store, a DM) are acked first, then run by the scorecard service."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from bot.deps import Deps
from bot.hire.registry import subcommand_named
from bot.hire.router import hire_reply
from handlers import scorecard_commands

logger = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong building that card. Please try again, or try `/hire help`."


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(ids.HIRE_COMMAND)
    async def handle_hire(
        ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        text = str(command.get("text") or "")
        subcommand = subcommand_named(text.split(maxsplit=1)[0]) if text.strip() else None
        if subcommand is not None and subcommand.needs_slack:
            await ack()
            await scorecard_commands.run(text, command=command, client=client, respond=respond, deps=deps)
            return
        try:
            reply = hire_reply(text, deps.cards)
            blocks = reply.card.block_dicts()
        except Exception:
            logger.exception("Failed to build the /hire card")
            await ack(response_type="ephemeral", text=SORRY)
            return
        await ack(response_type="ephemeral", text=reply.card.text, blocks=blocks)
