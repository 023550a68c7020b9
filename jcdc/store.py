"""The only module that speaks SQL: schema, migrations, transactions, queries.

One SQLite file in WAL mode with foreign keys on. Every write runs in one
`BEGIN IMMEDIATE` transaction with a busy timeout, so two clerks writing at
once queue instead of failing. Append-only tables refuse UPDATE and DELETE in
the database itself, and carry a hash chain (jcdc/chain.py).

The schema is versioned with sqlite-utils Migrations; `PRAGMA user_version`
holds the number of migrations applied, so a current database opens without
importing sqlite-utils at all (start-up time is a target).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from jcdc import chain
from jcdc import messages as msg
from jcdc.model import Category, Entry, EntryDraft, JcdcError, Role, Unit

BUSY_TIMEOUT_S = 60
IMPORT_CACHE_KIB = 24 * 1024  # page cache of an import's writes: 24 MiB keeps its peak near 75 MiB


def default_db_path() -> Path:
    """jcdc.db in the user's data directory (Windows, macOS and Linux alike)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("jcdc", appauthor=False)) / "jcdc.db"


# --- migrations ---------------------------------------------------------------
#
# Each migration is registered once, in order, and never changed after it has
# shipped: a new table or column is a new migration at the end of its section.

MIGRATIONS: list[tuple[str, object]] = []


def migration(fn):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def _sql(db, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the open transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def append_only(db, table: str) -> None:
    """The database itself refuses to rewrite or remove a record of `table`."""
    for op in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'jcdc: {table} is append-only'); END"
        )


@migration
def m001_units_and_entries(db) -> None:
    _sql(db, """
    CREATE TABLE units (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL CHECK (category IN ('county','devzone','city','stationed')),
        grp TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE TABLE unit_aliases (
        alias TEXT PRIMARY KEY,
        unit TEXT NOT NULL REFERENCES units(code)
    );
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL REFERENCES units(code),
        rule TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('lead','coop')),
        date TEXT NOT NULL,
        qkey INTEGER NOT NULL,
        points INTEGER NOT NULL,
        qty INTEGER NOT NULL CHECK (qty >= 1),
        matter TEXT,
        ref TEXT,
        note TEXT,
        scorer TEXT NOT NULL,
        cite TEXT NOT NULL,
        reverses INTEGER UNIQUE REFERENCES entries(id),
        reason TEXT,
        source TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX entries_period ON entries (qkey, unit, points);
    CREATE INDEX entries_unit ON entries (unit, qkey);
    CREATE INDEX entries_matter ON entries (matter, rule) WHERE matter IS NOT NULL;
    CREATE INDEX entries_rule ON entries (rule, unit, qkey)
    """)
    append_only(db, "entries")


# --- migrations: accountability cases (issue 4) --------------------------------


# --- migrations: inspector pools and draws (issue 5) ----------------------------


# --- migrations: 13710 matters, rectification, deadlines (issue 6) --------------


# --- migrations: import and files (issue 3) --------------------------------------


@migration
def m301_imports(db) -> None:
    """Each import (积分办法 第十五、十六条: quarterly files from the sections and the
    openers of 13710 matters) is recorded; every row it added is known by its
    identity, so importing the same or an overlapping file adds only new rows.

    import_rows: identity -> the entry it became. An identity is "key:<key>"
    when the row gives one, else "row:<digest of its content>:<n>", n its
    occurrence among identical rows of its file. The entry's `source` is
    "import:<id>" of the import that wrote it.
    """
    _sql(db, """
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        rows INTEGER NOT NULL,
        added INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE import_rows (
        identity TEXT PRIMARY KEY,
        entry INTEGER NOT NULL UNIQUE REFERENCES entries(id)
    ) WITHOUT ROWID
    """)
    append_only(db, "imports")
    append_only(db, "import_rows")


