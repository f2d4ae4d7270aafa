"""One-line structured logs (logfmt) with a request id, and secrets scrubbed from every line.

The request id is a context variable set per incoming Slack request; asyncio copies it into the tasks that
request starts, so a background answer logs under the request that caused it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from contextvars import ContextVar

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
SECRET = re.compile(r"\b(?:xox[abposr]|xapp|sk-ant)-[A-Za-z0-9-_]+")


def new_request_id() -> str:
    """Twelve random hex digits: 48 bits, enough to tell a process's requests apart in its logs."""
    return os.urandom(6).hex()


def scrub(text: str) -> str:
    return SECRET.sub("[redacted]", text)


class OneLineFormatter(logging.Formatter):
    """``time level logger request_id msg [error]``; newlines in messages and tracebacks are escaped."""

    def format(self, record: logging.LogRecord) -> str:
        line = (
            f"time={self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} level={record.levelname.lower()} "
            f"logger={record.name} request_id={REQUEST_ID.get()} msg={json.dumps(scrub(record.getMessage()))}"
        )
        if record.exc_info:
            line += f" error={json.dumps(scrub(self.formatException(record.exc_info)))}"
        return line


class ScrubSecrets(logging.Filter):
    """Defence in depth for handlers that don't use the formatter above (e.g. pytest's log capture)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(OneLineFormatter())
    handler.addFilter(ScrubSecrets())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    for name in ("hirebot", "bot", "handlers", "aiohttp.access"):
        logging.getLogger(name).setLevel(level)


class HideRejectedBodies(logging.Filter):
    """Bolt logs the whole body of a request whose signature fails; a rejected request's body is never logged."""

    PREFIX = "Invalid request signature detected"

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(self.PREFIX):
            record.msg, record.args = "Rejected a request whose Slack signature or timestamp is invalid", None
        return True


BOLT_VERIFICATION_LOGGERS = ("hirebot.bolt", "slack_bolt.AsyncRequestVerification")


def hide_rejected_bodies() -> None:
    """Idempotent: attach the filter to the loggers Bolt's request verification writes to."""
    for name in BOLT_VERIFICATION_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, HideRejectedBodies) for existing in logger.filters):
            logger.addFilter(HideRejectedBodies())


class DropClientTokenWarning(logging.Filter):
    """Bolt reads ``SLACK_BOT_TOKEN`` from the environment by itself and, given a client too, warns on every
    start "As you gave `client` as well, `token` will be unused". The client holds that same token, so the
    warning says nothing: it is dropped (slack_bolt.logger.messages.warning_client_prioritized_and_token_skipped)."""

    MESSAGE = "As you gave `client` as well, `token` will be unused."

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != self.MESSAGE


def quiet_bolt_start(bolt_logger: logging.Logger) -> None:
    """Idempotent: attach the filter above to the logger the Bolt app is given."""
    if not any(isinstance(existing, DropClientTokenWarning) for existing in bolt_logger.filters):
        bolt_logger.addFilter(DropClientTokenWarning())
