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
                     count[r], points[r]) for r in rules]


def _counts_from(entries) -> tuple:
    originals = [e for e in entries if e.reverses is None]
    bonus = sum(1 for e in originals if _adds(e.rule))
    return (len(entries), bonus, len(originals) - bonus, len(entries) - len(originals), len({e.unit for e in entries}))


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_the_notice_sums_are_those_of_every_entry_read(demo, period):
    entries = demo.entries(first_qkey=period.keys[0], last_qkey=period.keys[1])
    assert any(e.reverses is not None for e in entries) or period.quarter != Quarter(2018, 1)
    sums = demo.rule_sums(*period.keys)
    assert breakdown(sums) == _rules_from(entries)
    counts = entry_counts(sums, demo.units_with_entries(*period.keys))
    assert (counts.total, counts.bonus, counts.penalty, counts.reversals, counts.units) == _counts_from(entries)


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


def test_the_pages_score_axis_holds_scores_below_zero():
    """Deductions beyond the base of 100 take a score below zero (积分办法 第十二条):
    the charts' axis then runs below zero too, where it ran from 0 to under 0 and
    pygal divided by zero."""
    from jcdc.report_page import _axis_range

    low, high = _axis_range([-1015.5, -1911.0, None])
    assert low <= -1911.0 < -1015.5 <= high
    assert _axis_range([93.5, 101.0]) == (80, 110)
    assert _axis_range([3.0, 101.0]) == (0, 110)  # from 0 where every score is above it
