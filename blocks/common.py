"""Small Block Kit pieces every card uses: escaping, text splitting, headers, sources and the share button.

Everything here is pure: functions take data and return slack_sdk model objects, whose ``to_dict()``
enforces Slack's limits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from blocks import ids
from blocks.rendering import rendered
from knowledge.models import Section

SECTION_TEXT_LIMIT = 3000
FIELD_TEXT_LIMIT = 2000
HEADER_TEXT_LIMIT = 150
MESSAGE_BLOCK_LIMIT = 50
BUTTON_VALUE_LIMIT = 2000
NOTIFICATION_TEXT_LIMIT = 3000


def escape(text: str) -> str:
    """User or model text made inert for mrkdwn: no ``<!channel>``, no ``<@U…>`` pings, no disguised links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def split_text(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` characters, broken at paragraph, then line, then word boundaries."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=clip(text, HEADER_TEXT_LIMIT), emoji=True))


def markdown(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT_LIMIT)), block_id=block_id)


def markdown_sections(text: str) -> list[SectionBlock]:
    return [markdown(piece) for piece in split_text(text)]


def fields(items: Sequence[str]) -> list[SectionBlock]:
    """Two-column sections, ten fields per section as Slack allows."""
    return [
        SectionBlock(
            fields=[MarkdownTextObject(text=clip(item, FIELD_TEXT_LIMIT)) for item in items[start : start + 10]]
        )
        for start in range(0, len(items), 10)
    ]


def context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text, SECTION_TEXT_LIMIT)) for text in texts[:10]])


def divider() -> DividerBlock:
    return DividerBlock()


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"\u2022 {line}" for line in lines)


def source_context(sections: Iterable[Section]) -> ContextBlock:
    names = "; ".join(f"_{section.value}_" for section in sections)
    return context(f":book: From the hiring guide: {names}")


def share_button(share_value: str) -> ButtonElement:
    """Posts the same card to the channel; the value is the /hire text that rebuilds it."""
    return ButtonElement(
        text=PlainTextObject(text="Share in channel", emoji=True),
        action_id=ids.SHARE_ACTION,
        value=clip(share_value, BUTTON_VALUE_LIMIT),
    )


def share_actions(share_value: str | None) -> list[Block]:
    if share_value is None:
        return []
    return [ActionsBlock(block_id=ids.SHARE_BLOCK, elements=[share_button(share_value)])]


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def notification_text(text: str) -> str:
    """The fallback ``text`` of a message: Slack parses it as mrkdwn too, so it is escaped like any user
    text (whether or not the caller already escaped it), with emphasis markers dropped."""
    for marker in ("*", "_", "`"):
        text = text.replace(marker, "")
    return escape(unescape(text))


class Card:
    """A message's blocks plus the plain-text fallback Slack shows in notifications and screen readers."""

    __slots__ = ("_dicts", "_responses", "blocks", "text")

    def __init__(self, blocks: Sequence[Block], text: str) -> None:
        self.blocks = list(blocks)
        self.text = clip(notification_text(text), NOTIFICATION_TEXT_LIMIT)
        self._dicts: list[dict[str, Any]] | None = None
        self._responses: dict[str, str] = {}

    def block_dicts(self) -> list[dict[str, Any]]:
        """The blocks as Slack receives them; raises ``SlackObjectFormationError`` if a limit is broken.

        Rendered (and validated) once, by ``blocks.rendering`` rather than slack_sdk's slower ``to_dict``: a card
        rendered per request made up a third of a ``/hire`` request's CPU (docs/benchmarks.md). A card's blocks
        are not changed after it is built; code that needs other blocks builds a new ``Card``.
        """
        if self._dicts is None:
            if len(self.blocks) > MESSAGE_BLOCK_LIMIT:
                raise ValueError(
                    f"a message holds at most {MESSAGE_BLOCK_LIMIT} blocks, this card has {len(self.blocks)}"
                )
            self._dicts = [rendered(block) for block in self.blocks]
        return self._dicts

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.block_dicts()}

    def response_json(self, response_type: str) -> str:
        """The card as a slash command's response body (``text``, ``response_type``, ``blocks``), serialised once.

        The guide's cards are built once and served to every ``/hire`` that asks for them, and serialising one
        per request was a tenth of a ``/hire``'s CPU (docs/benchmarks.md). Bolt's ``ack`` sends a string as
        the body as it is, marked ``application/json`` when it starts with ``{`` (``BoltResponse.__init__`` in
        slack_bolt/response/response.py); the JSON is what ``ack(text=..., response_type=..., blocks=...)``
        would have built, key for key."""
        found = self._responses.get(response_type)
        if found is None:
            body = {"text": self.text, "response_type": response_type, "blocks": self.block_dicts()}
            found = self._responses[response_type] = json.dumps(body)
        return found
