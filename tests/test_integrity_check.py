"""`jcdc check` against a ledger tampered with the way an attacker would: the
sqlite3 shell or a script, the append-only triggers dropped first."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from jcdc import chain
from jcdc import messages as msg
from jcdc.demo import build_demo
from jcdc.model import fmt_points
from jcdc.rules import POINT_RULES
from jcdc.store import CHAINED, GUARDED_TRIGGERS, open_store, schema_triggers

TRIGGERS = """
DROP TRIGGER IF EXISTS {t}_no_update;
DROP TRIGGER IF EXISTS {t}_no_delete;
"""
RESTORE = """
CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t} BEGIN SELECT RAISE(ABORT, 'jcdc: {t} is append-only'); END;
CREATE TRIGGER {t}_no_delete BEFORE DELETE ON {t} BEGIN SELECT RAISE(ABORT, 'jcdc: {t} is append-only'); END;
"""


def tamper(path, sql: str, table: str = "entries", rechain: bool = False, keep_triggers: bool = True):
    """Drop the triggers, run `sql`, optionally recompute the whole chain and its
    head (an attacker who knows the scheme), and put the triggers back."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(TRIGGERS.format(t=table) + sql)
    if rechain:
        fields = CHAINED[table]
        prev = chain.GENESIS
        rows = conn.execute(f"SELECT id, {', '.join(fields)} FROM {table} ORDER BY id").fetchall()
        for rid, *values in rows:
            digest = chain.link(prev, values)
            conn.execute(f"UPDATE {table} SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, rid))
            prev = digest
        conn.execute("UPDATE chain_heads SET last_id = ?, hash = ? WHERE tbl = ?", (rows[-1][0], prev, table))
    if table == "entries":
        # ... and the stored quarter totals, which would give the edit away on their own
        # (test_stored_quarter_totals_that_no_longer_add_up_are_reported)
        # (its guard triggers dropped and put back as well: issue 11)
        conn.executescript("DROP TRIGGER quarter_totals_no_update; DROP TRIGGER quarter_totals_no_delete;"
                           "DELETE FROM quarter_totals; INSERT INTO quarter_totals (unit, qkey, points, entries)"
                           " SELECT unit, qkey, SUM(points), COUNT(*) FROM entries GROUP BY unit, qkey;")
        for name in ("quarter_totals_no_update", "quarter_totals_no_delete"):
            conn.execute(GUARDED_TRIGGERS[name])
    if keep_triggers:
        conn.executescript(RESTORE.format(t=table))
    conn.close()


def problems(cli) -> list[str]:
    result = cli("check")
    assert result.exit_code == (1 if result.stdout else 0), result.output
    return result.stdout.splitlines()


@pytest.fixture
def ledger(cli):
    """Four entries of Q2 and Q3 2019: a problem, two returns of one matter, a range figure."""
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    cli.ok("points", "add", "-u", "gaoping", "-r", "13710-returned", "-m", "M1", "-d", "2019-05-07")
    cli.ok("points", "add", "-u", "gaoping", "-r", "13710-returned", "-m", "M1", "-d", "2019-07-08")
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "-p", "15", "-d", "2019-08-01")
    assert problems(cli) == []
    return cli


