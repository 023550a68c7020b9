"""The annual report to the 年度目标考核领导小组办公室 (积分办法 第十八条).

The rankings of the counties, the development zone and the city units (not
the 驻市 units, whom 第十八条 does not name), each
group on a sheet of its own with rank, score, change and consequences
(第十七、十九条), and every entry behind the scores with its rule, citation
and reference, so the office can check any figure.

Each ranking row carries 较上年 and the unit's four quarterly scores as
jcdc.ranking computes them (the charts' trend line; an empty quarter is None,
shown "—", never 100), so every renderer — workbook, web page, JSON — shows
figures computed once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jcdc import ranking
from jcdc.model import Entry, Quarter, points_number
from jcdc.ranking import RankRow, YearRanking
from jcdc.rulebook import RuleBook
from jcdc.store import Store


@dataclass(frozen=True)
class AnnualReport:
    year: int
    rows: list[dict]       # a ranking row (RankRow.as_json, with "change" on the year before)
                           # and "quarters": the four quarterly scores (None: an empty quarter, or not ranked)
    entries: "ReportEntries"  # every entry dated in the year, in date order, read as it is iterated
    names: dict[str, str]  # unit code -> name
    ranking: YearRanking   # the year as jcdc.ranking computed it: quarters' states, notes
    legend: tuple[str, ...] = ()  # under every ranking: the version that judged it, the base, each consequence
    judged_by: dict | None = None  # that version as a program reads it: name, hash, document, adoption

    @property
    def notes(self) -> list[str]:
        """What the figures cannot say: open and empty quarters, the year before (SPEC §3)."""
        return self.ranking.notes({row["group"] for row in self.rows}, quarter_scores=True)

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
        year = self.ranking.as_json({row["group"] for row in self.rows})
        return {"year": self.year, "final": year["final"], "quarters": year["quarters"], "notes": self.notes,
                "ruleset": self.judged_by, "legend": list(self.legend), "rankings": self.rows, "tie_notes": self.tie_notes(),
                "entries": [e.as_json() for e in self.entries]}


@dataclass(frozen=True)
class ReportEntries:
    """The entries of the report's units in its year, streamed from the ledger
    each time they are iterated: a workbook of a million entries is written
    with one entry in memory at a time."""

    store: Store
    year: int
    units: frozenset[str]

    def __iter__(self) -> Iterator[Entry]:
        units = self.units
        return (e for e in self.store.stream_entries(Quarter(self.year, 1).key, Quarter(self.year, 4).key)
                if e.unit in units)

    def _keys(self) -> tuple[int, int]:
        return Quarter(self.year, 1).key, Quarter(self.year, 4).key

    def count(self) -> int:
        """How many entries the report lists (counted by SQLite)."""
        return self.store.count_entries_of_units(*self._keys(), sorted(self.units))

    def rows(self) -> Iterator[tuple]:
        """The entries as the ledger's tuples, in the order iterating gives them
        (Store.entry_tuples_of_units), for a writer that needs no Entry."""
        return self.store.entry_tuples_of_units(*self._keys(), sorted(self.units))

    def of_unit(self, unit: str) -> Iterator[Entry]:
        """One unit's entries of the year, in date order, through the ledger's index by unit."""
        if unit not in self.units:
            return iter(())
        return self.store.unit_entries(unit, Quarter(self.year, 1).key, Quarter(self.year, 4).key)

    def counts(self) -> dict[str, int]:
        """How many entries each of the report's units has in the year (counted by SQLite)."""
        return {unit: n for unit, n in self.store.entry_counts_by_unit(*self._keys()).items() if unit in self.units}


def _with_quarters(row: RankRow, year: YearRanking) -> dict:
    data = row.as_json()
    data["quarters"] = [points_number(q) if q is not None else None for q in year.quarter_scores[row.unit]]
    return data


def annual_report(store: Store, year: int) -> AnnualReport:
    units = store.units()
    ranked = ranking.year_ranking(store, year)
    reported = {u.code for u in units if u.category in ranked.rules.reported_categories}  # 第十八条
    rows = [_with_quarters(r, ranked) for r in ranked.rows if r.unit in reported]
    legend = ranked.legend(store, {f for r in rows for f in r["flags"]})
    version = RuleBook.of(store).of_period_end(Quarter(year, 4).end)  # 积分办法 第十七—十九条: its last day's
    judged_by = {"version": version.label, "hash": version.hash, "document": version.rules.document,
                 "effective": version.effective.isoformat(), "adopted_by": version.doc}
    return AnnualReport(year, rows, ReportEntries(store, year, frozenset(reported)),
                        {u.code: u.name for u in store.units(on=Quarter(year, 4).end)}, ranked, tuple(legend),
                        judged_by)
