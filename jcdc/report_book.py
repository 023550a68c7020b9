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
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from jcdc import messages as msg
from jcdc.files import document_text
from jcdc.model import Entry, points_number
from jcdc.terminal import width as _width, wrap
from jcdc.report import AnnualReport
from jcdc.rules.jifen import CATALOGUE

POINTS = "0.0"
SIGNED = "+0.0;-0.0;0.0"
DATE = "yyyy-mm-dd"
HEADING_ROW = 2  # row 1 the title, row 2 the headings, data from row 3


def rule_name(code: str, catalogue=None) -> str:
    """The Chinese name a clerk knows a rule by, beside its code: its short name
    (存在问题) where the catalogue gives the rule one, else its title (督查中认定存在问题).
    `catalogue`: a version's (default: the open ledger's current one)."""
    if catalogue is None:
        from jcdc.ruleset.words import in_use

        catalogue = in_use().rules
    rule = catalogue.get(code)
    if rule is None:
        return ""
    return getattr(rule, "name", None) or rule.title


def write_report_book(report: AnnualReport, path: Path, force: bool = False) -> int:
    """The workbook of the report, written whole or not at all (jcdc/files.py);
    returns the number of entry rows written."""
    import openpyxl

    from jcdc.files import replacing

    # One moment of the ledger: the entries are counted (for the filter) and then read.
    with replacing(path, force) as tmp, report.entries.store.reading():
        book = openpyxl.Workbook(write_only=True)
        body_font(book)
        for group, rows in report.groups().items():
            _group_sheet(book, report, group, rows)
        if not STREAMED_ENTRIES:
            count = _entries_sheet(book, report)
            book.save(tmp)  # streamed to the temporary file: no copy of it in memory
            return count
        count = report.entries.count()
        sheet, styles = _entries_frame(book, report, count)
        frame = io.BytesIO()  # the workbook but for the entries: a few hundred KB
        book.save(frame)
        _with_entry_rows(frame, tmp, sheet.path.lstrip("/"), report, count, styles)
    return count


# --- a sheet's frame -----------------------------------------------------------------------

# The workbook's own font, as a Chinese office's Excel or WPS starts a sheet: 宋体 11. Column
# widths are counted in its digits (Excel's unit), so a sheet measured for it prints as measured
# where 宋体 or a font mapped to it is installed; Calibri, openpyxl's default, was replaced on a
# machine without it by a wider font, which printed the 积分明细 at 6 pt.
BODY_FONT, BODY_SIZE = "宋体", 11


