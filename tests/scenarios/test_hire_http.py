"""/hire and its buttons end to end: signed HTTP requests into the real server, replies checked against
Slack's Block Kit limits, follow-up posts checked on the fake Slack."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from blocks import ids
from bot.hire.registry import LISTED
from tests.fakes.block_checks import check_message_blocks, shown
from tests.fakes.signing import block_actions_body, slash_command_body
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import USER_ID
from tests.scenarios.conftest import HirebotServer


def all_text(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False)


async def hire(hirebot: HirebotServer, slack: FakeSlackAPI, text: str) -> dict[str, Any]:
    response = await hirebot.post_signed(slash_command_body(text, response_url=slack.response_url("cmd")))
    assert response.status == 200
    reply: dict[str, Any] = await response.json()
    assert check_message_blocks(reply.get("blocks", [])) == []
    return reply


async def test_ai_vs_ml_answers_with_the_card_well_inside_the_window(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    started = time.monotonic()
    reply = await hire(hirebot, slack, "ai-vs-ml")
    elapsed = time.monotonic() - started
    assert elapsed < 3.0, "Slack drops slash command replies after 3 seconds"
    assert reply["response_type"] == "ephemeral"
    text = all_text(reply)
    assert "AI engineer or ML engineer?" in text
    assert "20%" in text and "nine months" in text
    action_ids = {e["action_id"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert {f"{ids.AI_VS_ML_CHOICE_ACTION}:{c}" for c in ("foundation", "moat", "unsure")} <= action_ids
    assert ids.SHARE_ACTION in action_ids
    assert [c for c in slack.calls if c.method != "auth.test"] == []  # the reply rides on the ack


async def test_pay_free_text(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    reply = await hire(hirebot, slack, "pay senior mle sf")
    assert "$308K to $460K" in all_text(reply)
    assert "x1.10" in all_text(reply)


async def test_pay_without_arguments_is_the_whole_table(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    text = all_text(await hire(hirebot, slack, "pay"))
    for figures in (
        "$140K to $180K",
        "$180K to $240K",
        "$240K to $320K",
        "$320K to $420K",
        "$200K to $280K",
        "$280K to $400K",
        "$350K to $600K",
    ):
        assert figures in text
    assert "x1.10" in text and "x0.75" in text and "+$40K" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("questions ai", "eval suite"),
        ("questions ml", "training run"),
        ("flags", "Streamlit"),
        ("signals", "baseline"),
        ("sourcing", "below 4%"),
        ("plays", "$250 to $400 per hour"),
        ("equity", "up to 5%"),
        ("ask who do we hire first if we wrap Claude?", "AI engineer first"),
    ],
)
async def test_each_subcommand_has_its_card(
    hirebot: HirebotServer, slack: FakeSlackAPI, text: str, expected: str
) -> None:
    assert expected in all_text(await hire(hirebot, slack, text))


@pytest.mark.parametrize("text", ["", "help", "definitely-not-a-command", "x" * 4000, "\u202e\u0000\U0001f525 \u200b"])
async def test_empty_unknown_or_odd_text_gets_the_help_card(
    hirebot: HirebotServer, slack: FakeSlackAPI, text: str
) -> None:
    reply = await hire(hirebot, slack, text)
    for name in (subcommand.name for subcommand in LISTED):
        assert f"/hire {name}" in all_text(reply)


async def test_near_miss_suggests_the_right_subcommand(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    assert "Did you mean `/hire ai-vs-ml`?" in all_text(await hire(hirebot, slack, "ai-vs-lm"))


async def test_text_containing_the_word_payload_is_not_lost(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    reply = await hire(hirebot, slack, "ask what payload of equity for a founding engineer")
    assert "up to 5%" in all_text(reply)


async def test_user_text_cannot_ping_or_disguise_links(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    for text in (
        "pay <!channel> senior <https://evil.example|payroll>",
        "ask <!here> <@U0123456> equity?",
        "zz <!everyone> pay",
    ):
        rendered = shown(await hire(hirebot, slack, text))
        for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<https://evil", "<@U0123456>"):
            assert forbidden not in rendered


async def click(hirebot: HirebotServer, slack: FakeSlackAPI, action_id: str, value: str, name: str) -> None:
    body = block_actions_body(action_id, value, response_url=slack.response_url(name))
    response = await hirebot.post_signed(body)
    assert response.status == 200


async def test_share_posts_the_same_card_to_the_channel(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await click(hirebot, slack, ids.SHARE_ACTION, "pay senior mle sf", "share")
    posted = await slack.wait_for("response_url:share", count=2)
    shared, deleted = posted[0].body, posted[1].body
    assert shared["response_type"] == "in_channel"
    assert shared["replace_original"] is False
    assert "$308K to $460K" in all_text(shared["blocks"])
    assert f"Shared by <@{USER_ID}>" in all_text(shared["blocks"])
    assert ids.SHARE_ACTION not in all_text(shared["blocks"])
    assert check_message_blocks(shared["blocks"]) == []
    assert deleted["delete_original"] is True


async def test_share_with_a_tampered_value_posts_nothing_public(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await click(hirebot, slack, ids.SHARE_ACTION, "<!channel> nonsense", "tampered")
    [posted] = await slack.wait_for("response_url:tampered")
    assert posted.body["response_type"] == "ephemeral"
    assert "didn't come through intact" in posted.body["text"]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("foundation", "Hire an AI engineer first"),
        ("moat", "Hire an ML engineer"),
        ("unsure", "Don't hire full time yet"),
    ],
)
async def test_ai_vs_ml_buttons_answer_with_a_recommendation(
    hirebot: HirebotServer, slack: FakeSlackAPI, choice: str, expected: str
) -> None:
    await click(hirebot, slack, f"{ids.AI_VS_ML_CHOICE_ACTION}:{choice}", choice, choice)
    [posted] = await slack.wait_for(f"response_url:{choice}")
    assert posted.body["response_type"] == "ephemeral"
    assert posted.body["replace_original"] is False
    assert expected in all_text(posted.body["blocks"])
    assert check_message_blocks(posted.body["blocks"]) == []


async def test_ai_vs_ml_button_with_a_tampered_value(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await click(hirebot, slack, f"{ids.AI_VS_ML_CHOICE_ACTION}:moat", "ceo-salary", "bad-choice")
    [posted] = await slack.wait_for("response_url:bad-choice")
    assert "blocks" not in posted.body
    assert "didn't come through intact" in posted.body["text"]
