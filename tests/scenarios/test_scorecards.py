"""The scorecard modal through the real server: open it, switch roles, submit good and bad forms, lose Redis.

Everything goes through signed requests into hirebot, the fake Slack records what hirebot called, and the
scorecards land in a real Redis."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from pydantic import SecretStr

from blocks import ids
from blocks.messages import NOT_SAVED, STILL_SWITCHING
from bot.config import Settings
from bot.server import create_web_app
from bot.store.embedded import EmbeddedRedis
from bot.store.redis_store import Store, connect_redis
from bot.store.scorecards import ScorecardRecords
from knowledge.scorecards import Recommendation
from tests.fakes.block_checks import shown
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import CHANNEL_ID, CHANNEL_NAME
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import (
    AI_RATINGS,
    GRACE,
    HIRING_MANAGER,
    block_ids,
    command,
    form_state,
    initial,
    latest_view,
    open_form,
    shortcut,
    submit,
    submit_scorecard,
    switch_role,
)
from tests.waiting import until_ready


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,)})


def records(hirebot: HirebotServer) -> ScorecardRecords:
    return hirebot.deps.scorecard_records


def rating_blocks(view: dict[str, object]) -> list[str]:
    return [b.removeprefix(ids.SCORECARD_RATING_BLOCK_PREFIX) for b in block_ids(view) if "rating:" in b]


async def test_hire_scorecard_opens_the_form_at_once_with_the_candidate(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    started = time.monotonic()
    await command(hirebot, slack, "scorecard Ada Lovelace")
    [opened] = await slack.wait_for("views.open")
    assert time.monotonic() - started < 3, "a trigger_id expires after 3 seconds"
    view = opened.body["view"]
    assert view["callback_id"] == ids.SCORECARD_VIEW
    assert initial(view, ids.SCORECARD_CANDIDATE_BLOCK) == "Ada Lovelace"
    assert rating_blocks(view) == []
    assert "Pick a role" in shown(view)
    await asyncio.sleep(0.1)
    assert slack.calls_to("views.update") == [], "nothing in the store to add"
    slack.assert_no_invalid_blocks()


async def test_switching_the_role_swaps_the_competencies_and_keeps_what_was_typed(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    view = await open_form(hirebot, slack)
    typed = form_state(role="ai", ratings=AI_RATINGS, red_flags=("buzzwords",), questions=("ai-rag",))
    view = await switch_role(hirebot, slack, view, typed, "ai")
    assert rating_blocks(view) == ["prompt", "product", "evaluation"]
    assert initial(view, ids.SCORECARD_RATING_BLOCK_PREFIX + "evaluation") == "2"

    typed_ai = form_state(role="ml", ratings=AI_RATINGS, red_flags=("buzzwords",), questions=("ai-rag",))
    ml = await switch_role(hirebot, slack, view, typed_ai, "ml")
    [update] = slack.calls_to("views.update")[-1:]
    assert update.body["view_id"] == view["id"] and update.body["hash"] == view["hash"]
    assert rating_blocks(ml) == ["data", "training", "research"]
    assert "Data pipelines" in shown(ml) and "Prompt engineering" not in shown(ml)
    assert initial(ml, ids.SCORECARD_CANDIDATE_BLOCK) == "Ada Lovelace"
    assert initial(ml, ids.SCORECARD_LEVEL_BLOCK) == "senior"
    assert initial(ml, ids.SCORECARD_NOTES_BLOCK).startswith("Walked through")
    assert initial(ml, ids.SCORECARD_RECOMMENDATION_BLOCK) == "yes"
    assert initial(ml, ids.SCORECARD_RED_FLAGS_BLOCK) == ["buzzwords"]  # a flag for every role stays ticked
    assert "Out-of-order notebooks" in shown(ml)

    typed_ml = form_state(role="ai", ratings={"data": 1}, red_flags=("messy-notebooks",))
    back = await switch_role(hirebot, slack, ml, typed_ml, "ai")
    assert [initial(back, ids.SCORECARD_RATING_BLOCK_PREFIX + key) for key in AI_RATINGS] == ["3", "4", "2"]
    assert initial(back, ids.SCORECARD_QUESTIONS_BLOCK) == ["ai-rag"]
    slack.assert_no_invalid_blocks()


async def test_submitting_saves_before_closing_and_posts_one_summary_card(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    ack = await submit_scorecard(hirebot, slack, role="ml", level="mid", red_flags=("messy-notebooks",))
    assert ack["view"]["callback_id"] == ids.SCORECARD_SAVED_VIEW
    assert "Saved." in shown(ack["view"]) and "Data pipelines" in shown(ack["view"])
    [saved] = await records(hirebot).for_candidate("ada lovelace")
    assert (saved.interviewer, saved.ratings, saved.red_flags) == (
        GRACE,
        {"data": 2, "training": 3, "research": 4},
        ("messy-notebooks",),
    )
    [posted] = slack.calls_to("chat.postMessage")
    [dm] = slack.calls_to("conversations.open")
    assert dm.body["users"] == GRACE and posted.body["channel"] == dm.response["channel"]["id"]
    text = shown(posted.body["blocks"])
    assert "Scorecard: Ada Lovelace" in text and "Applied ML engineer" in text and "Why it leans this way" in text
    slack.assert_no_invalid_blocks()


async def test_the_dm_with_an_interviewer_is_opened_once_for_all_their_summaries(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await submit_scorecard(hirebot, slack, candidate="Ada Lovelace")
    await submit_scorecard(hirebot, slack, candidate="Alan Turing")
    [opened] = slack.calls_to("conversations.open")
    first, second = slack.calls_to("chat.postMessage")
    assert first.body["channel"] == second.body["channel"] == opened.response["channel"]["id"]
    assert "Alan Turing" in shown(second.body["blocks"])


async def test_resubmitting_replaces_the_scorecard_and_its_summary(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack)
    ack = await submit_scorecard(hirebot, slack, recommendation="strong-yes")
    assert "Replaced your earlier scorecard" in shown(ack["view"])
    [saved] = await records(hirebot).for_candidate("ada lovelace")
    assert saved.recommendation is Recommendation.STRONG_YES
    assert len(slack.calls_to("chat.postMessage")) == 1
    [updated] = slack.calls_to("chat.update")
    assert "Strong yes" in shown(updated.body["blocks"])

    await submit_scorecard(hirebot, slack, interview="portfolio")
    assert len(await records(hirebot).for_candidate("ada lovelace")) == 2


async def test_a_hiring_channel_set_by_name_gets_its_summary_updated_not_repeated(
    settings: Settings, slack: FakeSlackAPI
) -> None:
    """HIRING_CHANNEL="#hiring": Slack answers the first post with the channel's id, which is what the earlier
    post is compared with on a resubmission, in any process."""
    named = settings.model_copy(update={"hiring_channel": f"#{CHANNEL_NAME}"})
    for recommendation in ("yes", "strong-yes"):
        server = TestServer(create_web_app(named), host="127.0.0.1", port=0)  # a process per submission
        await server.start_server()
        async with aiohttp.ClientSession() as session:
            await submit_scorecard(HirebotServer(server, session), slack, recommendation=recommendation)
        await server.close()
    [posted] = slack.calls_to("chat.postMessage")
    assert posted.body["channel"] == f"#{CHANNEL_NAME}" and posted.response["channel"] == CHANNEL_ID
    [updated] = slack.calls_to("chat.update")
    assert updated.body["channel"] == CHANNEL_ID and updated.body["ts"] == posted.response["ts"]


async def test_opening_the_form_again_says_saving_would_replace(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack)
    updates = len(slack.calls_to("views.update"))
    opened = await open_form(hirebot, slack, "scorecard ada  LOVELACE")
    await slack.wait_for("views.update", updates + 1)  # the notice comes in an update, after the form opened
    assert "You've already submitted for Ada Lovelace (technical deep dive)" in shown(latest_view(slack, opened["id"]))


@pytest.mark.parametrize(
    ("state", "block", "message"),
    [
        (form_state(role=None, ratings={}), ids.SCORECARD_ROLE_BLOCK, "Pick the role"),
        (form_state(candidate="<!channel> *Ada*"), ids.SCORECARD_CANDIDATE_BLOCK, "plain text"),
        (form_state(candidate=None), ids.SCORECARD_CANDIDATE_BLOCK, "Enter the candidate's name"),
        (form_state(notes="n" * 10_000), ids.SCORECARD_NOTES_BLOCK, "up to 3,000 characters; these have 10,000"),
        (form_state(ratings={"prompt": 3, "product": 4}), ids.SCORECARD_RATING_BLOCK_PREFIX + "evaluation", "Rate"),
        (form_state(recommendation="maybe"), ids.SCORECARD_RECOMMENDATION_BLOCK, "Pick a recommendation"),
    ],
)
async def test_bad_input_is_answered_next_to_its_field_and_nothing_is_saved(
    hirebot: HirebotServer, slack: FakeSlackAPI, state: dict[str, object], block: str, message: str
) -> None:
    view = await open_form(hirebot, slack)
    view = await switch_role(hirebot, slack, view, form_state(), "ai")
    ack = await submit(hirebot, view, state)
    assert ack["response_action"] == "errors"
    assert message in ack["errors"][block]
    assert set(ack["errors"]) <= set(block_ids(view))
    assert await records(hirebot).for_candidate("ada lovelace") == []
    assert slack.calls_to("chat.postMessage") == []


async def test_a_submission_racing_a_role_switch_is_sent_back_to_check(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    view = await open_form(hirebot, slack)
    view = await switch_role(hirebot, slack, view, form_state(), "ai")
    ack = await submit(hirebot, view, form_state(role="ml", ratings=AI_RATINGS))  # ML picked, AI blocks still shown
    assert ack["errors"] == {ids.SCORECARD_ROLE_BLOCK: STILL_SWITCHING}


async def test_tampered_private_metadata_loses_nothing(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    view = await open_form(hirebot, slack)
    view = dict(view, private_metadata='{"kept": {"ratings": {"prompt": 99}}, "x": "<script>"}')
    switched = await switch_role(hirebot, slack, view, form_state(role="ml", ratings={}), "ml")
    assert "hidden data didn't come through intact" in shown(switched)
    assert initial(switched, ids.SCORECARD_NOTES_BLOCK).startswith("Walked through")

    ack = await submit(hirebot, switched, form_state(role="ml"), private_metadata="}{ tampered")
    assert ack["response_action"] == "update"
    assert "hidden data was damaged; your scorecard was saved from what you typed" in shown(ack["view"])
    assert len(await records(hirebot).for_candidate("ada lovelace")) == 1


async def test_markup_in_the_commands_candidate_is_flagged_in_the_form(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    view = await open_form(hirebot, slack, "scorecard &lt;b&gt;Ada&lt;/b&gt;")
    assert initial(view, ids.SCORECARD_CANDIDATE_BLOCK) == "<b>Ada</b>"
    assert "Check the candidate's name before saving" in shown(view)


async def test_the_global_shortcut_opens_an_empty_form(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await shortcut(hirebot, ids.SCORECARD_SHORTCUT, user=GRACE)
    [opened] = await slack.wait_for("views.open")
    assert opened.body["view"]["callback_id"] == ids.SCORECARD_VIEW
    assert initial(opened.body["view"], ids.SCORECARD_CANDIDATE_BLOCK) is None


async def test_an_expired_trigger_is_told_to_the_user(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    slack.fail("views.open", error="expired_trigger_id")
    await command(hirebot, slack, "scorecard Ada Lovelace")
    [told] = await slack.wait_for("response_url:cmd")
    assert told.body["text"] == "Sorry, I couldn't open the scorecard form. Please try again."


@pytest.fixture
async def own_redis(tmp_path: Path) -> AsyncIterator[EmbeddedRedis]:
    """A redis-server of this test's own, to stop and start."""
    embedded = EmbeddedRedis(tmp_path / "redis")
    await asyncio.to_thread(embedded.start)
    yield embedded
    await asyncio.to_thread(embedded.stop)


