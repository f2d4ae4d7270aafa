"""The non-Slack services handed to every ``handlers`` module's ``register``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.conversation import Conversations
from bot.store import Store
from knowledge.engine import AnswerEngine


@dataclass(frozen=True, slots=True)
class Deps:
    settings: Settings
    engine: AnswerEngine
    store: Store | None
    conversations: Conversations

    @classmethod
    def build(cls, settings: Settings, store: Store | None) -> Deps:
        engine = AnswerEngine()
        return cls(settings=settings, engine=engine, store=store, conversations=Conversations(engine, store))
