"""Quarterly and annual rankings (积分办法 第十三、十七—十九条), from the ledger's sums."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from jcdc import messages as msg
from jcdc.model import JcdcError, Quarter, Unit, points_number
from jcdc.rulebook import RuleBook
from jcdc.ruleset import RuleSet
from jcdc.rules.jifen import BASE, BoundaryTie, Flag, Ranked, annual_flags, boundary_ties, rank_groups
from jcdc.session import today
from jcdc.store import Store


@dataclass(frozen=True)
class RankRow:
    period: str
    group: str
    rank: int
    unit: str
    name: str
    score: int        # tenths, base included
    ytd: int | None   # quarters only: 100 + the sum from 1 January to the quarter's end
    flags: tuple[Flag, ...] = ()
    tied: int = 1     # units of the group sharing this rank
    tie_notes: tuple[str, ...] = ()  # a tie at a boundary this row is part of (SPEC §3)
    base: int = BASE  # 积分办法 第十条, of the rule-set version the period is ranked under

    @property
    def delta(self) -> int:
        return self.score - self.base

    def as_json(self) -> dict:
        row = {
            "period": self.period, "group": self.group, "rank": self.rank, "unit": self.unit,
            "name": self.name, "score": points_number(self.score), "delta": points_number(self.delta),
        }
        if self.ytd is not None:
            row["ytd"] = points_number(self.ytd)
        row["flags"] = [f.value for f in self.flags]
        if self.tied > 1:
            row["tied"] = self.tied
        if self.tie_notes:
            row["tie_notes"] = list(self.tie_notes)
        return row


def _members(units: list[Unit], first: Quarter, last: Quarter) -> list[tuple[str, str, object]]:
    """The units in force on at least one day of the period: a ranking of 2018
    shows the units of 2018."""
    return [(u.code, u.group, u.category) for u in units if u.in_force(first.start, last.end)]


def rules_of(store: Store, last: Quarter) -> RuleSet:
    """The rule set a period ending with quarter `last` is ranked under: the
    version in force on its last day (docs/rulesets.md)."""
    return RuleBook.of(store).of_period_end(last.end).rules


def _year_ranking(store: Store, units: list[Unit], year: int) -> list[Ranked]:
    first, last = Quarter(year, 1), Quarter(year, 4)
    return rank_groups(_members(units, first, last), store.sums(first.key, last.key), rules_of(store, last))


def _ordered(rows: list[RankRow], group_order: list[str]) -> list[RankRow]:
    position = {g: i for i, g in enumerate(group_order)}
    return sorted(rows, key=lambda r: (position.get(r.group, len(position)), r.group, r.rank, r.unit))


def _check_group(units: list[Unit], group: str | None) -> None:
    known = _group_order(units)
    if group is not None and group not in known:
        raise JcdcError(msg.UNKNOWN_GROUP.format(group=group, groups="、".join(known)))


def annual(store: Store, year: int, group: str | None = None) -> list[RankRow]:
    units = store.units()
    _check_group(units, group)
    names = {u.code: u.name for u in units}
    rules = rules_of(store, Quarter(year, 4))
    ranking = _year_ranking(store, units, year)
    flags = annual_flags(ranking, _year_ranking(store, units, year - 1), rules)
    notes: dict[str, list[str]] = {}
    for tie in boundary_ties(ranking, flags, rules):
        for unit in tie.tied:
            notes.setdefault(unit, []).append(tie_note(tie))
    tied = _tied(ranking)
    rows = [RankRow(str(year), r.group, r.rank, r.unit, names[r.unit], r.score, None, tuple(flags[r.unit]),
                    tied[r.unit], tuple(notes.get(r.unit, ())), rules.base)
            for r in ranking if group is None or r.group == group]
    return _ordered(rows, _group_order(units))


def _tied(ranking: list[Ranked]) -> dict[str, int]:
    """Each unit: how many units of its group share its rank (1 when none)."""
    shared = Counter((r.group, r.rank) for r in ranking)
    return {r.unit: shared[(r.group, r.rank)] for r in ranking}


def tie_note(tie: BoundaryTie) -> str:
    """The words that say a tie widens a consequence (SPEC §3 Ties at a boundary)."""
    return msg.TIE_NOTE[tie.boundary.value].format(
        rank=tie.rank, n=len(tie.tied), total=len(tie.reached), flagged=len(tie.flagged), limit=tie.limit)


def tie_notes(rows: list[RankRow]) -> dict[str, list[str]]:
    """The tie notes of a ranking, per group, in order, each once: the line the
    table shows under its group, and the words the files and the report carry."""
    notes: dict[str, list[str]] = {}
    for row in rows:
        for note in row.tie_notes:
            group = notes.setdefault(row.group, [])
            if note not in group:
                group.append(note)
    return notes


def quarterly(store: Store, quarter: Quarter, group: str | None = None,
              from_ledger: bool = False) -> list[RankRow]:
    """`from_ledger`: add up the entries themselves rather than the stored totals."""
    units = store.units()
    _check_group(units, group)
    names = {u.code: u.name for u in units}
    rules = rules_of(store, quarter)
    ranking = rank_groups(_members(units, quarter, quarter),
                          store.sums(quarter.key, quarter.key, from_ledger), rules)
    ytd = store.sums(Quarter(quarter.year, 1).key, quarter.key, from_ledger)
    tied = _tied(ranking)
    rows = [RankRow(str(quarter), r.group, r.rank, r.unit, names[r.unit], r.score,
                    rules.base + ytd.get(r.unit, 0), tied=tied[r.unit], base=rules.base)
            for r in ranking if group is None or r.group == group]
    return _ordered(rows, _group_order(units))


def as_closed(quarter: Quarter, published: list[dict], group: str | None = None) -> list[RankRow]:
    """A closed quarter's ranking as recorded when it was closed (jcdc close), not
    as the stored totals give it now: that is what was published (issue 11)."""
    groups = list(dict.fromkeys(r["group"] for r in published))
    if group is not None and group not in groups:
        raise JcdcError(msg.UNKNOWN_GROUP.format(group=group, groups="、".join(groups)))
    shared = Counter((r["group"], r["rank"]) for r in published)
    return [RankRow(str(quarter), r["group"], r["rank"], r["unit"], r["name"], r["score"], r["ytd"],
                    tied=shared[(r["group"], r["rank"])])
            for r in published if group is None or r["group"] == group]


def check_scored(store: Store, first: Quarter, last: Quarter, label: str, group: str | None = None) -> None:
    """A period with nothing to rank is said to be so, not shown as every unit
    at the base: one that has not begun, or with no entry in the ledger. (A
    group without entries in a period that has some is ranked, all at the base:
    SPEC §3 gives such a group-year no consequences.) An unknown `group` is
    refused first."""
    _check_group(store.units(), group)
    if first.start > today():
        raise JcdcError(msg.PERIOD_FUTURE.format(period=label, today=today()))
    if not store.sums(first.key, last.key):
        raise JcdcError(msg.PERIOD_NO_ENTRIES.format(period=label))


def _group_order(units: list[Unit]) -> list[str]:
    """Groups in roster order: 县区, 市直, 驻市 for Jincheng's roster."""
    return list(dict.fromkeys(u.group for u in units))
