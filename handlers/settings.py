"""The App Home's Settings button and its modal (``bot.install.settings``): an admin picks the workspace's hiring
managers and hiring channel; anyone else is told who may."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.payloads import BlockActions, ViewPayload, parse_button_press, parse_view_payload
from bot.deps import Deps
from bot.install.settings import SettingsDesk
from bot.store.workspace import Workspace
from handlers import parsed


def register(app: AsyncApp, deps: Deps) -> None:
    desk = SettingsDesk(deps.scorecards.home, app.installation_store)

    @app.action(ids.HOME_SETTINGS_ACTION, middleware=[parsed("press", parse_button_press)])
    async def handle_home_settings(
        ack: AsyncAck, press: BlockActions, client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        await ack()
        work = desk.open(
            client, trigger_id=str(press.trigger_id), user=press.user.id, workspace=Workspace.from_context(context)
        )
        deps.tasks.spawn(work, name="settings-open")

    submission = parsed("submission", parse_view_payload, errors={ids.SETTINGS_MANAGERS_BLOCK: messages.MODAL_DAMAGED})

    @app.view(ids.SETTINGS_VIEW, middleware=[submission])
    async def handle_settings_submission(
        ack: AsyncAck, submission: ViewPayload, client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        outcome = await desk.save(client, submission, Workspace.from_context(context))
        if isinstance(outcome, dict):
            await ack(response_action="errors", errors=outcome)
            return
        await ack()
        deps.tasks.spawn(desk.saved(client, submission.user.id, outcome), name="settings-saved")
