"""A question after conversation context is applied, and the answer the engine gives to it."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from knowledge.models import Level, Role, Section
from knowledge.pay import Location, NotCovered, PayQuote
from knowledge.pay_asks import PayAsk
from knowledge.pay_math import PayMath
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
    full: bool = False  # every item of a list, not the first few (``knowledge.detail``)
    offer: Topic | None = None  # what the answer offered next ("Want interview questions ...?"): a "yes" gets it
    # The message as read, so a shortened list can show first what it asked about; never stored with history.
    asked: str = Field(default="", exclude=True)
    pay_ask: PayAsk | None = None


class KnowledgeItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    heading: str
    lines: tuple[str, ...] = ()


class Answer(BaseModel):
    """The engine's reply as fields each surface renders: a lead that makes the point, the lines that back it
    up, the pay results the calculator produced, and the guide sections it comes from."""

    model_config = ConfigDict(frozen=True)

    lead: str
    body: tuple[str, ...] = ()
    query: Query
    sources: tuple[Section, ...]
    figures: tuple[PayQuote | NotCovered, ...] = ()
    items: tuple[KnowledgeItem, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()
    parts: tuple[Answer, ...] = ()  # the message's further questions, answered in the order asked
    # The topic was a guess: the message named none, gave no level and follows nothing ("our product is RAG over
    # docs: AI or ML engineer?"). A model, when configured, reads such messages instead of trusting the guess.
    unsure: bool = False
    arithmetic: tuple[PayMath, ...] = ()
    # Part of a list was left out to keep the reply short; "more" (or Slack's "Show all" button) shows it all.
    more: bool = False

    @classmethod
    def of(cls, query: Query, lead: str, body: Iterable[str], sources: tuple[Section, ...], **fields: object) -> Answer:
        """The answer a composer builds: ``body`` lines that came out empty (an optional note) are left out."""
        lines = tuple(line for line in body if line)
        return cls.model_validate({"lead": lead, "body": lines, "query": query, "sources": sources, **fields})

    @property
    def topic(self) -> Topic:
        return self.query.topic

    @property
    def covered(self) -> bool | None:
        """For pay answers: whether every requested band exists in the guide."""
        if not self.figures:
            return None
        return all(isinstance(result, PayQuote) for result in self.figures)

    @property
    def quotes_pay(self) -> bool:
        """A pay question the calculator answered: shown as a pay card."""
        return self.topic is Topic.PAY and bool(self.figures)

    @property
    def settled(self) -> bool:
        """A pay question read with confidence and answered by the calculator (a quote or its arithmetic): its
        job alone, never worth asking a model about. A loosely phrased comparison ("which costs more, an AI or
        an ML engineer?": no level, so the reading is a guess at what's compared) is not settled."""
        loose = (
            self.query.pay_ask is not None
            and self.query.pay_ask.operation is not None
            and not self.query.pay_ask.strong
        )
        return (self.quotes_pay or bool(self.arithmetic)) and not self.unsure and not loose

    @property
    def all_sources(self) -> tuple[Section, ...]:
        """The sections this answer and its further parts come from, each once."""
        return tuple(dict.fromkeys((*self.sources, *(s for part in self.parts for s in part.sources))))

    @property
    def derived_figures(self) -> frozenset[int]:
        """Dollar amounts this answer's own arithmetic produced or took as input: it may quote these too."""
        return frozenset(
            figure
            for answer in (self, *self.parts)
            for result in answer.arithmetic
            for figure in result.dollar_figures()
        )

    @property
    def citation(self) -> str:
        """``Source: ...`` or ``Sources: ...``; empty when the answer cites nothing."""
        sources = self.all_sources
        if not sources:
            return ""
        return ("Source" if len(sources) == 1 else "Sources") + ": " + "; ".join(s.value for s in sources)

    @property
    def text(self) -> str:
        """The answer as plain text, for people reading a terminal and for a model reading history: the lead,
        the body, each further part after a blank line, then the citation."""
        sections = ["\n".join(line for line in (answer.lead, *answer.body) if line) for answer in (self, *self.parts)]
        return "\n".join(line for line in ("\n\n".join(sections), self.citation) if line)
