"""Posting a conversational answer into Slack: a placeholder while Claude thinks, throttled updates as its
text streams in, then the final card(s) with feedback buttons. Offline answers are posted directly."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.common import Card
from blocks.conversation_cards import partial_card, reply_cards, thinking_card
from bot.answers.outbox import Outbox
from bot.answers.service import AnswerService, Reply

logger = logging.getLogger(__name__)

UPDATE_EVERY_SECONDS = 1.0


@dataclass(frozen=True)
class SlackThread:
    """Where a question was asked in Slack and where its answer goes."""

    team_id: str
    channel_id: str
    thread_ts: str | None
    user_id: str
    feature: str
    notice: str | None = None  # said first, above the answer (e.g. that attached files weren't read)

    @property
    def key(self) -> str:
        return f"{self.team_id}:{self.channel_id}:{self.thread_ts or 'main'}"


class SlackReplyWriter:
    def __init__(self, client: AsyncWebClient, thread: SlackThread, outbox: Outbox | None = None) -> None:
        self.client = client
        self.thread = thread
        self.outbox = outbox
        self.placeholder_ts: str | None = None
        self._last_update = 0.0
        self._shown = ""

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

    async def _update(self, card: Card) -> None:
        assert self.placeholder_ts is not None
        await self.client.chat_update(
            channel=self.thread.channel_id, ts=self.placeholder_ts, text=card.text, blocks=card.block_dicts()
        )

    async def show_progress(self, text_so_far: str) -> None:
        """First call posts the placeholder; later calls edit it at most once a second."""
        if self.placeholder_ts is None:
            self.placeholder_ts = await self._post(thinking_card())
            self._last_update = time.monotonic()
            return
        now = time.monotonic()
        if now - self._last_update >= UPDATE_EVERY_SECONDS and text_so_far.strip() and text_so_far != self._shown:
            self._last_update, self._shown = now, text_so_far
            await self._update(partial_card(text_so_far))

    async def finish(self, reply: Reply) -> None:
        cards = reply_cards(
            reply.offline,
            answer_id=reply.answer_id,
            note=reply.note,
            model_text=reply.model_text,
            preface=self.thread.notice,
        )
        first, *rest = cards
        if self.placeholder_ts is not None:
            await self._update(first)
        else:
            await self._post(first)
        for card in rest:
            await self._post(card)


async def answer_in_slack(
    answers: AnswerService, client: AsyncWebClient, thread: SlackThread, question: str, outbox: Outbox | None = None
) -> None:
    """The whole answer, from question to posted card; failures are logged and told to the user."""
    writer = SlackReplyWriter(client, thread, outbox)
    try:
        reply = await answers.reply(
            thread.key,
            question,
            user_id=thread.user_id,
            feature=thread.feature,
            on_text=writer.show_progress,
        )
        await writer.finish(reply)
    except SlackApiError as error:
        logger.error("Slack refused the answer in %s: %s", thread.channel_id, error.response.get("error"))
    except Exception:
        logger.exception("Failed to answer in %s", thread.channel_id)
        try:
            await client.chat_postMessage(
                channel=thread.channel_id,
                thread_ts=thread.thread_ts,
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
