"""On the clerk's Windows PC: what differs from Linux, tested on both where it can be.

Runs on the Windows leg of CI (tools/windows/test -m windows: Windows CPython
under Wine, code page 936) and on Linux. What only Windows can show (a file held
open by another program, a file's DACL) is skipped on Linux with its reason; what
Linux can imitate (a sharing violation's winerror, a path beyond Windows' limit)
runs on both.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import jcdc.files
from jcdc import messages as msg
from jcdc.cli import LONGEST_PATH

pytestmark = pytest.mark.windows

WINDOWS_ONLY = pytest.mark.skipif(sys.platform != "win32", reason="Windows only: POSIX has no such behaviour")


def error(text: str) -> str:
    return msg.ERROR_PREFIX + text + "\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".jcdc-"))


@pytest.fixture
def ledger(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06", "--note", "刘䶮 到场")
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-06-01")
    return cli


# --- a path beyond Windows' limit ---------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["points", "list", "--output"], ["rank", "--year", "2019", "--output"], ["backup"], ["points", "list", "--db"],
    ["demo", "--path"], ["statement", "--year", "2019", "--output"],
], ids=lambda a: " ".join(a))
def test_a_path_beyond_windows_limit_is_one_line_not_an_internal_error(ledger, db, tmp_path, args):
    """Windows' os.stat raises ValueError ("path too long for Windows") where
    POSIX raises ENAMETOOLONG: either way one line, exit 2, nothing written."""
    before = ledger.json("points", "list")
    target = str(tmp_path / ("长" * (LONGEST_PATH + 1)))
    result = ledger(*args, target)
    assert result.exit_code == 2, result.output
    assert result.stderr == error(msg.PATH_TOO_LONG.format(
        name=result.stderr.split(" 的路径")[0].removeprefix(msg.ERROR_PREFIX),
        length=len(target), max=LONGEST_PATH))
    assert "内部错误" not in result.stderr and leftovers(tmp_path) == []
    assert ledger.json("points", "list") == before


def test_a_path_made_beyond_windows_limit_is_one_line(ledger, tmp_path, monkeypatch):
    """A path jcdc makes from the clerk's (a folder and a name in it) past the
    limit: Python's ValueError, met anywhere, is one line too."""
    def too_long(*args, **kwargs):
        raise ValueError("stat: path too long for Windows")

    monkeypatch.setattr(jcdc.files.os, "replace", too_long)
    out = tmp_path / "积分.csv"
    out.write_text("别人的表格", encoding="utf-8")
    result = ledger("points", "list", "--output", out, "--force")
    assert (result.exit_code, result.stderr) == (1, error(msg.PATH_TOO_LONG_MADE.format(max=LONGEST_PATH)))
    assert out.read_text(encoding="utf-8") == "别人的表格" and leftovers(tmp_path) == []


# --- a file another program holds open ----------------------------------------------------------


def _sharing_violation(*args, **kwargs):
    e = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(args[-1]))
    e.winerror = 32  # ERROR_SHARING_VIOLATION, as Windows sets it
    raise e


@pytest.mark.parametrize("args", [["points", "list"], ["rank", "--year", "2019"], ["report", "--year", "2019"]],
                         ids=lambda a: a[0])
def test_force_over_a_file_excel_holds_open_says_so_not_that_the_folder_forbids(ledger, tmp_path, monkeypatch,
                                                                                 args):
    """`--force` over a workbook open in Excel: Windows refuses the rename with a
    sharing violation. The clerk is told the file is open in another program,
    to close it and try again, not that the folder forbids writing."""
    out = tmp_path / "排名.xlsx"
    out.write_bytes(b"PK\x03\x04 Excel's workbook")
    monkeypatch.setattr(jcdc.files.os, "replace", _sharing_violation)
    result = ledger(*args, "--output", out, "--force")
    assert (result.exit_code, result.stderr) == (1, error(msg.FILE_IN_USE.format(path=out)))
    assert "权限" not in result.stderr
    assert out.read_bytes() == b"PK\x03\x04 Excel's workbook" and leftovers(tmp_path) == []


def test_a_statement_folder_with_a_file_open_in_word_says_so(ledger, tmp_path, monkeypatch):
    folder = tmp_path / "告知单"
    ledger.ok("statement", "--year", "2019", "--output", folder)
    monkeypatch.setattr(jcdc.files.os, "replace", _sharing_violation)
    result = ledger("statement", "--year", "2019", "--output", folder, "--force")
    assert (result.exit_code, result.stderr) == (1, error(msg.FILE_IN_USE.format(path=folder)))


