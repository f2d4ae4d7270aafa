"""manifest.yml against what the code actually registers and calls, so the two can't drift apart.

The code is read with ``ast``: every ``app.command``, ``app.shortcut``, ``app.event``, ``app.action`` and
``app.view`` registration, and every Web API method called on a client. Scopes are derived from those with
Slack's documented requirements, and the manifest must ask for exactly that set: least privilege.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import yaml

import blocks.ids
import handlers.assistant
import handlers.events

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("handlers", "bot")

METHOD_SCOPES: dict[str, str | None] = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "chat_delete": "chat:write",
    "chat_scheduleMessage": "chat:write",
    "chat_deleteScheduledMessage": "chat:write",
    "chat_scheduledMessages_list": "chat:write",
    "chat_startStream": "chat:write",
    "chat_appendStream": "chat:write",
    "chat_stopStream": "chat:write",
    "chat_stream": "chat:write",  # slack_sdk's helper over the three above
    "views_open": None,
    "views_update": None,
    "views_push": None,
    "views_publish": None,
    "users_info": "users:read",
    "conversations_open": "im:write",
    "reactions_add": "reactions:write",
    "assistant_threads_setStatus": "assistant:write",
    "assistant_threads_setSuggestedPrompts": "assistant:write",
    "assistant_threads_setTitle": "assistant:write",
    "auth_test": None,
}
EVENT_SCOPES: dict[str, str | None] = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "app_home_opened": None,
    "assistant_thread_started": "assistant:write",
    "assistant_thread_context_changed": "assistant:write",
}


def _resolve(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ids":
        return getattr(blocks.ids, node.attr)
    if isinstance(node, ast.Dict):
        return {_resolve(k): _resolve(v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
    return None


def code_usage() -> dict[str, set[str]]:
    usage: dict[str, set[str]] = {
        "command": set(),
        "shortcut": set(),
        "event": set(),
        "action": set(),
        "view": set(),
        "methods": set(),
    }
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                owner, name = node.func.value, node.func.attr
                if isinstance(owner, ast.Name) and owner.id == "app" and name == "assistant":
                    usage["event"].update(handlers.assistant.ASSISTANT_EVENTS)
                elif isinstance(owner, ast.Name) and owner.id == "app" and name in usage and node.args:
                    value = _resolve(node.args[0])
                    if isinstance(value, dict):  # app.event({"type": "message", "channel_type": "im"})
                        value = value["type"] + (f".{value['channel_type']}" if "channel_type" in value else "")
                    usage[name].add(str(value))
                elif (isinstance(owner, ast.Name) and owner.id == "client") or (
                    isinstance(owner, ast.Attribute) and owner.attr == "client"
                ):
                    usage["methods"].add(name)
    if "message" in usage["event"]:  # Bolt takes every message event as "message"; the manifest names which
        usage["event"].discard("message")
        usage["event"].update(handlers.events.MESSAGE_EVENTS)
    return usage


def load_manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text())
    return manifest


def test_manifest_has_what_slack_requires() -> None:
    manifest = load_manifest()
    info = manifest["display_information"]
    assert 1 <= len(info["name"]) <= 35
    assert len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    assert manifest["features"]["bot_user"]["display_name"]
    for command in manifest["features"].get("slash_commands", []):
        assert command["command"].startswith("/")
        assert command["description"]
        assert command["usage_hint"]
        assert len(command["usage_hint"]) <= 1000
    assert manifest["settings"]["socket_mode_enabled"] is True


def test_commands_shortcuts_and_events_match_the_code() -> None:
    manifest, used = load_manifest(), code_usage()
    features, settings = manifest["features"], manifest["settings"]
    assert {c["command"] for c in features.get("slash_commands", [])} == used["command"]
    assert {s["callback_id"] for s in features.get("shortcuts", [])} == used["shortcut"]
    manifest_events = set(settings.get("event_subscriptions", {}).get("bot_events", []))
    assert manifest_events == used["event"]
    interactive = bool(used["action"] or used["view"] or used["shortcut"])
    assert settings["interactivity"]["is_enabled"] is interactive
    app_home = features.get("app_home", {})
    assert app_home.get("home_tab_enabled", False) == ("app_home_opened" in manifest_events)
    assert app_home.get("messages_tab_enabled", False) == ("message.im" in manifest_events)
    if "assistant_thread_started" in manifest_events:
        assert features["assistant_view"]["assistant_description"]


def test_scopes_are_exactly_what_the_code_needs() -> None:
    manifest, used = load_manifest(), code_usage()
    unknown = used["methods"] - set(METHOD_SCOPES)
    assert not unknown, f"add the scopes these Web API methods need to METHOD_SCOPES: {unknown}"
    needed = {METHOD_SCOPES[m] for m in used["methods"]} | {EVENT_SCOPES[e] for e in used["event"]}
    if used["command"] or used["shortcut"]:
        needed.add("commands")
    needed.discard(None)
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed
