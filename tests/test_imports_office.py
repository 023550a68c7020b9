"""Spreadsheets as offices make them (issue 12, item 11): a title row or two above
the header, a 序号 column, blank rows, a 合计 line at the bottom — in .xlsx as
openpyxl writes it for Excel, and in CSV as Excel saves it on Chinese Windows
(GB18030, CRLF, every row as wide as the widest)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from jcdc import messages as msg

TITLE = "2019年第二季度第三方评估结果"
HEADER = ["序号", "单位", "日期", "规则", "角色", "分值", "备注"]
ROWS = [
    [1, "泽州县", dt.date(2019, 6, 20), "eval-good", "牵头", 10, "营商环境评估优秀"],
    [2, "高平市", dt.date(2019, 6, 20), "eval-poor", "牵头", -5, None],
    None,  # a blank row the office left between groups
    [3, "市财政局", dt.date(2019, 6, 21), "eval-poor", "配合", -3, None],
]
TOTAL = ["合计", None, None, None, None, 2, None]


def sheet_rows(total=TOTAL, rows=ROWS):
    return [[TITLE], ["填报单位: 市考核办", None, None, None, None, "2019-07-05"], HEADER, *rows, total]


def xlsx(tmp_path, rows, name="2019Q2-第三方评估.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "评估结果"
    for row in rows:
        sheet.append(row or [])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].alignment = openpyxl.styles.Alignment(horizontal="center")
    for row in sheet.iter_rows(min_row=4, min_col=3, max_col=3):
        for cell in row:
            cell.number_format = "yyyy/m/d"
    path = tmp_path / name
    book.save(path)
    return path


def gb18030_csv(tmp_path, rows, name="2019Q2-第三方评估.csv"):
    """As Excel saves a sheet as CSV on Chinese Windows: GB18030, CRLF, each row
    padded to the sheet's width, dates as the cell shows them."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    for row in rows:
        row = list(row or [])
        cells = ["" if v is None else (f"{v.year}/{v.month}/{v.day}" if isinstance(v, dt.date) else str(v))
                 for v in row]
        writer.writerow(cells + [""] * (len(HEADER) - len(cells)))
    path = tmp_path / name
    path.write_bytes(text.getvalue().encode("gb18030"))
    return path


MAKERS = {"xlsx": xlsx, "csv": gb18030_csv}


@pytest.mark.parametrize("kind", MAKERS)
def test_a_sections_sheet_imports_with_what_was_passed_over_said(cli, tmp_path, kind):
    path = MAKERS[kind](tmp_path, sheet_rows())
    result = cli.ok("points", "import", path)
    assert result.stdout == msg.IMPORT_SUMMARY.format(rows=3, added=3, skipped=0) + "\n"
    notes = result.stderr.splitlines()
    assert notes[:5] == [
        msg.IMPORT_SKIPPED_TITLE.format(line=1, text=TITLE),
        msg.IMPORT_SKIPPED_TITLE.format(line=2, text="填报单位: 市考核办 2019-07-05"),
        msg.IMPORT_SKIPPED_SERIAL.format(name="序号", column=1),
        msg.IMPORT_SKIPPED_BLANK.format(count=1, lines="6"),
        msg.IMPORT_SKIPPED_TOTAL.format(line=8, word="合计", checked=msg.IMPORT_TOTAL_CHECKED.format(sums="分值 2")),
    ]
    got = [(e["unit"], e["date"], e["rule"], e["role"], e["points"], e["note"])
           for e in cli.json("points", "list")]
    assert got == [("zezhou", "2019-06-20", "eval-good", "lead", 10, "营商环境评估优秀"),
                   ("gaoping", "2019-06-20", "eval-poor", "lead", -5, None),
                   ("czj", "2019-06-21", "eval-poor", "coop", -3, None)]
    # The same sheet again: nothing added twice, and the same lines passed over.
    again = cli.ok("points", "import", path)
    assert again.stdout == msg.IMPORT_SUMMARY.format(rows=3, added=0, skipped=3) + "\n"
    assert again.stderr.splitlines()[:5] == notes[:5]


