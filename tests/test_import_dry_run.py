"""`jcdc points import FILE --dry-run`: what the import would record, row by row,
before anything is written (积分办法 第十五、十六条: a section's quarterly sheet,
checked by the clerk — or by the office head before another office's sheet is
imported — before it enters the ledger).

Each row of the file with its 行, 日期, 单位, 规则, 分值 and 结果 (将记录 /
已在台账中(第 N 条) / 将冲销第 N 条 / 跳过 and why), in the words of the real
import; the ledger's file is left byte for byte as it was, and what the dry run
shows is what the import then records.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import sqlite3

CN = "日期,单位,规则,角色,分值,数量,事项编号,文号,备注,编号"


def write(tmp_path, name: str, *rows: str):
    path = tmp_path / name
    path.write_text(CN + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def digest(path) -> str:
    """The ledger's bytes with whatever its write-ahead log holds checkpointed into
    it: the CLI run in-process leaves its connections to be collected, and a commit
    may sit in the -wal file until then."""
    gc.collect()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan(cli, path, *args) -> dict:
    return json.loads(cli.ok("points", "import", path, "--dry-run", *args, "--format", "json").stdout)


# Returns of one matter escalate in date order across the ledger and the file
# (积分办法 第十二条(三)): the figures shown are the ones the rules give, not the cells.
RETURNS = ("2019-05-20,陵川县,13710-returned,,,,M-7,,,",
           "2019-04-10,陵川县,13710-returned,,,,M-7,,,",
           "2019-04-15,高平市,late-material,,-3,3,,,,")


def test_each_row_is_shown_with_what_the_import_would_do(cli, tmp_path):
    cli.ok("points", "import", write(tmp_path, "一季度.csv", "2019-03-05,泽州县,problem,,,,,晋督字〔2019〕3号,,"))
    path = write(tmp_path, "二季度.csv", "2019-03-05,泽州县,problem,,,,,晋督字〔2019〕3号,,", *RETURNS,
                 "合计,,,,,,,,,")
    result = cli.ok("points", "import", path, "--dry-run")
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.split()[:6] == ["行", "日期", "单位", "规则", "分值", "结果"])
    rows = [line.split() for line in lines[heading + 1:heading + 6]]
    assert rows == [
        ["2", "2019-03-05", "泽州县", "存在问题", "-5.0", "已在台账中(第", "1", "条)"],
        ["3", "2019-05-20", "陵川县", "退回重报", "-1.5", "将记录"],
        ["4", "2019-04-10", "陵川县", "退回重报", "-0.5", "将记录"],
        ["5", "2019-04-15", "高平市", "材料迟报", "-3.0", "将记录"],
        ["6", "跳过:", "「合计」行,", "没有数字"],
    ]
    assert lines[-1] == "共 4 行: 新增 3 行, 已在台账中 1 行(跳过)"
    assert "试运行: 全部 4 行校验通过, 未写入任何内容" in result.stderr


def test_the_json_of_a_dry_run_gives_every_row_beside_the_counts(cli, tmp_path):
    found = plan(cli, write(tmp_path, "二季度.csv", *RETURNS))
    assert {k: found[k] for k in ("rows", "added", "skipped")} == {"rows": 3, "added": 3, "skipped": 0}
    assert [(r["line"], r["date"], r["unit"], r["rule"], r["points"], r["result"], r["entry"]) for r in found["lines"]] == [
        (2, "2019-05-20", "lingchuan", "13710-returned", -1.5, "将记录", None),
        (3, "2019-04-10", "lingchuan", "13710-returned", -0.5, "将记录", None),
        (4, "2019-04-15", "gaoping", "late-material", -3.0, "将记录", None),
    ]


def test_a_dry_run_leaves_the_ledger_file_byte_for_byte(cli, tmp_path, db):
    cli.ok("points", "import", write(tmp_path, "表彰.csv", "2019-05-06,市公安局,commend,牵头,15,,,,,K-1"))
    before = digest(db)
    cli.ok("points", "import", write(tmp_path, "二季度.csv", *RETURNS), "--dry-run")
    assert digest(db) == before
    corrected = write(tmp_path, "表彰.csv", "2019-05-06,市公安局,commend,牵头,12,,,,,K-1")
    cli.ok("points", "import", corrected, "--corrections", "--dry-run")
    assert digest(db) == before


def test_what_the_dry_run_shows_is_what_the_import_records(cli, tmp_path):
    cli.ok("points", "add", "-u", "lingchuan", "-r", "13710-returned", "-d", "2019-04-01", "-m", "M-7")
    path = write(tmp_path, "二季度.csv", *RETURNS, "2019-06-01,泽州县,problem,配合,,,,,,")
    shown = plan(cli, path)
    found = cli.json("points", "import", path)
    assert {k: shown[k] for k in ("rows", "added", "skipped")} == found
    recorded = [e for e in cli.json("points", "list") if e["id"] != 1]  # 1: the return added by hand
    assert sorted((e["date"], e["unit"], e["rule"], e["points"]) for e in recorded) == sorted(
        (r["date"], r["unit"], r["rule"], r["points"]) for r in shown["lines"] if r["result"] == "将记录")
    # the returns of M-7 stand second and third after the ledger's first (积分办法 第十二条(三))
    assert [r["points"] for r in shown["lines"]] == [-2.5, -1.5, -3.0, -3.0]
    again = plan(cli, path)
    by_id = {e["id"]: e for e in recorded}
    assert [r["result"] for r in again["lines"]] == [f"已在台账中(第 {r['entry']} 条)" for r in again["lines"]]
    assert [(r["date"], r["unit"], r["rule"], r["points"]) for r in again["lines"]] == [
        (e["date"], e["unit"], e["rule"], e["points"]) for e in (by_id[r["entry"]] for r in again["lines"])] == [
        (r["date"], r["unit"], r["rule"], r["points"]) for r in shown["lines"]]


def test_a_dry_run_of_corrections_names_the_entry_each_row_revokes(cli, tmp_path):
    cli.ok("points", "import", write(tmp_path, "表彰.csv", "2019-05-06,市公安局,commend,牵头,15,,,,,",
                                     "2019-05-06,市财政局,commend,牵头,12,,,,,"))
    corrected = write(tmp_path, "表彰.csv", "2019-05-06,市公安局,commend,牵头,12,,,,,",
                      "2019-05-06,市财政局,commend,牵头,12,,,,,")
    shown = plan(cli, corrected, "--corrections")
    assert [(r["line"], r["points"], r["result"], r["entry"]) for r in shown["lines"]] == [
        (2, 12.0, "将冲销第 1 条", 1), (3, 12.0, "已在台账中(第 2 条)", 2)]
    cli.ok("points", "import", corrected, "--corrections")
    standing = [e for e in cli.json("points", "list", "--unit", "gaj") if e["revoked_by"] is None and e["reverses"] is None]
    assert [(e["date"], e["points"]) for e in standing] == [("2019-05-06", 12.0)]


def test_a_long_file_shows_its_first_rows_and_counts_the_rest(cli, tmp_path):
    from jcdc.commands.points import DRY_RUN_SHOWN

    many = DRY_RUN_SHOWN + 7
    path = write(tmp_path, "长表.csv", *(f"2019-05-06,市公安局,commend,牵头,15,,,,,K-{n}" for n in range(many)))
    result = cli.ok("points", "import", path, "--dry-run")
    shown = [line for line in result.stdout.splitlines() if "将记录" in line]
    assert len(shown) == DRY_RUN_SHOWN
    assert "另有 7 行未列出, 全部各行请用 --format csv 或 --format json" in result.stdout
    table = list(csv.DictReader(io.StringIO(cli.ok("points", "import", path, "--dry-run", "--format", "csv").stdout)))
    assert len(table) == many
    assert table[0] == {"行": "2", "日期": "2019-05-06", "单位": "市公安局", "规则": "commend", "分值": "+15.0",
                        "结果": "将记录"}
    assert len(plan(cli, path)["lines"]) == many


def test_a_file_with_errors_is_refused_without_a_table(cli, tmp_path, db):
    before = digest(db)
    result = cli("points", "import", write(tmp_path, "坏表.csv", "2019-05-06,火星市,problem,,,,,,,", *RETURNS),
                 "--dry-run")
    assert result.exit_code == 1
    assert "错误: 第2行: 未知单位「火星市」" in result.stderr
    assert result.stdout == "" and digest(db) == before
