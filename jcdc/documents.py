"""What the office sends, built from the ledger: the 通报 of a quarter's or a
year's ranking (积分办法 第十三、十七—十九条) and each unit's statement.

Values only: jcdc/gongwen.py lays them out as Word files. Every score, rank
and consequence comes from jcdc.ranking — the functions behind `jcdc rank` —
so a document can never say a figure the ranking does not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from jcdc import messages as msg
from jcdc import ranking
from jcdc.model import Entry, JcdcError, Quarter, Unit
from jcdc.ranking import RankRow, YearRanking
from jcdc.rules.jifen import CATALOGUE, RULES, Flag  # noqa: F401 (CATALOGUE: the package default, re-exported)
from jcdc.ruleset import RuleSet
from jcdc.store import Store


@dataclass(frozen=True)
class Period:
    """A quarter (2019Q2) or a year (2019), and the one before it."""

    year: int
    quarter: Quarter | None = None

    @property
    def annual(self) -> bool:
        return self.quarter is None

    @property
    def label(self) -> str:
        return self.quarter.label if self.quarter else msg.DOC_YEAR_LABEL.format(year=self.year)

    @property
    def keys(self) -> tuple[int, int]:
        """The first and last quarter keys of the period."""
        if self.quarter:
            return self.quarter.key, self.quarter.key
        return Quarter(self.year, 1).key, Quarter(self.year, 4).key

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the period."""
        if self.quarter:
            return self.quarter.start, self.quarter.end
        return Quarter(self.year, 1).start, Quarter(self.year, 4).end

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1)
        q = self.quarter
        before = Quarter(q.year - 1, 4) if q.q == 1 else Quarter(q.year, q.q - 1)
        return Period(before.year, before)


@dataclass(frozen=True)
class RankedLine:
    row: RankRow

    @property
    def change(self) -> int | None:
        """Tenths on the period before, as jcdc.ranking computed it; None: nothing to compare with."""
        return self.row.change

    @property
    def previous_rank(self) -> int | None:
        return self.row.previous_rank


@dataclass(frozen=True)
class PeriodRanking:
    period: Period
    lines: list[RankedLine]
    year: YearRanking | None = None  # a year: its quarters, the year before and the notes (jcdc.ranking)
    rules: RuleSet = RULES           # the version in force on the period's last day: its figures and words
    basis: str | None = None         # 依据 …(2020年修订): the revision that judged the period, if any

    def groups(self) -> dict[str, list[RankedLine]]:
        by_group: dict[str, list[RankedLine]] = {}
        for line in self.lines:
            by_group.setdefault(line.row.group, []).append(line)
        return by_group

    def notes(self, groups=None) -> list[str]:
        """A year's notes (open and empty quarters, the year before): none for a quarter."""
        return self.year.notes(groups) if self.year is not None else []


def period_ranking(store: Store, period: Period) -> PeriodRanking:
    """The ranking of the period exactly as `jcdc rank` computes it, with each
    unit's change on the period before computed there (jcdc.ranking: "—" where
    its group had no standing entries then, nor a recorded published ranking)."""
    # As `jcdc rank`: a period not begun, or with no entry, is refused, never sent out all at 100.
    ranking.check_scored(store, period.quarter or Quarter(period.year, 1), period.quarter or Quarter(period.year, 4),
                         period.quarter.label if period.quarter else msg.PERIOD_YEAR.format(year=period.year))
    year = ranking.year_ranking(store, period.year) if period.annual else None
    rows = year.rows if year is not None else ranking.quarterly(store, period.quarter)
    last = period.quarter or Quarter(period.year, 4)
    return PeriodRanking(period, [RankedLine(r) for r in rows], year, ranking.rules_of(store, last),
                         ranking.basis(store, last))


# --- what the 通报 says about the entries ---------------------------------------


@dataclass(frozen=True)
class RuleLine:
    """One rule's share of a score: its standing entries and their sum."""

    rule: str
    title: str
    cite: str
    count: int   # entries still standing (neither reversed nor a reversal)
    points: int  # tenths: the sum of every entry of the rule, reversals included


def breakdown(sums: list[tuple], rules: RuleSet = RULES) -> list[RuleLine]:
    """Entries grouped by rule, in the catalogue's order (积分办法 第十一、十二条)
    of `rules`, the version the period is ranked under, from Store.rule_sums:
    SQLite adds them up, no entry is read into Python.

    A reversal and its original cancel in the sum and leave the count.
    """
    catalogue = rules.rules
    order = list(catalogue)
    rules = sorted(sums, key=lambda s: (order.index(s[0]) if s[0] in order else len(order), s[0]))
    return [RuleLine(r, catalogue[r].title if r in catalogue else r, catalogue[r].cite if r in catalogue else "",
                     standing, points) for r, _, _, standing, points in rules
            if standing or points]  # a rule whose only entries were revoked scored nothing: no line


