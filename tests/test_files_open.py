"""Opening the ledger: only `jcdc init` creates one, looking never changes one (issue 11 items 4, 5, 9)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jcdc.store import SCHEMA_VERSION, open_store

# Every command that only looks, with what it needs to run on the `ledger` fixture.
READ_ONLY = [
    ["check"], ["rank", "--year", "2019"], ["rank", "--quarter", "2019Q2"], ["score", "zezhou", "--year", "2019"],
    ["points", "list"], ["unit", "list"],
    ["case", "list"], ["case", "candidates", "--year", "2019"], ["inspector", "list"], ["task", "list"],
    ["draw", "list"], ["matter", "list"], ["fix", "list"], ["due"], ["rules", "list"],
    ["report", "--year", "2019", "--output", "{out}/report.xlsx"],
]
WRITES = [
    ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06"],
    ["unit", "add", "xzsp", "市行政审批服务管理局", "--category", "city"],
    ["close", "2019Q1"],
]


def run(cli, args, db, out: Path):
    return cli(*[a.format(out=out) for a in args], "--db", db) if args[0] != "rules" else cli(*args)


@pytest.fixture
def ledger(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    return cli


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# --- item 5: only init creates a ledger ------------------------------------------------------------------


@pytest.mark.parametrize("args", READ_ONLY[:-1] + WRITES, ids=lambda a: "-".join(a[:2]))
def test_a_missing_ledger_is_refused_with_its_path_and_the_hint(cli, tmp_path, args):
    if args[0] == "rules":
        pytest.skip("needs no ledger")
    missing = tmp_path / "nope" / "x.db"
    result = cli(*args, "--db", missing)
    assert result.exit_code == 1, result.output
    assert str(missing) in result.stderr and "jcdc init" in result.stderr
    assert not missing.parent.exists()  # no folder, no empty ledger


def test_a_typo_in_jcdc_db_creates_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "jcdc.bd"))
    result = cli("rank", "--year", "2019")
    assert result.exit_code == 1 and "jcdc.bd" in result.stderr and "jcdc init" in result.stderr
    result = cli("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    assert result.exit_code == 1 and "未知单位" not in result.stderr
    assert not (tmp_path / "jcdc.bd").exists()


def test_init_creates_and_init_no_roster_creates_without_jinchengs_units(cli, tmp_path):
    plain = tmp_path / "county" / "x.db"
    result = cli.ok("init", "--no-roster", "--db", plain)
    assert "未载入" in result.stderr
    assert cli.json("unit", "list", "--db", plain) == []
    cli.ok("unit", "add", "beicheng", "北城街道", "--category", "county", "--db", plain)
    cli.ok("points", "add", "-u", "beicheng", "-r", "problem", "-d", "2019-05-06", "--db", plain)
    assert [u["code"] for u in cli.json("unit", "list", "--db", plain)] == ["beicheng"]
    again = cli.ok("init", "--no-roster", "--db", plain)  # a ledger with units: nothing to say it lacks them
    assert "未载入" not in again.stderr and "现有 1 个单位" in again.stderr
    assert cli("check", "--db", plain).exit_code == 0
    full = tmp_path / "full.db"
    cli.ok("init", "--db", full)
    assert len(cli.json("unit", "list", "--db", full)) == 43


def test_an_empty_file_is_not_a_ledger_until_init(cli, tmp_path):
    empty = tmp_path / "x.db"
    empty.touch()
    for args in (["rank", "--year", "2019"], ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06"]):
        result = cli(*args, "--db", empty)
        assert result.exit_code == 1 and "jcdc init" in result.stderr
    assert empty.stat().st_size == 0
    cli.ok("init", "--db", empty)
    assert len(cli.json("unit", "list", "--db", empty)) == 43


# --- item 4: looking never changes anything -----------------------------------------------------------


def test_a_sqlite_file_that_is_not_a_ledger_is_refused_by_name_and_left_alone(ledger, tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    other = folder / "notes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('会议记录')")
    conn.commit()
    conn.close()
    before = snapshot(folder)
    for args in [a for a in READ_ONLY if a[0] != "rules"] + WRITES + [["init"]]:
        result = run(ledger, args, other, folder)
        assert result.exit_code == 1, (args, result.output)
        assert "notes.sqlite" in result.stderr and "不是 jcdc 台账" in result.stderr
    assert snapshot(folder) == before  # no jcdc tables, no WAL, no report file
    conn = sqlite3.connect(f"{other.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["notes"]


def test_read_only_commands_never_migrate_an_older_ledger(ledger, db, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    older = folder / "older.db"
    ledger.ok("backup", older)
    conn = sqlite3.connect(older)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    before = older.read_bytes()
    for args in READ_ONLY:
        if args[0] == "rules":
            continue
        result = run(ledger, args, older, folder)
        assert result.exit_code == 1 and "较早版本" in result.stderr, (args, result.output)
    assert older.read_bytes() == before and [p.name for p in folder.iterdir()] == ["older.db"]


def test_looking_at_a_backup_leaves_it_byte_for_byte(ledger, tmp_path):
    backup = tmp_path / "bk.db"
    ledger.ok("backup", backup)
    before = backup.read_bytes()
    for args in READ_ONLY:
        result = run(ledger, args, backup, tmp_path)
        assert result.exit_code == 0, (args, result.output)
    assert backup.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bk.db")) == ["bk.db"]


@contextlib.contextmanager
def read_only_medium(folder: Path):
    """A small tmpfs at `folder`, made read-only once filled (root or a permitted user)."""
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a file system here (not root, or not permitted)")
    try:
        yield lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs")
def test_a_ledger_on_a_read_only_medium_is_read_and_never_written(cli, tmp_path):
    with read_only_medium(tmp_path / "cd") as seal:
        ledger = tmp_path / "cd" / "jcdc.db"
        cli.ok("init", "--db", ledger)
        cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06", "--db", ledger)
        gc.collect()  # the commands run in this process: their connections close (the WAL folds in)
        seal()
        for args in READ_ONLY[:-1]:
            result = run(cli, args, ledger, tmp_path)
            assert result.exit_code == 0, (args, result.output)
        for args in WRITES:
            result = cli(*args, "--db", ledger)
            assert result.exit_code == 1 and "只读" in result.stderr and "内部错误" not in result.stderr


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="POSIX modes; root writes anyway")
def test_a_read_only_ledger_file_refuses_writes_in_one_line(ledger, db):
    os.chmod(db, 0o400)
    try:
        result = ledger("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-07")
        assert result.exit_code == 1 and "只读" in result.stderr
        assert len(ledger.json("points", "list")) == 1
    finally:
        os.chmod(db, 0o600)


# --- item 9 (the ledger's file): damage is reported, never an internal error --------------------------


def _damage(db: Path) -> None:
    """Overwrite the middle of the ledger's entries, as a bad sector would."""
    store = open_store(db)
    from jcdc.points import PointsRequest, add

    for day in range(1, 29):
        for _ in range(20):
            add(store, PointsRequest("zezhou", "problem", dt.date(2019, 5, day), note="备注" * 60),
                again=True)  # the same entry many times over: not an accidental repeat (issue 12)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.close()
    with open(db, "r+b") as f:
        for page in (pages - 30, pages - 60):  # written last: entries, not the schema
            f.seek((page - 1) * page_size + 8)
            f.write(b"\xff" * 600)


