"""Signed HTTP requests as Slack sends them to ``POST /slack/events``.

``sign_request`` computes Slack's v0 signature itself (``v0=HMAC-SHA256(secret, "v0:<ts>:<body>")``) instead of
calling ``SignatureVerifier.generate_signature``, so the self-tests that check it with
``SignatureVerifier.is_valid`` are a real cross-check. The ``*_body`` builders return the exact bytes Slack
posts; pair them with the matching ``Content-Type`` (``FORM_CONTENT_TYPE`` / ``JSON_CONTENT_TYPE``) or use
``signed_headers``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Final
from urllib.parse import urlencode

from tests.fakes.payloads import (
    DEFAULT_RESPONSE_URL,
    block_actions_payload,
    event_payload,
    slash_command_payload,
    view_submission_payload,
)
from tests.fakes.workspace import CHANNEL_ID, TEAM_ID, USER_ID, VERIFICATION_TOKEN

FORM_CONTENT_TYPE: Final = "application/x-www-form-urlencoded"
JSON_CONTENT_TYPE: Final = "application/json"

JsonDict = dict[str, Any]


def sign_request(signing_secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` for ``body`` (timestamp: now by default)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = b"v0:" + str(timestamp).encode() + b":" + body
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def signed_headers(signing_secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """``sign_request`` plus the ``Content-Type`` Slack uses for this kind of body."""
    content_type = JSON_CONTENT_TYPE if body.lstrip().startswith(b"{") else FORM_CONTENT_TYPE
    return {"Content-Type": content_type, **sign_request(signing_secret, body, timestamp)}


def form_body(fields: dict[str, str]) -> bytes:
    """Form-encodes like Slack: ``+`` for spaces, ``%2F`` for slashes."""
    return urlencode(fields).encode()


def interaction_body(payload: JsonDict) -> bytes:
    """An interaction payload the way Slack posts it: a single ``payload=<json>`` form field."""
    return form_body({"payload": json.dumps(payload, separators=(",", ":"))})


def json_body(payload: JsonDict) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def slash_command_body(
    text: str = "",
    command: str = "/hire",
    *,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    team_id: str = TEAM_ID,
    response_url: str = DEFAULT_RESPONSE_URL,
    trigger_id: str | None = None,
    **fields: Any,
) -> bytes:
    """A slash command exactly as Slack form-encodes it; ``fields`` go to ``payloads.slash_command_payload``."""
    return form_body(
        slash_command_payload(
            text,
            command=command,
            user_id=user_id,
            channel_id=channel_id,
            team_id=team_id,
            response_url=response_url,
            trigger_id=trigger_id,
            **fields,
        )
    )


def block_actions_body(
    action_id: str,
    value: str | None = None,
    *,
    response_url: str = DEFAULT_RESPONSE_URL,
    trigger_id: str | None = None,
    view: JsonDict | None = None,
    container: JsonDict | None = None,
    **fields: Any,
) -> bytes:
    """A ``block_actions`` interaction (``payload=`` form field); see ``payloads.block_actions_payload``."""
    return interaction_body(
        block_actions_payload(
            action_id,
            value,
            response_url=response_url,
            trigger_id=trigger_id,
            view=view,
            container=container,
            **fields,
        )
    )


def view_submission_body(callback_id: str, state_values: JsonDict, private_metadata: str = "", **fields: Any) -> bytes:
    """A ``view_submission`` interaction; see ``payloads.view_submission_payload``."""
    return interaction_body(view_submission_payload(callback_id, state_values, private_metadata, **fields))


def event_body(event: JsonDict, event_id: str | None = None, team_id: str = TEAM_ID, **fields: Any) -> bytes:
    """An Events API ``event_callback`` (JSON) around ``event``; see ``payloads.event_payload``."""
    return json_body(event_payload(event, event_id=event_id, team_id=team_id, **fields))


def url_verification_body(challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P") -> bytes:
    """The one-time handshake Slack sends when the Request URL is saved."""
    return json_body({"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"})