@migration
def m302_quarter_totals(db) -> None:
    """Each unit's sum of entries per quarter, so that a ranking over a million
    entries reads a few hundred rows (docs/benchmarks.md).

    Invariant (for `jcdc check`): for every (unit, qkey), quarter_totals.points
    = SUM(entries.points) and quarter_totals.entries = COUNT(*) over the entries
    of that unit dated in that quarter, and there is no row for a (unit, qkey)
    without entries. It is a cache of the append-only ledger, written only by
    Store.add_entries in the transaction of the entries it adds (a trigger per
    row would halve the speed of an import).
    """
    _sql(db, """
    CREATE TABLE quarter_totals (
        unit TEXT NOT NULL,
        qkey INTEGER NOT NULL,
        points INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        PRIMARY KEY (unit, qkey)
    ) WITHOUT ROWID;
    INSERT INTO quarter_totals (unit, qkey, points, entries)
        SELECT unit, qkey, SUM(points), COUNT(*) FROM entries GROUP BY unit, qkey
    """)


# --- migrations: integrity (issue 7) ----------------------------------------------


SCHEMA_VERSION = len(MIGRATIONS)

# The fields of each chained table, in the order they are hashed (jcdc/chain.py).
CHAINED: dict[str, tuple[str, ...]] = {
    "entries": (
        "id", "unit", "rule", "role", "date", "points", "qty", "matter", "ref", "note",
        "scorer", "cite", "reverses", "reason", "source", "recorded_by", "recorded_at",
    ),
    "imports": ("id", "file", "sha256", "rows", "added", "skipped", "recorded_by", "recorded_at"),
}
# Columns stored beside the chained fields but computed from them (not hashed).
DERIVED: dict[str, tuple[str, ...]] = {
    "entries": ("qkey",),  # the quarter of `date`: rankings group on it
}


# --- opening ------------------------------------------------------------------


