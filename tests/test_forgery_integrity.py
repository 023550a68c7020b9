"""issue 11 items 6, 7 and 8: what `jcdc check` did not see, anchors kept outside
the ledger, and records lost with a deleted -wal.

Each tampering is done the way an attacker would: the sqlite3 module (or
shell) on the ledger file, the guarding triggers dropped first where jcdc's
own schema refuses the edit."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from jcdc import chain
from jcdc import messages as msg
from jcdc.anchor import parse
from jcdc.model import beijing_time
from jcdc.store import CHAINED, GUARDED_TRIGGERS, MIGRATIONS, append_only_sql, open_store

from test_integrity_check import problems, tamper


def sql(db, script: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.executescript(script)
    finally:
        conn.close()


def rows(db, query: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def ledger(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-05-07", "--note", "表扬")
    cli.ok("points", "add", "-u", "lingchuan", "-r", "problem", "-d", "2019-08-01")
    assert problems(cli) == []
    return cli


# --- item 6 (a): a trigger is compared with the one the schema defines -------------------------------


INERT = ("CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries WHEN 0 "
         "BEGIN SELECT RAISE(ABORT, 'jcdc: entries is append-only'); END")


def test_a_trigger_replaced_by_an_inert_one_is_reported(ledger, db):
    sql(db, f"DROP TRIGGER entries_no_update; {INERT};")
    assert problems(ledger) == [f"entries: {msg.P_TRIGGER.format(name='entries_no_update')}"]
    # and the inert trigger lets an edit through, which the chain then shows
    sql(db, "UPDATE entries SET note = '改' WHERE id = 2;")
    assert f"entries 第 2 条: {msg.P_HASH}" in problems(ledger)


def test_a_trigger_with_only_its_layout_changed_is_still_the_schemas(ledger, db):
    sql(db, "DROP TRIGGER entries_no_delete; "
            + append_only_sql("entries", "DELETE").replace(" BEGIN ", "\n  BEGIN\n    ") + ";")
    assert problems(ledger) == []


@pytest.mark.parametrize("name", sorted(GUARDED_TRIGGERS))
def test_a_guard_beyond_append_only_replaced_is_reported(ledger, db, name):
    table = GUARDED_TRIGGERS[name].split(" ON ")[1].split()[0]
    sql(db, f"DROP TRIGGER {name}; CREATE TRIGGER {name} BEFORE DELETE ON {table} WHEN 0 BEGIN SELECT 1; END;")
    assert problems(ledger) == [f"{table}: {msg.P_TRIGGER.format(name=name)}"]


def test_a_trigger_the_schema_does_not_define_is_reported(ledger, db):
    sql(db, "CREATE TRIGGER quietly AFTER INSERT ON entries BEGIN SELECT 1; END;")
    assert problems(ledger) == [f"entries: {msg.P_TRIGGER_UNKNOWN.format(name='quietly')}"]


# --- item 6 (b): the roster is append-only records, and checked ------------------------------------


@pytest.mark.parametrize("edit", [
    "UPDATE units SET grp = '市直' WHERE code = 'zezhou'",
    "UPDATE units SET valid_to = '2019-01-01' WHERE code = 'zezhou'",
    "DELETE FROM units WHERE code = 'qinshui'",
    "UPDATE unit_aliases SET unit = 'gaoping' WHERE alias = 'zz'",
    "DELETE FROM unit_aliases WHERE alias = 'zz'",
    "UPDATE unit_records SET grp = '市直' WHERE code = 'zezhou'",
    "UPDATE quarter_totals SET points = 999",
    "DELETE FROM quarter_totals",
])
def test_the_database_refuses_to_rewrite_the_roster_or_the_totals(ledger, db, edit):
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="jcdc: "):
        conn.execute(edit)
    conn.close()
    assert problems(ledger) == []


def test_a_unit_moved_to_another_group_and_an_alias_moved_are_caught(ledger, db):
    assert rows(db, "SELECT unit FROM unit_aliases WHERE alias = 'zz'") == [("zezhou",)]
    sql(db, """DROP TRIGGER units_no_update; DROP TRIGGER unit_aliases_no_update;
        UPDATE units SET grp = '市直' WHERE code = 'zezhou';
        UPDATE unit_aliases SET unit = 'gaoping' WHERE alias = 'zz';""")
    sql(db, GUARDED_TRIGGERS["units_no_update"] + ";" + append_only_sql("unit_aliases", "UPDATE") + ";")
    found = problems(ledger)
    assert f"units: {msg.P_UNIT_FIELD.format(code='zezhou', field='grp', now='市直', recorded='县区')}" in found
    assert f"unit_aliases: {msg.P_ALIAS.format(alias='zz', now='gaoping', recorded='zezhou')}" in found


def test_a_unit_added_behind_jcdcs_back_is_caught(ledger, db):
    sql(db, "INSERT INTO units (code, name, category, grp, recorded_by, recorded_at)"
            " VALUES ('ghost', '虚设单位', 'city', '市直', 'x', '2019-01-01T00:00:00+08:00');")
    assert problems(ledger) == [f"units: {msg.P_UNIT_UNRECORDED.format(code='ghost', name='虚设单位')}"]


def test_ending_a_unit_is_a_record_and_a_hand_made_ending_is_caught(ledger, db):
    ledger.ok("unit", "end", "qinshui", "--date", "2019-12-31", "--by", "王科长")
    assert rows(db, "SELECT action, code, valid_to, recorded_by FROM unit_records ORDER BY id DESC LIMIT 1") == [
        ("end", "qinshui", "2019-12-31", "王科长")]
    assert rows(db, "SELECT valid_to, ended_by FROM units WHERE code = 'qinshui'") == [("2019-12-31", "王科长")]
    assert problems(ledger) == []
    # ending another unit by hand: the guard refuses it without an end record ...
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE units SET valid_to = '2019-06-30', ended_by = 'x', ended_at = 'y' WHERE code = 'yangcheng'")
    conn.close()
    # ... and with the guard dropped, check shows the ending no record made
    sql(db, "DROP TRIGGER units_no_update;"
            "UPDATE units SET valid_to = '2019-06-30', ended_by = 'x', ended_at = 'y' WHERE code = 'yangcheng';")
    sql(db, GUARDED_TRIGGERS["units_no_update"])
    assert f"units: {msg.P_UNIT_FIELD.format(code='yangcheng', field='valid_to', now='2019-06-30', recorded=msg.NONE_VALUE)}" \
        in problems(ledger)


def ledger_before_issue_11(path) -> None:
    """A ledger as jcdc wrote it before the roster had records: schema up to
    m140, two units, an alias, one of them ended in place (the old `unit end`)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations = Migrations("jcdc")
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    names = [name for name, _ in MIGRATIONS]
    conn.execute("BEGIN IMMEDIATE")
    migrations.apply(sqlite_utils.Database(conn, execute_plugins=False), stop_before="m140_unit_records")
    conn.execute(f"PRAGMA user_version = {names.index('m140_unit_records')}")
    conn.execute("COMMIT")
    conn.executescript("""
        INSERT INTO units (code, name, category, grp, valid_from, valid_to, recorded_by, recorded_at)
            VALUES ('zezhou', '泽州县', 'county', '县区', NULL, NULL, '甲', '2019-01-02T09:00:00+08:00'),
                   ('kfq', '开发区', 'devzone', '县区', '2018-01-01', '2018-12-31', '甲', '2019-01-02T09:00:00+08:00'),
                   ('old', '旧局', 'city', '市直', NULL, NULL, '甲', '2019-01-02T09:00:00+08:00');
        INSERT INTO unit_aliases (alias, unit) VALUES ('zz', 'zezhou');
        UPDATE units SET valid_to = '2019-03-31', ended_by = '乙', ended_at = '2019-04-02T10:00:00+08:00'
            WHERE code = 'old';
    """)
    conn.close()


