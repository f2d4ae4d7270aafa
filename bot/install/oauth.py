"""Bolt's OAuth flow, set up for hirebot: installations and state in Redis, scopes from manifest.yml, and pages that
say plainly why an install didn't happen.

Bolt does the work (``slack_bolt/oauth/async_oauth_flow.py``): ``GET /slack/install`` issues a state, sets it in
a cookie and shows the "Add to Slack" page; ``GET /slack/oauth_redirect`` checks the cookie and consumes the state
*before* exchanging the code at ``oauth.v2.access`` (https://docs.slack.dev/reference/methods/oauth.v2.access),
so a forged or expired state stores nothing, and an exchange Slack refuses stores nothing either. Three things are
added here:

- Slack's error code reaches the page. Bolt only logs it and reports ``invalid_code``; ``InstallClient`` notes it
  in a context variable (the callback awaits the exchange in the same task) for the failure page to show.
- Token rotation (https://docs.slack.dev/authentication/using-token-rotation) refreshes through ``SLACK_API_URL``:
  Bolt's default ``AsyncInstallationStoreAuthorize`` would build a client for slack.com, so one is passed.
- A Redis outage while saving is a failure page, not a 500: Bolt turns only ``BoltError`` into ``storage_error``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from blocks import messages
from bot.config import Settings
from bot.install.manifest import ManifestError, read_scopes
from bot.runtime import MissingCredentials, require
from bot.store.departures import Departures
from bot.store.installations import RedisInstallationStore
from bot.store.oauth_state import RedisOAuthStateStore
from bot.store.redis_store import Store, StoreUnavailable

logger = logging.getLogger(__name__)

STATE_EXPIRATION_SECONDS: Final = 600  # Bolt's default; the cookie and the Redis entry expire together
MAX_SHOWN_ERROR: Final = 80
SLACK_OAUTH_ERROR: ContextVar[str | None] = ContextVar("slack_oauth_error", default=None)


class InstallClient(AsyncWebClient):
    """The Web API client of the install flow and of token rotation: notes Slack's error code from
    ``oauth.v2.access`` for the failure page. No retries: an authorization code can be exchanged once."""

    async def oauth_v2_access(
        self,
        *,
        client_id: str,
        client_secret: str,
        code: str | None = None,
        redirect_uri: str | None = None,
        grant_type: str | None = None,
        refresh_token: str | None = None,
        **kwargs: Any,
    ) -> AsyncSlackResponse:
        try:
            return await super().oauth_v2_access(
                client_id=client_id,
                client_secret=client_secret,
                code=code,
                redirect_uri=redirect_uri,
                grant_type=grant_type,
                refresh_token=refresh_token,
                **kwargs,
            )
        except SlackApiError as error:
            SLACK_OAUTH_ERROR.set(str(error.response.get("error") or "unknown_error"))
            raise


class InstallFlow(AsyncOAuthFlow):
    async def store_installation(self, request: AsyncBoltRequest, installation: Installation) -> None:
        try:
            await super().store_installation(request, installation)
        except StoreUnavailable as error:
            raise BoltError(str(error)) from error


@dataclass(frozen=True, slots=True)
class Install:
    """What ``AsyncApp`` takes to serve many workspaces (``app_options``)."""

    flow: InstallFlow
    authorize: AsyncInstallationStoreAuthorize
    installations: RedisInstallationStore

    def app_options(self) -> dict[str, Any]:
        return {"oauth_flow": self.flow, "authorize": self.authorize, "installation_store": self.installations}


def check_install_settings(settings: Settings) -> None:
    """Before serving: the signing secret is set and manifest.yml gives the scopes; else ``MissingCredentials``
    with one printable line."""
    require(settings, "slack_signing_secret")
    try:
        read_scopes(settings.hirebot_manifest)
    except ManifestError as error:
        raise MissingCredentials(str(error)) from None


def build_install(settings: Settings, store: Store, client: AsyncWebClient) -> Install:
    """The OAuth flow for ``SLACK_CLIENT_ID`` / ``SLACK_CLIENT_SECRET``; raises ``ManifestError`` when
    manifest.yml can't give the scopes."""
    if settings.slack_client_id is None or settings.slack_client_secret is None:
        raise ValueError("build_install needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    client_id, client_secret = settings.slack_client_id, settings.slack_client_secret.get_secret_value()
    bot_scopes, user_scopes = read_scopes(settings.hirebot_manifest)
    # slack_sdk logs every response body at DEBUG, and oauth.v2.access answers with the tokens: this client's
    # logger never logs below INFO, so no token reaches a log whatever level the process runs at.
    client_logger = logging.getLogger("hirebot.install.slack_api")
    client_logger.setLevel(logging.INFO)
    install_client = InstallClient(
        base_url=client.base_url, session=client.session, retry_handlers=[], logger=client_logger
    )
    bolt_logger = logging.getLogger("hirebot.bolt")
    store = store.unscoped()  # installations and states belong to no workspace: they are how one is found
    installations = RedisInstallationStore(store, client_id)
    departures = Departures(store, timedelta(days=settings.hirebot_uninstall_grace_days))
    oauth_settings = AsyncOAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(bot_scopes),
        user_scopes=list(user_scopes),
        redirect_uri=str(settings.slack_redirect_uri) if settings.slack_redirect_uri else None,
        installation_store=installations,
        state_store=RedisOAuthStateStore(store, STATE_EXPIRATION_SECONDS),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
        callback_options=AsyncCallbackOptions(success=_installed(departures), failure=_not_installed),
        logger=bolt_logger,
    )
    authorize = AsyncInstallationStoreAuthorize(
        logger=bolt_logger,
        installation_store=installations,
        client_id=client_id,
        client_secret=client_secret,
        client=install_client,
    )
    flow = InstallFlow(client=install_client, logger=bolt_logger, settings=oauth_settings)
    return Install(flow=flow, authorize=authorize, installations=installations)


