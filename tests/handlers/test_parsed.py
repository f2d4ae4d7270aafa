"""``handlers.parsed``, the listener middleware every surface parses its payload with."""

from __future__ import annotations

import pytest

from blocks.payloads import parse_block_actions
from handlers import BOLT_ARGUMENTS, parsed


@pytest.mark.parametrize("name", sorted(BOLT_ARGUMENTS))
def test_a_name_bolt_fills_itself_is_refused(name: str) -> None:
    """Bolt passes its own value for these names, so a parsed payload stored under one would never arrive."""
    with pytest.raises(ValueError, match="Bolt fills itself"):
        parsed(name, parse_block_actions)


def test_bolt_arguments_match_what_bolt_injects() -> None:
    from slack_bolt.kwargs_injection.async_args import AsyncArgs

    injected = {name for name in AsyncArgs.__init__.__code__.co_varnames if not name.startswith("_")} - {"self"}
    assert injected - {"kwargs", "args"} <= BOLT_ARGUMENTS
