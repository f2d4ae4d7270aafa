"""Tools a language model may call: the pay calculator and lookups into the guide. Each returns JSON text.

The model gets no tool that reads scorecards, other conversations or anything outside the guide.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.compose import COMPOSERS
from knowledge.models import Level, Role, Section
from knowledge.pay import Location, NotCovered, PayCalculator, PayQuote, PayRequest
from knowledge.query import Query
from knowledge.understanding import Topic, parse

LookupTopic = Literal["roles", "interview", "red_flags", "signals", "sourcing", "plays", "equity", "underpay"]
LOOKUP_TOPICS = ("roles", "interview", "red_flags", "signals", "sourcing", "plays", "equity", "underpay")


class PayBandInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role = Field(description="ai = AI engineer, ml = ML engineer, research = research engineer")
    level: Level | None = None
    location: str | None = Field(
        default=None,
        max_length=200,
        description="where they'll live, as the user said it, e.g. 'SF', 'NYC', 'remote from a lower-cost region', "
        "'Austin', 'London'; omit for the US band. A place the guide's rules can't place is refused.",
    )
    agentic: bool = Field(default=False, description="true if they have shipped agentic systems to production")


class PayTableInput(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LookupInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: LookupTopic
    role: Role | None = None


class PayMathInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=500, description="one pay-arithmetic question")


# Keywords the API's strict tool schemas don't take; pydantic still enforces them when the tool runs.
UNSENT_KEYWORDS = frozenset({"title", "default", "minLength", "maxLength"})


def input_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The tool's JSON schema, generated from the pydantic model that validates its input: references
    inlined, and only keywords strict tool use accepts."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any, *, naming: bool = False) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        if naming:  # a "properties" mapping: its keys are field names, not keywords
            return {name: inline(value) for name, value in node.items()}
        if "$ref" in node:
            node = {**definitions[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return {k: inline(v, naming=k == "properties") for k, v in node.items() if k not in UNSENT_KEYWORDS}

    return inline(schema)  # type: ignore[no-any-return]


def _tool(name: str, description: str, model: type[BaseModel]) -> dict[str, Any]:
    return {"name": name, "description": description, "input_schema": input_schema(model), "strict": True}


TOOLS: list[dict[str, Any]] = [
    _tool(
        "pay_band",
        "The guide's pay band for one role and level, with location and agentic rules applied, or a not-covered "
        "result with the nearest bands. The only source of pay figures.",
        PayBandInput,
    ),
    _tool("pay_table", "All seven of the guide's US pay bands, unadjusted, with the adjustment rules.", PayTableInput),
    _tool("guide_lookup", "What the guide says on a topic, in our own words, with its source section.", LookupInput),
    _tool(
        "pay_math",
        "Arithmetic on the guide's pay bands, computed by its rules: the difference between two roles, levels or "
        "places; what the agentic premium or a location is worth; the total for several hires; a band's midpoint; "
        "whether an amount is within a band; a band moved by a percentage ('15% above the senior ML band'). Ask "
        "one self-contained question in plain words, naming the roles, "
        "levels and places, e.g. 'how much more is a staff than a senior AI engineer in SF?' or 'is $150K enough "
        "for a mid-level AI engineer?'. Returns the answer, its arithmetic, and the dollar figures it used.",
        PayMathInput,
    ),
]


class ToolRefusal(ValueError):  # noqa: N818 (reads as what the model is told)
    """Input the tool understood but won't guess at (an unknown place); the model is told why."""


def _quote_json(quote: PayQuote) -> dict[str, Any]:
    return {
        "band": quote.band.title,
        "where": quote.location.label,
        "range": quote.range_text + " base + cash bonus a year, equity extra",
        "rules": list(quote.rules),
        "notes": list(quote.notes) + ([f"lower-cost region: {quote.lower_cost_text}"] if quote.lower_cost_text else []),
    }


def _pay_band(raw: dict[str, Any], calculator: PayCalculator) -> dict[str, Any]:
    request = PayBandInput.model_validate(raw)
    location = parse(request.location).location if request.location else None
    if request.location and location is None:
        raise ToolRefusal(
            f"the guide's rules can't place {request.location!r}: ask the user where they'll live, or omit location "
            "for the US band"
        )
    result = calculator.quote(
        PayRequest(role=request.role, level=request.level, location=location or Location.us(), agentic=request.agentic)
    )
    if isinstance(result, NotCovered):
        return {
            "covered": False,
            "reason": result.reason,
            "nearest": [_quote_json(q) for q in result.nearest],
            "source": Section.SALARIES.value,
        }
    return {"covered": True, **_quote_json(result), "source": result.band.source.value}


def _pay_table(calculator: PayCalculator) -> dict[str, Any]:
    high, remote = calculator.guide.rule("high-cost"), calculator.guide.rule("remote-low-cost")
    return {
        "bands": [
            {"band": q.band.title, "experience": q.band.experience, "range": q.range_text} for q in calculator.table()
        ],
        "rules": [
            f"{high.title}: low x{high.low_factor}, high x{high.high_factor}",
            f"{remote.title}: low x{remote.low_factor}, high x{remote.high_factor}",
            f"+${calculator.guide.agentic_premium.amount_k}K for {calculator.guide.agentic_premium.condition},"
            " added before any location factor",
            "round to the nearest thousand",
        ],
        "source": Section.SALARIES.value,
    }


def _lookup(raw: dict[str, Any], calculator: PayCalculator) -> dict[str, Any]:
    request = LookupInput.model_validate(raw)
    query = Query(topic=Topic(request.topic), roles=(request.role,) if request.role else ())
    answer = COMPOSERS[query.topic](query, calculator)
    return {"text": answer.text, "sources": [s.value for s in answer.sources]}


def _pay_math(raw: dict[str, Any], calculator: PayCalculator) -> dict[str, Any]:
    """The offline engine's own answer to one pay-arithmetic question: the same parsing and calculator as every
    other answer, so the model gets figures the rules produced, and the list of them to quote from."""
    from knowledge.engine import AnswerEngine  # the engine imports the composers this module also uses

    question = PayMathInput.model_validate(raw).question
    answer = AnswerEngine(calculator).answer(question)
    if not answer.arithmetic and not answer.figures:
        return {"error": "not a pay question the guide's rules can compute; ask pay_band or guide_lookup instead"}
    return {
        "answer": answer.text,
        "covered": answer.covered is not False,
        "figures": sorted(f"${figure:,}" for figure in answer.derived_figures),
        "source": Section.SALARIES.value,
    }


def run_tool(name: str, raw_input: object, calculator: PayCalculator) -> tuple[str, bool]:
    """The tool's JSON result, and whether it is an error (bad input or an unknown tool)."""
    try:
        arguments = raw_input if isinstance(raw_input, dict) else {}
        if name == "pay_band":
            return json.dumps(_pay_band(arguments, calculator)), False
        if name == "pay_table":
            return json.dumps(_pay_table(calculator)), False
        if name == "guide_lookup":
            return json.dumps(_lookup(arguments, calculator)), False
        if name == "pay_math":
            result = _pay_math(arguments, calculator)
            return json.dumps(result), "error" in result
    except ToolRefusal as refusal:
        return json.dumps({"error": str(refusal)}), True
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        return json.dumps({"error": f"invalid input: {problems}"}), True
    return json.dumps({"error": f"unknown tool {name!r}"}), True
