"""What a hiring manager decides after a debrief, and what the panel's scorecards suggest before they do.

Pure: the decision as typed data (validated once, from the modal or from the store), the panel's consensus level
with the split behind it, which candidates a typed name may mean, and a candidate's pseudonymous reference for the
audit log (which must keep who did what to which candidate without keeping the name).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Annotated, Final

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from knowledge.identifiers import CANDIDATE_MAX, CandidateName, SlackUserId, candidate_key
from knowledge.models import Level, Role
from knowledge.rubric import SCORECARD_LEVELS, role_title
from knowledge.scorecards import Scorecard

REASONS_MAX: Final = 3000
REF_LENGTH: Final = 16


class Outcome(StrEnum):
    HIRE = "hire"
    NO_HIRE = "no-hire"
    HOLD = "hold"

    @property
    def label(self) -> str:
        return {"hire": "Hire", "no-hire": "No hire", "hold": "Hold"}[self.value]


def _reasons(value: object) -> str:
    text = str(value or "").strip()
    if len(text) > REASONS_MAX:
        raise ValueError(
            f"Reasons can be up to {REASONS_MAX:,} characters; these have {len(text):,}. Trim them: your text is kept."
        )
    return text


class Decision(BaseModel):
    """A hiring manager's decision on one candidate: the outcome, the level to hire at (for the role the panel
    interviewed for), the reasons, and who decided when. A new decision replaces the last one. A candidate with
    a decision is decided; one without is open (the debrief says which)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    candidate: CandidateName
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)
    role: Role
    outcome: Outcome
    level: Level
    reasons: Annotated[str, BeforeValidator(_reasons)] = ""
    decided_by: SlackUserId
    decided_at: AwareDatetime

    @property
    def summary(self) -> str:
        """ "hire at senior", "no hire", "hold"."""
        return f"hire at {self.level.value}" if self.outcome is Outcome.HIRE else self.outcome.label.lower()

    @property
    def role_title(self) -> str:
        return role_title(self.role)


class PanelLevels(BaseModel):
    """The levels the panel assessed: one vote per interviewer (their latest scorecard), and the consensus."""

    model_config = ConfigDict(frozen=True)

    consensus: Level
    votes: dict[Level, tuple[str, ...]]

    @property
    def split(self) -> bool:
        return len(self.votes) > 1

    def describe(self) -> str:
        """ "2 of 2 interviewers assessed senior" or "Split: senior 2 (<@U1>, <@U2>) · mid-level 1 (<@U3>)"."""
        total = sum(len(voters) for voters in self.votes.values())
        if not self.split:
            return f"{total} of {total} interviewer{'s' if total != 1 else ''} assessed {self.consensus.adjective}"
        parts = [
            f"{level.adjective} {len(voters)} ({', '.join(f'<@{voter}>' for voter in voters)})"
            for level, voters in sorted(self.votes.items(), key=lambda item: -item[0].rank)
        ]
        return "Split: " + " \u00b7 ".join(parts)


def _latest_per_interviewer(scorecards: Sequence[Scorecard]) -> list[Scorecard]:
    latest: dict[str, Scorecard] = {}
    for scorecard in sorted(scorecards, key=lambda s: s.submitted_at):
        latest[scorecard.interviewer] = scorecard
    return list(latest.values())


def panel_levels(scorecards: Sequence[Scorecard]) -> PanelLevels:
    """The most assessed level (a tie goes to the lower level: the cautious offer); ``scorecards`` not empty."""
    if not scorecards:
        raise ValueError("no scorecards to take a level from")
    votes: dict[Level, list[str]] = {}
    for scorecard in _latest_per_interviewer(scorecards):
        votes.setdefault(scorecard.level, []).append(scorecard.interviewer)
    consensus = max(votes, key=lambda level: (len(votes[level]), -level.rank))
    return PanelLevels(consensus=consensus, votes={level: tuple(voters) for level, voters in votes.items()})


def panel_role(scorecards: Sequence[Scorecard]) -> Role:
    """The role most scorecards were for (the latest one's on a tie); ``scorecards`` not empty."""
    ordered = sorted(scorecards, key=lambda s: s.submitted_at)
    counts = Counter(scorecard.role for scorecard in ordered)
    return max(reversed([s.role for s in ordered]), key=lambda role: counts[role])


def agentic_interviewers(scorecards: Sequence[Scorecard]) -> tuple[str, ...]:
    """Who ticked "shipped agentic systems to production", in the order they submitted."""
    ordered = sorted(scorecards, key=lambda s: s.submitted_at)
    return tuple(dict.fromkeys(s.interviewer for s in ordered if "shipped-agentic" in s.signals))


DECIDABLE_LEVELS: Final = SCORECARD_LEVELS


def matching_candidates(typed: str, known: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Which of the ``known`` (name, key) pairs ``typed`` means: the exact key if there is one, else every
    candidate whose name has all the typed words as whole words ("ada" → Ada Lovelace and Ada Byron)."""
    wanted = candidate_key(typed)
    pairs = list(dict.fromkeys(known))
    exact = [pair for pair in pairs if pair[1] == wanted]
    if exact:
        return exact[:1]
    words = wanted.split()
    return [pair for pair in pairs if words and all(word in pair[1].split() for word in words)]


def candidate_ref(key: str) -> str:
    """A stable pseudonym for a candidate key: what the audit log keeps instead of the name. Anyone who knows
    the name can find its entries (``hirebot audit --candidate``); the log alone doesn't say who it was."""
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:REF_LENGTH]
