"""Free text to topic and slots: normalising, typo fixing and cue matching on Slack-style messages."""

from __future__ import annotations

import pytest

from knowledge.models import Level, Role
from knowledge.pay import Location, Place
from knowledge.understanding import Topic, correct_word, main_topic, normalise, parse

AI, ML, RESEARCH = Role.AI_ENGINEER, Role.ML_ENGINEER, Role.RESEARCH_ENGINEER

# ------------------------------------------------------------------ typos


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("senoir", "senior"),
        ("enginer", "engineer"),
        ("salery", "salary"),
        ("machne", "machine"),
        ("reserch", "research"),
        ("intreview", "interview"),
        ("equiti", "equity"),
    ],
)
def test_correct_word_fixes_typos(typo: str, meant: str) -> None:
    assert correct_word(typo) == meant


@pytest.mark.parametrize(
    "word",
    ["stuff", "well", "hand", "founding", "senior", "engineer", "salary", "hello", "team", "ml", "sf", "ai", "x1"],
)
def test_correct_word_leaves_real_and_short_words_alone(word: str) -> None:
    assert correct_word(word) == word


@pytest.mark.parametrize(
    ("word", "wrongly_becomes"),
    [
        ("funding", "finding"),  # "seed funding" turns into the sourcing cue "finding"
        ("researched", "researcher"),  # "I researched salaries" turns into the research-engineer role
    ],
)
def test_correct_word_does_not_turn_common_words_into_cues(word: str, wrongly_becomes: str) -> None:
    """Common English words that are one edit from a cue word must not be 'corrected' into it."""
    assert correct_word(word) != wrongly_becomes
    assert correct_word(word) == word


@pytest.mark.parametrize(
    "text",
    [
        "what if they've shipped agentic systems?",
        "senior AI engineers who built agents",
        "where do candidates hang out",
    ],
)
def test_correctly_spelled_plurals_are_not_reported_as_corrections(text: str) -> None:
    """Cue matching already accepts a plural ``s``; "systems" -> "system" is not a typo fix to tell anyone about."""
    assert normalise(text)[1] == ()


def test_normalise_lowercases_splits_and_reports_corrections() -> None:
    text, corrections = normalise("Senoir ML/AI-Enginer   salery?!")
    assert text == "senior ml ai engineer salary"
    assert corrections == (("senoir", "senior"), ("enginer", "engineer"), ("salery", "salary"))


def test_normalise_without_typos_reports_nothing() -> None:
    assert normalise("Senior AI engineer, NYC") == ("senior ai engineer nyc", ())


def test_normalise_keeps_dollars_percent_and_apostrophes() -> None:
    text, _ = normalise("What's $250 per hour, 5% equity, hasn\u2019t shipped?")
    assert text == "what's $250 per hour 5% equity hasn't shipped"


@pytest.mark.parametrize(
    "markup",
    [
        "<@U123ABC>",
        "<#C0123|hiring>",
        "<!here>",
        "<https://example.com/nyc/staff|staff in NYC>",
        ":thinking_face:",
        "<mailto:a@b.co|mail>",
    ],
)
def test_normalise_strips_slack_markup(markup: str) -> None:
    text, corrections = normalise(f"{markup} senior salary {markup}")
    assert text == "senior salary"
    assert corrections == ()


def test_markup_never_contributes_slots() -> None:
    parsed = parse("<@U123> <https://nyc.example.com|staff research agent> :moneybag: hello")
    assert parsed.roles == ()
    assert parsed.level is None
    assert parsed.location is None
    assert parsed.agentic is None
    assert not parsed.has_slots


def test_parse_with_markup_matches_parse_without() -> None:
    plain = parse("what's a senior MLE paid in the bay area")
    marked = parse("hey <@U123> what's a senior MLE paid in the bay area :thinking_face: see <https://x|y>")
    assert (marked.roles, marked.level, marked.location, marked.topics) == (
        plain.roles,
        plain.level,
        plain.location,
        plain.topics,
    )


