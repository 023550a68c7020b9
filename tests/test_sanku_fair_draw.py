"""A draw nobody steers, verified against the ledger as it stood (SPEC §5
"Reading verifying a draw"; 三库办法 第八、十一、十四条): the seed is jcdc's,
or the office's with its public source, said wherever the team is published;
every attempt stays on record; a back-dated change is a note, not a failure;
several answers at once; a report returned on its own date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3

import pytest

from jcdc import pools
from jcdc.store import open_store
from test_pools import add_roster

D = dt.date
TASK = "2019年环保专项督查"
DICE = "2019年3月1日抽取会现场掷骰, 见证人 王某、李某"


@pytest.fixture
def roster(store):
    add_roster(store)
    pools.add_task(store, TASK, pools.parse_kind("special"), D(2019, 3, 1), D(2019, 3, 10))
    return store


def run(cli, *args):
    return cli("draw", "run", TASK, "--team", "第一组", "--target", "jyj", *args)


def draws(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM draws").fetchone()[0]
    finally:
        conn.close()


# --- 18.6: the seed is not the clerk's to choose ---------------------------------------------


def test_spec5_a_seed_the_office_gives_names_its_public_source(roster, cli, db):
    """SPEC §5: jcdc makes the seed unless the office gives one with its public source."""
    bare = run(cli, "--seed", "381")
    assert bare.exit_code == 2 and "--seed-source" in bare.stderr and "公开来源" in bare.stderr
    lone = run(cli, "--seed-source", DICE)
    assert lone.exit_code == 2 and "--seed" in lone.stderr
    blank = run(cli, "--seed", "381", "--seed-source", "  ")
    assert blank.exit_code == 2
    assert draws(db) == 0  # refused: nothing written

    view = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--seed", "3 5 6",
                    "--seed-source", DICE)
    assert (view["seed"], view["seed_source"], view["seed_public_source"]) == ("3 5 6", "given", DICE)
    shown = cli.ok("draw", "show", str(view["id"])).stderr
    assert f"种子由督查室给出, 公开来源: {DICE}" in shown


def test_spec5_jcdc_makes_the_seed_at_random_so_a_copy_predicts_nothing(roster, cli, db, tmp_path):
    """The attack: draws tried on a `jcdc backup` copy until the wanted inspector is
    seated. Without a public source the clerk cannot carry a seed over: the
    ledger's draw makes its own (secrets, 128 bits), and says so."""
    copy = tmp_path / "copy.db"
    cli.ok("backup", str(copy))
    tried = {cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--db", str(copy))["seed"]}
    redo = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--db", str(copy),
                    "--reason", "试抽")
    tried.add(redo["seed"])
    real = cli.ok("draw", "run", TASK, "--team", "第一组", "--target", "jyj")
    view = cli.json("draw", "show", "1")
    assert view["seed_source"] == "os" and view["seed_public_source"] is None
    assert len(view["seed"]) == 32 and view["seed"] not in tried and len(tried) == 2
    assert "种子由 jcdc 在记录抽取时随机生成" in real.stderr


