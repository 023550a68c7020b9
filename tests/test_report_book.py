"""The annual report as a workbook an office prints (issue 13 item 3): read back
with openpyxl, every figure and name compared with `rank --format json`."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl.chart import BarChart, LineChart

from jcdc.rules.jifen import CATALOGUE


def short_name(code: str) -> str:
    """The rule's short Chinese name, or its title in a catalogue without short names."""
    return getattr(CATALOGUE[code], "name", None) or CATALOGUE[code].title


QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


@pytest.fixture
def ledger(cli):
    add = lambda *a: cli.ok("points", "add", *a)  # noqa: E731
    add("-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-06-01", "--ref", "晋市政办〔2019〕12号")
    add("-u", "zezhou", "-r", "13710-late", "-d", "2019-03-05", "--note", "=HYPERLINK(\"x\")")
    add("-u", "zezhou", "-r", "problem", "-d", "2019-11-20")
    add("-u", "jyj", "-r", "problem", "-d", "2019-07-01")
    add("-u", "fgw", "-r", "eval-good", "-d", "2019-08-08")
    add("-u", "gdgs", "-r", "problem", "-d", "2019-05-06")   # 驻市: not in the report (第十八条)
    add("-u", "jyj", "-r", "problem", "-d", "2018-07-01")    # last year: the change, not the entries
    return cli


@pytest.fixture
def book(ledger, tmp_path):
    path = tmp_path / "2019年度积分.xlsx"
    result = ledger.ok("report", "--year", "2019", "--output", path)
    assert "已写入" in result.stderr
    return openpyxl.load_workbook(path)


def test_each_groups_sheet_has_rank_s_figures_and_the_quarters(ledger, book):
    ranking = ledger.json("rank", "--year", "2019")
    quarters = [{r["unit"]: r["score"] for r in ledger.json("rank", "--quarter", f"2019Q{q}")}
                for q in range(1, 5)]
    last_year = {r["unit"]: r["score"] for r in ledger.json("rank", "--year", "2018")}
    labels = {"accountability": "追责候选", "exempt-recommended": "推荐免督查", "exempt": "免督查"}
    assert book.sheetnames == ["县区", "市直", "积分明细"]
    for group in ("县区", "市直"):
        expected = [r for r in ranking if r["group"] == group]
        rows = list(book[group].iter_rows(min_row=3, max_row=2 + len(expected), values_only=True))
        # 较上年 (第十八条; SPEC §3): "—" where the group had no standing entries in 2018 (县区 had none).
        assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
            (e["rank"], e["name"], e["unit"], e["score"], e["delta"],
             e["score"] - last_year[e["unit"]] if group == "市直" else "—")
            for e in expected]
        assert [r[5] for r in rows] == [e["change"] if e["change"] is not None else "—" for e in expected]
        assert [r[6] or "" for r in rows] == ["、".join(labels[f] for f in e["flags"]) for e in expected]
        assert [list(r[7:11]) for r in rows] == [[q[e["unit"]] for q in quarters] for e in expected]
    gaoping = next(r for r in book["县区"].iter_rows(min_row=3, values_only=True) if r[2] == "gaoping")
    assert gaoping[:7] == (1, "高平市", "gaoping", 115, 15, "—", "推荐免督查")
    assert gaoping[7:11] == (100, 115, 100, 100)


def test_sheets_are_set_up_for_print_and_filtering(ledger, book):
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3"                     # title and headings stay in view
        assert sheet.print_title_rows == "$1:$2"              # and are repeated on every printed page
        assert sheet.page_setup.paperSize == 9                # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.auto_filter.ref.startswith("A2:")
        assert all(sheet.column_dimensions[c].width >= 5 for c in "ABCDEFG")
    units = sum(1 for r in ledger.json("rank", "--year", "2019") if r["group"] == "市直")
    assert book["市直"].auto_filter.ref == f"A2:K{2 + units}"
    assert book["积分明细"].auto_filter.ref == "A2:O7"
    assert book["市直"].column_dimensions["B"].width > book["市直"].column_dimensions["A"].width


