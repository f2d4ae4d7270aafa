"""The golden set: questions with what their answers must and must not say, run by ``hirebot eval``.

Besides each case's own expectations, every answer is checked for invented figures: any dollar amount in
it must be one the guide states or the calculator can derive from the guide's rules.

Cases in ``golden/held_out/`` were written before the code they test and are never tuned on: the report gives
their pass rate apart. The report also gives the median reply length and the lead rate: of the turns that say
what their answer must lead with (``expect_lead``), the share whose lead sentence does.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from statistics import median

from pydantic import BaseModel, ConfigDict, Field

from knowledge.engine import AnswerEngine
from knowledge.figures import allowed_thousands, invented_figures
from knowledge.query import Answer, Query
from knowledge.rambles import read
from knowledge.understanding import Topic, main_topic

GOLDEN_PACKAGE = "knowledge.golden"
HELD_OUT_FOLDER = "held_out"


class GoldenTurn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ask: str = Field(min_length=1)
    expect: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    reject_lead: tuple[str, ...] = Field(default=(), description="must not be in the lead, the answer itself")
    expect_lead: tuple[str, ...] = Field(default=(), description="must be in the lead: the answer comes first")
    max_chars: int | None = Field(default=None, gt=0, description="the whole reply, as plain text, at most")
    topic: Topic | None = None
    covered: bool | None = None


class GoldenCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    category: str
    note: str | None = None
    turns: tuple[GoldenTurn, ...] = Field(min_length=1)
    held_out: bool = Field(default=False, description="set by the loader for cases in golden/held_out/")


class CaseResult(BaseModel):
    case: GoldenCase
    failures: tuple[str, ...]
    answers: tuple[str, ...]
    leads_kept: int = 0  # turns with ``expect_lead`` whose lead has all of it
    leads_asked: int = 0  # turns with ``expect_lead``

    @property
    def passed(self) -> bool:
        return not self.failures


def _cases_in(folder: Traversable, *, held_out: bool) -> list[GoldenCase]:
    cases: list[GoldenCase] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            for raw in tomllib.loads(entry.read_text("utf-8"))["case"]:
                cases.append(GoldenCase.model_validate({**raw, "held_out": held_out}))
    return cases


def load_cases(root: Traversable | None = None) -> list[GoldenCase]:
    """Every case from the TOML files shipped in ``knowledge/golden`` (or ``root``) and its ``held_out`` folder;
    ids must be unique."""
    root = root or resources.files(GOLDEN_PACKAGE)
    cases = _cases_in(root, held_out=False)
    held_out = root.joinpath(HELD_OUT_FOLDER)
    if held_out.is_dir():
        cases += _cases_in(held_out, held_out=True)
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
    failures += [f"lead lacks {wanted!r}" for wanted in turn.expect_lead if _squash(wanted) not in lead]
    if turn.max_chars is not None and len(plain) > turn.max_chars:
        failures.append(f"{len(plain)} characters, at most {turn.max_chars} wanted")
    if turn.topic is not None and answer.topic is not turn.topic:
        failures.append(f"topic {answer.topic.value}, expected {turn.topic.value}")
    if turn.covered is not None and answer.covered is not turn.covered:
        failures.append(f"covered={answer.covered}, expected {turn.covered}")
    failures += [f"invented figure {figure}" for figure in invented_figures(plain, allowed_k, answer.derived_figures)]
    return failures


def run_case(case: GoldenCase, engine: AnswerEngine, allowed_k: frozenset[int]) -> CaseResult:
    previous: Query | None = None
    failures: list[str] = []
    answers: list[str] = []
    leads_kept = leads_asked = 0
    for number, turn in enumerate(case.turns, start=1):
        answer = engine.answer(turn.ask, previous)
        previous = answer.query
        answers.append(answer.text)
        problems = check_turn(turn, answer, allowed_k)
        failures += [f"turn {number} ({turn.ask!r}): {problem}" for problem in problems]
        if turn.expect_lead:
            leads_asked += 1
            leads_kept += not any(problem.startswith("lead lacks") for problem in problems)
    return CaseResult(
        case=case, failures=tuple(failures), answers=tuple(answers), leads_kept=leads_kept, leads_asked=leads_asked
    )


def run_golden(cases: Iterable[GoldenCase] | None = None, engine: AnswerEngine | None = None) -> list[CaseResult]:
    engine = engine or AnswerEngine()
    allowed_k = allowed_thousands(engine.calculator)
    return [run_case(case, engine, allowed_k) for case in (load_cases() if cases is None else cases)]


def _rate(results: list[CaseResult]) -> str:
    passed = sum(r.passed for r in results)
    return f"{passed}/{len(results)} ({passed / len(results):.0%})" if results else "none"


def summary_table(results: list[CaseResult]) -> str:
    """Pass rates per category, tuned and held-out cases apart, the median reply length and the lead rate, then
    one line per failing case (``FAIL``) and per held-out miss (``HELD-OUT MISS``)."""
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
    lines.append("")
    lines.append(f"tuned cases: {_rate([r for r in results if not r.case.held_out])}")
    lines.append(f"held-out cases: {_rate([r for r in results if r.case.held_out])}")
    lengths = [len(answer) for result in results for answer in result.answers]
    lines.append(f"median reply length: {median(lengths):.0f} characters" if lengths else "median reply length: -")
    asked = sum(r.leads_asked for r in results)
    kept = sum(r.leads_kept for r in results)
    lines.append(
        f"lead rate: {kept}/{asked} ({kept / asked:.0%}) of answers lead with what was asked"
        if asked
        else "lead rate: -"
    )
    for result in results:
        label = "HELD-OUT MISS" if result.case.held_out else "FAIL"
        lines += [f"{label} {result.case.id}: {failure}" for failure in result.failures]
    return "\n".join(lines)


def tuned_cases_pass(results: list[CaseResult]) -> bool:
    """Whether every case the code may be tuned on passes; held-out cases measure, they don't gate."""
    return all(result.passed for result in results if not result.case.held_out)


