"""The fake's chat.startStream / appendStream / stopStream, driven by slack_sdk's own chat_stream helper and the
raw methods, answered as Slack documents them."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextActionsBlock, FeedbackButtonObject, FeedbackButtonsElement
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import CHANNEL_ID, TEAM_ID, USER_ID

DM = "D0HIREBOT1"
FEEDBACK = ContextActionsBlock(
    elements=[
        FeedbackButtonsElement(
            action_id="vote",
            positive_button=FeedbackButtonObject(text="Good", value="up"),
            negative_button=FeedbackButtonObject(text="Bad", value="down"),
        )
    ]
)


async def test_chat_stream_builds_one_message_from_its_chunks(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    stream = await client.chat_stream(buffer_size=1, channel=DM, thread_ts="1700000000.000100")
    await stream.append(markdown_text="First sentence. ")
    await stream.append(markdown_text="Second one.")
    await stream.stop(blocks=[FEEDBACK])
    start, append, stop = slack.calls
    assert [start.method, append.method, stop.method] == ["chat.startStream", "chat.appendStream", "chat.stopStream"]
    assert start.response == {"ok": True, "channel": DM, "ts": stream.ts}
    message = slack.workspace.messages[(DM, str(stream.ts))]
    assert message["text"] == "First sentence. Second one."
    assert message["thread_ts"] == "1700000000.000100" and message["streaming"] is False
    assert message["blocks"][0]["type"] == "context_actions"
    slack.assert_no_invalid_blocks()


async def test_streaming_rules(slack: FakeSlackAPI, client: AsyncWebClient) -> None:
    with pytest.raises(SlackApiError, match="invalid_arguments"):  # a DM streams only as a reply
        await client.chat_startStream(channel=DM, thread_ts="", markdown_text="hi")
    with pytest.raises(SlackApiError, match="invalid_arguments"):  # a channel needs the recipient
        await client.chat_startStream(channel=CHANNEL_ID, thread_ts="1700000000.000100", markdown_text="hi")
    started = await client.chat_startStream(
        channel=CHANNEL_ID,
        thread_ts="1700000000.000100",
        markdown_text="hi",
        recipient_user_id=USER_ID,
        recipient_team_id=TEAM_ID,
    )
    ts = str(started["ts"])
    await client.chat_stopStream(channel=CHANNEL_ID, ts=ts, markdown_text=" there")
    with pytest.raises(SlackApiError, match="message_not_in_streaming_state"):
        await client.chat_appendStream(channel=CHANNEL_ID, ts=ts, markdown_text="late")
    with pytest.raises(SlackApiError, match="msg_too_long"):
        await client.chat_startStream(channel=DM, thread_ts="1700000000.000100", markdown_text="x" * 12_001)
    assert slack.workspace.messages[(CHANNEL_ID, ts)]["text"] == "hi there"
