"""Which workspace a single-workspace deployment's data belongs to, and moving it there on start
(``bot.store.keyspaces.migrate``; ``hirebot migrate`` runs the same move by hand).

The workspace is the one ``SLACK_BOT_TOKEN`` belongs to, as ``auth.test`` says. Without that token (an OAuth-only
deployment) nothing says which installed workspace the old data is: the start logs how to name it instead.
"""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.store.keyspaces import MIGRATED, Migration, migrate, needs_migration
from bot.store.reachable import reachable
from bot.store.redis_store import Store, StoreUnavailable
from bot.store.workspace import Workspace

logger = logging.getLogger(__name__)


async def token_workspace(client: AsyncWebClient) -> Workspace:
    """The workspace of the client's token, from ``auth.test``. Raises ``SlackApiError`` or ``aiohttp.ClientError``."""
    found = await client.auth_test()
    return Workspace.of(
        found.get("enterprise_id"), found.get("team_id"), is_enterprise_install=bool(found.get("is_enterprise_install"))
    )


async def migrated_workspace(store: Store) -> Workspace | None:
    """The workspace a finished migration moved the unscoped data into, if there was one."""
    with reachable(store):
        key = await store.redis.get(store.base_prefix + MIGRATED)
    if key is None:
        return None
    return Workspace.from_keyspace(f"w:{key.decode() if isinstance(key, bytes) else key}:")


async def migrate_on_start(settings: Settings, store: Store, client: AsyncWebClient) -> Migration | None:
    """Move unscoped data into ``SLACK_BOT_TOKEN``'s workspace if any is waiting; never raises."""
    try:
        if not store.available or not await needs_migration(store):
            return None
        if settings.slack_bot_token is None:
            logger.warning(
                "Redis holds hiring data from before workspaces; run `hirebot migrate --team T...` to give it to one"
            )
            return None
        return await migrate(store, await token_workspace(client))
    except StoreUnavailable as error:
        logger.warning("Could not check for data to migrate: %s", error)
    except (SlackApiError, aiohttp.ClientError) as error:
        logger.warning("Could not migrate: auth.test failed (%s)", type(error).__name__)
    return None
