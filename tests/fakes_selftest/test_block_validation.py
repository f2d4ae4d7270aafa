"""Blocks and views Slack would refuse are refused by the fake too, with Slack-style json-pointers.

The blocks go in as plain dicts: slack_sdk's client calls ``to_dict()`` on model objects before sending, so
an oversized model object fails in the app before the fake ever sees it (which is the house style's point).
"""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.fakes.block_checks import check_message_blocks, check_view
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import CHANNEL_ID

Block = dict[str, Any]


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(**fields: Any) -> Block:
    return {
        "type": "actions",
        "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "go", **fields}],
    }


def modal(**fields: Any) -> Block:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Scorecard"},
        "blocks": [section("Rate")],
        **fields,
    }


@pytest.mark.parametrize(
    ("blocks", "pointer"),
    [
        ([section("x" * 3001)], "/blocks/0/text/text"),
        ([section("ok")] * 51, "/blocks"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "/blocks/0/text/text"),
        ([button(value="v" * 2001)], "/blocks/0/elements/0/value"),
        ([button(action_id="a" * 256)], "/blocks/0/elements/0/action_id"),
        ([{**section("ok"), "block_id": "b" * 256}], "/blocks/0/block_id"),
        ([{"type": "no_such_block"}], "/blocks/0/type"),
    ],
    ids=["section-3001", "51-blocks", "header-151", "button-value-2001", "action-id-256", "block-id-256", "unknown"],
)
async def test_message_blocks_over_slack_limits_are_refused(
    slack: FakeSlackAPI, client: AsyncWebClient, blocks: list[Block], pointer: str
) -> None:
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel=CHANNEL_ID, text="card", blocks=blocks)

    assert refused.value.response["error"] == "invalid_blocks"
    [call] = slack.calls_to("chat.postMessage")
    assert any(f"[json-pointer:{pointer}]" in error for error in call.block_errors), call.block_errors
    assert refused.value.response["response_metadata"]["messages"] == call.block_errors
    with pytest.raises(AssertionError, match="Slack would reject"):
        slack.assert_no_invalid_blocks()


def test_the_models_catch_what_the_raw_walk_does_not_check() -> None:
    errors = check_message_blocks(
        [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "x"},
                "accessory": {"type": "image", "image_url": "u" * 3001, "alt_text": "a"},
            }
        ]
    )

    assert errors == [
        "[ERROR] slack_sdk section block: image_url attribute cannot exceed 3000 characters [json-pointer:/blocks/0]"
    ]


@pytest.mark.parametrize(
    ("view", "pointer"),
    [
        (modal(private_metadata="m" * 3001), "/view/private_metadata"),
        (modal(blocks=[section("ok")] * 101), "/view/blocks"),
        (modal(blocks=[section("x" * 3001)]), "/view/blocks/0/text/text"),
        (modal(title={"type": "plain_text", "text": "t" * 25}), "/view/title/text"),
        (modal(callback_id="c" * 256), "/view/callback_id"),
        (modal(submit={"type": "plain_text", "text": "s" * 25}), "/view"),
        ({"type": "modal", "blocks": [section("untitled")]}, "/view/title"),
    ],
    ids=["metadata-3001", "101-blocks", "section-3001", "title-25", "callback-id-256", "submit-25", "no-title"],
)
async def test_views_over_slack_limits_are_refused(
    slack: FakeSlackAPI, client: AsyncWebClient, view: Block, pointer: str
) -> None:
    with pytest.raises(SlackApiError) as refused:
        await client.views_open(trigger_id="123.456.abc", view=view)

    assert refused.value.response["error"] == "invalid_blocks"
    [call] = slack.calls_to("views.open")
    assert any(f"[json-pointer:{pointer}]" in error for error in call.block_errors), call.block_errors


async def test_a_home_tab_may_have_100_blocks(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    await client.views_publish(user_id="U0HIRINGMGR", view={"type": "home", "blocks": [section("ok")] * 100})

    slack.assert_no_invalid_blocks()


async def test_response_url_blocks_are_checked_too(slack: FakeSlackAPI) -> None:
    sent = await AsyncWebhookClient(slack.response_url("cmd")).send(text="card", blocks=[section("x" * 3001)])

    assert (sent.status_code, sent.body) == (400, "invalid_blocks")
    assert slack.responses("cmd") == []
    assert slack.calls_to("response_url:cmd")[0].block_errors


def test_valid_blocks_and_views_have_no_errors() -> None:
    assert check_message_blocks([section("x" * 3000), button(value="v" * 2000)] * 25) == []
    assert check_view(modal(private_metadata="m" * 3000)) == []