@dataclass(frozen=True)
class EntryCounts:
    """The period's entries as the 通报 counts them: those that score (`total`, as
    the rules table counts them), and apart from them the entries revoked in the
    period and the reversals that revoke them, which cancel out."""
    total: int      # standing entries: not reversals, not reversed
    bonus: int      # of them, entries of a rule that adds (第十一条)
    penalty: int    # of them, entries of a rule that deducts (第十二条)
    revoked: int    # originals reversed in the period
    reversals: int
    units: int      # units with at least one standing entry


def _adds(rule: str, rules: RuleSet = RULES) -> bool:
    r = rules.rules.get(rule)
    return r is not None and r.lead is not None and r.lead.high > 0


def entry_counts(sums: list[tuple], units: int, rules: RuleSet = RULES) -> EntryCounts:
    """The period's entries counted from Store.rule_sums, and the units that have a standing one."""
    entries = sum(s[1] for s in sums)
    originals = sum(s[2] for s in sums)
    standing = sum(s[3] for s in sums)
    bonus = sum(s[3] for s in sums if _adds(s[0], rules))
    return EntryCounts(standing, bonus, standing - bonus, originals - standing, entries - originals, units)


# --- the 通报 --------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    ranking: PeriodRanking
    counts: EntryCounts
    rules: list[RuleLine]
    flagged: dict[Flag, list[RankRow]]  # annual only: the units each consequence names
    ties: dict[str, list[str]]          # annual only: per group, the ties that widen a consequence
    number: str | None                  # 发文字号
    issuer: str                         # 发文机关
    date: dt.date                       # 成文日期
    cc: str                             # 抄送
    recipients: str                     # 主送机关
    printer: str                        # 印发机关
    sealed: bool = True                 # 署名 laid out for the seal (GB/T 9704 7.3.5.1), or not (7.3.5.2)
    headings: dict[str, str] | None = None  # how the 通报 names each ranking group (the rule set's)
    draft: bool = False                 # 征求意见稿: the year is not closed, its results not final


def notice(store: Store, period: Period, issuer: str | None, date: dt.date, number: str | None = None,
           cc: str | None = None, to: str | None = None, sealed: bool = True, draft: bool = False) -> Notice:
    """The 通报 of `period`. Its 发文机关, 抄送, 主送机关 and 印发机关 are the rule
    set's `documents` unless the office gives an issuer (then its own office
    prints it), a cc or the recipients (`to`). A year not closed in all four
    quarters (jcdc close) has no final results: its notice is a 征求意见稿, and
    needs `draft` to say so."""
    rules = ranking.rules_of(store, period.quarter or Quarter(period.year, 4))
    header = rules.documents
    data = period_ranking(store, period)
    if data.year is not None and not data.year.final and not draft:
        raise JcdcError(msg.DOC_NOTICE_NEEDS_DRAFT.format(
            year=period.year, quarters=ranking.quarter_words(data.year.open_quarters)))
    rows = [line.row for line in data.lines]
    flagged = {flag: [r for r in rows if flag in r.flags] for flag in Flag} if period.annual else {}
    sums = store.rule_sums(*period.keys)  # one pass of SQLite's over the period, nothing kept per entry
    return Notice(data, entry_counts(sums, store.units_with_standing_entries(*period.keys), rules),
                  breakdown(sums, rules), flagged,
                  ranking.tie_notes(rows) if period.annual else {}, number, issuer or header.issuer, date,
                  cc if cc is not None else header.copy_to, to if to is not None else header.recipients,
                  issuer or header.printer, sealed, {name: g.heading for name, g in rules.groups.items()},
                  draft)


# --- each unit's statement ---------------------------------------------------------

STATEMENT_DUE_DAYS = 30  # what a unit has due: late, or due within the next 30 days


@dataclass(frozen=True)
class Statement:
    period: Period
    unit: Unit
    line: RankedLine
    group_size: int
    rules: list[RuleLine]
    entries: "UnitEntries"        # the unit's entries in the period, read from the ledger as iterated
    reversed_by: dict[int, int]   # original id -> the reversal's id
    due: list[dict]               # rows of jcdc.due.due_list: what the unit owes
    on: dt.date
    done_late: list[dict] = ()    # rows of jcdc.due.done_late: done in the period, after the deadline
    year: YearRanking | None = None  # a year: its open quarters and the year before (jcdc.ranking)
    ruleset: RuleSet = RULES         # the version the period is ranked under: its figures, headings, cites
    basis: str | None = None         # 依据 …(2020年修订): the revision that judged the period, if any


