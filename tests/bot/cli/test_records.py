"""``hirebot export``, ``audit`` and ``retention`` (``--dry-run`` too) as a user runs them, against records saved in
the test's own Redis prefix; retention per workspace, with the period each one's sweep applies."""

from __future__ import annotations

import csv
import io
import json
from argparse import Namespace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli.records import run_records
from bot.config import Settings
from bot.store.audit import AuditAction, AuditLog
from bot.store.decisions import DecisionRecords
from bot.store.redis_store import Store
from bot.store.scorecards import ScorecardRecords
from bot.store.team_settings import TeamSettings, TeamSettingsRecords
from bot.store.workspace import Workspace, within
from knowledge.export import CSV_COLUMNS, SCHEMA
from knowledge.models import Level, Role
from knowledge.offers import OfferChoices, draft_offer
from knowledge.outcomes import Decision, Outcome, candidate_ref
from knowledge.pay import Location, PayCalculator, Place
from tests.bot.cli.test_cli import hirebot
from tests.factories import scorecard
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.workspace import BOT_TOKEN

pytestmark = pytest.mark.cli

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
async def env(store: Store, redis_url: str) -> dict[str, str]:
    """Ada (decided, offered) today; Charles, scored 400 days ago, never decided."""
    cards = [
        scorecard("U0GRACE001", at=NOW, signals=("shipped-agentic",)),
        scorecard("U0KATHERIN", 1, at=NOW, ratings={"prompt": 4, "product": 4, "evaluation": 3}),
    ]
    for card in cards:
        await ScorecardRecords(store).save(card)
    old = scorecard(
        "U0GRACE001", at=NOW - timedelta(days=400), candidate="Charles Babbage", candidate_key="charles babbage"
    )
    await ScorecardRecords(store).save(old)
    decision = Decision(
        candidate="Ada Lovelace",
        candidate_key="ada lovelace",
        role=Role.AI_ENGINEER,
        outcome=Outcome.HIRE,
        level=Level.SENIOR,
        reasons="Strong evals, shipped agents",
        decided_by="U0HIRINGMGR",
        decided_at=NOW,
    )
    records = DecisionRecords(store)
    await records.save(decision)
    new_york = OfferChoices(location=Location(place=Place.HIGH_COST, label="New York"))
    offer = draft_offer(decision, cards, new_york, drafted_by="U0HIRINGMGR", drafted_at=NOW, calculator=PayCalculator())
    await records.save_offer(offer)
    await AuditLog(store, timedelta(days=365)).record("U0HIRINGMGR", AuditAction.DECIDED, candidate_ref("ada lovelace"))
    return {"REDIS_URL": redis_url, "HIREBOT_KEY_PREFIX": store.prefix}


def test_export_csv_round_trips_with_the_documented_columns(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    result = hirebot("export", "--format", "csv", "--candidate", "ada lovelace", "--output", str(out), env=env)
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    rows = list(reader)
    assert [row["interviewer"] for row in rows] == ["U0GRACE001", "U0KATHERIN"]  # one row per scorecard
    assert [row["rating_prompt"] for row in rows] == ["3", "4"] and rows[0]["rating_data"] == ""
    assert rows[0]["signals"] == "shipped-agentic" and rows[0]["schema"] == SCHEMA
    assert {(r["decision"], r["decision_level"], r["offer_low_usd"], r["offer_high_usd"]) for r in rows} == {
        ("hire", "senior", "308000", "414000")
    }
    audit = hirebot("audit", env=env)
    assert audit.returncode == 0 and "\texported\t" in audit.stdout and "ada" not in audit.stdout.lower()
    about_ada = hirebot("audit", "--candidate", "Ada Lovelace", env=env).stdout.splitlines()
    assert [line.split("\t")[2] for line in about_ada] == ["decided", "exported"]
    assert "decided" not in hirebot("audit", "--candidate", "Charles Babbage", env=env).stdout


def test_export_jsonl_to_stdout_has_every_record_type(env: dict[str, str]) -> None:
    result = hirebot("export", env=env)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["type"] for r in records] == ["scorecard"] * 3 + ["decision", "offer"]
    assert all(r["schema"] == SCHEMA for r in records)
    since = hirebot("export", "--since", (NOW - timedelta(days=1)).date().isoformat(), env=env)
    assert "Charles" not in since.stdout and "Ada Lovelace" in since.stdout