def _hold_open(path: Path, share: int):
    """A handle on `path` as another program keeps one: Excel shares reading only."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateFileW.restype = wintypes.HANDLE
    kernel32.CreateFileW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, ctypes.c_void_p,
                                     wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    handle = kernel32.CreateFileW(str(path), 0x80000000 | 0x40000000, share, None, 3, 0x80, None)
    assert handle not in (None, wintypes.HANDLE(-1).value), ctypes.get_last_error()
    return lambda: kernel32.CloseHandle(handle)


@WINDOWS_ONLY
@pytest.mark.parametrize("share", [0x1, 0x3], ids=["excel", "sqlite"])  # FILE_SHARE_READ, READ|WRITE
def test_force_over_a_file_really_held_open_says_so(ledger, tmp_path, share):
    out = tmp_path / "积分.csv"
    out.write_text("别人的表格", encoding="utf-8")
    release = _hold_open(out, share)
    try:
        result = ledger("points", "list", "--output", out, "--force")
    finally:
        release()
    assert (result.exit_code, result.stderr) == (1, error(msg.FILE_IN_USE.format(path=out)))
    assert out.read_text(encoding="utf-8") == "别人的表格" and leftovers(tmp_path) == []
    ledger.ok("points", "list", "--output", out, "--force")  # closed: written
    assert "泽州县" in out.read_text(encoding="utf-8-sig")


# --- a second `jcdc demo`, a runner calling command after command ------------------------------------


def test_demo_twice_in_one_process_replaces_its_ledger(cli, tmp_path):
    """Windows neither replaces nor deletes a file a connection holds: every
    command closes what it opened, and demo closes this process's own
    connections to the earlier demo before replacing it."""
    target = tmp_path / "演示 台账" / "demo.db"
    first = cli.ok("demo", "--path", target, "--format", "json")
    cli.ok("points", "list", "--db", target)
    again = cli.ok("demo", "--path", target, "--format", "json")
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert leftovers(target.parent) == []


def test_no_connection_outlives_its_command(cli, db, monkeypatch):
    import jcdc.store

    opened = []
    real = jcdc.store.open_store

    def recording(*args, **kwargs):
        opened.append(real(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(jcdc.store, "open_store", recording)
    for args in (["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06"], ["points", "list"],
                 ["rank", "--year", "2019"], ["points", "add", "-u", "nowhere", "-r", "problem"]):
        cli(*args)
    assert len(opened) >= 3
    for store in opened:
        with pytest.raises(Exception, match="closed"):
            store.conn.execute("SELECT 1")


# --- owner-only files ---------------------------------------------------------------------------


def _aces(sddl: str) -> dict[str, str]:
    """SID → rights of the allowing ACEs of a DACL in SDDL."""
    import re

    return {sid: rights for kind, rights, sid in re.findall(r"\((\w+);[^;]*;([^;]*);[^;]*;[^;]*;([^)]*)\)", sddl)
            if kind == "A"}


@WINDOWS_ONLY
def test_the_ledger_and_every_file_written_are_owner_only_by_their_dacl(ledger, db, tmp_path):
    """chmod 0600 only sets the read-only flag on Windows: the file's DACL grants
    the user (and SYSTEM) alone, whatever the folder passes on."""
    from jcdc import winfiles

    user = winfiles.user_sid()
    files = [db]
    for args, name in ((["points", "list"], "积分.xlsx"), (["case", "list"], "案件.json"),
                       (["rank", "--year", "2019"], "排名.csv"), (["report", "--year", "2019"], "报告.xlsx")):
        ledger.ok(*args, "--output", tmp_path / name)
        files.append(tmp_path / name)
    ledger.ok("backup", tmp_path / "备份.db")
    files.append(tmp_path / "备份.db")
    fresh = tmp_path / "新台账.db"
    ledger.ok("init", "--db", fresh)
    files.append(fresh)
    ledger.ok("statement", "--year", "2019", "--output", tmp_path / "告知单")
    files += sorted((tmp_path / "告知单").iterdir())
    for path in files:
        try:
            aces = _aces(winfiles.dacl_of(path))
        except OSError as e:
            pytest.skip(f"this Windows cannot read a file's DACL back ({e})")
        assert aces.get(user) == "FA" and set(aces) <= {user, "SY"}, (path, aces)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes: Windows' owner-only is the DACL, tested above")
def test_owner_only_is_mode_0600_on_posix(tmp_path):
    path = tmp_path / "f"
    path.write_text("x")
    os.chmod(path, 0o644)
    jcdc.files.owner_only(path)
    assert path.stat().st_mode & 0o777 == 0o600


# --- what a script gets from a pipe -------------------------------------------------------------


def _piped(db, *args, encoding: str | None):
    """jcdc ARGS in a process of its own, stdout a pipe in `encoding` (GBK: Chinese Windows' code page)."""
    env = {**os.environ, "JCDC_DB": str(db), "JCDC_USER": "测试员"}
    env.pop("PYTHONUTF8", None)
    env.pop("PYTHONIOENCODING", None)
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "jcdc", *args], capture_output=True, env=env, timeout=120)


# None: the pipe as Windows gives it (the code page, 936 on the Windows leg); gbk: as Linux imitates it.
@pytest.mark.parametrize("encoding", [None, "gbk"], ids=["as-is", "gbk"])
def test_a_script_gets_every_character_of_csv_and_json_from_a_pipe(ledger, db, encoding):
    """`jcdc … --format csv | …` is UTF-8 whatever the code page; `--format json`
    is UTF-8 too, pure ASCII (\\u escapes) when the pipe's own encoding is not:
    䶮 and 😀, which GBK lacks, arrive whole, and nothing warns."""
    ledger.ok("points", "add", "-u", "yangcheng", "-r", "problem", "-d", "2019-05-07", "--note", "表情😀")
    done = _piped(db, "points", "list", "--format", "csv", encoding=encoding)
    assert (done.returncode, done.stderr) == (0, b"")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    assert {r["备注"] for r in rows} >= {"刘䶮 到场", "表情😀"}
    done = _piped(db, "points", "list", "--format", "json", encoding=encoding)
    assert (done.returncode, done.stderr) == (0, b"")
    assert {e["note"] for e in json.loads(done.stdout.decode("utf-8"))} >= {"刘䶮 到场", "表情😀"}
    done = _piped(db, "rank", "--year", "2019", "--format", "json", encoding=encoding)
    assert done.returncode == 0 and {r["name"] for r in json.loads(done.stdout)} >= {"泽州县", "高平市"}
