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
from slack_bolt.async_app import AsyncBoltContext, AsyncRespond
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
ListenerMiddleware = Callable[..., Awaitable[BoltResponse | None]]


def parsed(
    into: str,
    parse: Parser,
    *,
    part: str | None = None,
    tell: str | None = None,
    errors: dict[str, str] | None = None,
    quiet: bool = False,
) -> ListenerMiddleware:
    """Listener middleware: ``parse`` the request body (or its ``part``, e.g. ``"event"``) and put the result in
    the context under ``into``, where Bolt passes it to a listener parameter of that name.

    A payload that doesn't parse never reaches the listener. Slack is acknowledged (for a view submission with
    ``errors``, so the form stays open and says why), the person is told ``tell`` where Slack gave a response
    URL, and the payload is logged by kind only (``quiet`` for events that are routinely not ours).
    """
    if into in BOLT_ARGUMENTS:
        raise ValueError(f"{into!r} is an argument Bolt fills itself; name the parsed payload something else")

    async def parse_payload(
        body: dict[str, Any],
        context: AsyncBoltContext,
        next: Callable[[], Awaitable[None]],
        respond: AsyncRespond | None = None,
    ) -> BoltResponse | None:
        source = body.get(part) if part is not None else body
        try:
            context[into] = parse(source if isinstance(source, dict) else {})
        except ValidationError:
            (logger.debug if quiet else logger.warning)("A %s payload didn't parse", into)
            if tell is not None and respond is not None:
                await respond(response_type="ephemeral", replace_original=False, text=tell)
            if errors is not None:
                ack_body = json.dumps({"response_action": "errors", "errors": errors})
                return BoltResponse(status=200, body=ack_body, headers={"content-type": "application/json"})
            return BoltResponse(status=200, body="")
        await next()
        return None

    return parse_payload
