"""The /hire help card (every listed subcommand with an example, and a suggestion for a near miss), and what
``hirebot try`` shows for a subcommand that only works inside Slack."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from slack_sdk.models.blocks import Block

from blocks.common import Card, context, escape, header, markdown


class HelpEntry(Protocol):
    """A subcommand as the help card lists it (``bot.hire.registry.Subcommand``)."""

    @property
    def name(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def example(self) -> str: ...


def help_card(entries: Sequence[HelpEntry], suggestion: str | None = None, unknown: str | None = None) -> Card:
    blocks: list[Block] = [header("hirebot: hiring AI and ML engineers")]
    if suggestion is not None:
        blocks.append(markdown(f"Did you mean `/hire {escape(suggestion[:200])}`?"))
    elif unknown:
        blocks.append(markdown(f"I don't know `{escape(unknown[:40])}`. Here's what I can do:"))
    lines = [f"`{entry.example}`\n{entry.summary}" for entry in entries]
    blocks.append(markdown("\n\n".join(lines)))
    blocks.append(
        context("Replies are visible only to you until you press *Share in channel*. You can also DM me a question.")
    )
    text = (
        f"Did you mean /hire {suggestion[:200]}?"
        if suggestion
        else "hirebot commands: " + ", ".join(entry.name for entry in entries)
    )
    return Card(blocks, text)


def slack_only_card(name: str, what: str) -> Card:
    """What ``hirebot try`` shows for a subcommand that needs Slack (a form, the store, a DM)."""
    blocks: list[Block] = [
        header(f"/hire {name}"),
        markdown(f"In Slack, `/hire {name}` {what}"),
        context("This needs Slack: run it there. `hirebot try` only draws cards."),
    ]
    return Card(blocks, f"/hire {name} works in Slack")
