"""The ledger file itself: schema, transactions, append-only records, the hash chain."""

import datetime as dt
import hashlib
import os
import sqlite3
import stat

import pytest

from jcdc import chain
from jcdc.model import EntryDraft, Role
from jcdc.store import CHAINED, SCHEMA_VERSION, UNIQUE_KEYS, open_store


def test_a_new_file_gets_the_current_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    store = open_store(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied[0] == "m001_units_and_entries" and len(applied) == SCHEMA_VERSION
    store.close()
    assert open_store(path).schema_version() == SCHEMA_VERSION  # reopening migrates nothing


def test_unique_keys_are_those_the_migrations_build(tmp_path):
    """`jcdc check` verifies every uniqueness in UNIQUE_KEYS is still in the
    file (docs/integrity.md): the list must be exactly what the schema defines,
    or a key added by a new migration would go unverified."""
    store = open_store(tmp_path / "new.db")
    built = {key for key in store.unique_keys() if not key[0].startswith("_sqlite")}
    assert built == set(UNIQUE_KEYS)
    assert len(UNIQUE_KEYS) == len(set(UNIQUE_KEYS))


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "private.db"
    open_store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_database_from_a_newer_jcdc_is_refused(tmp_path, cli):
    path = tmp_path / "newer.db"
    open_store(path).conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    result = cli("unit", "list", "--db", path)
    assert result.exit_code == 1 and "由更新版本的 jcdc 创建" in result.stderr


def test_a_file_that_is_not_a_database_is_refused_in_one_line(tmp_path, cli):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    result = cli("unit", "list", "--db", path)
    assert result.exit_code == 1 and result.stderr.startswith("错误: 无法打开数据库")


def _draft(unit="zezhou", points=-50):
    return EntryDraft(unit=unit, rule="problem", role=Role.LEAD, date=dt.date(2019, 5, 6), points=points,
                      qty=1, cite="积分办法 第十二条(一)", scorer="督查室")


def test_entries_cannot_be_updated_or_deleted(store):
    with store.write():
        store.add_entries([_draft()], "测试", "2019-05-06T09:00:00+08:00")
    for sql in ("UPDATE entries SET points = 0", "DELETE FROM entries"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute(sql)
    assert store.conn.execute("SELECT points FROM entries").fetchone()[0] == -50


def test_a_failed_write_leaves_nothing_behind(store):
    with pytest.raises(sqlite3.IntegrityError):
        with store.write():
            store.add_entries([_draft()], "测试", "t")
            store.add_entries([_draft(unit="no-such-unit")], "测试", "t")  # foreign key
    assert store.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0


def test_each_entry_links_to_the_one_before(store):
    with store.write():
        store.add_entries([_draft(), _draft(points=-30)], "测试", "2019-05-06T09:00:00+08:00")
    with store.write():
        store.add_entries([_draft(unit="czj")], "测试", "2019-05-07T09:00:00+08:00")
    fields = CHAINED["entries"]
    rows = store.conn.execute(f"SELECT {', '.join(fields)}, prev_hash, hash FROM entries ORDER BY id").fetchall()
    prev = chain.GENESIS
    for row in rows:
        values, (prev_hash, digest) = row[:len(fields)], row[len(fields):]
        assert prev_hash == prev and digest == chain.link(prev, values)
        prev = digest
    assert [r[0] for r in rows] == [1, 2, 3]


def test_canonical_form_is_compact_utf8_json():
    assert chain.canonical([1, "泽州县", None, -50]) == '[1,"泽州县",null,-50]'
    # the documented construction: sha256(prev_hash + canonical), hex
    expected = hashlib.sha256(("0" * 64 + '[1,"泽州县"]').encode("utf-8")).hexdigest()
    assert chain.link(chain.GENESIS, [1, "泽州县"]) == expected


def test_the_names_a_released_ledger_recorded_for_its_migrations_are_still_the_names_registered(release_ledger):
    """A ledger knows which migrations it has by the names it recorded
    (_sqlite_migrations): the functions are named for what they build, but the
    recorded names never change, so a ledger of the release (0.1.0) upgrades
    by the migrations it lacks and by no other."""
    from jcdc.store import MIGRATIONS

    path = release_ledger("ledger-0.1.0")
    conn = sqlite3.connect(path)
    released = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert released[0] == "m001_units_and_entries" and len(released) == 14
    assert [name for name, _ in MIGRATIONS[:len(released)]] == released
    assert len({name for name, _ in MIGRATIONS}) == len(MIGRATIONS)
    store = open_store(path)
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [name for name, _ in MIGRATIONS] and store.schema_version() == SCHEMA_VERSION
