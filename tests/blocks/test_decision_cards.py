"""The decision, offer, forget and calibration cards: valid for Slack, reading back what they were built from, and
snapshotted (``UPDATE_SNAPSHOTS=1`` rewrites the snapshots after a deliberate change)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from blocks import ids
from blocks.calibration_cards import calibration_card
from blocks.common import Card
from blocks.decision_cards import DecisionMetadata, decided_view, decision_from_state, decision_modal
from blocks.forget_cards import ForgetMetadata, forget_modal, removed_card
from blocks.offer_cards import OfferMetadata, ShareChoice, offer_card, offer_from_state, offer_modal, shared_offer_card
from blocks.payloads import ViewState
from knowledge.calibration import calibrate
from knowledge.models import Level, Role
from knowledge.offers import OfferChoices, draft_offer
from knowledge.outcomes import Decision, Outcome, panel_levels
from knowledge.pay import Location, PayCalculator, Place
from tests.blocks.validity import valid_card, valid_view
from tests.factories import scorecard

SNAPSHOTS = Path(__file__).with_name("snapshots")
AT = datetime(2026, 3, 4, 12, tzinfo=UTC)
PANEL = [scorecard("U0GRACE001", signals=("shipped-agentic",)), scorecard("U0KATHERIN", 5, level=Level.MID)]
ADA = DecisionMetadata(candidate="Ada Lovelace", candidate_key="ada lovelace", role=Role.AI_ENGINEER)


def decided(outcome: Outcome = Outcome.HIRE, level: Level = Level.SENIOR) -> Decision:
    return Decision(
        candidate="Ada Lovelace",
        candidate_key="ada lovelace",
        role=Role.AI_ENGINEER,
        outcome=outcome,
        level=level,
        reasons="Best <eval> answer this quarter",
        decided_by="U0HIRINGMGR",
        decided_at=AT,
    )


def offer(level: Level = Level.SENIOR, place: Place = Place.HIGH_COST, label: str = "New York") -> Any:
    choices = OfferChoices(location=Location(place=place, label=label))
    return draft_offer(
        decided(level=level), PANEL, choices, drafted_by="U0HIRINGMGR", drafted_at=AT, calculator=PayCalculator()
    )


SNAPSHOT_CARDS = {
    "decision-modal-split": lambda: decision_modal(ADA, panel_levels(PANEL)),
    "offer-ada-new-york": lambda: offer_card(offer()),
}


@pytest.mark.parametrize("name", list(SNAPSHOT_CARDS))
def test_decision_snapshots(name: str) -> None:
    built = SNAPSHOT_CARDS[name]()
    payload = valid_card(built) if isinstance(built, Card) else valid_view(built)
    rendered = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(rendered)
    assert path.read_text() == rendered, f"{name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended"


def test_every_card_is_valid_and_escapes_what_people_typed() -> None:
    for view in (
        decided_view(decided(), None),
        decided_view(decided(Outcome.HOLD), decided()),
        offer_modal(OfferMetadata(candidate="Ada", candidate_key="ada"), title="x", default_location="", channel=None),
        forget_modal(ForgetMetadata(candidate="Ada <b>", candidate_key="ada <b>"), ["2 <scorecards>"], notice="n"),
    ):
        blocks = json.dumps(valid_view(view)["blocks"])
        assert "<b>" not in blocks and "<eval>" not in blocks and "<scorecards>" not in blocks
    for card in (
        offer_card(offer(Level.MID, Place.OUTSIDE_US, "London")),
        shared_offer_card(offer(), figures=False),
        removed_card(),
        calibration_card(calibrate(PANEL * 2, {}), 90),
        calibration_card([], 90),
    ):
        valid_card(card)
    no_band = json.dumps(offer_card(offer(Level.MID, Place.OUTSIDE_US, "London")).payload())
    assert "no pay band for London" in no_band and "no equity range for a mid-level AI engineer" in no_band
    assert "$" not in json.dumps(shared_offer_card(offer(), figures=False).payload())


def test_the_forms_read_back_what_was_chosen() -> None:
    def pick(value: str) -> dict[str, Any]:
        return {"selected_option": {"value": value}}

    state = ViewState.model_validate(
        {
            "values": {
                ids.DECISION_OUTCOME_BLOCK: {ids.DECISION_OUTCOME_ACTION: pick("no-hire")},
                ids.DECISION_LEVEL_BLOCK: {ids.DECISION_LEVEL_ACTION: pick("principal")},  # not a choice
                ids.DECISION_REASONS_BLOCK: {ids.DECISION_REASONS_ACTION: {"value": "why"}},
                ids.OFFER_LOCATION_BLOCK: {ids.OFFER_LOCATION_ACTION: {"value": "  New   York "}},
                ids.OFFER_FOUNDING_BLOCK: {ids.OFFER_FOUNDING_ACTION: {"selected_options": [{"value": "founding"}]}},
                ids.OFFER_SHARE_BLOCK: {ids.OFFER_SHARE_ACTION: pick("tampered")},
            }
        }
    )
    form = decision_from_state(state.values)
    assert (form.outcome, form.level, form.reasons) == (Outcome.NO_HIRE, None, "why")
    chosen = offer_from_state(state.values)
    assert (chosen.location, chosen.founding, chosen.share) == ("New York", True, ShareChoice.PRIVATE)
