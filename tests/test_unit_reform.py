"""Institutional reform (机构改革): jcdc unit rename / merge / history.

A rename keeps the unit's code, so its entries, its rankings and 第十七条's two
consecutive years follow it; a merge ends the units merged the day before and
opens (or folds into) the successor. Every view shows the name in force on its
period's last day: a 2018 ranking shows 2018's names."""

from __future__ import annotations

import json
import sqlite3

import pytest
from docx import Document
from openpyxl import load_workbook

from jcdc import output
from jcdc.terminal import width

RENAMED = ("unit", "rename", "市环境保护局", "市生态环境局", "--date", "2019-01-01", "--alias", "生态环境局",
           "--doc", "晋市编发〔2019〕1号")
MERGED = ("unit", "merge", "国土局", "规划局", "--into", "市规划和自然资源局", "--code", "zrzyj",
          "--date", "2019-01-01", "--alias", "自然资源局")


def _points(cli, unit, day, rule="problem"):
    cli.ok("points", "add", "--unit", unit, "--rule", rule, "--date", day)


@pytest.fixture
def reform(cli):
    """2018 under the 2017 roster's names, the reform of 1 January 2019, then 2019:
    市环境保护局 renamed 市生态环境局; 市国土资源局 and 市城乡规划局 merged into the
    new 市规划和自然资源局. 环保 is among 市直's bottom two in both years."""
    for unit in ("hbj", "gtj", "fgw"):
        _points(cli, unit, "2018-11-05")
    cli.ok(*RENAMED)
    cli.ok(*MERGED)
    for unit in ("hbj", "zrzyj"):
        _points(cli, unit, "2019-02-01")
    return cli


def _entries(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0], \
            conn.execute("SELECT COUNT(*) FROM unit_changes").fetchone()[0], \
            conn.execute("SELECT COUNT(*) FROM unit_records").fetchone()[0]


def _row(rows, code):
    return next(r for r in rows if r["unit"] == code)


# --- what the clerk is told ---------------------------------------------------------------


def test_unit_help_lists_rename_merge_and_history(cli):
    text = cli.ok("unit", "-h").stdout
    for command in ("rename", "merge", "history"):
        assert command in text
    merge = cli.ok("unit", "merge", "-h").stdout
    assert "第十七条" in merge and "无法判断" in merge  # the reading across a merge, stated


def test_rename_says_what_changed(cli):
    said = cli.ok(*RENAMED).stderr
    assert "hbj 市环境保护局 → 市生态环境局" in said and "2019-01-01" in said
    assert "2018年及以前的排名仍显示「市环境保护局」" in said and "第十七条" in said


def test_merge_says_what_changed_and_the_reading(cli):
    said = cli.ok(*MERGED).stderr
    assert "gtj 市国土资源局、ghj 市城乡规划局 自 2019-01-01 起并入 zrzyj 市规划和自然资源局(新设)" in said
    assert "最后在册日为 2018-12-31" in said
    assert "第十七条" in said and "2019 年的连续两年条件无法判断" in said


# --- names dated on one code ------------------------------------------------------------


def test_rankings_show_the_names_of_their_period(reform):
    y2018 = reform.json("rank", "--year", "2018")
    y2019 = reform.json("rank", "--year", "2019")
    assert _row(y2018, "hbj")["name"] == "市环境保护局"
    assert _row(y2019, "hbj")["name"] == "市生态环境局"
    assert {r["unit"] for r in y2018} >= {"gtj", "ghj"} and "zrzyj" not in {r["unit"] for r in y2018}
    assert "zrzyj" in {r["unit"] for r in y2019} and not {"gtj", "ghj"} & {r["unit"] for r in y2019}
    assert _row(reform.json("rank", "--quarter", "2018Q4"), "hbj")["name"] == "市环境保护局"
    assert _row(reform.json("rank", "--quarter", "2019Q1"), "hbj")["name"] == "市生态环境局"


