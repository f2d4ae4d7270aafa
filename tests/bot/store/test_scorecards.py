"""Scorecards and reminders in a real Redis: deterministic ids, indexes, replacement and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

from bot.store.redis_store import Store
from bot.store.reminders import REMINDER, ReminderRecords
from bot.store.scorecards import CANDIDATE, ScorecardRecords, SummaryPost
from knowledge.reminders import KEEP_AFTER
from knowledge.scorecards import InterviewType, Recommendation
from tests import factories

NOW = datetime.now(UTC)
scorecard = partial(factories.scorecard, at=NOW)
reminder = partial(factories.reminder, at=NOW)


async def test_a_resubmission_replaces_the_first(store: Store) -> None:
    records = ScorecardRecords(store)
    assert await records.save(scorecard()) is False
    assert await records.save(scorecard(recommendation=Recommendation.STRONG_YES)) is True
    assert await records.save(scorecard(interview_type=InterviewType.PORTFOLIO)) is False
    assert await records.save(scorecard("U0KATHERIN", candidate="ada  LOVELACE")) is False

    found = await records.for_candidate("ada lovelace")
    assert len(found) == 3
    assert {(s.interviewer, s.interview_type) for s in found} == {
        ("U0GRACE001", InterviewType.TECHNICAL),
        ("U0GRACE001", InterviewType.PORTFOLIO),
        ("U0KATHERIN", InterviewType.TECHNICAL),
    }
    replaced = await records.get("ada lovelace/U0GRACE001/technical")
    assert replaced is not None and replaced.recommendation is Recommendation.STRONG_YES
    assert [s.interview_type for s in await records.by_interviewer("U0GRACE001", 10)] == [
        InterviewType.PORTFOLIO,
        InterviewType.TECHNICAL,
    ]


async def test_candidates_are_listed_by_latest_scorecard_within_the_window(store: Store) -> None:
    records = ScorecardRecords(store)
    await records.save(
        scorecard(candidate="Old Timer", candidate_key="old timer", submitted_at=NOW - timedelta(days=40))
    )
    await records.save(scorecard())
    entries = await records.recent_candidates(NOW - timedelta(days=30), 10)
    assert [e.candidate for e in entries] == ["Ada Lovelace"]
    assert await store.get_document(CANDIDATE, "old timer") is not None


async def test_unreadable_documents_are_skipped(store: Store) -> None:
    records = ScorecardRecords(store)
    await records.save(scorecard())
    await store.put_document(
        "scorecard", "ada lovelace/U0BROKEN/technical", {"candidate": "Ada"}, indexes=["candidate:ada lovelace"]
    )
    assert [s.interviewer for s in await records.for_candidate("ada lovelace")] == ["U0GRACE001"]
    assert await records.get("ada lovelace/U0BROKEN/technical") is None


async def test_summary_posts_are_remembered(store: Store) -> None:
    records = ScorecardRecords(store)
    assert await records.summary_post("x") is None
    await records.remember_summary_post("x", SummaryPost(channel="C0HIRING01", ts="1.000100"))
    assert await records.summary_post("x") == SummaryPost(channel="C0HIRING01", ts="1.000100")


async def test_one_reminder_per_pair_kept_until_after_it_fires(store: Store) -> None:
    records = ReminderRecords(store)
    await records.save(reminder(), NOW)
    await records.save(reminder(hours=2), NOW)
    assert [r.remind_at for r in await records.for_interviewer("U0GRACE001", 10)] == [NOW + timedelta(hours=2)]
    assert [r.interviewer for r in await records.by_requester("U0HIRINGMGR", 10)] == ["U0GRACE001"]
    ttl = await store.redis.ttl(store.document_key(REMINDER, "ada lovelace/U0GRACE001"))
    expected = (timedelta(hours=2) + KEEP_AFTER).total_seconds()
    assert expected - 5 <= ttl <= expected

    found = await records.get("ada lovelace/U0GRACE001")
    assert found is not None
    await records.delete(found)
    assert await records.get("ada lovelace/U0GRACE001") is None
    assert await records.for_interviewer("U0GRACE001", 10) == []


async def test_expired_reminders_leave_the_indexes(store: Store) -> None:
    records = ReminderRecords(store)
    await records.save(reminder(), NOW)
    await store.redis.delete(store.document_key(REMINDER, "ada lovelace/U0GRACE001"))
    assert await records.by_requester("U0HIRINGMGR", 10) == []
    assert await store.index_members(REMINDER, "requester:U0HIRINGMGR") == []
