"""jcdc in a pipeline: a reader that stops early (`| head`) gets no error line."""

import datetime as dt
import locale
import os
import subprocess
import sys

from jcdc import messages as msg
from jcdc.model import Role
from jcdc.points import Pending, PointsRequest, draft, post
from jcdc.units import UnitIndex

from test_integrity_check import problems


def test_a_reader_that_stops_early_gets_no_error(store, db):
    units = UnitIndex.of(store)
    with store.write():
        pending = Pending()
        post(store, [draft(store, units, PointsRequest("zezhou", "13710-item", dt.date(2019, 5, 1) + dt.timedelta(i % 60),
                                                        Role.LEAD, note="备注" * 20), pending)
                     for i in range(3000)], "测试")
    proc = subprocess.Popen([sys.executable, "-m", "jcdc", "points", "list", "--format", "csv", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    assert proc.stdout.readline().decode("utf-8").startswith("编号,日期")
    proc.stdout.close()
    err = proc.stderr.read().decode(CODE_PAGE)
    assert proc.wait() == 1
    assert err == ""


# What a child's stderr and a redirected stdout are written in: UTF-8 on Linux, the
# ANSI code page on Windows (cp936 on a Chinese PC).
CODE_PAGE = locale.getpreferredencoding(False)


def jcdc_into(target: str, *args, db) -> subprocess.CompletedProcess:
    """jcdc ARGS in a process of its own, its stdout the file `target`."""
    with open(target, "w") as out:
        return subprocess.run([sys.executable, "-m", "jcdc", *map(str, args)], stdout=out,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "JCDC_DB": str(db)})


FULL = "/dev/full"


def test_stdout_on_a_full_disk_is_one_line_for_every_listing_and_for_help(cli, db):
    """docs/integrity.md "Files jcdc writes": a full disk is one line, never an
    internal error or a traceback — stdout redirected to a full disk too."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    for args in (("rank", "--year", "2019"), ("rank", "--year", "2019", "--format", "csv"),
                 ("points", "list"), ("points", "list", "--format", "json"), ("unit", "list"),
                 ("--help",), ("points", "--help"), ("rules", "list")):
        done = jcdc_into(FULL, *args, db=db)
        assert (done.returncode, done.stderr.count("\n")) == (1, 1), (args, done.stderr)
        assert done.stderr.startswith("错误: ") and "磁盘空间不足" in done.stderr, (args, done.stderr)
        assert "内部错误" not in done.stderr and "Traceback" not in done.stderr


def count(db, table: str) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_an_anchor_whose_statement_cannot_be_written_is_not_recorded(cli, db, tmp_path):
    """docs/integrity.md "Anchors": the statement is the anchor kept outside; one
    recorded in the ledger with its statement lost vouches for nothing. The
    statement is written first; if it cannot be, nothing is recorded — by
    `anchor`, and by `close`, which then leaves the quarter open (积分办法 第十三条)."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    done = jcdc_into(FULL, "anchor", db=db)
    assert (done.returncode, done.stderr) == (1, "错误: " + msg.ANCHOR_NOT_PUBLISHED.format(
        reason="磁盘空间不足", closing="") + "\n")
    assert count(db, "anchors") == 0
    done = jcdc_into(FULL, "close", "2019Q1", db=db)
    assert (done.returncode, done.stderr) == (1, "错误: " + msg.ANCHOR_NOT_PUBLISHED.format(
        reason="磁盘空间不足", closing=msg.ANCHOR_NOT_PUBLISHED_CLOSING) + "\n")
    assert (count(db, "anchors"), count(db, "closings")) == (0, 0)
    statement = tmp_path / "锚点.txt"
    assert jcdc_into(statement, "close", "2019Q1", db=db).returncode == 0
    assert (count(db, "anchors"), count(db, "closings")) == (1, 1)
    assert "指纹" in statement.read_text(encoding=CODE_PAGE)  # a redirect: the code page (GBK on Chinese Windows)
    assert problems(cli) == []