def explain_case(case_id: str, engine: AnswerEngine | None = None) -> str:
    """How each turn of a case was understood: the words after typo fixes, what was recognised, the question
    after the conversation so far, the answer, and what the case checks. ``KeyError`` for an unknown id."""
    engine = engine or AnswerEngine()
    cases = {case.id: case for case in load_cases()}
    case = cases[case_id]
    allowed_k = allowed_thousands(engine.calculator)
    lines = [
        f"{case.id} ({case.category}{', held out' if case.held_out else ''})" + (f": {case.note}" if case.note else "")
    ]
    previous: Query | None = None
    for number, turn in enumerate(case.turns, start=1):
        parsed = read(turn.ask)
        answer = engine.answer(turn.ask, previous)
        query = answer.query  # after the conversation so far and any pay arithmetic read from the message
        previous = answer.query
        topic = main_topic(parsed)
        lines += [
            "",
            f"turn {number}: {turn.ask}",
            f"  read as: {parsed.text}" + (f"  (fixed: {dict(parsed.corrections)})" if parsed.corrections else ""),
            f"  topics named: {sorted(t.value for t in parsed.topics) or '-'}; main: {topic.value if topic else '-'}",
            "  slots: "
            + ", ".join(
                f"{name}={value}"
                for name, value in (
                    ("roles", [r.value for r in parsed.roles] or None),
                    ("level", parsed.level.value if parsed.level else None),
                    ("location", parsed.location.label if parsed.location else None),
                    ("agentic", parsed.agentic),
                    ("product", parsed.product),
                    ("subject", parsed.roles_subject),
                    ("asked", repr(parsed.asked) if parsed.asked else None),
                )
                if value is not None
            ),
            f"  question: {query.model_dump(mode='json', exclude_defaults=True)}",
            "  answer: " + answer.text.replace("\n", "\n          "),
        ]
        problems = check_turn(turn, answer, allowed_k)
        lines.append("  checks: " + ("pass" if not problems else "; ".join(problems)))
    return "\n".join(lines)
