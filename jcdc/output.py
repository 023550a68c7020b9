"""Rendering at the edge: the same rows as a rich table, CSV or JSON.

Commands build their rows once, in the JSON shape scripts rely on; a Column
says how a table or CSV cell shows a field. Data goes to stdout, messages to
stderr.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from jcdc import messages as msg
from jcdc.model import InputError


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """A control character stored before jcdc refused them at the door (an ESC in
    an old ledger) is shown as its code: a listing never
    clears or recolours the clerk's terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def points_cell(value: Any) -> str:
    """A JSON points number (12.5, 10, -0.5) shown with one decimal."""
    if value is None:
        return ""
    tenths = round(value * 10)
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def signed_points_cell(value: Any) -> str:
    text = points_cell(value)
    return "+" + text if value is not None and value > 0 else text


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    show: Callable[[Any], str] = _plain
    justify: str = "left"
    wrap: bool = False  # free text (notes, titles, lists of names) may wrap between words in a table
    keep: int = 0  # on a narrow terminal, columns give way lowest keep first (jcdc/terminal.py)
    shorten: bool = False  # free text made narrow, its phrases broken, before a column as needed gives way
    style: Callable[[Any], str] | None = None  # a terminal colour for the cell's value
    script: Callable[[Any], str] | None = None  # how CSV, read by scripts, shows it (a rule's code), if not as `show`

    def cell(self, row: dict) -> str:
        """The cell's text in a table, control characters made visible."""
        return visible(self.show(row.get(self.key)))

    def csv_text(self, value: Any) -> str:
        return (self.script or self.show)(value)


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def say(text: str) -> None:
    """A message for the clerk: stderr, so that stdout stays data."""
    sys.stderr.write(text + "\n")


def _utf8(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


# **Reading**: stdout may not be UTF-8 — a pipe or a redirect
# on Chinese Windows is in the system's code page (GBK), which has no emoji and
# no 䶮. Nothing jcdc prints may fail for it, and a script loses nothing: JSON is
# then pure ASCII (\uXXXX escapes, which every JSON reader turns back into the
# text, whatever encoding it decodes with: PowerShell's ConvertFrom-Json too),
# CSV is UTF-8 (emit_csv), and a table, for a person, stays in the code page
# and shows such a character as ?, with one line on stderr saying so.
UNENCODABLE_MARK = "?"
_UNENCODABLE = "jcdc-unencodable"
_warned = False


def _unencodable(error: UnicodeEncodeError):
    global _warned
    if not _warned:
        _warned = True
        sample = error.object[error.start:error.end].encode("ascii", "backslashreplace").decode("ascii")
        sys.stderr.write(msg.OUTPUT_UNENCODABLE.format(encoding=error.encoding, char=sample,
                                                       mark=UNENCODABLE_MARK) + "\n")
    return UNENCODABLE_MARK * (error.end - error.start), error.end


def guard_stdout() -> None:
    """Make stdout replace, visibly and with one warning, what its encoding cannot
    write, where it is not UTF-8 (a UTF-8 stream can write every character but a
    lone surrogate, which jcdc/cli.py refuses in one line)."""
    import codecs

    if _utf8(sys.stdout) or not hasattr(sys.stdout, "reconfigure"):
        return
    codecs.register_error(_UNENCODABLE, _unencodable)
    sys.stdout.reconfigure(errors=_UNENCODABLE)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=not _utf8(sys.stdout), indent=2) + "\n")


def emit_json_with_list(head: dict, key: str, items: Iterable[dict]) -> None:
    """{**head, key: [items…]} exactly as emit_json writes it, the items written as
    they come: a list of a million rows is never held whole."""
    ascii_only = not _utf8(sys.stdout)
    opened = json.dumps({**head, key: []}, ensure_ascii=ascii_only, indent=2)
    assert opened.endswith("[]\n}")
    sys.stdout.write(opened[:-len("]\n}")])
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=ascii_only, indent=2).replace("\n", "\n    ")
        sys.stdout.write(("\n    " if first else ",\n    ") + text)
        first = False
    sys.stdout.write("]\n}\n" if first else "\n  ]\n}\n")


