"""The identifiers every layer shares, each written once as an ``Annotated`` type: Slack user and channel ids (as
payloads, settings and stored records hold them) and a candidate's name (as an interviewer types it).

Pure: patterns and text rules only, no Slack or Redis imports.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, StringConstraints

SLACK_USER_ID_PATTERN: Final = r"[UW][A-Z0-9]{2,30}"
CHANNEL_ID_PATTERN: Final = r"[CDG][A-Z0-9]{2,30}"
CHANNEL_NAME_PATTERN: Final = r"#[a-z0-9][a-z0-9._-]{0,79}"
CANDIDATE_MAX: Final = 80
MARKUP: Final = re.compile(r"[<>*_~`|\\]|https?://|\bwww\.", re.IGNORECASE)

SlackUserId = Annotated[str, StringConstraints(pattern=rf"^{SLACK_USER_ID_PATTERN}$")]
"""A Slack user id: ``U0123456789``, or ``W…`` on Enterprise Grid."""

ChannelId = Annotated[str, StringConstraints(pattern=rf"^{CHANNEL_ID_PATTERN}$")]
"""A channel, private channel or DM id: ``C…``, ``G…``, ``D…``."""

ChannelName = Annotated[str, StringConstraints(pattern=rf"^{CHANNEL_NAME_PATTERN}$")]
"""A channel by name, as people write it: ``#hiring``."""


def clean_candidate(name: str) -> str:
    """The name as shown: Unicode-normalised, whitespace collapsed. Raises ``ValueError`` with a message for people."""
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    if not any(char.isalnum() for char in cleaned):
        raise ValueError("Enter the candidate's name.")
    if len(cleaned) > CANDIDATE_MAX:
        raise ValueError(f"Keep the name to {CANDIDATE_MAX} characters (this one has {len(cleaned)}).")
    if MARKUP.search(cleaned) or any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise ValueError("Write the name as plain text, without links or formatting characters like < > * _ ~ `.")
    return cleaned


def candidate_key(name: str) -> str:
    """The same candidate however the name is typed: "Ada  Lovelace" and "ada lovelace" share one key."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _candidate(value: Any) -> str:
    return clean_candidate(str(value or ""))


CandidateName = Annotated[str, BeforeValidator(_candidate)]
"""A candidate's name, cleaned by ``clean_candidate``; a name it refuses fails with its message for people."""
