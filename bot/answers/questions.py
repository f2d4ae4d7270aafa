"""Taking a question asked in Slack (a DM, an @mention, the assistant pane): claim the event so a redelivery is
answered once, then answer in a background task, after Slack has been acknowledged."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Final

from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.payloads import MessageEvent
from bot.answers.outbox import Outbox
from bot.answers.service import AnswerService
from bot.answers.slack_reply import SlackThread, answer_in_slack, tell_in_slack
from bot.ops.tasks import BackgroundTasks
from bot.store.dedupe import EventClaims

MAX_QUESTION_CHARS: Final = 4000
# Answers being made at once. Acks don't wait for answers, so under a burst of DMs the answers queue here rather
# than all holding Redis connections: unbounded, at 32 concurrent DMs they exhausted the pool and history reads
# failed with "No connection available" (docs/benchmarks.md, run of 14:20).
ANSWER_CONCURRENCY: Final = 16
BOT_MENTION: Final = re.compile(r"<@[UW][A-Z0-9]+>")


def without_mentions(text: str) -> str:
    return " ".join(BOT_MENTION.sub(" ", text).split())


@dataclass(frozen=True)
class Question:
    text: str
    thread: SlackThread
    event_id: str | None


class QuestionDesk:
    def __init__(
        self, answers: AnswerService, claims: EventClaims, tasks: BackgroundTasks, outbox: Outbox | None = None
    ) -> None:
        self.answers = answers
        self.claims = claims
        self.tasks = tasks
        self.outbox = outbox
        self._answering = asyncio.Semaphore(ANSWER_CONCURRENCY)

    async def claim(
        self, message: MessageEvent, *, event_id: str | None, team_id: str, thread_ts: str | None, feature: str
    ) -> Question | None:
        """The question to answer, or None if there is none (only a mention) or another delivery has it.

        With files attached, the question is the text alone and the answer says so; files and no text get only
        that notice."""
        text = without_mentions(message.text)[:MAX_QUESTION_CHARS]
        if not (text or message.has_files) or not await self.claims.first(event_id):
            return None
        thread = SlackThread(
            team_id=team_id or message.team or "",
            channel_id=message.channel,
            thread_ts=thread_ts,
            user_id=message.user,
            feature=feature,
            notice=(messages.FILES_NOT_READ if text else messages.FILES_ONLY) if message.has_files else None,
            message_ts=message.ts,
        )
        return Question(text=text, thread=thread, event_id=event_id)

    def answer(self, client: AsyncWebClient, question: Question) -> None:
        """Answer in the background; the task is kept referenced until it ends (and drained on shutdown)."""
        self.tasks.spawn(self._answer(client, question), name=f"{question.thread.feature}:{question.event_id}")

    async def _answer(self, client: AsyncWebClient, question: Question) -> None:
        async with self._answering:
            if question.text:
                await answer_in_slack(self.answers, client, question.thread, question.text, self.outbox)
            else:
                await tell_in_slack(client, question.thread, question.thread.notice or messages.TYPE_A_QUESTION)
