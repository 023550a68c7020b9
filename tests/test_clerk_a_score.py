"""Issue 12: every score explained (`jcdc score`), and finding entries
(`points list --matter/--ref/--text/--since/--until`, `case list --text`, totals)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


NEXT_YEAR = dt.date.today().year + 1


@pytest.fixture
def year(cli):
    """2019 for the counties: 泽州县 −5 twice (one revoked), +0.5 and a late material of 3 days."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-05", "--ref", "晋督字〔2019〕12号")  # 1
    cli.ok("points", "add", "-u", "zezhou", "-r", "存在问题", "-d", "2019-05-06", "--ref", "晋督字〔2019〕30号",
           "--note", "河道整治滞后")                                                                     # 2
    cli.ok("points", "add", "-u", "zezhou", "-r", "13710-item", "-d", "2019-05-07", "-m", "2019-0456")  # 3
    cli.ok("points", "add", "-u", "zezhou", "-r", "late-material", "-n", "3", "-d", "2019-06-10",
           "--note", "半年总结迟报")                                                                     # 4
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-06-03")         # 5
    cli.ok("points", "add", "-u", "chengqu", "-r", "eval-poor", "-d", "2019-08-01")                   # 6
    cli.ok("points", "revoke", "1", "--reason", "核实后不属实")                                          # 7
    return cli


# --- item 9: jcdc score -----------------------------------------------------------------------------


def test_score_json_adds_up_and_agrees_with_rank(year):
    found = year.json("score", "泽州县", "--year", "2019")
    assert set(found) >= {"unit", "name", "group", "period", "base", "score", "rank", "flags", "by_rule", "entries"}
    assert (found["unit"], found["name"], found["group"], found["period"]) == ("zezhou", "泽州县", "县区", "2019")
    by_rule = {r["rule"]: r for r in found["by_rule"]}
    assert by_rule["problem"] == {"rule": "problem", "name": "存在问题", "cite": "积分办法 第十二条(一)",
                                  "count": 1, "points": -5}
    assert by_rule["late-material"]["points"] == -3 and by_rule["13710-item"]["points"] == 0.5
    total = Decimal(str(found["base"])) + sum(Decimal(str(r["points"])) for r in found["by_rule"])
    assert Decimal(str(found["score"])) == total == Decimal("92.5")
    [row] = [r for r in year.json("rank", "--year", "2019") if r["unit"] == "zezhou"]
    assert (found["score"], found["rank"], found["flags"]) == (row["score"], row["rank"], row["flags"])
    entries = {e["id"]: e for e in found["entries"]}
    assert set(entries) == {1, 2, 3, 4, 7}
    assert entries[1]["revoked_by"] == 7 and entries[7]["reverses"] == 1


def test_score_of_every_unit_equals_its_rank_row(year):
    for period in (["--year", "2019"], ["--quarter", "2019Q2"], ["--quarter", "2019Q1"]):
        for row in year.json("rank", *period):
            found = year.json("score", row["unit"], *period)
            assert (found["score"], found["rank"], found["flags"]) == (row["score"], row["rank"], row["flags"])
            assert Decimal(str(found["score"])) == found["base"] + sum(Decimal(str(r["points"]))
                                                                       for r in found["by_rule"])


def test_score_table_explains_from_the_base_to_the_rank(year):
    out = year.ok("score", "zezhou", "--quarter", "2019Q2").stdout
    lines = out.splitlines()
    assert lines[0].startswith("泽州县(zezhou) 2019年第二季度")
    assert "基准分 100.0" in lines[1]
    body = "\n".join(lines)
    assert body.index("存在问题") < body.index("晋督字〔2019〕30号") < body.index("积分 92.5")
    [row] = [r for r in year.json("rank", "--quarter", "2019Q2") if r["unit"] == "zezhou"]
    assert lines[-1].startswith(f"积分 92.5 = 基准分 100.0 -7.5; 县区第 {row['rank']} 名")
    assert "年度累计 92.5" in lines[-1]
    revoked = year.ok("score", "zezhou", "--year", "2019").stdout
    assert "已冲销 → 第 7 号" in revoked and "冲销第 1 号" in revoked


