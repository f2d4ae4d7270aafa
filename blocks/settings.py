"""The App Home's Settings modal: who the workspace's hiring managers are (they see every debrief in full, decide,
draft offers and delete candidates' data), and the hiring channel (told about each scorecard, and where offers are
shared)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from slack_sdk.models.blocks import (
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    NumberInputElement,
    PlainTextInputElement,
    PlainTextObject,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import context, escape
from blocks.payloads import StateValues, state_value, typed_text

MAX_MANAGERS: Final = 50
LOCATION_MAX: Final = 80


def settings_modal(
    managers: Sequence[str],
    channel: str | None = None,
    retention_days: int | None = None,
    offer_location: str | None = None,
    notice: str | None = None,
) -> View:
    return View(
        type="modal",
        callback_id=ids.SETTINGS_VIEW,
        title=PlainTextObject(text="hirebot settings"),
        submit=PlainTextObject(text="Save"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            *([context(f":warning: {escape(notice)}")] if notice else []),
            InputBlock(
                block_id=ids.SETTINGS_MANAGERS_BLOCK,
                label=PlainTextObject(text="Hiring managers"),
                hint=PlainTextObject(
                    text="They see every debrief in full, decide, draft offers and can change these settings. "
                    "Everyone else sees others' ratings only once they've submitted their own."
                ),
                optional=True,
                element=UserMultiSelectElement(
                    action_id=ids.SETTINGS_MANAGERS_ACTION,
                    placeholder=PlainTextObject(text="Pick people"),
                    initial_users=list(managers[:MAX_MANAGERS]) or None,
                    max_selected_items=MAX_MANAGERS,
                ),
            ),
            InputBlock(
                block_id=ids.SETTINGS_CHANNEL_BLOCK,
                label=PlainTextObject(text="Hiring channel"),
                hint=PlainTextObject(
                    text="Hears who submitted a scorecard for whom (never the ratings), and gets shared offers. "
                    "Empty: each interviewer gets their summary by DM."
                ),
                optional=True,
                element=ConversationSelectElement(
                    action_id=ids.SETTINGS_CHANNEL_ACTION,
                    placeholder=PlainTextObject(text="Pick a channel"),
                    initial_conversation=channel if channel and not channel.startswith("#") else None,
                    filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
                ),
            ),
            InputBlock(
                block_id=ids.SETTINGS_RETENTION_BLOCK,
                label=PlainTextObject(text="Keep candidate data for (days)"),
                hint=PlainTextObject(
                    text="Counted from the decision, else the last scorecard; then it is deleted as /hire forget does."
                ),
                element=NumberInputElement(
                    action_id=ids.SETTINGS_RETENTION_ACTION,
                    is_decimal_allowed=False,
                    min_value="1",
                    max_value="3650",
                    initial_value=str(retention_days) if retention_days else None,
                ),
            ),
            InputBlock(
                block_id=ids.SETTINGS_LOCATION_BLOCK,
                label=PlainTextObject(text="Default location for offers"),
                hint=PlainTextObject(
                    text="Where /hire offer prices a role unless told otherwise: a US city or 'remote'."
                ),
                optional=True,
                element=PlainTextInputElement(
                    action_id=ids.SETTINGS_LOCATION_ACTION,
                    initial_value=(offer_location or "")[:LOCATION_MAX] or None,
                    max_length=LOCATION_MAX,
                ),
            ),
        ],
    )


def managers_from_state(values: StateValues) -> tuple[str, ...]:
    found = state_value(values, ids.SETTINGS_MANAGERS_BLOCK, ids.SETTINGS_MANAGERS_ACTION)
    return tuple(dict.fromkeys(found.selected_users)) if found else ()


def channel_from_state(values: StateValues) -> str | None:
    found = state_value(values, ids.SETTINGS_CHANNEL_BLOCK, ids.SETTINGS_CHANNEL_ACTION)
    return found.selected_conversation if found else None


def retention_from_state(values: StateValues) -> str:
    return typed_text(values, ids.SETTINGS_RETENTION_BLOCK, ids.SETTINGS_RETENTION_ACTION).strip()


def location_from_state(values: StateValues) -> str | None:
    return " ".join(typed_text(values, ids.SETTINGS_LOCATION_BLOCK, ids.SETTINGS_LOCATION_ACTION).split()) or None
