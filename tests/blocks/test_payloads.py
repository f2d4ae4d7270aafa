"""One block-actions model for every button; a button that opens a modal needs its trigger."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from blocks.payloads import parse_block_actions

PRESS = {"user": {"id": "U0GRACE001"}, "actions": [{"action_id": "x", "value": "v"}]}


def test_a_press_reads_its_value_trigger_and_response_url() -> None:
    press = parse_block_actions({**PRESS, "trigger_id": "1.2.abc", "response_url": "https://hooks.slack.com/x"})
    assert (press.user.id, press.value, press.trigger_id) == ("U0GRACE001", "v", "1.2.abc")
    assert press.response_url == "https://hooks.slack.com/x"


def test_a_press_without_a_trigger_is_refused_only_where_a_modal_opens() -> None:
    assert parse_block_actions(PRESS).trigger_id is None
    with pytest.raises(ValidationError):
        parse_block_actions(PRESS, require_trigger=True)


@pytest.mark.parametrize("user", ["bob", "C0123456789", ""])
def test_a_press_by_no_one_we_know_is_refused(user: str) -> None:
    with pytest.raises(ValidationError):
        parse_block_actions({**PRESS, "user": {"id": user}})
