"""Quarterly and annual rankings (积分办法 第十三、十七—十九条), from the ledger's sums."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace

from jcdc import messages as msg
from jcdc.model import JcdcError, Quarter, Unit, cn_date, points_number
from jcdc.rulebook import RuleBook
from jcdc.ruleset import RuleSet
from jcdc.ruleset.words import fill
from jcdc.rules.jifen import (
    BASE, RULES, BoundaryTie, Flag, PreviousSource, Ranked, annual_flags, boundary_ties, flag_note,
    previous_year, rank_footnote, rank_groups,
)
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
    # On the period before (较上年 / 较上季度), computed here once for every document:
    # None where the unit's group had no standing entries then (nor, for a year,
    # a recorded published ranking), or the unit was not ranked then (SPEC §3).
    change: int | None = None          # tenths
    previous_score: int | None = None  # tenths
    previous_rank: int | None = None

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
        if self.ytd is None:  # a year: 较上年 as every annual document shows it
            row["change"] = points_number(self.change) if self.change is not None else None
            row["previous_rank"] = self.previous_rank
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


def basis(store: Store, last: Quarter) -> str | None:
    """The version a period ending with quarter `last` is judged by, when it is a
    revision: 依据 晋市政办〔2017〕101号(2020年修订, 晋市政办〔2019〕88号). None
    under the ledger's first version, which every view has always assumed."""
    book = RuleBook.of(store)
    version = book.of_period_end(last.end)
    if version.hash == book.first.hash:
        return None
    return msg.RANK_BASIS.format(document=version.rules.document, year=version.effective.year, doc=version.doc)


def legend(store: Store, last: Quarter, flags: Collection[str] = ()) -> list[str]:
    """The lines under a ranking of the period ending with `last`: the revision
    that judged it (if any), the base, and each consequence shown, in the
    figures of the version in force on the period's last day."""
    rules = rules_of(store, last)
    found = basis(store, last)
    ordered = sorted(set(flags), key=list(msg.FLAG_NOTE).index)
    return [*([found] if found else []), rank_footnote(rules), *(flag_note(f, rules) for f in ordered)]


def _year_ranking(store: Store, units: list[Unit], year: int) -> list[Ranked]:
    first, last = Quarter(year, 1), Quarter(year, 4)
    return rank_groups(_members(units, first, last), store.sums(first.key, last.key), rules_of(store, last),
                       store.standing_units(first.key, last.key))


def _ordered(rows: list[RankRow], group_order: list[str]) -> list[RankRow]:
    position = {g: i for i, g in enumerate(group_order)}
    return sorted(rows, key=lambda r: (position.get(r.group, len(position)), r.group, r.rank, r.unit))


def _check_group(units: list[Unit], group: str | None) -> None:
    known = _group_order(units)
    if group is not None and group not in known:
        raise JcdcError(msg.UNKNOWN_GROUP.format(group=group, groups="、".join(known)))


@dataclass(frozen=True)
class QuarterState:
    """A quarter of a year's ranking: closed (jcdc close) or still open, and empty
    when nothing is recorded in it — shown "—", never as every unit at 100."""

    quarter: Quarter
    closed: bool
    empty: bool

    def as_json(self) -> dict:
        return {"quarter": str(self.quarter), "closed": self.closed, "empty": self.empty}


@dataclass(frozen=True)
class NewUnit:
    """A unit ranked in a year with no ranking of its own the year before: 积分办法
    第十七条's two consecutive years cannot be judged for it that year."""

    group: str
    unit: str
    name: str
    year: int
    since: object = None              # dt.date of the merge that set it up, if one did
    merged_from: tuple[str, ...] = ()  # the names of the units merged into it

    def words(self) -> str:
        if self.merged_from:
            return fill(msg.YEAR_UNIT_NEW).format(name=self.name, since=self.since, before=self.year - 1,
                                            units="、".join(self.merged_from))
        return fill(msg.YEAR_UNIT_NO_PREVIOUS).format(name=self.name, before=self.year - 1)

    def document_words(self, own: bool = False) -> str:
        """As the 通报 (or, `own`, the unit's statement) says it."""
        name = msg.DOC_S_OWN_UNIT if own else self.name
        if self.merged_from:
            return fill(msg.DOC_UNIT_NEW).format(name=name, since=cn_date(self.since),
                                           before=self.year - 1, units="、".join(self.merged_from))
        return fill(msg.DOC_UNIT_NO_PREVIOUS).format(name=name, before=self.year - 1)


