"""``/hire offer <candidate>`` (or "Draft offer" on a hire decision): the offer modal, then the private offer
card, shared to the hiring channel with or without its figures when the hiring manager chose to.

Every figure is the pay calculator's (``knowledge.offers``). A candidate with no decision, or a decision other than
hire, is refused with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.common import escape
from blocks.offer_cards import (
    OfferMetadata,
    ShareChoice,
    offer_from_state,
    offer_modal,
    offer_view,
    read_offer_metadata,
    shared_offer_card,
)
from blocks.payloads import ViewPayload
from bot.config import Settings
from bot.decisions.candidates import find_candidate
from bot.decisions.deciding import Deciding
from bot.scorecards.delivery import tell
from bot.store.audit import AuditAction
from bot.store.redis_store import StoreUnavailable
from bot.store.scorecards import SummaryPost
from bot.store.team_settings import TeamSettings
from knowledge.offers import Offer, OfferChoices, OfferRefused, draft_offer, offerable
from knowledge.outcomes import candidate_ref
from knowledge.pay import PayCalculator, request_title
from knowledge.understanding import parse

logger = logging.getLogger(__name__)

Reply = Callable[[str], Awaitable[None]]


@dataclass(frozen=True)
class Drafted:
    offer: Offer
    share: ShareChoice
    hiring_channel: str | None = None  # the workspace's, as its settings said when the offer was drafted


class Offering:
    def __init__(self, settings: Settings, deciding: Deciding, calculator: PayCalculator) -> None:
        self.settings = settings
        self.deciding = deciding
        self.calculator = calculator

    async def open(
        self, client: AsyncWebClient, reply: Reply, typed: str, *, user: str, trigger_id: str, push: bool = False
    ) -> None:
        """Refuse non-managers and candidates without a hire decision (saying why), else open the offer modal;
        ``push`` it onto the stack when asked from inside a modal, where ``views.open`` can't be used
        (https://docs.slack.dev/tools/bolt-python/concepts/updating-pushing-views)."""
        if not await self.deciding.is_manager(user):
            await reply(messages.MANAGERS_ONLY.format(what="draft offers"))
            return
        if not typed.strip():
            await reply(messages.OFFER_USAGE)
            return
        records = self.deciding.scorecard_records
        try:
            found = await find_candidate(records, typed, messages.OFFER_USAGE)
            if isinstance(found, str):
                await reply(found)
                return
            decision = offerable(await self.deciding.decision_records.get(found.key))
        except OfferRefused as refused:
            await reply(escape(str(refused)))
            return
        except StoreUnavailable:
            await reply(messages.STORE_DOWN)
            return
        metadata = OfferMetadata(candidate=found.name, candidate_key=found.key)
        team = await self._team()
        view = offer_modal(
            metadata,
            title=request_title(decision.role, decision.level),
            default_location=team.offer_location or self.settings.hirebot_offer_location,
            channel=team.hiring_channel,
        )
        if push:
            await client.views_push(trigger_id=trigger_id, view=view)
        else:
            await client.views_open(trigger_id=trigger_id, view=view)

    async def draft(self, payload: ViewPayload) -> Drafted | dict[str, str]:
        """The drafted (and saved) offer, or errors by block id for the modal. Never raises."""
        try:
            return await self._draft(payload)
        except StoreUnavailable as error:
            logger.warning("Offer not drafted, the modal stays open: %s", error)
            return {ids.OFFER_LOCATION_BLOCK: messages.OFFER_NOT_SAVED}
        except Exception:
            logger.exception("Drafting an offer failed")
            return {ids.OFFER_LOCATION_BLOCK: messages.SORRY}

    async def _draft(self, payload: ViewPayload) -> Drafted | dict[str, str]:
        user = payload.user.id
        if not await self.deciding.is_manager(user):
            return {ids.OFFER_LOCATION_BLOCK: messages.MANAGERS_ONLY.format(what="draft offers")}
        metadata = read_offer_metadata(payload.view.private_metadata)
        if metadata is None:
            return {ids.OFFER_LOCATION_BLOCK: messages.MODAL_DAMAGED}
        form = offer_from_state(payload.view.state.values)
        team = await self._team()
        typed = form.location or team.offer_location or self.settings.hirebot_offer_location
        location = parse(typed).location
        if location is None:
            return {
                ids.OFFER_LOCATION_BLOCK: f"I don't know where {typed[:40]!r} is. Try a US city (New York, Austin), "
                "'remote', or 'remote from a lower-cost region'."
            }
        records = self.deciding
        decision = await records.decision_records.get(metadata.candidate_key)
        scorecards = await records.scorecard_records.for_candidate(metadata.candidate_key)
        try:
            offer = draft_offer(
                decision,
                scorecards,
                OfferChoices(location=location, founding=form.founding),
                drafted_by=user,
                drafted_at=datetime.now(UTC),
                calculator=self.calculator,
            )
        except OfferRefused as refused:
            return {ids.OFFER_LOCATION_BLOCK: str(refused)}
        await records.decision_records.save_offer(offer)
        try:
            await records.audit.record(user, AuditAction.DRAFTED_OFFER, candidate_ref(offer.candidate_key))
        except StoreUnavailable:
            logger.warning("An offer was drafted but not written to the audit log")
        return Drafted(offer=offer, share=form.share, hiring_channel=team.hiring_channel)

    async def _team(self) -> TeamSettings:
        """The workspace's settings (the environment's while Redis fails)."""
        try:
            return await self.deciding.team.current()
        except StoreUnavailable:
            return self.deciding.team.defaults

    def drafted_view(self, drafted: Drafted) -> View:
        channel = drafted.hiring_channel
        shared = None
        if drafted.share is not ShareChoice.PRIVATE and channel:
            what = "with" if drafted.share is ShareChoice.WITH_FIGURES else "without"
            shared = f"Sharing it to {channel if channel.startswith('#') else f'<#{channel}>'}, {what} the figures."
        return offer_view(drafted.offer, shared=shared)

    async def share(self, client: AsyncWebClient, drafted: Drafted) -> None:
        """Post the offer to the hiring channel if asked to, and remember where (forgetting updates it). Never
        raises: the hiring manager is told if it couldn't be posted."""
        channel = drafted.hiring_channel
        if drafted.share is ShareChoice.PRIVATE or not channel:
            return
        offer = drafted.offer
        card = shared_offer_card(offer, figures=drafted.share is ShareChoice.WITH_FIGURES)
        try:
            posted = await client.chat_postMessage(channel=channel, text=card.text, blocks=card.block_dicts())
            post = SummaryPost(channel=str(posted["channel"]), ts=str(posted["ts"]))
            await self.deciding.decision_records.remember_offer_post(offer.candidate_key, post)
            await self.deciding.audit.record(
                offer.drafted_by, AuditAction.SHARED_OFFER, candidate_ref(offer.candidate_key), drafted.share.value
            )
        except SlackApiError as error:
            reason = error.response.get("error")
            await tell(client, offer.drafted_by, f"I couldn't share the offer to {channel} ({reason}).")
        except Exception:
            logger.exception("Sharing an offer failed")
            await tell(client, offer.drafted_by, messages.SORRY)