def test_spec5_every_published_team_list_says_where_the_seed_came_from(roster, cli, tmp_path):
    """draw run / show, draw list (table and its file) and task show state the seed's source."""
    cli.ok("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--seed", "381",
           "--seed-source", "2019-02-28 福彩3D 第2019052期开奖号码")
    cli.ok("draw", "run", TASK, "--team", "第二组", "--target", "泽州县", "--full", "1", "--part", "0",
           "--invited", "0")
    listing = cli.ok("draw", "list").stdout
    assert "种子来源" in listing and "福彩3D" in listing
    out = tmp_path / "teams.csv"
    cli.ok("draw", "list", "--output", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    sources = {r["督查组"]: r["种子来源"] for r in rows}
    assert sources == {"第一组": "种子由督查室给出, 公开来源: 2019-02-28 福彩3D 第2019052期开奖号码",
                       "第二组": "种子由 jcdc 在记录抽取时随机生成(操作系统随机源)"}
    shown = cli.ok("task", "show", TASK).stderr
    assert "「第一组」(第 1 号抽取): 种子由督查室给出, 公开来源: 2019-02-28 福彩3D 第2019052期开奖号码" in shown
    assert "「第二组」(第 2 号抽取): 种子由 jcdc 在记录抽取时随机生成" in shown
    teams = cli.json("task", "show", TASK)["teams"]
    assert [(t["seed_source"], t["seed_public_source"]) for t in teams] == [
        ("given", "2019-02-28 福彩3D 第2019052期开奖号码"), ("os", None)]


def test_spec5_a_second_draw_for_the_same_seats_needs_a_reason_and_keeps_the_first(roster, cli, db):
    first = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj")
    again = run(cli)
    assert again.exit_code == 1 and "--reason" in again.stderr and "第 1 号" in again.stderr
    premature = cli("draw", "run", TASK, "--team", "第二组", "--target", "jyj", "--reason", "重抽")
    assert premature.exit_code == 2 and "尚未抽取过" in premature.stderr
    assert draws(db) == 1

    second = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--reason", "原定人员集体培训")
    assert (second["attempt"], second["replaces"], second["redraw_reason"]) == (2, 1, "原定人员集体培训")
    # The first attempt's members sat nowhere: the second draws from the same roster, workloads unchanged.
    assert second["roster"] == first["roster"] and second["roster_hash"] == first["roster_hash"]
    listed = {d["id"]: d for d in cli.json("draw", "list")}
    assert (listed[1]["replaced_by"], listed[2]["replaced_by"], listed[2]["attempt"]) == (2, None, 2)
    assert "已由第 2 号取代" in cli.ok("draw", "list").stdout
    shown = cli.ok("draw", "show", "2").stderr
    assert "第 2 次抽取, 取代第 1 号(理由: 原定人员集体培训)" in shown
    assert "已由第 2 号重新抽取取代" in cli.ok("draw", "show", "1").stderr
    # The team is the standing draw's: one team in task show, one report owed.
    task = cli.json("task", "show", TASK)
    assert [(t["team"], t["draw"]) for t in task["teams"]] == [("第一组", 2)]
    assert [a["draw"] for a in task["teams"][0]["attempts"]] == [1, 2]
    assert "「第一组」抽取 2 次, 第 2 号有效; 被取代的: 第 1 号" in cli.ok("task", "show", TASK).stderr
    store = open_store(db)
    assert [i.id for i in pools.due_items(store)] == ["1/第一组"]
    store.close()
    # A member change goes to the standing draw only.
    member = first["ranking"]["part"][0]
    stale = cli("draw", "consent", "1", str(member), "--yes")
    assert stale.exit_code == 1 and "已由第 2 号重新抽取取代" in stale.stderr
    cli.ok("draw", "verify", "1")
    cli.ok("draw", "verify", "2")
    cli.ok("check")
    # Drawn a third time: a change on the first attempt is sent to the one that stands, the third.
    cli.ok("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--reason", "第二次抽中人员回避")
    stale = cli("draw", "consent", "1", str(member), "--yes")
    assert stale.exit_code == 1 and "人员变动请记在第 3 号" in stale.stderr


# --- 17.8: verify against the ledger as it stood when the draw was recorded --------------------


def test_spec5_a_back_dated_retirement_is_a_note_not_a_failure(cli, store):
    """An inspector retired "from 10-01", recorded after the draw of a task
    starting 10-08: the draw followed from the ledger as it stood; the change
    is reported beside the verdict with its record."""
    add_roster(store)
    pools.add_task(store, "2019年国庆后专项督查", pools.parse_kind("special"), D(2019, 10, 8), D(2019, 10, 12))
    view = cli.json("draw", "run", "2019年国庆后专项督查", "--team", "第一组", "--target", "jyj")
    seated = view["members"][0]["inspector"]
    cli.ok("inspector", "retire", str(seated), "--date", "2019-10-01", "--reason", "补登的退休")
    result = cli("draw", "verify", str(view["id"]))
    assert result.exit_code == 0, result.output
    assert "复核一致" in result.stderr
    record = next(r["id"] for r in store.inspector_records() if r["action"] == "retire")
    assert f"注: 第 {record} 号人员记录写于本次抽取之后, 日期 2019-10-01 却不晚于抽取之日" in result.stderr
    assert "补登的退休" in result.stderr
    verdict = pools.verify(store, view["id"])
    assert verdict.consistent and verdict.problems == [] and len(verdict.notes) == 1
    cli.ok("check")  # ordinary work, no tampering: check replays the draw and finds nothing


def test_spec5_a_pre_draw_record_edited_still_fails(roster, cli, db):
    """What the draw stood on is the records before it: one of them edited is a failure."""
    view = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj")
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER inspectors_no_update")
    conn.execute("UPDATE inspectors SET unit = 'jyj' WHERE inspector = ?", (view["roster"][0]["inspector"],))
    conn.commit()
    conn.close()
    result = cli("draw", "verify", str(view["id"]))
    assert result.exit_code == 1 and "可抽取名册" in result.stderr


def test_sanku_14_a_report_is_returned_on_its_date(roster, cli, db):
    """第十四条: `task return-report --date`, not before the report, not in the future."""
    cli.ok("draw", "run", TASK, "--team", "第一组", "--target", "jyj")
    cli.ok("task", "report", TASK, "--team", "第一组", "--date", "2019-03-12")
    early = cli("task", "return-report", TASK, "--team", "第一组", "--reason", "补充", "--date", "2019-03-11")
    assert early.exit_code == 1 and "早于「第一组」报告的报送日期 2019-03-12" in early.stderr
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    later = cli("task", "return-report", TASK, "--team", "第一组", "--reason", "补充", "--date", tomorrow)
    assert later.exit_code != 0 and "晚于今天" in later.stderr
    done = cli.ok("task", "return-report", TASK, "--team", "第一组", "--reason", "补充问题清单",
                  "--date", "2019-03-14")
    assert "2019-03-14" in done.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT action, date FROM reports ORDER BY id").fetchall() == [
        ("submit", "2019-03-12"), ("return", "2019-03-14")]
    conn.close()