def test_an_existing_ledger_gets_its_roster_as_records_and_keeps_working(tmp_path, cli):
    path = tmp_path / "old.db"
    ledger_before_issue_11(path)
    open_store(path).close()
    assert rows(path, "SELECT action, code, grp, aliases, valid_to, recorded_by FROM unit_records ORDER BY id") == [
        ("add", "zezhou", "县区", '["zz"]', None, "甲"),
        ("add", "kfq", "县区", None, "2018-12-31", "甲"),
        ("add", "old", "市直", None, None, "甲"),
        ("end", "old", None, None, "2019-03-31", "乙"),
    ]
    result = cli("check", "--db", path)
    assert (result.exit_code, result.stdout) == (0, "")
    cli.ok("points", "add", "-u", "zz", "-r", "problem", "-d", "2019-05-06", "--db", path)
    cli.ok("unit", "end", "zezhou", "--date", "2019-12-31", "--db", path)
    cli.ok("unit", "add", "new", "新局", "--category", "city", "--db", path)
    result = cli("check", "--db", path)
    assert (result.exit_code, result.stdout) == (0, "")


# --- item 6 (c): a closed quarter's rank is the ranking recorded at closing ------------------------


@pytest.fixture
def closed(ledger):
    ledger.ok("close", "2019Q1", "--empty")  # nothing scored in it: said so
    ledger.ok("close", "2019Q2")
    return ledger


