"""The annual report (积分办法 第十八条) as a workbook an office prints.

Each group on a sheet of its own: the ranking with the quarterly scores, the
notes under it, a bar chart of the annual scores and a line chart of each
unit's quarterly scores (Excel's own charts, editable there); then every entry
of the year on one sheet, with real dates and the rules' Chinese names. Every
sheet: columns sized, title and heading frozen and repeated on each printed
page, autofilter, A4 landscape one page wide.

Written with openpyxl's write-only (streaming) workbook: rows go to the file
as they come, so a million entries never sit in memory. Write-only sheets
take column widths, frozen panes, print titles and page setup before their
first row, and the autofilter and charts at any time before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from jcdc import messages as msg
from jcdc.files import document_text
from jcdc.model import Entry, points_number
from jcdc.terminal import width as _width
from jcdc.report import AnnualReport
from jcdc.rules.jifen import CATALOGUE

POINTS = "0.0"
SIGNED = "+0.0;-0.0;0.0"
DATE = "yyyy-mm-dd"
HEADING_ROW = 2  # row 1 the title, row 2 the headings, data from row 3


def rule_name(code: str) -> str:
    """The Chinese name a clerk knows a rule by, beside its code: its short name
    (存在问题) where the catalogue gives the rule one, else its title (督查中认定存在问题)."""
    rule = CATALOGUE.get(code)
    if rule is None:
        return ""
    return getattr(rule, "name", None) or rule.title


def write_report_book(report: AnnualReport, path: Path, force: bool = False) -> int:
    """The workbook of the report, written whole or not at all (jcdc/files.py);
    returns the number of entry rows written."""
    import openpyxl

    from jcdc.files import replacing

    with replacing(path, force) as tmp:
        book = openpyxl.Workbook(write_only=True)
        for group, rows in report.groups().items():
            _group_sheet(book, report, group, rows)
        count = _entries_sheet(book, report)
        book.save(tmp)  # streamed to the temporary file: no copy of it in memory
    return count


# --- a sheet's frame -----------------------------------------------------------------------


def _frame(sheet, widths: Sequence[float], wrapped_width: bool = False) -> None:
    """What a write-only sheet must be told before its first row."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = f"A{HEADING_ROW + 1}"
    sheet.print_title_rows = f"1:{HEADING_ROW}"
    sheet.page_setup.paperSize = 9  # A4 (ECMA-376 paperSize)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1   # every column on the page, as many pages down as it takes
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = msg.REPORT_FOOTER


