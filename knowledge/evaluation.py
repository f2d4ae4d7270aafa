"""The golden set: questions with what their answers must and must not say, run by ``hirebot eval``.

Besides each case's own expectations, every answer is checked for invented figures: any dollar amount in
it must be one the guide states or the calculator can derive from the guide's rules.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from knowledge.engine import AnswerEngine
from knowledge.figures import allowed_thousands, invented_figures
from knowledge.query import Answer, Query
from knowledge.understanding import Topic

GOLDEN_PACKAGE = "knowledge.golden"


class GoldenTurn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ask: str = Field(min_length=1)
    expect: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    reject_lead: tuple[str, ...] = Field(default=(), description="must not be in the lead, the answer itself")
    topic: Topic | None = None
    covered: bool | None = None


class GoldenCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    category: str
    note: str | None = None
    turns: tuple[GoldenTurn, ...] = Field(min_length=1)


class CaseResult(BaseModel):
    case: GoldenCase
    failures: tuple[str, ...]
    answers: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def load_cases() -> list[GoldenCase]:
    """Every case from the TOML files shipped in ``knowledge/golden``; ids must be unique."""
    cases: list[GoldenCase] = []
    for entry in sorted(resources.files(GOLDEN_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            cases.extend(GoldenCase.model_validate(raw) for raw in tomllib.loads(entry.read_text("utf-8"))["case"])
    ids = [case.id for case in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate golden case ids: {sorted(duplicates)}")
    return cases


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def check_turn(turn: GoldenTurn, answer: Answer, allowed_k: frozenset[int]) -> list[str]:
    plain = answer.text
    text = _squash(plain)
    failures = [f"missing {want!r}" for want in turn.expect if _squash(want) not in text]
    failures += [f"contains {unwanted!r}" for unwanted in turn.reject if _squash(unwanted) in text]
    lead = _squash(answer.lead)
    failures += [f"leads with {unwanted!r}" for unwanted in turn.reject_lead if _squash(unwanted) in lead]
    if turn.topic is not None and answer.topic is not turn.topic:
        failures.append(f"topic {answer.topic.value}, expected {turn.topic.value}")
    if turn.covered is not None and answer.covered is not turn.covered:
        failures.append(f"covered={answer.covered}, expected {turn.covered}")
    failures += [f"invented figure {figure}" for figure in invented_figures(plain, allowed_k)]
    return failures


def run_case(case: GoldenCase, engine: AnswerEngine, allowed_k: frozenset[int]) -> CaseResult:
    previous: Query | None = None
    failures: list[str] = []
    answers: list[str] = []
    for number, turn in enumerate(case.turns, start=1):
        answer = engine.answer(turn.ask, previous)
        previous = answer.query
        answers.append(answer.text)
        failures += [f"turn {number} ({turn.ask!r}): {problem}" for problem in check_turn(turn, answer, allowed_k)]
    return CaseResult(case=case, failures=tuple(failures), answers=tuple(answers))


def run_golden(cases: Iterable[GoldenCase] | None = None, engine: AnswerEngine | None = None) -> list[CaseResult]:
    engine = engine or AnswerEngine()
    allowed_k = allowed_thousands(engine.calculator)
    return [run_case(case, engine, allowed_k) for case in (load_cases() if cases is None else cases)]


def summary_table(results: list[CaseResult]) -> str:
    """Pass rates per category, then one line per failing case."""
    by_category: dict[str, list[CaseResult]] = defaultdict(list)
    for result in results:
        by_category[result.case.category].append(result)
    width = max([len("category"), *map(len, by_category)])
    lines = [f"{'category':<{width}}  passed  total  rate"]
    for category in sorted(by_category):
        group = by_category[category]
        passed = sum(r.passed for r in group)
        lines.append(f"{category:<{width}}  {passed:>6}  {len(group):>5}  {passed / len(group):>4.0%}")
    passed = sum(r.passed for r in results)
    rate = passed / len(results) if results else 0.0
    lines.append(f"{'all':<{width}}  {passed:>6}  {len(results):>5}  {rate:>4.0%}")
    for result in results:
        for failure in result.failures:
            lines.append(f"FAIL {result.case.id}: {failure}")
    return "\n".join(lines)