def emit_csv(rows: Iterable[dict], columns: Sequence[Column]) -> None:
    """CSV on stdout, its cells as --output writes them: a text that a spreadsheet
    would run as a formula (=HYPERLINK(…)) neutralised, numbers as numbers."""
    if not _utf8(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        # CSV on a pipe or a redirect is read by a script: UTF-8, every character
        # whole, whatever the code page (GBK on Chinese Windows has no 䶮, no emoji).
        sys.stdout.reconfigure(encoding="utf-8")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([excel_text(c.heading) for c in columns])
    writer.writerows([csv_cell(c, row.get(c.key)) for c in columns] for row in rows)


def emit_plain_table(rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
                     caption: str | None = None) -> None:
    """The table as aligned plain text, for a pipe or a file: no box drawing to
    strip, one line per row for grep, and no rich to import (start-up time)."""
    from jcdc.terminal import width

    cells = [[c.heading for c in columns]]
    cells += [[c.cell(row).replace("\n", " ") for c in columns] for row in rows]
    widths = [max(width(line[i]) for line in cells) for i in range(len(columns))]
    out = [visible(title)] if title else []
    for line in cells:
        padded = [" " * (w - width(text)) + text if c.justify == "right" else text + " " * (w - width(text))
                  for c, w, text in zip(columns, widths, line)]
        out.append("  ".join(padded).rstrip())
    if caption:
        out.append(visible(caption))
    sys.stdout.write("\n".join(out) + "\n")


def is_terminal() -> bool:
    return sys.stdout.isatty()


def text_below(rows: Sequence[dict], below: Sequence[Column], label: Callable[[dict], str] | None) -> list[str]:
    """Long text shown under a table rather than as a column that gives way: one
    paragraph per row and column with text, "label heading: text"."""
    out = []
    for row in rows:
        for c in below:
            text = c.cell(row).strip()
            if text:
                out.append(f"{label(row) + ' ' if label else ''}{c.heading}: {text}")
    return out


def emit_table(rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
               caption: str | None = None, below: Sequence[Column] = (),
               label: Callable[[dict], str] | None = None) -> None:
    """On a terminal, a table laid out for its width (jcdc/terminal.py): nothing
    a clerk reads is broken across lines, and columns left out are named. The
    `below` columns (an article's text, a step's reasons) are paragraphs under
    the table, wrapped to the terminal, each starting with its row's `label`."""
    paragraphs = text_below(rows, below, label)
    if not is_terminal():
        emit_plain_table(rows, columns, title, caption)
        if paragraphs:
            sys.stdout.write("\n".join(visible(p) for p in paragraphs) + "\n")
        return
    from rich.text import Text

    from jcdc.terminal import render, wrap

    out = console()
    lines, hidden = render(rows, columns, out.width)
    # A column empty in every row gave way first and hides nothing: it is not named
    # (widening the terminal for it would show an empty column).
    hidden = [c for c in hidden if any(c.cell(row).strip() for row in rows)]

    def text(words: str, style: str = "") -> None:
        for line in wrap(visible(words), out.width, brackets=False):
            out.print(Text(line, style=style), soft_wrap=True)

    if title:
        text(title, "bold")
    for pieces in lines:
        out.print(Text.assemble(*pieces), soft_wrap=True)
    if hidden:
        text(msg.COLUMNS_HIDDEN.format(count=len(hidden), names="、".join(c.heading for c in hidden)), "dim")
    for paragraph in paragraphs:
        text(paragraph)
    if caption:
        text(caption)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# Text that a spreadsheet would run as a formula (CSV injection): = + - @, and the
# tab and carriage return some spreadsheets strip before looking.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_SIGNED_NUMBER = re.compile(r"[+-][0-9]+(\.[0-9]+)?")


def excel_text(text: str) -> str:
    """A text cell that cannot run as a formula: a leading apostrophe, as Excel's own.
    A figure written with its sign (+10.0, -0.5, a rule's range bound) is a number
    to any spreadsheet, never a formula, and stays as shown."""
    if text.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _shown_as_number(column: Column, value: Any) -> bool:
    """A number the column shows as a number (an id, a count, points), not a text made
    from it: the 冲销 column shows 冲销第 1 号 from an entry's id, and the 备注 of a
    reversal its reason; those are text, neutralised and typed as text."""
    return _is_number(value) and (column.show is _plain or column.show in _POINTS_FORMAT)


def csv_cell(column: Column, value: Any) -> str:
    """A cell of a CSV file for Excel: numbers as numbers (-0.5 stays -0.5), text neutralised."""
    shown = column.csv_text(value)
    return shown if _shown_as_number(column, value) else excel_text(shown)


def write_csv(path: Path, rows: Sequence[dict], columns: Sequence[Column], force: bool = False) -> None:
    from jcdc.files import replacing

    # UTF-8 with BOM: what Excel on Chinese Windows needs to read UTF-8.
    with replacing(path, force) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([excel_text(c.heading) for c in columns])
        writer.writerows([csv_cell(c, row.get(c.key)) for c in columns] for row in rows)


_POINTS_FORMAT = {points_cell: "0.0", signed_points_cell: "+0.0;-0.0;0.0"}  # one decimal, as shown


def add_sheet(book, name: str, rows: Sequence[dict], columns: Sequence[Column],
              title: str | None = None, notes: Sequence[str] = ()) -> None:
    """A sheet of a write-only openpyxl workbook: numbers as numbers, text always text,
    laid out to print as the report workbook does (jcdc/report_book.py): columns
    sized to their text (free text wrapped at 40), the title and heading frozen
    and repeated on every page, an autofilter, A4 landscape one page wide."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from jcdc.files import document_text
    from jcdc.report_book import BODY_FONT, BODY_SIZE, LINE_PT, text_lines, text_room
    from jcdc.terminal import width as text_width

    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", "", document_text(name))[:31])  # what Excel allows
    heading_row = 2 if title else 1
    sample = rows[:_XLSX_WIDTH_SAMPLE]  # widths from the first rows: a million are never shown twice
    for i, c in enumerate(columns):
        widest = max([text_width(c.heading), *(text_width(c.show(r.get(c.key))) for r in sample
                                               if not _shown_as_number(c, r.get(c.key))),
                      *(len(str(r.get(c.key))) for r in sample if _shown_as_number(c, r.get(c.key)))])
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(widest * 1.1 + 2, _XLSX_MOST_WIDTH)
    sheet.freeze_panes = f"A{heading_row + 1}"
    sheet.print_title_rows = f"1:{heading_row}"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    wrapped = Alignment(wrap_text=True, vertical="top")
    # A count (an id, days left) centred: beside a column of text it never reads as part of it
    # (剩余天数 3 beside 期限状态 3日内到期 read as 33日内到期); figures with a format stay right.
    centred, centred_top, top = Alignment(horizontal="center"), Alignment(horizontal="center", vertical="top"), \
        Alignment(vertical="top")

    def text(value: str, bold: bool = False, wrap: bool = False, size: float | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=document_text(value))
        cell.data_type = "s"  # never a formula, whatever it starts with
        if bold:
            cell.font = Font(name=BODY_FONT, bold=True, size=size or BODY_SIZE)
        if wrap:
            cell.alignment = wrapped
        return cell

    if title:
        sheet.append([text(title, bold=True, size=14)])
    sheet.append([text(c.heading, bold=True) for c in columns])
    formats = [_POINTS_FORMAT.get(c.show) for c in columns]
    rooms = [text_room(sheet.column_dimensions[get_column_letter(i + 1)].width) if c.wrap else None
             for i, c in enumerate(columns)]
    for number, row in enumerate(rows, start=heading_row + 1):
        cells, lines = [], 1
        for c, number_format, room in zip(columns, formats, rooms):
            value = row.get(c.key)
            if _shown_as_number(c, value):
                cell = WriteOnlyCell(sheet, value=value)
                if number_format:
                    cell.number_format = number_format
                elif isinstance(value, int):
                    cell.alignment = centred
                cells.append(cell)
            else:
                shown = c.show(value)
                lines = max(lines, text_lines(shown, room))
                cells.append(text(shown, wrap=c.wrap))
        if lines > 1:
            # Neither Excel nor LibreOffice makes a row higher for a wrapped text it reads: the
            # row as high as its lines, every cell at its top.
            for cell in cells:
                if not cell.alignment.wrap_text:
                    cell.alignment = centred_top if cell.alignment.horizontal == "center" else top
            sheet.row_dimensions[number].height = LINE_PT * lines
        sheet.append(cells)  # written to the file here, its height with it
        sheet.row_dimensions.pop(number, None)
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{heading_row}:{last}{heading_row + len(rows)}"
    for note in notes:
        sheet.append([text(note)])


_XLSX_MOST_WIDTH = 40  # Excel's units (a Latin character): wider free text wraps
_XLSX_WIDTH_SAMPLE = 1000


def write_xlsx(path: Path, sheets: Sequence[tuple[str, Sequence[dict], Sequence[Column], str | None, Sequence[str]]],
               force: bool = False) -> None:
    """sheets: (name, rows, columns, title, notes) each."""
    import io

    import openpyxl

    from jcdc.files import vet, write_bytes
    from jcdc.report_book import body_font

    vet(path, force)  # before the work of building the book
    book = openpyxl.Workbook(write_only=True)
    body_font(book)  # 宋体 11, as the report workbook: the widths are counted in its digits
    for name, rows, columns, title, notes in sheets:
        add_sheet(book, name, rows, columns, title, notes)
    # Built in memory (compressed, a fraction of the rows' size), then written
    # whole: openpyxl's own file would be left half-closed by a full disk.
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue(), force)


def write_json(path: Path, data: Any, force: bool = False) -> None:
    from jcdc.files import write_text

    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", force)


# What --output of a listing writes, by the file's extension (its help is made from this).
FILE_SUFFIXES = (".csv", ".xlsx", ".json")


def write_file(path: Path, rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
               force: bool = False, titled: bool = False) -> None:
    """--output FILE: the format follows the extension (FILE_SUFFIXES); written
    whole or not at all, never over an existing file unless force (jcdc/files.py).
    `titled`: a workbook's sheet has the title above its headings (as the report's)."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(path, list(rows), force)
    elif suffix == ".csv":
        write_csv(path, rows, columns, force)
    elif suffix == ".xlsx":
        write_xlsx(path, [(title or "Sheet1", rows, columns, title if titled else None, ())], force)
    else:
        raise InputError(msg.BAD_OUTPUT.format(path=path))


