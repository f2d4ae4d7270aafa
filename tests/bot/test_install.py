"""The OAuth install's settings and its one source of scopes, manifest.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import SettingsError, load_settings
from bot.install.manifest import ManifestError, read_scopes
from bot.install.oauth import check_install_settings
from bot.runtime import MissingCredentials
from bot.server import create_web_app

ROOT = Path(__file__).resolve().parents[2]


def test_oauth_is_on_with_a_client_id_and_secret_and_the_secret_stays_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not load_settings().oauth_enabled
    monkeypatch.setenv("SLACK_CLIENT_ID", "1234567890.9876543210")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret-value")
    settings = load_settings()
    assert settings.oauth_enabled and "client-secret-value" not in repr(settings)
    assert settings.hirebot_uninstall_grace_days == 30
    monkeypatch.setenv("SLACK_CLIENT_ID", " ")
    assert not load_settings().oauth_enabled, "blank is unset"
    monkeypatch.setenv("SLACK_CLIENT_ID", "not-a-client-id")
    with pytest.raises(SettingsError, match=r"^SLACK_CLIENT_ID: "):
        load_settings()


def test_the_scopes_are_the_manifests(tmp_path: Path) -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert read_scopes(ROOT / "manifest.yml") == (tuple(manifest["oauth_config"]["scopes"]["bot"]), ())
    (tmp_path / "broken.yml").write_text("oauth_config: {scopes: {}}\n")
    with pytest.raises(ManifestError, match=r"no oauth_config\.scopes\.bot"):
        read_scopes(tmp_path / "broken.yml")


def test_serving_by_oauth_needs_the_signing_secret_and_the_manifest(tmp_path: Path) -> None:
    oauth = {"slack_client_id": "1234567890.9876543210", "slack_client_secret": "client-secret-value"}
    with pytest.raises(MissingCredentials, match=r"^SLACK_SIGNING_SECRET is not set"):
        create_web_app(load_settings(**oauth))
    missing = load_settings(**oauth, slack_signing_secret="s", hirebot_manifest=tmp_path / "nowhere.yml")
    with pytest.raises(MissingCredentials, match=r"^HIREBOT_MANIFEST: can.t read .*nowhere\.yml"):
        check_install_settings(missing)
    check_install_settings(load_settings(**oauth, slack_signing_secret="s", hirebot_manifest=ROOT / "manifest.yml"))
