"""`jcdc points import`: a spreadsheet of points entries into the ledger, all or nothing.

积分办法 第十五、十六条: the sections (third-party evaluation) and the openers of
13710 matters report their scores quarterly, as spreadsheets. Each row goes
through exactly the rules of `points add` (jcdc.points.draft), in date order,
with one shared Pending so that the rules depending on earlier entries count
the earlier rows of the file as well as the ledger.

The file (jcdc.sheets reads it, strictly) is read once, row by row, into a
TEMP table (jcdc.store); the rows not yet imported come back from it sorted by
date and are drafted into a second TEMP table, all before the write lock is
taken; then the drafts are written in chunks. Memory stays flat however long
the file is, and a `points add` meanwhile waits only for the writing.

A sheet as an office makes it is read as the clerk sees it: the
header is found below a title row or two, a 序号 column and blank rows are
passed over, and a 合计 line at the bottom is passed over when it is clearly
one; each is said in the summary (ImportResult.notes).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import heapq
import re
import pickle
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jcdc import chain
from jcdc import messages as msg
from jcdc.import_rows import content_identity, default_source, key_identity
from jcdc.model import (
    EntryDraft, InputError, JcdcError, Quarter, Role, ascii_digits, clean_text, fmt_points, is_whole_number,
    optional_text, parse_points, points_number,
)
from jcdc.points import Pending, PointsRequest, draft, find_rule, parse_role, post, revoke
from jcdc.rules.jifen import entry_points
from jcdc.session import current_user, parse_date, timestamp
from jcdc.sheets import csv_rows, sniff_and_hash, xlsx_sheet
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
class Correction:
    """A row of the file that corrects a standing imported entry (积分办法 第十五、
    十六条; third reading: a corrected sheet sent again): the same unit, rule,
    date, role, matter and 文号 (or the same 编号 of the same source), another
    figure or quantity."""

    line: int
    entry: int       # the standing entry it corrects
    points: int      # that entry's figure and quantity
    qty: int
    reversal: int | None = None  # once written: the reversal of `entry`, and the entry recorded for the row
    new: int | None = None
    new_points: int | None = None


@dataclass(frozen=True)
class ImportResult:
    rows: int
    added: int
    skipped: int
    import_id: int | None  # None for a dry run
    file: str
    notes: tuple[str, ...] = ()  # what was passed over, and why: title rows, 序号, blank rows, a total line
    source: str = ""
    ids: tuple[tuple[int, int], ...] = ()          # the entries added, as runs of ids (first, last)
    corrections: tuple[Correction, ...] = ()
    passed: tuple[tuple[int, str], ...] = ()       # the total lines passed over: (line, why, as the table says it)

    def as_json(self) -> dict:
        found = {"rows": self.rows, "added": self.added, "skipped": self.skipped}
        if self.corrections:
            found["corrected"] = len(self.corrections)
        return found


# --- reading the file -----------------------------------------------------------------


def sheet_terms(text: str) -> str:
    """A refusal of `points add` in the sheet's words: --points is the 「分值」列 there."""
    for option, column in msg.SHEET_COLUMN.items():
        text = re.sub(rf" ?{option}\b ?", column, text)
    return text


def stated_figure(rule, role: Role, points: int | None, qty: int, line: int, errors: "_Errors") -> tuple[bool, int | None]:
    """The 分值 of a row as `points add` takes it. Offices write a fixed figure as the
    row's total: −3 for 材料迟报 with 数量 3 (积分办法 第十二条(四): −1 a day) is that
    figure × 数量, accepted as such, and so is the figure of one item. Anything else
    is refused in the sheet's terms. (ok, the figure to give draft)."""
    amount = None if rule.escalates else rule.amount(role)
    if points is None or amount is None or not amount.fixed:
        return True, points
    if points in (amount.low, amount.low * qty):
        return True, None
    errors.add(line, msg.IMPORT_POINTS_FIXED.format(
        points=fmt_points(points, signed=True), rule=rule.name, each=fmt_points(amount.low, signed=True),
        qty=qty, total=fmt_points(amount.low * qty, signed=True)))
    return False, None


