"""Block Kit rendered for a terminal, so ``hirebot try`` shows roughly what Slack would."""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterable
from typing import Any

BOLD = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)_(?![\w_])")
EMOJI = re.compile(r":[a-z0-9_+-]+:")


class Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def bold(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.color else text

    def dim(self, text: str) -> str:
        return f"\033[2m{text}\033[0m" if self.color else text


def _plain(mrkdwn: str, style: Style) -> str:
    text = EMOJI.sub("", mrkdwn)
    text = BOLD.sub(lambda m: style.bold(m.group(1)), text)
    text = ITALIC.sub(lambda m: m.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        bullet = paragraph.startswith("\u2022 ")
        lines.extend(
            textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent + ("  " if bullet else ""))
            or [indent]
        )
    return lines


def _columns(cells: list[str], width: int, style: Style) -> list[str]:
    column = (width - 3) // 2
    out: list[str] = []
    for start in range(0, len(cells), 2):
        left = _wrap(_plain(cells[start], Style(False)), column)
        right = _wrap(_plain(cells[start + 1], Style(False)), column) if start + 1 < len(cells) else []
        for row in range(max(len(left), len(right))):
            a = left[row] if row < len(left) else ""
            b = right[row] if row < len(right) else ""
            out.append(f"{a:<{column}} | {b}".rstrip())
        out.append("")
    return out


def render_blocks(blocks: Iterable[dict[str, Any]], *, color: bool = False, width: int | None = None) -> str:
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 110)
    style = Style(color)
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = block["text"]["text"]
            out += [style.bold(title.upper()), "=" * min(len(title), width), ""]
        elif kind == "section":
            if "text" in block:
                out += [*_wrap(_plain(block["text"]["text"], style), width), ""]
            if block.get("fields"):
                out += _columns([f["text"] for f in block["fields"]], width, style)
        elif kind == "context":
            for element in block.get("elements", []):
                if "text" in element:
                    out += [style.dim(line) for line in _wrap(_plain(element["text"], Style(False)), width, "  ")]
            out.append("")
        elif kind == "divider":
            out += ["-" * width, ""]
        elif kind == "actions":
            buttons = [f"[ {e['text']['text']} ]" for e in block.get("elements", []) if e.get("type") == "button"]
            out += ["  ".join(buttons), ""]
    return "\n".join(out).rstrip() + "\n"
