"""Rows an import must not drop, double or let be forged (积分办法 第十五、十六条: the
sections and the openers of 13710 matters report their scores as files):

- a row's 编号 belongs to its source (`--source`, else the file's name);
- an empty 文号 and the text "None" are two rows;
- the row identities are sealed with their import, and `jcdc check` finds one
  edited behind jcdc's back;
- a corrected sheet sent again is a correction, refused unless `--corrections`
  (SPEC, third reading: one figure changed from 15 to 12 must not stand beside the 15).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from jcdc import store as store_module
from jcdc.store import append_only_sql, open_store

CN = "日期,单位,规则,角色,分值,数量,事项编号,文号,备注,编号"


def write(tmp_path, name: str, *rows: str):
    path = tmp_path / name
    path.write_text(CN + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def imported(cli, path, *args):
    return cli.json("points", "import", path, *args)


def entries(cli, *args):
    return cli.json("points", "list", *args)


def standing(cli, unit: str) -> list[float]:
    """The figures of a unit's entries that still stand (neither revoked nor reversals)."""
    return sorted(e["points"] for e in entries(cli, "--unit", unit)
                  if e["revoked_by"] is None and e["reverses"] is None)


SECTION_A = ("2019-05-06,泽州县,problem,,,,,,督查室发现,1", "2019-05-07,高平市,problem,,,,,,督查室发现,2")
SECTION_B = ("2019-05-08,阳城县,eval-poor,,,,,,考核办评估,1", "2019-05-09,陵川县,eval-poor,,,,,,考核办评估,2")


# --- 编号 keys belong to their source ----------------------------------------------------


def test_another_sources_key_1_is_another_row(cli, db, tmp_path):
    """Section A's rows 1, 2 and section B's rows 1, 2 are four entries (B's two
    were skipped as 已在台账中 before); `check` passes; A's file again adds nothing."""
    a = write(tmp_path, "督查室.csv", *SECTION_A)
    b = write(tmp_path, "考核办.csv", *SECTION_B)
    assert imported(cli, a) == {"rows": 2, "added": 2, "skipped": 0}
    result = cli.ok("points", "import", b)
    assert "导入记录第 2 号: 考核办.csv(来源「考核办」)" in result.stderr
    assert "新增第 3—4 号记录" in result.stderr
    assert sorted(e["unit"] for e in entries(cli)) == ["gaoping", "lingchuan", "yangcheng", "zezhou"]
    assert imported(cli, a) == {"rows": 2, "added": 0, "skipped": 2}
    cli.ok("check")
    ledger = open_store(db)
    assert [i["source"] for i in ledger.imports()] == ["督查室", "考核办", "督查室"]
    ledger.close()


def test_the_same_source_named_is_a_re_import(cli, tmp_path):
    """Two files of one section, named as one source: the same key again is the same row."""
    first = write(tmp_path, "2019Q2-督查室.csv", *SECTION_A)
    second = write(tmp_path, "2019Q2-督查室-补报.csv", *SECTION_A, "2019-05-10,沁水县,problem,,,,,,补报,3")
    assert imported(cli, first, "--source", "督查室")["added"] == 2
    assert imported(cli, second, "--source", "督查室") == {"rows": 3, "added": 1, "skipped": 2}


def test_a_renamed_copy_is_refused_unless_its_source_is_named(cli, tmp_path):
    """The same bytes under a new name (a copy saved as 「…(1).csv」) would be
    a new source whose every key is new: refused, naming the earlier import."""
    first = write(tmp_path, "督查室.csv", *SECTION_A)
    copy = tmp_path / "督查室(1).csv"
    copy.write_bytes(first.read_bytes())
    imported(cli, first)
    result = cli("points", "import", copy)
    assert result.exit_code == 2
    assert ("「督查室(1).csv」与第 1 号导入记录的「督查室.csv」内容完全相同(SHA-256), 那次的来源是「督查室」"
            in result.stderr)
    assert imported(cli, copy, "--source", "督查室") == {"rows": 2, "added": 0, "skipped": 2}
    assert len(entries(cli)) == 2


def test_a_key_that_now_names_another_row_is_refused(cli, tmp_path):
    """编号 1 of 督查室 was 泽州县's problem; a file of the same source where 1 is
    高平市's is an error of that row, never skipped as imported."""
    imported(cli, write(tmp_path, "督查室.csv", *SECTION_A))
    changed = write(tmp_path, "督查室.csv", "2019-05-06,高平市,problem,,,,,,督查室发现,1")
    result = cli("points", "import", changed)
    assert result.exit_code == 1
    assert "第2行: 编号「1」在来源「督查室」中已导入为第 1 号记录, 本行的单位与之不同" in result.stderr
    assert len(entries(cli)) == 2