class _Errors:
    """The first ERROR_LIMIT errors by line number, and how many there were."""

    def __init__(self):
        self.count = 0
        self._heap: list[tuple[int, int, str]] = []  # (-line, -seq, text): a max-heap

    def add(self, line: int, text: str) -> None:
        self.count += 1
        item = (-line, -self.count, msg.IMPORT_ROW.format(line=line, text=sheet_terms(text)))
        if len(self._heap) < ERROR_LIMIT:
            heapq.heappush(self._heap, item)
        elif item > self._heap[0]:
            heapq.heapreplace(self._heap, item)

    def lines(self) -> list[str]:
        listed = [text for _, _, text in sorted(self._heap, reverse=True)]
        if self.count > len(listed):
            listed.append(msg.IMPORT_MORE_ERRORS.format(count=self.count - len(listed)))
        return [*listed, msg.IMPORT_REFUSED.format(errors=self.count)]


SERIAL = "serial"  # the field of a 序号 column: the office's own row numbers, not imported
SERIAL_HEADERS = frozenset({"序号", "no", "no."})
# **Reading**: a row whose 序号, 日期, 单位 or 规则 cell says one of
# these is a total line of the office's sheet, not an entry.
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "共计"})
HEADER_WITHIN = 10  # the header is found among the file's first lines …
TITLE_CELLS = 2     # … below title rows of at most this many filled cells
BLANK_SHOWN = 10   # blank lines named in the summary
LABELS = {"date": "日期", "unit": "单位", "rule": "规则", "role": "角色", "points": "分值", "qty": "数量",
          "matter": "事项编号", "ref": "文号", "note": "备注", "key": "编号"}


def _compact(cell: str) -> str:
    """A heading or a total word as typed: '日  期' centred with spaces, '合计：'."""
    return "".join(cell.lstrip("\ufeff").split()).rstrip(":：")


def _field_of(cell: str) -> str | None:
    name = _compact(cell).lower()
    return SERIAL if name in SERIAL_HEADERS else HEADERS.get(name)


def _header(line: int, cells: list[str]) -> list[str | None]:
    """The field of each column, from its heading (English or Chinese)."""
    fields: list[str | None] = []
    for cell in cells:
        name = cell.strip().lstrip("\ufeff")
        if not name:
            fields.append(None)
            continue
        field = _field_of(name)
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


@lru_cache(maxsize=256)
def _rule(text: str) -> str:
    """The rule's code, from its code, short name or full title: a row is known
    by the rule it names, however the section's spreadsheet spelled it."""
    return find_rule(text).code


def _qty(text: str) -> int:
    if not text:
        return 1
    qty = int(ascii_digits(text)) if is_whole_number(text) else 0  # never ١٢ or 1_0 (model.ascii_digits)
    if qty < 1:
        raise InputError(msg.BAD_QTY.format(qty=text))
    return qty


@lru_cache(maxsize=4096)
def _cell_text(value: str | None, field: str, name: bool = False) -> str | None:
    """A 事项编号, 文号, 备注 or 编号 as the entry will hold it (model.clean_text),
    checked as the row is read: the identity is made of what is stored."""
    return optional_text(value, field, name)


@lru_cache(maxsize=4096)
def _qkey(day: str) -> int:
    return Quarter.of(dt.date.fromisoformat(day)).key


def _parse(cells: dict[str, str], units: UnitIndex, source: str) -> tuple:
    """A row as the scratch table keeps it: parsed, with the unit by its code,
    and its identity's key (the key's, in its source; else its content's)."""
    day = _date(cells["date"]).isoformat()
    unit = units.find(cells["unit"]).code
    rule = _rule(cells["rule"])
    role = _role(cells.get("role") or None).value
    points = _points(cells["points"]) if cells.get("points") else None
    qty = _qty(cells.get("qty", ""))
    matter, ref, note = (_cell_text(cells.get(f) or None, f) for f in ("matter", "ref", "note"))
    key = _cell_text(cells.get("key") or None, "key", name=True)
    if key is None:
        # what it says, not how it was typed (2019/3/5 and 2019-03-05, a unit's name and its code, are the same row)
        content = content_identity(day, unit, rule, role, points, qty, matter, ref, note)
    else:
        content = key_identity(source, key)
    return day, _qkey(day), unit, rule, role, points, qty, matter, ref, note, key, content


