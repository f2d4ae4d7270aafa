"""Every card the app can produce fits Slack's limits, escapes user text, and the key cards match their
checked-in snapshots (``UPDATE_SNAPSHOTS=1 pytest tests/blocks`` rewrites them after a deliberate change)."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocks.common import escape, split_text
from blocks.guide_cards import CHOICES, recommendation_card
from blocks.help_card import help_card
from blocks.pay_cards import pay_card, pay_table_card
from bot.hire.registry import LISTED
from bot.hire.router import hire_reply, offline_context
from knowledge.engine import AnswerEngine
from knowledge.guide import GUIDE
from knowledge.pay import Location, PayCalculator, PayRequest, Place
from tests.blocks.validity import valid_card
from tests.fakes.block_checks import shown

SNAPSHOTS = Path(__file__).with_name("snapshots")
ENGINE = AnswerEngine()
CARDS = offline_context(ENGINE)
PLACES = [
    Location.us(),
    Location(place=Place.HIGH_COST, label="New York"),
    Location(place=Place.REMOTE_LOW_COST, label="remote from a lower-cost region"),
    Location(place=Place.REMOTE, label="remote"),
    Location(place=Place.OUTSIDE_US, label="London"),
]


@pytest.mark.parametrize(
    "text",
    [subcommand.example.removeprefix("/hire ") for subcommand in LISTED]
    + ["questions", "questions ml", "pay", "pay staff ml nyc", "pay london senior ai", "pay junior engineer remote"],
)
def test_every_subcommand_card_is_valid(text: str) -> None:
    reply = hire_reply(text, CARDS)
    assert reply.name == text.split()[0]
    valid_card(reply.card)


@pytest.mark.parametrize("choice", list(CHOICES))
def test_recommendation_cards_are_valid(choice: str) -> None:
    card = recommendation_card(choice, PayCalculator())  # type: ignore[arg-type]
    assert "$" in shown(valid_card(card)["blocks"])


@pytest.mark.parametrize(
    ("band", "place", "agentic"), list(itertools.product([b.key for b in GUIDE.bands], PLACES, [False, True]))
)
def test_pay_card_for_every_band_place_and_premium(band: str, place: Location, agentic: bool) -> None:
    calculator = PayCalculator()
    known = GUIDE.band(band)
    result = calculator.quote(PayRequest(role=known.role, level=known.level, location=place, agentic=agentic))
    payload = valid_card(pay_card([result], "pay x"))
    text = shown(payload["blocks"])
    if place.place is Place.OUTSIDE_US:
        assert "No band" in text
    else:
        assert result.range_text in text  # type: ignore[union-attr]


def test_pay_table_lists_every_band() -> None:
    text = shown(valid_card(pay_table_card(PayCalculator()))["blocks"])
    for band in GUIDE.bands:
        assert f"${band.low_k}K to ${band.high_k}K" in text


def test_a_very_long_answer_is_split_across_sections() -> None:
    long_text = ("word " * 2000).strip()
    pieces = split_text(long_text)
    assert all(len(piece) <= 3000 for piece in pieces)
    assert " ".join(pieces) == long_text


@given(st.text(max_size=5000))
@settings(max_examples=150, deadline=None)
def test_any_hire_text_yields_a_valid_card_without_live_markup(text: str) -> None:
    payload = valid_card(hire_reply(text, CARDS).card)
    rendered = shown(payload["blocks"]) + payload["text"]
    for forbidden in ("<!channel", "<!here", "<!everyone", "<http", "<@", "<#"):
        assert forbidden not in rendered


def test_escape_neutralises_slack_markup() -> None:
    assert escape("<!channel> & <https://x|y>") == "&lt;!channel&gt; &amp; &lt;https://x|y&gt;"


def test_help_card_suggestion_is_escaped() -> None:
    payload = valid_card(help_card(LISTED, suggestion="pay <!here>"))
    assert "<!here>" not in shown(payload["blocks"]) + payload["text"]


SNAPSHOT_COMMANDS = {
    "ai-vs-ml": "ai-vs-ml",
    "pay-senior-mle-sf": "pay senior mle sf",
    "pay-table": "pay",
    "questions-ai": "questions ai",
    "help": "help",
    "recommend-foundation": "recommend foundation",
}


@pytest.mark.parametrize("name", list(SNAPSHOT_COMMANDS))
def test_card_snapshots(name: str) -> None:
    payload = hire_reply(SNAPSHOT_COMMANDS[name], CARDS).card.payload()
    path = SNAPSHOTS / f"{name}.json"
    rendered = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(rendered)
    assert path.read_text() == rendered, f"card {name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
