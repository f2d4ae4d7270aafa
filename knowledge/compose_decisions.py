"""Short answers for decisions (``knowledge.decisions``): the lead sentence is the recommendation or the verdict,
then a few supporting lines, then an offer of more. Kept under about 600 characters."""

from __future__ import annotations

from knowledge.decisions import FIRST_HIRE, FOUNDER_LED, SIGN_PREFIX, WRONG_HIRE
from knowledge.guide import GUIDE
from knowledge.level_choice import LEVEL_CHOICE, compose_level_choice
from knowledge.models import Level, Role, Section
from knowledge.pay import Location, PayCalculator, PayQuote, Place
from knowledge.query import Answer, Query
from knowledge.rubric import rubric_item
from knowledge.signals import DescribedSign, Verdict, sign
from knowledge.understanding import Topic

GENERAL_ROLES_SUBJECTS = ("mistake", "ppe", "tribes")


def _where(location: Location | None) -> str:
    if location is None or location.place is Place.US:
        return ""
    return f", {location.label}" if location.place in (Place.REMOTE, Place.REMOTE_LOW_COST) else f" in {location.label}"


def _band_line(quote: PayQuote) -> str:
    experience = f" ({quote.band.experience})" if quote.band.experience else ""
    return f"{quote.band.title}{experience}{_where(quote.location)}: {quote.range_text}"


def _answer(
    query: Query,
    lead: str,
    body: list[str],
    sources: tuple[Section, ...],
    *,
    offer: Topic | None = None,
    **extra: object,
) -> Answer:
    """The answer; ``offer`` is the topic its closing question offers, which a "yes" then gets."""
    asked = query.model_copy(update={"offer": offer}) if offer is not None else query
    return Answer.of(asked, lead, body, sources, **extra)


def _place(query: Query) -> Location:
    """Where to price the hire: the guide's bands are for US hires, so a place abroad is priced as the US (and
    the answer says so)."""
    if query.location is None or query.location.place is Place.OUTSIDE_US:
        return Location.us()
    return query.location


def _budget_label(query: Query) -> str:
    if query.location is not None and query.location.place is Place.OUTSIDE_US:
        return f"Budget (US figures; the guide has no bands for {query.location.label})"
    return "Budget"


def _budget(query: Query, calculator: PayCalculator, role: Role, default_key: str) -> tuple[PayQuote, ...]:
    location = _place(query)
    bands = calculator.bands_for(role, query.level) if query.level is not None else ()
    return tuple(calculator.apply(band, location) for band in (bands[:1] or (GUIDE.band(default_key),)))


