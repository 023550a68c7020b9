"""Quarterly and annual rankings (积分办法 第十三、十七—十九条), from the ledger's sums."""

from __future__ import annotations

from dataclasses import dataclass

from jcdc import messages as msg
from jcdc.model import JcdcError, Quarter, Unit, points_number
from jcdc.rules.jifen import BASE, Flag, Ranked, annual_flags, rank_groups
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

    @property
    def delta(self) -> int:
        return self.score - BASE

    def as_json(self) -> dict:
        row = {
            "period": self.period, "group": self.group, "rank": self.rank, "unit": self.unit,
            "name": self.name, "score": points_number(self.score), "delta": points_number(self.delta),
        }
        if self.ytd is not None:
            row["ytd"] = points_number(self.ytd)
        row["flags"] = [f.value for f in self.flags]
        return row


def _members(units: list[Unit], first: Quarter, last: Quarter) -> list[tuple[str, str, object]]:
    """The units in force on at least one day of the period: a ranking of 2018
    shows the units of 2018."""
    return [(u.code, u.group, u.category) for u in units if u.in_force(first.start, last.end)]


def _year_ranking(store: Store, units: list[Unit], year: int) -> list[Ranked]:
    first, last = Quarter(year, 1), Quarter(year, 4)
    return rank_groups(_members(units, first, last), store.sums(first.key, last.key))


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
    ranking = _year_ranking(store, units, year)
    flags = annual_flags(ranking, _year_ranking(store, units, year - 1))
    rows = [RankRow(str(year), r.group, r.rank, r.unit, names[r.unit], r.score, None, tuple(flags[r.unit]))
            for r in ranking if group is None or r.group == group]
    return _ordered(rows, _group_order(units))


def quarterly(store: Store, quarter: Quarter, group: str | None = None,
              from_ledger: bool = False) -> list[RankRow]:
    """`from_ledger`: add up the entries themselves rather than the stored totals."""
    units = store.units()
    _check_group(units, group)
    names = {u.code: u.name for u in units}
    ranking = rank_groups(_members(units, quarter, quarter),
                          store.sums(quarter.key, quarter.key, from_ledger))
    ytd = store.sums(Quarter(quarter.year, 1).key, quarter.key, from_ledger)
    rows = [RankRow(str(quarter), r.group, r.rank, r.unit, names[r.unit], r.score,
                    BASE + ytd.get(r.unit, 0))
            for r in ranking if group is None or r.group == group]
    return _ordered(rows, _group_order(units))


def _group_order(units: list[Unit]) -> list[str]:
    """Groups in roster order: 县区, 市直, 驻市 for Jincheng's roster."""
    return list(dict.fromkeys(u.group for u in units))
