"""Events hirebot didn't ask for. ``app_rate_limited`` comes with no subscription and is acknowledged, counted and
logged once; events hirebot never subscribed to get Bolt's own answer (404), and are listed here, so subscribing
to a new one without a listener fails this test."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from handlers.events import SENT_WITHOUT_SUBSCRIPTION
from tests.fakes.payloads import (
    app_context_changed_event,
    app_home_opened_event,
    app_mention_event,
    message_event,
    new_ts,
)
from tests.fakes.signing import event_body, json_body
from tests.fakes.workspace import APP_ID, BOT_USER_ID, TEAM_ID, USER_ID, VERIFICATION_TOKEN
from tests.scenarios.conftest import HirebotServer
from tests.test_manifest import load_manifest

# https://docs.slack.dev/reference/events/app_rate_limited (ids: the fake workspace's)
APP_RATE_LIMITED = {
    "token": VERIFICATION_TOKEN,
    "type": "app_rate_limited",
    "team_id": TEAM_ID,
    "minute_rate_limited": 1518467820,
    "api_app_id": APP_ID,
}

# Events Slack sends only to apps subscribed to them; hirebot subscribes to none of these.
NEVER_SUBSCRIBED: dict[str, dict[str, Any]] = {
    "reaction_added": {
        "type": "reaction_added",
        "user": USER_ID,
        "reaction": "thumbsup",
        "event_ts": new_ts(),
        "item": {"type": "message", "channel": "C0HIRING01", "ts": new_ts()},
    },
    "member_joined_channel": {
        "type": "member_joined_channel",
        "user": USER_ID,
        "channel": "C0HIRING01",
        "channel_type": "C",
        "team": TEAM_ID,
    },
    "channel_created": {"type": "channel_created", "channel": {"id": "C0NEW0001", "name": "new", "created": 1}},
    "team_join": {"type": "team_join", "user": {"id": USER_ID}},
    "link_shared": {"type": "link_shared", "channel": "C0HIRING01", "links": []},
    # The assistant view's events; the agent view (manifest.yml) has app_home_opened and app_context_changed.
    "assistant_thread_context_changed": {
        "type": "assistant_thread_context_changed",
        "assistant_thread": {"user_id": USER_ID, "context": {}, "channel_id": "D0HIREBOT1", "thread_ts": new_ts()},
        "event_ts": new_ts(),
    },
    "assistant_thread_started": {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": USER_ID, "context": {}, "channel_id": "D0HIREBOT1", "thread_ts": new_ts()},
        "event_ts": new_ts(),
    },
}

# The events hirebot subscribes to (manifest.yml), each with a payload its listener takes.
SUBSCRIBED: dict[str, dict[str, Any]] = {
    "app_home_opened": app_home_opened_event(tab="messages"),
    "app_context_changed": app_context_changed_event(),
    "app_mention": app_mention_event(f"<@{BOT_USER_ID}>"),
    "message.im": message_event("") | {"subtype": "message_deleted", "deleted_ts": new_ts()},
    "app_uninstalled": {"type": "app_uninstalled"},
    "tokens_revoked": {"type": "tokens_revoked", "tokens": {"oauth": [USER_ID], "bot": [BOT_USER_ID]}},
}


async def test_app_rate_limited_is_acknowledged_counted_and_logged_once(
    hirebot: HirebotServer, caplog: pytest.LogCaptureFixture
) -> None:
    response = await hirebot.post_signed(json_body(APP_RATE_LIMITED))
    assert response.status == 200
    metrics = await (await hirebot.session.get(hirebot.server.make_url("/metrics"))).text()
    assert 'hirebot_slack_unsubscribed_events_total{type="app_rate_limited"} 1.0' in metrics
    assert 'hirebot_slack_requests_total{status="200",surface="app_rate_limited"} 1.0' in metrics
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in warnings] == ["handlers.events"]
    assert "rate limiting" in warnings[0].getMessage() and TEAM_ID in warnings[0].getMessage()


def test_the_lists_agree_with_the_manifest() -> None:
    subscribed = set(load_manifest()["settings"]["event_subscriptions"]["bot_events"])
    assert subscribed == set(SUBSCRIBED), "a new subscription needs a payload here, and a listener"
    assert not subscribed & (set(NEVER_SUBSCRIBED) | set(SENT_WITHOUT_SUBSCRIPTION))


@pytest.mark.parametrize("kind", list(NEVER_SUBSCRIBED))
async def test_an_event_never_subscribed_to_gets_bolts_answer(hirebot: HirebotServer, kind: str) -> None:
    response = await hirebot.post_signed(event_body(NEVER_SUBSCRIBED[kind]))
    assert response.status == 404


@pytest.mark.parametrize("kind", list(SUBSCRIBED))
async def test_every_subscribed_event_has_a_listener(hirebot: HirebotServer, kind: str) -> None:
    response = await hirebot.post_signed(event_body(SUBSCRIBED[kind]))
    assert response.status == 200
