"""Uninstalls and revoked tokens: ``app_uninstalled`` (https://docs.slack.dev/reference/events/app_uninstalled) and
``tokens_revoked`` (https://docs.slack.dev/reference/events/tokens_revoked), handed to ``bot.install.uninstalls``
once the event is claimed, like every event listener here. Bolt lets both through without an ``auth.test``: the
tokens are already dead when they arrive. An org-wide install is keyed by its enterprise alone, so its team is
dropped first."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext

from bot.deps import Deps
from bot.install.uninstalls import Uninstalls
from bot.store.departures import Departures
from bot.store.redis_store import StoreUnavailable

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    grace = timedelta(days=deps.settings.hirebot_uninstall_grace_days)
    uninstalls = Uninstalls(app.installation_store, Departures(deps.store.unscoped(), grace))

    def workspace(context: AsyncBoltContext) -> tuple[str | None, str | None]:
        return context.enterprise_id, None if context.is_enterprise_install else context.team_id

    @app.event("app_uninstalled")
    async def handle_app_uninstalled(body: dict[str, Any], context: AsyncBoltContext) -> None:
        if not await deps.events.first(body.get("event_id")):
            return
        enterprise_id, team_id = workspace(context)
        try:
            departure = await uninstalls.uninstalled(enterprise_id, team_id, datetime.now(UTC))
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
        if not await deps.events.first(body.get("event_id")):
            return
        enterprise_id, team_id = workspace(context)
        revoked = event.get("tokens")
        tokens: dict[str, Any] = revoked if isinstance(revoked, dict) else {}
        users = [user for user in tokens.get("oauth") or [] if isinstance(user, str)]
        bots = len(tokens.get("bot") or [])
        try:
            await uninstalls.revoked(enterprise_id, team_id, users, bot=bots > 0)
        except StoreUnavailable:
            logger.exception("Slack revoked tokens in %s but they could not be deleted", team_id)
            return
        logger.info("Slack revoked %d user token(s) and %d bot token(s) in %s", len(users), bots, team_id)
