"""The offer: the modal that asks where the hire will live, whether they're a founding hire and whether to share,
the private offer card, and the card shared to the hiring channel (with the figures or without them)."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
)
from slack_sdk.models.views import View

from blocks import ids
from blocks.common import Card, bullets, context, escape, fields, header, markdown
from blocks.payloads import StateValues, state_value, typed_text
from blocks.scorecard_cards import mention
from knowledge.identifiers import CANDIDATE_MAX
from knowledge.offers import Offer
from knowledge.pay import NotCovered, PayQuote, with_article

TITLE: Final = "Offer"
LOCATION_MAX: Final = 80
FOUNDING: Final = "founding"


class ShareChoice(StrEnum):
    PRIVATE = "private"
    WITH_FIGURES = "with-figures"
    WITHOUT_FIGURES = "without-figures"

    @property
    def label(self) -> str:
        return {
            "private": "Keep it to me",
            "with-figures": "Share to the hiring channel, with the figures",
            "without-figures": "Share to the hiring channel, without the figures",
        }[self.value]


class OfferMetadata(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    candidate: str = Field(min_length=1, max_length=CANDIDATE_MAX)
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)

    def dump(self) -> str:
        return self.model_dump_json()


class OfferForm(BaseModel):
    model_config = ConfigDict(frozen=True)

    location: str = ""
    founding: bool = False
    share: ShareChoice = ShareChoice.PRIVATE


def read_offer_metadata(raw: str) -> OfferMetadata | None:
    try:
        return OfferMetadata.model_validate_json(raw)
    except ValidationError:
        return None


def offer_from_state(values: StateValues) -> OfferForm:
    founding = state_value(values, ids.OFFER_FOUNDING_BLOCK, ids.OFFER_FOUNDING_ACTION)
    share = state_value(values, ids.OFFER_SHARE_BLOCK, ids.OFFER_SHARE_ACTION)
    share_value = share.selected_option.value if share and share.selected_option else ""
    return OfferForm(
        location=" ".join(typed_text(values, ids.OFFER_LOCATION_BLOCK, ids.OFFER_LOCATION_ACTION).split()),
        founding=bool(founding and any(o.value == FOUNDING for o in founding.selected_options)),
        share=ShareChoice(share_value) if share_value in set(ShareChoice) else ShareChoice.PRIVATE,
    )


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=PlainTextObject(text=text))


def offer_modal(metadata: OfferMetadata, *, title: str, default_location: str, channel: str | None) -> View:
    shares = [_option(choice.value, choice.label) for choice in ShareChoice]
    if channel is None:
        shares = shares[:1]
    blocks: list[Block] = [
        markdown(f"*{escape(metadata.candidate)}* \u00b7 {escape(title)}"),
        InputBlock(
            block_id=ids.OFFER_LOCATION_BLOCK,
            label=PlainTextObject(text="Where will they live?"),
            hint=PlainTextObject(text="A city or region, e.g. New York, Austin, remote from a lower-cost region."),
            element=PlainTextInputElement(
                action_id=ids.OFFER_LOCATION_ACTION,
                max_length=LOCATION_MAX,
                initial_value=default_location[:LOCATION_MAX] or None,
            ),
        ),
        InputBlock(
            block_id=ids.OFFER_FOUNDING_BLOCK,
            label=PlainTextObject(text="Founding hire"),
            optional=True,
            element=CheckboxesElement(
                action_id=ids.OFFER_FOUNDING_ACTION,
                options=[_option(FOUNDING, "This is a founding engineer (equity up to 5%)")],
            ),
        ),
        InputBlock(
            block_id=ids.OFFER_SHARE_BLOCK,
            label=PlainTextObject(text="Share"),
            element=RadioButtonsElement(action_id=ids.OFFER_SHARE_ACTION, options=shares, initial_option=shares[0]),
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.OFFER_VIEW,
        title=PlainTextObject(text=TITLE),
        submit=PlainTextObject(text="Draft offer"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=metadata.dump(),
        blocks=blocks,
    )


def _place(label: str) -> str:
    label = label.removeprefix("the ")
    return label[:1].upper() + label[1:]


def _pay_blocks(offer: Offer) -> list[Block]:
    pay = offer.pay
    if isinstance(pay, NotCovered):
        nearest = [f"*{q.band.title}* ({_place(q.location.label)})\n{q.range_text}" for q in pay.nearest]
        blocks: list[Block] = [markdown(f"*Pay:* {escape(pay.reason)} I won't invent a figure.")]
        if nearest:
            blocks += [markdown("*Nearest bands the guide does give:*"), *fields(nearest)]
        return blocks
    lines = [
        f"*Pay: {pay.range_text}* base + cash bonus a year \u00b7 {escape(_place(pay.location.label))}",
        *(escape(line) for line in offer.arithmetic),
    ]
    blocks = [markdown("\n".join(lines)), context("*Rules:* " + " \u2192 ".join(escape(r) for r in pay.rules))]
    if pay.notes:
        blocks.append(context(*(escape(note) for note in pay.notes)))
    return blocks


def _agentic_line(offer: Offer) -> str:
    if not offer.agentic_by:
        return "*Agentic premium:* not applied: no interviewer ticked \u201cshipped agentic systems\u201d."
    who = ", ".join(mention(user) for user in offer.agentic_by)
    if isinstance(offer.pay, PayQuote) and offer.pay.agentic_applied:
        return f"*Agentic premium:* applied, because {who} ticked \u201cshipped agentic systems\u201d."
    return (
        f"*Agentic premium:* not applied: {who} ticked \u201cshipped agentic systems\u201d, but the guide gives "
        "the premium only to senior AI engineers."
    )


def offer_card(offer: Offer) -> Card:
    """The private offer draft for the hiring manager."""
    equity = (
        bullets(escape(line) for line in offer.equity)
        if offer.equity
        else f"The guide gives no equity range for {with_article(offer.title)}; I won't invent one."
    )
    blocks: list[Block] = [
        header(f"Offer draft: {offer.candidate}"),
        markdown(offer.title[:1].upper() + offer.title[1:] + (" \u00b7 founding hire" if offer.founding else "")),
        *_pay_blocks(offer),
        markdown(_agentic_line(offer)),
        markdown(f"*Equity, on top of the band*\n{equity}"),
        markdown(f"*The alternative*\n{escape(offer.contractor)}"),
        context(":book: From the hiring guide's pay bands, equity and build vs hire vs contract plays."),
    ]
    pay = offer.pay.range_text if isinstance(offer.pay, PayQuote) else "no band in the guide"
    return Card(blocks, f"Offer draft for {offer.candidate}: {offer.title}, {pay}")


def shared_offer_card(offer: Offer, *, figures: bool) -> Card:
    """For the hiring channel: the whole draft, or only that there is one."""
    if figures:
        return offer_card(offer)
    blocks: list[Block] = [
        markdown(
            f":memo: {mention(offer.drafted_by)} drafted an offer for *{escape(offer.candidate)}*, "
            f"{offer.title}" + (", founding hire" if offer.founding else "") + ". The figures stay private."
        )
    ]
    return Card(blocks, f"Offer drafted for {offer.candidate}: {offer.title}")


def offer_view(offer: Offer, *, shared: str | None) -> View:
    """What the offer modal becomes: the private card, and where it is shared (mrkdwn, a channel link)."""
    blocks = list(offer_card(offer).blocks)
    if shared:
        blocks.append(context(shared))
    return View(
        type="modal",
        callback_id=ids.OFFER_DONE_VIEW,
        title=PlainTextObject(text=TITLE),
        close=PlainTextObject(text="Done"),
        blocks=blocks,
    )
