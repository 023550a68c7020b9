"""The 通报 and the statements at any size of ledger (docs/benchmarks.md): the
sums are SQLite's, a statement reads its unit's entries through the index by
unit, and the statement's list of entries goes into the file as text. Each is
held here to what reading every entry of the period into Python made."""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict

import pytest

from jcdc import gongwen
from jcdc.demo import build_demo
from jcdc.documents import CATALOGUE, Period, RuleLine, breakdown, entry_counts, statements, _adds
from jcdc.model import Quarter
from jcdc.store import open_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path)[0].close()
    store = open_store(path, create=False, read_only=True)
    yield store
    store.close()


# 2018Q1 holds the demo's revocation: a reversal and its original.
PERIODS = [Period(2018, Quarter(2018, 1)), Period(2018), Period(2019, Quarter(2019, 2)), Period(2019)]


# What the documents computed when they read every entry of the period into Python.

def _rules_from(entries) -> list[RuleLine]:
    reversed_ids = {e.reverses for e in entries if e.reverses is not None}
    count, points = defaultdict(int), defaultdict(int)
    for e in entries:
        points[e.rule] += e.points
        if e.reverses is None and e.id not in reversed_ids:
            count[e.rule] += 1
    order = list(CATALOGUE)
    rules = sorted(points, key=lambda r: (order.index(r) if r in order else len(order), r))
    return [RuleLine(r, CATALOGUE[r].title if r in CATALOGUE else r, CATALOGUE[r].cite if r in CATALOGUE else "",
                     count[r], points[r]) for r in rules if count[r] or points[r]]


def _counts_from(entries) -> tuple:
    reversed_ids = {e.reverses for e in entries if e.reverses is not None}
    originals = [e for e in entries if e.reverses is None]
    standing = [e for e in originals if e.id not in reversed_ids]
    bonus = sum(1 for e in standing if _adds(e.rule))
    return (len(standing), bonus, len(standing) - bonus, len(originals) - len(standing),
            len(entries) - len(originals), len({e.unit for e in standing}))


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_the_notice_sums_are_those_of_every_entry_read(demo, period):
    entries = demo.entries(first_qkey=period.keys[0], last_qkey=period.keys[1])
    assert any(e.reverses is not None for e in entries) or period.quarter != Quarter(2018, 1)
    sums = demo.rule_sums(*period.keys)
    assert breakdown(sums) == _rules_from(entries)
    counts = entry_counts(sums, demo.units_with_standing_entries(*period.keys))
    assert (counts.total, counts.bonus, counts.penalty, counts.revoked, counts.reversals,
            counts.units) == _counts_from(entries)


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_each_statement_reads_its_units_entries_and_sums_them_alike(demo, period):
    every = demo.entries(first_qkey=period.keys[0], last_qkey=period.keys[1])
    reversed_by = {e.reverses: e.id for e in every if e.reverses is not None}
    found = statements(demo, period, period.days[1])
    assert len(found) == len(demo.units())
    for st in found:
        own = [e for e in every if e.unit == st.unit.code]
        assert list(st.entries) == own and len(st.entries) == len(own)
        assert st.rules == _rules_from(own)
        assert st.reversed_by == {e.id: reversed_by[e.id] for e in own if e.id in reversed_by}
        one, = statements(demo, period, period.days[1], st.unit.code)
        assert list(one.entries) == own and one.rules == st.rules and one.done_late == st.done_late


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("period", [Period(2018, Quarter(2018, 1)), Period(2019)], ids=lambda p: p.label)
def test_a_statement_with_its_rows_streamed_is_the_document_python_docx_makes(demo, period, monkeypatch):
    found = statements(demo, period, period.days[1])
    assert any(st.reversed_by for st in found) or period.annual
    for st in found[:6] + [st for st in found if st.reversed_by]:
        streamed = _parts(gongwen.render_statement(st))
        monkeypatch.setattr(gongwen, "STREAMED_ROWS", False)
        made = _parts(gongwen.render_statement(st))
        monkeypatch.setattr(gongwen, "STREAMED_ROWS", True)
        assert list(streamed) == list(made)
        assert streamed == made, st.unit.code


