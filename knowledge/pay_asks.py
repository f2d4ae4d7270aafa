"""Reading the arithmetic in a pay question: a difference, a budget for several hires, a midpoint or "is $X
enough?", and what the guide doesn't cover ("lead", "head of", a research engineer without publications, a
premium it names without a figure).

Works on top of ``knowledge.understanding``: the message is parsed as usual, then the sentence carrying the
question is read again for its operation, its amounts and head-counts, and (for a comparison) each side.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from knowledge.models import Level, Role
from knowledge.pay import Location, Place
from knowledge.pay_gaps import OTHER_TITLE, Gap, read_gap
from knowledge.pay_numbers import HeadCount, count_number, read_amounts, read_breakdown, read_counts
from knowledge.rambles import question_sentence
from knowledge.understanding import SLACK_MARKUP, ParsedText, Topic, parse


class Operation(StrEnum):
    DIFFERENCE = "difference"
    BUDGET = "budget"
    MIDPOINT = "midpoint"
    CHECK = "check"
    SHIFT = "shift"


Polarity = Literal["enough", "too_much", "too_low", "acceptable"]


class PaySide(BaseModel):
    """One side of a pay question: only the slots a message names."""

    model_config = ConfigDict(frozen=True)

    roles: tuple[Role, ...] = ()
    level: Level | None = None
    location: Location | None = None
    agentic: bool | None = None


class BudgetGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    side: PaySide
    count: int


class PayAsk(BaseModel):
    """The arithmetic asked for (if any) and what the guide doesn't cover, read from one message."""

    model_config = ConfigDict(frozen=True)

    operation: Operation | None = None
    first: PaySide = PaySide()
    other: PaySide | None = None  # a comparison's second side: only the slots that differ from the first
    groups: tuple[BudgetGroup, ...] = ()  # a budget over several kinds of hire
    count: int | None = None
    amount: int | None = None  # dollars a year
    amount_text: str | None = None  # as typed
    percent: Decimal | None = None  # "15% above the band": the band moved by it (negative: below)
    unit_assumed: bool = False  # "150" read as $150K
    range_top: bool = False  # the amount is the top of a range offered ("180-200k")
    which_level: bool = False  # "budget is 200k, what level can I get?": every level's band against the amount
    unclear_number: str | None = None  # "is 5 enough?": a number that can't be read as pay
    bare_number: int | None = None  # "what about 5?" after a budget
    subset: BudgetGroup | None = None  # "what if one of them is staff?" after a budget: part of it changes
    polarity: Polarity | None = None
    gap: Gap | None = None
    strong: bool = False  # unmistakably a pay question, whatever topic words it also has
    other_title: str | None = None  # a title the guide has no band for ("data scientist"), as typed
    versus_previous: bool = False  # "how much more for senior?": the other side is the hire just discussed
    previous_first: bool = False  # "how much more is that than remote?": the first side is the hire just discussed


