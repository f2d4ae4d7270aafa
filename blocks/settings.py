"""The App Home's Settings modal: who the workspace's hiring managers are (they see every debrief in full, decide,
draft offers and delete candidates' data), the hiring channel (told about each scorecard, and where offers are
shared), how long candidate data is kept, where offers are priced, and whether Claude answers (a choice only when
hirebot has an Anthropic key; without one the modal says so instead)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from slack_sdk.models.blocks import (
    Block,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from blocks import ids, messages
from blocks.common import context, escape
from blocks.payloads import StateValues, state_value, typed_text

MAX_MANAGERS: Final = 50
LOCATION_MAX: Final = 80
CLAUDE_ON: Final = "on"
CLAUDE_OFF: Final = "off"
CLAUDE_OPTIONS: Final = (
    Option(
        value=CLAUDE_ON,
        text="Claude answers",
        description="Conversational answers from Claude; every figure still comes from the pay calculator.",
    ),
    Option(value=CLAUDE_OFF, text="The guide alone", description="No question is sent to Anthropic."),
)


def settings_modal(
    managers: Sequence[str],
    channel: str | None = None,
    retention_days: int | None = None,
    offer_location: str | None = None,
    use_claude: bool | None = None,
    notice: str | None = None,
) -> View:
    """``use_claude`` is None when hirebot has no Anthropic key: the modal then says Claude is unavailable rather
    than offer a choice that would do nothing."""
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
            claude_block(use_claude),
        ],
    )


def claude_block(use_claude: bool | None) -> Block:
    """Radio buttons whose ``initial_option`` is one of its ``options``, as Slack requires; a submission carries the
    choice as ``selected_option`` (docs.slack.dev/reference/block-kit/block-elements/radio-button-group-element)."""
    if use_claude is None:
        return context(messages.SETTINGS_CLAUDE_UNAVAILABLE)
    on, off = CLAUDE_OPTIONS
    return InputBlock(
        block_id=ids.SETTINGS_CLAUDE_BLOCK,
        label=PlainTextObject(text="Answers to questions"),
        element=RadioButtonsElement(
            action_id=ids.SETTINGS_CLAUDE_ACTION, options=list(CLAUDE_OPTIONS), initial_option=on if use_claude else off
        ),
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


def claude_from_state(values: StateValues) -> bool | None:
    """The choice made; None when the modal offered none (no Anthropic key)."""
    found = state_value(values, ids.SETTINGS_CLAUDE_BLOCK, ids.SETTINGS_CLAUDE_ACTION)
    if found is None or found.selected_option is None:
        return None
    return found.selected_option.value == CLAUDE_ON