def test_empty_and_punctuation_only_text() -> None:
    for text in ("", "   ", "?!...", ":wave:"):
        parsed = parse(text)
        assert parsed.text == ""
        assert parsed.topics == frozenset()
        assert not parsed.has_slots
        assert main_topic(parsed) is None


# ----------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("senior AI engineer", (AI,)),
        ("LLM engineer salary", (AI,)),
        ("MLE salary", (ML,)),
        ("applied ML salary", (ML,)),
        ("machine learning engineer", (ML,)),
        ("machne learning enginer", (ML,)),
        ("research engineer with publications", (RESEARCH,)),
        ("ML research engineer salary", (RESEARCH,)),
        ("AI engineer vs ML engineer", (AI, ML)),
        ("principal engineer pay", ()),
    ],
)
def test_roles(text: str, roles: tuple[Role, ...]) -> None:
    assert parse(text).roles == roles


@pytest.mark.parametrize(
    "text",
    [
        "salary for an ML research engineer",
        "how much for a staff ML research engineer",
        "what should a major lab's ML research engineer earn",
    ],
)
def test_ml_research_engineer_is_one_research_engineer_wherever_it_appears(text: str) -> None:
    """Any word ending in "or" ("for", "major") must not count as the "or" of "ML or research engineer"."""
    assert parse(text).roles == (RESEARCH,)


def test_researched_is_not_the_research_role() -> None:
    assert parse("I researched it a bit: what do senior AI engineers make?").roles == (AI,)


# ----------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("sr ai eng pay", Level.SENIOR),
        ("senior ML engineer", Level.SENIOR),
        ("mid-level ML engineer", Level.MID),
        ("mid level AI engineer", Level.MID),
        ("entry level AI engineer", Level.JUNIOR),
        ("new grad machine learning engineer", Level.JUNIOR),
        ("jr AI engineer", Level.JUNIOR),
        ("staff AI engineer", Level.STAFF),
        ("principal AI engineer", Level.PRINCIPAL),
        ("AI engineer with 7 years of experience", Level.SENIOR),
        ("AI engineer, 5+ years", Level.SENIOR),
        ("ML engineer with 3 yrs", Level.MID),
        ("ai eng 1 yoe", Level.JUNIOR),
        ("AI engineer with 0 years", Level.JUNIOR),
        ("AI engineer", None),
    ],
)
def test_level(text: str, level: Level | None) -> None:
    assert parse(text).level is level


def test_the_guides_own_mid_level_wording_is_mid() -> None:
    """The guide's heading "Mid level AI engineer (3 to 5 years)": "5 years" must not outrank "mid level"."""
    assert parse("mid level AI engineer (3 to 5 years) salary").level is Level.MID


def test_fractional_years_are_not_senior() -> None:
    """ "2.5 years" is split into "2" and "5 years" by normalising; it must not read as five years."""
    assert parse("AI engineer with 2.5 years of experience, salary?").level in (Level.JUNIOR, Level.MID)


# -------------------------------------------------------------- locations

BAY = Location(place=Place.HIGH_COST, label="the Bay Area")
NEW_YORK = Location(place=Place.HIGH_COST, label="New York")
REMOTE_LOW_COST = Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region")


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("senior ML engineer in SF", BAY),
        ("senior ML engineer in the Bay Area", BAY),
        ("AI eng in palo alto", BAY),
        ("staff AI engineer NYC", NEW_YORK),
        ("AI engineer in new york city", NEW_YORK),
        ("AI engineer in Brooklyn", NEW_YORK),
        ("senior AI engineer, remote, cheaper region", REMOTE_LOW_COST),
        ("senior AI engineer LCOL", REMOTE_LOW_COST),
        ("remote from a lower cost of living region", REMOTE_LOW_COST),
        ("senior AI engineer remote", Location(place=Place.REMOTE, label="remote")),
        ("senior AI engineer in Austin", Location(place=Place.US, label="Austin")),
        ("senior AI engineer in the US", Location.us()),
        ("senior AI engineer in London", Location(place=Place.OUTSIDE_US, label="London")),
        ("senior AI engineer remote from India", Location(place=Place.OUTSIDE_US, label="remote from India")),
        ("senior AI engineer", None),
    ],
)
def test_location(text: str, location: Location | None) -> None:
    assert parse(text).location == location


