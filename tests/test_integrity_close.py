"""Closed quarters: `jcdc close`, `jcdc reopen`, the refusal in points.post(),
the note of `rank --quarter`, and `jcdc check` of what was published."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import sqlite3

import pytest

from jcdc import messages as msg
from jcdc.model import JcdcError, Quarter
from jcdc.points import PointsRequest, draft, post
from jcdc.ruleset.words import fill
from jcdc.units import UnitIndex

from test_integrity_check import problems, tamper


def count(db) -> int:
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    conn.close()
    return n


@pytest.fixture
def closed(cli):
    """2019Q1 and Q2 closed, with an entry in each; Q3 open."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "12", "-d", "2019-05-06")
    cli.ok("close", "2019Q1", "--by", "王科长")
    cli.ok("close", "2019年第二季度", "--by", "王科长")
    return cli


def test_close_prints_the_hash_of_the_ranking_it_publishes(cli, db):
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "12", "-d", "2019-02-06")
    printed = cli.ok("close", "2019Q1").stderr.split()[-1]
    ranking = cli.json("rank", "--quarter", "2019Q1")
    published = [{"group": r["group"], "rank": r["rank"], "unit": r["unit"], "name": r["name"],
                  "score": round(r["score"] * 10), "ytd": round(r["ytd"] * 10)} for r in ranking]
    text = json.dumps(published, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert printed == hashlib.sha256(text.encode("utf-8")).hexdigest()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT ranking_hash, recorded_by FROM closings").fetchall() == [(printed, "测试员")]
    conn.close()


@pytest.mark.parametrize("args", [
    ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-06-30"],
    ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019/1/1"],
    ["points", "revoke", "2", "--reason", "录入有误"],  # a reversal carries its original's date
])
def test_an_entry_dated_in_a_closed_quarter_is_refused_and_nothing_is_written(closed, db, args):
    before = count(db)
    result = closed(*args)
    assert result.exit_code == 1
    assert "已于" in result.stderr and "王科长" in result.stderr and "jcdc reopen" in result.stderr
    assert count(db) == before


def test_a_batch_with_one_entry_in_a_closed_quarter_writes_none(closed, store):
    units = UnitIndex.of(store)
    with pytest.raises(JcdcError, match="2019年第二季度"):  # draft() refuses it for its row …
        draft(store, units, PointsRequest("zezhou", "problem", dt.date(2019, 6, 30)))
    open_row = draft(store, units, PointsRequest("zezhou", "problem", dt.date(2019, 7, 1)))
    with pytest.raises(JcdcError, match="2019年第二季度"):  # … and post() guards the door again
        post(store, [open_row, dataclasses.replace(open_row, date=dt.date(2019, 6, 30))])
    assert store.entries(first_qkey=20193) == []


def test_the_open_quarter_after_a_closed_one_takes_entries(closed):
    closed.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-07-01")
    assert problems(closed) == []


def test_rank_of_a_closed_quarter_says_so_and_keeps_its_json_shape(closed):
    result = closed.ok("rank", "--quarter", "2019Q2", "--format", "json")
    assert "2019年第二季度已于" in result.stderr and "王科长" in result.stderr
    rows = json.loads(result.stdout)
    assert set(rows[0]) == {"period", "group", "rank", "unit", "name", "score", "delta", "ytd", "flags"}
    assert next(r for r in rows if r["unit"] == "gaoping")["score"] == 112
    closed.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-08-06")
    assert "关闭" not in closed.ok("rank", "--quarter", "2019Q3").stderr


def test_quarters_close_in_order_and_once(closed):
    for args, text in [
        (["close", "2019Q4"], msg.CLOSE_EARLIER_FIRST.format(earlier="2019年第三季度")),
        (["close", "2019Q2"], "2019年第二季度已于"),
        (["close", f"{Quarter.of(dt.date.today())}"], "结束后才能关闭"),
    ]:
        result = closed(*args)
        assert (result.exit_code, text in result.stderr) == (1, True), result.stderr


def test_reopen_needs_a_reason_and_goes_in_reverse_order(closed, db):
    assert closed("reopen", "2019Q2", "--reason", "  ").exit_code == 2
    result = closed("reopen", "2019Q1", "--reason", "更正")
    assert result.exit_code == 1 and msg.REOPEN_LATER_FIRST.format(
        later="2019年第二季度", quarter="2019年第一季度") in result.stderr
    assert closed("reopen", "2019Q3", "--reason", "更正").exit_code == 1

    closed.ok("reopen", "2019Q2", "--reason", "省督查组反馈漏记一项")
    closed.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-06-30")
    closed.ok("close", "2019Q2")
    assert problems(closed) == []
    conn = sqlite3.connect(db)
    history = conn.execute("SELECT qkey, action, reason FROM closings ORDER BY id").fetchall()
    conn.close()
    assert history == [(20191, "close", None), (20192, "close", None),
                       (20192, "reopen", "省督查组反馈漏记一项"), (20192, "close", None)]


def test_a_closed_quarter_changed_behind_jcdcs_back_is_reported_unit_by_unit(closed, db):
    # An entry moved into the closed quarter, its whole chain recomputed: only
    # the published ranking can tell.
    closed.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-07-01")
    tamper(db, "UPDATE entries SET date = '2019-06-01', qkey = 20192 WHERE id = 3;", rechain=True)
    found = problems(closed)
    assert found[0] == "closings 第 2 条: " + msg.P_CLOSED_CHANGED.format(
        quarter="2019年第二季度", at=closed_at(db, 2))
    assert found[1:] == ["closings 第 2 条: " + msg.P_CLOSED_UNIT.format(
        quarter="2019年第二季度", unit="泽州县",
        was=msg.P_RANK_ROW.format(group="县区", rank=2, score="100.0", ytd="95.0"),
        now=msg.P_RANK_ROW.format(group="县区", rank=7, score="95.0", ytd="90.0"))]


def test_a_unit_moved_to_another_group_changes_the_closed_ranking(closed, db):
    conn = sqlite3.connect(db, isolation_level=None)  # the units' guard dropped first (issue 11)
    conn.executescript("DROP TRIGGER units_no_update; UPDATE units SET grp = '市直' WHERE code = 'gaoping'")
    conn.close()
    found = problems(closed)
    assert "closings 第 1 条: " + msg.P_CLOSED_CHANGED.format(quarter="2019年第一季度", at=closed_at(db, 1)) in found
    assert "closings 第 2 条: " + msg.P_CLOSED_CHANGED.format(quarter="2019年第二季度", at=closed_at(db, 2)) in found


def test_a_closing_record_edited_is_caught(closed, db):
    tamper(db, "UPDATE closings SET ranking_hash = '0' WHERE id = 2;", table="closings")
    found = problems(closed)
    assert f"closings 第 2 条: {msg.P_HASH}" in found
    assert f"closings 第 2 条: {msg.P_CLOSING_HASH}" in found


def test_a_closing_deleted_is_caught(closed, db):
    conn = sqlite3.connect(db)
    [(published,)] = conn.execute("SELECT ranking_hash FROM closings WHERE id = 2").fetchall()
    conn.close()
    tamper(db, "DELETE FROM closings WHERE id = 2;", table="closings")
    found = problems(closed)
    assert found[0] == f"closings: {msg.P_HEAD_MISSING.format(id=2, last=1)}"
    # the anchor the closing recorded (issue 11) no longer reached either
    where = msg.P_ANCHOR_RECORDED.format(id=2)
    assert found[1:] == [
        f"closings: {msg.P_ANCHOR_LOST.format(where=where, id=2, last=1, lost=1)}",
        f"closings: {msg.P_ANCHOR_QUARTER.format(where=where, quarter='2019年第二季度', hash=published)}",
    ]


def closed_at(db, closing_id: int) -> str:
    """When the quarter was closed, as the clerk reads it: Beijing time (2026年12月2日 12:02)."""
    from jcdc.model import beijing_time

    conn = sqlite3.connect(db)
    at = conn.execute("SELECT recorded_at FROM closings WHERE id = ?", (closing_id,)).fetchone()[0]
    conn.close()
    return beijing_time(at)


_STORED_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def test_every_word_about_a_closing_gives_beijing_time_never_the_stored_moment(closed, db, tmp_path):
    """The closed-quarter refusals, a second closing, and `check` of a changed
    closed quarter: 2026年12月2日 12:02 as the rest of the screen, not 2026-12-02T04:02:54+00:00."""
    at = closed_at(db, 2)
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", at)
    sheet = tmp_path / "二季度.csv"
    sheet.write_text("date,unit,rule\n2019-05-03,泽州县,problem\n", encoding="utf-8")
    said = [closed("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06"),
            closed("points", "import", sheet),
            closed("close", "2019Q2")]
    for result in said:
        assert result.exit_code == 1 and at in result.stderr, result.stderr
        assert not _STORED_MOMENT.search(result.stderr), result.stderr
    closed.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-07-01")
    tamper(db, "UPDATE entries SET date = '2019-06-01', qkey = 20192 WHERE id = 3;", rechain=True)
    checked = closed("check")
    assert checked.exit_code == 1 and at in checked.stdout + checked.stderr
    assert not _STORED_MOMENT.search(checked.stdout + checked.stderr)


def test_the_roster_of_a_closed_quarter_does_not_change(cli):
    cli.ok("close", "2019Q1", "--by", "督查室主任", "--empty")
    added = cli("unit", "add", "xzsp", "市行政审批服务管理局", "--category", "city")
    assert added.exit_code == 1 and "已关账的2019年第一季度排名" in added.stderr
    cli.ok("unit", "add", "xzsp", "市行政审批服务管理局", "--category", "city", "--valid-from", "2019-04-01")
    ended = cli("unit", "end", "gtj", "--date", "2018-12-31")  # would drop it from 2019Q1
    assert ended.exit_code == 1 and "已关账" in ended.stderr
    cli.ok("unit", "end", "gtj", "--date", "2019-02-28")  # still ranked in 2019Q1, as published
    assert cli("check").exit_code == 0


def test_close_and_rank_agree_on_a_quarter_with_no_entry(cli, db):
    """A quarter nobody scored has no ranking: `rank` says so, and `close` refuses it in
    the same words (nothing is frozen, nothing recorded) unless --empty says the quarter
    really had nothing to score — then the quarters after it can be closed in order."""
    ranked = cli("rank", "--quarter", "2019Q1")
    closed = cli("close", "2019Q1")
    assert ranked.exit_code == closed.exit_code == 1
    words = fill(msg.PERIOD_NO_ENTRIES).format(period="2019年第一季度")
    assert ranked.stderr == f"错误: {words}\n"
    assert closed.stderr.startswith("错误: 2019年第一季度台账中没有积分记录, 各单位均为基准分 100, 不排名")
    assert "--empty" in closed.stderr and len(closed.stderr.splitlines()) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM closings").fetchone()[0] == 0
    conn.close()

    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    refused = cli("close", "2019Q2")
    assert refused.exit_code == 1 and "请先关闭2019年第一季度" in refused.stderr
    done = cli.ok("close", "2019Q1", "--empty")
    assert fill(msg.CLOSED_EMPTY).format(quarter="2019年第一季度") in done.stderr
    scored = cli("close", "2019Q2", "--empty")  # it has an entry: not an empty quarter
    assert scored.exit_code == 2 and scored.stderr == "错误: " + msg.CLOSE_EMPTY_NOT_EMPTY.format(
        quarter="2019年第二季度") + "\n"
    cli.ok("close", "2019Q2")
    shown = cli.json("rank", "--quarter", "2019Q1")
    assert {r["score"] for r in shown} == {100}  # as recorded: every unit at the base
    assert cli("check").exit_code == 0
