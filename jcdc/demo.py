"""`jcdc demo`: a separate, deterministic ledger of two years that exercises every rule.

It is built in its own file (never the clerk's database) from the real roster,
with a fixed seed, so the same command prints the same ranking everywhere.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import JcdcError, Quarter, Role
from jcdc.points import Pending, PointsRequest, draft, post, revoke
from jcdc.store import Store, close_ledgers_at, open_store, recorders_of
from jcdc.units import UnitIndex, load_roster

DEMO_YEAR = 2019
DEMO_USER = "演示"
SEED = 20171120  # the date of 晋市政办〔2017〕101号


def demo_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("jcdc", appauthor=False)) / "jcdc-demo.db"


def _requests(units: UnitIndex, rng: random.Random) -> list[PointsRequest]:
    codes = list(units.by_code)
    reqs: list[PointsRequest] = []

    def day(q: Quarter) -> dt.date:
        return q.start + dt.timedelta(days=rng.randrange((q.end - q.start).days + 1))

    def add(unit: str, rule: str, q: Quarter, **kw) -> None:
        reqs.append(PointsRequest(unit=unit, rule=rule, date=kw.pop("date", None) or day(q),
                                  ref=kw.pop("ref", f"晋督字〔{q.year}〕{len(reqs) + 1}号"), **kw))

    for year in (DEMO_YEAR - 1, DEMO_YEAR):
        for qn in range(1, 5):
            q = Quarter(year, qn)
            for code in codes:
                for n in range(rng.randrange(1, 4)):
                    add(code, "13710-item", q, matter=f"{year}-{code}-{qn}{n}", source="demo")
                if rng.random() < 0.5:
                    add(code, "13710-no-reminder", q, source="demo")
                if rng.random() < 0.3:
                    add(code, "13710-late", q, qty=rng.randrange(1, 3), source="demo")
                if rng.random() < 0.2:
                    add(code, "13710-good" if rng.random() < 0.7 else "13710-excellent", q, source="demo")
            for code in rng.sample(codes, 4):
                add(code, "problem", q, role=rng.choice([Role.LEAD, Role.COOP]), source="demo")
            for code in rng.sample(codes, 2):
                add(code, "eval-good", q, role=rng.choice([Role.LEAD, Role.COOP]), source="demo")
            for code in rng.sample(codes, 2):
                add(code, "eval-poor", q, role=rng.choice([Role.LEAD, Role.COOP]), source="demo")
            add(rng.choice(codes), "late-material", q, qty=rng.randrange(1, 4), source="demo")
        # A matter returned three times (−0.5, −1.5, −2.5), overdue into key supervision, unqualified.
        add("lingchuan", "13710-returned", Quarter(year, 2), matter=f"{year}-lc-returned", source="demo",
            date=dt.date(year, 4, 8))
        add("lingchuan", "13710-returned", Quarter(year, 2), matter=f"{year}-lc-returned", source="demo",
            date=dt.date(year, 4, 20))
        add("lingchuan", "13710-returned", Quarter(year, 2), matter=f"{year}-lc-returned", source="demo",
            date=dt.date(year, 5, 6))
        add("qinshui", "13710-key", Quarter(year, 3), matter=f"{year}-qs-key", source="demo")
        add("qinshui", "13710-unqualified", Quarter(year, 3), source="demo")
        add("qinshui", "obstruct", Quarter(year, 4), source="demo")
        add("gsj", "obstruct", Quarter(year, 2), source="demo")
        add("gsj", "problem", Quarter(year, 3), qty=2, source="demo")
        add("mtj", "coop-fault", Quarter(year, 1), role=Role.COOP, source="demo")
        add("fgw", "coop-fault", Quarter(year, 1), points=-20, source="demo", note="牵头单位酌情减分")
        add("ltgs", "eval-poor", Quarter(year, 2), source="demo")
        add("dxgs", "problem", Quarter(year, 4), source="demo")
        add("gaoping", "commend", Quarter(year, 4), points=150, source="demo", note="省政府表彰")
        add("zezhou", "commend", Quarter(year, 4), role=Role.COOP, points=80, source="demo")
        add("jyj", "commend", Quarter(year, 3), points=200, source="demo")
    return reqs


def build_demo(path: Path) -> tuple[Store, int]:
    """Build the demo ledger at `path`, replacing an earlier demo there; any other
    file at that path is refused, never overwritten. It is built under a
    temporary name in the same folder and renamed into place when complete
    (jcdc/files.py): a failed or killed demo leaves the earlier one as it was."""
    from jcdc import files

    try:
        taken = path.is_symlink() or path.is_dir() or (path.exists() and recorders_of(path) != {DEMO_USER})
    except OSError as e:  # a name too long to look at
        raise files.failure(path, e) from e
    if taken:
        raise JcdcError(msg.DEMO_WOULD_OVERWRITE.format(path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise files.failure(path, e) from e
    # Windows neither replaces nor deletes a file a connection holds open: this
    # process's own connections to the earlier demo are closed first.
    close_ledgers_at(path)
    with files.replacing(path, force=True, vetted=True) as tmp:
        store = open_store(tmp)
        try:
            load_roster(store, DEMO_USER)
            units = UnitIndex.of(store)
            rng = random.Random(SEED)
            requests = sorted(_requests(units, rng), key=lambda r: r.date)
            with store.write():
                pending = Pending()
                ids = post(store, [draft(store, units, r, pending) for r in requests], DEMO_USER)
                # A mistake and its correction: the ledger keeps both.
                revoke(store, ids[10], "录入单位有误, 已另行登记", DEMO_USER)
        finally:
            store.close()  # the last connection folds the write-ahead log into the file
        # The earlier demo's log and index would be read as the new file's.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return open_store(path, create=False, read_only=True), len(ids) + 1
