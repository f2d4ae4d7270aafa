"""FakeSlackAPI driven by the real slack_sdk AsyncWebClient: shapes, recording, auth, state."""

from __future__ import annotations

import json
import re
import time

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, HeaderBlock, SectionBlock
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import APP_TOKEN, BOT_ID, BOT_TOKEN, BOT_USER_ID, CHANNEL_ID, TEAM_ID, USER_ID

TS_RE = re.compile(r"^\d{10}\.\d{6}$")

CARD = [
    HeaderBlock(text="Senior ML engineer"),
    SectionBlock(text="*Pay band:* $210k to $260k"),
    ActionsBlock(block_id="card_actions", elements=[ButtonElement(text="Share", action_id="share", value="ml:senior")]),
]


def modal(private_metadata: str | None = None) -> View:
    return View(
        type="modal",
        title="Scorecard",
        callback_id="scorecard",
        blocks=[SectionBlock(text="Rate")],
        private_metadata=private_metadata,
    )


async def test_post_message_is_answered_like_slack_and_recorded_parsed(
    slack: FakeSlackAPI, client: AsyncWebClient
) -> None:
    first = await client.chat_postMessage(channel=CHANNEL_ID, text="Senior ML engineer", blocks=CARD)
    second = await client.chat_postMessage(channel=CHANNEL_ID, text="again", thread_ts=first["ts"])

    assert first["ok"] is True
    assert first["channel"] == CHANNEL_ID
    assert TS_RE.match(first["ts"])
    assert TS_RE.match(second["ts"])
    assert float(second["ts"]) > float(first["ts"])
    assert first["message"]["bot_id"] == BOT_ID
    assert first["message"]["user"] == BOT_USER_ID
    assert first["message"]["blocks"] == [block.to_dict() for block in CARD]
    call = slack.calls_to("chat.postMessage")[0]
    assert call.body["blocks"] == [block.to_dict() for block in CARD]
    assert call.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    assert call.headers["Content-Type"].startswith("application/json")
    assert call.ok
    assert call.block_errors == []
    slack.assert_no_invalid_blocks()