Progress = Callable[[str, int, "int | None"], None]  # (phase, rows done, rows in all)


@dataclass
class _Sheet:
    """What reading a file found besides its rows: where the header is, and
    every line or column passed over, to say so in the summary."""

    fields: list[str | None] | None = None
    rows: int = 0
    titles: list[tuple[int, str]] = field(default_factory=list)
    blank: int = 0          # blank lines between rows of data (those Excel leaves out of the file too) …
    blank_lines: list[int] = field(default_factory=list)  # … and the first BLANK_SHOWN of them
    totals: list[tuple[int, str, str]] = field(default_factory=list)  # (line, word, what was checked)
    points_sum: int = 0     # the 分值 cells of the rows read, for a total line to be checked against …
    scored_sum: int | None = 0  # … or the rows' scores, a fixed rule's figure included (None: not known
                                # before the ledger is read, as a 13710 return's place is)
    qty_sum: int = 0        # the 数量 cells as typed …
    qty_count: int = 0      # … and as counted (an empty cell is 1)

    def passed_blank(self, first: int, last: int) -> None:
        """Lines first..last, blank, lay between rows of data."""
        self.blank += last - first + 1
        self.blank_lines += range(first, min(last, first + BLANK_SHOWN - len(self.blank_lines) - 1) + 1)

    def notes(self) -> list[str]:
        notes = [msg.IMPORT_SKIPPED_TITLE.format(line=line, text=text) for line, text in self.titles]
        if self.fields is not None and SERIAL in self.fields:
            column = self.fields.index(SERIAL)
            notes.append(msg.IMPORT_SKIPPED_SERIAL.format(name="序号", column=column + 1))
        if self.blank:
            shown = "、".join(map(str, self.blank_lines)) + ("……" if self.blank > len(self.blank_lines) else "")
            notes.append(msg.IMPORT_SKIPPED_BLANK.format(count=self.blank, lines=shown))
        notes += [msg.IMPORT_SKIPPED_TOTAL.format(line=line, word=word, checked=checked)
                  for line, word, checked in self.totals]
        return notes


def _find_header(sheet: _Sheet, line: int, cells: list[str]) -> None:
    """The header, or a title row above it (offices head a sheet with
    its title, 2019年第二季度第三方评估结果); anything else is refused."""
    filled = [c for c in cells if c]
    headings = [c for c in filled if _field_of(c) is not None]
    if not headings and len(filled) <= TITLE_CELLS and line < HEADER_WITHIN:
        sheet.titles.append((line, " ".join(filled)))
        return
    if line > HEADER_WITHIN or not headings and len(filled) <= TITLE_CELLS:
        raise InputError(msg.IMPORT_HEADER_TOO_LOW.format(within=HEADER_WITHIN))
    if not headings:
        raise InputError(msg.IMPORT_NO_HEADER.format(within=HEADER_WITHIN, line=line, cells=len(filled)))
    sheet.fields = _header(line, cells)


def _outside(fields: list[str | None], cells: list[str]) -> str | None:
    """A filled cell in a column with no heading, or beyond the header: refused,
    never dropped (a cell the import would not read is a cell the clerk lost)."""
    for n, cell in enumerate(cells):
        if cell and n >= len(fields):
            return msg.IMPORT_CELL_BEYOND.format(width=len(fields), column=n + 1, cell=cell)
        if cell and fields[n] is None:
            return msg.IMPORT_CELL_UNHEADED.format(column=n + 1, cell=cell)
    return None


def _total_word(cells: list[str], columns: tuple[int, ...]) -> str | None:
    """The total word (合计 …) in one of the columns given (序号, 日期, 单位, 规则), if any."""
    for n in columns:
        if n < len(cells) and "计" in cells[n] and _compact(cells[n]) in TOTAL_WORDS:
            return _compact(cells[n])
    return None