def test_a_rename_keeps_the_two_consecutive_years(reform):
    """积分办法 第十七条: bottom two in 2018 as 市环境保护局 and in 2019 as 市生态环境局 is
    the same unit two years running."""
    row = _row(reform.json("rank", "--year", "2019"), "hbj")
    assert row["score"] == 95.0 and "accountability" in row["flags"]
    assert row["change"] == 0.0 and row["previous_rank"] is not None


def test_the_successor_of_a_merge_is_not_judged_in_its_first_year(reform):
    """**Reading**: a unit set up by a merge has no year before of its own; its
    first year's two-year condition cannot be judged, and the views say so."""
    rows = reform.json("rank", "--year", "2019")
    new = _row(rows, "zrzyj")
    assert new["score"] == 95.0 and "accountability" not in new["flags"] and new["change"] is None
    table = reform.ok("rank", "--year", "2019").stdout
    assert "市规划和自然资源局: 2019-01-01 由 市国土资源局、市城乡规划局 合并设立" in table
    assert "第十七条连续两年条件无法判断" in table
    score = reform.ok("score", "zrzyj", "--year", "2019").stdout
    assert "无法判断" in score


def test_the_old_name_still_finds_the_unit(reform):
    assert reform.json("score", "环保局", "--year", "2018")["name"] == "市环境保护局"
    assert reform.json("score", "生态环境局", "--year", "2019")["name"] == "市生态环境局"


def test_unit_list_on_a_date_shows_that_days_names(reform):
    before = {u["code"]: u["name"] for u in reform.json("unit", "list", "--on", "2018-12-31")}
    after = {u["code"]: u["name"] for u in reform.json("unit", "list", "--on", "2019-01-01")}
    assert before["hbj"] == "市环境保护局" and after["hbj"] == "市生态环境局"
    assert "gtj" in before and "zrzyj" not in before
    assert "gtj" not in after and after["zrzyj"] == "市规划和自然资源局"


def test_unit_history(reform):
    rows = reform.json("unit", "history", "环保局")
    assert [(r["date"], r["event"], r["name"]) for r in rows] == [
        (None, "设立", "市环境保护局"), ("2019-01-01", "更名", "市生态环境局")]
    assert rows[1]["doc"] == "晋市编发〔2019〕1号"
    merged = reform.json("unit", "history", "zrzyj")
    assert merged[0]["event"] == "合并设立" and "市国土资源局、市城乡规划局" in merged[0]["detail"]
    away = reform.json("unit", "history", "gtj")
    assert away[-1]["event"] == "并入" and "最后在册日 2018-12-31" in away[-1]["detail"]


@pytest.mark.parametrize("columns", [80, 120])
def test_history_and_list_fit_the_screen(reform, monkeypatch, columns):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    for args in (("unit", "history", "gtj"), ("unit", "list", "--on", "2019-01-01")):
        text = reform.ok(*args).stdout
        assert max(width(line) for line in text.split("\n")) <= columns
    history = reform.ok("unit", "history", "gtj").stdout
    assert "2019-01-01" in history and "市规划和自然资源局" in history and "并入" in history


# --- every view ---------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_points_list_shows_the_names_of_its_period(reform, monkeypatch, columns):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    y2018 = reform.ok("points", "list", "--year", "2018").stdout
    y2019 = reform.ok("points", "list", "--year", "2019").stdout
    assert max(width(line) for line in (y2018 + y2019).split("\n")) <= columns
    assert "市环境保护局" in y2018 and "市国土资源局" in y2018 and "市生态环境局" not in y2018
    assert "市生态环境局" in y2019 and "市规划和自然资源局" in y2019 and "市环境保护局" not in y2019


