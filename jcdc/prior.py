"""The previous year the ledger never saw (SPEC §3): an office that starts jcdc
in year Y records Y − 1's annual ranking as it was published — unit, score,
rank and the document that published it — so that 第十七条 (bottom two in two
consecutive years) and 较上年 for Y can use it, and cite it.

Read from the file the office has (CSV or .xlsx, a heading row naming the
unit, score and rank columns), checked whole, and recorded in one transaction
in the chained, append-only table published_rankings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import Counter, defaultdict
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError, beijing_time, parse_points, required_text
from jcdc.rules.jifen import competition_ranks
from jcdc.session import current_user, parse_year, timestamp, today
from jcdc.store import Store
from jcdc.units import UnitIndex

# The heading words a published ranking's columns go by.
HEADINGS = {
    "unit": ("单位", "单位名称", "被考核单位", "代码", "unit"),
    "score": ("积分", "年度积分", "年度总积分", "总积分", "得分", "score"),
    "rank": ("名次", "排名", "rank"),
}


# A published ranking is one row a unit: a few KiB as CSV, tens of KiB as a formatted
# workbook. Anything much larger is not one (a device, a log, the wrong file), and is
# refused before it is read into memory.
PRIOR_MAX_BYTES = 16 << 20


def _rows(path: Path) -> tuple[list[tuple[int, list[str]]], str]:
    """(line, cells) of the file, and its sha256."""
    from jcdc.files import read_capped
    from jcdc.sheets import read_csv_file, xlsx_sheet

    try:
        raw = read_capped(path, PRIOR_MAX_BYTES, msg.FILE_WHAT_PRIOR)
    except FileNotFoundError:
        raise JcdcError(msg.FILE_NOT_FOUND.format(path=path)) from None
    except IsADirectoryError:
        raise JcdcError(msg.FILE_IS_FOLDER.format(path=path)) from None
    except (OSError, ValueError) as e:
        raise JcdcError(msg.FILE_UNREADABLE.format(path=path, reason=getattr(e, "strerror", None) or e)) from None
    sha = hashlib.sha256(raw).hexdigest()
    if path.suffix.lower() == ".xlsx":  # the one visible sheet with content, as points import reads it
        return list(xlsx_sheet(path).rows), sha
    if path.suffix.lower() != ".csv":
        raise InputError(msg.PRIOR_FILE_KIND.format(path=path.name))
    import csv

    text = read_csv_file(path)
    return [(n, cells) for n, cells in enumerate(csv.reader(io.StringIO(text)), start=1)], sha


def _columns(line: int, cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        word = "".join(cell.split()).lower()
        for field, words in HEADINGS.items():
            if word in words and field not in found:
                found[field] = i
    missing = [HEADINGS[f][0] for f in HEADINGS if f not in found]
    if missing:
        raise InputError(msg.PRIOR_NO_HEADING.format(line=line, missing="、".join(missing)))
    return found


def read_published(store: Store, path: Path, year: int) -> tuple[list[dict], str]:
    """The file's rows as {line, unit, score, rank}, every one checked, and its sha256.

    Refused, with the line: a unit jcdc does not know or that was not in force
    in `year`, a unit twice, a score that is not a figure of tenths, a rank that
    is not a whole number ≥ 1 or does not follow from the group's scores (equal
    scores share a rank, the next skips: SPEC §3); and a group the file covers
    only in part — bottom two is judged on the whole group."""
    lines, sha = _rows(path)
    index = UnitIndex.of(store)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    columns = None
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for line, cells in lines:
        if not any(c.strip() for c in cells):
            continue
        if columns is None:
            columns = _columns(line, cells)
            continue

        def cell(field: str) -> str:
            i = columns[field]
            return cells[i].strip() if i < len(cells) else ""

        try:
            unit = index.find(cell("unit"))
            score = parse_points(cell("score"))
            rank_text = cell("rank").removeprefix("第").removesuffix("名")
            if not rank_text.isdigit() or int(rank_text) < 1:
                raise InputError(msg.PRIOR_BAD_RANK.format(text=cell("rank")))
        except JcdcError as e:
            raise InputError(msg.PRIOR_ROW.format(line=line, text=e)) from None
        if not unit.in_force(first, last):
            raise InputError(msg.PRIOR_ROW.format(line=line, text=msg.PRIOR_NOT_IN_FORCE.format(
                unit=unit.name, year=year)))
        if unit.code in seen:
            raise InputError(msg.PRIOR_ROW.format(line=line, text=msg.PRIOR_TWICE.format(
                unit=unit.name, first=seen[unit.code])))
        seen[unit.code] = line
        rows.append({"line": line, "unit": unit.code, "group": unit.group, "score": score,
                     "rank": int(rank_text)})
    if columns is None or not rows:
        raise InputError(msg.PRIOR_EMPTY.format(path=path.name))

    by_group: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_group[r["group"]].append(r)
    for group, members in by_group.items():
        missing = [u.name for u in store.units() if u.group == group and u.in_force(first, last)
                   and u.code not in seen]
        if missing:
            from jcdc.model import Quarter
            from jcdc.ranking import rules_of
            from jcdc.ruleset.words import fill

            raise InputError(fill(msg.PRIOR_GROUP_PART, rules_of(store, Quarter(year, 4))).format(group=group, year=year, missing="、".join(missing)))
        ranks = competition_ranks({r["unit"]: r["score"] for r in members})
        for r in members:
            if ranks[r["unit"]] != r["rank"]:
                raise InputError(msg.PRIOR_ROW.format(line=r["line"], text=msg.PRIOR_RANK_DIFFERS.format(
                    unit=index.by_code[r["unit"]].name, rank=r["rank"], group=group, expected=ranks[r["unit"]])))
    return rows, sha


def add_published(store: Store, year_text: str, path: Path, doc: str, by: str | None = None) -> list[dict]:
    """Record `year`'s published annual ranking from `path`, published by `doc`
    (its 文号), in one transaction. A year before the current one only; a unit
    already recorded for that year is refused (the record is append-only)."""
    year = parse_year(year_text)
    doc = required_text(doc, "--doc")
    if year >= today().year:
        raise InputError(msg.PRIOR_YEAR_NOT_OVER.format(year=year))
    rows, sha = read_published(store, path, year)
    with store.write():
        recorded = {r["unit"]: r for r in store.published_ranking(year)}
        again = [r for r in rows if r["unit"] in recorded]
        if again:
            first = recorded[again[0]["unit"]]
            raise JcdcError(msg.PRIOR_ALREADY.format(
                year=year, unit=UnitIndex.of(store).by_code[first["unit"]].name, doc=first["doc"],
                by=first["recorded_by"], at=beijing_time(first["recorded_at"])))
        who, at = current_user(by), timestamp()
        store.append("published_rankings", [
            {"year": year, "unit": r["unit"], "score": r["score"], "rank": r["rank"], "doc": doc,
             "file": path.name, "sha256": sha, "recorded_by": who, "recorded_at": at} for r in rows])
    return store.published_ranking(year)


def groups_of(store: Store, rows: list[dict]) -> Counter:
    """How many units of each group the rows hold."""
    group = {u.code: u.group for u in store.units()}
    return Counter(group[r["unit"]] for r in rows)


def scored_in_ledger(store: Store, year: int, groups: list[str]) -> list[str]:
    """Of `groups`, those with standing entries of `year` in the ledger too."""
    from jcdc.model import Quarter

    standing = store.standing_units(Quarter(year, 1).key, Quarter(year, 4).key)
    return [g for g in groups if any(u.group == g and u.code in standing for u in store.units())]
