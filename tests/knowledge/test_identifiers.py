"""The identifiers every layer shares: one pattern each, used by settings, payloads and stored records."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from knowledge.identifiers import ChannelId, ChannelName, SlackUserId, candidate_key


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (SlackUserId, ["U0123456789", "W0123456", "U01"], ["bob", "C0123456789", "u0123", "U0", "U" + "1" * 31]),
        (ChannelId, ["C0123456789", "G01", "D0000001"], ["#hiring", "U0123456789", "C0"]),
        (ChannelName, ["#hiring", "#eng.hiring-2026"], ["hiring", "#Hiring", "#"]),
    ],
)
def test_each_identifier_has_one_shape(kind: object, good: list[str], bad: list[str]) -> None:
    adapter: TypeAdapter[str] = TypeAdapter(kind)
    assert [adapter.validate_python(value) for value in good] == good
    for value in bad:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_a_candidate_has_one_key_however_the_name_is_typed() -> None:
    assert candidate_key("ADA  lovelace") == candidate_key("Ada Lovelace") == "ada lovelace"
