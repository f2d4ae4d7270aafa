"""``GET /slack/install`` and ``GET /slack/oauth_redirect`` on hirebot's aiohttp server, handed to Bolt's OAuth
flow the way Bolt's own adapters do it (``slack_bolt/adapter/starlette/async_handler.py``: a GET on the flow's
``install_path`` or ``redirect_uri_path``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from blocks import messages
from bot.install.oauth import SLACK_OAUTH_ERROR, install_page
from bot.store.redis_store import StoreUnavailable

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

FlowStep = Callable[[AsyncOAuthFlow, AsyncBoltRequest], Awaitable[BoltResponse]]


def add_install_routes(web_app: web.Application, bolt_app: web.AppKey[AsyncApp]) -> None:
    """The two routes; they answer 404 while the app has no OAuth flow (single-workspace mode)."""

    def route(step: FlowStep) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handle(request: web.Request) -> web.StreamResponse:
            flow = request.app[bolt_app].oauth_flow
            if flow is None:
                raise web.HTTPNotFound()
            SLACK_OAUTH_ERROR.set(None)
            headers: dict[str, str | Sequence[str]] = {name.lower(): value for name, value in request.headers.items()}
            bolt_request = AsyncBoltRequest(body="", query=request.query_string, headers=headers)
            try:
                response = await step(flow, bolt_request)
            except StoreUnavailable:  # issuing or consuming the state
                response = install_page(messages.INSTALL_STORE_DOWN, flow.install_path, 503)
            return await to_aiohttp_response(response)

        return handle

    web_app.router.add_get(INSTALL_PATH, route(lambda flow, request: flow.handle_installation(request)))
    web_app.router.add_get(REDIRECT_PATH, route(lambda flow, request: flow.handle_callback(request)))