def statements(store: Store, period: Period, on: dt.date, unit: str | None = None) -> list[Statement]:
    """One statement per unit ranked in the period (or the one `unit` names)."""
    from jcdc.due import done_late_by_unit, due_list, owes_rows
    from jcdc.units import UnitIndex

    index = UnitIndex(store.units(on=period.days[1]))  # each unit under its name of the period's last day
    data = period_ranking(store, period)
    lines = data.lines
    if unit is not None:
        code = index.find(unit).code
        lines = [line for line in lines if line.row.unit == code]
        if not lines:
            raise JcdcError(msg.DOC_UNIT_NOT_RANKED.format(unit=index.by_code[code].name, period=period.label))
    due_by_unit: dict[str, list[dict]] = defaultdict(list)
    for row in due_list(store, on, within=STATEMENT_DUE_DAYS):
        if owes_rows(row):  # what the unit owes: not the report a team owes on it (三库办法 第十四条)
            due_by_unit[row["unit"]].append(row)
    first, last = period.days
    late = done_late_by_unit(store, first, min(last, on))  # one pass over what is owed, for every unit
    group_size: dict[str, int] = defaultdict(int)
    for line in data.lines:
        group_size[line.row.group] += 1
    out = []
    if unit is not None:  # one unit's statement reads that unit's entries, through the ledger's index by unit
        sums_of = {lines[0].row.unit: store.rule_sums(*period.keys, unit=lines[0].row.unit)}
        reversed_of = {lines[0].row.unit: store.reversed_in(*period.keys, lines[0].row.unit)}
        shared = None
    else:  # every unit's: one GROUP BY for the sums, one pass over the period's entries for the tables
        sums_of = store.rule_sums_by_unit(*period.keys)
        reversed_of = store.reversed_in_by_unit(*period.keys)
        shared = PeriodRows(store, *period.keys)
    for line in lines:
        code = line.row.unit
        sums = sums_of.get(code, [])
        out.append(Statement(period, index.by_code[code], line, group_size[line.row.group], breakdown(sums, data.rules),
                             UnitEntries(store, code, *period.keys, sum(s[1] for s in sums), shared),
                             reversed_of.get(code, {}),
                             due_by_unit.get(code, []), on, late.get(code, []), data.year, data.rules,
                             data.basis))
    return out


class PeriodRows:
    """Every unit's entries of the period read by one cursor, in unit order
    (Store.period_entry_rows), handed to each unit's statement as it asks for its
    own: written in unit order, each statement's rows come next in the stream
    and one row is held at a time. A unit asked for out of that order (or
    twice) reads its own through the index by unit, as one unit's statement
    does: the rows are the same either way, only the reading differs."""

    def __init__(self, store: Store, first_qkey: int, last_qkey: int) -> None:
        self.store, self.keys = store, (first_qkey, last_qkey)
        self.groups: Iterator | None = None  # (unit, its rows), by unit: read when first asked, in the reading
        self.at: tuple | None = None         # the group the stream stands at
        self.given = False                   # its rows handed out: the next ask steps past them

    def of(self, unit: str) -> Iterator[tuple]:
        if self.groups is None:
            self.groups = groupby(self.store.period_entry_rows(*self.keys), itemgetter(0))
            self.at = next(self.groups, None)
        elif self.given:
            self.at, self.given = next(self.groups, None), False
        while self.at is not None and self.at[0] < unit:  # units before it: no statement asked (or not yet)
            self.at = next(self.groups, None)
        if self.at is None or self.at[0] != unit:
            return self.store.unit_entry_rows(unit, *self.keys)
        self.given = True
        return map(_WITHOUT_UNIT, self.at[1])


_WITHOUT_UNIT = itemgetter(slice(1, None))  # period_entry_rows' tuple as unit_entry_rows'


@dataclass(frozen=True)
class UnitEntries:
    """One unit's entries dated in quarters first..last, in date order, streamed
    from the ledger each time they are iterated: a statement of a unit with
    tens of thousands of entries holds one at a time."""

    store: Store
    unit: str
    first_qkey: int
    last_qkey: int
    count: int
    shared: PeriodRows | None = None  # every unit's statements: the period's rows, read once for all

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Entry]:
        return self.store.unit_entries(self.unit, self.first_qkey, self.last_qkey)

    def rows(self) -> Iterator[tuple]:
        """The same entries as the ledger's tuples (Store.unit_entry_rows), for a
        table of tens of thousands of rows."""
        if self.shared is not None:
            return self.shared.of(self.unit)
        return self.store.unit_entry_rows(self.unit, self.first_qkey, self.last_qkey)
