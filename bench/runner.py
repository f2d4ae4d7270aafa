"""The phases of one benchmark run against the servers: scenario load, the bare-Bolt comparison, memory."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.load import BenchRequest, LoadResult, client_session, run_load
from bench.scenarios import Scenario
from bench.stack import Memory, ServerProcess
from bench.stats import summarize
from tests.fakes.slack_api import FakeSlackAPI

QUIET_SECONDS = 0.5
SETTLE_TIMEOUT = 60.0


@dataclass(frozen=True)
class Options:
    requests: int
    warmup: int
    concurrencies: tuple[int, ...]
    rounds: int
    rss_requests: int
    rss_concurrency: int
    golden_repeats: int
    cold_runs: int
    time_budget: float
    answer_timeout: float


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class LoadPhases:
    """Runs scenarios against servers, with the fake Slack to collect answers from."""

    def __init__(self, slack: FakeSlackAPI, options: Options) -> None:
        self.slack = slack
        self.options = options
        self._numbers = itertools.count(1)

    def requests_for(self, scenarios: Sequence[Scenario], count: int) -> list[BenchRequest]:
        """``count`` requests, taking the scenarios in turn, each numbered uniquely for the whole run."""
        return [scenarios[index % len(scenarios)].build(next(self._numbers)) for index in range(count)]

    async def settle(self) -> None:
        """Wait until the fake Slack has had no call for ``QUIET_SECONDS``: background work from the last run (DM
        answers, scorecard summaries) is done and won't eat into the next measurement."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_TIMEOUT
        seen, quiet_since = len(self.slack.calls), loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.05)
            if len(self.slack.calls) != seen:
                seen, quiet_since = len(self.slack.calls), loop.time()
            elif loop.time() - quiet_since >= QUIET_SECONDS:
                return
        progress("warning: the server was still calling Slack when the settle timeout ran out")

    def forget_calls(self) -> None:
        """Drop what the fake recorded, so 20,000 requests don't grow the harness's memory without bound."""
        self.slack.reset()
        self.slack.workspace.messages.clear()

    async def answer_times(self, sent_at: dict[str, float]) -> tuple[list[float], int, int]:
        """Milliseconds from sending each tagged event to the first ``chat.postMessage`` into its channel reaching
        the fake Slack; then how many never arrived within ``answer_timeout``, and how many Slack refused."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.options.answer_timeout
        arrived: dict[str, float] = {}
        refused = 0
        index = 0
        while True:
            calls = self.slack.calls
            for call in calls[index:]:
                channel = str(call.body.get("channel") or "")
                if call.method == "chat.postMessage" and channel in sent_at and channel not in arrived:
                    arrived[channel] = call.at
                    refused += 0 if call.ok else 1
            index = len(calls)
            if len(arrived) == len(sent_at) or loop.time() > deadline:
                break
            await asyncio.sleep(0.05)
        times = [(arrived[tag] - sent) * 1000 for tag, sent in sent_at.items() if tag in arrived]
        return times, len(sent_at) - len(arrived), refused

    async def warm_and_measure(
        self, server: ServerProcess, scenario: Scenario, concurrency: int
    ) -> tuple[LoadResult, LoadResult]:
        """``options.warmup`` requests (not measured: connections opened, caches and pools filled), a pause until
        the server is idle, then ``options.requests`` measured ones on the same connections."""
        async with client_session(concurrency) as session:
            warmup = await run_load(
                session,
                server,
                self.requests_for([scenario], self.options.warmup),
                concurrency=concurrency,
                time_budget=self.options.time_budget,
            )
            await self.settle()
            self.forget_calls()
            result = await run_load(
                session,
                server,
                self.requests_for([scenario], self.options.requests),
                concurrency=concurrency,
                time_budget=self.options.time_budget,
            )
        return warmup, result

    async def measure(self, server: ServerProcess, scenario: Scenario, concurrency: int) -> dict[str, Any]:
        """One warmed-up run at ``concurrency``; for DM questions, also the time until each answer is posted."""
        progress(f"{server.kind}: {scenario.title} at concurrency {concurrency}")
        warmup, result = await self.warm_and_measure(server, scenario, concurrency)
        answers: tuple[list[float], int, int] | None = None
        if scenario.answered_in_dm:
            answers = await self.answer_times(result.sent_at)
        await self.settle()
        self.forget_calls()
        summary = describe(server, scenario, result, warmup)
        # The server's CPU from the first measured request until its background work (answers, scorecard
        # follow-ups) is done and Slack has been quiet for QUIET_SECONDS: the whole cost of a request.
        with_background = server.cpu_seconds() - result.server_cpu_at_start
        summary["server_cpu_us_per_request_with_background"] = round(with_background / max(result.completed, 1) * 1e6)
        if answers is not None:
            times, missing, refused = answers
            summary |= {"answer_ms": summarize(times), "answers_missing": missing, "answers_refused": refused}
        return summary

    async def compare(
        self, hirebot: ServerProcess, bare: ServerProcess, ours: Scenario, baseline: Scenario, concurrency: int
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """``options.rounds`` alternating rounds of bare Bolt (``bare`` may be either bare app) then hirebot, each
        warmed up on its own; latencies pooled over the rounds, throughput the median round's. Both results name
        the bare app they were compared with (``peer``)."""
        rounds: dict[str, list[dict[str, Any]]] = {"bare": [], "hirebot": []}
        pooled: dict[str, list[float]] = {"bare": [], "hirebot": []}
        for _ in range(self.options.rounds):
            for role, server, scenario in (("bare", bare, baseline), ("hirebot", hirebot, ours)):
                progress(f"{server.kind}: {scenario.title} at concurrency {concurrency} (comparison round)")
                warmup, result = await self.warm_and_measure(server, scenario, concurrency)
                await self.settle()
                self.forget_calls()
                rounds[role].append(describe(server, scenario, result, warmup))
                pooled[role] += result.latencies_ms
        merged = []
        for kind in ("bare", "hirebot"):
            runs = rounds[kind]
            errors: Counter[str] = Counter()
            for run in runs:
                errors.update(run["errors"])
            merged.append(
                {
                    **runs[0],
                    "requested": sum(run["requested"] for run in runs),
                    "completed": sum(run["completed"] for run in runs),
                    "timed_out": any(run["timed_out"] for run in runs),
                    "errors": dict(errors),
                    "errors_total": sum(errors.values()),
                    "warmup_errors": sum(run["warmup_errors"] for run in runs),
                    "requests_per_second": statistics.median(run["requests_per_second"] for run in runs),
                    "server_cpu_us_per_request": statistics.median(run["server_cpu_us_per_request"] for run in runs),
                    "ack_ms": summarize(pooled[kind]),
                    "peer": bare.kind,
                    "rounds": runs,
                }
            )
        return merged[0], merged[1]

    async def memory(self, server: ServerProcess, scenarios: Sequence[Scenario]) -> dict[str, Any]:
        """Peak RSS of a fresh server: at start, after ``rss_requests`` mixed requests, after as many again."""
        count, concurrency = self.options.rss_requests, self.options.rss_concurrency
        at_start = server.memory()
        checkpoints: list[Memory] = []
        runs = []
        for half in (1, 2):
            progress(f"{server.kind}: {count:,} mixed requests for memory ({half}/2)")
            async with client_session(concurrency) as session:
                requests = self.requests_for(scenarios, count)
                result = await run_load(
                    session, server, requests, concurrency=concurrency, time_budget=self.options.time_budget * 10
                )
            _, missing, _ = await self.answer_times(result.sent_at)
            await self.settle()
            self.forget_calls()
            checkpoints.append(server.memory())
            runs.append(
                {
                    "requests_per_second": round(result.requests_per_second, 1),
                    "completed": result.completed,
                    "errors": dict(result.errors),
                    "answers_missing": missing,
                }
            )
        first, second = checkpoints
        return {
            "requests_per_half": count,
            "concurrency": concurrency,
            "mix": [scenario.key for scenario in scenarios],
            "at_start": _memory(at_start),
            "after_first": _memory(first),
            "after_second": _memory(second),
            "growth_peak_mb": round(second.peak_rss_mb - first.peak_rss_mb, 2),
            "growth_rss_mb": round(second.rss_mb - first.rss_mb, 2),
            "runs": runs,
        }


def _memory(memory: Memory) -> dict[str, float]:
    """Megabytes (10^6 bytes): ``rss_mb`` is VmRSS at the checkpoint, ``peak_rss_mb`` VmHWM so far."""
    return {"rss_mb": round(memory.rss_mb, 2), "peak_rss_mb": round(memory.peak_rss_mb, 2)}


def describe(server: ServerProcess, scenario: Scenario, result: LoadResult, warmup: LoadResult) -> dict[str, Any]:
    completed = max(result.completed, 1)
    return {
        "server": server.kind,
        "scenario": scenario.key,
        "title": scenario.title,
        "concurrency": result.concurrency,
        "requested": result.requested,
        "completed": result.completed,
        "timed_out": result.timed_out,
        "errors": dict(result.errors),
        "errors_total": sum(result.errors.values()),
        "first_problem": result.first_problem,
        "warmup_requests": warmup.completed,
        "warmup_errors": sum(warmup.errors.values()),
        "warmup_first_problem": warmup.first_problem,
        "wall_s": round(result.wall_seconds, 3),
        "requests_per_second": round(result.requests_per_second, 1),
        "ack_ms": summarize(result.latencies_ms),
        "server_cpu_us_per_request": round(result.server_cpu_seconds / completed * 1e6, 1),
        "harness_cpu_s": round(result.harness_cpu_seconds, 3),
    }
