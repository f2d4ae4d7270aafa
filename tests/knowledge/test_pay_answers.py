"""Pay arithmetic through the engine: the lead carries the figure asked for, the "How:" line the arithmetic,
follow-ups keep the operation, and what the guide doesn't cover is said plainly."""

from __future__ import annotations

import pytest

from knowledge.engine import AnswerEngine
from knowledge.figures import allowed_thousands, invented_figures
from knowledge.pay import NotCovered
from knowledge.pay_asks import Operation
from knowledge.pay_math import PayBudget, PayCheck, PayDifference, PayMidpoint, PayShift
from knowledge.query import Answer, Query
from knowledge.understanding import Topic

ENGINE = AnswerEngine()
ALLOWED_K = allowed_thousands(ENGINE.calculator)


def converse(*questions: str) -> list[Answer]:
    previous: Query | None = None
    answers = []
    for question in questions:
        answer = ENGINE.answer(question, previous)
        previous = answer.query
        answers.append(answer)
    return answers


def grounded(answer: Answer) -> Answer:
    assert invented_figures(answer.text, ALLOWED_K, answer.derived_figures) == []
    assert len(answer.text) < 600
    return answer


def test_difference_leads_with_the_difference() -> None:
    answer = grounded(ENGINE.answer("how much more is staff than senior for AI engineers?"))
    assert "$80K to $100K more" in answer.lead
    assert answer.body[0] == "How: low end $320K - $240K = $80K; high end $420K - $320K = $100K."
    assert isinstance(answer.arithmetic[0], PayDifference)
    assert answer.quotes_pay and answer.covered


def test_a_derived_figure_is_only_allowed_in_its_own_answer() -> None:
    answer = ENGINE.answer("SF vs remote for a senior MLE")
    assert "$28K to $60K" in answer.lead  # 308-280, 460-400
    assert invented_figures(answer.text, ALLOWED_K) != []  # $28K and $60K: no rule produces them alone
    assert invented_figures(answer.text, ALLOWED_K, answer.derived_figures) == []
    assert invented_figures("Budget $28K.", ALLOWED_K) == ["$28K"]


def test_comparison_of_places_wins_over_the_roles_topic() -> None:
    assert ENGINE.answer("SF vs remote for a senior MLE").topic is Topic.PAY
    assert ENGINE.answer("AI vs ML engineer").topic is Topic.ROLES


def test_follow_ups_keep_the_operation() -> None:
    _, staff, sf = converse("how much more is a senior mle in sf than remote?", "and for staff?", "and for AI engs?")
    assert staff.query.pay_ask is not None and staff.query.pay_ask.operation is Operation.DIFFERENCE
    assert staff.covered is False and "no pay band" in staff.lead
    assert "$32K to $63K more" in grounded(sf).lead  # staff AI: 320 x 1.10 = 352, 420 x 1.15 = 483; minus 320, 420
    assert sf.query.roles and sf.query.level is not None


def test_budget_then_place_then_count() -> None:
    budget, nyc, five = converse("budget for three mid AI engineers remote?", "and in NYC?", "what about 5?")
    assert "$540K to $720K" in grounded(budget).lead
    assert "$594K to $828K" in grounded(nyc).lead  # 3 x 198, 3 x 276
    assert "$990K to $1,380K" in grounded(five).lead  # 5 x 198, 5 x 276
    assert isinstance(five.arithmetic[0], PayBudget)


@pytest.mark.parametrize(
    "question", ["budget for 0 mid ai engineers", "budget for -2 senior mles", "budget for 500 senior mles"]
)
def test_a_bad_head_count_is_refused_clearly(question: str) -> None:
    answer = grounded(ENGINE.answer(question))
    assert "head-count" in answer.lead or "at most" in answer.lead
    assert answer.arithmetic == ()


def test_check_says_yes_or_no_and_shows_the_band() -> None:
    low = grounded(ENGINE.answer("is $150K enough for a sr mle??"))
    assert low.lead.startswith("No:") and "$130K below" in low.lead and "$280K to $400K" in low.lead
    high = grounded(ENGINE.answer("is $500k too much for a senior ai eng"))
    assert high.lead.startswith("Yes:") and "$180K above" in high.lead
    within = grounded(ENGINE.answer("is 300k enough for a senior mle?"))
    assert within.lead.startswith("Yes:") and "within" in within.lead
    assert isinstance(within.arithmetic[0], PayCheck)


