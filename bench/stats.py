"""Percentiles and summaries of latency samples."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default ``linear`` method); NaN for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize(samples: Sequence[float], digits: int = 3) -> dict[str, Any]:
    """Count, mean, p50 / p95 / p99 and max of ``samples``, rounded."""
    if not samples:
        return {"count": 0, "mean": None, "p50": None, "p95": None, "p99": None, "max": None}
    return {
        "count": len(samples),
        "mean": round(sum(samples) / len(samples), digits),
        "p50": round(percentile(samples, 0.50), digits),
        "p95": round(percentile(samples, 0.95), digits),
        "p99": round(percentile(samples, 0.99), digits),
        "max": round(max(samples), digits),
    }
