"""The ledger held to its limits: `python bench/run.py [N]` (default 1,000,000 rows).

Generates N rows of points entries (a fixed seed, the real roster, one year),
then measures side by side in one run, each target of issue 14 as a ratio of
two figures taken in this same run (the machine is shared: absolute times
move from run to run, ratios much less):

- `jcdc points import` against the same rows inserted as ledger rows into the
  ledger's own table (the schema's floor), and against a bare sqlite3
  executemany of the CSV rows into a plain table;
- `jcdc check` of the imported ledger, against that same bare executemany;
- `jcdc report --year Y --output F.xlsx`, entries written per second;
- the re-import of the same file (every row skipped);
- `jcdc rank --year` wall time at 1k, 100k and N entries;
- `jcdc rules list` start-up against `python -c pass` and a trivial typer app;
- the peak memory (max RSS) of import, check and report at two sizes;
- a `points add` started a quarter into an import of N rows: how long it
  waits, against how long the import holds the write lock (sampled from
  outside every 50 ms). Met when the add waits no longer than the lock is
  held (plus the add's own time alone) and the import reads and checks the
  file without the lock (it holds it for less than 90 % of its run).

and issue 21's, the documents at any size (documents() below): the peak memory
of notice, statement --unit and report --output .html at 100k and N; the CPU
of every unit's statements against one unit's, and of one unit's at N against
at 100k; report --output .xlsx rows per CPU-second against XlsxWriter's
constant_memory mode on the same rows, with openpyxl and rustpy-xlsxwriter
beside it (bench/xlsx_writers.py, the `bench` extra).

It prints a table and writes it to docs/benchmarks.md with the machine it ran on.
Every figure is the wall time of a whole command, as a clerk or a script sees it.

`python bench/run.py --statements [N]` (default 100,000) measures only the
statements: one unit's and every unit's at N entries, with the alternative
beside them (document.xml at zlib's default level 6), in about a minute, and
rewrites only those rows of docs/benchmarks.md, each marked with the run it is
from.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
JCDC = str(BIN / "jcdc") if (BIN / "jcdc").exists() else "jcdc"
YEAR = 2019
SEED = 20171120

# Targets of issue 14, on a 2-core machine, each a ratio of figures of one run.
TARGET_IMPORT_FLOOR = 2.0      # import / bare executemany into the ledger's table
TARGET_IMPORT_BARE = 8.0       # import / bare sqlite3 executemany of the CSV rows
TARGET_CHECK_BARE = 4.0        # check / bare sqlite3 executemany of the CSV rows
TARGET_REPORT_RATE = 50_000    # entries written per second by report --output .xlsx
TARGET_PEAK_MIB = 150          # import, check and report, flat from 100k to N
TARGET_START_RATIO = 0.5       # (jcdc rules list - typer app) / (typer app - python -c pass)
TARGET_RANK_S = 0.3
FLAT = 1.25                    # "flat": the peak at N at most this times the peak at 100k
# Targets of issue 21 (the documents at any size), each a ratio of figures of one run.
TARGET_DOC_PEAK_MIB = 150      # notice, statement --unit, report --output .html: flat from 100k to N
TARGET_ALL_STATEMENTS = 3.0    # CPU of the statements of all units / of one unit's, at 100k
TARGET_UNIT_STATEMENT = 2.0    # CPU of one unit's statement at N / at 100k
TARGET_XLSX_WRITER = 3.0       # report --output .xlsx rows per CPU-second / XlsxWriter constant_memory's
STATEMENT_UNIT = "zezhou"
XLSX_WRITERS = ("xlsxwriter", "openpyxl", "rustpy")  # bench/xlsx_writers.py, beside jcdc's own


# The floor of any typer command on this machine, for the start-up figure.
TRIVIAL_TYPER_APP = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def hello(): pass
@app.command()
def other(): pass
app()
"""


