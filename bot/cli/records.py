"""``hirebot audit``, ``hirebot export`` and ``hirebot retention``: the candidate records, read from the same Redis
the bot writes to. Heavy imports stay inside the functions, as in ``bot.cli.main``."""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import sys
from collections.abc import Sequence
from contextlib import AsyncExitStack, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.cli.migrate import WHOSE_RECORDS, add_workspace_arguments, chosen_workspace
from bot.config import Settings

if TYPE_CHECKING:
    from bot.deps import Deps
    from bot.store.workspace import Workspace

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_CANDIDATES = 100_000
COMMANDS = ("audit", "export", "retention")


def since_date(text: str) -> datetime:
    """``2026-03-01`` or an ISO date-time; a time without a zone is UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-03-01, not {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="who viewed, decided, offered, exported and deleted, and when")
    audit.add_argument("--since", type=since_date, metavar="DATE", help="only entries from DATE on")
    audit.add_argument("--candidate", metavar="NAME", help="only entries about this candidate (by their pseudonym)")
    export = commands.add_parser("export", help="scorecards, decisions and offers for an ATS (docs/export.md)")
    export.add_argument("--candidate", metavar="NAME", help="only this candidate")
    export.add_argument("--since", type=since_date, metavar="DATE", help="only records from DATE on")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="default: %(default)s")
    export.add_argument("--output", "-o", metavar="PATH", default="-", help="a file (default: standard output)")
    retention = commands.add_parser("retention", help="delete candidate data past each workspace's retention now")
    retention.add_argument("--dry-run", action="store_true", help="only list what the next sweep would delete")
    for parser in (audit, export):
        add_workspace_arguments(parser, WHOSE_RECORDS)
    add_workspace_arguments(retention, "only this workspace (default: every workspace, as the server's sweep)")


def actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


async def run_records(settings: Settings, args: argparse.Namespace) -> int:
    from bot.deps import Deps
    from bot.store.opening import enter_store
    from bot.store.redis_store import StoreUnavailable
    from bot.store.workspace import within

    async with AsyncExitStack() as stack:
        store = await enter_store(settings, stack)
        if not store.available:
            print(f"hirebot: {getattr(store, 'reason', 'Redis is unavailable')}", file=sys.stderr)
            return EXIT_FAILED
        deps = Deps.build(settings, store)
        try:
            if args.command == "retention":
                return await _retention(deps, settings, stack, args)
            workspace = await chosen_workspace(store, args)
            with within(workspace) if workspace is not None else nullcontext():
                if args.command == "audit":
                    return await _audit(deps, args.since, args.candidate)
                return await _export(deps, args)
        except StoreUnavailable as error:
            print(f"hirebot: {error}", file=sys.stderr)
            return EXIT_FAILED


async def _audit(deps: Deps, since: datetime | None, candidate: str | None) -> int:
    from knowledge.identifiers import candidate_key, clean_candidate
    from knowledge.outcomes import candidate_ref

    entries = await deps.audit.entries(since)
    if candidate:
        try:
            ref = candidate_ref(candidate_key(clean_candidate(candidate)))
        except ValueError as problem:
            print(f"hirebot: {problem}", file=sys.stderr)
            return EXIT_USAGE
        entries = [entry for entry in entries if entry.candidate_ref == ref]
    if not entries:
        print("The audit log is empty" + (" for that period." if since else "."))
    for entry in entries:
        print(entry.line())
    return EXIT_OK


def _open_output(path: str) -> TextIO | str:
    """The file to write to, or the one-line reason it can't be written."""
    if path == "-":
        return sys.stdout
    try:
        return Path(path).open("w", encoding="utf-8", newline="")
    except OSError as error:
        return f"hirebot: cannot write {path}: {error.strerror or error}"


