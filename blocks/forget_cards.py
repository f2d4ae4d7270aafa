"""Forgetting a candidate: the confirmation modal listing what will be deleted, what it shows while deleting and
once done, and what posted summaries are changed to read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_sdk.models.blocks import Block, PlainTextObject
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import Card, bullets, context, escape, markdown
from knowledge.identifiers import CANDIDATE_MAX

TITLE: Final = "Forget candidate"
REMOVED: Final = "Removed at the hiring team's request."


class ForgetMetadata(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    candidate: str = Field(default="", max_length=CANDIDATE_MAX)
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)

    def dump(self) -> str:
        return self.model_dump_json()


def read_forget_metadata(raw: str) -> ForgetMetadata | None:
    try:
        return ForgetMetadata.model_validate_json(raw)
    except ValidationError:
        return None


def forget_modal(metadata: ForgetMetadata, what: Sequence[str], notice: str | None = None) -> View:
    """Asks to confirm, listing (as plain sentences, escaped here) everything that will be deleted."""
    blocks: list[Block] = []
    if notice:
        blocks.append(markdown(f":warning: {escape(notice)}", block_id=ids.FORGET_NOTICE_BLOCK))
    blocks += [
        markdown(f"Delete everything hirebot holds about *{escape(metadata.candidate or 'this candidate')}*:"),
        markdown(bullets(escape(line) for line in what)),
        context(
            "This can't be undone. The audit log keeps only who deleted which candidate and when, without the name."
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.FORGET_VIEW,
        title=PlainTextObject(text=TITLE),
        submit=PlainTextObject(text="Forget"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata.dump(),
        blocks=blocks,
    )


def forgetting_view() -> View:
    return View(
        type="modal",
        callback_id=ids.FORGET_DONE_VIEW,
        title=PlainTextObject(text=TITLE),
        close=PlainTextObject(text="Close"),
        blocks=[markdown(":hourglass_flowing_sand: Deleting…")],
    )


def forgotten_view(candidate: str, done: Sequence[str], problems: Sequence[str] = ()) -> View:
    lines = [f":wastebasket: Forgot *{escape(candidate or 'the candidate')}*."]
    blocks: list[Block] = [markdown("\n".join(lines))]
    if done:
        blocks.append(markdown(bullets(escape(line) for line in done)))
    if problems:
        blocks.append(context(*(f":warning: {escape(problem)}" for problem in problems)))
    return View(
        type="modal",
        callback_id=ids.FORGET_DONE_VIEW,
        title=PlainTextObject(text=TITLE),
        close=PlainTextObject(text="Done"),
        blocks=blocks,
    )


def removed_card() -> Card:
    """What a summary or offer card already posted reads once its candidate is forgotten."""
    return Card([markdown(f":wastebasket: _{REMOVED}_")], REMOVED)
