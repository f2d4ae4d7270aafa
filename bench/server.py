"""The server under test, in a process of its own: ``python -m bench.server {hirebot,bare} --slack-api-url ...``.

Both kinds are served identically, the way ``hirebot serve`` does it (``bot.server.run_server`` calls
``web.run_app``, which is an ``AppRunner`` without an access log plus a ``TCPSite``): default asyncio event loop,
``access_log=None``, 127.0.0.1, a port the kernel picks. Once listening it prints ``READY <port>`` on stdout;
SIGTERM or SIGINT stops it gracefully (hirebot's ``cleanup_ctx`` drains background answers and closes Redis).

- ``hirebot``: ``bot.server.create_web_app(Settings(...))``, the real app with every listener registered.
- ``bare``: a Bolt ``AsyncApp`` whose only listener is ``@app.command("/hire")`` acking ``"ok"``, mounted at
  ``POST /slack/events`` with Bolt's own aiohttp adapter (what ``AsyncSlackAppServer`` does), with the same
  token, signing secret, fake Slack URL and a shared client session, as hirebot has.
- ``bare-pbr``: the same bare app with ``process_before_response=True``, as hirebot runs (issue 14's honest peer).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bench.stack import READY
from bot.config import Settings
from bot.server import EVENTS_PATH, create_web_app
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET

SHUTDOWN_TIMEOUT = 10.0
BARE_BOLT_APP = web.AppKey("bare_bolt_app", AsyncApp)


def hirebot_app(args: argparse.Namespace) -> web.Application:
    settings = Settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=args.slack_api_url,
        redis_url=args.redis_url,
        hirebot_key_prefix=args.key_prefix,
        hirebot_data_dir=args.data_dir,
    )
    return create_web_app(settings)


def bare_bolt_app(args: argparse.Namespace, *, process_before_response: bool = False) -> web.Application:
    web_app = web.Application()

    async def lifespan(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession() as session:
            client = AsyncWebClient(token=BOT_TOKEN, base_url=args.slack_api_url, session=session)
            bolt = AsyncApp(
                client=client, signing_secret=SIGNING_SECRET, process_before_response=process_before_response
            )

            @bolt.command("/hire")
            async def handle_hire(ack: AsyncAck) -> None:
                await ack("ok")

            app[BARE_BOLT_APP] = bolt
            yield

    async def handle_slack_events(request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await request.app[BARE_BOLT_APP].async_dispatch(bolt_request))

    web_app.cleanup_ctx.append(lifespan)
    web_app.router.add_post(EVENTS_PATH, handle_slack_events)
    return web_app


async def serve(web_app: web.Application) -> None:
    runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"{READY} {port}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signal_number, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("hirebot", "bare", "bare-pbr"))
    parser.add_argument("--slack-api-url", required=True, help="the fake Slack Web API, ending with /api/")
    parser.add_argument("--redis-url", help="hirebot's Redis (unset: an embedded one in --data-dir)")
    parser.add_argument("--key-prefix", default="hirebot:", help="hirebot's Redis key prefix")
    parser.add_argument("--data-dir", type=Path, required=True, help="HIREBOT_DATA_DIR for hirebot")
    return parser


def main() -> int:
    args = build_parser().parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(name)s: %(message)s")
    if args.kind == "hirebot":
        web_app = hirebot_app(args)
    else:
        web_app = bare_bolt_app(args, process_before_response=args.kind == "bare-pbr")
    asyncio.run(serve(web_app))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
