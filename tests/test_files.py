"""Files out: --output .csv (for Excel), .xlsx and .json; the annual report of 积分办法 第十八条."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest

from jcdc.output import Column, excel_text, write_file


@pytest.fixture
def ledger(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "13710-late", "-d", "2019-03-05", "--note", "=HYPERLINK(\"x\")")
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-06-01", "--ref", "+86 号")
    cli.ok("points", "add", "-u", "jyj", "-r", "problem", "-d", "2019-07-01", "--note", "@SUM(A1)")
    cli.ok("points", "add", "-u", "jyj", "-r", "problem", "-d", "2018-07-01", "--note", "-去年")
    return cli


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+86 号", "'+86 号"), ("-去年", "'-去年"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("泽州县", "泽州县"), ("2019-03-05", "2019-03-05"), ("", ""),
    ("+10.0", "+10.0"), ("-0.5", "-0.5"), ("-1+1", "'-1+1"), ("+1e3", "'+1e3"),
])
def test_formula_text_is_neutralised(text, safe):
    assert excel_text(text) == safe


def test_csv_file_for_excel(ledger, tmp_path):
    path = tmp_path / "entries.csv"
    ledger.ok("points", "list", "--output", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel on Chinese Windows
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["分值"] for r in rows] == ["-5.0", "-0.5", "+15.0", "-5.0"]  # numbers stay numbers
    assert [r["备注"] for r in rows] == ["'-去年", "'=HYPERLINK(\"x\")", "", "'@SUM(A1)"]
    assert rows[2]["文号"] == "'+86 号"


def test_xlsx_file_numbers_as_numbers_text_as_text(ledger, tmp_path):
    path = tmp_path / "entries.xlsx"
    ledger.ok("points", "list", "--year", "2019", "--output", path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[:6] == ("编号", "日期", "单位", "规则", "角色", "分值")
    assert [(r[0], r[2], r[5]) for r in rows] == [(1, "泽州县", -0.5), (2, "高平市", 15), (3, "市教育局", -5)]
    note = sheet.cell(row=2, column=10)
    assert note.value == "=HYPERLINK(\"x\")" and note.data_type == "s"  # text, never a formula
    assert sheet.cell(row=2, column=6).number_format == "+0.0;-0.0;0.0"  # one decimal, as shown


def test_table_on_a_pipe_is_plain_aligned_text(ledger):
    out = ledger.ok("rank", "--year", "2019", "--group", "县区").stdout.splitlines()
    assert out[0] == "2019年度积分排名 · 县区"
    assert out[1].split() == ["名次", "单位", "代码", "积分", "较基准", "较上年", "结果"]
    gaoping = next(line for line in out if "gaoping" in line)
    # 较上年 "—": 县区 had no entries in 2018 (SPEC §3)
    assert gaoping.split() == ["1", "高平市", "gaoping", "115.0", "+15.0", "—", "推荐免督查"]
    # Chinese characters take two columns: the codes line up under their heading.
    assert len({line.index("gaoping") for line in out if "gaoping" in line}) == 1
    widths = {len(line[:line.index(code)].encode("gbk")) for line in out for code in ("gaoping", "zezhou")
              if code in line}
    assert len(widths) == 1
    assert not any(ch in "".join(out) for ch in "┃│━")


def test_json_file(ledger, tmp_path):
    path = tmp_path / "rank.json"
    ledger.ok("rank", "--year", "2019", "--output", path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert {r["unit"]: r["score"] for r in rows}["gaoping"] == 115


def test_unknown_extension_is_refused(ledger, tmp_path):
    result = ledger("unit", "list", "--output", tmp_path / "units.txt")
    assert result.exit_code == 2 and "units.txt" in result.stderr


def test_write_file_xlsx_keeps_signed_points_numeric(tmp_path):
    path = tmp_path / "x.xlsx"
    write_file(path, [{"delta": -2.5, "name": "-x"}], [Column("delta", "较基准"), Column("name", "名称")], "t")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[2]] == [-2.5, "-x"]


# --- the annual report (积分办法 第十八条) --------------------------------------------------


def test_annual_report_workbook(ledger, tmp_path):
    path = tmp_path / "2019年度积分.xlsx"
    result = ledger.ok("report", "--year", "2019", "--output", path)
    assert "已写入" in result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["县区", "市直", "积分明细"]  # 第十八条: no 驻市 sheet

    counties = list(book["县区"].iter_rows(values_only=True))
    assert counties[0][0] == "2019年度积分排名 · 县区"
    assert counties[1][:11] == ("名次", "单位", "代码", "积分", "较基准", "较上年", "结果",
                                "第一季度", "第二季度", "第三季度", "第四季度")  # then the charts' hidden columns
    by_code = {r[2]: r for r in counties[2:] if r[2]}
    assert by_code["gaoping"][:6] == (1, "高平市", "gaoping", 115, 15, "—")  # 县区: nobody scored in 2018
    assert by_code["gaoping"][6] == "推荐免督查"
    assert by_code["zezhou"][3] == 99.5
    assert any("基准分 100" in str(r[0]) for r in counties)

    city = {r[2]: r for r in list(book["市直"].iter_rows(values_only=True))[2:] if r[2]}
    assert city["jyj"][3:6] == (95, -5, 0)  # -5 in 2019 as in 2018: no change

    entries = list(book["积分明细"].iter_rows(values_only=True))
    heading = entries[1]
    assert "依据" in heading and "文号" in heading and "规则" in heading
    assert len(entries) == 2 + 3  # title, heading, the three entries of 2019
    assert entries[3][heading.index("依据")] == "积分办法 第十一条(一)"


def test_annual_report_json(ledger, tmp_path):
    path = tmp_path / "report.json"
    ledger.ok("report", "--year", "2019", "--output", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["year"] == 2019 and len(data["entries"]) == 3
    changes = {r["unit"]: r["change"] for r in data["rankings"]}
    assert changes["gaoping"] is None and changes["jyj"] == 0  # 县区 had no 2018 entries, 市直 had (SPEC §3)


def test_annual_report_needs_a_file(ledger):
    result = ledger("report", "--year", "2019")
    assert result.exit_code == 2 and ".xlsx" in result.stderr


def test_a_list_written_for_excel_shows_each_reversal_as_on_screen(cli, tmp_path):
    """The 冲销 and 备注 columns of `points list --output` say what the screen says
    (已冲销 → 第 2 号, 冲销第 1 号, the reason), as text; the 冲销 column showed each
    entry's own id as a number (1, 2), and a note like =1+1 stays text, never a formula."""
    import csv as csv_module

    import openpyxl

    cli.ok("points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-06", "--note", "=1+1")
    cli.ok("points", "revoke", "1", "--reason", "=HYPERLINK(\"x\")")
    book = tmp_path / "积分.xlsx"
    cli.ok("points", "list", "--output", book)
    sheet = openpyxl.load_workbook(book).active
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert (rows[1][-2], rows[1][-1]) == ("=1+1", "已冲销 → 第 2 号")
    assert (rows[2][-2], rows[2][-1]) == ("=HYPERLINK(\"x\")", "冲销第 1 号")
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row[-2:] if cell.value)
    table = tmp_path / "积分.csv"
    cli.ok("points", "list", "--output", table)
    with open(table, encoding="utf-8-sig", newline="") as f:
        lines = {r[0]: r for r in csv_module.reader(f)}
    assert (lines["1"][-2], lines["1"][-1]) == ("'=1+1", "已冲销 → 第 2 号")
    assert (lines["2"][-2], lines["2"][-1]) == ("'=HYPERLINK(\"x\")", "冲销第 1 号")
