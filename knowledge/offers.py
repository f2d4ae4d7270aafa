"""An offer drafted from a "hire" decision: the pay calculator's band for the decided role and level with its
arithmetic, the agentic premium when the panel saw it, the guide's equity for the level, and the guide's
contractor play as the alternative.

Pure, and never a figure of its own: every amount comes from ``knowledge.pay`` (the band) or is the guide's
own wording (equity, contracting). A role, level or place the guide gives no band for stays ``NotCovered``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from knowledge.guide import GUIDE
from knowledge.identifiers import CANDIDATE_MAX, CandidateName, SlackUserId
from knowledge.models import Level, Role
from knowledge.outcomes import Decision, Outcome, agentic_interviewers
from knowledge.pay import Location, PayCalculator, PayQuote, PayRequest, PayResult, Place, money_k
from knowledge.rubric import SENIOR_LEVELS
from knowledge.scorecards import Scorecard

CONTRACT_PLAY: Final = next(play for play in GUIDE.plays if play.key == "contract")


class OfferRefused(ValueError):  # noqa: N818 (reads as the condition it reports)
    """No offer can be drafted; the message says why, for the hiring manager."""


class OfferChoices(BaseModel):
    """What the offer modal asks: where the hire will live, and whether this is a founding hire."""

    model_config = ConfigDict(frozen=True)

    location: Location
    founding: bool = False


class Offer(BaseModel):
    """A drafted offer, as stored and as every surface renders it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    candidate: CandidateName
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)
    role: Role
    level: Level
    founding: bool
    pay: PayResult = Field(discriminator="kind")
    arithmetic: tuple[str, ...]
    agentic_by: tuple[SlackUserId, ...]
    equity: tuple[str, ...]
    contractor: str
    drafted_by: SlackUserId
    drafted_at: AwareDatetime

    @property
    def title(self) -> str:
        return f"{self.level.adjective} {self.role.noun}"


def _factor(value: str) -> str:
    return f"x{value}"


def arithmetic(quote: PayQuote, calculator: PayCalculator) -> tuple[str, ...]:
    """Each end of the band worked out, e.g. "Low: $240K + $40K agentic = $280K x1.10 (New York or the Bay Area)
    = $308K", from the same guide rules the calculator applied."""
    guide = calculator.guide
    premium = guide.agentic_premium.amount_k if quote.agentic_applied else 0
    rule_key = {Place.HIGH_COST: "high-cost", Place.REMOTE_LOW_COST: "remote-low-cost"}.get(quote.location.place)
    rule = guide.rule(rule_key) if rule_key else None
    lines = []
    for end, start, factor_text, result in (
        ("Low", quote.band.low_k, rule.low_factor if rule else "1", quote.low_k),
        ("High", quote.band.high_k, rule.high_factor if rule else "1", quote.high_k),
    ):
        steps = [money_k(start)]
        subtotal = start
        if premium:
            subtotal = start + premium
            steps.append(f"+ {money_k(premium)} agentic = {money_k(subtotal)}")
        if rule is not None and Decimal(factor_text) != 1:
            steps.append(f"{_factor(factor_text)} ({rule.title}) = {money_k(result)}")
        elif not premium:
            steps.append(f"= {money_k(result)}")
        lines.append(f"{end}: " + " ".join(steps))
    return tuple(lines)


def equity_for(level: Level, role: Role, *, founding: bool) -> tuple[str, ...]:
    """The guide's equity wording for this hire; nothing where the guide gives no range (never an invented one)."""
    equity = GUIDE.equity
    lines = []
    if founding:
        lines.append(equity.founding_engineer)
    if role is Role.RESEARCH_ENGINEER:
        lines.append(equity.research_engineer)
    elif level in SENIOR_LEVELS:
        lines.append(equity.senior_hire)
    return tuple(lines)


def contractor_alternative() -> str:
    """The guide's second play: contract for a bounded scope instead of hiring full time."""
    return f"{CONTRACT_PLAY.name}: {CONTRACT_PLAY.what}"


def offerable(decision: Decision | None) -> Decision:
    """The decision, when it is one an offer can be drafted for; else ``OfferRefused`` with the reason."""
    if decision is None:
        raise OfferRefused("There's no decision for this candidate yet: record one with `/hire decide` first.")
    if decision.outcome is not Outcome.HIRE:
        raise OfferRefused(
            f"The decision for {decision.candidate} is {decision.outcome.label.lower()}, not hire, so there's no offer "
            "to draft. Record a new decision with `/hire decide` if that has changed."
        )
    return decision


def draft_offer(
    decision: Decision | None,
    scorecards: Sequence[Scorecard],
    choices: OfferChoices,
    *,
    drafted_by: str,
    drafted_at: AwareDatetime,
    calculator: PayCalculator,
) -> Offer:
    """The offer for a "hire" decision; ``OfferRefused`` says why there can't be one."""
    decision = offerable(decision)
    agentic_by = agentic_interviewers(scorecards)
    pay = calculator.quote(
        PayRequest(role=decision.role, level=decision.level, location=choices.location, agentic=bool(agentic_by))
    )
    return Offer(
        candidate=decision.candidate,
        candidate_key=decision.candidate_key,
        role=decision.role,
        level=decision.level,
        founding=choices.founding,
        pay=pay,
        arithmetic=arithmetic(pay, calculator) if isinstance(pay, PayQuote) else (),
        agentic_by=agentic_by,
        equity=equity_for(decision.level, decision.role, founding=choices.founding),
        contractor=contractor_alternative(),
        drafted_by=drafted_by,
        drafted_at=drafted_at,
    )