@pytest.mark.parametrize("columns", [80, 120])
def test_rank_table_shows_the_periods_names(reform, monkeypatch, columns):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    y2018 = reform.ok("rank", "--year", "2018").stdout
    y2019 = reform.ok("rank", "--year", "2019").stdout
    assert "市环境保护局" in y2018 and "市生态环境局" not in y2018 and "市国土资源局" in y2018
    assert "市生态环境局" in y2019 and "市环境保护局" not in y2019.split("第十七条")[0]
    assert max(width(line) for line in y2019.split("\n")) <= columns


def test_report_files_show_the_years_names(reform, tmp_path):
    for year, name, gone in (("2018", "市环境保护局", "市生态环境局"), ("2019", "市生态环境局", "市环境保护局")):
        path = tmp_path / f"r{year}.json"
        reform.ok("report", "--year", year, "--output", path)
        data = json.loads(path.read_text(encoding="utf-8"))
        text = json.dumps(data, ensure_ascii=False)
        assert name in text and gone not in text.replace("市环境保护局、", "")
        book = tmp_path / f"r{year}.xlsx"
        reform.ok("report", "--year", year, "--output", book)
        cells = {c.value for ws in load_workbook(book).worksheets for row in ws.iter_rows() for c in row}
        assert name in cells and gone not in cells
        page = tmp_path / f"r{year}.html"
        reform.ok("report", "--year", year, "--output", page)
        html = page.read_text(encoding="utf-8")
        assert name in html and gone not in html


def test_notice_and_statement_show_the_periods_names(reform, tmp_path):
    for quarter, name, gone in (("2018Q4", "市环境保护局", "市生态环境局"), ("2019Q1", "市生态环境局", "市环境保护局")):
        out = tmp_path / f"n{quarter}.docx"
        reform.ok("notice", "--quarter", quarter, "--output", out)
        doc = Document(out)
        text = "\n".join([p.text for p in doc.paragraphs]
                         + [c.text for t in doc.tables for row in t.rows for c in row.cells])
        assert name in text and gone not in text
        folder = tmp_path / quarter
        reform.ok("statement", "--quarter", quarter, "--unit", "hbj", "--output", folder, "--on", "2019-04-01")
        [file] = list(folder.iterdir())
        assert file.name == f"hbj-{name}.docx"
        assert Document(file).paragraphs[0].text.startswith(name)


@pytest.mark.parametrize("columns", [80, 120])
def test_due_names_the_unit_as_on_its_day(cli, monkeypatch, columns):
    cli.ok("fix", "add", "--unit", "国土局", "--what", "整改土地违法问题", "--class", "general",
           "--from", "2018-12-10")
    cli.ok(*MERGED)
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    before = cli.ok("due", "--on", "2018-12-20").stdout
    after = cli.ok("due", "--on", "2019-01-05").stdout
    assert "市国土资源局" in before and "已并入" not in before
    assert "市国土资源局(已并入市规划和自然资源局)" in after.replace("\n", "").replace(" ", "") or \
        "已并入" in after
    assert max(width(line) for line in after.split("\n")) <= columns


# --- refusals: one line in Chinese, exit non-zero, ledger unchanged -------------------------


def _refused(cli, db, *args, says):
    before = _entries(db)
    result = cli(*args)
    assert result.exit_code != 0
    lines = [line for line in result.output.strip().split("\n") if line]
    assert len(lines) == 1 and says in lines[0], result.output
    assert _entries(db) == before


def test_an_entry_after_a_merge_is_refused_naming_the_successor(reform, db):
    _refused(reform, db, "points", "add", "--unit", "国土局", "--rule", "problem", "--date", "2019-03-01",
             says="已于 2019-01-01 并入「市规划和自然资源局」")
    _points(reform, "gtj", "2018-12-31")  # its last day still takes them


def test_a_merge_with_later_entries_is_refused(cli, db):
    _points(cli, "gtj", "2019-02-01")
    _refused(cli, db, *MERGED, says="2019-01-01 及以后还有 1 条积分记录")