def emit(fmt: Format, rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
         caption: str | None = None, empty: str | None = None, output: Path | None = None,
         force: bool = False, below: Sequence[Column] = (), label: Callable[[dict], str] | None = None,
         titled: bool = False) -> None:
    """rows in the JSON shape; a table or CSV shows the columns; --output writes a file
    (--force: replacing an existing one; `titled`: a workbook with the title above
    the headings, as a document to print). `below`: long text a table shows under
    itself (emit_table); CSV and files have it as the last columns."""
    if fmt is not Format.table or output is not None:
        columns = [*columns, *below]
    if output is not None:
        write_file(output, rows, columns, title, force, titled)
        say(msg.FILE_WRITTEN.format(path=output, rows=len(rows)))
    elif fmt is Format.json:
        emit_json(list(rows))
    elif fmt is Format.csv:
        emit_csv(rows, columns)
    elif not rows and empty:
        say(empty)
    else:
        emit_table(rows, columns, title, caption, below, label)


def emit_grouped(fmt: Format, rows: Sequence[dict], columns: Sequence[Column], group_key: str,
                 title: Callable[[str], str], caption: str | None = None,
                 empty: str | None = None, output: Path | None = None, flat_title: str | None = None,
                 notes: dict[str, list[str]] | None = None, flat_extra: Sequence[Column] = (),
                 force: bool = False) -> None:
    """As emit(), with one table per group; CSV, JSON and files stay one flat list
    (titled flat_title), with the group as its first column: ranks restart in each group.

    `notes`: lines shown under a group's table; the flat list carries the same
    words in its rows, shown by the `flat_extra` columns."""
    if fmt is not Format.table or not rows or output is not None:
        flat = [Column(group_key, msg.H_GROUP), *(c for c in columns if c.key != group_key), *flat_extra]
        emit(fmt, rows, flat, flat_title, empty=empty, output=output, force=force)
        return
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[group_key], []).append(row)
    for i, (group, members) in enumerate(groups.items()):
        last = i == len(groups) - 1
        lines = [*(notes or {}).get(group, ()), *([caption] if last and caption else [])]
        emit_table(members, columns, title(group), "\n".join(lines) or None)


class Progress:
    """A rich progress bar on stderr, for work long enough to wait for; when
    the output goes to a pipe or a file it shows nothing."""

    def __init__(self, show: bool):
        self.bar = None
        if show and sys.stdout.isatty() and sys.stderr.isatty():
            from rich.progress import Progress as Bar

            self.bar = Bar(console=console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=None)

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=phase, completed=done, total=total)

    def __enter__(self):
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
