"""Issue 10, rankings and the 13710 bonus: 基准分以下 includes 100 (积分办法 第十七条),
the report of 第十八条 without 驻市, the quarterly +5 of 第十一条(三) not paid after
a late or missed node, and ties at a boundary said in words (SPEC §3)."""

from __future__ import annotations

import csv
import json

import openpyxl

from jcdc.rules.jifen import Boundary, annual_flags, boundary_ties, rank_groups
from jcdc.model import Category

COUNTIES = ("chengqu", "zezhou", "gaoping", "yangcheng", "qinshui", "kaifaqu")  # 县区 but lingchuan


def add(cli, unit, rule, date, *extra):
    cli.ok("points", "add", "-u", unit, "-r", rule, "-d", date, *extra)


# --- 积分办法 第十七条: 基准分以下 includes 100 ------------------------------------------


def test_a_unit_at_exactly_100_bottom_two_both_years_is_accountable_article_17(cli):
    for year in (2018, 2019):
        for unit in COUNTIES:
            add(cli, unit, "13710-item", f"{year}-05-06")  # 100.5; lingchuan stays at 100
    rows = {r["unit"]: r for r in cli.json("rank", "--year", "2019", "--group", "县区")}
    assert rows["lingchuan"]["score"] == 100 and rows["lingchuan"]["rank"] == 7
    assert rows["lingchuan"]["flags"] == ["accountability"]
    found = cli.json("case", "candidates", "--year", "2019")
    assert [(c["unit"], c["score"], c["rank"], c["previous_score"], c["trigger"]) for c in found] == [
        ("lingchuan", 100, 7, 100, "bottom-two")]


# --- 积分办法 第十一条(三): the quarterly +5 only when no node was reminded -------------------


def report(cli, matter, node, day):
    cli.ok("matter", "report", matter, "--node", node, "--date", day)


def test_no_bonus_for_a_unit_that_reported_a_node_late_or_let_one_pass_article_11(cli, store):
    # nodes due 05-06, 05-08, 05-12
    for matter, lead in (("A", "泽州县"), ("B", "高平市"), ("C", "阳城县")):
        cli.ok("matter", "add", matter, "--title", matter, "--lead", lead, "--opened", "2019-05-05", "--passive")
    for node, day in ((1, "2019-05-06"), (2, "2019-05-08"), (3, "2019-05-12")):
        report(cli, "A", node, day)                       # 泽州县: every node on time
    report(cli, "B", 1, "2019-05-06")
    report(cli, "B", 2, "2019-05-09")                     # 高平市: node 2 one day late (−0.5)
    report(cli, "B", 3, "2019-05-12")
    report(cli, "C", 1, "2019-05-06")
    report(cli, "C", 2, "2019-05-08")                     # 阳城县: node 3 let pass, never reported
    made = cli.json("matter", "bonus", "--quarter", "2019Q2")
    assert [(e["unit"], e["points"]) for e in made] == [("zezhou", 5)]
    assert [e.unit for e in store.entries(rule="13710-no-reminder")] == ["zezhou"]


def test_a_node_reported_late_next_quarter_costs_the_quarter_it_fell_due_in(cli):
    cli.ok("matter", "add", "A", "--title", "a", "--lead", "泽州县", "--opened", "2019-06-20", "--passive")
    report(cli, "A", 1, "2019-06-21")
    report(cli, "A", 2, "2019-06-23")
    report(cli, "A", 3, "2019-07-01")                     # due 06-27, reported in Q3
    assert cli.json("matter", "bonus", "--quarter", "2019Q2") == []


# --- 积分办法 第十八条: the report has no 驻市 ------------------------------------------------


