"""The pay calculator against an independent reference implementation of the issue's rules."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal

import pytest

from knowledge.guide import GUIDE
from knowledge.models import Level, Role
from knowledge.pay import Location, NotCovered, PayCalculator, PayQuote, PayRequest, Place, money_k

# The rules, written out independently of knowledge/: $K bands, factors, premium.
REFERENCE_BANDS: dict[str, tuple[Role, Level | None, int, int]] = {
    "ai-junior": (Role.AI_ENGINEER, Level.JUNIOR, 140, 180),
    "ai-mid": (Role.AI_ENGINEER, Level.MID, 180, 240),
    "ai-senior": (Role.AI_ENGINEER, Level.SENIOR, 240, 320),
    "ai-staff": (Role.AI_ENGINEER, Level.STAFF, 320, 420),
    "ml-mid": (Role.ML_ENGINEER, Level.MID, 200, 280),
    "ml-senior": (Role.ML_ENGINEER, Level.SENIOR, 280, 400),
    "research": (Role.RESEARCH_ENGINEER, None, 350, 600),
}
REFERENCE_FACTORS: dict[Place, tuple[str, str]] = {
    Place.US: ("1", "1"),
    Place.HIGH_COST: ("1.10", "1.15"),
    Place.REMOTE_LOW_COST: ("0.75", "0.85"),
}
AGENTIC_KEY = "ai-senior"
AGENTIC_PREMIUM = 40
LOCATIONS = {
    Place.US: Location.us(),
    Place.HIGH_COST: Location(place=Place.HIGH_COST, label="New York"),
    Place.REMOTE_LOW_COST: Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region"),
}


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def reference(key: str, place: Place, agentic: bool) -> tuple[int, int]:
    _, _, low, high = REFERENCE_BANDS[key]
    if agentic and key == AGENTIC_KEY:
        low, high = low + AGENTIC_PREMIUM, high + AGENTIC_PREMIUM
    low_factor, high_factor = REFERENCE_FACTORS[place]
    return half_up(low * Decimal(low_factor)), half_up(high * Decimal(high_factor))


ALL_COMBINATIONS = list(itertools.product(REFERENCE_BANDS, REFERENCE_FACTORS, (False, True)))


@pytest.fixture(scope="module")
def calculator() -> PayCalculator:
    return PayCalculator()


def _quote(calculator: PayCalculator, key: str, place: Place, agentic: bool) -> PayQuote:
    role, level, _, _ = REFERENCE_BANDS[key]
    result = calculator.quote(PayRequest(role=role, level=level, location=LOCATIONS[place], agentic=agentic))
    assert isinstance(result, PayQuote), result
    return result


def test_reference_implementation_rounds_half_up() -> None:
    """350 x 0.75 = 262.5: banker's rounding would give 262."""
    assert half_up(Decimal(350) * Decimal("0.75")) == 263
    assert half_up(Decimal("262.4")) == 262


@pytest.mark.parametrize(("key", "place", "agentic"), ALL_COMBINATIONS)
def test_quote_matches_reference(calculator: PayCalculator, key: str, place: Place, agentic: bool) -> None:
    quote = _quote(calculator, key, place, agentic)
    assert (quote.low_k, quote.high_k) == reference(key, place, agentic)
    assert quote.band.key == key
    assert quote.location == LOCATIONS[place]
    assert quote.range_text == f"${quote.low_k}K to ${quote.high_k}K"


@pytest.mark.parametrize(("key", "place", "agentic"), ALL_COMBINATIONS)
def test_apply_matches_reference(calculator: PayCalculator, key: str, place: Place, agentic: bool) -> None:
    quote = calculator.apply(GUIDE.band(key), LOCATIONS[place], agentic)
    assert (quote.low_k, quote.high_k) == reference(key, place, agentic)


@pytest.mark.parametrize(
    ("key", "place", "agentic", "expected"),
    [
        ("ml-senior", Place.HIGH_COST, False, (308, 460)),
        ("ai-senior", Place.HIGH_COST, False, (264, 368)),
        ("ai-senior", Place.HIGH_COST, True, (308, 414)),
        ("research", Place.REMOTE_LOW_COST, False, (263, 510)),
        ("ai-senior", Place.US, True, (280, 360)),
        ("ai-senior", Place.REMOTE_LOW_COST, True, (210, 306)),
        ("ai-staff", Place.HIGH_COST, False, (352, 483)),
        ("ai-mid", Place.REMOTE_LOW_COST, False, (135, 204)),
    ],
)
def test_spot_checks(
    calculator: PayCalculator, key: str, place: Place, agentic: bool, expected: tuple[int, int]
) -> None:
    quote = _quote(calculator, key, place, agentic)
    assert (quote.low_k, quote.high_k) == expected


