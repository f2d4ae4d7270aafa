"""The ``/hire`` slash command. Cards are built in-process in microseconds, so the reply rides on the ack
itself: one HTTP response, well inside Slack's 3-second window, visible only to the person who asked. Subcommands
that need Slack itself (a form, the store, a DM) are acked at once and run by the scorecard service in a background
task (the app processes listeners before responding, see ``bot.app``)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from bot.deps import Deps
from bot.hire.router import hire_reply, slack_subcommand

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(ids.HIRE_COMMAND)
    async def handle_hire(
        ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        text = str(command.get("text") or "")
        subcommand = slack_subcommand(text)
        if subcommand is not None:
            await ack()
            args = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
            user, trigger_id = str(command.get("user_id") or ""), str(command.get("trigger_id") or "")
            runner = deps.decisions if deps.decisions.runs(subcommand.name) else deps.scorecards
            work = runner.run_subcommand(
                subcommand.name, args, user=user, trigger_id=trigger_id, client=client, respond=respond
            )
            deps.tasks.spawn(work, name=f"hire-{subcommand.name}")
            return
        try:
            reply = hire_reply(text, deps.cards)
            response = reply.card.response_json("ephemeral")
        except Exception:
            logger.exception("Failed to build the /hire card")
            await ack(response_type="ephemeral", text=messages.CARD_FAILED)
            return
        await ack(response)  # the whole response, serialised once per card (blocks.common.Card.response_json)