async def test_form_encoded_json_fields_are_decoded(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    blocks = [block.to_dict() for block in CARD]
    await client.api_call("chat.postMessage", data={"channel": CHANNEL_ID, "text": "t", "blocks": json.dumps(blocks)})
    await client.api_call(
        "views.publish", data={"user_id": USER_ID, "view": json.dumps({"type": "home", "blocks": blocks})}
    )

    [post] = slack.calls_to("chat.postMessage", ok=True)
    assert post.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert post.body["blocks"] == blocks
    [publish] = slack.calls_to("views.publish", ok=True)
    assert publish.body["view"]["blocks"] == blocks


async def test_query_params_and_get_requests_are_parsed(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    user = await client.users_info(user=USER_ID)
    opened = await client.conversations_open(users=USER_ID)
    again = await client.conversations_open(users=USER_ID)
    await client.reactions_add(channel=CHANNEL_ID, timestamp="1712345678.000100", name="eyes")
    await client.chat_delete(channel=CHANNEL_ID, ts="1712345678.000100")

    assert user["user"]["tz"] == "America/New_York"
    assert user["user"]["tz_offset"] in (-18000, -14400)
    assert slack.calls_to("users.info")[0].http_method == "GET"
    assert opened["channel"]["id"].startswith("D")
    assert again["channel"]["id"] == opened["channel"]["id"]
    assert slack.calls_to("reactions.add")[0].body == {
        "channel": CHANNEL_ID,
        "timestamp": "1712345678.000100",
        "name": "eyes",
    }
    assert slack.calls_to("chat.delete")[0].ok


async def test_users_info_can_be_overridden(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    slack.add_user("U0BERLIN01", tz="Europe/Berlin", tz_offset=3600, real_name="Ada")

    user = (await client.users_info(user="U0BERLIN01"))["user"]

    assert (user["tz"], user["tz_offset"], user["real_name"]) == ("Europe/Berlin", 3600, "Ada")


async def test_auth_test_identifies_the_bot(client: AsyncWebClient) -> None:
    auth = await client.auth_test()

    assert (auth["team_id"], auth["user_id"], auth["bot_id"]) == (TEAM_ID, BOT_USER_ID, BOT_ID)
    assert auth["url"].startswith("https://")


async def test_views_open_update_push_and_hash_conflict(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    opened = (await client.views_open(trigger_id="123.456.abc", view=modal()))["view"]
    pushed = (await client.views_push(trigger_id="123.456.def", view=modal(private_metadata="x")))["view"]
    updated = (await client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal()))["view"]
    with pytest.raises(SlackApiError) as stale:
        await client.views_update(view_id=opened["id"], hash=opened["hash"] + "-stale", view=modal())

    assert re.match(r"^V[0-9A-Z]+$", opened["id"])
    assert opened["hash"]
    assert opened["callback_id"] == "scorecard"
    assert pushed["id"] != opened["id"]
    assert updated["id"] == opened["id"]
    assert stale.value.response["error"] == "hash_conflict"


async def test_views_publish_keeps_one_home_per_user(client: AsyncWebClient) -> None:
    home = View(type="home", blocks=[SectionBlock(text="Welcome")])

    first = (await client.views_publish(user_id=USER_ID, view=home))["view"]
    second = (await client.views_publish(user_id=USER_ID, view=home, hash=first["hash"]))["view"]

    assert first["type"] == "home"
    assert second["id"] == first["id"]


async def test_scheduled_messages_can_be_listed_and_deleted(client: AsyncWebClient) -> None:
    post_at = int(time.time()) + 3600

    scheduled = await client.chat_scheduleMessage(channel=CHANNEL_ID, post_at=post_at, text="Reminder")
    listed = await client.chat_scheduledMessages_list(channel=CHANNEL_ID)
    await client.chat_deleteScheduledMessage(channel=CHANNEL_ID, scheduled_message_id=scheduled["scheduled_message_id"])
    after = await client.chat_scheduledMessages_list(channel=CHANNEL_ID)
    with pytest.raises(SlackApiError) as past:
        await client.chat_scheduleMessage(channel=CHANNEL_ID, post_at=int(time.time()) - 10, text="late")

    assert scheduled["scheduled_message_id"].startswith("Q")
    assert scheduled["post_at"] == post_at
    assert [m["id"] for m in listed["scheduled_messages"]] == [scheduled["scheduled_message_id"]]
    assert after["scheduled_messages"] == []
    assert past.value.response["error"] == "time_in_past"


async def test_other_methods_answer_ok(client: AsyncWebClient) -> None:
    posted = await client.chat_postMessage(channel=CHANNEL_ID, text="one")
    updated = await client.chat_update(channel=CHANNEL_ID, ts=posted["ts"], text="two")
    ephemeral = await client.chat_postEphemeral(channel=CHANNEL_ID, user=USER_ID, text="only you")
    status = await client.assistant_threads_setStatus(channel_id="D0HIREBOT1", thread_ts=posted["ts"], status="...")
    prompts = await client.assistant_threads_setSuggestedPrompts(
        channel_id="D0HIREBOT1", thread_ts=posted["ts"], prompts=[{"title": "Pay", "message": "Pay for ML?"}]
    )
    title = await client.assistant_threads_setTitle(channel_id="D0HIREBOT1", thread_ts=posted["ts"], title="Pay")

    assert (updated["ts"], updated["text"]) == (posted["ts"], "two")
    assert TS_RE.match(ephemeral["message_ts"])
    assert [status["ok"], prompts["ok"], title["ok"]] == [True, True, True]


@pytest.mark.parametrize(
    ("token", "error"),
    [(None, "not_authed"), ("nonsense", "invalid_auth"), (APP_TOKEN, "not_allowed_token_type")],
)
async def test_bad_tokens_are_refused(slack: FakeSlackAPI, token: str | None, error: str) -> None:
    with pytest.raises(SlackApiError) as refused:
        await AsyncWebClient(token=token, base_url=slack.api_url).chat_postMessage(channel=CHANNEL_ID, text="hi")

    assert refused.value.response["error"] == error
    assert slack.calls_to("chat.postMessage", ok=False)[0].response["error"] == error


async def test_a_configured_token_is_the_only_one_accepted() -> None:
    async with FakeSlackAPI(bot_token="xoxb-right") as slack:
        await AsyncWebClient(token="xoxb-right", base_url=slack.api_url).auth_test()
        with pytest.raises(SlackApiError) as refused:
            await AsyncWebClient(token="xoxb-wrong", base_url=slack.api_url).auth_test()

    assert refused.value.response["error"] == "invalid_auth"


async def test_unknown_methods_are_refused(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    with pytest.raises(SlackApiError) as refused:
        await client.api_call("hire.everyone")

    assert refused.value.response["error"] == "unknown_method"
    assert slack.calls_to("hire.everyone")[0].response == {"ok": False, "error": "unknown_method"}


async def test_apps_connections_open_wants_an_app_token(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    opened = await client.apps_connections_open(app_token=APP_TOKEN)
    with pytest.raises(SlackApiError) as refused:
        await client.api_call("apps.connections.open")

    assert opened["url"].startswith(slack.base_url.replace("http://", "ws://") + "/link/?ticket=")
    assert refused.value.response["error"] == "not_allowed_token_type"


async def test_response_url_posts_are_recorded(slack: FakeSlackAPI) -> None:
    webhook = AsyncWebhookClient(slack.response_url("hire"))

    sent = await webhook.send(text="Here is the card", blocks=CARD, response_type="ephemeral")
    empty = await webhook.send_dict({"response_type": "ephemeral"})

    assert (sent.status_code, sent.body) == (200, "ok")
    assert (empty.status_code, empty.body) == (400, "no_text")
    [body] = slack.responses("hire")
    assert body["blocks"] == [block.to_dict() for block in CARD]
    assert body["response_type"] == "ephemeral"


async def test_wait_for_returns_calls_and_times_out_with_what_it_saw(
    slack: FakeSlackAPI, client: AsyncWebClient
) -> None:
    await client.chat_postMessage(channel=CHANNEL_ID, text="one")

    [call] = await slack.wait_for("chat.postMessage")
    with pytest.raises(AssertionError, match=r"2 chat.postMessage call\(s\).*seen: chat.postMessage\(ok\)"):
        await slack.wait_for("chat.postMessage", count=2, timeout=0.05)
    slack.reset()

    assert call.body["text"] == "one"
    assert slack.calls == []
