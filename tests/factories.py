"""Scorecards and reminders for tests: valid by default, every field overridable by keyword."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Final

from knowledge.models import Level, Role
from knowledge.reminders import Reminder
from knowledge.scorecards import InterviewType, Recommendation, Scorecard

AT: Final = datetime(2026, 3, 3, 15, 30, tzinfo=UTC)
DETAILED: Final[dict[str, Any]] = {
    "red_flags": ("buzzwords",),
    "signals": ("evals-unprompted",),
    "questions": ("ai-eval-suite",),
    "notes": "notes-secret: built a real eval suite.",
}
"""What a filled-in scorecard adds to the factory's bare one: a flag, a signal, a question and notes."""


def scorecard(interviewer: str = "U0GRACE001", minutes: float = 0, *, at: datetime = AT, **fields: Any) -> Scorecard:
    """Ada Lovelace's senior AI engineer technical interview, submitted ``minutes`` after ``at``."""
    values: dict[str, Any] = {
        "candidate": "Ada Lovelace",
        "candidate_key": "ada lovelace",
        "role": Role.AI_ENGINEER,
        "level": Level.SENIOR,
        "interview_type": InterviewType.TECHNICAL,
        "ratings": {"prompt": 3, "product": 4, "evaluation": 2},
        "recommendation": Recommendation.YES,
        "interviewer": interviewer,
        "submitted_at": at + timedelta(minutes=minutes),
    }
    return Scorecard.model_validate(values | fields)


def reminder(
    interviewer: str = "U0GRACE001",
    requester: str = "U0HIRINGMGR",
    hours: float = 1,
    *,
    at: datetime = AT,
    **fields: Any,
) -> Reminder:
    """A reminder for Ada Lovelace's scorecard, set at ``at`` to fire ``hours`` later."""
    values: dict[str, Any] = {
        "candidate": "Ada Lovelace",
        "candidate_key": "ada lovelace",
        "interviewer": interviewer,
        "requester": requester,
        "remind_at": at + timedelta(hours=hours),
        "created_at": at,
        "delivery_channel": "D0000001",
        "delivery_id": "Q0000001",
    }
    return Reminder.model_validate(values | fields)
