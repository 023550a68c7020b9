"""The annual report (积分办法 第十八条) as one web page, for people who look
before they read.

One self-contained file that opens offline in an office PC's browser: its
style, its charts and its few lines of script are inside it, its fonts are
the system's, and it names no address to fetch. Per group: the ranking with
consequences and tie notes, a bar chart of the annual scores, the quarterly
trend per unit, and every unit's entries one click away (<details>). Printed
from the browser it is A4 landscape with every table whole: the entries open
before printing and table headings repeat on each page.

The charts are drawn by pygal (inline SVG, no script needed to show them:
they print as vectors and show even where scripts are blocked); see
pyproject.toml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path

from jcdc import messages as msg
from jcdc.ruleset.words import fill
from jcdc.model import Entry, beijing_time, points_number
from jcdc.output import points_cell, signed_points_cell
from jcdc.report import AnnualReport
from jcdc.report_book import rule_name

# The system's Chinese fonts, Windows first: nothing is downloaded.
FONTS = ('"Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", '
         '"Source Han Sans SC", "WenQuanYi Micro Hei", SimSun, sans-serif')

STYLE = """
:root { --line: #c8ccd2; --head: #eef1f5; --accent: #1f5fa8; }
body { font-family: %(fonts)s; color: #1a1a1a; margin: 24px auto; max-width: 1200px; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
p.source { color: #555; margin: 0 0 16px; }
nav a { margin-right: 16px; }
table { border-collapse: collapse; width: 100%%; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); white-space: nowrap; }
td.date { white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.flags { color: #a11; font-weight: bold; }
ul.notes { margin: 6px 0 12px; padding-left: 20px; color: #333; }
ul.notes li.tie { color: #a11; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts figure { margin: 0; flex: 1 1 540px; }
.charts svg { width: 100%%; height: auto; }
details { border: 1px solid var(--line); border-radius: 4px; margin: 4px 0; padding: 2px 8px; }
details > summary { cursor: pointer; padding: 4px 0; }
details[open] > summary { font-weight: bold; }
.empty { color: #777; }
@page {
  size: A4 landscape; margin: 12mm;
  /* The page's own margin boxes: where a browser supports them it prints these
     instead of its own header and footer (the file's path, the date). */
  @top-left { content: ""; }
  @top-center { content: ""; }
  @top-right { content: ""; }
  @bottom-left { content: ""; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 10px; color: #555; }
  @bottom-right { content: ""; }
}
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  nav, p.hint { display: none; }
  section.group { break-before: page; }
  section.group:first-of-type { break-before: auto; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  .charts figure { flex: 1 1 45%%; }
  details { border: none; padding: 0; }
  details > summary { list-style: none; font-weight: bold; }
  a { color: inherit; text-decoration: none; }
}
""" % {"fonts": FONTS}

# Opens a unit's entries when its name is clicked, opens them all before
# printing (a closed <details> would print without its table) and closes them
# after; then marks the page as drawn: a test, or a clerk's IT, can see the
# page ran to its end without a script error.
SCRIPT = """
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  function openUnit(id) {
    var d = document.getElementById(id);
    if (d && d.tagName === 'DETAILS') { d.open = true; }
  }
  document.querySelectorAll('a.unit').forEach(function (a) {
    a.addEventListener('click', function () { openUnit(a.getAttribute('href').slice(1)); });
  });
  if (location.hash) { openUnit(location.hash.slice(1)); }
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () { closed.forEach(function (d) { d.open = false; }); });
  var charts = document.querySelectorAll('figure svg.pygal-chart').length;
  var wanted = Number(document.body.getAttribute('data-charts'));
  document.body.setAttribute('data-rendered', errors.length === 0 && charts === wanted ? 'ok' : 'failed');
  document.body.setAttribute('data-errors', errors.join(' | '));
})();
"""


def write_report_page(report: AnnualReport, path: Path, force: bool = False,
                      made: dt.datetime | None = None) -> int:
    """The page of the report, written whole or not at all (jcdc/files.py);
    returns the number of entries it shows."""
    from jcdc.files import document_text, replacing

    counts = report.entries.counts()
    with replacing(path, force) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        # Written as it is made, a unit's entries as they are read: a page of a million
        # entries is never whole in memory. A character no HTML page may hold, from a
        # ledger older than the check at input, is shown as �.
        for part in render_page(report, counts, made or dt.datetime.now(dt.timezone.utc)):
            f.write(document_text(part))
    return sum(counts.values())


def render_page(report: AnnualReport, counts: dict[str, int], made: dt.datetime) -> Iterator[str]:
    """The page in parts, in order; `counts`: each unit's entries in the year."""
    groups = report.groups()
    title = msg.REPORT_PAGE_TITLE.format(year=report.year)
    notes = [*report.notes, *report.legend]
    ties = report.tie_notes()
    nav = " ".join(f'<a href="#group-{i}">{escape(group)}</a>' for i, group in enumerate(groups))
    charts = 2 * sum(1 for rows in groups.values() if rows)
    yield "".join([
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        # Nothing on this page may be fetched: no address, no remote font, no script from elsewhere.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n",
        f'<body data-year="{report.year}" data-charts="{charts}">\n',
        f"<h1>{escape(title)}</h1>\n",
        f'<p class="source">{escape(fill(msg.REPORT_PAGE_SOURCE, report.ranking.rules).format(made=beijing_time(made.isoformat()), entries=sum(counts.values())))}</p>\n',
        f'<nav>{escape(msg.REPORT_PAGE_CONTENTS)}: {nav}</nav>\n',
        f'<p class="hint">{escape(msg.REPORT_PAGE_NOSCRIPT)}</p>\n'])
    for i, (group, rows) in enumerate(groups.items()):
        yield from _group_section(report, i, group, rows, ties.get(group, []), notes, counts)
    yield f"<script>{SCRIPT}</script>\n</body>\n</html>\n"


def _group_section(report: AnnualReport, index: int, group: str, rows: list[dict], ties: list[str],
                   notes: list[str], counts: dict[str, int]) -> Iterator[str]:
    out = [f'<section class="group" id="group-{index}" data-group="{escape(group)}">\n',
           f"<h2>{escape(msg.RANK_TITLE_YEAR.format(year=report.year, group=group))}</h2>\n",
           _ranking_table(rows),
           '<ul class="notes">', *(f'<li class="tie">{escape(t)}</li>' for t in ties),
           *(f"<li>{escape(n)}</li>" for n in notes), "</ul>\n"]
    if rows:
        out += ['<div class="charts">',
                f"<figure>{_bar_chart(report.year, group, rows)}</figure>",
                f"<figure>{_trend_chart(report.year, group, rows)}</figure>", "</div>\n"]
    out.append(f"<h3>{escape(msg.REPORT_PAGE_DETAILS)}</h3>\n")
    yield "".join(out)
    for row in rows:
        yield from _unit_entries(row, report.entries.of_unit(row["unit"]), counts.get(row["unit"], 0))
    yield "</section>\n"


def _figure(value, signed: bool = False) -> str:
    """A figure, or "—" where there is none (SPEC §3): never 0 or 100."""
    if value is None:
        return escape(msg.NO_CHANGE)
    return signed_points_cell(value) if signed else points_cell(value)


def _ranking_table(rows: list[dict]) -> str:
    head = [msg.H_RANK, msg.H_UNIT, msg.H_CODE, msg.H_SCORE, msg.H_DELTA, msg.H_CHANGE,
            *msg.H_QUARTER_SCORE, msg.H_FLAGS]
    out = ["<table class=\"ranking\"><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head),
           "</tr></thead><tbody>\n"]
    for row in rows:
        flags = "、".join(msg.FLAG_LABEL[f] for f in row["flags"])
        quarters = "".join(f'<td class="n q">{_figure(q)}</td>' for q in row["quarters"])
        out.append(
            f'<tr data-unit="{escape(row["unit"])}"><td class="n rank">{row["rank"]}</td>'
            f'<td class="name"><a class="unit" href="#unit-{escape(row["unit"])}">{escape(row["name"])}</a></td>'
            f'<td class="code">{escape(row["unit"])}</td><td class="n score">{points_cell(row["score"])}</td>'
            f'<td class="n delta">{signed_points_cell(row["delta"])}</td>'
            f'<td class="n change">{_figure(row["change"], signed=True)}</td>{quarters}'
            f'<td class="flags">{escape(flags)}</td></tr>\n')
    out.append("</tbody></table>\n")
    return "".join(out)


_COLORS = ("#1f5fa8", "#d9822b", "#2e9e5b", "#b23b3b", "#7a4fb0", "#2aa1b3", "#8c6d31",
           "#d4508f", "#5b6b7a", "#9aa829")
_GREY = "#c4c4c4"


def _style(colors: tuple[str, ...] = _COLORS):
    from pygal.style import Style

    return Style(font_family=FONTS, background="white", plot_background="white",
                 title_font_size=18, label_font_size=13, major_label_font_size=13,
                 legend_font_size=13, value_font_size=12, tooltip_font_size=13, colors=colors)


def _svg(chart) -> str:
    return chart.render(is_unicode=True, disable_xml_declaration=True)


def _axis_range(values: Iterable) -> tuple[int, int]:
    """Round tens around the scores: differences of a few points show."""
    known = [v for v in values if v is not None] or [100]
    low = int(min(known) // 10) * 10 - 10
    # From 0 where every score is above it; a year of deductions beyond the base goes below.
    return max(0, low) if min(known) >= 0 else low, int(max(known) // 10) * 10 + 10


HIGHLIGHTED = 3   # a trend of more than 10 units shows its top and bottom 3 in colour, the rest grey


def _bar_chart(year: int, group: str, rows: list[dict]) -> str:
    import pygal

    # The bars lie down, one unit's name a line: names never run into each other (standing
    # under 7 bars, 晋城经济技术开发区管委会 ran into its neighbours). Drawn from the bottom up.
    shown = list(reversed(rows))
    # pygal measures a label as Latin text, about half the width a Chinese name takes: the rest as margin.
    longest = max((len(r["name"]) for r in rows), default=0)
    chart = pygal.HorizontalBar(style=_style(), js=[], show_legend=False, print_values=True, width=720,
                 height=120 + 26 * len(rows), margin_left=10 + longest * 13 // 2,
                 range=_axis_range(r["score"] for r in rows), zero=_axis_range(r["score"] for r in rows)[0],
                 value_formatter=points_cell, truncate_label=-1)
    chart.title = msg.REPORT_CHART_SCORES.format(year=year, group=group)
    chart.x_labels = [r["name"] for r in shown]
    chart.add(msg.REPORT_AXIS_SCORE, [r["score"] for r in shown])
    return _svg(chart)


def _trend_chart(year: int, group: str, rows: list[dict]) -> str:
    """Each unit's quarters as a line; with many units (市直: 29) the top and the
    bottom three of the year in colour over the rest in grey, so that the page
    printed can be read."""
    import pygal

    many = len(rows) > 10
    if many:
        marked = rows[:HIGHLIGHTED] + rows[-HIGHLIGHTED:]
        order = marked + [r for r in rows if r not in marked]
        style = _style(colors=(*_COLORS[:len(marked)], *(_GREY,) * (len(rows) - len(marked))))
    else:
        order, style = rows, _style()
    chart = pygal.Line(style=style, js=[], width=720, height=420 + 22 * ((len(rows) + 2) // 3),
                       legend_at_bottom=True, legend_at_bottom_columns=min(len(rows), 3), truncate_legend=-1,
                       range=_axis_range(q for r in rows for q in r["quarters"]),
                       value_formatter=points_cell, dots_size=3)
    chart.title = (msg.REPORT_CHART_TREND_MARKED.format(year=year, group=group, n=HIGHLIGHTED) if many
                   else msg.REPORT_CHART_TREND.format(year=year, group=group))
    chart.x_labels = list(msg.H_QUARTER_SCORE)
    for n, row in enumerate(order):
        faint = many and n >= 2 * HIGHLIGHTED
        chart.add(row["name"], list(row["quarters"]),
                  stroke_style={"width": 1 if faint else 3}, dots_size=1 if faint else 3)
    return _svg(chart)


def _unit_entries(row: dict, entries: Iterable[Entry], n: int) -> Iterator[str]:
    """A unit's entries one click away, in parts of a few hundred rows."""
    unit = escape(row["unit"])
    count = msg.REPORT_PAGE_ENTRIES.format(count=n)
    out = [f'<details id="unit-{unit}" data-unit="{unit}" data-entries="{n}">'
           f"<summary>{row['rank']}. {escape(row['name'])}({unit}) · "
           f"{escape(msg.H_SCORE)} {points_cell(row['score'])} · {escape(count)}</summary>\n"]
    if not n:
        out.append(f'<p class="empty">{escape(msg.REPORT_PAGE_NO_ENTRIES)}</p>')
    else:
        head = [msg.H_ID, msg.H_DATE, msg.H_RULE, msg.H_RULE_NAME, msg.H_ROLE, msg.H_POINTS, msg.H_QTY,
                msg.H_MATTER, msg.H_REF, msg.H_NOTE, msg.H_REVERSES, msg.H_CITE]
        out += ["<table class=\"entries\"><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head),
                "</tr></thead><tbody>\n"]
        for e in entries:
            cells = [f'<td class="n">{e.id}</td>', f'<td class="date">{e.date.isoformat()}</td>',
                     f"<td>{escape(e.rule)}</td>", f"<td>{escape(rule_name(e.rule))}</td>",
                     f"<td>{escape(msg.ROLE.get(e.role.value, e.role.value))}</td>",
                     f'<td class="n points">{signed_points_cell(points_number(e.points))}</td>',
                     f'<td class="n">{e.qty}</td>', f"<td>{escape(e.matter or '')}</td>",
                     f"<td>{escape(e.ref or '')}</td>", f"<td>{escape(e.note or '')}</td>",
                     f'<td class="n">{e.reverses or ""}</td>', f"<td>{escape(e.cite)}</td>"]
            out.append(f'<tr data-entry="{e.id}">{"".join(cells)}</tr>\n')
            if len(out) >= 500:
                yield "".join(out)
                out.clear()
        out.append("</tbody></table>")
    out.append("</details>\n")
    yield "".join(out)
