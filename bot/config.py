"""Settings read once from the environment (and an optional ``.env``), then passed down explicitly.

Every field maps to one environment variable of the same name in upper case. Tokens are ``SecretStr`` so
they never appear in a ``repr``, a log line or an error. ``load_settings`` turns a validation failure into
one line that names the variable and what it expects, which the CLI prints before exiting with status 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    Field,
    SecretStr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.identifiers import ChannelId, ChannelName, SlackUserId

DEFAULT_DATA_DIR = Path("~/.local/share/hirebot")
DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-5-5"
REDIS_SCHEMES = ("redis", "rediss", "unix")


class SettingsError(Exception):
    """A configuration value is missing or malformed; the message is one line, safe to print."""


def _check_redis_url(secret: SecretStr) -> SecretStr:
    value = secret.get_secret_value()
    parts = urlsplit(value)
    if parts.scheme not in REDIS_SCHEMES:
        raise ValueError("expected a redis://, rediss:// or unix:// URL")
    if parts.scheme == "unix" and not parts.path:
        raise ValueError("expected a unix:// URL with a socket path, e.g. unix:///run/redis.sock")
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError("expected a URL with a host, e.g. redis://localhost:6379/0")
    return secret


def _check_token(prefixes: tuple[str, ...], what: str) -> Any:
    def check(value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(prefixes):
            raise ValueError(f"expected {what} starting with {' or '.join(prefixes)}")
        return value

    return AfterValidator(check)


# A SecretStr because the URL may carry a password; ``redacted_url`` is the printable form.
RedisUrl = Annotated[SecretStr, AfterValidator(_check_redis_url)]


class Settings(BaseSettings):
    """hirebot's configuration. Only the Slack tokens are needed to serve Slack; nothing is needed offline."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        hide_input_in_errors=True,
    )

    slack_bot_token: Annotated[SecretStr | None, _check_token(("xoxb-",), "a bot token")] = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: Annotated[SecretStr | None, _check_token(("xapp-",), "an app-level token")] = None
    slack_api_url: AnyHttpUrl = AnyHttpUrl("https://slack.com/api/")
    # OAuth install (``hirebot serve`` for any workspace): both set, with the signing secret, turn it on.
    slack_client_id: str | None = Field(default=None, pattern=r"^[0-9]+\.[0-9]+$")
    slack_client_secret: SecretStr | None = None
    slack_redirect_uri: AnyHttpUrl | None = None
    hirebot_manifest: Path = Field(default=Path("manifest.yml"), description="where the OAuth scopes are read")
    hirebot_uninstall_grace_days: int = Field(default=30, ge=0, le=3650, description="data kept after uninstall")
    redis_url: RedisUrl | None = None
    hirebot_key_prefix: str = Field(default="hirebot:", pattern=r"^[A-Za-z0-9_.:-]{1,64}$")
    hirebot_data_dir: Path = DEFAULT_DATA_DIR
    anthropic_api_key: SecretStr | None = None
    anthropic_base_url: AnyHttpUrl | None = None
    anthropic_model: str = Field(default=DEFAULT_ANTHROPIC_MODEL, min_length=1)
    hiring_channel: ChannelId | ChannelName | None = None
    hiring_managers: Annotated[tuple[SlackUserId, ...], NoDecode] = ()
    port: int = Field(default=3000, ge=1, le=65535, description="HTTP port for serving Slack")
    hirebot_llm_per_user_per_minute: int = Field(default=6, ge=1, le=1000)
    hirebot_llm_daily_token_budget: int = Field(default=2_000_000, ge=0)
    hirebot_llm_deadline_seconds: float = Field(default=20.0, gt=0, le=120)
    hirebot_retention_days: int = Field(default=365, ge=1, le=3650, description="days candidate data is kept")
    hirebot_retention_sweep_minutes: int = Field(default=60, ge=1, le=24 * 60)
    hirebot_calibration_days: int = Field(default=90, ge=1, le=3650)
    hirebot_offer_location: str = Field(default="the US", max_length=80, description="the offer modal's default")

    @field_validator(
        "redis_url",
        "hiring_channel",
        "anthropic_base_url",
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
        "slack_client_id",
        "slack_client_secret",
        "slack_redirect_uri",
        "anthropic_api_key",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("hirebot_data_dir", mode="after")
    @classmethod
    def _expand_data_dir(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("hiring_channel", mode="wrap")
    @classmethod
    def _check_channel(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise ValueError("expected a channel ID like C0123456789 or a name like #hiring") from None

    @field_validator("hiring_managers", mode="wrap")
    @classmethod
    def _check_user_ids(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, str):
            value = tuple(part for part in re.split(r"[,\s]+", value) if part)
        try:
            return handler(value)
        except ValidationError:
            raise ValueError("expected Slack user IDs like U0123456789, separated by commas") from None

    @property
    def data_dir(self) -> Path:
        return self.hirebot_data_dir

    @property
    def oauth_enabled(self) -> bool:
        """Installable in any workspace by OAuth: tokens come from the installation store, not SLACK_BOT_TOKEN."""
        return self.slack_client_id is not None and self.slack_client_secret is not None

    @property
    def llm_enabled(self) -> bool:
        return self.anthropic_api_key is not None


def redacted_url(url: str) -> str:
    """The URL with any password replaced, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def describe_error(error: ValidationError) -> str:
    """One line naming the first offending environment variable and what it expects."""
    first = error.errors(include_url=False, include_input=False)[0]
    field = str(first["loc"][0]) if first["loc"] else "settings"
    message = first["msg"].removeprefix("Value error, ")
    return f"{field.upper()}: {message[:1].lower()}{message[1:]}"


def load_settings(**overrides: Any) -> Settings:
    """Build settings from the environment; raise ``SettingsError`` with a printable line on bad input."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise SettingsError(describe_error(error)) from None
