"""Answers to pay arithmetic and to pay the guide doesn't cover: the lead gives the figure asked for, then a
short "How:" line with the arithmetic. Every figure comes from the calculator or from ``knowledge.pay_math``
over its quotes; a side the guide has no band for is said plainly, with the nearest real bands."""

from __future__ import annotations

from knowledge.guide import GUIDE
from knowledge.models import Level, Role, Section
from knowledge.pay import Location, NotCovered, PayCalculator, PayQuote, PayRequest, PayResult, Place, with_article
from knowledge.pay_asks import Operation, PayAsk, PaySide
from knowledge.pay_coverage import coverage_answer, not_covered_lines, title_of
from knowledge.pay_math import (
    HeadcountError,
    PayCheck,
    PayDifference,
    Verdict,
    budget,
    check,
    difference,
    midpoint,
    money,
    shift,
)
from knowledge.query import Answer, Query

SOURCES = (Section.SALARIES,)
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip


# Topics an unmistakable pay question wins over ("SF vs remote" reads as a comparison of roles otherwise).
def _side(query: Query, ask: PayAsk) -> tuple[PaySide, list[str]]:
    """The side asked about, with the defaults a missing role or level gets, said out loud."""
    assumed: list[str] = []
    role = query.roles[0] if query.roles else None
    level = query.level
    if role is None:
        premium = ask.other is not None and ask.other.agentic is False
        role = Role.RESEARCH_ENGINEER if ask.gap in ("unpublished", "papers") else Role.AI_ENGINEER
        if not premium and role is Role.AI_ENGINEER:
            assumed.append("role")
    if level is None and role is not Role.RESEARCH_ENGINEER:
        premium = ask.other is not None and ask.other.agentic is False
        level = Level.SENIOR if premium else Level.MID
        if not premium and ask.gap not in ("lead", "head"):
            assumed.append("level")
    side = PaySide(roles=(role,), level=level, location=query.location, agentic=bool(query.agentic))
    return side, assumed


def _quote(calculator: PayCalculator, side: PaySide) -> PayResult:
    location = side.location or Location.us()
    return calculator.quote(
        PayRequest(role=side.roles[0], level=side.level, location=location, agentic=bool(side.agentic))
    )


def _at(location: Location | None) -> str:
    if location is None or location.place is Place.US:
        return "in the US" if location is None or location.label == "the US" else f"in {location.label}"
    if location.place is Place.HIGH_COST:
        return f"in {location.label}"
    return location.label


def _where(location: Location | None) -> str:
    if location is None or (location.place is Place.US and location.label == "the US"):
        return ""
    return f", {location.label}" if location.place in (Place.REMOTE, Place.REMOTE_LOW_COST) else f" {_at(location)}"


def describe(quote: PayQuote, side: PaySide, *, place: bool = True, agentic: bool = True) -> str:
    """ "a senior ML engineer in the Bay Area", "a senior AI engineer who has shipped agentic systems"."""
    title = title_of(side.roles[0], side.level)
    shipped = " who has shipped agentic systems" if agentic and quote.agentic_applied else ""
    return with_article(title) + (_where(side.location) if place else "") + shipped


def describe_side(side: PaySide) -> str:
    return with_article(title_of(side.roles[0], side.level))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amount(result: PayDifference) -> str:
    low, high = result.low_k * 1000, result.high_k * 1000
    if low >= 0 and high >= 0:
        span = money(low) if low == high else f"{money(result.smaller_k * 1000)} to {money(result.larger_k * 1000)}"
        return f"{span} more"
    if low <= 0 and high <= 0:
        span = money(-low) if low == high else f"{money(result.smaller_k * 1000)} to {money(result.larger_k * 1000)}"
        return f"{span} less"
    less, more = (-low, high) if low < 0 else (-high, low)
    return f"from {money(less)} less to {money(more)} more"


