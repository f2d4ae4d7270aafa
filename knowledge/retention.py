"""How long candidate data is kept: the retention period counts from the decision, or from the last scorecard
when there is no decision. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from knowledge.outcomes import Decision
from knowledge.scorecards import Scorecard


def kept_since(scorecards: Sequence[Scorecard], decision: Decision | None) -> datetime | None:
    """When the retention clock started for a candidate; None when nothing is stored."""
    if decision is not None:
        return decision.decided_at
    return max((s.submitted_at for s in scorecards), default=None)


def expired(scorecards: Sequence[Scorecard], decision: Decision | None, *, now: datetime, keep: timedelta) -> bool:
    """Whether a candidate's data is older than the retention period and due to be deleted."""
    since = kept_since(scorecards, decision)
    return since is not None and since + keep <= now
