"""Getting scorecard news to people: the summary card after a submission, DMs, and telling someone in plain words
when something they asked for didn't work (ephemerally where Slack gave a response URL, else by DM)."""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Final

from slack_bolt.async_app import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks.common import Card
from blocks.scorecard_cards import channel_summary_card
from bot.store.channel_ids import ChannelIds
from bot.store.redis_store import StoreUnavailable
from bot.store.scorecards import ScorecardRecords, SummaryPost
from bot.store.workspace import Workspace, current
from knowledge.scorecards import Scorecard, Submission

logger = logging.getLogger(__name__)


async def dm_channel(client: AsyncWebClient, user: str) -> str:
    """The id of the bot's DM with ``user`` (what ``chat.update`` and ``chat.deleteScheduledMessage`` need)."""
    opened = await client.conversations_open(users=user)
    channel: str = opened["channel"]["id"]
    return channel


DM_CHANNELS_KEPT: Final = 10_000


class DmChannels:
    """The bot's DM channel with each user, opened once per process and then remembered.

    A DM's id never changes for a given workspace, bot and user, so asking Slack again (``conversations.open``)
    for every scorecard was a quarter of a submission's follow-up CPU (docs/benchmarks.md). Keyed by workspace as
    well as user; the least recently used ids are forgotten past ``limit``.
    """

    def __init__(self, limit: int = DM_CHANNELS_KEPT) -> None:
        self._limit = limit
        self._ids: OrderedDict[tuple[str, str], str] = OrderedDict()

    async def of(self, client: AsyncWebClient, user: str) -> str:
        key = ((current() or Workspace(team_id=None)).key, user)
        channel = self._ids.get(key)
        if channel is not None:
            self._ids.move_to_end(key)
            return channel
        channel = await dm_channel(client, user)
        self._ids[key] = channel
        if len(self._ids) > self._limit:
            self._ids.popitem(last=False)
        return channel


async def tell(client: AsyncWebClient, user: str, text: str, respond: AsyncRespond | None = None) -> None:
    """Say ``text`` to ``user`` only: ephemerally if there is a response URL, else in their DM with the bot.
    Never raises: this is how failures are reported, so its own failure is only logged."""
    try:
        if respond is not None:
            await respond(response_type="ephemeral", replace_original=False, text=text)
        else:
            await client.chat_postMessage(channel=await dm_channel(client, user), text=text)
    except Exception:
        logger.exception("Could not tell a user what happened")


async def _post_or_update(
    client: AsyncWebClient, channel: str, card: Card, previous: SummaryPost | None
) -> SummaryPost:
    if previous is not None and previous.channel == channel:
        try:
            await client.chat_update(channel=channel, ts=previous.ts, text=card.text, blocks=card.block_dicts())
            return previous
        except SlackApiError as error:
            logger.info("Posting a new summary: the earlier one can't be updated (%s)", error.response.get("error"))
    posted = await client.chat_postMessage(channel=channel, text=card.text, blocks=card.block_dicts())
    return SummaryPost(channel=str(posted["channel"]), ts=str(posted["ts"]))


async def post_summary(
    client: AsyncWebClient,
    hiring_channel: str | None,
    records: ScorecardRecords,
    scorecard: Scorecard,
    summary: Card,
    *,
    replaced: bool,
    dms: DmChannels,
) -> None:
    """One summary card per scorecard: to the workspace's hiring channel when set, else to the submitter by DM. A
    resubmission updates the card it replaces instead of posting a second one.

    The channel's card is blind-safe (who submitted, for whom; the scorecard opens on a button, for those the
    blind rule lets see it), because a channel's members can't be filtered per reader. The DM holds the full card,
    ``summary``: its only reader wrote it. If the channel refuses (hirebot not invited, say), the submitter gets
    the full card by DM with the reason.
    """
    previous: SummaryPost | None = None
    if replaced:
        try:
            previous = await records.summary_post(scorecard.id)
        except StoreUnavailable:
            previous = None
    post: SummaryPost | None = None
    if hiring_channel:
        card = channel_summary_card(Submission.of(scorecard), scorecard.id, replaced=replaced)
        resolver = ChannelIds(records.store)
        try:
            # Compared by id: a channel set by name ("#hiring") is the id Slack answered the first post with.
            channel = await resolver.id_of(hiring_channel) or hiring_channel
            post = await _post_or_update(client, channel, card, previous)
            await resolver.remember(hiring_channel, post.channel)
        except SlackApiError as error:
            reason = error.response.get("error")
            logger.warning("Could not post a scorecard summary to the hiring channel: %s", reason)
            await tell(
                client,
                scorecard.interviewer,
                f"Your scorecard for {scorecard.candidate} is saved, but I couldn't post its summary to "
                f"{hiring_channel} ({reason}). Invite me there with /invite @hirebot.",
            )
    if post is None:
        channel = await dms.of(client, scorecard.interviewer)
        post = await _post_or_update(client, channel, summary, previous)
    try:
        await records.remember_summary_post(scorecard.id, post)
    except StoreUnavailable:
        logger.warning("Could not remember where a scorecard summary was posted")
