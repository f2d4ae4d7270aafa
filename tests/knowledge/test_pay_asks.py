"""Reading the arithmetic in a pay question: operation, amounts, head-counts, the two sides, coverage gaps."""

from __future__ import annotations

import time

import pytest

from knowledge.models import Level, Role
from knowledge.pay import Place
from knowledge.pay_asks import Operation, PayAsk, read_pay_ask
from knowledge.pay_numbers import read_amounts, read_breakdown, read_counts
from knowledge.understanding import parse


def ask(text: str) -> PayAsk | None:
    return read_pay_ask(text, parse(text))


@pytest.mark.parametrize(
    ("text", "dollars"),
    [("150k", 150_000), ("$150K", 150_000), ("150,000", 150_000), ("$1.2M", 1_200_000), ("$1.2 million", 1_200_000),
     ("150 grand", 150_000), ("$150,500", 150_500), ("$5", 5), ("150000", 150_000)],
)  # fmt: skip
def test_amounts_in_every_spelling(text: str, dollars: int) -> None:
    assert [amount for amount, _, _ in read_amounts(f"is {text.lower()} enough")] == [dollars]


def test_a_bare_number_is_thousands_only_when_asked_to_be() -> None:
    assert read_amounts("is 150 enough") == [(150_000, "150", True)]
    assert read_amounts("is 150 enough", bare_thousands=False) == []


@pytest.mark.parametrize(
    "text",
    ["we raised $3m last year", "$250/hr", "$300 per hour", "5 years", "3 engineers", "20%", "2026", "7 yoe",
     "a $10m seed round", "12 months"],
)  # fmt: skip
def test_what_is_not_a_salary(text: str) -> None:
    assert read_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [("three mid ai engineers", 3), ("2x senior mles", 2), ("a couple of senior mles", 2), ("-2 senior mles", -2),
     ("0 mid ai engineers", 0), ("zero staff ai engs", 0), ("12 remote ml engineers", 12)],
)  # fmt: skip
def test_head_counts(text: str, count: int) -> None:
    assert [c.count for c in read_counts(text)] == [count]


@pytest.mark.parametrize(
    "text", ["we have 5 engineers", "how much equity 4 a founding engineer", "5 years", "series a"]
)
def test_what_is_not_a_head_count(text: str) -> None:
    assert [c for c in read_counts(text) if not c.article] == []


def test_difference_between_levels_shares_the_role() -> None:
    result = ask("how much more is staff than senior for AI engineers?")
    assert result is not None and result.operation is Operation.DIFFERENCE
    assert (result.first.roles, result.first.level) == ((Role.AI_ENGINEER,), Level.STAFF)
    assert result.other is not None and result.other.level is Level.SENIOR and result.other.roles == ()


def test_difference_between_places() -> None:
    result = ask("SF vs remote for a senior MLE")
    assert result is not None and result.strong
    assert result.first.location is not None and result.first.location.place is Place.HIGH_COST
    assert result.other is not None and result.other.location is not None
    assert result.other.location.place is Place.REMOTE


def test_between_a_and_b() -> None:
    result = ask("whats the gap between a junior and a senior ai engineer")
    assert result is not None and result.first.level is Level.JUNIOR
    assert result.other is not None and result.other.level is Level.SENIOR


def test_the_agentic_premium_is_a_difference_with_and_without() -> None:
    result = ask("how much is the agentic premium worth in SF?")
    assert result is not None and result.operation is Operation.DIFFERENCE
    assert result.first.agentic is True
    assert result.other is not None and result.other.agentic is False


def test_saving_by_going_remote_compares_a_lower_cost_region_with_the_us() -> None:
    result = ask("how much do we save hiring a senior ai eng remote")
    assert result is not None and result.first.location is not None
    assert result.first.location.place is Place.REMOTE_LOW_COST


def test_a_cheaper_region_alone_is_a_place_not_a_difference() -> None:
    assert ask("and remote from a cheaper region?") is None


def test_roles_alone_compared_are_not_strongly_pay() -> None:
    result = ask("AI vs ML engineer")
    assert result is None or not result.strong


@pytest.mark.parametrize(
    ("text", "amount", "polarity"),
    [("is $150K enough for a sr mle??", 150_000, "enough"), ("is 150,000 too much for a junior ai eng", 150_000,
     "too_much"), ("is 250 fair for a senior mle in nyc", 250_000, "acceptable"),
     ("we offer 250k to a senior mle", 250_000, None)],
)  # fmt: skip
def test_checks(text: str, amount: int, polarity: str | None) -> None:
    result = ask(text)
    assert result is not None and result.operation is Operation.CHECK
    assert (result.amount, result.polarity) == (amount, polarity)


def test_midpoint_is_not_read_as_mid_level() -> None:
    result = ask("what's the mid-point for a junior AI eng")
    assert result is not None and result.operation is Operation.MIDPOINT
    assert result.first.level is Level.JUNIOR


def test_budget_with_a_count() -> None:
    result = ask("budget for three mid AI engineers remote?")
    assert result is not None and (result.operation, result.count) == (Operation.BUDGET, 3)


def test_budget_over_several_groups() -> None:
    result = ask("budget for 2 senior AI engs and 1 senior mle in sf")
    assert result is not None
    assert [(g.count, g.side.roles) for g in result.groups] == [(2, (Role.AI_ENGINEER,)), (1, (Role.ML_ENGINEER,))]


