"""Issue 14's measurements: acks unloaded against both bare Bolt apps, the DM answer unloaded, and hirebot with its
Redis hung (SIGSTOP), each checked against its target."""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import time
from typing import Any, Final

import aiohttp

from bench.load import BenchRequest, client_session
from bench.report import Row
from bench.runner import LoadPhases, progress
from bench.scenarios import Scenario
from bench.stack import RedisTarget, ServerProcess
from bot.store.redis_store import connect_redis
from tests.fakes.signing import signed_headers
from tests.fakes.workspace import SIGNING_SECRET

UNLOADED: Final = 1
ACK_P50_OF_BARE_MAX: Final = 0.3
RATIO_MIN: Final = 1.2
SCORECARD_P99_MS: Final = 100.0
DM_ANSWER_P50_MS: Final = 20.0
HUNG_LIMIT_MS: Final = 1000.0
HUNG_SAMPLES: Final = 10
READY_TIMEOUT: Final = 10.0


async def unloaded(
    phases: LoadPhases, servers: dict[str, ServerProcess], scenarios: dict[str, Scenario]
) -> list[dict[str, Any]]:
    """One request at a time: ``/hire ai-vs-ml`` on hirebot and both bare apps, and a DM on hirebot."""
    runs = []
    for kind, key in (("bare", "bare"), ("bare-pbr", "bare"), ("hirebot", "ai_vs_ml"), ("hirebot", "dm")):
        run = await phases.measure(servers[kind], scenarios[key], UNLOADED)
        runs.append(run | {"unloaded": True})
    return runs


async def _ready_status(session: aiohttp.ClientSession, server: ServerProcess) -> int:
    async with session.get(f"http://127.0.0.1:{server.port}/readyz") as response:
        return response.status


async def _until_ready(session: aiohttp.ClientSession, server: ServerProcess, status: int) -> float:
    """Seconds until ``/readyz`` answers ``status`` (polled every 10 ms); raises after ``READY_TIMEOUT``."""
    started = time.perf_counter()
    while await _ready_status(session, server) != status:
        if time.perf_counter() - started > READY_TIMEOUT:
            raise RuntimeError(f"/readyz did not answer {status} within {READY_TIMEOUT:g} s")
        await asyncio.sleep(0.01)
    return time.perf_counter() - started


async def redis_hung(
    phases: LoadPhases, hirebot: ServerProcess, redis: RedisTarget, dm: Scenario, scorecard: Scenario | None
) -> dict[str, Any]:
    """SIGSTOP the embedded Redis; once ``/readyz`` says 503, time DMs until answered and scorecard submissions
    until refused, one at a time; SIGCONT and time the way back to 200."""
    if not redis.embedded:
        return {"available": False, "reason": "needs the embedded Redis (not --redis-url) to SIGSTOP it"}
    client = connect_redis(redis.url)
    pid = int((await client.info("server"))["process_id"])
    await client.aclose()
    progress(f"hirebot: Redis hung (SIGSTOP), {HUNG_SAMPLES} DMs and {HUNG_SAMPLES} scorecards")
    dm_ms: list[float] = []
    refused_ms: list[float] = []
    refused = 0
    async with client_session(1) as session:
        os.kill(pid, signal.SIGSTOP)
        try:
            noticed_s = await _until_ready(session, hirebot, 503)
            for number in range(HUNG_SAMPLES):
                dm_ms.append(await _answered_ms(phases, session, hirebot, dm.build(900_000 + number)))
                if scorecard is not None:
                    elapsed, body = await _post(session, hirebot, scorecard.build(900_000 + number))
                    refused_ms.append(elapsed)
                    refused += b'"response_action": "errors"' in body
        finally:
            os.kill(pid, signal.SIGCONT)
        back_s = await _until_ready(session, hirebot, 200)
    await phases.settle()
    phases.forget_calls()
    return {
        "available": True,
        "noticed_s": round(noticed_s, 3),
        "back_s": round(back_s, 3),
        "dm_answer_ms": {"p50": round(statistics.median(dm_ms), 1), "max": round(max(dm_ms), 1)},
        "scorecard_ack_ms": (
            {"p50": round(statistics.median(refused_ms), 1), "max": round(max(refused_ms), 1)} if refused_ms else None
        ),
        "scorecards_refused_with_form_kept": refused,
        "samples": HUNG_SAMPLES,
    }


async def _post(session: aiohttp.ClientSession, server: ServerProcess, request: BenchRequest) -> tuple[float, bytes]:
    started = time.perf_counter()
    headers = signed_headers(SIGNING_SECRET, request.body)
    async with session.post(server.events_url, data=request.body, headers=headers) as response:
        body = await response.read()
    return (time.perf_counter() - started) * 1000, body


async def _answered_ms(
    phases: LoadPhases, session: aiohttp.ClientSession, server: ServerProcess, request: BenchRequest
) -> float:
    sent = time.time()
    await _post(session, server, request)
    times, missing, _ = await phases.answer_times({str(request.tag): sent})
    return times[0] if not missing else float("inf")