def test_export_to_an_unwritable_path_exits_2_with_one_line(env: dict[str, str], tmp_path: Path) -> None:
    result = hirebot("export", "--output", str(tmp_path / "missing" / "dir" / "x.csv"), env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("hirebot: cannot write")


def test_retention_dry_run_lists_only_what_is_past_the_period(env: dict[str, str]) -> None:
    result = hirebot("retention", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    assert "Charles Babbage" in result.stdout and "Ada" not in result.stdout
    assert "Charles" in hirebot("export", env=env).stdout  # a dry run deletes nothing


def test_docs_describe_exactly_the_csv_columns() -> None:
    docs = (Path(__file__).resolve().parents[3] / "docs" / "export.md").read_text()
    documented = [line.split("`")[1] for line in docs.splitlines() if line.startswith("| `")]
    assert tuple(documented) == CSV_COLUMNS and SCHEMA in docs


ACME, GLOBEX = Workspace(team_id="T0ACME0001"), Workspace(team_id="T0GLOBEX01")


@pytest.fixture
async def two_workspaces(store: Store, redis_url: str) -> dict[str, str]:
    """Acme keeps candidates 30 days (its Settings), Globex the environment's 365; each has a candidate scored 40
    days ago."""
    with within(ACME):
        await TeamSettingsRecords(store, Settings(_env_file=None)).save(TeamSettings(retention_days=30))  # type: ignore[call-arg]
        await ScorecardRecords(store).save(scorecard(at=NOW - timedelta(days=40)))
    with within(GLOBEX):
        await ScorecardRecords(store).save(
            scorecard(at=NOW - timedelta(days=40), candidate="Charles Babbage", candidate_key="charles babbage")
        )
    return {"REDIS_URL": redis_url, "HIREBOT_KEY_PREFIX": store.base_prefix}


def test_retention_dry_run_lists_each_workspace_with_the_period_its_sweep_applies(
    two_workspaces: dict[str, str],
) -> None:
    result = hirebot("retention", "--dry-run", env=two_workspaces)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "T0ACME0001: keeps candidate data 30 days (set in its Settings); the next sweep would delete 1 candidate(s)"
    )
    assert lines[1].startswith("T0ACME0001\tAda Lovelace\tkept since ") and lines[1].endswith("(older than 30 days)")
    assert lines[2] == (
        "T0GLOBEX01: keeps candidate data 365 days (HIREBOT_RETENTION_DAYS); the next sweep would delete 0 candidate(s)"
    )
    assert len(lines) == 3 and "Charles" not in result.stdout
    named = hirebot(
        "retention", "--dry-run", "--team", "T0GLOBEX01", env=two_workspaces | {"HIREBOT_RETENTION_DAYS": "7"}
    )
    assert named.stdout.splitlines()[0].startswith("T0GLOBEX01: keeps candidate data 7 days (HIREBOT_RETENTION_DAYS)")
    assert "Charles Babbage" in named.stdout and "T0ACME0001" not in named.stdout


async def test_retention_deletes_with_each_workspaces_period_and_says_which(
    two_workspaces: dict[str, str], store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeSlackAPI() as slack:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            redis_url=two_workspaces["REDIS_URL"],
            hirebot_key_prefix=two_workspaces["HIREBOT_KEY_PREFIX"],
            slack_bot_token=BOT_TOKEN,
            slack_api_url=slack.api_url,
        )
        args = Namespace(command="retention", dry_run=False, team=None, enterprise=None)
        assert await run_records(settings, args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "T0ACME0001: deleted 1 candidate(s) kept longer than 30 days (set in its Settings).",
        "T0GLOBEX01: deleted 0 candidate(s) kept longer than 365 days (HIREBOT_RETENTION_DAYS).",
    ]
    with within(ACME):
        assert await ScorecardRecords(store).for_candidate("ada lovelace") == []
    with within(GLOBEX):
        assert len(await ScorecardRecords(store).for_candidate("charles babbage")) == 1