def body_font(book) -> None:
    """Every cell without a font of its own in BODY_FONT: the workbook's font 0 and its
    Normal style (openpyxl has no public setting for either)."""
    from openpyxl.styles import Font

    font = Font(name=BODY_FONT, sz=BODY_SIZE, charset=134)  # 134: GB2312
    book._fonts[0] = font
    book._named_styles["Normal"].font = font


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
        from openpyxl.cell import Cell, WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self.sheet, self.make, self.cell_type = sheet, WriteOnlyCell, Cell
        self.bold = Font(name=BODY_FONT, size=BODY_SIZE, bold=True)
        self.title_font = Font(name=BODY_FONT, size=14, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top, self.indent = Alignment(vertical="top"), Alignment(horizontal="left", indent=1)
        # Centred: a date or a count between columns of text never reads as part of them
        # (数量 1 beside 事项编号 2019-0456 read as 12019-0456).
        self.centre, self.centre_top = Alignment(horizontal="center"), Alignment(horizontal="center", vertical="top")

    def text(self, value: str, font=None, wrap: bool = False, indent: bool = False):
        """`indent`: a text after a column of figures (right-aligned) keeps its distance."""
        cell = self.make(self.sheet, value=document_text(value))
        cell.data_type = "s"  # never a formula, whatever it starts with
        if font is not None:
            cell.font = font
        if wrap:
            cell.alignment = self.wrap
        elif indent:
            cell.alignment = self.indent
        return cell

    def at_top(self, value, wrap: bool = False):
        """`value` (a cell made here, or a plain value) at the top of a row of several
        lines, wrapped to its column when `wrap`."""
        if value is None:
            return None
        if not isinstance(value, self.cell_type):
            value = self.text(value) if isinstance(value, str) else self.make(self.sheet, value=value)
        centred = value.alignment is not None and value.alignment.horizontal == "center"
        value.alignment = self.wrap if wrap else self.centre_top if centred else self.top
        return value

    def number(self, value, number_format: str):
        if value is None:
            return None
        cell = self.make(self.sheet, value=value)
        cell.number_format = number_format
        return cell

    def date(self, value: dt.date):
        cell = self.make(self.sheet, value=value)
        cell.number_format = DATE
        cell.alignment = self.centre
        return cell

    def count(self, value: int | None):
        """A whole number centred in its column; None: an empty cell."""
        if value is None:
            return None
        cell = self.make(self.sheet, value=value)
        cell.alignment = self.centre
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
        sheet.append([cells.count(row["rank"]), cells.text(row["name"]), cells.text(row["unit"]),
                      cells.number(row["score"], POINTS), cells.number(row["delta"], SIGNED),
                      shown(row["change"], SIGNED), cells.text(flags(row), indent=True),
                      *(shown(q, POINTS) for q in row["quarters"]),
                      *([None] * 3), *(cells.number(q, POINTS) for q in row["quarters"])])
    last = HEADING_ROW + len(rows)
    _filter(sheet, len(headings), last)

    notes = [*report.notes, *report.tie_notes().get(group, ()), *report.legend]
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
    from openpyxl.chart.legend import LegendEntry
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.chart.data_source import StrRef

    from openpyxl.worksheet.pagebreak import Break

    units = last - first + 1
    wide = 25.0  # cm: A4 landscape inside its margins (wider charts shrank the page to fit)
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
    many = units > HIGHLIGHT_OVER
    trend.title = (msg.REPORT_CHART_TREND_MARKED if many else msg.REPORT_CHART_TREND).format(
        year=year, group=group, n=HIGHLIGHTED)
    trend.y_axis.title = msg.REPORT_AXIS_SCORE
    trend.visible_cells_only = False  # its figures are in hidden columns: drawn all the same
    quoted = "'" + sheet.title.replace("'", "''") + "'"
    rows = list(range(first, last + 1))  # the table's order: the year's first at the top
    marked = rows[:HIGHLIGHTED] + rows[-HIGHLIGHTED:] if many else rows
    # Grey first, so that the coloured lines are drawn over them; the legend names the coloured only.
    for row in [r for r in rows if r not in marked] + marked:
        series = Series(Reference(sheet, min_col=CHART_FIRST_COLUMN, max_col=CHART_FIRST_COLUMN + 3,
                                  min_row=row, max_row=row))
        series.tx = SeriesLabel(strRef=StrRef(f"{quoted}!$B${row}"))  # the unit's name
        series.smooth = False  # a quarter's score is a point, not a curve between them
        _line_style(series, TREND_COLOURS[marked.index(row) % len(TREND_COLOURS)] if row in marked else None)
        trend.series.append(series)
    if many:
        trend.legend.legendEntry = [LegendEntry(idx=n, delete=True) for n in range(units - len(marked))]
    trend.set_categories(Reference(sheet, min_col=CHART_FIRST_COLUMN, max_col=CHART_FIRST_COLUMN + 3,
                                   min_row=HEADING_ROW, max_row=HEADING_ROW))
    trend.legend.position = "r"
    trend.width, trend.height = wide, 14
    trend.y_axis.scaling.min = floor
    _axes_shown(trend)
    sheet.row_breaks.append(Break(id=at + 19))
    sheet.add_chart(trend, f"A{at + 20}")


# As on the report's web page: a trend of more than HIGHLIGHT_OVER units shows the year's top
# and bottom HIGHLIGHTED in colour over the rest in thin grey (29 lines in 29 colours cannot be
# told apart on paper).
HIGHLIGHT_OVER, HIGHLIGHTED = 10, 3
TREND_COLOURS = ("1F5FA8", "D9822B", "2E9E5B", "B23B3B", "7A4FB0", "2AA1B3", "8C6D31", "D4508F", "5B6B7A",
                 "9AA829")
GREY = "C4C4C4"


def _line_style(series, colour: str | None) -> None:
    """A unit's line: in its colour, 2.25 pt with a dot at each quarter; None: thin grey, no dots."""
    from openpyxl.chart.marker import Marker
    from openpyxl.chart.shapes import GraphicalProperties

    line = series.graphicalProperties.line
    line.solidFill = colour or GREY
    line.width = 28575 if colour else 9525  # EMU: 2.25 pt, 0.75 pt
    if colour is None:
        series.marker = Marker(symbol="none")
        return
    dot = GraphicalProperties(solidFill=colour)
    dot.line.solidFill = colour
    series.marker = Marker(symbol="circle", size=5, spPr=dot)


def _axes_shown(chart) -> None:
    # openpyxl ≥ 3.1 writes axes as deleted unless told otherwise: Excel would draw no labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


# --- every entry of the year ---------------------------------------------------------------

# The 积分明细 as a clerk prints it: A4 landscape, one page wide, its 11 pt scaled to no less
# than 8. Each column: its heading, its width (Excel's unit: a digit of BODY_FONT; a Chinese
# character takes two), whether it is printed, whether a text wider than it wraps. The unit's
# and the rule's codes and the 评分单位 (it follows from the rule, 第十四—十六条) are for
# filters and scripts: in the sheet, hidden, so not printed.
ENTRY_COLUMNS = (
    (msg.H_ID, 8, True, False),
    (msg.H_DATE, 11, True, False),          # 2019-05-30
    (msg.H_UNIT, 26, True, True),           # 晋城经济技术开发区管委会 on a line
    (msg.H_CODE, 11, False, False),
    (msg.H_RULE, 17, False, False),
    (msg.H_RULE_NAME, 11.5, True, True),    # the rules' short names: 未被催办, 评估不到位
    (msg.H_ROLE, 5, True, False),
    (msg.H_POINTS, 6.5, True, False),
    (msg.H_QTY, 5, True, False),
    (msg.H_MATTER, 16, True, True),         # 2019-kaifaqu-10
    (msg.H_REF, 21, True, True),            # 晋督字〔2019〕577号
    (msg.H_NOTE, 20, True, True),
    (msg.H_REVERSES, 6, True, False),
    (msg.H_CITE, 23, True, True),           # 积分办法 第十二条(三)
    (msg.H_SCORER, 9, False, False),
)
MARGIN_INCHES = 0.4   # left and right (top and bottom: Excel's own)
LEAST_PRINTED_PT = 8
LINE_PT = 15.75       # a line of 11 pt text in a row, its leading with it (Excel's 宋体: 14.25)


def printed_width_mm(widths: Iterable[float]) -> float:
    """What columns of these widths take on paper at 100 %: Excel draws a column of width w
    as 7·w + 5 pixels (a digit of an 11 pt font is 7 pixels), at 96 pixels an inch."""
    return sum(7 * w + 5 for w in widths) * 25.4 / 96


def printed_scale(widths: Iterable[float]) -> float:
    """The scale that fits columns of these widths one page wide on A4 landscape."""
    return min(1.0, (297 - 2 * 25.4 * MARGIN_INCHES) / printed_width_mm(widths))


def text_room(width: float) -> int:
    """The terminal columns (a Chinese character two) of text a column of `width` holds on a
    line: at 11 pt a column is 7⅓ pixels, and the cell keeps a few pixels of margin."""
    return int((7 * width + 5 - 6) / (22 / 3))


def text_lines(value, room: int | None) -> int:
    """The lines `value` takes in a column holding `room`: at least as many as its width
    takes, more where the words fall short of the line (jcdc.terminal.wrap)."""
    if room is None or not isinstance(value, str) or _width(value) <= room:
        return 1
    # Excel and LibreOffice also break after a hyphen: 2019- / yangcheng- / 10.
    return max(len(wrap(value.replace("-", "- "), room)), -(-_width(value) // room))


# The entries sheet's rows are written as the sheet's XML directly (_EntryRows),
# read from the ledger as tuples: openpyxl makes a cell object per value and
# wrote ~8,000 rows a CPU-second, XlsxWriter's constant_memory mode ~13,000, these
# ~50,000 (docs/benchmarks.md); openpyxl still writes everything else (the
# sheet's frame, the group sheets and their charts) and the three rows whose
# cells give each column's styles. False: every row through openpyxl, as the
# tests compare.
STREAMED_ENTRIES = True
STYLE_ROWS = 3  # as a row is plain, at the top of its lines, wrapped at the top


def _entries_frame(book, report: AnnualReport, count: int):
    """The entries sheet as _entries_sheet makes it, without its entries (widths,
    hidden columns, title, headings, frozen panes, filter over `count` rows, print
    setup), and three rows of one made-up entry whose cells carry each column's
    styles: plain, at the top, wrapped at the top (_Cells.at_top)."""
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(msg.REPORT_ENTRIES_SHEET)
    cells = _Cells(sheet)
    _frame(sheet, [c[1] for c in ENTRY_COLUMNS])
    sheet.page_margins.left = sheet.page_margins.right = MARGIN_INCHES
    for i, (_, _, printed, _) in enumerate(ENTRY_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].hidden = not printed
    sheet.append([cells.text(msg.REPORT_ENTRIES_TITLE.format(year=report.year), cells.title_font)])
    sheet.append([cells.text(h, cells.bold) for h in (c[0] for c in ENTRY_COLUMNS)])

    def made_up():  # every column given, each of its kind
        return [1, cells.date(dt.date(2000, 1, 1)), "x", "x", "x", "x", "x", cells.number(1, SIGNED), cells.count(1),
                "x", "x", "x", cells.count(1), "x", "x"]

    sheet.append(made_up())
    sheet.append([cells.at_top(v) for v in made_up()])
    sheet.append([cells.at_top(v, True) for v in made_up()])
    _filter(sheet, len(ENTRY_COLUMNS), HEADING_ROW + count)
    return sheet, None


def _with_entry_rows(frame, target: Path, part: str, report: AnnualReport, count: int, _=None) -> None:
    """The workbook `frame` written to `target` with the entries' rows in the
    sheet `part` in place of its rows of styles, streamed: one row in memory."""
    import re
    import zipfile

    written = 0
    # The entries' part deflated at level 3, not zlib's 6: half the time of its
    # deflate (a quarter of the command's), the file ~8 % larger than openpyxl's.
    with zipfile.ZipFile(frame) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=ENTRIES_DEFLATE) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != part:
                out.writestr(info, data)
                continue
            start = data.index(f'<row r="{HEADING_ROW + 1}"'.encode())
            end = data.index(b"</sheetData>", start)
            rows = re.findall(r"<row [^>]*>(.*?)</row>", data[start:end].decode())
            assert len(rows) == STYLE_ROWS
            styles = [{column: style for column, style in re.findall(r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?', row)}
                      for row in rows]
            # Zip64 only where the sheet may pass 2 GiB: an older Excel may balk at it.
            with out.open(info.filename, "w", force_zip64=count > 1_500_000) as f:
                f.write(data[:start])
                written = _EntryRows(report, styles).write(f, HEADING_ROW + 1)
                f.write(data[end:])
    if written != count:  # the filter was set for `count`: a read transaction keeps them one
        raise AssertionError(f"{written} entries written, {count} counted")


ENTRIES_DEFLATE = 3
COLUMN_LETTERS = "ABCDEFGHIJKLMNO"
EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()  # day 0 of Excel's 1900 date system, as openpyxl counts


class _EntryRows:
    """The entries sheet's rows as SpreadsheetML, from the ledger's tuples, the
    cells _entries_sheet makes through openpyxl: numbers as numbers, dates as
    dates (serial days), text inline (never a formula, whatever it starts with);
    a row with a text wider than its column laid out in lines (that text wrapped,
    every cell at the top, the row as high as its lines)."""

    def __init__(self, report: AnnualReport, styles: list[dict[str, str]]):
        self.report = report
        self.names, self.rules = report.names, _rule_names(report)
        # Per column, its cell's opening for each layout: plain, at the top, wrapped at the top.
        self.opening = [[_opening(letter, kind.get(letter, "")) for kind in styles] for letter in COLUMN_LETTERS]
        self.rooms = [text_room(c[1]) if c[2] and c[3] else None for c in ENTRY_COLUMNS]
        self.days: dict[str, int] = {}
        self.texts: dict[str, tuple[str, int]] = {}  # a text's <is> and its width

    def _day(self, iso: str) -> int:
        day = self.days.get(iso)
        if day is None:
            day = self.days[iso] = dt.date.fromisoformat(iso).toordinal() - EXCEL_EPOCH
        return day

    def _text(self, value: str) -> tuple[str, str]:
        """(the text as the cell holds it, its <is>)."""
        found = self.texts.get(value)
        if found is None:
            shown = document_text(value)
            found = (shown, _inline(shown))
            if shown == value and len(self.texts) < 100_000:  # a replaced character is counted each time
                self.texts[value] = found
        return found

    def write(self, f, first: int) -> int:
        names, rules, text, day, rooms, opening = self.names, self.rules, self._text, self._day, self.rooms, self.opening
        wraps = [i for i, room in enumerate(rooms) if room is not None]
        lined: dict[tuple[int, str], int] = {}  # the lines a text takes in its column, worked out once
        repeating = {2, 5, 13}  # 单位, 规则名称, 依据
        batch: list[str] = []
        r = first
        for (id_, unit, rule, role, date, points, qty, matter, ref, note, reverses, cite, scorer) in \
                self.report.entries.rows():
            shown = str(points // 10) if points % 10 == 0 else str(points / 10)
            title = rules.get(rule) or rule_name(rule)
            values = [(f"<v>{id_}</v>", None), (f"<v>{day(date)}</v>", None),
                      text(names.get(unit, unit)), text(unit), text(rule), text(title) if title else None,
                      text(msg.ROLE.get(role, role)), (f"<v>{shown}</v>", None), (f"<v>{qty}</v>", None),
                      text(matter) if matter else None, text(ref) if ref else None, text(note) if note else None,
                      (f"<v>{reverses}</v>", None) if reverses is not None else None, text(cite), text(scorer)]
            lines = [1] * 15
            for i in wraps:
                if values[i] is not None:
                    shown_text = values[i][0]
                    if shown_text.isascii() and len(shown_text) <= rooms[i]:
                        continue  # a line: ASCII takes a column a character
                    n = lined.get((i, shown_text))
                    if n is None:
                        n = text_lines(shown_text, rooms[i])
                        if i in repeating:  # names, rules and citations recur; 事项, 文号 and notes hardly
                            lined[i, shown_text] = n
                    lines[i] = n
            most = max(lines)
            cells = []
            for i, value in enumerate(values):
                if value is None:
                    continue
                letter, style = opening[i][0 if most == 1 else 2 if lines[i] > 1 else 1]
                if value[1] is None:  # a number
                    cells.append(f'<c r="{letter}{r}"{style} t="n">{value[0]}</c>')
                else:
                    cells.append(f'<c r="{letter}{r}"{style} t="inlineStr">{value[1]}</c>')
            height = "" if most == 1 else f' ht="{LINE_PT * most}" customHeight="1"'
            batch.append(f'<row r="{r}"{height}>{"".join(cells)}</row>')
            r += 1
            if len(batch) >= 1000:
                f.write("".join(batch).encode())
                batch.clear()
        f.write("".join(batch).encode())
        return r - first


def _opening(letter: str, style: str) -> tuple[str, str]:
    """(column letter, the style attribute) of a cell's opening tag."""
    return letter, f' s="{style}"' if style else ""


def _inline(value: str) -> str:
    """<is> of an inline string cell: escaped, spaces at either end kept."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if value.strip() != value:
        return f'<is><t xml:space="preserve">{escaped}</t></is>'
    return f"<is><t>{escaped}</t></is>"


def _rule_names(report: AnnualReport) -> dict[str, str]:
    """Each rule's name in the entries sheet: the catalogue of the version the year is ranked under."""
    catalogue = report.ranking.rules.rules if report.ranking.rules is not None else CATALOGUE
    return {code: rule_name(code, catalogue) for code in catalogue}


def _entries_sheet(book, report: AnnualReport) -> int:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(msg.REPORT_ENTRIES_SHEET)
    cells = _Cells(sheet)
    headings = [c[0] for c in ENTRY_COLUMNS]
    names, rules = report.names, _rule_names(report)
    _frame(sheet, [c[1] for c in ENTRY_COLUMNS])
    sheet.page_margins.left = sheet.page_margins.right = MARGIN_INCHES
    for i, (_, _, printed, _) in enumerate(ENTRY_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].hidden = not printed
    sheet.append([cells.text(msg.REPORT_ENTRIES_TITLE.format(year=report.year), cells.title_font)])
    sheet.append([cells.text(h, cells.bold) for h in headings])
    # A row with a text its column is too narrow for is laid out in lines: that text wrapped,
    # every cell at the top, the row as high as its lines (neither Excel nor LibreOffice makes a
    # row higher for a wrapped text it reads). Every other row goes as plain values.
    rooms = [text_room(c[1]) if c[2] and c[3] else None for c in ENTRY_COLUMNS]
    count = 0
    for entry in report.entries:
        row = _entry_row(cells, entry, names, rules)
        lines = [text_lines(v, room) for v, room in zip(row, rooms)]
        number = HEADING_ROW + count + 1
        if max(lines) > 1:
            row = [cells.at_top(v, n > 1) for v, n in zip(row, lines)]
            sheet.row_dimensions[number].height = LINE_PT * max(lines)
        sheet.append(row)  # written to the file here, its height with it
        sheet.row_dimensions.pop(number, None)
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
            cells.number(points_number(e.points), SIGNED), cells.count(e.qty), given(e.matter), given(e.ref),
            given(e.note), cells.count(e.reverses), text(e.cite), text(e.scorer)]