def test_score_refusals(year):
    for args, code, text in [
        (["nowhere", "--year", "2019"], 1, "未知单位「nowhere」"),
        (["zezhou"], 2, ""),
        (["zezhou", "--year", str(NEXT_YEAR)], 1, f"{NEXT_YEAR}年尚未到来"),
        (["zezhou", "--year", "2015"], 1, "2015年台账中没有积分记录"),
    ]:
        result = year("score", *args)
        assert result.exit_code == code and text in result.stderr and result.stdout == ""


def test_score_of_a_unit_not_in_force_is_refused_and_csv_gives_the_rules(year):
    year.ok("points", "add", "-u", "gtj", "-r", "problem", "-d", "2018-06-01")
    year.ok("unit", "end", "gtj", "--date", "2018-12-31")
    result = year("score", "gtj", "--year", "2019")
    assert result.exit_code == 1 and "不在册" in result.stderr
    assert year.json("score", "gtj", "--year", "2018")["score"] == 95
    lines = year.ok("score", "zezhou", "--year", "2019", "--format", "csv").stdout.splitlines()
    assert lines[0] == "规则,简称,条数,合计,依据"
    assert "problem,存在问题,1,-5.0,积分办法 第十二条(一)" in lines


def test_score_names_the_flags_as_rank_gives_them(cli):
    # A county alone at the top of 2019 is recommended for exemption (第十九条).
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-06-03")
    found = cli.json("score", "gaoping", "--year", "2019")
    assert found["flags"] == ["exempt-recommended"] and found["rank"] == 1
    table = cli.ok("score", "gaoping", "--year", "2019").stdout
    assert "结果: 推荐免督查" in table and "积分办法 第十九条" in table


# --- item 10: finding things ------------------------------------------------------------------------


@pytest.mark.parametrize("args, ids", [
    (["--matter", "2019-0456"], [3]),
    (["--ref", "30号"], [2]),
    (["--ref", "晋督字"], [1, 7, 2]),
    (["--text", "迟报"], [4]),
    (["--text", "12号"], [1, 7]),
    (["--since", "2019-05-07", "--until", "2019-06-10"], [3, 5, 4]),
    (["--since", "2019/6/3", "--unit", "泽州县"], [4]),
    (["--until", "2019-03-31"], [1, 7]),
])
def test_points_list_filters(year, args, ids):
    assert [e["id"] for e in year.json("points", "list", *args)] == ids


def test_points_list_ends_with_a_total_line(year):
    lines = year.ok("points", "list", "--unit", "zezhou").stdout.splitlines()
    assert lines[-1] == "合计 5 条, -7.5 分"
    assert year.ok("points", "list", "--text", "无此文字").stderr.strip() == "没有符合条件的积分记录"
    bad = year("points", "list", "--since", "2019-06-01", "--until", "2019-05-01")
    assert bad.exit_code == 2 and "2019-06-01" in bad.stderr


def test_case_list_text(cli):
    cli.ok("case", "open", "--unit", "泽州县", "--person", "张三:副县长", "--trigger", "inaction",
           "--summary", "重点项目推进缓慢", "--date", "2019-07-01")
    cli.ok("case", "open", "--unit", "高平市", "--person", "李四:局长", "--trigger", "inaction",
           "--summary", "河道整治不落实", "--date", "2019-07-02")
    assert [c["id"] for c in cli.json("case", "list", "--text", "河道")] == ["2019-002"]
    assert [c["id"] for c in cli.json("case", "list", "--text", "张三")] == ["2019-001"]
    assert cli.ok("case", "list").stdout.splitlines()[-1] == "合计 2 件"


def test_case_list_text_with_public_searches_only_what_the_notice_carries(cli, monkeypatch):
    import test_forgery_public as public

    monkeypatch.setattr(public.cases, "today", lambda: public.dt.date(2020, 6, 30))
    case_id = public.published.__wrapped__(cli, monkeypatch)
    assert [c["id"] for c in cli.json("case", "list", "--text", "核查笔记")] == [case_id]
    assert [c["id"] for c in cli.json("case", "list", "--text", "李四")] == [case_id]
    for hidden in ("核查笔记", "李四", "群众举报", "县纪委内部意见"):
        assert cli.json("case", "list", "--public", "--text", hidden) == []
    assert [c["id"] for c in cli.json("case", "list", "--public", "--text", "晋督通")] == [case_id]