@pytest.mark.parametrize("period", [Period(2018, Quarter(2018, 1)), Period(2019)], ids=lambda p: p.label)
def test_a_set_of_statements_sharing_one_template_are_those_python_docx_saves_one_by_one(demo, period, monkeypatch):
    """Each of a set of statements copies the template's body and the template's
    other parts compressed once (gongwen._Shell), and writes its zip itself: every
    part, in python-docx's order, is the part python-docx saves for the statement
    made on its own document, and the archive reads back whole."""
    from docx import Document

    found = statements(demo, period, period.days[1])
    shared = {st.unit.code: gongwen.render_statement(st) for st in found}
    monkeypatch.setattr(gongwen, "_shell", lambda: None)
    monkeypatch.setattr(gongwen, "STREAMED_ROWS", False)
    for st in found[:6] + [st for st in found if st.reversed_by]:
        alone = gongwen.render_statement(st)
        with zipfile.ZipFile(io.BytesIO(shared[st.unit.code])) as z:
            assert z.testzip() is None
            names = z.namelist()
        with zipfile.ZipFile(io.BytesIO(alone)) as z:
            assert names == z.namelist()
        assert _parts(shared[st.unit.code]) == _parts(alone), st.unit.code
        assert Document(io.BytesIO(shared[st.unit.code])).paragraphs[0].text == Document(io.BytesIO(alone)).paragraphs[0].text


def test_streamed_rows_set_text_as_python_docx_does():
    """Marks, brackets, spaces at either end, tabs and line breaks, an empty cell."""
    rows = [["1", "2019-05-30", "a & b <c> (d)", "", "  前后有空格 ", "x\ty\nz\r w"],
            ["2", "2019-05-31", "第十二条(三)", "+1.0", "\u3000全角空格", "; , : 标点"]]
    widths, aligns = [gongwen.Mm(20)] * 6, ["left"] * 6

    def made(streamed: bool) -> dict[str, bytes]:
        g = gongwen.Gongwen()
        g.paragraph("前")
        if streamed:
            g.streamed_table(list("ABCDEF"), iter(rows), widths, aligns, plain=frozenset({0, 1}))
        else:
            g.table(list("ABCDEF"), rows, widths, aligns)
        g.paragraph("后")
        return _parts(g.content())

    assert made(True) == made(False)


def test_a_text_set_as_it_is_is_the_run_cn_and_python_docx_make_of_it():
    """An entry's note is seen once: the run of a text cn and _run_xml would leave
    as it is is made without them — and any text they change goes through them."""
    texts = ["事项2019-24006", "数量2；事项M1", "a & b", "<c>", "(d)", "第十二条(三)", "x\ty", "x\ny", "x\rz",
             " 前空格", "后空格 ", "\u3000全角", "全角\u3000", "; 分号", "逗号, 后", "冒号: 后", "a;b,c:d", "\x01控制",
             "\ud800", "\ufffe", "\ufffd已替换", "%s %d %%", "{x}", "中文", "\u00a0不换行", "x\x0by"]
    for text in texts:
        assert gongwen._text_run(text) == gongwen._run_xml(gongwen.cn(text)).encode(), repr(text)
    from jcdc.files import take_replaced
    take_replaced()


def test_the_pages_score_axis_holds_scores_below_zero():
    """Deductions beyond the base of 100 take a score below zero (积分办法 第十二条):
    the charts' axis then runs below zero too, where it ran from 0 to under 0 and
    pygal divided by zero."""
    from jcdc.report_page import _axis_range

    low, high = _axis_range([-1015.5, -1911.0, None])
    assert low <= -1911.0 < -1015.5 <= high
    assert _axis_range([93.5, 101.0]) == (80, 110)
    assert _axis_range([3.0, 101.0]) == (0, 110)  # from 0 where every score is above it


def _book(report, path, streamed: bool, monkeypatch) -> dict[str, bytes]:
    from jcdc import report_book

    monkeypatch.setattr(report_book, "STREAMED_ENTRIES", streamed)
    assert report_book.write_report_book(report, path) == report.entries.count()
    return _parts(path.read_bytes())