@pytest.mark.parametrize(
    ("text", "gap"),
    [("lead ai engineer salary", "lead"), ("head of AI comp?", "head"), ("tech lead pay", "lead"),
     ("research engineer without publications pay", "unpublished"), ("senior ai eng pay in euros?", "currency"),
     ("fine-tuning premium for applied ml?", "fine-tuning"), ("how much extra for first author neurips papers?",
     "papers")],
)  # fmt: skip
def test_coverage_gaps(text: str, gap: str) -> None:
    result = ask(text)
    assert result is not None and result.gap == gap


def test_the_question_sentence_wins_in_a_ramble() -> None:
    text = "our last hire was a junior AI eng in austin. we raised $3M. anyway is 180k enough for a senior mle remote??"
    result = ask(text)
    assert result is not None and result.amount == 180_000
    assert (result.first.roles, result.first.level) == ((Role.ML_ENGINEER,), Level.SENIOR)


def test_a_number_with_no_unit_is_unclear() -> None:
    result = ask("is 5 enough for a senior mle")
    assert result is not None and result.unclear_number == "5" and result.operation is None


def test_nothing_to_read() -> None:
    assert ask("senior ML engineer salary in SF") is None
    assert ask("") is None
    assert ask("   ") is None
    assert ask("\U0001f389\U0001f389") is None


def test_a_long_paste_is_read_quickly() -> None:
    text = "we are building a thing. " * 160 + "is $200k enough for a senior ai eng?"
    assert len(text) > 4000
    started = time.perf_counter()
    result = ask(text)
    assert time.perf_counter() - started < 0.05
    assert result is not None and result.amount == 200_000


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2 staff ai engineers: one in sf, one remote", [(1, "in sf, "), (1, "remote")]),
        ("five seniors: three in nyc and two remote", [(3, "in nyc and "), (2, "remote")]),
        ("five seniors, three of them in nyc and two remote", [(3, "in nyc and "), (2, "remote")]),
    ],
)
def test_a_head_count_splits_by_place_when_the_parts_add_up(text: str, parts: list[tuple[int, str]]) -> None:
    (count,) = read_counts(text)
    assert read_breakdown(count) == parts


def test_parts_that_do_not_add_up_are_not_a_split() -> None:
    (count,) = read_counts("3 senior ai engineers: one in sf, one remote")
    assert read_breakdown(count) == []


def test_a_split_budget_prices_each_place() -> None:
    result = ask("2 staff AI engineers: one in SF, one remote from a cheaper state. combined budget?")
    assert result is not None and result.operation is Operation.BUDGET
    places = [group.side.location.place for group in result.groups if group.side.location is not None]
    assert places == [Place.HIGH_COST, Place.REMOTE_LOW_COST]
    assert [group.count for group in result.groups] == [1, 1]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("we pay 150k, about 30k under market, for a mid ai engineer. ok?", 150_000),
     ("is 150k under market for a mid ai engineer?", 150_000),
     ("can we pay our ml hire 20k below the band", None),
     ("thinking of $25K below market for our first hire", None)],
)  # fmt: skip
def test_a_shortfall_under_100k_says_by_how_much_not_the_pay(text: str, amount: int | None) -> None:
    read = ask(text)
    assert (read.amount if read is not None else None) == amount
    if read is not None and amount is not None and "ok?" in text:
        assert read.polarity == "acceptable", "the question is 'ok?', not the remark 'under market'"


@pytest.mark.parametrize(
    ("text", "title"),
    [("what should we pay a data scientist?", "data scientist"), ("full stack eng salary?", "full stack eng"),
     ("how much for a front end dev in nyc", "front end dev"), ("comp for a product manager", "product manager")],
)  # fmt: skip
def test_titles_the_guide_has_no_band_for(text: str, title: str) -> None:
    read = ask(text)
    assert read is not None and (read.gap, read.other_title) == ("other-title", title)


def test_a_title_beside_an_ai_role_is_not_a_gap() -> None:
    read = ask("should we hire a data scientist or an ai engineer? what do they cost")
    assert read is None or read.gap != "other-title"


@pytest.mark.parametrize(
    ("text", "count"),
    [("we'd need two of them", 2), ("we need 2", 2), ("make it a couple", 2), ("what about 3", 3),
     ("we're hiring five", 5)],
)  # fmt: skip
def test_a_head_count_on_its_own(text: str, count: int) -> None:
    read = ask(text)
    assert read is not None and read.bare_number == count


def test_a_step_written_with_an_arrow_is_a_difference() -> None:
    read = ask("mid ai eng -> staff ai eng, how much does comp increase?")
    assert read is not None and read.operation is Operation.DIFFERENCE
    assert (read.first.level, read.other.level if read.other else None) == (Level.STAFF, Level.MID)


@pytest.mark.parametrize(
    ("text", "percent"),
    [("15% above the senior ML engineer band", "15"), ("pay 10 percent under market for a junior", "-10"),
     ("12.5% over the range for an applied mle", "12.5"), ("0% above the band for a senior mle", None),
     ("12.25% above the band for a senior mle", None), ("2% more equity than the band", None)],
)  # fmt: skip
def test_a_band_moved_by_a_whole_or_one_decimal_percentage(text: str, percent: str | None) -> None:
    read = ask(text)
    moved = read is not None and read.operation is Operation.SHIFT
    assert (str(read.percent) if moved and read is not None else None) == percent