def _scored(rule: str, role: str, points: int | None, qty: int) -> int | None:
    """A row's score as far as the row alone tells it (积分办法 第十一、十二条), for a
    total line to be checked against; None where it depends on the ledger (a
    13710 return's place) or the row is refused anyway (its error said at draft)."""
    found = find_rule(rule)
    if found.escalates:
        return None
    try:
        return entry_points(found, Role(role), points, qty)
    except JcdcError:
        return None


def _judge_total(sheet: _Sheet, named: dict[str, str], word: str, check_sums: bool) -> tuple[str | None, str]:
    """(why it is refused, or None; what was checked): a total line is passed
    over only when it is clearly one — no date, rule or other entry field, and
    each figure it gives equal to the sum of the rows above it."""
    filled = [LABELS[f] for f in ("date", "unit", "rule", "role", "matter", "ref", "key")
              if named.get(f) and _compact(named[f]) not in TOTAL_WORDS]
    if filled:
        return msg.IMPORT_TOTAL_HAS_DATA.format(word=word, fields="、".join(filled)), ""
    checked = []
    if named.get("points"):
        try:
            total = parse_points(named["points"])
        except JcdcError:
            total = None
        # The office's total adds up either the 分值 cells or the scores (an empty
        # 分值 of a fixed rule is its figure: 存在问题 counts -5).
        if check_sums and total not in (sheet.points_sum, sheet.scored_sum):
            shown = sheet.scored_sum if sheet.scored_sum is not None else sheet.points_sum
            return msg.IMPORT_TOTAL_MISMATCH.format(word=word, field=LABELS["points"], total=named["points"],
                                                    sum=fmt_points(shown)), ""
        checked.append(f"{LABELS['points']} {named['points']}")
    if named.get("qty"):
        qty = named["qty"]
        if check_sums and qty not in (str(sheet.qty_sum), str(sheet.qty_count)):
            return msg.IMPORT_TOTAL_MISMATCH.format(word=word, field=LABELS["qty"], total=qty,
                                                    sum=sheet.qty_count), ""
        checked.append(f"{LABELS['qty']} {qty}")
    return None, (msg.IMPORT_TOTAL_CHECKED.format(sums=", ".join(checked)) if checked
                  else msg.IMPORT_TOTAL_NO_FIGURES)


