"""The answer engine: follow-ups, citing, leading with the answer, and never inventing a figure."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.engine import AnswerEngine
from knowledge.evaluation import allowed_thousands, invented_figures
from knowledge.models import Level, Role, Section
from knowledge.pay import NotCovered, PayQuote, Place
from knowledge.pay_math import PayBudget, PayDifference, PayMath
from knowledge.query import Answer, Query
from knowledge.understanding import Topic

ENGINE = AnswerEngine()
ALLOWED_K = allowed_thousands(ENGINE.calculator)
RANGE = re.compile(r"\$\d+K to \$\d+K")


def converse(*questions: str) -> list[Answer]:
    previous: Query | None = None
    answers: list[Answer] = []
    for question in questions:
        answer = ENGINE.answer(question, previous)
        previous = answer.query
        answers.append(answer)
    return answers


def lead(answer: Answer) -> str:
    assert answer.text.splitlines()[0] == answer.lead  # the plain text opens with the lead
    return answer.lead


# ------------------------------------------------------------------ follow-ups


def test_and_in_nyc_adds_the_location() -> None:
    first, second = converse("senior AI engineer pay", "and in NYC?")
    assert "$240K to $320K" in lead(first)
    assert "$264K to $368K" in lead(second)
    assert "$240K to $320K" not in lead(second)
    assert second.query.follow_up
    assert second.query.roles == (Role.AI_ENGINEER,)
    assert second.query.level is Level.SENIOR
    assert second.query.location is not None
    assert second.query.location.place is Place.HIGH_COST


def test_what_about_a_staff_one_keeps_role_and_place() -> None:
    *_, staff = converse("what does a senior AI engineer cost in SF?", "what about a staff one?")
    assert "$352K to $483K" in lead(staff)
    assert staff.query.level is Level.STAFF
    assert staff.query.roles == (Role.AI_ENGINEER,)
    assert "$264K to $368K" not in staff.text


def test_what_if_agentic_adds_the_premium_before_the_factor() -> None:
    *_, agentic = converse("senior AI engineer in New York", "what if they've shipped agentic systems?")
    assert "$308K to $414K" in lead(agentic)
    assert "$304K to $408K" not in agentic.text
    assert agentic.query.agentic is True
    assert isinstance(agentic.figures[0], PayQuote)
    assert agentic.figures[0].agentic_applied


def test_agentic_then_place_reaches_the_same_figure() -> None:
    *_, last = converse("senior AI engineer pay", "what if they've shipped agentic systems?", "and in SF?")
    assert "$308K to $414K" in lead(last)


def test_and_remote_from_a_cheaper_region() -> None:
    *_, remote = converse("mid-level AI engineer salary", "and remote from a cheaper region?")
    assert "$135K to $204K" in lead(remote)
    assert "$180K to $240K" not in lead(remote)


def test_agentic_follow_up_on_a_staff_band_explains_instead_of_adding() -> None:
    *_, last = converse("staff AI engineer salary", "what if they've shipped agentic systems?")
    assert "$320K to $420K" in lead(last)
    assert "$360K" not in last.text
    assert "only for" in last.text


def test_and_for_ml_after_interview_questions() -> None:
    first, second = converse("interview questions for AI engineers", "and for ML?")
    assert first.topic is Topic.INTERVIEW
    assert "eval suite" in first.text
    assert second.topic is Topic.INTERVIEW
    assert second.query.roles == (Role.ML_ENGINEER,)
    assert "training run" in second.text
    assert "eval suite" not in second.text


def test_follow_up_changes_topic_but_keeps_the_role() -> None:
    *_, flags = converse("interview questions for ML engineers", "and what about red flags?")
    assert flags.topic is Topic.RED_FLAGS
    assert flags.query.roles == (Role.ML_ENGINEER,)
    assert "Notebooks" in flags.text


@pytest.mark.parametrize(
    ("first", "second", "expected_lead", "stale"),
    [
        (
            "what's a senior ML engineer paid in SF?",
            "what does a junior AI engineer make?",
            "$140K to $180K",
            "Bay Area",
        ),
        (
            "senior AI engineer who built agents in prod, NYC",
            "how much is a senior ML engineer?",
            "$280K to $400K",
            "New York",
        ),
        ("senior AI engineer in London", "how much is a mid-level AI engineer in Austin?", "$180K to $240K", "London"),
    ],
)
def test_fresh_complete_question_is_not_merged(first: str, second: str, expected_lead: str, stale: str) -> None:
    _, answer = converse(first, second)
    assert not answer.query.follow_up
    assert expected_lead in lead(answer)
    assert stale not in answer.text
    assert answer.covered is True


def test_fresh_question_on_another_topic_is_answered_on_its_own() -> None:
    _, equity = converse("senior AI engineer in NYC", "how much equity for a founding engineer?")
    assert equity.topic is Topic.EQUITY
    assert not equity.query.follow_up
    assert "up to 5%" in lead(equity)


def test_previous_off_topic_turn_gives_no_context() -> None:
    _, answer = converse("what's the weather like?", "and in NYC?")
    assert answer.topic is Topic.UNKNOWN
    assert not answer.query.follow_up


# -------------------------------------------------------- lead and citation

TOPIC_QUESTIONS: list[tuple[str, Topic, Section]] = [
    ("senior ML engineer salary in SF", Topic.PAY, Section.SALARIES),
    ("what's the difference between an AI engineer and an ML engineer?", Topic.ROLES, Section.ROLE_CONFUSION),
    ("what does hiring the wrong one cost us?", Topic.ROLES, Section.ROLE_CONFUSION),
    ("interview questions for ML engineers", Topic.INTERVIEW, Section.INTERVIEWS),
    ("red flags in an AI engineer's github", Topic.RED_FLAGS, Section.PORTFOLIOS),
    ("how to tell if a candidate is actually senior", Topic.SIGNALS, Section.PORTFOLIOS),
    ("where do we find research engineers?", Topic.SOURCING, Section.SOURCING),
    ("should we contract or hire?", Topic.PLAYS, Section.PLAYS),
    ("how much equity for a founding engineer?", Topic.EQUITY, Section.SALARIES),
    ("can we lowball our first AI hire?", Topic.UNDERPAY, Section.SALARIES),
]


@pytest.mark.parametrize(("question", "topic", "section"), TOPIC_QUESTIONS)
def test_answers_cite_their_source(question: str, topic: Topic, section: Section) -> None:
    answer = ENGINE.answer(question)
    assert answer.topic is topic
    assert section in answer.sources
    assert answer.body
    label = "Source" if len(answer.sources) == 1 else "Sources"
    assert answer.citation == f"{label}: " + "; ".join(s.value for s in answer.sources)
    assert not any(answer.citation in part for part in (answer.lead, *answer.body))  # cited once, as a field
    assert answer.text == "\n".join((answer.lead, *answer.body, answer.citation))


def test_off_topic_answer_offers_help_and_cites_nothing() -> None:
    answer = ENGINE.answer("what's the weather like?")
    assert answer.topic is Topic.UNKNOWN
    assert answer.sources == ()
    assert answer.citation == ""
    assert "Source" not in answer.text
    assert "$" not in answer.text
    assert "pay" in lead(answer)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("whats a senior ML engineer paid in SF", "$308K to $460K"),
        ("senior AI engineer in NYC", "$264K to $368K"),
        ("senior AI engineer who shipped agentic systems, NYC", "$308K to $414K"),
        ("research engineer with publications, remote from a lower-cost region", "$263K to $510K"),
        ("junior AI engineer", "$140K to $180K"),
    ],
)
def test_pay_answer_leads_with_the_figure(question: str, figure: str) -> None:
    answer = ENGINE.answer(question)
    assert figure in lead(answer)
    assert answer.covered is True
    [quote] = answer.figures
    assert isinstance(quote, PayQuote)
    assert quote.range_text == figure
    assert "How:" in answer.text


def test_pay_answer_explains_the_rules() -> None:
    answer = ENGINE.answer("senior AI engineer who shipped agentic systems, NYC")
    assert "+$40K" in answer.text
    assert "x1.10" in answer.text
    assert "x1.15" in answer.text


def test_plain_remote_answer_gives_us_band_and_the_discount() -> None:
    answer = ENGINE.answer("senior AI engineer, remote")
    assert "$240K to $320K" in lead(answer)
    assert "$180K to $272K" in answer.text


@pytest.mark.parametrize(
    ("question", "nearest"),
    [
        ("junior ML engineer salary", "$200K to $280K"),
        ("staff ML engineer salary", "$280K to $400K"),
        ("principal AI engineer pay", "$320K to $420K"),
        ("senior AI engineer in London", "$240K to $320K"),
    ],
)
def test_not_covered_answer_says_so_first_and_shows_nearest(question: str, nearest: str) -> None:
    answer = ENGINE.answer(question)
    assert answer.covered is False
    assert isinstance(answer.figures[0], NotCovered)
    assert "no pay band" in lead(answer)
    assert "$" not in lead(answer)
    assert nearest in answer.text
    assert not invented_figures(answer.text, ALLOWED_K)


def test_pay_without_a_level_lists_the_roles_bands() -> None:
    answer = ENGINE.answer("how much for an ML engineer?")
    assert answer.covered is True
    assert [q.band.key for q in answer.figures if isinstance(q, PayQuote)] == ["ml-mid", "ml-senior"]
    assert RANGE.search(answer.text)


def test_corrections_are_reported() -> None:
    answer = ENGINE.answer("hey bot, quick q: whats a senoir ML enginer salery in sf?")
    assert {("senoir", "senior"), ("enginer", "engineer"), ("salery", "salary")} <= set(answer.corrections)
    assert "$308K to $460K" in lead(answer)


def test_no_corrections_for_clean_text() -> None:
    assert ENGINE.answer("senior ML engineer salary in SF").corrections == ()


# ------------------------------------------------------------- properties

DOMAIN_WORDS = (
    *("senior", "junior", "staff", "principal", "mid-level", "sr", "jr", "entry level", "AI", "ML", "MLE", "LLM"),
    *("engineer", "eng", "research engineer", "researcher", "applied", "with publications", "salary", "pay"),
    *("comp", "budget", "how much", "equity", "founding", "interview questions", "red flags", "signals"),
    *("portfolio", "github", "where", "find", "contract", "contractor", "hire", "full-time", "fractional"),
    *("remote", "LCOL", "cheaper region", "SF", "NYC", "Bay Area", "London", "Austin", "India", "agentic"),
    *("built agents", "hasn't", "never", "shipped", "and", "what about", "what if", "same but", "for", "or"),
    *("vs", "7 years", "2 yrs", "$999K", "$123", "$1,000", "wrap Claude", "moat", "senoir", "enginer", "salery"),
    *(":tada:", "<@U1>", "<https://x|y>", "difference", "first", "?", ",", ".", "!"),
)

sentences = st.lists(st.sampled_from(DOMAIN_WORDS), max_size=14).map(" ".join)
questions = st.one_of(st.text(max_size=200), sentences)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _quotes_in(result: PayMath) -> tuple[PayQuote, ...]:
    if isinstance(result, PayDifference):
        return (result.first, result.second)
    if isinstance(result, PayBudget):
        return tuple(line.quote for line in result.lines)
    return (result.quote,)


def _check(answer: Answer) -> None:
    assert answer.text.strip()
    assert invented_figures(answer.text, ALLOWED_K, answer.derived_figures) == []
    for result in answer.arithmetic:  # arithmetic only ever runs on the calculator's own quotes
        assert {quote.low_k for quote in _quotes_in(result)} <= ALLOWED_K
        assert {quote.high_k for quote in _quotes_in(result)} <= ALLOWED_K
    if answer.topic is not Topic.UNKNOWN:
        assert answer.sources
        assert answer.text.endswith("\n" + answer.citation)
    assert all(part.strip() for part in answer.body)
    for result in answer.figures:
        quotes = result.nearest if isinstance(result, NotCovered) else (result,)
        for quote in quotes:
            assert quote.range_text in answer.text


@FAST
@given(st.text())
def test_any_text_gets_a_grounded_answer(text: str) -> None:
    _check(ENGINE.answer(text))


@FAST
@given(sentences)
def test_domain_sentences_get_a_grounded_answer(text: str) -> None:
    _check(ENGINE.answer(text))


@FAST
@given(st.lists(questions, min_size=3, max_size=3))
def test_three_turn_conversations_never_break(turns: list[str]) -> None:
    for answer in converse(*turns):
        _check(answer)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("mid level AI engineer (3 to 5 years) salary", "$180K to $240K"),
        ("salary for an ML research engineer", "$350K to $600K"),
        ("We just closed our seed funding. What should we pay a senior AI engineer?", "$240K to $320K"),
        ("what's an affordable senior AI engineer in the Bay Area?", "$264K to $368K"),
    ],
)
def test_misread_questions_get_the_right_band(question: str, figure: str) -> None:
    """End-to-end view of the understanding bugs pinned in test_understanding.py: the founder's answer."""
    answer = ENGINE.answer(question)
    assert answer.topic is Topic.PAY
    assert figure in lead(answer)


