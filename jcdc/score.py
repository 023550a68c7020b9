"""Why a unit has its score (积分办法 第十、十三条): the base, each rule with
its entries, and the rank and consequences exactly as the ranking gives them.

A report builder in hledger's way: `unit_score()` returns a value; the command
line (jcdc/commands/ranking.py) and the per-unit statements render it.
"""

from __future__ import annotations

from dataclasses import dataclass

from jcdc import messages as msg
from jcdc.model import Entry, JcdcError, Quarter, points_number
from jcdc.ranking import basis, check_scored, quarterly, rules_of, year_ranking
from jcdc.rules import POINT_RULES
from jcdc.rules.jifen import Flag, flag_note
from jcdc.store import Store
from jcdc.units import UnitIndex


@dataclass(frozen=True)
class RuleLine:
    """One rule's share of the score: its standing entries, and their sum."""

    rule: str
    name: str
    cite: str
    count: int   # entries that stand (neither revoked nor reversals)
    points: int  # tenths: the sum of all its entries of the period, reversals included

    def as_json(self) -> dict:
        return {"rule": self.rule, "name": self.name, "cite": self.cite, "count": self.count,
                "points": points_number(self.points)}


@dataclass(frozen=True)
class UnitScore:
    unit: str
    name: str
    group: str
    period: str              # 2019 or 2019Q2, as `rank` gives it
    label: str               # 2019年 or 2019年第二季度
    base: int                # tenths
    score: int               # tenths, as the ranking gives it
    rank: int
    flags: tuple[Flag, ...]
    ytd: int | None          # quarters: the year to date, as `rank --quarter` gives it
    tied: int                # units of the group sharing the rank
    tie_notes: tuple[str, ...]  # a tie at a boundary the unit is part of (SPEC §3)
    by_rule: tuple[RuleLine, ...]
    entries: tuple[Entry, ...]
    revoked_by: dict[int, int]  # entry id -> the entry reversing it
    change: int | None = None   # a year: 较上年 as the ranking computed it (None: "—")
    previous_rank: int | None = None
    notes: tuple[str, ...] = ()  # a year: open and empty quarters, the year before (jcdc.ranking)
    provisional: str | None = None  # a year not finished: the line that says so (YearRanking.provisional)
    base_cite: str = ""          # 积分办法 第十条, as the version the period is ranked under cites it
    flag_notes: tuple[str, ...] = ()  # what each of the unit's consequences is, in that version's figures

    def as_json(self) -> dict:
        data = {
            "unit": self.unit, "name": self.name, "group": self.group, "period": self.period,
            "base": points_number(self.base), "score": points_number(self.score), "rank": self.rank,
            "flags": [f.value for f in self.flags],
            "by_rule": [line.as_json() for line in self.by_rule],
            "entries": [{**e.as_json(), "revoked_by": self.revoked_by.get(e.id)} for e in self.entries],
        }
        if self.ytd is not None:
            data["ytd"] = points_number(self.ytd)
        else:  # a year: 较上年 and the notes every annual view carries
            data["change"] = points_number(self.change) if self.change is not None else None
            data["previous_rank"] = self.previous_rank
            data["notes"] = list(self.notes)
        if self.tied > 1:  # as the ranking's rows carry them
            data["tied"] = self.tied
        if self.tie_notes:
            data["tie_notes"] = list(self.tie_notes)
        return data


def unit_score(store: Store, unit_text: str, year: int | None = None,
               quarter: Quarter | None = None) -> UnitScore:
    """The unit's score of a year or a quarter, explained (one of them is given)."""
    unit = UnitIndex.of(store).find(unit_text)
    first, last = (quarter, quarter) if quarter else (Quarter(year, 1), Quarter(year, 4))
    label = quarter.label if quarter else msg.PERIOD_YEAR.format(year=year)
    check_scored(store, first, last, label)
    ranked = None if quarter else year_ranking(store, year, unit.group)
    rows = quarterly(store, quarter, unit.group) if quarter else ranked.rows
    row = next((r for r in rows if r.unit == unit.code), None)
    if row is None:
        raise JcdcError(msg.SCORE_NOT_IN_FORCE.format(unit=unit.name, period=label))
    entries = store.entries(unit=unit.code, first_qkey=first.key, last_qkey=last.key)
    revoked_by = store.reversals()
    rules = rules_of(store, last)
    judged_by = basis(store, last)
    notes = (*(ranked.notes() if ranked is not None else ()), *([judged_by] if judged_by else []))
    return UnitScore(
        unit=unit.code, name=row.name, group=row.group, period=row.period, label=label, base=row.base,
        score=row.score, rank=row.rank, flags=row.flags, ytd=row.ytd, tied=row.tied, tie_notes=row.tie_notes,
        by_rule=_by_rule(entries, revoked_by, rules.rules), entries=tuple(entries), revoked_by=revoked_by,
        change=row.change, previous_rank=row.previous_rank,
        notes=notes, base_cite=rules.base_cite, flag_notes=tuple(flag_note(f.value, rules) for f in row.flags),
        provisional=ranked.provisional() if ranked is not None else None)


def _by_rule(entries: list[Entry], revoked_by: dict[int, int], catalogue=POINT_RULES) -> tuple[RuleLine, ...]:
    """Each rule with entries in the period, in the order of `catalogue` (the
    version the period is ranked under: 第十一条 before 第十二条); a rule not in
    it keeps the cite its entries carry."""
    order = {code: i for i, code in enumerate(catalogue)}
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.rule, []).append(e)
    lines = []
    for code in sorted(groups, key=lambda c: (order.get(c, len(order)), c)):
        mine, rule = groups[code], catalogue.get(code)
        standing = sum(1 for e in mine if e.reverses is None and e.id not in revoked_by)
        lines.append(RuleLine(code, rule.name if rule else code, rule.cite if rule else mine[0].cite,
                              standing, sum(e.points for e in mine)))
    return tuple(lines)
