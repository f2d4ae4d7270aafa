"""Modals every surface uses: a placeholder opened at once, and a read-only one to show what was asked for."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block, PlainTextObject
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import clip, escape, markdown


def loading_modal(title: str, text: str) -> View:
    """Opened at once with a fresh ``trigger_id`` (it expires in 3 seconds), then replaced with ``views.update``."""
    return View(
        type="modal",
        callback_id=ids.LOADING_VIEW,
        title=PlainTextObject(text=clip(title, 24)),
        close=PlainTextObject(text="Close"),
        blocks=[markdown(f":hourglass_flowing_sand: {escape(text)}")],
    )


def message_modal(title: str, blocks: Sequence[Block], *, callback_id: str = ids.LOADING_VIEW) -> View:
    """A read-only modal: a saved scorecard, a debrief, an answer, or an explanation."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=PlainTextObject(text=clip(title, 24)),
        close=PlainTextObject(text="Done"),
        blocks=list(blocks)[:100],
    )
