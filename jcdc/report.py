"""The annual report to the 年度目标考核领导小组办公室 (积分办法 第十八条).

The rankings of the counties, the development zone and the city units, each
group on a sheet of its own with rank, score, change and consequences
(第十七、十九条), and every entry behind the scores with its rule, citation
and reference, so the office can check any figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from jcdc import ranking
from jcdc.model import Entry, Quarter, points_number
from jcdc.ranking import RankRow
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

    def as_json(self) -> dict:
        return {"year": self.year, "rankings": self.rows, "entries": [e.as_json() for e in self.entries]}


def _with_change(row: RankRow, before: dict[str, int]) -> dict:
    data = row.as_json()
    earlier = before.get(row.unit)
    data["change"] = points_number(row.score - earlier) if earlier is not None else None
    return data


def annual_report(store: Store, year: int) -> AnnualReport:
    before = {r.unit: r.score for r in ranking.annual(store, year - 1)}
    rows = [_with_change(r, before) for r in ranking.annual(store, year)]
    entries = store.entries(first_qkey=Quarter(year, 1).key, last_qkey=Quarter(year, 4).key)
    return AnnualReport(year, rows, entries, {u.code: u.name for u in store.units()})