@pytest.mark.parametrize("args, says", [
    (("unit", "rename", "环保局", "市生态环境局", "--date", "2018-12-01"), "已关账的2018年第四季度"),
    (("unit", "merge", "国土局", "规划局", "--into", "市规划和自然资源局", "--code", "zrzyj",
      "--date", "2018-10-01"), "已关账的2018年第四季度"),
    (("unit", "rename", "环保局", "市生态环境局", "--date", "2018-06-01"), "已关账的"),
])
def test_a_change_dated_inside_or_before_a_closed_quarter_is_refused(cli, db, args, says):
    for unit in ("hbj", "gtj", "fgw"):
        _points(cli, unit, "2018-11-05")
    for q in ("2018Q1", "2018Q2", "2018Q3"):  # closed in order; nothing was recorded in them
        if cli("close", q, "--empty").exit_code != 0:
            cli("close", q)
    cli.ok("close", "2018Q4")
    _refused(cli, db, *args, says=says)
    cli.ok("unit", "rename", "环保局", "市生态环境局", "--date", "2019-01-01")  # after it: taken


@pytest.mark.parametrize("args, says", [
    (("unit", "rename", "环保局", "市发展和改革委员会", "--date", "2019-01-01"), "已被单位「fgw」使用"),
    (("unit", "rename", "环保局", "市环境保护局", "--date", "2019-01-01"), "无需更名"),
    (("unit", "merge", "国土局", "--into", "市规划和自然资源局", "--date", "2019-01-01"), "--code"),
    (("unit", "merge", "国土局", "城区", "--into", "市规划和自然资源局", "--code", "zrzyj",
      "--date", "2019-01-01"), "--category"),
    (("unit", "merge", "国土局", "--into", "国土局", "--date", "2019-01-01"), "不能并入它自己"),
    (("unit", "merge", "国土局", "--into", "发改委", "--code", "zrzyj", "--date", "2019-01-01"), "不用 --code"),
])
def test_bad_changes_are_refused(cli, db, args, says):
    _refused(cli, db, *args, says=says)


def test_a_second_rename_must_be_later(cli, db):
    cli.ok(*RENAMED)
    _refused(cli, db, "unit", "rename", "生态环境局", "市生态环境保护局", "--date", "2018-06-01",
             says="须在其之后")


def test_a_merged_unit_cannot_be_merged_again(reform, db):
    _refused(reform, db, "unit", "merge", "国土局", "--into", "发改委", "--date", "2020-01-01",
             says="已于 2018-12-31 撤销")


def test_folding_into_an_existing_unit_keeps_its_own_history(cli):
    """市规划局 folded into 市国土资源局: the successor keeps its code and its own
    year before, so 第十七条 judges it as ever."""
    for unit in ("gtj", "hbj", "fgw"):
        _points(cli, unit, "2018-11-05")
    said = cli.ok("unit", "merge", "规划局", "--into", "国土局", "--date", "2019-01-01").stderr
    assert "并入 gtj 市国土资源局;" in said and "它自己的上年排名" in said
    _points(cli, "gtj", "2019-02-01")
    _points(cli, "hbj", "2019-02-01")
    rows = cli.json("rank", "--year", "2019")
    assert "accountability" in _row(rows, "gtj")["flags"]
    assert "ghj" not in {r["unit"] for r in rows}
    history = cli.json("unit", "history", "gtj")
    assert history[-1]["event"] == "承接" and "市城乡规划局(ghj)" in history[-1]["detail"]


# --- chained and checked -------------------------------------------------------------------


def test_check_verifies_the_reform_records(reform, db):
    assert reform("check").exit_code == 0
    with sqlite3.connect(db) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE unit_changes SET name = '市环保局' WHERE action = 'rename'")
        conn.execute("DROP TRIGGER unit_changes_no_update")
        conn.execute("UPDATE unit_changes SET name = '市环保厅' WHERE action = 'rename'")
    result = reform("check")
    assert result.exit_code == 1
    assert "unit_changes" in result.output