# --- 22.9: several answers at once --------------------------------------------------------------


def test_sanku_11_several_consent_at_once_all_or_none(roster, cli, db):
    view = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "ajj")
    did = str(view["id"])
    part, invited, full = view["ranking"]["part"], view["ranking"]["invited"], view["ranking"]["full"]
    # One that cannot (a full-time member is notified, not asked): nobody's answer is written.
    refused = cli("draw", "consent", did, str(part[0]), str(full[0]), "--yes")
    assert refused.exit_code == 1 and f"督查人员 {full[0]}" in refused.stderr and "未记录任何人的答复" in refused.stderr
    twice = cli("draw", "consent", did, str(part[0]), str(part[0]), "--yes")
    assert twice.exit_code == 2 and "给了两次" in twice.stderr
    assert {m["status"] for m in cli.json("draw", "show", did)["members"] if m["pool"] != "full"} == {"pending"}

    said = cli.ok("draw", "consent", did, str(part[0]), str(invited[0]), str(invited[1]), "--yes").stderr
    assert all(f"督查人员 {i}: 已同意" in said for i in (part[0], invited[0], invited[1])), said
    declined = cli.ok("draw", "consent", did, str(part[1]), "--no")
    assert f"由第 {part[2]} 号" in declined.stderr
    # In the order given: part[2] declines, part[3] takes the seat, then declines too.
    both = cli.ok("draw", "consent", did, str(part[2]), str(part[3]), "--no").stderr
    assert f"由第 {part[3]} 号" in both and "同库已无可递补人员" in both
    members = {m["inspector"]: m["status"] for m in cli.json("draw", "show", did)["members"]}
    assert (members[part[2]], members[part[3]]) == ("declined", "declined")
    cli.ok("draw", "verify", did)


def test_spec5_a_draw_from_before_seed_sources_migrates_and_says_what_it_lacks(tmp_path, monkeypatch, cli):
    """A ledger whose draw was recorded before m180, with a seed the clerk gave
    and no source: after the upgrade its hash holds (check), it verifies with a
    note that its seed's source is not on record, and the team can be drawn again."""
    from jcdc import store as store_module
    from jcdc.units import load_roster

    mine = [m for m in store_module.MIGRATIONS if m[0].startswith("m180_")]
    added = ("seed_public_source", "attempt", "redraw_reason")
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", [x for x in store_module.MIGRATIONS if x not in mine])
        m.setattr(store_module, "SCHEMA_VERSION", len(store_module.MIGRATIONS) - len(mine))
        m.setattr(store_module, "CHAINED", {t: tuple(f for f in fs if t != "draws" or f not in added)
                                            for t, fs in store_module.CHAINED.items()})
        old = open_store(path)
        load_roster(old, "测试")
        add_roster(old)
        pools.add_task(old, TASK, pools.parse_kind("special"), D(2019, 3, 1), D(2019, 3, 10))
        draw = pools.run_draw(old, TASK, "第一组", ["jyj"], {}, seed="晋督抽〔2019〕4号", public_source="(不写入)")
        old.close()
    monkeypatch.setenv("JCDC_DB", str(path))
    cli.ok("init", "--no-roster")
    cli.ok("check")
    verified = cli.ok("draw", "verify", str(draw)).stderr
    assert "复核一致" in verified and "记录未载明其公开来源" in verified
    assert "种子由操作人给出, 未载明公开来源" in cli.ok("draw", "show", str(draw)).stderr
    assert cli.json("draw", "show", str(draw))["attempt"] == 1
    again = cli.json("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--reason", "种子未载明来源, 重新抽取")
    assert (again["attempt"], again["replaces"]) == (2, draw)
    cli.ok("check")
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE draws SET seed = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("INSERT INTO draws SELECT id + 10, task, team, targets, seats, attendants, override_reason, seed,"
                     " seed_source, algorithm, roster, roster_hash, excluded, ranking, events_seen, recorded_by,"
                     " recorded_at, prev_hash, hash, nominated, inspectors_seen, seed_public_source, attempt,"
                     " redraw_reason FROM draws WHERE id = 1")
    conn.close()
