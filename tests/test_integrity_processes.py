"""Clerks in separate OS processes: writing at once, killed mid-write, backed up while writing."""

from __future__ import annotations

import datetime as dt
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jcdc.points import PointsRequest, add

from test_integrity_check import problems

WRITER = Path(__file__).with_name("ledger_writer.py")


def writer(db, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), str(db), *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def count(db, where: str = "1") -> int:
    conn = sqlite3.connect(db)
    n = conn.execute(f"SELECT COUNT(*) FROM entries WHERE {where}").fetchone()[0]
    conn.close()
    return n


def test_four_clerks_adding_200_entries_each_at_once_all_land(cli, db, tmp_path):
    start = tmp_path / "start"
    clerks = [writer(db, "clerk", "200", str(start)) for _ in range(4)]
    start.touch()
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in clerks]
    assert outcomes == [(0, "")] * 4
    assert count(db) == 800
    assert count(db, "source = 'test:clerk'") == 800
    assert problems(cli) == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_batch_killed_halfway_leaves_none_of_it(cli, db):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    batch = writer(db, "batch", "6000", stdin=subprocess.PIPE)
    assert batch.stdout.readline() == "half\n"
    batch.send_signal(signal.SIGKILL)
    batch.wait(timeout=30)
    assert count(db) == 1
    assert problems(cli) == []
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-07")
    assert count(db) == 2 and problems(cli) == []


def test_a_batch_allowed_to_finish_lands_whole(cli, db):
    batch = writer(db, "batch", "6000", stdin=subprocess.PIPE)
    assert batch.stdout.readline() == "half\n"
    assert count(db) == 0  # nobody else sees half a batch
    out, err = batch.communicate("\n", timeout=60)
    assert (batch.returncode, out, err) == (0, "done\n", "")
    assert count(db) == 6000 and problems(cli) == []


def test_a_backup_taken_while_a_clerk_writes_is_consistent_and_owner_only(cli, db, tmp_path):
    start = tmp_path / "start"
    clerk = writer(db, "clerk", "300", str(start))
    start.touch()
    copies = []
    while clerk.poll() is None or not copies:
        copies.append(tmp_path / f"copy{len(copies)}.db")
        cli.ok("backup", copies[-1])
    assert clerk.wait() == 0
    for copy in copies:  # on Windows, owner-only is the copy's DACL (test_windows.py)
        assert sys.platform == "win32" or copy.stat().st_mode & 0o777 == 0o600
        assert not Path(f"{copy}-wal").exists()  # one self-contained file
    counts = [count(copy) for copy in copies]
    assert counts == sorted(counts) and counts[-1] <= 300
    for copy in copies:
        result = cli("check", "--db", copy)
        assert (result.exit_code, result.stdout) == (0, "")


def test_a_backup_never_overwrites_and_says_why_it_failed(cli, tmp_path):
    existing = tmp_path / "old.db"
    existing.write_bytes(b"an older backup")
    result = cli("backup", existing)
    assert (result.exit_code, existing.read_bytes()) == (1, b"an older backup")
    assert "已存在" in result.stderr
    result = cli("backup", tmp_path / "no-such-dir" / "copy.db")
    assert result.exit_code == 1 and result.stderr.startswith("错误: 无法写入")
    assert "文件夹" in result.stderr and "no-such-dir" in result.stderr  # says why: the folder


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_ledger_and_its_write_ahead_log_are_readable_by_their_owner_only(store, db):
    add(store, PointsRequest("zezhou", "problem", dt.date(2019, 5, 6)))  # the open store keeps the log
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        assert path.stat().st_mode & 0o777 == 0o600, path


