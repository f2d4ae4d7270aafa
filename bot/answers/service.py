"""One answer path for every surface. DMs, mentions, the assistant pane and the CLI get ``reply``: history,
then the offline engine, then Claude when it is configured, the workspace has not turned it off in Settings, and
it is allowed and useful, falling back to the offline answer on any failure. Surfaces that must answer inside
Slack's acknowledgement get ``card_answer``.

Every answer is also kept (30 days) so helpful / not helpful votes can be tied to the question and answer.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from bot.answers.checked_text import PieceSink
from bot.answers.claude import ClaudeAnswerer, ClaudeUnavailable, HistoryTurn, Usage
from bot.answers.history import History, last_query
from bot.answers.usage import LlmLimits, Reservation
from bot.config import Settings
from bot.ops.metrics import Metrics
from bot.store.answers import AnswerRecords
from bot.store.puts import Put
from bot.store.redis_store import Store, Turn
from bot.store.team_settings import CURRENT, TEAM_SETTINGS, TeamSettingsRecords
from knowledge.engine import AnswerEngine
from knowledge.money import dollar_figures
from knowledge.query import Answer, Query
from knowledge.understanding import Topic

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic

logger = logging.getLogger(__name__)

Engine = Literal["offline", "claude"]


@dataclass(frozen=True)
class Reply:
    """The offline answer, always; the model's text when Claude answered instead; why not, when it didn't."""

    offline: Answer
    engine: Engine
    answer_id: str
    note: str | None = None
    model_text: str | None = None

    @property
    def text(self) -> str:
        """What was said, as plain text (the terminal, history, the kept answer)."""
        return self.model_text if self.model_text is not None else self.offline.text


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
        team: TeamSettingsRecords | None = None,
    ) -> None:
        self.history = history
        self.engine = engine
        self.records = records
        self.claude = claude
        self.limits = limits
        self.metrics = metrics
        self.team = team  # whether the workspace lets Claude answer; None: whenever Claude is configured

    @classmethod
    def build(
        cls,
        settings: Settings,
        store: Store,
        anthropic: AsyncAnthropic | None = None,
        *,
        metrics: Metrics | None = None,
    ) -> AnswerService:
        """The answer path for Slack and the CLI alike: Claude (with its limits) only when ``anthropic`` is given,
        which is when ``ANTHROPIC_API_KEY`` is set."""
        engine = AnswerEngine()
        claude = None
        if anthropic is not None:
            deadline = settings.hirebot_llm_deadline_seconds
            claude = ClaudeAnswerer(anthropic, settings.anthropic_model, engine.calculator, deadline=deadline)
        limits = LlmLimits(
            store,
            per_user_per_minute=settings.hirebot_llm_per_user_per_minute,
            daily_token_budget=settings.hirebot_llm_daily_token_budget,
        )
        team = TeamSettingsRecords(store, settings)
        return cls(
            History(store), engine, AnswerRecords(store), claude=claude, limits=limits, metrics=metrics, team=team
        )

    def needs_model(self, offline: Answer) -> bool:
        """Plain pay questions read with confidence are the calculator's job; a model adds nothing but latency and
        risk. Everything else, a guessed topic included, goes to the model when one is configured."""
        return self.claude is not None and not offline.settled

    def card_answer(self, question: str) -> Answer:
        """The guide's own answer, without history or a model: for surfaces that must answer inside Slack's
        3-second acknowledgement (``/hire ask``, ``/hire pay ...``, the App Home question). Pure and fast, so
        callers may cache the card they build from it."""
        return self.engine.answer(question)

    async def reply(
        self,
        conversation: str,
        question: str,
        *,
        user_id: str,
        feature: str,
        on_piece: PieceSink | None = None,
        on_model: Callable[[], Awaitable[None]] | None = None,
        keep: bool = True,
    ) -> Reply:
        """The answer to ``question`` in ``conversation``; ``keep`` stores it for feedback votes (Slack only).
        ``on_piece`` gets the model's text as it is checked, a sentence or line at a time; ``on_model`` is awaited
        just before the model is asked, the one step that makes a person wait (Slack shows its loading status
        then; an answer from the guide alone is posted within milliseconds and needs none)."""
        turns, claude_allowed = await self._context(conversation)
        offline = self.engine.answer(question, last_query(turns))
        model_text: str | None = None
        engine: Engine = "offline"
        note: str | None = None
        if claude_allowed and self.needs_model(offline) and self.claude is not None:
            reservation = await self.limits.reserve(user_id) if self.limits is not None else None
            if isinstance(reservation, str):
                note = f"Answered from the guide directly: {reservation}."
            else:
                history = [HistoryTurn(role=t.role, text=t.text) for t in turns]
                reading = None if offline.unsure or offline.topic is Topic.UNKNOWN else offline.lead
                allowed = dollar_figures(offline.text) | offline.derived_figures
                usage = Usage()
                if on_model is not None:
                    await on_model()
                try:
                    claude_reply = await self.claude.answer(
                        question, history, on_piece, reading=reading, allowed=allowed
                    )
                except ClaudeUnavailable as unavailable:
                    usage = unavailable.usage
                    note = f"{unavailable}, so this is the guide's own answer."
                    logger.warning("Claude gave no answer (kind=%s): %s", unavailable.kind, unavailable)
                    if self.metrics is not None:
                        self.metrics.llm_failures.labels(reason=str(unavailable)).inc()
                else:
                    usage = claude_reply.usage
                    model_text, engine = claude_reply.text, "claude"
                await self._count(feature, usage, reservation)
        if self.metrics is not None:
            self.metrics.answers.labels(engine=engine, feature=feature).inc()
        reply = Reply(offline=offline, engine=engine, answer_id=uuid.uuid4().hex, note=note, model_text=model_text)
        kept = self._kept(reply, question, user_id, feature) if keep else None
        await self.history.remember(conversation, question, reply.text, offline.query, also=kept)
        return reply

    async def _context(self, conversation: str) -> tuple[list[Turn], bool]:
        """The conversation's last turns, and whether this workspace lets Claude answer (its Settings), read in
        one round trip: the settings document rides in the history read's pipeline, so turning Claude off takes
        effect on the next message on every replica with no cache to invalidate and no extra trip to Redis. When
        the store fails, the environment's default stands; ``LlmLimits.reserve`` then refuses Claude anyway."""
        if self.claude is None or self.team is None:
            return await self.history.recent(conversation), self.claude is not None
        turns, document = await self.history.recent_and_document(conversation, TEAM_SETTINGS, CURRENT)
        return turns, self.team.uses_claude(self.team.from_document(document))

    async def _count(self, feature: str, usage: Usage, reservation: Reservation | None) -> None:
        """Every request's usage, a failed exchange's included: a discarded answer is billed all the same."""
        if self.claude is None:
            return
        if self.limits is not None and reservation is not None:
            await self.limits.settle(reservation, feature, self.claude.model, usage)
        if self.metrics is not None:
            for kind, count in usage.as_tally().items():
                if kind != "requests":
                    self.metrics.llm_tokens.labels(kind=kind, feature=feature).inc(count)

    async def the_rest(self, answer_id: str) -> Answer | None:
        """The whole of a kept answer that left part of a list out; None once it has expired or if it never
        offered more. ``StoreUnavailable`` when Redis can't be reached."""
        record = await self.records.get(answer_id)
        if not record or not record.get("query"):
            return None
        try:
            query = Query.model_validate_json(record["query"])
        except ValidationError:
            logger.warning("Answer %s has an unreadable query", answer_id)
            return None
        return self.engine.in_full(query)

    def _kept(self, reply: Reply, question: str, user_id: str, feature: str) -> Put:
        """The answer as kept for feedback votes and "Show all", written with the conversation's turns."""
        return self.records.put_for(
            reply.answer_id,
            question=question,
            answer=reply.text,
            engine=reply.engine,
            user=user_id,
            feature=feature,
            topic=reply.offline.topic.value,
            query=reply.offline.query.model_dump_json(),
        )