@dataclass(frozen=True)
class YearRanking:
    """A year's ranking as every annual view shows it (积分办法 第十三、十七—十九条):
    the rows with score, rank, 较上年 and consequences; each quarter's state and
    each unit's quarterly scores; what the year before is judged from, group by
    group; and the notes that say what the figures cannot (SPEC §3)."""

    year: int
    rows: list[RankRow]
    quarters: tuple[QuarterState, ...]
    quarter_scores: dict[str, tuple[int | None, ...]]  # unit -> its four quarterly scores; None: empty
    previous: dict[str, PreviousSource]                # group -> what its year before is judged from
    published_docs: dict[str, tuple[str, ...]]         # group -> the documents of its published year before
    unjudged: tuple[str, ...]                          # groups whose two-year condition cannot be judged
    judged: tuple[str, ...] = ()                       # groups whose two-year condition is judged
    ties: tuple[BoundaryTie, ...] = ()                 # ties that widen a consequence (SPEC §3), in order
    rules: RuleSet | None = None                       # the version in force on the year's last day

    @property
    def final(self) -> bool:
        """Every quarter closed: the year's results are no longer provisional."""
        return all(q.closed for q in self.quarters)

    @property
    def open_quarters(self) -> list[Quarter]:
        return [q.quarter for q in self.quarters if not q.closed]

    @property
    def empty_quarters(self) -> list[Quarter]:
        return [q.quarter for q in self.quarters if q.empty]

    def _fill(self, text: str) -> str:
        return fill(text, self.rules or RULES)

    def legend(self, store: Store, flags: Collection[str] = ()) -> list[str]:
        """The lines under the year's ranking (see `legend`)."""
        return legend(store, Quarter(self.year, 4), flags)

    def notes(self, groups: Collection[str] | None = None, open_quarters: bool = True,
              quarter_scores: bool = False) -> list[str]:
        """The words every annual view carries: empty and open quarters, and the
        year before that 第十七条 cannot judge or judges from a published ranking
        (of `groups` only, where given). Without `open_quarters`, the open ones are
        left to the screen's own line (provisional); with `quarter_scores` (a view
        that shows each quarter's score), what an empty quarter shows there."""
        lines = []
        if self.empty_quarters:
            empty = msg.YEAR_QUARTERS_EMPTY_DASH if quarter_scores else msg.YEAR_QUARTERS_EMPTY
            lines.append(self._fill(empty).format(
                year=self.year, quarters=quarter_words(self.empty_quarters)))
        if self.open_quarters and open_quarters:
            lines.append(msg.YEAR_QUARTERS_OPEN.format(
                year=self.year, quarters=quarter_words(self.open_quarters),
                first=self.open_quarters[0]))
        for g in self.unjudged:
            if groups is None or g in groups:
                lines.append(self._fill(msg.YEAR_TWO_YEARS_UNJUDGED).format(group=g, before=self.year - 1))
        for new in self.new_units:
            if groups is None or new.group in groups:
                lines.append(new.words())
        for g, docs in self.published_docs.items():
            if groups is None or g in groups:
                lines.append(msg.YEAR_PUBLISHED_BEFORE.format(group=g, before=self.year - 1, doc="、".join(docs)))
        return lines

    def provisional(self) -> str | None:
        """One line for the screen while the year is not finished (a quarter still
        open): its figures are provisional, and which quarters are open; None once
        all four are closed. What a file or a JSON on stdout cannot say to the clerk."""
        if self.final:
            return None
        return msg.YEAR_PROVISIONAL.format(year=self.year, quarters=quarter_words(self.open_quarters),
                                           first=self.open_quarters[0])

    def as_json(self, groups: Collection[str] | None = None) -> dict:
        return {"year": self.year, "final": self.final, "quarters": [q.as_json() for q in self.quarters],
                "previous_year": {g: s.value for g, s in self.previous.items() if groups is None or g in groups},
                "notes": self.notes(groups, quarter_scores=True)}

    # The units of judged groups with no year before of their own — set up by a
    # merge (SPEC §1 **Reading** in jcdc.units.merge_units) or later — for which
    # the two-year condition cannot be judged this year. (The last field.)
    new_units: tuple[NewUnit, ...] = ()


