"""The "Show all" button on a shortened answer: the whole list, posted where the answer is (same channel, same
thread), rebuilt from the query the answer was kept with, so it expands that answer even after the
conversation has moved on (a typed "more" expands only the latest one)."""

from __future__ import annotations

import logging
from enum import Enum

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from blocks.answer_card import answer_card
from bot.answers.service import AnswerService
from bot.store.answers import ANSWER_ID
from bot.store.redis_store import StoreUnavailable

logger = logging.getLogger(__name__)


class ShowAll(Enum):
    POSTED = "posted"
    EXPIRED = "expired"  # not kept any more (30 days), never kept, or not an answer id at all
    UNAVAILABLE = "unavailable"  # Redis or Slack refused: worth another try


async def post_the_rest(
    answers: AnswerService, client: AsyncWebClient, *, answer_id: str, channel_id: str, thread_ts: str | None
) -> ShowAll:
    if not ANSWER_ID.match(answer_id):
        return ShowAll.EXPIRED
    try:
        answer = await answers.the_rest(answer_id)
    except StoreUnavailable:
        return ShowAll.UNAVAILABLE
    if answer is None:
        return ShowAll.EXPIRED
    card = answer_card(answer)
    try:
        await client.chat_postMessage(
            channel=channel_id,
            thread_ts=thread_ts,
            text=card.text,
            blocks=card.block_dicts(),
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as error:
        logger.error("Slack refused the full answer in %s: %s", channel_id, error.response.get("error"))
        return ShowAll.UNAVAILABLE
    return ShowAll.POSTED
