"""What Slack sends back about the scorecard modal, parsed with pydantic: the view's state, its
``private_metadata``, and the payloads of submissions and in-view actions.

Sizes are bounded: ids and metadata to Slack's limits, typed text to ``MAX_TYPED`` (well above the form's own
limits, so that an oversized value still reaches validation and gets its precise message next to its field).
A value that isn't one of the form's choices reads as not chosen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from blocks import ids
from blocks.payloads import ClickedButton, SlackUser
from knowledge.models import Level, Role
from knowledge.scorecards import InterviewType, Recommendation, RoleSelections, ScorecardDraft

MAX_TYPED: Final = 20_000
PRIVATE_METADATA_LIMIT: Final = 3000

Choice = TypeVar("Choice", bound=StrEnum)


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class SelectedOption(_Lenient):
    value: str = Field(max_length=150)


class StateValue(_Lenient):
    type: str = Field(default="", max_length=64)
    value: str | None = Field(default=None, max_length=MAX_TYPED)
    selected_option: SelectedOption | None = None
    selected_options: list[SelectedOption] = Field(default_factory=list, max_length=50)


StateValues = dict[str, dict[str, StateValue]]


class ViewState(_Lenient):
    values: StateValues = Field(default_factory=dict, max_length=100)


class BlockRef(_Lenient):
    block_id: str | None = Field(default=None, max_length=255)


class SlackView(_Lenient):
    id: str = Field(min_length=1, max_length=64)
    hash: str | None = Field(default=None, max_length=128)
    callback_id: str = Field(default="", max_length=255)
    private_metadata: str = Field(default="", max_length=PRIVATE_METADATA_LIMIT)
    state: ViewState = Field(default_factory=ViewState)
    blocks: list[BlockRef] = Field(default_factory=list, max_length=100)

    @property
    def block_ids(self) -> set[str]:
        return {block.block_id for block in self.blocks if block.block_id}


class ViewPayload(_Lenient):
    """A ``view_submission``, or a ``block_actions`` from inside a modal."""

    user: SlackUser
    view: SlackView
    trigger_id: str | None = Field(default=None, max_length=255)


class ButtonPress(_Lenient):
    """A button press that opens a modal: who pressed it, the trigger to open with, and the button's value."""

    user: SlackUser
    trigger_id: str = Field(min_length=1, max_length=255)
    actions: list[ClickedButton] = Field(min_length=1, max_length=5)

    @property
    def value(self) -> str:
        return self.actions[0].value


class ScorecardMetadata(BaseModel):
    """What the modal carries out of sight: the reminder it was opened from, the role its competencies are for,
    and answers given for other roles (restored if the role is switched back)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reminder: str | None = Field(default=None, max_length=300)
    shown_role: Role | None = None
    kept: RoleSelections = Field(default_factory=RoleSelections)

    def dump(self) -> str:
        return self.model_dump_json(exclude_defaults=True)


def parse_view_payload(body: dict[str, Any]) -> ViewPayload:
    return ViewPayload.model_validate(body)


def parse_button_press(body: dict[str, Any]) -> ButtonPress:
    return ButtonPress.model_validate(body)


def read_metadata(raw: str) -> tuple[ScorecardMetadata, bool]:
    """The metadata, and whether it was damaged (then it is ignored: nothing the interviewer typed lives there)."""
    if not raw.strip():
        return ScorecardMetadata(), False
    try:
        return ScorecardMetadata.model_validate_json(raw), False
    except ValidationError:
        return ScorecardMetadata(), True


def _value(values: StateValues, block_id: str, action_id: str) -> StateValue | None:
    return values.get(block_id, {}).get(action_id)


def _text(values: StateValues, block_id: str, action_id: str) -> str:
    found = _value(values, block_id, action_id)
    return (found.value or "") if found else ""


def _chosen(values: StateValues, block_id: str, action_id: str) -> str | None:
    found = _value(values, block_id, action_id)
    return found.selected_option.value if found and found.selected_option else None


def _ticked(values: StateValues, block_id: str) -> tuple[str, ...]:
    found = _value(values, block_id, ids.SCORECARD_CHECKBOXES_ACTION)
    return tuple(option.value for option in found.selected_options) if found else ()


def _enum(kind: type[Choice], value: str | None) -> Choice | None:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


def _ratings(values: StateValues) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for block_id in values:
        if block_id.startswith(ids.SCORECARD_RATING_BLOCK_PREFIX):
            chosen = _chosen(values, block_id, ids.SCORECARD_RATING_ACTION)
            if chosen is not None and chosen.isdigit() and len(chosen) == 1:
                ratings[block_id.removeprefix(ids.SCORECARD_RATING_BLOCK_PREFIX)] = int(chosen)
    return ratings


def draft_from_state(values: StateValues) -> ScorecardDraft:
    """What the form holds right now, however incomplete."""
    return ScorecardDraft(
        candidate=_text(values, ids.SCORECARD_CANDIDATE_BLOCK, ids.SCORECARD_CANDIDATE_ACTION),
        role=_enum(Role, _chosen(values, ids.SCORECARD_ROLE_BLOCK, ids.SCORECARD_ROLE_ACTION)),
        level=_enum(Level, _chosen(values, ids.SCORECARD_LEVEL_BLOCK, ids.SCORECARD_LEVEL_ACTION)),
        interview_type=_enum(
            InterviewType, _chosen(values, ids.SCORECARD_INTERVIEW_BLOCK, ids.SCORECARD_INTERVIEW_ACTION)
        ),
        ratings=_ratings(values),
        red_flags=_ticked(values, ids.SCORECARD_RED_FLAGS_BLOCK),
        signals=_ticked(values, ids.SCORECARD_SIGNALS_BLOCK),
        questions=_ticked(values, ids.SCORECARD_QUESTIONS_BLOCK),
        recommendation=_enum(
            Recommendation, _chosen(values, ids.SCORECARD_RECOMMENDATION_BLOCK, ids.SCORECARD_RECOMMENDATION_ACTION)
        ),
        notes=_text(values, ids.SCORECARD_NOTES_BLOCK, ids.SCORECARD_NOTES_ACTION),
    )


def question_from_state(values: StateValues) -> str:
    return _text(values, ids.QUESTION_BLOCK, ids.QUESTION_ACTION)
