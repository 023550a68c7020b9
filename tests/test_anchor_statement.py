"""The anchor statement (docs/integrity.md "Anchors"): a fresh, untouched
statement passes its own check whatever its recorder's name holds, and the
statement — meant to be sent outside the office — carries the recorder's name
and the ledger's file name, nothing of the clerk's computer."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from jcdc import messages as msg
from jcdc.anchor import Anchor, parse, statement

HEADS = {"entries": (3, "a" * 64), "closings": (1, "b" * 64)}


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_recorder_name_holding_a_line_separator_reads_back_as_written(separator):
    """A name as a ledger may hold it from before names were checked for
    separators: the statement parses back to the very anchor it was made
    from, so its fingerprint is its own (no 文件在生成后被改动)."""
    anchor = Anchor("2019-07-05T17:30:00+08:00", f"王{separator}科长", HEADS, {"2019Q2": "c" * 64}, "2019Q2")
    parsed, stated = parse(statement(anchor, Path("jcdc.db")))
    assert parsed == anchor
    assert stated == parsed.fingerprint == anchor.fingerprint


def test_the_statement_names_the_ledger_file_not_its_folder(cli, db):
    """积分办法 第十八条 报送: the statement goes outside the office; the folder
    of the ledger is the clerk's profile (C:\\Users\\NAME\\AppData …), not the
    office's business. Its file name says which ledger."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    out = cli.ok("anchor", "--by", "王科长").stdout
    assert f"{msg.ANCHOR_LEDGER} {db.name}\n" in out
    assert str(db.parent) not in out


def test_the_statement_never_carries_the_system_account(cli, db, monkeypatch):
    """Without --by or JCDC_USER the recorder is unnamed: the statement says so
    (to be signed below) instead of giving the operating system's account."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    monkeypatch.delenv("JCDC_USER")
    monkeypatch.setattr(getpass, "getuser", lambda: "zhang.wei.pc07")
    for args in (("anchor",), ("close", "2019Q1")):
        out = cli.ok(*args).stdout
        assert "zhang.wei.pc07" not in out
        assert f"{msg.ANCHOR_MADE_BY} {msg.ANCHOR_UNNAMED}\n" in out
        anchor, stated = parse(out)
        assert stated == anchor.fingerprint
