"""Requests that aren't from Slack run nothing: 401 for bad or missing signatures and stale timestamps,
400 for a signed body that isn't a Slack payload, never a 500."""

from __future__ import annotations

import logging
import time

import pytest

from tests.fakes.signing import sign_request, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import SIGNING_SECRET
from tests.scenarios.conftest import HirebotServer

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def test_wrong_secret_is_rejected(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    response = await hirebot.post_signed(slash_command_body("ai-vs-ml"), secret="not-the-secret")
    assert response.status == 401
    assert [c.method for c in slack.calls] == []


async def test_stale_timestamp_is_rejected(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    response = await hirebot.post_signed(slash_command_body("ai-vs-ml"), timestamp=int(time.time()) - 6 * 60)
    assert response.status == 401


async def test_missing_headers_are_rejected(hirebot: HirebotServer) -> None:
    response = await hirebot.session.post(hirebot.events_url, data=slash_command_body("ai-vs-ml"), headers=FORM)
    assert response.status == 401


async def test_tampered_body_is_rejected(hirebot: HirebotServer) -> None:
    body = slash_command_body("ai-vs-ml")
    headers = {**FORM, **sign_request(SIGNING_SECRET, body)}
    response = await hirebot.session.post(hirebot.events_url, data=body.replace(b"ai-vs-ml", b"pay"), headers=headers)
    assert response.status == 401


@pytest.mark.parametrize(
    "body",
    [
        b"payload=%7Bnot-json",
        b"{not json",
        b"payload=",
        b"view",  # a form whose view is a string: Bolt's unhandled-request log used to crash on it (a 500)
        b'{"type": "block_actions", "actions": "not a list"}',
        b'{"type": "event_callback", "event": ["not", "a", "dict"]}',
    ],
)
async def test_malformed_bodies_get_400_when_signed_and_401_when_not(hirebot: HirebotServer, body: bytes) -> None:
    signed = await hirebot.session.post(
        hirebot.events_url, data=body, headers={**FORM, **sign_request(SIGNING_SECRET, body)}
    )
    unsigned = await hirebot.session.post(hirebot.events_url, data=body, headers=FORM)
    assert signed.status in (400, 404)
    assert signed.status != 500
    assert unsigned.status == 401


async def test_a_body_that_is_not_utf8_is_malformed(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    body = b"\xff\xfe\x00garbage"
    for headers in (FORM, {**FORM, **sign_request(SIGNING_SECRET, body)}):
        response = await hirebot.session.post(hirebot.events_url, data=body, headers=headers)
        assert response.status == 400
    assert slack.calls == []


async def test_health(hirebot: HirebotServer) -> None:
    response = await hirebot.session.get(str(hirebot.server.make_url("/healthz")))
    assert response.status == 200
    store = {"ready": True, "reason": None, "breaker": "closed", "restarts": 0}
    assert await response.json() == {"status": "ok", "redis": True, "store": store}
    ready = await hirebot.session.get(str(hirebot.server.make_url("/readyz")))
    assert ready.status == 200
    assert await ready.json() == {"status": "ready", "store": store}


async def test_unknown_paths_and_methods(hirebot: HirebotServer) -> None:
    assert (await hirebot.session.get(hirebot.events_url)).status == 405
    assert (await hirebot.session.post(str(hirebot.server.make_url("/nope")))).status == 404


async def test_metrics_count_requests_by_surface(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await hirebot.post_signed(slash_command_body("ai-vs-ml"))
    await hirebot.post_signed(slash_command_body("ai-vs-ml"), secret="wrong")
    response = await hirebot.session.get(str(hirebot.server.make_url("/metrics")))
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    text = await response.text()
    assert 'hirebot_slack_requests_total{status="200",surface="command"} 1.0' in text
    assert 'hirebot_slack_requests_total{status="401",surface="unverified"} 1.0' in text
    assert 'hirebot_slack_ack_seconds_count{surface="command"} 1.0' in text
    assert "hirebot_redis_errors_total 0.0" in text


async def test_a_rejected_request_runs_nothing_and_its_body_is_never_logged(
    hirebot: HirebotServer, slack: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "canary-7f3a9c-secret-body"
    caplog.set_level(logging.DEBUG)
    for kwargs in ({"secret": "wrong"}, {"timestamp": int(time.time()) - 3600}):
        response = await hirebot.post_signed(slash_command_body(f"pay {marker}"), **kwargs)  # type: ignore[arg-type]
        assert response.status == 401
    await hirebot.session.post(hirebot.events_url, data=slash_command_body(f"ask {marker}"), headers=FORM)
    assert [c.method for c in slack.calls] == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Rejected a request whose Slack signature" in logged
    assert marker not in logged