def zezhou(ranking) -> float:
    return next(r["score"] for r in ranking if r["unit"] == "zezhou")


def test_an_edited_quarter_total_does_not_reach_a_closed_quarters_rank(closed, db):
    published = closed.json("rank", "--quarter", "2019Q2")
    assert zezhou(published) == 95.0
    [(digest,)] = rows(db, "SELECT ranking_hash FROM closings WHERE qkey = 20192")
    sql(db, "DROP TRIGGER quarter_totals_no_update;"
            "UPDATE quarter_totals SET points = 100 WHERE unit = 'zezhou' AND qkey = 20192;")
    result = closed("rank", "--quarter", "2019Q2", "--format", "json")
    assert result.exit_code == 0
    import json
    assert json.loads(result.stdout) == published        # as recorded at closing, not the edited 110.0
    assert msg.RANK_CLOSED_HASH.format(hash=digest) in result.stderr
    assert msg.RANK_CLOSED_DIFFERS.format(quarter="2019年第二季度") in result.stderr


def test_a_closed_quarters_rank_says_when_the_ledger_no_longer_agrees(closed, db):
    published = closed.json("rank", "--quarter", "2019Q2")
    quiet = closed("rank", "--quarter", "2019Q2")
    assert msg.RANK_CLOSED_DIFFERS.format(quarter="2019年第二季度") not in quiet.stderr
    # a forger rewrites a figure and recomputes the whole chain and the totals
    tamper(db, "UPDATE entries SET points = 15, rule = 'commend', cite = (SELECT cite FROM entries WHERE id = 2)"
               " WHERE id = 1;", rechain=True)
    result = closed("rank", "--quarter", "2019Q2", "--format", "json")
    import json
    assert json.loads(result.stdout) == published
    assert msg.RANK_CLOSED_DIFFERS.format(quarter="2019年第二季度") in result.stderr
    assert any("closings" in p for p in problems(closed))


def test_a_closed_quarters_rank_keeps_the_group_option(closed):
    rows_ = closed.json("rank", "--quarter", "2019Q2", "--group", "县区")
    assert rows_ and {r["group"] for r in rows_} == {"县区"}
    refused = closed("rank", "--quarter", "2019Q2", "--group", "市值")
    assert (refused.exit_code, refused.stderr) == (1, "错误: 未知的排名组「市值」, 现有: 县区、市直、驻市\n")


# --- item 7: anchors ------------------------------------------------------------------------------


def heads(db) -> dict[str, tuple[int, str]]:
    return {t: (i, h) for t, i, h in rows(db, "SELECT tbl, last_id, hash FROM chain_heads") if t != "anchors"}


def make_anchor(cli, tmp_path, name="anchor.txt"):
    result = cli.ok("anchor", "--by", "王科长")
    path = tmp_path / name
    path.write_text(result.stdout, encoding="utf-8")
    return path, result


def test_anchor_prints_every_chains_head_and_records_itself(ledger, db, tmp_path):
    expected = heads(db)
    path, result = make_anchor(ledger, tmp_path)
    anchor, fingerprint = parse(result.stdout)
    assert anchor.heads == expected and anchor.heads["entries"][0] == 3
    assert anchor.made_by == "王科长" and fingerprint == anchor.fingerprint
    for table, (i, h) in expected.items():  # by its Chinese name, the hash whole on the next line
        assert f"{msg.ANCHOR_CHAIN} {msg.CHAIN_LABEL[table]} 第 {i} 条\n    {h}\n" in result.stdout
    assert msg.ANCHOR_RECORDED.format(id=1, fingerprint=fingerprint) in result.stderr
    assert rows(db, "SELECT fingerprint, recorded_by FROM anchors") == [(fingerprint, "王科长")]
    checked = ledger("anchor", "--check", path)
    assert (checked.exit_code, checked.stdout) == (0, "")
    assert msg.ANCHOR_OK.format(at=beijing_time(anchor.made_at), fingerprint=fingerprint,
                                chains=len(expected)) in checked.stderr
    assert ledger("check", "--anchor", path).exit_code == 0


