"""A ledger on a network share (issue 18 item 18).

SQLite opens a Windows share only by a URI with an empty authority
(file:////server/share/x.db): pathlib's file://server/share/x.db is refused as
"invalid uri authority", and every read-only command failed there. And WAL,
which the ledger uses, does not work over a network file system
(sqlite.org/wal.html): jcdc writes no ledger on a share, saying why and what to
do (one PC keeps the ledger; the others receive backups or exports).
"""

from __future__ import annotations

import sqlite3
from pathlib import PurePosixPath, PureWindowsPath

import sys

import pytest

import jcdc.store
from jcdc import messages as msg
from jcdc.store import network_location, sqlite_uri


@pytest.mark.parametrize("path", [r"\\server\share\x.db", "//server/share/x.db"])
def test_a_share_is_opened_by_a_uri_with_an_empty_authority(path):
    assert sqlite_uri(PureWindowsPath(path), "mode=ro") == "file:////server/share/x.db?mode=ro"


def test_other_paths_keep_their_uris_and_names_are_escaped():
    assert sqlite_uri(PureWindowsPath(r"C:\督查\jcdc.db"), "mode=ro") == \
        "file:///C:/%E7%9D%A3%E6%9F%A5/jcdc.db?mode=ro"
    assert sqlite_uri(PureWindowsPath(r"\\srv\台账\a b#?.db"), "mode=ro") == \
        "file:////srv/%E5%8F%B0%E8%B4%A6/a%20b%23%3F.db?mode=ro"
    assert sqlite_uri(PurePosixPath("/home/王/jcdc.db"), "mode=ro") == "file:///home/%E7%8E%8B/jcdc.db?mode=ro"


def test_sqlite_reads_a_local_file_by_the_uri_built(tmp_path):
    path = tmp_path / "台账 #1.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x)")
    con = sqlite3.connect(sqlite_uri(path, "mode=ro"), uri=True)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    con.close()


MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/督查 /mnt/督查\\040共享 cifs rw,vers=3.0 0 0
nas:/export /srv/nas nfs4 rw 0 0
tmpfs /srv/nas/local tmpfs rw 0 0
"""


@pytest.mark.parametrize("path,where", [
    (PureWindowsPath(r"\\server\share\jcdc.db"), r"\\server\share"),
    (PureWindowsPath("//server/share/jcdc.db"), r"\\server\share"),
    (PureWindowsPath(r"D:\督查\jcdc.db"), None),
    (PurePosixPath("/mnt/督查 共享/jcdc.db"), "cifs /mnt/督查 共享"),
    (PurePosixPath("/srv/nas/jcdc.db"), "nfs4 /srv/nas"),
    (PurePosixPath("/srv/nas/local/jcdc.db"), None),   # the innermost mount decides
    (PurePosixPath("/srv/nasty/jcdc.db"), None),       # a prefix of a name is not a folder
    (PurePosixPath("/home/clerk/jcdc.db"), None),
])
def test_a_network_location_is_told_by_its_path_or_its_mount(path, where):
    assert network_location(path, MOUNTS) == where


@pytest.fixture
def on_a_share(db, monkeypatch):
    """The test's folder, as if a cifs share were mounted there."""
    if sys.platform == "win32":
        pytest.skip("a mount table is POSIX's: on Windows a share is its UNC path, told by the path alone")
    monkeypatch.setattr(jcdc.store, "_mount_table", lambda: f"//srv/share {db.parent} cifs rw 0 0\n")
    return db


def test_no_write_is_made_to_a_ledger_on_a_share(cli, on_a_share):
    before = sqlite3.connect(on_a_share).execute("SELECT count(*) FROM entries").fetchone()
    result = cli("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10")
    assert (result.exit_code, result.stderr) == (1, msg.ERROR_PREFIX + msg.DB_ON_NETWORK.format(
        path=on_a_share, where=f"cifs {on_a_share.parent}") + "\n")
    assert sqlite3.connect(on_a_share).execute("SELECT count(*) FROM entries").fetchone() == before


def test_init_on_a_share_is_refused_and_creates_nothing(cli, on_a_share):
    target = on_a_share.parent / "新台账.db"
    result = cli("init", "--db", target)
    assert result.exit_code == 1 and "网络位置" in result.stderr and "jcdc backup" in result.stderr
    assert not target.exists()


def test_a_ledger_on_a_share_is_still_read(cli, db, on_a_share):
    assert cli.ok("unit", "list").stdout
    assert cli.ok("check").exit_code == 0
