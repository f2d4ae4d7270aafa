"""Workspaces' keyspaces as wholes (``bot.store.workspace``): which workspaces have data, deleting one's data
after its grace period, and moving a single-workspace deployment's unscoped data into its workspace.

``migrate`` is the one-time move behind ``hirebot migrate`` (also run on start when ``needs_migration``): every
unscoped key of hiring data (``{prefix}doc:…``, ``index:…``, ``history:…``, ``once:…``, ``count:…``, ``tally:…``
and the ``audit`` stream) is renamed to the same key in the workspace's keyspace with ``RENAMENX``, which keeps
its TTL and never overwrites. Records that belong to no workspace (installations, OAuth states, departures)
stay. A run that stops half-way is resumed by the next, which finds only what is left; a key whose new name is
already taken is left where it is and counted. Done, it writes ``{prefix}migrated`` (the workspace's key), so
later starts skip the scan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

import redis.exceptions

from bot.store.departures import DEPARTURE
from bot.store.installations import BOTS, INSTALLATIONS
from bot.store.oauth_state import OAUTH_STATE
from bot.store.reachable import reachable
from bot.store.redis_store import Store
from bot.store.workspace import SECTION, Workspace

logger = logging.getLogger(__name__)

DATA_SECTIONS: Final = frozenset({"history", "once", "doc", "index", "count", "tally"})
STREAMS: Final = frozenset({"audit"})
UNSCOPED_KINDS: Final = frozenset({BOTS, INSTALLATIONS, OAUTH_STATE, DEPARTURE})
MIGRATED: Final = "migrated"
SCAN_BATCH: Final = 1000
DELETE_BATCH: Final = 500


@dataclass(frozen=True, slots=True)
class Migration:
    workspace: Workspace
    moved: int
    left: int  # keys whose name in the workspace was already taken


def is_workspace_data(rest: str) -> bool:
    """Whether an unscoped key (minus the prefix) holds hiring data that belongs in a workspace."""
    section, _, tail = rest.partition(":")
    if rest in STREAMS:
        return True
    if section not in DATA_SECTIONS:
        return False
    return not (section in ("doc", "index") and tail.partition(":")[0] in UNSCOPED_KINDS)


async def workspaces(store: Store) -> list[Workspace]:
    """Every workspace with an index in the store (every kind of record hirebot lists is indexed)."""
    base = store.base_prefix
    found: set[Workspace] = set()
    with reachable(store):
        async for raw in store.redis.scan_iter(match=f"{base}{SECTION}:*:*:index:*", count=SCAN_BATCH):
            workspace = Workspace.from_keyspace(_text(raw)[len(base) :])
            if workspace is not None:
                found.add(workspace)
    return sorted(found, key=lambda workspace: workspace.key)


async def purge(store: Store, workspace: Workspace) -> int:
    """Delete every key of ``workspace``'s data; how many there were."""
    pattern = f"{store.base_prefix}{workspace.keyspace}*"  # the key's parts are percent-encoded: no glob in them
    deleted = 0
    with reachable(store):
        batch: list[str] = []
        async for raw in store.redis.scan_iter(match=pattern, count=SCAN_BATCH):
            batch.append(_text(raw))
            if len(batch) >= DELETE_BATCH:
                deleted += await store.redis.unlink(*batch)
                batch = []
        if batch:
            deleted += await store.redis.unlink(*batch)
    return deleted


async def needs_migration(store: Store) -> bool:
    """Whether unscoped hiring data is waiting to be moved and no migration has finished."""
    base = store.base_prefix
    with reachable(store):
        if await store.redis.exists(base + MIGRATED):
            return False
        async for raw in store.redis.scan_iter(match=f"{base}*", count=SCAN_BATCH):
            if is_workspace_data(_text(raw)[len(base) :]):
                return True
    return False


async def migrate(store: Store, workspace: Workspace) -> Migration:
    """Move the unscoped hiring data into ``workspace``'s keyspace (see the module docstring)."""
    base = store.base_prefix
    moved = left = 0
    with reachable(store):
        keys = [_text(raw) async for raw in store.redis.scan_iter(match=f"{base}*", count=SCAN_BATCH)]
        for key in keys:
            rest = key[len(base) :]
            if not is_workspace_data(rest):
                continue
            try:
                renamed = await store.redis.renamenx(key, base + workspace.keyspace + rest)
            except redis.exceptions.ResponseError:  # gone since the scan: expired, or moved by another replica
                continue
            if renamed:
                moved += 1
            else:
                left += 1
                logger.warning("Not migrated: %s already has a record named like %s", workspace, rest[:80])
        await store.redis.set(base + MIGRATED, workspace.key)
    logger.info("Migrated %d record(s) into workspace %s (%d left where they were)", moved, workspace, left)
    return Migration(workspace=workspace, moved=moved, left=left)


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
