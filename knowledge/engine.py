"""The offline answer engine: question (plus the previous turn's query) in, grounded answer out.

Pure and synchronous. Conversation history lives elsewhere (the store); callers pass the last resolved
``Query`` of the conversation so follow-ups like "and in NYC?" build on it.
"""

from __future__ import annotations

import re

from knowledge.compose import COMPOSERS
from knowledge.compose_decisions import compose_decision
from knowledge.decisions import decide, settled
from knowledge.detail import asks_for_the_rest, wants_everything
from knowledge.guide import GUIDE
from knowledge.models import Level, Role
from knowledge.pay import PayCalculator
from knowledge.pay_answers import compose_pay_ask
from knowledge.pay_asks import read_pay_ask
from knowledge.pay_context import apply_pay_ask
from knowledge.query import Answer, Query
from knowledge.rambles import read
from knowledge.several import asked_together
from knowledge.understanding import ParsedText, Topic, main_topic

CONTRACT_WORDS = re.compile(r"contract|freelanc|fractional|consult|agency|hourly|per hour|\bhour")
COST_WORDS = re.compile(r"\b(?:cost|costs|cheaper|pricier|expensive|rates?|price|budget)\b")
BUILD_PLAY = re.compile(r"\bbuild\b|\bdiy\b|\bfounder led\b|\bmyself\b|\bourselves\b")
FULL_TIME = re.compile(r"\bfull time\b|\bfte\b|\bpermanent\b|\bin house\b|\bon staff\b")
# The guide's Play 2 described rather than named: bounded, expert work ("set up an eval framework, bounded scope").
BOUNDED_WORK = re.compile(
    r"\bbounded\b|\beval(?:uation)? (?:framework|harness|suite)|\bmodel comparison|\bcomparison study|\bone off\b|"
    r"\bshort term\b|\bshort project\b|\bnot sure (?:we|i) need"
)
CONTRACT_PLAY = re.compile(f"{CONTRACT_WORDS.pattern}|{BOUNDED_WORK.pattern}")


class AnswerEngine:
    def __init__(self, calculator: PayCalculator | None = None) -> None:
        self.calculator = calculator or PayCalculator()

    def answer(self, question: str, previous: Query | None = None) -> Answer:
        parsed = read(question)
        query = apply_pay_ask(resolve(parsed, previous), read_pay_ask(question, parsed), previous)
        if previous is not None and previous.topic is not Topic.UNKNOWN and asks_for_the_rest(parsed):
            query = _the_rest(previous)
        elif wants_everything(parsed):
            query = query.model_copy(update={"full": True})
        query = query.model_copy(update={"asked": parsed.text})
        if query.pay_ask is not None:
            answer = compose_pay_ask(query, self.calculator)
        else:
            answer = compose_decision(query, self.calculator) or COMPOSERS[query.topic](query, self.calculator)
        guessed = main_topic(parsed) is None and parsed.level is None and not query.follow_up
        if guessed and query.pay_ask is None:
            answer = answer.model_copy(update={"unsure": True})
        together = asked_together(parsed)
        if query.topic in together:
            # Several questions at once: the first is the answer (and what a follow-up builds on), the rest its parts.
            first, *rest = together
            if first is not query.topic or query.pay_ask is None:
                answer = COMPOSERS[first](_for_topic(query, parsed, first), self.calculator)
            parts = tuple(COMPOSERS[topic](_for_topic(query, parsed, topic), self.calculator) for topic in rest)
            answer = answer.model_copy(update={"parts": parts})
        return answer.model_copy(update={"corrections": parsed.corrections}) if parsed.corrections else answer

    def in_full(self, query: Query) -> Answer:
        """The whole of an answer that left part of a list out: what "more" after it shows, for a button that
        asks for it later (Slack's "Show all"), from the query the first answer was built from."""
        return COMPOSERS[query.topic](query.model_copy(update={"full": True}), self.calculator)


def _the_rest(previous: Query) -> Query:
    """What "yes" or "more" asks for: what the last answer offered ("Want interview questions for an AI
    engineer?"), about whoever it was about, else the whole of the last answer's list."""
    if previous.offer is not None:
        about = settled(previous) or previous
        return about.model_copy(
            update={"topic": previous.offer, "subject": None, "offer": None, "full": True, "follow_up": True}
        )
    return previous.model_copy(update={"full": True, "follow_up": True})


def _for_topic(query: Query, parsed: ParsedText, topic: Topic) -> Query:
    """The same question's slots, asked about another of the message's topics."""
    return query.model_copy(update={"topic": topic, "subject": _subject(parsed, topic)})


def _subject(parsed: ParsedText, topic: Topic) -> str | None:
    if topic is Topic.PLAYS:
        named = [
            play
            for play, pattern in (("contract", CONTRACT_PLAY), ("full-time", FULL_TIME), ("build", BUILD_PLAY))
            if pattern.search(parsed.text)
        ]
        if "contract" in named and (Topic.PAY in parsed.topics or COST_WORDS.search(parsed.text)):
            return "contract"  # "what does a contractor cost vs a full-time hire?": the contractor's rate first
        # One play named is a question about it; several ("contract or hire full time?") weigh all three.
        return named[0] if len(named) == 1 and named[0] != "build" else None
    if topic is Topic.ROLES:
        if set(parsed.roles) == {Role.ML_ENGINEER, Role.RESEARCH_ENGINEER} or (
            Role.RESEARCH_ENGINEER in parsed.roles and {"applied", "phd", "phds"} & set(parsed.text.split())
        ):
            return "tribes"  # the two kinds of ML engineer; also where the guide says who works beside PhDs
        if parsed.roles_subject is None and len(parsed.roles) != 1:
            return "compare"
        return parsed.roles_subject
    return None


def _carried_level(previous: Query, roles: tuple[Role, ...]) -> Level | None:
    """The earlier level, unless the roles changed to ones the guide has no band at that level for: "and for ML?"
    after a staff AI engineer asks about ML engineers, not about a staff ML band that doesn't exist. A comparison
    keeps its sides ("staff vs senior", then "for ML?" asks for that comparison, which the guide can't make)."""
    if previous.level is None or not roles or roles == previous.roles or previous.pay_ask is not None:
        return previous.level
    has_level = all(any(band.role is role and band.level is previous.level for band in GUIDE.bands) for role in roles)
    return previous.level if has_level else None


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
            # A detour keeps who is being discussed, so "what do they cost?" afterwards still means them.
            return fresh.model_copy(
                update={
                    "roles": usable.roles,
                    "level": fresh.level or usable.level,
                    "location": fresh.location or usable.location,
                    "agentic": fresh.agentic if fresh.agentic is not None else usable.agentic,
                }
            )
        if not fresh.roles and topic is Topic.PAY and fresh.level is not None and usable.roles:
            # "how much for a mid level one?" after "hire an AI engineer first": the role just discussed, at the
            # level now named, where the guide has a band for it.
            roles = tuple(r for r in usable.roles if any(b.role is r and b.level is fresh.level for b in GUIDE.bands))
            return fresh.model_copy(update={"roles": roles})
        return fresh
    subject = fresh.subject
    if topic is usable.topic and subject in (None, "compare") and not parsed.roles_subject:
        subject = usable.subject
    return Query(
        topic=topic,
        roles=parsed.roles or usable.roles,
        level=parsed.level if parsed.level is not None else _carried_level(usable, parsed.roles),
        location=parsed.location or usable.location,
        agentic=parsed.agentic if parsed.agentic is not None else usable.agentic,
        subject=subject,
        product=parsed.product or usable.product,
        follow_up=True,
    )
