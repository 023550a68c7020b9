"""Issue 12, a clerk's day: accidental repeats, confirmations, dates that do not
exist, empty or future periods, and rules by their Chinese names."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from jcdc.rules import POINT_RULES

EN = "date,unit,rule,role,points,qty,matter,ref,note,key"


def count_entries(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


ADD = ("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-05", "-m", "2019-0001",
       "--ref", "晋督〔2019〕1号")


# --- item 1: accidental repeats -------------------------------------------------------------------


def test_an_identical_entry_is_refused_naming_the_standing_one(cli, db):
    cli.ok(*ADD)
    again = cli(*ADD, "--note", "备注不同也算相同")
    assert again.exit_code == 1 and "与第 1 号记录相同" in again.stderr and "--again" in again.stderr
    assert count_entries(db) == 1
    # --again: it did happen once more
    assert cli.json(*ADD, "--again")["id"] == 2
    # one field different is another entry
    for field, value in [("--ref", "晋督〔2019〕2号"), ("-d", "2019-03-06"), ("--role", "coop"), ("-m", "2019-0002"),
                         ("-n", "2")]:
        args = list(ADD)
        if field in args:
            args[args.index(field) + 1] = value
        else:
            args += [field, value]
        cli.ok(*args)
    assert count_entries(db) == 7


def test_a_revoked_entry_no_longer_blocks_its_repeat(cli, db):
    cli.ok(*ADD)
    cli.ok("points", "revoke", "1", "--reason", "单位记错")
    assert cli.json(*ADD)["id"] == 3


def test_import_keeps_its_keyed_rows_and_points_add_refuses_a_repeat_of_an_imported_entry(cli, db, tmp_path):
    row = "2019-04-05,gaoping,报送逾期,,,,,,,"
    # rows of a file are counted by occurrence: two identical rows are two entries …
    assert cli.json("points", "import", write(tmp_path, f"\n{row}\n{row}\n", "two.csv"))["added"] == 2
    # … a third copy in a later file adds one more, and the rule named by its code is the same row
    three = f"\n{row}\n{row}\n{row.replace('报送逾期', '13710-late')}\n"
    assert cli.json("points", "import", write(tmp_path, three, "three.csv"))["added"] == 1
    typed = cli("points", "add", "-u", "gaoping", "-r", "13710-late", "-d", "2019-04-05")
    assert typed.exit_code == 1 and "与第 1 号记录相同" in typed.stderr
    assert count_entries(db) == 3


def write(tmp_path, rows: str, name: str):
    path = tmp_path / name
    path.write_text(EN + rows, encoding="utf-8")
    return path


def test_revoke_takes_several_ids_all_or_nothing(cli, db):
    for day in ("2019-03-05", "2019-03-06", "2019-03-07"):
        cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", day)
    bad = cli("points", "revoke", "1", "2", "9", "--reason", "误录")
    assert bad.exit_code == 1 and "第 9 条" in bad.stderr and "未冲销任何记录" in bad.stderr
    assert count_entries(db) == 3
    twice = cli("points", "revoke", "1", "1", "--reason", "误录")
    assert twice.exit_code == 2 and count_entries(db) == 3
    done = cli.ok("points", "revoke", "1", "3", "--reason", "误录")
    assert "已冲销第 1 条, 冲销记录为第 4 条(+5.0 分), 原因: 误录" in done.stderr
    assert "已冲销第 3 条, 冲销记录为第 5 条(+5.0 分), 原因: 误录" in done.stderr
    listed = {e["id"]: e for e in cli.json("points", "list")}
    assert listed[4]["reverses"] == 1 and listed[5]["reverses"] == 3
    assert listed[4]["reason"] == listed[5]["reason"] == "误录"
    assert next(r for r in cli.json("rank", "--year", "2019") if r["unit"] == "zezhou")["score"] == 95


# --- item 3: confirmations ------------------------------------------------------------------------


def test_list_marks_a_revoked_entry_and_its_reversal(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-05")
    cli.ok("points", "add", "-u", "gaoping", "-r", "problem", "-d", "2019-03-05")
    cli.ok("points", "revoke", "1", "--reason", "误录")
    lines = cli.ok("points", "list").stdout.splitlines()
    row = {int(line.split()[0]): line for line in lines if line.split() and line.split()[0].isdigit()}
    assert row[1].rstrip().endswith("已冲销 → 第 3 号")
    assert row[3].rstrip().endswith("冲销第 1 号")
    assert "冲销" not in row[2]
    assert [e["revoked_by"] for e in cli.json("points", "list")] == [3, None, None]


def test_matter_add_names_the_entry_it_wrote(cli):
    result = cli.ok("matter", "add", "2019-0456", "-t", "道路整修", "--lead", "zezhou", "--opened", "2019-03-01")
    [entry] = cli.json("points", "list")
    assert entry["rule"] == "13710-item"
    assert f"积分记录 第 {entry['id']} 条 纳入事项 +0.5" in result.stderr
    passive = cli.ok("matter", "add", "2019-0457", "-t", "被动", "--lead", "zezhou", "--opened", "2019-03-01",
                     "--passive")
    assert "被动纳入, 未记「纳入事项」加分" in passive.stderr


def test_task_show_lists_the_problems_of_the_standing_report(cli, store, tmp_path):
    from test_pools import draw_json

    _roster(store)
    draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    problems = tmp_path / "问题.csv"
    problems.write_text("单位,问题,整改要求,整改期限\n泽州县,台账不全,补齐台账,2019-03-31\n", encoding="utf-8-sig")
    typical = tmp_path / "典型.txt"
    typical.write_text("村级台账造假\n整改只报不改\n", encoding="utf-8")
    cli.ok("task", "report", "1", "--team", "第一组", "--date", "2019-03-12", "--problems", problems,
           "--typical", typical)
    shown = cli.ok("task", "show", "1").stdout.splitlines()
    # One problem is one item: the headings are no item, and they stand over their columns.
    at = shown.index("第一组 问题事项清单(1 项):")
    assert shown[at + 1:at + 3] == ["单位    问题      整改要求  整改期限",
                                    "泽州县  台账不全  补齐台账  2019-03-31"]
    at = shown.index("第一组 不落实典型事项清单(2 项):")
    assert shown[at + 1:at + 4] == ["事项", "村级台账造假", "整改只报不改"]
    [team] = cli.json("task", "show", "1")["teams"]
    assert team["problems"] == ["单位,问题,整改要求,整改期限", "泽州县,台账不全,补齐台账,2019-03-31"]
    assert team["typical"] == ["村级台账造假", "整改只报不改"]
    assert "单位,问题,整改要求,整改期限" in cli.ok("task", "report", "--help").stdout.replace("\n", "")


def _roster(store):
    import datetime as dt

    from jcdc import pools
    from test_pools import add_roster

    add_roster(store)
    pools.add_task(store, "2019年环保专项督查", pools.parse_kind("special"), dt.date(2019, 3, 1), dt.date(2019, 3, 10))


# --- item 4: dates and periods ----------------------------------------------------------------------


def test_a_date_the_calendar_lacks_is_said_not_to_exist(cli, db):
    result = cli("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-30")
    assert result.exit_code == 2 and "日期「2019-02-30」不存在" in result.stderr and "无法识别" not in result.stderr
    assert count_entries(db) == 0


NEXT_YEAR = dt.date.today().year + 1


@pytest.mark.parametrize("args, text", [
    (["--year", str(NEXT_YEAR)], f"{NEXT_YEAR}年尚未到来"),
    (["--quarter", f"{NEXT_YEAR}Q1"], f"{NEXT_YEAR}年第一季度尚未到来"),
    (["--year", "2015"], "2015年台账中没有积分记录"),
    (["--quarter", "2019Q3"], "2019年第三季度台账中没有积分记录"),
])
def test_rank_of_a_period_with_nothing_to_rank_says_so(cli, args, text):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-05")
    result = cli("rank", *args)
    assert result.exit_code == 1 and text in result.stderr and result.stdout == ""
    assert cli.json("rank", "--year", "2019")  # a year with an entry is ranked


# --- item 5: rules by Chinese name ---------------------------------------------------------------------


def test_every_rule_has_a_unique_short_chinese_name():
    names = [r.name for r in POINT_RULES.values()]
    assert all(2 <= len(n) <= 6 and all("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names), names
    assert len(set(names)) == len(names)
    # no short name is another rule's code or title
    others = {(r.code, r.title): r.code for r in POINT_RULES.values()}
    for rule in POINT_RULES.values():
        assert all(rule.name not in pair or code == rule.code for pair, code in others.items())


@pytest.mark.parametrize("text", ["problem", "PROBLEM", "存在问题", "督查中认定存在问题"])
def test_rule_by_code_short_name_or_full_title(cli, text):
    entry = cli.json("points", "add", "-u", "zezhou", "-r", text, "-d", "2019-03-05")
    assert entry["rule"] == "problem"
    assert [e["id"] for e in cli.json("points", "list", "--rule", text)] == [entry["id"]]


@pytest.mark.parametrize("text, suggestion", [
    ("存在的问题", "problem(存在问题)"), ("退回", "13710-returned(退回重报)"), ("problm", "problem(存在问题)"),
])
def test_a_near_miss_is_refused_with_a_suggestion(cli, db, text, suggestion):
    result = cli("points", "add", "-u", "zezhou", "-r", text, "-d", "2019-03-05")
    assert result.exit_code == 1 and f"未知规则「{text}」" in result.stderr and suggestion in result.stderr
    assert count_entries(db) == 0


def test_rules_list_shows_the_short_names_and_the_import_takes_them(cli, tmp_path):
    rows = {r["code"]: r for r in cli.json("rules", "list")}
    assert rows["13710-late"]["name"] == "报送逾期" and rows["obstruct"]["name"] == "阻碍督查"
    assert "简称" in cli.ok("rules", "list").stdout.splitlines()[1]
    assert cli.json("rules", "show", "退回重报")["code"] == "13710-returned"
    path = tmp_path / "rows.csv"
    path.write_text("日期,单位,规则\n2019-03-05,泽州县,报送逾期\n2019-03-06,gaoping,配合单位不主动配合导致问题\n",
                    encoding="utf-8")
    bad = cli("points", "import", path)
    assert bad.exit_code == 1 and "没有牵头单位的分值" not in bad.stderr  # it reached the rule: a range
    path.write_text("日期,单位,规则\n2019-03-05,泽州县,报送逾期\n2019-03-06,gaoping,阻碍督查\n", encoding="utf-8")
    assert cli.json("points", "import", path)["added"] == 2
    assert [e["rule"] for e in cli.json("points", "list")] == ["13710-late", "obstruct"]
    # the same rows named by code are the same rows: nothing added twice
    path.write_text("日期,单位,规则\n2019-03-05,泽州县,13710-late\n2019-03-06,gaoping,obstruct\n", encoding="utf-8")
    assert cli.json("points", "import", path) == {"rows": 2, "added": 0, "skipped": 2}


@pytest.mark.parametrize("columns", [80, 120])
def test_task_show_lists_align_on_a_terminal(cli, store, tmp_path, monkeypatch, columns):
    from jcdc import output
    from jcdc.terminal import width
    from test_pools import draw_json

    _roster(store)
    draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    problems = tmp_path / "问题.csv"
    problems.write_text("序号,单位,问题,整改要求,整改期限\n1,泽州县,台账不全,补齐台账,2019-03-31\n"
                        "2,高平市,整改滞后且未按期报送整改情况,限期整改,2019-04-15\n", encoding="utf-8-sig")
    cli.ok("task", "report", "1", "--team", "第一组", "--date", "2019-03-12", "--problems", problems)
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = cli.ok("task", "show", "1").stdout.splitlines()
    assert max(width(line) for line in shown) <= columns
    at = shown.index("第一组 问题事项清单(2 项):")
    heading, rule, first = shown[at + 1:at + 4]
    assert heading.split() == ["序号", "单位", "问题", "整改要求", "整改期限"]
    # each column starts where its heading does, in display columns
    for cell, name in (("泽州县", "单位"), ("台账不全", "问题"), ("2019-03-31", "整改期限")):
        assert width(first[:first.index(cell)]) == width(heading[:heading.index(name)])
