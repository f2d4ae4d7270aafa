"""Interviewer calibration: how each interviewer's scorecards compare with the panels they sat on. Pure.

For each interviewer, over the scorecards given (the caller picks the window):

- ``scorecards``: how many they submitted;
- per competency, their mean rating against the panel's mean for the same candidates (every scorecard, theirs
  included, for the candidates they scored);
- of their scorecards for candidates decided hire or no hire (a hold decides nothing), how many recommended what
  was decided (yes / strong yes for hire, no / strong no for no hire);
- how many they submitted late: after the reminder to fill them had fired.

Fewer than ``MIN_SCORECARDS`` scorecards is "not enough data": the figures are still computed, but not shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from statistics import fmean
from typing import Final

from pydantic import BaseModel, ConfigDict

from knowledge.outcomes import Decision, Outcome
from knowledge.rubric import AI_COMPETENCIES, ML_COMPETENCIES, competency_name
from knowledge.scorecards import Recommendation, Scorecard

MIN_SCORECARDS: Final = 3
HIRE_RECOMMENDATIONS: Final = frozenset({Recommendation.YES, Recommendation.STRONG_YES})
ORDER: Final = {rubric.key: index for index, rubric in enumerate((*AI_COMPETENCIES, *ML_COMPETENCIES))}


class CompetencyComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    mine: float
    panel: float
    count: int

    @property
    def difference(self) -> float:
        return round(self.mine - self.panel, 2)


class InterviewerCalibration(BaseModel):
    model_config = ConfigDict(frozen=True)

    interviewer: str
    scorecards: int
    competencies: tuple[CompetencyComparison, ...]
    matched: int
    decided: int
    late: int

    @property
    def enough_data(self) -> bool:
        return self.scorecards >= MIN_SCORECARDS

    @property
    def match_share(self) -> float | None:
        return self.matched / self.decided if self.decided else None


def matches(recommendation: Recommendation, decision: Decision) -> bool | None:
    """Whether a recommendation agreed with the decision; None for a hold (it decides nothing)."""
    if decision.outcome is Outcome.HOLD:
        return None
    return (recommendation in HIRE_RECOMMENDATIONS) == (decision.outcome is Outcome.HIRE)


def _mean(values: Sequence[int]) -> float:
    return round(fmean(values), 2)


def calibrate(
    scorecards: Sequence[Scorecard],
    decisions: Mapping[str, Decision],
    late: Collection[tuple[str, str]] = (),
) -> list[InterviewerCalibration]:
    """One entry per interviewer, most scorecards first. ``late`` holds (candidate key, interviewer) pairs."""
    by_interviewer: dict[str, list[Scorecard]] = defaultdict(list)
    by_candidate: dict[str, list[Scorecard]] = defaultdict(list)
    for scorecard in scorecards:
        by_interviewer[scorecard.interviewer].append(scorecard)
        by_candidate[scorecard.candidate_key].append(scorecard)
    results = []
    for interviewer, mine in by_interviewer.items():
        panel = [s for key in dict.fromkeys(s.candidate_key for s in mine) for s in by_candidate[key]]
        comparisons = []
        for key in sorted({k for s in mine for k in s.ratings}, key=lambda k: ORDER.get(k, len(ORDER))):
            given = [s.ratings[key] for s in mine if key in s.ratings]
            everyone = [s.ratings[key] for s in panel if key in s.ratings]
            comparisons.append(
                CompetencyComparison(
                    key=key, name=competency_name(key), mine=_mean(given), panel=_mean(everyone), count=len(given)
                )
            )
        agreed = [
            matched
            for s in mine
            if (decision := decisions.get(s.candidate_key)) is not None
            and (matched := matches(s.recommendation, decision)) is not None
        ]
        results.append(
            InterviewerCalibration(
                interviewer=interviewer,
                scorecards=len(mine),
                competencies=tuple(comparisons),
                matched=sum(agreed),
                decided=len(agreed),
                late=sum(1 for s in mine if (s.candidate_key, interviewer) in late),
            )
        )
    return sorted(results, key=lambda result: (-result.scorecards, result.interviewer))