def ratio_of(load: list[dict[str, Any]], peer: str, concurrency: int) -> dict[str, Any] | None:
    """hirebot's throughput over ``peer``'s (``bare`` or ``bare-pbr``) in their alternating comparison."""
    ours = [r for r in load if r["server"] == "hirebot" and r.get("peer") == peer and r["concurrency"] == concurrency]
    theirs = [r for r in load if r["server"] == peer and r.get("peer") == peer and r["concurrency"] == concurrency]
    if not ours or not theirs:
        return None
    mine, bare = ours[0], theirs[0]
    return {
        "peer": peer,
        "concurrency": concurrency,
        "hirebot_rps": mine["requests_per_second"],
        "bare_rps": bare["requests_per_second"],
        "ratio": round(mine["requests_per_second"] / bare["requests_per_second"], 3)
        if bare["requests_per_second"]
        else 0.0,
        "round_ratios": [
            round(o["requests_per_second"] / b["requests_per_second"], 3)
            for o, b in zip(mine["rounds"], bare["rounds"], strict=True)
        ],
    }


def rows(results: dict[str, Any]) -> list[Row]:
    """The table's lines for issue 14's targets."""
    found: list[Row] = []
    runs = {(r["server"], r["scenario"]): r for r in results.get("unloaded", [])}
    ours, bare, pbr = (
        runs.get(("hirebot", "hire_ai_vs_ml")),
        runs.get(("bare", "bare_hire")),
        runs.get(("bare-pbr", "bare_hire")),
    )
    if ours and bare and pbr:
        p50 = ours["ack_ms"]["p50"]
        of_bare, of_pbr = p50 / bare["ack_ms"]["p50"], p50 / pbr["ack_ms"]["p50"]
        found.append(
            Row.check(
                "/hire ai-vs-ml ack p50 unloaded vs bare Bolt",
                f"{p50:.2f} ms = {of_bare:.2f} x bare default ({bare['ack_ms']['p50']:.2f} ms)",
                f"<= {ACK_P50_OF_BARE_MAX} x",
                of_bare <= ACK_P50_OF_BARE_MAX,
            )
        )
        found.append(Row("  vs bare Bolt, process_before_response", f"{of_pbr:.2f} x ({pbr['ack_ms']['p50']:.2f} ms)"))
    if (dm := runs.get(("hirebot", "dm_pay"))) and dm.get("answer_ms"):
        answer = dm["answer_ms"]["p50"]
        found.append(
            Row.check(
                "DM answer posted unloaded, p50",
                f"{answer:.1f} ms",
                f"< {DM_ANSWER_P50_MS:.0f} ms",
                answer < DM_ANSWER_P50_MS,
            )
        )
    for peer, target in (("bare", RATIO_MIN), ("bare-pbr", None)):
        ratio = results.get("ratios", {}).get(peer)
        if ratio:
            label = f"/hire ai-vs-ml throughput vs {peer} @ c={ratio['concurrency']}"
            text = f"{ratio['ratio']:.2f} ({ratio['hirebot_rps']:.0f} / {ratio['bare_rps']:.0f} req/s)"
            found.append(
                Row.check(label, text, f">= {target}", ratio["ratio"] >= target) if target else Row(label, text)
            )
    for run in results.get("load", []):
        if run["server"] == "hirebot" and run["scenario"] == "scorecard":
            errors = run["errors_total"]
            if run["concurrency"] == 32:
                p99 = run["ack_ms"]["p99"]
                ok = p99 is not None and p99 < SCORECARD_P99_MS and not errors
                found.append(
                    Row.check(
                        "scorecard @ c=32: p99, errors",
                        f"{p99} ms, {errors} errors",
                        f"< {SCORECARD_P99_MS:.0f} ms, 0",
                        ok,
                    )
                )
            elif run["concurrency"] == 200:
                found.append(Row.check("scorecard @ c=200: not saved", f"{errors}", "0", errors == 0))
            cpu = run.get("server_cpu_us_per_request_with_background", run["server_cpu_us_per_request"]) / 1000
            label = f"  server CPU per submission, follow-ups included @ c={run['concurrency']}"
            found.append(Row.check(label, f"{cpu:.2f} ms", "< 1.5 ms", cpu < 1.5))
    hung = results.get("redis_hung")
    if hung and hung.get("available"):
        dm_max = hung["dm_answer_ms"]["max"]
        found.append(
            Row.check(
                "Redis hung: DM answered (max)", f"{dm_max} ms", f"< {HUNG_LIMIT_MS:.0f} ms", dm_max < HUNG_LIMIT_MS
            )
        )
        if hung["scorecard_ack_ms"]:
            card_max, kept = hung["scorecard_ack_ms"]["max"], hung["scorecards_refused_with_form_kept"]
            ok = card_max < HUNG_LIMIT_MS and kept == hung["samples"]
            found.append(
                Row.check(
                    "Redis hung: scorecard refused, form kept (max)",
                    f"{card_max} ms, {kept}/{hung['samples']}",
                    f"< {HUNG_LIMIT_MS:.0f} ms",
                    ok,
                )
            )
        found.append(
            Row("Redis hung: /readyz 503 after, back after SIGCONT", f"{hung['noticed_s']} s, {hung['back_s']} s")
        )
    return found
