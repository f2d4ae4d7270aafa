"""A candidate's scorecards read together, and who may read them.

The blind rule lives here, once: an interviewer who hasn't submitted a scorecard for a candidate sees only who
has (``BlindDebrief`` / ``Submission``, which carry no ratings, flags, recommendations or notes); people listed as
hiring managers and interviewers who have submitted see everything (``Debrief`` / ``Scorecard``). Every surface
asks ``debrief_for`` or ``scorecard_for`` and renders what it gets, so none can show more than the rule allows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from statistics import fmean
from typing import Final

from pydantic import BaseModel, ConfigDict

from knowledge.leaning import Assessment, assess, leaning_for, recommendation_split
from knowledge.rubric import AI_COMPETENCIES, HIGHEST_SCORE, ML_COMPETENCIES, competency_name, item_label
from knowledge.scorecards import InterviewType, Recommendation, Scorecard, Submission

SHARED_FLAG_MIN: Final = 2
DISAGREEMENT_POINTS: Final = 2
SHARED_FLAG_WEIGHT: Final = -0.5


class CompetencyAverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    mean: float
    count: int


class RatingGiven(BaseModel):
    model_config = ConfigDict(frozen=True)

    interviewer: str
    interview_type: InterviewType
    score: int


class Disagreement(BaseModel):
    """A competency on which two scorecards are ``DISAGREEMENT_POINTS`` or more apart."""

    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    ratings: tuple[RatingGiven, ...]

    @property
    def spread(self) -> int:
        scores = [rating.score for rating in self.ratings]
        return max(scores) - min(scores)


class SharedFlag(BaseModel):
    """A red flag that ``SHARED_FLAG_MIN`` or more different interviewers ticked."""

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    interviewers: tuple[str, ...]


class BlindDebrief(BaseModel):
    """The debrief for someone who hasn't submitted: who has, and nothing of what they wrote."""

    model_config = ConfigDict(frozen=True)

    candidate: str
    candidate_key: str
    submissions: tuple[Submission, ...]


class Debrief(BaseModel):
    model_config = ConfigDict(frozen=True)

    candidate: str
    candidate_key: str
    scorecards: tuple[Scorecard, ...]
    averages: tuple[CompetencyAverage, ...]
    recommendations: dict[Recommendation, int]
    shared_flags: tuple[SharedFlag, ...]
    disagreements: tuple[Disagreement, ...]
    assessment: Assessment

    @property
    def submissions(self) -> tuple[Submission, ...]:
        return tuple(Submission.of(scorecard) for scorecard in self.scorecards)


def _order(scorecards: Sequence[Scorecard]) -> list[Scorecard]:
    return sorted(scorecards, key=lambda scorecard: scorecard.submitted_at)


def _averages(scorecards: Sequence[Scorecard]) -> tuple[CompetencyAverage, ...]:
    scores: dict[str, list[int]] = defaultdict(list)
    for scorecard in scorecards:
        for key, score in scorecard.ratings.items():
            scores[key].append(score)
    return tuple(
        CompetencyAverage(key=key, name=competency_name(key), mean=round(fmean(given), 2), count=len(given))
        for key, given in scores.items()
    )


def _shared_flags(scorecards: Sequence[Scorecard]) -> tuple[SharedFlag, ...]:
    seen_by: dict[str, list[str]] = defaultdict(list)
    for scorecard in scorecards:
        for key in scorecard.red_flags:
            if scorecard.interviewer not in seen_by[key]:
                seen_by[key].append(scorecard.interviewer)
    return tuple(
        SharedFlag(key=key, label=item_label(key), interviewers=tuple(interviewers))
        for key, interviewers in seen_by.items()
        if len(interviewers) >= SHARED_FLAG_MIN
    )


