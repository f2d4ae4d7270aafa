"""An engine answer as a card, on every surface (``/hire ask``, ``/hire pay ...``, the App Home modal and the
conversational reply): the pay card when the calculator answered, otherwise the lead in bold, the body and
the sources. Rendered from the answer's fields; nothing is read back out of text."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from blocks.common import (
    MESSAGE_BLOCK_LIMIT,
    Card,
    divider,
    escape,
    markdown_sections,
    share_actions,
    source_context,
)
from blocks.pay_cards import pay_card, pay_math_card
from knowledge.query import Answer


def answer_sections(answer: Answer) -> list[Block]:
    """The lead in bold, then the body, split into as many sections as Slack's text limit needs."""
    lead, body = escape(answer.lead), escape("\n".join(answer.body))
    return list(markdown_sections(f"*{lead}*" + (f"\n{body}" if body else "")))


def _part_blocks(answer: Answer) -> list[Block]:
    """One question's answer: the pay card's blocks when the calculator answered it, else the text."""
    if answer.arithmetic:
        return pay_math_card(answer, None, cite=False).blocks
    if answer.quotes_pay:
        return pay_card(answer.figures, None, cite=False).blocks
    return answer_sections(answer)


def answer_card(answer: Answer, share_value: str | None = None, *, cite: bool = True) -> Card:
    """The one place that decides pay card or text card, for each question a message asked (several are shown
    one after another, divided, in the order asked). ``cite=False`` leaves the sources to the caller (the
    conversational reply puts them after its note)."""
    if answer.arithmetic and not answer.parts:
        return pay_math_card(answer, share_value, cite=cite)
    if answer.quotes_pay and not answer.parts:
        return pay_card(answer.figures, share_value, cite=cite)
    blocks: list[Block] = []
    for part in (answer, *answer.parts):
        blocks += [divider()] if blocks else []
        blocks += _part_blocks(part)
    tail: list[Block] = [source_context(answer.all_sources)] if cite and answer.all_sources else []
    tail += share_actions(share_value)
    return Card([*blocks[: MESSAGE_BLOCK_LIMIT - len(tail)], *tail], escape(answer.lead))