@pytest.mark.parametrize("kind", MAKERS)
def test_a_total_of_the_scores_counts_a_fixed_rule_s_figure_left_blank(cli, tmp_path, kind):
    """A fixed figure is never typed (积分办法 第十一、十二条), so an office's 分值 cell
    for 存在问题 may stay empty while its 合计 adds the real scores: 12 − 5 + 10 = 17."""
    rows = [[1, "阳城县", dt.date(2019, 6, 20), "commend", "牵头", 12, None],
            [2, "市教育局", dt.date(2019, 6, 20), "problem", "牵头", None, None],
            [3, "沁水县", dt.date(2019, 6, 21), "eval-good", "牵头", None, None]]
    path = MAKERS[kind](tmp_path, sheet_rows(total=["合计", None, None, None, None, 17, None], rows=rows))
    result = cli.ok("points", "import", path)
    assert msg.IMPORT_SKIPPED_TOTAL.format(line=7, word="合计", checked=msg.IMPORT_TOTAL_CHECKED.format(
        sums="分值 17")) in result.stderr.splitlines()
    assert sum(e["points"] for e in cli.json("points", "list")) == 17
    wrong = MAKERS[kind](tmp_path, sheet_rows(total=["合计", None, None, None, None, 16, None], rows=rows),
                         name="第二份." + kind)
    refused = cli("points", "import", wrong)
    assert refused.exit_code == 1 and msg.IMPORT_TOTAL_MISMATCH.format(
        word="合计", field="分值", total="16", sum="17.0") in refused.stderr


@pytest.mark.parametrize("kind", MAKERS)
def test_a_total_line_that_does_not_add_up_is_refused_with_its_line(cli, tmp_path, kind):
    path = MAKERS[kind](tmp_path, sheet_rows(total=["合计", None, None, None, None, 12, None]))
    result = cli("points", "import", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "错误: 第8行: " + msg.IMPORT_TOTAL_MISMATCH.format(word="合计", field="分值", total="12", sum="2.0"),
        "错误: " + msg.IMPORT_REFUSED.format(errors=1)]
    assert cli.json("points", "list") == []


@pytest.mark.parametrize("total, text", [
    # 合计 in the 单位 column of a row with a date and a rule: an entry, or a mistake; never passed over
    (["", "合计", dt.date(2019, 6, 30), "eval-good", None, 2, None],
     lambda: msg.IMPORT_TOTAL_HAS_DATA.format(word="合计", fields="日期、规则")),
    (["总 计", None, None, None, None, None, None], None),  # a bare total line: passed over, said so
])
def test_a_total_line_is_passed_over_only_when_it_is_clearly_one(cli, tmp_path, total, text):
    result = cli("points", "import", xlsx(tmp_path, sheet_rows(total=total)))
    if text is None:
        assert result.exit_code == 0
        assert msg.IMPORT_SKIPPED_TOTAL.format(line=8, word="总计", checked=msg.IMPORT_TOTAL_NO_FIGURES) \
            in result.stderr
        assert len(cli.json("points", "list")) == 3
    else:
        assert result.exit_code == 1 and f"错误: 第8行: {text()}" in result.stderr
        assert cli.json("points", "list") == []


def test_a_total_line_above_more_rows_is_refused(cli, tmp_path):
    rows = [*ROWS[:2], ["小计", None, None, None, None, 5, None], ROWS[3]]
    result = cli("points", "import", gb18030_csv(tmp_path, sheet_rows(rows=rows)))
    assert result.exit_code == 1
    assert "错误: 第6行: " + msg.IMPORT_TOTAL_NOT_LAST.format(word="小计", next=7) in result.stderr
    assert cli.json("points", "list") == []


def test_headings_centred_with_spaces_are_headings(cli, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("日  期,单　位,规 则\n2019-05-06,高平市,13710-item\n", encoding="utf-8")
    assert cli.json("points", "import", path)["added"] == 1


@pytest.mark.parametrize("above, text", [
    # a data row above the header is no title: refused, not passed over
    ("2019-05-06,高平市,13710-item\n", lambda: msg.IMPORT_NO_HEADER.format(within=10, line=1, cells=3)),
    # the header too far down
    ("标题\n" * 10, lambda: msg.IMPORT_HEADER_TOO_LOW.format(within=10)),
])
def test_what_stands_above_the_header_must_be_a_title(cli, tmp_path, above, text):
    path = tmp_path / "rows.csv"
    path.write_text(above + "日期,单位,规则\n2019-05-07,高平市,13710-item\n", encoding="utf-8")
    result = cli("points", "import", path)
    assert result.exit_code == 2 and result.stderr == f"错误: {text()}\n"
    assert cli.json("points", "list") == []


def test_a_misspelt_header_below_a_title_is_named(cli, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(f"{TITLE},,\n日期,单位,规责\n2019-05-07,高平市,13710-item\n", encoding="utf-8")
    result = cli("points", "import", path)
    assert result.exit_code == 2 and "第2行: 未知的列名「规责」" in result.stderr
