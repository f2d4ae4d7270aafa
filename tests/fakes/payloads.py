"""Realistic Slack request payloads as dicts: what a Socket Mode envelope carries as ``payload``.

``tests.fakes.signing`` wraps these into the exact HTTP bodies Slack posts (form-encoded for slash commands,
``payload=<json>`` for interactions, JSON for events). Shapes follow Slack's reference pages for slash
commands, ``block_actions``, ``view_submission`` and the Events API ``event_callback`` envelope, and what
``slack_bolt.request.payload_utils`` reads from them.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from tests.fakes.workspace import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    TEAM_DOMAIN,
    TEAM_ID,
    USER_ID,
    USER_NAME,
    VERIFICATION_TOKEN,
)

JsonDict = dict[str, Any]
DEFAULT_RESPONSE_URL = f"https://hooks.slack.com/commands/{TEAM_ID}/1234567890/abcdefABCDEF0123456789"


def new_trigger_id() -> str:
    """Shaped like ``13345224609.738474920.8088930838d88f008e0``."""
    return f"{secrets.randbelow(10**13):013d}.{secrets.randbelow(10**12):012d}.{secrets.token_hex(16)}"


def new_event_id() -> str:
    return "Ev" + secrets.token_hex(5).upper()


def new_ts() -> str:
    return f"{time.time():.6f}"


def _user(user_id: str, user_name: str, team_id: str) -> JsonDict:
    return {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id}


def slash_command_payload(
    text: str = "",
    *,
    command: str = "/hire",
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    channel_id: str = CHANNEL_ID,
    channel_name: str = CHANNEL_NAME,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    response_url: str = DEFAULT_RESPONSE_URL,
    trigger_id: str | None = None,
    api_app_id: str = APP_ID,
) -> dict[str, str]:
    """The fields of a slash command, in the order Slack sends them (all strings, as in the form)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or new_trigger_id(),
    }


def _action(action_id: str, value: str | None, block_id: str, action_type: str, text: str) -> JsonDict:
    action: JsonDict = {"action_id": action_id, "block_id": block_id, "type": action_type, "action_ts": new_ts()}
    if action_type == "button":
        action["text"] = {"type": "plain_text", "text": text, "emoji": True}
        if value is not None:
            action["value"] = value
    elif action_type in ("static_select", "overflow", "radio_buttons", "external_select"):
        action["selected_option"] = {"text": {"type": "plain_text", "text": text, "emoji": True}, "value": value}
    elif action_type == "users_select":
        action["selected_user"] = value
    elif action_type == "conversations_select":
        action["selected_conversation"] = value
    elif action_type == "channels_select":
        action["selected_channel"] = value
    elif action_type == "datepicker":
        action["selected_date"] = value
    else:  # plain_text_input and friends with dispatch_action
        action["value"] = value
    return action