def test_a_source_must_not_be_blank(cli, tmp_path):
    result = cli("points", "import", write(tmp_path, "a.csv", *SECTION_A), "--source", " ")
    assert result.exit_code == 2 and "--source 不能为空" in result.stderr


# --- an empty 文号 and the text None ---------------------------------------------------------


def test_an_empty_ref_and_the_ref_None_are_two_rows(cli, tmp_path):
    """A row's identity without a key is what it says: 文号 empty and 文号 「None」
    are two rows (the second was skipped as already imported)."""
    empty = write(tmp_path, "a.csv", "2019-05-06,泽州县,problem,,,,,,,")
    none = write(tmp_path, "b.csv", "2019-05-06,泽州县,problem,,,,,None,,")
    assert imported(cli, empty)["added"] == 1
    assert imported(cli, none) == {"rows": 1, "added": 1, "skipped": 0}
    assert sorted(str(e["ref"]) for e in entries(cli)) == ["None", "None"]
    assert [e["ref"] for e in entries(cli)].count(None) == 1


# --- the row identities are sealed ----------------------------------------------------------


def _edit_import_rows(db, sql: str) -> None:
    """An edit behind jcdc's back: the triggers dropped and recreated exactly."""
    conn = sqlite3.connect(db)
    for op in ("UPDATE", "DELETE"):
        conn.execute(f"DROP TRIGGER import_rows_no_{op.lower()}")
    conn.execute(sql)
    for op in ("UPDATE", "DELETE"):
        conn.execute(append_only_sql("import_rows", op))
    conn.commit()
    conn.close()


def test_an_edited_row_identity_is_found_by_check(cli, db, tmp_path):
    """Editing import_rows.identity passed `check`, and importing the file again
    then doubled its entries. The import's seal no longer holds: check says so."""
    path = write(tmp_path, "督查室.csv", *SECTION_A)
    imported(cli, path)
    cli.ok("check")
    _edit_import_rows(db, "UPDATE import_rows SET identity = identity || 'x' WHERE entry = 1")
    result = cli("check")
    assert result.exit_code == 1
    assert ("import_rows: 第 1 号导入的行标识与导入时的封存(import_seals 第 1 条)不符(封存 2 行, 现有 2 行)"
            in result.stdout + result.stderr)


def test_a_ledger_imported_before_sources_migrates_and_keeps_its_rows(tmp_path, monkeypatch, cli):
    """A ledger whose rows were imported before m303 (keys in one namespace,
    the old digest): after the upgrade `check` passes, its file imported again
    adds nothing, and another section's key 1 is imported."""
    mine = [m for m in store_module.MIGRATIONS if m[0] == "m303_import_sources_and_seals"]
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", [x for x in store_module.MIGRATIONS if x not in mine])
        m.setattr(store_module, "SCHEMA_VERSION", len(store_module.MIGRATIONS) - len(mine))
        chained = {t: fs for t, fs in store_module.CHAINED.items() if t != "import_seals"}
        chained["imports"] = tuple(f for f in chained["imports"] if f != "source")
        m.setattr(store_module, "CHAINED", chained)
        from jcdc import points
        from jcdc.model import Role
        from jcdc.units import load_roster

        old = open_store(path)
        load_roster(old, "测试")
        with old.write():
            ids = [points.add(old, points.PointsRequest(unit=u, rule="problem", date=dt.date(2019, 5, d),
                                                        note="督查室发现", source="import:1")).id
                   for u, d in (("zezhou", 6), ("gaoping", 7))]
            content = points.add(old, points.PointsRequest(unit="qinshui", rule="commend", date=dt.date(2019, 5, 8),
                                                           points=150, source="import:1"))
            old.append("imports", [{"file": "督查室.csv", "sha256": "0" * 64, "rows": 3, "added": 3, "skipped": 0,
                                    "recorded_by": "测试", "recorded_at": "2019-07-01T09:00:00"}])
            legacy = store_module._legacy_content_identity(
                ("2019-05-08", "qinshui", "commend", Role.LEAD.value, 150, 1, None, None, None))
            old.add_import_rows([("key:1", ids[0]), ("key:2", ids[1]), (f"row:{legacy}:1", content.id)])
        old.close()
    monkeypatch.setenv("JCDC_DB", str(path))
    cli.ok("init", "--no-roster")
    cli.ok("check")
    again = write(tmp_path, "督查室.csv", *SECTION_A, "2019-05-08,沁水县,commend,,15,,,,,")
    assert imported(cli, again) == {"rows": 3, "added": 0, "skipped": 3}
    assert imported(cli, write(tmp_path, "考核办.csv", *SECTION_B))["added"] == 2
    cli.ok("check")


