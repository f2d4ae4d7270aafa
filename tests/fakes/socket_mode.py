"""Slack's Socket Mode side, mounted on the fake Web API's server (``FakeSlackAPI.socket_mode``).

The flow ``slack_sdk.socket_mode.aiohttp.SocketModeClient`` (and so Bolt's ``AsyncSocketModeHandler``)
expects, read from its source:

1. ``apps.connections.open`` with the ``xapp-`` token returns ``{"ok": true, "url": "ws://.../link/?ticket=..."}``.
2. The client connects, sends ``sdk-ping-pong:<time>`` WebSocket pings and expects pongs with the same data
   (aiohttp answers them here: ``autoping``); four missed ping intervals mark the session stale.
3. The server says ``{"type": "hello", ...}``, then sends envelopes
   ``{"envelope_id", "type", "payload", "accepts_response_payload", ...}``; the client answers each with
   ``{"envelope_id": ..., "payload": {...}}`` (``payload`` only when the listener's ack carried one).
4. To rotate, the server sends ``{"type": "disconnect", "reason": "refresh_requested"}``: the client fetches a
   new URL at once. A close frame also makes it reconnect at once; a connection that just dies is noticed by
   the client's monitor within one ``ping_interval``, then it calls ``apps.connections.open`` again.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from secrets import token_hex
from typing import Any, Final
from uuid import uuid4

from aiohttp import WSCloseCode, WSMsgType, web

from tests.fakes.workspace import APP_ID

logger = logging.getLogger(__name__)

LINK_PATH: Final = "/link/"
ENVELOPE_TYPES: Final = frozenset({"slash_commands", "interactive", "events_api"})
RESPONSE_PAYLOAD_INTERACTIONS: Final = frozenset({"view_submission", "block_suggestion"})
CLOSE_TIMEOUT: Final = 1.0  # seconds to wait for the client's close frame; keeps shutdown quick

JsonDict = dict[str, Any]


@dataclass
class SocketConnection:
    """One client WebSocket, as the server sees it."""

    number: int
    ws: web.WebSocketResponse
    request: web.Request
    received: list[JsonDict] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return not self.ws.closed


class FakeSocketModeServer:
    """The WebSocket endpoint plus what a test needs to drive it and to observe the client's acks."""

    def __init__(self, *, app_id: str = APP_ID) -> None:
        self.app_id = app_id
        self.urls_issued = 0
        self.connections_opened = 0
        self.envelopes: list[JsonDict] = []
        self.acks: dict[str, JsonDict] = {}
        self.received: list[JsonDict] = []
        self._tickets: set[str] = set()
        self._connections: list[SocketConnection] = []
        self._changed = asyncio.Condition()
        self._ws_base_url: Callable[[], str] | None = None

    def install(self, app: web.Application, ws_base_url: Callable[[], str]) -> None:
        """Adds the WebSocket route to the fake's aiohttp app; ``ws_base_url`` is known once it listens."""
        self._ws_base_url = ws_base_url
        app.router.add_get(LINK_PATH, self._handle_link)
        app.on_shutdown.append(self._close_all)

    def issue_url(self) -> str:
        """A fresh WebSocket URL, as ``apps.connections.open`` returns it."""
        if self._ws_base_url is None:
            raise RuntimeError("FakeSocketModeServer.install() was not called")
        ticket = token_hex(16)
        self._tickets.add(ticket)
        self.urls_issued += 1
        return f"{self._ws_base_url()}{LINK_PATH}?ticket={ticket}&app_id={self.app_id}"

    @property
    def open_connections(self) -> int:
        return sum(1 for connection in self._connections if connection.is_open)

    async def wait_for_connections(self, count: int = 1, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Waits until ``count`` connections have been opened in total and one of them is open now."""
        await self._wait(
            lambda: self.connections_opened >= count and self.open_connections > 0,
            timeout,
            lambda: f"{count} connection(s); {self.connections_opened} opened, {self.open_connections} open",
        )

    async def send_envelope(
        self,
        type: str,  # Slack's field name
        payload: JsonDict,
        *,
        accepts_response_payload: bool | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
        timeout: float = 5.0,  # noqa: ASYNC109 - a test deadline, turned into an AssertionError
    ) -> str:
        """Sends an envelope over the newest open connection (waiting for one) and returns its envelope_id."""
        if type not in ENVELOPE_TYPES:
            raise ValueError(f"envelope type must be one of {sorted(ENVELOPE_TYPES)}, not {type!r}")
        if accepts_response_payload is None:
            accepts_response_payload = type == "slash_commands" or (
                type == "interactive" and payload.get("type") in RESPONSE_PAYLOAD_INTERACTIONS
            )
        envelope: JsonDict = {
            "envelope_id": str(uuid4()),
            "payload": payload,
            "type": type,
            "accepts_response_payload": accepts_response_payload,
        }
        if type == "events_api":
            envelope.update(retry_attempt=retry_attempt, retry_reason=retry_reason)
        await self.send_raw(envelope, timeout=timeout)
        self.envelopes.append(envelope)
        return str(envelope["envelope_id"])

    async def send_disconnect(self, reason: str = "refresh_requested", timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Slack's polite rotation: the client opens a new connection and drops this one."""
        await self.send_raw(
            {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake"}}, timeout=timeout
        )

    async def send_raw(self, message: JsonDict, *, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Sends any JSON message over the newest open connection, waiting up to ``timeout`` for one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            await self._wait(
                lambda: self.open_connections > 0,
                max(deadline - loop.time(), 0.0),
                lambda: "an open Socket Mode connection",
            )
            connection = next(c for c in reversed(self._connections) if c.is_open)
            try:
                await connection.ws.send_str(json.dumps(message))
                return
            except ConnectionError:
                logger.debug("connection %d died while sending; trying the next one", connection.number)
                await asyncio.sleep(0.01)

    async def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> JsonDict:  # noqa: ASYNC109
        """The ``payload`` of the client's ack for ``envelope_id`` (``{}`` for a bare ack)."""
        await self._wait(lambda: envelope_id in self.acks, timeout, lambda: f"an ack for envelope {envelope_id}")
        payload = self.acks[envelope_id].get("payload")
        return dict(payload) if isinstance(payload, dict) else {}

    async def drop_connections(self, *, graceful: bool = False) -> int:
        """Closes every open connection and returns how many there were.

        By default the TCP connection is aborted with no close frame, like a network failure: the client only
        notices on its next monitor tick. ``graceful=True`` sends a close frame (code 1001) instead.
        """
        dropped = 0
        for connection in list(self._connections):
            if not connection.is_open:
                continue
            dropped += 1
            if graceful:
                await connection.ws.close(code=WSCloseCode.GOING_AWAY, message=b"going away")
            elif connection.request.transport is not None:
                connection.request.transport.abort()
        async with self._changed:
            self._changed.notify_all()
        return dropped

    async def _handle_link(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            return web.Response(status=401, text="invalid ticket")
        ws = web.WebSocketResponse(autoping=True, timeout=CLOSE_TIMEOUT)
        await ws.prepare(request)
        self.connections_opened += 1
        connection = SocketConnection(number=self.connections_opened, ws=ws, request=request)
        self._connections.append(connection)
        await ws.send_str(json.dumps(self._hello()))
        await self._notify()
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    await self._record(connection, message.data)
        finally:
            self._connections.remove(connection)
            await self._notify()
        return ws

    def _hello(self) -> JsonDict:
        return {
            "type": "hello",
            "num_connections": self.open_connections,
            "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }

    async def _record(self, connection: SocketConnection, data: str) -> None:
        try:
            message = json.loads(data)
        except json.JSONDecodeError:
            message = {"unparsed": data}
        connection.received.append(message)
        self.received.append(message)
        if isinstance(message, dict) and "envelope_id" in message:
            self.acks[str(message["envelope_id"])] = message
        await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _wait(self, ready: Callable[[], bool], seconds: float, what: Callable[[], str]) -> None:
        try:
            async with asyncio.timeout(seconds), self._changed:
                await self._changed.wait_for(ready)
        except TimeoutError:
            raise AssertionError(f"Socket Mode: timed out after {seconds:.1f}s waiting for {what()}") from None

    async def _close_all(self, app: web.Application) -> None:
        for connection in list(self._connections):
            await connection.ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
