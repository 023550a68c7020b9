"""The report's entries sheet written by each candidate writer, for bench/run.py:
`python bench/xlsx_writers.py WRITER LEDGER YEAR OUT`, WRITER one of xlsxwriter
(XlsxWriter's constant_memory mode), openpyxl (its write-only mode), rustpy
(rustpy-xlsxwriter). Each reads the same rows from the ledger as `jcdc report`
writes (the entries of the units 第十八条 reports on, in date order), the same
15 columns, dates as dates and the points with their number format; it prints
the number of rows written."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jcdc import messages as msg  # noqa: E402
from jcdc.report_book import rule_name  # noqa: E402
from jcdc.rules.jifen import CATALOGUE, REPORTED_CATEGORIES  # noqa: E402

HEADINGS = [msg.H_ID, msg.H_DATE, msg.H_UNIT, msg.H_CODE, msg.H_RULE, msg.H_RULE_NAME, msg.H_ROLE, msg.H_POINTS,
            msg.H_QTY, msg.H_MATTER, msg.H_REF, msg.H_NOTE, msg.H_REVERSES, msg.H_CITE, msg.H_SCORER]


def rows(db: str, year: int):
    """The report's entry rows as plain tuples, the fewest steps Python can take."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    categories = sorted(c.value for c in REPORTED_CATEGORIES)
    names = dict(conn.execute(f"SELECT code, name FROM units WHERE category IN ({', '.join('?' * len(categories))})",
                              categories))
    rules = {code: rule_name(code) for code in CATALOGUE}
    fromiso = dt.date.fromisoformat
    for (id_, unit, rule, role, date, points, qty, matter, ref, note, reverses, cite, scorer) in conn.execute(
            "SELECT id, unit, rule, role, date, points, qty, matter, ref, note, reverses, cite, scorer FROM entries"
            " WHERE qkey BETWEEN ? AND ? ORDER BY date, id", (year * 10 + 1, year * 10 + 4)):
        if unit in names:
            yield (id_, fromiso(date), names[unit], unit, rule, rules.get(rule), msg.ROLE.get(role, role),
                   points / 10 if points % 10 else points // 10, qty, matter, ref, note, reverses, cite, scorer)


def with_xlsxwriter(db: str, year: int, out: str) -> int:
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet(msg.REPORT_ENTRIES_SHEET)
    date, signed = book.add_format({"num_format": "yyyy-mm-dd"}), book.add_format({"num_format": "+0.0;-0.0;0.0"})
    sheet.set_column(1, 1, 11, date)
    sheet.set_column(7, 7, 7, signed)
    sheet.freeze_panes(2, 0)
    sheet.write_row(0, 0, [msg.REPORT_ENTRIES_TITLE.format(year=year)])
    sheet.write_row(1, 0, HEADINGS)
    n = 2
    for row in rows(db, year):
        sheet.write_row(n, 0, row)
        n += 1
    sheet.autofilter(1, 0, n - 1, len(HEADINGS) - 1)
    book.close()
    return n - 2


def with_openpyxl(db: str, year: int, out: str) -> int:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(msg.REPORT_ENTRIES_SHEET)
    sheet.freeze_panes = "A3"
    sheet.append([msg.REPORT_ENTRIES_TITLE.format(year=year)])
    sheet.append(HEADINGS)
    n = 0
    for row in rows(db, year):
        day, points = WriteOnlyCell(sheet, row[1]), WriteOnlyCell(sheet, row[7])
        day.number_format, points.number_format = "yyyy-mm-dd", "+0.0;-0.0;0.0"
        sheet.append([row[0], day, *row[2:7], points, *row[8:]])
        n += 1
    sheet.auto_filter.ref = f"A2:O{n + 2}"
    book.save(out)
    return n


def with_rustpy(db: str, year: int, out: str) -> int:
    import rustpy_xlsxwriter

    count = [0]

    def records():
        for row in rows(db, year):
            count[0] += 1
            yield dict(zip(HEADINGS, row))

    rustpy_xlsxwriter.write_worksheet(records(), out, sheet_name=msg.REPORT_ENTRIES_SHEET)
    return count[0]


WRITERS = {"xlsxwriter": with_xlsxwriter, "openpyxl": with_openpyxl, "rustpy": with_rustpy}

if __name__ == "__main__":
    writer, db, year, out = sys.argv[1:5]
    print(WRITERS[writer](db, int(year), out))
