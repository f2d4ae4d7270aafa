"""Log lines are one line each, carry the request id, and never print a token."""

from __future__ import annotations

import asyncio
import logging

from bot.ops.logs import REQUEST_ID, OneLineFormatter, ScrubSecrets, new_request_id, scrub


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("hirebot.test", logging.ERROR, __file__, 1, message, args, exc_info)


def test_one_line_with_request_id_and_escaped_newlines() -> None:
    REQUEST_ID.set("abc123")
    try:
        raise ValueError("bad\nthing")
    except ValueError as error:
        line = OneLineFormatter().format(record("answer failed\nfor %s", "U1", exc=error))
    assert "\n" not in line
    assert "request_id=abc123" in line
    assert 'msg="answer failed\\nfor U1"' in line
    assert "ValueError" in line


def test_tokens_are_scrubbed_by_the_formatter_and_the_filter() -> None:
    line = OneLineFormatter().format(record("using %s and %s", "xoxb-1-2-secret", "sk-ant-api03-secret"))
    assert "secret" not in line
    assert line.count("[redacted]") == 2
    filtered = record("app token %s", "xapp-1-A1-secret")
    ScrubSecrets().filter(filtered)
    assert filtered.getMessage() == "app token [redacted]"
    assert scrub("no tokens here") == "no tokens here"


async def test_request_id_follows_into_tasks_the_request_starts() -> None:
    REQUEST_ID.set(new_request_id())
    outer = REQUEST_ID.get()

    async def inner() -> str:
        return REQUEST_ID.get()

    assert await asyncio.get_running_loop().create_task(inner()) == outer
    assert len(outer) == 12
