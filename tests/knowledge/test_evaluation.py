"""The golden-set runner: loading cases, checking answers, catching invented figures, summarising."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from knowledge.engine import AnswerEngine
from knowledge.evaluation import (
    CaseResult,
    GoldenCase,
    GoldenTurn,
    allowed_thousands,
    explain_case,
    invented_figures,
    load_cases,
    run_golden,
    summary_table,
    tuned_cases_pass,
)
from knowledge.pay import PayCalculator
from knowledge.understanding import Topic

ALLOWED_K = allowed_thousands(PayCalculator())


@pytest.fixture(scope="module")
def cases() -> list[GoldenCase]:
    return load_cases()


@pytest.fixture(scope="module")
def results(cases: list[GoldenCase]) -> list[CaseResult]:
    return run_golden(cases)


def case(*turns: GoldenTurn, category: str = "pay-band", case_id: str = "probe") -> GoldenCase:
    return GoldenCase(id=case_id, category=category, turns=turns)


def failures_of(golden: GoldenCase) -> tuple[str, ...]:
    [result] = run_golden([golden])
    return result.failures


# ------------------------------------------------------------------ loading


def test_at_least_80_cases_with_unique_ids(cases: list[GoldenCase]) -> None:
    assert len(cases) >= 80
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))


def test_categories_cover_pay_not_covered_and_follow_ups(cases: list[GoldenCase]) -> None:
    categories = {c.category for c in cases}
    assert {"not-covered", "follow-up"} <= categories
    assert any(category.startswith("pay") for category in categories)
    assert all(len(c.turns) >= 2 for c in cases if c.category == "follow-up")
    assert all(turn.covered is not False for c in cases if c.category.startswith("pay") for turn in c.turns)
    assert any(turn.covered is False for c in cases if c.category == "not-covered" for turn in c.turns)


@pytest.mark.parametrize(
    "category", ["roles", "interview", "red-flags", "signals", "sourcing", "plays", "equity", "underpay", "off-topic"]
)
def test_a_category_for_every_guide_topic(cases: list[GoldenCase], category: str) -> None:
    assert any(c.category == category for c in cases)


def test_every_topic_is_pinned_by_some_turn(cases: list[GoldenCase]) -> None:
    """A routing regression for a topic only fails the golden set if some turn states ``topic = ...``."""
    pinned = {turn.topic for c in cases for turn in c.turns if turn.topic is not None}
    assert set(Topic) - pinned == set()


def test_golden_case_schema_is_strict() -> None:
    with pytest.raises(ValidationError):
        GoldenCase(id="Bad_Id", category="x", turns=(GoldenTurn(ask="hi"),))
    with pytest.raises(ValidationError):
        GoldenCase(id="no-turns", category="x", turns=())
    with pytest.raises(ValidationError):
        GoldenTurn(ask="")
    with pytest.raises(ValidationError):
        GoldenTurn.model_validate({"ask": "hi", "expects": ["typo in the key"]})


# ------------------------------------------------------------------- running


def test_every_tuned_golden_case_passes(results: list[CaseResult]) -> None:
    failing = {r.case.id: r.failures for r in results if not r.passed and not r.case.held_out}
    assert failing == {}
    assert tuned_cases_pass(results)


def test_a_held_out_miss_is_reported_but_does_not_gate() -> None:
    held = GoldenCase(id="held", category="pay", turns=(GoldenTurn(ask="junior AI engineer", expect=("$999K",)),))
    held = held.model_copy(update={"held_out": True})
    results = run_golden([held])
    assert tuned_cases_pass(results)
    assert "HELD-OUT MISS held: turn 1 ('junior AI engineer'): missing '$999K'" in summary_table(results)


def test_results_keep_one_answer_per_turn(results: list[CaseResult]) -> None:
    for result in results:
        assert len(result.answers) == len(result.case.turns)
        assert all(answer.strip() for answer in result.answers)


def test_wrong_expectation_fails_with_a_message() -> None:
    failures = failures_of(case(GoldenTurn(ask="senior AI engineer salary", expect=("$999K to $1000K",))))
    assert failures
    assert any("missing '$999K to $1000K'" in failure for failure in failures)
    assert all(failure.startswith("turn 1 ('senior AI engineer salary')") for failure in failures)


def test_wrong_topic_fails() -> None:
    failures = failures_of(case(GoldenTurn(ask="senior AI engineer salary", topic=Topic.INTERVIEW)))
    assert any("topic pay, expected interview" in failure for failure in failures)


def test_wrong_coverage_fails() -> None:
    failures = failures_of(case(GoldenTurn(ask="junior ML engineer salary", covered=True)))
    assert any("covered=False, expected True" in failure for failure in failures)


def test_reject_and_reject_lead_fail_when_present() -> None:
    turn = GoldenTurn(ask="senior AI engineer salary", reject=("$240K to $320K",), reject_lead=("Senior AI",))
    failures = failures_of(case(turn))
    assert any("contains '$240K to $320K'" in failure for failure in failures)
    assert any("leads with 'Senior AI'" in failure for failure in failures)


def test_later_turn_failure_names_its_turn() -> None:
    golden = case(
        GoldenTurn(ask="senior AI engineer pay", expect=("$240K to $320K",)),
        GoldenTurn(ask="and in NYC?", expect=("$240K to $320K",), reject_lead=("$264K",)),
    )
    failures = failures_of(golden)
    assert failures
    assert all(failure.startswith("turn 2 ('and in NYC?')") for failure in failures)


def test_matching_expectations_pass() -> None:
    golden = case(
        GoldenTurn(ask="senior AI engineer pay", expect=("$240K  TO $320K",), topic=Topic.PAY),
        GoldenTurn(ask="and in NYC?", expect=("$264K to $368K",), reject=("$304K",), covered=True),
    )
    [result] = run_golden([golden], AnswerEngine())
    assert result.passed, result.failures


# ------------------------------------------------------------ invented figures


@pytest.mark.parametrize(
    ("text", "invented"),
    [
        ("Budget $123K to $180K.", ["$123K"]),
        ("A $1,000 signing bonus.", ["$1,000"]),
        ("$999K to $1000K", ["$999K", "$1000K"]),
        ("$1,000K", ["$1,000K"]),
        ("Senior ML engineer in the Bay Area: $308K to $460K.", []),
        ("A senior contractor at $250 to $400 per hour.", []),
        ("Add $40K; founders burned $200K.", []),
        ("Research remote: $263K to $510K", []),
        ("No money here, 20% and 3 to 1.", []),
    ],
)
def test_invented_figures(text: str, invented: list[str]) -> None:
    assert invented_figures(text, ALLOWED_K) == invented


def test_lowercase_k_figures_are_checked_too() -> None:
    """ "$250k" is $250,000, which no rule produces; it must not pass as the $250 hourly rate."""
    assert invented_figures("Offer $250k base.", ALLOWED_K) != []


def test_allowed_thousands_are_the_rules_figures_plus_stated_ones() -> None:
    calculator = PayCalculator()
    assert allowed_thousands(calculator) == calculator.every_possible_figure() | {40, 200}


# ------------------------------------------------------------------- summary


def test_summary_table_has_a_row_per_category(cases: list[GoldenCase], results: list[CaseResult]) -> None:
    table = summary_table(results)
    lines = table.splitlines()
    categories = sorted({c.category for c in cases})
    assert lines[0].split() == ["category", "passed", "total", "rate"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1 : len(categories) + 1]}
    assert sorted(rows) == categories
    by_id = {result.case.id: result for result in results}
    for category, (passed, total, rate) in rows.items():
        in_category = [c for c in cases if c.category == category]
        count = sum(by_id[c.id].passed for c in in_category)
        assert (int(passed), int(total)) == (count, len(in_category))
        assert rate == f"{count / len(in_category):.0%}"
        if not any(c.held_out for c in in_category):
            assert count == len(in_category)  # every tuned category passes whole
    passed_all = sum(r.passed for r in results)
    assert lines[len(categories) + 1].split()[:3] == ["all", str(passed_all), str(len(cases))]
    assert not any(line.startswith("FAIL") for line in lines)


def test_summary_table_lists_failures() -> None:
    good = case(GoldenTurn(ask="junior AI engineer", expect=("$140K to $180K",)), category="pay", case_id="good")
    bad = case(GoldenTurn(ask="junior AI engineer", expect=("$999K",)), category="broken", case_id="bad")
    lines = summary_table(run_golden([good, bad])).splitlines()
    assert lines[1].split() == ["broken", "0", "1", "0%"]
    assert lines[2].split() == ["pay", "1", "1", "100%"]
    assert lines[3].split() == ["all", "1", "2", "50%"]
    assert lines[-1] == "FAIL bad: turn 1 ('junior AI engineer'): missing '$999K'"
    assert sum(line.startswith("FAIL") for line in lines) == 1


# ------------------------------------------------------------------ leads, length, held-out cases


TOML_CASE = """
[[case]]
id = "{id}"
category = "pay"
turns = [{{ ask = "senior AI engineer pay", expect = ["$240K to $320K"] }}]
"""


def test_expect_lead_and_max_chars_fail_with_messages() -> None:
    turn = GoldenTurn(ask="senior AI engineer salary", expect_lead=("$240K to $320K", "equity 5%"), max_chars=40)
    [result] = run_golden([case(turn)])
    assert any("lead lacks 'equity 5%'" in failure for failure in result.failures)
    assert not any("lead lacks '$240K to $320K'" in failure for failure in result.failures)
    assert any("at most 40 wanted" in failure for failure in result.failures)
    assert (result.leads_kept, result.leads_asked) == (0, 1)


def test_summary_reports_held_out_cases_reply_length_and_lead_rate() -> None:
    leads = GoldenTurn(ask="senior AI engineer salary", expect_lead=("$240K to $320K",))
    misses = GoldenTurn(ask="senior AI engineer salary", expect_lead=("$999K",))
    tuned = case(leads, case_id="tuned")
    held = GoldenCase(id="held", category="pay", turns=(misses,), held_out=True)
    [tuned_result, held_result] = run_golden([tuned, held])
    lines = summary_table([tuned_result, held_result]).splitlines()
    assert "tuned cases: 1/1 (100%)" in lines
    assert "held-out cases: 0/1 (0%)" in lines
    length = len(tuned_result.answers[0])
    assert f"median reply length: {length} characters" in lines
    assert "lead rate: 1/2 (50%) of answers lead with what was asked" in lines


def test_cases_in_the_held_out_folder_are_marked(tmp_path: Path) -> None:
    (tmp_path / "tuned.toml").write_text(TOML_CASE.format(id="tuned-one"))
    (tmp_path / "held_out").mkdir()
    (tmp_path / "held_out" / "kinds.toml").write_text(TOML_CASE.format(id="held-one"))
    loaded = {case.id: case.held_out for case in load_cases(tmp_path)}
    assert loaded == {"tuned-one": False, "held-one": True}


def test_explain_shows_how_each_turn_was_understood() -> None:
    text = explain_case("follow-up-senior-ai-nyc")
    assert "turn 2: and in NYC?" in text
    assert "slots: location=New York" in text
    assert "'follow_up': True" in text
    assert "checks: pass" in text
    with pytest.raises(KeyError):
        explain_case("no-such-case")