def test_check_while_three_clerks_write_judges_one_moment_and_finds_nothing(cli, db, tmp_path):
    """docs/integrity.md, "jcdc check": check judges one consistent state of the
    ledger, whatever is written meanwhile. Three clerks add entries (one
    transaction each) and a fourth imports a file again and again, each in its
    own OS process, while check runs over and over: a false alarm of tampering
    (第 N 条未经 jcdc 写入, 季度合计表 … 在 jcdc 之外被改动) is as bad as a missed
    forgery, so every run must find nothing."""
    rows = "".join(f"2019-06-{1 + i % 28:02d},阳城县,late-material,,,,,晋督字〔2019〕{i}号,导入第 {i} 行,\n"
                   for i in range(40))
    start = tmp_path / "start"
    clerks = [writer(db, "clerk", "150", str(start)) for _ in range(3)]
    files = []
    for n in range(3):
        files.append(tmp_path / f"import{n}.csv")
        files[-1].write_text("日期,单位,规则,角色,分值,数量,事项编号,文号,备注,编号\n"
                             + rows.replace("导入第", f"第 {n} 份导入第"), encoding="utf-8")
    importer = subprocess.Popen(
        [sys.executable, "-c", "import sys, subprocess\n"
         "for f in sys.argv[1:]:\n"
         "    done = subprocess.run([sys.executable, '-m', 'jcdc', 'points', 'import', f],"
         " capture_output=True, text=True)\n"
         "    if done.returncode:\n"
         "        sys.exit(done.stderr)\n", *map(str, files)],
        stderr=subprocess.PIPE, text=True)
    start.touch()
    runs = []
    while any(p.poll() is None for p in [*clerks, importer]) or len(runs) < 3:
        result = cli("check")
        runs.append((result.exit_code, result.stdout))
    assert [(p.wait(timeout=120), p.stderr.read()) for p in [*clerks, importer]] == [(0, "")] * 4
    assert count(db) == 3 * 150 + 3 * 40
    assert [run for run in runs if run != (0, "")] == [], f"{len(runs)} runs"
    assert len(runs) >= 3


# --- one corrected sheet imported by two clerks at once ----------------------------------------------

_FIRST = "key,date,unit,rule,qty\n1,2019-05-03,泽州县,late-material,3\n2,2019-05-04,高平市,problem,1\n"
_CORRECTED = "key,date,unit,rule,qty\n1,2019-05-03,泽州县,late-material,2\n2,2019-05-04,高平市,problem,1\n"


def _jcdc(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "jcdc", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _corrected_sheet(cli, tmp_path) -> Path:
    sheet = tmp_path / "迟报.csv"
    sheet.write_text(_FIRST, encoding="utf-8")
    cli.ok("points", "import", sheet)
    sheet.write_text(_CORRECTED, encoding="utf-8")
    return sheet


def test_the_clerk_who_loses_the_race_hears_the_file_was_just_imported(cli, db, tmp_path, monkeypatch):
    """The corrections are found before the write lock; another clerk's process imports
    the same corrected sheet in that moment. The later clerk is told the truth (已导入,
    by the other import), not that an entry is already revoked; nothing is revoked twice."""
    from jcdc import importer

    sheet = _corrected_sheet(cli, tmp_path)
    write = importer._write

    def another_clerk_first(*args, **kw):
        other = _jcdc("points", "import", str(sheet), "--corrections", "--by", "李四")
        out, err = other.communicate(timeout=120)
        assert other.returncode == 0, err
        assert "冲销" in err + out
        return write(*args, **kw)

    monkeypatch.setattr(importer, "_write", another_clerk_first)
    result = cli("points", "import", sheet, "--corrections")
    assert result.exit_code == 0, result.stderr
    assert "已导入" in result.stderr and "第 2 号, 李四" in result.stderr
    assert "不能重复冲销" not in result.stderr
    assert count(db) == 4  # two rows, one reversal, one re-recorded entry: once
    assert count(db, "reverses IS NOT NULL") == 1
    assert problems(cli) == []


def test_two_clerks_importing_one_corrected_sheet_at_once_correct_it_once(cli, db, tmp_path):
    """Both processes read the sheet while a third holds the write lock, then queue for it."""
    import time

    sheet = _corrected_sheet(cli, tmp_path)
    holder = writer(db, "batch", "2", stdin=subprocess.PIPE)
    assert holder.stdout.readline() == "half\n"  # the lock is held
    clerks = [_jcdc("points", "import", str(sheet), "--corrections") for _ in range(2)]
    time.sleep(3)  # both have read and checked the sheet, and wait for the lock
    holder.communicate("\n", timeout=60)
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in clerks]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert not any("不能重复冲销" in err for _, err in outcomes)
    assert count(db, "reverses IS NOT NULL") == 1
    assert count(db, "source LIKE 'import:%'") == 3
    assert problems(cli) == []
