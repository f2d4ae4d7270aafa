"""The scorecard form's wire format, owned in one place: the modal built from a draft (``modal``), and what Slack
sends back read into a draft, the hidden metadata, and validation messages keyed by block id (``reading``)."""

from blocks.scorecard_form.modal import rating_block, scorecard_modal
from blocks.scorecard_form.reading import (
    ScorecardMetadata,
    draft_from_state,
    errors_for,
    field_block,
    read_metadata,
)

__all__ = [
    "ScorecardMetadata",
    "draft_from_state",
    "errors_for",
    "field_block",
    "rating_block",
    "read_metadata",
    "scorecard_modal",
]
