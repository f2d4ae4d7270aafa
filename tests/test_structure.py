"""The layout the README describes, checked: which package may import which, every Slack surface registers itself,
no listener module leans on another, and no module grows past 400 lines."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "blocks", "knowledge")
MAX_MODULE_LINES = 400
APP_FACTORY = "bot/app.py"


def modules(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, as dotted names (``from a import b`` gives
    both ``a`` and ``a.b``, since ``b`` may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_only_the_app_factory_imports_handlers() -> None:
    offenders = [
        rel(p) for p in modules("bot") if rel(p) != APP_FACTORY and any(top(n) == "handlers" for n in imported(p))
    ]
    assert offenders == []


def test_knowledge_is_pure_and_blocks_do_no_io() -> None:
    io = {"slack_sdk", "slack_bolt", "redis", "aiohttp", "anthropic", "bot", "handlers", "blocks"}
    assert [rel(p) for p in modules("knowledge") if {top(n) for n in imported(p)} & io] == []
    no_io = {"slack_bolt", "redis", "aiohttp", "anthropic", "bot", "handlers"}
    assert [rel(p) for p in modules("blocks") if {top(n) for n in imported(p)} & no_io] == []


def listener_modules() -> list[Path]:
    return [p for p in modules("handlers") if p.name != "__init__.py"]


def test_every_handlers_module_is_a_slack_surface_with_register() -> None:
    assert listener_modules()
    for path in listener_modules():
        tree = ast.parse(path.read_text())
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert "register" in functions, f"{rel(path)} has no register(app, deps)"


def test_no_listener_module_imports_another() -> None:
    siblings = {f"handlers.{p.stem}" for p in listener_modules()}
    for path in listener_modules():
        assert imported(path) & siblings == set(), f"{rel(path)} imports another listener module"


@pytest.mark.parametrize("folder", [*PACKAGES, "bench", "tests"])
def test_no_module_is_over_400_lines(folder: str) -> None:
    long = {rel(p): n for p in modules(folder) if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_the_store_is_never_optional() -> None:
    """A missing store is the stand-in ``UnavailableStore``, never ``None``."""
    optional = [
        rel(p) for p in modules(*PACKAGES) if "Store | None" in p.read_text() or "Optional[Store]" in p.read_text()
    ]
    assert optional == []


def test_ci_runs_hypothesis_derandomized() -> None:
    if os.environ.get("CI"):
        assert hypothesis_settings.default.derandomize
        assert hypothesis_settings.default.database is None
    else:
        assert hypothesis_settings.get_profile("ci").derandomize
