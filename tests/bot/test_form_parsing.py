"""The server decodes Slack's form bodies itself, in C; it must read exactly what ``parse_qsl`` reads."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from hypothesis import given
from hypothesis import strategies as st

from bot.server import parse_form


@given(st.dictionaries(st.text(max_size=20), st.text(max_size=200), max_size=6))
def test_any_encoded_form_reads_as_parse_qsl_reads_it(fields: dict[str, str]) -> None:
    body = urlencode(fields)
    assert parse_form(body) == dict(parse_qsl(body, keep_blank_values=True))


@given(st.text(alphabet=st.sampled_from("ab%=&+\\\\x0Fé4 zZ_\t\r\n3D"), max_size=60))
def test_any_body_at_all_reads_as_parse_qsl_reads_it(body: str) -> None:
    assert parse_form(body) == dict(parse_qsl(body, keep_blank_values=True))
