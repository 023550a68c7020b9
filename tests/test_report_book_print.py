"""The report workbook printed (积分办法 第十八条): the 积分明细 legible on A4
landscape, one page wide and never under 8 pt, and the 市直 trend (29 units) a
chart that can be read on paper.

Read back twice: its page setup, widths and charts with openpyxl, and its pages
as LibreOffice Calc prints them (`soffice --convert-to pdf`, the office fonts
mapped to Noto CJK as for the 通报, tests/fonts/gongwen.conf), each word's box
read with `pdftotext -bbox`: a Chinese character is one em wide, so a word of
them tells the size it was printed at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from jcdc.demo import build_demo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FONTS = Path(__file__).parent / "fonts" / "gongwen.conf"
# Calc is a package of its own (libreoffice-calc-nogui): Writer alone converts no workbook.
CALC = SOFFICE is not None and any(Path(os.path.realpath(SOFFICE)).parent.glob("libsclo.*"))
# Never skipped on CI, which installs them (.ci/run): there a missing program fails the test.
rendering = pytest.mark.skipif((not CALC or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
                               reason="LibreOffice Calc (soffice, libreoffice-calc-nogui) or pdftotext not "
                                      "installed: the printed pages cannot be read (CI installs both, .ci/run)")

PRINTED = ["编号", "日期", "单位", "规则名称", "角色", "分值", "数量", "事项编号", "文号", "备注", "冲销", "依据"]
FOR_SCRIPTS = ["代码", "规则", "评分单位"]   # in the sheet, hidden: not printed
LONG_FIX = "养老机构消防通道被杂物堵塞、应急照明损坏、部分灭火器过期未更换, 须逐项整改并报送整改报告和佐证照片"
LONG_NOTE = "经核实该单位在第三方评估中提供的佐证材料与实际情况不符且未按期整改到位, 按规定扣分"


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    """The demo's 2019 workbook (29 市直 units, 495 entries) and a small ledger's with a long note."""
    from typer.testing import CliRunner

    from jcdc.cli import _only

    tmp = tmp_path_factory.mktemp("book")
    demo = tmp / "demo.db"
    build_demo(demo)[0].close()
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(_only(args[0]), [str(a) for a in args], catch_exceptions=False, prog_name="jcdc",
                               env={"JCDC_USER": "测试员"})
        assert result.exit_code == 0, result.output

    run("report", "--year", "2019", "--db", demo, "--output", tmp / "demo.xlsx")
    small = tmp / "small.db"
    run("init", "--db", small)
    run("points", "add", "--db", small, "-u", "市民政局", "-r", "eval-poor", "-d", "2019-05-06", "--note", LONG_NOTE,
        "--ref", "晋督字〔2019〕1087号")
    run("points", "add", "--db", small, "-u", "晋城经济技术开发区管委会", "-r", "13710-item", "-d", "2019-05-07",
        "-m", "2019-kaifaqu-10")
    run("points", "add", "--db", small, "-u", "市教育局", "-r", "problem", "-d", "2019-05-08")
    run("report", "--year", "2019", "--db", small, "--output", tmp / "small.xlsx")
    run("fix", "add", "--db", small, "-u", "市民政局", "--what", LONG_FIX, "--class", "general", "--from", "2026-11-28")
    run("fix", "add", "--db", small, "-u", "市财政局", "--what", "台账未更新", "--class", "general",
        "--from", "2026-11-30")
    run("due", "--db", small, "--on", "2026-12-02", "--output", tmp / "due.xlsx")
    return tmp


def _columns(sheet) -> dict[str, object]:
    heading = [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]
    return {h: sheet.column_dimensions[get_column_letter(i)] for i, h in enumerate(heading, start=1)}


def test_the_entries_sheet_prints_one_page_wide_on_a4_landscape_at_8_pt_or_more(demo_book):
    sheet = openpyxl.load_workbook(demo_book / "demo.xlsx")["积分明细"]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    columns = _columns(sheet)
    assert [h for h, c in columns.items() if not c.hidden] == PRINTED
    assert [h for h, c in columns.items() if c.hidden] == FOR_SCRIPTS   # kept for filters and scripts
    # Excel draws a column of width w as 7·w + 5 pixels at 96 an inch (its 11 pt font's digit: 7 pixels).
    printed_mm = sum(7 * c.width + 5 for c in columns.values() if not c.hidden) * 25.4 / 96
    room_mm = 297 - 25.4 * (sheet.page_margins.left + sheet.page_margins.right)
    scale = min(1.0, room_mm / printed_mm)
    assert 11 * scale >= 8, (printed_mm, room_mm)
    font = openpyxl.load_workbook(demo_book / "demo.xlsx")._fonts[0]
    assert (font.name, font.sz) == ("宋体", 11)   # the widths are counted in its digits


def test_a_long_text_wraps_in_a_row_as_high_as_its_lines(demo_book):
    sheet = openpyxl.load_workbook(demo_book / "small.xlsx")["积分明细"]
    heading = [c.value for c in sheet[2]]
    note, plain = None, None
    for row in sheet.iter_rows(min_row=3):
        if row[heading.index("备注")].value == LONG_NOTE:
            note = row
        elif row[heading.index("单位")].value == "市教育局":
            plain = row
    cell = note[heading.index("备注")]
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert all(c.alignment.vertical == "top" for c in note if c.value is not None)   # the row reads from its top
    assert sheet.row_dimensions[cell.row].height >= 3 * 14.25                         # its lines: not cut off
    assert not plain[heading.index("单位")].alignment.wrap_text                       # one line: as it was
    assert sheet.row_dimensions[plain[0].row].height is None
    assert note[heading.index("数量")].alignment.horizontal == "center"              # 1 beside 2019-…: apart


def test_the_city_trend_shows_its_top_and_bottom_three_over_the_rest_in_grey(demo_book):
    book = openpyxl.load_workbook(demo_book / "demo.xlsx")
    for group, units in (("市直", 29), ("县区", 7)):
        trend = next(c for c in book[group]._charts if type(c).__name__ == "LineChart")
        assert len(trend.series) == units
        assert trend.visible_cells_only is False   # its figures are in hidden columns: drawn all the same
        colours = [s.graphicalProperties.line.solidFill.srgbClr for s in trend.series]
        rows = [int(re.search(r"\$(\d+)$", s.tx.strRef.f).group(1)) for s in trend.series]
        hidden = [e.idx for e in trend.legend.legendEntry if e.delete]
        if group == "县区":   # seven lines: each in a colour of its own, each in the legend
            assert "C4C4C4" not in colours and len(set(colours)) == units and hidden == []
            continue
        coloured = [r for r, c in zip(rows, colours) if c != "C4C4C4"]
        assert coloured == [3, 4, 5, 29, 30, 31]             # ranks 1–3 and 27–29 of the table
        assert len(set(colours) - {"C4C4C4"}) == 6
        assert colours[:units - 6] == ["C4C4C4"] * (units - 6)  # grey drawn first, under the colours
        assert hidden == list(range(units - 6))              # the legend names the coloured six only
        assert "前3名和后3名着色" in "".join(r.t for p in trend.title.tx.rich.p for r in p.r)


# --- as LibreOffice prints it ---------------------------------------------------------------------


def _pages(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [[(w.text or "", *(float(w.get(k)) for k in ("xMin", "xMax", "yMin", "yMax"))) for w in page.iter("word")]
            for page in root.iter("page")]


@pytest.fixture(scope="module")
def printed(demo_book):
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{demo_book / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(demo_book), *(str(demo_book / f"{name}.xlsx") for name in ("demo", "small", "due"))],
                   env=env, capture_output=True, check=True, timeout=300)
    return {name: _pages(demo_book / f"{name}.pdf") for name in ("demo", "small", "due")}


CJK = re.compile(r"^[\u4e00-\u9fff]+$")
PAGE_W = 297 * 72 / 25.4


def _column(page, heading: str, next_heading: str) -> str:
    """The text printed in one column, top to bottom: the words between its heading and the next."""
    x0 = next(w[1] for w in page if w[0] == heading)
    x1 = next(w[1] for w in page if w[0] == next_heading)
    return "".join(w[0] for w in sorted(page, key=lambda w: (w[3], w[1])) if x0 - 2 <= w[1] < x1 - 2)


def _entry_pages(pages):
    return [p for p in pages if "积分明细" in "".join(w[0] for w in p[:8])]


@rendering
def test_every_printed_entries_page_has_every_column_at_8_pt_or_more(printed):
    pages = _entry_pages(printed["demo"])
    assert len(pages) >= 10   # 495 entries
    for page in pages:
        words = [w[0] for w in page]
        assert all(h in words for h in PRINTED), [h for h in PRINTED if h not in words]   # one page wide
        assert not set(FOR_SCRIPTS) & set(words)
        assert max(w[2] for w in page) <= PAGE_W - 10 * 72 / 25.4   # inside the page's margin
        sizes = [(w[2] - w[1]) / len(w[0]) for w in page if CJK.match(w[0])]
        assert sizes and min(sizes) >= 8 - 0.05, min(sizes)         # a Chinese character is one em wide


@rendering
def test_a_wrapped_note_and_a_long_unit_name_print_whole(printed):
    [page] = _entry_pages(printed["small"])
    text = "".join(w[0] for w in page)
    assert LONG_NOTE.replace(" ", "") in text                          # every line of it, none cut off
    assert "晋城经济技术开发区管委会" in text and "2019-kaifaqu-10" in text
    assert "晋督字〔2019〕1087号" in text


@rendering
def test_the_printed_city_trend_names_only_its_coloured_six(printed, demo_book):
    book = openpyxl.load_workbook(demo_book / "demo.xlsx")
    names = [r[1] for r in book["市直"].iter_rows(min_row=3, max_row=31, values_only=True)]
    # The last page with its title: LibreOffice also writes the chart, clipped out of sight, into
    # the page before, where the row break sets it apart from the bars.
    text = [t for t in ("".join(w[0] for w in p) for p in printed["demo"]) if "年各季度积分·市直" in t][-1]
    assert [n for n in names if n in text] == names[:3] + names[-3:]


# --- every --output workbook (jcdc.output.add_sheet): the same font, wrapped rows as high ----------


def test_a_due_workbooks_long_text_wraps_in_a_row_as_high_as_its_lines(demo_book):
    book = openpyxl.load_workbook(demo_book / "due.xlsx")
    assert (book._fonts[0].name, book._fonts[0].sz) == ("宋体", 11)
    sheet = book.worksheets[0]
    heading = [c.value for c in sheet[2]]
    rows = {r[heading.index("单位")].value: r for r in sheet.iter_rows(min_row=3)}
    long, short = rows["市民政局"], rows["市财政局"]
    assert long[heading.index("内容")].value == LONG_FIX and long[heading.index("内容")].alignment.wrap_text
    assert sheet.row_dimensions[long[0].row].height >= 2 * 14.25
    assert all(c.alignment.vertical == "top" for c in long if c.value is not None)
    assert sheet.row_dimensions[short[0].row].height is None
    days = long[heading.index("剩余天数")]
    assert days.value == 3 and days.alignment.horizontal == "center"   # 3 beside 3日内到期: apart


@rendering
def test_a_printed_due_workbook_shows_its_long_text_whole_at_8_pt_or_more(printed):
    [page] = printed["due"]
    assert LONG_FIX.replace(" ", "") in _column(page, "内容", "到期日")   # every line of it, none cut off
    sizes = [(w[2] - w[1]) / len(w[0]) for w in page if CJK.match(w[0])]
    assert min(sizes) >= 8 - 0.05, min(sizes)
