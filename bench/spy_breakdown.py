"""Where the time of every unit's statements goes beyond one unit's, by who spends it.

    py-spy record --native -r 250 -f raw -o one.txt -- python -m jcdc statement --year 2019 --unit zezhou --output one
    py-spy record --native -r 250 -f raw -o all.txt -- python -m jcdc statement --year 2019 --output all
    python bench/spy_breakdown.py one.txt all.txt 250

Each sample goes to the first library found from its innermost frame out (zlib,
SQLite, lxml, the OS's file calls), else to the innermost Python frame's
package: jcdc's rows (the entries' XML), the rest of jcdc, python-docx, the
standard library. Prints a Markdown table (docs/benchmarks.md). py-spy's native
unwinding slows the process: read the shares, not the seconds.
"""

from __future__ import annotations

import collections
import re
import sys

ROWS = ("_entry_rows", "_write_rows", "_text_run", "_entry_note", "_run_of", "_cell_runs")


def kind_of(frames: list[str]) -> str:
    if any("importlib._bootstrap" in f for f in frames):
        return "start-up: importing modules"
    for frame in reversed(frames):
        m = re.search(r"\(([^()]*)\)$", frame)
        where = m.group(1) if m else frame
        native = ".py" not in where and "<frozen" not in where
        if native and ("libz" in where or "isal" in where):
            return "zlib: deflate, crc32"
        if native and "sqlite" in where:
            return "sqlite3: SQLite and its rows"
        if native and ("etree" in where or "libxml2" in where):
            return "lxml: libxml2 (python-docx's XML)"
        if native and "libc.so" in where and any(x in frame for x in ("fsync", "write", "open", "rename")):
            return "the OS: writing the files"
        if not native:
            if "docx/" in where:
                return "python-docx (its Python)"
            if where.startswith("jcdc/") or "/jcdc/" in where:
                name = frame.split(" (")[0]
                return ("jcdc: the entries' rows (" + ", ".join(ROWS[:5]) + ")"
                        if any(name.startswith(r) for r in ROWS) else "jcdc: the rest of its code")
            if "typer" in where or "click" in where:
                return "typer/click"
            return "Python's standard library"
    return "the interpreter"


def tally(path: str) -> collections.Counter:
    by: collections.Counter = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            stack, n = line.rsplit(" ", 1)
            by[kind_of(stack.split(";"))] += int(n)
    return by


def main() -> None:
    one, every, rate = tally(sys.argv[1]), tally(sys.argv[2]), float(sys.argv[3])
    extra = sum(every.values()) - sum(one.values())
    print("| where the time is | one unit's | every unit's | every − one |")
    print("|---|---:|---:|---:|")
    for k in sorted(set(one) | set(every), key=lambda k: -(every[k] - one[k])):
        d = every[k] - one[k]
        print(f"| {k} | {one[k] / rate:.2f} s | {every[k] / rate:.2f} s | {d / rate:.2f} s ({100 * d / extra:.0f} %) |")
    print(f"| all | {sum(one.values()) / rate:.2f} s | {sum(every.values()) / rate:.2f} s | {extra / rate:.2f} s |")


if __name__ == "__main__":
    main()
