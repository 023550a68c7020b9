"""What a clerk's file really holds is what `points import` reads (积分办法 第十五、十六条:
the sections' quarterly sheets): never the size a workbook declares, never a
hidden sheet in place of the visible one, and work bounded by the content,
each cap named when it refuses."""

from __future__ import annotations

import re
import time
import zipfile

import openpyxl
import pytest

from jcdc import sheets

HEADER = ["日期", "单位", "规则", "角色", "分值"]


def workbook(path, sheets_rows: dict[str, list[list]], hidden=(), active=0):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets_rows.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    book.active = active
    book.save(path)
    return path


def rewrite(path, part: str, edit) -> None:
    """The workbook with one part's XML changed as `edit` says, the rest byte for byte."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info.filename, edit(data) if info.filename == part else data, zipfile.ZIP_DEFLATED)


def with_dimension(path, ref: str):
    def edit(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml)
    rewrite(path, "xl/worksheets/sheet1.xml", edit)
    with zipfile.ZipFile(path) as z:
        assert f'<dimension ref="{ref}"/>'.encode() in z.read("xl/worksheets/sheet1.xml")
    return path


def commends(n: int, unit="市公安局", points=15):
    return [["2019-05-%02d" % (1 + i % 28), unit, "commend", "lead", points] for i in range(n)]


def entries(cli):
    return cli.json("points", "list")


# --- the declared dimension is not trusted -------------------------------------------------


def test_a_stale_dimension_does_not_hide_rows(cli, tmp_path):
    """积分办法 第十五条: every row the section sent is imported. A sheet of 99
    rows whose <dimension> says A1:E2 (openpyxl's read-only mode trusts it, and
    imported 1 row without a word) gives 99 entries, as Excel and LibreOffice show."""
    path = with_dimension(workbook(tmp_path / "stale.xlsx", {"Sheet1": [HEADER, *commends(99)]}), "A1:E2")
    assert cli.json("points", "import", path) == {"rows": 99, "added": 99, "skipped": 0}
    assert len(entries(cli)) == 99


def test_a_dimension_of_the_whole_grid_costs_nothing(cli, tmp_path):
    """A few rows declaring A1:XFD1048576, with an empty cell at that corner
    (17 billion cells to pad: minutes of CPU before), are read as the few rows
    they are, in seconds."""
    path = workbook(tmp_path / "grid.xlsx", {"Sheet1": [HEADER, *commends(3)]})
    rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'))
    with_dimension(path, "A1:XFD1048576")
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    assert cli.json("points", "import", path)["added"] == 3
    assert time.monotonic() - started < 5


def test_a_lone_cell_at_the_grid_corner_makes_no_empty_rows_or_columns(cli, tmp_path):
    """An empty styled cell at XFD1048576 (what a stray format leaves) adds no
    row and no column to read: three entries, in seconds."""
    path = workbook(tmp_path / "corner.xlsx", {"Sheet1": [HEADER, *commends(3)]})

    def edit(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    rewrite(path, "xl/worksheets/sheet1.xml", edit)
    started = time.monotonic()
    assert cli.json("points", "import", path)["added"] == 3
    assert time.monotonic() - started < 5


def test_rows_excel_leaves_out_still_count_as_blank_lines(cli, tmp_path):
    """Excel writes no empty row: the summary still says which lines were blank."""
    path = workbook(tmp_path / "gap.xlsx", {"Sheet1": [HEADER, *commends(1), [], [], *commends(1, "市财政局")]})
    result = cli.ok("points", "import", path)
    assert "空行 2 行(第3、4行), 未导入" in result.stderr
    assert len(entries(cli)) == 2


# --- which sheet ---------------------------------------------------------------------------


def test_a_hidden_first_sheet_is_not_imported_in_place_of_the_visible_one(cli, tmp_path):
    """The clerk sees the visible, active sheet (+15 for 高平市); the hidden
    first one (5 × −5 for 泽州县) is passed over, and the summary says so."""
    path = workbook(tmp_path / "hidden.xlsx", {
        "旧表": [HEADER, *[["2019-05-06", "泽州县", "problem", "lead", ""]] * 5],
        "第二季度": [HEADER, ["2019-05-06", "高平市", "commend", "lead", 15]],
    }, hidden=("旧表",), active=1)
    result = cli.ok("points", "import", path)
    assert "导入工作表「第二季度」" in result.stderr
    assert "隐藏的工作表「旧表」有内容, 未导入" in result.stderr
    [entry] = entries(cli)
    assert (entry["unit"], entry["points"]) == ("gaoping", 15)


def test_two_visible_sheets_with_content_are_refused_unless_one_is_named(cli, tmp_path):
    path = workbook(tmp_path / "two.xlsx", {
        "县区": [HEADER, ["2019-05-06", "高平市", "commend", "lead", 15]],
        "市直": [HEADER, ["2019-05-06", "市财政局", "commend", "lead", 12]],
    })
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert "有 2 个有内容的可见工作表(「县区」、「市直」), 不知该导入哪一个; 请用 --sheet 指明" in result.stderr
    assert entries(cli) == []
    result = cli.ok("points", "import", path, "--sheet", "市直")
    assert "导入工作表「市直」(--sheet)" in result.stderr
    assert [(e["unit"], e["points"]) for e in entries(cli)] == [("czj", 12)]


def test_content_only_on_a_hidden_sheet_is_refused_unless_named(cli, tmp_path):
    path = workbook(tmp_path / "only-hidden.xlsx", {
        "说明": [],
        "数据": [HEADER, ["2019-05-06", "高平市", "commend", "lead", 15]],
    }, hidden=("数据",))
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert "可见工作表都是空的, 内容在隐藏的工作表「数据」中" in result.stderr
    assert entries(cli) == []
    result = cli.ok("points", "import", path, "--sheet", "数据")
    assert "工作表「数据」是隐藏的, 按 --sheet 导入" in result.stderr
    assert len(entries(cli)) == 1


def test_a_sheet_named_that_is_not_there_lists_the_sheets(cli, tmp_path):
    path = workbook(tmp_path / "one.xlsx", {"Sheet1": [HEADER, *commends(1)]})
    result = cli("points", "import", path, "--sheet", "Sheet2")
    assert result.exit_code == 2
    assert "中没有名为「Sheet2」的工作表; 有: 「Sheet1」" in result.stderr


def test_sheet_is_for_workbooks_only(cli, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("date,unit,rule\n2019-05-06,gaoping,13710-item\n", encoding="utf-8")
    result = cli("points", "import", path, "--sheet", "Sheet1")
    assert result.exit_code == 2
    assert "--sheet 只用于 .xlsx 文件" in result.stderr


# --- work bounded by what the file holds ---------------------------------------------------


def test_a_csv_row_of_millions_of_empty_cells_is_refused_naming_the_cap(cli, tmp_path):
    """One line of 33 million commas took 817 MB: a record is refused at its
    cap, in seconds, naming it; nothing is written."""
    path = tmp_path / "wide.csv"
    path.write_bytes(b"date,unit,rule\n2019-05-06,gaoping,13710-item" + b"," * 33_000_000 + b"\n")
    started = time.monotonic()
    result = cli("points", "import", path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert f"第2行: 一行超过 {sheets.CSV_MAX_RECORD} 个字符的上限" in result.stderr
    assert entries(cli) == []


def test_a_csv_row_wider_than_excel_is_refused_naming_the_cap(cli, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(b"date,unit,rule\n2019-05-06,gaoping,13710-item" + b"," * 20_000 + b"\n")
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert f"第2行有 20003 个单元格, 超过每行 {sheets.SHEET_MAX_COLUMNS} 个的上限" in result.stderr


def test_rows_times_columns_are_bounded_naming_the_cap(cli, tmp_path, monkeypatch):
    """The cap on cells in all (rows × columns) refuses with its figure; here
    lowered to 1,000 so that the test runs in a moment."""
    monkeypatch.setattr(sheets, "SHEET_MAX_CELLS", 1_000)
    path = tmp_path / "long.csv"
    path.write_text("date,unit,rule,note\n" + "2019-05-06,gaoping,13710-item,x\n" * 300, encoding="utf-8")
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert "读到第251行时单元格已超过 1000 个的上限(行数×列数)" in result.stderr
    assert entries(cli) == []


def _strings_workbook(tmp_path, strings: bytes):
    """A workbook with the shared-string table `strings` (openpyxl writes none of its own)."""
    path = workbook(tmp_path / "strings.xlsx", {"Sheet1": [HEADER, *commends(1)]})
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    kind = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rewrite(path, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", kind))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", head + strings + b"</sst>")
    return path


def test_a_shared_string_table_of_too_many_strings_is_refused_naming_the_cap(cli, tmp_path):
    """A shared-string table within every inflation cap took 2.09 GB and 466 s
    for one row: it is counted as it is read and refused at its cap (here at
    its real size: 500,001 strings)."""
    strings = b"".join(b"<si><t>%x</t></si>" % (i * 2654435761 % (1 << 32)) for i in range(sheets.XLSX_MAX_STRINGS + 1))
    path = _strings_workbook(tmp_path, strings)
    started = time.monotonic()
    result = cli("points", "import", path)
    assert time.monotonic() - started < 15
    assert result.exit_code == 2
    assert f"的共享字符串表条数超过上限 {sheets.XLSX_MAX_STRINGS}" in result.stderr
    assert entries(cli) == []


@pytest.mark.parametrize("cap, strings, what", [
    ("XLSX_MAX_STRING_CHARS", b"<si><t>" + b"x" * 5_000 + b"</t></si>", "字符数"),
    ("XLSX_MAX_STRING_PARTS", b"<si>" + b"<r><t>x</t></r>" * 3_000 + b"</si>", "元素数"),
], ids=["characters", "rich-text-runs"])
def test_a_shared_string_table_too_long_or_too_rich_is_refused_naming_the_cap(cli, tmp_path, monkeypatch,
                                                                              cap, strings, what):
    """The other two caps of the table (its characters; its XML elements, as
    rich-text runs multiply them), lowered here to 4,000 for a quick test."""
    monkeypatch.setattr(sheets, cap, 4_000)
    path = _strings_workbook(tmp_path, strings)
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert f"的共享字符串表{what}超过上限 4000" in result.stderr
    assert entries(cli) == []
