"""Workspace A can neither see nor change workspace B's records, on every surface that keeps any: scorecards and the
candidate list, reminders, decisions, offers and late marks, the audit log, conversation history, event claims,
answers and feedback, LLM limits and usage, the App Home's read, the outbox. Each surface is written in A under
the same ids B then uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.answers.claude import Usage
from bot.answers.usage import LlmLimits, Reservation, usage_rows
from bot.config import Settings
from bot.deps import Deps
from bot.store.answers import AnswerRecords
from bot.store.audit import AuditAction
from bot.store.home_read import HomeReader
from bot.store.redis_store import Store, Turn
from bot.store.workspace import Workspace, within
from knowledge.models import Level, Role
from knowledge.outcomes import Decision, Outcome
from tests.factories import reminder, scorecard

NOW = datetime.now(UTC)
ACME, GLOBEX = Workspace(team_id="T0ACME0001"), Workspace(team_id="T0GLOBEX01")
ORG = Workspace(team_id=None, enterprise_id="E0GRID0001")


def deps_of(store: Store) -> Deps:
    return Deps.build(Settings(_env_file=None), store)  # type: ignore[call-arg]


def decision() -> Decision:
    return Decision(
        candidate="Ada Lovelace",
        candidate_key="ada lovelace",
        role=Role.AI_ENGINEER,
        outcome=Outcome.HIRE,
        level=Level.SENIOR,
        reasons="Strong evals",
        decided_by="U0HIRINGMGR",
        decided_at=NOW,
    )


async def fill(deps: Deps, store: Store) -> None:
    await deps.scorecard_records.save(scorecard(at=NOW - timedelta(hours=2)))
    await deps.reminder_records.save(reminder(at=NOW), NOW)
    await deps.decision_records.save(decision())
    await deps.audit.record("U0HIRINGMGR", AuditAction.DECIDED, "ref")
    await store.append_turn("D1:1712.0001", Turn(role="user", text="pay for a senior ML engineer?"))
    kept = AnswerRecords.put_for(
        "answer-1", question="q", answer="a", engine="offline", user="U1", feature="dm", topic="pay"
    )
    await store.append_turns("D1:1712.0002", [Turn(role="user", text="and remote?")], also=kept)
    await deps.feedback_records.record_vote("answer-1", "U1", "unhelpful")
    limits = LlmLimits(store, per_user_per_minute=1, daily_token_budget=10)
    reservation = await limits.reserve("U1")
    assert isinstance(reservation, Reservation)
    await limits.settle(reservation, "dm", "claude-sonnet", Usage(input_tokens=11, output_tokens=1, requests=1))
    assert isinstance(await limits.reserve("U1"), str), "A's budget and U1's window are used up in A"
    await store.put_document("outbox", "post-1", {"id": "post-1"}, indexes=["pending"])


async def test_no_workspace_sees_another_ones_records(store: Store) -> None:
    deps = deps_of(store)
    with within(ACME):
        await fill(deps, store)
        assert await deps.events.first("Ev1")
        home = await HomeReader(store).read("U0GRACE001", 10, opened=True)
        assert home is not None and [entry.candidate for entry in home.candidates] == ["Ada Lovelace"]

    for other in (GLOBEX, ORG):
        with within(other):
            assert await deps.scorecard_records.for_candidate("ada lovelace") == []
            assert await deps.scorecard_records.recent_candidates(NOW - timedelta(days=1), 10) == []
            assert await deps.reminder_records.for_interviewer("U0GRACE001", 10) == []
            assert await deps.decision_records.get("ada lovelace") is None
            assert await deps.audit.entries() == []
            assert await store.recent_turns("D1:1712.0001") == []
            assert await deps.answers.records.get("answer-1") is None
            assert await deps.feedback_records.unhelpful() == []
            assert await usage_rows(store) == []
            limits = LlmLimits(store, per_user_per_minute=1, daily_token_budget=10)
            reserved = await limits.reserve("U1")
            assert isinstance(reserved, Reservation), "neither A's budget nor A's rate window counts here"
            assert await store.index_members("outbox", "pending") == []
            assert await deps.events.first("Ev1"), "an event id claimed in A is still new in B"
            home = await HomeReader(store).read("U0GRACE001", 10, only_visitors=True)
            assert home is None, "a Home visit in A is not one in B"


async def test_a_workspace_writing_the_same_ids_changes_nothing_in_another(store: Store) -> None:
    deps = deps_of(store)
    with within(ACME):
        await fill(deps, store)
    with within(GLOBEX):
        await deps.scorecard_records.save(scorecard(at=NOW, notes="Globex's notes"))
        await deps.decision_records.save(decision().model_copy(update={"outcome": Outcome.NO_HIRE}))
        await deps.feedback_records.record_vote("answer-1", "U1", "helpful")
        await store.clear_history("D1:1712.0001")
        await deps.reminder_records.delete(reminder(at=NOW))

    with within(ACME):
        [acme] = await deps.scorecard_records.for_candidate("ada lovelace")
        assert acme.notes != "Globex's notes"
        found = await deps.decision_records.get("ada lovelace")
        assert found is not None and found.outcome == Outcome.HIRE
        assert [vote["answer_id"] for vote in await deps.feedback_records.unhelpful()] == ["answer-1"]
        assert len(await store.recent_turns("D1:1712.0001")) == 1
        assert len(await deps.reminder_records.for_interviewer("U0GRACE001", 10)) == 1
        assert [entry.action for entry in await deps.audit.entries()] == [AuditAction.DECIDED]


async def test_keys_carry_the_workspace_and_the_unscoped_view_none(store: Store) -> None:
    base = store.base_prefix
    with within(ACME):
        assert store.document_key("scorecard", "x") == f"{base}w:none:T0ACME0001:doc:scorecard:x"
        assert store.unscoped().document_key("slack-bot", "x") == f"{base}doc:slack-bot:x"
    with within(ORG):
        assert store.prefix == f"{base}w:E0GRID0001:none:"
    assert store.prefix == base
    assert Workspace.from_keyspace("w:E0GRID0001:none:doc:x") == ORG
    assert Workspace.of("E1", "T1", is_enterprise_install=True) == Workspace(team_id=None, enterprise_id="E1")
