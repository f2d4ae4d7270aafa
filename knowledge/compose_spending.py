"""Answers about what to spend and how: the three plays (build it yourself, contract, hire full time), equity
for the hire asked about, and the guide's warning against underpaying the first AI hire."""

from __future__ import annotations

import re

from knowledge.compose_common import bullets, quote_line, render_items, where
from knowledge.guide import GUIDE
from knowledge.models import Play, Role, Section
from knowledge.pay import Location, PayCalculator, PayQuote, PayRequest, Place, request_title, with_article
from knowledge.query import Answer, KnowledgeItem, Query


def _conditions(play: Play) -> str:
    """A play's conditions as one clause: "AI is the core of your product, not a feature, and there are ..." """
    return (", and " if any("," in when for when in play.when) else " and ").join(play.when)


CORE_PRODUCT = re.compile(
    r"\b(?:whole product|entire product|the product itself|core (?:of|to) (?:the|our) (?:product|business)|"
    r"our core|core product|ai first|ai native|central to|the whole (?:company|business)|is the product)\b"
)
JUST_A_FEATURE = re.compile(r"\b(?:just|only|one|a single|small|side|minor) (?:a )?(?:ai )?feature\b|\bnice to have\b")
_SPAN = r"(?P<number>\d{1,2}|one|two|three|a) (?P<unit>months?|years?)"
# Months of work for the hire, not any months ("we raised 3 months ago"): "18 months of work", "a year of
# roadmap", "2 years of work ahead", "a roadmap for the next 18 months".
WORK_AHEAD = (
    re.compile(rf"\b{_SPAN} (?:of |worth of )(?:\w+ ){{0,2}}?(?:work|projects?|roadmap|backlog|stuff)\b"),
    re.compile(rf"\b{_SPAN} (?:ahead|planned|of runway for it)\b"),
    re.compile(rf"\b(?:roadmap|backlog|work|plan|plans) for the next {_SPAN}\b"),
)
YEARS = {"one": 1, "a": 1, "two": 2, "three": 3}


def _full_time_verdict(asked: str, hire: Play, contract: Play) -> str | None:
    """A yes or a not yet to "should we hire full time?" when the message says whether AI is the product's core
    and how much work there is; None when it says neither, so the guide's rule is given instead."""
    core = True if CORE_PRODUCT.search(asked) else False if JUST_A_FEATURE.search(asked) else None
    ahead = next((found for pattern in WORK_AHEAD if (found := pattern.search(asked)) is not None), None)
    months = None
    if ahead is not None:
        number = int(ahead["number"]) if ahead["number"].isdigit() else YEARS[ahead["number"]]
        months = number * 12 if ahead["unit"].startswith("year") else number
    if core is None and months is None:
        return None
    bar = int(hire.figures[0].split()[0])  # "12 months"
    fallback = f"a senior contractor ({contract.figures[1]}, {contract.figures[0]}) covers bounded work until then"
    if core is False:
        return f"Not yet: AI is a feature of your product, not its core, so {fallback}."
    if months is not None and months < bar:
        return f"Not yet: {months} months of work is under the {bar} months a full-time hire needs, so {fallback}."
    if core and months is not None:
        return f"Yes: hire full time. AI is your product's core, and {months} months of work meets the {bar} needed."
    if core:
        return f"Yes, if there are {bar} months or more of well-defined work for this person; if not, {fallback}."
    return (
        f"Yes, if AI is the core of your product rather than a feature: {months} months of work meets the {bar} needed."
    )