def test_check_finds_a_merge_whose_ending_was_undone(reform, db):
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER unit_changes_no_delete")
        conn.execute("DELETE FROM unit_changes WHERE code = 'ghj'")
    result = reform("check")
    assert result.exit_code == 1 and "unit_changes" in result.output


def test_check_replays_merges_against_the_roster():
    from jcdc.integrity import unit_change_problems

    add = {"id": 1, "action": "add", "code": "a", "name": "甲", "category": "city", "grp": "市直",
           "aliases": None, "valid_from": None, "valid_to": None, "recorded_by": "t", "recorded_at": "x"}
    add_b = {**add, "id": 2, "code": "b", "name": "乙"}
    end = {"id": 3, "action": "end", "code": "a", "valid_to": "2018-12-30", "recorded_by": "t", "recorded_at": "x"}
    merge = {"id": 1, "action": "merge", "code": "a", "date": "2019-01-01", "name": None, "aliases": None,
             "successor": "b", "doc": None}
    [problem] = unit_change_problems([add, add_b, end], [merge])
    assert "应为 2018-12-31" in problem.text
    rename = {"id": 2, "action": "rename", "code": "b", "date": "2019-01-01", "name": "甲", "aliases": None,
              "successor": None, "doc": None}
    assert any("甲" in p.text for p in unit_change_problems([add, add_b], [rename]))


# --- init names its roster's year -------------------------------------------------------------


def test_init_says_which_year_its_roster_describes(tmp_path, monkeypatch):
    from jcdc.units import roster_year

    monkeypatch.setenv("JCDC_DB", str(tmp_path / "new.db"))
    from conftest import Cli

    said = Cli().ok("init").stderr
    year, _ = roster_year()
    assert year == 2017
    assert "名册为 2017 年的晋城市被考核单位" in said
    assert "jcdc unit rename" in said and "jcdc unit merge" in said  # the ledger's entries will be later
    Cli().ok("unit", "rename", "环保局", "市生态环境局", "--date", "2019-01-01")
    again = Cli().ok("init").stderr
    assert "名册为 2017 年" in again and "jcdc unit rename" not in again  # the reform is recorded


def test_roster_year_is_data_not_code():
    from importlib.resources import files

    about = json.loads(files("jcdc.data").joinpath("units.json").read_text(encoding="utf-8"))
    assert about["year"] == 2017 and about["file"] == "units.csv"


def test_annual_documents_say_the_successor_cannot_be_judged(reform, tmp_path):
    """The reading across a merge, in the 通报, the unit's own statement and the report."""
    out = tmp_path / "n.docx"
    reform.ok("notice", "--year", "2019", "--draft", "--output", out)
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "市规划和自然资源局于2019年1月1日由市国土资源局、市城乡规划局合并设立" in text
    assert "第十七条连续两年的条件本年无法判断" in text
    assert "市生态环境局（第" in text  # flagged across its rename
    folder = tmp_path / "s"
    reform.ok("statement", "--year", "2019", "--unit", "zrzyj", "--output", folder, "--on", "2019-12-31")
    [file] = list(folder.iterdir())
    said = "\n".join(p.text for p in Document(file).paragraphs)
    assert "你单位于2019年1月1日由市国土资源局、市城乡规划局合并设立" in said
    report = tmp_path / "r.json"
    reform.ok("report", "--year", "2019", "--output", report)
    assert "第十七条连续两年条件无法判断" in report.read_text(encoding="utf-8")


def test_an_imported_row_after_a_merge_is_refused_naming_the_successor(reform, db, tmp_path):
    sheet = tmp_path / "scores.csv"
    sheet.write_text("日期,单位,规则,角色,分值,文号,备注\n2019-03-01,市国土资源局,problem,牵头,,晋督字〔2019〕5号,\n",
                     encoding="utf-8")
    before = _entries(db)
    result = reform("points", "import", sheet)
    assert result.exit_code != 0 and "并入「市规划和自然资源局」" in result.output
    assert _entries(db) == before
