"""The bot scopes the install asks for, read from manifest.yml: the one place they are written (the manifest test
checks them against what the code calls)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError


class ManifestError(Exception):
    """manifest.yml can't be read or has no bot scopes; the message is one line, safe to print."""


class _Scopes(BaseModel):
    bot: tuple[str, ...]
    user: tuple[str, ...] = ()


class _OAuthConfig(BaseModel):
    scopes: _Scopes


class _Manifest(BaseModel):
    oauth_config: _OAuthConfig


def read_scopes(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(bot scopes, user scopes)`` from the Slack app manifest at ``path``."""
    try:
        manifest = _Manifest.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise ManifestError(
            f"HIREBOT_MANIFEST: can't read {path} ({error.strerror}); run from the repository or set it"
        ) from None
    except (yaml.YAMLError, ValidationError):
        raise ManifestError(f"HIREBOT_MANIFEST: {path} has no oauth_config.scopes.bot list") from None
    if not manifest.oauth_config.scopes.bot:
        raise ManifestError(f"HIREBOT_MANIFEST: {path} lists no bot scopes")
    return manifest.oauth_config.scopes.bot, manifest.oauth_config.scopes.user
