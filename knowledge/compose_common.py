"""Small renderers the topic composers share: bullet lists, a place after a title, a list of knowledge items."""

from __future__ import annotations

from knowledge.pay import Location, PayQuote, Place
from knowledge.query import KnowledgeItem

BULLET = "\u2022"


def bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"{BULLET} {line}" for line in lines)


def where(location: Location | None) -> str:
    """ ", remote", " in New York": a place as it follows a title; nothing for the plain US."""
    if location is None or (location.place is Place.US and location.label == "the US"):
        return ""
    if location.place in (Place.REMOTE, Place.REMOTE_LOW_COST):
        return f", {location.label}"
    return f" in {location.label}"


def render_items(items: tuple[KnowledgeItem, ...]) -> list[str]:
    return [item.heading + ("\n" + bullets(item.lines) if item.lines else "") for item in items]


def quote_line(quote: PayQuote, location: Location | None = None) -> str:
    """ "Senior AI engineer (5+ years) in New York: $264K to $368K" """
    experience = f" ({quote.band.experience})" if quote.band.experience else ""
    agentic = " who has shipped agentic systems" if quote.agentic_applied else ""
    return f"{quote.band.title}{experience}{agentic}{where(location)}: {quote.range_text}"
