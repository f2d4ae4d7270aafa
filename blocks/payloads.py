"""Pydantic shapes for what Slack sends back to us. Anything read from a payload goes through these,
so a tampered or truncated value becomes a ``ValidationError`` rather than a crash or an injection."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.identifiers import SlackUserId

MAX_TYPED: Final = 20_000
PRIVATE_METADATA_LIMIT: Final = 3000


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SlackUser(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: SlackUserId


class ClickedButton(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action_id: str = Field(max_length=255)
    value: str = Field(default="", max_length=2000)


class BlockActions(BaseModel):
    """A ``block_actions`` payload for one button: who pressed it and the button's value, with the trigger to
    open a modal with and the URL to reply to when Slack sends them."""

    model_config = ConfigDict(extra="ignore")

    user: SlackUser
    actions: list[ClickedButton] = Field(min_length=1, max_length=5)
    trigger_id: str | None = Field(default=None, min_length=1, max_length=255)
    response_url: str | None = None

    @property
    def value(self) -> str:
        return self.actions[0].value


def parse_block_actions(body: dict[str, Any], *, require_trigger: bool = False) -> BlockActions:
    """The payload; with ``require_trigger``, one without a ``trigger_id`` is refused like any malformed payload."""
    actions = BlockActions.model_validate(body)
    if require_trigger and actions.trigger_id is None:
        raise ValidationError.from_exception_data(
            BlockActions.__name__, [{"type": "missing", "loc": ("trigger_id",), "input": body}]
        )
    return actions


def parse_button_press(body: dict[str, Any]) -> BlockActions:
    """A button that opens a modal: its payload must carry the ``trigger_id`` to open it with."""
    return parse_block_actions(body, require_trigger=True)


class ShortcutPress(_Lenient):
    """A global shortcut: who used it, and the trigger to open a modal with."""

    user: SlackUser
    trigger_id: str = Field(min_length=1, max_length=255)


class HomeOpened(_Lenient):
    """An ``app_home_opened`` event: whose Home, which tab, and (for the Messages tab) the DM's channel."""

    user: SlackUserId
    tab: str = Field(default="home", max_length=32)
    channel: str | None = Field(default=None, max_length=40)


class ViewedEntity(_Lenient):
    type: str = Field(max_length=80)  # e.g. "slack#/types/channel_id"
    value: str | dict[str, str]  # an id, or {"channel_id", "message_ts"} for a message
    team_id: str | None = Field(default=None, max_length=40)

    @property
    def id(self) -> str:
        return (self.value.get("channel_id") or "") if isinstance(self.value, dict) else self.value


class ContextChanged(_Lenient):
    """An ``app_context_changed`` event: who, and what they now look at, most relevant first (none: nothing in
    particular). https://docs.slack.dev/reference/events/app_context_changed"""

    user: SlackUserId
    entities: tuple[ViewedEntity, ...] = ()

    @classmethod
    def of(cls, body: dict[str, Any]) -> ContextChanged:
        """From the whole event body: the docs' own example names the person only in ``authorizations``."""
        event: dict[str, Any] = body["event"] if isinstance(body.get("event"), dict) else {}
        context: dict[str, Any] = event["context"] if isinstance(event.get("context"), dict) else {}
        authorizations: list[Any] = body["authorizations"] if isinstance(body.get("authorizations"), list) else []
        people = [a for a in authorizations if isinstance(a, dict) and a.get("is_bot") is False]
        user = event.get("user") or (people[0].get("user_id") if people else None)
        return cls.model_validate({"user": user, "entities": context.get("entities") or ()})


class SelectedOption(_Lenient):
    value: str = Field(max_length=150)


class StateValue(_Lenient):
    type: str = Field(default="", max_length=64)
    value: str | None = Field(default=None, max_length=MAX_TYPED)
    selected_option: SelectedOption | None = None
    selected_options: list[SelectedOption] = Field(default_factory=list, max_length=50)
    selected_users: list[str] = Field(default_factory=list, max_length=100)
    selected_conversation: str | None = Field(default=None, max_length=64)


StateValues = dict[str, dict[str, StateValue]]


class ViewState(_Lenient):
    values: StateValues = Field(default_factory=dict, max_length=100)


class BlockRef(_Lenient):
    block_id: str | None = Field(default=None, max_length=255)


