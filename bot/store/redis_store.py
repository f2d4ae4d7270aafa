"""hirebot's Redis store: conversation history, run-once claims and JSON documents with indexes.

Key layout (``{prefix}`` is ``KEY_PREFIX`` = ``hirebot:`` unless a test passes its own)::

    {prefix}history:{conversation}    list of Turn JSON, oldest first, capped at HISTORY_MAX_TURNS,
                                      expiring HISTORY_TTL after the last append
    {prefix}once:{namespace}:{key}    "1", set with NX and a TTL by claim_once
    {prefix}doc:{kind}:{doc_id}       one JSON document, with an optional TTL
    {prefix}index:{kind}:{index}      sorted set of doc_ids scored by the epoch time they were last put
    {prefix}count:{namespace}:{key}   integer counter (rate limits, budgets), expiring with its window
    {prefix}tally:{namespace}:{key}   hash of integer fields (token usage per day and feature)

Within a workspace (``bot.store.workspace``) ``{prefix}`` is followed by the workspace's keyspace,
``w:{enterprise}:{team}:``, in every key, so ``Store.prefix`` is the prefix with it; ``Store.unscoped()`` is the same
store without it, for the records that belong to no workspace (installations, OAuth states, departures).

Every caller-supplied part (conversation, namespace, key, kind, doc_id, index) is percent-encoded, so
free text such as ``T1:C2:1712.0001`` can neither collide with another key across a ``:`` nor smuggle a
glob character into a ``SCAN MATCH`` pattern. The store knows nothing about what documents contain.

Every method turns a lost or refused connection into ``StoreUnavailable`` with a one-line message, so a
caller can print it as is. A long-running server gives the store a ``CircuitBreaker`` (``bot.store.breaker``),
kept by ``bot.store.supervisor``: while it is open every method raises ``StoreUnavailable`` at once.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, Literal
from urllib.parse import quote, unquote

import pydantic_core
import redis.asyncio
import redis.exceptions
from pydantic import BaseModel, Field, ValidationError
from redis.asyncio.connection import SSLConnection, UnixDomainSocketConnection
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.commands.core import AsyncScript

from bot.store.breaker import BreakerOpen, CircuitBreaker
from bot.store.put_batches import PutBatches, send_groups
from bot.store.puts import PUT_DOCUMENTS_SCRIPT, Group, Put, Written
from bot.store.workspace import CURRENT

logger = logging.getLogger(__name__)

KEY_PREFIX = "hirebot:"
HISTORY_MAX_TURNS = 20
HISTORY_TTL = 7 * 24 * 60 * 60
CONNECT_TIMEOUT = 1.0
COMMAND_TIMEOUT = 2.0
MAX_CONNECTIONS = 64
MAX_CAUSE_DEPTH = 8


class StoreUnavailable(Exception):  # noqa: N818 (the name callers already use)
    """Redis cannot be started or reached; the message is one line, safe to show a user."""


class Turn(BaseModel):
    """One message of a conversation, with whatever structured context the answer engine keeps with it."""

    role: Literal["user", "assistant"]
    text: str
    data: dict[str, Any] = Field(default_factory=dict)
    at: float = Field(default_factory=time.time)


def connect_redis(url: str) -> redis.asyncio.Redis:
    """An asyncio client for ``url`` that fails fast when the server is down and reconnects when it is back.

    ``Redis.from_url`` gives connections no retry at all, while ``Redis(...)`` defaults to 10 retries with
    exponential backoff, which turns a dead server into a multi-second hang. Here a command is retried
    once, at once, after a connection error only: that covers a pooled connection the server closed
    (a restart), while a timeout is not retried, so a hung server costs one ``COMMAND_TIMEOUT`` and a
    command whose reply was lost is never sent twice.

    The pool blocks (up to ``COMMAND_TIMEOUT``) when all ``MAX_CONNECTIONS`` are busy: redis-py's default pool
    instead fails the 101st concurrent command at once with "Too many connections", which under a burst of
    scorecard submissions told people the database was down (docs/benchmarks.md).
    """
    pool = redis.asyncio.BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=COMMAND_TIMEOUT,
        decode_responses=True,
        socket_connect_timeout=CONNECT_TIMEOUT,
        socket_timeout=COMMAND_TIMEOUT,
        retry=Retry(NoBackoff(), retries=1, supported_errors=(redis.exceptions.ConnectionError,)),
    )
    return redis.asyncio.Redis(connection_pool=pool)


class Store:
    """hirebot's data in one Redis database, every key under ``prefix``; see the module docstring for the layout."""

    available = True  # False only for ``bot.store.unavailable.UnavailableStore``
    scoped = True  # False for ``unscoped()``'s view

    def __init__(
        self, redis: redis.asyncio.Redis, prefix: str = KEY_PREFIX, *, breaker: CircuitBreaker | None = None
    ) -> None:
        self.redis = redis
        self.base_prefix = prefix
        self.breaker = breaker
        self.on_unavailable: list[Callable[[], None]] = []  # e.g. a metrics counter
        self.on_suspect: list[Callable[[], None]] = []  # a call failed: the supervisor probes at once
        self.restarts = 0  # times the supervisor restarted the embedded server this store uses
        self._scripts: dict[str, AsyncScript] = {}
        self._batches = PutBatches(
            lambda groups: send_groups(self.redis, self._script(PUT_DOCUMENTS_SCRIPT), groups, self.breaker)
        )

    @property
    def prefix(self) -> str:
        """The prefix of every key, the current workspace's keyspace included (``bot.store.workspace``)."""
        workspace = CURRENT.get() if self.scoped else None
        return self.base_prefix if workspace is None else self.base_prefix + workspace.keyspace

    def unscoped(self) -> Store:
        """This store (same connections, breaker and listeners) with keys outside any workspace."""
        view = copy.copy(self)
        view.scoped = False
        return view

    @property
    def location(self) -> str:
        """Where the server is, as a URL without credentials."""
        pool = self.redis.connection_pool
        settings = pool.connection_kwargs
        if issubclass(pool.connection_class, UnixDomainSocketConnection):
            return f"unix://{settings.get('path', '')}"
        scheme = "rediss" if issubclass(pool.connection_class, SSLConnection) else "redis"
        return f"{scheme}://{settings.get('host', 'localhost')}:{settings.get('port', 6379)}/{settings.get('db', 0)}"

    def history_key(self, conversation: str) -> str:
        return self._key("history", conversation)

    def claim_key(self, namespace: str, key: str) -> str:
        return self._key("once", namespace, key)

    def document_key(self, kind: str, doc_id: str) -> str:
        return self._key("doc", kind, doc_id)

    def index_key(self, kind: str, index: str) -> str:
        return self._key("index", kind, index)

    async def ping(self) -> None:
        with self._reachable():
            await self.redis.ping()

    async def readiness(self) -> str | None:
        """None if the store takes calls now, else why not in one line. With a breaker this is the supervisor's
        verdict from its last probe, answered at once; without one, a ping (up to ``COMMAND_TIMEOUT``)."""
        if self.breaker is not None:
            return None if self.breaker.closed else f"Redis at {self.location} is unreachable: {self.breaker.reason}"
        try:
            await self.ping()
        except StoreUnavailable as error:
            return str(error)
        return None

    async def close(self) -> None:
        """Release the connection pool; never raises (an open breaker or a dead server has nothing to close)."""
        with suppress(redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            await self.redis.aclose()

    async def run_script(self, source: str, args: Sequence[str | int], *, keys: Sequence[str] = ()) -> Any:
        """Run a Lua script (by ``EVALSHA``; redis-py's ``Script`` loads it again after a server restart)."""
        with self._reachable():
            return await self._script(source)(keys=list(keys), args=list(args))

    def _script(self, source: str) -> AsyncScript:
        script = self._scripts.get(source)
        if script is None:
            script = self._scripts[source] = self.redis.register_script(source)
        return script

    async def append_turn(self, conversation: str, turn: Turn) -> None:
        await self.append_turns(conversation, (turn,))

    async def append_turns(self, conversation: str, turns: Sequence[Turn], *, also: Put | None = None) -> None:
        """Append turns in one round trip, keep only the last ``HISTORY_MAX_TURNS``, restart the TTL clock; ``also``
        (a document without indexes) is written in the same transaction."""
        key = self.history_key(conversation)
        with self._reachable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.rpush(key, *(turn.model_dump_json() for turn in turns))
                pipe.ltrim(key, -HISTORY_MAX_TURNS, -1)
                pipe.expire(key, HISTORY_TTL)
                if also is not None:
                    payload = pydantic_core.to_json(also.document).decode()
                    pipe.set(self.document_key(also.kind, also.doc_id), payload, ex=also.ttl)
                await pipe.execute()

    async def recent_turns(self, conversation: str, limit: int = HISTORY_MAX_TURNS) -> list[Turn]:
        """The last ``limit`` turns, oldest first. A stored turn that no longer parses is skipped."""
        if limit <= 0:
            return []
        with self._reachable():
            raw_turns = await self.redis.lrange(self.history_key(conversation), -limit, -1)
        return _parse_turns(raw_turns, conversation)

    async def recent_turns_and_document(
        self, conversation: str, limit: int, kind: str, doc_id: str
    ) -> tuple[list[Turn], dict[str, Any] | None]:
        """``recent_turns`` and ``get_document`` in one round trip (a pipeline, not a transaction): what an
        answer reads before it is made, the conversation and the workspace's settings, costs no more than the
        conversation alone. ``limit`` is at least 1."""
        with self._reachable():
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.lrange(self.history_key(conversation), -max(limit, 1), -1)
                pipe.get(self.document_key(kind, doc_id))
                raw_turns, payload = await pipe.execute()
        return _parse_turns(raw_turns, conversation), None if payload is None else _parse_document(payload)

    async def clear_history(self, conversation: str) -> None:
        with self._reachable():
            await self.redis.delete(self.history_key(conversation))

    async def claim_once(self, namespace: str, key: str, ttl: int) -> bool:
        """True for the first caller to claim ``key`` in ``namespace`` within ``ttl`` seconds, False after.

        For work that must happen once even when Slack retries a delivery or two processes race.
        """
        with self._reachable():
            claimed = await self.redis.set(self.claim_key(namespace, key), "1", nx=True, ex=ttl)
        return bool(claimed)

    async def put_document(
        self,
        kind: str,
        doc_id: str,
        document: dict[str, Any] | BaseModel,
        *,
        indexes: Iterable[str] = (),
        ttl: int | None = None,
    ) -> None:
        """Store ``document`` as JSON and list ``doc_id`` first in each index, in one transaction.

        Index entries do not expire with a document that has a ``ttl``; readers skip ids whose document is
        gone (``get_documents`` does) and ``delete_document`` removes them.
        """
        await self.put_documents([Put(kind, doc_id, document, tuple(indexes), ttl)])

    async def put_documents(
        self, puts: Sequence[Put], *, exists: Sequence[str] = (), read: Sequence[str] = ()
    ) -> Written:
        """Whether each key in ``exists`` (from ``document_key``, ``claim_key``...) existed and the value of each
        key in ``read``, then every put (as ``put_document``), all in one atomic Lua script: the checks and reads
        see the data as it was just before the puts, and no other command runs in between.

        One ``EVALSHA`` rather than a ``MULTI`` pipeline: the pipeline's dozen commands each cost a reply to parse
        (``QUEUED``, then the ``EXEC`` array), a tenth of a scorecard submission's CPU (docs/benchmarks.md). And
        calls made while another is on its way share the next script (``bot.store.put_batches``).
        """
        keys = [*exists, *read]
        args: list[str | int] = []
        for put in puts:
            keys.append(self.document_key(put.kind, put.doc_id))
            keys.extend(self.index_key(put.kind, index) for index in put.indexes)
            args += [pydantic_core.to_json(put.document).decode(), put.ttl or 0, put.doc_id, len(put.indexes)]
        if not keys:
            return Written(existed=[], read=[])
        with self._reachable():
            return await self._batches.put(Group(len(exists), len(read), len(puts), keys, args))

    async def get_document(self, kind: str, doc_id: str) -> dict[str, Any] | None:
        with self._reachable():
            payload = await self.redis.get(self.document_key(kind, doc_id))
        return None if payload is None else _parse_document(payload)

    async def get_documents(self, kind: str, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The documents that exist among ``doc_ids``, in the same order, missing ones skipped."""
        keys = [self.document_key(kind, doc_id) for doc_id in doc_ids]
        if not keys:
            return []
        with self._reachable():
            payloads = await self.redis.mget(keys)
        return [_parse_document(payload) for payload in payloads if payload is not None]

    async def delete_document(self, kind: str, doc_id: str, *, indexes: Iterable[str] = ()) -> bool:
        """Delete a document and its entries in ``indexes``; whether the document existed."""
        with self._reachable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.delete(self.document_key(kind, doc_id))
                for index in indexes:
                    pipe.zrem(self.index_key(kind, index), doc_id)
                results = await pipe.execute()
        return bool(results[0])

    async def index_members(self, kind: str, index: str, limit: int | None = None) -> list[str]:
        """The doc_ids in an index, most recently put first."""
        if limit is not None and limit <= 0:
            return []
        last = -1 if limit is None else limit - 1
        with self._reachable():
            members = await self.redis.zrevrange(self.index_key(kind, index), 0, last)
        return [_text(member) for member in members]

    async def incr_counter(self, namespace: str, key: str, *, amount: int = 1, ttl: int) -> int:
        """Add to a counter and return its new value; the counter expires ``ttl`` seconds after the last add."""
        counter = self._key("count", namespace, key)
        with self._reachable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.incrby(counter, amount)
                pipe.expire(counter, ttl)
                value, _ = await pipe.execute()
        return int(value)

    async def read_counter(self, namespace: str, key: str) -> int:
        with self._reachable():
            value = await self.redis.get(self._key("count", namespace, key))
        return int(value or 0)

    async def add_to_tally(self, namespace: str, key: str, amounts: dict[str, int], *, ttl: int) -> None:
        """Add to integer fields of one tally in one transaction."""
        tally = self._key("tally", namespace, key)
        with self._reachable():
            async with self.redis.pipeline(transaction=True) as pipe:
                for field, amount in amounts.items():
                    pipe.hincrby(tally, field, amount)
                pipe.expire(tally, ttl)
                await pipe.execute()

    async def tallies(self, namespace: str) -> dict[str, dict[str, int]]:
        """Every tally in ``namespace``, by key."""
        pattern = self._key("tally", namespace, "") + "*"
        found: dict[str, dict[str, int]] = {}
        with self._reachable():
            async for raw_key in self.redis.scan_iter(match=pattern, count=500):
                key = _text(raw_key)
                values = await self.redis.hgetall(key)
                found[unquote(key[len(pattern) - 1 :])] = {_text(f): int(v) for f, v in values.items()}
        return found

    def _key(self, section: str, *parts: str) -> str:
        return self.prefix + ":".join([section, *(quote(part, safe="") for part in parts)])

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        if self.breaker is not None:
            try:
                self.breaker.check()
            except BreakerOpen as open_breaker:
                for listener in self.on_unavailable:
                    listener()
                raise StoreUnavailable(f"Redis at {self.location} is unreachable: {open_breaker}") from None
        try:
            yield
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as error:
            for listener in self.on_unavailable:
                listener()
            for suspect in self.on_suspect:
                suspect()
            raise StoreUnavailable(f"Redis at {self.location} is unreachable: {reason_of(error)}") from error


def _text(value: object) -> str:
    """A reply item as text; bytes only if the client was made without ``decode_responses``."""
    return value.decode() if isinstance(value, bytes) else str(value)


def _parse_turns(raw_turns: Iterable[str | bytes], conversation: str) -> list[Turn]:
    """The turns that parse; a stored turn that no longer does is skipped."""
    turns = []
    for raw_turn in raw_turns:
        try:
            turns.append(Turn.model_validate_json(raw_turn))
        except ValidationError:
            logger.warning("Skipping an unreadable turn in conversation %r", conversation)
    return turns


def _parse_document(payload: str | bytes) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(payload)
    return document


def reason_of(error: BaseException) -> str:
    """The root cause in a few words, e.g. "Connection refused", rather than redis-py's full message."""
    if isinstance(error, (redis.exceptions.TimeoutError, TimeoutError)):
        return "no reply in time"
    cause: BaseException | None = error
    for _ in range(MAX_CAUSE_DEPTH):
        if cause is None:
            break
        if isinstance(cause, OSError) and cause.errno:
            return os.strerror(cause.errno)
        cause = cause.__cause__ or cause.__context__
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
