"""The annual report as one web page (issue 13 item 3), opened in a real
headless Chromium (.ci/run installs it): it draws without script errors, its
figures and names are `rank --format json`'s, a screenshot is not blank, it
fetches nothing, and printed to A4 it keeps every table."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import sys

import pytest

from jcdc.output import points_cell, signed_points_cell
from jcdc.rules.jifen import CATALOGUE

from test_rules_a_rankings import young_ledger


def short_name(code: str) -> str:
    """The rule's short Chinese name, or its title in a catalogue without short names."""
    return getattr(CATALOGUE[code], "name", None) or CATALOGUE[code].title


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAG = {"accountability": "追责候选", "exempt-recommended": "推荐免督查", "exempt": "免督查"}


def browser(page: Path, *args: str) -> subprocess.CompletedProcess:
    if sys.platform == "win32":
        pytest.skip("the page is drawn by a Linux Chromium: Windows Python under Wine has no Windows browser")
    assert CHROMIUM, "Chromium is needed for these tests: apt-get install chromium (.ci/run does)"
    profile = page.parent / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}",
         "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: any address the page named would fail
         *args, page.as_uri()],
        capture_output=True, text=True, timeout=180, check=True)


class Page(HTMLParser):
    """What a reader sees in the rendered DOM: per group its ranking rows, notes,
    chart values and each unit's entries."""

    def __init__(self, dom: str):
        super().__init__()
        self.body: dict = {}
        self.groups: dict[str, dict] = {}
        self.group = self.row = self.cell = self.entry_unit = None
        self.figure = -1
        self.desc = self.li = False
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "section" and "data-group" in a:
            self.group = self.groups.setdefault(a["data-group"], {
                "rows": [], "ties": [], "notes": [], "charts": [[], []], "entries": {}})
            self.figure = -1
        elif tag == "tr" and "data-unit" in a:
            self.row = {"unit": a["data-unit"]}
            self.group["rows"].append(self.row)
        elif tag == "td" and self.row is not None and a.get("class"):
            self.cell = a["class"].split()[-1]
            self.row.setdefault(self.cell, [])
        elif tag == "li" and self.group is not None:
            self.li = "tie" if a.get("class") == "tie" else "note"
            self.group["ties" if self.li == "tie" else "notes"].append("")
        elif tag == "figure":
            self.figure += 1
        elif tag == "desc" and a.get("class") == "value":
            self.desc = True
            self.group["charts"][self.figure].append("")
        elif tag == "details" and "data-unit" in a:
            self.entry_unit = a["data-unit"]
            self.group["entries"][self.entry_unit] = []
        elif tag == "tr" and "data-entry" in a:
            self.group["entries"][self.entry_unit].append(int(a["data-entry"]))

    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None
        elif tag == "td":
            self.cell = None
        elif tag == "li":
            self.li = False
        elif tag == "desc":
            self.desc = False

    def handle_data(self, data):
        if self.cell is not None:
            self.row[self.cell].append(data)
        elif self.li:
            self.group["ties" if self.li == "tie" else "notes"][-1] += data
        elif self.desc:
            self.group["charts"][self.figure][-1] += data


