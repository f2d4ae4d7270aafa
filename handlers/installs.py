"""Uninstalls and revoked tokens: ``app_uninstalled`` (https://docs.slack.dev/reference/events/app_uninstalled) and
``tokens_revoked`` (https://docs.slack.dev/reference/events/tokens_revoked).

The workspace's tokens are deleted from the installation store at once, as Bolt's built-in
``AsyncTokenRevocationListeners`` does (``slack_bolt/listener/async_builtins.py``), after claiming the event like
every event listener here. An org-wide install is keyed by its enterprise alone, so its team is dropped first.
An uninstall also records the departure, so the hiring data is kept for the grace period
(``HIREBOT_UNINSTALL_GRACE_DAYS``) and found again on a reinstall (``bot.store.departures``). Bolt lets both
events through without an ``auth.test``: the tokens are already dead when they arrive.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext

from bot.deps import Deps
from bot.store.departures import Departures
from bot.store.redis_store import StoreUnavailable

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    departures = Departures(deps.store, timedelta(days=deps.settings.hirebot_uninstall_grace_days))

    def workspace(context: AsyncBoltContext) -> tuple[str | None, str | None]:
        team_id = None if context.is_enterprise_install else context.team_id
        return context.enterprise_id, team_id

    @app.event("app_uninstalled")
    async def handle_app_uninstalled(body: dict[str, Any], context: AsyncBoltContext) -> None:
        if not await deps.events.first(body.get("event_id")):
            return
        enterprise_id, team_id = workspace(context)
        try:
            if app.installation_store is not None:
                await app.installation_store.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)
            departure = await departures.left(enterprise_id, team_id, datetime.now(UTC))
        except StoreUnavailable:
            logger.exception("hirebot was uninstalled from %s but its tokens could not be deleted", team_id)
            return
        logger.warning(
            "hirebot was uninstalled from %s; its tokens are deleted and its hiring data is kept until %s",
            enterprise_id if team_id is None else team_id,
            departure.delete_after.date().isoformat(),
        )

    @app.event("tokens_revoked")
    async def handle_tokens_revoked(body: dict[str, Any], event: dict[str, Any], context: AsyncBoltContext) -> None:
        if not await deps.events.first(body.get("event_id")) or app.installation_store is None:
            return
        enterprise_id, team_id = workspace(context)
        revoked = event.get("tokens")
        tokens: dict[str, Any] = revoked if isinstance(revoked, dict) else {}
        users = [str(user) for user in tokens.get("oauth") or [] if isinstance(user, str)]
        try:
            for user_id in users:
                await app.installation_store.async_delete_installation(
                    enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
                )
            if tokens.get("bot"):
                # Bolt's built-in deletes only the bot rows; every installation row of a bot-only app like
                # hirebot carries that same bot token, so they go too.
                await app.installation_store.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)
        except StoreUnavailable:
            logger.exception("Slack revoked tokens in %s but they could not be deleted", team_id)
            return
        bots = len(tokens.get("bot") or [])
        logger.info("Slack revoked %d user token(s) and %d bot token(s) in %s", len(users), bots, team_id)
