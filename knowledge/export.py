"""The export schema (``docs/export.md``): scorecards, decisions and offers as flat, versioned records for an ATS.

Pure. JSON Lines carries one record per line, each with its ``schema`` and ``type``; the CSV has one row per
scorecard, with the candidate's decision and offer repeated on each of their rows. Columns are fixed by
``CSV_COLUMNS``: a new column is a new schema version, so an importer can rely on the header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from knowledge.offers import Offer
from knowledge.outcomes import Decision
from knowledge.pay import PayQuote
from knowledge.rubric import AI_COMPETENCIES, ML_COMPETENCIES
from knowledge.scorecards import Scorecard

SCHEMA_VERSION: Final = 1
SCHEMA: Final = f"hirebot.export/v{SCHEMA_VERSION}"
RATING_KEYS: Final = tuple(c.key for c in (*AI_COMPETENCIES, *ML_COMPETENCIES))
LIST_SEPARATOR: Final = ";"

CSV_COLUMNS: Final = (
    "schema",
    "candidate",
    "candidate_key",
    "interviewer",
    "interview_type",
    "role",
    "level",
    "submitted_at",
    "recommendation",
    *(f"rating_{key}" for key in RATING_KEYS),
    "red_flags",
    "signals",
    "questions",
    "notes",
    "decision",
    "decision_level",
    "decided_by",
    "decided_at",
    "decision_reasons",
    "offer_low_usd",
    "offer_high_usd",
    "offer_location",
    "offer_founding",
    "offer_drafted_at",
)


def scorecard_record(scorecard: Scorecard) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type": "scorecard",
        "candidate": scorecard.candidate,
        "candidate_key": scorecard.candidate_key,
        "interviewer": scorecard.interviewer,
        "interview_type": scorecard.interview_type.value,
        "role": scorecard.role.value,
        "level": scorecard.level.value,
        "submitted_at": scorecard.submitted_at.isoformat(),
        "recommendation": scorecard.recommendation.value,
        "ratings": dict(scorecard.ratings),
        "red_flags": list(scorecard.red_flags),
        "signals": list(scorecard.signals),
        "questions": list(scorecard.questions),
        "notes": scorecard.notes,
    }


def decision_record(decision: Decision) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type": "decision",
        "candidate": decision.candidate,
        "candidate_key": decision.candidate_key,
        "role": decision.role.value,
        "decision": decision.outcome.value,
        "level": decision.level.value,
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at.isoformat(),
        "reasons": decision.reasons,
    }


def _offer_range(offer: Offer) -> tuple[int | None, int | None]:
    if isinstance(offer.pay, PayQuote):
        return offer.pay.low_k * 1000, offer.pay.high_k * 1000
    return None, None


def offer_record(offer: Offer) -> dict[str, Any]:
    low, high = _offer_range(offer)
    return {
        "schema": SCHEMA,
        "type": "offer",
        "candidate": offer.candidate,
        "candidate_key": offer.candidate_key,
        "role": offer.role.value,
        "level": offer.level.value,
        "low_usd": low,
        "high_usd": high,
        "location": offer.pay.location.label if isinstance(offer.pay, PayQuote) else None,
        "founding": offer.founding,
        "equity": list(offer.equity),
        "drafted_by": offer.drafted_by,
        "drafted_at": offer.drafted_at.isoformat(),
    }


def jsonl_records(
    scorecards: Sequence[Scorecard], decisions: Iterable[Decision], offers: Iterable[Offer]
) -> list[dict[str, Any]]:
    """Scorecards (oldest first), then decisions, then offers."""
    records = [scorecard_record(s) for s in sorted(scorecards, key=lambda s: (s.submitted_at, s.id))]
    records += [decision_record(d) for d in sorted(decisions, key=lambda d: d.decided_at)]
    return records + [offer_record(o) for o in sorted(offers, key=lambda o: o.drafted_at)]


def csv_rows(
    scorecards: Sequence[Scorecard], decisions: Mapping[str, Decision], offers: Mapping[str, Offer]
) -> list[dict[str, str]]:
    """One row per scorecard, every column of ``CSV_COLUMNS`` present (empty when it doesn't apply)."""
    rows = []
    for scorecard in sorted(scorecards, key=lambda s: (s.submitted_at, s.id)):
        decision, offer = decisions.get(scorecard.candidate_key), offers.get(scorecard.candidate_key)
        row = dict.fromkeys(CSV_COLUMNS, "")
        record = scorecard_record(scorecard)
        for column in ("candidate", "candidate_key", "interviewer", "interview_type", "role", "level"):
            row[column] = str(record[column])
        row |= {"schema": SCHEMA, "submitted_at": record["submitted_at"], "recommendation": record["recommendation"]}
        for key, score in scorecard.ratings.items():
            if f"rating_{key}" in row:
                row[f"rating_{key}"] = str(score)
        for column in ("red_flags", "signals", "questions"):
            row[column] = LIST_SEPARATOR.join(record[column])
        row["notes"] = scorecard.notes
        if decision is not None:
            row |= {
                "decision": decision.outcome.value,
                "decision_level": decision.level.value,
                "decided_by": decision.decided_by,
                "decided_at": decision.decided_at.isoformat(),
                "decision_reasons": decision.reasons,
            }
        if offer is not None:
            low, high = _offer_range(offer)
            location = offer.pay.location.label if isinstance(offer.pay, PayQuote) else ""
            row |= {
                "offer_low_usd": "" if low is None else str(low),
                "offer_high_usd": "" if high is None else str(high),
                "offer_location": location,
                "offer_founding": "yes" if offer.founding else "no",
                "offer_drafted_at": offer.drafted_at.isoformat(),
            }
        rows.append(row)
    return rows
