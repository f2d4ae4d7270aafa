"""The conformance corpus (``tests/slack_payloads/``): real payloads Slack sends, and how to deliver them the way
Slack does, over HTTP (signed) and over Socket Mode (in an envelope).

Each file holds one payload with its provenance (``source``: repository, path, commit and line, or a docs URL),
its licence, what was changed so it reaches hirebot (``changed``), how Slack delivers it (``kind``) and what
hirebot must do with it (``expect``). See ``tests/slack_payloads/README.md``.

Delivery changes nothing in the payload but what must differ per delivery: each send gets an ``event_id`` of its
own (the corpus reuses ``Ev111`` and the like, and a redelivery keeps its id), an ``envelope_id`` of its own,
and ``response_url`` points at the fake Slack, since hirebot posts to it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal
from uuid import uuid4

from tests.fakes.signing import form_body, interaction_body, json_body

CORPUS_DIR: Final = Path(__file__).resolve().parents[1] / "slack_payloads"
Kind = Literal[
    "events_api",
    "app_rate_limited",
    "slash_commands",
    "interactive",
    "url_verification",
    "ssl_check",
    "socket_envelope",
    "socket_message",
]
Expect = Literal[
    "answer", "greeting", "prompts", "home", "modal", "ack_reply", "respond", "view_ack", "nothing", "not_ours",
    "handshake", "reconnect",
]  # fmt: skip
KINDS: Final = frozenset(Kind.__args__)  # type: ignore[attr-defined]
EXPECTS: Final = frozenset(Expect.__args__)  # type: ignore[attr-defined]
HTTP_ONLY: Final = frozenset({"url_verification", "ssl_check"})
SOCKET_ONLY: Final = frozenset({"socket_message"})
JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Payload:
    name: str
    kind: Kind
    expect: Expect
    body: JsonDict
    source: JsonDict
    licence: str
    changed: list[str]

    @property
    def envelope_type(self) -> str:
        """The Socket Mode envelope ``type`` this payload travels in."""
        if self.kind == "socket_envelope":
            return str(self.body["type"])
        return {"slash_commands": "slash_commands", "interactive": "interactive"}.get(self.kind, "events_api")

    @property
    def inner(self) -> JsonDict:
        """What Slack posts over HTTP: the payload itself, or an envelope's ``payload``."""
        return dict(self.body["payload"]) if self.kind == "socket_envelope" else self.body

    @property
    def event(self) -> JsonDict:
        event = self.inner.get("event")
        return event if isinstance(event, dict) else {}


def load_corpus() -> list[Payload]:
    payloads = []
    for path in sorted(CORPUS_DIR.glob("*.json")):
        data = json.loads(path.read_text())
        payloads.append(
            Payload(
                name=path.stem,
                kind=data["kind"],
                expect=data["expect"],
                body=data["payload"],
                source=data["source"],
                licence=data["licence"],
                changed=data["changed"],
            )
        )
    return payloads


def delivered(payload: JsonDict, *, response_url: str, event_id: str | None) -> JsonDict:
    """A copy to send: every ``response_url`` pointed at the fake, and the ``event_id`` of this delivery."""
    copied = copy.deepcopy(payload)

    def point(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "response_url" and isinstance(item, str):
                    value[key] = response_url
                elif key == "response_urls" and isinstance(item, list):
                    for entry in item:
                        if isinstance(entry, dict) and "response_url" in entry:
                            entry["response_url"] = response_url
                else:
                    point(item)
        elif isinstance(value, list):
            for item in value:
                point(item)

    point(copied)
    if event_id is not None and "event_id" in copied:
        copied["event_id"] = event_id
    return copied


def http_body(kind: str, payload: JsonDict) -> bytes:
    """The bytes Slack posts for this kind: JSON for events, a form for commands, ``payload=`` for interactions."""
    if kind in ("slash_commands", "ssl_check"):
        return form_body({key: str(value) for key, value in payload.items()})
    if kind == "interactive" or (kind == "socket_envelope" and "event" not in payload and "command" not in payload):
        return interaction_body(payload)
    if kind == "socket_envelope" and "command" in payload:
        return form_body({key: str(value) for key, value in payload.items()})
    return json_body(payload)


def new_id(prefix: str) -> str:
    return f"{prefix}{uuid4().hex[:12].upper()}"
