"""Global shortcuts: "Fill a scorecard" from the shortcuts menu opens the scorecard form."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import ShortcutPress
from bot.deps import Deps
from handlers import parsed


def register(app: AsyncApp, deps: Deps) -> None:
    @app.shortcut(ids.SCORECARD_SHORTCUT, middleware=[parsed("press", ShortcutPress.model_validate)])
    async def handle_scorecard_shortcut(ack: AsyncAck, press: ShortcutPress, client: AsyncWebClient) -> None:
        await ack()
        deps.tasks.spawn(
            deps.scorecards.open_form(client, trigger_id=press.trigger_id, user=press.user.id), name="shortcut"
        )
