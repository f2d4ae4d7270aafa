"""Finding the candidate a hiring manager typed: the exact name, or the one candidate whose name has those words.
A name that fits several asks which one; one that fits none says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from blocks.common import escape, unescape
from bot.store.scorecards import ScorecardRecords
from knowledge.identifiers import candidate_key, clean_candidate
from knowledge.outcomes import matching_candidates
from knowledge.scorecards import Scorecard

MAX_KNOWN = 10_000
MAX_CHOICES_SHOWN = 8
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Candidate:
    name: str
    key: str
    scorecards: list[Scorecard]


async def find_candidate(records: ScorecardRecords, typed: str, usage: str) -> Candidate | str:
    """The candidate ``typed`` names, with their scorecards; or what to tell the person (mrkdwn, escaped).
    Raises ``StoreUnavailable``."""
    try:
        name = clean_candidate(unescape(typed))
    except ValueError as problem:
        return f"{escape(str(problem))} {usage}"
    key = candidate_key(name)
    scorecards = await records.for_candidate(key)
    if scorecards:
        return Candidate(name=scorecards[0].candidate, key=key, scorecards=scorecards)
    known = [(e.candidate, e.candidate_key) for e in await records.recent_candidates(EPOCH, MAX_KNOWN)]
    matches = matching_candidates(name, known)
    if len(matches) == 1:
        found_key = matches[0][1]
        found = await records.for_candidate(found_key)
        if found:
            return Candidate(name=found[0].candidate, key=found_key, scorecards=found)
    if len(matches) > 1:
        names = ", ".join(f"*{escape(n)}*" for n, _ in matches[:MAX_CHOICES_SHOWN])
        return f"*{escape(name)}* could be {names}. Which one? Type the full name."
    return f"No scorecards for *{escape(name)}*, so there's nothing to go on yet."