_CLEAN = re.compile(r"[*_~`]")
WHAT_IS_THAT = re.compile(r"\b(?:what|how much)\b.*\b(?:that|this|it)\b")  # "what would that be?"
REFERS_BACK = re.compile(r"(?<![a-z])(?:that|this|it|those|these|that offer|the offer)(?![a-z])")
SENTENCE_END = re.compile(r"(?<!\d)[.?!]+(?!\d)|\n+")
COMPARATOR = re.compile(r"(?<![a-z])(?:than|vs|v|versus|compared to|compared with|relative to|against|over)(?![a-z])")
BETWEEN = re.compile(r"(?<![a-z])between (.+?) and (.+)")
OR_SPLIT = re.compile(r"(?<![a-z])or(?![a-z])")
FROM_TO = re.compile(r"(?<![a-z])from (.+?) to (.+)")  # "the jump from junior to mid": only with a difference cue
# "junior ai eng to senior, how much does pay go up" (normalised text: "->" is already "to", commas are gone)
STEP_TO = re.compile(r"^(.+?) to (.+)$")
DIFFERENCE_CUES = re.compile(
    r"\b(?:how much more|more expensive|cost(?:s|ing)? more|pay more|pricier|costlier|cheaper|less expensive|"
    r"difference|diff|gap|delta|premium|uplift|bump|jump|step up|markup|mark up|extra|adds?|worth|save|saves|saving|"
    r"savings|discount|how much less|cost(?:s)? less|pay less|go(?:es)? up|goes? down|increase|rise|raise|"
    r"\d+ ?(?:%|percent) (?:more|less|higher|lower|extra|cheaper|pricier))\b"
    r"(?! (?:region|area|state|city|place|town|market)s?\b)"
)
MORE_OR_LESS = re.compile(
    r"\b(?:how much (?:more|less)|cost(?:s|ing)? (?:more|less)|pay (?:more|less)|more expensive|less expensive|"
    r"cheaper|pricier|costlier)\b"
)
SAVING_CUES = re.compile(r"\b(?:cheaper|less expensive|save|saves|saving|savings|discount|less)\b")
WHICH_LEVEL = re.compile(
    r"\b(?:what|which) (?:level|seniority|kind of|calibre|caliber)\b|\bhow senior\b|"
    r"\b(?:who|what) (?:can|could) (?:i|we) (?:get|hire|afford)\b"
)
TOTAL_CUES = re.compile(r"\b(?:budget|total|totals|altogether|all together|combined|in all|all in|sum)\b")
MIDPOINT_CUES = re.compile(r"\b(?:mid ?point|mid-point|middle of|middle|halfway|half way|median|average|avg)\b")
MIDPOINT_WORDS = re.compile(r"\bmid[ -]?point\b")
BUDGET_CUES = re.compile(
    r"\b(?:budget|total|totals|altogether|all together|combined|in all|all in|headcount|head count|team of|"
    r"cost|costs|how much|pay|salary|salaries|comp|spend|hire|hiring|hires|run (?:us|me|you)|set (?:us|me) back)\b"
)
ENOUGH_CUES = re.compile(r"\b(?:enough|sufficient|competitive)\b")
# "is $200K ok?", "fair?", "in range?", "can we get one for $X?": a yes/no on whether the amount sits in the band.
ACCEPTABLE_CUES = re.compile(
    r"\b(?:fair|ok|okay|alright|reasonable|acceptable|in range|in the range|within (?:the )?(?:range|band)|"
    r"in (?:the )?band|good|right|market|get away with|"
    r"(?:can|could) (?:we|i|you) (?:get|hire|find|land|snag|attract|recruit|close|sign|afford)|"
    r"(?:will|would|does|do) (?:that|it|this) work)\b"
)
TOO_LOW_CUES = re.compile(
    r"\b(?:too low|too little|lowball\w*|underpay\w*|low ball\w*|under market|below market|too cheap|stingy|"
    r"(?:under|below) (?:the )?(?:band|range|going rate))\b"
)
TOO_MUCH_CUES = re.compile(
    r"\b(?:too much|too high|overpay\w*|over pay\w*|too generous|excessive|overkill|too rich|crazy|insane|nuts|"
    r"ridiculous|outrageous|steep|too pricey|over the top|a lot of money|"
    r"(?:is|that's|thats|it's|its|seems?|sounds?)(?: \S+)?(?: like)? a lot(?! of))\b"
)
# Weaker words for "too much", heard only when the message has no other verdict word ("senior MLEs are expensive;
# is 300k enough?" asks whether it's enough).
SOFT_TOO_MUCH_CUES = re.compile(r"\b(?:pricey|expensive|on the high side)\b")
CHECK_CUES = re.compile(
    r"\b(?:for(?= \$?\d)|enough|sufficient|competitive|too|fair|ok|okay|reasonable|in range|within|market|good|"
    r"right|offer\w*|lowball\w*|overpay\w*|underpay\w*|pay\w*|budget\w*)\b"
)
BARE_NUMBER = re.compile(r"^\D*?(?<![\d.])(\d{1,3})(?![\d.])\D*$")
OFFER_RANGE = re.compile(
    r"(?<![\w.,])(?:\$\s?)?\d+(?:\.\d+)?\s?(?:k|m)?\s?(?:-|\u2013|to)\s?"
    r"((?:\$\s?)?\d+(?:\.\d+)?\s?(?:k|m|mm|million|thousand|grand)\b)",
    re.IGNORECASE,
)
# "15% above the senior ML range", "pay 10 percent under market": a band moved by a percentage. The band (or what
# stands for it) must be named after the comparison, so "is it 15% more in NYC?" stays a question about the place.
# One decimal at most ("12.5%"): a thousand-dollar band end moved by it is still whole dollars.
PERCENT_SHIFT = re.compile(
    r"(?<![\d.])(?P<percent>\d{1,2}(?:\.\d)?) ?(?:%|percent|pct)(?: (?:premium|extra|bump|discount|cut))?"
    r" (?P<way>above|over|more than|higher than|on top of|below|under|less than|lower than|off)"
    r" (?:\S+ ){0,6}?(?:the )?"
    r"(?:band|bands|range|ranges|market|rate|salary|pay|comp|number|figure|guide|that|this|it)\b"
)
SHIFT_DOWN = ("below", "under", "less than", "lower than", "off")
EQUITY_WORDS = re.compile(r"\b(?:equity|stake|options|shares|ownership|vesting)\b")
# "40k under market", "$30K below the band": by how much someone would be underpaid, not what they'd be paid. Only
# under $100K: no band starts that low, while "is 150k under market?" asks about an offer.
SHORTFALL = re.compile(
    r"(?<![\d.,])(?:\$\s?)?\d{1,2}(?:\.\d+)?\s?(?:k|grand|thousand)\s+(?:under|below|less than|beneath|short of|off)\s+"
    r"(?:the\s+)?(?:market|band|range|going rate|market rate|the rate)\b"
)
# "what about 5?", "we'd need two of them", "make it a couple": a head-count alone, for the hire just discussed.
HOW_MANY = re.compile(
    r"^\s*(?:what about|how about|and|or|make it|for|(?:but |so |ok |okay )?(?:we|i)(?:'d| would|'ll| will)? "
    r"(?:need|want|hire|get)|(?:we're|we are|i'm|i am) (?:hiring|getting)|need|times)?\s*"
    r"(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple|a pair|a dozen)\s*"
    r"(?:of them|of those|of these|of that|hires?|people|x)?\s*\W*$"
)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return _CLEAN.sub(" ", SLACK_MARKUP.sub(" ", text)).lower()