def test_the_workbooks_entries_written_as_xml_are_those_openpyxl_writes(demo, tmp_path, monkeypatch):
    """The 积分明细's rows, written by jcdc as the sheet's XML, read back as openpyxl's
    own: every value (dates as dates, numbers as numbers), type, number format,
    alignment (centred, at the top, wrapped) and font, every row's height; the
    sheet's frame (widths, hidden columns, frozen heading, filter, print setup)
    and the other sheets and charts byte for byte."""
    import openpyxl

    from jcdc.report import annual_report

    report = annual_report(demo, 2019)
    streamed = _book(report, tmp_path / "streamed.xlsx", True, monkeypatch)
    made = _book(report, tmp_path / "openpyxl.xlsx", False, monkeypatch)
    assert list(streamed) == list(made)
    sheet = f"xl/worksheets/sheet{len(report.groups()) + 1}.xml"
    # docProps/core.xml holds the time the workbook was made; styles.xml the three rows' styles
    assert [n for n in made if streamed[n] != made[n] and n not in ("docProps/core.xml", "xl/styles.xml")] == [sheet]
    ours, theirs = (parts[sheet].decode() for parts in (streamed, made))
    assert ours.split("<sheetData>")[0] == theirs.split("<sheetData>")[0]    # widths, hidden columns, panes
    assert ours.split("</sheetData>")[1] == theirs.split("</sheetData>")[1]  # filter, print setup, footer
    books = [openpyxl.load_workbook(tmp_path / f"{name}.xlsx") for name in ("streamed", "openpyxl")]
    a, b = (book.worksheets[-1] for book in books)
    assert a.max_row == b.max_row == 2 + report.entries.count() and a.auto_filter.ref == b.auto_filter.ref

    def cell(c):
        return (c.value, c.data_type, c.number_format, c.is_date, c.alignment.horizontal, c.alignment.vertical,
                bool(c.alignment.wrap_text), c.font.name, c.font.sz)

    for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=True):
        assert [cell(c) for c in row_a] == [cell(c) for c in row_b]
    heights = [{r: d.height for r, d in s.row_dimensions.items() if d.height} for s in (a, b)]
    assert heights[0] == heights[1]


def test_a_long_text_wraps_its_row_in_the_streamed_entries_as_in_openpyxls(cli, tmp_path, monkeypatch):
    """A note wider than its column: the row in lines, as high as they are."""
    import openpyxl

    from jcdc import report_book

    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10",
           "--note", "整改落实情况需要进一步核实，" * 6, "--ref", "晋督字〔2019〕577号")
    cli.ok("points", "add", "-u", "jtj", "-r", "problem", "-d", "2019-05-11", "--note", "=1+1 不是公式")
    sheets = []
    for streamed in (True, False):
        monkeypatch.setattr(report_book, "STREAMED_ENTRIES", streamed)
        out = tmp_path / f"{streamed}.xlsx"
        cli.ok("report", "--year", "2019", "--output", out)
        sheets.append(openpyxl.load_workbook(out).worksheets[-1])
    a, b = sheets
    assert a.row_dimensions[3].height == b.row_dimensions[3].height > report_book.LINE_PT
    assert a["L4"].value == b["L4"].value == "=1+1 不是公式" and a["L4"].data_type == "s"
    for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=True):
        assert [(c.value, c.alignment.vertical, bool(c.alignment.wrap_text)) for c in row_a] == \
               [(c.value, c.alignment.vertical, bool(c.alignment.wrap_text)) for c in row_b]


@pytest.mark.parametrize("path", ["NOT INDEXED", "INDEXED BY entries_unit"])
@pytest.mark.parametrize("period", [Period(2018, Quarter(2018, 1)), Period(2019)], ids=lambda p: p.label)
def test_every_units_statements_read_in_one_pass_are_each_units_own(demo, period, path, monkeypatch):
    """Every unit's statements read the period's entries once, in unit order
    (Store.period_entry_rows, by either way into the table), and their sums in
    one GROUP BY: each statement's rows, sums, reversals and file are those of
    the unit's statement made on its own — made in unit order (the one pass), in
    the ranking's (each unit then out of the stream's order reads its own), or
    asked twice."""
    monkeypatch.setattr(type(demo), "_period_path", lambda self, first, last: path)
    found = statements(demo, period, period.days[1])
    assert [st.unit.code for st in found] != sorted(st.unit.code for st in found)  # the ranking's order is not
    assert any(st.reversed_by for st in found) or period.annual
    own_reads = []
    monkeypatch.setattr(type(demo), "unit_entry_rows", lambda self, *a: own_reads.append(a) or iter(()))
    in_unit_order = {st.unit.code: _parts(gongwen.render_statement(st))
                     for st in sorted(found, key=lambda st: st.unit.code)}
    assert own_reads == []  # in unit order, every statement's rows came from the one pass
    monkeypatch.undo()
    monkeypatch.setattr(type(demo), "_period_path", lambda self, first, last: path)
    in_ranking_order = {st.unit.code: _parts(gongwen.render_statement(st)) for st in found}
    for st in found:
        one, = statements(demo, period, period.days[1], st.unit.code)
        assert one.entries.shared is None and st.entries.shared is not None
        assert list(st.entries.rows()) == list(one.entries.rows()) == list(
            demo.unit_entry_rows(st.unit.code, *period.keys))
        assert (st.rules, st.reversed_by, len(st.entries)) == (one.rules, one.reversed_by, len(one.entries))
        alone = _parts(gongwen.render_statement(one))
        assert in_unit_order[st.unit.code] == in_ranking_order[st.unit.code] == alone, st.unit.code
