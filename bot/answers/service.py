"""One answer path for DMs, mentions, the assistant pane and the CLI: history, then the offline engine,
then Claude when it is configured, allowed and useful, falling back to the offline answer on any failure.

Every answer is also kept (30 days) so helpful / not helpful votes can be tied to the question and answer.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Literal

from bot.answers.claude import ClaudeAnswerer, ClaudeUnavailable, HistoryTurn, TextSink
from bot.answers.history import History, last_query
from bot.answers.usage import LlmLimits
from bot.ops.metrics import Metrics
from bot.store.answers import AnswerRecords
from bot.store.redis_store import StoreUnavailable
from knowledge.engine import AnswerEngine
from knowledge.query import Answer
from knowledge.understanding import Topic

logger = logging.getLogger(__name__)

Engine = Literal["offline", "claude"]


@dataclass(frozen=True)
class Reply:
    text: str
    offline: Answer
    engine: Engine
    answer_id: str
    note: str | None = None


def answered_with_certainty(answer: Answer) -> bool:
    """Plain pay questions are the calculator's job; a model adds nothing but latency and risk."""
    return answer.topic is Topic.PAY and bool(answer.pay)


class AnswerService:
    def __init__(
        self,
        history: History,
        engine: AnswerEngine,
        records: AnswerRecords,
        *,
        claude: ClaudeAnswerer | None = None,
        limits: LlmLimits | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.history = history
        self.engine = engine
        self.records = records
        self.claude = claude
        self.limits = limits
        self.metrics = metrics

    def needs_model(self, offline: Answer) -> bool:
        return self.claude is not None and not answered_with_certainty(offline)

    async def reply(
        self,
        conversation: str,
        question: str,
        *,
        user_id: str,
        feature: str,
        on_text: TextSink | None = None,
        keep: bool = True,
    ) -> Reply:
        """The answer to ``question`` in ``conversation``; ``keep`` stores it for feedback votes (Slack only)."""
        turns = await self.history.recent(conversation)
        offline = self.engine.answer(question, last_query(turns))
        text = offline.text
        engine: Engine = "offline"
        note: str | None = None
        if self.needs_model(offline) and self.claude is not None:
            refusal = await self.limits.refusal(user_id) if self.limits is not None else None
            if refusal is not None:
                note = f"Answered from the guide directly: {refusal}."
            else:
                history = [HistoryTurn(role=t.role, text=t.text) for t in turns]
                try:
                    claude_reply = await self.claude.answer(question, history, on_text)
                except ClaudeUnavailable as reason:
                    note = f"{reason}, so this is the guide's own answer."
                    if self.metrics is not None:
                        self.metrics.llm_failures.labels(reason=str(reason)).inc()
                else:
                    text, engine = claude_reply.text, "claude"
                    if self.limits is not None:
                        await self.limits.record(feature, self.claude.model, claude_reply.usage)
                    if self.metrics is not None:
                        for kind, count in claude_reply.usage.as_tally().items():
                            if kind != "requests":
                                self.metrics.llm_tokens.labels(kind=kind, feature=feature).inc(count)
        if self.metrics is not None:
            self.metrics.answers.labels(engine=engine, feature=feature).inc()
        await self.history.remember(conversation, question, text, offline.query)
        reply = Reply(text=text, offline=offline, engine=engine, answer_id=uuid.uuid4().hex, note=note)
        if keep:
            await self._keep(reply, question, user_id, feature)
        return reply

    async def _keep(self, reply: Reply, question: str, user_id: str, feature: str) -> None:
        try:
            await self.records.keep(
                reply.answer_id,
                question=question,
                answer=reply.text,
                engine=reply.engine,
                user=user_id,
                feature=feature,
                topic=reply.offline.topic.value,
            )
        except StoreUnavailable:
            logger.debug("Answer %s not kept: Redis unavailable", reply.answer_id)
