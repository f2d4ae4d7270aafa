"""Check before showing: the model's text is let out one sentence or line at a time, and each piece only after
its money figures pass the check (``knowledge.money.unchecked_figures``) against the figures this exchange was
handed. A failing piece is never let out; the exchange stops there."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from knowledge.money import unchecked_figures

PieceSink = Callable[[str], Awaitable[None]]
"""Receives each checked piece of the model's text, in order (the Slack stream, the terminal)."""

# A sentence ends at . ! or ? (with any closing quote or bracket) before whitespace; a line ends at a newline.
PIECE_END = re.compile(r"[.!?]+[\"')\]*_]*[ \t]+|\n+")


class InventedFigure(Exception):  # noqa: N818 (reads as what was found)
    def __init__(self, figures: list[str]) -> None:
        super().__init__(", ".join(figures))
        self.figures = figures


class CheckedText:
    """The model's text as it streams in; ``released`` is everything that passed and went to ``sink``."""

    def __init__(self, allowed: frozenset[int], sink: PieceSink | None = None) -> None:
        self.allowed: set[int] = set(allowed)
        self.sink = sink
        self.pending = ""
        self.released = ""
        self._needs_break = False  # text after a tool call starts on its own line

    def allow(self, figures: frozenset[int]) -> None:
        """Figures a tool of this exchange returned: later pieces may quote them."""
        self.allowed |= figures

    async def feed(self, delta: str) -> None:
        """Adds streamed text; every piece completed by it is checked and released. ``InventedFigure`` if one
        fails (nothing of it, or after it, is released)."""
        self.pending += delta
        while (end := PIECE_END.search(self.pending)) is not None:
            piece, self.pending = self.pending[: end.end()], self.pending[end.end() :]
            await self._release(piece)

    async def finish_round(self) -> None:
        """The model's turn ended well (its stop reason is known): the unfinished last piece is checked too."""
        piece, self.pending = self.pending, ""
        if piece.strip():
            await self._release(piece)
        self._needs_break = bool(self.released) and not self.released[-1].isspace()

    async def _release(self, piece: str) -> None:
        invented = unchecked_figures(piece, frozenset(self.allowed))
        if invented:
            self.pending = ""
            raise InventedFigure(invented)
        if self._needs_break:
            piece, self._needs_break = "\n" + piece, False
        self.released += piece
        if self.sink is not None:
            await self.sink(piece)

    @property
    def text(self) -> str:
        return self.released.strip()
