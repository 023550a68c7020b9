"""The ledger's file named before the command (`jcdc --db PATH rank`, as the
README writes it) or after it (`jcdc rank --db PATH`): both open the same ledger."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jcdc.cli import command_named


@pytest.fixture
def two_ledgers(cli, db, tmp_path, monkeypatch):
    """The test's ledger with one entry, and JCDC_DB pointing at another place."""
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "--points", "15", "-d", "2019-06-03")
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "elsewhere.db"))
    return db


@pytest.mark.parametrize("where", ["before", "after", "before="])
def test_db_before_or_after_the_command_opens_that_ledger(cli, two_ledgers, where):
    args = {"before": ["--db", two_ledgers, "points", "list", "--format", "json"],
            "after": ["points", "list", "--format", "json", "--db", two_ledgers],
            "before=": [f"--db={two_ledgers}", "points", "list", "--format", "json"]}[where]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["unit"] == "gaoping"


def test_db_before_the_command_writes_there_too(cli, two_ledgers):
    cli.ok("--db", two_ledgers, "points", "add", "-u", "lc", "-r", "problem", "-d", "2019-06-04")
    rows = cli.json("points", "list", "--db", two_ledgers)
    assert [r["unit"] for r in rows] == ["gaoping", "lingchuan"]


def test_db_after_the_command_wins_over_the_one_before(cli, two_ledgers, tmp_path):
    result = cli("--db", tmp_path / "nothere.db", "points", "list", "--db", two_ledgers)
    assert result.exit_code == 0, result.output
    result = cli("--db", two_ledgers, "points", "list", "--db", tmp_path / "nothere.db")
    assert result.exit_code == 1 and "nothere.db" in result.stderr


def test_without_db_the_environment_names_the_ledger(cli, two_ledgers):
    result = cli("points", "list")
    assert result.exit_code == 1 and "elsewhere.db" in result.stderr


def test_init_before_the_command_creates_the_ledger_there(cli, tmp_path):
    new = tmp_path / "new.db"
    cli.ok("--db", new, "init", "--no-roster")
    assert new.exists()


def test_the_value_of_db_is_not_taken_for_the_command():
    assert command_named(["--db", "rank", "points", "list"]) == "points"
    assert command_named(["--db=x.db", "rank"]) == "rank"
    assert command_named(["-h"]) is None


def test_db_before_the_command_in_a_real_process(two_ledgers):
    done = subprocess.run([sys.executable, "-m", "jcdc", "--db", str(two_ledgers), "rank", "--year", "2019",
                           "--format", "json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"gaoping"' in done.stdout
