"""The App Home's "Cancel" button on a reminder; ``/hire remind`` itself comes in through ``handlers.commands``.
The use cases are ``bot.scorecards.reminding``'s."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.payloads import BlockActions, parse_button_press
from blocks.scorecard_values import ReminderRef
from bot.deps import Deps
from handlers import parsed


def _reminder(body: dict[str, Any]) -> ReminderRef:
    return ReminderRef.parse(parse_button_press(body).value)


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.CANCEL_REMINDER_ACTION, middleware=[parsed("press", parse_button_press), parsed("ref", _reminder)])
    async def handle_cancel_reminder(
        ack: AsyncAck, press: BlockActions, ref: ReminderRef, client: AsyncWebClient
    ) -> None:
        await ack()
        work = deps.scorecards.cancel_reminder(client, user=press.user.id, reminder=ref.reminder)
        deps.tasks.spawn(work, name="cancel-reminder")
