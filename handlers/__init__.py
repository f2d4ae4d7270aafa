"""Slack's surfaces, one module each, every one with ``register(app, deps)`` and thin listeners.

What the listeners share lives here: ``parsed``, the listener middleware that reads a payload once into a typed
model (``blocks.payloads``) and hands it to the listener as an argument, so no listener opens by parsing and
no listener sees a malformed payload. What a person is told when a payload is damaged is decided here too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

Parser = Callable[[dict[str, Any]], Any]

# Argument names Bolt fills itself (slack_bolt.kwargs_injection); a context key with one of them never reaches
# the listener, so ``parsed`` refuses them.
BOLT_ARGUMENTS = frozenset(
    {
        "logger",
        "client",
        "req",
        "request",
        "resp",
        "response",
        "context",
        "body",
        "options",
        "shortcut",
        "action",
        "view",
        "command",
        "event",
        "message",
        "step",
        "ack",
        "say",
        "respond",
        "complete",
        "fail",
        "set_status",
        "set_title",
        "set_suggested_prompts",
        "get_thread_context",
        "save_thread_context",
        "say_stream",
        "next",
        "next_",
        "error",
        "payload",
    }
)


class ParsedPayload(AsyncMiddleware):
    """Listener middleware: ``parse`` the request body (or its ``part``, e.g. ``"event"``) and put the result in
    the context under ``into``, where Bolt passes it to a listener parameter of that name.

    A payload that doesn't parse never reaches the listener. Slack is acknowledged (for a view submission with
    ``errors``, so the form stays open and says why), the person is told ``tell`` where Slack gave a response
    URL, and the payload is logged by kind only (``quiet`` for events that are routinely not ours).

    A class rather than a decorated function: Bolt calls an ``AsyncMiddleware`` with the request as is, where a
    function middleware first has its arguments injected (``build_async_required_kwargs`` builds some thirty
    of them per call), which showed in every request's profile (docs/benchmarks.md).
    """

    def __init__(
        self,
        into: str,
        parse: Parser,
        *,
        part: str | None = None,
        tell: str | None = None,
        errors: dict[str, str] | None = None,
        quiet: bool = False,
    ) -> None:
        if into in BOLT_ARGUMENTS:
            raise ValueError(f"{into!r} is an argument Bolt fills itself; name the parsed payload something else")
        self.into, self.parse, self.part = into, parse, part
        self.tell, self.errors, self.quiet = tell, errors, quiet

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        body: dict[str, Any] = req.body
        source = body.get(self.part) if self.part is not None else body
        try:
            req.context[self.into] = self.parse(source if isinstance(source, dict) else {})
        except ValidationError:
            (logger.debug if self.quiet else logger.warning)("A %s payload didn't parse", self.into)
            respond = req.context.respond
            if self.tell is not None and respond is not None:
                await respond(response_type="ephemeral", replace_original=False, text=self.tell)
            if self.errors is not None:
                ack_body = json.dumps({"response_action": "errors", "errors": self.errors})
                return BoltResponse(status=200, body=ack_body, headers={"content-type": "application/json"})
            return BoltResponse(status=200, body="")
        return await next()


parsed = ParsedPayload  # as listeners declare it: ``middleware=[parsed("form", parse_x)]``
