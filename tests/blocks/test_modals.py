"""Modals every surface uses."""

from __future__ import annotations

from blocks.common import markdown
from blocks.modals import loading_modal, message_modal
from tests.blocks.validity import valid_view


def test_loading_modal() -> None:
    valid_view(loading_modal("Interview scorecard that is too long", "Loading <x>"))


def test_message_modal_keeps_to_slacks_hundred_blocks() -> None:
    payload = valid_view(message_modal("A title longer than Slack allows", [markdown("x")] * 120))
    assert len(payload["blocks"]) == 100
