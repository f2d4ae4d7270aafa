"""``python -m bench``: one run of every measurement, a table on stdout, the numbers in ``bench/results/``."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import issue14, report
from bench.offline import ask_cold_start, golden_latency
from bench.runner import LoadPhases, Options, progress
from bench.scenarios import (
    ScorecardForm,
    bare_slash_command,
    dm_question,
    scorecard_form,
    scorecard_submission,
    slash_command,
)
from bench.stack import REPO_ROOT, ServerProcess, bench_redis, server_process
from tests.fakes.slack_api import FakeSlackAPI

PHASES = ("offline", "cold-start", "unloaded", "load", "compare", "hung", "memory")
DEFAULTS = {"requests": 3000, "warmup": 300, "rounds": 3, "rss_requests": 10_000, "golden_repeats": 20, "cold_runs": 7}
QUICK = {"requests": 300, "warmup": 50, "rounds": 1, "rss_requests": 1000, "golden_repeats": 3, "cold_runs": 3}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark hirebot on the real stack (aiohttp server in a subprocess, real Redis, the fake Slack "
        "Web API from tests/fakes) over 127.0.0.1, against a bare Bolt app served the same way, and check the "
        "targets of issue 6. Run from the repository root with the venv's python. Defaults take a few minutes.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small counts (about 30 s): a smoke run, numbers indicative only"
    )
    parser.add_argument(
        "--requests", type=int, help=f"measured requests per scenario run (default {DEFAULTS['requests']})"
    )
    parser.add_argument(
        "--warmup", type=int, help=f"unmeasured requests before each run (default {DEFAULTS['warmup']})"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        nargs="+",
        default=[32, 200],
        metavar="N",
        help="concurrency levels for every scenario (default: 32 200; the bare-Bolt ratio is taken at 32)",
    )
    parser.add_argument(
        "--rounds", type=int, help=f"alternating bare/hirebot rounds for the ratio (default {DEFAULTS['rounds']})"
    )
    parser.add_argument(
        "--rss-requests",
        type=int,
        help=f"requests in each half of the memory run (default {DEFAULTS['rss_requests']:,})",
    )
    parser.add_argument("--rss-concurrency", type=int, default=32, help="concurrency of the memory run (default 32)")
    parser.add_argument(
        "--golden-repeats", type=int, help=f"timed passes over the golden set (default {DEFAULTS['golden_repeats']})"
    )
    parser.add_argument("--cold-runs", type=int, help=f"hirebot ask runs per variant (default {DEFAULTS['cold_runs']})")
    parser.add_argument(
        "--time-budget", type=float, default=120.0, help="seconds one load run may take before it stops (default 120)"
    )
    parser.add_argument(
        "--answer-timeout", type=float, default=60.0, help="seconds to wait for DM answers after a run (default 60)"
    )
    parser.add_argument(
        "--skip",
        nargs="+",
        choices=PHASES,
        default=[],
        metavar="PHASE",
        help=f"phases to leave out: {', '.join(PHASES)}",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL") or None,
        help="use this Redis (under a key prefix of its own, deleted afterwards) instead of a private embedded "
        "redis-server in a temporary directory (default: $REDIS_URL if set)",
    )
    parser.add_argument(
        "--output", type=Path, default=REPO_ROOT / "bench" / "results", help="directory for the JSON results"
    )
    return parser


def options_from(args: argparse.Namespace) -> Options:
    base = QUICK if args.quick else DEFAULTS

    def pick(name: str) -> int:
        value = getattr(args, name)
        return int(value if value is not None else base[name])

    return Options(
        requests=pick("requests"),
        warmup=pick("warmup"),
        concurrencies=tuple(args.concurrency),
        rounds=pick("rounds"),
        rss_requests=pick("rss_requests"),
        rss_concurrency=args.rss_concurrency,
        golden_repeats=pick("golden_repeats"),
        cold_runs=pick("cold_runs"),
        time_budget=args.time_budget,
        answer_timeout=args.answer_timeout,
    )


async def serve_and_load(options: Options, skip: set[str], redis_url: str | None) -> dict[str, Any]:
    """The phases that need servers; all share one Redis and one fake Slack."""
    form = scorecard_form()
    results: dict[str, Any] = {
        "scorecard": (
            {"available": True, "callback_id": form.callback_id, "constant": f"blocks.ids.{form.callback_constant}"}
            if isinstance(form, ScorecardForm)
            else {"available": False, "reason": form}
        ),
        "load": [],
        "compare": None,
        "memory": None,
        "unloaded": [],
        "ratios": {},
        "redis_hung": None,
    }
    with tempfile.TemporaryDirectory(prefix="hb-bench-") as scratch:
        work_dir = Path(scratch)
        async with bench_redis(work_dir, redis_url) as redis, FakeSlackAPI() as slack:
            results["redis"] = {"embedded": redis.embedded, "key_prefix": redis.key_prefix}
            phases = LoadPhases(slack, options)
            response_url = slack.response_url("bench")
            ai_vs_ml = slash_command("hire_ai_vs_ml", "ai-vs-ml", response_url)
            scenarios = [slash_command("hire_pay", "pay senior mle sf", response_url), dm_question()]
            if isinstance(form, ScorecardForm):
                scenarios.append(scorecard_submission(form))

            def start(kind: str) -> AbstractAsyncContextManager[ServerProcess]:
                return server_process(kind, slack_api_url=slack.api_url, redis=redis, work_dir=work_dir)

            logs: dict[str, dict[str, int]] = {}
            baseline = bare_slash_command("ai-vs-ml", response_url)
            if not {"unloaded", "load", "compare", "hung"} <= skip:
                async with start("hirebot") as hirebot, start("bare") as bare, start("bare-pbr") as bare_pbr:
                    servers = {"hirebot": hirebot, "bare": bare, "bare-pbr": bare_pbr}
                    if "unloaded" not in skip:
                        named = {"ai_vs_ml": ai_vs_ml, "bare": baseline, "dm": scenarios[1]}
                        results["unloaded"] = await issue14.unloaded(phases, servers, named)
                    for concurrency in options.concurrencies:
                        if "compare" not in skip:
                            for peer in (bare, bare_pbr):
                                results["load"] += await phases.compare(hirebot, peer, ai_vs_ml, baseline, concurrency)
                        if "load" not in skip:
                            for scenario in scenarios:
                                results["load"].append(await phases.measure(hirebot, scenario, concurrency))
                    if "hung" not in skip:
                        card = scenarios[2] if len(scenarios) > 2 else None
                        results["redis_hung"] = await issue14.redis_hung(phases, hirebot, redis, scenarios[1], card)
                    for kind, server in servers.items():
                        logs[kind] = server.log_summary()
            if "memory" not in skip:
                async with start("hirebot") as fresh:
                    results["memory"] = await phases.memory(fresh, [ai_vs_ml, *scenarios])
                    logs["hirebot (memory run)"] = fresh.log_summary()
            results["server_logs"] = logs
    results["compare"] = ratio_of(results["load"])
    for kind in ("bare", "bare-pbr"):
        results["ratios"][kind] = issue14.ratio_of(results["load"], kind, report.RATIO_CONCURRENCY)
    return results


def ratio_of(load: list[dict[str, Any]]) -> dict[str, Any] | None:
    runs = {
        run["server"]: run
        for run in load
        if run["concurrency"] == report.RATIO_CONCURRENCY
        and run["scenario"] in ("hire_ai_vs_ml", "bare_hire")
        and run.get("peer") == "bare"
    }
    if set(runs) != {"hirebot", "bare"}:
        return None
    ours, bare = runs["hirebot"]["requests_per_second"], runs["bare"]["requests_per_second"]
    return {
        "concurrency": report.RATIO_CONCURRENCY,
        "hirebot_rps": ours,
        "bare_rps": bare,
        "ratio": round(ours / bare, 3) if bare else 0.0,
        "rounds": len(runs["hirebot"]["rounds"]),
        "round_ratios": [
            round(o["requests_per_second"] / b["requests_per_second"], 3)
            for o, b in zip(runs["hirebot"]["rounds"], runs["bare"]["rounds"], strict=True)
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    options = options_from(args)
    skip = set(args.skip)
    started = datetime.now(UTC)
    clock = time.perf_counter()
    results: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        "quick": args.quick,
        "options": {**vars(options), "concurrencies": list(options.concurrencies)},
        "machine": report.machine(),
        "source": report.source_tree(REPO_ROOT),
        "process_model": "server under test in its own process (python -m bench.server); load generator and fake "
        "Slack in this process; Redis a separate redis-server",
    }
    if "offline" not in skip:
        progress(f"offline answers: golden set x{options.golden_repeats}")
        results["golden"] = golden_latency(options.golden_repeats)
    if "cold-start" not in skip:
        progress(f"hirebot ask cold start x{options.cold_runs} per variant")
        results["cold_start"] = ask_cold_start(options.cold_runs)
    results |= asyncio.run(serve_and_load(options, skip, args.redis_url))
    results["duration_s"] = round(time.perf_counter() - clock, 1)
    rows = [
        *issue14.rows(results),
        *report.load_rows(results["load"]),
        *report.ratio_rows(results["compare"]),
        *report.offline_rows(results.get("golden"), results.get("cold_start")),
        *report.rss_rows(results["memory"]),
    ]
    if not results["scorecard"]["available"] and not {"load", "memory"} <= skip:
        rows.insert(0, report.Row("scorecard view_submission", f"not available: {results['scorecard']['reason']}"))
    path = args.output / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    report.write_json(path, results, rows)
    print(report.table(rows))
    if args.quick:
        print("quick mode: small request counts, so the numbers are indicative only")
    print(
        f"each run: {options.warmup} warm-up requests (not measured), then {options.requests} measured; "
        "servers in their own processes on 127.0.0.1; see docs/benchmarks.md"
    )
    for kind, messages in results.get("server_logs", {}).items():
        for message, count in list(messages.items())[:3]:
            print(f"server log ({kind}): {count} x {message}")
    print(f"results: {path} ({results['duration_s']:.0f} s)")
    return 0