def _read_into_scratch(store: Store, rows: Iterator[tuple[int, list[str]]], name: str, source: str,
                       units: UnitIndex, errors: _Errors, progress: Progress) -> _Sheet:
    sheet = _Sheet()
    batch: list[tuple] = []
    filled = 0                 # the last line with content: the lines after it, to a filled one, were blank
    totals: list[tuple[int, str, str | None, str]] = []  # total lines read, judged once the rows below are known
    for line, raw in rows:
        cells = [c.strip() for c in raw]
        if not any(cells):
            continue
        if sheet.fields is not None and line > filled + 1:
            sheet.passed_blank(filled + 1, line - 1)
        filled = line
        if sheet.fields is None:
            _find_header(sheet, line, cells)
            if sheet.fields is not None:
                width = len(sheet.fields)
                unheaded = tuple(n for n, f in enumerate(sheet.fields) if f is None)
                fields = [None if f is SERIAL else f for f in sheet.fields]  # the columns imported
                total_columns = tuple(n for n, f in enumerate(sheet.fields) if f in (SERIAL, "date", "unit", "rule"))
            continue
        if len(cells) > width and any(cells[width:]) or unheaded and any(cells[n] for n in unheaded
                                                                         if n < len(cells)):
            errors.add(line, _outside(sheet.fields, cells))
            continue
        named = {f: c for f, c in zip(fields, cells) if f is not None}
        word = _total_word(cells, total_columns)
        if word is not None:
            totals.append((line, word, *_judge_total(sheet, named, word, check_sums=not errors.count)))
            continue
        for total_line, total_word, _, _ in totals:
            errors.add(total_line, msg.IMPORT_TOTAL_NOT_LAST.format(word=total_word, next=line))
        totals = []
        sheet.rows += 1
        for f in REQUIRED:
            named.setdefault(f, "")
        try:
            row = _parse(named, units, source)
        except JcdcError as e:
            errors.add(line, str(e))
        else:
            batch.append((line, *row))
            points, qty = row[5], row[6]
            sheet.points_sum += points or 0
            scored = _scored(row[3], row[4], points, qty)
            sheet.scored_sum = None if sheet.scored_sum is None or scored is None else sheet.scored_sum + scored
            sheet.qty_count += qty
            sheet.qty_sum += qty if named.get("qty") else 0
        if len(batch) >= CHUNK:
            store.scratch_add(batch)
            batch.clear()
            progress(msg.IMPORT_PROGRESS_READ, sheet.rows, None)
    store.scratch_add(batch)
    if sheet.fields is None:
        raise InputError(msg.IMPORT_EMPTY.format(path=name))
    for line, word, refused, checked in totals:
        if refused is not None:
            errors.add(line, refused)
        else:
            sheet.totals.append((line, word, checked))
    return sheet


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
                by: str | None = None, progress: Progress = lambda phase, done, total: None,
                sheet: str | None = None, source: str | None = None, corrections: bool = False) -> ImportResult:
    """Import a .csv or .xlsx file ("-": CSV on stdin). All rows are written, or none.

    `sheet`: the worksheet of an .xlsx to import (else the one visible sheet
    with content). `source`: whose keys the file's 编号 are (else the file's
    name without its extension). `corrections`: a row correcting a standing
    imported entry revokes it and is recorded in its place; without it such a
    file is refused, listing those rows."""
    if encoding.lower() not in ENCODINGS:
        raise InputError(msg.IMPORT_BAD_ENCODING.format(text=encoding))
    forced = ENCODINGS[encoding.lower()]
    file, name, kind = open_source(path)
    if sheet is not None and kind != "xlsx":
        raise InputError(msg.SHEET_ONLY_XLSX)
    named = source is not None
    source = clean_text(source if named else default_source(name), "source", name=True)
    if not source:
        raise InputError(msg.IMPORT_SOURCE_EMPTY if named else msg.IMPORT_SOURCE_NEEDED.format(file=name))
    said: list[str] = []
    done = lambda: None  # noqa: E731 — what lets go of the file once read
    with _seekable(file) as f:
        if kind == "xlsx":
            sha = hashlib.file_digest(f, "sha256").hexdigest()
            chosen = xlsx_sheet(file, sheet)
            rows, said, done = chosen.rows, chosen.notes, chosen.close
        else:
            sniffed, sha = sniff_and_hash(f, name)
            f.seek(0)
            if forced == "utf-8" and sniffed == "utf-8-sig":
                forced = sniffed
            rows = csv_rows(f, forced or sniffed, name)
        try:
            result = _import_rows(store, rows, _Import(name, sha, source, named, dry_run, corrections, by, progress))
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
            done()
        return dataclasses.replace(result, notes=(*said, *result.notes))


# --- what a dry run shows ---------------------------------------------------------------


@dataclass(frozen=True)
class PlannedLine:
    """A line of the file and what the import would do with it (points import
    --dry-run): record it, find it already in the ledger, revoke the entry it
    corrects and record it in that entry's place, or pass over a total line.
    `points`: the figure the import would record (the rules' own, 积分办法 第十一、
    十二条), or that of the entry already in the ledger."""

    line: int
    date: str | None
    unit: str | None
    rule: str | None
    points: int | None
    action: str          # one of ACTIONS
    entry: int | None    # the entry it already is, or the one it corrects
    said: str            # the action in the import's words

    def as_json(self) -> dict:
        return {"line": self.line, "date": self.date, "unit": self.unit, "rule": self.rule,
                "points": None if self.points is None else points_number(self.points), "action": self.action,
                "entry": self.entry, "result": self.said}


ACTIONS = ("record", "in-ledger", "correct", "skip")


def _passed(sheet: _Sheet) -> tuple[tuple[int, str], ...]:
    """Each total line passed over, in the summary's words; a space before the sums'
    bracket lets the table wrap them on a line of their own at 80 columns."""
    return tuple((line, msg.IMPORT_PLAN_PASSED.format(word=word, checked=checked.replace("(", " (", 1)))
                 for line, word, checked in sheet.totals)


