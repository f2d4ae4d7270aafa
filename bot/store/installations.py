"""Slack installations (bot and installer tokens) in hirebot's Redis, for Bolt's OAuth flow and ``authorize``.

slack_sdk ships no Redis store, so this one implements ``AsyncInstallationStore``
(``slack_sdk/oauth/installation_store/async_installation_store.py``) with the semantics of its SQLAlchemy store
(``slack_sdk/oauth/installation_store/sqlalchemy/__init__.py``, ``AsyncSQLAlchemyInstallationStore``):

- a row per (client id, enterprise, team, ``installed_at``), in two "tables": bots and installations. Saving an
  installation saves its bot too; saving again with the same ``installed_at`` (token rotation re-saves what it
  refreshed) replaces that row rather than adding one.
- ``find_*`` return the row with the latest ``installed_at`` for the enterprise and team (and the user, when one
  is given); ``find_bot`` only among rows that have a bot token. When the installation found is a user's, or has
  no bot token, the latest bot's token is put in it (bolt-python#664, as the SQLAlchemy store does).
- an org-wide (Enterprise Grid) install has no team: it is keyed by the enterprise id alone, and a lookup with
  ``is_enterprise_install`` ignores the team it is given.
- ``delete_bot`` / ``delete_installation`` remove every row for the enterprise and team (or the user's rows).

Rows are documents of the ``Store`` (``doc:slack-bot:…``, ``doc:slack-installation:…``), listed in an index per
enterprise and team (and per user), so nothing is found by scanning. Tokens are never logged.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.store.redis_store import Store

BOTS: Final = "slack-bot"
INSTALLATIONS: Final = "slack-installation"
NONE: Final = "none"
MAX_ROWS_READ: Final = 100  # rows per workspace: one per install or reinstall, so a handful in practice


def _scope(client_id: str, enterprise_id: str | None, team_id: str | None) -> str:
    return f"{client_id}:{enterprise_id or NONE}:{team_id or NONE}"


def _row_fields(entity: Installation | Bot) -> dict[str, Any]:
    """What ``Installation(**row)`` / ``Bot(**row)`` read back: slack_sdk's copying dict, with the timestamps as
    numbers so a row read and saved again (token rotation) keeps its exact ``installed_at`` and so its row."""
    row = entity.to_dict_for_copying()
    row["installed_at"] = entity.installed_at
    row["bot_token_expires_at"] = entity.bot_token_expires_at
    if isinstance(entity, Installation):
        row["user_token_expires_at"] = entity.user_token_expires_at
    return row


class RedisInstallationStore(AsyncInstallationStore):
    """``client_id`` separates two Slack apps sharing one Redis, like the SQLAlchemy store's ``client_id`` column."""

    def __init__(self, store: Store, client_id: str, logger: logging.Logger | None = None) -> None:
        self.store = store
        self.client_id = client_id
        self._logger = logger or logging.getLogger(__name__)

    @property
    def logger(self) -> logging.Logger:
        return self._logger

    # ---- save

    async def async_save(self, installation: Installation) -> None:
        scope = _scope(self.client_id, installation.enterprise_id, installation.team_id)
        indexes = [scope, f"{scope}:user:{installation.user_id or NONE}"]
        doc_id = f"{scope}:{installation.installed_at!r}"
        await self.store.put_document(INSTALLATIONS, doc_id, _row_fields(installation), indexes=indexes)
        await self.async_save_bot(installation.to_bot())

    async def async_save_bot(self, bot: Bot) -> None:
        if bot.bot_token is None:  # a user-only install: the SQLAlchemy store's find_bot skips such rows
            return
        scope = _scope(self.client_id, bot.enterprise_id, bot.team_id)
        await self.store.put_document(BOTS, f"{scope}:{bot.installed_at!r}", _row_fields(bot), indexes=[scope])

    # ---- find

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        if is_enterprise_install or team_id is None:
            team_id = None
        rows = await self._rows(BOTS, _scope(self.client_id, enterprise_id, team_id))
        latest = _latest(row for row in rows if row.get("bot_token") is not None)
        return None if latest is None else Bot(**latest)

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        if is_enterprise_install or team_id is None:
            team_id = None
        scope = _scope(self.client_id, enterprise_id, team_id)
        latest = _latest(await self._rows(INSTALLATIONS, scope if user_id is None else f"{scope}:user:{user_id}"))
        if latest is None:
            return None
        installation = Installation(**latest)
        if user_id is not None or installation.bot_token is None:
            bot = await self.async_find_bot(
                enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
            )
            if bot is not None and installation.bot_token != bot.bot_token:
                installation.bot_id = bot.bot_id
                installation.bot_user_id = bot.bot_user_id
                installation.bot_token = bot.bot_token
                installation.bot_scopes = bot.bot_scopes
                installation.bot_refresh_token = bot.bot_refresh_token
                installation.bot_token_expires_at = bot.bot_token_expires_at
        return installation

    # ---- delete

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        scope = _scope(self.client_id, enterprise_id, team_id)
        for doc_id in await self.store.index_members(BOTS, scope):
            await self.store.delete_document(BOTS, doc_id, indexes=[scope])

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        scope = _scope(self.client_id, enterprise_id, team_id)
        listed = scope if user_id is None else f"{scope}:user:{user_id}"
        for doc_id in await self.store.index_members(INSTALLATIONS, listed):
            row = await self.store.get_document(INSTALLATIONS, doc_id) or {}
            indexes = {listed, scope, f"{scope}:user:{row.get('user_id') or NONE}"}
            await self.store.delete_document(INSTALLATIONS, doc_id, indexes=indexes)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        await self.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id)

    async def _rows(self, kind: str, index: str) -> list[dict[str, Any]]:
        doc_ids = await self.store.index_members(kind, index, limit=MAX_ROWS_READ)
        return await self.store.get_documents(kind, doc_ids)


def _latest(rows: Any) -> dict[str, Any] | None:
    """The row with the latest ``installed_at``: the SQLAlchemy store's ``ORDER BY installed_at DESC LIMIT 1``."""
    return max(rows, key=lambda row: float(row.get("installed_at") or 0), default=None)
