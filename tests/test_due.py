"""Rectification items (快速处置 二) and `jcdc due`: everything due in one list."""

from __future__ import annotations

import sqlite3

import pytest

from jcdc.commands.fixes import DUE_COLOUR


def fix(cli, *args, unit="泽州县", cls="general", start="2019-05-05"):
    return cli.json("fix", "add", "--unit", unit, "--what", "整改道路破损", "--class", cls,
                    "--from", start, *args)


@pytest.mark.parametrize("cls, args, due, cite", [
    ("general", (), "2019-05-12", "快速处置 二.2"),   # 二.2 where the clerk does not say (SPEC §6)
    ("major", ("--para", "二.1"), "2019-06-04", "快速处置 二.1"),
    ("policy", ("--inspection-end", "2019-05-10"), "2019-05-13", "快速处置 二.3"),
    ("conduct", ("--inspection-end", "2019-05-10"), "2019-05-17", "快速处置 二.4"),
    ("custom", ("--due", "2019-05-20"), "2019-05-20", "快速处置 二.5"),
    ("general", ("--due", "2019-05-08"), "2019-05-08", "快速处置 二.2"),
])
def test_each_class_has_its_due_date(cli, cls, args, due, cite):
    item = fix(cli, *args, cls=cls)
    assert (item["due"], item["original_due"], item["state"], item["cite"]) == (due, due, "open", cite)


def test_fix_add_refuses_what_the_class_needs(cli, store):
    result = cli("fix", "add", "--unit", "泽州县", "--what", "x", "--class", "policy", "--from", "2019-05-05")
    assert result.exit_code == 2 and "--inspection-end" in result.stderr
    result = cli("fix", "add", "--unit", "泽州县", "--what", "x", "--class", "urgent", "--from", "2019-05-05")
    assert result.exit_code == 2 and "urgent" in result.stderr
    assert store.fixes() == []


def extend(cli, item, days, *args):
    return cli("fix", "extend", item, "--days", days, "--approved-by", "市政府分管副市长",
               "--plan", "6月底前完成招标, 7月底前完工", "--date", "2019-05-10", *args)


def test_extensions_add_up_to_sixty_days(cli):
    item = fix(cli)["id"]
    assert extend(cli, item, 30).exit_code == 0
    assert extend(cli, item, 30).exit_code == 0
    shown = cli.json("fix", "list")[0]
    assert (shown["due"], shown["extended_days"], shown["original_due"]) == ("2019-07-11", 60, "2019-05-12")


def test_an_extension_past_sixty_days_needs_a_reason(cli, store):
    item = fix(cli)["id"]
    extend(cli, item, 45)
    refused = extend(cli, item, 16)
    assert refused.exit_code == 1
    assert "延期合计 61 天" in refused.stderr and "--override-reason" in refused.stderr
    assert len(store.fix_events()) == 1
    allowed = extend(cli, item, 16, "--override-reason", "涉及跨年度资金安排", "--format", "json")
    assert allowed.exit_code == 0
    shown = cli.json("fix", "list")[0]
    assert (shown["due"], shown["extended_days"]) == ("2019-07-12", 61)
    assert shown["events"][-1]["override_reason"] == "涉及跨年度资金安排"


def test_an_extension_needs_approval_and_a_plan(cli):
    item = fix(cli)["id"]
    result = cli("fix", "extend", item, "--days", 5, "--approved-by", " ", "--plan", "x")
    assert result.exit_code == 2 and "「批准人」不能为空" in result.stderr


def test_progress_and_done(cli, store):
    item = fix(cli)["id"]
    cli.ok("fix", "progress", item, "--date", "2019-05-08", "--text", "已完成一半")
    cli.ok("fix", "done", item, "--date", "2019-05-11", "--report", "晋督整〔2019〕3号")
    shown = cli.json("fix", "list")[0]
    assert (shown["state"], shown["done"]) == ("done", "2019-05-11")
    assert [e["kind"] for e in shown["events"]] == ["progress", "done"]
    assert cli.json("fix", "list", "--open") == []
    again = cli("fix", "progress", item, "--date", "2019-05-12", "--text", "x")
    assert again.exit_code == 1 and "已于 2019-05-11 整改到位" in again.stderr
    assert cli("fix", "done", 99, "--date", "2019-05-12").exit_code == 1


@pytest.mark.parametrize("table", ["fixes", "fix_events"])
def test_fix_records_are_append_only(cli, store, table):
    item = fix(cli)["id"]
    cli.ok("fix", "progress", item, "--date", "2019-05-08", "--text", "x")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute(f"UPDATE {table} SET date = '2020-01-01'" if table == "fix_events"
                           else f"UPDATE {table} SET due = '2020-01-01'")


# --- jcdc due ------------------------------------------------------------------


@pytest.mark.parametrize("on, left, status", [
    ("2019-05-08", 4, "later"),     # before
    ("2019-05-09", 3, "soon"),      # due within 3 days
    ("2019-05-12", 0, "soon"),      # at: the deadline is the end of its day
    ("2019-05-13", -1, "overdue"),  # after
])
def test_due_before_at_and_after_a_deadline(cli, on, left, status):
    item = fix(cli)["id"]
    assert cli.json("due", "--on", on) == [{
        "kind": "fix", "id": str(item), "unit": "zezhou", "what": "整改道路破损", "due": "2019-05-12",
        "days_left": left, "status": status}]


