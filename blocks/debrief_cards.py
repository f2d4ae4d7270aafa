"""The debrief: every scorecard for one candidate read together, or, for someone the blind rule keeps out, only
who has submitted. The builders take what ``knowledge.debrief.debrief_for`` decided the reader may see."""

from __future__ import annotations

from typing import Final

from slack_sdk.models.blocks import ActionsBlock, Block

from blocks.common import Card, bullets, clip, context, divider, escape, fields, header, markdown
from blocks.decision_cards import decision_blocks
from blocks.scorecard_cards import LEANING_EMOJI, dots, fill_button, leaning_text, mention, slack_date
from knowledge.debrief import BlindDebrief, Debrief
from knowledge.leaning import assess
from knowledge.outcomes import Decision
from knowledge.rubric import HIGHEST_SCORE, competency_name, item_label
from knowledge.scorecards import Recommendation, Submission

NOTES_PREVIEW: Final = 600
MAX_SCORECARDS_SHOWN: Final = {"message": 8, "modal": 20}
MAX_SUBMITTERS_SHOWN: Final = 20


def _split(debrief: Debrief) -> str:
    return " \u00b7 ".join(f"{rec.label} {debrief.recommendations.get(rec, 0)}" for rec in Recommendation)


def _submission_line(submission: Submission) -> str:
    return (
        f"{mention(submission.interviewer)}: {submission.interview_type.label.lower()}, "
        f"{slack_date(submission.submitted_at, '{date_short_pretty}')}"
    )


def _full(debrief: Debrief, surface: str, decision: Decision | None) -> list[Block]:
    blocks: list[Block] = [header(f"Debrief: {debrief.candidate}")]
    if decision is not None:
        blocks += decision_blocks(decision)
    else:
        blocks.append(
            context(
                f"Open: no decision yet. Hiring managers record one with `/hire decide {escape(debrief.candidate)}`."
            )
        )
    blocks += fields(
        [
            f"*Scorecards*\n{len(debrief.scorecards)}",
            f"*Panel leaning*\n{leaning_text(debrief.assessment)}",
            f"*Recommendations*\n{_split(debrief)}",
        ]
    )
    averages = [
        f"{average.name}: *{average.mean:.1f}* of {HIGHEST_SCORE} "
        f"({average.count} scorecard{'s' if average.count != 1 else ''})"
        for average in debrief.averages
    ]
    blocks.append(markdown("*Average per competency*\n" + ("\n".join(averages) or "No ratings yet.")))
    flags = [f"{flag.label}: {', '.join(mention(user) for user in flag.interviewers)}" for flag in debrief.shared_flags]
    blocks.append(
        markdown(
            "*Red flags two or more interviewers saw*\n"
            + (bullets(flags) if flags else "None: no red flag was ticked by two interviewers.")
        )
    )
    disagreements = [
        f"{d.name}: "
        + ", ".join(f"{mention(r.interviewer)} {r.score} ({r.interview_type.label.lower()})" for r in d.ratings)
        for d in debrief.disagreements
    ]
    blocks.append(
        markdown(
            "*Where interviewers disagree by 2 points or more*\n"
            + (bullets(disagreements) if disagreements else "Nowhere: every competency is within a point.")
        )
    )
    blocks.append(markdown(f"*Why the panel leans this way*\n{bullets(debrief.assessment.reasons)}"))
    shown = debrief.scorecards[-MAX_SCORECARDS_SHOWN[surface] :]
    blocks.append(divider())
    for scorecard in reversed(shown):
        assessment = assess(scorecard)
        ratings = ", ".join(f"{competency_name(key)} {dots(score)} {score}" for key, score in scorecard.ratings.items())
        lines = [
            f"*{mention(scorecard.interviewer)}* \u00b7 {scorecard.interview_type.label} \u00b7 "
            f"{scorecard.level.adjective} {scorecard.role_title.lower()} \u00b7 recommends "
            f"*{scorecard.recommendation.label.lower()}* \u00b7 {LEANING_EMOJI[assessment.leaning]}",
            ratings,
        ]
        if scorecard.red_flags:
            lines.append("Red flags: " + "; ".join(item_label(key) for key in scorecard.red_flags))
        if scorecard.signals:
            lines.append("Signals: " + "; ".join(item_label(key) for key in scorecard.signals))
        if scorecard.notes:
            lines.append(f">{escape(clip(scorecard.notes, NOTES_PREVIEW)).replace(chr(10), chr(10) + '>')}")
        blocks.append(markdown("\n".join(lines)))
    hidden = len(debrief.scorecards) - len(shown)
    if hidden:
        blocks.append(context(f"{hidden} earlier scorecard{'s' if hidden != 1 else ''} not shown here."))
    return blocks


def _blind(debrief: BlindDebrief) -> list[Block]:
    count = len(debrief.submissions)
    lines = [_submission_line(submission) for submission in debrief.submissions[-MAX_SUBMITTERS_SHOWN:]]
    return [
        header(f"Debrief: {debrief.candidate}"),
        markdown(f"*{count} scorecard{'s' if count != 1 else ''} so far, from*\n{bullets(lines)}"),
        markdown(
            f":see_no_evil: You haven't submitted a scorecard for *{escape(debrief.candidate)}*, so ratings, "
            "red flags, recommendations and notes stay hidden until you do. It keeps first impressions independent."
        ),
        ActionsBlock(elements=[fill_button(debrief.candidate)]),
    ]


def debrief_blocks(
    debrief: Debrief | BlindDebrief, *, surface: str = "message", decision: Decision | None = None
) -> list[Block]:
    """``surface`` is ``"message"`` (at most 50 blocks) or ``"modal"`` (at most 100). The decision, if there is
    one, shows only on a full debrief."""
    return _full(debrief, surface, decision) if isinstance(debrief, Debrief) else _blind(debrief)


def debrief_card(debrief: Debrief | BlindDebrief, *, decision: Decision | None = None) -> Card:
    if isinstance(debrief, Debrief):
        text = f"Debrief for {debrief.candidate}: {debrief.assessment.leaning.label.lower()}"
        if decision is not None:
            text += f", decided: {decision.summary}"
    else:
        text = f"Debrief for {debrief.candidate}: submit your scorecard to see the others"
    return Card(debrief_blocks(debrief, decision=decision), text)


def no_scorecards_card(candidate: str) -> Card:
    blocks: list[Block] = [
        markdown(f"No scorecards for *{escape(candidate)}* yet. Be the first:"),
        ActionsBlock(elements=[fill_button(candidate)]),
    ]
    return Card(blocks, f"No scorecards for {candidate} yet")
