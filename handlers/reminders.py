"""The App Home's "Cancel" button on a reminder; ``/hire remind`` itself comes in through ``handlers.commands``.
The use cases are ``bot.scorecards.reminding``'s."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import parse_block_actions
from blocks.scorecard_values import ReminderRef
from bot.deps import Deps

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.CANCEL_REMINDER_ACTION)
    async def handle_cancel_reminder(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = parse_block_actions(body, require_trigger=True)
            ref = ReminderRef.parse(press.value)
        except ValidationError:
            logger.warning("A Cancel reminder press didn't parse")
            return
        await deps.scorecards.cancel_reminder(client, user=press.user.id, reminder=ref.reminder)
