"""Characters a clerk or an older ledger can bring, and what every output makes
of them (issue 18 items 11, 13, 15, 16, 17; issue 22 item 7):

- what no .xlsx, .docx or .html can carry (U+FFFE, U+FFFF) and the line and
  paragraph separators are refused at input (jcdc.model.clean_text); a ledger
  that already holds one still makes every document, with a visible � and a line
  that says so, and `statement` writes its folder whole or not at all;
- a stdout that is not UTF-8 (GBK on Chinese Windows) never fails: JSON is ASCII,
  CSV is UTF-8 (tests/test_windows.py), tables show ? and warn once;
- a unit's name cannot copy another's with a look-alike (巿 for 市), an invisible
  or a combining character (积分办法 第二条: one unit, one name in the ranking);
- figures, counts and dates are ASCII digits (full-width ones read as ASCII);
- CSV on stdout neutralises formulas as --output does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from jcdc import messages as msg
from jcdc.model import EntryDraft, InputError, Role, clean_text, name_key, parse_points
from jcdc.session import parse_date


def rows(db, table: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def error(text: str) -> str:
    return msg.ERROR_PREFIX + text + "\n"


# --- what no document can carry, refused at the door (issue 18 item 11) -----------------------


@pytest.mark.parametrize("char,message", [
    ("\ufffe", msg.TEXT_NONCHARACTER), ("\uffff", msg.TEXT_NONCHARACTER), ("\ufdd0", msg.TEXT_NONCHARACTER),
    ("\U0001fffe", msg.TEXT_NONCHARACTER), ("\U0010ffff", msg.TEXT_NONCHARACTER),
    ("\u2028", msg.TEXT_SEPARATOR), ("\u2029", msg.TEXT_SEPARATOR),
])
@pytest.mark.parametrize("name", [False, True])
def test_a_character_no_document_can_carry_is_refused_in_every_text(char, message, name):
    with pytest.raises(InputError) as refused:
        clean_text(f"会议{char}纪要", "note", name=name)
    assert str(refused.value) == message.format(field="备注", char=f"U+{ord(char):04X}")


@pytest.mark.parametrize("args", [
    ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10", "--note", "x\ufffey"],
    ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10", "--ref", "晋督\u2028字"],
    ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10", "--by", "王\uffff"],
    ["case", "open", "--unit", "泽州县", "--trigger", "inaction", "--summary", "推进\u2029缓慢",
     "--date", "2019-03-01"],
])
def test_the_cli_refuses_them_and_records_nothing(cli, db, args):
    before = rows(db, "entries"), rows(db, "cases")
    result = cli(*args)
    assert result.exit_code == 2 and result.stderr.startswith(msg.ERROR_PREFIX), result.output
    assert "U+FFFE" in result.stderr or "U+2028" in result.stderr or "U+FFFF" in result.stderr \
        or "U+2029" in result.stderr
    assert (rows(db, "entries"), rows(db, "cases")) == before


OLD_NOTE = "旧版\ufffe备注\x1b"  # what an older jcdc let in: a noncharacter, an ESC


@pytest.fixture
def old_ledger(store):
    """A ledger whose entry was written before the check at input (an older jcdc)."""
    with store.write():
        store.add_entries([EntryDraft("gaoping", "problem", Role.LEAD, dt.date(2019, 5, 11), -50, 1,
                                      "积分办法 第十二条(一)", "督查室", note=OLD_NOTE, ref="晋督\uffff字")],
                          "旧版", "2019-05-11T09:00:00+08:00")
    return store


def _texts(path) -> str:
    """Every text of a workbook's cells or a document's paragraphs and tables."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row
                         if v is not None)
    import docx

    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_an_older_ledger_still_makes_the_workbook_and_the_page_with_a_visible_mark(cli, old_ledger, tmp_path):
    for name in ("report.xlsx", "report.html"):
        result = cli("report", "--year", "2019", "--output", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert msg.FILE_CHARS_REPLACED.format(path=tmp_path / name, count=3, mark="\ufffd") in result.stderr
    book = _texts(tmp_path / "report.xlsx")
    assert "旧版\ufffd备注\ufffd" in book and "晋督\ufffd字" in book
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "旧版\ufffd备注\ufffd" in page and "\ufffe" not in page and "\x1b" not in page
    listed = cli.ok("points", "list", "--output", tmp_path / "entries.xlsx")
    assert "\ufffd" in listed.stderr and "旧版\ufffd备注\ufffd" in _texts(tmp_path / "entries.xlsx")
    assert cli.json("points", "list")[-1]["note"] == OLD_NOTE  # the ledger keeps what it holds


def test_an_older_ledger_still_makes_every_statement(cli, old_ledger, tmp_path):
    folder = tmp_path / "告知单"
    result = cli("statement", "--year", "2019", "--output", folder)
    assert result.exit_code == 0, result.output
    assert msg.FILE_CHARS_REPLACED.format(path=folder, count=3, mark="\ufffd") in result.stderr
    assert "旧版\ufffd备注\ufffd" in _texts(folder / "gaoping-高平市.docx")
    assert len(list(folder.iterdir())) == rows(old_ledger.path, "units")


def _fail_at_third(monkeypatch):
    import jcdc.gongwen

    real, made = jcdc.gongwen.render_statement, []

    def render(st):
        if len(made) == 2:
            raise ValueError("the third statement cannot be made")
        made.append(st)
        return real(st)

    monkeypatch.setattr(jcdc.gongwen, "render_statement", render)


def test_statement_writes_its_folder_whole_or_not_at_all(cli, db, tmp_path, monkeypatch):
    """A statement that cannot be made leaves no folder, not two of 43 statements."""
    monkeypatch.setenv("JCDC_DEBUG", "")
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10")
    _fail_at_third(monkeypatch)
    folder = tmp_path / "告知单"
    result = cli("statement", "--year", "2019", "--output", folder)
    assert result.exit_code == 1 and "内部错误" in result.stderr
    assert not folder.exists() and not [p for p in tmp_path.iterdir() if not p.name.startswith("jcdc.db")]
    kept = tmp_path / "已有"
    kept.mkdir()
    (kept / "说明.txt").write_text("留着", encoding="utf-8")
    assert cli("statement", "--year", "2019", "--output", kept).exit_code == 1
    assert [p.name for p in kept.iterdir()] == ["说明.txt"]


def test_a_full_disk_under_statement_leaves_no_folder(cli, db, tmp_path, monkeypatch):
    import errno

    import jcdc.files

    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10")
    real = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(jcdc.files.os, "fsync", fsync)
    folder = tmp_path / "告知单"
    result = cli("statement", "--year", "2019", "--output", folder)
    assert (result.exit_code, result.stderr) == (1, error(msg.DISK_FULL.format(path=folder)))
    assert not folder.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".jcdc-")]