def test_a_forger_who_recomputes_everything_is_caught_only_by_the_anchor_kept_outside(ledger, db, tmp_path):
    path, _ = make_anchor(ledger, tmp_path)
    ledger.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-09-02")  # written after the anchor
    # the forger changes a note of entry 2, recomputes the chain, and removes the anchors the ledger holds
    tamper(db, "UPDATE entries SET note = '无' WHERE id = 2;", rechain=True)
    tamper(db, "DELETE FROM anchors; DELETE FROM chain_heads WHERE tbl = 'anchors';", table="anchors")
    assert problems(ledger) == []  # nothing inside the file can tell
    result = ledger("check", "--anchor", path)
    assert result.exit_code == 1
    anchor, _ = parse(path.read_text(encoding="utf-8"))
    where = msg.P_ANCHOR_FILE.format(at=beijing_time(anchor.made_at))  # as the clerk reads it
    assert result.stdout == f"entries 第 3 条: {msg.P_ANCHOR_DIFFERS.format(where=where)}\n"
    assert ledger("anchor", "--check", path).stdout == result.stdout


def test_the_anchors_the_ledger_holds_are_checked(ledger, db, tmp_path):
    make_anchor(ledger, tmp_path)
    tamper(db, "UPDATE entries SET note = '无' WHERE id = 2;", rechain=True)
    where = msg.P_ANCHOR_RECORDED.format(id=1)
    assert problems(ledger) == [f"entries 第 3 条: {msg.P_ANCHOR_DIFFERS.format(where=where)}"]


def test_an_anchor_file_edited_to_fit_is_told_by_its_fingerprint(ledger, db, tmp_path):
    path, result = make_anchor(ledger, tmp_path)
    tamper(db, "UPDATE entries SET note = '无' WHERE id = 2;", rechain=True)
    tamper(db, "DELETE FROM anchors; DELETE FROM chain_heads WHERE tbl = 'anchors';", table="anchors")
    anchored = heads(db)["entries"][1]
    lines = result.stdout.splitlines()
    head = lines.index(f"{msg.ANCHOR_CHAIN} {msg.CHAIN_LABEL['entries']} 第 3 条")
    forged = "\n".join([*lines[:head + 1], f"    {anchored}", *lines[head + 2:]])
    path.write_text(forged, encoding="utf-8")
    found = ledger("check", "--anchor", path)
    assert found.exit_code == 1
    anchor, stated = parse(forged)
    assert found.stdout == "anchor: " + msg.P_ANCHOR_FINGERPRINT.format(
        path=path, stated=stated, computed=anchor.fingerprint) + "\n"


def test_close_records_an_anchor_and_prints_it(ledger, db, tmp_path):
    ledger.ok("close", "2019Q1", "--empty")
    result = ledger.ok("close", "2019Q2")
    anchor, fingerprint = parse(result.stdout)
    [(digest,)] = rows(db, "SELECT ranking_hash FROM closings WHERE qkey = 20192")
    assert anchor.closed["2019Q2"] == digest and anchor.made_for == "2019Q2"
    assert anchor.heads == heads(db) and anchor.heads["closings"] == (2, heads(db)["closings"][1])
    assert rows(db, "SELECT made_for, fingerprint FROM anchors WHERE id = 2") == [("2019Q2", fingerprint)]
    path = tmp_path / "2019Q2.txt"
    path.write_text(result.stdout, encoding="utf-8")
    assert ledger("anchor", "--check", path).exit_code == 0


@pytest.mark.parametrize("content", ["", "not an anchor\n", "链 entries 3 abc\n"])
def test_a_file_that_is_not_an_anchor_is_refused(ledger, tmp_path, content):
    path = tmp_path / "x.txt"
    path.write_text(content, encoding="utf-8")
    result = ledger("check", "--anchor", path)
    assert result.exit_code == 2
    assert result.stderr == "错误: " + msg.ANCHOR_NOT_A_STATEMENT.format(path=path) + "\n"
    missing = ledger("anchor", "--check", tmp_path / "none.txt")
    assert missing.exit_code == 1 and "none.txt" in missing.stderr


def test_a_damaged_ledger_is_not_anchored(ledger, db):
    tamper(db, "DELETE FROM entries WHERE id = 3;")
    result = ledger("anchor")
    assert result.exit_code == 1
    assert result.stderr == "错误: " + msg.ANCHOR_DAMAGED.format(table="entries") + "\n"
    assert rows(db, "SELECT COUNT(*) FROM anchors") == [(0,)]


# --- item 8: records lost with a deleted -wal --------------------------------------------------------


