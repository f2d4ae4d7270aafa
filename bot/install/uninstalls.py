"""What an uninstall or a token revocation does (``handlers.installs`` calls these once it has claimed the event).

Tokens are deleted from the installation store at once, as Bolt's built-in ``AsyncTokenRevocationListeners``
does (``slack_bolt/listener/async_builtins.py``). An uninstall also records the departure, so the hiring data is
kept for the grace period (``HIREBOT_UNINSTALL_GRACE_DAYS``) and found again on a reinstall
(``bot.store.departures``). In single-workspace mode there is no installation store: the token lives in
``SLACK_BOT_TOKEN``, so only the departure is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from bot.store.departures import Departure, Departures

Installations = AsyncInstallationStore  # None in single-workspace mode (not a ``Store``: never "unavailable")


class Uninstalls:
    def __init__(self, installations: Installations | None, departures: Departures) -> None:
        self.installations = installations
        self.departures = departures

    async def uninstalled(self, enterprise_id: str | None, team_id: str | None, now: datetime) -> Departure:
        """``team_id`` is None for an org-wide install, which is keyed by its enterprise alone."""
        if self.installations is not None:
            await self.installations.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)
        return await self.departures.left(enterprise_id, team_id, now)

    async def revoked(self, enterprise_id: str | None, team_id: str | None, users: Sequence[str], *, bot: bool) -> None:
        if self.installations is None:
            return
        for user_id in users:
            await self.installations.async_delete_installation(
                enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
            )
        if bot:
            # Bolt's built-in deletes only the bot rows; every installation row of a bot-only app like hirebot
            # carries that same bot token, so they go too.
            await self.installations.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)