class SlackView(_Lenient):
    id: str = Field(min_length=1, max_length=64)
    hash: str | None = Field(default=None, max_length=128)
    callback_id: str = Field(default="", max_length=255)
    private_metadata: str = Field(default="", max_length=PRIVATE_METADATA_LIMIT)
    state: ViewState = Field(default_factory=ViewState)
    blocks: list[BlockRef] = Field(default_factory=list, max_length=100)

    @property
    def block_ids(self) -> set[str]:
        return {block.block_id for block in self.blocks if block.block_id}


class ViewPayload(_Lenient):
    """A ``view_submission``, or a ``block_actions`` from inside a modal."""

    user: SlackUser
    view: SlackView
    trigger_id: str | None = Field(default=None, max_length=255)


def parse_view_payload(body: dict[str, Any]) -> ViewPayload:
    return ViewPayload.model_validate(body)


def state_value(values: StateValues, block_id: str, action_id: str) -> StateValue | None:
    return values.get(block_id, {}).get(action_id)


def typed_text(values: StateValues, block_id: str, action_id: str) -> str:
    """What was typed into a text input; empty if nothing was."""
    found = state_value(values, block_id, action_id)
    return (found.value or "") if found else ""


# The message policy, in one place: which message events hirebot answers, and why. Anything not answered gets no
# reply at all. Subtypes as Slack documents them: https://docs.slack.dev/reference/events/message (and
# @slack/types events/message.ts, which lists every subtype a ``message`` event can carry).
SLACKBOT_USER_ID: Final = "USLACKBOT"
ANSWERED_SUBTYPES: Final[Mapping[str | None, str]] = MappingProxyType(
    {
        None: "a person's message",
        "file_share": "a person's message with a file attached: hirebot says it reads only the text, then answers it",
        "thread_broadcast": "a person's thread reply also sent to the conversation",
    }
)
NOT_ANSWERED_SUBTYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "message_changed": "an edit: the question was answered when it was first sent",
        "message_deleted": "a deletion",
        "message_replied": "Slack's notice that a thread got a reply",
        "bot_message": "a post by an app or integration",
        "me_message": "a /me action, not a question",
        "channel_join": "a join notice",
        "channel_leave": "a leave notice",
        "group_join": "a join notice",
        "group_leave": "a leave notice",
        "assistant_app_thread": "the assistant thread's own root message",
        "ekm_access_denied": "a message Slack can't show because its key was revoked",
    }
)
NOT_ANSWERED_OTHER_SUBTYPE: Final = "a notice Slack sends (topic, purpose, pins, huddles...), not a question"
NOT_ANSWERED_SENDERS: Final[Mapping[str, str]] = MappingProxyType(
    {
        # Slackbot's DMs ("You have been removed from #hiring by @someone") carry no subtype and no bot_id.
        SLACKBOT_USER_ID: "Slackbot's notice, not a person asking",
    }
)
NOT_ANSWERED_APP: Final = "posted by an app (hirebot's own replies included), not a person"
NOT_ANSWERED_NOBODY: Final = "no person wrote it"
MAX_FILES: Final = 100


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
    app_id: str | None = None
    team: str | None = None
    files: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_FILES)

    @property
    def not_answered_because(self) -> str | None:
        """Why hirebot doesn't answer this message, or None when it does (see the message policy above)."""
        if self.subtype not in ANSWERED_SUBTYPES:
            return NOT_ANSWERED_SUBTYPES.get(str(self.subtype), NOT_ANSWERED_OTHER_SUBTYPE)
        if self.bot_id or self.app_id:
            return NOT_ANSWERED_APP
        if not self.user:
            return NOT_ANSWERED_NOBODY
        return NOT_ANSWERED_SENDERS.get(self.user)

    @property
    def from_a_person(self) -> bool:
        """A message hirebot answers: a person's own, with a file attached or broadcast from a thread."""
        return self.not_answered_because is None

    @property
    def has_files(self) -> bool:
        """Files came with it; hirebot reads only the text (no ``files:read`` scope) and says so."""
        return bool(self.files) or self.subtype == "file_share"


def parse_message_event(event: dict[str, Any]) -> MessageEvent:
    return MessageEvent.model_validate(event)


class ClickedMessage(_Lenient):
    ts: str = Field(min_length=1, max_length=40)
    thread_ts: str | None = Field(default=None, max_length=40)


class ChannelRef(_Lenient):
    id: str = Field(min_length=1, max_length=40)


class MessageButton(BlockActions):
    """A button on a message the app posted: the click, and where that message is (its channel and thread)."""

    channel: ChannelRef
    message: ClickedMessage

    @property
    def thread_ts(self) -> str | None:
        return self.message.thread_ts


def parse_message_button(body: dict[str, Any]) -> MessageButton:
    return MessageButton.model_validate(body)
