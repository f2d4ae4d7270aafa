"""Turns a resolved query into a short answer: a lead that makes the point, the body, and the guide sections
it comes from, as fields (``Answer.text`` is the plain-text rendering)."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.compose_common import bullets, quote_line, render_items, where
from knowledge.compose_decisions import compose_first_hire
from knowledge.compose_spending import compose_equity, compose_plays, compose_underpay
from knowledge.detail import shortened
from knowledge.guide import GUIDE
from knowledge.models import Audience, PortfolioSign, Role, RoleProfile, Section
from knowledge.pay import (
    Location,
    NotCovered,
    PayCalculator,
    PayQuote,
    PayRequest,
    PayResult,
    Place,
)
from knowledge.query import Answer, KnowledgeItem, Query
from knowledge.understanding import Topic

# Words that ask for a whole list rather than for the point: then the list is the answer.
LIST_WORDS: dict[str, tuple[str, ...]] = {
    "flags": ("red flags", "flags", "warning signs"),
    "signals": ("signals", "signs"),
    "channels": ("channels", "where", "places"),
}


def _finish(query: Query, lead: str, body: list[str], sources: tuple[Section, ...], **result: object) -> Answer:
    return Answer.of(query, lead, body, sources, **result)


def _factors(rule_key: str) -> str:
    rule = GUIDE.rule(rule_key)
    return f"low x{rule.low_factor}, high x{rule.high_factor}"


def _not_covered_text(result: NotCovered) -> list[str]:
    return ["Nearest bands the guide does give:", bullets([quote_line(q, q.location) for q in result.nearest])]


OUTREACH = re.compile(
    r"\b(?:outreach|reach out|cold (?:email|message|dm)|message|messages|reply|replies|respond|response rate|"
    r"write to|email|ghost\w*|get back to us)\b"
)
FIRST_HIRE = re.compile(r"\bfirst (?:ai |llm |genai )?(?:hire|engineer|person|eng)\b")


def compose_pay(query: Query, calculator: PayCalculator) -> Answer:
    location = query.location or Location.us()
    agentic = bool(query.agentic)
    sources = (Section.SALARIES,)
    if len(query.roles) == 1 and (query.level is not None or query.roles[0] is Role.RESEARCH_ENGINEER):
        result = calculator.quote(
            PayRequest(role=query.roles[0], level=query.level, location=location, agentic=agentic)
        )
        if isinstance(result, NotCovered):
            return _finish(
                query,
                f"{result.reason} I won't invent a figure.",
                _not_covered_text(result),
                sources,
                figures=(result,),
            )
        lead = f"{quote_line(result, location)}, base + cash bonus a year, equity extra."
        body = ["How: " + "; then ".join(result.rules) + ".", result.band.profile, *result.notes]
        if result.lower_cost_text:
            body.append(
                f"If they live in a lower-cost region, the guide allows {result.lower_cost_text} "
                f"({_factors('remote-low-cost')})."
            )
        return _finish(query, lead, body, sources, figures=(result,))
    if query.level is None and set(query.roles) <= {Role.AI_ENGINEER} and FIRST_HIRE.search(query.asked):
        # "how much should we budget for our first AI hire?": the mid-level band the guide calls the usual one
        mid = calculator.apply(GUIDE.band("ai-mid"), location)
        lead = f"Budget {mid.range_text} for a mid-level AI engineer{where(location)}, the usual first AI hire."
        u = GUIDE.underpay
        return _finish(query, lead, [u.saving, u.alternative], sources, figures=(mid,))
    results: list[PayResult] = []
    # The research band has no level, so a level asked across roles ("junior engineer") leaves it out.
    every_role = (Role.AI_ENGINEER, Role.ML_ENGINEER) + (() if query.level else (Role.RESEARCH_ENGINEER,))
    roles = query.roles or every_role
    for role in roles:
        bands = calculator.bands_for(role, query.level)
        if bands:
            results.extend(calculator.apply(band, location, agentic) for band in bands)
        elif query.level is not None:
            results.append(
                calculator.quote(PayRequest(role=role, level=query.level, location=location, agentic=agentic))
            )
    if location.place is Place.OUTSIDE_US:
        results = [
            calculator.quote(PayRequest(role=r, level=query.level, location=location, agentic=agentic)) for r in roles
        ]
    who = " or ".join(r.noun + "s" for r in roles) if query.roles else "AI and ML engineers"
    level = f"{query.level.adjective} " if query.level else ""
    lines: list[str] = []
    for result in results:
        if isinstance(result, PayQuote):
            cheaper = f" (living in a lower-cost region: {result.lower_cost_text})" if result.lower_cost_text else ""
            lines.append(quote_line(result) + cheaper)
        else:
            lines.append(
                f"{result.request}: no pay band in the guide; nearest "
                + ", ".join(f"{q.band.title} {q.range_text}" for q in result.nearest)
            )
    body = [bullets(lines)]
    if location.place is Place.US and location.label == "the US":
        body.append(
            f"New York or the Bay Area: {_factors('high-cost')}. Remote from a lower-cost region: "
            f"{_factors('remote-low-cost')}. Ask about one level and place for the exact figure."
        )
    notes = {
        note for r in results if isinstance(r, PayQuote) for note in r.notes if not note.startswith("Remote hires")
    }
    body.extend(sorted(notes))
    lead = f"Pay for {level}{who}{where(location)} (US seed to Series B, base + cash bonus, equity extra):"
    return _finish(query, lead, body, sources, figures=tuple(results))


def _profile_item(profile: RoleProfile) -> KnowledgeItem:
    return KnowledgeItem(
        heading=f"{profile.title}: {profile.one_liner}",
        lines=(
            "Builds: " + "; ".join(profile.builds) + ".",
            f"North star: {profile.north_star}",
            "A typical day: " + ", ".join(profile.typical_day) + ".",
            f"Weak spot: {profile.weak_spot}",
        ),
    )


def compose_roles(query: Query, calculator: PayCalculator) -> Answer:
    c = GUIDE.confusion
    cost = (
        f"They share only about {c.shared_skills_percent}% of their skills; the wrong hire can cost "
        f"{c.setback_months} and {c.setback_cost}."
    )
    items: tuple[KnowledgeItem, ...]
    if query.subject == "mistake":
        items = (
            KnowledgeItem(heading="Why people mix them up", lines=c.why_it_happens),
            KnowledgeItem(heading="What it looks like", lines=c.failure_modes),
        )
        return _finish(
            query,
            f"Hiring the wrong one is expensive. {cost}",
            render_items(items),
            (Section.ROLE_CONFUSION,),
            items=items,
        )
    if query.subject == "ppe":
        items = tuple(
            KnowledgeItem(heading=f"{x.name}: {x.summary}", lines=x.what_good_looks_like) for x in GUIDE.ppe_triangle
        )
        return _finish(
            query,
            "An AI engineer's core is the prompt / product / evaluation (PPE) triangle; "
            "evaluation is what marks a senior.",
            render_items(items),
            (Section.AI_ENGINEERS,),
            items=items,
        )
    if query.subject == "tribes":
        items = tuple(KnowledgeItem(heading=f"{t.name}: {t.summary}", lines=t.tools_and_work) for t in GUIDE.ml_tribes)
        return _finish(
            query,
            "ML engineers come in two kinds: applied ML engineers and research engineers; know "
            "which you need before writing the job post.",
            render_items(items),
            (Section.ML_ENGINEERS,),
            items=items,
        )
    if query.subject == "first-hire" or query.product is not None:
        return compose_first_hire(query, calculator)
    if len(query.roles) == 1 and query.subject != "compare":
        profile = GUIDE.ai_profile if query.roles[0] is Role.AI_ENGINEER else GUIDE.ml_profile
        item = _profile_item(profile)
        body = [bullets(item.lines)]
        if profile.role is Role.ML_ENGINEER:
            body += ["Two kinds:", bullets([f"{t.name}: {t.summary}" for t in GUIDE.ml_tribes])]
        return _finish(query, item.heading, body, (profile.source,), items=(item,))
    items = (_profile_item(GUIDE.ai_profile), _profile_item(GUIDE.ml_profile))
    lead = (
        "AI engineers build products on top of foundation models; ML engineers train and fine-tune the models "
        f"themselves. {cost}"
    )
    body = [*render_items(items), f"Rule of thumb: {c.hire_ai_when} {c.hire_ml_when}"]
    return _finish(query, lead, body, (Section.ROLE_CONFUSION, Section.AI_ENGINEERS, Section.ML_ENGINEERS), items=items)


def compose_interview(query: Query, calculator: PayCalculator) -> Answer:
    roles = [r for r in query.roles if r is not Role.RESEARCH_ENGINEER] or (
        [Role.ML_ENGINEER] if Role.RESEARCH_ENGINEER in query.roles else [Role.AI_ENGINEER, Role.ML_ENGINEER]
    )
    items = tuple(
        KnowledgeItem(heading=f"For {role.noun}s:", lines=tuple(q.question for q in GUIDE.questions_for(role)))
        for role in dict.fromkeys(roles)
    )
    who = " and ".join(f"{r.noun}s" for r in dict.fromkeys(roles))
    lead = f"Interview questions for {who} that separate people who shipped from people who read about it:"
    body = [*render_items(items), " ".join(GUIDE.interview_advice) if query.full else GUIDE.interview_advice[0]]
    questions = [q for role in dict.fromkeys(roles) for q in GUIDE.questions_for(role)]
    named = _named(query.asked, [q.about for q in questions])
    if named is not None:  # "what do I ask about cutting LLM costs?": that question first, then the rest
        asked_about = questions[named]
        lead = f"Ask: \u201c{asked_about.question}\u201d Listen for: {_lowered(asked_about.listen_for)}"
        body = [f"The other questions for {who}:", *body]
    return _finish(query, lead, body, (Section.INTERVIEWS,), items=items)


def _named(asked: str, abouts: list[tuple[str, ...]]) -> int | None:
    """Which of several facts the message names by their ``about`` words ("costs", "RAG", "kaggle"), if exactly
    one names it most."""
    scores = [
        sum(1 for word in about if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", asked)) for about in abouts
    ]
    best = max(scores, default=0)
    return scores.index(best) if best > 0 and scores.count(best) == 1 else None


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


def _for_audience(signs: tuple[PortfolioSign, ...], roles: tuple[Role, ...]) -> tuple[str, ...]:
    wanted = {Audience.ANY}
    if not roles or Role.AI_ENGINEER in roles:
        wanted.add(Audience.AI)
    if not roles or {Role.ML_ENGINEER, Role.RESEARCH_ENGINEER} & set(roles):
        wanted.add(Audience.ML)
    chosen = [s for s in signs if s.audience in wanted]
    if roles:  # the asked-about role's own signs first: they are what a shortened list must keep
        chosen.sort(key=lambda s: s.audience is Audience.ANY)
    return tuple(("ML candidates: " if s.audience is Audience.ML and len(wanted) == 3 else "") + s.text for s in chosen)


def compose_red_flags(query: Query, calculator: PayCalculator) -> Answer:
    flags = _for_audience(GUIDE.red_flags, query.roles)
    shown, more = shortened(flags, "red flags", full=query.full, asked=query.asked, list_words=LIST_WORDS["flags"])
    return _finish(
        query,
        "Portfolio red flags that predict pain:",
        [bullets(shown), more or ""],
        (Section.PORTFOLIOS,),
        items=(KnowledgeItem(heading="Red flags", lines=flags),),
        more=more is not None,
    )


def compose_signals(query: Query, calculator: PayCalculator) -> Answer:
    signals = _for_audience(GUIDE.seniority_signals, query.roles)
    shown, more = shortened(signals, "signals", full=query.full, asked=query.asked, list_words=LIST_WORDS["signals"])
    return _finish(
        query,
        "Signs you are talking to someone genuinely senior:",
        [bullets(shown), f"Underrated: {GUIDE.underrated_signal}", more or ""],
        (Section.PORTFOLIOS,),
        items=(KnowledgeItem(heading="Seniority signals", lines=signals),),
        more=more is not None,
    )


def compose_sourcing(query: Query, calculator: PayCalculator) -> Answer:
    channels = GUIDE.sourcing_channels
    if query.roles and set(query.roles) <= {Role.ML_ENGINEER, Role.RESEARCH_ENGINEER}:
        channels = tuple(sorted(channels, key=lambda ch: ch.best_for is not Audience.ML))
    lines = tuple(f"{ch.name}: {ch.why}" for ch in channels)
    lead = (
        f"Skip cold LinkedIn: InMail replies from senior AI engineers are {GUIDE.inmail_response_rate}. "
        f"Founder-led sourcing beats recruiters about {GUIDE.founder_led_advantage} at seed to Series A."
    )
    advice = " ".join(GUIDE.outreach_advice) if query.full else GUIDE.outreach_advice[0]
    named = _named(query.asked, [ch.about for ch in channels])
    general = [lead] if named is not None else []
    if named is not None:  # "where do we find Kaggle grandmasters?": that channel first, the advice after
        lead = f"{channels[named].name}: {_lowered(channels[named].why)}"
    elif OUTREACH.search(query.asked):  # "how do we get candidates to reply?": how to write to them, then where
        first, *rest = GUIDE.outreach_advice
        lead, general, advice = f"{rest[0]} {first}", [*rest[1:], lead], ""
    shown, more = shortened(lines, "channels", full=query.full, asked=query.asked, list_words=LIST_WORDS["channels"])
    body = [*general, bullets(shown), more or "", advice]
    items = (KnowledgeItem(heading="Channels", lines=lines),)
    return _finish(query, lead, body, (Section.SOURCING,), items=items, more=more is not None)


HELP_EXAMPLES = (
    "how much is a senior ML engineer in SF?",
    "who do we hire first if we wrap Claude?",
    "interview questions for AI engineers",
    "red flags in an ML portfolio",
    "where do we find research engineers?",
    "should we contract or hire?",
    "how much equity for a founding engineer?",
)


def compose_unknown(query: Query, calculator: PayCalculator) -> Answer:
    lead = (
        "I answer questions about hiring AI engineers and ML engineers: pay, which role you need, interviews, "
        "red flags, seniority, sourcing, equity and whether to build, contract or hire."
    )
    body = ["Try:", bullets([f'"{example}"' for example in HELP_EXAMPLES])]
    return _finish(query, lead, body, ())


COMPOSERS: dict[Topic, Callable[[Query, PayCalculator], Answer]] = {
    Topic.PAY: compose_pay,
    Topic.ROLES: compose_roles,
    Topic.INTERVIEW: compose_interview,
    Topic.RED_FLAGS: compose_red_flags,
    Topic.SIGNALS: compose_signals,
    Topic.SOURCING: compose_sourcing,
    Topic.PLAYS: compose_plays,
    Topic.EQUITY: compose_equity,
    Topic.UNDERPAY: compose_underpay,
    Topic.UNKNOWN: compose_unknown,
}
