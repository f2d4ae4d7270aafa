"""The scorecard subcommands of ``/hire`` (``scorecard``, ``debrief``, ``remind``). Unlike the other subcommands
they need the store, the Web API and a ``trigger_id``, so ``handlers.commands`` hands them here after acking
instead of to the pure card router."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks.common import unescape
from bot.deps import Deps
from bot.hire.registry import SLACK_ONLY, subcommand_named
from bot.scorecards.delivery import SORRY
from handlers.debrief import run_debrief
from handlers.reminders import run_remind
from handlers.scorecards import COULD_NOT_OPEN, open_scorecard

logger = logging.getLogger(__name__)


def subcommand_of(text: str) -> str | None:
    """``"scorecard"`` for ``"Scorecard Ada Lovelace"``; None for anything the card router answers."""
    word = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    subcommand = subcommand_named(word)
    return subcommand.name if subcommand is not None and subcommand.name in SLACK_ONLY else None


async def run(text: str, *, command: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond, deps: Deps) -> None:
    """Run an already acked scorecard subcommand; failures are logged and told to the user in plain words."""
    subcommand = subcommand_of(text)
    args = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
    user = str(command.get("user_id") or "")
    try:
        if subcommand == "scorecard":
            try:
                await open_scorecard(
                    client, deps, trigger_id=str(command.get("trigger_id") or ""), user=user, candidate=unescape(args)
                )
            except Exception:
                logger.exception("Could not open the scorecard form")
                await respond(response_type="ephemeral", text=COULD_NOT_OPEN)
        elif subcommand == "debrief":
            await run_debrief(args, reader=user, respond=respond, deps=deps)
        elif subcommand == "remind":
            await run_remind(args, requester=user, client=client, respond=respond, deps=deps)
    except Exception:
        logger.exception("/hire %s failed", subcommand)
        await respond(response_type="ephemeral", text=SORRY)
