"""The App Home's Settings modal: who the workspace's hiring managers are (they see every debrief in full, decide,
draft offers and delete candidates' data)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from slack_sdk.models.blocks import InputBlock, PlainTextObject, UserMultiSelectElement
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import context, escape
from blocks.payloads import StateValues, state_value

MAX_MANAGERS: Final = 50


def settings_modal(managers: Sequence[str], notice: str | None = None) -> View:
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
        ],
    )


def managers_from_state(values: StateValues) -> tuple[str, ...]:
    found = state_value(values, ids.SETTINGS_MANAGERS_BLOCK, ids.SETTINGS_MANAGERS_ACTION)
    return tuple(dict.fromkeys(found.selected_users)) if found else ()
