"""Posting answers so that Slack's rate limits delay them but never lose them.

Slack allows ``chat.postMessage`` about one message per second per channel, with short bursts ("Posting messages:
1 per second. Short bursts >1 allowed", https://api.slack.com/docs/rate-limits, and its ``Retry-After`` header on
a 429). ``ChannelPacer`` keeps to that up front: a token bucket per channel (``BURST`` posts, then one a second).

A post Slack still refuses with 429 is written to Redis at once (``outbox`` documents, ``pending`` index) and
retried after ``Retry-After`` seconds, for up to ``MAX_TOTAL_WAIT`` in all; delivered, it is deleted. slack_sdk's
own ``AsyncRateLimitErrorRetryHandler`` (``slack_sdk/http_retry/builtin_async_handlers.py``) sleeps out the same
header inside the call, but in memory only and for ``max_retry_count`` retries (3 here), so the outbox posts
through a copy of the client without it (the connection and 5xx handlers stay).

On shutdown a waiting post stops waiting and is left in Redis, released; the next process to start takes it
(``resume``, one process per post through ``claim_once``) and delivers it. A process killed outright leaves its
posts leased for ``LEASE`` seconds past their next attempt; a running process's sweeper then takes them.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from typing import Any, Final

from pydantic import BaseModel, ValidationError
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.install.clients import ClientFor
from bot.ops.tasks import BackgroundTasks
from bot.store.keyspaces import workspaces
from bot.store.redis_store import Store, StoreUnavailable
from bot.store.workspace import within

logger = logging.getLogger(__name__)

OUTBOX: Final = "outbox"
PENDING: Final = "pending"
MAX_TOTAL_WAIT: Final = 300.0
LEASE: Final = 30.0
KEEP_FOR: Final = 24 * 60 * 60
RATE_PER_SECOND: Final = 1.0
BURST: Final = 3
MAX_CHANNELS: Final = 10_000


class ChannelPacer:
    """A token bucket per channel: ``burst`` posts at once, then ``rate`` a second; a 429 holds the channel."""

    def __init__(
        self, rate: float = RATE_PER_SECOND, burst: int = BURST, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # channel -> (tokens, at)
        self._held: dict[str, float] = {}

    async def wait(self, channel: str, *, take: bool = True) -> None:
        """Until ``channel`` may be posted to; ``take=False`` (a retry Slack timed with ``Retry-After``) only
        waits out a hold."""
        while (delay := self._take(channel, take)) > 0:  # noqa: ASYNC110 (pacing: waiting is the point)
            await asyncio.sleep(delay)

    def hold(self, channel: str, seconds: float) -> None:
        self._held[channel] = max(self._held.get(channel, 0.0), self.clock() + seconds)

    def _take(self, channel: str, take: bool = True) -> float:
        """Take a token and return 0, or return how long until one is due."""
        now = self.clock()
        held = self._held.get(channel, 0.0) - now
        if held > 0 or not take:
            return max(held, 0.0)
        tokens, at = self._buckets.get(channel, (float(self.burst), now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        if tokens < 1:
            return (1 - tokens) / self.rate
        if len(self._buckets) >= MAX_CHANNELS:
            self._buckets.clear()
            self._held = {c: t for c, t in self._held.items() if t > now}
        self._buckets[channel] = (tokens - 1, now)
        return 0.0


class PendingPost(BaseModel):
    id: str
    channel: str
    thread_ts: str | None
    text: str
    blocks: list[dict[str, Any]]
    first_refused_at: float = 0.0
    not_before: float = 0.0
    lease_until: float = 0.0
    attempts: int = 0
    generation: int = 0


def without_rate_limit_retries(client: AsyncWebClient) -> AsyncWebClient:
    """The same client (token, URL, session, other retry handlers) minus the in-memory 429 retries."""
    handlers = [h for h in client.retry_handlers if not isinstance(h, AsyncRateLimitErrorRetryHandler)]
    return AsyncWebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        session=client.session,
        team_id=client.default_params.get("team_id"),
        retry_handlers=handlers,
    )


def retry_after(error: SlackApiError) -> float:
    headers = getattr(error.response, "headers", {}) or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        return max(float(value[0] if isinstance(value, list) else value), 0.0) if value is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


class Outbox:
    def __init__(
        self,
        store: Store,
        tasks: BackgroundTasks,
        *,
        pacer: ChannelPacer | None = None,
        max_total_wait: float = MAX_TOTAL_WAIT,
    ) -> None:
        self.store = store
        self.tasks = tasks
        self.pacer = pacer or ChannelPacer()
        self.max_total_wait = max_total_wait
        self._stopping = asyncio.Event()
        self._sweeper: asyncio.Task[None] | None = None

    async def post(
        self, client: AsyncWebClient, *, channel: str, thread_ts: str | None, text: str, blocks: list[dict[str, Any]]
    ) -> str | None:
        """Post a message, waiting out 429s (kept in Redis meanwhile); its ts, or None if shutdown came first.
        Raises ``SlackApiError`` for any other refusal, or once ``max_total_wait`` is spent."""
        pending = PendingPost(id=uuid.uuid4().hex, channel=channel, thread_ts=thread_ts, text=text, blocks=blocks)
        return await self._deliver(without_rate_limit_retries(client), pending)

    async def stop(self) -> None:
        """Shutdown: waiting posts stop waiting and stay in Redis for the next process."""
        self._stopping.set()
        if self._sweeper is not None:
            self._sweeper.cancel()
            await asyncio.wait({self._sweeper}, timeout=1)

    def start(self, client: AsyncWebClient, client_for: ClientFor | None = None) -> None:
        """Take over posts other processes left waiting: at once, then every ``LEASE`` seconds (a process killed
        outright leaves its posts leased until then). The sweeper is this object's own task, not a background
        answer, so it never holds up a drain."""
        sweeping = self._sweep(client, client_for)
        self._sweeper = asyncio.get_running_loop().create_task(sweeping, name="outbox-sweeper")

    async def _sweep(self, client: AsyncWebClient, client_for: ClientFor | None) -> None:
        while not self._stopping.is_set():
            try:
                await self.resume_everywhere(client, client_for)
            except Exception:  # the sweeper must outlive one bad sweep
                logger.exception("Resuming waiting posts failed")
            if not await self._wait_unless_stopping(LEASE):
                return

    async def resume_everywhere(self, client: AsyncWebClient, client_for: ClientFor | None = None) -> int:
        """``resume`` in every workspace (``bot.store.workspace``), with its client from ``client_for``
        (``bot.install.clients``; ``client`` without it), and outside any, with ``client``."""
        try:
            found = await workspaces(self.store)
        except StoreUnavailable as error:
            logger.warning("Posts waiting out a rate limit not resumed: %s", error)
            return 0
        taken = await self.resume(client)
        for workspace in found:
            own = client if client_for is None else await client_for(workspace)
            if own is not None:
                with within(workspace):
                    taken += await self.resume(own)
        return taken

    async def resume(self, client: AsyncWebClient) -> int:
        """Deliver, in background tasks, the posts a stopped process left waiting; how many this process took."""
        try:
            ids = await self.store.index_members(OUTBOX, PENDING)
            documents = await self.store.get_documents(OUTBOX, ids)
        except StoreUnavailable as error:
            logger.warning("Posts waiting out a rate limit not resumed: %s", error)
            return 0
        taken = 0
        for document in documents:
            try:
                pending = PendingPost.model_validate(document)
            except ValidationError:
                continue
            if pending.lease_until > time.time():
                continue
            if await self.store.claim_once(OUTBOX, f"{pending.id}:{pending.generation}", int(LEASE)):
                taken += 1
                work = self._deliver(without_rate_limit_retries(client), pending)
                self.tasks.spawn(_logged(work, pending.channel), name=f"outbox:{pending.id}")
        return taken

    async def _deliver(self, client: AsyncWebClient, pending: PendingPost) -> str | None:
        while True:
            if not await self._wait_unless_stopping(pending.not_before - time.time()):
                await self._release(pending)
                return None
            await self.pacer.wait(pending.channel, take=not pending.attempts)
            try:
                response = await client.chat_postMessage(
                    channel=pending.channel,
                    thread_ts=pending.thread_ts,
                    text=pending.text,
                    blocks=pending.blocks,
                    unfurl_links=False,
                    unfurl_media=False,
                )
            except SlackApiError as error:
                if error.response.status_code != 429:
                    await self._forget(pending)
                    raise
                await self._refused(pending, retry_after(error), error)
                continue
            await self._forget(pending)
            ts = response.get("ts")
            return str(ts) if ts else None

    async def _refused(self, pending: PendingPost, wait: float, error: SlackApiError) -> None:
        now = time.time()
        self.pacer.hold(pending.channel, wait)
        if not pending.attempts:
            pending.first_refused_at = now
        if now + wait - pending.first_refused_at > self.max_total_wait:
            logger.error("Gave up on a post to %s after %d refusals (429)", pending.channel, pending.attempts + 1)
            await self._forget(pending)
            raise error
        pending.attempts += 1
        pending.not_before = now + wait
        pending.lease_until = pending.not_before + LEASE
        logger.info("Slack rate limited a post to %s; retrying in %.1f s", pending.channel, wait)
        await self._keep(pending)

    async def _wait_unless_stopping(self, seconds: float) -> bool:
        if seconds <= 0:
            return True  # nothing to wait for: a post made while shutting down still goes out
        with suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._stopping.wait()
                return False
        return True

    async def _keep(self, pending: PendingPost) -> None:
        pending.generation += 1
        try:
            await self.store.put_document(OUTBOX, pending.id, pending, indexes=[PENDING], ttl=KEEP_FOR)
        except StoreUnavailable as error:
            logger.warning("A rate-limited post is kept in memory only: %s", error)

    async def _release(self, pending: PendingPost) -> None:
        if pending.attempts:
            pending.lease_until = 0.0
            await self._keep(pending)

    async def _forget(self, pending: PendingPost) -> None:
        if pending.attempts or pending.generation:
            try:
                await self.store.delete_document(OUTBOX, pending.id, indexes=[PENDING])
            except StoreUnavailable as error:
                logger.warning("A delivered post stays listed as waiting: %s", error)


async def _logged(work: Any, channel: str) -> None:
    try:
        await work
    except SlackApiError as error:
        logger.error("Slack refused a resumed post to %s: %s", channel, error.response.get("error"))
