"""Which way a scorecard leans, and why, computed from what the interviewer ticked and rated.

The leaning is a reading aid for the debrief, not a verdict: it weighs the interviewer's own recommendation, the
average rating, red flags and seniority signals, and the guide's bar for senior candidates, and it always comes
with the reasons that moved it, strongest first.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict

from knowledge.guide import GUIDE
from knowledge.models import Role
from knowledge.rubric import HIGHEST_SCORE, LOWEST_SCORE, SENIOR_LEVELS, competency_name, item_label
from knowledge.scorecards import Recommendation, Scorecard

LEAN_THRESHOLD: Final = 1.0
MIDPOINT: Final = (LOWEST_SCORE + HIGHEST_SCORE) / 2
RATING_WEIGHT: Final = 2.0  # an average one point above the midpoint counts like two recommendation steps
LOWEST_SCORE_WEIGHT: Final = -1.0
RED_FLAG_WEIGHT: Final = -1.0
SIGNAL_WEIGHT: Final = 0.5
SENIOR_BAR_WEIGHT: Final = -1.0
SENIOR_BAR_SCORE: Final = 2  # at or below this on the competency the guide makes the senior bar
SENIOR_BAR: Final = {Role.AI_ENGINEER: "evaluation", Role.ML_ENGINEER: "training", Role.RESEARCH_ENGINEER: "training"}


class Leaning(StrEnum):
    NO_HIRE = "no-hire"
    MIXED = "mixed"
    HIRE = "hire"

    @property
    def label(self) -> str:
        return {"no-hire": "Leaning no hire", "mixed": "Mixed", "hire": "Leaning hire"}[self.value]


class Assessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    leaning: Leaning
    score: float
    reasons: tuple[str, ...]


def leaning_for(score: float) -> Leaning:
    if score >= LEAN_THRESHOLD:
        return Leaning.HIRE
    if score <= -LEAN_THRESHOLD:
        return Leaning.NO_HIRE
    return Leaning.MIXED


def _senior_bar(scorecard: Scorecard) -> str | None:
    """The guide's bar for a senior candidate, when this scorecard falls below it."""
    key = SENIOR_BAR[scorecard.role]
    score = scorecard.ratings.get(key)
    if scorecard.level not in SENIOR_LEVELS or score is None or score > SENIOR_BAR_SCORE:
        return None
    level = scorecard.level.adjective
    if scorecard.role is Role.AI_ENGINEER:
        return (
            f"{competency_name(key)} at {score} for a {level} candidate: the guide's bar for senior is explaining "
            "how they measure that an AI feature works"
        )
    expectation = GUIDE.band("ml-senior").profile.removeprefix("Should have ").rstrip(".")
    return f"{competency_name(key)} at {score} for a {level} candidate: the guide expects them to have {expectation}"


def assess(scorecard: Scorecard) -> Assessment:
    """The leaning of one scorecard and the reasons behind it."""
    weighted: list[tuple[float, str]] = []
    recommendation = scorecard.recommendation
    weighted.append((recommendation.weight, f"Recommends {recommendation.label.lower()}"))
    mean = scorecard.mean_rating
    if scorecard.ratings:
        weighted.append(((mean - MIDPOINT) * RATING_WEIGHT, f"Ratings average {mean:.1f} of {HIGHEST_SCORE}"))
    lowest = [key for key, score in scorecard.ratings.items() if score == LOWEST_SCORE]
    for key in lowest:
        weighted.append((LOWEST_SCORE_WEIGHT, f"Rated {LOWEST_SCORE} on {competency_name(key).lower()}"))
    for key in scorecard.red_flags:
        weighted.append((RED_FLAG_WEIGHT, f"Red flag: {item_label(key)}"))
    for key in scorecard.signals:
        weighted.append((SIGNAL_WEIGHT, f"Seniority signal: {item_label(key)}"))
    bar = _senior_bar(scorecard)
    if bar is not None:
        weighted.append((SENIOR_BAR_WEIGHT, bar))
    score = sum(weight for weight, _ in weighted)
    reasons = [reason for _, reason in sorted(weighted, key=lambda item: -abs(item[0]))]
    if scorecard.ratings and recommendation.weight > 0 and mean < MIDPOINT:
        reasons.append(f"Recommends {recommendation.label.lower()} though the ratings are below the middle")
    elif scorecard.ratings and recommendation.weight < 0 and mean > MIDPOINT:
        reasons.append(f"Recommends {recommendation.label.lower()} though the ratings are above the middle")
    return Assessment(leaning=leaning_for(score), score=round(score, 2), reasons=tuple(reasons))


def recommendation_split(scorecards: list[Scorecard]) -> dict[Recommendation, int]:
    """How many scorecards gave each recommendation, every recommendation listed, strong no first."""
    split = dict.fromkeys(Recommendation, 0)
    for scorecard in scorecards:
        split[scorecard.recommendation] += 1
    return split
