"""Scorecards stay cheap: the save is one Redis transaction, the App Home is refreshed only for people who opened
it in the last 24 hours, from one round trip, and publishes for one person are coalesced (latest wins)."""

from __future__ import annotations

import asyncio

from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.scorecard_steps import GRACE, open_home, submit_scorecard

KATHERINE = "U0KATHERIN"


async def test_the_home_is_refreshed_only_for_people_who_opened_it(hirebot: HirebotServer, slack: FakeSlackAPI) -> None:
    await submit_scorecard(hirebot, slack, user=GRACE)
    assert slack.calls_to("views.publish") == []  # Grace never opened her Home

    await open_home(hirebot, slack, KATHERINE)
    await submit_scorecard(hirebot, slack, user=KATHERINE)
    published = slack.calls_to("views.publish")
    assert [call.body["user_id"] for call in published] == [KATHERINE, KATHERINE]
    assert "Ada Lovelace" in str(published[-1].body["view"])


async def test_publishes_for_one_person_are_coalesced_and_the_latest_wins(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    await open_home(hirebot, slack, GRACE)
    await hirebot.settle(quiet_for=0)
    slack.slow("views.publish", 0.5)
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    home = hirebot.deps.scorecards.home
    first = asyncio.create_task(home.publish(client, GRACE, notice="first"))
    await slack.wait_for("views.publish", 2, ok=None)  # the first is in flight at Slack
    await asyncio.gather(*(home.publish(client, GRACE, notice=f"notice {n}") for n in range(5)))
    await first
    notices = [str(call.body["view"]) for call in slack.calls_to("views.publish")[1:]]
    assert len(notices) == 2
    assert "first" in notices[0] and "notice 4" in notices[1]
