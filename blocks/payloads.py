"""Pydantic shapes for what Slack sends back to us. Anything read from a payload goes through these,
so a tampered or truncated value becomes a ``ValidationError`` rather than a crash or an injection."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SLACK_USER_ID = r"^[UW][A-Z0-9]{2,30}$"
SLACK_CHANNEL_ID = r"^[CDG][A-Z0-9]{2,30}$"


class SlackUser(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(pattern=SLACK_USER_ID)


class ClickedButton(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action_id: str = Field(max_length=255)
    value: str = Field(default="", max_length=2000)


class ButtonClick(BaseModel):
    """A ``block_actions`` payload for one button."""

    model_config = ConfigDict(extra="ignore")

    user: SlackUser
    actions: list[ClickedButton] = Field(min_length=1)
    response_url: str | None = None

    @property
    def value(self) -> str:
        return self.actions[0].value


def parse_click(body: dict[str, Any]) -> ButtonClick:
    return ButtonClick.model_validate(body)


class MessageEvent(BaseModel):
    """A ``message`` or ``app_mention`` event; anything malformed fails validation and is ignored."""

    model_config = ConfigDict(extra="ignore")

    user: str = Field(default="", max_length=40)
    channel: str = Field(min_length=1, max_length=40)
    text: str = ""
    ts: str | None = Field(default=None, max_length=40)
    thread_ts: str | None = Field(default=None, max_length=40)
    channel_type: str | None = None
    subtype: str | None = None
    bot_id: str | None = None
    team: str | None = None

    @property
    def from_a_person(self) -> bool:
        """Plain messages written by a person: no edits, deletions, joins, bot posts or app messages."""
        return not self.subtype and not self.bot_id and bool(self.user)


def parse_message_event(event: dict[str, Any]) -> MessageEvent | None:
    try:
        return MessageEvent.model_validate(event)
    except ValidationError:
        return None
