"""Streaming an answer into Slack the way Slack documents it: a loading status as soon as the question is taken
(``assistant.threads.setStatus``), then the model's checked pieces through slack_sdk's ``chat_stream``
(``chat.startStream``, ``chat.appendStream``, ``chat.stopStream``: https://docs.slack.dev/ai/developing-agents).

Only pieces that passed the figure check (``bot.answers.checked_text``) ever reach ``append``. Where streaming
isn't available (a workspace or plan without it, an error from ``chat.startStream``) nothing is shown until the
end and the answer is posted whole, like every offline answer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_chat_stream import AsyncChatStream
from slack_sdk.web.async_client import AsyncWebClient

from blocks.conversation_cards import safe_markdown, stream_end_blocks
from bot.answers.service import Reply

if TYPE_CHECKING:
    from bot.answers.slack_reply import SlackThread

logger = logging.getLogger(__name__)

LOADING_STATUS = "is looking it up in the hiring guide\u2026"
LOADING_MESSAGES = [
    "Reading the hiring guide\u2026",
    "Checking the pay calculator\u2026",
    "Checking every figure before it's shown\u2026",
]


class SlackAnswerStream:
    """One answer's stream. ``append`` is the checked-piece sink; ``finish`` ends the stream with the feedback
    buttons, or says it couldn't carry the answer (then the caller posts it whole)."""

    def __init__(self, client: AsyncWebClient, thread: SlackThread) -> None:
        self.client = client
        self.thread = thread
        self.stream: AsyncChatStream | None = None
        self.started = False
        self.broken = False
        self.status_shown = False

    @property
    def thread_ts(self) -> str | None:
        """Where the stream goes: the question's thread, or a thread on the question itself (a DM can't stream
        a top-level message)."""
        return self.thread.thread_ts or self.thread.message_ts

    async def show_status(self) -> None:
        """The loading status under the question; a workspace without it (or a channel the app can't set it in)
        just doesn't show one."""
        self.status_shown = True
        await self._set_status(LOADING_STATUS, LOADING_MESSAGES)

    async def _set_status(self, status: str, loading_messages: list[str] | None = None) -> None:
        if self.thread_ts is None:
            return
        try:
            await self.client.assistant_threads_setStatus(
                channel_id=self.thread.channel_id,
                thread_ts=self.thread_ts,
                status=status,
                loading_messages=loading_messages,
            )
        except SlackApiError as error:
            logger.info("No loading status in %s: %s", self.thread.channel_id, error.response.get("error"))

    async def clear_status(self) -> None:
        await self._set_status("")

    async def append(self, piece: str) -> None:
        """Shows one checked piece. The first starts the stream; an error turns streaming off for this answer."""
        if self.broken or self.thread_ts is None:
            return
        try:
            if self.stream is None:
                self.stream = await self.client.chat_stream(
                    buffer_size=1,  # every piece is sent as soon as it is checked
                    channel=self.thread.channel_id,
                    thread_ts=self.thread_ts,
                    recipient_team_id=self.thread.team_id or None,
                    recipient_user_id=self.thread.user_id,
                )
                if self.thread.notice:
                    piece = f"_{safe_markdown(self.thread.notice)}_\n\n{piece}"
            await self.stream.append(markdown_text=safe_markdown(piece))
            self.started = True
        except (SlackApiError, SlackRequestError) as error:
            self._broke("append", error)

    async def finish(self, reply: Reply) -> bool:
        """True if the stream carried the whole answer (now ended with its feedback buttons). False when the
        answer must still be posted whole: nothing was streamed, streaming failed, or the model's answer was
        stopped part-way (then the stream is ended as it is and the offline answer follows with its note)."""
        if self.stream is None or not self.started:
            return False
        carried = reply.engine == "claude" and not self.broken
        try:
            await self.stream.stop(blocks=stream_end_blocks(reply.answer_id) if carried else None)
        except (SlackApiError, SlackRequestError) as error:
            self._broke("stop", error)
            return False
        return carried

    async def abandon(self) -> None:
        """Ends a stream left open by a failure, as it stands (nothing more is shown)."""
        if self.stream is not None and self.started and not self.broken:
            try:
                await self.stream.stop()
            except (SlackApiError, SlackRequestError) as error:
                self._broke("abandon", error)

    def _broke(self, step: str, error: Exception) -> None:
        self.broken = True
        detail = error.response.get("error") if isinstance(error, SlackApiError) else str(error)
        logger.warning("Streaming stopped at %s in %s (kind=slack): %s", step, self.thread.channel_id, detail)