def _has_operation(sentence: str) -> bool:
    return bool(
        read_amounts(sentence)
        or COMPARATOR.search(sentence)
        or DIFFERENCE_CUES.search(sentence)
        or MIDPOINT_CUES.search(sentence)
        or PERCENT_SHIFT.search(sentence)
        or (read_counts(sentence) and BUDGET_CUES.search(sentence))
    )


def _points_back(asked: str) -> bool:
    """An asking sentence that checks something said before it: "Is that enough?", or one naming no hire of its
    own ("competitive?" after "We're offering 220k to a senior ML candidate.")."""
    if not CHECK_CUES.search(asked) and _polarity(asked) is None and not WHAT_IS_THAT.search(asked):
        return False
    names_a_hire = bool(parse(asked).roles) or parse(asked).level is not None
    return REFERS_BACK.search(asked) is not None or not names_a_hire


def _focus(clean: str, asked: str | None = None) -> str:
    """The sentence that carries the question. The asking sentence (``rambles.question_sentence``) when it has a
    pay operation, or when it points back at one ("Is that enough?" after "We offer $150K."); a figure in an
    earlier, passing sentence ("a recruiter said $500K+. What's a fair range for a mid AI engineer?") is not the
    question. Without an asking sentence, the last one with a pay operation, else the whole text."""
    sentences = [s for s in SENTENCE_END.split(clean) if s.strip()]
    if len(sentences) <= 1:
        return clean
    if asked is not None:
        asked_clean = _clean(asked)
        if _has_operation(asked_clean) or not _points_back(asked_clean):
            return asked_clean
    for sentence in reversed(sentences):
        if _has_operation(sentence):
            return sentence
    return clean


def _side(parsed: ParsedText) -> PaySide:
    return PaySide(roles=parsed.roles, level=parsed.level, location=parsed.location, agentic=parsed.agentic)


def _contrast(left: PaySide, right: PaySide) -> tuple[PaySide, PaySide] | None:
    """The two sides of "A vs B": slots named differently on each side contrast, any other slot is shared."""
    first: dict[str, object] = {}
    other: dict[str, object] = {}
    for name in ("roles", "level", "location", "agentic"):
        a, b = getattr(left, name), getattr(right, name)
        if name == "roles":
            a, b = (a[:1] or None), (b[:1] or None)
        if a is not None and b is not None and a != b:
            first[name], other[name] = a, b
        elif a is not None or b is not None:
            first[name] = a if a is not None else b
    if not other:
        return None
    return PaySide.model_validate(first), PaySide.model_validate(other)


