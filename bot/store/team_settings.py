"""A workspace's own settings, changed from the App Home's Settings modal: who the hiring managers are, where
scorecard summaries go, how long candidate data is kept, where offers are priced by default and whether Claude
answers conversational questions. One document,
``workspace-settings/current``, in the workspace's keyspace (``bot.store.workspace``); until an admin saves it,
the environment (``HIRING_MANAGERS``, ``HIRING_CHANNEL``, ``HIREBOT_RETENTION_DAYS``, ``HIREBOT_OFFER_LOCATION``;
Claude is on when ``ANTHROPIC_API_KEY`` is set) gives the values, as it does in single-workspace mode. Read at each
use, so a change applies at once; the answer path reads it in the same round trip as the conversation's history
(``AnswerService.reply``), so it is never cached in a process."""

from __future__ import annotations

import json
from typing import Final

from pydantic import BaseModel, ConfigDict, Field

from bot.config import Settings
from bot.store.documents import parse_document
from bot.store.redis_store import Store
from knowledge.identifiers import ChannelId, ChannelName, SlackUserId

TEAM_SETTINGS: Final = "workspace-settings"
CURRENT: Final = "current"
MAX_MANAGERS: Final = 50
MIN_RETENTION_DAYS: Final = 1
MAX_RETENTION_DAYS: Final = 3650


class TeamSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    hiring_managers: tuple[SlackUserId, ...] = ()
    hiring_channel: ChannelId | ChannelName | None = None
    retention_days: int | None = Field(default=None, ge=MIN_RETENTION_DAYS, le=MAX_RETENTION_DAYS)  # None: env's
    offer_location: str | None = Field(default=None, max_length=80)  # None: HIREBOT_OFFER_LOCATION
    use_claude: bool | None = None  # None: on when ANTHROPIC_API_KEY is set
    changed_by: str | None = None


class TeamSettingsRecords:
    def __init__(self, store: Store, defaults: Settings) -> None:
        self.store = store
        self.defaults = TeamSettings(
            hiring_managers=defaults.hiring_managers,
            hiring_channel=defaults.hiring_channel,
            retention_days=defaults.hirebot_retention_days,
            offer_location=defaults.hirebot_offer_location,
        )
        self.claude_available = defaults.llm_enabled  # no key, no Claude, whatever a workspace saved

    async def current(self) -> TeamSettings:
        """This workspace's settings, else the environment's. Raises ``StoreUnavailable``."""
        return await self.saved() or self.defaults

    async def saved(self) -> TeamSettings | None:
        """What an admin saved for this workspace; None before anyone did. Raises ``StoreUnavailable``."""
        return parse_document(TeamSettings, await self.store.get_document(TEAM_SETTINGS, CURRENT), TEAM_SETTINGS)

    def from_document(self, document: dict[str, object] | None) -> TeamSettings:
        """The settings a stored document (or none) gives: for callers that read it with something else."""
        return parse_document(TeamSettings, document, TEAM_SETTINGS) or self.defaults

    def uses_claude(self, settings: TeamSettings) -> bool:
        """Whether Claude answers in a workspace with ``settings``: only with a key, and then unless turned off."""
        return self.claude_available and settings.use_claude is not False

    def key(self) -> str:
        """The settings' key in the current workspace, for a caller that reads it along with other work."""
        return self.store.document_key(TEAM_SETTINGS, CURRENT)

    def from_stored(self, payload: str | None) -> TeamSettings:
        """The settings from the raw value read at ``key()`` (None: never saved)."""
        return self.from_document(None if payload is None else json.loads(payload))

    async def hiring_managers(self) -> tuple[str, ...]:
        return (await self.current()).hiring_managers

    async def save(self, settings: TeamSettings) -> None:
        await self.store.put_document(TEAM_SETTINGS, CURRENT, settings)
