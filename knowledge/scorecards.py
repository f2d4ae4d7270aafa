"""Interview scorecards as typed data: the draft a form holds, its validation, and the stored scorecard.

Pure: nothing here knows about Slack or Redis. Validation messages are written for the interviewer and keyed
by form field (``candidate``, ``role``, ``rating:<competency>``, ``notes`` ...) so whatever shows the form can put
each one next to the field it is about.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Final

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from knowledge.models import Level, Role
from knowledge.rubric import (
    HIGHEST_SCORE,
    LOWEST_SCORE,
    SCORECARD_LEVELS,
    SCORECARD_ROLES,
    choice,
    competencies_for,
    competency,
    questions_for,
    red_flags_for,
    role_title,
    signals_for,
)

CANDIDATE_MAX: Final = 80
NOTES_MAX: Final = 3000
MARKUP: Final = re.compile(r"[<>*_~`|\\]|https?://|\bwww\.", re.IGNORECASE)


class Recommendation(StrEnum):
    STRONG_NO = "strong-no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong-yes"

    @property
    def label(self) -> str:
        return {"strong-no": "Strong no", "no": "No", "yes": "Yes", "strong-yes": "Strong yes"}[self.value]

    @property
    def weight(self) -> int:
        return {"strong-no": -2, "no": -1, "yes": 1, "strong-yes": 2}[self.value]


class InterviewType(StrEnum):
    SCREEN = "screen"
    TECHNICAL = "technical"
    PORTFOLIO = "portfolio"
    WORK_SAMPLE = "work-sample"
    FOUNDER = "founder"

    @property
    def label(self) -> str:
        return {
            "screen": "Screening call",
            "technical": "Technical deep dive",
            "portfolio": "Portfolio walkthrough",
            "work-sample": "Work sample review",
            "founder": "Founder conversation",
        }[self.value]


class ScorecardInvalid(ValueError):  # noqa: N818 (reads as the condition it reports)
    """The form has problems; ``errors`` maps each field to one message for the interviewer."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def rating_field(competency_key: str) -> str:
    return f"rating:{competency_key}"


def clean_candidate(name: str) -> str:
    """The name as shown: Unicode-normalised, whitespace collapsed. Raises ``ValueError`` with a message for people."""
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    if not any(char.isalnum() for char in cleaned):
        raise ValueError("Enter the candidate's name.")
    if len(cleaned) > CANDIDATE_MAX:
        raise ValueError(f"Keep the name to {CANDIDATE_MAX} characters (this one has {len(cleaned)}).")
    if MARKUP.search(cleaned) or any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise ValueError("Write the name as plain text, without links or formatting characters like < > * _ ~ `.")
    return cleaned


def candidate_key(name: str) -> str:
    """The same candidate however the name is typed: "Ada  Lovelace" and "ada lovelace" share one key."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def scorecard_id(key: str, interviewer: str, interview_type: InterviewType) -> str:
    """One scorecard per candidate, interviewer and interview: resubmitting replaces it. Interviewer ids and
    interview types hold no ``/``, so the id is unambiguous even when the name does."""
    return f"{key}/{interviewer}/{interview_type.value}"


def _required(message: str, choices: Iterable[StrEnum]) -> Any:
    """A choice that must be made, from ``choices``; the message says what to pick."""
    allowed = {str(choice) for choice in choices}

    def check(value: Any) -> Any:
        if value is None or value == "":
            raise ValueError(message)
        if str(value) not in allowed:
            raise ValueError(f"That isn't one of the choices. {message}")
        return value

    return BeforeValidator(check)


def _candidate(value: Any) -> str:
    return clean_candidate(str(value or ""))


def _notes(value: Any) -> str:
    text = str(value or "").strip()
    if len(text) > NOTES_MAX:
        raise ValueError(
            f"Notes can be up to {NOTES_MAX:,} characters; these have {len(text):,}. "
            "Trim them and submit again: your text is still here."
        )
    return text


class ScorecardForm(BaseModel):
    """The fields every scorecard has, whatever the role, validated with messages for the interviewer."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    candidate: Annotated[str, BeforeValidator(_candidate)]
    role: Annotated[Role, _required("Pick the role they're interviewing for.", SCORECARD_ROLES)]
    level: Annotated[Level, _required("Pick the level.", SCORECARD_LEVELS)]
    interview_type: Annotated[InterviewType, _required("Pick the interview.", InterviewType)]
    recommendation: Annotated[Recommendation, _required("Pick a recommendation.", Recommendation)]
    notes: Annotated[str, BeforeValidator(_notes)] = ""