def test_a_pay_question_after_another_topic_is_about_pay() -> None:
    engine = AnswerEngine()
    roles = engine.answer("what's the difference between AI and ML engineers?")
    pay = engine.answer("senoir mle in nyc", roles.query)
    assert pay.topic.value == "pay"
    assert "$308K to $460K" in pay.text.splitlines()[0]
    interview = engine.answer("interview questions for ML engineers")
    place = engine.answer("what about in SF?", interview.query)
    assert place.topic.value == "pay"
    assert "Senior ML engineer: $308K to $460K" in place.text
    assert engine.answer("what's the weather in SF?").topic.value == "unknown"


@pytest.mark.parametrize(
    ("question", "unsure"),
    [
        ("Our product is RAG over customer docs: AI or ML engineer?", True),  # roles, no topic, no level
        ("AI engineer?", True),
        ("senior ml engineer in sf", False),  # a level makes it a quote
        ("how much is an ML engineer in SF?", False),  # pay named
        ("red flags in an AI portfolio", False),
    ],
)
def test_a_guessed_topic_is_marked_unsure(question: str, unsure: bool) -> None:
    answer = AnswerEngine().answer(question)
    assert answer.unsure is unsure
    assert answer.settled is (answer.quotes_pay and not unsure)


def test_a_follow_up_is_not_a_guess() -> None:
    engine = AnswerEngine()
    first = engine.answer("senior AI engineer pay")
    assert not engine.answer("and in NYC?", first.query).unsure


