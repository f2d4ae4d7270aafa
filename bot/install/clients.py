"""The Web API client for a workspace when no request brought one: the outbox's sweeper and the retention sweep
post and update messages in every workspace, each with that workspace's own bot token.

In single-workspace mode that is the process's client (``SLACK_BOT_TOKEN``). With OAuth it is the latest bot
token the installation store holds for the workspace, on the process's session and retry handlers; a workspace
with no installation (uninstalled, its data in its grace period) has none. An expiring token is refreshed by
Bolt's ``authorize`` when a request comes in; one that expired since is refused by Slack, and the post waits.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.install.uninstalls import Installations
from bot.store.installations import RedisInstallationStore
from bot.store.redis_store import Store
from bot.store.workspace import Workspace

logger = logging.getLogger(__name__)

ClientFor = Callable[[Workspace], Awaitable[AsyncWebClient | None]]


class WorkspaceClients:
    def __init__(self, client: AsyncWebClient, installations: Installations | None) -> None:
        self.client = client
        self.installations = installations

    @classmethod
    def build(cls, settings: Settings, store: Store, client: AsyncWebClient) -> WorkspaceClients:
        if not settings.oauth_enabled or settings.slack_client_id is None:
            return cls(client, None)
        return cls(client, RedisInstallationStore(store.unscoped(), settings.slack_client_id))

    async def for_workspace(self, workspace: Workspace) -> AsyncWebClient | None:
        if self.installations is None:
            return self.client
        bot = await self.installations.async_find_bot(
            enterprise_id=workspace.enterprise_id,
            team_id=workspace.team_id,
            is_enterprise_install=workspace.team_id is None,
        )
        if bot is None or not bot.bot_token:
            logger.info("No bot token for %s: its waiting work stays until it installs again", workspace)
            return None
        return AsyncWebClient(
            token=bot.bot_token,
            base_url=self.client.base_url,
            session=self.client.session,
            timeout=self.client.timeout,
            retry_handlers=self.client.retry_handlers,
        )
