"""Inspector pools, tasks, draws and reports through the use cases and the CLI (三库办法)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from jcdc import pools
from jcdc.due import sources
from jcdc.pools import InspectorChange
from jcdc.rules import sanku
from jcdc.rules.sanku import CITY_LEVEL, Candidate, Pool, TeamParams
from jcdc.store import open_store

D = dt.date
SINCE = D(2019, 1, 1)

# (name, pool, unit, region or None): full-time staff of city and county offices,
# part-time section heads and experts, invited deputies.
ROSTER = [
    ("张伟", "full", "fgw", None), ("王芳", "full", "czj", None), ("李强", "full", "jyj", None),
    ("刘洋", "full", "zezhou", None), ("陈静", "full", "gaoping", None), ("杨磊", "full", "fgw", None),
    ("赵敏", "full", "kaifaqu", None), ("黄勇", "full", "rsj", None),
    ("周杰", "part", "czj", "zezhou"), ("吴娜", "part", "jyj", None), ("徐涛", "part", "yangcheng", None),
    ("孙丽", "part", "fgw", None),
    ("马军", "invited", "gdgs", None), ("朱琳", "invited", "czj", "gaoping"), ("胡斌", "invited", "wjw", None),
]


def add_roster(store, roster=ROSTER, since=SINCE):
    with store.write():
        for name, pool, unit, region in roster:
            pools.add_inspector(store, InspectorChange(name=name, pool=Pool(pool), unit=unit, region=region),
                                since, "测试")


@pytest.fixture
def roster(store):
    add_roster(store)
    pools.add_task(store, "2019年环保专项督查", pools.parse_kind("special"), D(2019, 3, 1), D(2019, 3, 10))
    return store


def draw_json(cli, *args):
    return cli.json("draw", "run", "2019年环保专项督查", *args)


# --- inspectors ----------------------------------------------------------------------------------


def test_inspector_add_list_update_retire_as_of_dates(cli):
    assert cli.ok("inspector", "add", "张伟", "--pool", "full", "--unit", "市发改委",
                  "--since", "2019-01-01").stdout.strip() == "1"
    cli.ok("inspector", "add", "刘洋", "--pool", "专职", "--unit", "泽州县", "--expertise", "安全生产",
           "--expertise", "环保", "--phone", "0356-1234567", "--since", "2019-01-01")
    cli.ok("inspector", "update", "1", "--unit", "市教育局", "--pool", "part", "--since", "2019-06-01")
    cli.ok("inspector", "retire", "2", "--date", "2019-09-01", "--reason", "调任")

    on_may = cli.json("inspector", "list", "--on", "2019-05-01")
    assert on_may == [
        {"id": 1, "name": "张伟", "pool": "full", "unit": "fgw", "org": None, "region": CITY_LEVEL,
         "expertise": [], "phone": None, "since": "2019-01-01"},
        {"id": 2, "name": "刘洋", "pool": "full", "unit": "zezhou", "org": None, "region": "zezhou",
         "expertise": ["安全生产", "环保"], "phone": "0356-1234567", "since": "2019-01-01"},
    ]
    on_july = cli.json("inspector", "list", "--on", "2019-07-01")
    assert [(r["id"], r["pool"], r["unit"]) for r in on_july] == [(1, "part", "jyj"), (2, "full", "zezhou")]
    assert [r["id"] for r in cli.json("inspector", "list", "--on", "2019-09-01")] == [1]
    assert cli.json("inspector", "list", "--on", "2019-07-01", "--pool", "full")[0]["id"] == 2
    assert cli.json("inspector", "list", "--on", "2018-12-31") == []


@pytest.mark.parametrize("args, code, text", [
    (("update", "2", "--phone", "1", "--since", "2019-01-01"), 1, "找不到督查人员 2"),
    (("update", "1", "--since", "2018-12-01", "--phone", "1"), 1, "早于其最近一条记录"),
    (("update", "1", "--since", "2019-02-01"), 2, "没有要变更的内容"),
    (("update", "1", "--since", "2019-02-01", "--region", "市教育局"), 2, "不是县(市、区)或开发区"),
    (("add", "某人", "--pool", "外聘", "--unit", "fgw"), 2, "未知的人员库「外聘」"),
    (("add", "某人", "--pool", "full", "--unit", "泽州"), 1, "是否指「泽州县」"),
    (("retire", "1", "--date", "2019-02-01", "--reason", " "), 2, "不能为空"),
])
def test_inspector_refusals(cli, args, code, text):
    cli.ok("inspector", "add", "张伟", "--pool", "full", "--unit", "fgw", "--since", "2019-01-01")
    result = cli("inspector", *args)
    assert result.exit_code == code and text in result.stderr


def test_a_retired_inspector_changes_no_more(cli):
    cli.ok("inspector", "add", "张伟", "--pool", "full", "--unit", "fgw", "--since", "2019-01-01")
    cli.ok("inspector", "retire", "1", "--date", "2019-02-01", "--reason", "退休")
    result = cli("inspector", "update", "1", "--phone", "1", "--since", "2019-03-01")
    assert result.exit_code == 1 and "已于 2019-02-01 调出" in result.stderr


def test_import_chinese_headers_all_or_nothing(cli, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("姓名,库,单位,地区,专长,起始日期\n周杰,兼职,市财政局,泽州县,财政;审计,2019-01-01\n"
                    "马军,特邀,国网晋城供电公司,,,2019-02-01\n", encoding="utf-8-sig")
    cli.ok("inspector", "import", good)
    rows = cli.json("inspector", "list", "--on", "2019-03-01")
    assert [(r["name"], r["pool"], r["region"], r["expertise"]) for r in rows] == [
        ("周杰", "part", "zezhou", ["财政", "审计"]), ("马军", "invited", CITY_LEVEL, [])]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,pool,unit\n甲,full,fgw\n乙,full,不存在的单位\n", encoding="utf-8")
    result = cli("inspector", "import", bad)
    assert result.exit_code == 1 and "第3行" in result.stderr
    assert len(cli.json("inspector", "list")) == 2


# --- tasks and draws: quotas and overrides (第九条) -------------------------------------------------


def test_task_add_prints_its_id_and_is_found_by_name(cli):
    assert cli.ok("task", "add", "春季专项督查", "--kind", "special", "--start", "2019-03-01",
                  "--end", "2019-03-10").stdout.strip() == "1"
    assert cli.json("task", "show", "春季专项督查")["report_due"] == "2019-03-13"
    again = cli("task", "add", "春季专项督查", "--kind", "major", "--start", "2019-04-01", "--end", "2019-04-02")
    assert again.exit_code == 1 and "已存在" in again.stderr
    backwards = cli("task", "add", "秋季", "--kind", "special", "--start", "2019-04-02", "--end", "2019-04-01")
    assert backwards.exit_code == 2


def test_default_team_and_its_json_shape(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s1", "--seed-source", "测试用公开种子")
    assert list(view)[:11] == ["id", "task", "task_name", "team", "targets", "seed", "seed_source",
                               "seed_public_source", "roster_hash", "algorithm", "seats"]
    assert {"members", "excluded"} <= set(view)
    assert view["seats"] == {"full": 3, "part": 2, "invited": 2}
    pools_of = [m["pool"] for m in view["members"]]
    assert pools_of == ["full"] * 3 + ["part"] * 2 + ["invited"] * 2
    assert {m["status"] for m in view["members"] if m["pool"] == "full"} == {"notified"}
    assert {m["status"] for m in view["members"] if m["pool"] != "full"} == {"pending"}
    assert {(e["name"], e["reason"]) for e in view["excluded"]} == {
        ("刘洋", "target-unit"), ("周杰", "target-county")}
    assert view["seed_source"] == "given" and view["override_reason"] is None


@pytest.mark.parametrize("args, text", [
    (("--full", "4"), "超过专项督查的一般限额"),
    (("--part", "3"), "超过专项督查的一般限额"),
    (("--invited", "3"), "超过专项督查的一般限额"),
    (("--attendant", "司机甲", "--attendant", "司机乙"), "超过专项督查的一般限额"),
])
def test_above_the_limits_needs_a_reason(roster, cli, args, text):
    base = ("draw", "run", "2019年环保专项督查", "--team", "第一组", "--target", "市教育局", "--seed", "x", "--seed-source", "测试用公开种子")
    refused = cli(*base, *args)
    assert refused.exit_code == 1 and text in refused.stderr
    assert cli.json("draw", "list") == []
    view = cli.json(*base, *args, "--override-reason", "涉及面广, 经分管领导同意")
    assert view["override_reason"] == "涉及面广, 经分管领导同意"


def test_fewer_is_within_the_rule_and_a_major_task_needs_its_plan(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "jyj", "--full", "1", "--part", "0",
                     "--invited", "0", "--attendant", "司机甲", "--seed", "x", "--seed-source", "测试用公开种子")
    assert len(view["members"]) == 1 and view["attendants"] == ["司机甲"]
    cli.ok("task", "add", "2019年大督查", "--kind", "major", "--start", "2019-05-01", "--end", "2019-05-20")
    refused = cli("draw", "run", "2019年大督查", "--team", "第一组", "--target", "jyj", "--full", "1")
    assert refused.exit_code == 1 and "督查工作方案" in refused.stderr
    cli.ok("draw", "run", "2019年大督查", "--team", "第一组", "--target", "jyj", "--full", "5",
           "--override-reason", "晋政办〔2019〕3号大督查方案")


def test_no_redraw_without_a_reason_and_not_more_than_the_pool_holds(roster, cli):
    draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "x", "--seed-source", "测试用公开种子")
    again = cli("draw", "run", "2019年环保专项督查", "--team", "第一组", "--target", "jyj", "--seed", "y", "--seed-source", "测试用公开种子")
    assert again.exit_code == 1 and "已抽取过" in again.stderr and "--reason" in again.stderr
    # 3 invited in all, 2 already on 第一组, 1 works in a target: nobody left.
    short = cli("draw", "run", "2019年环保专项督查", "--team", "第二组", "--target", "wjw", "--invited", "1")
    assert short.exit_code == 1 and "特邀库可抽取人员仅 0 名" in short.stderr
    assert len(cli.json("draw", "list")) == 1


def test_without_seed_the_os_gives_one_and_it_is_recorded(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "jyj")
    assert view["seed_source"] == "os" and len(view["seed"]) == 32 and int(view["seed"], 16) >= 0
    cli.ok("draw", "verify", str(view["id"]))


# --- verifiable --------------------------------------------------------------------------------------


def build(path, seed: str):
    store = open_store(path)
    from jcdc.units import load_roster

    load_roster(store, "测试")
    add_roster(store)
    pools.add_task(store, "任务", pools.parse_kind("special"), D(2019, 3, 1), D(2019, 3, 10))
    draw_id = pools.run_draw(store, "任务", "第一组", ["zezhou", "jyj"], {}, seed=seed, public_source="测试用公开种子")
    view = pools.draw_view(store, draw_id)
    store.close()
    return view


def test_same_seed_and_record_give_the_same_team(tmp_path):
    a, b = build(tmp_path / "a.db", "2019-02-28 福彩3D 381"), build(tmp_path / "b.db", "2019-02-28 福彩3D 381")
    assert a["members"] == b["members"] and a["ranking"] == b["ranking"]
    assert a["roster_hash"] == b["roster_hash"]
    other = build(tmp_path / "c.db", "2019-02-28 福彩3D 382")
    assert other["roster_hash"] == a["roster_hash"] and other["ranking"] != a["ranking"]


@pytest.mark.parametrize("change", [
    ("inspector", "retire", "1", "--date", "2019-02-01", "--reason", "补登的调出"),
    ("inspector", "add", "补登人员", "--pool", "full", "--unit", "fgw", "--since", "2019-02-01"),
    ("inspector", "update", "2", "--unit", "泽州县", "--since", "2019-02-01"),
])
def test_a_back_dated_change_is_a_note_beside_the_verdict(roster, cli, change):
    """SPEC §5: the draw is verified against the ledger as it stood when it was
    recorded; a change recorded later but dated earlier is a note naming its record."""
    draw_id = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s", "--seed-source", "测试用公开种子")["id"]
    assert "复核一致" in cli.ok("draw", "verify", str(draw_id)).stderr
    cli.ok(*change)
    result = cli.ok("draw", "verify", str(draw_id))
    assert "复核一致" in result.stderr
    assert f"注: 第 {len(ROSTER) + 1} 号人员记录写于本次抽取之后, 日期 2019-02-01" in result.stderr


def test_a_third_party_recomputes_the_team_from_the_json_alone(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "公开种子", "--seed-source", "测试用公开种子")
    candidates = [Candidate(r["inspector"], Pool(r["pool"]), r["drawn"]) for r in view["roster"]]
    assert sanku.roster_hash(candidates) == view["roster_hash"]
    params = TeamParams(view["task"], view["team"], tuple(view["targets"]),
                        {Pool(p): n for p, n in view["seats"].items()})
    ranking = sanku.draw_ranking(view["seed"], candidates, params)
    assert {p.value: ids for p, ids in ranking.items()} == view["ranking"]
    assert [m["inspector"] for m in view["members"]] == [
        i for p in Pool for i in ranking[p][:view["seats"][p.value]]]


def test_workload_counts_draws_of_the_past_twelve_months(roster, cli):
    first = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "a", "--seed-source", "测试用公开种子")
    seated = {m["inspector"] for m in first["members"]}
    assert {r["drawn"] for r in first["roster"]} == {0}
    cli.ok("task", "add", "2020年春季督查", "--kind", "special", "--start", "2020-02-29", "--end", "2020-03-05")
    cli.ok("task", "add", "2020年夏季督查", "--kind", "special", "--start", "2020-03-01", "--end", "2020-03-05")
    within = cli.json("draw", "run", "2020年春季督查", "--team", "第一组", "--target", "jyj", "--seed", "b", "--seed-source", "测试用公开种子")
    assert {r["inspector"]: r["drawn"] for r in within["roster"]} == {
        r["inspector"]: int(r["inspector"] in seated) for r in within["roster"]}
    # A task starting 2019-03-01 lies within the twelve months before 2020-02-29, not before 2020-03-01.
    later = cli.json("draw", "run", "2020年夏季督查", "--team", "第一组", "--target", "jyj", "--seed", "c", "--seed-source", "测试用公开种子")
    assert {r["inspector"]: r["drawn"] for r in later["roster"]} == {
        r["inspector"]: int(r["inspector"] in {m["inspector"] for m in within["members"]})
        for r in later["roster"]}


def test_a_misdirected_refill_fails_verify(roster, cli, db):
    view = draw_json(cli, "--team", "第一组", "--target", "ajj", "--seed", "s", "--seed-source", "测试用公开种子")
    order = view["ranking"]["part"]
    assert len(order) == 4
    cli.ok("draw", "consent", str(view["id"]), str(order[0]), "--no")
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER draw_events_no_update")
    conn.execute("UPDATE draw_events SET inspector = ? WHERE action = 'refill'", (order[-1],))
    conn.commit()
    conn.close()
    result = cli("draw", "verify", str(view["id"]))
    assert result.exit_code == 1 and "哈希链不符" in result.stderr
    assert f"递补了 {order[-1]}, 按记录的排序应为 {order[2]}" in result.stderr


def test_a_change_dated_after_the_start_leaves_the_draw_valid(roster, cli):
    draw_id = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s", "--seed-source", "测试用公开种子")["id"]
    cli.ok("inspector", "retire", "1", "--date", "2019-03-02", "--reason", "调任")
    cli.ok("inspector", "add", "新人", "--pool", "full", "--unit", "fgw", "--since", "2019-03-02")
    cli.ok("draw", "verify", str(draw_id))


def tamper(db, sql, *args):
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER draws_no_update")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("column, value, text", [
    ("seed", "another seed", "哈希链不符"),
    ("ranking", '{"full":[1,2,3],"part":[10,11,12],"invited":[13,15]}', "排序与记录不符"),
    ("roster_hash", "0" * 64, "名册哈希"),
    ("excluded", "[]", "可抽取名册"),
])
def test_an_edited_record_fails_verify(roster, cli, db, column, value, text):
    draw_id = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s", "--seed-source", "测试用公开种子")["id"]
    tamper(db, f"UPDATE draws SET {column} = ? WHERE id = ?", value, draw_id)
    result = cli("draw", "verify", str(draw_id))
    assert result.exit_code == 1 and "哈希链不符" in result.stderr and text in result.stderr


def test_an_edited_task_or_an_unreadable_record_fails_verify(roster, cli, db):
    draw_id = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s", "--seed-source", "测试用公开种子")["id"]
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER tasks_no_update")
    conn.execute("UPDATE tasks SET start = '2019-01-01'")
    conn.commit()
    conn.close()
    result = cli("draw", "verify", str(draw_id))
    assert result.exit_code == 1 and "任务记录的哈希链不符" in result.stderr
    tamper(db, "UPDATE draws SET ranking = 'not json' WHERE id = ?", draw_id)
    result = cli("draw", "verify", str(draw_id))
    assert result.exit_code == 1 and "无法读取" in result.stderr and "Traceback" not in result.output


def test_the_record_refuses_edits_in_the_database_itself(roster, cli, db):
    draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s", "--seed-source", "测试用公开种子")
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE draws SET seed = 'x'")
    conn.close()


# --- consent, refill and failure (第六、十一条) ------------------------------------------------------------


def test_decline_refills_from_the_recorded_order_and_verify_follows(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    did = str(view["id"])
    part_order = view["ranking"]["part"]
    first, second = part_order[0], part_order[1]
    cli.ok("draw", "consent", did, str(first), "--yes")
    result = cli.ok("draw", "consent", did, str(second), "--no")
    newcomer = part_order[2]
    assert f"由第 {newcomer} 号" in result.stderr
    members = {m["inspector"]: m["status"] for m in cli.json("draw", "show", did)["members"]}
    assert members[first] == "accepted" and members[second] == "declined" and members[newcomer] == "pending"
    cli.ok("draw", "verify", did)

    again = cli("draw", "consent", did, str(first), "--no")
    assert again.exit_code == 1 and "已同意" in again.stderr
    full = view["ranking"]["full"][0]
    refused = cli("draw", "consent", did, str(full), "--yes")
    assert refused.exit_code == 1 and "专职" in refused.stderr
    stranger = cli("draw", "consent", did, "999", "--yes")
    assert stranger.exit_code == 1 and "不在抽取记录" in stranger.stderr


def test_refill_skips_who_sits_on_another_team_and_says_when_nobody_is_left(roster, cli):
    one = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子", "--full", "0",
                    "--invited", "0", "--part", "1")
    two = draw_json(cli, "--team", "第二组", "--target", "jyj", "--seed", "t", "--seed-source", "测试用公开种子", "--full", "0",
                    "--invited", "0", "--part", "1")
    seated_two = two["members"][0]["inspector"]
    assert seated_two != one["members"][0]["inspector"]
    order = one["ranking"]["part"]  # 吴娜 (市教育局) is excluded: three candidates
    assert len(order) == 3
    cli.ok("draw", "consent", str(one["id"]), str(order[0]), "--no")
    members = [m["inspector"] for m in cli.json("draw", "show", str(one["id"]))["members"]]
    expected = next(i for i in order[1:] if i != seated_two)
    assert members == [order[0], expected]
    cli.ok("draw", "verify", str(one["id"]))
    # The third candidate sits on 第二组: nobody is left for a second refusal.
    last = cli.ok("draw", "consent", str(one["id"]), str(expected), "--no")
    assert "已无可递补人员" in last.stderr
    assert len(cli.json("draw", "show", str(one["id"]))["members"]) == 2
    cli.ok("draw", "verify", str(one["id"]))


def test_fail_docks_the_unit_through_the_ledger_unless_replace_only(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    did = view["id"]
    first, second = view["ranking"]["full"][:2]
    units = {i.id: i.unit for i in pools.pools_on(roster, D(2019, 3, 1)).values()}
    cli.ok("draw", "fail", str(did), str(first), "--reason", "未按要求参加督查", "--date", "2019-03-05")
    [entry] = cli.json("points", "list", "--rule", "obstruct")
    assert entry["unit"] == units[first] and entry["points"] == -5 and entry["date"] == "2019-03-05"
    assert "2019年环保专项督查" in entry["ref"] and entry["note"] == "未按要求参加督查"
    assert entry["cite"].endswith("三库办法 第六条")
    assert roster.entry(entry["id"]).source == f"draw:{did}"

    cli.ok("draw", "fail", str(did), str(second), "--reason", "因病", "--replace-only")
    assert len(cli.json("points", "list", "--rule", "obstruct")) == 1
    members = {m["inspector"]: m["status"] for m in cli.json("draw", "show", str(did))["members"]}
    assert members[first] == members[second] == "failed"
    assert [i for i, s in members.items() if s == "notified"] == view["ranking"]["full"][2:5]
    cli.ok("draw", "verify", str(did))
    pending = next(m["inspector"] for m in view["members"] if m["status"] == "pending")
    not_yet = cli("draw", "fail", str(did), str(pending), "--reason", "x")
    assert not_yet.exit_code == 1 and "待同意" in not_yet.stderr


def test_fail_in_a_refused_ledger_writes_nothing(roster, cli):
    view = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    first = view["ranking"]["full"][0]
    [unit] = [i.unit for i in pools.pools_on(roster, D(2019, 3, 1)).values() if i.id == first]
    cli.ok("unit", "end", unit, "--date", "2019-03-02")
    result = cli("draw", "fail", str(view["id"]), str(first), "--reason", "x", "--date", "2019-03-05")
    assert result.exit_code == 1 and "不在存续期内" in result.stderr
    assert {m["status"] for m in cli.json("draw", "show", str(view["id"]))["members"]
            if m["pool"] == "full"} == {"notified"}


# --- 第七条 over hundreds of seeded draws ---------------------------------------------------------------

TARGET_SETS = [["zezhou"], ["jyj"], ["gaoping", "czj"], ["kaifaqu"], ["fgw", "yangcheng"],
               ["zezhou", "gaoping"], ["gdgs"], ["rsj", "kaifaqu"]]


def test_exclusions_are_never_violated_over_many_draws(roster):
    units = {u.code: u for u in roster.units()}
    for t in range(100):
        start = D(2019, 4, 1) + dt.timedelta(days=3 * t)
        task = pools.add_task(roster, f"任务{t}", pools.parse_kind("special"), start, start + dt.timedelta(days=2))
        for k in range(2):
            pools.run_draw(roster, str(task.id), f"第{k}组", TARGET_SETS[(t + 3 * k) % len(TARGET_SETS)],
                           {Pool.FULL: 1, Pool.PART: 1, Pool.INVITED: 0}, seed=f"{t}-{k}",
                           public_source="测试用公开种子")
    ledger = pools.Ledger.of(roster)
    teams = [(d, [s.inspector for s in ledger.members(d)]) for d in ledger.draws]
    assert len(teams) == 200
    by_id = pools.pools_on(roster, D(2020, 1, 1))
    for task in ledger.tasks:
        seated = [i for d, members in teams if d.task == task for i in members]
        assert len(seated) == len(set(seated))  # nobody sits on two teams of a task
    for d, members in teams:
        for i in members:
            assert by_id[i].unit not in d.targets
            assert not any(units[c].category.value in ("county", "devzone") and by_id[i].region == c
                           for c in d.targets)
    drawn = {i for _, members in teams for i in members}
    assert drawn == {i.id for i in by_id.values() if i.pool is not Pool.INVITED}


# --- reports (第十四条) and what is due ------------------------------------------------------------------


def test_report_return_and_lateness(roster, cli, tmp_path):
    draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    draw_json(cli, "--team", "第二组", "--target", "zezhou", "--seed", "t", "--seed-source", "测试用公开种子", "--part", "1", "--invited", "0")
    problems = tmp_path / "problems.txt"
    problems.write_text("1. 台账不全\n2. 整改滞后\n", encoding="utf-8")
    none = cli("task", "report", "2019年环保专项督查", "--team", "第三组", "--date", "2019-03-12")
    assert none.exit_code == 1 and "没有名为「第三组」" in none.stderr
    on_time = cli.ok("task", "report", "2019年环保专项督查", "--team", "第一组", "--date", "2019-03-13",
                     "--problems", problems)
    assert "逾期" not in on_time.stderr
    twice = cli("task", "report", "1", "--team", "第一组", "--date", "2019-03-14")
    assert twice.exit_code == 1 and "已于 2019-03-13 报送" in twice.stderr
    cli.ok("task", "return-report", "1", "--team", "第一组", "--reason", "典型事项清单缺失")
    late = cli.ok("task", "report", "1", "--team", "第一组", "--date", "2019-03-18")
    assert "逾期 5 天" in late.stderr

    teams = {t["team"]: t for t in cli.json("task", "show", "1")["teams"]}
    assert teams["第一组"]["report"] == {"status": "submitted", "date": "2019-03-18", "due": "2019-03-13",
                                        "days_late": 5, "returns": 1, "reason": None}
    assert teams["第二组"]["report"]["status"] == "due"
    assert len(teams["第二组"]["members"]) == 4

    [report_source] = [s for s in sources() if s.__module__ == "jcdc.pools"]
    items = {i.id: i for i in report_source(roster)}
    assert set(items) == {"1/第一组", "1/第二组"}
    assert items["1/第一组"].done == D(2019, 3, 18) and items["1/第一组"].due == D(2019, 3, 13)
    assert items["1/第二组"].done is None and items["1/第二组"].unit == "zezhou"
    assert items["1/第二组"].kind == "report" and "第二组" in items["1/第二组"].what


def test_return_needs_a_standing_report(roster, cli):
    draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    result = cli("task", "return-report", "1", "--team", "第一组", "--reason", "x")
    assert result.exit_code == 1 and "没有待退回的报告" in result.stderr


def test_table_outputs_render(roster, cli):
    draw_id = draw_json(cli, "--team", "第一组", "--target", "泽州县", "--seed", "s", "--seed-source", "测试用公开种子")["id"]
    shown = cli.ok("draw", "show", str(draw_id))
    assert "回避与排除" in shown.stdout and "异地交叉督查" in shown.stdout
    assert "名册哈希" in shown.stderr
    assert "第一组" in cli.ok("draw", "list", "--task", "2019年环保专项督查").stdout
    assert "未报送" in cli.ok("task", "show", "1").stdout
    assert json.loads(cli.ok("task", "list", "--format", "json").stdout)[0]["report_due"] == "2019-03-13"
