"""The clerk's commands end to end: units, rules, points, rankings, demo."""

import json

import pytest

from jcdc.store import open_store


def count_entries(db) -> int:
    s = open_store(db)
    try:
        return s.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    finally:
        s.close()


# --- units ----------------------------------------------------------------------------


def test_init_is_idempotent(cli, db):
    first = cli.json("unit", "list")
    result = cli.ok("init")
    assert "新增 0 个, 已有 43 个, 共 43 个" in result.stderr
    assert cli.json("unit", "list") == first
    codes = {u["code"]: u for u in first}
    assert codes["zezhou"]["name"] == "泽州县" and codes["zezhou"]["group"] == "县区"
    assert codes["kaifaqu"]["category"] == "devzone" and codes["kaifaqu"]["group"] == "县区"
    assert codes["czj"]["group"] == "市直" and codes["gdgs"]["group"] == "驻市"


def test_unit_add_with_default_group_and_aliases(cli):
    cli.ok("unit", "add", "xzsp", "市行政审批服务管理局", "--category", "city", "--alias", "审批局", "--alias", "spj2")
    row = next(u for u in cli.json("unit", "list") if u["code"] == "xzsp")
    assert (row["group"], row["aliases"]) == ("市直", ["审批局", "spj2"])
    cli.ok("points", "add", "--unit", "审批局", "--rule", "problem", "--date", "2019-05-06")


@pytest.mark.parametrize("args,code,message", [
    (["zezhou", "泽州", "--category", "county"], 1, "单位代码「zezhou」已存在"),
    (["zz2", "泽州县", "--category", "county"], 1, "「泽州县」已被单位「zezhou」使用"),
    (["x1", "某局", "--category", "city", "--alias", "财政局"], 1, "「财政局」已被单位「czj」使用"),
    (["1abc", "某局", "--category", "city"], 2, "单位代码「1abc」无效"),
    (["abc", "某局", "--category", "province"], 2, "未知的单位类别「province」"),
])
def test_unit_add_refusals(cli, db, args, code, message):
    before = cli.json("unit", "list")
    result = cli("unit", "add", *args)
    assert result.exit_code == code
    assert message in result.stderr and result.stderr.startswith("错误: ")
    assert cli.json("unit", "list") == before


