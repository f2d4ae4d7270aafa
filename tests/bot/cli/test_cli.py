"""The installed ``hirebot`` console script, run as a user would, in a subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.evaluation import allowed_thousands, invented_figures
from knowledge.pay import PayCalculator

pytestmark = pytest.mark.cli

HIREBOT = Path(sys.executable).with_name("hirebot")


def hirebot(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 20
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HIREBOT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_console_script_is_installed() -> None:
    assert HIREBOT.exists(), "pip install -e '.[dev]' installs the hirebot console script"
    result = hirebot("--help")
    assert result.returncode == 0
    for command in ("ask", "chat", "eval"):
        assert command in result.stdout


def test_ask_prints_the_band_with_its_rule() -> None:
    result = hirebot("ask", "how much is a senior ML engineer in SF?")
    assert result.returncode == 0, result.stderr
    lead = result.stdout.splitlines()[0]
    assert "$308K to $460K" in lead
    assert "x1.10" in result.stdout
    assert "x1.15" in result.stdout
    assert "Source: Salary Ranges in 2026" in result.stdout
    assert result.stderr == ""


def test_ask_never_invents_a_figure_for_an_uncovered_role() -> None:
    result = hirebot("ask", "junior ML engineer salary")
    assert result.returncode == 0, result.stderr
    assert "no pay band" in result.stdout
    assert invented_figures(result.stdout, allowed_thousands(PayCalculator())) == []
    assert "Junior ML" not in result.stdout.replace("junior ML engineer", "")


def test_follow_up_across_invocations_shares_history() -> None:
    first = hirebot("ask", "--conversation", "x", "senior AI engineer pay")
    second = hirebot("ask", "--conversation", "x", "and in NYC?")
    other = hirebot("ask", "--conversation", "y", "and in NYC?")
    assert "$240K to $320K" in first.stdout.splitlines()[0]
    assert "$264K to $368K" in second.stdout.splitlines()[0]
    assert "$264K to $368K" not in other.stdout


def test_history_survives_the_embedded_server_restarting(tmp_path: Path) -> None:
    env = {"HIREBOT_DATA_DIR": str(tmp_path)}
    hirebot("ask", "-c", "p", "senior ML engineer salary", env=env)
    assert not (tmp_path / "redis.sock").exists(), "the last user stops the embedded server"
    assert (tmp_path / "appendonly.aof").exists()
    result = hirebot("ask", "-c", "p", "what about in the Bay Area?", env=env)
    assert "$308K to $460K" in result.stdout.splitlines()[0]


def test_concurrent_invocations_share_one_data_dir(tmp_path: Path) -> None:
    env = {**os.environ, "HIREBOT_DATA_DIR": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [str(HIREBOT), "ask", "-c", f"c{i}", "staff AI engineer pay"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    outputs = [run.communicate(timeout=20) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert all("$320K to $420K" in out and err == "" for out, err in outputs)
    follow_ups = [
        hirebot("ask", "-c", f"c{i}", "and in NYC?", env={"HIREBOT_DATA_DIR": str(tmp_path)}) for i in range(4)
    ]
    assert all("$352K to $483K" in run.stdout for run in follow_ups)


def test_unreachable_redis_still_answers_with_one_line_on_stderr() -> None:
    started = time.monotonic()
    result = hirebot("ask", "senior AI engineer pay", env={"REDIS_URL": f"redis://:pw@127.0.0.1:{closed_port()}/0"})
    elapsed = time.monotonic() - started
    assert result.returncode == 0
    assert "$240K to $320K" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "unreachable" in lines[0]
    assert "without history" in lines[0]
    assert "Traceback" not in result.stderr
    assert "pw" not in result.stderr
    assert elapsed < 2.5  # the 2 s budget plus interpreter start-up


def test_ask_json_has_text_result_and_source() -> None:
    result = hirebot("ask", "--json", "senior AI engineer in NYC who shipped agentic systems")
    payload = json.loads(result.stdout)
    assert payload["topic"] == "pay"
    assert "$308K to $414K" in payload["text"]
    assert "$308K to $414K" in payload["result"]["lead"]
    assert payload["text"].startswith(payload["result"]["lead"])
    quote = payload["result"]["pay"][0]
    assert (quote["low_k"], quote["high_k"], quote["agentic_applied"]) == (308, 414, True)
    assert payload["result"]["covered"] is True
    assert payload["source"] == ["Salary Ranges in 2026: What You Will Actually Pay"]
    assert payload["history"] is True


def test_bad_setting_exits_2_with_one_line() -> None:
    result = hirebot("ask", "anything", env={"REDIS_URL": "http://nope"})
    assert result.returncode == 2
    assert result.stderr.strip() == "hirebot: REDIS_URL: expected a redis://, rediss:// or unix:// URL"
    assert result.stdout == ""


def test_chat_keeps_context_and_exits_on_eof() -> None:
    result = hirebot("chat", stdin="senior AI engineer pay\nand in NYC?\n/reset\nand in NYC?\n")
    assert result.returncode == 0, result.stderr
    assert "$240K to $320K" in result.stdout
    assert "$264K to $368K" in result.stdout
    after_reset = result.stdout.split("Forgotten")[1]
    assert "$264K" not in after_reset
    assert "I answer questions about hiring" in after_reset


def test_bare_hirebot_is_the_offline_chat() -> None:
    result = hirebot(stdin="what's the difference between AI and ML engineers?\n/quit\n")
    assert result.returncode == 0
    assert "hirebot, offline" in result.stdout
    assert "SLACK_BOT_TOKEN" in result.stdout
    assert "20%" in result.stdout


def test_eval_passes_every_golden_case() -> None:
    result = hirebot("eval")
    assert result.returncode == 0, result.stdout
    assert "FAIL" not in result.stdout
    lines = result.stdout.splitlines()
    tuned = next(line for line in lines if line.startswith("tuned cases: "))
    assert tuned.endswith("(100%)"), tuned
    assert any(line.startswith("held-out cases: ") for line in lines)
    assert any(line.startswith("median reply length: ") for line in lines)
    assert any(line.startswith("lead rate: ") for line in lines)


def test_eval_explains_one_case() -> None:
    result = hirebot("eval", "--explain", "follow-up-senior-ai-nyc")
    assert result.returncode == 0
    assert "turn 2: and in NYC?" in result.stdout and "checks: pass" in result.stdout
    unknown = hirebot("eval", "--explain", "no-such-case")
    assert unknown.returncode == 2 and "no golden case" in unknown.stderr
