"""Injected failures as slack_sdk's retry handlers see them: 429 + Retry-After, 5xx, ok:false, slowness."""

from __future__ import annotations

import time

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler, AsyncServerErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN, CHANNEL_ID


async def test_rate_limit_is_retried_once_after_retry_after(
    slack: FakeSlackAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The handler sleeps int(Retry-After) + random.random(); pin the jitter so the wait is exact.
    monkeypatch.setattr("slack_sdk.http_retry.builtin_async_handlers.random.random", lambda: 0.0)
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[AsyncRateLimitErrorRetryHandler()])
    slack.fail("chat.postMessage", status=429, retry_after=1)

    posted = await client.chat_postMessage(channel=CHANNEL_ID, text="hi")

    limited, delivered = slack.calls_to("chat.postMessage")
    assert posted["ok"] is True
    assert (limited.status, limited.injected, limited.response["error"]) == (429, True, "ratelimited")
    assert (delivered.status, delivered.injected, delivered.ok) == (200, False, True)
    assert len(slack.calls_to("chat.postMessage", ok=True)) == 1
    assert 1.0 <= delivered.at - limited.at < 1.5


async def test_rate_limit_without_a_handler_surfaces_with_retry_after(
    slack: FakeSlackAPI, client: AsyncWebClient
) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=30)

    with pytest.raises(SlackApiError) as limited:
        await client.chat_postMessage(channel=CHANNEL_ID, text="hi")
    posted = await client.chat_postMessage(channel=CHANNEL_ID, text="hi")

    assert limited.value.response.status_code == 429
    assert limited.value.response["error"] == "ratelimited"
    assert limited.value.response.headers["Retry-After"] == "30"
    assert posted["ok"] is True


async def test_server_errors_are_retried_by_the_server_error_handler(slack: FakeSlackAPI) -> None:
    handler = AsyncServerErrorRetryHandler(
        max_retry_count=2, interval_calculator=FixedValueRetryIntervalCalculator(0.01)
    )
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url, retry_handlers=[handler])
    slack.fail("views.publish", status=503, times=2)

    published = await client.views_publish(
        user_id="U0HIRINGMGR", view={"type": "home", "blocks": [{"type": "divider"}]}
    )

    assert published["ok"] is True
    assert [call.status for call in slack.calls_to("views.publish")] == [503, 503, 200]
    assert [call.injected for call in slack.calls_to("views.publish")] == [True, True, False]


async def test_server_errors_surface_as_slack_api_error_by_default(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    slack.fail("chat.postMessage", status=503)

    with pytest.raises(SlackApiError) as failed:
        await client.chat_postMessage(channel=CHANNEL_ID, text="hi")

    assert failed.value.response.status_code == 503
    assert failed.value.response["error"] == "service_unavailable"
    assert slack.calls_to("chat.postMessage", ok=False)[0].injected


async def test_an_error_answer_is_http_200_with_ok_false(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    slack.fail("chat.postMessage", error="channel_not_found", times=None)

    for _ in range(2):
        with pytest.raises(SlackApiError) as failed:
            await client.chat_postMessage(channel="C0GONE0001", text="hi")
        assert (failed.value.response.status_code, failed.value.response["error"]) == (200, "channel_not_found")
    slack.reset()
    posted = await client.chat_postMessage(channel=CHANNEL_ID, text="hi")

    assert posted["ok"] is True


async def test_failures_queue_per_method(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    slack.fail("chat.update", error="message_not_found")
    slack.fail("chat.update", error="cant_update_message")

    errors = []
    for _ in range(3):
        try:
            await client.chat_update(channel=CHANNEL_ID, ts="1712345678.000100", text="x")
            errors.append("ok")
        except SlackApiError as error:
            errors.append(error.response["error"])
    await client.chat_postMessage(channel=CHANNEL_ID, text="unaffected")

    assert errors == ["message_not_found", "cant_update_message", "ok"]


async def test_slow_answers_are_recorded_on_arrival(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    slack.slow("chat.postMessage", 0.3)

    started = time.monotonic()
    posted = await client.chat_postMessage(channel=CHANNEL_ID, text="eventually")
    elapsed = time.monotonic() - started

    assert posted["ok"] is True
    assert elapsed >= 0.3
    assert slack.calls_to("chat.postMessage")[0].injected is False


def test_a_rule_that_changes_nothing_is_refused(slack: FakeSlackAPI) -> None:
    with pytest.raises(ValueError, match="needs"):
        slack.fail("chat.postMessage")


async def test_response_urls_can_fail_too(slack: FakeSlackAPI) -> None:
    slack.fail("response_url:hire", status=500)
    webhook = AsyncWebhookClient(slack.response_url("hire"))

    failed = await webhook.send(text="card")
    sent = await webhook.send(text="card")

    assert (failed.status_code, failed.body) == (500, "internal_error")
    assert (sent.status_code, sent.body) == (200, "ok")
    assert slack.responses("hire") == [{"text": "card"}]
