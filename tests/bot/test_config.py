"""Settings from the environment: defaults, secrets kept secret, and one-line errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_ANTHROPIC_MODEL, Settings, SettingsError, load_settings, redacted_url


def test_defaults_need_no_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HIREBOT_DATA_DIR")
    settings = load_settings()
    assert settings.slack_bot_token is None
    assert settings.redis_url is None
    assert str(settings.slack_api_url) == "https://slack.com/api/"
    assert settings.data_dir == Path("~/.local/share/hirebot").expanduser()
    assert settings.anthropic_model == DEFAULT_ANTHROPIC_MODEL
    assert not settings.llm_enabled


def test_reads_every_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    values = {
        "SLACK_BOT_TOKEN": "xoxb-1-secret",
        "SLACK_SIGNING_SECRET": "signing-secret",
        "SLACK_APP_TOKEN": "xapp-1-secret",
        "SLACK_API_URL": "http://127.0.0.1:9999/api/",
        "REDIS_URL": "redis://localhost:6380/2",
        "HIREBOT_DATA_DIR": str(tmp_path),
        "ANTHROPIC_API_KEY": "sk-ant-secret",
        "ANTHROPIC_BASE_URL": "http://127.0.0.1:9998",
        "ANTHROPIC_MODEL": "claude-haiku-4-5",
        "HIRING_CHANNEL": "#hiring",
        "HIRING_MANAGERS": "U0123456789, W0123456",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-1-secret"
    assert settings.slack_app_token is not None
    assert settings.slack_app_token.get_secret_value() == "xapp-1-secret"
    assert str(settings.slack_api_url) == "http://127.0.0.1:9999/api/"
    assert settings.redis_url is not None
    assert settings.redis_url.get_secret_value() == "redis://localhost:6380/2"
    assert settings.data_dir == tmp_path
    assert settings.llm_enabled
    assert settings.anthropic_model == "claude-haiku-4-5"
    assert settings.hiring_channel == "#hiring"
    assert settings.hiring_managers == ("U0123456789", "W0123456")


def test_secrets_never_appear_in_repr_or_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-top-secret")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-top-secret")
    monkeypatch.setenv("REDIS_URL", "redis://:hunter2@localhost:6379/0")
    settings = load_settings()
    shown = repr(settings) + str(settings) + str(settings.model_dump())
    assert "top-secret" not in shown
    assert "hunter2" not in shown

    monkeypatch.setenv("SLACK_SIGNING_SECRET", "")
    monkeypatch.setenv("SLACK_APP_TOKEN", "not-an-app-token-secret")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert "secret" not in str(raised.value)


def test_blank_values_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "  ")
    monkeypatch.setenv("REDIS_URL", "")
    settings = load_settings()
    assert settings.slack_bot_token is None
    assert settings.redis_url is None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("REDIS_URL", "http://localhost", "REDIS_URL: expected a redis://, rediss:// or unix:// URL"),
        ("REDIS_URL", "redis://", "REDIS_URL: expected a URL with a host"),
        ("SLACK_BOT_TOKEN", "xoxp-user-token", "SLACK_BOT_TOKEN: expected a bot token starting with xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-1", "SLACK_APP_TOKEN: expected an app-level token starting with xapp-"),
        ("SLACK_API_URL", "not a url", "SLACK_API_URL: "),
        ("HIRING_CHANNEL", "hiring", "HIRING_CHANNEL: expected a channel ID like C0123456789 or a name like #hiring"),
        ("HIRING_MANAGERS", "bob", "HIRING_MANAGERS: expected Slack user IDs"),
    ],
)
def test_bad_values_name_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    message = str(raised.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("HIRING_CHANNEL=C0123456789\n")
    assert load_settings().hiring_channel == "C0123456789"
    assert Settings(_env_file=None).hiring_channel is None  # type: ignore[call-arg]


def test_redacted_url_hides_only_the_password() -> None:
    assert redacted_url("redis://user:pw@host:6380/1") == "redis://user:***@host:6380/1"
    assert redacted_url("redis://:pw@host") == "redis://:***@host"
    assert redacted_url("unix:///tmp/redis.sock") == "unix:///tmp/redis.sock"