# --- a corrected sheet sent again ----------------------------------------------------------

COMMENDS = ("2019-05-06,市公安局,commend,牵头,15,,,晋市政发〔2019〕8号,表彰,",
            "2019-05-06,市财政局,commend,牵头,12,,,晋市政发〔2019〕8号,表彰,")
CORRECTED = ("2019-05-06,市公安局,commend,牵头,12,,,晋市政发〔2019〕8号,表彰,",
             "2019-05-06,市财政局,commend,牵头,12,,,晋市政发〔2019〕8号,表彰,")


def test_a_corrected_sheet_is_refused_listing_the_corrected_rows(cli, tmp_path):
    """One 受表彰 figure changed from 15 to 12 and the file sent again: +12 was
    added beside the standing +15 (市公安局 at 127). The file is refused, naming
    the row and the entry it corrects; nothing is written."""
    imported(cli, write(tmp_path, "表彰.csv", *COMMENDS))
    result = cli("points", "import", write(tmp_path, "表彰.csv", *CORRECTED))
    assert result.exit_code == 1
    assert ("第2行: 与已导入的第 1 号记录(分值 +15.0, 数量 1)单位、规则、日期、角色、事项编号、文号都相同而分值或数量不同, "
            "是更正; 确要以本文件更正, 请加 --corrections") in result.stderr
    assert "共 1 处错误, 未导入任何行" in result.stderr
    assert standing(cli, "gaj") == [15]
    assert len(entries(cli)) == 2


def test_corrections_revoke_the_old_entry_and_record_the_new_in_one_go(cli, tmp_path):
    """With --corrections the +15 is revoked, citing the file, and +12 recorded
    in its place, in the same transaction; the summary names every id."""
    imported(cli, write(tmp_path, "表彰.csv", *COMMENDS))
    result = cli.ok("points", "import", write(tmp_path, "表彰.csv", *CORRECTED), "--corrections")
    assert "第2行: 第 1 号记录(分值 +15.0)已冲销(第 3 号), 按本行重记为第 4 号(分值 +12.0)" in result.stderr
    assert "新增第 4 号记录" in result.stderr
    assert standing(cli, "gaj") == [12]
    [reversal] = [e for e in entries(cli) if e["reverses"] == 1]
    assert reversal["reason"] == "以「表彰.csv」(第 2 号导入)第2行更正"
    scores = {r["unit"]: r["score"] for r in cli.json("rank", "--year", "2019", "--group", "市直")}
    assert scores["gaj"] == 112
    cli.ok("check")
    assert imported(cli, write(tmp_path, "表彰.csv", *CORRECTED)) == {"rows": 2, "added": 0, "skipped": 2}


def test_a_key_row_corrected_by_its_source(cli, tmp_path):
    """The same 编号 of the same source with another figure is a correction too."""
    imported(cli, write(tmp_path, "表彰.csv", "2019-05-06,市公安局,commend,牵头,15,,,,,K-3"))
    changed = write(tmp_path, "表彰.csv", "2019-05-06,市公安局,commend,牵头,12,,,,,K-3")
    refused = cli("points", "import", changed)
    assert refused.exit_code == 1 and "第2行: 与已导入的第 1 号记录(分值 +15.0, 数量 1)" in refused.stderr
    assert imported(cli, changed, "--corrections") == {"rows": 1, "added": 1, "skipped": 0, "corrected": 1}
    assert standing(cli, "gaj") == [12]
    assert imported(cli, changed) == {"rows": 1, "added": 0, "skipped": 1}
    cli.ok("check")


def test_a_dry_run_of_corrections_writes_nothing(cli, tmp_path):
    imported(cli, write(tmp_path, "表彰.csv", *COMMENDS))
    result = cli.ok("points", "import", write(tmp_path, "表彰.csv", *CORRECTED), "--corrections", "--dry-run")
    assert "第2行: 将冲销第 1 号记录(分值 +15.0), 按本行重记" in result.stderr
    assert len(entries(cli)) == 2 and standing(cli, "gaj") == [15]
    cli.ok("check")


def test_a_quantity_changed_is_a_correction(cli, tmp_path):
    imported(cli, write(tmp_path, "迟报.csv", "2019-05-06,泽州县,late-material,,,3,,,,"))
    result = cli("points", "import", write(tmp_path, "迟报.csv", "2019-05-06,泽州县,late-material,,,2,,,,"))
    assert result.exit_code == 1 and "(分值 -3.0, 数量 3)" in result.stderr