def not_blank(png: bytes) -> bool:
    """A screenshot with something drawn on it: many distinct bytes once inflated."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    data, at = b"", 8
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + size]
        at += 12 + size
    pixels = zlib.decompress(data)
    return len(set(pixels)) > 64 and pixels.count(255) < 0.97 * len(pixels)


@pytest.fixture
def ledger(cli):
    add = lambda *a: cli.ok("points", "add", *a)  # noqa: E731
    add("-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-06-01", "--ref", "晋市政办〔2019〕12号")
    add("-u", "zezhou", "-r", "13710-late", "-d", "2019-03-05", "--note", "<script>alert(1)</script>")
    add("-u", "zezhou", "-r", "problem", "-d", "2019-11-20", "--ref", "晋督字〔2019〕88号")
    add("-u", "jyj", "-r", "problem", "-d", "2019-07-01")
    add("-u", "gdgs", "-r", "problem", "-d", "2019-05-06")   # 驻市: not in the report (第十八条)
    add("-u", "jyj", "-r", "problem", "-d", "2018-07-01")
    young_ledger(cli)                                        # 27 city units tied third: tie notes
    return cli


@pytest.fixture
def page(ledger, tmp_path):
    path = tmp_path / "2019年度积分.html"
    result = ledger.ok("report", "--year", "2019", "--output", path)
    assert "已写入" in result.stderr
    return path


def test_the_page_draws_without_script_errors_and_shows_rank_s_figures(ledger, page):
    dom = browser(page, "--dump-dom").stdout
    shown = Page(dom)
    assert shown.body["data-rendered"] == "ok" and shown.body["data-errors"] == ""
    assert shown.body["data-charts"] == "4"

    ranking = [r for r in ledger.json("rank", "--year", "2019") if r["group"] != "驻市"]
    quarters = [{r["unit"]: r["score"] for r in ledger.json("rank", "--quarter", f"2019Q{q}")} for q in range(1, 5)]
    last_year = {r["unit"]: r["score"] for r in ledger.json("rank", "--year", "2018")}
    assert list(shown.groups) == ["县区", "市直"]
    for group, seen in shown.groups.items():
        expected = [r for r in ranking if r["group"] == group]
        assert [("".join(r["rank"]), "".join(r["name"]), "".join(r["code"]), "".join(r["score"]),
                 "".join(r["delta"]), "".join(r["change"]), "".join(r.get("flags", [])))
                for r in seen["rows"]] == [
            (str(e["rank"]), e["name"], e["unit"], points_cell(e["score"]), signed_points_cell(e["delta"]),
             # 较上年 (SPEC §3): "—" where the group had no standing entries in 2018 (县区 had none)
             signed_points_cell(e["score"] - last_year[e["unit"]]) if group == "市直" else "—",
             "、".join(FLAG[f] for f in e["flags"]))
            for e in expected]
        assert [r["q"] for r in seen["rows"]] == [[points_cell(q[e["unit"]]) for q in quarters] for e in expected]
        ties = list(dict.fromkeys(n for e in expected for n in e.get("tie_notes", ())))
        assert seen["ties"] == ties
        # The charts draw the same figures: a bar per unit, a line of four quarters per unit.
        # The bars lie down, rank 1 at the top (drawn last); with many units the trend draws the
        # top and bottom three first, in colour, then the rest in grey.
        from jcdc.report_page import HIGHLIGHTED

        bars, trend = seen["charts"]
        assert bars == [points_cell(e["score"]) for e in reversed(expected)]
        if len(expected) > 10:
            marked = expected[:HIGHLIGHTED] + expected[-HIGHLIGHTED:]
            expected = marked + [e for e in expected if e not in marked]
        assert trend == [points_cell(q[e["unit"]]) for e in expected for q in quarters]
    assert len(shown.groups["市直"]["ties"]) == 2   # 26 city units tied third


def test_each_units_entries_are_one_click_away(ledger, page):
    shown = Page(browser(page, "--dump-dom").stdout)
    entries = [e for e in ledger.json("points", "list", "--year", "2019") if e["unit"] != "gdgs"]
    for group, seen in shown.groups.items():
        assert list(seen["entries"]) == [r["unit"] for r in seen["rows"]]   # every unit, in rank order
        for unit, ids in seen["entries"].items():
            assert ids == [e["id"] for e in entries if e["unit"] == unit]
    html = page.read_text(encoding="utf-8")
    assert '<a class="unit" href="#unit-gaoping">高平市</a>' in html and '<details id="unit-gaoping"' in html
    assert f"<td>commend</td><td>{short_name('commend')}</td>" in html   # the rule's Chinese name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_the_page_fetches_nothing_and_is_not_blank(page, tmp_path):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:[a-z]+:)?//|@import""", html, re.I)
    assert "default-src 'none'" in html   # and the browser is told to fetch nothing
    shot = tmp_path / "shot.png"
    browser(page, "--window-size=1280,1600", f"--screenshot={shot}")
    assert not_blank(shot.read_bytes())


