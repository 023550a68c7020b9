"""What a unit owes, and lateness that stays: a unit's 告知单 lists only its own
deadlines (三库办法 第十四条: the drawn team reports, not the unit it inspected),
and an item put right after its deadline is 逾期到位 (快速处置 二; SPEC §6)."""

from __future__ import annotations

from docx import Document

from jcdc import messages as msg


def _statement_tables(path):
    doc = Document(path)
    return doc, [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def _draw_on_qinshui(cli):
    for name, pool, unit in [("张伟", "full", "czj"), ("王强", "full", "jyj"), ("刘洋", "part", "gaj")]:
        cli.ok("inspector", "add", name, "--pool", pool, "--unit", unit, "--since", "2019-01-01")
    cli.ok("task", "add", "第二季度专项督查", "--kind", "special", "--start", "2019-05-06", "--end", "2019-05-10")
    cli.ok("draw", "run", "第二季度专项督查", "--team", "第一组", "--target", "沁水县", "--full", "2",
           "--part", "1", "--invited", "0", "--seed", "123", "--seed-source", "测试用公开种子")


def test_the_inspection_teams_report_is_not_the_inspected_units_deadline_sanku_14(cli, tmp_path):
    """三库办法 第十四条: the team owes its report; 沁水县's statement and
    `due --unit 沁水县` list what 沁水县 owes — its rectification item — only."""
    cli.ok("points", "add", "--unit", "qinshui", "--rule", "problem", "--date", "2019-05-06")
    _draw_on_qinshui(cli)
    cli.ok("fix", "add", "--unit", "沁水县", "--what", "河道垃圾清理", "--class", "general", "--from", "2019-05-08")

    everything = cli.json("due", "--on", "2019-05-11")
    report = next(r for r in everything if r["kind"] == "report")
    assert (report["unit"], report["owed_by"]) == ("qinshui", "第一组")  # about 沁水县, owed by the team
    fix = next(r for r in everything if r["kind"] == "fix")
    assert "owed_by" not in fix  # the unit's own

    own = cli.json("due", "--on", "2019-05-11", "--unit", "沁水县")
    assert [(r["kind"], r["id"]) for r in own] == [("fix", "1")]

    out = tmp_path / "告知单"
    cli.ok("statement", "--quarter", "2019Q2", "--unit", "沁水县", "--output", out, "--on", "2019-05-11")
    _, tables = _statement_tables(out / "qinshui-沁水县.docx")
    due = next(t for t in tables if tuple(t[0]) == msg.DOC_DUE_HEADINGS)[1:]
    assert [(r[0], r[1]) for r in due] == [("整改", "1")]
    assert not any("督查报告" in c for t in tables for row in t for c in row)


def test_done_after_the_deadline_is_recorded_and_shown_as_late_kuaisu_2(cli, store, tmp_path):
    """快速处置 二 (SPEC §6: the deadline is the end of its day): an item due
    05-12 put right on 05-17 is 逾期 5 天到位 — in the command's answer, the
    record, `fix list` and the unit's statement."""
    cli.ok("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-05-06")
    cli.ok("fix", "add", "--unit", "泽州县", "--what", "河道垃圾清理", "--class", "general", "--from", "2019-05-05")
    cli.ok("fix", "add", "--unit", "泽州县", "--what", "整改道路破损", "--class", "general", "--from", "2019-05-05")

    late = cli("fix", "done", "1", "--date", "2019-05-17")
    assert late.exit_code == 0
    assert "逾期 5 天到位" in late.stderr and "整改到位" not in late.stderr
    on_time = cli("fix", "done", "2", "--date", "2019-05-12")  # the last day is in time
    assert "整改到位" in on_time.stderr and "逾期" not in on_time.stderr

    [done_event] = [e for e in store.fix_events(1) if e.kind == "done"]
    assert done_event.days == 5  # recorded with the event, in the chain

    listed = {r["id"]: r for r in cli.json("fix", "list")}
    assert (listed[1]["state"], listed[1]["late_days"]) == ("done", 5)
    assert listed[2]["late_days"] == 0
    table = cli.ok("fix", "list").stdout.splitlines()
    assert "逾期5天到位" in next(line for line in table if "河道垃圾清理" in line)
    assert "逾期" not in next(line for line in table if "整改道路破损" in line)

    out = tmp_path / "告知单"
    cli.ok("statement", "--quarter", "2019Q2", "--unit", "泽州县", "--output", out, "--on", "2019-07-05")
    doc, tables = _statement_tables(out / "zezhou-泽州县.docx")
    late_rows = next(t for t in tables if tuple(t[0]) == msg.DOC_LATE_DONE_HEADINGS)[1:]
    assert late_rows == [["整改", "1", "河道垃圾清理", "2019-05-12", "2019-05-17", "逾期5天"]]
