"""The annual report to the 年度目标考核领导小组办公室 (积分办法 第十八条).

The rankings of the counties, the development zone and the city units (not
the 驻市 units, whom 第十八条 does not name), each
group on a sheet of its own with rank, score, change and consequences
(第十七、十九条), and every entry behind the scores with its rule, citation
and reference, so the office can check any figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from jcdc import ranking
from jcdc.model import Entry, Quarter, points_number
from jcdc.ranking import RankRow
from jcdc.rules.jifen import REPORTED_CATEGORIES
from jcdc.store import Store


@dataclass(frozen=True)
class AnnualReport:
    year: int
    rows: list[dict]       # a ranking row (RankRow.as_json) with "change" on the year before
    entries: list[Entry]   # every entry dated in the year, in date order
    names: dict[str, str]  # unit code -> name

    def groups(self) -> dict[str, list[dict]]:
        by_group: dict[str, list[dict]] = {}
        for row in self.rows:
            by_group.setdefault(row["group"], []).append(row)
        return by_group

    def tie_notes(self) -> dict[str, list[str]]:
        """Ties at a boundary (SPEC §3), per group, each once: the words under its sheet."""
        notes: dict[str, list[str]] = {}
        for row in self.rows:
            for note in row.get("tie_notes", ()):
                if note not in notes.setdefault(row["group"], []):
                    notes[row["group"]].append(note)
        return notes

    def as_json(self) -> dict:
        return {"year": self.year, "rankings": self.rows, "tie_notes": self.tie_notes(),
                "entries": [e.as_json() for e in self.entries]}


def _with_change(row: RankRow, before: dict[str, int]) -> dict:
    data = row.as_json()
    earlier = before.get(row.unit)
    data["change"] = points_number(row.score - earlier) if earlier is not None else None
    return data


def annual_report(store: Store, year: int) -> AnnualReport:
    units = store.units()
    reported = {u.code for u in units if u.category in REPORTED_CATEGORIES}  # 第十八条
    before = {r.unit: r.score for r in ranking.annual(store, year - 1)}
    rows = [_with_change(r, before) for r in ranking.annual(store, year) if r.unit in reported]
    entries = [e for e in store.entries(first_qkey=Quarter(year, 1).key, last_qkey=Quarter(year, 4).key)
               if e.unit in reported]
    return AnnualReport(year, rows, entries, {u.code: u.name for u in units})
