"""The two hot paths of scorecards each cost one round trip to Redis: a save (one ``MULTI``/``EXEC``) and the data
of an App Home (one script), counted at the client; and an answer's reading whether its workspace uses Claude
costs none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

from anthropic import AsyncAnthropic
from pydantic import SecretStr

from bot.answers.service import AnswerService
from bot.config import Settings
from bot.store.home_read import HomeReader
from bot.store.redis_store import Store
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords
from bot.store.team_settings import TeamSettings, TeamSettingsRecords
from tests import factories
from tests.bot.store.counting import CountingRedis

NOW = datetime.now(UTC)
scorecard = partial(factories.scorecard, at=NOW)


async def test_a_save_with_its_checks_is_one_transaction(counted: tuple[Store, CountingRedis]) -> None:
    store, client = counted
    records = ScorecardRecords(store)
    first = await records.record(scorecard(), reminder="ada lovelace/U0GRACE001")
    again = await records.record(scorecard())
    assert client.round_trips == 2
    assert (first.replaced, first.reminder_exists, again.replaced, again.reminder_exists) == (False, False, True, None)
    assert (first.pending_reminder, first.home_visitor) == (False, False)

    await ReminderRecords(store).save(factories.reminder(at=NOW), NOW)  # Grace's reminder for Ada
    await HomeReader(store).read("U0GRACE001", 8, opened=True)  # Grace opens her Home
    client.round_trips = 0
    third = await records.record(scorecard())
    assert client.round_trips == 1
    assert (third.pending_reminder, third.home_visitor) == (True, True)  # what the follow-up then does


async def test_a_home_is_read_in_one_round_trip_whatever_it_holds(counted: tuple[Store, CountingRedis]) -> None:
    store, client = counted
    records = ScorecardRecords(store)
    await records.save(scorecard("U0GRACE001"))
    await records.save(scorecard("U0KATHERIN"))
    await records.save(scorecard("U0KATHERIN", candidate="Grace Hopper", candidate_key="grace hopper"))
    odd = "josé o'brien/ñ:%~x"  # the script's keys must percent-encode exactly as Store's do
    await records.save(scorecard("U0KATHERIN", candidate="José", candidate_key=odd))
    await ReminderRecords(store).save(factories.reminder(at=NOW), NOW - timedelta(minutes=1))
    reader = HomeReader(store)
    await reader.read("U0GRACE001", 8, opened=True)  # loads the script
    client.round_trips = 0

    data = await reader.read("U0GRACE001", 8, only_visitors=True)
    assert client.round_trips == 1
    assert data is not None
    assert [s.candidate for s in data.recent] == ["Ada Lovelace"]
    assert [r.candidate for r in data.asked_of_me] == ["Ada Lovelace"]
    assert {entry.candidate for entry in data.candidates} == {"Ada Lovelace", "Grace Hopper", "José"}
    assert len(data.scorecards["ada lovelace"]) == 2 and len(data.scorecards["grace hopper"]) == 1
    assert len(data.scorecards[odd]) == 1
    assert await reader.read("U0NEVERCAME", 8, only_visitors=True) is None


QUESTION = "what interview questions should I ask an ML engineer?"  # not a settled pay question: the model's


async def reply_round_trips(answers: AnswerService, client: CountingRedis, conversation: str) -> int:
    client.round_trips = 0
    await answers.reply(conversation, QUESTION, user_id="U0ASKER001", feature="dm")
    return client.round_trips


async def test_whether_the_workspace_uses_claude_costs_an_answer_no_extra_round_trip(
    counted: tuple[Store, CountingRedis], redis_url: str
) -> None:
    """With Claude configured the workspace's settings are read in the history read's pipeline: a workspace that
    turned Claude off is answered offline in as many round trips as an answer with no Claude configured at all."""
    store, client = counted
    settings = Settings(_env_file=None, anthropic_api_key=SecretStr("sk-ant-test"))  # type: ignore[call-arg]
    team = TeamSettingsRecords(store, settings)
    await team.save(TeamSettings(use_claude=False))
    unreachable = AsyncAnthropic(api_key="sk-ant-test", base_url="http://127.0.0.1:9", max_retries=0)
    with_claude = AnswerService.build(settings, store, unreachable)
    without = AnswerService.build(Settings(_env_file=None), store)  # type: ignore[call-arg]
    assert with_claude.claude is not None and without.claude is None

    offline = await reply_round_trips(without, client, "T1:D1:main")
    assert await reply_round_trips(with_claude, client, "T1:D2:main") == offline
    assert await reply_round_trips(with_claude, client, "T1:D2:main") == offline, "with history to read too"
    await unreachable.close()