def test_due_lists_13710_nodes_and_fixes_sorted_by_due_date(cli):
    fix(cli, cls="general", start="2019-05-01")                                  # due 05-08
    cli.ok("matter", "add", "2019-0001", "--title", "饮水", "--lead", "高平市", "--opened", "2019-05-05")
    cli.ok("matter", "report", "2019-0001", "--node", "1", "--date", "2019-05-06")
    rows = cli.json("due", "--on", "2019-05-07")
    assert [(r["kind"], r["id"], r["due"], r["days_left"]) for r in rows] == [
        ("13710", "2019-0001", "2019-05-08", 1),
        ("fix", "1", "2019-05-08", 1),
        ("13710", "2019-0001", "2019-05-12", 5),
    ]
    assert rows[0]["what"] == "饮水(节点 2 报告进展)"


def test_due_within_and_unit(cli):
    fix(cli, start="2019-05-01")                       # due 05-08
    fix(cli, unit="高平市", start="2019-05-10")         # due 05-17
    fix(cli, cls="major", start="2019-05-01")          # due 05-31
    assert [r["due"] for r in cli.json("due", "--on", "2019-05-10", "--within", 7)] == [
        "2019-05-08", "2019-05-17"]
    assert [r["due"] for r in cli.json("due", "--on", "2019-05-10", "--unit", "zz")] == [
        "2019-05-08", "2019-05-31"]
    assert cli("due", "--within", -1).exit_code == 2


def test_what_is_done_leaves_the_list_from_the_day_it_was_done(cli):
    item = fix(cli)["id"]
    cli.ok("matter", "add", "2019-0001", "--title", "饮水", "--lead", "高平市", "--opened", "2019-05-05")
    # node 1, due 05-06, let pass: charged before the matter closes (积分办法 第十二条(三))
    cli.ok("matter", "overdue", "--on", "2019-05-07", "--charge")
    cli.ok("matter", "close", "2019-0001", "--date", "2019-05-07", "--rating", "合格")
    cli.ok("fix", "done", item, "--date", "2019-05-10")
    assert [(r["kind"], r["due"]) for r in cli.json("due", "--on", "2019-05-06")] == [
        ("13710", "2019-05-06"), ("13710", "2019-05-08"), ("13710", "2019-05-12"), ("fix", "2019-05-12")]
    assert [r["kind"] for r in cli.json("due", "--on", "2019-05-09")] == ["fix"]
    assert cli.json("due", "--on", "2019-05-10") == []
    assert "没有到期或逾期的事项" in cli.ok("due", "--on", "2019-05-10").stderr


def test_due_table_and_csv(cli):
    fix(cli)
    table = cli.ok("due", "--on", "2019-05-13").stdout
    assert "逾期" in table and "泽州县" in table
    assert cli.ok("due", "--on", "2019-05-13", "--format", "csv").stdout.splitlines()[1] == (
        "整改,1,泽州县,整改道路破损,2019-05-12,-1,逾期,")  # no lateness from before an extension


@pytest.mark.parametrize("status, colour", [("overdue", "red"), ("soon", "yellow"), ("later", "green")])
def test_status_colours(status, colour):
    assert colour in DUE_COLOUR[status]


def test_workdays_follow_the_official_holiday_calendar(cli):
    """National Day 2025: 1–8 October off; from 30 September a deadline of
    9 October is 9 calendar days but one working day away."""
    cli.json("fix", "add", "--unit", "泽州县", "--what", "x", "--class", "custom", "--from", "2025-09-20",
             "--due", "2025-10-09")
    assert cli.json("due", "--on", "2025-09-30")[0]["days_left"] == 9
    [row] = cli.json("due", "--on", "2025-09-30", "--workdays")
    assert (row["days_left"], row["status"]) == (1, "soon")
    assert cli.json("due", "--on", "2025-10-10", "--workdays")[0]["days_left"] == -1


def test_workdays_in_a_year_the_calendar_does_not_cover(cli):
    # 2003: within the dates jcdc accepts (2000 on, issue 11 item 10), before the calendar's first year.
    cli.json("fix", "add", "--unit", "泽州县", "--what", "x", "--class", "general", "--from", "2003-01-01")
    result = cli("due", "--on", "2003-01-02", "--workdays")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误: ") and "2003" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_due_workbook_is_laid_out_to_print(cli, tmp_path):
    """`due --output F.xlsx` is laid out like the report workbook (积分办法 第十八条's
    report_book): the title above the headings, both frozen and repeated on every
    printed page, columns sized to their text with the free text wrapped, an
    autofilter, A4 landscape one page wide — not a raw dump."""
    import openpyxl

    from jcdc import messages as msg

    cli.ok("fix", "add", "--unit", "沁水县", "--what", "整改道路破损问题并将整改情况书面报告市政府督查室" * 2,
           "--class", "general", "--from", "2019-12-20")
    out = tmp_path / "到期.xlsx"
    cli.ok("due", "--on", "2019-12-25", "--output", out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == msg.DUE_TITLE.format(on="2019-12-25") and sheet["A1"].font.bold
    assert rows[1][:2] == (msg.H_KIND, msg.H_ID) and rows[2][2] == "沁水县"
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$1:$2"
    assert sheet.auto_filter.ref.startswith("A2:")
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDE"}
    assert widths["D"] == 40 and sheet["D3"].alignment.wrap_text  # 内容: wrapped at 40
    assert widths["E"] >= 11  # 到期日 2019-12-27 whole