def _installed(departures: Departures) -> Callable[[AsyncSuccessArgs], Awaitable[BoltResponse]]:
    """Bolt's success page, once a workspace that had uninstalled is no longer counted as gone."""

    async def installed(args: AsyncSuccessArgs) -> BoltResponse:
        installation = args.installation
        team_id = None if installation.is_enterprise_install else installation.team_id
        where = installation.enterprise_id if team_id is None else team_id
        try:
            back = await departures.returned(installation.enterprise_id, team_id)
        except StoreUnavailable:
            back = False  # the install itself was saved a moment ago; the record waits for the next reinstall
            logger.warning("Could not check whether %s had uninstalled before", where)
        logger.info("hirebot was %s in %s", "installed again, finding its data," if back else "installed", where)
        return await args.default.success(args)

    return installed


async def _not_installed(args: AsyncFailureArgs) -> BoltResponse:
    """Bolt's reasons: ``invalid_browser`` / ``invalid_state`` (the state), ``missing_code``, ``invalid_code``
    (``oauth.v2.access`` refused), ``storage_error``, or Slack's own ``error`` query parameter (the installer
    cancelled: ``access_denied``)."""
    reason = args.reason[:MAX_SHOWN_ERROR]
    if reason in ("invalid_browser", "invalid_state", "missing_code"):
        text = messages.INSTALL_LINK_STALE
    elif reason == "invalid_code":
        text = messages.INSTALL_REFUSED.format(error=(SLACK_OAUTH_ERROR.get() or reason)[:MAX_SHOWN_ERROR])
    elif reason == "storage_error":
        text = messages.INSTALL_STORE_DOWN
    else:
        text = messages.INSTALL_CANCELLED.format(error=reason)
    logger.warning("An install did not complete: %s", text)
    response = install_page(text, args.settings.install_path, args.suggested_status_code)
    response.headers["set-cookie"] = [args.settings.state_utils.build_set_cookie_for_deletion()]
    return response


def install_page(text: str, install_path: str, status: int) -> BoltResponse:
    """A plain page saying why nothing was installed, with a link to start again."""
    body = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(messages.INSTALL_NOT_INSTALLED)}</title></head>"
        f'<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">'
        f"<h1>{html.escape(messages.INSTALL_NOT_INSTALLED)}</h1><p>{html.escape(text)}</p>"
        f'<p><a href="{html.escape(install_path)}">{html.escape(messages.INSTALL_START_AGAIN)}</a></p></body></html>'
    )
    return BoltResponse(status=status, body=body, headers={"content-type": "text/html; charset=utf-8"})
