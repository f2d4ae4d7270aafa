"""The workspace's settings from the App Home (``handlers.settings``): who may change them, opening the modal,
and saving what an admin chose (``bot.store.team_settings``). The blind rule and every manager-only command read
the saved hiring managers at each use, so a change applies to the next request, on every replica, no restart.

"Admin" is whoever installed hirebot in the workspace (its installation's ``user_id``; none in single-workspace
mode) plus the hiring managers the settings name (the environment's ``HIRING_MANAGERS`` until saved).
"""

from __future__ import annotations

import logging

from pydantic import ValidationError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.payloads import ViewPayload
from blocks.settings import (
    channel_from_state,
    claude_from_state,
    location_from_state,
    managers_from_state,
    retention_from_state,
    settings_modal,
)
from bot.install.uninstalls import Installations
from bot.scorecards.home import HomePublisher
from bot.store.redis_store import StoreUnavailable
from bot.store.team_settings import TeamSettings, TeamSettingsRecords
from bot.store.workspace import Workspace

logger = logging.getLogger(__name__)


class SettingsDesk:
    def __init__(self, home: HomePublisher, installations: Installations | None) -> None:
        self.home = home
        self.team: TeamSettingsRecords = home.team
        self.installations = installations

    async def is_admin(self, user: str, workspace: Workspace) -> bool:
        """Raises ``StoreUnavailable``."""
        if user in await self.team.hiring_managers():
            return True
        if self.installations is None:
            return False
        installation = await self.installations.async_find_installation(
            enterprise_id=workspace.enterprise_id,
            team_id=workspace.team_id,
            is_enterprise_install=workspace.team_id is None,
        )
        return installation is not None and installation.user_id == user

    async def open(self, client: AsyncWebClient, *, trigger_id: str, user: str, workspace: Workspace) -> None:
        """The modal for an admin; anyone else's Home says who may. Never raises."""
        try:
            if not await self.is_admin(user, workspace):
                await self.home.publish(client, user, notice=messages.SETTINGS_ADMINS_ONLY)
                return
            current = await self.team.current()
            days = current.retention_days or self.team.defaults.retention_days
            location = current.offer_location or self.team.defaults.offer_location
            claude = self.team.uses_claude(current) if self.team.claude_available else None
            view = settings_modal(current.hiring_managers, current.hiring_channel, days, location, claude)
            await client.views_open(trigger_id=trigger_id, view=view)
        except StoreUnavailable as error:
            logger.warning("Settings not opened: %s", error)
            await self.home.publish(client, user, notice=messages.STORE_DOWN_EDIT)
        except Exception:
            logger.exception("Could not open the settings")
            await self.home.publish(client, user, notice=messages.COULD_NOT_OPEN)

    async def save(
        self, client: AsyncWebClient, payload: ViewPayload, workspace: Workspace
    ) -> TeamSettings | dict[str, str]:
        """The settings saved, or the errors to show in the modal (it stays open). A newly chosen hiring channel is
        checked first by posting in it what it is now for: a channel hirebot can't post in is refused inline.
        Never raises."""
        user = payload.user.id
        try:
            if not await self.is_admin(user, workspace):
                return {ids.SETTINGS_MANAGERS_BLOCK: messages.SETTINGS_ADMINS_ONLY}
            current = await self.team.current()
            values = payload.view.state.values
            days = retention_from_state(values)
            try:
                retention = TeamSettings(retention_days=int(days)).retention_days if days else None
            except ValueError:  # not a number, or out of range (pydantic's ValidationError is a ValueError)
                return {ids.SETTINGS_RETENTION_BLOCK: messages.SETTINGS_RETENTION_INVALID}
            chosen = TeamSettings(
                hiring_managers=managers_from_state(values),
                hiring_channel=channel_from_state(values),
                retention_days=retention,
                offer_location=location_from_state(values),
                use_claude=_claude_choice(claude_from_state(values), current.use_claude),
                changed_by=user,
            )
            if chosen.hiring_channel and chosen.hiring_channel != current.hiring_channel:
                refused = await _cannot_post(client, chosen.hiring_channel, user)
                if refused is not None:
                    return {ids.SETTINGS_CHANNEL_BLOCK: messages.SETTINGS_CHANNEL_REFUSED.format(reason=refused)}
            await self.team.save(chosen)
        except ValidationError:
            return {ids.SETTINGS_MANAGERS_BLOCK: messages.MODAL_DAMAGED}
        except StoreUnavailable as error:
            logger.warning("Settings not saved, the modal stays open: %s", error)
            return {ids.SETTINGS_MANAGERS_BLOCK: messages.SETTINGS_NOT_SAVED}
        logger.info("%s's hiring managers were changed", workspace)
        return chosen

    async def saved(self, client: AsyncWebClient, user: str, chosen: TeamSettings) -> None:
        """After the ack: the admin's Home again, saying what is set now. Never raises."""
        await self.home.publish(client, user, notice=messages.SETTINGS_SAVED.format(count=len(chosen.hiring_managers)))


def _claude_choice(chosen: bool | None, saved: bool | None) -> bool | None:
    """What the modal chose; a modal that offered no choice (hirebot had no Anthropic key) keeps what was saved,
    so adding a key later gives each workspace what it had, or the default (on)."""
    return saved if chosen is None else chosen


async def _cannot_post(client: AsyncWebClient, channel: str, user: str) -> str | None:
    """Why hirebot can't post in ``channel`` (Slack's error), or None once it has posted there what it is for."""
    try:
        await client.chat_postMessage(channel=channel, text=messages.SETTINGS_CHANNEL_HELLO.format(user=user))
    except SlackApiError as error:
        return str(error.response.get("error") or "refused")
    return None
