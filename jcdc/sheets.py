"""The files clerks hand to jcdc, read strictly: CSV and .xlsx into (line, cells).

Shared by `points import` (CSV or .xlsx), and for the CSV checks by `unit
import` and `inspector import` (units.read_units_file decodes their text).
Strict means nothing is guessed where the clerk cannot see it: an unclosed
quote, a file cut off in the middle of a character, an .xlsx that inflates
beyond XLSX_MAX_INFLATED are refused with the file and the line, never
swallowed, trimmed or decoded into nonsense.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError

# **Reading**: an .xlsx is a zip; openpyxl inflates its parts as it
# reads them, and a 2 MB file that inflates to 2 GiB took 4.3 GB of memory.
# Before openpyxl opens a file, the sizes its zip declares are checked against
# these caps (Python's zipfile never inflates a part beyond its declared size:
# a part that lies about it fails its CRC, and is refused as a damaged file).
# A sheet of 500,000 rows as Excel or openpyxl saves it inflates to ~220 MiB,
# at 10–15 : 1; larger tables are imported as CSV, which has no such limit.
XLSX_MAX_INFLATED = 256 << 20  # bytes, all parts together
XLSX_MAX_RATIO = 100           # inflated : compressed, for any part over 1 MiB
XLSX_MAX_PARTS = 10_000        # Excel writes a few dozen

# **Reading**: work and memory follow what the file really holds,
# never what it declares. A sheet's <dimension> is not read at all (a stale
# one hid 98 of 99 rows; one declaring A1:XFD1048576 made openpyxl pad 17
# billion cells); the rows and cells in the file are read as they stand, and
# each of these is refused beyond its cap, the cap named in the message.
SHEET_MAX_COLUMNS = 16_384            # cells in one row: Excel's own limit (column XFD)
SHEET_MAX_CELLS = 30_000_000          # rows × columns read from one file (1,000,000 rows of 30)
CSV_MAX_RECORD = 1 << 20              # characters in one CSV record (a row of the sheet)
XLSX_MAX_STRINGS = 500_000            # shared strings of a workbook (one a row of 500,000: the .xlsx cap) …
XLSX_MAX_STRING_CHARS = 32 << 20      # … their characters in all …
XLSX_MAX_STRING_PARTS = 4_000_000     # … and their XML elements (rich text runs)


def sniff_and_hash(f, name: str) -> tuple[str, str]:
    """(encoding, sha256) of a CSV byte stream, read once to its end.

    A BOM says UTF-8; otherwise the whole file must decode as UTF-8, or it is
    taken as GB18030 (GBK's superset: what Excel saves on Chinese Windows). A
    file that is UTF-8 up to a character cut off at its very end was cut off
    (a copy or a download that did not finish): refused, not taken as GB18030.
    """
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    head = b""
    for chunk in iter(lambda: f.read(1 << 20), b""):
        digest.update(chunk)
        if not head:
            head = chunk[:3]
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise JcdcError(msg.FILE_CUT_OFF.format(path=name)) from None
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", digest.hexdigest()
    return ("utf-8" if utf8 else "gb18030"), digest.hexdigest()


def csv_rows(f, encoding: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each record of a CSV byte stream; a record's line
    is where it starts. Strict: a quote left open is refused at the line it was
    opened on — a lenient reader would carry the rows below into that cell.
    Bounded: a record longer than CSV_MAX_RECORD characters, wider than
    SHEET_MAX_COLUMNS or beyond SHEET_MAX_CELLS in all is refused before it is
    held (one line of 33 million commas took 817 MB)."""
    text = io.TextIOWrapper(f, encoding=encoding, newline="")
    read = [0]  # characters of the record being read

    def lines():
        while chunk := text.readline(CSV_MAX_RECORD + 1):
            read[0] += len(chunk)
            if read[0] > CSV_MAX_RECORD:
                raise InputError(msg.CSV_RECORD_TOO_LONG.format(line=line, max=CSV_MAX_RECORD))
            yield chunk

    reader = csv.reader(lines(), strict=True)
    line = 1
    cells_read = 0
    try:
        for cells in reader:
            cells_read += len(cells)
            _within_caps(line, len(cells), cells_read)
            yield line, cells
            line = reader.line_num + 1
            read[0] = 0
    except UnicodeDecodeError:
        raise JcdcError(msg.IMPORT_ENCODING.format(path=name)) from None
    except csv.Error as e:
        if reader.line_num > line or "end of data" in str(e) or "expected after" in str(e):
            raise InputError(msg.CSV_OPEN_QUOTE.format(line=line, last=reader.line_num)) from None
        # a cell beyond the csv module's limit (128 KiB), a stray NUL …
        raise InputError(msg.IMPORT_BAD_CSV.format(line=reader.line_num, text=e)) from None


def _within_caps(line: int, width: int, cells_read: int) -> None:
    if width > SHEET_MAX_COLUMNS:
        raise InputError(msg.SHEET_TOO_WIDE.format(line=line, width=width, max=SHEET_MAX_COLUMNS))
    if cells_read > SHEET_MAX_CELLS:
        raise InputError(msg.SHEET_TOO_MANY_CELLS.format(line=line, max=SHEET_MAX_CELLS))


def check_xlsx_inflation(path: Path) -> None:
    """Refuse an .xlsx whose zip declares more than it may inflate to (see
    XLSX_MAX_INFLATED), before openpyxl opens it."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise JcdcError(msg.XLSX_UNREADABLE.format(path=path.name, reason=f"{type(e).__name__}: {e}")) from None
    if len(parts) > XLSX_MAX_PARTS:
        raise InputError(msg.XLSX_TOO_MANY_PARTS.format(path=path.name, count=len(parts), max=XLSX_MAX_PARTS))
    inflated = sum(p.file_size for p in parts)
    if inflated > XLSX_MAX_INFLATED:
        raise InputError(msg.XLSX_TOO_LARGE.format(
            path=path.name, size=inflated >> 20, max=XLSX_MAX_INFLATED >> 20))
    for p in parts:
        if p.file_size > 1 << 20 and p.file_size > XLSX_MAX_RATIO * max(p.compress_size, 1):
            raise InputError(msg.XLSX_RATIO.format(
                path=path.name, part=p.filename, ratio=p.file_size // max(p.compress_size, 1),
                max=XLSX_MAX_RATIO))


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class XlsxSheet:
    """The sheet of a workbook to import: its title, what was said about the
    choice (a hidden sheet passed over, a sheet named by --sheet), its rows."""

    title: str
    notes: list[str]
    rows: Iterator[tuple[int, list[str]]]
    close: Callable[[], None]   # the workbook's file let go (Windows locks an open file), read or not


def xlsx_sheet(path: Path, sheet: str | None = None) -> XlsxSheet:
    """The sheet to import, chosen as the clerk sees the workbook:
    the one visible sheet with content. A workbook with more than one, or
    whose content is only on hidden sheets, is refused unless `sheet` names
    one (Excel shows neither a hidden sheet nor which of two is meant)."""
    check_xlsx_inflation(path)
    with _workbook_read(path):
        book = _load(path)
    try:
        with _workbook_read(path):
            title, notes = _choose_sheet(path, book, sheet)
    except BaseException:
        book.close()
        raise
    return XlsxSheet(title, notes, _sheet_rows(path, book, title), book.close)


def _choose_sheet(path: Path, book, sheet: str | None) -> tuple[str, list[str]]:
    sheets = book.worksheets
    if sheet is not None:
        chosen = next((ws for ws in sheets if ws.title == sheet), None)
        if chosen is None:
            raise InputError(msg.XLSX_NO_SUCH_SHEET.format(
                path=path.name, sheet=sheet, sheets="、".join(f"「{ws.title}」" for ws in sheets)))
        notes = [msg.XLSX_SHEET_NAMED.format(sheet=chosen.title)]
        if chosen.sheet_state != "visible":
            notes.append(msg.XLSX_SHEET_HIDDEN_NAMED.format(sheet=chosen.title))
        return chosen.title, notes
    filled = [ws for ws in sheets if _has_content(path, book, ws)]
    visible = [ws for ws in filled if ws.sheet_state == "visible"]
    hidden = [ws for ws in filled if ws.sheet_state != "visible"]
    names = lambda found: "、".join(f"「{ws.title}」" for ws in found)  # noqa: E731
    if len(visible) > 1:
        raise InputError(msg.XLSX_SHEETS_MANY.format(path=path.name, count=len(visible), sheets=names(visible),
                                                     first=visible[0].title))
    if not visible and hidden:
        raise InputError(msg.XLSX_CONTENT_HIDDEN.format(path=path.name, sheets=names(hidden),
                                                        first=hidden[0].title))
    if visible:
        chosen = visible[0]
    else:  # nothing anywhere: the active sheet, which the import then finds empty
        active = book.active
        chosen = active if active in sheets else (sheets[0] if sheets else None)
        if chosen is None:
            raise InputError(msg.IMPORT_EMPTY.format(path=path.name))
    notes = [msg.XLSX_SHEET_READ.format(sheet=chosen.title)] if len(sheets) > 1 else []
    notes += [msg.XLSX_SHEET_HIDDEN_SKIPPED.format(sheet=ws.title) for ws in hidden]
    return chosen.title, notes


def _load(path: Path):
    """The workbook, read-only, its shared strings read by _shared_strings."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class Reader(ExcelReader):
        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as src:
                    self.shared_strings = _shared_strings(path, src)

    reader = Reader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _shared_strings(path: Path, src) -> list[str]:
    """The workbook's shared-string table, as openpyxl reads it (the plain
    text, or its rich-text runs joined; phonetic runs left out), counted as it
    is read and refused beyond its caps: a table within the inflation caps
    took openpyxl 2.09 GB and 466 s."""
    from xml.etree.ElementTree import iterparse

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    si, t, r = f"{ns}si", f"{ns}t", f"{ns}r"
    strings: list[str] = []
    chars = parts = 0
    for _, node in iterparse(src):
        parts += 1
        if parts > XLSX_MAX_STRING_PARTS:
            raise InputError(msg.XLSX_STRINGS_TOO_MANY.format(path=path.name, what=msg.XLSX_STRING_PARTS,
                                                              max=XLSX_MAX_STRING_PARTS))
        if node.tag != si:
            continue
        pieces = []
        for child in node:
            if child.tag == t:
                pieces.append(child.text or "")
            elif child.tag == r:
                run = child.find(t)
                if run is not None:
                    pieces.append(run.text or "")
        text = "".join(pieces).replace("x005F_", "")
        node.clear()
        chars += len(text)
        strings.append(text)
        if len(strings) > XLSX_MAX_STRINGS:
            raise InputError(msg.XLSX_STRINGS_TOO_MANY.format(path=path.name, what=msg.XLSX_STRING_COUNT,
                                                              max=XLSX_MAX_STRINGS))
        if chars > XLSX_MAX_STRING_CHARS:
            raise InputError(msg.XLSX_STRINGS_TOO_MANY.format(path=path.name, what=msg.XLSX_STRING_CHARS,
                                                              max=XLSX_MAX_STRING_CHARS))
    return strings


def _parsed_rows(book, ws) -> Iterator[tuple[int, list]]:
    """(row number, [(column, value)]) of each row the sheet's XML holds, in
    order: rows and cells that are not in the file are not made up, and the
    sheet's declared <dimension> is never consulted (openpyxl's read-only
    sheet trusts it: a stale one cut 99 rows to 1)."""
    from openpyxl.worksheet._reader import WorkSheetParser

    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for line, row in parser.parse():
            yield line, [(cell["column"], cell["value"]) for cell in row]


def _has_content(path: Path, book, ws) -> bool:
    for _, cells in _parsed_rows(book, ws):
        if any(_xlsx_cell(value).strip() for _, value in cells):
            return True
    return False


def _sheet_rows(path: Path, book, title: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the sheet, up to each row's last filled cell;
    the rows the file leaves out (Excel writes no empty row) are not given,
    so a row's number is its number in Excel."""
    ws = book[title]
    cells_read = 0
    with _workbook_read(path):
        for line, parsed in _parsed_rows(book, ws):
            filled = [(column, text) for column, text in ((c, _xlsx_cell(v)) for c, v in parsed) if text]
            width = max((column for column, _ in filled), default=0)
            cells_read += max(width, len(parsed))
            _within_caps(line, width, cells_read)
            cells = [""] * width
            for column, text in filled:
                cells[column - 1] = text
            yield line, cells


@contextlib.contextmanager
def _workbook_read(path: Path):
    """Whatever openpyxl raises on a file that is not a whole workbook — empty,
    cut short, not a zip, a zip without [Content_Types].xml, damaged XML, a part
    longer than its zip declares (cut there: its CRC fails) — is one line
    naming the file; jcdc's own refusals pass through."""
    try:
        yield
    except JcdcError:
        raise
    except Exception as e:
        raise JcdcError(msg.XLSX_UNREADABLE.format(path=path.name, reason=f"{type(e).__name__}: {e}")) from None


# --- whole files, for the smaller imports ------------------------------------------------


def read_csv_file(path: Path) -> str:
    """The file's text (units.read_units_file: its encoding, or a clear refusal),
    then the CSV checked as `points import` checks one: a quote left open, or a
    row with a filled cell beyond the header, is refused with its line rather
    than swallowed or trimmed by the csv module's DictReader."""
    from jcdc.units import read_units_file

    text = read_units_file(path)
    rows = csv_rows(io.BytesIO(text.encode("utf-8", errors="surrogatepass")), "utf-8", path.name)
    width = None
    for line, cells in rows:
        if width is None:
            if any(c.strip() for c in cells):
                width = len(cells)
            continue
        extra = [(n, c) for n, c in enumerate(cells[width:], start=width + 1) if c.strip()]
        if extra:
            n, cell = extra[0]
            raise InputError(msg.UNIT_FILE_ROW.format(line=line, text=msg.IMPORT_CELL_BEYOND.format(
                width=width, column=n, cell=cell.strip())))
    return text
