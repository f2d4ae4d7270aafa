"""Which ``/hire`` subcommands the scorecard service runs (the rest go to the card router)."""

from __future__ import annotations

import pytest

from bot.scorecards.service import SUBCOMMANDS, subcommand_of


@pytest.mark.parametrize(
    ("text", "subcommand"),
    [
        ("scorecard Ada Lovelace", "scorecard"),
        ("Scorecard", "scorecard"),
        ("debrief Ada", "debrief"),
        ("remind <@U0GRACE001> Ada in 45m", "remind"),
        ("pay senior mle sf", None),
        ("", None),
        ("   ", None),
    ],
)
def test_subcommand_of(text: str, subcommand: str | None) -> None:
    assert subcommand_of(text) == subcommand


def test_every_scorecard_subcommand_is_its_own_alias() -> None:
    assert {subcommand_of(name) for name in SUBCOMMANDS} == set(SUBCOMMANDS)