async def test_with_redis_stopped_the_form_stays_open_and_the_same_submission_saves_once_it_is_back(
    settings: Settings, slack: FakeSlackAPI, own_redis: EmbeddedRedis
) -> None:
    own = settings.model_copy(update={"redis_url": SecretStr(own_redis.url)})
    server = TestServer(create_web_app(own), host="127.0.0.1", port=0)
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as session:
            hirebot = HirebotServer(server, session)
            view = await open_form(hirebot, slack)
            state = form_state(notes="Every word of this must survive.")

            await asyncio.to_thread(own_redis.stop)
            started = time.monotonic()
            ack = await submit(hirebot, view, state)
            assert time.monotonic() - started < 3
            assert ack == {"response_action": "errors", "errors": {ids.SCORECARD_NOTES_BLOCK: NOT_SAVED}}
            assert slack.calls_to("chat.postMessage") == []

            await asyncio.to_thread(own_redis.start)
            await until_ready(session, str(server.make_url("/")))
            ack = await submit(hirebot, view, state)
            assert ack["response_action"] == "update"
            await hirebot.settle(quiet_for=0)
    finally:
        await server.close()
    check = Store(connect_redis(own_redis.url), prefix=own.hirebot_key_prefix)
    [saved] = await ScorecardRecords(check).for_candidate("ada lovelace")
    await check.close()
    assert saved.notes == "Every word of this must survive."
    assert len(slack.calls_to("chat.postMessage")) == 1
