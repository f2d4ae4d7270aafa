"""The guide as data, checked against the guide's own text.

Expected figures are literals read from ../shared/seed/hiring-guide.md (beside the checkout), never read back
from ``GUIDE``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import knowledge.guide
from knowledge.guide import GUIDE
from knowledge.models import Audience, Fact, Guide, Level, PayBand, Role, Section

# The guide lives in shared/ beside the checkout (CI clones next to a copy of it), not in the repo.
GUIDE_MARKDOWN = Path(__file__).resolve().parents[3] / "shared" / "seed" / "hiring-guide.md"
PROJECT_ROOT = Path(knowledge.guide.__file__).resolve().parents[1]
# Every module of the product: the guide's data first of all, but no card or prompt may paste it either.
PROJECT_SOURCES = sorted(
    path for package in ("knowledge", "blocks", "handlers", "bot") for path in (PROJECT_ROOT / package).rglob("*.py")
)

# key: (role, level, low $K, high $K, experience)
EXPECTED_BANDS: dict[str, tuple[Role, Level | None, int, int, str | None]] = {
    "ai-junior": (Role.AI_ENGINEER, Level.JUNIOR, 140, 180, "0-2 years"),
    "ai-mid": (Role.AI_ENGINEER, Level.MID, 180, 240, "3-5 years"),
    "ai-senior": (Role.AI_ENGINEER, Level.SENIOR, 240, 320, "5+ years"),
    "ai-staff": (Role.AI_ENGINEER, Level.STAFF, 320, 420, None),
    "ml-mid": (Role.ML_ENGINEER, Level.MID, 200, 280, None),
    "ml-senior": (Role.ML_ENGINEER, Level.SENIOR, 280, 400, None),
    "research": (Role.RESEARCH_ENGINEER, None, 350, 600, None),
}


@pytest.fixture(scope="module")
def guide_text() -> str:
    return GUIDE_MARKDOWN.read_text("utf-8")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _facts(value: object) -> list[Fact]:
    """Every ``Fact`` nested anywhere in a model or tuple."""
    found: list[Fact] = []
    if isinstance(value, Fact):
        found.append(value)
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found.extend(_facts(getattr(value, name)))
    elif isinstance(value, tuple):
        for item in value:
            found.extend(_facts(item))
    return found


def _guide_dump() -> dict[str, Any]:
    return GUIDE.model_dump()


# ------------------------------------------------------------------ sections


def test_sections_are_exactly_the_guides_headings(guide_text: str) -> None:
    headings = {line.removeprefix("## ").strip() for line in guide_text.splitlines() if line.startswith("## ")}
    assert {section.value for section in Section} == headings


def test_every_fact_carries_a_section() -> None:
    facts = _facts(GUIDE)
    assert len(facts) >= 7 + 3 + 10 + 6 + 5 + 8 + 3
    for fact in facts:
        assert isinstance(fact.source, Section), fact


@pytest.mark.parametrize(
    ("facts", "section"),
    [
        (GUIDE.bands, Section.SALARIES),
        (GUIDE.location_rules, Section.SALARIES),
        ((GUIDE.agentic_premium, GUIDE.equity, GUIDE.underpay), Section.SALARIES),
        (GUIDE.interview_questions, Section.INTERVIEWS),
        (GUIDE.red_flags + GUIDE.seniority_signals, Section.PORTFOLIOS),
        (GUIDE.sourcing_channels, Section.SOURCING),
        (GUIDE.plays, Section.PLAYS),
        ((GUIDE.confusion,), Section.ROLE_CONFUSION),
        ((GUIDE.ai_profile, *GUIDE.ppe_triangle), Section.AI_ENGINEERS),
        ((GUIDE.ml_profile, *GUIDE.ml_tribes), Section.ML_ENGINEERS),
    ],
    ids=["bands", "location", "salary-extras", "interviews", "portfolio", "sourcing", "plays", "confusion", "ai", "ml"],
)
def test_facts_cite_the_section_they_come_from(facts: tuple[Fact, ...], section: Section) -> None:
    assert facts
    assert {fact.source for fact in facts} == {section}


# --------------------------------------------------------------------- bands


def test_exactly_the_seven_bands() -> None:
    assert [band.key for band in GUIDE.bands] == list(EXPECTED_BANDS)


@pytest.mark.parametrize("key", list(EXPECTED_BANDS))
def test_band_figures_match_the_guide(key: str, guide_text: str) -> None:
    role, level, low, high, experience = EXPECTED_BANDS[key]
    band = GUIDE.band(key)
    assert (band.role, band.level, band.low_k, band.high_k) == (role, level, low, high)
    assert band.experience == experience
    assert band.source is Section.SALARIES
    assert f"${low}K to ${high}K" in guide_text  # the literal above really is the guide's


def test_band_lookup_rejects_unknown_key() -> None:
    with pytest.raises(KeyError):
        GUIDE.band("ml-junior")


def test_location_rules_and_agentic_premium() -> None:
    factors = {rule.key: (rule.low_factor, rule.high_factor) for rule in GUIDE.location_rules}
    assert factors == {"us": ("1", "1"), "high-cost": ("1.10", "1.15"), "remote-low-cost": ("0.75", "0.85")}
    assert "negotiate" in (GUIDE.rule("remote-low-cost").caveat or "")
    premium = GUIDE.agentic_premium
    assert (premium.role, premium.level, premium.amount_k) == (Role.AI_ENGINEER, Level.SENIOR, 40)
    assert "agentic" in premium.condition
    assert "production" in premium.condition


def test_equity_guidance(guide_text: str) -> None:
    assert "0.5% to 2%" in GUIDE.equity.senior_hire
    assert "senior" in GUIDE.equity.senior_hire
    assert "up to 5%" in GUIDE.equity.founding_engineer
    assert "founding" in GUIDE.equity.founding_engineer
    assert "0.5 to 2 percent" in guide_text
    assert "up to 5 percent" in guide_text


def test_underpay_warning() -> None:
    assert "$40K" in GUIDE.underpay.saving
    assert "contractor" in GUIDE.underpay.alternative


# ------------------------------------------------------------ role confusion


def test_confusion_facts(guide_text: str) -> None:
    confusion = GUIDE.confusion
    assert confusion.shared_skills_percent == 20
    assert confusion.setback_months == "nine months"
    assert "quarter million" in confusion.setback_cost
    assert "about 20 percent" in guide_text
    assert "nine months and a quarter million dollars" in guide_text
    assert len(confusion.why_it_happens) == 3
    assert any("React" in mode for mode in confusion.failure_modes)
    assert any("CUDA" in mode for mode in confusion.failure_modes)


def test_role_profiles_and_ml_tribes() -> None:
    assert GUIDE.ai_profile.role is Role.AI_ENGINEER
    assert GUIDE.ml_profile.role is Role.ML_ENGINEER
    assert [c.name for c in GUIDE.ppe_triangle] == ["Prompt engineering", "Product integration", "Evaluation"]
    assert "senior from junior" in GUIDE.ppe_triangle[2].summary
    assert [t.name for t in GUIDE.ml_tribes] == ["Applied ML engineer", "Research engineer"]
    assert "200-example" in " ".join(GUIDE.ai_profile.typical_day)
    assert "H100" in GUIDE.ai_profile.weak_spot


# ---------------------------------------------------------------- interviews

AI_QUESTION_KEYWORDS = ("eval suite", "30%", "openai bill", "two model providers", "same tool")
ML_QUESTION_KEYWORDS = ("training run that failed", "smaller model", "3 to 30", "paper", "base model")


def test_five_questions_per_role_in_the_guides_order() -> None:
    ai = GUIDE.questions_for(Role.AI_ENGINEER)
    ml = GUIDE.questions_for(Role.ML_ENGINEER)
    assert len(ai) == 5
    assert len(ml) == 5
    assert len(GUIDE.interview_questions) == 10
    for question, keyword in zip(ai, AI_QUESTION_KEYWORDS, strict=True):
        assert keyword in question.question.lower()
    for question, keyword in zip(ml, ML_QUESTION_KEYWORDS, strict=True):
        assert keyword in question.question.lower()
    assert all(q.listen_for for q in GUIDE.interview_questions)


def test_research_engineers_get_the_ml_questions() -> None:
    assert GUIDE.questions_for(Role.RESEARCH_ENGINEER) == GUIDE.questions_for(Role.ML_ENGINEER)


# -------------------------------------------------------------- portfolios

RED_FLAG_KEYWORDS = ("forked tutorials", "streamlit", "failure mode", "agentic", "opinions", "notebooks")
SIGNAL_KEYWORDS = ("evaluation", "tradeoffs", "cost and latency", "baseline", "interview you back")


def test_six_red_flags() -> None:
    assert len(GUIDE.red_flags) == 6
    for flag, keyword in zip(GUIDE.red_flags, RED_FLAG_KEYWORDS, strict=True):
        assert keyword in flag.text.lower()
    assert [f.audience for f in GUIDE.red_flags].count(Audience.ML) == 1
    assert GUIDE.red_flags[-1].audience is Audience.ML


def test_five_seniority_signals() -> None:
    assert len(GUIDE.seniority_signals) == 5
    for signal, keyword in zip(GUIDE.seniority_signals, SIGNAL_KEYWORDS, strict=True):
        assert keyword in signal.text.lower()
    assert GUIDE.seniority_signals[0].audience is Audience.AI
    assert GUIDE.seniority_signals[3].audience is Audience.ML


# ------------------------------------------------------------------ sourcing

CHANNEL_KEYWORDS = (
    "hacker news",
    "work at a startup",
    "conference slack",
    "arxiv",
    "kaggle",
    "fellowship",
    "open source",
    "discord",
)


def test_eight_sourcing_channels() -> None:
    assert len(GUIDE.sourcing_channels) == 8
    for channel, keyword in zip(GUIDE.sourcing_channels, CHANNEL_KEYWORDS, strict=True):
        assert keyword in channel.name.lower()
        assert channel.why


def test_inmail_and_founder_led_figures(guide_text: str) -> None:
    assert GUIDE.inmail_response_rate == "below 4%"
    assert GUIDE.founder_led_advantage == "3 to 1"
    assert "below 4 percent" in guide_text
    assert "roughly 3 to 1" in guide_text


# --------------------------------------------------------------------- plays


def test_three_plays_with_their_figures(guide_text: str) -> None:
    founder, contract, hire = GUIDE.plays
    assert [p.number for p in GUIDE.plays] == [1, 2, 3]
    assert [p.key for p in GUIDE.plays] == ["founder-led", "contract", "hire"]
    assert "$200K" in founder.figures
    assert "3 to 6 months" in contract.figures
    assert "$250 to $400 per hour" in contract.figures
    assert "3 to 6 months" in contract.name
    assert "$250 to $400 per hour" in contract.what
    assert hire.figures == ("12 months",)
    assert any("12 months" in w for w in hire.when)
    for figure in ("$200K", "3 to 6 months", "$250 to $400 per hour", "12 months"):
        assert figure in guide_text


# ----------------------------------------------------------------- validators


def test_the_real_guide_round_trips_through_validation() -> None:
    assert Guide.model_validate(_guide_dump()) == GUIDE


def test_duplicate_band_key_is_rejected() -> None:
    bands = list(GUIDE.bands)
    bands[1] = bands[1].model_copy(update={"key": bands[0].key})
    broken = GUIDE.model_copy(update={"bands": tuple(bands)})
    with pytest.raises(ValidationError, match="unique"):
        Guide.model_validate(broken.model_dump())


@pytest.mark.parametrize(("low", "high"), [(320, 240), (300, 300)])
def test_band_low_must_be_below_high(low: int, high: int) -> None:
    data = GUIDE.band("ai-senior").model_dump() | {"low_k": low, "high_k": high}
    with pytest.raises(ValidationError, match="low must be below high"):
        PayBand.model_validate(data)


def test_inverted_band_inside_a_guide_is_rejected() -> None:
    data = _guide_dump()
    data["bands"][2]["low_k"], data["bands"][2]["high_k"] = 320, 240
    with pytest.raises(ValidationError, match="low must be below high"):
        Guide.model_validate(data)


@pytest.mark.parametrize("field", ["low_k", "high_k"])
def test_band_figures_must_be_positive(field: str) -> None:
    with pytest.raises(ValidationError):
        PayBand.model_validate(GUIDE.band("ai-junior").model_dump() | {field: 0})


def test_missing_interview_question_is_rejected() -> None:
    broken = GUIDE.model_copy(update={"interview_questions": GUIDE.interview_questions[1:]})
    with pytest.raises(ValidationError, match="five interview questions"):
        Guide.model_validate(broken.model_dump())


def test_question_moved_to_the_other_role_is_rejected() -> None:
    questions = list(GUIDE.interview_questions)
    questions[0] = questions[0].model_copy(update={"role": Role.ML_ENGINEER})  # 4 AI, 6 ML: total still 10
    broken = GUIDE.model_copy(update={"interview_questions": tuple(questions)})
    with pytest.raises(ValidationError, match="five interview questions"):
        Guide.model_validate(broken.model_dump())


def test_wrong_number_of_bands_is_rejected() -> None:
    data = _guide_dump()
    data["bands"] = data["bands"][:6]
    with pytest.raises(ValidationError):
        Guide.model_validate(data)


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Guide.model_validate(_guide_dump() | {"bonus_facts": ()})


def test_guide_is_immutable() -> None:
    with pytest.raises(ValidationError):
        GUIDE.band("ai-senior").low_k = 1  # type: ignore[misc]


# ---------------------------------------------------- restated, not pasted

SHINGLE = 12


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_shingle_check_detects_a_pasted_sentence(guide_text: str) -> None:
    """The check itself works: a sentence copied from the guide is caught, a restatement is not."""
    guide_shingles = _shingles(_words(guide_text))
    pasted = "They rarely train models from scratch. Their north star is a shipping product that behaves reliably."
    restated = "A shipped product that keeps behaving when real users push on it."
    assert _shingles(_words(pasted)) & guide_shingles
    assert not _shingles(_words(restated)) & guide_shingles


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_the_project_restates_rather_than_pastes(guide_text: str) -> None:
    guide_shingles = _shingles(_words(guide_text))
    assert any(path.name == "guide_hiring.py" for path in PROJECT_SOURCES)
    assert any(path.parent.name == "answers" for path in PROJECT_SOURCES)  # subpackages too: Claude's prompt
    pasted = {
        f"{source.parent.name}/{source.name}: {text[:80]}": " ".join(min(shared))
        for source in PROJECT_SOURCES
        for text in _string_constants(source)
        if (shared := _shingles(_words(text)) & guide_shingles)
    }
    assert not pasted, f"project strings copy {SHINGLE}+ consecutive words of the guide: {pasted}"