def test_each_groups_sheet_has_a_bar_chart_of_scores_and_a_line_per_unit(ledger, book):
    for group in ("县区", "市直"):
        sheet = book[group]
        units = sum(1 for r in sheet.iter_rows(min_row=3, values_only=True) if r[2])
        bars, lines = sorted(sheet._charts, key=lambda c: isinstance(c, LineChart))
        assert isinstance(bars, BarChart) and isinstance(lines, LineChart)
        assert len(bars.series) == 1
        assert bars.series[0].val.numRef.f == f"'{group}'!$D$3:$D${2 + units}"   # the annual scores
        assert len(lines.series) == units                                     # one line per unit
        # its four quarters, from hidden columns where an empty quarter is an empty cell (the table's "—"
        # is text, which Excel would draw as 0)
        # (in the order drawn: with many units the grey lines first, under the coloured ones)
        for series in lines.series:
            row = series.tx.strRef.f.rsplit("$", 1)[1]                        # named by the unit
            assert series.val.numRef.f == f"'{group}'!$O${row}:$R${row}"
        assert sorted(int(s.tx.strRef.f.rsplit("$", 1)[1]) for s in lines.series) == list(range(3, 3 + units))
        assert all(sheet.column_dimensions[c].hidden for c in "OPQR")
        for table_row in sheet.iter_rows(min_row=3, max_row=2 + units, values_only=True):
            assert [v if v != "—" else None for v in table_row[7:11]] == list(table_row[14:18])


def test_entries_have_real_dates_and_the_rules_chinese_names(ledger, book):
    sheet = book["积分明细"]
    title, heading, *rows = sheet.iter_rows(values_only=True)
    assert heading[:6] == ("编号", "日期", "单位", "代码", "规则", "规则名称")
    assert "依据" in heading and "文号" in heading
    entries = [e for e in ledger.json("points", "list", "--year", "2019") if e["unit"] != "gdgs"]
    by_id = {e["id"]: e for e in entries}
    assert sorted(r[0] for r in rows) == sorted(by_id)
    for row, cells in zip(rows, sheet.iter_rows(min_row=3)):
        entry = by_id[row[0]]
        assert cells[1].is_date and cells[1].number_format == "yyyy-mm-dd"
        assert row[1] == dt.datetime.fromisoformat(entry["date"])
        assert row[3] == entry["unit"] and row[4] == entry["rule"]
        assert row[5] == short_name(entry["rule"])
        assert row[heading.index("分值")] == entry["points"]
        assert row[heading.index("依据")] == entry["cite"]
    zezhou = next(c for c in sheet.iter_rows(min_row=3) if c[3].value == "zezhou" and c[11].value)
    assert zezhou[11].value == "=HYPERLINK(\"x\")" and zezhou[11].data_type == "s"   # text, never a formula


def test_a_year_without_entries_still_makes_a_workbook(cli, tmp_path):
    path = tmp_path / "2020.xlsx"
    cli.ok("report", "--year", "2020", "--output", path)
    book = openpyxl.load_workbook(path)
    assert [r[3] for r in book["县区"].iter_rows(min_row=3, max_row=9, values_only=True)] == [100] * 7
    assert book["积分明细"].max_row == 2


def test_the_workbook_is_written_whole_and_not_over_a_file_without_force(ledger, tmp_path):
    path = tmp_path / "2019.xlsx"
    path.write_bytes(b"earlier")
    result = ledger("report", "--year", "2019", "--output", path)
    assert result.exit_code == 1 and "--force" in result.stderr and path.read_bytes() == b"earlier"
    ledger.ok("report", "--year", "2019", "--output", path, "--force")
    assert openpyxl.load_workbook(path).sheetnames == ["县区", "市直", "积分明细"]
    assert not [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"]   # no temporary file left
