"""Posting a conversational answer into Slack: a loading status, then the model's checked text streamed
(``bot.answers.streaming``) and ended with the feedback buttons; an offline answer, or one that couldn't be
streamed, is posted whole as its card(s)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.common import Card
from blocks.conversation_cards import reply_cards
from bot.answers.outbox import Outbox
from bot.answers.service import AnswerService, Reply
from bot.answers.streaming import SlackAnswerStream

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackThread:
    """Where a question was asked in Slack and where its answer goes."""

    team_id: str
    channel_id: str
    thread_ts: str | None
    user_id: str
    feature: str
    notice: str | None = None  # said first, above the answer (e.g. that attached files weren't read)
    message_ts: str | None = None  # the question's own message

    @property
    def key(self) -> str:
        return f"{self.team_id}:{self.channel_id}:{self.thread_ts or 'main'}"


class SlackReplyWriter:
    def __init__(self, client: AsyncWebClient, thread: SlackThread, outbox: Outbox | None = None) -> None:
        self.client = client
        self.thread = thread
        self.outbox = outbox

    async def _post(self, card: Card) -> str | None:
        if self.outbox is not None:  # waits out 429s, kept in Redis meanwhile (bot.answers.outbox)
            return await self.outbox.post(
                self.client,
                channel=self.thread.channel_id,
                thread_ts=self.thread.thread_ts,
                text=card.text,
                blocks=card.block_dicts(),
            )
        response = await self.client.chat_postMessage(
            channel=self.thread.channel_id,
            thread_ts=self.thread.thread_ts,
            text=card.text,
            blocks=card.block_dicts(),
            unfurl_links=False,
            unfurl_media=False,
        )
        ts = response.get("ts")
        return str(ts) if ts else None

    async def finish(self, reply: Reply) -> None:
        cards = reply_cards(
            reply.offline,
            answer_id=reply.answer_id,
            note=reply.note,
            model_text=reply.model_text,
            preface=self.thread.notice,
        )
        for card in cards:
            await self._post(card)


async def answer_in_slack(
    answers: AnswerService, client: AsyncWebClient, thread: SlackThread, question: str, outbox: Outbox | None = None
) -> None:
    """The whole answer, from question to posted card; failures are logged and told to the user."""
    stream = SlackAnswerStream(client, thread)
    try:
        reply = await answers.reply(
            thread.key,
            question,
            user_id=thread.user_id,
            feature=thread.feature,
            on_piece=stream.append,
            on_model=stream.show_status,
        )
        if not await stream.finish(reply):  # posted whole, under what was streamed if anything was
            where = replace(thread, thread_ts=stream.thread_ts) if stream.started else thread
            await SlackReplyWriter(client, where, outbox).finish(reply)
            if stream.status_shown and where.thread_ts != stream.thread_ts:
                await stream.clear_status()  # a reply elsewhere doesn't clear it
    except SlackApiError as error:
        logger.error("Slack refused the answer in %s (kind=slack): %s", thread.channel_id, error.response.get("error"))
    except Exception:
        logger.exception("Failed to answer in %s (kind=bug)", thread.channel_id)
        await stream.abandon()
        try:
            await client.chat_postMessage(
                channel=thread.channel_id,
                thread_ts=stream.thread_ts if stream.started else thread.thread_ts,
                text=messages.ANSWER_FAILED,
            )
        except SlackApiError:
            logger.error("Could not tell the user about the failure in %s", thread.channel_id)


async def tell_in_slack(client: AsyncWebClient, thread: SlackThread, text: str) -> None:
    """A plain reply where the question was asked, when there is nothing to answer but something to say."""
    try:
        await client.chat_postMessage(channel=thread.channel_id, thread_ts=thread.thread_ts, text=text)
    except SlackApiError as error:
        logger.error("Slack refused the reply in %s: %s", thread.channel_id, error.response.get("error"))
