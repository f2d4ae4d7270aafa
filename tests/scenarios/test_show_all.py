"""The "Show all" button on a shortened conversational answer, through the real server: the whole list lands
where the answer is, for the answer clicked (not the latest one), and the button goes away."""

from __future__ import annotations

from typing import Any

from blocks import ids
from tests.fakes.block_checks import check_message_blocks, shown
from tests.fakes.signing import block_actions_body
from tests.fakes.slack_api import FakeSlackAPI, RecordedCall
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.test_conversations import DM, dm


def _show_all_value(posted: RecordedCall) -> str:
    [value] = [
        e["value"]
        for b in posted.body["blocks"]
        if b.get("block_id") == ids.SHOW_ALL_BLOCK
        for e in b["elements"]
        if e["action_id"] == ids.ANSWER_MORE_ACTION
    ]
    return str(value)


def _click(slack: FakeSlackAPI, posted: RecordedCall, value: str, **message: Any) -> bytes:
    return block_actions_body(
        ids.ANSWER_MORE_ACTION,
        value,
        channel_id=posted.body["channel"],
        response_url=slack.response_url("show-all"),
        message={"ts": "1700000000.000100", "text": posted.body["text"], "blocks": posted.body["blocks"], **message},
    )


async def test_show_all_posts_the_whole_list_and_retires_the_button(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await dm(hirebot, "build vs contract vs hire?")
    [posted] = slack.calls_to("chat.postMessage")
    assert "Founders have burned" not in shown(posted.body["blocks"])  # the watch-outs are in the full version
    response = await hirebot.post_signed(_click(slack, posted, _show_all_value(posted)))
    assert response.status == 200
    _, full = await slack.wait_for("chat.postMessage", 2)
    assert full.body["channel"] == DM and full.body.get("thread_ts") is None
    text = shown(full.body["blocks"])
    assert "Founders have burned $200K" in text and "12 months" in text
    assert check_message_blocks(full.body["blocks"]) == []
    [retired] = await slack.wait_for("response_url:show-all")
    assert retired.body["replace_original"] is True
    assert ids.ANSWER_MORE_ACTION not in str(retired.body["blocks"])
    assert ids.FEEDBACK_HELPFUL_ACTION in str(retired.body["blocks"])


async def test_show_all_expands_the_answer_clicked_in_its_thread(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await dm(hirebot, "how do we source ML engineers?", thread_ts="1700000000.000001")
    await dm(hirebot, "senior ML engineer in SF?", thread_ts="1700000000.000001")
    sourcing, _ = slack.calls_to("chat.postMessage")
    click = _click(slack, sourcing, _show_all_value(sourcing), thread_ts="1700000000.000001")
    assert (await hirebot.post_signed(click)).status == 200
    *_, full = await slack.wait_for("chat.postMessage", 3)
    assert full.body["thread_ts"] == "1700000000.000001"
    text = shown(full.body["blocks"])
    assert "Hacker News" in text and "Kaggle" in text and "Discord" in text  # every channel, not the pay card
    assert "$308K" not in text


async def test_an_unknown_answer_gets_a_private_note_and_nothing_posted(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await dm(hirebot, "how do we source ML engineers?")
    [posted] = slack.calls_to("chat.postMessage")
    for value in ("f" * 32, "not-an-answer-id"):
        assert (await hirebot.post_signed(_click(slack, posted, value))).status == 200
    notes = await slack.wait_for("response_url:show-all", 2)
    assert all(n.body["response_type"] == "ephemeral" and "too old" in n.body["text"] for n in notes)
    assert len(slack.calls_to("chat.postMessage")) == 1