def compose_first_hire(query: Query, calculator: PayCalculator) -> Answer:
    """Which role to hire first, from what the product does."""
    c = GUIDE.confusion
    if query.product == "foundation":
        quotes = _budget(query, calculator, Role.AI_ENGINEER, "ai-mid")
        lead = (
            "Hire an AI engineer first: a product built on foundation models needs someone who ships with them, "
            "not someone who trains them."
        )
        body = [
            "Their work is prompts, retrieval, evals and the backend around the model; an ML engineer pays off "
            "once a model you train yourself is the moat.",
            f"{_budget_label(query)}: {_band_line(quotes[0])}"
            + (", the usual first AI hire at seed and Series A." if quotes[0].band.key == "ai-mid" else "."),
            "Want interview questions for an AI engineer?",
        ]
        if query.level is None and quotes[0].band.key == "ai-mid":  # "and if they're remote?": the hire priced
            query = query.model_copy(update={"roles": (Role.AI_ENGINEER,), "level": Level.MID})
        return _answer(
            query, lead, body, (Section.ROLE_CONFUSION, Section.SALARIES), offer=Topic.INTERVIEW, figures=quotes
        )
    if query.product == "moat":
        quotes = _budget(query, calculator, Role.ML_ENGINEER, "ml-mid")
        if query.level is None:
            quotes += (calculator.apply(GUIDE.band("ml-senior"), _place(query)),)
        lead = (
            "Hire an ML engineer first: when the product is a model trained on your own data, you need someone "
            "who trains models."
        )
        body = [
            "Training, fine-tuning, vision and ranking work means data pipelines, training runs and beating a "
            "baseline; an AI engineer would rather call an API.",
            f"{_budget_label(query)}: " + "; ".join(_band_line(q) for q in quotes) + ".",
        ]
        if Role.RESEARCH_ENGINEER in query.roles:
            research = calculator.apply(GUIDE.band("research"), _place(query))
            quotes += (research,)
            body.append(f"Pushing what models can do? A research engineer with publications: {research.range_text}.")
        body.append("Want interview questions for an ML engineer?")
        return _answer(
            query, lead, body, (Section.ROLE_CONFUSION, Section.SALARIES), offer=Topic.INTERVIEW, figures=quotes
        )
    contract = GUIDE.plays[1]
    if query.roles:  # both kinds of work described, as much of one as the other
        lead = (
            "Hire for the core of the product first: an AI engineer if it is built on foundation models, an ML "
            "engineer if a model you train is the moat."
        )
        body = [
            f"The two share only about {c.shared_skills_percent}% of their skills, so one person rarely covers both.",
            "Tell me which part customers pay for and I'll say which.",
        ]
    else:
        lead = (
            "It depends on what you're building: on top of Claude or GPT, hire an AI engineer first; your own model "
            "trained on your own data, an ML engineer."
        )
        body = [
            "Tell me what the product does (RAG, chat, agents, vision, recommendations...) and I'll say which.",
            f"Not sure the work is ongoing? Contract for {contract.figures[0]} at {contract.figures[1]} first.",
        ]
    return _answer(query, lead, body, (Section.ROLE_CONFUSION, Section.PLAYS))


def compose_wrong_hire(query: Query, calculator: PayCalculator) -> Answer:
    """What hiring the wrong one of the two costs, in the guide's figures."""
    c = GUIDE.confusion
    contract = GUIDE.plays[1]
    lead = f"Expensive: the wrong one of the two can cost {c.setback_months} and {c.setback_cost}."
    body = []
    if query.product == "foundation":
        body.append("For what you describe you need an AI engineer: you build on foundation models.")
    elif query.product == "moat":
        body.append("For what you describe you need an ML engineer: you train your own models.")
    body += [
        f"They share only about {c.shared_skills_percent}% of their skills: "
        + ", or ".join(mode[0].lower() + mode[1:].rstrip(".") for mode in c.failure_modes)
        + ".",
        f"A senior contractor ({contract.figures[1]}) can cover the gap while you hire the right role.",
        "Want interview questions for the right role?",
    ]
    return _answer(query, lead, body, (Section.ROLE_CONFUSION, Section.PLAYS), offer=Topic.INTERVIEW)


def compose_founder_led(query: Query, calculator: PayCalculator) -> Answer:
    """The guide's Play 1: a technical founder builds the first small feature."""
    founder, contract, hire = GUIDE.plays
    lead = (
        "Build it yourself first: for a technical founder, a straightforward retrieval or classification feature "
        "is about a weekend of work (the guide's Play 1)."
    )
    body = [
        "You learn what matters for your product and can brief a hire well; founders who skipped this have "
        f"burned {founder.figures[0]} on an AI engineer they couldn't brief.",
        f"Hire full time once AI is core and there are {hire.figures[0]} of clear work; before that, contract "
        f"{contract.figures[0]} at {contract.figures[1]} for a bounded piece.",
        "Want the interview questions for when you do hire?",
    ]
    return _answer(query, lead, body, (Section.PLAYS,), offer=Topic.INTERVIEW)


# The guide's interview question (rubric keys: for AI engineers, for ML engineers) that checks a described sign.
CHECKS: dict[str, tuple[str, str]] = {
    "buzzwords": ("ai-agent-loop", "ai-agent-loop"),
    "no-failure-mode": ("ai-eval-suite", "ml-failed-run"),
    "one-shot-prompt": ("ai-eval-suite", "ai-eval-suite"),
    "no-evals": ("ai-eval-suite", "ml-beats-base"),
    "no-opinions": ("ai-providers", "ml-finetune-or-prompt"),
    "messy-notebooks": ("ml-data-pipeline", "ml-data-pipeline"),
    "never-shipped": ("ai-rag", "ml-failed-run"),
    "evals-unprompted": ("ai-eval-suite", "ml-beats-base"),
    "rejected-tradeoffs": ("ai-providers", "ml-finetune-or-prompt"),
    "feature-cost": ("ai-halve-bill", "ai-halve-bill"),
    "beat-baseline": ("ml-beats-base", "ml-beats-base"),
}