# --- a stdout that is not UTF-8 (issue 18 item 13) ----------------------------------------------


def _gbk(db, *args):
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "JCDC_DB": str(db), "JCDC_USER": "测试员"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "-m", "jcdc", *args], capture_output=True, env=env, timeout=60)


@pytest.fixture
def emoji_ledger(cli, db):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10", "--note", "刘䶮 到场😀")
    return db


@pytest.mark.parametrize("args", [["points", "list"], ["score", "zezhou", "--year", "2019"],
                                  ["rank", "--year", "2019"]])
def test_a_gbk_stdout_shows_what_it_cannot_write_as_a_mark_and_warns_once(emoji_ledger, args):
    done = _gbk(emoji_ledger, *args)
    err = done.stderr.decode("gbk")
    assert done.returncode == 0, err
    assert "Traceback" not in err and "内部错误" not in err
    out = done.stdout.decode("gbk")
    if args[0] != "rank":  # the ranking shows no note
        assert "刘? 到场?" in out
        assert err.count("注意:") == 1 and "gbk" in err and "\\u4dae" in err


def test_a_gbk_stdout_gets_json_in_ascii_that_reads_back_whole(emoji_ledger):
    done = _gbk(emoji_ledger, "points", "list", "--format", "json")
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.isascii()
    assert json.loads(done.stdout)[0]["note"] == "刘䶮 到场😀"


# --- look-alike unit names (issue 18 item 15) ---------------------------------------------------


def test_a_unit_name_that_copies_another_with_a_look_alike_is_refused_naming_it(cli, db):
    result = cli("unit", "add", "czj2", "巿财政局", "--category", "city")  # 巿 U+5DFF, not 市
    assert (result.exit_code, result.stderr) == (1, error(msg.NAME_LOOKS_TAKEN.format(
        name="巿财政局", code="czj", taken="市财政局")))
    for copy in ("⻋", "ロ"):  # a radical form, a katakana: nothing here, but a key of their own
        assert name_key(copy) != copy
    assert name_key("泽州县") == name_key("泽州县") != name_key("阳城县")


@pytest.mark.parametrize("tail,message", [
    ("\ufe00", msg.TEXT_INVISIBLE),       # a variation selector
    ("\U000e0101", msg.TEXT_INVISIBLE),   # a variation selector of the supplement
    ("\u034f", msg.TEXT_INVISIBLE),       # the combining grapheme joiner
    ("\U000e0041", msg.TEXT_INVISIBLE),   # a tag character
    ("\u3164", msg.TEXT_INVISIBLE),       # the Hangul filler
    ("\u2800", msg.TEXT_INVISIBLE),       # the braille blank
    ("\u0301", msg.TEXT_COMBINING),       # a combining accent
    ("\u20dd", msg.TEXT_COMBINING),       # an enclosing mark
])
def test_an_invisible_or_combining_character_in_a_unit_name_is_refused(cli, db, tail, message):
    result = cli("unit", "add", "czj2", "市财政局" + tail, "--category", "city")
    assert (result.exit_code, result.stderr) == (2, error(message.format(field="名称", char=f"U+{ord(tail):04X}")))
    assert sum(u["name"].startswith("市财政局") for u in cli.json("unit", "list")) == 1


