"""Pay cards: one band with the rule that produced it, a band the guide doesn't give, or the whole table."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from blocks.common import Card, bullets, context, escape, fields, header, markdown, share_actions, source_context
from knowledge.guide import GUIDE
from knowledge.models import Guide, Section
from knowledge.pay import Location, NotCovered, PayCalculator, PayQuote, PayResult
from knowledge.query import Answer


def _place(location: Location) -> str:
    label = location.label.removeprefix("the ")
    return label[:1].upper() + label[1:]


def _quote_blocks(quote: PayQuote) -> list[Block]:
    title = quote.band.title + (" with agentic systems shipped" if quote.agentic_applied else "")
    lines = [f"*{quote.range_text}* base + cash bonus a year, equity on top"]
    if quote.band.experience:
        lines.append(f"Experience: {quote.band.experience}")
    blocks: list[Block] = [
        header(f"{title} \u00b7 {_place(quote.location)}"),
        markdown("\n".join(lines)),
        markdown(quote.band.profile),
        context("*How:* " + " \u2192 ".join(escape(rule) for rule in quote.rules)),
    ]
    notes = list(quote.notes)
    if quote.lower_cost_text:
        notes.append(f"Living in a lower-cost region: {quote.lower_cost_text}.")
    if notes:
        blocks.append(context(*(escape(note) for note in notes)))
    return blocks


def _not_covered_blocks(result: NotCovered) -> list[Block]:
    nearest = [f"*{q.band.title}* ({_place(q.location)})\n{q.range_text}" for q in result.nearest]
    return [
        header("No band for that in the guide"),
        markdown(f"{escape(result.reason)} I won't invent a figure."),
        markdown("*Nearest bands the guide does give:*"),
        *fields(nearest),
    ]


def pay_card(results: Sequence[PayResult], share_value: str | None, *, cite: bool = True) -> Card:
    """One or more calculator results; several (a role's ladder, a level across roles) show as a compact list."""
    if len(results) == 1:
        result = results[0]
        if isinstance(result, PayQuote):
            blocks = _quote_blocks(result)
            text = f"{result.band.title}, {_place(result.location)}: {result.range_text}"
        else:
            blocks = _not_covered_blocks(result)
            text = result.reason
    else:
        location = next((r.location for r in results if isinstance(r, PayQuote)), Location.us())
        lines = [
            f"*{r.band.title}*\n{r.range_text}" if isinstance(r, PayQuote) else f"*{r.request}*\nno band in the guide"
            for r in results
        ]
        blocks = [header(f"Pay bands \u00b7 {_place(location)}"), *fields(lines), context(_rules_summary(GUIDE))]
        text = f"Pay bands, {_place(location)}: " + "; ".join(
            f"{r.band.title} {r.range_text}" for r in results if isinstance(r, PayQuote)
        )
    if cite:
        blocks.append(source_context([Section.SALARIES]))
    blocks += share_actions(share_value)
    return Card(blocks, text)


MATH_HEADERS = {
    "difference": "Pay difference",
    "budget": "Budget",
    "midpoint": "Band midpoint",
    "check": "Offer check",
    "shift": "Band plus a percentage",
}


def pay_math_card(answer: Answer, share_value: str | None, *, cite: bool = True) -> Card:
    """An arithmetic answer: the figure asked for in the lead, the arithmetic beneath, then the bands it used."""
    result = answer.arithmetic[0]
    quotes = [r for r in answer.figures if isinstance(r, PayQuote)]
    place = f" \u00b7 {_place(quotes[0].location)}" if quotes else ""
    how = [line for line in answer.body if line.startswith("How: ")]
    notes = [line for line in answer.body if not line.startswith("How: ")]
    blocks: list[Block] = [header(MATH_HEADERS[result.kind] + place), markdown(f"*{escape(answer.lead)}*")]
    if how:
        blocks.append(context("*How:* " + escape(how[0].removeprefix("How: "))))
    if notes:
        blocks.append(context(*(escape(note) for note in notes)))
    bands = dict.fromkeys(f"*{q.band.title}* ({_place(q.location)})\n{q.range_text}" for q in quotes)
    blocks += fields(list(bands))
    if cite:
        blocks.append(source_context([Section.SALARIES]))
    blocks += share_actions(share_value)
    return Card(blocks, answer.lead)


def _rules_summary(guide: Guide) -> str:
    high, remote = guide.rule("high-cost"), guide.rule("remote-low-cost")
    premium = guide.agentic_premium
    return (
        f"New York or the Bay Area: low x{high.low_factor}, high x{high.high_factor}. "
        f"Remote from a lower-cost region: low x{remote.low_factor}, high x{remote.high_factor}. "
        f"Senior AI engineers who shipped agentic systems: +${premium.amount_k}K on both ends, before location. "
        "Rounded to the nearest thousand."
    )


def pay_table_card(calculator: PayCalculator, guide: Guide = GUIDE) -> Card:
    """Every band, with the rules that adjust them beneath."""
    quotes = calculator.table()
    lines = [
        f"*{q.band.title}*" + (f" ({q.band.experience})" if q.band.experience else "") + f"\n{q.range_text}"
        for q in quotes
    ]
    blocks: list[Block] = [
        header("AI and ML engineer pay, 2026"),
        markdown("US hires at seed to Series B startups, base + cash bonus a year, equity on top."),
        *fields(lines),
        markdown(
            "*Adjustments*\n"
            + bullets(_rules_summary(guide).split(". ")[:-1])
            + "\n"
            + f"_{guide.rule('remote-low-cost').caveat}_"
        ),
        markdown(
            f"*Equity:* {guide.equity.senior_hire}; {guide.equity.founding_engineer}.\n"
            f"*Don't underpay:* {guide.underpay.saving} {guide.underpay.alternative}"
        ),
        context("Try `/hire pay senior mle sf` for one band with its rule."),
        source_context([Section.SALARIES]),
        *share_actions("pay"),
    ]
    return Card(
        blocks, "AI and ML engineer pay bands, 2026: " + "; ".join(f"{q.band.title} {q.range_text}" for q in quotes)
    )