def _than_previous(text: str) -> PaySide | None:
    """The side named in "how much more is that than someone remote?", where "that" is the hire just discussed."""
    match = COMPARATOR.search(text)
    if match is None or not REFERS_BACK.search(text, 0, match.start()):
        return None
    left, right = _side(parse(text[: match.start()])), _side(parse(text[match.end() :]))
    if left != PaySide() or right == PaySide():
        return None
    return right.model_copy(update={"roles": right.roles[:1]})


def _compare(text: str) -> tuple[PaySide, PaySide] | None:
    between = BETWEEN.search(text)
    step = FROM_TO.search(text) if between is None and DIFFERENCE_CUES.search(text) else None
    if step is None and between is None and DIFFERENCE_CUES.search(text):
        step = STEP_TO.search(text)
    if between is not None:
        left, right = text[: between.start()] + " " + between[1], between[2]
    elif step is not None:  # the step's destination is what costs more or less
        left, right = text[: step.start()] + " " + step[2], step[1]
    else:
        match = COMPARATOR.search(text) or (OR_SPLIT.search(text) if DIFFERENCE_CUES.search(text) else None)
        if match is None:
            return None
        left, right = text[: match.start()], text[match.end() :]
    return _contrast(_side(parse(left)), _side(parse(right)))


def _polarity(text: str) -> Polarity | None:
    if TOO_MUCH_CUES.search(text):
        return "too_much"
    if TOO_LOW_CUES.search(text):
        return "too_low"
    if ENOUGH_CUES.search(text):
        return "enough"
    if ACCEPTABLE_CUES.search(text):
        return "acceptable"
    return "too_much" if SOFT_TOO_MUCH_CUES.search(text) else None


def _groups(counts: list[HeadCount], side: PaySide) -> tuple[BudgetGroup, ...]:
    """One group per kind of hire, each with the role, level, place and agentic work its own words name; a
    head-count split by place ("2 staff AI engineers: one in SF, one remote") is a group per place."""
    groups = []
    for count in counts:
        parts = read_breakdown(count)
        head = parse(count.words[: count.words.find(parts[0][1])] if parts else count.words)
        kind = PaySide(roles=head.roles[:1] or side.roles[:1], level=head.level or side.level, agentic=head.agentic)
        for number, words in parts or [(count.count, "")]:
            location = parse(words).location if words else head.location
            groups.append(BudgetGroup(side=kind.model_copy(update={"location": location}), count=number))
    return tuple(groups)


