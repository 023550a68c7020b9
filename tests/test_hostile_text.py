"""Issue 11 items 9 and 10: the cases that ended in 内部错误 are refused with their
own message, and every text is checked in one place (jcdc.model.clean_text)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile

import pytest

from jcdc import messages as msg
from jcdc import session
from jcdc.cli import LARGEST_NUMBER
from jcdc.model import (
    MAX_NAME, MAX_TEXT, InputError, clean_text, name_key, required_name,
)
from jcdc.session import parse_date, parse_quarter, parse_year

TODAY = dt.date(2026, 11, 29)
LAST = dt.date(2027, 11, 29)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(session, "today", lambda: TODAY)


def out_of_range(text: str) -> str:
    return msg.ERROR_PREFIX + msg.DATE_OUT_OF_RANGE.format(text=text, first="2000-01-01", last=LAST)


def rows(db, table: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- item 9: each of these was 内部错误 -------------------------------------------------------


def test_an_id_beyond_any_ledger_is_refused_naming_the_range(cli, db):
    result = cli("points", "revoke", "99999999999999999999", "--reason", "x")
    assert result.exit_code == 2
    assert result.stderr == msg.ERROR_PREFIX + msg.INTEGER_OUT_OF_RANGE.format(
        name="'ID'", low=-LARGEST_NUMBER, high=LARGEST_NUMBER) + "\n"
    assert "内部错误" not in cli("fix", "done", "99999999999999999999", "--date", "2019-05-01").stderr


@pytest.mark.parametrize("args", [
    ["task", "add", "专项", "--kind", "special", "--start", "2019-03-01", "--end", "9999-12-31"],
    ["matter", "add", "2019-0001", "--title", "饮水", "--lead", "泽州县", "--opened", "9999-12-31"],
    ["fix", "add", "--unit", "泽州县", "--what", "x", "--class", "general", "--from", "9999-12-31"],
    ["fix", "add", "--unit", "泽州县", "--what", "x", "--class", "policy", "--from", "2019-05-05",
     "--inspection-end", "9999-12-31"],
    ["points", "add", "-u", "泽州县", "-r", "problem", "-d", "9999-12-31"],
])
def test_the_last_day_of_the_calendar_is_out_of_range_not_an_overflow(cli, db, args):
    result = cli(*args)
    assert (result.exit_code, result.stderr) == (2, out_of_range("9999-12-31") + "\n")


@pytest.mark.parametrize("quarter", ["0000Q1", "9999Q4"])
@pytest.mark.parametrize("command", [["rank", "--quarter"], ["close"], ["matter", "bonus", "--quarter"]])
def test_a_quarter_without_a_calendar_is_out_of_range(cli, db, command, quarter):
    result = cli(*command, quarter)
    assert (result.exit_code, result.stderr) == (2, out_of_range(quarter) + "\n")
    assert rows(db, "closings") == 0


def _xlsx_cases(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["date", "unit", "rule"])
    book.active.append(["2019-05-01", "泽州县", "problem"])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    data = whole.read_bytes()
    no_types = tmp_path / "no-types.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(no_types, "w") as dst:
        for item in src.infolist():
            if item.filename != "[Content_Types].xml":
                dst.writestr(item, src.read(item))
    cases = {"empty.xlsx": b"", "garbage.xlsx": b"not a workbook\n" * 10, "cut.xlsx": data[: len(data) // 2],
             "tail-cut.xlsx": data[:-40]}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
    return [tmp_path / name for name in cases] + [no_types]


def test_a_workbook_that_is_not_whole_is_refused_by_name(cli, db, tmp_path):
    before = rows(db, "entries")
    for path in _xlsx_cases(tmp_path):
        result = cli("points", "import", str(path))
        assert result.exit_code == 1, (path.name, result.stderr)
        assert result.stderr.startswith(msg.ERROR_PREFIX + f"文件「{path.name}」不是完整的 Excel 工作簿"), result.stderr
        assert result.stderr.count("\n") == 1
    assert rows(db, "entries") == before


BAD_FILES = {
    "not-text": ("姓名,库,单位\n".encode("utf-8") + b"\xff\xfe\x80\x81\xfe\n", msg.FILE_NOT_TEXT),
    "cut-off": ("code,name,category\nhx,测试".encode("utf-8")[:-1], msg.FILE_CUT_OFF),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("command", [["unit", "import"], ["inspector", "import"]])
def test_a_file_that_is_not_text_or_is_cut_off_is_refused_by_name(cli, db, tmp_path, command, kind):
    content, message = BAD_FILES[kind]
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    result = cli(*command, path)
    assert (result.exit_code, result.stderr) == (1, msg.ERROR_PREFIX + message.format(path=path) + "\n")


def test_a_report_list_that_is_not_text_is_refused_and_nothing_recorded(cli, db, tmp_path):
    for name, pool, unit in [("张伟", "full", "fgw"), ("王芳", "full", "czj")]:
        cli.ok("inspector", "add", name, "--pool", pool, "--unit", unit, "--since", "2019-01-01")
    cli.ok("task", "add", "专项", "--kind", "special", "--start", "2019-03-01", "--end", "2019-03-10")
    cli.ok("draw", "run", "专项", "--team", "第一组", "--target", "jyj", "--full", "1", "--part", "0",
           "--invited", "0", "--seed", "x", "--seed-source", "测试用公开种子")
    for kind, (content, message) in BAD_FILES.items():
        path = tmp_path / f"{kind}.txt"
        path.write_bytes(content)
        result = cli("task", "report", "专项", "--team", "第一组", "--date", "2019-03-11", "--problems", path)
        assert (result.exit_code, result.stderr) == (1, msg.ERROR_PREFIX + message.format(path=path) + "\n")
    assert rows(db, "reports") == 0


def test_a_quote_left_open_is_refused_with_its_line_not_swallowed(cli, db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text('code,name,category\nhx1,"导入县,county\nhx2,导入二县,county\n', encoding="utf-8")
    result = cli("unit", "import", path)
    # One message for a quote left open in every file jcdc reads (jcdc/sheets.py, branch imports).
    assert (result.exit_code, result.stderr) == (2, msg.ERROR_PREFIX + msg.CSV_OPEN_QUOTE.format(line=2, last=3) + "\n")
    assert "hx1" not in cli.ok("unit", "list").stdout


# --- item 10: text is checked in one place ----------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("  泽州县 ", "泽州县"),
    ("e\u0301", "\u00e9"),              # NFD as some keyboards send it, stored NFC
    ("第一行\n第二行\t完", "第一行\n第二行\t完"),
])
def test_free_text_is_trimmed_and_stored_in_nfc(text, expected):
    assert clean_text(text, "note") == expected


@pytest.mark.parametrize("text,name,message", [
    ("晋督\x1b[2J字", False, msg.TEXT_CONTROL.format(field="f", char="U+001B")),
    ("a\x00b", False, msg.TEXT_CONTROL.format(field="f", char="U+0000")),
    ("\udcff", True, msg.BAD_TEXT_ENCODING.format(text="\\udcff")),
    ("x" * (MAX_TEXT + 1), False, msg.TEXT_TOO_LONG.format(field="f", length=MAX_TEXT + 1, max=MAX_TEXT)),
    ("x" * (1 << 20), False, msg.TEXT_TOO_LONG.format(field="f", length=1 << 20, max=MAX_TEXT)),
    ("泽\u200b州县", True, msg.TEXT_INVISIBLE.format(field="f", char="U+200B")),
    ("\u202ezz", True, msg.TEXT_INVISIBLE.format(field="f", char="U+202E")),
    ("a\u2066b", True, msg.TEXT_INVISIBLE.format(field="f", char="U+2066")),
    ("\ufeffzz", True, msg.TEXT_INVISIBLE.format(field="f", char="U+FEFF")),
    ("两\n行", True, msg.NAME_CONTROL.format(field="f", char="U+000A")),
    ("名" * (MAX_NAME + 1), True, msg.NAME_TOO_LONG.format(field="f", length=MAX_NAME + 1, max=MAX_NAME)),
])
def test_control_invisible_and_overlong_text_is_refused_naming_the_field(text, name, message):
    with pytest.raises(InputError) as refused:
        clean_text(text, "f", name=name)
    assert str(refused.value) == message


def test_names_that_read_the_same_have_one_key():
    assert name_key("ＺＺ") == name_key("zz") == name_key("Zz") == name_key("z\u200bz")
    assert required_name(" 泽州县 ", "name") == "泽州县"


def test_a_unit_name_with_an_invisible_character_is_refused(cli, db):
    result = cli("unit", "add", "zz2", "泽\u200b州县", "--category", "county")
    assert (result.exit_code, result.stderr) == (
        2, msg.ERROR_PREFIX + msg.TEXT_INVISIBLE.format(field="名称", char="U+200B") + "\n")
    assert [u["name"] for u in cli.json("unit", "list")].count("泽州县") == 1
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-03-05")  # a year to rank (issue 12 item 4)
    assert all(r["name"] != "泽\u200b州县" for r in cli.json("rank", "--year", "2019"))


def test_a_name_that_reads_as_a_registered_one_is_refused(cli, db):
    result = cli("unit", "add", "zz2", "新县", "--category", "county", "--alias", "ＺＺ")
    assert (result.exit_code, result.stderr) == (1, msg.ERROR_PREFIX + msg.NAME_LOOKS_TAKEN.format(
        name="ＺＺ", code="zezhou", taken="zz") + "\n")


def test_a_nul_in_an_imported_roster_is_refused_and_nothing_stored(cli, db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,name,category\nhx1,导入\x00县,county\n", encoding="utf-8")
    before = rows(db, "units")
    result = cli("unit", "import", path)
    assert (result.exit_code, result.stderr) == (2, msg.ERROR_PREFIX + msg.UNIT_FILE_ROW.format(
        line=2, text=msg.NAME_CONTROL.format(field="名称", char="U+0000")) + "\n")
    assert rows(db, "units") == before


@pytest.mark.parametrize("args,field", [
    (["case", "open", "--unit", "泽州县", "--trigger", "inaction", "--summary", "\x1b[2J摘要", "--date",
      "2019-03-01"], "案情摘要"),
    (["case", "open", "--unit", "泽州县", "--person", "张\x1b[31m三:副县长", "--trigger", "inaction",
      "--summary", "摘要", "--date", "2019-03-01"], "人员"),
    (["inspector", "add", "张\x1b[2J伟", "--pool", "full", "--unit", "fgw"], "姓名"),
    (["inspector", "add", "张伟", "--pool", "full", "--unit", "fgw", "--phone", "138\x1b]0;x\x07"], "电话"),
    (["points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-01", "--by", "\x1b[2J甲"], "记录人"),
])
def test_an_escape_never_reaches_the_ledger_to_be_listed(cli, db, args, field):
    result = cli(*args)
    assert result.exit_code == 2 and f"「{field}」中有控制字符 U+001B" in result.stderr
    assert "\x1b" not in result.stderr
    assert rows(db, "cases") == rows(db, "inspectors") == 0


def test_a_group_that_is_not_one_of_the_groups_needs_new_group(cli, db):
    result = cli("unit", "add", "sz", "市政", "--category", "city", "--group", "市值")
    assert (result.exit_code, result.stderr) == (1, msg.ERROR_PREFIX + msg.UNIT_UNKNOWN_GROUP.format(
        group="市值", groups="县区、市直、驻市") + "\n")
    cli.ok("unit", "add", "sz", "市政", "--category", "city", "--group", "市直")
    cli.ok("unit", "add", "kfq2", "新区", "--category", "devzone", "--group", "新区组", "--new-group")
    assert {u["code"]: u["group"] for u in cli.json("unit", "list")}["kfq2"] == "新区组"
    cli.ok("unit", "add", "kfq3", "新区二", "--category", "devzone", "--group", "新区组")  # now one of them


def test_an_imported_roster_with_an_unknown_group_needs_new_group(cli, db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code,name,category,group\nhx1,导入县,county,县曲\n", encoding="utf-8")
    result = cli("unit", "import", path)
    assert result.exit_code == 1 and msg.UNIT_UNKNOWN_GROUP.format(group="县曲", groups="县区、市直、驻市") in result.stderr
    cli.ok("unit", "import", path, "--new-group")


@pytest.mark.parametrize("parse,text", [
    (parse_date, "1999-12-31"), (parse_date, "2027-11-30"), (parse_date, "9999-12-31"), (parse_date, "0001-01-01"),
    (parse_quarter, "1999Q4"), (parse_quarter, "2028Q1"), (parse_quarter, "0000Q1"), (parse_quarter, "9999Q4"),
    (parse_year, "1999"), (parse_year, "2029"), (parse_year, "0000"), (parse_year, "9999"),
])
def test_dates_before_2000_or_beyond_a_year_from_today_are_refused_with_one_message(parse, text):
    with pytest.raises(InputError) as refused:
        parse(text)
    assert str(refused.value) == msg.DATE_OUT_OF_RANGE.format(text=text, first="2000-01-01", last=LAST)


@pytest.mark.parametrize("parse,text", [
    (parse_date, "2000-01-01"), (parse_date, "2027-11-29"), (parse_quarter, "2000Q1"), (parse_quarter, "2027Q4"),
    (parse_year, "2000"), (parse_year, "2027"),
])
def test_the_edges_of_the_range_are_accepted(parse, text):
    parse(text)


@pytest.mark.parametrize("args", [
    ["unit", "list", "--on", "1999-12-31"],
    ["inspector", "add", "张伟", "--pool", "full", "--unit", "fgw", "--since", "1999-12-31"],
    ["due", "--on", "1999-12-31"],
    ["case", "open", "--unit", "泽州县", "--trigger", "inaction", "--summary", "x", "--date", "1999-12-31"],
])
def test_every_command_refuses_an_out_of_range_date_the_same_way(cli, db, args):
    result = cli(*args)
    assert (result.exit_code, result.stderr) == (2, out_of_range("1999-12-31") + "\n")


def test_an_escape_stored_before_the_check_is_shown_as_its_code_not_obeyed(cli, store):
    """A ledger written before issue 11 may hold one; listing it must not act on the terminal."""
    import datetime as dt

    from jcdc.pools import _record_row
    from jcdc.rules.sanku import Inspector, Pool

    old = Inspector(1, "张\x1b[2J伟\r", Pool.FULL, "fgw", "市本级", (), "138\x1b]0;x\x07", dt.date(2019, 1, 1))
    with store.write():
        store.append("inspectors", [_record_row(old, "add", "旧版", "2019-01-01T00:00:00+08:00")])
    listed = cli.ok("inspector", "list", "--on", "2019-06-01").stdout
    assert "\x1b" not in listed and "\r" not in listed and "\x07" not in listed
    assert "张\\x1b[2J伟\\x0d" in listed and "138\\x1b]0;x\\x07" in listed
    assert cli.json("inspector", "list", "--on", "2019-06-01")[0]["name"] == "张\x1b[2J伟\r"  # data stays as stored