def compose_plays(query: Query, calculator: PayCalculator) -> Answer:
    items = tuple(
        KnowledgeItem(
            heading=f"Play {p.number}, {p.name}: {p.what}",
            lines=tuple(f"When {w}." for w in p.when) + ((p.watch_out,) if p.watch_out else ()),
        )
        for p in GUIDE.plays
    )
    contract = GUIDE.plays[1]
    figures: tuple[PayQuote, ...] = ()
    if query.subject == "contract":
        lead = (
            f"A senior AI contractor runs {contract.figures[1]}, typically for {contract.figures[0]} of bounded "
            "work; often far cheaper than a full-time hire while you find out whether the work is ongoing."
        )
        if len(query.roles) == 1 and query.level is not None:  # "a contractor vs a full-time senior AI engineer"
            request = PayRequest(role=query.roles[0], level=query.level, location=query.location or Location.us())
            title = request_title(request.role, request.level)
            result = calculator.quote(request)
            if isinstance(result, PayQuote):
                figures = (result,)
                lead += f" A full-time {title}{where(result.location)}: {result.range_text} a year (base + bonus)."
            else:
                lead += f" The guide has no full-time band for {with_article(title)}."
        elif query.location is not None and query.location.place is not Place.US:
            lead = (
                f"The guide has no location rule for contractors, {query.location.label} included: its one rate "
                f"is {contract.figures[1]} for a senior AI contractor, typically for {contract.figures[0]}."
            )
    elif query.subject == "full-time":
        hire = GUIDE.plays[2]
        lead = _full_time_verdict(query.asked, hire, contract) or (
            f"Hire full time when {_conditions(hire)}; before that, a senior contractor "
            f"({contract.figures[1]}, {contract.figures[0]}) covers bounded work."
        )
    else:
        lead = (
            "Pick one of three plays on purpose: build it yourself, contract for 3 to 6 months, or hire full "
            "time once AI is core and there are 12 months of clear work."
        )
    if query.full:
        return Answer.of(query, lead, render_items(items), (Section.PLAYS,), items=items)
    more = "Reply \u201cmore\u201d for when each play fits, what it costs and what to watch out for."
    if query.subject is not None:  # one play asked about: its answer is the lead, the other two are for "more"
        sources = (Section.PLAYS, Section.SALARIES) if figures else (Section.PLAYS,)
        return Answer.of(query, lead, [more], sources, items=items, figures=figures, more=True)
    summary = [
        f"Play {p.number}, {p.name}: when {_conditions(p) if p.when_together else p.when[0]}." for p in GUIDE.plays
    ]
    return Answer.of(query, lead, [bullets(summary), more], (Section.PLAYS,), items=items, more=True)


def compose_equity(query: Query, calculator: PayCalculator) -> Answer:
    e = GUIDE.equity
    lines = (e.senior_hire, e.founding_engineer, e.research_engineer)
    asked = f" {query.asked or ''} "
    if " founding " in asked:  # the figure for the hire asked about leads; the others follow
        lead, others = (
            f"Equity: {e.founding_engineer}.",
            [f"Otherwise {e.senior_hire}.", f"Also {e.research_engineer}."],
        )
    elif Role.RESEARCH_ENGINEER in query.roles:
        lead = f"Equity: {e.research_engineer}; the guide gives no percentage for it."
        others = [f"For comparison, {e.senior_hire}; {e.founding_engineer}."]
    else:
        lead, others = f"Equity: {e.senior_hire}; {e.founding_engineer}.", [f"Also {e.research_engineer}."]
    return Answer.of(
        query,
        lead,
        [*others, e.context],
        (Section.SALARIES,),
        items=(KnowledgeItem(heading="Equity", lines=lines),),
    )


def compose_underpay(query: Query, calculator: PayCalculator) -> Answer:
    u = GUIDE.underpay
    # The band of the hire named ("30k below the band for a senior MLE"), else the mid-level AI engineer's, which
    # is what the guide's advice is measured against.
    named = calculator.band_for(query.roles[0], query.level) if query.roles else None
    band = calculator.apply(named or GUIDE.band("ai-mid"), query.location or Location.us())
    lead = f"Don't underpay your first AI hire. {u.saving}"
    body = [u.consequence, u.alternative, f"For reference: {quote_line(band, band.location)}."]
    return Answer.of(
        query,
        lead,
        body,
        (Section.SALARIES,),
        figures=(band,),
        items=(KnowledgeItem(heading="Underpaying", lines=(u.saving, u.consequence, u.alternative)),),
    )