def quarter_words(quarters: list[Quarter]) -> str:
    """第二、三、四季度."""
    return "第" + "、".join("一二三四"[q.q - 1] for q in quarters) + "季度"


def _published(store: Store, units: list[Unit], year: int) -> tuple[list[Ranked], dict[str, tuple[str, ...]]]:
    """The year's published ranking as recorded (jcdc prior add), as rankings are
    compared, and the documents that published it, per group."""
    by_code = {u.code: u for u in units}
    rows, docs = [], {}
    for r in store.published_ranking(year):
        unit = by_code[r["unit"]]
        rows.append(Ranked(unit.code, unit.group, unit.category, r["score"], r["rank"]))
        group_docs = docs.setdefault(unit.group, [])
        if r["doc"] not in group_docs:
            group_docs.append(r["doc"])
    return rows, {g: tuple(d) for g, d in docs.items()}


def _ranking_of_year(store: Store, year: int, group: str | None = None) -> YearRanking:
    """year_ranking, but for the units that have no year before of their own."""
    units = store.units()
    _check_group(units, group)
    names = {u.code: u.name for u in store.units(on=Quarter(year, 4).end)}  # the year's last day's names
    rules = rules_of(store, Quarter(year, 4))
    ranking = _year_ranking(store, units, year)
    published, docs = _published(store, units, year - 1)
    before, sources = previous_year(_year_ranking(store, units, year - 1), published)
    flags = annual_flags(ranking, before, rules)
    earlier = {r.unit: r for r in before}
    notes: dict[str, list[str]] = {}
    ties = boundary_ties(ranking, flags, rules)
    for tie in ties:
        for unit in tie.tied:
            notes.setdefault(unit, []).append(tie_note(tie, rules))
    tied = _tied(ranking)
    rows = []
    for r in ranking:
        if group is not None and r.group != group:
            continue
        prev = earlier.get(r.unit)
        rows.append(RankRow(str(year), r.group, r.rank, r.unit, names[r.unit], r.score, None, tuple(flags[r.unit]),
                            tied[r.unit], tuple(notes.get(r.unit, ())), rules.base,
                            r.score - prev.score if prev else None, prev.score if prev else None,
                            prev.rank if prev else None))
    # 第十七条 needs both years: an assessed group of three or more whose year
    # before is neither in the ledger nor recorded as published cannot be judged.
    sizes = Counter(r.group for r in ranking)
    assessed = {r.group for r in ranking if r.scored}
    eligible = [g for g in _group_order(units) if g in assessed and sizes[g] >= rules.accountability.min_group
                and (group is None or g == group)]
    unjudged = tuple(g for g in eligible if g not in sources)
    judged = tuple(g for g in eligible if g in sources)
    closed = store.closed_quarters()
    quarters, scores = [], {}
    for n in range(1, 5):
        q = Quarter(year, n)
        empty = not store.sums(q.key, q.key)
        quarters.append(QuarterState(q, q.key in closed, empty))
        ranked = {} if empty else {r.unit: r.score for r in
                                   rank_groups(_members(units, q, q), store.sums(q.key, q.key), rules_of(store, q))}
        for r in ranking:
            scores.setdefault(r.unit, []).append(ranked.get(r.unit))
    return YearRanking(year, _ordered(rows, _group_order(units)), tuple(quarters),
                       {u: tuple(v) for u, v in scores.items()}, sources,
                       {g: d for g, d in docs.items() if group is None or g == group}, unjudged, judged,
                       tuple(t for t in ties if group is None or t.group == group), rules)


def year_ranking(store: Store, year: int, group: str | None = None) -> YearRanking:
    """The ranking of `year` with everything every annual view shows, computed once."""
    ranked = _ranking_of_year(store, year, group)
    return replace(ranked, new_units=_new_units(store, ranked))


