"""Interview signals described instead of named, mapped to the guide's red flags and seniority signals."""

from __future__ import annotations

import pytest

from knowledge.engine import AnswerEngine
from knowledge.evaluation import load_cases
from knowledge.rubric import RED_FLAGS, SIGNALS
from knowledge.signals import SIGNS, Verdict, described_signs, matching_signs
from knowledge.understanding import Topic, normalise

ENGINE = AnswerEngine()


def keys(text: str) -> list[str]:
    return [sign.key for sign in described_signs(normalise(text)[0])]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the candidate kept saying agentic but couldn't describe one workflow", "buzzwords"),
        ("he kept dropping 'multi-agent' in every answer", "buzzwords"),
        ("candidate's github is all forked tutorials", "forked-tutorials"),
        ("her project is one prompt in a streamlit app", "one-shot-prompt"),
        ("he said nothing ever went wrong on his project", "no-failure-mode"),
        ("never mentioned evals once", "no-evals"),
        ("he had no opinions on model providers", "no-opinions"),
        ("only has Kaggle notebooks", "messy-notebooks"),
        ("he's never shipped anything to prod", "never-shipped"),
        ("textbook answers, no stories of his own", "textbook-answers"),
        ("she brought up eval sets before I asked", "evals-unprompted"),
        ("she explained what she chose not to build", "rejected-tradeoffs"),
        ("he reasons about cost per feature", "feature-cost"),
        ("he told us the baseline he beat", "beat-baseline"),
        ("she grilled us about our data", "interviews-back"),
        ("he told me about a nasty caching bug", "war-stories"),
        ("he has kaggle gold medals in two comps", "kaggle-medals"),
    ],
)
def test_described_sign(text: str, key: str) -> None:
    assert keys(text)[:1] == [key]


def test_every_guide_flag_and_signal_can_be_described() -> None:
    rubric_keys = {item.key for item in (*RED_FLAGS, *SIGNALS)}
    assert rubric_keys <= {sign.key for sign in SIGNS}


@pytest.mark.parametrize(
    "text",
    [
        "what are the red flags in an ML portfolio?",
        "list the seniority signals",
        "agentic systems in production",  # nobody described
        "",
        "🙃",
    ],
)
def test_lists_and_plain_text_describe_no_one(text: str) -> None:
    assert keys(text) == []


def test_a_flag_leads_and_shared_words_count_once() -> None:
    found = keys("she talked about evals a lot but couldn't name a single failure mode of her own project")
    assert found[0] == "no-failure-mode"
    assert found.count("evals-unprompted") <= 1


def test_kaggle_medals_are_not_the_notebook_flag() -> None:
    assert keys("kaggle grandmaster with 3 gold medals, good sign?") == ["kaggle-medals"]


def test_trigger_words_never_change_the_reading() -> None:
    """The trigger words only save time: every golden message reads the same with every pattern tried."""
    for text in (normalise(turn.ask)[0] for case in load_cases() for turn in case.turns):
        assert matching_signs(text) == matching_signs(text, prefilter=False), text


@pytest.mark.parametrize(
    ("text", "topic", "lead"),
    [
        ("the candidate kept saying agentic but couldn't describe one workflow", Topic.RED_FLAGS, "Red flag"),
        ("only has Kaggle notebooks, is that bad?", Topic.RED_FLAGS, "Worth probing"),
        ("she talks about eval sets and failure modes before I even ask", Topic.SIGNALS, "Good sign"),
    ],
)
def test_the_answer_leads_with_the_verdict(text: str, topic: Topic, lead: str) -> None:
    answer = ENGINE.answer(text)
    assert answer.topic is topic
    assert answer.lead.startswith(lead)
    assert len(answer.text) < 600


def test_verdicts_read_as_words() -> None:
    assert [v.value for v in Verdict] == ["red flag", "worth probing", "good sign"]
