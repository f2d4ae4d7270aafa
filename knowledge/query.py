"""A question after conversation context is applied, and the answer the engine gives to it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from knowledge.models import Level, Role, Section
from knowledge.pay import Location, NotCovered, PayQuote
from knowledge.understanding import Product, Topic


class Query(BaseModel):
    """What is being asked, with follow-ups already merged; stored with each turn so the next one can build on it."""

    model_config = ConfigDict(frozen=True)

    topic: Topic
    roles: tuple[Role, ...] = ()
    level: Level | None = None
    location: Location | None = None
    agentic: bool | None = None
    subject: str | None = None
    product: Product | None = None
    follow_up: bool = False


class KnowledgeItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    heading: str
    lines: tuple[str, ...] = ()


class Answer(BaseModel):
    """The reply: plain text for people, plus the structured result and sources for cards and ``--json``."""

    model_config = ConfigDict(frozen=True)

    text: str
    query: Query
    sources: tuple[Section, ...]
    pay: tuple[PayQuote | NotCovered, ...] = ()
    items: tuple[KnowledgeItem, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()

    @property
    def topic(self) -> Topic:
        return self.query.topic

    @property
    def covered(self) -> bool | None:
        """For pay answers: whether every requested band exists in the guide."""
        if not self.pay:
            return None
        return all(isinstance(result, PayQuote) for result in self.pay)