def read_pay_ask(question: str, parsed: ParsedText) -> PayAsk | None:
    """The arithmetic or coverage gap in ``question`` (already parsed as ``parsed``), or None for neither."""
    clean = _clean(question)
    shortfall = SHORTFALL.search(clean) is not None
    if shortfall:  # said, not asked: neither the pay nor whether it's too low ("ok?" is the question)
        clean = SHORTFALL.sub(" ", clean)
    focus = _focus(clean, question_sentence(question) if not shortfall else None)
    focused = parsed if focus is clean and not shortfall else parse(focus)
    if MIDPOINT_WORDS.search(focus):
        focused = parse(MIDPOINT_WORDS.sub(" midpoint ", focus))
    text = focused.text
    side = PaySide(
        roles=focused.roles or parsed.roles,
        level=focused.level or (parsed.level if not MIDPOINT_WORDS.search(clean) else None),
        location=focused.location or parsed.location,
        agentic=focused.agentic if focused.agentic is not None else parsed.agentic,
    )
    operation: Operation | None = None
    other: PaySide | None = None
    strong = False
    offer, ranged = OFFER_RANGE.subn(r"\1", focus)  # "180-200k": the top of the range is what they'd pay
    amounts = read_amounts(offer, bare_thousands=CHECK_CUES.search(text) is not None)
    if not amounts and WHICH_LEVEL.search(focus):  # "budget is 200k. what level can I get?"
        amounts = read_amounts(clean, bare_thousands=True)
    counts = read_counts(focus) or (read_counts(clean) if TOTAL_CUES.search(focus) else [])
    several = len(counts) > 1 and (any(not c.article for c in counts) or TOTAL_CUES.search(text) is not None)
    counts = counts if several else [c for c in counts if not c.article]
    fields: dict[str, object] = {}
    if amounts:
        dollars, typed, assumed = amounts[-1]
        operation = Operation.CHECK
        strong = CHECK_CUES.search(text) is not None or bool(side.roles) or side.level is not None
        fields.update(
            amount=dollars, amount_text=typed, unit_assumed=assumed, polarity=_polarity(text) or _polarity(clean)
        )
        fields["range_top"] = bool(ranged)
        fields["which_level"] = side.level is None and WHICH_LEVEL.search(clean) is not None
        if counts:
            fields["count"] = counts[-1].count
    elif counts and (BUDGET_CUES.search(text) or Topic.PAY in focused.topics):
        operation, strong = Operation.BUDGET, True
        groups = _groups(counts, side)
        if several or len(groups) > len(counts):
            fields["groups"] = groups
        fields["count"] = sum(c.count for c in counts)
    elif (
        (moved := PERCENT_SHIFT.search(focus)) is not None
        and Decimal(moved["percent"]) > 0
        and not EQUITY_WORDS.search(focus)
    ):
        percent = Decimal(moved["percent"])
        operation, strong = Operation.SHIFT, True
        fields["percent"] = -percent if moved["way"] in SHIFT_DOWN else percent
    else:
        sides = _compare(text)
        if sides is not None:
            operation = Operation.DIFFERENCE
            side = side.model_copy(update={k: v for k, v in sides[0] if v is not None and v != ()})
            other = sides[1]
            strong = any(getattr(other, name) is not None for name in ("level", "location", "agentic"))
        elif (named := _than_previous(text)) is not None:
            operation, strong, other = Operation.DIFFERENCE, True, named
            fields["previous_first"] = True
            side = PaySide()
        elif DIFFERENCE_CUES.search(text) and (side.agentic or _priced_place(side.location)):
            operation, strong = Operation.DIFFERENCE, True
            if side.agentic:
                other = PaySide(agentic=False)
            else:
                location = side.location
                if location is not None and location.place is Place.REMOTE and SAVING_CUES.search(text):
                    low_cost = Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region")
                    side = side.model_copy(update={"location": low_cost})
                other = PaySide(location=Location.us())
        elif MIDPOINT_CUES.search(text):
            operation, strong = Operation.MIDPOINT, True
        elif MORE_OR_LESS.search(text) and (side.level is not None or focused.roles):
            # One side named, the other left to the conversation: ``apply_pay_ask`` fills it in or drops the ask.
            operation, strong = Operation.DIFFERENCE, True
            fields["versus_previous"] = True
    how_many = HOW_MANY.match(text) if operation is None else None
    if operation is None and len(counts) == 1 and counts[0].words.startswith(("them", "those")):
        changed = parse(counts[0].words)
        fields["subset"] = BudgetGroup(
            side=PaySide(
                roles=changed.roles[:1], level=changed.level, location=changed.location, agentic=changed.agentic
            ),
            count=counts[0].count,
        )
    if how_many is not None:
        fields["bare_number"] = count_number(how_many[1])
    elif operation is None and (bare := BARE_NUMBER.match(text)) and _polarity(text) not in (None, "acceptable"):
        fields["unclear_number"] = bare[1]
        strong = True
    # The hire may be described outside the asking sentence ("research engineer, no publications. salary?").
    gap = read_gap(text, side.roles, operation is None) or (
        read_gap(clean, side.roles, operation is None) if not focused.roles else None
    )
    if gap == "other-title":
        found = OTHER_TITLE.search(text) or OTHER_TITLE.search(clean)
        fields["other_title"] = found["title"] if found is not None else None
    if operation is None and gap is None and not fields:
        return None
    return PayAsk(operation=operation, first=side, other=other, gap=gap, strong=strong, **fields)


def _priced_place(location: Location | None) -> bool:
    """A place that has its own rule (or a plain remote hire, whose saving depends on where they live)."""
    return location is not None and location.place in (Place.HIGH_COST, Place.REMOTE_LOW_COST, Place.REMOTE)
