"""A clerk in another OS process, for the concurrency and crash tests.

    python ledger_writer.py DB clerk N START   wait for the file START, then add N entries
                                               one `points add` (one transaction) at a time
    python ledger_writer.py DB batch N         write N entries in ONE transaction through
                                               points.post(), as an import does; print "half"
                                               when half are written, then wait for a line on
                                               stdin before writing the rest
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

from jcdc.points import PointsRequest, add, draft, post
from jcdc.store import open_store
from jcdc.units import UnitIndex


def clerk(db: str, n: int, start: str) -> None:
    store = open_store(db)
    while not os.path.exists(start):
        time.sleep(0.002)
    for i in range(n):
        add(store, PointsRequest("zezhou", "late-material", dt.date(2019, 5, 1 + i % 28),
                                 note=f"进程 {os.getpid()} 第 {i} 条", source="test:clerk"),
            again=True)  # the same day's entry many times over, on purpose (issue 12: not a repeat)


def batch(db: str, n: int) -> None:
    store = open_store(db)
    entry = draft(store, UnitIndex.of(store), PointsRequest("gaoping", "problem", dt.date(2019, 8, 1),
                                                            note="批量" * 40, source="test:batch"))
    with store.write():
        post(store, [entry] * (n // 2))
        print("half", flush=True)
        sys.stdin.readline()
        post(store, [entry] * (n - n // 2))
    print("done", flush=True)


if __name__ == "__main__":
    db, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "clerk":
        clerk(db, n, sys.argv[4])
    else:
        batch(db, n)
