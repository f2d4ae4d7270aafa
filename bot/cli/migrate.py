"""``hirebot migrate``: move a single-workspace deployment's data into its workspace's keyspace, once
(``bot.store.keyspaces``). Running it again, or after a run that stopped half-way, finishes what is left."""

from __future__ import annotations

import argparse
import sys
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from bot.config import Settings

if TYPE_CHECKING:
    from bot.store.redis_store import Store
    from bot.store.workspace import Workspace

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
COMMAND = "migrate"


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    migrate = commands.add_parser(COMMAND, help="move single-workspace data into its workspace (once)")
    add_workspace_arguments(migrate, "the workspace to move it into (default: SLACK_BOT_TOKEN's, by auth.test)")


def add_workspace_arguments(parser: argparse.ArgumentParser, team_help: str) -> None:
    parser.add_argument("--team", metavar="T…", help=team_help)
    parser.add_argument("--enterprise", metavar="E…", help="its Enterprise Grid org (alone: an org-wide install)")


WHOSE_RECORDS = "the workspace whose records (default: the one `hirebot migrate` filled)"


async def chosen_workspace(store: Store, args: argparse.Namespace) -> Workspace | None:
    """``--team`` / ``--enterprise``, else the workspace a migration filled; None: outside any workspace."""
    from bot.install.migration import migrated_workspace
    from bot.store.workspace import Workspace

    if args.team or args.enterprise:
        return Workspace.of(args.enterprise, args.team)
    return await migrated_workspace(store)


async def run_migrate(settings: Settings, args: argparse.Namespace) -> int:
    import aiohttp
    from slack_sdk.errors import SlackApiError

    from bot.install.migration import token_workspace
    from bot.runtime import build_client
    from bot.store.keyspaces import migrate
    from bot.store.opening import enter_store
    from bot.store.redis_store import StoreUnavailable
    from bot.store.workspace import Workspace

    async with AsyncExitStack() as stack:
        store = await enter_store(settings, stack)
        if not store.available:
            print(f"hirebot: {getattr(store, 'reason', 'Redis is unavailable')}", file=sys.stderr)
            return EXIT_FAILED
        if args.team or args.enterprise:
            workspace = Workspace.of(args.enterprise, args.team)
        elif settings.slack_bot_token is None:
            print("hirebot: name the workspace with --team (or set SLACK_BOT_TOKEN)", file=sys.stderr)
            return EXIT_USAGE
        else:
            session = await stack.enter_async_context(aiohttp.ClientSession())
            try:
                workspace = await token_workspace(build_client(settings, session))
            except (SlackApiError, aiohttp.ClientError) as error:
                failed = type(error).__name__
                print(f"hirebot: auth.test failed ({failed}); name the workspace with --team", file=sys.stderr)
                return EXIT_FAILED
        try:
            done = await migrate(store, workspace)
        except StoreUnavailable as error:
            print(f"hirebot: {error}", file=sys.stderr)
            return EXIT_FAILED
    left = f"; {done.left} already had a record of that name in it, left where they were" if done.left else ""
    print(f"Moved {done.moved} record(s) into workspace {done.workspace}{left}.")
    return EXIT_OK
