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
import hashlib
import json
import os
import re
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePath, PureWindowsPath

from jcdc import chain
from jcdc import messages as msg
from jcdc.model import CORRECTS, Category, Entry, EntryDraft, JcdcError, Quarter, Role, Unit
from jcdc.records import Fix, FixEvent, Matter, MatterEvent, MatterNode

BUSY_TIMEOUT_S = 60
QUICK_CHECK_MAX_BYTES = 16 << 20  # a ledger this size is checked before each write (open_store)
IMPORT_CACHE_KIB = 24 * 1024  # page cache of an import's writes: 24 MiB keeps its peak near 75 MiB


def default_db_path() -> Path:
    """jcdc.db in the user's data directory (Windows, macOS and Linux alike)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("jcdc", appauthor=False)) / "jcdc.db"


# --- migrations ---------------------------------------------------------------
#
# Each migration is registered once, in order, and never changed after it has
# shipped: a new table or column is a new migration at the end of its section.
#
# A ledger records each migration applied to it by name (_sqlite_migrations.name,
# sqlite-utils): that name is the ledger's and never changes. The migrations that
# shipped under a numbered name (m001_units_and_entries …) keep it as the
# recorded name, `@migration("m001_units_and_entries")`, while their functions
# are named for what they build; a new one, `@migration` alone, is recorded under
# its function's name.

MIGRATIONS: list[tuple[str, object]] = []  # (the name ledgers record, the function)


def migration(recorded):
    """`@migration("name the ledgers record")`, or `@migration` for a new one
    recorded under its function's name."""
    if callable(recorded):
        MIGRATIONS.append((recorded.__name__, recorded))
        return recorded

    def register(fn):
        MIGRATIONS.append((recorded, fn))
        return fn
    return register


