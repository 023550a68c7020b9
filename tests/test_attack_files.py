"""Attacks on what landed for issues 10-13 that found a hole: each test here
failed on main before its fix (issue 11: nothing lost, nothing forged, no
internal error)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from docx import Document
from test_files_atomic import small_disk


def _units(cli, *units):
    for code, name in units:
        cli.ok("unit", "add", code, name, "-c", "city")


def test_two_units_whose_statements_share_a_file_name_are_refused_before_any_is_written(cli, tmp_path):
    # A code may hold a hyphen: a-b「c」and a「b-c」both give a-b-c.docx. Written
    # one after the other, the second replaced the first (--force) — one unit's
    # statement silently lost, "4 份" said for 3 files — or stopped halfway with
    # 已存在 for a file that did not exist before the command (no --force).
    _units(cli, ("a-b", "c"), ("a", "b-c"))
    cli.ok("points", "add", "--unit", "a-b", "--rule", "problem", "--date", "2019-05-06")
    out = tmp_path / "st"
    for force in ([], ["--force"]):
        result = cli("statement", "--quarter", "2019Q2", "--output", out, *force)
        assert result.exit_code == 1 and result.stderr.startswith("错误: ")
        assert "a-b-c.docx" in result.stderr and "--unit" in result.stderr
        assert not out.exists() or list(out.iterdir()) == []
    # Each alone is written whole, in its own folder.
    cli.ok("statement", "--quarter", "2019Q2", "--output", tmp_path / "one", "--unit", "a-b")
    cli.ok("statement", "--quarter", "2019Q2", "--output", tmp_path / "two", "--unit", "a")
    assert Document(tmp_path / "one" / "a-b-c.docx").paragraphs[0].text.startswith("c")
    assert Document(tmp_path / "two" / "a-b-c.docx").paragraphs[0].text.startswith("b-c")


def test_names_differing_only_in_letter_case_share_a_file_on_windows(cli, tmp_path):
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "problem", "--date", "2019-05-06")  # a quarter to rank
    # Windows and macOS do not tell 单位A.docx from 单位a.docx: the same refusal.
    _units(cli, ("x-y", "Z"), ("x", "y-z"))
    result = cli("statement", "--quarter", "2019Q2", "--output", tmp_path / "st")
    assert result.exit_code == 1 and "--unit" in result.stderr


def test_a_unit_with_a_long_name_still_gets_its_statement(cli, tmp_path):
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "problem", "--date", "2019-05-06")  # a quarter to rank
    # A name may be 100 characters: in UTF-8 300 bytes, beyond the 255 a file
    # name may have. The statement used to be refused (文件名过长, 请用短一些的
    # 文件名 — which the clerk cannot choose); now the name is shortened.
    name = "晋" * 100
    _units(cli, ("longname", name))
    out = tmp_path / "st"
    cli.ok("statement", "--quarter", "2019Q2", "--output", out)
    [written] = [p for p in out.iterdir() if p.name.startswith("longname-")]
    assert len(written.name.encode()) <= 255 and written.suffix == ".docx"
    assert Document(written).paragraphs[0].text.startswith(name)


@pytest.mark.parametrize("command", [["unit", "import"], ["inspector", "import"], ["anchor", "--check"]])
def test_a_file_far_larger_than_a_list_or_an_anchor_is_refused_unread(cli, tmp_path, command):
    # /dev/zero (or a runaway file) was read whole: 内部错误 MemoryError, or all
    # of the machine's memory first. A sparse file: large, cheap to make.
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(65 << 20)
    for path in (big, *(() if sys.platform == "win32" else ("/dev/zero",))):  # Windows has no /dev/zero
        result = cli(*command, path)
        assert result.exit_code == 1 and result.stderr.startswith("错误: ") and "MiB" in result.stderr
        assert "内部错误" not in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs")
@pytest.mark.parametrize("command", [
    ["report", "--year", "2019", "--output", "{disk}/report.xlsx"],
    ["notice", "--year", "2019", "--output", "{disk}/notice.docx", "--draft"],
    ["statement", "--year", "2019", "--output", "{disk}/st"],
])
def test_a_full_disk_under_a_workbook_or_a_word_file_is_one_line_and_no_traceback(db, tmp_path, command):
    # The refusal was said, then the half-written zip (zipfile's __del__) and
    # openpyxl's writers tried again at exit: "Exception ignored … Traceback"
    # on the clerk's screen. Run as the clerk runs it: a process of its own.
    env = {**os.environ, "JCDC_DB": str(db), "JCDC_USER": "测试员"}
    subprocess.run([sys.executable, "-m", "jcdc", "points", "add", "-u", "zezhou", "-r", "problem",
                    "-d", "2019-05-06"], env=env, check=True, capture_output=True)
    with small_disk(tmp_path / "usb", "24k") as usb:
        (usb / "fill").write_bytes(b"x" * (20 << 10))
        args = [a.format(disk=usb) for a in command]
        done = subprocess.run([sys.executable, "-m", "jcdc", *args], env=env, capture_output=True, text=True)
        assert done.returncode == 1 and done.stderr.startswith("错误: 磁盘空间不足"), done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert not [p for p in usb.rglob("*") if p.is_file() and p.name != "fill"]


DOCUMENTS = [["notice", "--year", "2019", "--output", "{out}/notice.docx", "--draft"],
             ["statement", "--year", "2019", "--output", "{out}/st"]]


@pytest.mark.parametrize("args", DOCUMENTS, ids=lambda a: a[0])
def test_a_notice_or_statements_only_look_at_the_ledger(cli, tmp_path, args):
    # They opened the ledger for writing: a backup looked at turned to WAL mode,
    # an older ledger was migrated by making a Word file (looking never changes
    # anything: issue 11 item 4), and a ledger on a read-only medium was refused.
    import sqlite3

    from jcdc.store import SCHEMA_VERSION

    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    backup = tmp_path / "bk.db"
    cli.ok("backup", backup)
    before = backup.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    cli.ok(*[a.format(out=out) for a in args], "--db", backup)
    assert backup.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bk.db")) == ["bk.db"]

    conn = sqlite3.connect(backup)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    before = backup.read_bytes()
    result = cli(*[a.format(out=tmp_path / "again") for a in args], "--db", backup)
    assert result.exit_code == 1 and "较早版本" in result.stderr
    assert backup.read_bytes() == before
