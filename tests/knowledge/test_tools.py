"""The model's tools: ``guide_lookup`` gives the engine's answer as its one plain-text rendering, with the
sources as a field; bad input is an error result, never an exception."""

from __future__ import annotations

import json

import pytest

from knowledge.compose import COMPOSERS
from knowledge.models import Role
from knowledge.pay import PayCalculator
from knowledge.query import Query
from knowledge.tools import LOOKUP_TOPICS, run_tool
from knowledge.understanding import Topic

CALCULATOR = PayCalculator()


@pytest.mark.parametrize("topic", LOOKUP_TOPICS)
def test_guide_lookup_renders_the_answer_from_its_fields(topic: str) -> None:
    content, is_error = run_tool("guide_lookup", {"topic": topic, "role": "ml"}, CALCULATOR)
    assert not is_error
    result = json.loads(content)
    answer = COMPOSERS[Topic(topic)](Query(topic=Topic(topic), roles=(Role.ML_ENGINEER,)), CALCULATOR)
    assert result == {"text": answer.text, "sources": [s.value for s in answer.sources]}
    assert result["text"].startswith(answer.lead)
    assert result["text"].count(answer.citation) == 1


def test_guide_lookup_rejects_an_unknown_topic() -> None:
    content, is_error = run_tool("guide_lookup", {"topic": "weather"}, CALCULATOR)
    assert is_error
    assert json.loads(content)["error"].startswith("invalid input")
