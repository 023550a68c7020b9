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
from collections.abc import Iterator
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError

# **Reading** (issue 11): an .xlsx is a zip; openpyxl inflates its parts as it
# reads them, and a 2 MB file that inflates to 2 GiB took 4.3 GB of memory.
# Before openpyxl opens a file, the sizes its zip declares are checked against
# these caps (Python's zipfile never inflates a part beyond its declared size:
# a part that lies about it fails its CRC, and is refused as a damaged file).
# A sheet of 500,000 rows as Excel or openpyxl saves it inflates to ~220 MiB,
# at 10–15 : 1; larger tables are imported as CSV, which has no such limit.
XLSX_MAX_INFLATED = 256 << 20  # bytes, all parts together
XLSX_MAX_RATIO = 100           # inflated : compressed, for any part over 1 MiB
XLSX_MAX_PARTS = 10_000        # Excel writes a few dozen


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
    opened on — a lenient reader would carry the rows below into that cell."""
    text = io.TextIOWrapper(f, encoding=encoding, newline="")
    reader = csv.reader(text, strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except UnicodeDecodeError:
        raise JcdcError(msg.IMPORT_ENCODING.format(path=name)) from None
    except csv.Error as e:
        if reader.line_num > line or "end of data" in str(e) or "expected after" in str(e):
            raise InputError(msg.CSV_OPEN_QUOTE.format(line=line, last=reader.line_num)) from None
        # a cell beyond the csv module's limit (128 KiB), a stray NUL …
        raise InputError(msg.IMPORT_BAD_CSV.format(line=reader.line_num, text=e)) from None


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


def xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the first sheet, its size checked first."""
    check_xlsx_inflation(path)
    import openpyxl

    with _workbook_read(path):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        with _workbook_read(path):
            for line, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
                yield line, [_xlsx_cell(v) for v in values]
    finally:
        book.close()


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
