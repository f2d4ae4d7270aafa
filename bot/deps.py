"""The services handed to every ``handlers`` module's ``register``: built once per process, never global.

The store is always a ``Store``: while Redis can't be had it is the stand-in that raises ``StoreUnavailable``
(``bot.store.unavailable``), so no caller checks for a missing one. The typed repositories over it are built
here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.answers.claude import ClaudeAnswerer
from bot.answers.history import History
from bot.answers.questions import QuestionDesk
from bot.answers.service import AnswerService
from bot.answers.usage import LlmLimits
from bot.config import Settings
from bot.hire.registry import CardContext
from bot.ops.metrics import Metrics
from bot.ops.tasks import BackgroundTasks
from bot.scorecards.service import ScorecardService
from bot.store.answers import AnswerRecords
from bot.store.dedupe import RecentIds
from bot.store.feedback import FeedbackRecords
from bot.store.redis_store import Store
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords
from knowledge.engine import AnswerEngine

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic


@dataclass(frozen=True, slots=True)
class Deps:
    settings: Settings
    engine: AnswerEngine
    store: Store
    scorecard_records: ScorecardRecords
    reminder_records: ReminderRecords
    feedback_records: FeedbackRecords
    answers: AnswerService
    questions: QuestionDesk
    scorecards: ScorecardService
    cards: CardContext
    metrics: Metrics
    tasks: BackgroundTasks

    @classmethod
    def build(cls, settings: Settings, store: Store, anthropic: AsyncAnthropic | None = None) -> Deps:
        """``anthropic`` is given only when ``ANTHROPIC_API_KEY`` is set; without it answers are offline."""
        engine = AnswerEngine()
        metrics = Metrics()
        store.on_unavailable.append(metrics.redis_failed)
        claude = (
            ClaudeAnswerer(
                anthropic, settings.anthropic_model, engine.calculator, deadline=settings.hirebot_llm_deadline_seconds
            )
            if anthropic
            else None
        )
        limits = LlmLimits(
            store,
            per_user_per_minute=settings.hirebot_llm_per_user_per_minute,
            daily_token_budget=settings.hirebot_llm_daily_token_budget,
        )
        answer_records = AnswerRecords(store)
        answers = AnswerService(History(store), engine, answer_records, claude=claude, limits=limits, metrics=metrics)
        tasks = BackgroundTasks()
        scorecard_records, reminder_records = ScorecardRecords(store), ReminderRecords(store)
        return cls(
            settings=settings,
            engine=engine,
            store=store,
            scorecard_records=scorecard_records,
            reminder_records=reminder_records,
            feedback_records=FeedbackRecords(store, answer_records),
            answers=answers,
            questions=QuestionDesk(answers, store, RecentIds(), tasks),
            cards=CardContext(answer=answers.card_answer, calculator=engine.calculator),
            scorecards=ScorecardService(settings, scorecard_records, reminder_records),
            metrics=metrics,
            tasks=tasks,
        )
