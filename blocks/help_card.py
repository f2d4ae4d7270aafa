"""The /hire help card: every subcommand with an example, and a suggestion for a near miss."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from blocks.common import Card, context, escape, header, markdown

SUBCOMMANDS: tuple[tuple[str, str, str], ...] = (
    ("ai-vs-ml", "AI engineer or ML engineer? The two roles side by side, and which you need", "/hire ai-vs-ml"),
    ("pay", "Pay bands; add role, level and place for one band with its rule", "/hire pay senior mle sf"),
    ("equity", "Equity ranges for senior and founding hires", "/hire equity"),
    ("questions", "Interview questions that separate people who shipped", "/hire questions ai"),
    ("flags", "Portfolio red flags", "/hire flags"),
    ("signals", "Seniority signals", "/hire signals"),
    ("sourcing", "Where to find candidates, and how to reach them", "/hire sourcing"),
    ("plays", "Build it yourself, contract, or hire full time", "/hire plays"),
    ("scorecard", "Score an interview against the guide's rubric, in a form", "/hire scorecard Ada Lovelace"),
    ("debrief", "A candidate's scorecards together; blind until you've submitted yours", "/hire debrief Ada Lovelace"),
    ("remind", "Remind an interviewer to fill their scorecard", "/hire remind @grace Ada Lovelace in 45m"),
    ("ask", "Any question about hiring AI or ML engineers", "/hire ask who do we hire first if we wrap Claude?"),
    ("help", "This list", "/hire help"),
)


def help_card(suggestion: str | None = None, unknown: str | None = None) -> Card:
    blocks: list[Block] = [header("hirebot: hiring AI and ML engineers")]
    if suggestion is not None:
        blocks.append(markdown(f"Did you mean `/hire {escape(suggestion[:200])}`?"))
    elif unknown:
        blocks.append(markdown(f"I don't know `{escape(unknown[:40])}`. Here's what I can do:"))
    lines = [f"`{example}`\n{description}" for _, description, example in SUBCOMMANDS]
    blocks.append(markdown("\n\n".join(lines)))
    blocks.append(
        context("Replies are visible only to you until you press *Share in channel*. You can also DM me a question.")
    )
    text = (
        f"Did you mean /hire {suggestion[:200]}?"
        if suggestion
        else "hirebot commands: " + ", ".join(name for name, _, _ in SUBCOMMANDS)
    )
    return Card(blocks, text)
