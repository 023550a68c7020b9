"""`jcdc points import`: a spreadsheet of points entries into the ledger, all or nothing.

积分办法 第十五、十六条: the sections (third-party evaluation) and the openers of
13710 matters report their scores quarterly, as spreadsheets. Each row goes
through exactly the rules of `points add` (jcdc.points.draft), in date order,
with one shared Pending so that the rules depending on earlier entries count
the earlier rows of the file as well as the ledger.

The file is read once, row by row, into a TEMP table (jcdc.store); the rows
not yet imported come back from it sorted by date and are drafted and written
in chunks, so memory stays flat however long the file is.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import heapq
import io
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError, Role, parse_date, parse_points
from jcdc.points import Pending, PointsRequest, draft, parse_role, post
from jcdc.session import current_user, timestamp
from jcdc.store import Store
from jcdc.units import UnitIndex

# Column names, English or Chinese, as a clerk heads them.
HEADERS: dict[str, str] = {
    "date": "date", "日期": "date",
    "unit": "unit", "单位": "unit",
    "rule": "rule", "规则": "rule",
    "role": "role", "角色": "role",
    "points": "points", "分值": "points",
    "qty": "qty", "数量": "qty",
    "matter": "matter", "事项编号": "matter",
    "ref": "ref", "文号": "ref",
    "note": "note", "备注": "note",
    "key": "key", "编号": "key",
}
REQUIRED = ("date", "unit", "rule")
FIELDS = ("date", "unit", "rule", "role", "points", "qty", "matter", "ref", "note", "key")

ERROR_LIMIT = 20   # errors listed; the rest are counted
CHUNK = 10_000     # rows drafted and written at a time
ENCODINGS = {"auto": None, "utf-8": "utf-8", "utf8": "utf-8", "gb18030": "gb18030", "gbk": "gb18030"}


class ImportRefused(JcdcError):
    """The file has errors: nothing was written. `lines` lists them for the clerk."""

    def __init__(self, lines: list[str]):
        super().__init__(lines[-1])
        self.lines = lines


@dataclass(frozen=True)
class ImportResult:
    rows: int
    added: int
    skipped: int
    import_id: int | None  # None for a dry run
    file: str

    def as_json(self) -> dict:
        return {"rows": self.rows, "added": self.added, "skipped": self.skipped}


# --- reading the file -----------------------------------------------------------------


class _Errors:
    """The first ERROR_LIMIT errors by line number, and how many there were."""

    def __init__(self):
        self.count = 0
        self._heap: list[tuple[int, int, str]] = []  # (-line, -seq, text): a max-heap

    def add(self, line: int, text: str) -> None:
        self.count += 1
        item = (-line, -self.count, msg.IMPORT_ROW.format(line=line, text=text))
        if len(self._heap) < ERROR_LIMIT:
            heapq.heappush(self._heap, item)
        elif item > self._heap[0]:
            heapq.heapreplace(self._heap, item)

    def lines(self) -> list[str]:
        listed = [text for _, _, text in sorted(self._heap, reverse=True)]
        if self.count > len(listed):
            listed.append(msg.IMPORT_MORE_ERRORS.format(count=self.count - len(listed)))
        return [*listed, msg.IMPORT_REFUSED.format(errors=self.count)]


def _sniff_and_hash(f) -> tuple[str, str]:
    """(encoding, sha256) of a CSV byte stream, read once to its end.

    A BOM says UTF-8; otherwise the whole file must decode as UTF-8, or it is
    taken as GB18030 (GBK's superset: what Excel saves on Chinese Windows).
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
            utf8 = False
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", digest.hexdigest()
    return ("utf-8" if utf8 else "gb18030"), digest.hexdigest()


def _csv_rows(f, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each record; a record's line is where it starts."""
    text = io.TextIOWrapper(f, encoding=encoding, newline="")
    reader = csv.reader(text)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except UnicodeDecodeError:
        raise JcdcError(msg.IMPORT_ENCODING.format(path=getattr(f, "name", "-"))) from None
    except csv.Error as e:  # a cell beyond the csv module's limit (128 KiB), a stray NUL …
        raise InputError(msg.IMPORT_BAD_CSV.format(line=reader.line_num, text=e)) from None


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


@contextlib.contextmanager
def _workbook_read(path: Path):
    """Whatever openpyxl raises on a file that is not a whole workbook — empty,
    cut short, not a zip, a zip without [Content_Types].xml, damaged XML — is
    one line naming the file; jcdc's own refusals pass through."""
    try:
        yield
    except JcdcError:
        raise
    except Exception as e:
        raise JcdcError(msg.XLSX_UNREADABLE.format(path=path.name, reason=f"{type(e).__name__}: {e}")) from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    with _workbook_read(path):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        with _workbook_read(path):
            for line, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
                yield line, [_xlsx_cell(v) for v in values]
    finally:
        book.close()


def _header(line: int, cells: list[str]) -> list[str | None]:
    """The field of each column, from its heading (English or Chinese)."""
    fields: list[str | None] = []
    for cell in cells:
        name = cell.strip().lstrip("\ufeff")
        if not name:
            fields.append(None)
            continue
        field = HEADERS.get(name.lower(), HEADERS.get(name))
        if field is None:
            known = "、".join(f"{en}/{cn}" for en, cn in zip(list(HEADERS)[::2], list(HEADERS)[1::2]))
            raise InputError(msg.IMPORT_HEADER_UNKNOWN.format(line=line, name=name, known=known))
        if field in fields:
            raise InputError(msg.IMPORT_HEADER_TWICE.format(line=line, name=name))
        fields.append(field)
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        raise InputError(msg.IMPORT_HEADER_MISSING.format(line=line, missing=", ".join(missing)))
    return fields


# Dates, figures and roles repeat thousands of times in a file: parse each text once.
_date = lru_cache(maxsize=4096)(parse_date)
_points = lru_cache(maxsize=4096)(parse_points)
_role = lru_cache(maxsize=64)(parse_role)


def _qty(text: str) -> int:
    if not text:
        return 1
    try:
        qty = int(text)
    except ValueError:
        qty = 0
    if qty < 1:
        raise InputError(msg.BAD_QTY.format(qty=text))
    return qty


def _parse(cells: dict[str, str], units: UnitIndex) -> tuple:
    """A row as the scratch table keeps it: parsed, with the unit by its code."""
    day = _date(cells["date"]).isoformat()
    unit = units.find(cells["unit"]).code
    rule = cells["rule"]
    role = _role(cells.get("role") or None).value
    points = _points(cells["points"]) if cells.get("points") else None
    qty = _qty(cells.get("qty", ""))
    matter, ref, note, key = (cells.get(f) or None for f in ("matter", "ref", "note", "key"))
    content = None
    if key is None:
        # A row's identity without a key: what it says, not how it was typed
        # (2019/3/5 and 2019-03-05, a unit's name and its code, are the same row).
        content = hashlib.blake2b("\x1f".join(
            str(v) for v in (day, unit, rule, role, points, qty, matter, ref, note)).encode(),
            digest_size=16).hexdigest()
    return day, unit, rule, role, points, qty, matter, ref, note, key, content


Progress = Callable[[str, int, "int | None"], None]  # (phase, rows done, rows in all)


def _read_into_scratch(store: Store, rows: Iterator[tuple[int, list[str]]], name: str,
                       units: UnitIndex, errors: _Errors, progress: Progress) -> int:
    fields: list[str | None] | None = None
    count = 0
    batch: list[tuple] = []
    for line, raw in rows:
        cells = [c.strip() for c in raw]
        if not any(cells):
            continue  # blank lines, and Excel's empty rows below the data
        if fields is None:
            fields = _header(line, cells)
            continue
        count += 1
        named = {f: c for f, c in zip(fields, cells) if f is not None}
        for f in REQUIRED:
            named.setdefault(f, "")
        try:
            batch.append((line, *_parse(named, units)))
        except JcdcError as e:
            errors.add(line, str(e))
        if len(batch) >= CHUNK:
            store.scratch_add(batch)
            batch.clear()
            progress(msg.IMPORT_PROGRESS_READ, count, None)
    store.scratch_add(batch)
    if fields is None:
        raise InputError(msg.IMPORT_EMPTY.format(path=name))
    return count


# --- the use case ---------------------------------------------------------------------


def open_source(path: str) -> tuple[Path | None, str, str]:
    """(the file, or None for stdin; its name; "csv" or "xlsx")."""
    if path == "-":
        return None, "-", "csv"
    p = Path(path)
    kind = p.suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        raise InputError(msg.IMPORT_BAD_TYPE.format(path=path))
    try:
        found = p.is_file()
    except (OSError, ValueError) as e:  # a name too long for the file system
        raise JcdcError(msg.FILE_UNREADABLE.format(path=path, reason=getattr(e, "strerror", None) or e)) from None
    if not found:
        raise JcdcError(msg.FILE_NOT_FOUND.format(path=path))
    return p, p.name, kind


def import_file(store: Store, path: str, encoding: str = "auto", dry_run: bool = False,
                by: str | None = None, progress: Progress = lambda phase, done, total: None) -> ImportResult:
    """Import a .csv or .xlsx file ("-": CSV on stdin). All rows are written, or none."""
    if encoding.lower() not in ENCODINGS:
        raise InputError(msg.IMPORT_BAD_ENCODING.format(text=encoding))
    forced = ENCODINGS[encoding.lower()]
    source, name, kind = open_source(path)
    with _seekable(source) as f:
        if kind == "xlsx":
            sha = hashlib.file_digest(f, "sha256").hexdigest()
            rows = _xlsx_rows(source)
        else:
            sniffed, sha = _sniff_and_hash(f)
            f.seek(0)
            if forced == "utf-8" and sniffed == "utf-8-sig":
                forced = sniffed
            rows = _csv_rows(f, forced or sniffed)
        return _import_rows(store, rows, name, sha, dry_run, by, progress)


@contextlib.contextmanager
def _seekable(source: Path | None):
    """The file's bytes, seekable: the file opened in binary, or stdin spooled to a
    temporary file (memory stays flat; the content can be hashed, then read)."""
    if source is not None:
        f = source.open("rb")
    else:
        f = tempfile.SpooledTemporaryFile(max_size=8 << 20)
        for chunk in iter(lambda: sys.stdin.buffer.read(1 << 20), b""):
            f.write(chunk)
        f.seek(0)
    with f:
        yield f


def _import_rows(store: Store, rows: Iterator[tuple[int, list[str]]], name: str, sha: str,
                 dry_run: bool, by: str | None, progress: Progress) -> ImportResult:
    errors = _Errors()
    units = UnitIndex.of(store)
    who = current_user(by)
    with store.write():
        import_id = store.next_id("imports")
        source = f"import:{import_id}"
        store.import_scratch()
        total = _read_into_scratch(store, rows, name, units, errors, progress)
        for line, key, first in store.scratch_repeated_keys():
            errors.add(line, msg.IMPORT_KEY_TWICE.format(key=key, first=first))

        pending = Pending()
        added = 0
        cursor = store.scratch_new_rows()
        while chunk := cursor.fetchmany(CHUNK):
            drafts, identities = [], []
            for line, day, unit, rule, role, points, qty, matter, ref, note, identity in chunk:
                req = PointsRequest(unit=unit, rule=rule, date=dt.date.fromisoformat(day), role=Role(role),
                                    points=points, qty=qty, matter=matter, ref=ref, note=note, source=source)
                try:
                    drafts.append(draft(store, units, req, pending))
                    identities.append(identity)
                except JcdcError as e:
                    errors.add(line, str(e))
            added += len(drafts)
            if not errors.count and not dry_run:
                store.add_import_rows(zip(identities, post(store, drafts, who)))
                pending = Pending()  # written: the ledger itself now counts these rows
            progress(msg.IMPORT_PROGRESS_WRITE, added, total)

        if errors.count:
            raise ImportRefused(errors.lines())  # store.write() rolls everything back
        result = ImportResult(total, added, total - added, None if dry_run else import_id, name)
        if not dry_run:
            [written] = store.append("imports", [{
                "file": name, "sha256": sha, "rows": total, "added": added, "skipped": total - added,
                "recorded_by": who, "recorded_at": timestamp()}])
            assert written == import_id
    return result