class RoleSelections(BaseModel):
    """The answers that depend on the role: kept aside while another role is shown, so switching back restores them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ratings: dict[Annotated[str, Field(max_length=40)], Annotated[int, Field(ge=LOWEST_SCORE, le=HIGHEST_SCORE)]] = (
        Field(default_factory=dict, max_length=12)
    )
    red_flags: tuple[Annotated[str, Field(max_length=40)], ...] = Field(default=(), max_length=20)
    signals: tuple[Annotated[str, Field(max_length=40)], ...] = Field(default=(), max_length=20)
    questions: tuple[Annotated[str, Field(max_length=40)], ...] = Field(default=(), max_length=20)


class ScorecardDraft(BaseModel):
    """What a scorecard form holds, complete or not: the form is built from it and read back into it."""

    model_config = ConfigDict(frozen=True)

    candidate: str = ""
    role: Role | None = None
    level: Level | None = None
    interview_type: InterviewType | None = None
    ratings: dict[str, int] = Field(default_factory=dict)
    red_flags: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    recommendation: Recommendation | None = None
    notes: str = ""

    def selections(self) -> RoleSelections:
        """The role-dependent answers, only those the rubric knows (so they stay small and meaningful)."""
        return RoleSelections(
            ratings={
                k: v
                for k, v in self.ratings.items()
                if competency(k) is not None and LOWEST_SCORE <= v <= HIGHEST_SCORE
            },
            red_flags=tuple(k for k in self.red_flags if choice(k) is not None),
            signals=tuple(k for k in self.signals if choice(k) is not None),
            questions=tuple(k for k in self.questions if choice(k) is not None),
        )


class Scorecard(BaseModel):
    """One interviewer's saved scorecard for one interview with one candidate."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    candidate: str = Field(min_length=1, max_length=CANDIDATE_MAX)
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)
    role: Role
    level: Level
    interview_type: InterviewType
    ratings: dict[str, Annotated[int, Field(ge=LOWEST_SCORE, le=HIGHEST_SCORE)]]
    red_flags: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    recommendation: Recommendation
    notes: str = Field(default="", max_length=NOTES_MAX)
    interviewer: str = Field(min_length=1, max_length=64, pattern=r"^[^/]+$")
    submitted_at: AwareDatetime

    @property
    def id(self) -> str:
        return scorecard_id(self.candidate_key, self.interviewer, self.interview_type)

    @property
    def role_title(self) -> str:
        return role_title(self.role)

    @property
    def mean_rating(self) -> float:
        return sum(self.ratings.values()) / len(self.ratings) if self.ratings else 0.0

    def as_draft(self) -> ScorecardDraft:
        return ScorecardDraft(
            candidate=self.candidate,
            role=self.role,
            level=self.level,
            interview_type=self.interview_type,
            ratings=dict(self.ratings),
            red_flags=self.red_flags,
            signals=self.signals,
            questions=self.questions,
            recommendation=self.recommendation,
            notes=self.notes,
        )


def _message(error: Any) -> str:
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def validate_draft(draft: ScorecardDraft, *, interviewer: str, submitted_at: datetime) -> Scorecard:
    """The scorecard a complete draft makes; ``ScorecardInvalid`` lists every problem, one message per field.

    Ratings must cover exactly the role's competencies. Flags, signals and questions that don't belong to the
    role can't come from the form (it only shows the role's own), so they are dropped rather than reported.
    """
    errors: dict[str, str] = {}
    form: ScorecardForm | None = None
    try:
        form = ScorecardForm.model_validate(draft.model_dump(mode="json"))
    except ValidationError as invalid:
        for error in invalid.errors(include_url=False, include_input=False):
            field = str(error["loc"][0]) if error["loc"] else "candidate"
            errors.setdefault(field, _message(error))
    role = draft.role if draft.role in SCORECARD_ROLES else None
    ratings: dict[str, int] = {}
    if role is not None:
        for rubric in competencies_for(role):
            score = draft.ratings.get(rubric.key)
            if score is None:
                errors[rating_field(rubric.key)] = f"Rate {rubric.name.lower()} from {LOWEST_SCORE} to {HIGHEST_SCORE}."
            elif not LOWEST_SCORE <= score <= HIGHEST_SCORE:
                errors[rating_field(rubric.key)] = f"Pick a score from {LOWEST_SCORE} to {HIGHEST_SCORE}."
            else:
                ratings[rubric.key] = score
    if errors or form is None or role is None:
        raise ScorecardInvalid(errors or {"role": "Pick the role they're interviewing for."})
    return Scorecard(
        candidate=form.candidate,
        candidate_key=candidate_key(form.candidate),
        role=form.role,
        level=form.level,
        interview_type=form.interview_type,
        ratings=ratings,
        red_flags=_keep(draft.red_flags, {c.key for c in red_flags_for(role)}),
        signals=_keep(draft.signals, {c.key for c in signals_for(role)}),
        questions=_keep(draft.questions, {c.key for c in questions_for(role)}),
        recommendation=form.recommendation,
        notes=form.notes,
        interviewer=interviewer,
        submitted_at=submitted_at,
    )


def _keep(keys: tuple[str, ...], allowed: set[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for key in keys if key in allowed))


def carry_over(shown: ScorecardDraft, shown_role: Role | None, kept: RoleSelections) -> ScorecardDraft:
    """The draft after the role select changed: answers the form showed (for ``shown_role``) are taken as they
    are now, answers for other roles come back from ``kept``. Without ``shown_role`` (a form that showed no
    competencies, or whose metadata was lost) whatever the form holds is taken as it is."""
    if shown_role is None:
        visible_ratings, visible_flags = set(shown.ratings), set(shown.red_flags)
        visible_signals, visible_questions = set(shown.signals), set(shown.questions)
    else:
        visible_ratings = {c.key for c in competencies_for(shown_role)}
        visible_flags = {c.key for c in red_flags_for(shown_role)}
        visible_signals = {c.key for c in signals_for(shown_role)}
        visible_questions = {c.key for c in questions_for(shown_role)}

    def merged(now: tuple[str, ...], before: tuple[str, ...], visible: set[str]) -> tuple[str, ...]:
        return _keep((*before, *now), {k for k in (*before, *now) if (k in visible) == (k in now)})

    ratings = {k: v for k, v in kept.ratings.items() if k not in visible_ratings}
    ratings |= {k: v for k, v in shown.ratings.items() if k in visible_ratings}
    return shown.model_copy(
        update={
            "ratings": ratings,
            "red_flags": merged(shown.red_flags, kept.red_flags, visible_flags),
            "signals": merged(shown.signals, kept.signals, visible_signals),
            "questions": merged(shown.questions, kept.questions, visible_questions),
        }
    )
