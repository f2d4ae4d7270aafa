"""Global shortcuts: "Fill a scorecard" from the shortcuts menu opens the scorecard form."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import SlackUser
from bot.deps import Deps
from bot.scorecards.delivery import tell
from handlers.scorecards import COULD_NOT_OPEN, open_scorecard

logger = logging.getLogger(__name__)


class ShortcutPress(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    user: SlackUser
    trigger_id: str = Field(min_length=1, max_length=255)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.shortcut(ids.SCORECARD_SHORTCUT)
    async def handle_scorecard_shortcut(ack: AsyncAck, shortcut: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = ShortcutPress.model_validate(shortcut)
        except ValidationError:
            logger.warning("A shortcut payload didn't parse")
            return
        user = press.user.id
        try:
            await open_scorecard(client, deps, trigger_id=press.trigger_id, user=user)
        except Exception:
            logger.exception("Could not open the scorecard form from the shortcut")
            await tell(client, user, COULD_NOT_OPEN)
