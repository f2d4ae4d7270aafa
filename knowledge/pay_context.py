"""A message's pay arithmetic read against the conversation: "is 300k enough?" about the hire just discussed,
"how much more for senior?" against it, "what if one of them is staff?" changing part of a total, and a gap the
guide doesn't cover carried into the next question. Pure: queries in, a query out for ``knowledge.pay_answers``."""

from __future__ import annotations

from knowledge.level_choice import LEVEL_CHOICE
from knowledge.pay import Location, Place
from knowledge.pay_asks import BudgetGroup, Operation, PayAsk, PaySide
from knowledge.query import Query
from knowledge.understanding import Topic

# Topics an unmistakable pay question wins over ("SF vs remote" reads as a comparison of roles otherwise).
OVERRIDABLE = (Topic.ROLES, Topic.UNDERPAY, Topic.UNKNOWN, Topic.SIGNALS)
CARRIED_GAPS = ("lead", "head", "unpublished", "currency")


def apply_pay_ask(query: Query, ask: PayAsk | None, previous: Query | None) -> Query:
    """The resolved query with this message's arithmetic, or the last turn's carried into a pay follow-up."""
    usable = previous if previous is not None and previous.topic is Topic.PAY else None
    carried = usable.pay_ask if usable is not None and query.follow_up and query.topic is Topic.PAY else None
    if carried is not None and usable is not None and (query.roles, query.level) != (usable.roles, usable.level):
        carried = carried.model_copy(update={"gap": None})  # "lead AI engineer?", "and senior?": now a real band
    if carried is not None and carried.operation is None and carried.gap not in CARRIED_GAPS:
        carried = None
    if ask is None and carried is not None and carried.groups and usable is not None:
        # "and if both are remote?" after a budget over several kinds of hire: the new slot for every one of them
        said = PaySide(**{k: v for k, v in _slots(query).items() if v != _slots(usable)[k]})
        ask = PayAsk(first=said)
    if ask is None:
        return query.model_copy(update={"pay_ask": carried}) if carried is not None else query
    if ask.operation is None and ask.gap is None and ask.unclear_number is None:
        split = _split_budget(ask, carried, usable)
        if split is not None:
            # What a later follow-up builds on: the first kind of hire in the total.
            first = split.groups[0].side
            slots = {"roles": first.roles, "level": first.level, "location": first.location, "agentic": first.agentic}
            return query.model_copy(update={"pay_ask": split, "follow_up": True, **slots})
        if ask.bare_number is not None and usable is not None and (query.follow_up or query.topic is Topic.UNKNOWN):
            base = carried or PayAsk()
            count_ask = base.model_copy(update={"operation": Operation.BUDGET, "count": ask.bare_number, "groups": ()})
            if not query.follow_up:  # "we'd need two of them": only a head-count, so for the hire just discussed
                query = usable.model_copy(update={"follow_up": True, "offer": None, "asked": query.asked})
            return query.model_copy(update={"pay_ask": count_ask})
        return query.model_copy(update={"pay_ask": carried}) if carried is not None else query
    if query.topic is not Topic.PAY and (not ask.strong or query.topic not in OVERRIDABLE):
        return query
    if (query.subject or "").startswith(LEVEL_CHOICE) and ask.operation is Operation.DIFFERENCE:
        return query  # "senior vs staff, which is the better bet?": a choice, answered with both bands
    if query.topic is Topic.ROLES and ask.operation is Operation.CHECK and ask.polarity is None:
        return query  # "10M labeled images ... ai eng or mle?": a number in a role decision, not an offer
    if ask.operation is Operation.CHECK and not ask.strong and not (query.follow_up and usable is not None):
        return query  # "$999K" on its own: an amount, but for what?
    if ask.operation is None and carried is not None:
        ask = carried.model_copy(update={"gap": ask.gap or carried.gap})
    if ask.previous_first:
        if usable is None:
            return query  # "than that" with nothing before it: the band of what was named
        before = PaySide(roles=usable.roles, level=usable.level, location=usable.location, agentic=usable.agentic)
        ask = ask.model_copy(update={"first": before, "previous_first": False})
    earlier = usable.location if usable is not None and query.follow_up else None
    if (
        _place_against_us(ask)
        and earlier is not None
        and earlier.place is not Place.US
        and earlier != ask.first.location
    ):
        # "how much more in NYC?" after a remote quote: against the place just discussed, not the US band
        ask = ask.model_copy(update={"other": PaySide(location=earlier)})
    if ask.versus_previous:
        against = _against_previous(ask, usable)
        if against is None:
            return query  # nothing to compare with: the band of what was named
        ask = against
    first = ask.first
    if usable is not None and not first.roles and first.level is None:
        query = query.model_copy(  # "is 300k enough?" is about the hire just discussed
            update={
                "roles": query.roles or usable.roles,
                "level": query.level if query.level is not None else usable.level,
                "location": query.location or usable.location,
                "agentic": query.agentic if query.agentic is not None else usable.agentic,
                "follow_up": True,
            }
        )
    roles = first.roles or query.roles or (usable.roles if usable is not None else ())
    update = {
        "topic": Topic.PAY,
        "pay_ask": ask,
        "roles": roles,
        "level": first.level if first.level is not None else query.level,
        "location": first.location or query.location,
        "agentic": first.agentic if first.agentic is not None else query.agentic,
        "subject": None,
    }
    return query.model_copy(update=update)