def test_unit_import_is_all_or_nothing(cli, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("code,name,category,group,aliases\nta,测试甲局,city,,甲局;tj\ntb,测试乙公司,stationed,,\n",
                    encoding="gb18030")
    cli.ok("unit", "import", good)
    assert {"ta", "tb"} <= {u["code"] for u in cli.json("unit", "list")}
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,category\ntc,测试丙局,city\ntd,测试丁局,planet\n", encoding="utf-8-sig")
    result = cli("unit", "import", bad)
    assert result.exit_code == 2 and "第3行" in result.stderr and "planet" in result.stderr
    assert "tc" not in {u["code"] for u in cli.json("unit", "list")}


def test_unit_end_keeps_history_and_refuses_later_entries(cli):
    cli.ok("points", "add", "--unit", "gtj", "--rule", "problem", "--date", "2018-06-01")
    cli.ok("unit", "end", "gtj", "--date", "2018-12-31")
    result = cli("points", "add", "--unit", "gtj", "--rule", "problem", "--date", "2019-01-02")
    assert result.exit_code == 1 and "不在存续期内" in result.stderr
    cli.ok("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-01-02")  # a year to rank
    assert "gtj" in {r["unit"] for r in cli.json("rank", "--year", "2018")}
    assert "gtj" not in {r["unit"] for r in cli.json("rank", "--year", "2019")}
    assert "gtj" not in {u["code"] for u in cli.json("unit", "list", "--on", "2019-01-01")}


# --- finding a unit ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["zezhou", "泽州县", "泽州县政府", "zz"])
def test_a_unit_by_code_name_or_alias(cli, name):
    entry = cli.json("points", "add", "--unit", name, "--rule", "problem", "--date", "2019-05-06")
    assert entry["unit"] == "zezhou"


@pytest.mark.parametrize("name,suggestion", [("泽州", "泽州县"), ("财政", "市财政局"), ("市财政局局", "市财政局")])
def test_an_inexact_name_is_refused_with_a_suggestion(cli, db, name, suggestion):
    result = cli("points", "add", "--unit", name, "--rule", "problem", "--date", "2019-05-06")
    assert result.exit_code == 1
    assert f"未知单位「{name}」" in result.stderr and f"「{suggestion}」" in result.stderr
    assert result.stderr.count("\n") == 1
    assert count_entries(db) == 0


# --- rules ------------------------------------------------------------------------------


def test_rules_list_shows_the_whole_catalogue(cli):
    rules = cli.json("rules", "list")
    assert len(rules) == 15
    returned = next(r for r in rules if r["code"] == "13710-returned")
    assert returned["cite"] == "积分办法 第十二条(三)" and returned["lead"].startswith("-0.5, -1.5")
    table = cli.ok("rules", "list").stdout
    assert "13710-no-reminder" in table and "积分办法" in table


def test_rules_show_prints_the_article_text(cli):
    rule = cli.json("rules", "show", "late-material")
    assert rule["text"] == "对于市政府办公厅督查室要求限期上报的各项材料,每次每迟报一天减1分。"
    result = cli("rules", "show", "late-materal")
    assert result.exit_code == 1 and "是否指「late-material(材料迟报)」" in result.stderr


# --- points add ---------------------------------------------------------------------------


def test_points_add_prints_the_entry_in_the_documented_shape(cli):
    entry = cli.json("points", "add", "--unit", "高平市", "--rule", "commend", "--points", "15",
                     "--date", "2019年6月3日", "--ref", "晋政发〔2019〕3号", "--note", "省表彰", "--by", "李明")
    assert set(entry) >= {"id", "unit", "rule", "role", "date", "points", "qty", "matter", "ref", "note",
                          "recorded_by", "recorded_at", "reverses"}
    assert (entry["unit"], entry["rule"], entry["role"], entry["date"], entry["points"], entry["qty"]) == (
        "gaoping", "commend", "lead", "2019-06-03", 15, 1)
    assert (entry["ref"], entry["note"], entry["recorded_by"], entry["reverses"]) == (
        "晋政发〔2019〕3号", "省表彰", "李明", None)
    assert entry["cite"] == "积分办法 第十一条(一)" and entry["scorer"] == "督查室"


def test_points_add_table_says_what_was_recorded(cli):
    result = cli.ok("points", "add", "--unit", "czj", "--rule", "late-material", "--qty", "3", "--date", "2019/6/10")
    assert "已记录第 1 条: 市财政局 材料迟报 -3.0 分(积分办法 第十二条(四))" in result.stderr


def test_recorded_by_defaults_to_the_environment(cli):
    assert cli.json("points", "add", "--unit", "czj", "--rule", "problem", "--date", "2019-06-10")[
        "recorded_by"] == "测试员"


def test_coop_role_and_chinese_role_names(cli):
    assert cli.json("points", "add", "-u", "czj", "-r", "problem", "-d", "2019-06-10", "--role", "coop")["points"] == -3
    assert cli.json("points", "add", "-u", "czj", "-r", "eval-poor", "-d", "2019-06-10", "--role", "配合")["points"] == -3


@pytest.mark.parametrize("args,code,message", [
    (["--rule", "commend", "--points", "25"], 1, "分值 +25.0 超出规则「受表彰」的范围 +10.0 … +20.0"),
    (["--rule", "commend"], 1, "请用 --points 给出"),
    (["--rule", "problem", "--points", "-3"], 1, "分值固定为 -5.0"),
    (["--rule", "13710-item", "--role", "coop"], 1, "没有配合单位的分值"),
    (["--rule", "13710-returned"], 1, "需要 --matter"),
    (["--rule", "13710-key"], 1, "需要 --matter"),
    (["--rule", "problem", "--qty", "0"], 2, "数量「0」无效"),
    (["--rule", "problem", "--role", "boss"], 2, "未知的角色「boss」"),
    (["--rule", "commend", "--points", "12.25"], 2, "无法识别的分值「12.25」"),
    (["--rule", "nope"], 1, "未知规则「nope」"),
])
def test_points_add_refusals_write_nothing(cli, db, args, code, message):
    result = cli("points", "add", "--unit", "zezhou", "--date", "2019-05-06", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert result.stdout == ""
    assert count_entries(db) == 0


def test_a_bad_date_is_a_usage_mistake(cli, db):
    result = cli("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-02-30")
    assert result.exit_code == 2 and "日期「2019-02-30」不存在" in result.stderr
    assert count_entries(db) == 0


def test_a_missing_option_is_a_usage_mistake(cli):
    assert cli("points", "add", "--unit", "zezhou", "--rule", "problem").exit_code == 2


def test_returned_escalates_per_matter_counting_earlier_returns(cli):
    figures = [cli.json("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "2019-0456",
                        "-d", f"2019-06-1{i}")["points"] for i in range(3)]
    assert figures == [-0.5, -1.5, -2.5]
    # another matter starts again at −0.5
    assert cli.json("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "2019-0999",
                    "-d", "2019-06-20")["points"] == -0.5


def test_a_revoked_return_no_longer_counts(cli):
    first = cli.json("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "M", "-d", "2019-06-10")
    cli.ok("points", "revoke", first["id"], "--reason", "退回记录有误")
    assert cli.json("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "M", "-d", "2019-06-11")[
        "points"] == -0.5


def test_no_reminder_bonus_once_per_unit_and_quarter(cli, db):
    cli.ok("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-04-30")
    again = cli("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-06-30")
    assert again.exit_code == 1 and "单位「泽州县」2019年第二季度已记过「未被催办」加分" in again.stderr
    cli.ok("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-07-01")  # next quarter
    cli.ok("points", "add", "-u", "gaoping", "-r", "13710-no-reminder", "-d", "2019-06-30")  # another unit
    assert count_entries(db) == 3


def test_key_supervision_once_per_matter(cli):
    cli.ok("points", "add", "-u", "qs", "-r", "13710-key", "-m", "2019-0100", "-d", "2019-05-01")
    again = cli("points", "add", "-u", "qs", "-r", "13710-key", "-m", "2019-0100", "-d", "2019-05-09")
    assert again.exit_code == 1 and "事项「2019-0100」已记过「重点督办」扣分" in again.stderr


# --- revoke ----------------------------------------------------------------------------


def test_revoke_adds_the_opposite_entry_in_the_same_quarter(cli):
    original = cli.json("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-31")
    reversal = cli.json("points", "revoke", original["id"], "--reason", "核实无问题", "--by", "王芳")
    assert (reversal["points"], reversal["date"], reversal["reverses"], reversal["reason"], reversal["recorded_by"]) == (
        5, "2019-03-31", original["id"], "核实无问题", "王芳")
    assert [e["id"] for e in cli.json("points", "list", "--quarter", "2019Q1")] == [original["id"], reversal["id"]]
    zezhou = next(r for r in cli.json("rank", "--quarter", "2019Q1") if r["unit"] == "zezhou")
    assert zezhou["score"] == 100


@pytest.mark.parametrize("setup,target,message", [
    (1, 1, "已被第 2 条冲销"),      # revoked twice
    (1, 2, "本身是冲销记录"),        # a reversal is not revoked
    (0, 9, "找不到积分记录 9"),
])
def test_revoke_refusals(cli, db, setup, target, message):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-31")
    if setup:
        cli.ok("points", "revoke", "1", "--reason", "误录")
    before = count_entries(db)
    result = cli("points", "revoke", target, "--reason", "再次")
    assert result.exit_code == 1 and message in result.stderr
    assert count_entries(db) == before


def test_revoke_needs_a_reason(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-31")
    assert cli("points", "revoke", "1").exit_code == 2
    result = cli("points", "revoke", "1", "--reason", "  ")
    assert result.exit_code == 2 and "冲销必须用 --reason 说明原因" in result.stderr


# --- points list ---------------------------------------------------------------------------


def test_points_list_filters(cli):
    for unit, rule, date in [("zezhou", "problem", "2019-02-01"), ("zezhou", "13710-item", "2019-05-01"),
                             ("czj", "problem", "2019-05-02"), ("czj", "problem", "2018-05-02")]:
        cli.ok("points", "add", "-u", unit, "-r", rule, "-d", date)
    assert len(cli.json("points", "list")) == 4
    assert [e["id"] for e in cli.json("points", "list", "--unit", "泽州县")] == [1, 2]
    assert [e["id"] for e in cli.json("points", "list", "--year", "2019")] == [1, 2, 3]
    assert [e["id"] for e in cli.json("points", "list", "--quarter", "2019年第二季度")] == [2, 3]
    assert [e["id"] for e in cli.json("points", "list", "--rule", "problem", "--year", "2019")] == [1, 3]
    both = cli("points", "list", "--year", "2019", "--quarter", "2019Q1")
    assert both.exit_code == 2 and "只能指定一个" in both.stderr


def test_points_list_csv(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "13710-late", "-d", "2019-02-01")
    lines = cli.ok("points", "list", "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("编号,日期,单位,规则,角色,分值")
    assert lines[1].startswith("1,2019-02-01,泽州县,13710-late,牵头,-0.5,1")


# --- rank -----------------------------------------------------------------------------------


def _five_units(cli):
    for code in "ABCDE":
        cli.ok("unit", "add", f"t{code}", f"测试单位{code}", "--category", "city", "--group", "测试组",
               "--new-group")  # a group that is not one of the three is said to be new (issue 11 item 10)


def _add(cli, unit, rule, date, qty=1):
    cli.ok("points", "add", "-u", unit, "-r", rule, "-d", date, "--qty", qty)


def test_the_worked_example_of_spec_section_3_end_to_end(cli):
    _five_units(cli)
    # 2018: A 104, B 100, C 98, D 98, E 95
    _add(cli, "tA", "13710-item", "2018-03-01", 8)
    _add(cli, "tC", "late-material", "2018-05-01", 2)
    _add(cli, "tD", "late-material", "2018-08-01", 2)
    _add(cli, "tE", "problem", "2018-11-01")
    # 2019: A 110, B 99, C 97, D 97, E 101
    _add(cli, "tA", "eval-good", "2019-03-01")
    _add(cli, "tB", "late-material", "2019-04-01")
    _add(cli, "tC", "late-material", "2019-07-01", 3)
    _add(cli, "tD", "late-material", "2019-12-31", 3)
    _add(cli, "tE", "13710-good", "2019-01-01")
    rows = cli.json("rank", "--year", "2019", "--group", "测试组")
    assert rows == [
        {"period": "2019", "group": "测试组", "rank": 1, "unit": "tA", "name": "测试单位A", "score": 110,
         "delta": 10, "flags": [], "change": 6, "previous_rank": 1},
        {"period": "2019", "group": "测试组", "rank": 2, "unit": "tE", "name": "测试单位E", "score": 101,
         "delta": 1, "flags": [], "change": 6, "previous_rank": 5},
        {"period": "2019", "group": "测试组", "rank": 3, "unit": "tB", "name": "测试单位B", "score": 99,
         "delta": -1, "flags": [], "change": -1, "previous_rank": 2},
        {"period": "2019", "group": "测试组", "rank": 4, "unit": "tC", "name": "测试单位C", "score": 97,
         "delta": -3, "flags": ["accountability"], "change": -1, "previous_rank": 3, "tied": 2},
        {"period": "2019", "group": "测试组", "rank": 4, "unit": "tD", "name": "测试单位D", "score": 97,
         "delta": -3, "flags": ["accountability"], "change": -1, "previous_rank": 3, "tied": 2},
    ]
    table = cli.ok("rank", "--year", "2019", "--group", "测试组").stdout
    assert "2019年度积分排名 · 测试组" in table and "追责候选" in table and "第十七条" in table


def test_quarter_ranking_with_year_to_date(cli):
    _add(cli, "zezhou", "problem", "2019-02-01")
    _add(cli, "zezhou", "13710-item", "2019-05-01")
    _add(cli, "gaoping", "eval-good", "2019-04-01")
    rows = {r["unit"]: r for r in cli.json("rank", "--quarter", "2019Q2", "--group", "县区")}
    assert len(rows) == 7  # six counties and the development zone
    assert (rows["gaoping"]["rank"], rows["gaoping"]["score"], rows["gaoping"]["ytd"]) == (1, 110, 110)
    assert (rows["zezhou"]["rank"], rows["zezhou"]["score"], rows["zezhou"]["ytd"]) == (2, 100.5, 95.5)
    assert rows["chengqu"]["rank"] == 3 and rows["chengqu"]["delta"] == 0


def test_annual_ranking_marks_exemptions(cli):
    _add(cli, "yangcheng", "eval-good", "2019-04-01")
    # the development zone scores higher still, but 第十九条 recommends a county
    cli.ok("points", "add", "-u", "kaifaqu", "-r", "commend", "-p", "20", "-d", "2019-04-01")
    for unit in ("jyj", "czj", "gaj"):
        _add(cli, unit, "13710-item", "2019-04-01")
    rows = {r["unit"]: r for r in cli.json("rank", "--year", "2019")}
    assert rows["yangcheng"]["flags"] == ["exempt-recommended"] and rows["kaifaqu"]["flags"] == []
    assert rows["kaifaqu"]["rank"] == 1 and rows["yangcheng"]["rank"] == 2
    assert {u for u, r in rows.items() if "exempt" in r["flags"]} == {"jyj", "czj", "gaj"}
    assert rows["gdgs"]["flags"] == [] and rows["gdgs"]["group"] == "驻市"


def test_rank_needs_exactly_one_period(cli):
    assert cli("rank").exit_code == 2
    result = cli("rank", "--year", "19")
    assert result.exit_code == 2 and "无法识别的年份「19」" in result.stderr


def test_rank_csv_file_for_excel(cli, tmp_path):
    cli.ok("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-05-06")
    out = tmp_path / "rank.csv"
    cli.ok("rank", "--year", "2019", "--output", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == "排名组,名次,单位,代码,积分,较基准,较上年,结果,并列说明"


# --- demo and the database ------------------------------------------------------------------


def test_demo_builds_its_own_database_and_prints_the_ranking(cli, db, tmp_path):
    target = tmp_path / "demo.db"
    result = cli.ok("demo", "--path", target, "--format", "json")
    rows = json.loads(result.stdout)
    assert {r["group"] for r in rows} == {"县区", "市直", "驻市"}
    assert any("accountability" in r["flags"] for r in rows)
    assert count_entries(db) == 0  # the clerk's ledger is untouched
    used = {e["rule"] for e in cli.json("points", "list", "--db", target)}
    from jcdc.rules import POINT_RULES
    assert used == set(POINT_RULES)
    again = cli.ok("demo", "--path", target, "--format", "json")
    assert json.loads(again.stdout) == rows  # deterministic


def test_database_location_from_the_option(cli, tmp_path):
    other = tmp_path / "sub" / "other.db"
    cli.ok("init", "--db", other)
    assert other.exists()
    assert len(cli.json("unit", "list", "--db", other)) == 43


def test_demo_never_overwrites_a_ledger_that_is_not_a_demo(cli, db, tmp_path):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    result = cli("demo", "--path", db)
    assert result.exit_code == 1 and "不是演示数据库, 不会覆盖" in result.stderr
    assert count_entries(db) == 1 and cli.json("points", "list")[0]["recorded_by"] == "测试员"
    notes = tmp_path / "notes.txt"
    notes.write_text("会议记录", encoding="utf-8")
    assert cli("demo", "--path", notes).exit_code == 1 and notes.read_text(encoding="utf-8") == "会议记录"


def test_a_return_dated_before_one_already_standing_is_refused(cli):
    cli.ok("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "M", "-d", "2019-05-01")
    cli.ok("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "M", "-d", "2019-05-01")  # same day: fine
    result = cli("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "M", "-d", "2019-04-01")
    assert result.exit_code == 1 and "已有 2019-05-01 的退回重报记录" in result.stderr
    assert [e["points"] for e in cli.json("points", "list", "--rule", "13710-returned")] == [-0.5, -1.5]


def test_no_accountability_from_a_previous_year_without_entries(cli):
    _add(cli, "lingchuan", "13710-late", "2019-05-01")
    _add(cli, "czj", "problem", "2019-05-01")
    rows = cli.json("rank", "--year", "2019")
    assert all("accountability" not in r["flags"] for r in rows)
    assert cli.json("case", "candidates", "--year", "2019") == []


def test_an_entry_dated_in_the_future_is_refused(cli, db):
    import datetime as dt

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = cli("points", "add", "-u", "zezhou", "-r", "problem", "-d", tomorrow)
    assert result.exit_code == 1 and "晚于今天" in result.stderr
    assert count_entries(db) == 0


def test_a_unit_is_not_ended_before_entries_it_still_has(cli):
    cli.ok("points", "add", "-u", "fgw", "-r", "problem", "-d", "2019-08-01")
    result = cli("unit", "end", "fgw", "--date", "2019-07-15")
    assert result.exit_code == 1 and "之后还有 1 条积分记录(最早为 2019-08-01)" in result.stderr
    cli.ok("points", "revoke", "1", "--reason", "应记入新单位")
    assert "最后在册日为 2019-07-15" in cli.ok("unit", "end", "fgw", "--date", "2019-07-15").stderr


def test_rank_of_an_unknown_group_is_refused(cli):
    result = cli("rank", "--quarter", "2019Q2", "--group", "县")
    assert result.exit_code == 1 and "未知的排名组「县」, 现有: 县区、市直、驻市" in result.stderr


def test_rank_files_carry_the_group_since_ranks_restart_in_each(cli, tmp_path):
    cli.ok("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-05-06")
    lines = cli.ok("rank", "--year", "2019", "--format", "csv").stdout.splitlines()
    assert lines[0] == "排名组,名次,单位,代码,积分,较基准,较上年,结果,并列说明"
    assert {line.split(",")[0] for line in lines[1:]} == {"县区", "市直", "驻市"}
    out = tmp_path / "rank.xlsx"
    cli.ok("rank", "--year", "2019", "--output", out)
    import openpyxl
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "2019年度积分排名" and sheet.cell(1, 1).value == "排名组"


def test_a_code_in_the_wrong_case_is_refused_with_the_unit_it_would_be(cli):
    result = cli("points", "add", "--unit", "ZZ", "--rule", "problem", "--date", "2019-05-06")
    assert result.exit_code == 1 and "未知单位「ZZ」, 是否指「泽州县」?" in result.stderr


@pytest.mark.parametrize("args", [
    ["fix", "add", "--unit", "泽州县", "--what", "道路破损", "--class", "一般事项", "--from", "2019-05-05"],
    ["case", "open", "--unit", "泽州县", "--trigger", "乱作为", "--summary", "违规审批", "--date", "2019-05-05"],
    ["unit", "add", "xzsp", "市行政审批服务管理局", "--category", "市直"],
])
def test_coded_values_are_accepted_by_their_chinese_labels(cli, args):
    cli.ok(*args)


def test_ending_a_unit_records_who_and_when(cli, store):
    cli.ok("unit", "end", "gtj", "--date", "2018-12-31", "--by", "李科长")
    by, at = store.conn.execute("SELECT ended_by, ended_at FROM units WHERE code = 'gtj'").fetchone()
    assert by == "李科长" and at[:4].isdigit()
