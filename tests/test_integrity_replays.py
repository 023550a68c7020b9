"""What `jcdc check` verifies itself instead of trusting (docs/integrity.md):
every draw replayed as `draw verify` replays it (三库办法 第八条, SPEC §5
"verifying a draw"), and the uniqueness the ledger's correctness rests on —
one reversal per entry (SPEC §2: "a mistake is undone by a reversal entry") —
verified rather than left to an index that can be dropped.

Each tampering is the attacker's: the sqlite3 module on the file, the
triggers dropped first and every chain recomputed with its head."""

from __future__ import annotations

import json
import sqlite3

from jcdc import messages as msg
from jcdc.store import open_store

from test_integrity_check import problems, tamper
from test_pools import add_roster


def rows(db, query: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, args).fetchall()
    finally:
        conn.close()


def drawn(cli, db):
    """A special inspection of 泽州县 and one team drawn for it (jcdc makes the seed)."""
    store = open_store(db)
    add_roster(store)
    store.close()
    cli.ok("task", "add", "2019年环保专项督查", "--kind", "special", "--start", "2019-03-01", "--end", "2019-03-10")
    view = cli.json("draw", "run", "2019年环保专项督查", "--team", "第一组", "--target", "泽州县")
    assert problems(cli) == []
    return view


# --- draws: 三库办法 第八条, SPEC §5 -----------------------------------------------------------


def test_sanku_8_check_replays_every_draw_and_catches_a_team_edited_with_its_chain_recomputed(cli, db):
    """A full-time seat handed to someone the seed did not pick: the draw's record
    says so, its hash and every later link recomputed. `draw verify` catches it;
    `jcdc check` must too, naming the draw."""
    view = drawn(cli, db)
    [(ranking,)] = rows(db, "SELECT ranking FROM draws WHERE id = ?", view["id"])
    order = json.loads(ranking)
    order["full"] = order["full"][::-1]  # the last in line first: another team
    assert order["full"][:1] != json.loads(ranking)["full"][:1]
    tamper(db, f"UPDATE draws SET ranking = '{json.dumps(order)}' WHERE id = {view['id']};",
           table="draws", rechain=True)
    assert cli("draw", "verify", str(view["id"])).exit_code == 1
    found = problems(cli)
    assert found == [f"draws 第 {view['id']} 条: " + msg.P_DRAW.format(text=msg.VERIFY_RANKING)]


def test_sanku_8_check_of_an_honest_draw_finds_nothing(cli, db):
    view = drawn(cli, db)
    assert "复核一致" in cli.ok("draw", "verify", str(view["id"])).stderr
    assert problems(cli) == []


# --- uniqueness: SPEC §2, one reversal per entry ------------------------------------------------


def revoked(cli):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    cli.ok("points", "revoke", "1", "--reason", "录入错误")
    assert problems(cli) == []


SECOND_REVERSAL = """
DROP INDEX entries_reverses;
INSERT INTO entries (id, unit, rule, role, date, qkey, points, qty, matter, ref, note, scorer, cite,
                     reverses, reason, source, recorded_by, recorded_at, prev_hash, hash)
  SELECT 3, unit, rule, role, date, qkey, points, qty, matter, ref, note, scorer, cite,
         reverses, reason, source, recorded_by, recorded_at, '', '' FROM entries WHERE id = 2;
"""


def test_a_second_reversal_of_the_same_entry_is_caught_with_its_index_dropped(cli, db):
    """SPEC §2: an entry is undone once. A second reversal (+5 more for 泽州县)
    written with the unique index dropped and every hash recomputed passed
    check, which trusted the index: now the replay says which entry was
    undone twice, and the missing index is named."""
    revoked(cli)
    tamper(db, SECOND_REVERSAL, rechain=True)
    assert problems(cli) == [
        "entries: " + msg.P_UNIQUE_MISSING.format(columns="reverses"),
        "entries: " + msg.P_UNIQUE_REPEATED.format(columns="reverses", value=1, count=2),
        "entries 第 3 条: " + msg.P_REVERSED_TWICE.format(original=1, earlier=2)]


def test_every_unique_key_of_the_schema_dropped_is_reported(cli, db):
    """Each uniqueness the schema defines (an index, a UNIQUE column, a key) is
    verified to be in the file: dropping any one would otherwise go unseen.
    Here the unique index of the import rows' entries (one row identity per
    entry), rebuilt without it."""
    revoked(cli)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript("""
        DROP TRIGGER import_rows_no_update; DROP TRIGGER import_rows_no_delete;
        CREATE TABLE import_rows_new (identity TEXT NOT NULL, entry INTEGER NOT NULL REFERENCES entries(id),
            PRIMARY KEY (identity, entry)) WITHOUT ROWID;
        INSERT INTO import_rows_new SELECT * FROM import_rows;
        DROP TABLE import_rows;
        ALTER TABLE import_rows_new RENAME TO import_rows;
    """)
    for op in ("UPDATE", "DELETE"):
        from jcdc.store import append_only_sql
        conn.execute(append_only_sql("import_rows", op))
    conn.close()
    assert problems(cli) == ["import_rows: " + msg.P_UNIQUE_MISSING.format(columns="entry")]


def test_a_count_of_zero_written_past_a_removed_check_is_reported_not_a_crash(cli, db):
    """积分办法 第十一条 每项: an entry counts at least one item. With the table's
    CHECK (qty >= 1) edited out of the schema, a count of 0 was a division by
    zero inside check (内部错误); it is a problem of that entry."""
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-05-07")
    tamper(db, """PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = replace(sql, 'CHECK (qty >= 1)', '') WHERE name = 'entries';
        PRAGMA writable_schema = OFF;""")
    tamper(db, "UPDATE entries SET qty = 0 WHERE id = 1;", rechain=True)
    assert problems(cli) == ["entries 第 1 条: " + msg.P_QTY.format(qty=0)]
