"""Slack's side of the OAuth install, for the fake Web API: ``oauth.v2.access`` and whose token is whose.

    code = slack.oauth.approve(Workspace("T0AAAAAAA", "Acme"))   # the installer pressed "Allow" in Slack
    # Slack then sends the browser to the redirect URL with ?code=...&state=...

``oauth.v2.access`` answers as https://docs.slack.dev/reference/methods/oauth.v2.access documents: the client
credentials by HTTP Basic auth (slack_sdk's way) or in the form, a code usable once, and a bot token per workspace.
An org-wide install (Enterprise Grid) has ``"team": null`` and ``is_enterprise_install``. With ``rotation``, tokens
expire (``expires_in``) and come with a refresh token, exchanged with ``grant_type=refresh_token``
(https://docs.slack.dev/authentication/using-token-rotation): the new bot token is ``xoxe.xoxb-…`` and the old one
stops working, as Slack does. ``auth.test`` with a token issued here answers for that token's workspace.
"""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass
from typing import Any, Final

from tests.fakes.workspace import APP_ID, BOT_ID, BOT_USER_ID, USER_ID

CLIENT_ID: Final = "1234567890.9876543210"
CLIENT_SECRET: Final = "c0ffee0c0ffee0c0ffee0c0ffee0c0ff"
TOKEN_LIFETIME_SECONDS: Final = 43_200  # Slack's 12 hours

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Workspace:
    """A workspace (or, with ``enterprise_id`` and no ``team_id``, a whole Grid org) that installs the app."""

    team_id: str | None
    team_name: str = "A workspace"
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    installer: str = USER_ID

    @property
    def key(self) -> str:
        return self.team_id or str(self.enterprise_id)

    @property
    def org_wide(self) -> bool:
        return self.team_id is None


class FakeOAuth:
    def __init__(self, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.scopes = "chat:write,commands"
        self.rotation = False
        self.expires_in = TOKEN_LIFETIME_SECONDS
        self.bot_tokens: dict[str, Workspace] = {}
        self.retired: set[str] = set()  # tokens revoked or rotated away: Slack answers token_revoked
        self._codes: dict[str, tuple[Workspace, str | None]] = {}
        self._refresh_tokens: dict[str, Workspace] = {}
        self._serial = itertools.count(1)

    def approve(self, workspace: Workspace, redirect_uri: str | None = None) -> str:
        """The code Slack puts on the redirect once the installer allows the app; it can be exchanged once."""
        code = f"{next(self._serial)}.{workspace.key}.code"
        self._codes[code] = (workspace, redirect_uri)
        return code

    def token_of(self, workspace: Workspace) -> str | None:
        """The workspace's current bot token."""
        return next((token for token, owner in self.bot_tokens.items() if owner == workspace), None)

    def revoke(self, workspace: Workspace) -> None:
        """The app is uninstalled: its tokens for the workspace stop working."""
        for tokens in (self.bot_tokens, self._refresh_tokens):
            for token in [token for token, owner in tokens.items() if owner == workspace]:
                del tokens[token]
                self.retired.add(token)

    def knows(self, token: str) -> bool:
        return token in self.bot_tokens

    def auth_test(self, token: str) -> JsonDict:
        workspace = self.bot_tokens[token]
        return {
            "ok": True,
            "url": f"https://{workspace.key.lower()}.slack.com/",
            "team": workspace.team_name,
            "user": "hirebot",
            "team_id": workspace.team_id or workspace.enterprise_id,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "enterprise_id": workspace.enterprise_id,
            "is_enterprise_install": workspace.org_wide,
        }

    def access(self, authorization: str, body: JsonDict) -> JsonDict:
        client_id, client_secret = _basic_auth(authorization) or (body.get("client_id"), body.get("client_secret"))
        if client_id != self.client_id:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != self.client_secret:
            return {"ok": False, "error": "bad_client_secret"}
        if body.get("grant_type") == "refresh_token":
            workspace = self._refresh_tokens.pop(str(body.get("refresh_token")), None)
            if workspace is None:
                return {"ok": False, "error": "invalid_refresh_token"}
            self.revoke(workspace)  # the previous access token stops working
            return self._grant(workspace, refreshed=True)
        if not body.get("code"):
            return {"ok": False, "error": "invalid_code"}
        workspace, redirect_uri = self._codes.pop(str(body["code"]), (None, None))
        if workspace is None:
            return {"ok": False, "error": "invalid_code"}
        if redirect_uri is not None and body.get("redirect_uri") != redirect_uri:
            return {"ok": False, "error": "bad_redirect_uri"}
        return self._grant(workspace, refreshed=False)

    def _grant(self, workspace: Workspace, *, refreshed: bool) -> JsonDict:
        serial = next(self._serial)
        token = f"xoxb-{workspace.key}-{serial}-bot"
        if self.rotation:
            token = f"xoxe.{token}"
        self.bot_tokens[token] = workspace
        grant: JsonDict = {
            "ok": True,
            "app_id": APP_ID,
            "access_token": token,
            "token_type": "bot",
            "scope": self.scopes,
            "bot_user_id": BOT_USER_ID,
            "team": None if workspace.org_wide else {"id": workspace.team_id, "name": workspace.team_name},
            "enterprise": (
                {"id": workspace.enterprise_id, "name": workspace.enterprise_name} if workspace.enterprise_id else None
            ),
            "is_enterprise_install": workspace.org_wide,
        }
        if not refreshed:
            grant["authed_user"] = {"id": workspace.installer}
        if self.rotation:
            refresh_token = f"xoxe-1-{workspace.key}-{serial}"
            self._refresh_tokens[refresh_token] = workspace
            grant |= {"refresh_token": refresh_token, "expires_in": self.expires_in}
        return grant


def _basic_auth(header: str) -> tuple[str, str] | None:
    if not header.startswith("Basic "):
        return None
    try:
        client_id, _, client_secret = base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
    except ValueError:
        return None
    return client_id, client_secret
