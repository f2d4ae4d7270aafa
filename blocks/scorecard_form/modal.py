"""The scorecard modal, built from the rubric (``knowledge.rubric``) and a draft of what it should hold.

The same builder makes the first view and every update: after a role change the handler rebuilds the view from
what was typed, and inputs that exist in both views keep their block_id and action_id, which is how Slack keeps
an input's value across ``views.update``. Competency blocks carry the competency in their block_id, so a new
role's competencies start empty (or with what was rated for that role before) instead of inheriting a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import clip, context, escape, markdown
from knowledge.identifiers import CANDIDATE_MAX
from knowledge.models import Level, Role
from knowledge.rubric import (
    SCORECARD_LEVELS,
    SCORECARD_ROLES,
    SCORES,
    CompetencyRubric,
    RubricItem,
    competencies_for,
    questions_for,
    red_flags_for,
    role_title,
    signals_for,
)
from knowledge.scorecards import NOTES_MAX, InterviewType, Recommendation, ScorecardDraft

TITLE: Final = "Interview scorecard"
HINT_LIMIT: Final = 2000
OPTION_TEXT_LIMIT: Final = 75


def rating_block(competency_key: str) -> str:
    return ids.SCORECARD_RATING_BLOCK_PREFIX + competency_key


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=PlainTextObject(text=clip(text, OPTION_TEXT_LIMIT), emoji=True))


def _select(action_id: str, placeholder: str, options: list[Option], selected: str | None) -> StaticSelectElement:
    initial = next((option for option in options if option.value == selected), None)
    return StaticSelectElement(
        action_id=action_id, placeholder=PlainTextObject(text=placeholder), options=options, initial_option=initial
    )


def _radio(action_id: str, options: list[Option], selected: str | None) -> RadioButtonsElement:
    initial = next((option for option in options if option.value == selected), None)
    return RadioButtonsElement(action_id=action_id, options=options, initial_option=initial)


def _checkboxes(choices: Sequence[RubricItem], ticked: Sequence[str]) -> CheckboxesElement:
    options = [_option(choice.key, choice.label) for choice in choices]
    initial = [option for option in options if option.value in ticked]
    return CheckboxesElement(
        action_id=ids.SCORECARD_CHECKBOXES_ACTION, options=options, initial_options=initial or None
    )


def role_options() -> list[Option]:
    return [_option(role.value, role_title(role)) for role in SCORECARD_ROLES]


def level_options() -> list[Option]:
    return [_option(level.value, level.adjective.capitalize()) for level in SCORECARD_LEVELS]


def interview_options() -> list[Option]:
    return [_option(kind.value, kind.label) for kind in InterviewType]


def recommendation_options() -> list[Option]:
    return [_option(recommendation.value, recommendation.label) for recommendation in Recommendation]


def score_options(rubric: CompetencyRubric) -> list[Option]:
    return [_option(str(score), f"{score} \u00b7 {rubric.anchor(score)}") for score in SCORES]


def _competency_block(rubric: CompetencyRubric, score: int | None) -> InputBlock:
    return InputBlock(
        block_id=rating_block(rubric.key),
        label=PlainTextObject(text=rubric.name),
        hint=PlainTextObject(text=clip(rubric.summary, HINT_LIMIT)),
        element=_radio(ids.SCORECARD_RATING_ACTION, score_options(rubric), None if score is None else str(score)),
    )


def _role_blocks(role: Role, draft: ScorecardDraft) -> list[Block]:
    blocks: list[Block] = [
        markdown(
            f"*Competencies for a {role_title(role).lower()}*\nRate each from 1 to 4; every score says what it "
            "looks like, in the guide's terms."
        )
    ]
    blocks += [_competency_block(rubric, draft.ratings.get(rubric.key)) for rubric in competencies_for(role)]
    for block_id, label, choices, ticked in (
        (ids.SCORECARD_RED_FLAGS_BLOCK, "Red flags you saw", red_flags_for(role), draft.red_flags),
        (ids.SCORECARD_SIGNALS_BLOCK, "Seniority signals you saw", signals_for(role), draft.signals),
        (ids.SCORECARD_QUESTIONS_BLOCK, "The guide's questions you asked", questions_for(role), draft.questions),
    ):
        blocks.append(
            InputBlock(
                block_id=block_id,
                label=PlainTextObject(text=label),
                element=_checkboxes(choices, ticked),
                optional=True,
            )
        )
    return blocks


def scorecard_modal(draft: ScorecardDraft, *, private_metadata: str = "", notices: Sequence[str] = ()) -> View:
    """The form for ``draft``: its role's competencies, flags, signals and questions, everything pre-filled.

    ``notices`` are plain sentences (escaped here) shown above the form.
    """
    blocks: list[Block] = []
    if notices:
        text = "\n".join(f":information_source: {escape(notice)}" for notice in notices)
        blocks.append(SectionBlock(block_id=ids.SCORECARD_NOTICE_BLOCK, text=MarkdownTextObject(text=clip(text, 3000))))
    blocks.append(
        InputBlock(
            block_id=ids.SCORECARD_CANDIDATE_BLOCK,
            label=PlainTextObject(text="Candidate"),
            element=PlainTextInputElement(
                action_id=ids.SCORECARD_CANDIDATE_ACTION,
                placeholder=PlainTextObject(text="Their full name, e.g. Ada Lovelace"),
                initial_value=draft.candidate if 0 < len(draft.candidate) <= CANDIDATE_MAX else None,
                max_length=CANDIDATE_MAX,
            ),
        )
    )
    blocks.append(
        InputBlock(
            block_id=ids.SCORECARD_ROLE_BLOCK,
            label=PlainTextObject(text="Role"),
            hint=PlainTextObject(text="Changing the role swaps the competencies below; what you've typed stays."),
            dispatch_action=True,
            element=_select(
                ids.SCORECARD_ROLE_ACTION,
                "Which role are they interviewing for?",
                role_options(),
                draft.role.value if draft.role else None,
            ),
        )
    )
    blocks.append(
        InputBlock(
            block_id=ids.SCORECARD_LEVEL_BLOCK,
            label=PlainTextObject(text="Level"),
            element=_select(
                ids.SCORECARD_LEVEL_ACTION,
                "The level you assessed them for",
                level_options(),
                draft.level.value if isinstance(draft.level, Level) else None,
            ),
        )
    )
    blocks.append(
        InputBlock(
            block_id=ids.SCORECARD_INTERVIEW_BLOCK,
            label=PlainTextObject(text="Interview"),
            element=_select(
                ids.SCORECARD_INTERVIEW_ACTION,
                "Which interview was this?",
                interview_options(),
                draft.interview_type.value if draft.interview_type else None,
            ),
        )
    )
    if draft.role is not None:
        blocks += _role_blocks(draft.role, draft)
    else:
        blocks.append(
            context("Pick a role to see its competencies, red flags, seniority signals and the guide's questions.")
        )
    blocks.append(
        InputBlock(
            block_id=ids.SCORECARD_RECOMMENDATION_BLOCK,
            label=PlainTextObject(text="Your recommendation"),
            element=_radio(
                ids.SCORECARD_RECOMMENDATION_ACTION,
                recommendation_options(),
                draft.recommendation.value if draft.recommendation else None,
            ),
        )
    )
    blocks.append(
        InputBlock(
            block_id=ids.SCORECARD_NOTES_BLOCK,
            label=PlainTextObject(text="Notes"),
            hint=PlainTextObject(
                text=f"Up to {NOTES_MAX:,} characters. What they said and did: the evidence behind your ratings."
            ),
            optional=True,
            element=PlainTextInputElement(
                action_id=ids.SCORECARD_NOTES_ACTION,
                multiline=True,
                max_length=NOTES_MAX,
                initial_value=draft.notes if 0 < len(draft.notes) <= NOTES_MAX else None,
            ),
        )
    )
    return View(
        type="modal",
        callback_id=ids.SCORECARD_VIEW,
        title=PlainTextObject(text=TITLE),
        submit=PlainTextObject(text="Save scorecard"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=private_metadata,
        blocks=blocks,
    )