def test_a_clean_ledger_prints_nothing_and_exits_0(ledger):
    result = ledger("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_the_demo_ledger_of_every_rule_with_reversals_is_clean(tmp_path, cli):
    store, _ = build_demo(tmp_path / "demo.db")
    store.close()
    result = cli("check", "--db", tmp_path / "demo.db")
    assert (result.exit_code, result.stdout) == (0, "")


def test_an_edited_figure_with_the_whole_chain_recomputed_is_caught_by_the_rules(ledger, db):
    # The attacker knows the scheme and rehashes every record and the head:
    # the chain is whole again, but -0.5 is not what the second return costs.
    tamper(db, "UPDATE entries SET points = -5 WHERE id = 3;", rechain=True)
    assert problems(ledger) == [f"entries 第 3 条: {msg.P_POINTS.format(points='-0.5', expected='-1.5')}"]


@pytest.mark.parametrize("sql, expected", [
    ("UPDATE entries SET points = 50 WHERE id = 1;",
     [f"entries 第 1 条: {msg.P_HASH}", f"entries 第 1 条: {msg.P_POINTS.format(points='+5.0', expected='-5.0')}"]),
    # the second return of M1 then looks like a first one, charged at the second's figure
    ("DELETE FROM entries WHERE id = 2;",
     [f"entries: {msg.P_GAP.format(first=2, last=2)}",
      f"entries 第 3 条: {msg.P_POINTS.format(points='-1.5', expected='-0.5')}"]),
])
def test_an_edited_or_deleted_record_is_caught(ledger, db, sql, expected):
    tamper(db, sql)
    assert problems(ledger) == expected


def test_a_deleted_newest_record_no_longer_reaches_the_head(ledger, db):
    tamper(db, "DELETE FROM entries WHERE id = 4;")
    assert problems(ledger) == [f"entries: {msg.P_HEAD_MISSING.format(id=4, last=3)}"]


def test_a_record_rehashed_in_place_breaks_the_next_link(ledger, db):
    fields = CHAINED["entries"]
    conn = sqlite3.connect(db)
    prev, *values = conn.execute(f"SELECT prev_hash, {', '.join(fields)} FROM entries WHERE id = 2").fetchone()
    conn.close()
    values[fields.index("note")] = "改过"
    tamper(db, f"UPDATE entries SET note = '改过', hash = '{chain.link(prev, values)}' WHERE id = 2;")
    assert problems(ledger) == [f"entries 第 3 条: {msg.P_LINK}"]


def test_a_record_inserted_by_hand_is_beyond_the_head(ledger, db):
    tamper(db, """INSERT INTO entries (id, unit, rule, role, date, qkey, points, qty, scorer, cite,
        recorded_by, recorded_at, prev_hash, hash)
        SELECT 5, unit, rule, role, date, qkey, points, qty, scorer, cite, recorded_by, recorded_at,
        hash, hash FROM entries WHERE id = 4;""")
    found = problems(ledger)
    assert f"entries: {msg.P_HEAD_BEYOND.format(first=5, last=5, id=4)}" in found
    assert f"entries 第 5 条: {msg.P_HASH}" in found


def test_a_dropped_trigger_is_reported(ledger, db):
    tamper(db, "", keep_triggers=False)
    assert problems(ledger) == [f"entries: {msg.P_TRIGGER.format(name=f'entries_no_{op}')}"
                                for op in ("update", "delete")]


def test_a_quarter_column_that_disagrees_with_the_date_is_reported(ledger, db):
    tamper(db, "UPDATE entries SET qkey = 20193 WHERE id = 1;")
    assert problems(ledger) == [f"entries 第 1 条: {msg.P_QKEY.format(qkey=20193, date='2019-05-06')}"]


def test_a_reference_to_a_removed_unit_is_reported(ledger, db):
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # refused since issue 11 ...
        conn.execute("DELETE FROM units WHERE code = 'zezhou'")
    conn.executescript("DROP TRIGGER units_no_delete; DROP TRIGGER unit_aliases_no_delete;"  # ... unless forced
                       "DELETE FROM unit_aliases WHERE unit = 'zezhou'; DELETE FROM units WHERE code = 'zezhou';")
    for name in ("units_no_delete", "unit_aliases_no_delete"):
        conn.execute(schema_triggers()[name][1])
    conn.close()
    found = problems(ledger)
    assert f"entries 第 1 条: {msg.P_FOREIGN_KEY.format(parent='units')}" in found
    # and the roster's records say which unit was there (issue 11)
    assert f"units: {msg.P_UNIT_GONE.format(code='zezhou', name='泽州县')}" in found


def test_a_reversal_that_is_not_the_exact_opposite_is_reported(ledger, db):
    ledger.ok("points", "revoke", "1", "--reason", "录入有误")
    tamper(db, "UPDATE entries SET points = 3, date = '2019-05-07' WHERE id = 5;", rechain=True)
    assert problems(ledger) == [
        f"entries 第 5 条: {msg.P_REVERSAL_FIELD.format(original=1, field='date')}",
        f"entries 第 5 条: {msg.P_REVERSAL_POINTS.format(points='+0.3', original=1, expected='+5.0')}",
    ]


def test_a_once_only_bonus_written_twice_by_hand_is_reported(ledger, db):
    ledger.ok("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-05-06")
    tamper(db, """INSERT INTO entries (id, unit, rule, role, date, qkey, points, qty, scorer, cite,
        recorded_by, recorded_at, prev_hash, hash)
        SELECT 6, unit, rule, role, '2019-06-30', qkey, points, qty, scorer, cite, recorded_by, recorded_at,
        '', '' FROM entries WHERE id = 5;""", rechain=True)
    twice = msg.P_TWICE.format(rule="13710-no-reminder", scope=msg.P_SCOPE_QUARTER, earlier=5,
                               cite="积分办法 第十一条(三)", entry=6)
    assert problems(ledger) == [f"entries 第 6 条: {twice}"]


def test_revoked_entries_no_longer_count_for_the_rules_that_depend_on_them(ledger):
    ledger.ok("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-05-06")
    ledger.ok("points", "revoke", "5", "--reason", "该季度有催办")
    ledger.ok("points", "add", "-u", "zezhou", "-r", "13710-no-reminder", "-d", "2019-05-06")
    ledger.ok("points", "revoke", "3", "--reason", "并未退回")
    third = ledger.json("points", "add", "-u", "gaoping", "-r", "13710-returned", "-m", "M1", "-d", "2019-08-08")
    assert third["points"] == -1.5  # the second standing return of M1
    assert problems(ledger) == []


def test_unreadable_values_are_reported_not_crashed_on(ledger, db):
    tamper(db, "PRAGMA ignore_check_constraints = 1; UPDATE entries SET date = '5月6日', role = 'boss' "
               "WHERE id = 1; UPDATE entries SET points = X'00' WHERE id = 2;", rechain=False)
    found = problems(ledger)
    assert f"entries 第 1 条: {msg.P_HASH}" in found and f"entries 第 2 条: {msg.P_HASH}" in found
    assert any(line.startswith("entries 第 1 条: 无法读取") for line in found)
    assert any(line.startswith("entries 第 2 条: 无法读取") for line in found)


def _request(rule: str) -> list[str]:
    extra = {"commend": ["-p", "15"], "coop-fault": ["-p", "-2"]}
    if POINT_RULES[rule].needs_matter:
        return ["-m", "M9"]
    return extra.get(rule, [])


@pytest.mark.parametrize("rule", list(POINT_RULES))
def test_each_rules_figure_is_recomputed(cli, db, rule):
    cli.ok("points", "add", "-u", "chengqu", "-r", rule, "-d", "2019-05-06", *_request(rule))
    assert problems(cli) == []
    store = open_store(db)
    [entry] = store.entries()
    store.close()
    # 100 points more is outside every rule's range
    tamper(db, f"UPDATE entries SET points = points + 1000 WHERE id = {entry.id};", rechain=True)
    figure = fmt_points(entry.points + 1000, signed=True)
    lead = POINT_RULES[rule].lead
    if lead is not None and not lead.fixed:
        wrong = msg.P_RULE_REFUSES.format(text=msg.POINTS_OUT_OF_RANGE.format(rule=POINT_RULES[rule].name, points=figure, amount=lead))
    else:
        wrong = msg.P_POINTS.format(points=figure, expected=fmt_points(entry.points, signed=True))
    assert problems(cli) == [f"entries 第 {entry.id} 条: {wrong}"]


def test_a_rule_code_the_catalogue_does_not_know_is_reported(ledger, db):
    tamper(db, "UPDATE entries SET rule = 'bonus' WHERE id = 1;", rechain=True)
    assert problems(ledger) == [f"entries 第 1 条: {msg.P_UNKNOWN_RULE.format(rule='bonus')}"]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed")
@pytest.mark.parametrize("sql, expected", [
    ("UPDATE entries SET points = -1 WHERE id = 1;", f"entries 第 1 条: {msg.P_HASH}"),
    ("DELETE FROM entries WHERE id = 3;", f"entries: {msg.P_GAP.format(first=3, last=3)}"),
])
def test_the_sqlite3_shell_is_refused_and_then_caught(ledger, db, sql, expected):
    refused = subprocess.run(["sqlite3", str(db), sql], capture_output=True, text=True)
    assert "append-only" in refused.stderr
    assert problems(ledger) == []
    subprocess.run(["sqlite3", str(db), TRIGGERS.format(t="entries") + sql], check=True)
    assert expected in problems(ledger)


def test_stored_quarter_totals_that_no_longer_add_up_are_reported(cli, db):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06")
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="quarter_totals"):  # refused since issue 11 ...
        conn.execute("UPDATE quarter_totals SET points = 50 WHERE unit = 'zezhou'")
    conn.executescript("DROP TRIGGER quarter_totals_no_update;"  # ... unless forced
                       "UPDATE quarter_totals SET points = 50 WHERE unit = 'zezhou'")
    conn.execute(GUARDED_TRIGGERS["quarter_totals_no_update"])
    conn.close()
    result = cli("check")
    assert result.exit_code == 1
    assert "单位 zezhou 2019年第二季度: 季度合计表为 5.0, 台账逐条相加为 -5.0" in result.stdout