def test_agentic_premium_comes_before_the_location_factor(calculator: PayCalculator) -> None:
    quote = _quote(calculator, "ai-senior", Place.HIGH_COST, True)
    after_factor = (264 + 40, 368 + 40)
    assert (quote.low_k, quote.high_k) != after_factor
    premium_rule = next(i for i, rule in enumerate(quote.rules) if "agentic" in rule)
    location_rule = next(i for i, rule in enumerate(quote.rules) if "x1.10" in rule)
    assert premium_rule < location_rule


# --------------------------------------------------------------- rules / notes


@pytest.mark.parametrize(("key", "place", "agentic"), ALL_COMBINATIONS)
def test_every_quote_says_which_rules_produced_it(
    calculator: PayCalculator, key: str, place: Place, agentic: bool
) -> None:
    quote = _quote(calculator, key, place, agentic)
    _, _, low, high = REFERENCE_BANDS[key]
    rules = " | ".join(quote.rules)
    assert quote.rules[0].startswith("US band")
    assert f"${low}K to ${high}K" in quote.rules[0]
    applied = agentic and key == AGENTIC_KEY
    assert quote.agentic_applied is applied
    assert ("+$40K" in rules) is applied
    low_factor, high_factor = REFERENCE_FACTORS[place]
    if place is Place.US:
        assert len(quote.rules) == 1 + applied
    else:
        assert f"x{low_factor}" in rules
        assert f"x{high_factor}" in rules
        assert "nearest thousand" in rules
        assert len(quote.rules) == 2 + applied


@pytest.mark.parametrize("key", [k for k in REFERENCE_BANDS if k != AGENTIC_KEY])
def test_agentic_on_other_bands_adds_a_note_not_money(calculator: PayCalculator, key: str) -> None:
    plain = _quote(calculator, key, Place.US, False)
    agentic = _quote(calculator, key, Place.US, True)
    assert (agentic.low_k, agentic.high_k) == (plain.low_k, plain.high_k)
    assert not agentic.agentic_applied
    assert plain.notes == ()
    assert len(agentic.notes) == 1
    assert "$40K" in agentic.notes[0]
    assert "senior AI engineer" in agentic.notes[0]


def test_senior_ai_agentic_has_no_only_for_note(calculator: PayCalculator) -> None:
    assert _quote(calculator, "ai-senior", Place.US, True).notes == ()


@pytest.mark.parametrize("key", list(REFERENCE_BANDS))
def test_remote_low_cost_carries_the_negotiation_caveat(calculator: PayCalculator, key: str) -> None:
    quote = _quote(calculator, key, Place.REMOTE_LOW_COST, False)
    assert any("negotiate" in note for note in quote.notes)


@pytest.mark.parametrize(("key", "agentic"), list(itertools.product(REFERENCE_BANDS, (False, True))))
def test_plain_remote_gives_us_band_and_notes_the_discount(calculator: PayCalculator, key: str, agentic: bool) -> None:
    role, level, _, _ = REFERENCE_BANDS[key]
    remote = Location(place=Place.REMOTE, label="remote")
    quote = calculator.quote(PayRequest(role=role, level=level, location=remote, agentic=agentic))
    assert isinstance(quote, PayQuote)
    assert (quote.low_k, quote.high_k) == reference(key, Place.US, agentic)
    discounted_low, discounted_high = reference(key, Place.REMOTE_LOW_COST, agentic)
    assert quote.lower_cost_k == (discounted_low, discounted_high)
    assert quote.lower_cost_text == f"${discounted_low}K to ${discounted_high}K"
    assert len(quote.rules) == 1 + (agentic and key == AGENTIC_KEY)


# ----------------------------------------------------------------- not covered


def _request(role: Role, level: Level | None, location: Location | None = None, agentic: bool = False) -> PayRequest:
    return PayRequest(role=role, level=level, location=location or Location.us(), agentic=agentic)


@pytest.mark.parametrize(
    ("role", "level", "nearest"),
    [
        (Role.ML_ENGINEER, Level.JUNIOR, ("ml-mid",)),
        (Role.ML_ENGINEER, Level.STAFF, ("ml-senior",)),
        (Role.ML_ENGINEER, Level.PRINCIPAL, ("ml-senior",)),
        (Role.AI_ENGINEER, Level.PRINCIPAL, ("ai-staff",)),
        (Role.RESEARCH_ENGINEER, Level.PRINCIPAL, ("research",)),
    ],
)
def test_uncovered_levels(calculator: PayCalculator, role: Role, level: Level, nearest: tuple[str, ...]) -> None:
    result = calculator.quote(_request(role, level))
    assert isinstance(result, NotCovered)
    assert result.kind == "not_covered"
    assert tuple(q.band.key for q in result.nearest) == nearest
    for quote in result.nearest:
        assert (quote.low_k, quote.high_k) == reference(quote.band.key, Place.US, False)
    assert level.value in result.request
    assert level.value in result.reason
    assert "no pay band" in result.reason
    assert "$" not in result.reason
    assert not any(ch.isdigit() for ch in result.reason)