def test_a_name_already_holding_a_combining_mark_still_blocks_its_plain_twin(cli, store):
    """A ledger from before the check: 市财政局 + U+0301 is registered; 市财政局 reads the same."""
    from jcdc.model import Category, Unit

    with store.write():
        store.insert_unit(Unit("old1", "市测试局\u0301", Category.CITY, "市直"), "旧版", "2019-01-01T00:00:00+08:00")
    result = cli("unit", "add", "csj2", "市测试局", "--category", "city")
    assert result.exit_code == 1 and "old1" in result.stderr


def test_names_with_accents_composed_are_still_names():
    assert clean_text("Jose\u0301", "name", name=True) == "José"  # NFC composes it: a letter, not a mark


# --- digits (issue 18 item 16) ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["١٥", "۱۵", "१५", "¹⁵", "①", "1_5", "𝟏𝟓"])
def test_figures_in_other_digits_are_refused(text):
    with pytest.raises(InputError):
        parse_points(text)


@pytest.mark.parametrize("text", ["٢٠١٩-٠٥-٠٩", "２٠١٩-05-09", "2019_05_09", "2019-0_5-09", "²⁰¹⁹-05-09"])
def test_dates_in_other_digits_are_refused(text):
    with pytest.raises(InputError) as refused:
        parse_date(text)
    assert str(refused.value) == msg.BAD_DATE.format(text=text)


def test_full_width_digits_a_chinese_input_method_types_are_read_as_ascii():
    assert parse_points("１５") == 150 and parse_points("－２.５") == -25
    assert parse_date("２０１９－０５－０９") == dt.date(2019, 5, 9)
    assert parse_date("２０１９年５月９日") == dt.date(2019, 5, 9)


@pytest.mark.parametrize("option,value", [("--qty", "١٢"), ("--qty", "1_0"), ("--qty", "¹²"),
                                          ("--qty", "①"), ("--points", "١٥"), ("--date", "٢٠١٩-٠٥-٠٩")])
def test_the_cli_refuses_other_digits_and_underscores_and_records_nothing(cli, db, option, value):
    args = {"-u": "zezhou", "-r": "commend" if option == "--points" else "late-material", "-d": "2019-05-10"}
    if option == "--points":
        args["--role"] = "lead"
    args = [*(x for pair in args.items() for x in pair)]
    args = [a if a != "2019-05-10" or option != "--date" else value for a in args]
    extra = [] if option == "--date" else [option, value]
    result = cli("points", "add", *args, *extra)
    assert result.exit_code == 2 and result.stderr.startswith(msg.ERROR_PREFIX), result.output
    assert rows(db, "entries") == 0


def test_full_width_counts_are_read_as_ascii(cli, db):
    cli.ok("points", "add", "-u", "zezhou", "-r", "late-material", "-d", "2019-05-10", "--qty", "１２")
    assert cli.json("points", "list")[0]["points"] == -12


def test_an_imported_count_in_other_digits_is_refused(cli, db, tmp_path):
    sheet = tmp_path / "points.csv"
    sheet.write_text("date,unit,rule,role,qty\n2019-05-11,gaoping,late-material,lead,1_0\n", encoding="utf-8")
    result = cli("points", "import", sheet)
    assert result.exit_code != 0 and "1_0" in result.stderr
    assert rows(db, "entries") == 0


def test_the_help_says_which_digits_are_read(cli):
    assert "全角数字" in cli.ok("--help").stdout and "下划线" in cli.ok("--help").stdout


# --- CSV on stdout as in a file (issue 18 item 17) ----------------------------------------------


def test_csv_on_stdout_neutralises_a_formula_as_output_does(cli, db, tmp_path):
    formula = '=HYPERLINK("http://x.example/","点此")'
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10", "--note", formula,
           "--ref", "-1+1")
    shown = list(csv.reader(io.StringIO(cli.ok("points", "list", "--format", "csv").stdout)))
    cli.ok("points", "list", "--output", tmp_path / "entries.csv")
    written = list(csv.reader(io.StringIO((tmp_path / "entries.csv").read_text(encoding="utf-8-sig"))))
    assert shown == written
    assert "'" + formula in shown[1] and "'-1+1" in shown[1] and "-5.0" in shown[1]


# --- a text with a space, unquoted (issue 22 item 7) --------------------------------------------


def test_a_note_with_a_space_unquoted_says_to_quote_it(cli, db):
    result = cli("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-10", "--note", "会议", "纪要")
    assert result.exit_code == 2
    assert result.stderr.startswith(error(msg.USAGE_EXTRA_ARGS.format("纪要")).rstrip("\n"))
    assert "含空格的文字请加引号" in result.stderr and rows(db, "entries") == 0
