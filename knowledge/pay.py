"""The pay calculator: the guide's bands and rules applied exactly, with the rule behind every number.

Rules, in order: start from the US band ($K, base plus cash bonus); add the agentic premium to both ends
(senior AI engineers only); multiply by the location factors (low and high separately); round each end to
the nearest $1K, halves up. A role, level or place the guide has no band for is ``NotCovered`` and carries
the nearest bands the guide does give: the calculator never extrapolates.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.guide import GUIDE
from knowledge.models import Guide, Level, LocationRule, PayBand, Role


class Place(StrEnum):
    """Where the hire will live, as far as the guide's rules are concerned."""

    US = "us"
    HIGH_COST = "high-cost"
    REMOTE_LOW_COST = "remote-low-cost"
    REMOTE = "remote"
    OUTSIDE_US = "outside-us"


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    place: Place
    label: str

    @classmethod
    def us(cls) -> Location:
        return cls(place=Place.US, label="the US")


class PayRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: Role
    level: Level | None = None
    location: Location = Location.us()
    agentic: bool = False


class PayQuote(BaseModel):
    """A covered band after the rules: what to budget and exactly how it was derived."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["quote"] = "quote"
    band: PayBand
    location: Location
    low_k: int
    high_k: int
    agentic_applied: bool
    rules: tuple[str, ...]
    notes: tuple[str, ...] = ()
    lower_cost_k: tuple[int, int] | None = Field(
        default=None, description="for a plain 'remote' hire: the band if they live in a lower-cost region"
    )

    @property
    def range_text(self) -> str:
        return f"{money_k(self.low_k)} to {money_k(self.high_k)}"

    @property
    def lower_cost_text(self) -> str | None:
        if self.lower_cost_k is None:
            return None
        return f"{money_k(self.lower_cost_k[0])} to {money_k(self.lower_cost_k[1])}"


class NotCovered(BaseModel):
    """The guide gives no band for this request; ``nearest`` holds real bands to anchor on instead."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["not_covered"] = "not_covered"
    request: str
    reason: str
    nearest: tuple[PayQuote, ...]


PayResult = PayQuote | NotCovered


def money_k(thousands: int) -> str:
    return f"${thousands}K"