def planned_lines(store: Store, result: ImportResult) -> Iterator[PlannedLine]:
    """Every line of the file a dry run just read (import_file with dry_run), in
    line order: its rows as the import would take them, and the total lines it
    passes over. Read from the import's scratch table: memory stays flat."""
    def rows() -> Iterator[PlannedLine]:
        for line, day, unit, rule, figure, correcting, entry, entry_points in store.scratch_plan():
            if correcting is not None:
                yield PlannedLine(line, day, unit, rule, figure, "correct", correcting,
                                  msg.IMPORT_PLAN_CORRECT.format(entry=correcting))
            elif entry is not None:
                yield PlannedLine(line, day, unit, rule, entry_points, "in-ledger", entry,
                                  msg.IMPORT_PLAN_IN_LEDGER.format(entry=entry))
            else:
                yield PlannedLine(line, day, unit, rule, figure, "record", None, msg.IMPORT_PLAN_RECORD)

    passed = (PlannedLine(line, None, None, None, None, "skip", None, why) for line, why in result.passed)
    yield from heapq.merge(rows(), passed, key=lambda p: p.line)


def _refuse_renamed_copy(store: Store, job: _Import) -> None:
    """Keys in the same bytes imported before under another source (a copy
    saved as 「…(1).xlsx」): they would all be new in the source its new name
    gives, and every row recorded twice. The clerk names the source."""
    if job.named or not store.scratch_has_keys():
        return
    for import_id, file, recorded in store.imports_of_content(job.sha):
        was = recorded or default_source(file)
        if was != job.source:
            raise InputError(msg.IMPORT_SAME_CONTENT.format(file=job.file, id=import_id, was=file, source=was))


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


@dataclass(frozen=True)
class _Import:
    """What the clerk asked of one import."""

    file: str
    sha: str
    source: str
    named: bool      # the source given by --source, not taken from the file's name
    dry_run: bool
    corrections: bool
    by: str | None
    progress: Progress


class _DryRun(Exception):
    """Raised out of a write transaction to roll it back: a dry run that had to write to know."""

    def __init__(self, result: ImportResult):
        super().__init__()
        self.result = result


def _import_rows(store: Store, rows: Iterator[tuple[int, list[str]]], job: _Import) -> ImportResult:
    """Read and check the whole file, then write it under the lock:
    a `points add` meanwhile waits only for the write, not for the reading.

    The rows are drafted against the ledger as it stands while they are read;
    if anything was written to the ledger meanwhile (SQLite's data_version
    says so), they are drafted again under the lock before a row is written.
    A file that corrects entries is drafted and written under the lock, after
    the entries it corrects are revoked (the rules then see them revoked).
    """
    who = current_user(job.by)
    version = store.data_version()  # before the first read: a write after it shows in it
    import_id = store.next_id("imports")
    errors = _Errors()
    units = UnitIndex.of(store)
    store.import_scratch()
    sheet = _read_into_scratch(store, rows, job.file, job.source, units, errors, job.progress)
    _refuse_renamed_copy(store, job)
    for line, key, first in store.scratch_repeated_keys():
        errors.add(line, msg.IMPORT_KEY_TWICE.format(key=key, first=first))
    corrections = _corrections(store, job, errors)
    notes = tuple(sheet.notes())
    figures = array("q") if job.dry_run else None
    if corrections:
        if errors.count:
            raise ImportRefused(errors.lines())
        store.scratch_correcting((c.line, c.entry) for c in corrections)
        try:
            return _write(store, job, sheet, notes, who, corrections, version, figures)
        except _DryRun as done:  # the transaction rolled back, the scratch table's figures with it
            store.scratch_figures(zip(figures[::2], figures[1::2]))
            return done.result
    added = _draft_rows(store, units, import_id, errors, job.progress, sheet.rows, stage=not job.dry_run,
                        figures=figures)
    if job.dry_run:
        store.scratch_figures(zip(figures[::2], figures[1::2]))
        return ImportResult(sheet.rows, added, sheet.rows - added, None, job.file, notes, job.source,
                            passed=_passed(sheet))
    with store.write():
        if store.data_version() != version:
            return _write(store, job, sheet, notes, who, [])
        return _record(store, job, sheet, notes, who, import_id, added, [])