def test_printed_to_a4_every_table_is_there(ledger, page, tmp_path):
    pdf = tmp_path / "report.pdf"
    browser(page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    sizes = {tuple(round(float(v)) for v in m) for m in re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", data)}
    assert sizes == {(842, 595)}   # A4 landscape, in points
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        text = re.sub(r"\s", "", text)
        dates = {e["date"] for e in ledger.json("points", "list", "--year", "2019") if e["unit"] != "gdgs"}
        assert not [day for day in dates if day not in text]                   # entries opened for print
        assert "市工商行政管理局" in text                                      # the last ranked unit


def test_report_refuses_an_extension_it_does_not_write(ledger, tmp_path):
    result = ledger("report", "--year", "2019", "--output", tmp_path / "2019.pdf")
    assert result.exit_code == 2 and ".html" in result.stderr and not (tmp_path / "2019.pdf").exists()


def _label_boxes(svg: str) -> list[tuple[str, float, float]]:
    """The category labels of a pygal chart: (text, x, y) of each."""
    found = re.findall(r'<text[^>]*\bx="([-\d.]+)"[^>]*\by="([-\d.]+)"[^>]*>([^<]+)</text>', svg)
    return [(t, float(x), float(y)) for x, y, t in found]


@pytest.mark.parametrize("group", ["县区", "市直"])
def test_bar_chart_labels_never_collide(ledger, page, group):
    """Printed from the browser, a bar chart names each unit apart (积分办法 第十八条's
    report read on paper): no two names share a line closer than their own
    length — 市直's 29 once printed as one string, and 县区's 晋城经济技术开发区管委会
    ran into its neighbours."""
    html = page.read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    names = {r["name"] for r in ledger.json("rank", "--year", "2019") if r["group"] == group}
    bars = next(s for s in svgs if f"积分 · {group}" in s and "各季度" not in s)
    labels = [(t, x, y) for t, x, y in _label_boxes(bars) if t in names]
    assert {t for t, _, _ in labels} == names
    for i, (a, ax, ay) in enumerate(labels):
        for b, bx, by in labels[i + 1:]:
            apart_lines = abs(ay - by) >= 13            # the labels' 13 px type
            apart_along = abs(ax - bx) >= 13 * max(len(a), len(b))
            assert apart_lines or apart_along, (a, b)


def test_trend_chart_marks_the_top_and_bottom_of_many_units(ledger, page):
    """29 lines cannot be read on paper: the 市直 quarterly chart draws the top and
    bottom three of the year in colour, the rest thin and grey."""
    html = page.read_text(encoding="utf-8")
    trend = next(s for s in re.findall(r"<svg.*?</svg>", html, re.S) if "各季度积分 · 市直" in s)
    assert "前3名和后3名着色" in trend
    assert trend.count("#c4c4c4") >= 29 - 6


def test_printed_pages_carry_no_file_path(page, tmp_path):
    """Printed with the browser's own headers and footers on, no page shows the
    file's path: the page's @page margin boxes stand in their place."""
    pdf = tmp_path / "with-headers.pdf"
    browser(page, f"--print-to-pdf={pdf}")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "file://" not in text and page.name not in text
        assert re.search(r"\b1 / \d+\b", text)  # its own page numbers instead
    else:
        assert page.name.encode() not in pdf.read_bytes()


def test_the_page_says_when_it_was_made_in_beijing_time(ledger, tmp_path):
    """The page's 生成于 is the moment in Beijing time as the rest of jcdc shows it
    (2026年12月2日 12:02), whatever the computer's time zone; the machine's clock in
    UTC or without a zone read as a Beijing time eight hours off."""
    import datetime as dt
    import os

    path = tmp_path / "page.html"
    before = dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))
    os.environ["TZ"] = "UTC"
    try:
        ledger.ok("report", "--year", "2019", "--output", path)
    finally:
        del os.environ["TZ"]
    after = dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))
    said = re.search(r"生成于北京时间 (\d{4})年(\d{1,2})月(\d{1,2})日 (\d\d):(\d\d)", path.read_text("utf-8"))
    assert said, "no Beijing time on the page"
    shown = dt.datetime(*map(int, said.groups()), tzinfo=before.tzinfo)
    assert before.replace(second=0, microsecond=0) <= shown <= after