def generate(path: Path, n: int) -> None:
    """n rows in file order (not date order), of the rules a quarter's files carry."""
    sys.path.insert(0, str(ROOT))
    from jcdc.rules.jifen import CATALOGUE
    from jcdc.units import roster_text

    codes = [row["code"] for row in csv.DictReader(roster_text().splitlines())]
    rng = random.Random(SEED)
    start = dt.date(YEAR, 1, 1)
    fixed = ["13710-item", "13710-late", "problem", "eval-good", "eval-poor", "13710-good",
             "13710-excellent", "13710-unqualified", "obstruct", "late-material"]
    once = {code for code in fixed if CATALOGUE[code].once_per_matter}
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["日期", "单位", "规则", "角色", "分值", "数量", "事项编号", "文号", "备注"])
        for i in range(n):
            day = (start + dt.timedelta(days=rng.randrange(365))).isoformat()
            unit = rng.choice(codes)
            r = rng.random()
            if r < 0.05:  # a matter returned a few times: escalates in date order
                matter = i % (n // 20 + 1)  # one unit's, as a 13710 matter is (积分办法 第十二条(三))
                w.writerow([day, codes[matter % len(codes)], "13710-returned", "", "", "", f"M{matter}", "", ""])
            elif r < 0.08:
                w.writerow([day, unit, "commend", "牵头", rng.choice(["10", "12.5", "20"]), "", "", "", ""])
            else:
                rule = rng.choice(fixed)
                role = "配合" if rule in ("problem", "eval-good", "eval-poor") and rng.random() < 0.3 else ""
                qty = rng.choice(["", "", "2"])
                if rule in once:  # 积分办法 第十一条(三) 每项: once per matter, a quantity of 1
                    qty = ""
                w.writerow([day, unit, rule, role, "", qty, f"{YEAR}-{i}",
                            f"晋督字〔{YEAR}〕{i % 500}号", ""])


def bare_sqlite(path: Path, db: Path) -> float:
    """The floor: the same rows, csv-parsed, into a plain table with executemany."""
    t = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE rows (date, unit, rule, role, points, qty, matter, ref, note)")
    conn.execute("BEGIN")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        conn.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", reader)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t


def bare_ledger_rows(path: Path, env: dict) -> float:
    """The floor the ledger's own schema sets: the same rows as jcdc would store
    them (unit codes, figures, citations, a 64-hex hash), inserted with one
    executemany into a fresh ledger's entries table and its indexes — no
    parsing, no rules, no hash chain."""
    t = time.perf_counter()
    conn = sqlite3.connect(env["JCDC_DB"], isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("BEGIN")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        conn.executemany(
            "INSERT INTO entries (id, unit, rule, role, date, qkey, points, qty, matter, ref, note, scorer,"
            " cite, source, recorded_by, recorded_at, prev_hash, hash)"
            " VALUES (?, ?, ?, 'lead', ?, ?, -5, 1, ?, ?, ?, '督查室', '积分办法 第十二条(三)', 'bench', 'bench',"
            " '2019-01-01T00:00:00+08:00', ?, ?)",
            ((i, unit, rule, day, int(day[:4]) * 10 + (int(day[5:7]) + 2) // 3, matter or None, ref or None,
              note or None, "0" * 64, f"{i:064x}")
             for i, (day, unit, rule, _, _, _, matter, ref, note) in enumerate(reader, start=1)))
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t


def run(args: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one command."""
    wall, peak, _ = measure(args, env)
    return wall, peak


def measure(args: list[str], env: dict) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MiB, CPU seconds: user + system) of one command.
    CPU time moves much less than wall time on a shared machine."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def median(args: list[str], env: dict, times: int) -> float:
    return statistics.median(run(args, env)[0] for _ in range(times))


def start_up(args: list[str], env: dict, times: int = 20) -> tuple[float, str]:
    """(fastest, "median (fastest)" in ms): the fastest run shows the cost with the machine idle."""
    run(args, env)  # warm: bytecode written, files in the page cache
    walls = [run(args, env)[0] for _ in range(times)]
    mid = statistics.median(walls)
    return min(walls), f"{mid * 1000:.0f} ms (fastest {min(walls) * 1000:.0f})"


def reported_entries(db: str) -> int:
    """The entries `jcdc report --year` lists: those of the units 第十八条 reports on."""
    sys.path.insert(0, str(ROOT))
    from jcdc.rules.jifen import REPORTED_CATEGORIES

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        categories = sorted(c.value for c in REPORTED_CATEGORIES)
        return conn.execute(
            f"SELECT COUNT(*) FROM entries e JOIN units u ON u.code = e.unit"
            f" WHERE e.qkey BETWEEN ? AND ? AND u.category IN ({', '.join('?' * len(categories))})",
            (YEAR * 10 + 1, YEAR * 10 + 4, *categories)).fetchone()[0]
    finally:
        conn.close()


def lock_held(db: str, stop: threading.Event, every: float = 0.05) -> float:
    """Seconds during which another connection held the ledger's write lock,
    sampled every `every` seconds until `stop` is set."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=0)
    held = 0.0
    try:
        while not stop.wait(every):
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            except sqlite3.OperationalError:  # database is locked: a writer holds it
                held += every
    finally:
        conn.close()
    return held


def concurrent_add(path: Path, env: dict, after: float) -> tuple[float, float, float]:
    """(the add's wall, the import's wall, how long the import held the write
    lock) for a `points add` started `after` seconds into an import of `path`."""
    add = [JCDC, "points", "add", "--unit", "zezhou", "--rule", "problem", "--date", f"{YEAR}-06-30",
           "--note", "bench: written during an import"]
    stop = threading.Event()
    held: list[float] = []
    poller = threading.Thread(target=lambda: held.append(lock_held(env["JCDC_DB"], stop)))
    t = time.perf_counter()
    importing = subprocess.Popen([JCDC, "points", "import", str(path)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    poller.start()
    time.sleep(after)
    add_wall, _ = run(add, env)
    _, status, _ = os.wait4(importing.pid, 0)
    import_wall = time.perf_counter() - t
    stop.set()
    poller.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: import of {path}\n{importing.stderr.read().decode()}")
    return add_wall, import_wall, held[0]


def ledger(tmp: Path, name: str, env: dict) -> dict:
    env = {**env, "JCDC_DB": str(tmp / f"{name}.db")}
    run([JCDC, "init"], env)
    return env


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}")


def main() -> None:
    if sys.argv[1:2] == ["--statements"]:
        return statements_only(int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    small = min(100_000, n)
    # Bytecode is written and reused, as on a clerk's machine: a session that sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile jcdc afresh at every start.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "JCDC_USER": "bench"}
    results: list[tuple[str, str, str, str]] = []  # (what, figure, target, verdict)

    def row(what: str, figure: str, target: str, ok: bool | None) -> None:
        results.append((what, figure, target, "" if ok is None else ("met" if ok else "MISSED")))
        print(f"{what:<56} {figure:>24}   {target}   {results[-1][3]}", flush=True)

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        files = {}
        for size in sorted({1_000, small, n}):
            files[size] = tmp / f"rows-{size}.csv"
            generate(files[size], size)

        bare = bare_sqlite(files[n], tmp / "bare.db")
        row(f"bare sqlite3 executemany, {n:,} rows", f"{bare:.2f} s ({n / bare:,.0f} rows/s)", "", None)

        floor = bare_ledger_rows(files[n], ledger(tmp, "floor", env))
        row(f"bare executemany into the ledger's table, {n:,} rows", f"{floor:.2f} s ({n / floor:,.0f} rows/s)",
            "", None)

        envs = {size: ledger(tmp, f"ledger-{size}", env) for size in files}
        peaks: dict[str, dict[int, float]] = {"import": {}, "check": {}, "report": {}}
        import_wall = 0.0
        for size in sorted(files):
            wall, peaks["import"][size] = run([JCDC, "points", "import", str(files[size])], envs[size])
            if size == n:
                import_wall = wall
                row(f"jcdc points import, {n:,} rows", f"{wall:.2f} s ({n / wall:,.0f} rows/s)", "", None)
                row("  import / bare executemany into the ledger's table", f"{wall / floor:.1f}x",
                    f"<= {TARGET_IMPORT_FLOOR:.0f}x", wall / floor <= TARGET_IMPORT_FLOOR)
                row("  import / bare sqlite3", f"{wall / bare:.1f}x", f"<= {TARGET_IMPORT_BARE:.0f}x",
                    wall / bare <= TARGET_IMPORT_BARE)
                again, _ = run([JCDC, "points", "import", str(files[n])], envs[n])
                row(f"re-import of the same file (all {n:,} skipped)", f"{again:.2f} s", "<= the import",
                    again <= wall)
        for size in sorted({small, n}):
            wall, peaks["check"][size] = run([JCDC, "check"], envs[size])
            if size == n:
                row(f"jcdc check, {n:,} entries", f"{wall:.2f} s ({n / wall:,.0f} entries/s)", "", None)
                row("  check / bare sqlite3", f"{wall / bare:.1f}x", f"<= {TARGET_CHECK_BARE:.0f}x",
                    wall / bare <= TARGET_CHECK_BARE)
        for size in sorted({small, n}):
            out = tmp / f"report-{size}.xlsx"
            wall, peaks["report"][size] = run([JCDC, "report", "--year", str(YEAR), "--output", str(out)],
                                              envs[size])
            if size == n:
                written = reported_entries(envs[n]["JCDC_DB"])
                row(f"jcdc report --output .xlsx, {n:,} entries ({written:,} reported)",
                    f"{wall:.2f} s ({written / wall:,.0f} rows/s)", f">= {TARGET_REPORT_RATE:,} rows/s",
                    written / wall >= TARGET_REPORT_RATE)
        documents(tmp, envs, small, n, row)
        for size in sorted(files):
            wall = median([JCDC, "rank", "--year", str(YEAR)], envs[size], 5)
            row(f"jcdc rank --year, {size:,} entries", f"{wall * 1000:.0f} ms", f"<= {TARGET_RANK_S * 1000:.0f} ms",
                wall <= TARGET_RANK_S)
        for what, by_size in peaks.items():
            for size in sorted({small, n}):
                flat = by_size[size] <= FLAT * by_size[small]
                row(f"peak memory of {what}, {size:,} rows", f"{by_size[size]:.0f} MiB",
                    f"<= {TARGET_PEAK_MIB} MiB, flat", by_size[size] <= TARGET_PEAK_MIB and flat)

        trivial = tmp / "trivial.py"
        trivial.write_text(TRIVIAL_TYPER_APP, encoding="utf-8")
        bare_start, shown = start_up([sys.executable, "-c", "pass"], env)
        row("python -c pass", shown, "", None)
        typer_start, shown = start_up([sys.executable, str(trivial), "hello"], env)
        row("a trivial typer app (two commands), one command", shown, "", None)
        jcdc_start, shown = start_up([JCDC, "rules", "list"], env)
        row("jcdc rules list", shown, "", None)
        ratio = (jcdc_start - typer_start) / (typer_start - bare_start)
        row("  (rules list - typer app) / (typer app - python), fastest", f"{ratio:.2f}x",
            f"<= {TARGET_START_RATIO}x", ratio <= TARGET_START_RATIO)

        alone, _ = run([JCDC, "points", "add", "--unit", "zezhou", "--rule", "problem", "--date", f"{YEAR}-06-29"],
                       ledger(tmp, "alone", env))
        add_wall, during_wall, held = concurrent_add(files[n], ledger(tmp, "concurrent", env), import_wall / 4)
        row("points add alone", f"{alone:.2f} s", "", None)
        row(f"points add, started a quarter into an import of {n:,} rows",
            f"{add_wall:.2f} s (import {during_wall:.1f} s, lock held {held:.1f} s)",
            "<= the write phase", add_wall <= held + alone and held < 0.9 * during_wall)

    write_doc(n, results)


def documents(tmp: Path, envs: dict, small: int, n: int, row) -> None:
    """Issue 21's targets: the documents' peak memory at 100k and N entries, the
    statements of all units against one unit's, one unit's at N against at 100k,
    and the report workbook's rows per CPU-second against other writers' of the
    same rows (bench/xlsx_writers.py)."""
    year = str(YEAR)
    commands = {
        "notice": lambda size: [JCDC, "notice", "--year", year, "--draft", "--output", str(tmp / f"notice-{size}.docx")],
        "statement --unit": lambda size: [JCDC, "statement", "--year", year, "--unit", STATEMENT_UNIT,
                                          "--output", str(tmp / f"statement-{size}")],
        "report --output .html": lambda size: [JCDC, "report", "--year", year,
                                               "--output", str(tmp / f"report-{size}.html")],
    }
    peaks: dict[str, dict[int, float]] = {what: {} for what in commands}
    cpu: dict[int, float] = {}
    for size in sorted({small, n}):
        for what, args in commands.items():
            wall, peaks[what][size], spent = measure(args(size), envs[size])
            if what == "statement --unit":
                cpu[size] = spent
            row(f"jcdc {what}, {size:,} entries", f"{wall:.2f} s ({spent:.2f} s CPU)", "", None)
    for what, by_size in peaks.items():
        for size in sorted({small, n}):
            flat = by_size[size] <= FLAT * by_size[small]
            row(f"peak memory of {what}, {size:,} entries", f"{by_size[size]:.0f} MiB",
                f"<= {TARGET_DOC_PEAK_MIB} MiB, flat", by_size[size] <= TARGET_DOC_PEAK_MIB and flat)
    every_unit(tmp, envs[small], small, row)
    row(f"  one unit's statement at {n:,} / at {small:,}, CPU", f"{cpu[n] / cpu[small]:.1f}x",
        f"<= {TARGET_UNIT_STATEMENT:.0f}x", cpu[n] / cpu[small] <= TARGET_UNIT_STATEMENT)

    db = envs[n]["JCDC_DB"]
    written = reported_entries(db)
    wall, peak, spent = measure([JCDC, "report", "--year", year, "--output", str(tmp / "report-cpu.xlsx")], envs[n])
    ours = written / spent
    row(f"jcdc report --output .xlsx, {written:,} entry rows", f"{wall:.2f} s, {spent:.2f} s CPU, {peak:.0f} MiB",
        "", None)
    rates = {}
    for writer in XLSX_WRITERS:
        try:
            wall, peak, spent = measure([sys.executable, str(ROOT / "bench" / "xlsx_writers.py"), writer, db, year,
                                         str(tmp / f"{writer}.xlsx")], envs[n])
        except SystemExit as e:  # a writer not installed: said, and the others measured
            row(f"  {writer}: not measured", str(e).splitlines()[-1][:60], "", None)
            continue
        rates[writer] = written / spent
        row(f"  the same rows, {writer} alone", f"{spent:.2f} s CPU ({rates[writer]:,.0f} rows/CPU-s, {peak:.0f} MiB)",
            "", None)
    reference = rates.get("xlsxwriter")
    if reference:
        row("  jcdc report .xlsx rows per CPU-second / XlsxWriter constant_memory's",
            f"{ours:,.0f} / {reference:,.0f} = {ours / reference:.1f}x", f">= {TARGET_XLSX_WRITER:.0f}x",
            ours / reference >= TARGET_XLSX_WRITER)


STATEMENT_RUNS = 5  # each statement figure: the median CPU of this many runs
# The alternatives beside jcdc's statements, each the same command with one thing
# changed: document.xml deflated at zlib's default level (6), as zipfile and
# python-docx write it; deflated by ISA-L's igzip (`pip install isal`), level 1;
# the ledger with an index that covers the rule sums (a schema jcdc does not have).
JCDC_WITH = "import sys; from jcdc import gongwen; {}; from jcdc.cli import main; sys.argv[0] = 'jcdc'; main()"
ZLIB_DEFAULT = JCDC_WITH.format("gongwen.DOCUMENT_LEVEL = 6")
ISAL = JCDC_WITH.format("from isal import isal_zlib; gongwen.zlib = isal_zlib")
SUMS_INDEX = "CREATE INDEX entries_unit_sums ON entries (unit, qkey, rule, reverses, points)"


def statement_cpu(args: list[str], env: dict, out: Path) -> tuple[float, float, int]:
    """(median wall, median CPU, bytes written) of STATEMENT_RUNS runs of a statement command into `out`."""
    import shutil

    walls, cpus = [], []
    for _ in range(STATEMENT_RUNS):
        shutil.rmtree(out, ignore_errors=True)
        wall, _, spent = measure(args, env)
        walls.append(wall)
        cpus.append(spent)
    size = sum(f.stat().st_size for f in out.iterdir())
    return statistics.median(walls), statistics.median(cpus), size


def every_unit(tmp: Path, env: dict, size: int, row) -> None:
    """One unit's statement and every unit's (43) at `size` entries, CPU, each the
    median of STATEMENT_RUNS runs, and beside them every unit's with document.xml
    at zlib's default level."""
    year = str(YEAR)
    cmd = ["statement", "--year", year, "--output"]
    wall, one, _ = statement_cpu([JCDC, *cmd, str(tmp / "statement-one"), "--unit", STATEMENT_UNIT], env,
                                 tmp / "statement-one")
    row(f"jcdc statement --unit, {size:,} entries, median of {STATEMENT_RUNS}", f"{wall:.2f} s ({one:.2f} s CPU)",
        "", None)
    wall, every, written = statement_cpu([JCDC, *cmd, str(tmp / "statements")], env, tmp / "statements")
    row(f"jcdc statement, every unit, {size:,} entries",
        f"{wall:.2f} s ({every:.2f} s CPU, {written / 2**20:.1f} MiB; median of {STATEMENT_RUNS})", "", None)
    row("  every unit's statements / one unit's, CPU", f"{every / one:.1f}x",
        f"<= {TARGET_ALL_STATEMENTS:.0f}x", every / one <= TARGET_ALL_STATEMENTS)
    indexed = {**env, "JCDC_DB": str(tmp / "sums-index.db")}
    with sqlite3.connect(env["JCDC_DB"]) as source, sqlite3.connect(indexed["JCDC_DB"]) as copy:
        source.backup(copy)
        copy.execute(SUMS_INDEX)
    alternatives = [("document.xml at zlib level 6 (zipfile's default)", [sys.executable, "-c", ZLIB_DEFAULT], env),
                    ("document.xml deflated by isal (ISA-L), level 1", [sys.executable, "-c", ISAL], env),
                    ("the ledger with an index covering the rule sums", [JCDC], indexed),
                    ("both: isal, and the index", [sys.executable, "-c", ISAL], indexed)]
    for n, (what, jcdc, alt_env) in enumerate(alternatives):
        try:
            _, alt_one, _ = statement_cpu([*jcdc, *cmd, str(tmp / f"alt-one-{n}"), "--unit", STATEMENT_UNIT], alt_env,
                                          tmp / f"alt-one-{n}")
            _, alt_every, written = statement_cpu([*jcdc, *cmd, str(tmp / f"alt-{n}")], alt_env, tmp / f"alt-{n}")
        except SystemExit as e:  # isal not installed: said, and the others measured
            row(f"  beside it: {what}: not measured", str(e).splitlines()[-1][:60], "", None)
            continue
        row(f"  beside it: {what}", f"one {alt_one:.2f} s, every {alt_every:.2f} s CPU ({written / 2**20:.1f} MiB): "
            f"{alt_every / alt_one:.1f}x", "", None)


def statements_only(n: int) -> None:
    """`--statements N`: every_unit's rows alone on a ledger of N generated rows,
    written into docs/benchmarks.md in place of those rows, marked with this run."""
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "JCDC_USER": "bench"}
    results: list[tuple[str, str, str, str]] = []

    def row(what: str, figure: str, target: str, ok: bool | None) -> None:
        results.append((what, figure, target, "" if ok is None else ("met" if ok else "MISSED")))
        print(f"{what:<72} {figure:>40}   {target}   {results[-1][3]}", flush=True)

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = tmp / f"rows-{n}.csv"
        generate(rows, n)
        env = ledger(tmp, "statements", env)
        run([JCDC, "points", "import", str(rows)], env)
        every_unit(tmp, env, n, row)
    rewrite_rows(f"python bench/run.py --statements {n}", results)


PARTIAL = "†"  # the mark of a row rewritten by a partial run (--statements)


def rewrite_rows(command: str, results: list[tuple[str, str, str, str]]) -> None:
    """Puts `results` in docs/benchmarks.md's table in place of the rows of the same
    measure (or after the last of them), each marked † and the run they are from
    said under the table; the other rows stay those of the run named above it."""
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text(encoding="utf-8")
    marker_start, marker_end = "<!-- bench:start -->", "<!-- bench:end -->"
    before, rest = text.split(marker_start, 1)
    block, after = rest.split(marker_end, 1)
    lines = [line for line in block.strip("\n").split("\n") if not line.startswith(f"{PARTIAL} Rows")]
    while lines and not lines[-1].strip():
        lines.pop()

    def measure_of(line: str) -> str:
        return line.split("|")[1].strip().removesuffix(PARTIAL).strip() if line.startswith("| ") else ""

    at = max((i for i, line in enumerate(lines) if line.startswith("|")), default=len(lines) - 1)
    pending: list[str] = []  # new measures: put before the next one the table has, or after the last
    for what, figure, target, verdict in results:
        new = f"| {what.strip()} {PARTIAL} | {figure} | {target} | {verdict} |"
        found = [i for i, line in enumerate(lines) if measure_of(line) == what.strip()]
        if not found:
            pending.append(new)
            continue
        at = found[0]
        lines[at] = new
        lines[at:at] = pending
        at += len(pending)
        pending = []
    lines[at + 1:at + 1] = pending
    lines += ["", f"{PARTIAL} Rows marked {PARTIAL}: from `{command}` on {dt.date.today().isoformat()}, on: {machine()}."]
    doc.write_text(before + marker_start + "\n" + "\n".join(lines[1:] if not lines[0].strip() else lines) + "\n"
                   + marker_end + after, encoding="utf-8")
    print(f"\nrows rewritten in {doc}")


def write_doc(n: int, results: list[tuple[str, str, str, str]]) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    marker_start, marker_end = "<!-- bench:start -->", "<!-- bench:end -->"
    table = [marker_start,
             f"Run of `python bench/run.py {n}` on {dt.date.today().isoformat()}, on: {machine()}.",
             "", "| measure | figure | target | |", "|---|---:|---|---|"]
    table += [f"| {what.strip()} | {figure} | {target} | {verdict} |" for what, figure, target, verdict in results]
    table.append(marker_end)
    block = "\n".join(table)
    if marker_start in text:
        before, rest = text.split(marker_start, 1)
        text = before + block + rest.split(marker_end, 1)[1]
    else:
        text = "# Benchmarks\n\n" + block + "\n"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(text, encoding="utf-8")
    print(f"\nwritten to {doc}")


if __name__ == "__main__":
    main()
