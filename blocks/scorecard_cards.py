"""Scorecard cards: the full summary (for people the blind rule lets see it), the blind-safe card a channel gets,
the note someone gets instead of a scorecard they may not see yet, and the reminder DM.

Functions that show ratings take a ``Scorecard``; functions meant for everyone take a ``Submission``, which has
no ratings to leak. User text (names, notes) is escaped; dates use Slack's ``<!date>`` so each reader sees their
own time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, PlainTextObject

from blocks import ids
from blocks.common import Card, bullets, context, escape, fields, header, markdown, markdown_sections
from blocks.scorecard_values import FillScorecard, ScorecardRef
from knowledge.leaning import Assessment, Leaning
from knowledge.rubric import HIGHEST_SCORE, competency, item_label
from knowledge.scorecards import Scorecard, Submission

LEANING_EMOJI: Final = {
    Leaning.HIRE: ":large_green_circle:",
    Leaning.MIXED: ":large_yellow_circle:",
    Leaning.NO_HIRE: ":red_circle:",
}
MAX_REASONS: Final = 6


def slack_date(moment: datetime, style: str = "{date_short_pretty} at {time}") -> str:
    """A date Slack shows in the reader's own time zone, with a UTC fallback for old clients."""
    fallback = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{style}|{fallback}>"


def mention(user_id: str) -> str:
    return f"<@{escape(user_id)}>"


def dots(score: int) -> str:
    return "\u25cf" * score + "\u25cb" * (HIGHEST_SCORE - score)


def fill_button(candidate: str, reminder: str | None = None, text: str = "Fill scorecard") -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=text),
        action_id=ids.FILL_SCORECARD_ACTION,
        value=FillScorecard(candidate=candidate, reminder=reminder).dump(),
        style="primary",
    )


def rating_lines(scorecard: Scorecard) -> list[str]:
    lines = []
    for key, score in scorecard.ratings.items():
        rubric = competency(key)
        name = rubric.name if rubric else key
        anchor = f" _{rubric.anchor(score)}_" if rubric else ""
        lines.append(f"{name}: {dots(score)} *{score}*{anchor}")
    return lines


def leaning_text(assessment: Assessment) -> str:
    return f"{LEANING_EMOJI[assessment.leaning]} {assessment.leaning.label}"


def scorecard_blocks(scorecard: Scorecard, assessment: Assessment, *, replaced: bool = False) -> list[Block]:
    """Everything on one scorecard: the ratings with their anchors, what was ticked, the leaning and why, notes."""
    blocks: list[Block] = [header(f"Scorecard: {scorecard.candidate}")]
    blocks += fields(
        [
            f"*Role*\n{scorecard.role_title}",
            f"*Level*\n{scorecard.level.adjective.capitalize()}",
            f"*Interview*\n{scorecard.interview_type.label}",
            f"*Interviewer*\n{mention(scorecard.interviewer)}",
            f"*Recommendation*\n{scorecard.recommendation.label}",
            f"*Leaning*\n{leaning_text(assessment)}",
        ]
    )
    blocks.append(markdown("*Ratings*\n" + "\n".join(rating_lines(scorecard))))
    ticked = [
        ("Red flags", scorecard.red_flags),
        ("Seniority signals", scorecard.signals),
        ("The guide's questions asked", scorecard.questions),
    ]
    lines = [f"*{title}*\n{bullets(item_label(key) for key in keys)}" for title, keys in ticked if keys]
    if lines:
        blocks.append(markdown("\n\n".join(lines)))
    blocks.append(markdown(f"*Why it leans this way*\n{bullets(assessment.reasons[:MAX_REASONS])}"))
    if scorecard.notes:
        blocks += markdown_sections(f"*Notes*\n{escape(scorecard.notes)}")
    note = " \u00b7 replaces their earlier scorecard for this interview" if replaced else ""
    blocks.append(context(f"Submitted {slack_date(scorecard.submitted_at)}{note}"))
    return blocks


def summary_card(scorecard: Scorecard, assessment: Assessment, *, replaced: bool = False) -> Card:
    text = (
        f"Scorecard for {scorecard.candidate}: {scorecard.recommendation.label.lower()}, "
        f"{assessment.leaning.label.lower()}"
    )
    return Card(scorecard_blocks(scorecard, assessment, replaced=replaced), text)


def channel_summary_card(submission: Submission, scorecard_id: str, *, replaced: bool = False) -> Card:
    """The card a channel gets: who submitted for whom, nothing of what they wrote. Readers open the scorecard
    with a button, and see it only if the blind rule lets them."""
    verb = "updated" if replaced else "submitted"
    blocks: list[Block] = [
        markdown(
            f":memo: {mention(submission.interviewer)} {verb} their *{submission.interview_type.label.lower()}* "
            f"scorecard for *{escape(submission.candidate)}*."
        ),
        context(
            "Ratings stay hidden from interviewers until they've submitted their own for this candidate; hiring "
            f"managers see everything. {slack_date(submission.submitted_at)}"
        ),
        ActionsBlock(
            block_id=ids.SCORECARD_CARD_ACTIONS_BLOCK,
            elements=[
                ButtonElement(
                    text=PlainTextObject(text="Show scorecard"),
                    action_id=ids.SHOW_SCORECARD_ACTION,
                    value=ScorecardRef(scorecard=scorecard_id).dump(),
                ),
                fill_button(submission.candidate, text="Fill my scorecard"),
            ],
        ),
    ]
    return Card(blocks, f"New scorecard for {submission.candidate}")


def blind_scorecard_card(submission: Submission) -> Card:
    """Instead of a scorecard someone may not see yet: whose it is, and the way to see it."""
    blocks: list[Block] = [
        markdown(
            f":see_no_evil: You'll see {mention(submission.interviewer)}'s scorecard for "
            f"*{escape(submission.candidate)}* once you've submitted your own, so that theirs can't sway yours."
        ),
        ActionsBlock(elements=[fill_button(submission.candidate)]),
    ]
    return Card(blocks, f"Submit your scorecard for {submission.candidate} to see the others")


def reminder_card(requester: str, interviewer: str, candidate: str, reminder: str) -> Card:
    """The DM an interviewer gets at the time asked for, with the form one click away."""
    asked = "You asked me to remind you" if requester == interviewer else f"{mention(requester)} asked me to remind you"
    blocks: list[Block] = [
        markdown(
            f":alarm_clock: {asked} to fill your scorecard for *{escape(candidate)}*. It takes about a minute, "
            "and your notes are freshest now."
        ),
        ActionsBlock(elements=[fill_button(candidate, reminder)]),
    ]
    return Card(blocks, f"Time to fill your scorecard for {candidate}")


def unavailable_card(message: str) -> Card:
    return Card([markdown(f":warning: {escape(message)}")], message)