def _disagreements(scorecards: Sequence[Scorecard]) -> tuple[Disagreement, ...]:
    given: dict[str, list[RatingGiven]] = defaultdict(list)
    for scorecard in scorecards:
        for key, score in scorecard.ratings.items():
            given[key].append(
                RatingGiven(interviewer=scorecard.interviewer, interview_type=scorecard.interview_type, score=score)
            )
    found = [
        Disagreement(key=key, name=competency_name(key), ratings=tuple(sorted(ratings, key=lambda r: r.score)))
        for key, ratings in given.items()
        if len(ratings) > 1 and max(r.score for r in ratings) - min(r.score for r in ratings) >= DISAGREEMENT_POINTS
    ]
    return tuple(sorted(found, key=lambda disagreement: -disagreement.spread))


def _panel(
    scorecards: Sequence[Scorecard], shared: Sequence[SharedFlag], disagreements: Sequence[Disagreement]
) -> Assessment:
    score = fmean(assess(scorecard).score for scorecard in scorecards) + SHARED_FLAG_WEIGHT * len(shared)
    split = recommendation_split(list(scorecards))
    hire = split[Recommendation.YES] + split[Recommendation.STRONG_YES]
    reasons = [f"{hire} of {len(scorecards)} recommend hiring"]
    rated = [scorecard.mean_rating for scorecard in scorecards if scorecard.ratings]
    if rated:
        reasons.append(f"Ratings average {fmean(rated):.1f} of {HIGHEST_SCORE}")
    reasons += [f"Red flag seen by {len(flag.interviewers)} interviewers: {flag.label}" for flag in shared]
    reasons += [f"Interviewers are {d.spread} points apart on {d.name.lower()}" for d in disagreements]
    return Assessment(leaning=leaning_for(score), score=round(score, 2), reasons=tuple(reasons))


def build_debrief(scorecards: Sequence[Scorecard]) -> Debrief:
    """Everything the panel said about one candidate; ``scorecards`` must not be empty."""
    if not scorecards:
        raise ValueError("a debrief needs at least one scorecard")
    ordered = _order(scorecards)
    shared, disagreements = _shared_flags(ordered), _disagreements(ordered)
    return Debrief(
        candidate=ordered[-1].candidate,
        candidate_key=ordered[-1].candidate_key,
        scorecards=tuple(ordered),
        averages=_sorted_averages(_averages(ordered)),
        recommendations=recommendation_split(ordered),
        shared_flags=shared,
        disagreements=disagreements,
        assessment=_panel(ordered, shared, disagreements),
    )


def _sorted_averages(averages: tuple[CompetencyAverage, ...]) -> tuple[CompetencyAverage, ...]:
    """In rubric order (AI competencies, then ML), unknown keys last."""
    order = {rubric.key: index for index, rubric in enumerate((*AI_COMPETENCIES, *ML_COMPETENCIES))}
    return tuple(sorted(averages, key=lambda average: order.get(average.key, len(order))))


def may_see(viewer: str, scorecards: Sequence[Scorecard], hiring_managers: Collection[str]) -> bool:
    """The blind rule: hiring managers, and anyone who has submitted for this candidate, see everything."""
    return viewer in hiring_managers or any(scorecard.interviewer == viewer for scorecard in scorecards)


def debrief_for(
    viewer: str, scorecards: Sequence[Scorecard], hiring_managers: Collection[str]
) -> Debrief | BlindDebrief:
    """What ``viewer`` may see of a candidate's scorecards (all for one candidate, at least one)."""
    if may_see(viewer, scorecards, hiring_managers):
        return build_debrief(scorecards)
    ordered = _order(scorecards)
    return BlindDebrief(
        candidate=ordered[-1].candidate,
        candidate_key=ordered[-1].candidate_key,
        submissions=tuple(Submission.of(scorecard) for scorecard in ordered),
    )


def scorecard_for(
    viewer: str, scorecard: Scorecard, candidate_scorecards: Sequence[Scorecard], hiring_managers: Collection[str]
) -> Scorecard | Submission:
    """One scorecard as ``viewer`` may see it; ``candidate_scorecards`` are all of that candidate's."""
    if scorecard.interviewer == viewer or may_see(viewer, candidate_scorecards, hiring_managers):
        return scorecard
    return Submission.of(scorecard)
