"""The services handed to every ``handlers`` module's ``register``: built once per process, never global.

The store is always a ``Store``: while Redis can't be had it is the stand-in that raises ``StoreUnavailable``
(``bot.store.unavailable``), so no caller checks for a missing one. The typed repositories over it are built
here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.answers.outbox import Outbox
from bot.answers.questions import QuestionDesk
from bot.answers.service import AnswerService
from bot.config import Settings
from bot.decisions.service import DecisionService
from bot.hire.registry import CardContext
from bot.ops.metrics import Metrics
from bot.ops.tasks import BackgroundTasks
from bot.scorecards.service import ScorecardService
from bot.store.audit import AuditLog
from bot.store.decisions import DecisionRecords
from bot.store.dedupe import EventClaims
from bot.store.feedback import FeedbackRecords
from bot.store.redis_store import Store
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic


@dataclass(frozen=True, slots=True)
class Deps:
    settings: Settings
    store: Store
    scorecard_records: ScorecardRecords
    reminder_records: ReminderRecords
    feedback_records: FeedbackRecords
    answers: AnswerService
    events: EventClaims
    questions: QuestionDesk
    scorecards: ScorecardService
    decision_records: DecisionRecords
    audit: AuditLog
    decisions: DecisionService
    cards: CardContext
    metrics: Metrics
    tasks: BackgroundTasks
    outbox: Outbox

    @classmethod
    def build(cls, settings: Settings, store: Store, anthropic: AsyncAnthropic | None = None) -> Deps:
        """``anthropic`` is given only when ``ANTHROPIC_API_KEY`` is set; without it answers are offline."""
        metrics = Metrics()
        store.on_unavailable.append(metrics.redis_failed)
        answers = AnswerService.build(settings, store, anthropic, metrics=metrics)
        scorecard_records, reminder_records = ScorecardRecords(store), ReminderRecords(store)
        tasks = BackgroundTasks()
        events = EventClaims(store)
        decision_records = DecisionRecords(store)
        audit = AuditLog(store, timedelta(days=settings.hirebot_retention_days))
        scorecards = ScorecardService(settings, scorecard_records, reminder_records, decision_records, audit)
        outbox = Outbox(store, tasks)
        return cls(
            settings=settings,
            store=store,
            scorecard_records=scorecard_records,
            reminder_records=reminder_records,
            feedback_records=FeedbackRecords(store, answers.records),
            answers=answers,
            events=events,
            questions=QuestionDesk(answers, events, tasks, outbox),
            cards=CardContext(answer=answers.card_answer, calculator=answers.engine.calculator),
            scorecards=scorecards,
            decision_records=decision_records,
            audit=audit,
            decisions=DecisionService(
                settings, scorecard_records, decision_records, audit, scorecards.home, answers.engine.calculator
            ),
            metrics=metrics,
            tasks=tasks,
            outbox=outbox,
        )