def _filter(sheet, columns: int, last_row: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.auto_filter.ref = f"A{HEADING_ROW}:{get_column_letter(columns)}{max(last_row, HEADING_ROW)}"


class _Cells:
    """The few cell kinds a report needs, made for one sheet."""

    def __init__(self, sheet):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self.sheet, self.make = sheet, WriteOnlyCell
        self.bold, self.title_font = Font(bold=True), Font(bold=True, size=14)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def text(self, value: str, font=None, wrap: bool = False):
        cell = self.make(self.sheet, value=document_text(value))
        cell.data_type = "s"  # never a formula, whatever it starts with
        if font is not None:
            cell.font = font
        if wrap:
            cell.alignment = self.wrap
        return cell

    def number(self, value, number_format: str):
        if value is None:
            return None
        cell = self.make(self.sheet, value=value)
        cell.number_format = number_format
        return cell

    def date(self, value: dt.date):
        cell = self.make(self.sheet, value=value)
        cell.number_format = DATE
        return cell


def _fit(texts: Iterable[str], least: int, most: int) -> float:
    """A column's width in Excel's units (a Latin character), for the widest text in it."""
    return min(max([least, *(_width(t) for t in texts)]) * 1.1 + 2, most)


# --- a group's sheet -----------------------------------------------------------------------


def _group_sheet(book, report: AnnualReport, group: str, rows: list[dict]) -> None:
    sheet = book.create_sheet(document_text(group)[:31])
    cells = _Cells(sheet)
    flags = lambda row: "、".join(msg.FLAG_LABEL[f] for f in row["flags"])  # noqa: E731
    headings = [msg.H_RANK, msg.H_UNIT, msg.H_CODE, msg.H_SCORE, msg.H_DELTA, msg.H_CHANGE, msg.H_FLAGS,
                *msg.H_QUARTER_SCORE]
    _frame(sheet, [6, _fit((r["name"] for r in rows), 8, 40), _fit((r["unit"] for r in rows), 6, 20),
                   8, 8, 8, _fit((flags(r) for r in rows), 6, 30), 9, 9, 9, 9])
    _chart_columns(sheet)
    sheet.append([cells.text(msg.RANK_TITLE_YEAR.format(year=report.year, group=group), cells.title_font)])
    sheet.append([cells.text(h, cells.bold) for h in headings] + [None] * 3 + list(msg.H_QUARTER_SCORE))

    def shown(value, number_format: str):  # "—" where there is no figure (SPEC §3), never 0 or 100
        return cells.text(msg.NO_CHANGE) if value is None else cells.number(value, number_format)

    for row in rows:
        sheet.append([row["rank"], cells.text(row["name"]), cells.text(row["unit"]),
                      cells.number(row["score"], POINTS), cells.number(row["delta"], SIGNED),
                      shown(row["change"], SIGNED), cells.text(flags(row)),
                      *(shown(q, POINTS) for q in row["quarters"]),
                      *([None] * 3), *(cells.number(q, POINTS) for q in row["quarters"])])
    last = HEADING_ROW + len(rows)
    _filter(sheet, len(headings), last)

    flagged = sorted({f for r in report.rows for f in r["flags"]}, key=list(msg.FLAG_NOTE).index)
    notes = [*report.notes, *report.tie_notes().get(group, ()), msg.RANK_FOOTNOTE,
             *(msg.FLAG_NOTE[f] for f in flagged)]
    sheet.append([])
    for note in notes:
        sheet.append([cells.text(note)])
    if rows:
        _charts(sheet, report.year, group, first=HEADING_ROW + 1, last=last, at=last + len(notes) + 3,
                scores=[v for r in rows for v in (r["score"], *r["quarters"])])


# The trend chart reads the quarterly scores from hidden columns beside the
# table (O–R), where an empty quarter is an empty cell — a gap in the line:
# the table's "—" is text, which Excel would draw as 0.
CHART_FIRST_COLUMN = 15


def _chart_columns(sheet) -> None:
    from openpyxl.utils import get_column_letter

    for i in range(CHART_FIRST_COLUMN, CHART_FIRST_COLUMN + 4):
        sheet.column_dimensions[get_column_letter(i)].hidden = True


def _axis_floor(scores: Iterable) -> int:
    """Where the score axis starts: a round ten under the lowest score, so that
    differences of a few points show (the axis is labelled, and the figures are
    in the table above)."""
    lowest = min((s for s in scores if s is not None), default=0)
    return max(0, int(lowest // 10) * 10 - 10)


def _charts(sheet, year: int, group: str, first: int, last: int, at: int, scores: list) -> None:
    """Under the notes: the annual scores as bars, then each unit's quarters as a line."""
    from openpyxl.chart import BarChart, LineChart, Reference, Series
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.chart.data_source import StrRef

    from openpyxl.worksheet.pagebreak import Break

    units = last - first + 1
    wide = max(24.0, min(units * 1.1, 40.0))  # cm: room for every unit's name under its bar
    floor = _axis_floor(scores)

    bars = BarChart()
    bars.type = "col"
    bars.title = msg.REPORT_CHART_SCORES.format(year=year, group=group)
    bars.y_axis.title = msg.REPORT_AXIS_SCORE
    bars.add_data(Reference(sheet, min_col=4, min_row=HEADING_ROW, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=2, min_row=first, max_row=last))
    bars.legend = None
    bars.width, bars.height = wide, 9
    bars.y_axis.scaling.min = floor
    _axes_shown(bars)
    sheet.row_breaks.append(Break(id=at - 1))  # each chart on a page of its own, whole
    sheet.add_chart(bars, f"A{at}")

    trend = LineChart()
    trend.title = msg.REPORT_CHART_TREND.format(year=year, group=group)
    trend.y_axis.title = msg.REPORT_AXIS_SCORE
    quoted = "'" + sheet.title.replace("'", "''") + "'"
    for row in range(first, last + 1):
        series = Series(Reference(sheet, min_col=CHART_FIRST_COLUMN, max_col=CHART_FIRST_COLUMN + 3,
                                  min_row=row, max_row=row))
        series.tx = SeriesLabel(strRef=StrRef(f"{quoted}!$B${row}"))  # the unit's name
        series.smooth = False  # a quarter's score is a point, not a curve between them
        trend.series.append(series)
    trend.set_categories(Reference(sheet, min_col=CHART_FIRST_COLUMN, max_col=CHART_FIRST_COLUMN + 3,
                                   min_row=HEADING_ROW, max_row=HEADING_ROW))
    trend.legend.position = "r"
    trend.width, trend.height = wide, 11
    trend.y_axis.scaling.min = floor
    _axes_shown(trend)
    sheet.row_breaks.append(Break(id=at + 19))
    sheet.add_chart(trend, f"A{at + 20}")


def _axes_shown(chart) -> None:
    # openpyxl ≥ 3.1 writes axes as deleted unless told otherwise: Excel would draw no labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


# --- every entry of the year ---------------------------------------------------------------


def _entries_sheet(book, report: AnnualReport) -> int:
    sheet = book.create_sheet(msg.REPORT_ENTRIES_SHEET)
    cells = _Cells(sheet)
    headings = [msg.H_ID, msg.H_DATE, msg.H_UNIT, msg.H_CODE, msg.H_RULE, msg.H_RULE_NAME, msg.H_ROLE,
                msg.H_POINTS, msg.H_QTY, msg.H_MATTER, msg.H_REF, msg.H_NOTE, msg.H_REVERSES,
                msg.H_CITE, msg.H_SCORER]
    names, rules = report.names, {code: rule_name(code) for code in CATALOGUE}
    _frame(sheet, [7, 11, _fit(names.values(), 8, 24), 11, 17, _fit(rules.values(), 8, 20), 5, 7, 5, 10,
                   20, 24, 6, 22, 9])
    sheet.append([cells.text(msg.REPORT_TITLE.format(year=report.year), cells.title_font)])
    sheet.append([cells.text(h, cells.bold) for h in headings])
    count = 0
    for entry in report.entries:
        sheet.append(_entry_row(cells, entry, names, rules))
        count += 1
    _filter(sheet, len(headings), HEADING_ROW + count)
    return count


def _entry_row(cells: _Cells, e: Entry, names: dict[str, str], rules: dict[str, str]) -> list:
    def text(value: str):
        # A plain str is the cheap path through openpyxl; only "=…" would run as a formula there.
        return cells.text(value) if value.startswith("=") else document_text(value)

    def given(value: str | None):
        return text(value) if value else None

    return [e.id, cells.date(e.date), text(names.get(e.unit, e.unit)), text(e.unit), text(e.rule),
            given(rules.get(e.rule) or rule_name(e.rule)), text(msg.ROLE.get(e.role.value, e.role.value)),
            cells.number(points_number(e.points), SIGNED), e.qty, given(e.matter), given(e.ref),
            given(e.note), e.reverses, text(e.cite), text(e.scorer)]
