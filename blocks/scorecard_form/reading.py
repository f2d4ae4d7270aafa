"""The scorecard form read back: its state as a draft, its ``private_metadata``, and validation messages put
next to the inputs they are about.

Typed text reaches validation however long it is (up to ``blocks.payloads.MAX_TYPED``, well above the form's
own limits), so an oversized value gets its precise message next to its field. A value that isn't one of the
form's choices reads as not chosen.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from blocks import ids, messages
from blocks.payloads import StateValues, state_value, typed_text
from blocks.scorecard_form.modal import rating_block
from knowledge.models import Level, Role
from knowledge.scorecards import InterviewType, Recommendation, RoleSelections, ScorecardDraft, ScorecardInvalid

FormEnum = TypeVar("FormEnum", bound=StrEnum)

FIELD_BLOCKS: Final = {
    "candidate": ids.SCORECARD_CANDIDATE_BLOCK,
    "role": ids.SCORECARD_ROLE_BLOCK,
    "level": ids.SCORECARD_LEVEL_BLOCK,
    "interview_type": ids.SCORECARD_INTERVIEW_BLOCK,
    "recommendation": ids.SCORECARD_RECOMMENDATION_BLOCK,
    "notes": ids.SCORECARD_NOTES_BLOCK,
    "red_flags": ids.SCORECARD_RED_FLAGS_BLOCK,
    "signals": ids.SCORECARD_SIGNALS_BLOCK,
    "questions": ids.SCORECARD_QUESTIONS_BLOCK,
}


class ScorecardMetadata(BaseModel):
    """What the modal carries out of sight: the reminder it was opened from, the role its competencies are for,
    and answers given for other roles (restored if the role is switched back)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reminder: str | None = Field(default=None, max_length=300)
    shown_role: Role | None = None
    kept: RoleSelections = Field(default_factory=RoleSelections)

    def dump(self) -> str:
        return self.model_dump_json(exclude_defaults=True)


def read_metadata(raw: str) -> tuple[ScorecardMetadata, bool]:
    """The metadata, and whether it was damaged (then it is ignored: nothing the interviewer typed lives there)."""
    if not raw.strip():
        return ScorecardMetadata(), False
    try:
        return ScorecardMetadata.model_validate_json(raw), False
    except ValidationError:
        return ScorecardMetadata(), True


def _chosen(values: StateValues, block_id: str, action_id: str) -> str | None:
    found = state_value(values, block_id, action_id)
    return found.selected_option.value if found and found.selected_option else None


def _ticked(values: StateValues, block_id: str) -> tuple[str, ...]:
    found = state_value(values, block_id, ids.SCORECARD_CHECKBOXES_ACTION)
    return tuple(option.value for option in found.selected_options) if found else ()


def _enum(kind: type[FormEnum], value: str | None) -> FormEnum | None:
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
        candidate=typed_text(values, ids.SCORECARD_CANDIDATE_BLOCK, ids.SCORECARD_CANDIDATE_ACTION),
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
        notes=typed_text(values, ids.SCORECARD_NOTES_BLOCK, ids.SCORECARD_NOTES_ACTION),
    )


def field_block(field: str) -> str:
    """The block_id of the input a validation message (keyed by form field) belongs next to."""
    if field.startswith("rating:"):
        return rating_block(field.removeprefix("rating:"))
    return FIELD_BLOCKS.get(field, ids.SCORECARD_NOTES_BLOCK)


def errors_for(invalid: ScorecardInvalid, shown_blocks: set[str]) -> dict[str, str]:
    """Each message next to its field; a field the view doesn't show (a role switch still in flight) gets one
    message on the role select instead."""
    errors: dict[str, str] = {}
    missing = False
    for name, message in invalid.errors.items():
        block = field_block(name)
        if block in shown_blocks or not shown_blocks:
            errors.setdefault(block, message)
        else:
            missing = True
    if missing:
        errors.setdefault(ids.SCORECARD_ROLE_BLOCK, messages.STILL_SWITCHING)
    return errors