def _difference_lead(result: PayDifference, a: PaySide, b: PaySide, other: PaySide) -> str:
    first, second = result.first, result.second
    ranges = f"{first.range_text} vs {second.range_text}"
    if result.low_k == 0 and result.high_k == 0:
        return f"{_capital(describe(first, a))} and {describe(second, b)} cost the same: {first.range_text}."
    amount = _amount(result)
    contrasted = {name for name in ("roles", "level", "location", "agentic") if getattr(other, name) not in (None, ())}
    if contrasted == {"location"}:
        who = _capital(describe(first, a, place=False))
        return f"{who} costs {amount} {_at(a.location)} than {_at(b.location)}: {ranges}."
    if contrasted == {"agentic"}:
        return f"{_capital(describe(first, a))} costs {amount} than one who hasn't: {ranges}."
    if contrasted == {"level"} and b.level is not None:
        return f"{_capital(describe(first, a))} costs {amount} than {with_article(b.level.adjective)} one: {ranges}."
    return f"{_capital(describe(first, a))} costs {amount} than {describe(second, b)}: {ranges}."


def _adjustments(*quotes: PayQuote) -> str:
    rules = dict.fromkeys(rule for quote in quotes for rule in quote.rules[1:])
    return ("Rules: " + "; ".join(rules) + ".") if rules else ""


def _how(rules: tuple[str, ...]) -> str:
    return "How: " + "; ".join(rules) + "."


def _finish(query: Query, lead: str, body: list[str], **fields: object) -> Answer:
    return Answer.of(query, lead, body, SOURCES, **fields)


def _refuse(query: Query, results: tuple[PayResult, ...], what: str) -> Answer:
    """A side without a band: say so, show the nearest real bands (and any side that has one), compute nothing."""
    missing = [r for r in results if isinstance(r, NotCovered)]
    lead = f"{missing[0].reason} So I can't work out {what} without inventing a figure."
    nearest = dict.fromkeys(line for result in missing for line in not_covered_lines(result)[1].splitlines())
    covered = dict.fromkeys(
        f"{q.band.title}{_where(q.location)}: {q.range_text}" for q in results if isinstance(q, PayQuote)
    )
    body = ["Nearest bands the guide does give:", "\n".join(nearest)]
    body += ["Covered: " + "; ".join(covered) + "."] if covered else []
    return _finish(query, lead, body, figures=results)


def compose_pay_ask(query: Query, calculator: PayCalculator) -> Answer:
    """The answer to a pay question with arithmetic in it, or to pay the guide doesn't cover."""
    ask = query.pay_ask or PayAsk()
    side, assumed = _side(query, ask)
    coverage = coverage_answer(query, ask, side, calculator)
    if coverage is not None:
        return coverage
    note = f"You didn't say the {' or '.join(assumed)}, so this is for {describe_side(side)}." if assumed else ""
    currency = "Figures are US dollars: the guide gives no exchange rate." if ask.gap == "currency" else ""
    quote = _quote(calculator, side)
    if ask.operation is Operation.DIFFERENCE and ask.other is not None:
        other_side = side.model_copy(update={k: v for k, v in ask.other if v not in (None, ())})
        second = _quote(calculator, other_side)
        if not isinstance(quote, PayQuote) or not isinstance(second, PayQuote):
            return _refuse(query, (quote, second), "the difference")
        result = difference(quote, second)
        lead = _difference_lead(result, side, other_side, ask.other)
        body = [_how(result.rules), _adjustments(quote, second), note, currency]
        if second.lower_cost_text and second.location.place is Place.REMOTE:
            body.append(f"If the remote hire lives in a lower-cost region: {second.lower_cost_text}.")
        return _finish(query, lead, body, figures=(quote, second), arithmetic=(result,))
    if ask.operation is Operation.BUDGET:
        return _compose_budget(query, ask, side, calculator, note)
    if not isinstance(quote, PayQuote):
        return _refuse(query, (quote,), "that")
    if ask.operation is Operation.MIDPOINT:
        mid = midpoint(quote)
        lead = f"The midpoint of the band for {describe(quote, side)} is {money(mid.midpoint)}: {quote.range_text}."
        return _finish(query, lead, [_how(mid.rules), note, currency], figures=(quote,), arithmetic=(mid,))
    if ask.operation is Operation.SHIFT and ask.percent is not None:
        moved = shift(quote, ask.percent)
        way = "above" if moved.percent > 0 else "below"
        lead = (
            f"{abs(moved.percent).normalize():f}% {way} the band for {describe(quote, side)} is "
            f"{money(moved.low)} to {money(moved.high)} (the band itself: {quote.range_text})."
        )
        return _finish(query, lead, [_how(moved.rules), note, currency], figures=(quote,), arithmetic=(moved,))
    if ask.operation is Operation.CHECK and ask.amount is not None and ask.which_level:
        return _compose_which_level(query, ask, side, calculator)
    if ask.operation is Operation.CHECK and ask.amount is not None:
        return _compose_check(query, ask, side, quote, note)
    if ask.unclear_number is not None:
        lead = (
            f"I can't tell what {ask.unclear_number} means as pay; give it with a unit, like $150K or 150,000. "
            f"The band for {describe(quote, side)} is {quote.range_text}."
        )
        return _finish(query, lead, [note], figures=(quote,))
    lead = f"{_capital(describe(quote, side))}: {quote.range_text}, base + cash bonus a year, equity extra."
    return _finish(query, lead, [_how(quote.rules), currency, note], figures=(quote,))