def block_actions_payload(
    action_id: str,
    value: str | None = None,
    *,
    block_id: str = "actions",
    action_type: str = "button",
    action_text: str = "Button",
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    channel_name: str = CHANNEL_NAME,
    message: JsonDict | None = None,
    message_ts: str | None = None,
    response_url: str = DEFAULT_RESPONSE_URL,
    trigger_id: str | None = None,
    view: JsonDict | None = None,
    container: JsonDict | None = None,
    state_values: JsonDict | None = None,
    api_app_id: str = APP_ID,
) -> JsonDict:
    """A ``block_actions`` payload for one action, clicked in a message or (with ``view``) in a modal/home.

    A click in a view has a ``view`` container and no channel, message or response_url, as on Slack.
    """
    payload: JsonDict = {
        "type": "block_actions",
        "user": _user(user_id, user_name, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": [_action(action_id, value, block_id, action_type, action_text)],
    }
    if view is not None:
        full_view = view_object(**view)
        payload["container"] = container or {"type": "view", "view_id": full_view["id"]}
        payload["view"] = full_view
        if state_values is not None:
            full_view["state"] = {"values": state_values}
        return payload
    ts = message_ts or (message or {}).get("ts") or new_ts()
    payload["container"] = container or {
        "type": "message",
        "message_ts": ts,
        "channel_id": channel_id,
        "is_ephemeral": False,
    }
    payload["channel"] = {"id": channel_id, "name": channel_name}
    payload["message"] = message or {
        "type": "message",
        "subtype": "bot_message",
        "text": "",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "app_id": APP_ID,
        "ts": ts,
        "team": team_id,
        "blocks": [],
    }
    payload["state"] = {"values": state_values or {}}
    payload["response_url"] = response_url
    return payload


def view_object(
    *,
    id: str = "V0000000001",
    type: str = "modal",
    callback_id: str = "",
    private_metadata: str = "",
    blocks: list[JsonDict] | None = None,
    title: str | JsonDict = "Hirebot",
    state_values: JsonDict | None = None,
    hash: str | None = None,
    external_id: str = "",
    root_view_id: str | None = None,
    previous_view_id: str | None = None,
    **extra: Any,
) -> JsonDict:
    """A view as Slack sends it back in payloads (with id, hash, state and the app's ids filled in)."""
    title_object = title if isinstance(title, dict) else {"type": "plain_text", "text": title, "emoji": True}
    view: JsonDict = {
        "id": id,
        "team_id": TEAM_ID,
        "type": type,
        "blocks": blocks or [],
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": state_values or {}},
        "hash": hash or f"{int(time.time())}.{secrets.token_hex(4)}",
        "title": title_object,
        "clear_on_close": False,
        "notify_on_close": False,
        "close": None,
        "submit": None,
        "previous_view_id": previous_view_id,
        "root_view_id": root_view_id or id,
        "app_id": APP_ID,
        "external_id": external_id,
        "app_installed_team_id": TEAM_ID,
        "bot_id": BOT_ID,
    }
    view.update(extra)
    return view


def view_submission_payload(
    callback_id: str,
    state_values: JsonDict,
    private_metadata: str = "",
    *,
    view_id: str = "V0000000001",
    blocks: list[JsonDict] | None = None,
    title: str = "Hirebot",
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
    response_urls: list[JsonDict] | None = None,
    api_app_id: str = APP_ID,
) -> JsonDict:
    """A ``view_submission``; ``state_values`` is ``{block_id: {action_id: {"type": ..., "value": ...}}}``."""
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, user_name, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": view_object(
            id=view_id,
            callback_id=callback_id,
            private_metadata=private_metadata,
            blocks=blocks,
            title=title,
            state_values=state_values,
            submit={"type": "plain_text", "text": "Submit", "emoji": True},
            close={"type": "plain_text", "text": "Cancel", "emoji": True},
        ),
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def event_payload(
    event: JsonDict,
    *,
    event_id: str | None = None,
    event_time: int | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = APP_ID,
    bot_user_id: str = BOT_USER_ID,
) -> JsonDict:
    """The Events API ``event_callback`` envelope around ``event``."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": event_time if event_time is not None else int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + secrets.token_hex(16),
    }


def message_event(
    text: str,
    *,
    user_id: str = USER_ID,
    channel_id: str = "D0HIREBOT1",
    channel_type: str = "im",
    ts: str | None = None,
    thread_ts: str | None = None,
    team_id: str = TEAM_ID,
) -> JsonDict:
    """A user's ``message`` event (a DM to the bot by default)."""
    ts = ts or new_ts()
    event: JsonDict = {
        "type": "message",
        "user": user_id,
        "text": text,
        "ts": ts,
        "team": team_id,
        "channel": channel_id,
        "event_ts": ts,
        "channel_type": channel_type,
        "client_msg_id": secrets.token_hex(16),
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    return event


def app_mention_event(
    text: str, *, user_id: str = USER_ID, channel_id: str = CHANNEL_ID, ts: str | None = None
) -> JsonDict:
    """An ``app_mention``; ``text`` should contain ``<@UBOT>`` as Slack's does."""
    ts = ts or new_ts()
    return {
        "type": "app_mention",
        "user": user_id,
        "text": text,
        "ts": ts,
        "team": TEAM_ID,
        "channel": channel_id,
        "event_ts": ts,
        "client_msg_id": secrets.token_hex(16),
    }


def app_home_opened_event(*, user_id: str = USER_ID, tab: str = "home") -> JsonDict:
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": "D0HIREBOT1",
        "tab": tab,
        "event_ts": new_ts(),
    }


def app_context_changed_event(*entities: JsonDict, user_id: str = USER_ID) -> JsonDict:
    """What Slack sends an agent-view app when the person looks at something else: the entities, most relevant
    first, or an empty ``context`` (https://docs.slack.dev/reference/events/app_context_changed)."""
    return {
        "type": "app_context_changed",
        "user": user_id,
        "context": {"entities": list(entities)} if entities else {},
        "event_ts": new_ts(),
    }