def test_the_annual_report_names_counties_devzone_and_city_units_only_article_18(cli, tmp_path):
    add(cli, "gaoping", "13710-item", "2019-05-06")
    add(cli, "jyj", "problem", "2019-05-06")
    add(cli, "gdgs", "problem", "2019-05-06")             # 国网晋城供电公司, 驻市
    path = tmp_path / "report.json"
    cli.ok("report", "--year", "2019", "--output", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {r["group"] for r in data["rankings"]} == {"县区", "市直"}
    assert len(data["rankings"]) == 7 + 29
    assert [e["unit"] for e in data["entries"]] == ["gaoping", "jyj"]
    book = tmp_path / "report.xlsx"
    cli.ok("report", "--year", "2019", "--output", book)
    assert "驻市" not in openpyxl.load_workbook(book).sheetnames
    assert "驻市" in {r["group"] for r in cli.json("rank", "--year", "2019")}  # the ranking itself keeps them


# --- ties at a boundary (SPEC §3) -------------------------------------------------------------

THIRD = "第3名并列 27 个单位, 均在免督查范围内(积分办法 第十九条: 前3位, 现共 29 个单位), 报市政府同意时请注意"
BOTTOM = ("第3名并列 27 个单位, 均在倒数后2位之列(积分办法 第十七条, 现共 27 个单位, 其中追责候选 0 个), "
          "据此追责前请注意")


def young_ledger(cli):
    """A young ledger: two city units scored, the other 27 untouched at 100, tied third."""
    cli.ok("points", "add", "-u", "fgw", "-r", "commend", "-p", "20", "-d", "2019-05-06")
    add(cli, "jxw", "13710-item", "2019-05-06")


def test_a_tie_that_widens_the_exemption_keeps_every_flag_and_says_so(cli):
    young_ledger(cli)
    rows = [r for r in cli.json("rank", "--year", "2019") if r["group"] == "市直"]
    assert sum("exempt" in r["flags"] for r in rows) == 29
    third = [r for r in rows if r["rank"] == 3]
    assert len(third) == 27 and all(r["tied"] == 27 for r in third)
    assert all(r["tie_notes"] == [THIRD, BOTTOM] for r in third)
    assert [("tied" in r, "tie_notes" in r) for r in rows[:2]] == [(False, False), (False, False)]
    table = cli.ok("rank", "--year", "2019", "--group", "市直").stdout
    assert THIRD in table and BOTTOM in table
    assert THIRD not in cli.ok("rank", "--year", "2019", "--group", "县区").stdout


def test_tie_words_in_ranking_files_and_the_report(cli, tmp_path):
    young_ledger(cli)
    out = tmp_path / "rank.csv"
    cli.ok("rank", "--year", "2019", "--output", out)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["并列说明"] for r in rows if r["排名组"] == "市直" and r["名次"] == "3"} == {f"{THIRD}; {BOTTOM}"}
    sheet = tmp_path / "rank.xlsx"
    cli.ok("rank", "--year", "2019", "--output", sheet)
    assert f"{THIRD}; {BOTTOM}" in [c.value for c in openpyxl.load_workbook(sheet).active.iter_rows() for c in c]
    report = tmp_path / "report.xlsx"
    cli.ok("report", "--year", "2019", "--output", report)
    city = [r[0] for r in openpyxl.load_workbook(report)["市直"].iter_rows(values_only=True)]
    assert THIRD in city and BOTTOM in city
    data = tmp_path / "report.json"
    cli.ok("report", "--year", "2019", "--output", data)
    assert json.loads(data.read_text(encoding="utf-8"))["tie_notes"]["市直"] == [THIRD, BOTTOM]


def test_quarterly_rows_say_how_many_share_a_rank(cli):
    add(cli, "gaoping", "13710-item", "2019-05-06")
    rows = {r["unit"]: r for r in cli.json("rank", "--quarter", "2019Q2", "--group", "县区")}
    assert "tied" not in rows["gaoping"] and rows["zezhou"]["tied"] == 6


def test_boundary_ties_of_each_consequence():
    members = [("a", "县区", Category.COUNTY), ("b", "县区", Category.COUNTY), ("c", "县区", Category.COUNTY),
               ("d", "县区", Category.COUNTY)]
    year = rank_groups(members, {"a": 10, "b": 10, "c": 0, "d": 0})
    flags = annual_flags(year, [])
    ties = {t.boundary: t for t in boundary_ties(year, flags)}
    assert set(ties) == {Boundary.EXEMPT_RECOMMENDED}  # c, d: two in the bottom two, as the article names
    assert (ties[Boundary.EXEMPT_RECOMMENDED].tied, ties[Boundary.EXEMPT_RECOMMENDED].rank) == (("a", "b"), 1)
    city = rank_groups([(u, "市直", Category.CITY) for u in "pqrstu"],
                      {"p": 30, "q": 20, "r": 10, "s": 10, "t": 0, "u": 0})
    ties = boundary_ties(city, annual_flags(city, []))
    assert [(t.boundary, t.rank, t.tied, len(t.reached)) for t in ties] == [(Boundary.EXEMPT, 3, ("r", "s"), 4)]
    bottom = rank_groups([(u, "县区", Category.COUNTY) for u in "pqrst"], {"p": 30, "q": 20, "r": 0, "s": 0, "t": 0})
    ties = boundary_ties(bottom, annual_flags(bottom, bottom))
    assert [(t.boundary, t.rank, t.tied, t.flagged) for t in ties] == [
        (Boundary.BOTTOM_TWO, 3, ("r", "s", "t"), ("r", "s", "t"))]
