"""Measurements without Slack: the offline answer engine in process, and ``hirebot ask`` as a fresh process."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.stack import REPO_ROOT, scrubbed_env
from bench.stats import summarize
from bot.store.embedded import EmbeddedRedis

ASK_QUESTION = "how much is a senior ML engineer in SF?"
ASK_TIMEOUT = 30.0


def golden_latency(repeats: int) -> dict[str, Any]:
    """Every golden turn answered ``repeats`` times with ``AnswerEngine().answer(question, previous)``, timed
    with ``perf_counter_ns``, in microseconds. One untimed pass first (imports, caches) is excluded."""
    from knowledge.engine import AnswerEngine
    from knowledge.evaluation import load_cases
    from knowledge.query import Query

    cases = load_cases()
    engine = AnswerEngine()
    turns: list[tuple[str, str, Query | None]] = []
    for case in cases:
        previous: Query | None = None
        for number, turn in enumerate(case.turns, start=1):
            turns.append((f"{case.id}#{number}", turn.ask, previous))
            previous = engine.answer(turn.ask, previous).query  # the untimed warm-up pass
    samples: list[float] = []
    per_turn: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        for turn_id, question, previous in turns:
            started = time.perf_counter_ns()
            engine.answer(question, previous)
            elapsed_us = (time.perf_counter_ns() - started) / 1000
            samples.append(elapsed_us)
            per_turn[turn_id].append(elapsed_us)
    medians = sorted(((statistics.median(times), turn_id) for turn_id, times in per_turn.items()), reverse=True)
    questions = {turn_id: question for turn_id, question, _ in turns}
    return {
        "cases": len(cases),
        "turns": len(turns),
        "repeats": repeats,
        "microseconds": summarize(samples, digits=1),
        "slowest_turns": [
            {"turn": turn_id, "question": questions[turn_id], "median_us": round(median, 1)}
            for median, turn_id in medians[:5]
        ],
    }


def _ask_once(hirebot: Path, data_dir: Path, cwd: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        [str(hirebot), "ask", ASK_QUESTION],
        cwd=cwd,
        env=scrubbed_env(HIREBOT_DATA_DIR=str(data_dir)),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=ASK_TIMEOUT,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0 or not completed.stdout.strip():
        raise RuntimeError(f"hirebot ask failed ({completed.returncode}): {completed.stderr.decode()[-300:]}")
    return elapsed


def ask_cold_start(runs: int) -> dict[str, Any]:
    """Wall time of the installed ``hirebot ask`` console script, ``runs`` times each way, after one untimed run
    (so the OS page cache and bytecode caches are warm, as on any machine that has run hirebot before):

    - ``warm_redis``: an embedded redis-server is already running in the data directory (another hirebot
      process is using it), so ``ask`` only connects to it;
    - ``own_redis``: a fresh, empty data directory each run, so ``ask`` spawns redis-server and shuts it down.
    """
    hirebot = Path(sys.executable).parent / "hirebot"
    if not hirebot.exists():
        raise RuntimeError(f"no hirebot console script beside {sys.executable}: run the harness with the venv's python")
    results: dict[str, Any] = {"command": f'hirebot ask "{ASK_QUESTION}"', "runs": runs}
    with tempfile.TemporaryDirectory(prefix="hb-ask-") as scratch:
        root = Path(scratch)
        with EmbeddedRedis(root / "warm"):
            _ask_once(hirebot, root / "warm", root)
            warm = [_ask_once(hirebot, root / "warm", root) for _ in range(runs)]
        _ask_once(hirebot, root / "cold-warmup", root)
        cold = [_ask_once(hirebot, root / f"cold-{run}", root) for run in range(runs)]
        results["import_ms"] = _import_time(root / "importtime")
    for key, times in (("warm_redis", warm), ("own_redis", cold)):
        results[key] = {
            "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
            "all_s": [round(t, 3) for t in times],
        }
    return results


def _import_time(data_dir: Path) -> dict[str, float]:
    """Where ``hirebot ask`` spends its import time: the largest cumulative times (ms) that ``python -X importtime``
    reports for the same ask, nested modules included (so the numbers overlap)."""
    code = f"from bot.cli import main; raise SystemExit(main(['ask', {ASK_QUESTION!r}]))"
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=REPO_ROOT,
        env=scrubbed_env(HIREBOT_DATA_DIR=str(data_dir)),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=ASK_TIMEOUT,
        check=False,
    )
    cumulative: dict[str, float] = {}
    for line in completed.stderr.decode(errors="replace").splitlines():
        fields = line.removeprefix("import time:").split("|")
        if line.startswith("import time:") and len(fields) == 3 and fields[1].strip().isdigit():
            cumulative[fields[2].strip()] = max(cumulative.get(fields[2].strip(), 0.0), int(fields[1]) / 1000)
    top = sorted(cumulative.items(), key=lambda item: item[1], reverse=True)[:10]
    return {name: round(ms, 1) for name, ms in top}
