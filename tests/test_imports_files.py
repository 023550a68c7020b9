"""Files as clerks hand them in (issue 11, item 11): strict CSV, a row wider than
its header, an .xlsx that inflates beyond its cap, and the whole file read and
checked before the write lock is taken."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest

from jcdc import messages as msg

EN = "date,unit,rule,role,points,qty,matter,ref,note,key"


def write(tmp_path, text: str, name: str = "rows.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def entries(cli):
    return cli.json("points", "list")


# --- strict CSV ---------------------------------------------------------------------------


@pytest.mark.parametrize("rows, last", [
    # The quote opened in the note of line 2 never closes: a lenient reader made
    # lines 3 and 4 part of that note, and imported one row where there are three.
    (['2019-03-05,zezhou,problem,,,,,,"督查发现问题,', "2019-03-06,gaoping,13710-item,,,,,,,",
      "2019-03-07,gaoping,13710-item,,,,,,,"], 4),
    # … or it closes at the next quoted cell, with the rows between swallowed.
    (['2019-03-05,zezhou,problem,,,,,,"督查发现问题', "2019-03-06,gaoping,13710-item,,,,,,,",
      '2019-03-07,gaoping,13710-item,,,,,,"又一条",'], 4),
])
def test_an_unclosed_quote_is_refused_at_the_line_it_opens(cli, tmp_path, rows, last):
    path = write(tmp_path, "\r\n".join([EN, *rows]) + "\r\n")
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert result.stderr == "错误: " + msg.CSV_OPEN_QUOTE.format(line=2, last=last) + "\n"
    assert entries(cli) == []


def test_a_cell_spanning_lines_inside_closed_quotes_is_one_cell(cli, tmp_path):
    path = write(tmp_path, EN + '\r\n2019-03-05,zezhou,problem,,,,,,"第一行\r\n第二行",\r\n'
                 "2019-03-06,gaoping,13710-item,,,,,,,\r\n")
    assert cli.json("points", "import", path) == {"rows": 2, "added": 2, "skipped": 0}
    assert [e["note"] for e in entries(cli)] == ["第一行\r\n第二行", None]


def test_a_row_with_more_cells_than_the_header_is_refused_not_trimmed(cli, tmp_path):
    path = write(tmp_path, "date,unit,rule,note\n"
                           "2019-05-06,gaoping,13710-item,备注\n"
                           "2019-05-07,gaoping,13710-item,备注,多出的一格\n"
                           "2019-05-08,gaoping,13710-item,,\n")   # an empty cell beyond: nothing is lost
    result = cli("points", "import", path)
    assert result.exit_code == 1
    assert ("第3行: " + msg.IMPORT_CELL_BEYOND.format(width=4, column=5, cell="多出的一格")) in result.stderr
    assert result.stderr.splitlines()[-1] == "错误: 共 1 处错误, 未导入任何行"
    assert entries(cli) == []


def test_a_filled_cell_under_no_heading_is_refused(cli, tmp_path):
    path = write(tmp_path, "date,unit,,rule\n2019-05-06,gaoping,,13710-item\n2019-05-07,gaoping,说明,13710-item\n")
    result = cli("points", "import", path)
    assert result.exit_code == 1
    assert "第3行: " + msg.IMPORT_CELL_UNHEADED.format(column=3, cell="说明") in result.stderr
    assert entries(cli) == []


def test_unit_import_refuses_an_unclosed_quote_and_a_cell_beyond_the_header(cli, tmp_path):
    quote = write(tmp_path, 'code,name,category,aliases\nxa,甲单位,municipal,"甲\nxb,乙单位,municipal,乙\n', "u1.csv")
    result = cli("unit", "import", quote)
    assert result.exit_code == 2 and msg.CSV_OPEN_QUOTE.format(line=2, last=3) in result.stderr
    wide = write(tmp_path, "code,name,category\nxa,甲单位,municipal\nxb,乙单位,municipal,备注在表头外\n", "u2.csv")
    result = cli("unit", "import", wide)
    assert result.exit_code == 2
    assert "第3行: " + msg.IMPORT_CELL_BEYOND.format(width=3, column=4, cell="备注在表头外") in result.stderr
    assert not any(u["code"] in ("xa", "xb") for u in cli.json("unit", "list"))


def test_inspector_import_refuses_an_unclosed_quote(cli, tmp_path):
    path = write(tmp_path, '姓名,库,单位,专长\n周杰,兼职,市财政局,"财政\n马军,特邀,国网晋城供电公司,\n', "ins.csv")
    result = cli("inspector", "import", path)
    assert result.exit_code == 2 and msg.CSV_OPEN_QUOTE.format(line=2, last=3) in result.stderr
    assert cli.json("inspector", "list") == []


def test_a_file_cut_off_inside_a_character_is_refused_by_name(cli, tmp_path):
    raw = "code,name,category\nxa,市甲单位".encode("utf-8")[:-1]  # 位 is three bytes: two are left
    path = tmp_path / "cut.csv"
    path.write_bytes(raw)
    for args, name in ((["unit", "import", path], str(path)), (["points", "import", path], "cut.csv")):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr == "错误: " + msg.FILE_CUT_OFF.format(path=name) + "\n"


# --- xlsx: what it may inflate to ----------------------------------------------------------


def workbook(tmp_path, rows, name="rows.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_an_xlsx_whose_sheet_inflates_a_thousandfold_is_refused_before_it_is_read(cli, tmp_path):
    """A zip bomb in an .xlsx: 40 MiB of sheet XML in ~40 KiB (ratio ~1000 : 1)."""
    good = workbook(tmp_path, [["date", "unit", "rule"], ["2019-05-06", "gaoping", "13710-item"]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 << 20))
            dst.writestr(item, data)
    result = cli("points", "import", bomb)
    assert result.exit_code == 2
    assert "xl/worksheets/sheet1.xml 压缩比为" in result.stderr and "超过上限 100:1" in result.stderr
    assert entries(cli) == []


def test_an_xlsx_declaring_more_than_the_cap_is_refused(cli, tmp_path, monkeypatch):
    from jcdc import sheets

    path = workbook(tmp_path, [["date", "unit", "rule"]] + [["2019-05-06", "gaoping", "13710-item"]] * 3000)
    inflated = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(sheets, "XLSX_MAX_INFLATED", inflated - 1)
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert result.stderr == "错误: " + msg.XLSX_TOO_LARGE.format(
        path="rows.xlsx", size=inflated >> 20, max=(inflated - 1) >> 20) + "\n"
    assert entries(cli) == []
    monkeypatch.setattr(sheets, "XLSX_MAX_INFLATED", inflated)
    assert cli.json("points", "import", path)["added"] == 3000


def test_an_xlsx_whose_sheet_is_longer_than_it_declares_is_refused_as_damaged(cli, tmp_path):
    """Python's zipfile stops at a part's declared size: the sheet is cut off there."""
    path = workbook(tmp_path, [["date", "unit", "rule"]] + [["2019-05-06", "gaoping", "13710-item"]] * 200)
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    size = zipfile.ZipFile(path).getinfo(name.decode()).file_size
    at = raw.index(b"PK\x01\x02")  # the central directory's entries: the name at +46, the size at +24
    while raw[at + 46:at + 46 + len(name)] != name:
        at = raw.index(b"PK\x01\x02", at + 4)
    raw[at + 24:at + 28] = (size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    result = cli("points", "import", path)
    assert result.exit_code == 1 and result.stderr.startswith("错误: 文件「rows.xlsx」不是完整的 Excel 工作簿")
    assert "内部错误" not in result.stderr and entries(cli) == []


# --- read and check before the write lock ----------------------------------------------------


def concurrent_add(*args: str) -> subprocess.CompletedProcess:
    """`jcdc points add …` in another process, as a second clerk would run it."""
    return subprocess.run([sys.executable, "-m", "jcdc", "points", "add", *args], capture_output=True,
                          text=True, timeout=30, env={**os.environ, "JCDC_USER": "另一位科员"})


def test_a_points_add_during_the_reading_of_an_import_does_not_wait_for_it(db, store, tmp_path, monkeypatch):
    from jcdc import importer

    monkeypatch.setattr(importer, "CHUNK", 2)
    rows = [f"2019-04-{d:02},gaoping,13710-item,,,,,,," for d in range(1, 9)]
    path = write(tmp_path, EN + "\n" + "\n".join(rows) + "\n")
    seen: list[tuple[str, float, int]] = []

    def progress(phase, done, total):
        if not seen:  # the first report: the file is being read, nothing written yet
            start = time.monotonic()
            added = concurrent_add("-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
            seen.append((phase, time.monotonic() - start, added.returncode))

    result = importer.import_file(store, str(path), progress=progress)
    [(phase, waited, code)] = seen
    assert phase == msg.IMPORT_PROGRESS_READ and code == 0
    assert waited < 20  # a subprocess's start-up; under the lock it would wait 60 s for it
    assert result.added == 8
    got = sorted((e.unit, e.rule, e.recorded_by) for e in store.entries())
    assert got[-1] == ("zezhou", "problem", "另一位科员") and len(got) == 9


def test_an_entry_added_while_an_import_was_checked_is_counted_before_it_writes(db, store, tmp_path,
                                                                                 monkeypatch):
    """The rows were checked against the ledger as it was; a write meanwhile has
    them checked again under the lock: here it makes the import's row a second
    13710-no-reminder in the quarter, refused with its line."""
    from jcdc import importer

    monkeypatch.setattr(importer, "CHUNK", 1)
    path = write(tmp_path, EN + "\n2019-04-01,gaoping,13710-item,,,,,,,\n2019-06-30,zezhou,13710-no-reminder,,,,,,,\n")
    added: list[int] = []

    def progress(phase, done, total):
        if phase == msg.IMPORT_PROGRESS_CHECK and not added:
            added.append(concurrent_add("-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-05-06").returncode)

    with pytest.raises(importer.ImportRefused) as refused:
        importer.import_file(store, str(path), progress=progress)
    assert added == [0]
    assert refused.value.lines[0].startswith("第3行: 单位「泽州县」2019年第二季度已记过")
    assert [(e.unit, e.rule) for e in store.entries()] == [("zezhou", "13710-no-reminder")]
    assert store.imports() == []


def test_nothing_is_locked_while_a_refused_file_is_checked(db, store, tmp_path):
    """A file with errors is refused without ever taking the write lock: another
    connection holding it meanwhile does not make the import wait."""
    from jcdc.importer import ImportRefused, import_file
    from jcdc.store import open_store

    other = open_store(db)
    other.conn.execute("BEGIN IMMEDIATE")
    try:
        store.conn.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(ImportRefused) as refused:
            import_file(store, str(write(tmp_path, EN + "\n2019-04-01,火星市,problem,,,,,,,\n")))
        assert refused.value.lines[0] == "第2行: 未知单位「火星市」"
        result = import_file(store, str(write(tmp_path, EN + "\n2019-04-01,zezhou,problem,,,,,,,\n", "ok.csv")),
                             dry_run=True)
        assert (result.rows, result.added) == (1, 1)
    finally:
        other.conn.execute("ROLLBACK")
        other.close()


def test_read_csv_file_keeps_the_text_for_the_dictreader(tmp_path):
    from jcdc import sheets

    path = write(tmp_path, "code,name,category\nxa,甲单位,municipal\n", encoding="gb18030")
    assert sheets.read_csv_file(path) == "code,name,category\nxa,甲单位,municipal\n"
