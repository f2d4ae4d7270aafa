"""Pay the guide doesn't give, said plainly: titles it has no band for ("lead", "head of"), a research engineer
without publications (its research band assumes them), premiums it names without a figure, and the agentic
premium asked for a band it doesn't apply to. Each answer shows the nearest real bands instead."""

from __future__ import annotations

from knowledge.guide import GUIDE
from knowledge.models import Level, Role, Section
from knowledge.pay import Location, NotCovered, PayCalculator, PayQuote, Place, request_title, with_article
from knowledge.pay_asks import Operation, PayAsk, PaySide
from knowledge.query import Answer, Query

BULLET = "\u2022"
ROLE_TEAMS = {Role.AI_ENGINEER: "AI", Role.ML_ENGINEER: "ML", Role.RESEARCH_ENGINEER: "research"}


def title_of(role: Role, level: Level | None) -> str:
    return role.noun if role is Role.RESEARCH_ENGINEER else request_title(role, level)


def not_covered_lines(result: NotCovered) -> list[str]:
    lines = [f"{BULLET} {quote.band.title}{_where(quote.location)}: {quote.range_text}" for quote in result.nearest]
    return ["Nearest bands the guide does give:", "\n".join(lines)]


def _where(location: Location) -> str:
    return "" if location.label == "the US" else f" ({location.label})"


def _bands(calculator: PayCalculator, keys: tuple[str, ...], side: PaySide) -> tuple[PayQuote, ...]:
    """The nearest bands where the hire lives; US bands for a place outside the US (which ``_abroad`` says)."""
    location = side.location or Location.us()
    if location.place is Place.OUTSIDE_US:
        location = Location.us()
    return tuple(calculator.apply(GUIDE.band(key), location) for key in keys)


def _abroad(side: PaySide) -> str:
    location = side.location
    if location is None or location.place is not Place.OUTSIDE_US:
        return ""
    return f" It has no bands for {location.label} either: these are US figures."


def _nearest_keys(role: Role | None, *, head: bool) -> tuple[str, ...]:
    if role is Role.RESEARCH_ENGINEER:
        return ("research",)
    if role is Role.ML_ENGINEER:
        return ("ml-senior",)
    if role is Role.AI_ENGINEER:
        return ("ai-staff",) if head else ("ai-senior", "ai-staff")
    return ("ai-staff", "ml-senior") if head else ("ai-senior", "ai-staff", "ml-senior")


def _answer(query: Query, result: NotCovered, lead: str) -> Answer:
    """The lead says what isn't covered and gives the nearest real bands; the card lists them."""
    return Answer(lead=lead, query=query, sources=(Section.SALARIES,), figures=(result,))


def coverage_answer(query: Query, ask: PayAsk, side: PaySide, calculator: PayCalculator) -> Answer | None:
    """The plain "the guide doesn't cover this" answer, or None when the guide does cover the question."""
    named_role = query.roles[0] if query.roles else None
    team = ROLE_TEAMS[named_role] if named_role is not None else "AI or ML"
    if ask.gap in ("lead", "head"):
        head = ask.gap == "head"
        nearest = _bands(calculator, _nearest_keys(named_role, head=head), side)
        title = f"head of {team}" if head else f"lead {named_role.noun if named_role else 'engineer'}"
        reason = (
            f"The guide has no pay band for a {title}: no leadership titles, and its highest bands are staff AI "
            "engineer and senior ML engineer."
            if head
            else f"The guide has no pay band for a {title}: its levels are junior, mid-level, senior and staff."
        )
        result = NotCovered(request=title, reason=reason, nearest=nearest)
        ranges = "; ".join(f"{q.band.title} {q.range_text}" for q in nearest)
        return _answer(query, result, f"{reason}{_abroad(side)} Nearest real bands: {ranges}.")
    if ask.gap == "other-title":
        title = ask.other_title or "that role"
        reason = (
            f"The guide has no pay band for {with_article(title)}: it covers AI engineers, ML engineers and "
            "research engineers only."
        )
        data_role = title.startswith(("data ", "analytics "))
        nearest = _bands(calculator, ("ml-mid", "ml-senior") if data_role else (), side)
        result = NotCovered(request=title, reason=reason, nearest=nearest)
        if not nearest:
            return _answer(query, result, f"{reason} I won't guess a figure for it.")
        ranges = "; ".join(f"{q.band.title} {q.range_text}" for q in nearest)
        return _answer(query, result, f"{reason} If the work is modelling, the closest bands are: {ranges}.")
    if ask.gap == "unpublished":
        research, senior_ml = _bands(calculator, ("research", "ml-senior"), side)
        reason = (
            "The guide's research engineer band assumes publications; it has no band for a research engineer "
            "without them."
        )
        request = "research engineer without publications"
        result = NotCovered(request=request, reason=reason, nearest=(research, senior_ml))
        lead = (
            f"{reason} With publications it is {research.range_text}; the nearest band without that assumption is "
            f"a senior ML engineer's, {senior_ml.range_text}."
        )
        return _answer(query, result, lead)
    if ask.gap == "fine-tuning":
        (applied,) = _bands(calculator, ("ml-mid",), side)
        reason = (
            "The guide names a premium for fine-tuning experience with modern open-weights models but gives no "
            "dollar figure for it."
        )
        result = NotCovered(request="fine-tuning premium", reason=reason, nearest=(applied,))
        return _answer(query, result, f"{reason} The applied ML engineer (mid) band is {applied.range_text}.")
    if ask.gap == "papers":
        (research,) = _bands(calculator, ("research",), side)
        reason = (
            "The guide puts no separate figure on papers: first-author papers at NeurIPS, ICML or ICLR are what "
            "earn the top of the research band."
        )
        result = NotCovered(request="premium for papers", reason=reason, nearest=(research,))
        return _answer(query, result, f"{reason} That band is {research.range_text}.")
    premium = GUIDE.agentic_premium
    asks_premium = ask.operation is Operation.DIFFERENCE and ask.other is not None and ask.other.agentic is False
    role = side.roles[0]
    if asks_premium and (role is not premium.role or side.level is not premium.level):
        title = title_of(role, side.level)
        location = side.location or Location.us()
        band = calculator.band_for(role, side.level)
        own = calculator.apply(band, location) if band is not None else None
        eligible = calculator.apply(GUIDE.band("ai-senior"), location, agentic=True)
        reason = (
            f"The guide's +${premium.amount_k}K agentic premium is only for {premium.condition}; it gives none for "
            f"{with_article(title)}."
        )
        nearest = (*((own,) if own is not None else ()), eligible)
        result = NotCovered(request=f"agentic premium for {with_article(title)}", reason=reason, nearest=nearest)
        ranges = "; ".join(f"{q.band.title}{' with it' if q.agentic_applied else ''} {q.range_text}" for q in nearest)
        return _answer(query, result, f"{reason} {ranges}.")
    return None
