"""The README's promises: its test command is what CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci_commands = [
        line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith(("#", "set "))
    ]
    assert ci_commands[0] == 'cd "$(dirname "$0")/.."'
    assert len(ci_commands) == 2
    assert ci_commands[1] in readme.split("## Test", 1)[1]


def test_readme_try_command_installs_and_runs_hirebot() -> None:
    readme = (ROOT / "README.md").read_text()
    try_section = readme.split("## Try it", 1)[1].split("##", 1)[0]
    assert "pip install . && .venv/bin/hirebot" in try_section
