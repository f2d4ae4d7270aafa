"""The scorecard modal: built from the rubric for the draft's role, pre-filled from the draft, valid for Slack."""

from __future__ import annotations

from functools import partial

import pytest

from blocks import ids
from blocks.scorecard_form import field_block, scorecard_modal
from knowledge.models import Role
from knowledge.rubric import competencies_for, questions_for, red_flags_for
from knowledge.scorecards import NOTES_MAX, ScorecardDraft
from tests import factories
from tests.blocks.validity import valid_view
from tests.fakes.block_checks import shown

scorecard = partial(factories.scorecard, **factories.DETAILED)


@pytest.mark.parametrize("role", [None, Role.AI_ENGINEER, Role.ML_ENGINEER, Role.RESEARCH_ENGINEER])
def test_the_modal_shows_the_roles_rubric(role: Role | None) -> None:
    payload = valid_view(scorecard_modal(ScorecardDraft(role=role)))
    block_ids = [block.get("block_id") for block in payload["blocks"]]
    assert payload["callback_id"] == ids.SCORECARD_VIEW
    rating_blocks = [b for b in block_ids if b and b.startswith(ids.SCORECARD_RATING_BLOCK_PREFIX)]
    if role is None:
        assert rating_blocks == []
        assert "Pick a role" in shown(payload)
        return
    assert rating_blocks == [field_block(f"rating:{c.key}") for c in competencies_for(role)]
    text = shown(payload)
    for rubric in competencies_for(role):
        assert all(anchor in text for anchor in rubric.anchors)
    assert all(choice.label in text for choice in (*red_flags_for(role), *questions_for(role)))


def test_the_role_select_dispatches_and_the_notes_show_their_limit() -> None:
    payload = valid_view(scorecard_modal(ScorecardDraft()))
    blocks = {block.get("block_id"): block for block in payload["blocks"]}
    assert blocks[ids.SCORECARD_ROLE_BLOCK]["dispatch_action"] is True
    notes = blocks[ids.SCORECARD_NOTES_BLOCK]
    assert notes["element"]["max_length"] == NOTES_MAX and notes["element"]["multiline"] is True
    assert "3,000 characters" in notes["hint"]["text"]
    assert notes["optional"] is True
    assert blocks[ids.SCORECARD_CANDIDATE_BLOCK]["element"]["max_length"] == 80


def test_the_modal_is_prefilled_from_the_draft() -> None:
    draft = scorecard().as_draft()
    payload = valid_view(scorecard_modal(draft, private_metadata='{"shown_role":"ai"}'))
    blocks = {block.get("block_id"): block for block in payload["blocks"]}
    assert blocks[ids.SCORECARD_CANDIDATE_BLOCK]["element"]["initial_value"] == "Ada Lovelace"
    assert blocks[ids.SCORECARD_ROLE_BLOCK]["element"]["initial_option"]["value"] == "ai"
    assert blocks[field_block("rating:evaluation")]["element"]["initial_option"]["value"] == "2"
    assert [o["value"] for o in blocks[ids.SCORECARD_RED_FLAGS_BLOCK]["element"]["initial_options"]] == ["buzzwords"]
    assert blocks[ids.SCORECARD_RECOMMENDATION_BLOCK]["element"]["initial_option"]["value"] == "yes"
    assert payload["private_metadata"] == '{"shown_role":"ai"}'


def test_text_too_long_for_an_input_is_left_to_slack_rather_than_sent_back() -> None:
    payload = valid_view(scorecard_modal(ScorecardDraft(candidate="a" * 200, notes="n" * 10_000)))
    blocks = {block.get("block_id"): block for block in payload["blocks"]}
    assert "initial_value" not in blocks[ids.SCORECARD_CANDIDATE_BLOCK]["element"]
    assert "initial_value" not in blocks[ids.SCORECARD_NOTES_BLOCK]["element"]


def test_notices_are_escaped() -> None:
    payload = valid_view(scorecard_modal(ScorecardDraft(), notices=["Check <!channel> <@U1>"]))
    assert "<!channel>" not in shown(payload) and "&lt;!channel&gt;" in shown(payload)