def _count_text(count: int) -> str:
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def _compose_budget(query: Query, ask: PayAsk, side: PaySide, calculator: PayCalculator, note: str) -> Answer:
    groups = [
        (
            side.model_copy(
                update={
                    "roles": g.side.roles or side.roles,
                    "level": g.side.level or side.level,
                    "location": g.side.location or side.location,
                    "agentic": g.side.agentic,
                }
            ),
            g.count,
        )
        for g in ask.groups
    ]
    if not groups:
        groups = [(side, ask.count if ask.count is not None else 1)]
    quotes = tuple(_quote(calculator, group) for group, _ in groups)
    if any(isinstance(q, NotCovered) for q in quotes):
        return _refuse(query, quotes, "a total")
    lines = [(q, count) for q, (_, count) in zip(quotes, groups, strict=True) if isinstance(q, PayQuote)]
    try:
        total = budget(lines)
    except HeadcountError as error:
        one = lines[0][0]
        lead = f'{error} Tell me how many you\'re hiring, e.g. "budget for 3 mid AI engineers".'
        return _finish(query, lead, [f"{_capital(describe(one, groups[0][0]))}: {one.range_text}."], figures=quotes)
    places = {s.location for s, _ in groups}
    mixed = len(places) > 1  # otherwise one place for all, said once after the hires
    common = None if mixed else places.pop()
    who = " and ".join(
        _plural(q, s if mixed else s.model_copy(update={"location": None}), count)
        for (s, count), q in zip(groups, quotes, strict=True)
        if isinstance(q, PayQuote)
    )
    verb = "costs" if total.headcount == 1 else "cost"
    where = _where(common) + ("," if _where(common).startswith(",") else "")
    total_text = f"{money(total.low_k * 1000)} to {money(total.high_k * 1000)}"
    if mixed:  # each hire's place said with it; the total after a colon reads better than a verb
        lead = f"{_capital(who)}: {total_text} a year in total, base + cash bonus, equity extra."
    else:
        lead = f"{_capital(who)}{where} {verb} {total_text} a year in base + cash bonus, equity extra."
    body = [_how(total.rules), note]
    if total.lower_cost_k is not None and common is not None and common.place is Place.REMOTE:
        low, high = total.lower_cost_k
        body.append(f"If they live in lower-cost regions: {money(low * 1000)} to {money(high * 1000)}.")
    return _finish(query, lead, body, figures=quotes, arithmetic=(total,))


def _verdict(result: PayCheck, ask: PayAsk) -> str:
    """Yes / no for "enough?" and "too much?"; for anything else the sentence itself says below, within or above."""
    if ask.polarity == "too_much":
        return {Verdict.ABOVE: "Yes: ", Verdict.WITHIN: "No: "}.get(result.verdict, "No, if anything it's low: ")
    if ask.polarity == "too_low":
        return {Verdict.BELOW: "Yes: "}.get(result.verdict, "No: ")
    if ask.polarity == "enough":
        return {Verdict.BELOW: "No: ", Verdict.WITHIN: "Yes: "}.get(result.verdict, "Yes, more than enough: ")
    if ask.polarity == "acceptable":
        return {Verdict.WITHIN: "Yes: "}.get(result.verdict, "No: ")
    return ""


