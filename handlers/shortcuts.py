"""Global shortcuts: "Fill a scorecard" from the shortcuts menu opens the scorecard form."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import ShortcutPress
from bot.deps import Deps

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.shortcut(ids.SCORECARD_SHORTCUT)
    async def handle_scorecard_shortcut(ack: AsyncAck, shortcut: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = ShortcutPress.model_validate(shortcut)
        except ValidationError:
            logger.warning("A shortcut payload didn't parse")
            return
        await deps.scorecards.open_form(client, trigger_id=press.trigger_id, user=press.user.id)
