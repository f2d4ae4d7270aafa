"""``/hire calibration``: each interviewer's ratings against the panels they sat on, for hiring managers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from slack_sdk.models.blocks import Block

from blocks.common import Card, context, header, markdown
from blocks.scorecard_cards import mention
from knowledge.calibration import MIN_SCORECARDS, InterviewerCalibration

MAX_INTERVIEWERS: Final = 40


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "\u2212")


def _interviewer(result: InterviewerCalibration) -> str:
    count = f"{result.scorecards} scorecard{'s' if result.scorecards != 1 else ''}"
    if not result.enough_data:
        return f"{mention(result.interviewer)} \u00b7 {count}: not enough data (fewer than {MIN_SCORECARDS})"
    share = (
        f"{result.match_share:.0%} of recommendations matched the decision ({result.matched} of {result.decided})"
        if result.match_share is not None
        else "no hire or no-hire decisions yet to compare with"
    )
    late = f"late {result.late} of {result.scorecards}"
    lines = [f"*{mention(result.interviewer)}* \u00b7 {count} \u00b7 {share} \u00b7 {late}"]
    lines += [f"{c.name}: *{c.mine:.1f}* vs panel {c.panel:.1f} ({_signed(c.difference)})" for c in result.competencies]
    return "\n".join(lines)


def calibration_card(results: Sequence[InterviewerCalibration], days: int) -> Card:
    blocks: list[Block] = [header(f"Interviewer calibration \u00b7 last {days} days")]
    if not results:
        blocks.append(markdown(f"No scorecards in the last {days} days."))
    blocks += [markdown(_interviewer(result)) for result in results[:MAX_INTERVIEWERS]]
    blocks.append(
        context(
            "Panel mean: every scorecard for the same candidates, theirs included. Late: submitted after the "
            "reminder fired. Holds aren't counted as decisions."
        )
    )
    return Card(blocks, f"Interviewer calibration, last {days} days")
