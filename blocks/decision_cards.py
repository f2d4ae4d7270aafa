"""The decision modal (hire / no hire / hold, the level with the panel's split, reasons), what it becomes once
saved, and the line that shows a decision on the debrief and the App Home."""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import clip, context, escape, markdown
from blocks.payloads import StateValues, state_value, typed_text
from blocks.scorecard_cards import mention, slack_date
from blocks.scorecard_values import CandidateRef
from knowledge.identifiers import CANDIDATE_MAX
from knowledge.models import Level, Role
from knowledge.outcomes import DECIDABLE_LEVELS, REASONS_MAX, Decision, Outcome, PanelLevels

TITLE: Final = "Decision"


class DecisionMetadata(BaseModel):
    """What the decision modal carries out of sight: the candidate and the role the panel interviewed for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    candidate: str = Field(min_length=1, max_length=CANDIDATE_MAX)
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)
    role: Role

    def dump(self) -> str:
        return self.model_dump_json()


class DecisionForm(BaseModel):
    """The modal's answers; any of them may be missing."""

    model_config = ConfigDict(frozen=True)

    outcome: Outcome | None = None
    level: Level | None = None
    reasons: str = ""


def read_decision_metadata(raw: str) -> DecisionMetadata | None:
    try:
        return DecisionMetadata.model_validate_json(raw)
    except ValidationError:
        return None


def decision_from_state(values: StateValues) -> DecisionForm:
    """The answers; a value that isn't one of the choices reads as not chosen."""
    outcome = state_value(values, ids.DECISION_OUTCOME_BLOCK, ids.DECISION_OUTCOME_ACTION)
    level = state_value(values, ids.DECISION_LEVEL_BLOCK, ids.DECISION_LEVEL_ACTION)
    outcome_value = outcome.selected_option.value if outcome and outcome.selected_option else ""
    level_value = level.selected_option.value if level and level.selected_option else ""
    return DecisionForm(
        outcome=Outcome(outcome_value) if outcome_value in set(Outcome) else None,
        level=Level(level_value) if level_value in {lvl.value for lvl in DECIDABLE_LEVELS} else None,
        reasons=typed_text(values, ids.DECISION_REASONS_BLOCK, ids.DECISION_REASONS_ACTION),
    )


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=PlainTextObject(text=text))


def decision_modal(metadata: DecisionMetadata, levels: PanelLevels, previous: Decision | None = None) -> View:
    """The modal for one candidate: the level defaults to the panel's consensus, the split shown beneath it."""
    outcomes = [_option(outcome.value, outcome.label) for outcome in Outcome]
    level_options = [_option(level.value, level.adjective.capitalize()) for level in DECIDABLE_LEVELS]
    initial_level = previous.level if previous is not None else levels.consensus
    blocks: list[Block] = [
        markdown(f"*{escape(metadata.candidate)}* \u00b7 {metadata.role.noun}"),
    ]
    if previous is not None:
        blocks.append(
            context(
                f"Already decided: *{previous.summary}* by {mention(previous.decided_by)} "
                f"{slack_date(previous.decided_at)}. Saving replaces it; the audit log keeps both."
            )
        )
    blocks += [
        InputBlock(
            block_id=ids.DECISION_OUTCOME_BLOCK,
            label=PlainTextObject(text="Decision"),
            element=RadioButtonsElement(
                action_id=ids.DECISION_OUTCOME_ACTION,
                options=outcomes,
                initial_option=next((o for o in outcomes if previous and o.value == previous.outcome.value), None),
            ),
        ),
        InputBlock(
            block_id=ids.DECISION_LEVEL_BLOCK,
            label=PlainTextObject(text="Level to hire at"),
            hint=PlainTextObject(text=clip(_level_hint(levels), 150)),
            element=StaticSelectElement(
                action_id=ids.DECISION_LEVEL_ACTION,
                options=level_options,
                initial_option=next((o for o in level_options if o.value == initial_level.value), None),
            ),
        ),
        InputBlock(
            block_id=ids.DECISION_REASONS_BLOCK,
            label=PlainTextObject(text="Reasons"),
            optional=True,
            element=PlainTextInputElement(
                action_id=ids.DECISION_REASONS_ACTION,
                multiline=True,
                max_length=REASONS_MAX,
                initial_value=previous.reasons if previous and 0 < len(previous.reasons) <= REASONS_MAX else None,
            ),
        ),
    ]
    if levels.split:
        blocks.insert(1, context(f":scales: {levels.describe()}"))
    return View(
        type="modal",
        callback_id=ids.DECISION_VIEW,
        title=PlainTextObject(text=TITLE),
        submit=PlainTextObject(text="Record decision"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata.dump(),
        blocks=blocks,
    )


def _level_hint(levels: PanelLevels) -> str:
    """Plain text (a hint can't show mentions): the split itself is shown above the inputs."""
    if not levels.split:
        return f"The panel agreed: {levels.describe()}."
    return (
        f"The panel was split (above); this starts at {levels.consensus.adjective}, the level most of them "
        "assessed, the lower one on a tie."
    )


def decision_line(decision: Decision) -> str:
    """ "*Decided: hire at senior* by @Hiring Manager, Tue 3 Mar": for the debrief and the App Home."""
    who = mention(decision.decided_by)
    return f":ballot_box_with_check: *Decided: {decision.summary}* by {who} {slack_date(decision.decided_at)}"


def decision_blocks(decision: Decision) -> list[Block]:
    lines = [decision_line(decision)]
    if decision.reasons:
        lines.append(f">{escape(clip(decision.reasons, 600)).replace(chr(10), chr(10) + '>')}")
    return [markdown("\n".join(lines))]


def offer_button(candidate: str) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text="Draft offer"),
        action_id=ids.DRAFT_OFFER_ACTION,
        value=CandidateRef(candidate=candidate).dump(),
        style="primary",
    )


def decided_view(decision: Decision, replaced: Decision | None) -> View:
    """What the modal becomes once the decision is saved; a hire gets the button that drafts the offer."""
    lines = [f":white_check_mark: Recorded for *{escape(decision.candidate)}*: *{decision.summary}*."]
    if replaced is not None:
        lines.append(f"It replaces the earlier decision ({replaced.summary}); the audit log keeps both.")
    blocks: list[Block] = [markdown("\n".join(lines)), *decision_blocks(decision)]
    if decision.outcome is Outcome.HIRE:
        blocks.append(ActionsBlock(elements=[offer_button(decision.candidate)]))
    return View(
        type="modal",
        callback_id=ids.DECISION_DONE_VIEW,
        title=PlainTextObject(text=TITLE),
        close=PlainTextObject(text="Done"),
        blocks=blocks,
    )


def decision_errors(form: DecisionForm) -> dict[str, str]:
    errors = {}
    if form.outcome is None:
        errors[ids.DECISION_OUTCOME_BLOCK] = "Pick hire, no hire or hold."
    if form.level is None:
        errors[ids.DECISION_LEVEL_BLOCK] = "Pick the level."
    if len(form.reasons.strip()) > REASONS_MAX:
        errors[ids.DECISION_REASONS_BLOCK] = f"Keep the reasons to {REASONS_MAX:,} characters; your text is kept."
    return errors
