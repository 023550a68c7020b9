"""`jcdc points import`: encodings, headers, xlsx, all or nothing, idempotence, date order."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from jcdc.importer import ERROR_LIMIT

EN = "date,unit,rule,role,points,qty,matter,ref,note,key"
CN = "日期,单位,规则,角色,分值,数量,事项编号,文号,备注,编号"


def write(tmp_path, text: str, name: str = "rows.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def entries(cli, *args):
    return cli.json("points", "list", *args)


def imported(cli, path, *args):
    return cli.json("points", "import", path, *args)


# --- encodings and headers --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_each_encoding_is_found_without_being_told(cli, tmp_path, encoding):
    text = f"{CN}\n2019-03-05,泽州县,problem,配合,,,,晋督字〔2019〕3号,督查发现问题,\n"
    path = write(tmp_path, text, encoding=encoding)
    assert imported(cli, path) == {"rows": 1, "added": 1, "skipped": 0}
    [entry] = entries(cli)
    assert (entry["unit"], entry["role"], entry["points"], entry["ref"], entry["note"]) == (
        "zezhou", "coop", -3, "晋督字〔2019〕3号", "督查发现问题")


def test_gb18030_refused_when_told_it_is_utf8(cli, tmp_path):
    path = write(tmp_path, f"{CN}\n2019-03-05,泽州县,problem,,,,,,,\n", encoding="gb18030")
    result = cli("points", "import", path, "--encoding", "utf-8")
    assert result.exit_code == 1
    assert "编码" in result.stderr and "gb18030" in result.stderr
    assert entries(cli) == []


@pytest.mark.parametrize("header", [EN, CN, "Unit,RULE,Date", "规则,日期,单位"])
def test_headers_in_either_language_and_any_order(cli, tmp_path, header):
    columns = [h.strip().lower() for h in header.split(",")]
    value = {"date": "2019/5/6", "日期": "2019/5/6", "unit": "gaoping", "单位": "gaoping",
             "rule": "13710-item", "规则": "13710-item"}
    line = ",".join(value.get(c, "") for c in columns)
    path = write(tmp_path, f"{header}\n{line}\n")
    assert imported(cli, path)["added"] == 1
    [entry] = entries(cli)
    assert (entry["date"], entry["unit"], entry["rule"], entry["points"]) == ("2019-05-06", "gaoping", "13710-item", 0.5)


def test_unknown_header_is_an_error_naming_it(cli, tmp_path):
    path = write(tmp_path, "date,unit,rule,remark\n2019-05-06,gaoping,13710-item,x\n")
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert "第1行: 未知的列名「remark」" in result.stderr
    assert entries(cli) == []


def test_missing_required_column(cli, tmp_path):
    path = write(tmp_path, "date,rule\n2019-05-06,13710-item\n")
    result = cli("points", "import", path)
    assert result.exit_code == 2
    assert "缺少必需的列: unit" in result.stderr


# --- xlsx in ------------------------------------------------------------------------------


def test_xlsx_with_dates_and_numbers_as_excel_types(cli, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "单位", "规则", "分值", "数量", "备注"])
    sheet.append([dt.datetime(2019, 6, 3), "高平市", "commend", 12.5, None, "省政府表彰"])
    sheet.append([])  # a blank row inside the data is passed over
    sheet.append([dt.date(2019, 7, 1), "jyj", "late-material", None, 3, None])
    path = tmp_path / "季度积分.xlsx"
    book.save(path)
    assert imported(cli, path) == {"rows": 2, "added": 2, "skipped": 0}
    got = [(e["date"], e["unit"], e["rule"], e["points"], e["qty"]) for e in entries(cli)]
    assert got == [("2019-06-03", "gaoping", "commend", 12.5, 1), ("2019-07-01", "jyj", "late-material", -3, 3)]


def test_xlsx_errors_carry_the_sheet_row(cli, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["date", "unit", "rule"])
    sheet.append(["2019-06-03", "gaoping", "13710-item"])
    sheet.append(["2019-06-03", "火星市", "13710-item"])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    result = cli("points", "import", path)
    assert result.exit_code == 1
    assert "第3行: 未知单位「火星市」" in result.stderr


# --- all or nothing -----------------------------------------------------------------------


def test_any_invalid_row_writes_nothing_and_every_error_has_its_line(cli, tmp_path):
    path = write(tmp_path, "\n".join([
        EN,
        "2019-03-05,zezhou,problem,,,,,,,",          # line 2: fine
        "2019-03-05,火星市,problem,,,,,,,",           # 3: unknown unit
        "2019-13-05,zezhou,problem,,,,,,,",           # 4: no such date
        "2019-03-05,zezhou,commend,,,,,,,",           # 5: a range needs a figure
        "2019-03-05,zezhou,problem,,-7,,,,,",         # 6: fixed figure typed differently
        "2019-03-05,zezhou,13710-returned,,,,,,,",    # 7: needs a matter
        "2019-03-05,zezhou,no-such-rule,,,,,,,",      # 8
        "2019-03-05,zezhou,problem,boss,,,,,,",       # 9: role
        "2019-03-05,zezhou,problem,,,0,,,,",          # 10: qty
    ]) + "\n")
    result = cli("points", "import", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(":", 2)[1].strip()[:5] for line in lines[:-1]] == [
        "第3行", "第4行", "第5行", "第6行", "第7行", "第8行", "第9行", "第10行"]
    assert "第3行: 未知单位「火星市」" in lines[0]
    assert "2019-13-05" in lines[1]
    assert lines[-1] == "错误: 共 8 处错误, 未导入任何行"
    assert entries(cli) == []
    assert imported(cli, write(tmp_path, EN + "\n2019-03-05,zezhou,problem,,,,,,,\n", "ok.csv"))["added"] == 1


def test_errors_beyond_the_limit_are_counted(cli, tmp_path):
    bad = [f"2019-03-05,无此单位{i},problem,,,,,,," for i in range(ERROR_LIMIT + 5)]
    path = write(tmp_path, EN + "\n" + "\n".join(bad) + "\n")
    result = cli("points", "import", path)
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert len(lines) == ERROR_LIMIT + 2
    assert lines[0].startswith("错误: 第2行") and lines[ERROR_LIMIT - 1].startswith(f"错误: 第{ERROR_LIMIT + 1}行")
    assert lines[-2] == "错误: ……另有 5 处错误未列出"


def test_dry_run_validates_and_writes_nothing(cli, tmp_path):
    path = write(tmp_path, EN + "\n2019-03-05,zezhou,problem,,,,,,,\n2019-03-06,gaoping,13710-item,,,,,,,\n")
    result = cli.ok("points", "import", path, "--dry-run")
    assert "共 2 行: 新增 2 行" in result.stdout and "试运行" in result.stderr
    assert entries(cli) == []
    bad = write(tmp_path, EN + "\n2019-03-05,火星市,problem,,,,,,,\n", "bad.csv")
    result = cli("points", "import", bad, "--dry-run")
    assert result.exit_code == 1 and "第2行: 未知单位「火星市」" in result.stderr


def test_stdin(cli):
    text = EN + "\n2019-03-05,zezhou,problem,,,,,,,\n"
    result = cli.ok("points", "import", "-", "--format", "json", input=text)
    assert '"added": 1' in result.stdout
    assert entries(cli)[0]["unit"] == "zezhou"


# --- idempotence ----------------------------------------------------------------------------


def test_reimport_adds_nothing_and_each_import_is_recorded(cli, store, tmp_path):
    path = write(tmp_path, EN + "\n2019-03-05,zezhou,problem,,,,,,,\n2019-03-06,gaoping,13710-item,,,,,,,\n")
    assert imported(cli, path) == {"rows": 2, "added": 2, "skipped": 0}
    assert imported(cli, path) == {"rows": 2, "added": 0, "skipped": 2}
    assert len(entries(cli)) == 2
    records = store.imports()
    assert [(r["id"], r["file"], r["rows"], r["added"], r["skipped"]) for r in records] == [
        (1, "rows.csv", 2, 2, 0), (2, "rows.csv", 2, 0, 2)]
    assert records[0]["sha256"] == records[1]["sha256"] and records[0]["recorded_by"] == "测试员"
    assert {e.source for e in store.entries()} == {"import:1"}


def test_overlapping_file_adds_only_the_new_rows(cli, tmp_path):
    rows = [f"2019-03-0{d},zezhou,13710-item,,,,,,," for d in range(1, 6)]
    first = write(tmp_path, EN + "\n" + "\n".join(rows[:3]) + "\n", "q1-a.csv")
    # The same rows typed another way (a name for the code, another date form) are the same rows.
    second = write(tmp_path, EN + "\n" + "\n".join(
        [r.replace("zezhou", "泽州县").replace("2019-03-0", "2019/3/") for r in rows[1:]]) + "\n", "q1-b.csv")
    assert imported(cli, first)["added"] == 3
    assert imported(cli, second) == {"rows": 4, "added": 2, "skipped": 2}
    assert sorted(e["date"] for e in entries(cli)) == [f"2019-03-0{d}" for d in range(1, 6)]


def test_identical_rows_are_distinct_entries_counted_by_occurrence(cli, tmp_path):
    row = "2019-03-05,zezhou,13710-late,,,,,,,"
    assert imported(cli, write(tmp_path, EN + f"\n{row}\n{row}\n", "two.csv"))["added"] == 2
    assert imported(cli, write(tmp_path, EN + f"\n{row}\n{row}\n{row}\n", "three.csv"))["added"] == 1
    assert len(entries(cli)) == 3


def test_key_is_the_identity_when_given(cli, tmp_path):
    """Within its source (issue 18: keys belong to their source; two files of one section here)."""
    first = write(tmp_path, EN + "\n2019-03-05,zezhou,problem,,,,,,首次,K-1\n", "a.csv")
    again = write(tmp_path, EN + "\n2019-03-05,zezhou,problem,,,,,,备注改了,K-1\n2019-03-05,zezhou,problem,,,,,,,K-2\n",
                  "b.csv")
    assert imported(cli, first, "--source", "督查室")["added"] == 1
    assert imported(cli, again, "--source", "督查室") == {"rows": 2, "added": 1, "skipped": 1}
    assert [e["note"] for e in entries(cli)] == ["首次", None]


def test_a_key_repeated_in_one_file_is_an_error(cli, tmp_path):
    path = write(tmp_path, EN + "\n2019-03-05,zezhou,problem,,,,,,,K-1\n2019-03-06,gaoping,problem,,,,,,,K-1\n")
    result = cli("points", "import", path)
    assert result.exit_code == 1
    assert "第3行: 编号「K-1」在文件中重复(第2行已使用)" in result.stderr


# --- rules that depend on earlier entries, in date order -------------------------------------


def test_returns_escalate_in_date_order_across_the_file_and_the_ledger(cli, tmp_path):
    cli.ok("points", "add", "-u", "lingchuan", "-r", "13710-returned", "-d", "2019-04-01", "-m", "M-7")
    path = write(tmp_path, EN + "\n" + "\n".join([
        "2019-05-20,lingchuan,13710-returned,,,,M-7,,,",
        "2019-04-10,lingchuan,13710-returned,,,,M-7,,,",
        "2019-04-15,lingchuan,13710-returned,,,2,M-8,,,",
    ]) + "\n")
    imported(cli, path)
    got = {(e["matter"], e["date"]): e["points"] for e in entries(cli, "--rule", "13710-returned")}
    assert got == {("M-7", "2019-04-01"): -0.5, ("M-7", "2019-04-10"): -1.5, ("M-7", "2019-05-20"): -2.5,
                   ("M-8", "2019-04-15"): -2.0}


def test_no_reminder_twice_in_a_quarter_is_refused_at_the_later_row(cli, tmp_path):
    path = write(tmp_path, EN + "\n" + "\n".join([
        "2019-06-30,zezhou,13710-no-reminder,,,,,,,",
        "2019-04-01,zezhou,13710-no-reminder,,,,,,,",
        "2019-04-01,gaoping,13710-no-reminder,,,,,,,",
    ]) + "\n")
    result = cli("points", "import", path)
    assert result.exit_code == 1
    assert "第2行: 单位「泽州县」2019年第二季度已记过「未被催办」加分" in result.stderr
    assert entries(cli) == []


def test_no_reminder_already_in_the_ledger(cli, tmp_path):
    cli.ok("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-05-01")
    result = cli("points", "import", write(tmp_path, EN + "\n2019-06-30,zezhou,13710-no-reminder,,,,,,,\n"))
    assert result.exit_code == 1 and "第2行" in result.stderr and "(第 1 条)" in result.stderr


# --- the ledger's sums ----------------------------------------------------------------------


def test_rankings_count_imported_entries(cli, store, tmp_path):
    path = write(tmp_path, EN + "\n" + "\n".join([
        "2019-03-05,zezhou,problem,,,,,,,",
        "2019-08-05,zezhou,commend,,15,,,,,",
        "2019-08-05,gaoping,13710-late,,,3,,,,",
        "2018-12-31,gaoping,commend,,20,,,,,",
    ]) + "\n")
    imported(cli, path)
    # Written in date order: the 2018 row is entry 1, zezhou's problem entry 2.
    cli.ok("points", "revoke", "2", "--reason", "录入有误")
    rows = {r["unit"]: r["score"] for r in cli.json("rank", "--year", "2019", "--group", "县区")}
    assert (rows["zezhou"], rows["gaoping"], rows["chengqu"]) == (115, 98.5, 100)
    assert store.sums(20191, 20194) == {"zezhou": 150, "gaoping": -15}
    assert store.sums(20184, 20184) == {"gaoping": 200}
    by_entries: dict = {}
    for e in store.entries():
        by_entries[e.unit] = by_entries.get(e.unit, 0) + e.points
    assert store.sums(20181, 20194) == by_entries  # the quarter totals are the ledger's sums


@pytest.mark.parametrize("content, code, text", [
    ("", 2, "没有表头"),
    ("\n\n", 2, "没有表头"),
])
def test_a_file_without_a_header(cli, tmp_path, content, code, text):
    result = cli("points", "import", write(tmp_path, content))
    assert result.exit_code == code and text in result.stderr


def test_a_header_alone_imports_nothing(cli, tmp_path):
    assert imported(cli, write(tmp_path, CN + "\n")) == {"rows": 0, "added": 0, "skipped": 0}


@pytest.mark.parametrize("args, text", [
    (["--encoding", "latin-1"], "未知的编码「latin-1」"),
    ([], "只支持 .csv 和 .xlsx"),
])
def test_usage_mistakes(cli, tmp_path, args, text):
    path = write(tmp_path, EN + "\n", "rows.txt" if not args else "rows.csv")
    result = cli("points", "import", path, *args)
    assert result.exit_code == 2 and text in result.stderr


def test_a_missing_file(cli, tmp_path):
    result = cli("points", "import", tmp_path / "nowhere.csv")
    assert result.exit_code == 1 and "找不到文件" in result.stderr


def test_rules_that_count_earlier_rows_hold_across_the_chunks_a_large_file_is_written_in(
        cli, tmp_path, monkeypatch):
    from jcdc import importer

    monkeypatch.setattr(importer, "CHUNK", 2)  # a large file's 10,000-row chunks, in miniature
    path = write(tmp_path, EN + "\n" + "\n".join(
        [f"2019-04-1{i},lingchuan,13710-returned,,,,M-9,,," for i in range(5)]
        + ["2019-04-01,zezhou,13710-no-reminder,,,,,,,", "2019-04-02,gaoping,13710-key,,,,K-1,,,"]) + "\n")
    imported(cli, path)
    returns = [e["points"] for e in entries(cli, "--rule", "13710-returned")]
    assert returns == [-0.5, -1.5, -2.5, -3.5, -4.5]
    assert cli("check").stdout == ""
    again = write(tmp_path, EN + "\n2019-06-01,zezhou,13710-no-reminder,,,,,,,\n2019-06-02,gaoping,13710-key,,,,K-1,,,\n",
                  name="again.csv")
    result = cli("points", "import", again)
    assert result.exit_code == 1 and "第2行" in result.stderr and "第3行" in result.stderr


def test_dry_run_refuses_a_row_of_a_closed_quarter_with_its_line(cli, tmp_path):
    cli.ok("close", "2019Q1", "--by", "王科长", "--empty")
    path = write(tmp_path, EN + "\n2019-04-01,zezhou,problem,,,,,,,\n2019-03-31,zezhou,problem,,,,,,,\n")
    for args in (["--dry-run"], []):
        result = cli("points", "import", path, *args)
        assert result.exit_code == 1 and "第3行" in result.stderr and "2019年第一季度" in result.stderr
    assert entries(cli) == []