def _write(store: Store, job: _Import, sheet: _Sheet, notes: tuple[str, ...], who: str,
           corrections: list[Correction], version: int | None = None, figures: array | None = None) -> ImportResult:
    """Under the lock: revoke the entries the file corrects, draft every row
    against the ledger as it now stands, and write them. The corrections were
    found before the lock: if another writer committed since (`version`), they
    are found again, so that a file another clerk has just imported is what
    it is — already imported — and no entry is revoked twice."""
    with store.write():
        if corrections and version is not None and store.data_version() != version:
            corrections, notes = _corrections_again(store, job, corrections, notes)
        import_id = store.next_id("imports")
        revoked = []
        for c in corrections:
            reversal = revoke(store, c.entry, msg.IMPORT_CORRECTION_REASON.format(
                file=job.file, id=import_id, line=c.line), job.by)
            revoked.append(dataclasses.replace(c, reversal=reversal.id))
        added = _draft_rows(store, UnitIndex.of(store), import_id, _Errors(), job.progress, sheet.rows, stage=True,
                            figures=figures)
        result = _record(store, job, sheet, notes, who, import_id, added, revoked)
        if job.dry_run:
            raise _DryRun(dataclasses.replace(result, import_id=None, ids=(), passed=_passed(sheet)))
        return result


def _corrections_again(store: Store, job: _Import, found: list[Correction],
                       notes: tuple[str, ...]) -> tuple[list[Correction], tuple[str, ...]]:
    """The file's corrections as the ledger now stands (under the lock), and the
    words for those another import has made meanwhile."""
    store.scratch_correcting((c.line, None) for c in found)
    errors = _Errors()
    now = _corrections(store, job, errors)
    if errors.count:
        raise ImportRefused(errors.lines())
    store.scratch_correcting((c.line, c.entry) for c in now)
    done = [c for c in found if c.entry not in {n.entry for n in now}]
    if done:
        by = next((i for i in reversed(store.imports()) if i["sha256"] == job.sha), None)
        said = (msg.IMPORT_CORRECTED_MEANWHILE.format(file=job.file, id=by["id"], by=by["recorded_by"],
                                                      count=len(done))
                if by is not None else msg.IMPORT_CORRECTED_MEANWHILE_OTHER.format(count=len(done)))
        notes = (*notes, said)
    return now, notes


def _record(store: Store, job: _Import, sheet: _Sheet, notes: tuple[str, ...], who: str, import_id: int,
            added: int, corrections: list[Correction]) -> ImportResult:
    """Write the staged drafts, the import's record and its seal (inside the caller's transaction)."""
    ids, seal, new = _post_staged(store, who, job.progress, added)
    corrections = [dataclasses.replace(c, new=new[c.entry][0], new_points=new[c.entry][1]) for c in corrections]
    [written] = store.append("imports", [{
        "file": job.file, "sha256": job.sha, "rows": sheet.rows, "added": added, "skipped": sheet.rows - added,
        "recorded_by": who, "recorded_at": timestamp(), "source": job.source}])
    assert written == import_id
    store.append("import_seals", [{"import": import_id, "rows": seal.rows, "digest": seal.digest(),
                                   "recorded_by": who, "recorded_at": timestamp()}])
    return ImportResult(sheet.rows, added, sheet.rows - added, import_id, job.file, notes, job.source,
                        tuple(ids), tuple(corrections))


def _corrections(store: Store, job: _Import, errors: _Errors) -> list[Correction]:
    """The rows of the file that correct a standing imported entry (积分办法 第十五、
    十六条, third reading): a row whose 编号 its source has already imported as
    an entry of another figure or quantity, or a row without a key that matches
    such an entry in unit, rule, date, role, matter and 文号 (each entry
    corrected by one row at most, the earliest). A key that now names another
    unit, rule, date, role, matter or 文号 is an error of its row. Without
    `corrections`, each correction is an error of its row too."""
    found: list[Correction] = []
    for line, key, entry, differs, points, qty in store.scratch_changed_keys():
        if differs:
            errors.add(line, msg.IMPORT_KEY_CHANGED.format(
                key=key, source=job.source, entry=entry, fields="、".join(LABELS[f] for f in differs)))
        else:
            found.append(Correction(line, entry, points, qty))
    taken = {c.entry for c in found}
    lines: set[int] = set()
    for line, entry, points, qty in store.scratch_changed_rows():
        if line in lines or entry in taken:
            continue
        found.append(Correction(line, entry, points, qty))
        lines.add(line)
        taken.add(entry)
    found.sort(key=lambda c: c.line)
    if not job.corrections:
        for c in found:
            errors.add(c.line, msg.IMPORT_CORRECTION_FOUND.format(
                entry=c.entry, points=fmt_points(c.points, signed=True), qty=c.qty))
    return found


