"""A fake Slack Web API on 127.0.0.1 (aiohttp's ``examples/fake_server.py`` pattern, on port 0).

    async with FakeSlackAPI() as slack:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.api_url)
        await client.chat_postMessage(channel="C0HIRING01", text="hi")
        [call] = slack.calls_to("chat.postMessage")

Every request is recorded as a ``RecordedCall`` with its body parsed the way Slack parses it: query string,
``application/x-www-form-urlencoded`` and ``application/json`` (slack_sdk sends ``json=`` for chat.postMessage
and views.*, query ``params=`` for chat.delete, users.info, apps.connections.open...). ``blocks``, ``view``,
``attachments``, ``metadata`` and ``prompts`` sent as JSON strings inside a form are decoded to objects.

Order of checks, like Slack: unknown method, then the token, then an injected failure (``fail()``), then
``blocks`` / ``view`` validation (``invalid_blocks``), then the method itself (``slack_methods.SlackMethods``).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import quote

from aiohttp import web

from tests.fakes.block_checks import check_message_blocks, check_view
from tests.fakes.loopback import LoopbackServer
from tests.fakes.slack_methods import JsonDict, SlackMethods
from tests.fakes.slack_oauth import FakeOAuth
from tests.fakes.socket_mode import FakeSocketModeServer

API_PATH: Final = "/api/"
RESPONSE_URL_PATH: Final = "/response/"
RESPONSE_URL_METHOD_PREFIX: Final = "response_url:"
JSON_ENCODED_FIELDS: Final = frozenset({"blocks", "view", "attachments", "metadata", "prompts", "chunks"})
DEFAULT_ERRORS: Final = {429: "ratelimited", 500: "internal_error", 502: "bad_gateway", 503: "service_unavailable"}
APP_TOKEN_METHODS: Final = frozenset({"apps.connections.open"})
OAUTH_METHOD: Final = "oauth.v2.access"  # authenticated by the app's client ID and secret (``slack_oauth``)
SHUTDOWN_TIMEOUT: Final = 2.0


@dataclass
class RecordedCall:
    """One request the fake received, with what it answered.

    ``method`` is the Web API method (``"chat.postMessage"``) or ``"response_url:<name>"``. ``at`` is the
    arrival time (``time.time()``); a call delayed by ``fail(delay=...)`` is recorded before the delay.
    """

    method: str
    body: JsonDict
    headers: dict[str, str]
    at: float
    http_method: str = "POST"
    status: int = 200
    response: JsonDict = field(default_factory=dict)
    injected: bool = False
    block_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.response.get("ok") is True


@dataclass
class FailureRule:
    """An injected failure, consumed by the next ``times`` calls to ``method`` (``None``: every call)."""

    method: str
    status: int
    error: str | None
    retry_after: int | None
    delay: float
    remaining: int | None


class _BadRequestBodyError(Exception):
    pass


class FakeSlackAPI(LoopbackServer):
    """The fake server. ``bot_token`` / ``app_token``: the only tokens accepted (default: any with the prefix)."""

    def __init__(self, *, bot_token: str | None = None, app_token: str | None = None) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.calls: list[RecordedCall] = []
        self.failures: list[FailureRule] = []
        self.workspace = SlackMethods()
        self.oauth = FakeOAuth()
        self.socket_mode = FakeSocketModeServer()
        self._changed = asyncio.Condition()
        self.app = web.Application()
        self.app.router.add_route("*", API_PATH + "{method}", self._handle_api)
        self.app.router.add_post(RESPONSE_URL_PATH + "{name}", self._handle_response_url)
        self.socket_mode.install(self.app, lambda: self.base_url.replace("http://", "ws://", 1))
        self._runner = web.AppRunner(self.app, shutdown_timeout=SHUTDOWN_TIMEOUT)

    # ---- lifecycle

    @property
    def api_url(self) -> str:
        """For ``AsyncWebClient(base_url=...)`` / ``SLACK_API_URL``; ends with a slash, like Slack's."""
        return self.base_url + API_PATH

    def response_url(self, name: str = "default") -> str:
        """A Slack ``response_url`` on this server; posts to it are recorded as ``response_url:<name>``."""
        return f"{self.base_url}{RESPONSE_URL_PATH}{quote(name, safe='')}"

    # ---- configuration

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int | None = 1,
        delay: float = 0.0,
    ) -> None:
        """Makes the next ``times`` calls to ``method`` fail (``times=None``: until ``reset()``).

        ``status=429`` answers ``ratelimited`` with a ``Retry-After`` header (``retry_after``, default 1; Slack
        and slack_sdk use whole seconds). A 5xx answers a JSON error with that status. ``error`` alone answers
        HTTP 200 with ``{"ok": false, "error": error}``. ``delay`` sleeps before answering; with neither
        ``status`` nor ``error`` the call then succeeds normally (a slow Slack). Rules queue per method.
        """
        if status == 200 and error is None and delay <= 0:
            raise ValueError("fail() needs a non-200 status, an error or a delay")
        if status == 429 and retry_after is None:
            retry_after = 1
        self.failures.append(FailureRule(method, status, error, retry_after, delay, times))

    def slow(self, method: str, delay: float, *, times: int | None = 1) -> None:
        """The next ``times`` calls to ``method`` succeed, after ``delay`` seconds."""
        self.fail(method, delay=delay, times=times)

    def add_user(self, user_id: str, **fields: Any) -> JsonDict:
        """Overrides what ``users.info`` returns for ``user_id`` (e.g. ``tz="Europe/Berlin"``)."""
        return self.workspace.add_user(user_id, **fields)

    def reset(self) -> None:
        """Forgets recorded calls and pending failures (the workspace state stays)."""
        self.calls.clear()
        self.failures.clear()

    # ---- inspection

    def calls_to(self, method: str, *, ok: bool | None = None) -> list[RecordedCall]:
        """Recorded calls to ``method``; ``ok=True`` / ``False`` keeps only the successful / failed ones."""
        return [call for call in self.calls if call.method == method and (ok is None or call.ok == ok)]

    def responses(self, name: str = "default") -> list[JsonDict]:
        """Bodies successfully posted to ``response_url(name)``."""
        return [call.body for call in self.calls_to(RESPONSE_URL_METHOD_PREFIX + name, ok=True)]

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - a test deadline, turned into an AssertionError
        *,
        ok: bool | None = True,
    ) -> list[RecordedCall]:
        """Waits until ``count`` calls to ``method`` are recorded and returns them all.

        Counts only successful calls by default (what Slack actually accepted); ``ok=None`` counts every
        attempt, including injected failures and rejected blocks.
        """
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(lambda: len(self.calls_to(method, ok=ok)) >= count)
        except TimeoutError:
            seen = ", ".join(f"{c.method}({'ok' if c.ok else c.response.get('error')})" for c in self.calls)
            raise AssertionError(
                f"timed out after {timeout}s waiting for {count} {method} call(s) (ok={ok}); seen: {seen or 'none'}"
            ) from None
        return self.calls_to(method, ok=ok)

    def assert_no_invalid_blocks(self) -> None:
        problems = [f"{call.method}: {error}" for call in self.calls for error in call.block_errors]
        assert not problems, "Slack would reject these blocks/views:\n" + "\n".join(problems)

    # ---- request handling

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        call = RecordedCall(
            method=method, body={}, headers=dict(request.headers), at=time.time(), http_method=request.method
        )
        try:
            call.body = await _parse_body(request)
        except _BadRequestBodyError as exc:
            return await self._answer(call, 200, {"ok": False, "error": str(exc)})
        if method == OAUTH_METHOD:
            authorization = request.headers.get("Authorization", "")
            return await self._answer_with_rules(call, lambda: (200, self.oauth.access(authorization, call.body)))
        known = method in self.workspace.handlers or method in APP_TOKEN_METHODS
        if not known:
            return await self._answer(call, 200, {"ok": False, "error": "unknown_method"})
        if (auth_error := self._auth_error(method, request, call.body)) is not None:
            return await self._answer(call, 200, {"ok": False, "error": auth_error})
        return await self._answer_with_rules(call, lambda: self._run_method(call))

    async def _handle_response_url(self, request: web.Request) -> web.StreamResponse:
        method = RESPONSE_URL_METHOD_PREFIX + request.match_info["name"]
        call = RecordedCall(method=method, body={}, headers=dict(request.headers), at=time.time())
        try:
            call.body = await _parse_body(request)
        except _BadRequestBodyError as exc:
            return await self._answer(call, 400, {"ok": False, "error": str(exc)}, text=True)
        return await self._answer_with_rules(call, lambda: self._run_response_url(call), text=True)

    def _auth_error(self, method: str, request: web.Request, body: JsonDict) -> str | None:
        token = _bearer(request.headers)
        if not token and request.content_type != "application/json":  # Slack ignores a token in a JSON body
            token = str(body.get("token") or "")
        if not token:
            return "not_authed"
        if token in self.oauth.retired:
            return "token_revoked"
        if self.oauth.knows(token):
            return None
        wants_app_token = method in APP_TOKEN_METHODS
        expected, prefix = (self.app_token, "xapp-") if wants_app_token else (self.bot_token, "xoxb-")
        if token.startswith(("xapp-", "xoxb-", "xoxp-")) and not token.startswith(prefix):
            return "not_allowed_token_type"
        if not token.startswith(prefix) or (expected is not None and token != expected):
            return "invalid_auth"
        return None

    def _run_method(self, call: RecordedCall) -> tuple[int, JsonDict]:
        body = call.body
        errors: list[str] = []
        if "blocks" in body:
            errors += check_message_blocks(body["blocks"])
        if "view" in body:
            errors += check_view(body["view"])
        if errors:
            call.block_errors = errors
            return 200, _invalid_blocks(errors)
        if call.method == "apps.connections.open":
            return 200, {"ok": True, "url": self.socket_mode.issue_url()}
        if call.method == "auth.test" and self.oauth.knows(token := _bearer(call.headers)):
            return 200, self.oauth.auth_test(token)
        return 200, self.workspace.handlers[call.method](body)

    def _run_response_url(self, call: RecordedCall) -> tuple[int, JsonDict]:
        body = call.body
        if "blocks" in body and (errors := check_message_blocks(body["blocks"])):
            call.block_errors = errors
            return 400, _invalid_blocks(errors)
        if not any(body.get(key) for key in ("text", "blocks", "attachments")) and not body.get("delete_original"):
            return 400, {"ok": False, "error": "no_text"}
        return 200, {"ok": True}

    async def _answer_with_rules(
        self, call: RecordedCall, run: Callable[[], tuple[int, JsonDict]], *, text: bool = False
    ) -> web.StreamResponse:
        rule = self._take_failure(call.method)
        if rule is None:
            status, response = run()
            return await self._answer(call, status, response, text=text)
        headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
        if rule.status == 200 and rule.error is None:
            status, response = run()
        else:
            call.injected = True
            error = rule.error or DEFAULT_ERRORS.get(rule.status, f"http_{rule.status}")
            status, response = rule.status, {"ok": False, "error": error}
        return await self._answer(call, status, response, headers=headers, delay=rule.delay, text=text)

    def _take_failure(self, method: str) -> FailureRule | None:
        for rule in self.failures:
            if rule.method == method:
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        self.failures.remove(rule)
                return rule
        return None

    async def _answer(
        self,
        call: RecordedCall,
        status: int,
        response: JsonDict,
        *,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        text: bool = False,
    ) -> web.StreamResponse:
        call.status, call.response = status, response
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()
        if delay > 0:
            await asyncio.sleep(delay)
        if text:  # hooks.slack.com answers response_url posts in plain text: "ok" or the error code
            return web.Response(
                status=status, text="ok" if response.get("ok") else str(response.get("error")), headers=headers
            )
        return web.json_response(response, status=status, headers=headers)


def _bearer(headers: Any) -> str:
    header = str(headers.get("Authorization", ""))
    return header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""


def _invalid_blocks(errors: list[str]) -> JsonDict:
    return {
        "ok": False,
        "error": "invalid_blocks",
        "errors": [error.removeprefix("[ERROR] ") for error in errors],
        "response_metadata": {"messages": errors},
    }


async def _parse_body(request: web.Request) -> JsonDict:
    """Query string, then the form or JSON body; JSON strings in a form's block fields become objects."""
    body: JsonDict = dict(request.query)
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            raw = await request.read()
            try:
                parsed = json.loads(raw) if raw.strip() else {}
            except ValueError:
                raise _BadRequestBodyError("invalid_json") from None
            if not isinstance(parsed, dict):
                raise _BadRequestBodyError("invalid_json")
            body.update(parsed)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                body[key] = value if isinstance(value, str) else f"<file {getattr(value, 'filename', key)}>"
    for key in JSON_ENCODED_FIELDS & body.keys():
        if isinstance(body[key], str):
            body[key] = _decode_json(body[key])
    return body


def _decode_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value