def test_new_mexico_is_a_us_state() -> None:
    location = parse("senior AI engineer in New Mexico").location
    assert location is None or location.place is not Place.OUTSIDE_US


def test_bay_area_with_a_budget_word_is_still_the_bay_area() -> None:
    """ "Affordable" plus the word "area" (from "Bay Area") must not become the remote lower-cost discount."""
    assert parse("what's an affordable senior AI engineer in the Bay Area?").location == BAY


# ---------------------------------------------------------------- agentic


@pytest.mark.parametrize(
    ("text", "agentic"),
    [
        ("senior AI engineer who built agents in prod", True),
        ("senior AI engineer who has shipped agentic systems to production", True),
        ("multi-agent workflows in production", True),
        ("senior AI engineer who hasn't built agents", False),
        ("senior AI engineer who hasn\u2019t built agents", False),
        ("senior AI engineer, no agentic experience", False),
        ("they have never shipped an agent", False),
        ("non-agentic senior AI engineer", False),
        ("senior AI engineer", None),
    ],
)
def test_agentic(text: str, agentic: bool | None) -> None:
    assert parse(text).agentic is agentic


# ------------------------------------------------------------------ topics


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("senior AI engineer salary", Topic.PAY),
        ("how much should we budget for an MLE?", Topic.PAY),
        ("what's the difference between an AI engineer and an ML engineer?", Topic.ROLES),
        ("who do we hire first if we wrap Claude?", Topic.ROLES),
        ("what does the PPE triangle mean?", Topic.ROLES),
        ("interview questions for AI engineers", Topic.INTERVIEW),
        ("what should I ask candidates in a technical screen?", Topic.INTERVIEW),
        ("red flags in an ML portfolio", Topic.RED_FLAGS),
        ("how to tell if a candidate is actually senior", Topic.SIGNALS),
        ("where do we find research engineers?", Topic.SOURCING),
        ("is LinkedIn InMail worth it?", Topic.SOURCING),
        ("should we contract or hire?", Topic.PLAYS),
        ("what does a fractional AI contractor cost per hour?", Topic.PLAYS),
        ("how much equity for a founding engineer?", Topic.EQUITY),
        ("can we lowball our first AI hire?", Topic.UNDERPAY),
        ("hello there", None),
        ("what's the weather like", None),
    ],
)
def test_main_topic(text: str, topic: Topic | None) -> None:
    assert main_topic(parse(text)) is topic


def test_seed_funding_does_not_turn_a_pay_question_into_sourcing() -> None:
    parsed = parse("We just closed our seed funding. What should we pay a senior AI engineer?")
    assert main_topic(parsed) is Topic.PAY


def test_where_in_a_roles_question_is_not_sourcing() -> None:
    assert main_topic(parse("where do AI engineers and ML engineers differ?")) is Topic.ROLES


def test_portfolio_in_a_signals_question_is_not_red_flags() -> None:
    assert main_topic(parse("what portfolio signs show a candidate is truly senior?")) is Topic.SIGNALS


# ------------------------------------------------------- follow-up openers


@pytest.mark.parametrize(
    ("text", "opener"),
    [
        ("and in NYC?", True),
        ("what about a staff one?", True),
        ("what if they've shipped agentic systems?", True),
        ("And for ML?", True),
        ("same but remote", True),
        ("senior AI engineer", False),
        ("android engineer", False),
        ("how much is a senior ML engineer?", False),
    ],
)
def test_follow_up_opener(text: str, opener: bool) -> None:
    assert parse(text).follow_up_opener is opener


def test_full_slack_message() -> None:
    parsed = parse("hey bot, quick q: whats a senoir ML enginer salery in sf? :pray:")
    assert parsed.roles == (ML,)
    assert parsed.level is Level.SENIOR
    assert parsed.location == BAY
    assert Topic.PAY in parsed.topics
    assert ("senoir", "senior") in parsed.corrections
    assert parsed.has_slots