def test_entries_lost_with_a_deleted_wal_are_caught_by_an_anchor(ledger, db, tmp_path):
    rows(db, "PRAGMA wal_checkpoint(TRUNCATE)")  # the three entries are in the ledger file itself
    keeper = sqlite3.connect(db)  # another clerk's jcdc still open: the -wal is not folded back
    keeper.execute("SELECT COUNT(*) FROM entries").fetchone()
    for day in range(2, 7):
        ledger.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", f"2019-09-{day:02d}")
    path, _ = make_anchor(ledger, tmp_path)  # the day's anchor, filed outside
    # the crash: the ledger file without its -wal, as a clerk who deletes it (or copies only jcdc.db) gets it
    lost = tmp_path / "lost.db"
    shutil.copyfile(db, lost)
    keeper.close()
    assert rows(lost, "SELECT COUNT(*) FROM entries") == [(3,)]
    plain = ledger("check", "--db", lost)
    assert (plain.exit_code, plain.stdout) == (0, "")  # consistent as far as the file itself can tell
    result = ledger("check", "--db", lost, "--anchor", path)
    assert result.exit_code == 1
    anchor, _ = parse(path.read_text(encoding="utf-8"))
    where = msg.P_ANCHOR_FILE.format(at=beijing_time(anchor.made_at))  # as the clerk reads it
    assert f"entries: {msg.P_ANCHOR_LOST.format(where=where, id=8, last=3, lost=5)}" in result.stdout.splitlines()


def test_every_chained_table_is_anchored(ledger, db, tmp_path):
    _, result = make_anchor(ledger, tmp_path)
    anchor, _ = parse(result.stdout)
    written = {t for t, in rows(db, "SELECT tbl FROM chain_heads")} - {"anchors"}
    assert set(anchor.heads) == written and written <= set(CHAINED)


def test_chain_of_a_statement_is_the_chain_module(ledger, db, tmp_path):
    """The anchored hash is the record's chained hash (jcdc/chain.py), recomputable by an auditor."""
    _, result = make_anchor(ledger, tmp_path)
    anchor, _ = parse(result.stdout)
    fields = CHAINED["entries"]
    prev = chain.GENESIS
    for values in rows(db, f"SELECT {', '.join(fields)} FROM entries ORDER BY id"):
        prev = chain.link(prev, values)
    assert anchor.heads["entries"] == (3, prev)


# --- item 6 (b): the import records ----------------------------------------------------------------


@pytest.fixture
def imported(cli, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("date,unit,rule\n2019-03-05,zezhou,problem\n2019-03-06,gaoping,13710-item\n", encoding="utf-8")
    cli.ok("points", "import", path)
    assert problems(cli) == []
    return path


def test_an_import_row_identity_removed_is_caught_before_the_file_is_imported_twice(cli, db, imported):
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM import_rows")
    conn.close()
    sql(db, "DROP TRIGGER import_rows_no_delete; DELETE FROM import_rows WHERE entry = 1;")
    # and the import's seal (issue 18) no longer holds: two rows sealed, one left
    assert problems(cli) == [f"import_rows: {msg.P_TRIGGER.format(name='import_rows_no_delete')}",
                             f"import_rows: {msg.P_IMPORT_UNMARKED.format(entry=1)}",
                             f"import_rows: {msg.P_IMPORT_SEAL.format(id=1, seal=1, sealed=2, now=1)}"]


def test_an_import_whose_count_was_edited_is_caught(cli, db, imported):
    tamper(db, "UPDATE imports SET added = 1, skipped = 1 WHERE id = 1;", table="imports", rechain=True)
    assert problems(cli) == [f"imports 第 1 条: {msg.P_IMPORT_COUNT.format(added=1, found=2)}"]


def test_an_identity_pointing_at_a_clerks_entry_is_caught(cli, db, imported):
    cli.ok("points", "add", "-u", "lingchuan", "-r", "problem", "-d", "2019-05-06")
    sql(db, "INSERT INTO import_rows (identity, entry) VALUES ('key:x', 3);")
    assert problems(cli) == [f"import_rows: {msg.P_IMPORT_STRAY.format(identity='key:x', entry=3)}"]


def test_a_closed_quarters_recorded_ranking_reads_as_the_ranking_did(closed, db):
    """Shown from the closing record, the rows are the very rows `rank` gave before (ties included)."""
    closed.ok("reopen", "2019Q2", "--reason", "核对")
    before = closed.json("rank", "--quarter", "2019Q2")
    closed.ok("close", "2019Q2")
    assert closed.json("rank", "--quarter", "2019Q2") == before
    assert any(r.get("tied", 1) > 1 for r in before)
