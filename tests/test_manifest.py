"""manifest.yml (Socket Mode) and manifest.http.yml (HTTP) against what the code actually registers and calls,
so neither can drift from the code, and both against Slack's published manifest schema (vendored under
``tests/slack_schemas``).

The code is read with ``ast``: every ``app.command``, ``app.shortcut``, ``app.event``, ``app.action`` and
``app.view`` registration, and every Web API method called on a client. Scopes are derived from those with
Slack's documented requirements, and the manifest must ask for exactly that set: least privilege.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import blocks.ids
import handlers.events
from blocks import messages

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
    # Sent whatever the scopes (https://docs.slack.dev/reference/events/app_uninstalled, .../tokens_revoked).
    "app_uninstalled": None,
    "tokens_revoked": None,
    "app_context_changed": None,  # "No scopes required": https://docs.slack.dev/reference/events/app_context_changed
}
MANIFESTS = ("manifest.yml", "manifest.http.yml")
SCHEMA = Path(__file__).parent / "slack_schemas" / "manifest.schema.1.0.0.json"


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
                if isinstance(owner, ast.Name) and owner.id == "app" and name in usage and node.args:
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


def load_manifest(name: str = "manifest.yml") -> dict[str, Any]:
    manifest: dict[str, Any] = yaml.safe_load((ROOT / name).read_text())
    return manifest


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_validates_against_slacks_published_schema(name: str) -> None:
    jsonschema.validate(load_manifest(name), json.loads(SCHEMA.read_text()))


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_declares_the_agent_view_with_the_apps_prompts(name: str) -> None:
    features = load_manifest(name)["features"]
    assert "assistant_view" not in features
    agent = features["agent_view"]
    assert 0 < len(agent["agent_description"]) <= 300
    assert [(p["title"], p["message"]) for p in agent["suggested_prompts"]] == list(messages.AGENT_PROMPTS)


def test_the_two_manifests_differ_only_in_how_slack_reaches_hirebot_and_oauth_redirects() -> None:
    socket, http = load_manifest("manifest.yml"), load_manifest("manifest.http.yml")
    assert socket["settings"]["socket_mode_enabled"] is True and http["settings"]["socket_mode_enabled"] is False
    url = "https://YOUR-HOST/slack/events"
    assert http["settings"]["event_subscriptions"]["request_url"] == url
    assert http["settings"]["interactivity"]["request_url"] == url
    assert all(command["url"] == url for command in http["features"]["slash_commands"])
    # Only an HTTP app can be installed by OAuth (README: Distribute it): it has the redirect URL.
    assert http["oauth_config"].pop("redirect_urls") == ["https://YOUR-HOST/slack/oauth_redirect"]
    http["settings"]["socket_mode_enabled"] = True
    del http["settings"]["event_subscriptions"]["request_url"], http["settings"]["interactivity"]["request_url"]
    for command in http["features"]["slash_commands"]:
        del command["url"]
    assert http == socket


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_has_what_slack_requires(name: str) -> None:
    manifest = load_manifest(name)
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


@pytest.mark.parametrize("name", MANIFESTS)
def test_commands_shortcuts_and_events_match_the_code(name: str) -> None:
    manifest, used = load_manifest(name), code_usage()
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
    if "app_context_changed" in manifest_events:  # sent only to apps with the agent view
        assert features["agent_view"]["agent_description"]


@pytest.mark.parametrize("name", MANIFESTS)
def test_scopes_are_exactly_what_the_code_needs(name: str) -> None:
    manifest, used = load_manifest(name), code_usage()
    unknown = used["methods"] - set(METHOD_SCOPES)
    assert not unknown, f"add the scopes these Web API methods need to METHOD_SCOPES: {unknown}"
    needed = {METHOD_SCOPES[m] for m in used["methods"]} | {EVENT_SCOPES[e] for e in used["event"]}
    if used["command"] or used["shortcut"]:
        needed.add("commands")
    needed.discard(None)
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed
