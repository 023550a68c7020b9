"""Issue 10 items 6–8 and issue 12 item 2: pool members from any body (三库办法 第五条),
full-time members nominated by their unit (第七条), refills and draws that seat
only who is in the pools on every day of the task (第五、十一条), and an
inspector import that can be run twice."""

from __future__ import annotations

import datetime as dt

import pytest

from jcdc import chain, pools, store as store_module
from jcdc.rules import sanku
from jcdc.rules.sanku import CITY_LEVEL, Candidate, Pool, TeamParams
from jcdc.store import open_store
from test_pools import ROSTER, add_roster, draw_json

D = dt.date
TASK = "2019年环保专项督查"


@pytest.fixture
def roster(store):
    add_roster(store)
    pools.add_task(store, TASK, pools.parse_kind("special"), D(2019, 3, 1), D(2019, 3, 10))
    return store


def ids(rows, key="inspector"):
    return [r[key] for r in rows]


# --- item 6: 三库办法 第五条 — members from bodies that are not ranked units ----------------------


def test_wusan_5_an_inspector_from_any_body(cli):
    """人大代表、政协委员、专家学者、离退休干部 and 市政府办公厅 sections have no ranked unit."""
    added = cli.ok("inspector", "add", "王代表", "--pool", "invited", "--org", "市人大常委会办公厅",
                   "--since", "2019-01-01")
    assert added.stdout.strip() == "1" and "市人大常委会办公厅" in added.stderr
    cli.ok("inspector", "add", "李局长", "--pool", "part", "--org", "泽州县住房和城乡建设局",
           "--unit", "泽州县", "--since", "2019-01-01")
    cli.ok("inspector", "add", "赵教授", "--pool", "invited", "--org", "太原理工大学", "--region", "高平市",
           "--since", "2019-01-01")
    # A body typed as --org that is exactly a ranked unit is that unit: avoidance cannot be missed.
    cli.ok("inspector", "add", "钱科长", "--pool", "full", "--org", "市教育局", "--since", "2019-01-01")
    rows = {r["name"]: r for r in cli.json("inspector", "list", "--on", "2019-02-01")}
    assert (rows["王代表"]["unit"], rows["王代表"]["org"], rows["王代表"]["region"]) == (
        None, "市人大常委会办公厅", CITY_LEVEL)
    assert (rows["李局长"]["unit"], rows["李局长"]["org"], rows["李局长"]["region"]) == (
        "zezhou", "泽州县住房和城乡建设局", "zezhou")
    assert (rows["赵教授"]["unit"], rows["赵教授"]["region"]) == (None, "gaoping")
    assert (rows["钱科长"]["unit"], rows["钱科长"]["org"]) == ("jyj", None)
    table = cli.ok("inspector", "list", "--on", "2019-02-01").stdout
    assert "市人大常委会办公厅" in table and "太原理工大学" in table
    # Such bodies are never units: they are in no ranking.
    assert "市人大常委会办公厅" not in cli.ok("unit", "list").stdout

    nobody = cli("inspector", "add", "某人", "--pool", "full")
    assert nobody.exit_code == 2 and "--org" in nobody.stderr
    blank = cli("inspector", "add", "某人", "--pool", "full", "--org", "  ")
    assert blank.exit_code == 2


def test_wusan_5_avoidance_uses_the_county_the_body_sits_in(cli):
    cli.ok("inspector", "add", "李局长", "--pool", "part", "--org", "泽州县住房和城乡建设局", "--region", "泽州县",
           "--since", "2019-01-01")
    cli.ok("inspector", "add", "王代表", "--pool", "part", "--org", "市人大常委会办公厅", "--since", "2019-01-01")
    cli.ok("task", "add", "春查", "--kind", "special", "--start", "2019-03-01", "--end", "2019-03-05")
    view = cli.json("draw", "run", "春查", "--team", "第一组", "--target", "泽州县", "--full", "0", "--part", "1",
                    "--invited", "0", "--seed", "s", "--seed-source", "测试用公开种子")
    assert [(e["name"], e["reason"]) for e in view["excluded"]] == [("李局长", "target-county")]
    assert [m["name"] for m in view["members"]] == ["王代表"]
    # 第六条: a member whose body is not a ranked unit is replaced; there is no unit to dock.
    cli.ok("draw", "consent", str(view["id"]), "2", "--yes")
    failed = cli.ok("draw", "fail", str(view["id"]), "2", "--reason", "未参加", "--date", "2019-03-03")
    assert "不是被考核单位, 未记积分" in failed.stderr
    assert cli.json("points", "list", "--rule", "obstruct") == []


def test_wusan_5_update_restates_the_body(cli):
    cli.ok("inspector", "add", "王代表", "--pool", "invited", "--org", "市人大常委会办公厅", "--since", "2019-01-01")
    cli.ok("inspector", "update", "1", "--unit", "泽州县", "--since", "2019-06-01")
    [row] = cli.json("inspector", "list", "--on", "2019-07-01")
    assert (row["unit"], row["org"], row["region"]) == ("zezhou", None, "zezhou")
    cli.ok("inspector", "update", "1", "--org", "市政协办公室", "--since", "2019-08-01")
    [row] = cli.json("inspector", "list", "--on", "2019-08-01")
    assert (row["unit"], row["org"], row["region"]) == (None, "市政协办公室", CITY_LEVEL)
    [before] = cli.json("inspector", "list", "--on", "2019-02-01")
    assert before["org"] == "市人大常委会办公厅"


def test_wusan_5_import_takes_an_org_column(cli, tmp_path):
    f = tmp_path / "pool.csv"
    f.write_text("姓名,库,单位,单位名称,地区,起始日期\n王代表,特邀,,市人大常委会办公厅,,2019-01-01\n"
                 "李局长,兼职,泽州县,泽州县住房和城乡建设局,,2019-01-01\n", encoding="utf-8-sig")
    cli.ok("inspector", "import", f)
    rows = cli.json("inspector", "list", "--on", "2019-02-01")
    assert [(r["name"], r["unit"], r["org"], r["region"]) for r in rows] == [
        ("王代表", None, "市人大常委会办公厅", CITY_LEVEL), ("李局长", "zezhou", "泽州县住房和城乡建设局", "zezhou")]
    neither = tmp_path / "neither.csv"
    neither.write_text("name,pool\n甲,full\n", encoding="utf-8")
    result = cli("inspector", "import", neither)
    assert result.exit_code == 2 and "unit/org" in result.stderr


def test_records_written_before_a_field_was_added_keep_their_hash():
    """chain.canonical leaves trailing nulls out: a field added later does not re-hash old records."""
    old = ["1", "张伟", "2019-01-01T00:00:00+08:00"]
    assert chain.link(chain.GENESIS, old) == chain.link(chain.GENESIS, [*old, None, None])
    assert chain.link(chain.GENESIS, old) != chain.link(chain.GENESIS, [*old, "市人大常委会办公厅"])


def test_a_ledger_from_before_rules_b_migrates_and_still_checks(tmp_path, monkeypatch, cli):
    """Inspectors, a draw, a refill and a case written before m120–m122: after the
    upgrade their hashes hold (jcdc check), the draw verifies, and the tables still refuse edits."""
    # A ledger from before rules-b is from before the draws' attempts and seed sources too (m180).
    mine = [m for m in store_module.MIGRATIONS if m[0].startswith(("m120_", "m121_", "m122_", "m180_"))]
    added = {"inspectors": ("org",), "draws": ("nominated", "inspectors_seen", "seed_public_source", "attempt",
                                               "redraw_reason"),
             "draw_events": ("skipped", "inspectors_seen"), "cases": ("body",)}
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", [x for x in store_module.MIGRATIONS if x not in mine])
        m.setattr(store_module, "SCHEMA_VERSION", len(store_module.MIGRATIONS) - len(mine))
        m.setattr(store_module, "CHAINED", {t: tuple(f for f in fs if f not in added.get(t, ()))
                                            for t, fs in store_module.CHAINED.items()})
        from jcdc.units import load_roster

        old = open_store(path)
        load_roster(old, "测试")
        add_roster(old)
        pools.add_task(old, TASK, pools.parse_kind("special"), D(2019, 3, 1), D(2019, 3, 10))
        draw = pools.run_draw(old, TASK, "第一组", ["jyj"], {}, seed="s", public_source="测试用公开种子")
        first = pools.get_draw(old, draw).ranking[Pool.PART][0]
        pools.consent(old, draw, [first], False)
        from jcdc import cases

        opened = cases.open_case(old, cases.Opening("泽州县", cases.Trigger.INACTION, "推进缓慢", D(2019, 3, 1)))
        cases.move(old, opened.id, cases.Move(cases.Action.VERIFY, "市发改委", D(2019, 3, 2)))
        old.close()
    monkeypatch.setenv("JCDC_DB", str(path))
    # Looking never migrates (issue 11 item 4): check refuses the older ledger
    # untouched, and a write command upgrades it.
    before = path.read_bytes()
    refused = cli("check")
    assert refused.exit_code == 1 and "较早版本" in refused.stderr and path.read_bytes() == before
    cli.ok("init", "--no-roster")
    cli.ok("check")
    assert "复核一致" in cli.ok("draw", "verify", str(draw)).stderr
    upgraded = open_store(path)
    assert upgraded.conn.execute("SELECT COUNT(*) FROM inspectors").fetchone()[0] == len(ROSTER)
    for table in ("inspectors", "cases"):
        with pytest.raises(Exception, match="append-only"):
            upgraded.conn.execute(f"UPDATE {table} SET id = id")
    upgraded.close()
    assert cli.json("case", "show", "2019-001")["state"] == "verified"
    cli.ok("inspector", "add", "王代表", "--pool", "invited", "--org", "市人大常委会办公厅")
    cli.ok("check")


# --- item 7: 三库办法 第七条 — full-time members nominated by their unit -----------------------------


def test_wusan_7_nominated_full_time_members_fill_seats_first(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--full", "3", "--seed", "s", "--seed-source", "测试用公开种子",
                     "--nominate", "1", "--nominate", "2", "--approved-by", "督查室主任")
    assert view["nominated"] == [
        {"inspector": 1, "body": "市发展和改革委员会", "approved_by": "督查室主任", "name": "张伟"},
        {"inspector": 2, "body": "市财政局", "approved_by": "督查室主任", "name": "王芳"}]
    assert view["seats"]["full"] == 1  # three full-time seats, two nominated: one drawn
    full = [m for m in view["members"] if m["pool"] == "full"]
    assert [(m["inspector"], m["nominated"], m["status"]) for m in full] == [
        (1, True, "notified"), (2, True, "notified"), (view["ranking"]["full"][0], False, "notified")]
    assert {1, 2}.isdisjoint(ids(view["roster"]))
    assert {(e["inspector"], e["reason"]) for e in view["excluded"]} >= {(1, "nominated"), (2, "nominated")}
    # The drawn seats recompute from the record alone, as docs/draw.md says.
    candidates = [Candidate(r["inspector"], Pool(r["pool"]), r["drawn"]) for r in view["roster"]]
    params = TeamParams(view["task"], view["team"], tuple(view["targets"]),
                        {Pool(p): n for p, n in view["seats"].items()})
    assert {p.value: v for p, v in sanku.draw_ranking(view["seed"], candidates, params).items()} == view["ranking"]
    assert "复核一致" in cli.ok("draw", "verify", str(view["id"])).stderr
    shown = cli.ok("draw", "show", str(view["id"])).stderr
    assert "市发展和改革委员会提名, 督查室主任审批" in shown
    # A nominated seat counts in the workload of later draws like a drawn one.
    cli.ok("task", "add", "秋查", "--kind", "special", "--start", "2019-09-01", "--end", "2019-09-05")
    later = cli.json("draw", "run", "秋查", "--team", "第一组", "--target", "jyj", "--seed", "t", "--seed-source", "测试用公开种子")
    assert {r["inspector"]: r["drawn"] for r in later["roster"]}[1] == 1


def test_wusan_7_approval_defaults_to_the_recorder(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子", "--nominate", "1")
    assert view["nominated"][0]["approved_by"] == "测试员" and view["seats"]["full"] == 2
    alone = cli("draw", "run", TASK, "--team", "第二组", "--target", "jyj", "--approved-by", "某人")
    assert alone.exit_code == 2 and "--nominate" in alone.stderr


@pytest.mark.parametrize("setup, nominee, target, text", [
    ((), 9, "jyj", "不是专职督查人员"),                                         # 周杰, part-time
    ((("inspector", "retire", "1", "--date", "2019-03-05", "--reason", "调任"),), 1, "jyj", "不在库"),
    ((("inspector", "add", "新人", "--pool", "full", "--unit", "fgw", "--since", "2019-03-02"),), 16, "jyj",
     "不在库"),
    ((("inspector", "add", "县籍人员", "--pool", "full", "--unit", "市财政局", "--region", "泽州县",
        "--since", "2019-01-01"),), 16, "泽州县", "异地交叉督查"),
    ((), 1, "市发改委", "本人所在单位为被督查单位"),
    ((("draw", "run", TASK, "--team", "第二组", "--target", "jyj", "--seed", "x", "--seed-source", "测试用公开种子", "--nominate", "1"),),
     1, "gaoping", "已在本次任务的其他督查组"),
    ((), 99, "jyj", "找不到督查人员 99"),
])
def test_wusan_7_a_nomination_is_refused(roster, cli, setup, nominee, target, text):
    for args in setup:
        cli.ok(*args)
    draws = len(cli.json("draw", "list"))
    result = cli("draw", "run", TASK, "--team", "第一组", "--target", target, "--nominate", str(nominee))
    assert result.exit_code == 1 and text in result.stderr
    assert len(cli.json("draw", "list")) == draws


def test_wusan_7_more_nominees_than_seats_is_refused(roster, cli):
    result = cli("draw", "run", TASK, "--team", "第一组", "--target", "jyj", "--full", "1",
                 "--nominate", "1", "--nominate", "2")
    assert result.exit_code == 1 and "多于专职席位 1 名" in result.stderr


# --- item 8: 三库办法 第五、十一条 — every member in the pools on every day of the task ----------------


def test_wusan_5_a_draw_never_seats_someone_retiring_during_the_task(roster, cli):
    cli.ok("inspector", "retire", "1", "--date", "2019-03-05", "--reason", "调任")
    for seed in ("a", "b", "c", "d", "e"):
        view = draw_json(cli, "--team", f"组{seed}", "--target", "gdgs", "--seed", seed, "--seed-source", "测试用公开种子", "--part", "0",
                         "--invited", "0", "--full", "1")
        assert 1 not in ids(view["roster"]) and 1 not in ids(view["members"])
        assert {"inspector": 1, "name": "张伟", "reason": "inactive"} in view["excluded"]
        cli.ok("draw", "verify", str(view["id"]))


def _order_with_a_later_candidate(cli):
    view = draw_json(cli, "--team", "第一组", "--target", "ajj", "--seed", "s", "--seed-source", "测试用公开种子", "--full", "0", "--invited", "0",
                     "--part", "1")
    order = view["ranking"]["part"]
    assert len(order) == 4
    return view, order


def test_wusan_11_a_refill_passes_over_who_retired_since_the_draw(roster, cli, monkeypatch):
    """The issue's case: drawn a fortnight before the task; a later candidate
    retires effective before the task starts; a member declines."""
    with monkeypatch.context() as m:
        m.setattr(pools, "timestamp", lambda: "2019-02-15T09:00:00+08:00")
        view, order = _order_with_a_later_candidate(cli)
    cli.ok("inspector", "retire", str(order[1]), "--date", "2019-02-20", "--reason", "退休")
    declined = cli.ok("draw", "consent", str(view["id"]), str(order[0]), "--no")
    assert f"由第 {order[2]} 号" in declined.stderr
    assert "递补时跳过" in declined.stderr and "任务期间有不在库的日子" in declined.stderr
    shown = cli.json("draw", "show", str(view["id"]))
    assert [m["inspector"] for m in shown["members"] if m["status"] == "pending"] == [order[2]]
    [refill] = shown["refills"]
    assert (refill["inspector"], refill["replaces"]) == (order[2], order[0])
    assert [(s["inspector"], s["reason"]) for s in refill["skipped"]] == [(order[1], "inactive")]
    assert "复核一致" in cli.ok("draw", "verify", str(view["id"])).stderr


def test_wusan_11_a_retirement_during_the_task_is_passed_over_too(roster, cli):
    view, order = _order_with_a_later_candidate(cli)
    cli.ok("inspector", "retire", str(order[1]), "--date", "2019-03-06", "--reason", "调任")
    cli.ok("draw", "consent", str(view["id"]), str(order[0]), "--no")
    [refill] = cli.json("draw", "show", str(view["id"]))["refills"]
    assert refill["inspector"] == order[2] and ids(refill["skipped"]) == [order[1]]
    cli.ok("draw", "verify", str(view["id"]))


def test_wusan_11_verify_finds_a_refill_whose_skips_were_edited(roster, cli, db):
    import sqlite3

    view, order = _order_with_a_later_candidate(cli)
    cli.ok("inspector", "retire", str(order[1]), "--date", "2019-03-06", "--reason", "调任")
    cli.ok("draw", "consent", str(view["id"]), str(order[0]), "--no")
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER draw_events_no_update")
    conn.execute("UPDATE draw_events SET skipped = '[]' WHERE action = 'refill'")
    conn.commit()
    conn.close()
    result = cli("draw", "verify", str(view["id"]))
    assert result.exit_code == 1 and "记录的跳过人员" in result.stderr


def test_wusan_5_a_correction_dated_before_the_draw_is_a_note_beside_the_verdict(roster, cli):
    """A retirement recorded after the draw but dated before it (and before the
    start): the draw followed from the ledger as it stood, so verify passes and
    says so in a note naming the record (SPEC §5); the refill, which saw the
    retirement, is reproduced."""
    view, order = _order_with_a_later_candidate(cli)
    cli.ok("inspector", "retire", str(order[1]), "--date", "2019-02-20", "--reason", "补登")
    cli.ok("draw", "consent", str(view["id"]), str(order[0]), "--no")
    result = cli.ok("draw", "verify", str(view["id"]))
    assert "复核一致" in result.stderr and "递补了" not in result.stderr
    assert "日期 2019-02-20 却不晚于抽取之日" in result.stderr and "调出(补登)" in result.stderr


# --- issue 12 item 2: an inspector import run twice changes nothing -------------------------------------


def test_inspector_import_is_idempotent(cli, tmp_path):
    f = tmp_path / "pool.csv"
    f.write_text("姓名,库,单位,单位名称,电话,起始日期\n周杰,兼职,市财政局,,111,2019-01-01\n"
                 "马军,特邀,,市政协办公室,,2019-01-01\n周杰,兼职,市财政局,,111,2019-01-01\n", encoding="utf-8-sig")
    first = cli.ok("inspector", "import", f)
    assert "新增 2 名, 更新 0 名, 跳过 1 名" in first.stderr and "第 4 行跳过" in first.stderr
    again = cli.ok("inspector", "import", f)
    assert "新增 0 名, 更新 0 名, 跳过 3 名" in again.stderr
    assert [r["name"] for r in cli.json("inspector", "list", "--on", "2019-02-01")] == ["周杰", "马军"]

    # A changed field is an update, from the row's date when later than the record.
    f.write_text("姓名,库,单位,单位名称,电话,起始日期\n周杰,兼职,市财政局,,222,2019-05-01\n"
                 "马军,特邀,,市政协办公室,,2019-01-01\n", encoding="utf-8-sig")
    changed = cli.ok("inspector", "import", f)
    assert "新增 0 名, 更新 1 名, 跳过 1 名" in changed.stderr and "更新 1 周杰, 自 2019-05-01 起生效" in changed.stderr
    phones = {r["name"]: r["phone"] for r in cli.json("inspector", "list", "--on", "2019-04-01")}
    assert phones["周杰"] == "111"
    phones = {r["name"]: r["phone"] for r in cli.json("inspector", "list", "--on", "2019-05-01")}
    assert phones["周杰"] == "222"
    # The same name in another pool or another body is another person.
    f.write_text("姓名,库,单位\n周杰,专职,市财政局\n周杰,兼职,市教育局\n", encoding="utf-8-sig")
    assert "新增 2 名" in cli.ok("inspector", "import", f).stderr

    cli.ok("inspector", "retire", "1", "--date", "2019-06-01", "--reason", "调任")
    f.write_text("姓名,库,单位,电话\n周杰,兼职,市财政局,222\n", encoding="utf-8-sig")
    retired = cli.ok("inspector", "import", f)
    assert "跳过 1 名" in retired.stderr and "已于 2019-06-01 调出" in retired.stderr


def test_verify_of_a_draw_whose_date_was_edited_reports_it(roster, cli, db):
    """check 4 reads the day of the draw from its record: an edited one is reported, never a traceback."""
    import sqlite3

    view, _ = _order_with_a_later_candidate(cli)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER draws_no_update")
    conn.execute("UPDATE draws SET recorded_at = 'not a date'")
    conn.commit()
    conn.close()
    result = cli("draw", "verify", str(view["id"]))
    assert result.exit_code == 1 and "哈希链不符" in result.stderr and "Traceback" not in result.output


def test_inspector_import_again_without_a_region_keeps_the_recorded_one(cli, tmp_path):
    """A blank cell states nothing: avoidance (第七条) must not change because a file lacks a column."""
    cli.ok("inspector", "add", "周杰", "--pool", "part", "--unit", "市财政局", "--region", "泽州县",
           "--since", "2019-01-01")
    f = tmp_path / "pool.csv"
    f.write_text("姓名,库,单位\n周杰,兼职,市财政局\n", encoding="utf-8-sig")
    assert "新增 0 名, 更新 0 名, 跳过 1 名" in cli.ok("inspector", "import", f).stderr
    [row] = cli.json("inspector", "list", "--on", "2019-02-01")
    assert row["region"] == "zezhou"
