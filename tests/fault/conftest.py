"""The server fixtures of the scenario tests, shared."""

from tests.scenarios.conftest import hirebot, key_prefix, settings, slack

__all__ = ["hirebot", "key_prefix", "settings", "slack"]
