"""The offline answer engine: question (plus the previous turn's query) in, grounded answer out.

Pure and synchronous. Conversation history lives elsewhere (the store); callers pass the last resolved
``Query`` of the conversation so follow-ups like "and in NYC?" build on it.
"""

from __future__ import annotations

import re

from knowledge.compose import COMPOSERS
from knowledge.compose_decisions import compose_decision
from knowledge.decisions import decide, settled
from knowledge.models import Role
from knowledge.pay import PayCalculator
from knowledge.query import Answer, Query
from knowledge.rambles import read
from knowledge.understanding import ParsedText, Topic, main_topic

CONTRACT_WORDS = re.compile(r"contract|freelanc|fractional|consult|agency|hourly|per hour|\bhour")


class AnswerEngine:
    def __init__(self, calculator: PayCalculator | None = None) -> None:
        self.calculator = calculator or PayCalculator()

    def answer(self, question: str, previous: Query | None = None) -> Answer:
        parsed = read(question)
        query = resolve(parsed, previous)
        answer = compose_decision(query, self.calculator) or COMPOSERS[query.topic](query, self.calculator)
        return answer.model_copy(update={"corrections": parsed.corrections}) if parsed.corrections else answer


def _subject(parsed: ParsedText, topic: Topic) -> str | None:
    if topic is Topic.PLAYS:
        return "contract" if CONTRACT_WORDS.search(parsed.text) else None
    if topic is Topic.ROLES:
        if set(parsed.roles) == {Role.ML_ENGINEER, Role.RESEARCH_ENGINEER} or (
            Role.RESEARCH_ENGINEER in parsed.roles and "applied" in parsed.text.split()
        ):
            return "tribes"
        if parsed.roles_subject is None and len(parsed.roles) != 1:
            return "compare"
        return parsed.roles_subject
    return None


def resolve(parsed: ParsedText, previous: Query | None) -> Query:
    """Apply conversation context: a message that names no topic, or opens like a follow-up, builds on the last."""
    decided = decide(parsed, previous)
    if decided is not None:
        return decided
    previous = settled(previous)
    topic = main_topic(parsed)
    usable = previous if previous is not None and previous.topic is not Topic.UNKNOWN else None
    # A level, or (in a conversation) a place or agentic experience, only matter for pay. Alone, with nothing
    # before it, a place is more likely chit-chat ("weather in SF?").
    pay_shaped = parsed.level is not None or (
        usable is not None and (parsed.location is not None or parsed.agentic is not None)
    )
    if topic is None and pay_shaped and (usable is None or usable.topic is not Topic.PAY):
        topic = Topic.PAY
    follow_up = usable is not None and (
        (topic is None and (parsed.has_slots or parsed.follow_up_opener or parsed.product is not None))
        or (parsed.follow_up_opener and topic is not Topic.UNKNOWN)
        or (topic is Topic.PAY and not parsed.roles and parsed.level is None)
    )
    if topic is None:
        if follow_up and usable is not None:
            topic = usable.topic
        elif parsed.roles or parsed.level is not None:
            topic = Topic.PAY
        elif parsed.product is not None:
            topic = Topic.ROLES
        else:
            topic = Topic.UNKNOWN
    fresh = Query(
        topic=topic,
        roles=parsed.roles,
        level=parsed.level,
        location=parsed.location,
        agentic=parsed.agentic,
        subject=_subject(parsed, topic),
        product=parsed.product,
    )
    if usable is None:
        return fresh
    if not follow_up:
        if not fresh.roles and topic in (Topic.INTERVIEW, Topic.RED_FLAGS, Topic.SIGNALS, Topic.SOURCING):
            return fresh.model_copy(update={"roles": usable.roles})
        return fresh
    subject = fresh.subject
    if topic is usable.topic and subject in (None, "compare") and not parsed.roles_subject:
        subject = usable.subject
    return Query(
        topic=topic,
        roles=parsed.roles or usable.roles,
        level=parsed.level if parsed.level is not None else usable.level,
        location=parsed.location or usable.location,
        agentic=parsed.agentic if parsed.agentic is not None else usable.agentic,
        subject=subject,
        product=parsed.product or usable.product,
        follow_up=True,
    )
