"""积分办法 — 晋城市政府督查工作激励积分办法(试行), 晋市政办〔2017〕101号.

The catalogue of 第十一、十二条 as data, and the pure functions that score an
entry and rank the units (第十、十三、十七—十九条). All figures are integers
in tenths of a point. No SQL, no clock, no randomness here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from jcdc import messages as msg
from jcdc.model import Category, InputError, JcdcError, Role, fmt_points
from jcdc.ruleset import Amount, Per, Rule, RuleSet, builtin, fixed  # noqa: F401 (the rule types, re-exported)
from jcdc.ruleset.words import fill

DOC = "积分办法"

# The rule set jcdc applies unless a ledger says otherwise: Jincheng's, loaded
# from jcdc/rulesets/jincheng-2017.toml the way a county's file is.
RULES: RuleSet = builtin()

# 第十条: 积分以100分为基准.
BASE = RULES.base  # tenths
BASE_CITE = RULES.base_cite

PER_LABEL = {
    Per.ITEM: "每项",
    Per.OCCURRENCE: "每次",
    Per.DAY: "每迟报一天",
    Per.UNIT_QUARTER: "每单位每季度一次",
}

# Who scores (第十四—十六条).
OFFICE = RULES.scorers["office"]      # 第十四条, 第十六条: inspections, 13710 system use, key supervision
SECTIONS = RULES.scorers["sections"]  # 第十五条: third-party / expert / public evaluation
OPENER = RULES.opener                 # 第十六条: a 13710 matter's handling units

# 第十一、十二条: the catalogue, in the order of the articles.
CATALOGUE: dict[str, Rule] = RULES.rules
RETURNED = "13710-returned"


def once_rules(rule: Rule) -> tuple[str, ...]:
    """The rules whose standing entry for a matter bars another entry of `rule`
    for it: itself, and the rules of its once_group (a matter has one rating)."""
    if rule.once_group is None:
        return (rule.code,)
    return tuple(c for c, r in CATALOGUE.items() if r.once_group == rule.once_group)


def once_per_matter_applies(rule: Rule, matter: str | None) -> bool:
    """**Reading** (SPEC §2, once per matter): a once-per-matter rule binds an
    entry that names a matter (13710-key always does); one that names none is a
    count of matters (根据纳入事项数量) where the rule allows it."""
    return rule.once_per_matter and (matter is not None or rule.needs_matter)


def returned_points(earlier_returns: int, rule: Rule | None = None) -> int:
    """积分办法 第十二条(三): 退回重报的,第一次减0.5分,以后每退回一次多减1分.

    **Reading** (SPEC §2): the n-th return of the same matter costs
    first + (n − 1) × step points (the rule set's `first` and `step`):
    −0.5, −1.5, −2.5, … under Jincheng's.
    """
    return (rule or CATALOGUE[RETURNED]).escalation.nth(earlier_returns)


def standing_return_charges(standing: list[tuple[int, int]], rule: Rule | None = None,
                            rule_of: Mapping[int, Rule] | None = None) -> dict[int, int]:
    """积分办法 第十二条(三): what each standing return of one matter costs, by its
    place among the returns still standing.

    `standing`: (entry id, qty) of the matter's unreversed returns, in the
    order they were recorded. **Reading** (SPEC §2): a revoked return is not a
    return — it leaves the count, and every return after it moves up a place.
    `rule_of`: the rule each return was scored under (its rule-set version),
    where the matter's returns span a revision; else `rule`.
    """
    charges, earlier = {}, 0
    for entry_id, qty in standing:
        own = rule_of.get(entry_id, rule) if rule_of else rule
        charges[entry_id] = sum(returned_points(earlier + k, own) for k in range(qty))
        earlier += qty
    return charges


def escalation_label(rule: Rule | None = None) -> str:
    """The escalation as the clerk reads it: "-0.5, -1.5, -2.5 …"."""
    return ", ".join(fmt_points(returned_points(n, rule)) for n in range(3)) + " …"


# **Reading**: one entry counts at most this many items, occurrences or days
# late; a larger count is a typing mistake (and would overflow the ledger).
MAX_QTY = 999


def entry_points(rule: Rule, role: Role, stated: int | None, qty: int, earlier_returns: int = 0,
                 matter: str | None = None) -> int:
    """The figure of one entry, in tenths, from the rule and what the clerk said.

    A fixed figure is applied by the rule and never typed; a range needs the
    clerk's figure and refuses one outside it; `qty` multiplies.
    """
    if qty < 1:  # not a quantity at all: a usage mistake, as a malformed one is (exit 2)
        raise InputError(msg.BAD_QTY.format(qty=qty))
    if qty > MAX_QTY:
        raise InputError(msg.QTY_TOO_LARGE.format(qty=qty, max=MAX_QTY))
    if rule.per is Per.UNIT_QUARTER and qty != 1:
        raise JcdcError(msg.QTY_ONCE.format(rule=rule.code))
    if once_per_matter_applies(rule, matter) and qty != 1:
        raise JcdcError(msg.QTY_ONCE_MATTER.format(rule=rule.code))
    if rule.escalates:
        if role is not Role.LEAD:
            raise JcdcError(msg.ROLE_NOT_IN_RULE.format(rule=rule.code, role=msg.ROLE[role]))
        if stated is not None:
            raise JcdcError(msg.POINTS_FIXED.format(rule=rule.name, amount=escalation_label(rule)))
        return sum(returned_points(earlier_returns + k, rule) for k in range(qty))
    amount = rule.amount(role)
    if amount is None:
        raise JcdcError(msg.ROLE_NOT_IN_RULE.format(rule=rule.code, role=msg.ROLE[role]))
    if amount.fixed:
        if stated is not None and stated != amount.low:
            raise JcdcError(msg.POINTS_FIXED.format(rule=rule.name, amount=amount))
        return amount.low * qty
    if stated is None:
        raise JcdcError(msg.POINTS_NEEDED.format(rule=rule.name, amount=amount))
    if not amount.allows(stated):
        raise JcdcError(msg.POINTS_OUT_OF_RANGE.format(
            rule=rule.name, points=fmt_points(stated, signed=True), amount=amount))
    return stated * qty


# --- scores and rankings (第十、十三、十七—十九条) ---------------------------------


def competition_ranks(scores: Mapping[str, int]) -> dict[str, int]:
    """Highest first; equal scores share a rank and the next rank skips (1, 2, 2, 4).

    **Reading** (SPEC §3): no hidden tie-break.
    """
    return {code: 1 + sum(1 for other in scores.values() if other > s) for code, s in scores.items()}


def bottom_two(scores: Mapping[str, int], code: str, rules: RuleSet = RULES) -> bool:
    """积分办法 第十七条 倒数后2位: fewer than `bottom` (2) units of the group scored
    strictly lower; groups smaller than `min_group` (3) have none (**Reading**, SPEC §3).

    Ties can make it hold for three units; that is the rule as written.
    """
    acc = rules.accountability
    if len(scores) < acc.min_group or code not in scores:
        return False
    return sum(1 for s in scores.values() if s < scores[code]) < acc.bottom


def at_or_below_base(score: int, rules: RuleSet = RULES) -> bool:
    """积分办法 第十七条 年度总积分在基准分以下.

    **Reading** (SPEC §3): the base itself is included — in Chinese legal
    drafting 以上、以下、以内 include the number (as 逾期2天以上 includes 2 days).
    """
    return score <= rules.accountability.at_or_below


class Flag(str, Enum):
    ACCOUNTABILITY = "accountability"
    EXEMPT_RECOMMENDED = "exempt-recommended"
    EXEMPT = "exempt"


def flag_cite(rules: RuleSet = RULES) -> dict[Flag, str]:
    """The article each consequence rests on, as the rule set cites it."""
    cites = {Flag.ACCOUNTABILITY: rules.accountability.cite}
    cites.update({Flag(e.flag): e.cite for e in rules.exemptions})
    return cites


FLAG_CITE = flag_cite()


def flag_note(flag: str, rules: RuleSet = RULES) -> str:
    """The line under a ranking that says what a consequence is, in the rule set's figures."""
    return fill(msg.FLAG_NOTE[flag], rules).format(cite=flag_cite(rules)[Flag(flag)])


def rank_footnote(rules: RuleSet = RULES) -> str:
    """积分办法 第十条, under every ranking: the base, as the rule set fixes it."""
    return fill(msg.RANK_FOOTNOTE, rules)


@dataclass(frozen=True)
class Ranked:
    unit: str
    group: str
    category: Category
    score: int  # BASE + sum, tenths
    rank: int
    scored: bool = True  # the unit has entries in the period (a figure of 0 included)


def rank_groups(members: Iterable[tuple[str, str, Category]], sums: Mapping[str, int],
                rules: RuleSet = RULES, standing: Collection[str] | None = None) -> list[Ranked]:
    """Rank every unit within its group; a unit without entries scores the base.

    `members`: (code, group, category) of the units in force in the period;
    `standing`: the units with a standing entry in it (SPEC §3: an entry and
    its reversal are not a score) — those are `scored`; without it, any entry.
    """
    by_group: dict[str, dict[str, int]] = {}
    category: dict[str, Category] = {}
    for code, group, cat in members:
        by_group.setdefault(group, {})[code] = rules.base + sums.get(code, 0)
        category[code] = cat
    out: list[Ranked] = []
    for group, scores in by_group.items():
        ranks = competition_ranks(scores)
        scored = sums if standing is None else standing
        out.extend(Ranked(code, group, category[code], scores[code], ranks[code], code in scored)
                   for code in scores)
    return out


def _assessed(ranking: list[Ranked]) -> set[str]:
    return {r.group for r in ranking if r.scored}


class PreviousSource(str, Enum):
    """What a group's year before is judged from (SPEC §3)."""
    LEDGER = "ledger"          # its standing entries in the ledger
    PUBLISHED = "published"    # the ranking the office published (jcdc prior add)
    NONE = "none"              # neither: the two-year condition cannot be judged


def previous_year(ledger: list[Ranked], published: list[Ranked]) -> tuple[list[Ranked], dict[str, PreviousSource]]:
    """The year before, group by group, as 第十七条 and 较上年 compare with it: a
    published ranking where one is recorded for the group (it is what was
    published), else the ledger's ranking where the group had standing entries.
    Returns those rankings and each group's source; a group with neither is
    absent from both (**Reading** SPEC §3: the previous year the ledger never saw)."""
    covered = {r.group for r in published}
    assessed = _assessed(ledger)
    rows = [r for r in published] + [r for r in ledger if r.group in assessed and r.group not in covered]
    sources = {g: PreviousSource.PUBLISHED for g in covered}
    sources.update({g: PreviousSource.LEDGER for g in assessed if g not in covered})
    return rows, sources


def annual_flags(year: list[Ranked], previous: list[Ranked], rules: RuleSet = RULES) -> dict[str, list[Flag]]:
    """The consequences of a year's ranking, 积分办法 第十七、十九条.

    - accountability (第十七条): annual score at or below the base (基准分以下,
      the base included: see at_or_below_base), and bottom two of its group
      both this year and the year before (groups of three or more).
    - each exemption of the rule set (第十九条): the units ranked `top` or
      better among those of its group (and category): under Jincheng's, the
      county with the highest annual score (推荐免督查) and the city units
      (group 市直) ranked 1–3 (免督查). Ties share.
    """
    def scores_by_group(ranking: list[Ranked]) -> dict[str, dict[str, int]]:
        groups: dict[str, dict[str, int]] = {}
        for r in ranking:
            groups.setdefault(r.group, {})[r.unit] = r.score
        return groups

    # **Reading**: a group none of whose units has a standing entry in a year
    # (SPEC §3: an entry and its reversal are not a score) was not assessed that
    # year — its units all sit at the base, tied, and "bottom two"
    # or "top three" among them would be an artefact of an empty ledger (a first
    # year with jcdc, say). Such a group-year has no consequences.
    flags: dict[str, list[Flag]] = {r.unit: [] for r in year}
    year = [r for r in year if r.group in _assessed(year)]
    previous = [r for r in previous if r.group in _assessed(previous)]
    now, before = scores_by_group(year), scores_by_group(previous)
    prev_group = {r.unit: r.group for r in previous}

    for r in year:
        last_group = prev_group.get(r.unit)
        if (at_or_below_base(r.score, rules) and bottom_two(now[r.group], r.unit, rules)
                and last_group is not None and bottom_two(before[last_group], r.unit, rules)):
            flags[r.unit].append(Flag.ACCOUNTABILITY)

    for exemption in rules.exemptions:
        among = {r.unit: r.score for r in year
                 if (exemption.group is None or r.group == exemption.group)
                 and (exemption.category is None or r.category is exemption.category)}
        for unit, rank in competition_ranks(among).items():
            if rank <= exemption.top:
                flags[unit].append(Flag(exemption.flag))
    return flags


# --- ties at a boundary (SPEC §3) -------------------------------------------------

class Boundary(str, Enum):
    EXEMPT_RECOMMENDED = "exempt-recommended"  # 第十九条: the top county
    EXEMPT = "exempt"                          # 第十九条: 市直 ranked 1–3
    BOTTOM_TWO = "bottom-two"                  # 第十七条: 倒数后2位


@dataclass(frozen=True)
class BoundaryTie:
    """A tie that makes a consequence reach more units than its article names.

    **Reading** (SPEC §3): the text gives no tie-break, so every tied unit
    keeps the flag; the tool says so, and the office decides.
    """

    group: str
    boundary: Boundary
    rank: int                   # the rank shared at the boundary
    tied: tuple[str, ...]       # the units sharing it
    reached: tuple[str, ...]    # every unit the consequence reaches
    flagged: tuple[str, ...]    # of those, the units flagged (bottom two: accountability)
    limit: int                  # how many the article names


def boundary_ties(year: list[Ranked], flags: Mapping[str, list[Flag]], rules: RuleSet = RULES) -> list[BoundaryTie]:
    """The ties of a year's ranking (with its annual_flags) that widen a consequence:
    more units than an exemption's `top` (1 recommended county, 3 exempt city
    units under Jincheng's), more than `bottom` (2) units in an assessed
    group's bottom two."""
    ties: list[BoundaryTie] = []
    tops = {Flag(e.flag): e.top for e in rules.exemptions}
    bottom_count = rules.accountability.bottom

    def add(group: str, boundary: Boundary, reached: list[Ranked], edge_rank: int, flagged, limit: int):
        tied = tuple(r.unit for r in reached if r.rank == edge_rank)
        ties.append(BoundaryTie(group, boundary, edge_rank, tied, tuple(r.unit for r in reached),
                                tuple(flagged), limit))

    by_group: dict[str, list[Ranked]] = {}
    for r in year:
        by_group.setdefault(r.group, []).append(r)
    assessed = _assessed(year)
    for group, members in by_group.items():
        members = sorted(members, key=lambda r: (r.rank, r.unit))
        recommended = [r for r in members if Flag.EXEMPT_RECOMMENDED in flags.get(r.unit, ())]
        if Flag.EXEMPT_RECOMMENDED in tops and len(recommended) > tops[Flag.EXEMPT_RECOMMENDED]:
            add(group, Boundary.EXEMPT_RECOMMENDED, recommended, recommended[0].rank,
                (r.unit for r in recommended), tops[Flag.EXEMPT_RECOMMENDED])
        exempt = [r for r in members if Flag.EXEMPT in flags.get(r.unit, ())]
        if Flag.EXEMPT in tops and len(exempt) > tops[Flag.EXEMPT]:
            add(group, Boundary.EXEMPT, exempt, exempt[-1].rank, (r.unit for r in exempt), tops[Flag.EXEMPT])
        if group in assessed:
            scores = {r.unit: r.score for r in members}
            bottom = [r for r in members if bottom_two(scores, r.unit, rules)]
            if len(bottom) > bottom_count:
                add(group, Boundary.BOTTOM_TWO, bottom, bottom[0].rank,
                    (r.unit for r in bottom if Flag.ACCOUNTABILITY in flags.get(r.unit, ())), bottom_count)
    return ties


# 积分办法 第十八条: 各县(市、区)、开发区和市直相关单位的年度积分排名, 报年度目标考核
# 领导小组办公室. 驻市 units are not named there and are not in that report (SPEC §3).
REPORTED_CATEGORIES = RULES.reported_categories

# 积分办法 第二条 and SPEC §1: a category's ranking group, unless configured otherwise.
DEFAULT_GROUP = {category: RULES.group_of(category) for category in Category}
