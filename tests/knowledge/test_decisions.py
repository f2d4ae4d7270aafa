"""Decisions read from what founders describe: which role, build it yourself, the cost of a wrong hire."""

from __future__ import annotations

import time

import pytest

from knowledge.decisions import (
    FIRST_HIRE,
    FOUNDER_LED,
    WRONG_HIRE,
    Leaning,
    decide,
    is_founder_led,
    is_wrong_hire,
    leaning,
    settled,
)
from knowledge.engine import AnswerEngine
from knowledge.evaluation import allowed_thousands, invented_figures
from knowledge.models import Role
from knowledge.query import Query
from knowledge.rambles import read
from knowledge.understanding import Topic, normalise

ENGINE = AnswerEngine()
ALLOWED_K = allowed_thousands(ENGINE.calculator)


def norm(text: str) -> str:
    return normalise(text)[0]


def decided(text: str, previous: Query | None = None) -> Query | None:
    return decide(read(text), previous)


# ------------------------------------------------------------------ what the product does


@pytest.mark.parametrize(
    "text",
    [
        "RAG over customer docs",
        "an LLM chat assistant in our app",
        "agents that automate procurement workflows",
        "we wrap Claude with domain logic",
        "a copilot on top of OpenAI",
        "prompt + eval work on a drafting tool",
        "semantic search w/ embeddings",
        "we don't train models, we just call the openai api",
    ],
)
def test_products_on_foundation_models_lean_ai(text: str) -> None:
    assert leaning(norm(text)) is Leaning.AI


@pytest.mark.parametrize(
    "text",
    [
        "we train our own vision models",
        "fine-tune llama on our own data",
        "a recommendation engine for our marketplace",
        "ranking model for the feed",
        "our proprietary data is the moat",
        "time series forecasting is the product",
        "computer vision for warehouse robots",
    ],
)
def test_products_that_are_models_lean_ml(text: str) -> None:
    assert leaning(norm(text)) is Leaning.ML


@pytest.mark.parametrize("text", ["", "hello there", "how much is a senior engineer?", "thanks!"])
def test_no_product_no_leaning(text: str) -> None:
    assert leaning(norm(text)) is None


def test_as_much_of_each_is_both() -> None:
    assert leaning(norm("a RAG chatbot plus a fraud model we train ourselves")) is Leaning.BOTH


def test_any_recommendation_is_not_a_recommendation_engine() -> None:
    assert leaning(norm("any recommendation on who to hire?")) is None


# ------------------------------------------------------------------ deciding


@pytest.mark.parametrize(
    ("text", "product", "roles"),
    [
        ("Our product is RAG over customer docs: AI or ML engineer?", "foundation", (Role.AI_ENGINEER,)),
        ("we're adding an LLM chat assistant to our app, who should be our first hire?", "foundation", None),
        ("building a recommendation engine, first hire: AI or ML?", "moat", (Role.ML_ENGINEER,)),
        ("state of the art models, novel architecture. who first?", "moat", (Role.ML_ENGINEER, Role.RESEARCH_ENGINEER)),
    ],
)
def test_role_decisions(text: str, product: str, roles: tuple[Role, ...] | None) -> None:
    query = decided(text)
    assert query is not None
    assert (query.topic, query.subject, query.product) == (Topic.ROLES, FIRST_HIRE, product)
    if roles is not None:
        assert query.roles == roles


@pytest.mark.parametrize(
    "text",
    [
        "senior AI engineer who shipped agentic systems, NYC",  # a hire to price
        "interview questions for an AI engineer building RAG",  # the interview kit
        "should we contract or hire for our first RAG system?",  # the plays
        "AI or ML engineer: what's the difference?",  # the comparison
        "which one pays more, AI or ML?",  # pay
        "how much equity for a founding engineer on our chatbot?",  # equity
        "what are the red flags in a portfolio?",  # the list
    ],
)
def test_not_decisions(text: str) -> None:
    assert decided(text) is None


def test_product_alone_decides_only_an_open_question() -> None:
    undecided = decided("who should we hire first?")
    assert undecided is not None and undecided.product is None
    follow = decided("we're building an agent on top of claude", undecided)
    assert follow is not None and follow.product == "foundation" and follow.follow_up
    pay = Query(topic=Topic.PAY, roles=(Role.AI_ENGINEER,))
    assert decided("it's for our RAG thing", pay) is None