def _slots(query: Query | None) -> dict[str, object]:
    if query is None:
        return {}
    return {"roles": query.roles, "level": query.level, "location": query.location, "agentic": query.agentic}


def _split_budget(ask: PayAsk, carried: PayAsk | None, usable: Query | None) -> PayAsk | None:
    """ "What if one of them is staff?" after a budget for two senior AI engineers: one senior and one staff."""
    if usable is None or carried is None or carried.operation is not Operation.BUDGET:
        return None
    total = carried.count or 1
    subset = ask.subset
    if subset is None and carried.groups:  # "and if both are remote?": a slot named for every kind of hire
        subset = BudgetGroup(side=ask.first, count=total)
    if subset is None:
        return None
    changes = {name: value for name, value in subset.side if value is not None and value != ()}
    if not changes or not 0 < subset.count <= total:
        return None
    base = PaySide(roles=usable.roles, level=usable.level, location=usable.location, agentic=usable.agentic)
    if subset.count == total:  # "what if both of them are remote?": every group changes
        every = carried.groups or (BudgetGroup(side=base, count=total),)
        changed = tuple(g.model_copy(update={"side": _merged(base, g.side).model_copy(update=changes)}) for g in every)
        return carried.model_copy(update={"groups": changed, "count": total})
    if carried.groups:
        return None  # which of several kinds of hire "one of them" is can't be told
    groups = (
        BudgetGroup(side=base, count=total - subset.count),
        BudgetGroup(side=base.model_copy(update=changes), count=subset.count),
    )
    return carried.model_copy(update={"groups": groups, "count": total})


def _merged(base: PaySide, group: PaySide) -> PaySide:
    """A budget group's side with the slots it leaves open taken from the hire discussed."""
    named = {name: value for name, value in group if value is not None and value != ()}
    return base.model_copy(update=named)


def _place_against_us(ask: PayAsk) -> bool:
    """ "How much more in NYC?": a place's premium, read against the US band when nothing else is compared."""
    return (
        ask.operation is Operation.DIFFERENCE
        and ask.first.location is not None
        and ask.other == PaySide(location=Location.us())
    )


def _against_previous(ask: PayAsk, usable: Query | None) -> PayAsk | None:
    """ "How much more for senior?" after a mid-level AI engineer: the named side against the one just discussed
    (only the slots that differ make the other side). None when there is nothing earlier, or nothing differs."""
    if usable is None:
        return None
    named = ask.first
    first = PaySide(
        roles=named.roles or usable.roles,
        level=named.level if named.level is not None else usable.level,
        location=named.location or usable.location,
        agentic=named.agentic if named.agentic is not None else usable.agentic,
    )
    before = PaySide(roles=usable.roles, level=usable.level, location=usable.location, agentic=usable.agentic)
    differs = {
        name: getattr(before, name) for name in ("roles", "level") if getattr(before, name) != getattr(first, name)
    }
    if not differs or (not usable.roles and not first.roles):
        return None
    other = PaySide.model_validate(differs)
    return ask.model_copy(update={"first": first, "other": other, "versus_previous": False})
