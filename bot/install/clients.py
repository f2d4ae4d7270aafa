"""The Web API client for a workspace when no request brought one: the outbox's sweeper and the retention sweep
post, update and unschedule messages in every workspace, each with that workspace's own bot token.

In single-workspace mode that is the process's client (``SLACK_BOT_TOKEN``). With OAuth it is the latest bot
token the installation store holds for the workspace, on the process's session and retry handlers; a workspace
with no installation (uninstalled, its data in its grace period) has none.

With token rotation (https://docs.slack.dev/authentication/using-token-rotation) an installation has a refresh
token and an expiry. Bolt's ``authorize`` refreshes it when a request comes in; work outside a request does what
it does (``slack_bolt/authorization/async_authorize.py``, ``_rotate_and_save_tokens_if_necessary``): slack_sdk's
``AsyncTokenRotator`` (``slack_sdk/oauth/token_rotation/async_rotator.py``) exchanges the refresh token at
``oauth.v2.access`` with ``grant_type=refresh_token`` when the token expires within Bolt's default two hours, the
rotated installation is saved back to the store, and the new token is used. Slack retires the old token (and its
refresh token) on a refresh, so when another replica refreshed first this one finds that replica's token in the
store instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Final

import aiohttp
from slack_sdk.errors import SlackApiError, SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.install.uninstalls import Installations
from bot.store.installations import RedisInstallationStore
from bot.store.redis_store import Store
from bot.store.workspace import Workspace

logger = logging.getLogger(__name__)

ClientFor = Callable[[Workspace], Awaitable[AsyncWebClient | None]]
MINUTES_BEFORE_EXPIRATION: Final = 120  # AsyncInstallationStoreAuthorize's token_rotation_expiration_minutes default


class WorkspaceClients:
    def __init__(
        self, client: AsyncWebClient, installations: Installations | None, rotator: AsyncTokenRotator | None = None
    ) -> None:
        self.client = client
        self.installations = installations
        self.rotator = rotator

    @classmethod
    def build(cls, settings: Settings, store: Store, client: AsyncWebClient) -> WorkspaceClients:
        if not settings.oauth_enabled or settings.slack_client_id is None or settings.slack_client_secret is None:
            return cls(client, None)
        # oauth.v2.access answers with tokens and slack_sdk logs response bodies at DEBUG: this client's logger
        # never logs below INFO (as the install flow's, ``bot.install.oauth``), and it never retries a refresh.
        quiet = logging.getLogger("hirebot.install.slack_api")
        quiet.setLevel(logging.INFO)
        refresher = AsyncWebClient(base_url=client.base_url, session=client.session, retry_handlers=[], logger=quiet)
        rotator = AsyncTokenRotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            client=refresher,
        )
        return cls(client, RedisInstallationStore(store.unscoped(), settings.slack_client_id), rotator)

    async def for_workspace(self, workspace: Workspace) -> AsyncWebClient | None:
        if self.installations is None:
            return self.client
        token = await self._bot_token(workspace)
        if token is None:
            logger.info("No bot token for %s: its waiting work stays until it installs again", workspace)
            return None
        return AsyncWebClient(
            token=token,
            base_url=self.client.base_url,
            session=self.client.session,
            timeout=self.client.timeout,
            retry_handlers=self.client.retry_handlers,
        )

    async def installed(self, workspace: Workspace) -> bool:
        """Whether ``for_workspace`` would find a bot token, without refreshing one (a dry run's question)."""
        if self.installations is None:
            return True
        bot = await self._bot(workspace)
        return bot is not None and bool(bot.bot_token)

    async def _bot_token(self, workspace: Workspace) -> str | None:
        """The workspace's bot token, refreshed first when it rotates and is about to expire; None when it has no
        installation, or its expiring token could not be refreshed (then its work waits for the next sweep)."""
        installation = await self._installation(workspace)
        if installation is None or not installation.bot_token:
            bot = await self._bot(workspace)
            return bot.bot_token if bot is not None else None  # a bot row alone: used as it is, as before
        if installation.bot_refresh_token is None or installation.bot_token_expires_at is None:
            return installation.bot_token  # no token rotation: it never expires
        if self.rotator is None:
            return installation.bot_token
        try:
            rotated = await self.rotator.perform_token_rotation(
                installation=installation, minutes_before_expiration=MINUTES_BEFORE_EXPIRATION
            )
        except (SlackTokenRotationError, SlackApiError, aiohttp.ClientError, TimeoutError) as error:
            return await self._refreshed_elsewhere(workspace, error)
        if rotated is None:
            return installation.bot_token  # not expiring yet
        assert self.installations is not None
        await self.installations.async_save(rotated)
        logger.info("Refreshed %s's expiring bot token", workspace)
        return rotated.bot_token

    async def _refreshed_elsewhere(self, workspace: Workspace, error: Exception) -> str | None:
        """After a refresh Slack refused: another replica's refresh, if it saved a token that is still good."""
        again = await self._installation(workspace)
        expires_at = again.bot_token_expires_at if again is not None else None
        if again is not None and again.bot_token and expires_at is not None and expires_at > time.time() + 60:
            return again.bot_token
        reason = error.api_error.response.get("error") if isinstance(error, SlackTokenRotationError) else error
        logger.warning("Could not refresh %s's expiring bot token (%s): its work waits", workspace, reason)
        return None

    async def _installation(self, workspace: Workspace) -> Installation | None:
        assert self.installations is not None
        return await self.installations.async_find_installation(
            enterprise_id=workspace.enterprise_id,
            team_id=workspace.team_id,
            is_enterprise_install=workspace.team_id is None,
        )

    async def _bot(self, workspace: Workspace) -> Bot | None:
        assert self.installations is not None
        return await self.installations.async_find_bot(
            enterprise_id=workspace.enterprise_id,
            team_id=workspace.team_id,
            is_enterprise_install=workspace.team_id is None,
        )