def _plural(quote: PayQuote, side: PaySide, count: int) -> str:
    """ "three staff AI engineers in the Bay Area" """
    title = title_of(side.roles[0], side.level)
    shipped = f" who {'has' if count == 1 else 'have'} shipped agentic systems" if quote.agentic_applied else ""
    return f"{_count_text(count)} {title}{'s' if count != 1 else ''}{_where(side.location)}{shipped}"


def _compose_check(query: Query, ask: PayAsk, side: PaySide, quote: PayQuote, note: str) -> Answer:
    try:
        result = check(ask.amount or 0, quote, ask.count if ask.count is not None else 1)
    except HeadcountError as error:
        lead = f"{error} The band for one {describe(quote, side)[2:].lstrip()} is {quote.range_text}."
        return _finish(query, lead, [], figures=(quote,))
    count = result.count
    amount = money(result.amount)
    reading = f" (reading {ask.amount_text} as {amount})" if ask.unit_assumed else ""
    reading += " (the top of your range)" if ask.range_top else ""
    who = describe(quote, side) if count == 1 else _plural(quote, side, count)
    band = f"{money(result.low)} to {money(result.high)}"
    if not result.plausible:
        answer = "No: " if ask.polarity else ""
        lead = f"{answer}{amount} can't be a year's pay for {who}{reading}: the guide's band is {band} a year"
        lead += " (base + bonus)."
        return _finish(query, lead, [note], figures=(quote,), arithmetic=(result,))
    position = {Verdict.BELOW: f"{money(result.gap)} below", Verdict.ABOVE: f"{money(result.gap)} above"}
    where = position.get(result.verdict, "within")
    lead = f"{_verdict(result, ask)}{amount}{reading} is {where} the band for {who} ({band})."
    body = [_how(result.rules), note]
    if result.verdict is Verdict.BELOW:
        body.append(GUIDE.underpay.saving)
    return _finish(query, lead, body, figures=(quote,), arithmetic=(result,))


def _compose_which_level(query: Query, ask: PayAsk, side: PaySide, calculator: PayCalculator) -> Answer:
    """ "Budget is $200K, what level can I get?": the amount against every band of the role, at the place asked."""
    role = side.roles[0] if side.roles else Role.AI_ENGINEER
    location = side.location or Location.us()
    amount = ask.amount or 0
    results = [
        check(amount, calculator.apply(band, location, bool(side.agentic))) for band in calculator.bands_for(role)
    ]
    fits = [r for r in results if r.verdict is Verdict.WITHIN]
    where = _where(location)
    if fits:
        names = " or ".join(f"{with_article(r.quote.band.title[0].lower() + r.quote.band.title[1:])}" for r in fits)
        lead = f"{money(amount)} is within the band for {names}{where}."
    elif all(r.verdict is Verdict.BELOW for r in results):
        lead = f"{money(amount)} is below every {role.noun} band the guide gives{where}."
    elif all(r.verdict is Verdict.ABOVE for r in results):
        lead = f"{money(amount)} is above every {role.noun} band the guide gives{where}: any level fits."
    else:
        lead = f"{money(amount)} falls between the guide's {role.noun} bands{where}: no band includes it."
    position = {Verdict.BELOW: "{gap} below", Verdict.ABOVE: "{gap} above", Verdict.WITHIN: "within"}
    lines = [
        f"\u2022 {r.quote.band.title}: {r.quote.range_text} ({position[r.verdict].format(gap=money(r.gap))})"
        for r in results
    ]
    body = ["\n".join(lines)]
    short_of_mid = any(r.quote.band.level is Level.MID and r.verdict is Verdict.BELOW for r in results)
    if role is Role.AI_ENGINEER and short_of_mid:  # the guide's advice when a strong mid-level is out of reach
        body.append(GUIDE.underpay.alternative)
    quotes = tuple(r.quote for r in results)
    return _finish(query, lead, body, figures=quotes, arithmetic=tuple(results))
