"""The requests each scenario sends, built with the test fakes' payload builders (``tests.fakes.signing``).

Every request is one Slack would send; nothing is special-cased for the benchmark. The DM scenario gives each
message its own DM channel id, so the answer's ``chat.postMessage`` (which goes to that channel) can be matched
to the event that asked for it, and each question starts a fresh conversation, like a first DM.

The scorecard submission is built from the app's own modal builder when the scorecard feature is present: the
modal for a draft with a role (so the role's competencies are in it), then the view state Slack would send back
for it, taking each input's pre-filled value, else its middle option, else a short text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.load import BenchRequest
from tests.fakes.payloads import message_event
from tests.fakes.signing import event_body, slash_command_body, view_submission_body

JsonDict = dict[str, Any]
DM_QUESTION = "how much is a senior ML engineer in SF?"
INTERVIEWERS = tuple(f"U0BENCH{number:03d}" for number in range(1, 21))
CANDIDATE_TEMPLATE = "Bench Candidate"
NOTES = "Walked through their eval harness and the latency budget of a production RAG system."


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    build: Callable[[int], BenchRequest]
    """The request numbered n; numbers are unique within a benchmark run."""
    answered_in_dm: bool = False
    """Whether the server answers by ``chat.postMessage`` to the request's tag (the DM channel)."""


def slash_command(key: str, text: str, response_url: str) -> Scenario:
    def build(_: int) -> BenchRequest:
        return BenchRequest(slash_command_body(text, response_url=response_url), expect=b'"blocks"')

    return Scenario(key, f"/hire {text}", build)


def bare_slash_command(text: str, response_url: str) -> Scenario:
    def build(_: int) -> BenchRequest:
        return BenchRequest(slash_command_body(text, response_url=response_url), expect=b"ok")

    return Scenario("bare_hire", f"bare Bolt /hire {text}", build)


def dm_channel(number: int) -> str:
    return f"DB{number:09d}"


def dm_question() -> Scenario:
    """A ``message.im`` pay question; Bolt acks events with an empty 200."""

    def build(number: int) -> BenchRequest:
        channel = dm_channel(number)
        return BenchRequest(event_body(message_event(DM_QUESTION, channel_id=channel)), tag=channel)

    return Scenario("dm_pay", "message.im pay question", build, answered_in_dm=True)


@dataclass(frozen=True)
class ScorecardForm:
    callback_id: str
    callback_constant: str
    private_metadata: str
    blocks: list[JsonDict]
    state_values: JsonDict
    candidate_path: tuple[str, str]


def scorecard_form() -> ScorecardForm | str:
    """The scorecard modal as the app builds it, with a complete state; a string says why it isn't available."""
    try:
        ids = importlib.import_module("blocks.ids")
        modal = importlib.import_module("blocks.scorecard_form")
        scorecards = importlib.import_module("knowledge.scorecards")
        rubric = importlib.import_module("knowledge.rubric")
        draft = scorecards.ScorecardDraft(
            candidate=CANDIDATE_TEMPLATE, role=rubric.SCORECARD_ROLES[0], level=rubric.SCORECARD_LEVELS[2], notes=NOTES
        )
        view: JsonDict = modal.scorecard_modal(draft).to_dict()
    except (ImportError, AttributeError, TypeError, ValueError) as error:
        return f"scorecard feature not available ({type(error).__name__}: {error})"
    callback_id = str(view.get("callback_id") or "")
    constants = [name for name in dir(ids) if name.isupper() and getattr(ids, name) == callback_id]
    if not callback_id or not constants:
        return "scorecard modal has no callback_id defined in blocks/ids.py"
    state, candidate_path = _state_for(view["blocks"])
    if candidate_path is None:
        return "scorecard modal has no candidate input pre-filled from the draft"
    return ScorecardForm(
        callback_id, constants[0], view.get("private_metadata", ""), view["blocks"], state, candidate_path
    )


def _state_for(blocks: list[JsonDict]) -> tuple[JsonDict, tuple[str, str] | None]:
    values: JsonDict = {}
    candidate_path: tuple[str, str] | None = None
    for block in blocks:
        element = block.get("element") or {}
        if block.get("type") != "input" or "action_id" not in element:
            continue
        kind, action_id = element["type"], element["action_id"]
        value: JsonDict = {"type": kind}
        options = element.get("options") or []
        if kind in ("static_select", "radio_buttons"):
            value["selected_option"] = element.get("initial_option") or options[len(options) // 2]
        elif kind == "checkboxes":
            value["selected_options"] = element.get("initial_options") or options[:1]
        elif kind == "plain_text_input":
            value["value"] = element.get("initial_value") or "n/a"
            if value["value"] == CANDIDATE_TEMPLATE:
                candidate_path = (block["block_id"], action_id)
        else:
            continue
        values[block["block_id"]] = {action_id: value}
    return values, candidate_path


def scorecard_submission(form: ScorecardForm) -> Scenario:
    """Each submission is for a new candidate, by one of 20 interviewers in turn."""

    def build(number: int) -> BenchRequest:
        block_id, action_id = form.candidate_path
        state = dict(form.state_values)
        state[block_id] = {action_id: {"type": "plain_text_input", "value": f"{CANDIDATE_TEMPLATE} {number}"}}
        body = view_submission_body(
            form.callback_id,
            state,
            form.private_metadata,
            blocks=form.blocks,
            user_id=INTERVIEWERS[number % len(INTERVIEWERS)],
        )
        # The value alone: how the JSON is spaced is the server's business; "errors" (not saved) never has it.
        return BenchRequest(body, expect=b'"update"')

    return Scenario("scorecard", "scorecard view_submission", build)
