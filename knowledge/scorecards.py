"""Interview scorecards as typed data: the draft a form holds, and the scorecard validated from it.

Pure: nothing here knows about Slack or Redis. A ``Scorecard`` is validated once, from a draft
(``Scorecard.from_draft``), by its own field validators: the rubric's rules apply there, and each problem comes
back as a message for the interviewer keyed by form field (``candidate``, ``role``, ``rating:<competency>``,
``notes`` ...) so whatever shows the form can put it next to the field it is about. A stored scorecard is read
back with the same type. ``Submission``, what anyone may know about a scorecard, is its public part.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Final, NamedTuple

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from knowledge.identifiers import CANDIDATE_MAX, CandidateName, SlackUserId, candidate_key, clean_candidate
from knowledge.models import Level, Role
from knowledge.rubric import (
    HIGHEST_SCORE,
    LOWEST_SCORE,
    SCORECARD_LEVELS,
    SCORECARD_ROLES,
    CompetencyRubric,
    competencies_for,
    competency,
    questions_for,
    red_flags_for,
    role_title,
    rubric_item,
    signals_for,
)

NOTES_MAX: Final = 3000
FROM_FORM: Final = "scorecard_from_form"  # validation context: the rubric's rules for a submitted form apply


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


def _notes(value: Any) -> str:
    text = str(value or "").strip()
    if len(text) > NOTES_MAX:
        raise ValueError(
            f"Notes can be up to {NOTES_MAX:,} characters; these have {len(text):,}. "
            "Trim them and submit again: your text is still here."
        )
    return text


class _Rating(NamedTuple):
    """A competency the role asks to rate, and the score the form gave it (if any)."""

    rubric: CompetencyRubric
    score: int | None


def _unwrap_rating(value: Any) -> Any:
    if isinstance(value, _Rating):
        if value.score is None:
            raise ValueError(f"Rate {value.rubric.name.lower()} from {LOWEST_SCORE} to {HIGHEST_SCORE}.")
        return value.score
    return value


def _in_range(score: int) -> int:
    if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
        raise ValueError(f"Pick a score from {LOWEST_SCORE} to {HIGHEST_SCORE}.")
    return score


Score = Annotated[int, AfterValidator(_in_range), BeforeValidator(_unwrap_rating)]
RoleChoice = Annotated[Role, _required("Pick the role they're interviewing for.", SCORECARD_ROLES)]
LevelChoice = Annotated[Level, _required("Pick the level.", SCORECARD_LEVELS)]
InterviewChoice = Annotated[InterviewType, _required("Pick the interview.", InterviewType)]
RecommendationChoice = Annotated[Recommendation, _required("Pick a recommendation.", Recommendation)]
Notes = Annotated[str, BeforeValidator(_notes)]


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
            red_flags=tuple(k for k in self.red_flags if rubric_item(k) is not None),
            signals=tuple(k for k in self.signals if rubric_item(k) is not None),
            questions=tuple(k for k in self.questions if rubric_item(k) is not None),
        )


class Submission(BaseModel):
    """All anyone may know about a scorecard: who submitted it, for which interview, and when. The blind rule
    (``knowledge.debrief``) shows only this to those who may not see the rest."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    candidate: CandidateName
    interviewer: SlackUserId
    interview_type: InterviewChoice
    submitted_at: AwareDatetime

    @classmethod
    def of(cls, scorecard: Submission) -> Submission:
        """Only the public part, as its own object: nothing of the rest travels with it."""
        return cls.model_validate(scorecard.model_dump(include=set(cls.model_fields)))


class Scorecard(Submission):
    """One interviewer's saved scorecard for one interview with one candidate."""

    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)
    role: RoleChoice
    level: LevelChoice
    ratings: dict[str, Score]
    red_flags: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    recommendation: RecommendationChoice
    notes: Notes = ""

    @model_validator(mode="before")
    @classmethod
    def _apply_the_rubric(cls, data: Any, info: ValidationInfo) -> Any:
        """From a form: ratings must cover exactly the role's competencies. Flags, signals and questions that
        don't belong to the role can't come from the form (it only shows the role's own), so they are dropped
        rather than reported. The candidate's key follows from the name."""
        if not (info.context or {}).get(FROM_FORM) or not isinstance(data, dict):
            return data
        data = dict(data)
        role = data.get("role")
        given: dict[str, int] = data.get("ratings") or {}
        if role in SCORECARD_ROLES:
            data["ratings"] = {rubric.key: _Rating(rubric, given.get(rubric.key)) for rubric in competencies_for(role)}
            for field, choices in (
                ("red_flags", red_flags_for),
                ("signals", signals_for),
                ("questions", questions_for),
            ):
                data[field] = _keep(data.get(field) or (), {c.key for c in choices(role)})
        else:
            data["ratings"] = {}
        try:
            data["candidate_key"] = candidate_key(clean_candidate(str(data.get("candidate") or "")))
        except ValueError:
            data.pop("candidate_key", None)  # the candidate's own message says what's wrong
        return data

    @classmethod
    def from_draft(cls, draft: ScorecardDraft, *, interviewer: str, submitted_at: datetime) -> Scorecard:
        """The scorecard a complete draft makes; ``ScorecardInvalid`` lists every problem, one message per field."""
        data = {**draft.model_dump(), "interviewer": interviewer, "submitted_at": submitted_at}
        try:
            return cls.model_validate(data, context={FROM_FORM: True})
        except ValidationError as invalid:
            raise ScorecardInvalid(_messages(invalid)) from invalid

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
        return ScorecardDraft.model_validate(self.model_dump(include=set(ScorecardDraft.model_fields)))


FORM_FIELDS: Final = ("candidate", "role", "level", "interview_type", "recommendation", "notes")


def _messages(invalid: ValidationError) -> dict[str, str]:
    """One message per form field, ratings last; a problem with anything the form doesn't hold is a bug and is
    raised as it is."""
    fields: dict[str, str] = {}
    ratings: dict[str, str] = {}
    for error in invalid.errors(include_url=False, include_input=False):
        loc = error["loc"]
        message = str(error["msg"]).removeprefix("Value error, ")
        if loc and loc[0] == "ratings" and len(loc) > 1:
            ratings.setdefault(rating_field(str(loc[1])), message)
        elif loc and loc[0] in FORM_FIELDS:
            fields.setdefault(str(loc[0]), message)
        elif not (loc and loc[0] == "candidate_key"):
            raise invalid
    return {field: fields[field] for field in FORM_FIELDS if field in fields} | ratings


def _keep(keys: Iterable[str], allowed: set[str]) -> tuple[str, ...]:
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
