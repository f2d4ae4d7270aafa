"""What the scorecard buttons carry in their ``value``: written here as compact JSON, read back by ``handlers``
with ``parse``, which raises ``ValidationError`` for anything tampered, truncated or over Slack's 2,000 characters.
"""

from __future__ import annotations

from typing import Final, Self

from pydantic import BaseModel, ConfigDict, Field

BUTTON_VALUE_LIMIT: Final = 2000


class ButtonValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def dump(self) -> str:
        value = self.model_dump_json(exclude_none=True)
        if len(value) > BUTTON_VALUE_LIMIT:
            raise ValueError(f"a button value holds at most {BUTTON_VALUE_LIMIT} characters")
        return value

    @classmethod
    def parse(cls, value: str) -> Self:
        """The value as this model; an over-long one is refused like any other malformed value."""
        return cls.model_validate_json(value if len(value) <= BUTTON_VALUE_LIMIT else "null")


class FillScorecard(ButtonValue):
    """Open the scorecard form, with the candidate filled in and the reminder (if any) it came from."""

    candidate: str = Field(default="", max_length=200)
    reminder: str | None = Field(default=None, max_length=300)


class ScorecardRef(ButtonValue):
    """One saved scorecard, by its id."""

    scorecard: str = Field(min_length=1, max_length=300)


class CandidateRef(ButtonValue):
    candidate: str = Field(min_length=1, max_length=200)


class ReminderRef(ButtonValue):
    reminder: str = Field(min_length=1, max_length=300)