def test_a_damaged_ledger_is_listed_by_check_and_refuses_writes(ledger, db):
    _damage(db)
    result = ledger("check")
    assert result.exit_code == 1 and "内部错误" not in result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 1 and any(line.startswith("sqlite: SQLite 完整性检查") for line in lines)
    result = ledger("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-06-01")
    assert result.exit_code == 1 and "已损坏" in result.stderr and "jcdc check" in result.stderr
    result = ledger("points", "list")
    assert result.exit_code == 1 and "已损坏" in result.stderr and "内部错误" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="Windows refuses to delete a log SQLite holds open")
def test_a_deleted_write_ahead_log_is_a_planned_refusal(ledger, db, store):
    from jcdc.points import PointsRequest, add

    add(store, PointsRequest("zezhou", "problem", dt.date(2019, 5, 7)))  # held in the log by the open store
    os.unlink(f"{db}-wal")
    for args in (["points", "list"], ["check"], ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-08"]):
        result = ledger(*args)
        assert "内部错误" not in result.output and "Traceback" not in result.output, args
        if result.exit_code:
            assert result.stderr.startswith("错误: ") or "发现" in result.stderr
    gc.collect()  # the commands above ran in this process: their connections close
    store.close()  # the clerk who held it open writes it back
    assert ledger("check").exit_code == 0 and len(ledger.json("points", "list")) >= 2
