"""The non-Slack services handed to every ``handlers`` module's ``register``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.answers import AnswerService
from bot.claude import ClaudeAnswerer
from bot.config import Settings
from bot.conversation import Conversations
from bot.dedupe import RecentIds
from bot.llm_usage import LlmLimits
from bot.metrics import Metrics
from bot.store import Store
from bot.tasks import BackgroundTasks
from knowledge.engine import AnswerEngine

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic


@dataclass(frozen=True, slots=True)
class Deps:
    settings: Settings
    engine: AnswerEngine
    store: Store | None
    conversations: Conversations
    answers: AnswerService
    metrics: Metrics = field(default_factory=Metrics)
    tasks: BackgroundTasks = field(default_factory=BackgroundTasks)
    recent_events: RecentIds = field(default_factory=RecentIds)

    @classmethod
    def build(cls, settings: Settings, store: Store | None, anthropic: AsyncAnthropic | None = None) -> Deps:
        """``anthropic`` is given only when ``ANTHROPIC_API_KEY`` is set; without it answers are offline."""
        engine = AnswerEngine()
        metrics = Metrics()
        if store is not None:
            store.on_unavailable.append(metrics.redis_failed)
        conversations = Conversations(engine, store)
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
        answers = AnswerService(conversations, claude=claude, limits=limits, metrics=metrics)
        return cls(
            settings=settings,
            engine=engine,
            store=store,
            conversations=conversations,
            answers=answers,
            metrics=metrics,
        )