@pytest.mark.parametrize(
    ("question", "settled"),
    [
        ("which costs more, an AI or ML engineer?", False),  # no level: a guess at what's compared
        ("AI vs ML engineer salaries?", False),
        ("how much more is staff than senior for AI engineers?", True),
        ("budget for 3 mid AI engineers remote?", True),
        ("is 200k ok for a mid ai eng in nyc", True),
    ],
)
def test_only_a_confident_reading_of_pay_arithmetic_is_settled(question: str, settled: bool) -> None:
    answer = AnswerEngine().answer(question)
    assert answer.arithmetic  # the offline answer still computes it, for use without a model
    assert answer.settled is settled


@pytest.mark.parametrize(
    ("question", "first"),
    [("what should I ask about cutting our LLM bill?", "halve the OpenAI bill"),
     ("how do I test whether an mle can debug a training run", "training run that failed"),
     ("question for an ai eng about retrieval", "RAG pipeline")],
)  # fmt: skip
def test_an_interview_question_about_the_subject_named_comes_first(question: str, first: str) -> None:
    answer = ENGINE.answer(question)
    assert answer.topic is Topic.INTERVIEW
    assert first in answer.lead and "Listen for:" in answer.lead
    assert answer.items, "the whole list still follows"


def test_interview_questions_with_no_single_subject_lead_with_the_list() -> None:
    for question in ("interview questions for ai engineers", "questions about evals and agents for an ai engineer"):
        assert ENGINE.answer(question).lead.startswith("Interview questions for")