def _round_k(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _factor_text(factor: str) -> str:
    return f"x{factor}"


def request_title(role: Role, level: Level | None) -> str:
    if level is None:
        return role.noun
    return f"{level.adjective} {role.noun}"


def with_article(noun_phrase: str) -> str:
    """ "an ML engineer", "a senior AI engineer": by sound, so the acronyms read right."""
    sounds_like_vowel = noun_phrase[:1].lower() in "aeio" or noun_phrase.startswith(("ML ", "AI "))
    return f"{'an' if sounds_like_vowel else 'a'} {noun_phrase}"


class PayCalculator:
    """Applies the guide's pay rules; pure, so one instance can serve every request."""

    def __init__(self, guide: Guide = GUIDE) -> None:
        self.guide = guide

    def bands_for(self, role: Role | None = None, level: Level | None = None) -> tuple[PayBand, ...]:
        """The bands matching whatever was given: a role's ladder, one level across roles, or both."""
        return tuple(
            band
            for band in self.guide.bands
            if (role is None or band.role is role) and (level is None or band.level is level)
        )

    def band_for(self, role: Role, level: Level | None) -> PayBand | None:
        if level is Level.PRINCIPAL:
            return None  # the guide has no principal level for any role
        if role is Role.RESEARCH_ENGINEER:
            return self.guide.band("research")
        if level is None:
            return None
        return next((b for b in self.guide.bands if b.role is role and b.level is level), None)

    def apply(self, band: PayBand, location: Location, agentic: bool = False) -> PayQuote:
        """The rules applied to one band, in the guide's order."""
        low, high = Decimal(band.low_k), Decimal(band.high_k)
        rules = [f"US band, {band.title}: {money_k(band.low_k)} to {money_k(band.high_k)}"]
        notes: list[str] = []
        premium = self.guide.agentic_premium
        agentic_applied = agentic and band.role is premium.role and band.level is premium.level
        if agentic_applied:
            low += premium.amount_k
            high += premium.amount_k
            rules.append(f"agentic premium: +{money_k(premium.amount_k)} on both ends, before any location factor")
        elif agentic:
            notes.append(f"The guide's +{money_k(premium.amount_k)} agentic premium is only for {premium.condition}.")
        rule = self._rule_for(location)
        if rule.key != "us":
            low *= Decimal(rule.low_factor)
            high *= Decimal(rule.high_factor)
            rules.append(
                f"{rule.title}: low {_factor_text(rule.low_factor)}, high {_factor_text(rule.high_factor)}, "
                "rounded to the nearest thousand"
            )
            if rule.caveat:
                notes.append(rule.caveat)
        lower_cost: tuple[int, int] | None = None
        if location.place is Place.REMOTE:
            discount = self.guide.rule("remote-low-cost")
            lower_cost = (
                _round_k(low * Decimal(discount.low_factor)),
                _round_k(high * Decimal(discount.high_factor)),
            )
        return PayQuote(
            band=band,
            location=location,
            low_k=_round_k(low),
            high_k=_round_k(high),
            agentic_applied=agentic_applied,
            rules=tuple(rules),
            notes=tuple(notes),
            lower_cost_k=lower_cost,
        )

    def _rule_for(self, location: Location) -> LocationRule:
        if location.place is Place.HIGH_COST:
            return self.guide.rule("high-cost")
        if location.place is Place.REMOTE_LOW_COST:
            return self.guide.rule("remote-low-cost")
        return self.guide.rule("us")

    def quote(self, request: PayRequest) -> PayResult:
        """One role and level, or ``NotCovered`` with the nearest real bands."""
        title = request_title(request.role, request.level)
        if request.location.place is Place.OUTSIDE_US:
            nearest_place = (
                Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region")
                if "remote" in request.location.label
                else Location.us()
            )
            return NotCovered(
                request=f"{title} in {request.location.label}",
                reason=f"The guide has no pay band for {request.location.label}: its bands are for US-based hires.",
                nearest=self._nearest(request.role, request.level, nearest_place, request.agentic),
            )
        band = self.band_for(request.role, request.level)
        if band is None:
            return NotCovered(
                request=title,
                reason=f"The guide gives no pay band for {with_article(title)}.",
                nearest=self._nearest(request.role, request.level, request.location, request.agentic),
            )
        quote = self.apply(band, request.location, request.agentic)
        if band.level is None and request.level is not None:
            note = "The guide gives research engineers with publications one band, whatever their level."
            quote = quote.model_copy(update={"notes": (*quote.notes, note)})
        return quote

    def _nearest(self, role: Role, level: Level | None, location: Location, agentic: bool) -> tuple[PayQuote, ...]:
        """The covered bands closest to the request: same role and level if covered, else the nearest levels."""
        exact = self.band_for(role, level)
        if exact is not None:
            candidates: tuple[PayBand, ...] = (exact,)
        elif role is Role.RESEARCH_ENGINEER:
            candidates = (self.guide.band("research"),)
        else:
            same_role = [b for b in self.guide.bands if b.role is role and b.level is not None]
            if level is None or not same_role:
                candidates = tuple(same_role)
            else:
                distance = min(abs(b.level.rank - level.rank) for b in same_role if b.level is not None)
                candidates = tuple(
                    b for b in same_role if b.level is not None and abs(b.level.rank - level.rank) == distance
                )
        return tuple(self.apply(band, location, agentic) for band in candidates)

    def table(self, location: Location | None = None, agentic: bool = False) -> tuple[PayQuote, ...]:
        """Every band under one location rule."""
        place = location or Location.us()
        return tuple(self.apply(band, place, agentic) for band in self.guide.bands)

    def every_possible_figure(self) -> frozenset[int]:
        """All $K amounts the rules can produce; an answer quoting anything else has invented it."""
        places = (
            Location.us(),
            Location(place=Place.HIGH_COST, label="x"),
            Location(place=Place.REMOTE_LOW_COST, label="x"),
        )
        figures: set[int] = set()
        for band in self.guide.bands:
            for place in places:
                for agentic in (False, True):
                    quote = self.apply(band, place, agentic)
                    figures.update((quote.low_k, quote.high_k))
        return frozenset(figures)