def test_uncovered_level_keeps_the_location_for_its_nearest_bands(calculator: PayCalculator) -> None:
    result = calculator.quote(_request(Role.ML_ENGINEER, Level.JUNIOR, LOCATIONS[Place.HIGH_COST]))
    assert isinstance(result, NotCovered)
    [nearest] = result.nearest
    assert (nearest.band.key, nearest.low_k, nearest.high_k) == ("ml-mid", 220, 322)


@pytest.mark.parametrize("agentic", [False, True])
def test_non_us_city_is_not_covered(calculator: PayCalculator, agentic: bool) -> None:
    london = Location(place=Place.OUTSIDE_US, label="London")
    result = calculator.quote(_request(Role.AI_ENGINEER, Level.SENIOR, london, agentic))
    assert isinstance(result, NotCovered)
    assert "London" in result.reason
    assert "US" in result.reason
    assert "$" not in result.reason
    [nearest] = result.nearest
    assert nearest.band.key == "ai-senior"
    assert nearest.location.place is Place.US
    assert (nearest.low_k, nearest.high_k) == reference("ai-senior", Place.US, agentic)


def test_remote_from_abroad_anchors_on_the_remote_low_cost_band(calculator: PayCalculator) -> None:
    abroad = Location(place=Place.OUTSIDE_US, label="remote from India")
    result = calculator.quote(_request(Role.ML_ENGINEER, Level.SENIOR, abroad))
    assert isinstance(result, NotCovered)
    [nearest] = result.nearest
    assert nearest.location.place is Place.REMOTE_LOW_COST
    assert (nearest.low_k, nearest.high_k) == (210, 340)


def test_non_us_with_uncovered_level_is_still_not_covered(calculator: PayCalculator) -> None:
    berlin = Location(place=Place.OUTSIDE_US, label="Berlin")
    result = calculator.quote(_request(Role.ML_ENGINEER, Level.STAFF, berlin))
    assert isinstance(result, NotCovered)
    assert [q.band.key for q in result.nearest] == ["ml-senior"]


def test_not_covered_never_produces_a_figure_outside_the_rules(calculator: PayCalculator) -> None:
    figures = calculator.every_possible_figure()
    places = [*LOCATIONS.values(), Location(place=Place.OUTSIDE_US, label="Paris")]
    for role, level, place, agentic in itertools.product(Role, [None, *Level], places, (False, True)):
        result = calculator.quote(_request(role, level, place, agentic))
        quotes = result.nearest if isinstance(result, NotCovered) else (result,)
        for quote in quotes:
            assert quote.band in GUIDE.bands
            assert {quote.low_k, quote.high_k} <= figures, (role, level, place, agentic)


@pytest.mark.parametrize("level", [Level.JUNIOR, Level.MID, Level.SENIOR, Level.STAFF, None])
def test_research_band_is_not_tied_to_a_level(calculator: PayCalculator, level: Level | None) -> None:
    result = calculator.quote(_request(Role.RESEARCH_ENGINEER, level))
    assert isinstance(result, PayQuote)
    assert result.band.key == "research"


# ------------------------------------------------------------ helpers / tables


def test_every_possible_figure_is_exactly_the_reference_set(calculator: PayCalculator) -> None:
    expected = {figure for combo in ALL_COMBINATIONS for figure in reference(*combo)}
    assert calculator.every_possible_figure() == frozenset(expected)
    assert {263, 308, 414, 460, 510, 690} <= calculator.every_possible_figure()
    assert not {304, 408, 262, 999} & calculator.every_possible_figure()


def test_table_has_every_band_under_one_rule(calculator: PayCalculator) -> None:
    table = calculator.table(LOCATIONS[Place.HIGH_COST])
    assert [q.band.key for q in table] == list(REFERENCE_BANDS)
    assert all((q.low_k, q.high_k) == reference(q.band.key, Place.HIGH_COST, False) for q in table)
    assert [(q.low_k, q.high_k) for q in calculator.table()] == [
        (low, high) for _, _, low, high in REFERENCE_BANDS.values()
    ]


def test_bands_for_filters_by_role_and_level(calculator: PayCalculator) -> None:
    assert [b.key for b in calculator.bands_for(Role.ML_ENGINEER)] == ["ml-mid", "ml-senior"]
    assert [b.key for b in calculator.bands_for(level=Level.SENIOR)] == ["ai-senior", "ml-senior"]
    assert [b.key for b in calculator.bands_for(Role.AI_ENGINEER, Level.STAFF)] == ["ai-staff"]
    assert calculator.bands_for(Role.ML_ENGINEER, Level.JUNIOR) == ()
    assert len(calculator.bands_for()) == 7


def test_money_k() -> None:
    assert money_k(308) == "$308K"