def _sql(db, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the open transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def append_only_sql(table: str, op: str) -> str:
    """The trigger that refuses `op` (UPDATE or DELETE) on `table`, as sqlite_master keeps it."""
    return (f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'jcdc: {table} is append-only'); END")


def append_only(db, table: str) -> None:
    """The database itself refuses to rewrite or remove a record of `table`."""
    for op in ("UPDATE", "DELETE"):
        db.execute(append_only_sql(table, op).replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


@migration("m001_units_and_entries")
def units_and_entries(db) -> None:
    _sql(db, """
    CREATE TABLE units (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL CHECK (category IN ('county','devzone','city','stationed')),
        grp TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        ended_by TEXT,  -- who set valid_to (jcdc unit end), and when
        ended_at TEXT
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
        reverses INTEGER REFERENCES entries(id),  -- unique where set: entries_reverses
        reason TEXT,
        source TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX entries_unit ON entries (unit, qkey, rule);
    CREATE INDEX entries_matter ON entries (matter, rule) WHERE matter IS NOT NULL;
    CREATE UNIQUE INDEX entries_reverses ON entries (reverses) WHERE reverses IS NOT NULL
    """)
    # Few indexes on purpose: each costs every import its share of the insert
    # (docs/benchmarks.md). Rankings read quarter_totals, not the entries.
    # `rule` ends entries_unit so that a unit-quarter's 13710-no-reminder is
    # found directly, not by reading the unit-quarter's thousands of rows.
    append_only(db, "entries")


# --- migrations: accountability cases ----------------------------------------


@migration("m002_cases")
def accountability_cases(db) -> None:
    """追究办法: a case's opening record, and every later step as its own record.

    The current state is never stored: it is the replay of the steps through
    jcdc.rules.zhuijiu.TRANSITIONS.
    """
    _sql(db, """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_no TEXT NOT NULL UNIQUE,
        unit TEXT NOT NULL REFERENCES units(code),
        persons TEXT NOT NULL,
        trigger TEXT NOT NULL,
        summary TEXT NOT NULL,
        date TEXT NOT NULL,
        actor TEXT NOT NULL,
        doc TEXT,
        note TEXT,
        direct INTEGER NOT NULL CHECK (direct IN (0, 1)),
        direct_reason TEXT,
        matter TEXT,
        rank_year INTEGER,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        CHECK (direct = 0 OR direct_reason IS NOT NULL)
    );
    CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        action TEXT NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        date TEXT NOT NULL,
        actor TEXT,
        doc TEXT,
        note TEXT,
        reason TEXT,
        persons TEXT,
        sanctions TEXT,
        coordinated_with TEXT,
        procedure TEXT,
        scope TEXT CHECK (scope IN ('internal', 'public')),
        outcome TEXT CHECK (outcome IN ('upheld', 'changed')),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX case_events_case ON case_events (case_id, id)
    """)
    append_only(db, "cases")
    append_only(db, "case_events")


# --- migrations: inspector pools and draws ------------------------------------


@migration("m501_inspectors_tasks_draws")
def inspectors_tasks_draws(db) -> None:
    # 三库办法: every table is a dated, append-only record; the pools on a date,
    # a team's members and a report's state are derived from them (jcdc/pools.py).
    _sql(db, """
    CREATE TABLE inspectors (
        id INTEGER PRIMARY KEY,
        inspector INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add','update','retire')),
        since TEXT NOT NULL,
        name TEXT NOT NULL,
        pool TEXT NOT NULL CHECK (pool IN ('full','part','invited')),
        unit TEXT NOT NULL REFERENCES units(code),
        region TEXT NOT NULL,
        expertise TEXT NOT NULL,
        phone TEXT,
        reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX inspectors_inspector ON inspectors (inspector, since);
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('special','major','assigned')),
        start TEXT NOT NULL,
        end TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE draws (
        id INTEGER PRIMARY KEY,
        task INTEGER NOT NULL REFERENCES tasks(id),
        team TEXT NOT NULL,
        targets TEXT NOT NULL,
        seats TEXT NOT NULL,
        attendants TEXT NOT NULL,
        override_reason TEXT,
        seed TEXT NOT NULL,
        seed_source TEXT NOT NULL CHECK (seed_source IN ('given','os')),
        algorithm TEXT NOT NULL,
        roster TEXT NOT NULL,
        roster_hash TEXT NOT NULL,
        excluded TEXT NOT NULL,
        ranking TEXT NOT NULL,
        events_seen INTEGER NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (task, team)
    );
    CREATE TABLE draw_events (
        id INTEGER PRIMARY KEY,
        draw INTEGER NOT NULL REFERENCES draws(id),
        inspector INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('consent','decline','fail','refill')),
        date TEXT NOT NULL,
        reason TEXT,
        replaces INTEGER,
        entry INTEGER REFERENCES entries(id),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX draw_events_draw ON draw_events (draw, id);
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        task INTEGER NOT NULL REFERENCES tasks(id),
        team TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('submit','return')),
        date TEXT NOT NULL,
        problems TEXT,
        typical TEXT,
        reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX reports_task ON reports (task, team, id)
    """)
    for table in ("inspectors", "tasks", "draws", "draw_events", "reports"):
        append_only(db, table)


# --- migrations: 13710 matters, rectification, deadlines ----------------------


@migration("m006_matters_and_fixes")
def matters_and_fixes(db) -> None:
    _sql(db, """
    CREATE TABLE matters (
        id INTEGER PRIMARY KEY,
        matter TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        lead TEXT NOT NULL REFERENCES units(code),
        coop TEXT NOT NULL,
        opened TEXT NOT NULL,
        class TEXT NOT NULL CHECK (class IN ('general','major')),
        passive INTEGER NOT NULL CHECK (passive IN (0, 1)),
        opener TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE matter_nodes (
        id INTEGER PRIMARY KEY,
        matter TEXT NOT NULL REFERENCES matters(matter),
        number INTEGER NOT NULL,
        what TEXT NOT NULL,
        due TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (matter, number)
    );
    CREATE TABLE matter_events (
        id INTEGER PRIMARY KEY,
        matter TEXT NOT NULL REFERENCES matters(matter),
        kind TEXT NOT NULL CHECK (kind IN ('open','report','remind','return','close')),
        date TEXT NOT NULL,
        node INTEGER,
        days_late INTEGER,
        rating TEXT,
        reason TEXT,
        entries TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX matter_events_matter ON matter_events (matter, kind);
    CREATE TABLE fixes (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL REFERENCES units(code),
        what TEXT NOT NULL,
        class TEXT NOT NULL CHECK (class IN ('general','major','policy','conduct','custom')),
        demanded TEXT NOT NULL,
        inspection_end TEXT,
        due TEXT NOT NULL,
        person TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE fix_events (
        id INTEGER PRIMARY KEY,
        fix INTEGER NOT NULL REFERENCES fixes(id),
        kind TEXT NOT NULL CHECK (kind IN ('extend','progress','done')),
        date TEXT NOT NULL,
        days INTEGER,
        approved_by TEXT,
        plan TEXT,
        override_reason TEXT,
        text TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX fix_events_fix ON fix_events (fix)
    """)
    for table in ("matters", "matter_nodes", "matter_events", "fixes", "fix_events"):
        append_only(db, table)


# --- migrations: import and files ----------------------------------------------


@migration("m301_imports")
def imports(db) -> None:
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


@migration("m302_quarter_totals")
def quarter_totals(db) -> None:
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


# --- migrations: closed quarters and chain heads ----------------------------------------------


@migration("m700_closings_and_chain_heads")
def closings_and_chain_heads(db) -> None:
    # 积分办法 第十三条: 每季度评分一次. A closing publishes a quarter's ranking
    # and freezes it; a reopening says why. Neither is ever rewritten.
    _sql(db, """
    CREATE TABLE closings (
        id INTEGER PRIMARY KEY,
        qkey INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('close','reopen')),
        ranking TEXT,
        ranking_hash TEXT,
        reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX closings_quarter ON closings (qkey, id);
    CREATE TABLE chain_heads (
        tbl TEXT PRIMARY KEY,
        last_id INTEGER NOT NULL,
        hash TEXT NOT NULL
    )
    """)
    append_only(db, "closings")
    # The last link of each chain, kept beside it: a chain whose newest records
    # were deleted is still a valid chain, but no longer reaches its head.
    existing = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in CHAINED:
        if table in existing:
            db.execute(f"INSERT INTO chain_heads (tbl, last_id, hash) "
                       f"SELECT ?, id, hash FROM {table} ORDER BY id DESC LIMIT 1", (table,))


# --- migrations: inspectors, draws and cases of any body ---------------------------------------------------------------------


def _rebuild(db, table: str, create: str, indexes: str) -> None:
    """Rebuild `table` from the CREATE statement `create` (for `<table>_new`):
    SQLite cannot relax NOT NULL in place. The rows, their ids and their
    hashes are copied unchanged; the append-only triggers and the indexes are
    made again. Store.migrate runs this with foreign keys off, as SQLite's
    procedure says, and checks them before the commit."""
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    _sql(db, create)
    names = ", ".join(columns)
    db.execute(f"INSERT INTO {table}_new ({names}) SELECT {names} FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    _sql(db, indexes)
    append_only(db, table)


@migration("m120_inspectors_of_any_body")
def inspectors_of_any_body(db) -> None:
    # 三库办法 第五条: 人大代表、政协委员、专家学者、离退休干部, 市政府办公厅各科室
    # are in the pools but are not ranked units: `org` names any body, `unit` is
    # the ranked unit (where there is one) that avoidance and points use.
    _rebuild(db, "inspectors", """
    CREATE TABLE inspectors_new (
        id INTEGER PRIMARY KEY,
        inspector INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add','update','retire')),
        since TEXT NOT NULL,
        name TEXT NOT NULL,
        pool TEXT NOT NULL CHECK (pool IN ('full','part','invited')),
        unit TEXT REFERENCES units(code),
        region TEXT NOT NULL,
        expertise TEXT NOT NULL,
        phone TEXT,
        reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        org TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        CHECK (unit IS NOT NULL OR org IS NOT NULL)
    )""", "CREATE INDEX inspectors_inspector ON inspectors (inspector, since)")


@migration("m121_draw_nominations_and_skips")
def draw_nominations_and_skips(db) -> None:
    # 三库办法 第七条: full-time members nominated by their unit, approved by the
    # office; 第五、十一条: who a refill passed over, and the pools it saw.
    _sql(db, """
    ALTER TABLE draws ADD COLUMN nominated TEXT;
    ALTER TABLE draws ADD COLUMN inspectors_seen INTEGER;
    ALTER TABLE draw_events ADD COLUMN skipped TEXT;
    ALTER TABLE draw_events ADD COLUMN inspectors_seen INTEGER
    """)


@migration("m122_cases_against_any_body")
def cases_against_any_body(db) -> None:
    # 追究办法 第二条: 本市各级行政机关、企业事业单位 — a case names any body
    # (`body`), and the ranked unit it belongs to where there is one (`unit`).
    _rebuild(db, "cases", """
    CREATE TABLE cases_new (
        id INTEGER PRIMARY KEY,
        case_no TEXT NOT NULL UNIQUE,
        unit TEXT REFERENCES units(code),
        persons TEXT NOT NULL,
        trigger TEXT NOT NULL,
        summary TEXT NOT NULL,
        date TEXT NOT NULL,
        actor TEXT NOT NULL,
        doc TEXT,
        note TEXT,
        direct INTEGER NOT NULL CHECK (direct IN (0, 1)),
        direct_reason TEXT,
        matter TEXT,
        rank_year INTEGER,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        body TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        CHECK (direct = 0 OR direct_reason IS NOT NULL),
        CHECK (unit IS NOT NULL OR body IS NOT NULL)
    )""", "")


# --- migrations: unit records, the totals guard, anchors -------------------------------------------


@migration("m140_unit_records")
def unit_records_chained(db) -> None:
    """The roster as append-only, chained records: a unit added (its name, group,
    aliases, span) or ended (jcdc unit end). `units` and `unit_aliases` stay as
    the tables the ledger's references point at, derived from these records in
    the same transaction, and guarded (GUARDED_TRIGGERS): an alias or a unit is
    never rewritten or removed, and the only change to a unit is its ending, when
    an end record says so. `jcdc check` replays the records against both tables.

    An existing ledger gets one add record per unit, in the order they were
    registered, then one end record per unit ended with `jcdc unit end`.
    """
    _sql(db, """
    CREATE TABLE unit_records (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('add', 'end')),
        code TEXT NOT NULL,
        name TEXT,
        category TEXT,
        grp TEXT,
        aliases TEXT,  -- JSON array of the aliases registered with the unit
        valid_from TEXT,
        valid_to TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX unit_records_code ON unit_records (code, action)
    """)
    aliases: dict[str, list[str]] = {}
    for alias, code in db.execute("SELECT alias, unit FROM unit_aliases ORDER BY rowid"):
        aliases.setdefault(code, []).append(alias)
    units = db.execute("SELECT code, name, category, grp, valid_from, valid_to, recorded_by, recorded_at,"
                       " ended_by, ended_at FROM units ORDER BY rowid").fetchall()
    rows = [unit_record("add", code, name, cat, grp, aliases.get(code), since, None if ended_by else until,
                        by, at)
            for code, name, cat, grp, since, until, by, at, ended_by, _ in units]
    ended = sorted((u for u in units if u[8]), key=lambda u: u[9] or "")
    rows += [unit_record("end", code, valid_to=until, by=ended_by, at=ended_at)
             for code, _, _, _, _, until, _, _, ended_by, ended_at in ended]
    _chain_rows(db, "unit_records", rows)
    append_only(db, "unit_records")
    append_only(db, "unit_aliases")
    for name in ("units_no_update", "units_no_delete"):
        db.execute(GUARDED_TRIGGERS[name].replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


@migration("m141_quarter_totals_guard")
def quarter_totals_guard(db) -> None:
    """quarter_totals is derived (the quarter_totals migration): a row only ever grows by the entries it
    adds up, so a stray UPDATE or DELETE is refused like one on the entries."""
    for name in ("quarter_totals_no_update", "quarter_totals_no_delete"):
        db.execute(GUARDED_TRIGGERS[name].replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


@migration("m142_anchors")
def anchors(db) -> None:
    """Each anchor made (jcdc anchor, jcdc close): the head of every chain and the
    ranking hash of every closed quarter at that moment (jcdc/anchor.py)."""
    _sql(db, """
    CREATE TABLE anchors (
        id INTEGER PRIMARY KEY,
        made_for TEXT,      -- the quarter whose closing made it; NULL for jcdc anchor
        heads TEXT NOT NULL,     -- JSON {table: [id, hash]}
        closed TEXT NOT NULL,    -- JSON {"2019Q2": ranking hash}
        fingerprint TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )
    """)
    append_only(db, "anchors")


def unit_record(action: str, code: str, name: str | None = None, category: str | None = None,
                grp: str | None = None, aliases: Sequence[str] | None = None, valid_from: str | None = None,
                valid_to: str | None = None, by: str | None = None, at: str | None = None) -> dict:
    return {"action": action, "code": code, "name": name, "category": category, "grp": grp,
            "aliases": json.dumps(list(aliases), ensure_ascii=False) if aliases else None,
            "valid_from": valid_from, "valid_to": valid_to, "recorded_by": by, "recorded_at": at}


def _chain_rows(db, table: str, rows: list[dict]) -> None:
    """Store.append() for a migration, which has no Store."""
    fields, prev, last_id = CHAINED[table], chain.GENESIS, 0
    for row in rows:
        last_id += 1
        values = [last_id if f == "id" else row.get(f) for f in fields]
        digest = chain.link(prev, values)
        db.execute(f"INSERT INTO {table} ({', '.join(fields)}, prev_hash, hash)"
                   f" VALUES ({', '.join('?' * (len(fields) + 2))})", (*values, prev, digest))
        prev = digest
    if rows:
        db.execute("INSERT INTO chain_heads (tbl, last_id, hash) VALUES (?, ?, ?)", (table, last_id, prev))


# Triggers beyond append_only()'s, by name: `jcdc check` compares every trigger's
# SQL with the schema's, so a trigger replaced by an inert one (WHEN 0) is caught.
GUARDED_TRIGGERS: dict[str, str] = {
    # A unit is never rewritten; its ending (valid_to, ended_by, ended_at, once)
    # needs the end record that jcdc unit end writes first.
    "units_no_update": (
        "CREATE TRIGGER units_no_update BEFORE UPDATE ON units WHEN OLD.valid_to IS NOT NULL"
        " OR NEW.valid_to IS NULL OR NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name"
        " OR NEW.category IS NOT OLD.category OR NEW.grp IS NOT OLD.grp OR NEW.valid_from IS NOT OLD.valid_from"
        " OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at"
        " OR NOT EXISTS (SELECT 1 FROM unit_records r WHERE r.action = 'end' AND r.code = NEW.code"
        " AND r.valid_to IS NEW.valid_to AND r.recorded_by IS NEW.ended_by AND r.recorded_at IS NEW.ended_at)"
        " BEGIN SELECT RAISE(ABORT, 'jcdc: units is append-only (a unit is ended by jcdc unit end)'); END"),
    "units_no_delete": append_only_sql("units", "DELETE"),
    # A unit-quarter's total grows with each entry added, and is never removed.
    "quarter_totals_no_update": (
        "CREATE TRIGGER quarter_totals_no_update BEFORE UPDATE ON quarter_totals"
        " WHEN NEW.unit IS NOT OLD.unit OR NEW.qkey IS NOT OLD.qkey OR NEW.entries <= OLD.entries"
        " BEGIN SELECT RAISE(ABORT, 'jcdc: quarter_totals only grows with the entries it adds up'); END"),
    "quarter_totals_no_delete": append_only_sql("quarter_totals", "DELETE"),
}


def schema_triggers() -> dict[str, tuple[str, str]]:
    """Every trigger jcdc's schema defines: name -> (table, SQL as sqlite_master keeps it)."""
    found = {f"{t}_no_{op.lower()}": (t, append_only_sql(t, op))
             for t in (*CHAINED, *APPEND_ONLY) for op in ("UPDATE", "DELETE")}
    for name, sql in GUARDED_TRIGGERS.items():
        found[name] = (sql.split(" ON ", 1)[1].split()[0], sql)
    return found


# --- migrations: the paragraph of a rectification item ------------------------------------------------


@migration("m110_fix_paras")
def fix_paras(db) -> None:
    """快速处置 二.1 or 二.2 of a general or major rectification item (only 二.2
    may be extended). A record of its own, written with the item, so that the
    items recorded before keep their records as they were. An item without one
    is 二.2 (SPEC §6: where the clerk does not say)."""
    _sql(db, """
    CREATE TABLE fix_paras (
        id INTEGER PRIMARY KEY,
        fix INTEGER NOT NULL UNIQUE REFERENCES fixes(id),
        para TEXT NOT NULL CHECK (para IN ('二.1', '二.2')),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )
    """)
    append_only(db, "fix_paras")


# --- migrations: a draw nobody steers (SPEC §5 "verifying a draw") ----------------


@migration("m180_draw_attempts_and_seed_sources")
def draw_attempts_and_seed_sources(db) -> None:
    # SPEC §5: a seed the office gives names its public source
    # (`seed_public_source`); every draw of a team is an attempt on record: a
    # second one for the same task and team is attempt 2, with its reason, and
    # the first stays (UNIQUE (task, team) becomes one draw per attempt). A
    # draw written before attempts were kept (attempt NULL) is the first: its
    # hash was made without the field, so it keeps NULL, and one index holds a
    # team to one first attempt whichever way it is written.
    _rebuild(db, "draws", """
    CREATE TABLE draws_new (
        id INTEGER PRIMARY KEY,
        task INTEGER NOT NULL REFERENCES tasks(id),
        team TEXT NOT NULL,
        targets TEXT NOT NULL,
        seats TEXT NOT NULL,
        attendants TEXT NOT NULL,
        override_reason TEXT,
        seed TEXT NOT NULL,
        seed_source TEXT NOT NULL CHECK (seed_source IN ('given','os')),
        algorithm TEXT NOT NULL,
        roster TEXT NOT NULL,
        roster_hash TEXT NOT NULL,
        excluded TEXT NOT NULL,
        ranking TEXT NOT NULL,
        events_seen INTEGER NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        nominated TEXT,
        inspectors_seen INTEGER,
        seed_public_source TEXT,
        attempt INTEGER CHECK (attempt >= 1),
        redraw_reason TEXT,
        CHECK ((COALESCE(attempt, 1) = 1) = (redraw_reason IS NULL))
    )""", """
    CREATE UNIQUE INDEX draws_first_attempt ON draws (task, team) WHERE attempt IS NULL OR attempt = 1;
    CREATE UNIQUE INDEX draws_attempt ON draws (task, team, attempt) WHERE attempt IS NOT NULL
    """)

# --- migrations: import sources and seals --------------------------------------


def _legacy_content_identity(values: Sequence) -> str:
    """The digest the first imports knew a row without a key by (str() of each
    field: an empty 文号 and the text "None" were one row), for
    import_sources_and_seals to recognise."""
    return hashlib.blake2b("\x1f".join(str(v) for v in values).encode(), digest_size=16).hexdigest()


@migration("m303_import_sources_and_seals")
def import_sources_and_seals(db) -> None:
    """An import names its source (`--source`, else the file's name without its
    extension), and a row's 编号 is known within its source only: section A's
    row 1 and section B's row 1 are two rows (before, B's was skipped as
    imported). A row without a key is known by a digest that tells an empty
    文号 from the text "None". A key row corrected (积分办法, third reading: a
    corrected sheet sent again) leaves its identity with the revoked entry and
    the new one, so an identity may name more than one entry.

    Every import seals its row identities (import_seals: their count and
    digest, chained), so that an identity edited behind jcdc's back — which
    made a re-import double its entries, unseen by `jcdc check` — is found.

    An existing ledger's rows are carried over: a key row gets the source its
    file's name gives today, so that importing that file again is still a
    re-import; a row without a key gets the new digest, worked out from its
    entry and checked against the old one (a row whose old digest cannot be
    worked out again keeps it). Each earlier import is sealed as it stands now.
    """
    from jcdc.import_rows import content_identity, default_source, key_identity
    from jcdc.session import timestamp

    _sql(db, """
    ALTER TABLE imports ADD COLUMN source TEXT;
    CREATE TABLE import_seals (
        id INTEGER PRIMARY KEY,
        import INTEGER NOT NULL UNIQUE REFERENCES imports(id),
        rows INTEGER NOT NULL,
        digest TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TABLE import_rows_by_source (
        identity TEXT NOT NULL,
        entry INTEGER NOT NULL UNIQUE REFERENCES entries(id),
        PRIMARY KEY (identity, entry)
    ) WITHOUT ROWID
    """)
    files = dict(db.execute("SELECT id, file FROM imports").fetchall())
    rows = db.execute(
        "SELECT r.identity, r.entry, e.source, e.date, e.unit, e.rule, e.role, e.points, e.qty, e.matter,"
        " e.ref, e.note FROM import_rows r JOIN entries e ON e.id = r.entry ORDER BY r.entry").fetchall()
    carried: list[tuple[str, int, int | None]] = []
    for identity, entry, source, day, unit, rule, role, points, qty, matter, ref, note in rows:
        import_id = int(source[len("import:"):]) if (source or "").startswith("import:") else None
        if identity.startswith("key:") and import_id in files:
            identity = key_identity(default_source(files[import_id]), identity[len("key:"):])
        elif identity.startswith("row:"):
            _, old, n = identity.split(":", 2)
            stated = [None] + ([points // qty] if qty and points % qty == 0 else [])
            for figure in stated:
                fields = (day, unit, rule, role, figure, qty, matter, ref, note)
                if _legacy_content_identity(fields) == old:
                    identity = f"row:{content_identity(*fields)}:{n}"
                    break
        carried.append((identity, entry, import_id))
    db.execute("DROP TABLE import_rows")
    db.execute("ALTER TABLE import_rows_by_source RENAME TO import_rows")
    db.conn.executemany("INSERT INTO import_rows (identity, entry) VALUES (?, ?)",
                        [(identity, entry) for identity, entry, _ in carried])
    append_only(db, "import_rows")
    by_import: dict[int, list[tuple[str, int]]] = {i: [] for i in files}
    for identity, entry, import_id in carried:
        if import_id in by_import:
            by_import[import_id].append((identity, entry))
    at = timestamp()
    seals = []
    for import_id in sorted(by_import):
        seal = chain.Seal()
        for identity, entry in by_import[import_id]:
            seal.add(identity, entry)
        seals.append({"import": import_id, "rows": seal.rows, "digest": seal.digest(), "recorded_by": "jcdc",
                      "recorded_at": at})
    _chain_rows(db, "import_seals", seals)
    append_only(db, "import_seals")


# --- migrations: rule sets (docs/rulesets.md) ---------------------------------------


@migration("m190_rulesets")
def rule_set_versions(db) -> None:
    """The rule-set versions the ledger has adopted, chained and append-only:
    each with the hash and the canonical text of its file, its effective date,
    the 文号 that adopted it and why. Each entry and each closing records the
    version (its hash) it was scored under.

    A ledger already in use was scored under Jincheng's 2017 rules: that version
    is recorded as its first, effective 2017-11-20, and its entries — whose
    `ruleset` is empty, so their hashes stay as written — stand under it. A new
    ledger records its first version when it is made (jcdc init) or first written.
    """
    from jcdc import ruleset

    _sql(db, """
    CREATE TABLE rulesets (
        id INTEGER PRIMARY KEY,
        version TEXT NOT NULL,
        ruleset_hash TEXT NOT NULL,
        effective TEXT NOT NULL,
        doc TEXT NOT NULL,
        reason TEXT,
        body TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    ALTER TABLE entries ADD COLUMN ruleset TEXT;
    ALTER TABLE closings ADD COLUMN ruleset TEXT
    """)
    append_only(db, "rulesets")
    in_use = db.execute("SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM units)").fetchone()[0]
    if in_use:
        first = ruleset.builtin()
        _chain_rows(db, "rulesets", [ruleset_record(
            first, first.effective, first.document, msg.RULESET_MIGRATED, msg.RULESET_BY_JCDC,
            dt.datetime.now().astimezone().isoformat(timespec="seconds"))])


def ruleset_record(rules, effective: dt.date, doc: str, reason: str | None, by: str, at: str) -> dict:
    """A rulesets row: the version adopted, with its canonical text (the ledger
    keeps what scored its entries, whatever the package ships later)."""
    from jcdc.ruleset.load import body

    return {"version": rules.version, "ruleset_hash": rules.hash, "effective": effective.isoformat(),
            "doc": doc, "reason": reason, "body": body(rules.data), "recorded_by": by, "recorded_at": at}


# --- migrations: the previous year the ledger never saw (SPEC §3) ---------------------


@migration("m320_published_rankings")
def published_rankings(db) -> None:
    """A year's annual ranking as the office published it before it kept this
    ledger (积分办法 第十七条 needs the year before): one row a unit, with the
    document that published it. Chained and append-only like the entries."""
    _sql(db, """
    CREATE TABLE published_rankings (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        unit TEXT NOT NULL REFERENCES units(code),
        score INTEGER NOT NULL,
        rank INTEGER NOT NULL CHECK (rank >= 1),
        doc TEXT NOT NULL,
        file TEXT,
        sha256 TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (year, unit)
    )
    """)
    append_only(db, "published_rankings")


# --- migrations: institutional reform (SPEC §1) ----------------------------------------


@migration
def unit_renames_and_merges(db) -> None:
    """A unit renamed (jcdc unit rename: the code kept, a new name from a day on)
    or merged into another (jcdc unit merge: one record per unit merged away,
    naming the unit it merged into; the unit's ending is its own end record in
    unit_records, the same transaction). Chained and append-only like the roster."""
    _sql(db, """
    CREATE TABLE unit_changes (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('rename', 'merge')),
        code TEXT NOT NULL REFERENCES units(code),
        date TEXT NOT NULL,  -- the first day of the new name, or of the unit merged into
        name TEXT,           -- rename: the new name
        aliases TEXT,        -- rename: JSON array of the new name's short names
        successor TEXT REFERENCES units(code),  -- merge: the unit merged into
        doc TEXT,            -- the document that decided it (机构改革方案, 编办文件)
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        CHECK ((action = 'rename' AND name IS NOT NULL AND successor IS NULL)
               OR (action = 'merge' AND successor IS NOT NULL AND name IS NULL))
    )
    """)
    append_only(db, "unit_changes")


# The CHECK that listed Jincheng's four categories in `units` (m001), as sqlite_master keeps it.
_CATEGORY_CHECK = " CHECK (category IN ('county','devzone','city','stationed'))"


@migration
def unit_categories_by_the_rule_set(db) -> None:
    """A unit's category is one the ledger's rule set ranks (积分办法 第二条; a
    county's own groups, 第二十条): jcdc checks it where a unit is added
    (units.make_unit) and `jcdc check` where one is read, against the rule set —
    not a CHECK listing Jincheng's four categories. Removing a CHECK changes
    nothing stored, so the table is not rebuilt: its definition is edited in
    place, SQLite's own procedure for such a change
    (sqlite.org/lang_altertable.html#otheralter) — no record is copied or touched."""
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = replace(sql, ?, '') WHERE type = 'table' AND name = 'units'",
                   (_CATEGORY_CHECK,))
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


SCHEMA_VERSION = len(MIGRATIONS)

# The fields of each chained table, in the order they are hashed (jcdc/chain.py).
CHAINED: dict[str, tuple[str, ...]] = {
    # closed quarters
    "closings": ("id", "qkey", "action", "ranking", "ranking_hash", "reason", "recorded_by", "recorded_at",
                 "ruleset"),  # the version the quarter was ranked under: added later, hashed when given
    "entries": (
        "id", "unit", "rule", "role", "date", "points", "qty", "matter", "ref", "note",
        "scorer", "cite", "reverses", "reason", "source", "recorded_by", "recorded_at",
        "ruleset",  # the version it was scored under: added later, hashed when given (jcdc/chain.py)
    ),
    "cases": (
        "id", "case_no", "unit", "persons", "trigger", "summary", "date", "actor", "doc", "note",
        "direct", "direct_reason", "matter", "rank_year", "recorded_by", "recorded_at",
        "body",  # a case against any body: added later, hashed only when given (jcdc/chain.py)
    ),
    "case_events": (
        "id", "case_id", "action", "from_state", "to_state", "date", "actor", "doc", "note", "reason",
        "persons", "sanctions", "coordinated_with", "procedure", "scope", "outcome",
        "recorded_by", "recorded_at",
    ),
    # 13710 matters and rectification items; `coop` and `entries` are JSON arrays.
    "matters": ("id", "matter", "title", "lead", "coop", "opened", "class", "passive", "opener",
                "recorded_by", "recorded_at"),
    "matter_nodes": ("id", "matter", "number", "what", "due", "recorded_by", "recorded_at"),
    "matter_events": ("id", "matter", "kind", "date", "node", "days_late", "rating", "reason",
                      "entries", "recorded_by", "recorded_at"),
    "fixes": ("id", "unit", "what", "class", "demanded", "inspection_end", "due", "person",
              "recorded_by", "recorded_at"),
    "fix_events": ("id", "fix", "kind", "date", "days", "approved_by", "plan", "override_reason",
                   "text", "recorded_by", "recorded_at"),
    # --- chained tables: inspector pools and draws ---
    "inspectors": (
        "id", "inspector", "action", "since", "name", "pool", "unit", "region", "expertise",
        "phone", "reason", "recorded_by", "recorded_at",
        "org",  # an inspector of any body: added later, hashed only when given (jcdc/chain.py)
    ),
    "tasks": ("id", "name", "kind", "start", "end", "recorded_by", "recorded_at"),
    "draws": (
        "id", "task", "team", "targets", "seats", "attendants", "override_reason", "seed",
        "seed_source", "algorithm", "roster", "roster_hash", "excluded", "ranking", "events_seen",
        "recorded_by", "recorded_at",
        "nominated", "inspectors_seen",  # nominations: added later, hashed only when given
        "seed_public_source", "attempt", "redraw_reason",  # SPEC §5: likewise
    ),
    "draw_events": (
        "id", "draw", "inspector", "action", "date", "reason", "replaces", "entry",
        "recorded_by", "recorded_at",
        "skipped", "inspectors_seen",  # refills: added later, hashed only when given
    ),
    "reports": (
        "id", "task", "team", "action", "date", "problems", "typical", "reason",
        "recorded_by", "recorded_at",
    ),
    "imports": ("id", "file", "sha256", "rows", "added", "skipped", "recorded_by", "recorded_at",
                "source"),  # added later, hashed only when given (jcdc/chain.py)
    "import_seals": ("id", "import", "rows", "digest", "recorded_by", "recorded_at"),
    # --- chained tables: unit records and anchors ---
    "unit_records": ("id", "action", "code", "name", "category", "grp", "aliases", "valid_from", "valid_to",
                     "recorded_by", "recorded_at"),
    "anchors": ("id", "made_for", "heads", "closed", "fingerprint", "recorded_by", "recorded_at"),
    # --- the paragraph of a rectification item ---
    "fix_paras": ("id", "fix", "para", "recorded_by", "recorded_at"),
    # --- the rule-set versions adopted (docs/rulesets.md) ---
    "rulesets": ("id", "version", "ruleset_hash", "effective", "doc", "reason", "body",
                 "recorded_by", "recorded_at"),


    # --- a year's ranking as published before the ledger (SPEC §3) ---
    "published_rankings": ("id", "year", "unit", "score", "rank", "doc", "file", "sha256",
                           "recorded_by", "recorded_at"),
    # --- institutional reform: renames and merges (SPEC §1) ---
    "unit_changes": ("id", "action", "code", "date", "name", "aliases", "successor", "doc",
                     "recorded_by", "recorded_at"),
}
# Append-only tables that are not chained: their rows are checked otherwise.
APPEND_ONLY: tuple[str, ...] = ("import_rows", "unit_aliases")
# Every uniqueness jcdc's schema defines: (table, its columns, the rows it
# covers — the WHERE of a partial index, "" for all). jcdc relies on them (an
# entry is reversed once, a row identity names one entry, a unit-quarter has one
# total …) and `jcdc check` verifies each is still in the file: an index can be
# dropped, a table rebuilt without its UNIQUE. tests/test_store.py keeps this
# equal to what the migrations build.
UNIQUE_KEYS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("units", ("code",), ""), ("units", ("name",), ""),
    ("unit_aliases", ("alias",), ""),
    ("entries", ("reverses",), "reverses IS NOT NULL"),
    ("cases", ("case_no",), ""),
    ("tasks", ("name",), ""),
    ("draws", ("task", "team"), "attempt IS NULL OR attempt = 1"),  # one first attempt (draw_attempts_and_seed_sources)
    ("draws", ("task", "team", "attempt"), "attempt IS NOT NULL"),  # one draw per attempt
    ("matters", ("matter",), ""),
    ("matter_nodes", ("matter", "number"), ""),
    # import_sources_and_seals: an identity may name more than one entry (a key row corrected), each entry one identity
    ("import_rows", ("identity", "entry"), ""), ("import_rows", ("entry",), ""),
    ("import_seals", ("import",), ""),
    ("quarter_totals", ("unit", "qkey"), ""),
    ("chain_heads", ("tbl",), ""),
    ("fix_paras", ("fix",), ""),
    ("published_rankings", ("year", "unit"), ""),
)
# Columns stored beside the chained fields but computed from them (not hashed).
DERIVED: dict[str, tuple[str, ...]] = {
    "entries": ("qkey",),  # the quarter of `date`: rankings group on it
}


# --- opening ------------------------------------------------------------------


def open_store(path: str | os.PathLike, create: bool = True, read_only: bool = False) -> Store:
    """The ledger at `path`.

    create: a missing (or empty) file becomes a new ledger, owner-only, in WAL
    mode, its folder made if need be — `jcdc init`, `jcdc demo` and tests; the
    commands pass False and refuse a missing ledger with the path and the hint
    `jcdc init`. An existing ledger of an earlier structure is migrated.

    read_only: opened with SQLite's mode=ro, and never created, migrated or
    converted (a backup's journal mode stays as it is): what every command that
    only looks uses. A ledger of an earlier structure is refused, not migrated.

    Either way a file that is not a jcdc ledger is refused by name.
    """
    from jcdc import files

    path = Path(path)
    try:
        store = _open_read_only(path) if read_only else _open_for_writing(path, create)
    except sqlite3.Error as e:
        not_a_database = getattr(e, "sqlite_errorname", "") == "SQLITE_NOTADB"
        if not_a_database:
            raise JcdcError(msg.DB_NOT_A_DATABASE.format(path=path)) from e
        raise storage_error(e, path) or JcdcError(msg.DB_UNREADABLE.format(path=path, text=e)) from e
    files.protect(path)  # no file jcdc writes may land on the ledger (jcdc/files.py)
    _OPENED.append(path)
    _LIVE.append(weakref.ref(store))
    return store


_OPENED: list[Path] = []  # the ledgers this process opened: a storage error names the last
# Every store open_store returned, in order: a command closes those it opened when
# it ends (jcdc/cli.py), so no connection outlives it. On Windows a file that a
# connection still holds cannot be replaced or deleted (a second `jcdc demo` in
# one process, a test's runner calling command after command).
_LIVE: list[weakref.ref] = []


def opened_count() -> int:
    """A mark for close_opened_since: how many stores have been opened so far."""
    return len(_LIVE)


def close_opened_since(mark: int) -> None:
    """Close every store opened after `mark` (opened_count()), and forget them."""
    closed = False
    for ref in _LIVE[mark:]:
        store = ref()
        if store is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # one a worker thread opened: its own to close
                store.close()
                closed = True
    del _LIVE[mark:]
    if closed and os.name == "nt":
        # A closed connection whose statements are still referenced (a cursor in
        # a cycle) keeps its file open until they are finalised, and Windows then
        # refuses to rename or delete it: the collector finalises them now.
        import gc

        gc.collect()


def close_ledgers_at(path: Path) -> None:
    """Close this process's every connection to the ledger at `path`: before the
    file is replaced or removed, which Windows refuses while one is open.

    A closed connection whose statements are still referenced (a cursor in a
    cycle the collector has not reached) keeps its file open until they are
    finalised: the collector is run so that none is left."""
    import gc

    target = os.path.abspath(path)
    for ref in _LIVE:
        store = ref()
        if store is not None and os.path.abspath(store.path) == target:
            with contextlib.suppress(sqlite3.ProgrammingError):
                store.close()
    if os.name == "nt":
        gc.collect()


def sqlite_uri(path: PurePath, query: str) -> str:
    """The file: URI by which SQLite opens the absolute `path`, with `query`.

    pathlib writes a Windows share (\\\\server\\share\\x.db, //server/share/x.db) as
    file://server/share/x.db, and SQLite refuses any authority but localhost
    ("invalid uri authority"): a share is an empty authority and a path that
    begins with two slashes, file:////server/share/x.db (sqlite.org/uri.html)."""
    uri = path.as_uri()
    if not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?{query}"


# **Reading**: SQLite's WAL mode, which the ledger uses, needs
# every process that writes to be on one computer ("WAL does not work over a
# network filesystem", sqlite.org/wal.html): two clerks writing one ledger on a
# share from two PCs can corrupt it. So jcdc writes to no ledger on a network
# location; it still reads one there (a copy sent round, a colleague's ledger).
# The office keeps its ledger on one PC; the others receive backups or exports.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph", "glusterfs", "lustre", "gpfs",
    "davfs", "fuse.sshfs", "fuse.glusterfs", "fuse.cephfs", "fuse.davfs2", "fuse.rclone", "fuse.smbnetfs",
})


def network_location(path: PurePath, mounts: str | None = None) -> str | None:
    """Where `path` (absolute) lies on a network, in words for the clerk, or None.

    A Windows share (UNC path, \\\\server\\share\\…); on Windows a mapped drive
    letter the system reports as remote; elsewhere the file system of the mount
    that holds `path` in `mounts`, a mount table as Linux's /proc/mounts gives it
    (device, mount point, type, …, a line each)."""
    if isinstance(path, PureWindowsPath):
        if path.drive.startswith(("\\\\", "//")):
            return path.drive
        if os.name == "nt" and path.drive and _remote_drive(path.drive):
            return path.drive
        return None
    best, kind = "", None
    for line in (mounts or "").splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])  # \040 is a space
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return f"{kind} {best}" if kind in NETWORK_FILE_SYSTEMS else None


def _remote_drive(drive: str) -> bool:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE


def _mount_table() -> str | None:
    """Linux's table of mounts; None where there is none (macOS, Windows)."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _refuse_network_location(path: Path) -> None:
    where = network_location(PurePath(os.path.realpath(path)), None if os.name == "nt" else _mount_table())
    if where is not None:
        raise JcdcError(msg.DB_ON_NETWORK.format(path=path, where=where))


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    return conn


def _kind(conn: sqlite3.Connection) -> str:
    """"ledger", "empty" (no table at all: a new or a 0-byte file) or "other"."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not tables and version == 0:
        return "empty"
    return "ledger" if version > 0 and {"units", "entries"} <= tables else "other"


def _refuse_unless_ledger(conn: sqlite3.Connection, path: Path, create: bool) -> None:
    kind = _kind(conn)
    if kind == "other":
        conn.close()
        raise JcdcError(msg.DB_NOT_LEDGER.format(path=path))
    if kind == "empty" and not create:
        conn.close()
        raise JcdcError(msg.DB_EMPTY.format(path=path))


def _open_for_writing(path: Path, create: bool) -> Store:
    _refuse_network_location(path)
    if not path.exists():
        if not create:
            raise JcdcError(msg.DB_MISSING.format(path=path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Readable by its owner only: it holds names of persons under accountability.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as e:
            raise JcdcError(msg.DB_CANNOT_CREATE.format(path=path, text=e.strerror or e)) from e
        if os.name == "nt":  # O_CREAT's 0600 is POSIX's: Windows' owner-only is the file's DACL
            _owner_only(path)
    elif not path.is_file():
        raise JcdcError(msg.DB_NOT_LEDGER.format(path=path))
    elif not os.access(path, os.R_OK | os.W_OK):
        raise JcdcError(msg.DB_READ_ONLY.format(path=path))
    elif create and path.stat().st_size == 0:
        _owner_only(path)  # an empty file made beforehand (touch, an editor: 0644) becomes the ledger
    conn = _connect(str(path))
    try:
        return _ready_for_writing(conn, path, create)
    except BaseException:
        conn.close()  # refused: a connection left open would keep a lost log's index in use
        raise


def _ready_for_writing(conn, path: Path, create: bool) -> Store:
    _refuse_unless_ledger(conn, path, create)
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
        # A damaged ledger takes no writes. SQLite's quick check reads every page:
        # about 6 ms a MiB here, so a larger ledger relies on each write meeting
        # the damage where it writes, and on `jcdc check` (docs/integrity.md).
        [first] = conn.execute("PRAGMA quick_check(1)").fetchone()
        if first != "ok":
            conn.close()
            raise JcdcError(msg.DB_MALFORMED.format(path=path, text=first.splitlines()[-1]))
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    store = Store(conn, path)
    store.migrate()
    _companions_owner_only(path)
    return store


def _owner_only(path: Path) -> None:
    """Readable and writable by its owner only, before anything is written in it
    (SQLite gives its -wal and -shm the file's mode): or refused."""
    from jcdc import files

    try:
        files.owner_only(path)
    except OSError as e:
        if os.name == "nt" and getattr(e, "winerror", None) in (1, 50):
            return  # FAT or exFAT (a USB stick), some shares: no ACLs to set, as on Linux's FAT
        raise JcdcError(msg.DB_CANNOT_PROTECT.format(path=path, text=e.strerror or e)) from e


def _companions_owner_only(path: Path) -> None:
    """On Windows, the ledger's -wal and -shm owner-only too: SQLite gives them the
    ledger's mode on POSIX, but on Windows they take the folder's ACL."""
    if os.name != "nt":
        return
    from jcdc import files

    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):  # not there (yet), or no ACLs on this file system
            files.owner_only(Path(f"{path}{suffix}"))


def _open_read_only(path: Path) -> Store:
    if not path.exists():
        raise JcdcError(msg.DB_MISSING.format(path=path))
    if not path.is_file():
        raise JcdcError(msg.DB_NOT_LEDGER.format(path=path))
    uri = sqlite_uri(path.resolve(), "mode=ro")
    conn = _connect(uri, uri=True)
    try:
        _refuse_unless_ledger(conn, path, create=False)
    except sqlite3.OperationalError as e:
        # A ledger on a read-only medium (a CD, a write-protected stick, a share
        # mounted read-only): SQLite cannot make the WAL's index beside it. With
        # no log to read, the file alone is the whole ledger and cannot change.
        wal = Path(f"{path}-wal")
        if getattr(e, "sqlite_errorname", "") != "SQLITE_CANTOPEN" or (wal.exists() and wal.stat().st_size):
            conn.close()  # refused: a connection left open would keep a lost log's index in use
            raise
        conn.close()
        conn = _connect(uri + "&immutable=1", uri=True)
        _refuse_unless_ledger(conn, path, create=False)
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found != SCHEMA_VERSION:
        conn.close()
        text = msg.DB_NEWER if found > SCHEMA_VERSION else msg.DB_OLDER
        raise JcdcError(text.format(path=path, found=found, known=SCHEMA_VERSION))
    conn.execute("PRAGMA query_only = ON")
    return Store(conn, path, read_only=True)


# SQLite's result codes that are the file's condition, not a bug: the clerk's line for each.
_STORAGE_ERRORS = {
    "SQLITE_FULL": "DISK_FULL_DB", "SQLITE_READONLY": "DB_READ_ONLY", "SQLITE_CORRUPT": "DB_MALFORMED",
    "SQLITE_NOTADB": "DB_MALFORMED", "SQLITE_IOERR": "DB_IO_ERROR", "SQLITE_CANTOPEN": "DB_IO_ERROR",
    "SQLITE_BUSY": "DB_BUSY", "SQLITE_LOCKED": "DB_BUSY",
    # A -journal left by an interrupted write, which a read-only opening cannot roll back.
    "SQLITE_READONLY_ROLLBACK": "DB_HOT_JOURNAL",
}


def storage_error(e: BaseException, path: Path | None = None) -> JcdcError | None:
    """The clerk's one line for an SQLite error caused by the file or the disk (full,
    read-only, damaged, unreadable, held by another), None for any other error."""
    name = getattr(e, "sqlite_errorname", None) or ""
    # Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …) share their primary's line,
    # unless they have one of their own.
    key = name if name in _STORAGE_ERRORS else \
        next((code for code in _STORAGE_ERRORS if name.startswith(code + "_")), None)
    if key is None:
        return None
    if path is None:
        path = _OPENED[-1] if _OPENED else default_db_path()
    return JcdcError(getattr(msg, _STORAGE_ERRORS[key]).format(path=path, text=e))


def recorders_of(path: Path) -> set[str] | None:
    """Who recorded the units and entries of the ledger at `path`, read-only;
    None when it is not a jcdc ledger. (`jcdc demo` overwrites only its own.)"""
    try:
        conn = sqlite3.connect(sqlite_uri(Path(path).resolve(), "mode=ro"), uri=True)
        try:
            return {who for (who,) in conn.execute(
                "SELECT recorded_by FROM units UNION SELECT recorded_by FROM entries")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None



# The entry of the same unit a correction (points correct, its source "correct:N")
# records again, else NULL, as the last column of a statement's rows (e the entry).
_CORRECTS_OWN = ("CASE WHEN substr(e.source, 1, ?) = ? THEN (SELECT o.id FROM entries o"
                 " WHERE o.id = CAST(substr(e.source, ?) AS INTEGER) AND o.unit = e.unit) END")
_CORRECTS_ARGS = (len(CORRECTS), CORRECTS, len(CORRECTS) + 1)


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self.snapshot = False  # inside reading(): one read transaction, nothing written

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
        # A migration may rebuild a table (to let a column be empty): SQLite's own
        # procedure turns foreign keys off for it and checks them all before the
        # commit (sqlite.org/lang_altertable.html#otheralter). The pragma only
        # takes effect outside a transaction.
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.write():  # one writer migrates; the others wait, then find it done
                migrations.apply(db)
                broken = self.conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken:
                    raise JcdcError(msg.DB_MIGRATION_BROKEN.format(path=self.path, table=broken[0]))
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    # --- transactions -------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[Store]:
        """One BEGIN IMMEDIATE transaction: all of it is written, or none of it."""
        if self.conn.in_transaction:  # nested use joins the outer transaction
            yield self
            return
        if self.read_only:
            raise JcdcError(msg.DB_READ_ONLY.format(path=self.path))
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise storage_error(e, self.path) or e
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException as e:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # a full disk may refuse even this
                    self.conn.execute("ROLLBACK")
            # A full disk, a read-only or damaged file: one line, and nothing written.
            known = storage_error(e, self.path) if isinstance(e, sqlite3.Error) else None
            if known is not None:
                raise known from e
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """One read transaction: everything read inside it sees the ledger as it
        stood at one moment (the write-ahead log keeps that moment for it),
        whatever other clerks commit meanwhile. `jcdc check` judges one state
        of the ledger: read by parts at their own moments, an entry committed
        between two reads would pass for tampering. Inside a transaction
        already (a write), it joins it."""
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        self.snapshot = True
        try:
            # The moment is taken at the first read; a damaged file says so at
            # the first read of its own part instead.
            with contextlib.suppress(sqlite3.DatabaseError):
                self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            yield self
        finally:
            self.snapshot = False
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("COMMIT")

    # --- the hash chain ---------------------------------------------------------

    def last_link(self, table: str) -> tuple[int, str]:
        row = self.conn.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, chain.GENESIS)

    def append(self, table: str, rows: Iterable[dict]) -> list[int]:
        """Insert rows into a chained table, giving each its id and its link.

        Must run inside write(): the lock makes "the record before" well-defined.
        """
        fields, derived = CHAINED[table][1:], DERIVED.get(table, ())
        return self._append(table, ((tuple(row.get(f) for f in fields), tuple(row[f] for f in derived))
                                    for row in rows))

    def _append(self, table: str, rows: Iterable[tuple[tuple, tuple]]) -> list[int]:
        """append() for rows already in order: (the chained fields after `id`, in
        CHAINED's order; the DERIVED fields). An import builds them directly."""
        assert self.conn.in_transaction, "append() outside a write transaction"
        fields, derived = CHAINED[table], DERIVED.get(table, ())
        last_id, prev = self.last_link(table)
        columns = (*fields, *derived, "prev_hash", "hash")
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        ids: list[int] = []
        link = chain.link

        def linked():
            nonlocal last_id, prev
            for values, extra in rows:
                last_id += 1
                values = (last_id, *values)
                digest = link(prev, values)
                ids.append(last_id)
                yield (*values, *extra, prev, digest)
                prev = digest

        self.conn.executemany(sql, linked())
        if ids:
            self.conn.execute(
                "INSERT INTO chain_heads (tbl, last_id, hash) VALUES (?, ?, ?)"
                " ON CONFLICT (tbl) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash",
                (table, last_id, prev))
        return ids

    # --- units --------------------------------------------------------------------

    def units(self, on: dt.date | None = None) -> list[Unit]:
        """The roster, each unit under its latest name, or under the name in force
        on the day `on` (a ranking shows the names of its period's last day)."""
        from dataclasses import replace

        aliases: dict[str, list[str]] = {}
        for alias, code in self.conn.execute("SELECT alias, unit FROM unit_aliases ORDER BY rowid"):
            aliases.setdefault(code, []).append(alias)
        renames: dict[str, list[tuple[dt.date, str]]] = {}
        successors: dict[str, str] = {}
        for action, code, day, name, more, successor in self.unit_changes():
            if action == "rename":
                renames.setdefault(code, []).append((dt.date.fromisoformat(day), name))
                aliases.setdefault(code, []).extend(json.loads(more or "[]"))
            else:
                successors[code] = successor
        units = []
        for code, name, cat, grp, valid_from, valid_to in self.conn.execute(
                "SELECT code, name, category, grp, valid_from, valid_to FROM units ORDER BY rowid"):
            names = ((_date(valid_from), name), *sorted(renames.get(code, ())))
            unit = Unit(code, names[-1][1], Category(cat), grp, tuple(dict.fromkeys(aliases.get(code, ()))),
                        _date(valid_from), _date(valid_to), names if len(names) > 1 else ())
            units.append(unit if on is None else replace(unit, name=unit.name_on(on)))
        latest = {u.code: u for u in units} if on is None else {u.code: u for u in self.units()}
        return [replace(u, successor=(successors[u.code], latest[successors[u.code]].name))
                if u.code in successors else u for u in units]

    def first_entry_date(self) -> dt.date | None:
        return _date(self.conn.execute("SELECT MIN(date) FROM entries").fetchone()[0])

    def unit_changes(self) -> list[tuple]:
        """(action, code, date, name, aliases, successor) of every rename and merge, in order."""
        return self.conn.execute(
            "SELECT action, code, date, name, aliases, successor FROM unit_changes ORDER BY id").fetchall()

    def unit_change_rows(self, code: str | None = None) -> list[dict]:
        """The renames and merges as recorded (of the unit `code`, merged from or into, where given)."""
        cur = self.conn.execute(
            "SELECT * FROM unit_changes" + (" WHERE code = ?1 OR successor = ?1" if code else "") + " ORDER BY id",
            (code,) if code else ())
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def rename_unit(self, code: str, day: dt.date, name: str, aliases: Sequence[str], doc: str | None,
                    by: str, at: str) -> None:
        self.append("unit_changes", [{
            "action": "rename", "code": code, "date": day.isoformat(), "name": name,
            "aliases": json.dumps(list(aliases), ensure_ascii=False) if aliases else None,
            "doc": doc, "recorded_by": by, "recorded_at": at}])

    def merge_unit(self, code: str, day: dt.date, successor: str, doc: str | None, by: str, at: str) -> None:
        """The unit merged into `successor` from `day` on: its last day is the day before."""
        self.end_unit(code, day - dt.timedelta(days=1), by, at)
        self.append("unit_changes", [{
            "action": "merge", "code": code, "date": day.isoformat(), "successor": successor,
            "doc": doc, "recorded_by": by, "recorded_at": at}])

    def insert_unit(self, unit: Unit, by: str, at: str) -> None:
        self.append("unit_records", [unit_record(
            "add", unit.code, unit.name, unit.category.value, unit.group, unit.aliases, _iso(unit.valid_from),
            _iso(unit.valid_to), by, at)])
        self.conn.execute(
            "INSERT INTO units (code, name, category, grp, valid_from, valid_to, recorded_by, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (unit.code, unit.name, unit.category.value, unit.group, _iso(unit.valid_from),
             _iso(unit.valid_to), by, at),
        )
        self.conn.executemany(
            "INSERT INTO unit_aliases (alias, unit) VALUES (?, ?)", [(a, unit.code) for a in unit.aliases]
        )

    def standing_entries_after(self, unit: str, day: dt.date) -> tuple[int, str | None]:
        """(how many, the first date) of a unit's unreversed entries dated after `day`."""
        return self.conn.execute(
            "SELECT COUNT(*), MIN(e.date) FROM entries e WHERE e.unit = ? AND e.date > ?"
            " AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)",
            (unit, day.isoformat())).fetchone()

    def end_unit(self, code: str, last_day: dt.date, by: str, at: str) -> None:
        # the record first: the units_no_update trigger lets the ending through only with it
        self.append("unit_records", [unit_record("end", code, valid_to=last_day.isoformat(), by=by, at=at)])
        self.conn.execute("UPDATE units SET valid_to = ?, ended_by = ?, ended_at = ? WHERE code = ?",
                          (last_day.isoformat(), by, at, code))

    # --- entries ------------------------------------------------------------------

    def add_entries(self, drafts: Sequence[EntryDraft], by: str, at: str) -> list[int]:
        totals: dict[tuple[str, int], list[int]] = {}
        quarters: dict[dt.date, tuple[str, int]] = {}  # a day -> (its text, its quarter)

        def rows():
            for d in drafts:
                day = quarters.get(d.date)
                if day is None:
                    day = quarters[d.date] = (d.date.isoformat(), _qkey(d.date))
                total = totals.get((d.unit, day[1]))
                if total is None:
                    total = totals[d.unit, day[1]] = [0, 0]
                total[0] += d.points
                total[1] += 1
                # CHAINED["entries"] after its id, then DERIVED["entries"]
                yield ((d.unit, d.rule, d.role.value, day[0], d.points, d.qty, d.matter, d.ref, d.note,
                        d.scorer, d.cite, d.reverses, d.reason, d.source, by, at, d.ruleset), (day[1],))

        ids = self._append("entries", rows())
        self.add_to_quarter_totals(totals)
        return ids

    def entry(self, entry_id: int) -> Entry | None:
        row = self.conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def entries(self, unit: str | None = None, first_qkey: int | None = None,
                last_qkey: int | None = None, rule: str | None = None,
                matter: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                ref: str | None = None, text: str | None = None) -> list[Entry]:
        """`since`, `until`: event dates, both inclusive; `ref`: a 文号 containing
        it; `text`: a 文号 or 备注 containing it (ASCII letters in any case)."""
        where, args = [], []
        for clause, value in (("unit = ?", unit), ("qkey >= ?", first_qkey), ("qkey <= ?", last_qkey),
                              ("rule = ?", rule), ("matter = ?", matter),
                              ("date >= ?", _iso(since)), ("date <= ?", _iso(until)),
                              ("instr(lower(ref), lower(?)) > 0", ref)):
            if value is not None:
                where.append(clause)
                args.append(value)
        if text is not None:
            where.append("(instr(lower(coalesce(ref, '')), lower(?)) > 0"
                         " OR instr(lower(coalesce(note, '')), lower(?)) > 0)")
            args += [text, text]
        sql = f"SELECT {_ENTRY_COLUMNS} FROM entries"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_entry(r) for r in self.conn.execute(sql + " ORDER BY date, id", args)]

    def stream_entries(self, first_qkey: int, last_qkey: int) -> Iterator[Entry]:
        """The entries dated in quarters first..last, in date order, one at a time:
        a report of a million entries holds one in memory, not a million."""
        yield from map(_entry, self.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE qkey BETWEEN ? AND ? ORDER BY date, id",
            (first_qkey, last_qkey)))

    def unit_entries(self, unit: str, first_qkey: int, last_qkey: int) -> Iterator[Entry]:
        """One unit's entries dated in quarters first..last, in date order, one at
        a time, read through entries_unit: a statement reads its unit's entries,
        not the ledger's."""
        yield from map(_entry, self.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE unit = ? AND qkey BETWEEN ? AND ? ORDER BY date, id",
            (unit, first_qkey, last_qkey)))

    def unit_entry_rows(self, unit: str, first_qkey: int, last_qkey: int) -> Iterator[tuple]:
        """unit_entries as tuples (id, date, rule, role, points, qty, matter, ref,
        note, reverses, reason, corrects), the date as stored (ISO), `corrects` the
        entry of the same unit a correction (points correct) records again, else
        None (a correction to another unit names no entry of the one it left): a
        statement's table."""
        return self.conn.execute(
            f"SELECT id, date, rule, role, points, qty, matter, ref, note, reverses, reason, {_CORRECTS_OWN}"
            " FROM entries e WHERE unit = ? AND qkey BETWEEN ? AND ? ORDER BY date, id",
            (*_CORRECTS_ARGS, unit, first_qkey, last_qkey))

    def _period_path(self, first_qkey: int, last_qkey: int) -> str:
        """How a query over every unit's entries of quarters first..last reads them:
        the table in its own order where the period holds at least half of the
        ledger's entries (a scan that reads at most twice the period's rows: 100,000
        rows looked up through entries_unit one by one cost SQLite five times the scan
        of them, docs/benchmarks.md), else through entries_unit. The counts are
        quarter_totals' (a few rows a unit); the rows are the same either way."""
        period, every = self.conn.execute(
            "SELECT COALESCE(SUM(entries * (qkey BETWEEN ? AND ?)), 0), COALESCE(SUM(entries), 0) FROM quarter_totals",
            (first_qkey, last_qkey)).fetchone()
        return "NOT INDEXED" if 2 * period >= every else "INDEXED BY entries_unit"

    def period_entry_rows(self, first_qkey: int, last_qkey: int) -> Iterator[tuple]:
        """Every unit's entries dated in quarters first..last as (unit, *unit_entry_rows'
        tuple), by unit (its code's order, as Python sorts str) and in each unit by date
        and id: every unit's statements in one pass, one row in Python at a time.
        SQLite sorts them (spilling to a temporary file past its cache, as it does
        any large sort: its memory stays the same whatever the period holds)."""
        return self.conn.execute(
            f"SELECT unit, id, date, rule, role, points, qty, matter, ref, note, reverses, reason, {_CORRECTS_OWN}"
            f" FROM entries e {self._period_path(first_qkey, last_qkey)} WHERE qkey BETWEEN ? AND ?"
            " ORDER BY unit, date, id", (*_CORRECTS_ARGS, first_qkey, last_qkey))

    # (entries, originals, standing, points) of a GROUP BY over the entries e dated in
    # quarters :first..:last: `originals` are not reversals, `standing` are originals
    # no entry of the same quarters reverses ({same_unit}: and of the same unit).
    _RULE_SUMS = ("COUNT(*), SUM(reverses IS NULL),"
                  " SUM(reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r INDEXED BY entries_reverses"
                  "  WHERE r.reverses = e.id AND r.qkey BETWEEN :first AND :last{same_unit})),"
                  " SUM(points)")

    def rule_sums_by_unit(self, first_qkey: int, last_qkey: int) -> dict[str, list[tuple]]:
        """unit -> rule_sums(first_qkey, last_qkey, unit), for every unit with an entry
        dated in the quarters, in one GROUP BY: a reversal counts against its original
        where it is of the same unit and quarters, as for one unit."""
        out: dict[str, list[tuple]] = {}
        for unit, *sums in self.conn.execute(
                f"SELECT unit, rule, {self._RULE_SUMS.format(same_unit=' AND r.unit = e.unit')}"
                f" FROM entries e {self._period_path(first_qkey, last_qkey)} WHERE qkey BETWEEN :first AND :last"
                " GROUP BY unit, rule", {"first": first_qkey, "last": last_qkey}):
            out.setdefault(unit, []).append(tuple(sums))
        return out

    def rule_sums(self, first_qkey: int, last_qkey: int, unit: str | None = None) -> list[tuple]:
        """(rule, entries, originals, standing, points) of the entries dated in
        quarters first..last (of one unit, if given), per rule, summed by SQLite:
        `originals` are not reversals, `standing` are originals no entry of the same
        quarters (and unit) reverses, `points` the sum of all, reversals included."""
        own = " AND unit = :unit" if unit is not None else ""
        return self.conn.execute(
            f"SELECT rule, {self._RULE_SUMS.format(same_unit=' AND r.unit = e.unit' if own else '')}"
            f" FROM entries e WHERE qkey BETWEEN :first AND :last{own} GROUP BY rule",
            {"first": first_qkey, "last": last_qkey, "unit": unit}).fetchall()

    def count_entries_of_units(self, first_qkey: int, last_qkey: int, units: list[str]) -> int:
        """How many entries of `units` are dated in quarters first..last."""
        return self.conn.execute(
            f"SELECT COUNT(*) FROM entries WHERE qkey BETWEEN ? AND ? AND unit IN ({', '.join('?' * len(units))})",
            (first_qkey, last_qkey, *units)).fetchone()[0]

    def entry_tuples_of_units(self, first_qkey: int, last_qkey: int, units: list[str]) -> Iterator[tuple]:
        """The entries of `units` dated in quarters first..last, by date then id, as
        (id, unit, rule, role, date, points, qty, matter, ref, note, reverses, cite,
        scorer): for a writer of a million rows that needs no Entry."""
        return self.conn.execute(
            "SELECT id, unit, rule, role, date, points, qty, matter, ref, note, reverses, cite, scorer"
            f" FROM entries WHERE qkey BETWEEN ? AND ? AND unit IN ({', '.join('?' * len(units))})"
            " ORDER BY date, id", (first_qkey, last_qkey, *units))

    def entry_counts_by_unit(self, first_qkey: int, last_qkey: int) -> dict[str, int]:
        """unit -> how many entries it has dated in quarters first..last."""
        return dict(self.conn.execute(
            "SELECT unit, COUNT(*) FROM entries WHERE qkey BETWEEN ? AND ? GROUP BY unit", (first_qkey, last_qkey)))

    def units_with_standing_entries(self, first_qkey: int, last_qkey: int) -> int:
        """How many units have an entry dated in quarters first..last that no entry
        of those quarters reverses (as rule_sums counts `standing`)."""
        return self.conn.execute(
            "SELECT COUNT(DISTINCT unit) FROM entries e WHERE qkey BETWEEN ? AND ? AND reverses IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM entries r INDEXED BY entries_reverses"
            "  WHERE r.reverses = e.id AND r.qkey BETWEEN ? AND ?)",
            (first_qkey, last_qkey, first_qkey, last_qkey)).fetchone()[0]

    def reversed_in(self, first_qkey: int, last_qkey: int, unit: str) -> dict[int, int]:
        """original id -> its reversal's id, for the unit's entries dated in quarters
        first..last reversed by an entry dated in them (reversals are few)."""
        return self.reversed_in_by_unit(first_qkey, last_qkey, unit).get(unit, {})

    def reversed_in_by_unit(self, first_qkey: int, last_qkey: int,
                            unit: str | None = None) -> dict[str, dict[int, int]]:
        """unit -> reversed_in(first_qkey, last_qkey, unit), for every unit (or the one
        given), in one query."""
        out: dict[str, dict[int, int]] = {}
        for code, original, reversal in self.conn.execute(
                "SELECT o.unit, r.reverses, r.id FROM entries r INDEXED BY entries_reverses"
                " JOIN entries o ON o.id = r.reverses"
                " WHERE r.reverses IS NOT NULL AND r.qkey BETWEEN :first AND :last AND o.qkey BETWEEN :first AND :last"
                + (" AND o.unit = :unit" if unit is not None else ""),
                {"first": first_qkey, "last": last_qkey, "unit": unit}):
            out.setdefault(code, {})[original] = reversal
        return out

    def reversal_of(self, entry_id: int) -> int | None:
        row = self.conn.execute("SELECT id FROM entries WHERE reverses = ?", (entry_id,)).fetchone()
        return row[0] if row else None

    def reversals(self) -> dict[int, int]:
        """original id -> the id of the entry that reverses it, for the whole ledger
        (reversals are few: the partial index entries_reverses holds only them)."""
        return dict(self.conn.execute("SELECT reverses, id FROM entries WHERE reverses IS NOT NULL"))

    def standing_entry(self, rule: str, unit: str | None = None, qkey: int | None = None,
                       matter: str | None = None) -> int | None:
        """The id of an unreversed entry of `rule` for the unit/quarter or matter given."""
        where, args = ["e.rule = ?"], [rule]
        for clause, value in (("e.unit = ?", unit), ("e.qkey = ?", qkey), ("e.matter = ?", matter)):
            if value is not None:
                where.append(clause)
                args.append(value)
        row = self.conn.execute(
            "SELECT e.id FROM entries e WHERE " + " AND ".join(where) +
            " AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)"
            " ORDER BY e.id LIMIT 1", args).fetchone()
        return row[0] if row else None

    def standing_identical(self, d: EntryDraft) -> int | None:
        """The id of an unreversed entry saying what `d` says: unit, rule, date,
        role, figure, quantity, matter, ref."""
        row = self.conn.execute(
            "SELECT e.id FROM entries e WHERE e.unit = ? AND e.qkey = ? AND e.rule = ? AND e.date = ?"
            " AND e.role = ? AND e.points = ? AND e.qty = ? AND e.matter IS ? AND e.ref IS ?"
            " AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)"
            " ORDER BY e.id LIMIT 1",
            (d.unit, Quarter.of(d.date).key, d.rule, d.date.isoformat(), d.role.value, d.points, d.qty,
             d.matter, d.ref)).fetchone()
        return row[0] if row else None

    def standing_occurrences(self, rule: str, matter: str) -> tuple[int, dt.date | None]:
        """How many occurrences of `rule` stand for a matter (reversed ones do not
        count), and the date of the latest: one look-up for both."""
        qty, last = self.conn.execute(
            "SELECT COALESCE(SUM(e.qty), 0), MAX(e.date) FROM entries e WHERE e.rule = ? AND e.matter = ?"
            " AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)",
            (rule, matter)).fetchone()
        return qty, _date(last)

    def first_standing_unit(self, matter: str, rules: list[str]) -> tuple[str, int] | None:
        """(unit, id) of the first entry of one of `rules` naming `matter` that
        still stands (neither a reversal nor reversed); None: none stands."""
        if not rules:
            return None
        marks = ", ".join("?" * len(rules))
        row = self.conn.execute(
            f"SELECT e.unit, e.id FROM entries e WHERE e.matter = ? AND e.rule IN ({marks})"
            " AND e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)"
            " ORDER BY e.id LIMIT 1", (matter, *rules)).fetchone()
        return (row[0], row[1]) if row else None

    def sums(self, first_qkey: int, last_qkey: int, from_ledger: bool = False) -> dict[str, int]:
        """Each unit's sum of entries dated in the quarters first..last (tenths).

        Read from quarter_totals (a few rows a unit, whatever the ledger's size);
        `from_ledger` adds up the entries themselves, as `jcdc check` must.
        """
        table = "entries" if from_ledger else "quarter_totals"
        return dict(self.conn.execute(
            f"SELECT unit, SUM(points) FROM {table} WHERE qkey BETWEEN ? AND ? GROUP BY unit",
            (first_qkey, last_qkey)))

    def standing_units(self, first_qkey: int, last_qkey: int) -> set[str]:
        """The units with at least one standing entry — neither a reversal nor
        reversed — dated in the quarters first..last (SPEC §3: an entry and its
        reversal are not a score). A reversal carries its original's date, so
        each pair takes two of the unit-quarter's entries; reversals are few
        (the partial index entries_reverses holds only them)."""
        return {unit for (unit,) in self.conn.execute("""
            SELECT t.unit FROM quarter_totals t WHERE t.qkey BETWEEN ?1 AND ?2 GROUP BY t.unit
            HAVING SUM(t.entries) > 2 * (SELECT COUNT(*) FROM entries r INDEXED BY entries_reverses
                                          WHERE r.reverses IS NOT NULL AND r.unit = t.unit
                                            AND r.qkey BETWEEN ?1 AND ?2)""", (first_qkey, last_qkey))}

    def quarter_total_faults(self) -> list[tuple[str, int, int | None, int | None]]:
        """(unit, qkey, cached, ledger) wherever quarter_totals is not the entries' sum."""
        return self.conn.execute("""
            WITH ledger AS (SELECT unit, qkey, SUM(points) AS points, COUNT(*) AS n FROM entries
                            GROUP BY unit, qkey)
            SELECT t.unit, t.qkey, t.points, l.points FROM quarter_totals t
              LEFT JOIN ledger l ON l.unit = t.unit AND l.qkey = t.qkey
             WHERE l.points IS NOT t.points OR l.n IS NOT t.entries
            UNION ALL
            SELECT l.unit, l.qkey, NULL, l.points FROM ledger l
             WHERE NOT EXISTS (SELECT 1 FROM quarter_totals t WHERE t.unit = l.unit AND t.qkey = l.qkey)
            ORDER BY 2, 1""").fetchall()

    def quarter_total_rows(self) -> list[tuple]:
        """quarter_totals as stored: (unit, qkey, points, entries)."""
        return self.conn.execute("SELECT unit, qkey, points, entries FROM quarter_totals").fetchall()

    # --- queries: accountability cases ---------------------------------------------

    def count_cases(self, year: int) -> int:
        """How many cases were opened in `year` (their numbers run 001, 002, …)."""
        return self.conn.execute(
            "SELECT COUNT(*) FROM cases WHERE case_no LIKE ?", (f"{year}-%",)).fetchone()[0]

    def cases(self, case_no: str | None = None) -> list[dict]:
        """Opening records as column -> value, oldest first; one case with case_no."""
        if case_no is None:
            return self._records("SELECT * FROM cases ORDER BY id")
        return self._records("SELECT * FROM cases WHERE case_no = ?", case_no)

    def case_events(self, case_id: int | None = None) -> list[dict]:
        """The steps of one case (or of all), in the order they were recorded."""
        if case_id is None:
            return self._records("SELECT * FROM case_events ORDER BY id")
        return self._records("SELECT * FROM case_events WHERE case_id = ? ORDER BY id", case_id)

    def _records(self, sql: str, *args) -> list[dict]:
        cursor = self.conn.execute(sql, args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]


    # --- queries: inspector pools and draws ------------------------------------------

    def inspector_records(self) -> list[dict]:
        """Every dated record of the pools, in the order written."""
        return self._records("SELECT * FROM inspectors ORDER BY id")

    def last_inspector(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(inspector), 0) FROM inspectors").fetchone()[0]

    def tasks(self) -> list[dict]:
        return self._records("SELECT * FROM tasks ORDER BY id")

    def draws(self, task: int | None = None) -> list[dict]:
        if task is None:
            return self._records("SELECT * FROM draws ORDER BY id")
        return self._records("SELECT * FROM draws WHERE task = ? ORDER BY id", task)

    def draw_events(self, draw: int | None = None) -> list[dict]:
        if draw is None:
            return self._records("SELECT * FROM draw_events ORDER BY id")
        return self._records("SELECT * FROM draw_events WHERE draw = ? ORDER BY id", draw)

    def reports(self, task: int | None = None) -> list[dict]:
        if task is None:
            return self._records("SELECT * FROM reports ORDER BY id")
        return self._records("SELECT * FROM reports WHERE task = ? ORDER BY id", task)

    def link_of(self, table: str, row_id: int) -> tuple[list, str, str, str] | None:
        """A chained row's hashed values, its prev_hash and hash, and the hash of
        the row before it (GENESIS for the first): what re-linking it needs."""
        fields = CHAINED[table]
        row = self.conn.execute(
            f"SELECT {', '.join(fields)}, prev_hash, hash FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            return None
        before = self.conn.execute(
            f"SELECT hash FROM {table} WHERE id < ? ORDER BY id DESC LIMIT 1", (row_id,)).fetchone()
        return list(row[:len(fields)]), row[-2], row[-1], before[0] if before else chain.GENESIS


    # --- queries: 13710 matters, rectification, deadlines ----------------------------

    def matters(self, matter: str | None = None) -> list[Matter]:
        sql = ("SELECT matter, title, lead, coop, opened, class, passive, opener, recorded_by,"
               " recorded_at FROM matters")
        rows = self.conn.execute(sql + " WHERE matter = ?", (matter,)) if matter is not None \
            else self.conn.execute(sql + " ORDER BY id")
        return [Matter(m, title, lead, tuple(json.loads(coop)), dt.date.fromisoformat(opened), cls,
                       bool(passive), opener, by, at)
                for m, title, lead, coop, opened, cls, passive, opener, by, at in rows]

    def matter_nodes(self, matter: str | None = None) -> list[MatterNode]:
        sql = "SELECT matter, number, what, due, recorded_by, recorded_at FROM matter_nodes"
        rows = self.conn.execute(sql + " WHERE matter = ? ORDER BY number", (matter,)) \
            if matter is not None else self.conn.execute(sql + " ORDER BY id")
        return [MatterNode(m, number, what, dt.date.fromisoformat(due), by, at)
                for m, number, what, due, by, at in rows]

    def matter_events(self, matter: str | None = None) -> list[MatterEvent]:
        sql = ("SELECT id, matter, kind, date, node, days_late, rating, reason, entries, recorded_by,"
               " recorded_at FROM matter_events")
        rows = self.conn.execute(sql + " WHERE matter = ? ORDER BY id", (matter,)) \
            if matter is not None else self.conn.execute(sql + " ORDER BY id")
        return [MatterEvent(id_, m, kind, dt.date.fromisoformat(date), node, late, rating, reason,
                            tuple(json.loads(entries)), by, at)
                for id_, m, kind, date, node, late, rating, reason, entries, by, at in rows]

    def fixes(self, fix: int | None = None) -> list[Fix]:
        sql = ("SELECT id, unit, what, class, demanded, inspection_end, due, person, recorded_by,"
               " recorded_at FROM fixes")
        rows = self.conn.execute(sql + " WHERE id = ?", (fix,)) if fix is not None \
            else self.conn.execute(sql + " ORDER BY id")
        return [Fix(id_, unit, what, cls, dt.date.fromisoformat(demanded), _date(end),
                    dt.date.fromisoformat(due), person, by, at)
                for id_, unit, what, cls, demanded, end, due, person, by, at in rows]

    def fix_paras(self) -> dict[int, str]:
        """Each rectification item's recorded paragraph (二.1 or 二.2), by item id."""
        return dict(self.conn.execute("SELECT fix, para FROM fix_paras"))

    def fix_events(self, fix: int | None = None) -> list[FixEvent]:
        sql = ("SELECT id, fix, kind, date, days, approved_by, plan, override_reason, text,"
               " recorded_by, recorded_at FROM fix_events")
        rows = self.conn.execute(sql + " WHERE fix = ? ORDER BY id", (fix,)) if fix is not None \
            else self.conn.execute(sql + " ORDER BY id")
        return [FixEvent(id_, f, kind, dt.date.fromisoformat(date), days, approved, plan, reason,
                         text, by, at)
                for id_, f, kind, date, days, approved, plan, reason, text, by, at in rows]



    # --- queries: import and files ----------------------------------------------------

    def add_to_quarter_totals(self, totals: dict[tuple[str, int], list[int]]) -> None:
        """(unit, qkey) -> [points, entries] just added to the ledger (see the quarter_totals migration)."""
        self.conn.executemany(
            "INSERT INTO quarter_totals (unit, qkey, points, entries) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (unit, qkey) DO UPDATE SET points = points + excluded.points,"
            " entries = entries + excluded.entries",
            [(unit, qkey, points, count) for (unit, qkey), (points, count) in totals.items()])

    # The rows of a file being imported wait in a TEMP table (a file of its own,
    # not memory): it numbers identical rows, finds those already imported and
    # sorts the rest by date, all with memory flat in the size of the file.
    _SCRATCH_COLUMNS = ("line", "date", "qkey", "unit", "rule", "role", "points", "qty", "matter", "ref",
                        "note", "key", "content")

    def import_scratch(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.import_scratch")
        self.conn.execute(
            "CREATE TEMP TABLE import_scratch (line INTEGER PRIMARY KEY, date TEXT NOT NULL, qkey INTEGER NOT NULL,"
            " unit TEXT NOT NULL, rule TEXT NOT NULL, role TEXT NOT NULL, points INTEGER,"
            " qty INTEGER NOT NULL, matter TEXT, ref TEXT, note TEXT, key TEXT, content TEXT,"
            " correcting INTEGER, figure INTEGER)")

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

    # Each row's identity (the imports and import_sources_and_seals migrations): its key's (in `content`), or its
    # content's with its occurrence among the identical rows of the file.
    _IDENTIFIED = ("SELECT *, CASE WHEN key IS NOT NULL THEN content ELSE 'row:' || content || ':'"
                   " || ROW_NUMBER() OVER (PARTITION BY content ORDER BY line) END AS identity"
                   " FROM temp.import_scratch")

    # A row says the same figure as an entry when its quantity is the entry's and
    # the figure it states (a rule with a range) times the quantity is the entry's.
    _SAME_FIGURE = "(e.qty = s.qty AND (s.points IS NULL OR e.points = s.points * s.qty))"
    _STANDING = "e.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id)"

    def scratch_changed_keys(self) -> list[tuple]:
        """The rows whose key (in their source) is already imported, and whose
        entry — the latest of that key, still standing — says something else:
        (line, key, entry id, [the fields that differ, of unit rule date role
        matter ref], entry points, entry qty)."""
        found = self.conn.execute(
            "SELECT s.line, s.key, e.id, e.unit IS NOT s.unit, e.rule IS NOT s.rule, e.date IS NOT s.date,"
            " e.role IS NOT s.role, e.matter IS NOT s.matter, e.ref IS NOT s.ref, e.points, e.qty"
            " FROM temp.import_scratch s"
            " JOIN entries e ON e.id = (SELECT MAX(i.entry) FROM import_rows i WHERE i.identity = s.content)"
            f" WHERE s.key IS NOT NULL AND {self._STANDING} AND NOT (e.unit = s.unit AND e.rule = s.rule"
            f" AND e.date = s.date AND e.role = s.role AND e.matter IS s.matter AND e.ref IS s.ref"
            f" AND {self._SAME_FIGURE}) ORDER BY s.line").fetchall()
        fields = ("unit", "rule", "date", "role", "matter", "ref")
        return [(line, key, entry, [f for f, differs in zip(fields, flags) if differs], points, qty)
                for line, key, entry, *flags, points, qty in found]

    def scratch_changed_rows(self) -> list[tuple[int, int, int, int]]:
        """(line, entry id, entry points, entry qty) for each row without a key,
        not yet imported, and each standing imported entry it may correct: the
        same unit, rule, date, role, matter and 文号, another figure or quantity,
        and not the entry of another row of this file. In line order, then id.

        The entries are looked up once per distinct (unit, quarter, rule, date,
        role, matter, 文号) of the file, through entries_unit: a file of a
        million rows names a few thousand."""
        return self.conn.execute(
            f"WITH ids AS MATERIALIZED (SELECT line, identity FROM ({self._IDENTIFIED}) WHERE key IS NULL),"
            " claimed AS MATERIALIZED (SELECT i.entry FROM ids JOIN import_rows i ON i.identity = ids.identity"
            "  UNION ALL SELECT i.entry FROM temp.import_scratch s JOIN import_rows i ON i.identity = s.content"
            "  WHERE s.key IS NOT NULL),"
            " said AS MATERIALIZED (SELECT DISTINCT unit, qkey, rule, date, role, matter, ref"
            "  FROM temp.import_scratch WHERE key IS NULL),"
            " candidates AS MATERIALIZED (SELECT e.id, e.unit, e.qkey, e.rule, e.date, e.role, e.matter, e.ref,"
            "  e.points, e.qty FROM said g JOIN entries e ON e.unit = g.unit AND e.qkey = g.qkey AND e.rule = g.rule"
            "  AND e.date = g.date AND e.role = g.role AND e.matter IS g.matter AND e.ref IS g.ref"
            f"  WHERE e.source LIKE 'import:%' AND {self._STANDING} AND e.id NOT IN claimed)"
            " SELECT s.line, e.id, e.points, e.qty FROM temp.import_scratch s JOIN ids ON ids.line = s.line"
            " JOIN candidates e ON e.unit = s.unit AND e.qkey = s.qkey AND e.rule = s.rule AND e.date = s.date"
            " AND e.role = s.role AND e.matter IS s.matter AND e.ref IS s.ref"
            " WHERE NOT EXISTS (SELECT 1 FROM import_rows i WHERE i.identity = ids.identity)"
            f" AND NOT {self._SAME_FIGURE} ORDER BY s.line, e.id").fetchall()

    def scratch_has_keys(self) -> bool:
        return self.conn.execute("SELECT 1 FROM temp.import_scratch WHERE key IS NOT NULL LIMIT 1").fetchone() is not None

    def scratch_correcting(self, pairs: Iterable[tuple[int, int]]) -> None:
        """(line, entry): the row corrects that entry, and is imported in its place."""
        self.conn.executemany("UPDATE temp.import_scratch SET correcting = ? WHERE line = ?",
                              [(entry, line) for line, entry in pairs])

    def scratch_figures(self, pairs: Iterable[tuple[int, int]]) -> None:
        """(line, points): the figure a dry run drafted for the row, as the import would record it."""
        self.conn.executemany("UPDATE temp.import_scratch SET figure = ? WHERE line = ?",
                              [(points, line) for line, points in pairs])

    def scratch_plan(self) -> sqlite3.Cursor:
        """Every row of the file in line order, for a dry run to show what the import
        would do: (line, date, unit, rule, the figure drafted for it or None, the entry
        it corrects or None, the entry it already is or None, that entry's points)."""
        return self.conn.execute(
            "SELECT s.line, s.date, s.unit, s.rule, s.figure, s.correcting, e.id, e.points"
            f" FROM ({self._IDENTIFIED}) AS s LEFT JOIN entries e"
            " ON e.id = (SELECT MAX(i.entry) FROM import_rows i WHERE i.identity = s.identity) ORDER BY s.line")

    def scratch_new_rows(self) -> sqlite3.Cursor:
        """The rows to write — those not yet in the ledger, and those correcting
        an entry — in date order (then file order), each with the entry it
        corrects (or None) and its identity as the last fields.

        Safe to read while import_rows grows: the identities written belong to
        rows of this very result, which are distinct.
        """
        rows = self.conn.execute(
            "SELECT line, date, unit, rule, role, points, qty, matter, ref, note, correcting, identity"
            f" FROM ({self._IDENTIFIED}) AS s WHERE s.correcting IS NOT NULL"
            " OR NOT EXISTS (SELECT 1 FROM import_rows i WHERE i.identity = s.identity) ORDER BY date, line")
        # The sorts are done (small caches spill them to temporary files). The
        # writes that follow insert at random places in the ledger's indexes,
        # where SQLite's default 2 MiB page cache would re-read most pages.
        self.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        return rows

    def add_import_rows(self, pairs: Iterable[tuple[str, int]]) -> None:
        self.conn.executemany("INSERT INTO import_rows (identity, entry) VALUES (?, ?)", pairs)

    def imports_of_content(self, sha256: str) -> list[tuple[int, str, str | None]]:
        """(id, file, source as recorded) of each earlier import of a file with these bytes."""
        return self.conn.execute("SELECT id, file, source FROM imports WHERE sha256 = ? ORDER BY id",
                                 (sha256,)).fetchall()

    def import_row_pairs(self) -> Iterator[tuple[object, str, int]]:
        """(the entry's source, identity, entry) of every row identity, in entry
        order: each import's rows, for its seal to be recomputed (jcdc check)."""
        yield from self.conn.execute(
            "SELECT e.source, r.identity, r.entry FROM import_rows r JOIN entries e ON e.id = r.entry"
            " ORDER BY r.entry")

    # The drafts of an import wait in a second TEMP table, checked before the
    # write lock is taken and written under it: a chunk a row, as
    # the pickle this connection wrote (never data from outside this process).

    def import_staging(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.import_staged")
        self.conn.execute("CREATE TEMP TABLE import_staged (seq INTEGER PRIMARY KEY, chunk BLOB NOT NULL)")

    def stage(self, chunk: bytes) -> None:
        self.conn.execute("INSERT INTO temp.import_staged (chunk) VALUES (?)", (chunk,))

    def staged(self) -> Iterator[bytes]:
        """The staged chunks, in the order they were staged."""
        for (chunk,) in self.conn.execute("SELECT chunk FROM temp.import_staged ORDER BY seq"):
            yield chunk

    def data_version(self) -> int:
        """Changes when another connection commits to the ledger (SQLite's PRAGMA data_version)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def next_id(self, table: str) -> int:
        """The id append() will give the next record (inside write(): the lock holds it)."""
        return self.last_link(table)[0] + 1

    def imports(self) -> list[dict]:
        cur = self.conn.execute("SELECT id, file, sha256, rows, added, skipped, recorded_by, recorded_at, source"
                                " FROM imports ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]


    # --- queries: closed quarters and chain heads ---------------------------------------------------

    def published_ranking(self, year: int | None = None) -> list[dict]:
        """The published rankings recorded (jcdc prior add), one row a unit, in
        the order recorded; only `year`'s with it."""
        if year is None:
            return self._records("SELECT * FROM published_rankings ORDER BY id")
        return self._records("SELECT * FROM published_rankings WHERE year = ? ORDER BY id", year)

    def closed_quarters(self) -> dict[int, dict]:
        """The closing in force for each closed quarter: its latest record is a close."""
        cur = self.conn.execute(
            "SELECT * FROM closings c WHERE c.action = 'close'"
            " AND c.id = (SELECT MAX(id) FROM closings WHERE qkey = c.qkey)")
        names = [d[0] for d in cur.description]
        return {row["qkey"]: row for row in (dict(zip(names, r)) for r in cur)}

    # --- queries: rule-set versions (docs/rulesets.md) -------------------------------

    def rulesets(self) -> list[dict]:
        """The versions adopted, in the order adopted (none in a ledger not yet
        migrated, opened read-only)."""
        if "rulesets" not in self.table_names():
            return []
        return self.records("rulesets")

    def ruleset_head(self) -> tuple[int, str | None]:
        """How many versions are recorded, and the newest one's link: what
        RuleBook.of needs to know whether its copy is still the ledger's."""
        if "rulesets" not in self.table_names():
            return 0, None
        return self.conn.execute(
            "SELECT COUNT(*), (SELECT hash FROM rulesets ORDER BY id DESC LIMIT 1) FROM rulesets").fetchone()

    def add_ruleset(self, row: dict) -> int:
        [ruleset_id] = self.append("rulesets", [row])
        return ruleset_id

    def first_entry_on_or_after(self, day: dt.date) -> Entry | None:
        """The earliest standing entry dated on or after `day` (a revision
        effective that day would change what scored it)."""
        row = self.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE date >= ? AND reverses IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses = e.id) ORDER BY date, id LIMIT 1",
            (day.isoformat(),)).fetchone()
        return _entry(row) if row else None

    def add_closing(self, row: dict) -> int:
        [closing_id] = self.append("closings", [row])
        return closing_id

    def table_names(self) -> set[str]:
        return {name for (name,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def records(self, table: str) -> list[dict]:
        """Every record of a chained table as stored, in id order, without interpretation."""
        cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def iter_records(self, table: str) -> Iterator[dict]:
        """records(), one at a time: a ledger of a million entries is never held whole."""
        cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row))

    def reversed_ids(self) -> set:
        """The `reverses` of every entry, as stored, read from the table itself
        (NOT INDEXED: the check must not trust an index it has not checked)."""
        return {r for (r,) in self.conn.execute(
            "SELECT reverses FROM entries NOT INDEXED WHERE reverses IS NOT NULL")}

    def chain_heads(self) -> dict[str, tuple[int, str]]:
        return {tbl: (last_id, digest) for tbl, last_id, digest in
                self.conn.execute("SELECT tbl, last_id, hash FROM chain_heads")}

    def foreign_key_faults(self) -> list[tuple[str, int, str]]:
        """(table, rowid, referenced table) of each reference that points nowhere."""
        return [(table, rowid, parent) for table, rowid, parent, _ in
                self.conn.execute("PRAGMA foreign_key_check")]

    def storage_faults(self) -> list[str]:
        """SQLite's own check of the file: pages, indexes, constraints, a line each.
        When damage stops the check of the whole file, each table is checked on
        its own, so that every damaged table is named."""
        found: list[str] = []

        def run(sql: str, prefix: str = "") -> bool:
            try:
                for (text,) in self.conn.execute(sql):
                    found.extend(prefix + line for line in text.splitlines()
                                 if line not in ("ok", "*** in database main ***"))
                return True
            except sqlite3.DatabaseError as e:
                found.append(f"{prefix}{e}")
                return False

        if not run("PRAGMA integrity_check"):
            for table in sorted(self.table_names()):
                run(f"PRAGMA integrity_check({table})", f"{table}: ")
        return list(dict.fromkeys(found))

    def unique_keys(self) -> set[tuple[str, tuple[str, ...], str]]:
        """Every uniqueness the file enforces, as UNIQUE_KEYS writes them: each
        unique index (a UNIQUE column, a key, CREATE UNIQUE INDEX) of each table."""
        found = set()
        tables = [name for (name,) in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            for _, index, unique, _, partial in self.conn.execute(f"PRAGMA index_list({_quoted(table)})"):
                if not unique:
                    continue
                columns = tuple(name for _, _, name in self.conn.execute(f"PRAGMA index_info({_quoted(index)})"))
                where = ""
                if partial:
                    row = self.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                            (index,)).fetchone()
                    found_where = re.search(r"\bWHERE\b(.*)$", (row[0] if row else "") or "", re.I | re.S)
                    where = " ".join(found_where.group(1).split()) if found_where else "?"
                found.add((table, columns, where))
        return found

    def repeated_keys(self, table: str, columns: tuple[str, ...], where: str) -> list[tuple[tuple, int]]:
        """Values of `columns` (none of them NULL) held by more than one row of
        `table` (those `where` covers): what a dropped unique key let in."""
        cols = ", ".join(map(_quoted, columns))
        covered = " AND ".join([f"({where})"] * bool(where) + [f"{_quoted(c)} IS NOT NULL" for c in columns])
        return [(tuple(row[:-1]), row[-1]) for row in self.conn.execute(
            f"SELECT {cols}, COUNT(*) FROM {_quoted(table)} WHERE {covered}"
            f" GROUP BY {cols} HAVING COUNT(*) > 1 ORDER BY {cols} LIMIT 20")]

    def backup(self, target: Path) -> None:
        """A consistent copy while others write (SQLite's online backup), 0600, as
        one self-contained file (journal mode DELETE). It is made under a
        temporary name beside `target` and takes that name only once complete
        and verified (jcdc/files.py): a killed or failed backup leaves no file
        that could pass for one. Never over an existing file."""
        from jcdc import files

        with files.replacing(target, exists=msg.BACKUP_EXISTS) as tmp:
            try:
                copy = sqlite3.connect(tmp, isolation_level=None)
                try:
                    # One snapshot of the ledger: the newest record of each chain as
                    # read now is what the copy must end with.
                    self.conn.execute("BEGIN")
                    try:
                        expected = self._last_links()
                        self.conn.backup(copy)
                    finally:
                        self.conn.execute("COMMIT")
                    copy.execute("PRAGMA journal_mode = DELETE")
                    fault = _copy_fault(copy, expected)
                finally:
                    copy.close()
            except sqlite3.Error as e:
                if getattr(e, "sqlite_errorname", "").startswith("SQLITE_FULL"):
                    raise JcdcError(msg.DISK_FULL.format(path=target)) from e
                raise JcdcError(msg.BACKUP_FAILED.format(path=target, text=e)) from e
            if fault:
                raise JcdcError(msg.BACKUP_FAILED.format(path=target, text=fault))

    def _last_links(self) -> dict[str, tuple | None]:
        return {table: _last_row(self.conn, table) for table in CHAINED}


    # --- queries: unit records, anchors, import seals ------------------------------------------

    def unit_rows(self) -> tuple[list[dict], list[tuple[str, str]]]:
        """The units and unit_aliases tables as stored, uninterpreted, in the order written."""
        return self._records("SELECT * FROM units ORDER BY rowid"), \
            self.conn.execute("SELECT alias, unit FROM unit_aliases ORDER BY rowid").fetchall()

    def trigger_tables(self) -> dict[str, tuple[str, str]]:
        """Every trigger in the file: name -> (its table, its SQL)."""
        return {name: (table, sql) for name, table, sql in
                self.conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}

    def chain_record(self, table: str, record_id: int) -> dict | None:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        return dict(zip(names, row)) if row else None

    def closing_hashes(self) -> dict[int, set[str]]:
        """Each quarter -> every ranking hash it was ever closed with."""
        found: dict[int, set[str]] = {}
        for qkey, digest in self.conn.execute("SELECT qkey, ranking_hash FROM closings WHERE action = 'close'"):
            found.setdefault(qkey, set()).add(digest)
        return found

    def import_faults(self) -> list[tuple[str, int, object, object]]:
        """Where the import records no longer match the entries they wrote:
        ('count', import, added, found) — an import's recorded count is not the
        entries marked with its source; ('unmarked', entry, None, None) — an
        imported entry without its row identity (a new import of the same file
        would add it again); ('stray', entry, identity, None) — an identity
        pointing at an entry no import wrote."""
        return self.conn.execute("""
            WITH n AS (SELECT source, COUNT(*) AS found FROM entries WHERE source LIKE 'import:%' GROUP BY source)
            SELECT 'count', i.id, i.added, COALESCE(n.found, 0) FROM imports i
              LEFT JOIN n ON n.source = 'import:' || i.id WHERE i.added IS NOT COALESCE(n.found, 0)
            UNION ALL
            SELECT 'unmarked', e.id, NULL, NULL FROM entries e WHERE e.source LIKE 'import:%'
               AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.entry = e.id)
            UNION ALL
            SELECT 'stray', r.entry, r.identity, NULL FROM import_rows r JOIN entries e ON e.id = r.entry
             WHERE e.source IS NULL OR e.source NOT LIKE 'import:%'
            ORDER BY 1, 2""").fetchall()

    def anchors(self) -> list[dict]:
        return self._records("SELECT * FROM anchors ORDER BY id")

    def add_anchor(self, row: dict) -> int:
        [anchor_id] = self.append("anchors", [row])
        return anchor_id


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _last_row(conn: sqlite3.Connection, table: str) -> tuple | None:
    row = conn.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
    return tuple(row) if row else None


def _copy_fault(copy: sqlite3.Connection, expected: dict[str, tuple | None]) -> str | None:
    """What is wrong with a fresh copy of the ledger, None when it is whole: SQLite's
    quick check, and each chain ending with the record the ledger ended with."""
    found = [text for (text,) in copy.execute("PRAGMA quick_check") if text != "ok"]
    if found:
        return "; ".join(found[:3])
    for table, last in expected.items():
        if _last_row(copy, table) != last:
            return msg.BACKUP_INCOMPLETE.format(table=table)
    return None


_ENTRY_COLUMNS = ("id, unit, rule, role, date, points, qty, matter, ref, note, scorer, cite, "
                  "recorded_by, recorded_at, reverses, reason, source, ruleset")


def _entry(row) -> Entry:
    (id_, unit, rule, role, date, points, qty, matter, ref, note, scorer, cite,
     by, at, reverses, reason, source, ruleset) = row
    return Entry(id_, unit, rule, Role(role), dt.date.fromisoformat(date), points, qty, matter, ref,
                 note, scorer, cite, by, at, reverses, reason, source, ruleset)


def _qkey(day: dt.date) -> int:
    from jcdc.model import Quarter

    return Quarter.of(day).key


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
