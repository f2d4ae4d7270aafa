"""/hire forget through the real server: after scorecards, a reminder, a decision and a shared offer, confirming
leaves no Redis key (or index entry) naming the candidate, the posted cards read "removed", the scheduled reminder
is unscheduled, and the audit log keeps a nameless line."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote

import pytest

from blocks import ids
from bot.config import Settings
from tests.fakes.block_checks import check_view
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import CHANNEL_ID
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.decision_steps import decision_state, offer_state, open_modal, reply_to, submit_view, view_text
from tests.scenarios.scorecard_steps import ALAN, GRACE, HIRING_MANAGER, KATHERINE, command, submit_scorecard

NAMES = ("ada", "lovelace")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,), "hiring_channel": CHANNEL_ID})


async def everything_naming_ada(hirebot: HirebotServer, prefix: str) -> list[str]:
    """Every key under the test's prefix, and every sorted-set member or stream field, that names her."""
    redis = hirebot.deps.store.redis
    found: list[str] = []
    async for key in redis.scan_iter(match=f"{prefix}*", count=1000):
        text = unquote(str(key)).lower()
        if any(name in text for name in NAMES):
            found.append(text)
        kind = await redis.type(key)
        if kind == "zset":
            members = [unquote(str(m)).lower() for m in await redis.zrange(key, 0, -1)]
            found += [f"{text} member {m}" for m in members if any(name in m for name in NAMES)]
        elif kind == "stream":
            entries = str(await redis.xrange(key)).lower()
            found += [f"{text} entry" for name in NAMES if name in entries]
    return found


async def ada_everywhere(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE, signals=("shipped-agentic",))
    await submit_scorecard(hirebot, slack, user=KATHERINE)
    await command(hirebot, slack, f"remind <@{ALAN}> Ada Lovelace in 45m", user=HIRING_MANAGER, name="remind")
    await slack.wait_for("response_url:remind")
    view = await open_modal(hirebot, slack, "decide Ada Lovelace", name="decide")
    assert (await submit_view(hirebot, view, decision_state("hire", "senior")))["response_action"] == "update"
    view = await open_modal(hirebot, slack, "offer Ada Lovelace", name="offer")
    await submit_view(hirebot, view, offer_state("New York", share="with-figures"))
    await slack.wait_for("chat.postMessage", 3)  # two summaries and the shared offer, all in the channel


async def test_forgetting_ada_leaves_nothing_naming_her(
    hirebot: HirebotServer, slack: FakeSlackAPI, key_prefix: str
) -> None:
    await ada_everywhere(hirebot, slack)
    assert len(slack.workspace.scheduled) == 1
    assert await everything_naming_ada(hirebot, key_prefix)  # the check can fail

    view = await open_modal(hirebot, slack, "forget Ada Lovelace", name="forget")
    assert check_view(view) == []
    listed = view_text(view)
    for what in ("2 scorecards", "the decision (hire at senior)", "the offer draft", "1 reminder (1 not sent yet"):
        assert what in listed
    updates = len(slack.calls_to("views.update"))
    ack = await submit_view(hirebot, view, {})
    assert ack["response_action"] == "update" and "Deleting" in view_text(ack["view"])
    [*_, done] = await slack.wait_for("views.update", updates + 1)
    assert "Forgot *Ada Lovelace*" in view_text(done.body["view"])

    assert await everything_naming_ada(hirebot, key_prefix) == []
    removed = slack.calls_to("chat.update")
    assert len(removed) == 3 and all("removed at the hiring team's request" in c.body["text"].lower() for c in removed)
    posted = {(c.response["channel"], c.response["ts"]) for c in slack.calls_to("chat.postMessage")}
    assert {(c.body["channel"], c.body["ts"]) for c in removed} <= posted
    [unscheduled] = slack.calls_to("chat.deleteScheduledMessage")
    assert unscheduled.ok and slack.workspace.scheduled == {}
    [line] = [e for e in await hirebot.deps.audit.entries() if e.action == "forgot"]
    assert line.actor == HIRING_MANAGER and line.candidate_ref.startswith("c-")


async def test_forgetting_twice_is_harmless_and_only_managers_may(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE)
    refused = await reply_to(hirebot, slack, "forget Ada Lovelace", user=GRACE, name="grace")
    assert "Only hiring managers can delete a candidate's data" in refused["text"]
    view = await open_modal(hirebot, slack, "forget Ada Lovelace", name="first")
    updates = len(slack.calls_to("views.update"))
    await submit_view(hirebot, view, {})
    await slack.wait_for("views.update", updates + 1)
    again = await reply_to(hirebot, slack, "forget Ada Lovelace", user=HIRING_MANAGER, name="again")
    assert "holds nothing about *Ada Lovelace*" in again["text"]
    # the first modal submitted a second time (a double click): nothing left, nothing fails
    await submit_view(hirebot, view, {})
    [*_, last] = await slack.wait_for("views.update", updates + 2)
    assert "Forgot" in view_text(last.body["view"])


def _ids(view: dict[str, Any]) -> list[str]:
    return [block.get("block_id", "") for block in view["blocks"]]


async def test_a_non_manager_submitting_the_modal_is_refused(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE)
    view = await open_modal(hirebot, slack, "forget Ada Lovelace", name="forget")
    ack = await submit_view(hirebot, view, {}, user=GRACE)
    assert "Only hiring managers" in view_text(ack["view"]) and ids.FORGET_NOTICE_BLOCK not in _ids(ack["view"])
    assert await hirebot.deps.scorecard_records.for_candidate("ada lovelace")


async def test_the_server_runs_the_retention_sweep_until_it_stops(hirebot: HirebotServer) -> None:
    [sweep] = [task for task in asyncio.all_tasks() if task.get_name() == "retention"]
    assert not sweep.done()
    await hirebot.server.close()
    assert sweep.cancelled()