def _described(key: str) -> tuple[str, str, Section]:
    """A sign's short label, what the guide says about it, and where."""
    item = rubric_item(key)
    if item is not None:
        return item.label, item.detail, item.source
    if key == "no-evals":
        evaluation = GUIDE.ppe_triangle[2]
        test = evaluation.what_good_looks_like[-1]
        return "Can't say how they'd know it works", f"The guide's bar for senior: {test}.", evaluation.source
    if key == "never-shipped":
        detail = (
            "The guide's bands assume shipped work: a mid-level AI engineer has AI features in front of real "
            "users; a senior ML engineer, a model serving real traffic."
        )
        return "Nothing shipped to production", detail, Section.SALARIES
    if key == "textbook-answers":
        return "Textbook answers, no stories of their own", GUIDE.interview_advice[2], Section.INTERVIEWS
    if key == "war-stories":
        return "A specific bug or surprise they're proud of", GUIDE.underrated_signal, Section.PORTFOLIOS
    kaggle = next(ch for ch in GUIDE.sourcing_channels if ch.name.startswith("Kaggle"))
    return "Kaggle medals close to your problem", kaggle.why, kaggle.source


def _signs(query: Query) -> list[DescribedSign]:
    keys = (query.subject or "").removeprefix(SIGN_PREFIX).split(",")
    return [found for key in keys if (found := sign(key)) is not None]


def compose_signs(query: Query, calculator: PayCalculator) -> Answer:
    """A described candidate mapped to the guide's red flags and seniority signals, verdict first."""
    signs = _signs(query)
    label, detail, source = _described(signs[0].key)
    lead = f"{signs[0].verdict.capitalize()}: {label[0].lower()}{label[1:]}."
    body = [detail]
    sources = [source]
    if len(signs) > 1:
        other, _, other_source = _described(signs[1].key)
        body.append(f"Also a {signs[1].verdict}: {other[0].lower()}{other[1:]}.")
        sources.append(other_source)
    ai_check, ml_check = CHECKS.get(signs[0].key, ("", ""))
    ml = bool({Role.ML_ENGINEER, Role.RESEARCH_ENGINEER} & set(query.roles))
    check = rubric_item(ml_check if ml else ai_check)
    if check is not None:
        body.append(f'Check it: "{check.detail}"')
        sources.append(check.source)
    good = signs[0].verdict is Verdict.GOOD_SIGN
    body.append("Want the other signals?" if good else "Want the full list of red flags?")
    offer = Topic.SIGNALS if good else Topic.RED_FLAGS
    return _answer(query, lead, body, tuple(dict.fromkeys(sources)), offer=offer)


def compose_decision(query: Query, calculator: PayCalculator) -> Answer | None:
    """The answer for a decision query, or None for every other query (the topic's own composer answers it)."""
    subject = query.subject or ""
    if query.topic is Topic.ROLES and subject == WRONG_HIRE:
        return compose_wrong_hire(query, calculator)
    if query.topic is Topic.ROLES and (
        subject == FIRST_HIRE or (query.product is not None and subject not in GENERAL_ROLES_SUBJECTS)
    ):
        return compose_first_hire(query, calculator)
    if query.topic is Topic.PLAYS and subject == FOUNDER_LED:
        return compose_founder_led(query, calculator)
    if query.topic is Topic.ROLES and subject.startswith(LEVEL_CHOICE):
        return compose_level_choice(query, calculator)
    if query.topic in (Topic.RED_FLAGS, Topic.SIGNALS) and subject.startswith(SIGN_PREFIX) and _signs(query):
        return compose_signs(query, calculator)
    return None