def test_an_absurd_amount_gets_a_plain_reply() -> None:
    answer = grounded(ENGINE.answer("is $5 enough for a senior mle?"))
    assert "can't be a year's pay" in answer.lead and "$280K to $400K" in answer.lead


def test_a_number_without_a_unit_is_asked_about() -> None:
    answer = grounded(ENGINE.answer("is 5 enough for a senior mle"))
    assert "can't tell what 5 means" in answer.lead


def test_midpoint() -> None:
    answer = grounded(ENGINE.answer("midpoint for a senior MLE in the bay area?"))
    assert "$384K" in answer.lead  # (308 + 460) / 2
    assert isinstance(answer.arithmetic[0], PayMidpoint)


@pytest.mark.parametrize(
    ("question", "says"),
    [("we'd pay 15% above the senior ML engineer range. what's that?", "$322K to $460K"),
     ("what is 10 percent under market for a mid ai engineer in nyc", "$178K to $248K"),  # 198 x .9, 276 x .9
     ("our investor wants a 20% premium over the band for a junior ai eng", "$168K to $216K")],
)  # fmt: skip
def test_a_band_moved_by_a_percentage(question: str, says: str) -> None:
    answer = grounded(ENGINE.answer(question))
    assert says in answer.lead
    assert isinstance(answer.arithmetic[0], PayShift)


@pytest.mark.parametrize(
    "question",
    ["is it 15% more in nyc?", "how much equity, 2% above the usual?", "do we add 10 to 15 percent for the bay area?"],
)
def test_a_percentage_without_a_band_to_move_is_not_a_shift(question: str) -> None:
    assert not any(isinstance(result, PayShift) for result in ENGINE.answer(question).arithmetic)


@pytest.mark.parametrize(
    ("question", "says"),
    [("lead ai engineer salary", "no pay band for a lead AI engineer"), ("head of ML comp?", "no pay band for a head"),
     ("research engineer without publications pay", "assumes publications"),
     ("agentic premium for a staff ai eng?", "only for a senior AI engineer"),
     ("fine-tuning premium for an applied ml eng?", "no dollar figure")],
)  # fmt: skip
def test_what_the_guide_does_not_cover_is_said_plainly(question: str, says: str) -> None:
    answer = grounded(ENGINE.answer(question))
    assert says in answer.lead
    assert answer.covered is False
    assert isinstance(answer.figures[0], NotCovered) and answer.figures[0].nearest


def test_a_real_band_after_a_lead_title_drops_the_gap() -> None:
    _, senior = converse("lead ai engineer salary", "what about senior?")
    assert "$240K to $320K" in senior.lead and senior.covered


def test_interview_questions_for_a_lead_stay_interview_questions() -> None:
    assert ENGINE.answer("interview questions for a lead AI engineer").topic is Topic.INTERVIEW


def test_a_long_paste_with_the_question_last() -> None:
    paste = "context: " + "we ship a RAG product. " * 180 + "is 200k enough for a senior ai eng?"
    answer = grounded(ENGINE.answer(paste))
    assert answer.lead.startswith("No:")


def test_a_budget_asked_against_every_level_shows_each_band_with_its_gap() -> None:
    answer = AnswerEngine().answer("budget is 250k. what level of ML engineer can we get?")
    assert answer.lead == "$250K is within the band for an applied ML engineer (mid)."
    assert "Senior ML engineer: $280K to $400K ($30K below)" in answer.text
    assert len(answer.arithmetic) == len(answer.figures) == 2  # applied (mid) and senior: each one checked


def test_a_named_level_is_a_plain_check_not_a_level_search() -> None:
    answer = AnswerEngine().answer("budget is 250k, can we get a senior ML engineer?")
    assert answer.lead.startswith("No: $250K is $30K below the band for a senior ML engineer")
