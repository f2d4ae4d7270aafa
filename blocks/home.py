"""The App Home tab, and the question modal it opens.

The home lists what the reader has to do (scorecards they've been asked for), what they've set in motion
(reminders), what they've written (recent scorecards) and the candidates being debriefed, each debrief as
``knowledge.debrief.debrief_for`` allowed this reader to see it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import clip, context, escape, header, markdown
from blocks.debrief_cards import MAX_SUBMITTERS_SHOWN
from blocks.decision_cards import decision_line
from blocks.modals import message_modal
from blocks.payloads import StateValues, typed_text
from blocks.scorecard_cards import LEANING_EMOJI, fill_button, mention, slack_date
from blocks.scorecard_values import CandidateRef, FillScorecard, ReminderRef, ScorecardRef
from knowledge.debrief import BlindDebrief, Debrief
from knowledge.outcomes import Decision
from knowledge.reminders import Reminder
from knowledge.scorecards import Recommendation, Scorecard

MAX_LISTED: Final = 8
QUESTION_MAX: Final = 500


def _row(text: str, button: ButtonElement | None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)), accessory=button)


def _button(text: str, action_id: str, value: str) -> ButtonElement:
    return ButtonElement(text=PlainTextObject(text=text), action_id=action_id, value=value)


def _asked_of_me(reminders: Sequence[Reminder]) -> list[Block]:
    blocks: list[Block] = [header("Scorecards you've been asked for")]
    for reminder in reminders[:MAX_LISTED]:
        asked_by = "you" if reminder.requester == reminder.interviewer else mention(reminder.requester)
        blocks.append(
            _row(
                f"*{escape(reminder.candidate)}* \u00b7 asked by {asked_by} \u00b7 reminder "
                f"{slack_date(reminder.remind_at)}",
                fill_button(reminder.candidate, reminder.id),
            )
        )
    if not reminders:
        blocks.append(context("Nothing pending."))
    return blocks


def _asked_by_me(reminders: Sequence[Reminder], now: datetime) -> list[Block]:
    blocks: list[Block] = [header("Reminders you've set")]
    for reminder in reminders[:MAX_LISTED]:
        if reminder.pending(now):
            when = f"reminder {slack_date(reminder.remind_at)}"
            button = _button("Cancel", ids.CANCEL_REMINDER_ACTION, ReminderRef(reminder=reminder.id).dump())
        else:
            when = f"reminded {slack_date(reminder.remind_at)}, scorecard not in yet"
            button = None
        blocks.append(_row(f"{mention(reminder.interviewer)} for *{escape(reminder.candidate)}* \u00b7 {when}", button))
    return blocks


def _recent(scorecards: Sequence[Scorecard]) -> list[Block]:
    blocks: list[Block] = [header("Your recent scorecards")]
    for scorecard in scorecards[:MAX_LISTED]:
        blocks.append(
            _row(
                f"*{escape(scorecard.candidate)}* \u00b7 {scorecard.interview_type.label.lower()} \u00b7 recommends "
                f"{scorecard.recommendation.label.lower()} \u00b7 {slack_date(scorecard.submitted_at)}",
                _button("Edit", ids.EDIT_SCORECARD_ACTION, ScorecardRef(scorecard=scorecard.id).dump()),
            )
        )
    if not scorecards:
        blocks.append(context("You haven't submitted a scorecard yet."))
    return blocks


def _debrief_row(debrief: Debrief | BlindDebrief, decision: Decision | None = None) -> SectionBlock:
    name = f"*{escape(debrief.candidate)}*"
    if isinstance(debrief, Debrief):
        count = len(debrief.scorecards)
        split = split_label(debrief.recommendations)
        text = (
            f"{name} \u00b7 {count} scorecard{'s' if count != 1 else ''} \u00b7 "
            f"{LEANING_EMOJI[debrief.assessment.leaning]} {debrief.assessment.leaning.label.lower()} \u00b7 {split}"
        )
        if decision is not None:
            text += f"\n{decision_line(decision)}"
        return _row(
            text, _button("Open debrief", ids.OPEN_DEBRIEF_ACTION, CandidateRef(candidate=debrief.candidate).dump())
        )
    submitters = ", ".join(mention(s.interviewer) for s in debrief.submissions[-MAX_SUBMITTERS_SHOWN:])
    text = f"{name} \u00b7 scorecards from {submitters} \u00b7 yours isn't in yet, so theirs stay hidden"
    return _row(text, fill_button(debrief.candidate))


def home_view(
    *,
    asked_of_me: Sequence[Reminder] = (),
    asked_by_me: Sequence[Reminder] = (),
    recent: Sequence[Scorecard] = (),
    debriefs: Sequence[Debrief | BlindDebrief] = (),
    decisions: Mapping[str, Decision] | None = None,
    now: datetime,
    notice: str | None = None,
    store_ok: bool = True,
) -> View:
    blocks: list[Block] = [
        header("hirebot"),
        markdown(
            "Hire AI and ML engineers with one guide: fill a scorecard right after an interview, read the "
            "debrief, or ask about pay, roles, interview questions and red flags."
        ),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=PlainTextObject(text="Fill a scorecard"),
                    action_id=ids.FILL_SCORECARD_ACTION,
                    value=FillScorecard().dump(),
                    style="primary",
                ),
                _button("Ask a question", ids.HOME_ASK_ACTION, "ask"),
                _button("Settings", ids.HOME_SETTINGS_ACTION, "settings"),
            ]
        ),
    ]
    if notice:
        blocks.append(context(f":information_source: {escape(notice)}"))
    if not store_ok:
        blocks.append(
            markdown(
                ":warning: Scorecards and reminders can't be shown right now: hirebot can't reach its database. "
                "Open this tab again in a minute."
            )
        )
        return View(type="home", blocks=blocks)
    blocks += _asked_of_me(asked_of_me)
    if asked_by_me:
        blocks += _asked_by_me(asked_by_me, now)
    blocks += _recent(recent)
    blocks.append(header("Open debriefs"))
    decided = decisions or {}
    blocks += [_debrief_row(debrief, decided.get(debrief.candidate_key)) for debrief in debriefs[:MAX_LISTED]]
    if not debriefs:
        blocks.append(context("No candidate has scorecards in the last 30 days."))
    blocks.append(
        context(
            "Debriefs are blind: you see other interviewers' ratings for a candidate once you've submitted yours. "
            "Hiring managers see everything."
        )
    )
    return View(type="home", blocks=blocks)


def question_modal() -> View:
    return View(
        type="modal",
        callback_id=ids.QUESTION_VIEW,
        title=PlainTextObject(text="Ask hirebot"),
        submit=PlainTextObject(text="Ask"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            InputBlock(
                block_id=ids.QUESTION_BLOCK,
                label=PlainTextObject(text="Your question"),
                hint=PlainTextObject(text="Pay, AI vs ML engineers, interview questions, red flags, sourcing, equity."),
                element=PlainTextInputElement(
                    action_id=ids.QUESTION_ACTION,
                    placeholder=PlainTextObject(text="e.g. What does a senior ML engineer cost in SF?"),
                    max_length=QUESTION_MAX,
                    focus_on_load=True,
                ),
            )
        ],
    )


def question_from_state(values: StateValues) -> str:
    return typed_text(values, ids.QUESTION_BLOCK, ids.QUESTION_ACTION)


def answer_modal(question: str, answer_blocks: Sequence[Block]) -> View:
    return message_modal("Ask hirebot", [context(f"You asked: {escape(clip(question, 300))}"), *answer_blocks])


def split_label(counts: dict[Recommendation, int]) -> str:
    return ", ".join(f"{rec.label.lower()} {n}" for rec, n in counts.items() if n)