def _draft_rows(store: Store, units: UnitIndex, import_id: int, errors: _Errors, progress: Progress,
                total: int, stage: bool, figures: array | None = None) -> int:
    """Draft every row to write (not yet in the ledger, or correcting an entry),
    in date order, through the rules of `points add` (one Pending: the earlier
    rows of the file count); the drafts wait in a TEMP table for _post_staged.
    `figures` (a dry run): each row's line and drafted figure, in turn.
    Refuses, listing every error."""
    source = f"import:{import_id}"
    roles = {r.value: r for r in Role}
    store.import_staging()
    pending = Pending()
    drafted = 0
    cursor = store.scratch_new_rows()
    while chunk := cursor.fetchmany(CHUNK):
        staged = []
        for line, day, unit, rule, role, points, qty, matter, ref, note, correcting, identity in chunk:
            ok, points = stated_figure(find_rule(rule), roles[role], points, qty, line, errors)
            if not ok:
                continue
            req = PointsRequest(unit=unit, rule=rule, date=dt.date.fromisoformat(day), role=roles[role],
                                points=points, qty=qty, matter=matter, ref=ref, note=note, source=source)
            try:
                d = draft(store, units, req, pending)
            except JcdcError as e:
                errors.add(line, str(e))
                continue
            staged.append((identity, correcting, d.unit, d.rule, d.role.value, day, d.points, d.qty, d.cite,
                           d.scorer, d.matter, d.ref, d.note, d.reverses, d.reason, d.source, d.ruleset))
            if figures is not None:
                figures.extend((line, d.points))
        drafted += len(staged)
        if stage and staged and not errors.count:
            store.stage(pickle.dumps(staged, pickle.HIGHEST_PROTOCOL))
        progress(msg.IMPORT_PROGRESS_CHECK, drafted, total)
    if errors.count:
        raise ImportRefused(errors.lines())  # inside store.write(), it rolls everything back
    return drafted


def _post_staged(store: Store, who: str, progress: Progress,
                 total: int) -> tuple[list[tuple[int, int]], chain.Seal, dict[int, tuple[int, int]]]:
    """Write the staged drafts, in the order drafted, through post(): (the ids
    written, as runs; the seal of their row identities; corrected entry -> the
    entry recorded in its place, and its figure)."""
    roles = {r.value: r for r in Role}
    written = 0
    runs: list[tuple[int, int]] = []
    seal = chain.Seal()
    new: dict[int, tuple[int, int]] = {}
    for chunk in store.staged():
        staged = pickle.loads(chunk)  # plain tuples _draft_rows wrote, just now
        drafts = [EntryDraft(unit, rule, roles[role], dt.date.fromisoformat(day), points, qty, cite, scorer,
                             matter, ref, note, reverses, reason, source, ruleset)
                  for (_, _, unit, rule, role, day, points, qty, cite, scorer, matter, ref, note, reverses, reason,
                       source, ruleset) in staged]
        ids = post(store, drafts, who)
        pairs = list(zip((row[0] for row in staged), ids))
        store.add_import_rows(pairs)
        for (identity, correcting, _, _, _, _, points, *_), entry_id in zip(staged, ids):
            seal.add(identity, entry_id)
            if correcting is not None:
                new[correcting] = (entry_id, points)
            if runs and runs[-1][1] == entry_id - 1:
                runs[-1] = (runs[-1][0], entry_id)
            else:
                runs.append((entry_id, entry_id))
        written += len(ids)
        progress(msg.IMPORT_PROGRESS_WRITE, written, total)
    return runs, seal, new