def test_wrong_hire_named_or_described() -> None:
    assert is_wrong_hire(norm("we hired the wrong one"))
    assert is_wrong_hire(norm("we hired an ML engineer but we're just wrapping GPT"))
    assert not is_wrong_hire(norm("we hired a great designer"))
    query = decided("we hired an ML engineer but our product is a GPT wrapper, how bad is it?")
    assert query is not None
    assert (query.subject, query.roles) == (WRONG_HIRE, (Role.AI_ENGINEER,))


def test_founder_led_needs_a_technical_founder_and_a_small_feature() -> None:
    assert is_founder_led(norm("I'm technical and it's a small classification feature"))
    assert is_founder_led(norm("technical founder, should I build the retrieval feature myself before hiring?"))
    assert not is_founder_led(norm("I'm technical and we're building a RAG product for lawyers"))
    assert not is_founder_led(norm("it's a small classification feature"))
    query = decided("I'm the CTO, we need a basic ticket classification feature. do I even need to hire?")
    assert query is not None and (query.topic, query.subject) == (Topic.PLAYS, FOUNDER_LED)


def test_settled_forgets_a_decision_but_keeps_its_roles() -> None:
    decision = Query(topic=Topic.ROLES, subject=FIRST_HIRE, product="foundation", roles=(Role.AI_ENGINEER,))
    after = settled(decision)
    assert after is not None
    assert (after.subject, after.product, after.roles) == (None, None, (Role.AI_ENGINEER,))
    plain = Query(topic=Topic.PAY, subject="compare")
    assert settled(plain) is plain
    assert settled(None) is None


# ------------------------------------------------------------------ answers


def test_recommendation_leads_short_with_an_offer() -> None:
    answer = ENGINE.answer("we're adding an LLM chat assistant to our app, who should be our first hire?")
    assert answer.lead.startswith("Hire an AI engineer first")
    assert len(answer.text) < 600
    assert answer.text.rstrip().splitlines()[-2].endswith("?")  # the offer, just before the sources
    assert not invented_figures(answer.text, ALLOWED_K)


def test_wrong_hire_gives_the_guides_figures_exactly() -> None:
    answer = ENGINE.answer("we hired the wrong one, how bad is it?")
    assert "nine months" in answer.lead and "a quarter million dollars" in answer.lead
    assert "20%" in answer.text


def test_follow_up_after_a_decision_prices_the_recommended_role() -> None:
    first = ENGINE.answer("Our product is RAG over customer docs: AI or ML engineer?")
    pay = ENGINE.answer("what do they cost in SF?", first.query)
    assert pay.topic is Topic.PAY
    assert pay.query.roles == (Role.AI_ENGINEER,)
    assert "$198K to $276K" in pay.text


# ------------------------------------------------------------------ bad input


LONG_PASTE = (
    "We are a seed-stage startup building tools for logistics teams and we have been thinking about hiring. " * 40
)[:4000]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "🤖🤖🤖",
        ":thinking_face: :rocket:",
        LONG_PASTE,
        LONG_PASTE[:3900] + " who should we hire first for our RAG chatbot?",
        "Wir bauen einen RAG-Chatbot, AI or ML engineer?",
        "我们在做一个聊天机器人 RAG chatbot, who should be our first hire?",
        "¿contratamos un ingeniero de IA o de ML? we fine-tune our own models",
        "<@U012AB3CD> *??*",
        "$5",
        "0 engineers",
    ],
)
def test_bad_input_gets_a_short_grounded_reply(text: str) -> None:
    started = time.perf_counter()
    answer = ENGINE.answer(text)
    assert time.perf_counter() - started < 0.25
    assert answer.lead
    assert not invented_figures(answer.text, ALLOWED_K)


def test_mixed_languages_still_decide() -> None:
    assert ENGINE.answer("Wir bauen einen RAG-Chatbot, AI or ML engineer?").lead.startswith("Hire an AI engineer")
    assert ENGINE.answer("¿contratamos un ingeniero de IA o de ML? we fine-tune our own models").lead.startswith(
        "Hire an ML engineer"
    )


def test_a_long_paste_with_the_question_last_is_answered() -> None:
    answer = ENGINE.answer(LONG_PASTE[:3900] + " who should we hire first for our RAG chatbot?")
    assert answer.lead.startswith("Hire an AI engineer")