async def _export(deps: Deps, args: argparse.Namespace) -> int:
    from knowledge.export import CSV_COLUMNS, csv_rows, jsonl_records
    from knowledge.identifiers import candidate_key, clean_candidate
    from knowledge.outcomes import candidate_ref

    keys: Sequence[str]
    if args.candidate:
        try:
            keys = [candidate_key(clean_candidate(args.candidate))]
        except ValueError as problem:
            print(f"hirebot: {problem}", file=sys.stderr)
            return EXIT_USAGE
    else:
        entries = await deps.scorecard_records.recent_candidates(EPOCH, MAX_CANDIDATES)
        keys = [entry.candidate_key for entry in entries]
    output = _open_output(args.output)
    if isinstance(output, str):
        print(output, file=sys.stderr)
        return EXIT_USAGE
    since: datetime = args.since or EPOCH
    scorecards = [s for key in keys for s in await deps.scorecard_records.for_candidate(key) if s.submitted_at >= since]
    decisions = {
        k: d for k, d in (await deps.decision_records.for_candidates(list(keys))).items() if d.decided_at >= since
    }
    offers = {o.candidate_key: o for o in await deps.decision_records.offers(list(keys)) if o.drafted_at >= since}
    buffer = io.StringIO()
    if args.format == "csv":
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(scorecards, decisions, offers))
    else:
        for record in jsonl_records(scorecards, decisions.values(), offers.values()):
            buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
    try:
        output.write(buffer.getvalue())
        output.flush()
    except OSError as error:
        print(f"hirebot: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if output is not sys.stdout:
            output.close()
    from bot.store.audit import AuditAction

    ref = candidate_ref(keys[0]) if args.candidate and keys else ""
    await deps.audit.record(actor(), AuditAction.EXPORTED, ref, f"{args.format}, {len(scorecards)} scorecards")
    return EXIT_OK


async def _retention(deps: Deps, settings: Settings, stack: AsyncExitStack, args: argparse.Namespace) -> int:
    """Each workspace's sweep with the period it applies (its own from Settings, else ``HIREBOT_RETENTION_DAYS``):
    the one ``--team`` names, else every workspace with data, as the server's sweep goes through them, and any
    data not yet migrated into one. A workspace with no installation is left alone, as the server's sweep does."""
    from bot.install.clients import WorkspaceClients

    dry_run: bool = args.dry_run
    if not dry_run and settings.slack_bot_token is None and not settings.oauth_enabled:
        print("hirebot: SLACK_BOT_TOKEN is needed to mark posted cards removed; try --dry-run", file=sys.stderr)
        return EXIT_USAGE
    import aiohttp

    from bot.runtime import build_client
    from bot.store.workspace import within

    session = await stack.enter_async_context(aiohttp.ClientSession())
    clients = WorkspaceClients.build(settings, deps.store, build_client(settings, session))
    now = datetime.now(UTC)
    sweep = deps.decisions.retention
    targets = await _retention_targets(deps, args)
    if not targets:
        print("No workspace has candidate data: the next sweep would delete nothing.")
    for workspace in targets:
        label = str(workspace) if workspace is not None else "Before hirebot migrate"
        with within(workspace) if workspace is not None else nullcontext():
            period = await sweep.period()
            if workspace is not None and not await clients.installed(workspace):
                print(f"{label}: not swept, it has no installation (its data goes when its grace period ends)")
                continue
            if dry_run:
                due = await sweep.due(now, period)
                print(f"{label}: keeps candidate data {period}; the next sweep would delete {len(due)} candidate(s)")
                for item in due:
                    print(
                        f"{label}\t{item.candidate}\tkept since {item.since:%Y-%m-%d}\t(older than {period.days} days)"
                    )
                continue
            client = clients.client if workspace is None else await clients.for_workspace(workspace)
            if client is None:
                print(f"{label}: not swept, its bot token could not be had", file=sys.stderr)
                continue
            deleted = await sweep.sweep(client, now, locked=False, period=period) or []
            print(f"{label}: deleted {len(deleted)} candidate(s) kept longer than {period}.")
    return EXIT_OK


async def _retention_targets(deps: Deps, args: argparse.Namespace) -> list[Workspace | None]:
    """The workspace ``--team`` / ``--enterprise`` names; else every workspace with records, and (None) the data
    outside any workspace when some is left from before ``hirebot migrate``."""
    from bot.store.keyspaces import workspaces
    from bot.store.workspace import Workspace, outside_any_workspace

    if args.team or args.enterprise:
        return [Workspace.of(args.enterprise, args.team)]
    found: list[Workspace | None] = list(await workspaces(deps.store.unscoped()))
    with outside_any_workspace():
        if await deps.scorecard_records.recent_candidates(EPOCH, 1):
            found.append(None)
    return found
