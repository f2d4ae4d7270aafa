"""The server fixtures of the scenario tests, shared."""

from tests.scenarios.conftest import hirebot, in_the_test_workspace, key_prefix, settings, slack

__all__ = ["hirebot", "in_the_test_workspace", "key_prefix", "settings", "slack"]