def open_store(path: str | os.PathLike) -> Store:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # Readable by its owner only: it holds names of persons under accountability.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        store = Store(conn, path)
        store.migrate()
    except sqlite3.DatabaseError as e:
        raise JcdcError(msg.DB_UNREADABLE.format(path=path, text=e)) from e
    return store


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    # --- schema -----------------------------------------------------------------

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        found = self.schema_version()
        if found == SCHEMA_VERSION:
            return
        if found > SCHEMA_VERSION:
            raise JcdcError(msg.DB_NEWER.format(path=self.path, found=found, known=SCHEMA_VERSION))
        import sqlite_utils
        from sqlite_utils.migrations import Migrations

        migrations = Migrations("jcdc")
        for name, fn in MIGRATIONS:
            migrations(name=name)(fn)
        db = sqlite_utils.Database(self.conn, execute_plugins=False)
        with self.write():  # one writer migrates; the others wait, then find it done
            migrations.apply(db)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # --- transactions -------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[Store]:
        """One BEGIN IMMEDIATE transaction: all of it is written, or none of it."""
        if self.conn.in_transaction:  # nested use joins the outer transaction
            yield self
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise JcdcError(msg.DB_BUSY.format(path=self.path)) from e
            raise
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # --- the hash chain ---------------------------------------------------------

    def last_link(self, table: str) -> tuple[int, str]:
        row = self.conn.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, chain.GENESIS)

    def append(self, table: str, rows: Iterable[dict]) -> list[int]:
        """Insert rows into a chained table, giving each its id and its link.

        Must run inside write(): the lock makes "the record before" well-defined.
        """
        assert self.conn.in_transaction, "append() outside a write transaction"
        fields, derived = CHAINED[table], DERIVED.get(table, ())
        last_id, prev = self.last_link(table)
        columns = (*fields, *derived, "prev_hash", "hash")
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        ids: list[int] = []

        def linked():
            nonlocal last_id, prev
            for row in rows:
                last_id += 1
                values = [last_id if f == "id" else row.get(f) for f in fields]
                digest = chain.link(prev, values)
                ids.append(last_id)
                yield (*values, *(row[f] for f in derived), prev, digest)
                prev = digest

        self.conn.executemany(sql, linked())
        return ids

    # --- units --------------------------------------------------------------------

    def units(self) -> list[Unit]:
        aliases: dict[str, list[str]] = {}
        for alias, code in self.conn.execute("SELECT alias, unit FROM unit_aliases ORDER BY rowid"):
            aliases.setdefault(code, []).append(alias)
        return [
            Unit(code, name, Category(cat), grp, tuple(aliases.get(code, ())),
                 _date(valid_from), _date(valid_to))
            for code, name, cat, grp, valid_from, valid_to in self.conn.execute(
                "SELECT code, name, category, grp, valid_from, valid_to FROM units ORDER BY rowid")
        ]

    def insert_unit(self, unit: Unit, by: str, at: str) -> None:
        self.conn.execute(
            "INSERT INTO units (code, name, category, grp, valid_from, valid_to, recorded_by, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (unit.code, unit.name, unit.category.value, unit.group, _iso(unit.valid_from),
             _iso(unit.valid_to), by, at),
        )
        self.conn.executemany(
            "INSERT INTO unit_aliases (alias, unit) VALUES (?, ?)", [(a, unit.code) for a in unit.aliases]
        )

    def end_unit(self, code: str, last_day: dt.date) -> None:
        self.conn.execute("UPDATE units SET valid_to = ? WHERE code = ?", (last_day.isoformat(), code))

    # --- entries ------------------------------------------------------------------

    def add_entries(self, drafts: Sequence[EntryDraft], by: str, at: str) -> list[int]:
        totals: dict[tuple[str, int], list[int]] = {}

        def rows():
            for d in drafts:
                row = _entry_row(d, by, at)
                total = totals.setdefault((row["unit"], row["qkey"]), [0, 0])
                total[0] += row["points"]
                total[1] += 1
                yield row

        ids = self.append("entries", rows())
        self.add_to_quarter_totals(totals)
        return ids

    def entry(self, entry_id: int) -> Entry | None:
        row = self.conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def entries(self, unit: str | None = None, first_qkey: int | None = None,
                last_qkey: int | None = None, rule: str | None = None,
                matter: str | None = None) -> list[Entry]:
        where, args = [], []
        for clause, value in (("unit = ?", unit), ("qkey >= ?", first_qkey), ("qkey <= ?", last_qkey),
                              ("rule = ?", rule), ("matter = ?", matter)):
            if value is not None:
                where.append(clause)
                args.append(value)
        sql = f"SELECT {_ENTRY_COLUMNS} FROM entries"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_entry(r) for r in self.conn.execute(sql + " ORDER BY date, id", args)]

    def reversal_of(self, entry_id: int) -> int | None:
        row = self.conn.execute("SELECT id FROM entries WHERE reverses = ?", (entry_id,)).fetchone()
        return row[0] if row else None

    def standing_entry(self, rule: str, unit: str | None = None, qkey: int | None = None,
                       matter: str | None = None) -> int | None:
        """The id of an unreversed entry of `rule` for the unit/quarter or matter given."""
        where, args = ["e.rule = ?"], [rule]
        for clause, value in (("e.unit = ?", unit), ("e.qkey = ?", qkey), ("e.matter = ?", matter)):
            if value is not None:
                where.append(clause)
                args.append(value)
        # "+e.reverses": almost every entry has reverses NULL, yet the planner would take
        # the UNIQUE index on reverses for it and scan the ledger (the unary + forbids that).
        row = self.conn.execute(
            "SELECT e.id FROM entries e WHERE " + " AND ".join(where) +
            " AND +e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)"
            " ORDER BY e.id LIMIT 1", args).fetchone()
        return row[0] if row else None

    def standing_qty(self, rule: str, matter: str) -> int:
        """How many occurrences of `rule` stand for a matter (reversed ones do not count)."""
        row = self.conn.execute(
            "SELECT COALESCE(SUM(e.qty), 0) FROM entries e WHERE e.rule = ? AND e.matter = ?"
            " AND +e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)",
            (rule, matter)).fetchone()
        return row[0]

    def sums(self, first_qkey: int, last_qkey: int) -> dict[str, int]:
        """Each unit's sum of entries dated in the quarters first..last (tenths)."""
        return dict(self.conn.execute(
            "SELECT unit, SUM(points) FROM quarter_totals WHERE qkey BETWEEN ? AND ? GROUP BY unit",
            (first_qkey, last_qkey)))

    # --- queries: accountability cases (issue 4) -------------------------------------


    # --- queries: inspector pools and draws (issue 5) ----------------------------------


    # --- queries: 13710 matters, rectification, deadlines (issue 6) --------------------


    # --- queries: import and files (issue 3) --------------------------------------------

    def add_to_quarter_totals(self, totals: dict[tuple[str, int], list[int]]) -> None:
        """(unit, qkey) -> [points, entries] just added to the ledger (see m302_quarter_totals)."""
        self.conn.executemany(
            "INSERT INTO quarter_totals (unit, qkey, points, entries) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (unit, qkey) DO UPDATE SET points = points + excluded.points,"
            " entries = entries + excluded.entries",
            [(unit, qkey, points, count) for (unit, qkey), (points, count) in totals.items()])

    # The rows of a file being imported wait in a TEMP table (a file of its own,
    # not memory): it numbers identical rows, finds those already imported and
    # sorts the rest by date, all with memory flat in the size of the file.
    _SCRATCH_COLUMNS = ("line", "date", "unit", "rule", "role", "points", "qty", "matter", "ref",
                        "note", "key", "content")

    def import_scratch(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.import_scratch")
        self.conn.execute(
            "CREATE TEMP TABLE import_scratch (line INTEGER PRIMARY KEY, date TEXT NOT NULL,"
            " unit TEXT NOT NULL, rule TEXT NOT NULL, role TEXT NOT NULL, points INTEGER,"
            " qty INTEGER NOT NULL, matter TEXT, ref TEXT, note TEXT, key TEXT, content TEXT)")

    def scratch_add(self, rows: Iterable[tuple]) -> None:
        cols = self._SCRATCH_COLUMNS
        self.conn.executemany(
            f"INSERT INTO temp.import_scratch ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            rows)

    def scratch_repeated_keys(self) -> list[tuple[int, str, int]]:
        """(line, key, first line) of each row that repeats a key given earlier in the file."""
        return self.conn.execute(
            "SELECT line, key, first FROM (SELECT line, key, MIN(line) OVER (PARTITION BY key) AS first"
            " FROM temp.import_scratch WHERE key IS NOT NULL) WHERE line <> first ORDER BY line").fetchall()

    def scratch_new_rows(self) -> sqlite3.Cursor:
        """The rows not yet in the ledger, in date order (then file order), each
        with its identity as the last field.

        Safe to read while import_rows grows: the identities written belong to
        rows of this very result, which are distinct.
        """
        cols = ", ".join(self._SCRATCH_COLUMNS[:-2])
        rows = self.conn.execute(
            f"SELECT {cols}, identity FROM (SELECT *, CASE WHEN key IS NOT NULL THEN 'key:' || key"
            " ELSE 'row:' || content || ':' || ROW_NUMBER() OVER (PARTITION BY content ORDER BY line)"
            " END AS identity FROM temp.import_scratch) AS s"
            " WHERE NOT EXISTS (SELECT 1 FROM import_rows i WHERE i.identity = s.identity) ORDER BY date, line")
        # The sorts are done (small caches spill them to temporary files). The
        # writes that follow insert at random places in the ledger's indexes,
        # where SQLite's default 2 MiB page cache would re-read most pages.
        self.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        return rows

    def add_import_rows(self, pairs: Iterable[tuple[str, int]]) -> None:
        self.conn.executemany("INSERT INTO import_rows (identity, entry) VALUES (?, ?)", pairs)

    def next_id(self, table: str) -> int:
        """The id append() will give the next record (inside write(): the lock holds it)."""
        return self.last_link(table)[0] + 1

    def imports(self) -> list[dict]:
        cur = self.conn.execute(
            "SELECT id, file, sha256, rows, added, skipped, recorded_by, recorded_at FROM imports ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]


    # --- queries: integrity (issue 7) ---------------------------------------------------



_ENTRY_COLUMNS = ("id, unit, rule, role, date, points, qty, matter, ref, note, scorer, cite, "
                  "recorded_by, recorded_at, reverses, reason, source")


def _entry(row) -> Entry:
    (id_, unit, rule, role, date, points, qty, matter, ref, note, scorer, cite,
     by, at, reverses, reason, source) = row
    return Entry(id_, unit, rule, Role(role), dt.date.fromisoformat(date), points, qty, matter, ref,
                 note, scorer, cite, by, at, reverses, reason, source)


def _entry_row(d: EntryDraft, by: str, at: str) -> dict:
    from jcdc.model import Quarter

    return {
        "unit": d.unit, "rule": d.rule, "role": d.role.value, "date": d.date.isoformat(),
        "qkey": Quarter.of(d.date).key, "points": d.points, "qty": d.qty, "matter": d.matter,
        "ref": d.ref, "note": d.note, "scorer": d.scorer, "cite": d.cite, "reverses": d.reverses,
        "reason": d.reason, "source": d.source, "recorded_by": by, "recorded_at": at,
    }


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
