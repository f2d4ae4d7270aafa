"""What the fake Web API answers, method by method, with just enough state to be believable.

Answers follow the shapes in Slack's method reference (docs.slack.dev/reference/methods). The state is
lenient where tests need it to be: ``chat.update`` of a message the fake never saw succeeds, ``views.update``
of an unknown view id creates it; only a stale ``hash`` on a known view is refused, as Slack does.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from datetime import datetime
from secrets import token_hex
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.fakes.slack_streams import StreamingMethods
from tests.fakes.workspace import (
    APP_ID,
    BOT_ID,
    BOT_NAME,
    BOT_USER_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    TEAM_ID,
    TEAM_NAME,
    TEAM_URL,
    USER_TIMEZONE,
)

MAX_SCHEDULE_AHEAD_SECONDS: Final = 120 * 24 * 3600
MAX_MESSAGE_TEXT: Final = 40_000

JsonDict = dict[str, Any]


def _fail(error: str) -> JsonDict:
    return {"ok": False, "error": error}


def _tz_offset(tz_name: str) -> tuple[int, str]:
    try:
        now = datetime.now(ZoneInfo(tz_name))
    except ZoneInfoNotFoundError:
        return -18000, "Eastern Standard Time"
    offset = now.utcoffset()
    label = "Eastern Daylight Time" if now.dst() else "Eastern Standard Time"
    return (int(offset.total_seconds()) if offset is not None else 0), label


class SlackMethods:
    """The workspace behind the fake: posted messages, scheduled messages, open views, users."""

    def __init__(self) -> None:
        self.messages: dict[tuple[str, str], JsonDict] = {}
        self.scheduled: dict[str, JsonDict] = {}
        self.views: dict[str, JsonDict] = {}
        self.users: dict[str, JsonDict] = {}
        self._last_ts_micros = 0
        self._ids = itertools.count(1)
        self._dm_channels: dict[str, str] = {}
        self._home_views: dict[str, str] = {}
        self.handlers: dict[str, Callable[[JsonDict], JsonDict]] = {
            "auth.test": self.auth_test,
            "chat.postMessage": self.chat_post_message,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "chat.update": self.chat_update,
            "chat.delete": self.chat_delete,
            "chat.scheduleMessage": self.chat_schedule_message,
            "chat.deleteScheduledMessage": self.chat_delete_scheduled_message,
            "chat.scheduledMessages.list": self.chat_scheduled_messages_list,
            "views.open": self.views_open,
            "views.push": self.views_open,
            "views.update": self.views_update,
            "views.publish": self.views_publish,
            "users.info": self.users_info,
            "conversations.open": self.conversations_open,
            "reactions.add": self.reactions_add,
            "assistant.threads.setStatus": self.assistant_threads,
            "assistant.threads.setSuggestedPrompts": self.assistant_suggested_prompts,
            "assistant.threads.setTitle": self.assistant_threads,
        }
        self.handlers.update(StreamingMethods(self).handlers)

    def next_ts(self) -> str:
        """A message timestamp like ``1712345678.000100``: unique, increasing, close to the wall clock."""
        self._last_ts_micros = max(self._last_ts_micros + 100, int(time.time() * 1_000_000))
        seconds, micros = divmod(self._last_ts_micros, 1_000_000)
        return f"{seconds}.{micros:06d}"

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):010d}"

    def add_user(self, user_id: str, **fields: Any) -> JsonDict:
        """Registers (or overrides fields of) a user that ``users.info`` returns."""
        user = self.users.get(user_id) or self._default_user(user_id)
        user.update(fields)
        self.users[user_id] = user
        return user

    def _default_user(self, user_id: str) -> JsonDict:
        offset, label = _tz_offset(USER_TIMEZONE)
        name = f"user-{user_id.lower()}"
        return {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name,
            "deleted": False,
            "real_name": f"User {user_id}",
            "tz": USER_TIMEZONE,
            "tz_label": label,
            "tz_offset": offset,
            "is_admin": False,
            "is_owner": False,
            "is_bot": False,
            "is_app_user": False,
            "updated": int(time.time()),
            "profile": {"real_name": f"User {user_id}", "display_name": name, "team": TEAM_ID},
        }

    # ---- auth / users / conversations

    def auth_test(self, body: JsonDict) -> JsonDict:
        return {
            "ok": True,
            "url": TEAM_URL,
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def users_info(self, body: JsonDict) -> JsonDict:
        user_id = body.get("user")
        if not user_id:
            return _fail("user_not_found")
        return {"ok": True, "user": self.users.get(user_id) or self._default_user(str(user_id))}

    def conversations_open(self, body: JsonDict) -> JsonDict:
        if body.get("channel"):
            return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": body["channel"]}}
        users = str(body.get("users") or "")
        if not users:
            return _fail("users_list_not_supplied")
        key = ",".join(sorted(users.split(",")))
        already_open = key in self._dm_channels
        channel_id = self._dm_channels.setdefault(key, self.next_id("D"))
        return {"ok": True, "no_op": already_open, "already_open": already_open, "channel": {"id": channel_id}}

    def reactions_add(self, body: JsonDict) -> JsonDict:
        if not body.get("channel") or not body.get("timestamp"):
            return _fail("message_not_found")
        if not body.get("name"):
            return _fail("invalid_name")
        return {"ok": True}

    def assistant_threads(self, body: JsonDict) -> JsonDict:
        if not body.get("channel_id") or not body.get("thread_ts"):
            return _fail("invalid_arguments")
        return {"ok": True}

    def assistant_suggested_prompts(self, body: JsonDict) -> JsonDict:
        """``thread_ts`` is optional: without it the prompts go on the conversation (an agent app)."""
        prompts = body.get("prompts")
        if not body.get("channel_id") or not isinstance(prompts, list) or not 1 <= len(prompts) <= 4:
            return _fail("invalid_arguments")
        return {"ok": True}

    # ---- chat

    def _message(self, body: JsonDict, ts: str) -> JsonDict:
        message: JsonDict = {
            "type": "message",
            "text": body.get("text", ""),
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if body.get(key) is not None:
                message[key] = body[key]
        return message

    def _check_message(self, body: JsonDict) -> JsonDict | None:
        if not body.get("channel"):
            return _fail("channel_not_found")
        if not any(body.get(key) for key in ("text", "blocks", "attachments")):
            return _fail("no_text")
        if len(str(body.get("text") or "")) > MAX_MESSAGE_TEXT:
            return _fail("msg_too_long")
        return None

    def chat_post_message(self, body: JsonDict) -> JsonDict:
        if (problem := self._check_message(body)) is not None:
            return problem
        if str(body["channel"]).startswith("#"):  # Slack takes a name and answers with the channel's id
            if body["channel"] != f"#{CHANNEL_NAME}":
                return _fail("channel_not_found")
            body = {**body, "channel": CHANNEL_ID}
        ts = self.next_ts()
        message = self._message(body, ts)
        self.messages[(str(body["channel"]), ts)] = message
        return {"ok": True, "channel": body["channel"], "ts": ts, "message": message}

    def chat_post_ephemeral(self, body: JsonDict) -> JsonDict:
        if not body.get("user"):
            return _fail("user_not_in_channel")
        if (problem := self._check_message(body)) is not None:
            return problem
        return {"ok": True, "message_ts": self.next_ts()}

    def chat_update(self, body: JsonDict) -> JsonDict:
        if not body.get("ts"):
            return _fail("message_not_found")
        if (problem := self._check_message(body)) is not None:
            return problem
        channel, ts = str(body["channel"]), str(body["ts"])
        message = self._message(body, ts)
        self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "text": message["text"], "message": message}

    def chat_delete(self, body: JsonDict) -> JsonDict:
        if not body.get("channel") or not body.get("ts"):
            return _fail("message_not_found")
        self.messages.pop((str(body["channel"]), str(body["ts"])), None)
        return {"ok": True, "channel": body["channel"], "ts": body["ts"]}

    def chat_schedule_message(self, body: JsonDict) -> JsonDict:
        if (problem := self._check_message(body)) is not None:
            return problem
        try:
            post_at = int(body.get("post_at", ""))
        except (TypeError, ValueError):
            return _fail("invalid_time")
        now = int(time.time())
        if post_at <= now:
            return _fail("time_in_past")
        if post_at > now + MAX_SCHEDULE_AHEAD_SECONDS:
            return _fail("time_too_far")
        scheduled_id = self.next_id("Q")
        message = self._message(body, self.next_ts())
        self.scheduled[scheduled_id] = {
            "id": scheduled_id,
            "channel_id": body["channel"],
            "post_at": post_at,
            "date_created": now,
            "text": message["text"],
            "message": message,
        }
        return {
            "ok": True,
            "channel": body["channel"],
            "scheduled_message_id": scheduled_id,
            "post_at": post_at,
            "message": {key: value for key, value in message.items() if key != "ts"},
        }

    def chat_delete_scheduled_message(self, body: JsonDict) -> JsonDict:
        scheduled = self.scheduled.get(str(body.get("scheduled_message_id")))
        if scheduled is None or scheduled["channel_id"] != body.get("channel"):
            return _fail("invalid_scheduled_message_id")
        del self.scheduled[scheduled["id"]]
        return {"ok": True}

    def chat_scheduled_messages_list(self, body: JsonDict) -> JsonDict:
        channel = body.get("channel")
        listed = [
            {key: value for key, value in scheduled.items() if key != "message"}
            for scheduled in self.scheduled.values()
            if not channel or scheduled["channel_id"] == channel
        ]
        return {"ok": True, "scheduled_messages": listed, "response_metadata": {"next_cursor": ""}}

    # ---- views

    def _store_view(self, view: JsonDict, *, view_id: str | None = None, previous: JsonDict | None = None) -> JsonDict:
        view_id = view_id or self.next_id("V")
        stored: JsonDict = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": view.get("type", "modal"),
            "blocks": view.get("blocks", []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{token_hex(4)}",
            "title": view.get("title"),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": None,
            "root_view_id": previous["root_view_id"] if previous else view_id,
            "app_id": APP_ID,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        self.views[view_id] = stored
        return stored

    def views_open(self, body: JsonDict) -> JsonDict:
        if not (body.get("trigger_id") or body.get("interactivity_pointer")):
            return _fail("invalid_arguments")
        view = body.get("view")
        if not isinstance(view, dict):
            return _fail("invalid_arguments")
        return {"ok": True, "view": self._store_view(view)}

    def views_update(self, body: JsonDict) -> JsonDict:
        view = body.get("view")
        if not isinstance(view, dict):
            return _fail("invalid_arguments")
        view_id = body.get("view_id")
        external_id = body.get("external_id")
        if not view_id and external_id:
            view_id = next((v["id"] for v in self.views.values() if v["external_id"] == external_id), None)
            if view_id is None:
                return _fail("not_found")
        if not view_id:
            return _fail("invalid_arguments")
        known = self.views.get(str(view_id))
        if known is not None and body.get("hash") and body["hash"] != known["hash"]:
            return _fail("hash_conflict")
        return {"ok": True, "view": self._store_view(view, view_id=str(view_id), previous=known)}

    def views_publish(self, body: JsonDict) -> JsonDict:
        view = body.get("view")
        if not body.get("user_id") or not isinstance(view, dict):
            return _fail("invalid_arguments")
        user_id = str(body["user_id"])
        home_id = self._home_views.get(user_id)
        known = self.views.get(home_id) if home_id else None
        if known is not None and body.get("hash") and body["hash"] != known["hash"]:
            return _fail("hash_conflict")
        stored = self._store_view(view, view_id=home_id, previous=known)
        self._home_views[user_id] = stored["id"]
        return {"ok": True, "view": stored}
