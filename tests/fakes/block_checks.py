"""Checks a message's ``blocks`` or a ``view`` the way Slack does before accepting it.

Two independent passes, so a limit the installed slack_sdk models forget (or change) is still caught:

1. slack_sdk's own models: ``Block.parse`` / ``View(**view)`` then ``to_dict()``, which runs every
   ``JsonValidator`` down the tree and raises ``SlackObjectFormationError``.
2. A walk over the raw JSON for Slack's documented hard limits.

Each problem is one string in Slack's ``response_metadata.messages`` style:
``"[ERROR] <what> [json-pointer:/blocks/0/text/text]"``.
"""

from __future__ import annotations

from typing import Any, Final

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS: Final = 50
MAX_VIEW_BLOCKS: Final = 100
MAX_SECTION_TEXT: Final = 3000
MAX_SECTION_FIELD_TEXT: Final = 2000
MAX_SECTION_FIELDS: Final = 10
MAX_HEADER_TEXT: Final = 150
MAX_VIEW_TITLE: Final = 24
MAX_BUTTON_TEXT: Final = 75
MAX_BUTTON_VALUE: Final = 2000
MAX_PRIVATE_METADATA: Final = 3000
MAX_ID_LENGTH: Final = 255  # action_id, block_id, callback_id, external_id
VIEW_TYPES: Final = frozenset({"modal", "home"})


def _error(message: str, pointer: str) -> str:
    return f"[ERROR] {message} [json-pointer:{pointer}]"


def check_message_blocks(blocks: Any, pointer: str = "/blocks") -> list[str]:
    """Problems with a message's ``blocks`` (chat.postMessage, chat.update, a response_url post...)."""
    return _check_blocks(blocks, pointer, MAX_MESSAGE_BLOCKS)


def check_view(view: Any, pointer: str = "/view") -> list[str]:
    """Problems with a ``view`` sent to views.open / push / update / publish."""
    if not isinstance(view, dict):
        return [_error("must be an object", pointer)]
    errors: list[str] = []
    view_type = view.get("type")
    if view_type not in VIEW_TYPES:
        errors.append(_error(f"type must be one of {sorted(VIEW_TYPES)}", f"{pointer}/type"))
    title = view.get("title")
    if view_type == "modal" and not (isinstance(title, dict) and title.get("text")):
        errors.append(_error("a modal needs a plain_text title", f"{pointer}/title"))
    if isinstance(title, dict) and len(str(title.get("text", ""))) > MAX_VIEW_TITLE:
        errors.append(_error(f"must be at most {MAX_VIEW_TITLE} characters", f"{pointer}/title/text"))
    for key, limit in (
        ("private_metadata", MAX_PRIVATE_METADATA),
        ("callback_id", MAX_ID_LENGTH),
        ("external_id", MAX_ID_LENGTH),
    ):
        value = view.get(key)
        if isinstance(value, str) and len(value) > limit:
            errors.append(_error(f"must be at most {limit} characters", f"{pointer}/{key}"))
    blocks = view.get("blocks")
    if isinstance(blocks, list) and not blocks:
        errors.append(_error("a view needs at least 1 block", f"{pointer}/blocks"))
    errors.extend(_check_blocks(blocks, f"{pointer}/blocks", MAX_VIEW_BLOCKS))
    try:  # the view's own validators; its blocks were checked one by one above (with pointers), so a stand-in
        View(**{**view, "blocks": [{"type": "divider"}]}).to_dict()
    except Exception as exc:  # the models raise SlackObjectFormationError, TypeError, AttributeError...
        errors.append(_error(f"slack_sdk View: {exc}", pointer))
    return _unique(errors)


def _check_blocks(blocks: Any, pointer: str, max_blocks: int) -> list[str]:
    if not isinstance(blocks, list):
        return [_error("must be an array of blocks", pointer)]
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(_error(f"no more than {max_blocks} items allowed", pointer))
    for index, block in enumerate(blocks):
        block_pointer = f"{pointer}/{index}"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(_error("a block must be an object with a type", block_pointer))
            continue
        errors.extend(_check_model(block, block_pointer))
        _check_limits(block, block_pointer, errors)
    return _unique(errors)


def _check_model(block: dict[str, Any], pointer: str) -> list[str]:
    try:
        parsed = Block.parse(block)
        if parsed is None:
            return [_error(f"unsupported block type {block['type']!r}", f"{pointer}/type")]
        parsed.to_dict()
    except Exception as exc:
        return [_error(f"slack_sdk {block['type']} block: {exc}", pointer)]
    return []


def _text_of(node: Any) -> str | None:
    if isinstance(node, dict) and isinstance(node.get("text"), str):
        return str(node["text"])
    return None


def _check_limits(node: Any, pointer: str, errors: list[str]) -> None:
    """Slack's hard limits, checked on the raw JSON wherever the object appears in the tree."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _check_limits(item, f"{pointer}/{index}", errors)
        return
    if not isinstance(node, dict):
        return
    for key in ("action_id", "block_id"):
        value = node.get(key)
        if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
            errors.append(_error(f"must be at most {MAX_ID_LENGTH} characters", f"{pointer}/{key}"))
    kind = node.get("type")
    text = _text_of(node.get("text"))
    if kind == "section":
        if text is not None and len(text) > MAX_SECTION_TEXT:
            errors.append(_error(f"must be less than {MAX_SECTION_TEXT + 1} characters", f"{pointer}/text/text"))
        fields = node.get("fields")
        if isinstance(fields, list):
            if len(fields) > MAX_SECTION_FIELDS:
                errors.append(_error(f"no more than {MAX_SECTION_FIELDS} items allowed", f"{pointer}/fields"))
            for index, field in enumerate(fields):
                field_text = _text_of(field)
                if field_text is not None and len(field_text) > MAX_SECTION_FIELD_TEXT:
                    limit = MAX_SECTION_FIELD_TEXT + 1
                    errors.append(_error(f"must be less than {limit} characters", f"{pointer}/fields/{index}/text"))
    elif kind == "header" and text is not None and len(text) > MAX_HEADER_TEXT:
        errors.append(_error(f"must be less than {MAX_HEADER_TEXT + 1} characters", f"{pointer}/text/text"))
    elif kind == "button":
        if text is not None and len(text) > MAX_BUTTON_TEXT:
            errors.append(_error(f"must be less than {MAX_BUTTON_TEXT + 1} characters", f"{pointer}/text/text"))
        value = node.get("value")
        if isinstance(value, str) and len(value) > MAX_BUTTON_VALUE:
            errors.append(_error(f"must be less than {MAX_BUTTON_VALUE + 1} characters", f"{pointer}/value"))
    for key, child in node.items():
        if isinstance(child, dict | list):
            _check_limits(child, f"{pointer}/{key}", errors)


def _unique(errors: list[str]) -> list[str]:
    return list(dict.fromkeys(errors))


def shown(node: Any) -> str:
    """Every string Slack renders from a payload (``text`` fields), leaving out ids and button values."""
    if isinstance(node, dict):
        return "\n".join(
            value if key == "text" and isinstance(value, str) else shown(value) for key, value in node.items()
        )
    if isinstance(node, list):
        return "\n".join(shown(item) for item in node)
    return ""
