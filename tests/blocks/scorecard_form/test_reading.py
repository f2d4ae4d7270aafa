"""What Slack sends back about the scorecard form, parsed strictly where it matters and leniently where a person
typed something the form should answer with a message."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from blocks import ids
from blocks.messages import STILL_SWITCHING
from blocks.payloads import MAX_TYPED, parse_view_payload
from blocks.scorecard_form import (
    ScorecardMetadata,
    draft_from_state,
    errors_for,
    field_block,
    read_metadata,
)
from knowledge.models import Level, Role
from knowledge.scorecards import InterviewType, Recommendation, RoleSelections, ScorecardInvalid
from tests.fakes.payloads import view_submission_payload
from tests.scenarios.scorecard_steps import form_state


def test_the_state_reads_back_into_a_draft() -> None:
    draft = draft_from_state(
        parse_view_payload(
            view_submission_payload("hire_scorecard", form_state(red_flags=("buzzwords",), questions=("ai-rag",)))
        ).view.state.values
    )
    assert draft.candidate == "Ada Lovelace"
    assert (draft.role, draft.level, draft.interview_type) == (Role.AI_ENGINEER, Level.SENIOR, InterviewType.TECHNICAL)
    assert draft.ratings == {"prompt": 3, "product": 4, "evaluation": 2}
    assert (draft.red_flags, draft.signals, draft.questions) == (("buzzwords",), (), ("ai-rag",))
    assert draft.recommendation is Recommendation.YES


def test_values_that_are_not_choices_read_as_not_chosen() -> None:
    state = form_state(role="ceo", level="wizard", recommendation="maybe", ratings={"prompt": 9, "product": 12})
    draft = draft_from_state(parse_view_payload(view_submission_payload("hire_scorecard", state)).view.state.values)
    assert (draft.role, draft.level, draft.recommendation) == (None, None, None)
    assert draft.ratings == {"prompt": 9}  # out of range, but a single digit: validation says which field


def test_oversized_notes_still_reach_validation_but_a_flood_does_not() -> None:
    ok = view_submission_payload("hire_scorecard", form_state(notes="n" * 10_000))
    assert len(draft_from_state(parse_view_payload(ok).view.state.values).notes) == 10_000
    with pytest.raises(ValidationError):
        parse_view_payload(view_submission_payload("hire_scorecard", form_state(notes="n" * (MAX_TYPED + 1))))


def test_metadata_round_trips_and_damage_is_detected() -> None:
    metadata = ScorecardMetadata(
        reminder="ada/U1", shown_role=Role.ML_ENGINEER, kept=RoleSelections(ratings={"data": 2})
    )
    assert read_metadata(metadata.dump()) == (metadata, False)
    assert read_metadata("") == (ScorecardMetadata(), False)
    for damaged in ("{not json", '{"shown_role": "ceo"}', '{"kept": {"ratings": {"data": 7}}}', '{"extra": 1}', "[]"):
        assert read_metadata(damaged) == (ScorecardMetadata(), True)


def test_a_payload_without_a_user_is_refused() -> None:
    payload = view_submission_payload("hire_scorecard", form_state())
    payload["user"] = {"id": "not-a-user"}
    with pytest.raises(ValidationError):
        parse_view_payload(payload)


def test_each_message_goes_next_to_its_field() -> None:
    invalid = ScorecardInvalid({"candidate": "Enter the candidate's name.", "rating:prompt": "Rate it.", "x": "?"})
    shown = {ids.SCORECARD_CANDIDATE_BLOCK, field_block("rating:prompt"), ids.SCORECARD_NOTES_BLOCK}
    assert errors_for(invalid, shown) == {
        ids.SCORECARD_CANDIDATE_BLOCK: "Enter the candidate's name.",
        ids.SCORECARD_RATING_BLOCK_PREFIX + "prompt": "Rate it.",
        ids.SCORECARD_NOTES_BLOCK: "?",
    }


def test_a_field_the_view_does_not_show_yet_points_at_the_role() -> None:
    invalid = ScorecardInvalid({"rating:data": "Rate data pipelines from 1 to 4."})
    assert errors_for(invalid, {ids.SCORECARD_ROLE_BLOCK}) == {ids.SCORECARD_ROLE_BLOCK: STILL_SWITCHING}