def _new_units(store: Store, ranked: YearRanking) -> tuple[NewUnit, ...]:
    """The units of the judged groups ranked in the year with no ranking of their
    own the year before (第十七条's two years cannot be judged for them): set up
    by a merge (机构改革), or later."""
    from jcdc.units import predecessors

    merged_from = predecessors(store)
    by_code = {u.code: u for u in store.units()}
    year, out = ranked.year, []
    for r in ranked.rows:
        if r.group not in ranked.judged or r.previous_score is not None:
            continue
        since = [(code, day) for code, day in merged_from.get(r.unit, ()) if day.year == year]
        if since and by_code[r.unit].valid_from == since[0][1]:
            day = since[0][1]
            out.append(NewUnit(r.group, r.unit, r.name, year, day,
                               tuple(by_code[c].name_on(day - dt.timedelta(days=1)) for c, _ in since)))
        else:
            out.append(NewUnit(r.group, r.unit, r.name, year))
    return tuple(out)


def annual(store: Store, year: int, group: str | None = None) -> list[RankRow]:
    return year_ranking(store, year, group).rows


def _tied(ranking: list[Ranked]) -> dict[str, int]:
    """Each unit: how many units of its group share its rank (1 when none)."""
    shared = Counter((r.group, r.rank) for r in ranking)
    return {r.unit: shared[(r.group, r.rank)] for r in ranking}


def tie_note(tie: BoundaryTie, rules: RuleSet | None = None) -> str:
    """The words that say a tie widens a consequence (SPEC §3 Ties at a boundary),
    in the words of the rule set that judged the year."""
    from jcdc.ruleset.words import fill

    return fill(msg.TIE_NOTE[tie.boundary.value], rules).format(
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


def _previous_quarter(quarter: Quarter) -> Quarter:
    return Quarter(quarter.year - 1, 4) if quarter.q == 1 else Quarter(quarter.year, quarter.q - 1)


def _quarter_ranking(store: Store, units: list[Unit], quarter: Quarter, from_ledger: bool = False) -> list[Ranked]:
    return rank_groups(_members(units, quarter, quarter), store.sums(quarter.key, quarter.key, from_ledger),
                       rules_of(store, quarter), store.standing_units(quarter.key, quarter.key))


def quarterly(store: Store, quarter: Quarter, group: str | None = None,
              from_ledger: bool = False) -> list[RankRow]:
    """`from_ledger`: add up the entries themselves rather than the stored totals.
    The change (较上季度) is on the quarter before, where the unit's group had
    standing entries then."""
    units = store.units()
    _check_group(units, group)
    names = {u.code: u.name for u in store.units(on=quarter.end)}  # the quarter's last day's names
    rules = rules_of(store, quarter)
    ranking = _quarter_ranking(store, units, quarter, from_ledger)
    before = _quarter_ranking(store, units, _previous_quarter(quarter), from_ledger)
    assessed = {r.group for r in before if r.scored}
    earlier = {r.unit: r for r in before if r.group in assessed}
    ytd = store.sums(Quarter(quarter.year, 1).key, quarter.key, from_ledger)
    tied = _tied(ranking)
    rows = []
    for r in ranking:
        if group is not None and r.group != group:
            continue
        prev = earlier.get(r.unit)
        rows.append(RankRow(str(quarter), r.group, r.rank, r.unit, names[r.unit], r.score,
                            rules.base + ytd.get(r.unit, 0), tied=tied[r.unit], base=rules.base,
                            change=r.score - prev.score if prev else None,
                            previous_score=prev.score if prev else None,
                            previous_rank=prev.rank if prev else None))
    return _ordered(rows, _group_order(units))


def as_closed(quarter: Quarter, published: list[dict], group: str | None = None) -> list[RankRow]:
    """A closed quarter's ranking as recorded when it was closed (jcdc close), not
    as the stored totals give it now: that is what was published."""
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
        raise JcdcError(fill(msg.PERIOD_NO_ENTRIES, rules_of(store, last)).format(period=label))


def _group_order(units: list[Unit]) -> list[str]:
    """Groups in roster order: 县区, 市直, 驻市 for Jincheng's roster."""
    return list(dict.fromkeys(u.group for u in units))
