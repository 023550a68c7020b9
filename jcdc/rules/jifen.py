"""积分办法 — 晋城市政府督查工作激励积分办法(试行), 晋市政办〔2017〕101号.

The catalogue of 第十一、十二条 as data, and the pure functions that score an
entry and rank the units (第十、十三、十七—十九条). All figures are integers
in tenths of a point. No SQL, no clock, no randomness here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from jcdc import messages as msg
from jcdc.model import Category, JcdcError, Role, fmt_points

DOC = "积分办法"

# 第十条: 积分以100分为基准.
BASE = 1000  # tenths
BASE_CITE = f"{DOC} 第十条"


class Per(str, Enum):
    ITEM = "item"                  # 每项
    OCCURRENCE = "occurrence"      # 每次
    DAY = "day"                    # 每次每迟报一天
    UNIT_QUARTER = "unit-quarter"  # 每季度, at most once per unit


PER_LABEL = {
    Per.ITEM: "每项",
    Per.OCCURRENCE: "每次",
    Per.DAY: "每迟报一天",
    Per.UNIT_QUARTER: "每单位每季度一次",
}

# Who scores (第十四—十六条).
OFFICE = "督查室"          # 第十四条, 第十六条: inspections, 13710 system use, key supervision
SECTIONS = "相关科室"      # 第十五条: third-party / expert / public evaluation
OPENER = "立项主体"        # 第十六条: a 13710 matter's handling units


@dataclass(frozen=True)
class Amount:
    """A fixed figure (low == high) or a range the clerk states a figure in.

    `or_zero`: zero is allowed besides the range (第十二条(一): 可不予减分或酌情减1—3分).
    """

    low: int
    high: int
    or_zero: bool = False

    @property
    def fixed(self) -> bool:
        return self.low == self.high and not self.or_zero

    def allows(self, tenths: int) -> bool:
        return self.low <= tenths <= self.high or (self.or_zero and tenths == 0)

    def __str__(self) -> str:
        if self.fixed:
            return fmt_points(self.low, signed=True)
        text = f"{fmt_points(self.low, signed=True)} … {fmt_points(self.high, signed=True)}"
        return f"0 或 {text}" if self.or_zero else text


def fixed(tenths: int) -> Amount:
    return Amount(tenths, tenths)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str                # the short Chinese name clerks and spreadsheets use: 存在问题
    cite: str
    title: str
    text: str                # the article's words this rule applies
    lead: Amount | None      # 牵头单位
    coop: Amount | None      # 配合单位
    per: Per
    scorer: str
    needs_matter: bool = False
    escalates: bool = False  # 13710-returned: the figure depends on earlier returns
    once_per_matter: bool = False

    def amount(self, role: Role) -> Amount | None:
        return self.lead if role is Role.LEAD else self.coop


_11_1 = "因督查事项推动落实较好,受到市级以上表彰的,牵头单位每项加10—20分,配合单位加5—10分。"
_11_2 = "第三方评估、专家论证或公众评价认定政策举措落实较好的,牵头单位每项加10分,配合单位加5分。"
_11_3 = ("“13710”信息督办系统事项:根据纳入事项数量,每项加0.5分,推动落实不力、被动纳入的不予积分。"
         "事项办结经审定为优秀的,每项加3分,良好加1分。按照工作程序,每个时间节点均未被催办的,每季度加5分。")
_12_1 = ("国务院、国务院办公厅、省政府及市政府督查中认定存在问题的,牵头单位每项减5分,配合单位减3分;"
         "因配合单位不主动配合、推卸责任导致问题发生的,配合单位每项减5分,牵头单位可不予减分或酌情减1—3分。")
_12_2 = "经第三方评估、专家论证或公众评价认定政策举措落实不到位的,牵头单位每项减5分,配合单位减3分。"
_12_3 = ("“13710”信息督办系统事项:承办单位信息报送每逾期一次减0.5分;逾期2天以上、进入重点督办环节的,每项减5分;"
         "退回重报的,第一次减0.5分,以后每退回一次多减1分;办理结果被评为不合格的,每项每次减5分。")
_12_4a = "不配合或阻碍市政府开展各类督查、检查或者调研活动的,每次减5分。"
_12_4b = "对于市政府办公厅督查室要求限期上报的各项材料,每次每迟报一天减1分。"
_SANKU_6 = ("三库办法 第六条: 督查人员……按照要求完成督查任务,否则将按照《晋城市政府督查工作激励积分办法(试行)》"
            "对所在单位减分或予以调换。")


CATALOGUE: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("commend", "受表彰", f"{DOC} 第十一条(一)", "督查事项受市级以上表彰", _11_1,
             Amount(100, 200), Amount(50, 100), Per.ITEM, OFFICE),
        Rule("eval-good", "评估较好", f"{DOC} 第十一条(二)", "第三方评估等认定落实较好", _11_2,
             fixed(100), fixed(50), Per.ITEM, SECTIONS),
        Rule("13710-item", "纳入事项", f"{DOC} 第十一条(三)", "纳入“13710”系统事项", _11_3,
             fixed(5), None, Per.ITEM, OFFICE),
        Rule("13710-excellent", "办结优秀", f"{DOC} 第十一条(三)", "事项办结审定为优秀", _11_3,
             fixed(30), None, Per.ITEM, OPENER),
        Rule("13710-good", "办结良好", f"{DOC} 第十一条(三)", "事项办结审定为良好", _11_3,
             fixed(10), None, Per.ITEM, OPENER),
        Rule("13710-no-reminder", "未被催办", f"{DOC} 第十一条(三)", "时间节点均未被催办(季度)", _11_3,
             fixed(50), None, Per.UNIT_QUARTER, OFFICE),
        Rule("problem", "存在问题", f"{DOC} 第十二条(一)", "督查中认定存在问题", _12_1,
             fixed(-50), fixed(-30), Per.ITEM, OFFICE),
        Rule("coop-fault", "配合不力", f"{DOC} 第十二条(一)", "配合单位不主动配合导致问题", _12_1,
             Amount(-30, -10, or_zero=True), fixed(-50), Per.ITEM, OFFICE),
        Rule("eval-poor", "评估不到位", f"{DOC} 第十二条(二)", "第三方评估等认定落实不到位", _12_2,
             fixed(-50), fixed(-30), Per.ITEM, SECTIONS),
        Rule("13710-late", "报送逾期", f"{DOC} 第十二条(三)", "信息报送逾期", _12_3,
             fixed(-5), None, Per.OCCURRENCE, OPENER),
        Rule("13710-key", "重点督办", f"{DOC} 第十二条(三)", "逾期2天以上进入重点督办", _12_3,
             fixed(-50), None, Per.ITEM, OFFICE, needs_matter=True, once_per_matter=True),
        Rule("13710-returned", "退回重报", f"{DOC} 第十二条(三)", "退回重报", _12_3,
             None, None, Per.OCCURRENCE, OPENER, needs_matter=True, escalates=True),
        Rule("13710-unqualified", "结果不合格", f"{DOC} 第十二条(三)", "办理结果被评为不合格", _12_3,
             fixed(-50), None, Per.ITEM, OPENER),
        Rule("obstruct", "阻碍督查", f"{DOC} 第十二条(四); 三库办法 第六条", "不配合或阻碍督查、检查、调研",
             f"{_12_4a}\n{_SANKU_6}", fixed(-50), None, Per.OCCURRENCE, OFFICE),
        Rule("late-material", "材料迟报", f"{DOC} 第十二条(四)", "限期材料迟报", _12_4b,
             fixed(-10), None, Per.DAY, OFFICE),
    )
}


def returned_points(earlier_returns: int) -> int:
    """积分办法 第十二条(三): 退回重报的,第一次减0.5分,以后每退回一次多减1分.

    **Reading** (SPEC §2): the n-th return of the same matter costs
    0.5 + (n − 1) points: −0.5, −1.5, −2.5, …
    """
    return -(5 + 10 * earlier_returns)


def standing_return_charges(standing: list[tuple[int, int]]) -> dict[int, int]:
    """积分办法 第十二条(三): what each standing return of one matter costs, by its
    place among the returns still standing.

    `standing`: (entry id, qty) of the matter's unreversed returns, in the
    order they were recorded. **Reading** (SPEC §2): a revoked return is not a
    return — it leaves the count, and every return after it moves up a place.
    """
    charges, earlier = {}, 0
    for entry_id, qty in standing:
        charges[entry_id] = sum(returned_points(earlier + k) for k in range(qty))
        earlier += qty
    return charges


def escalation_label() -> str:
    """The escalation as the clerk reads it: "-0.5, -1.5, -2.5 …"."""
    return ", ".join(fmt_points(returned_points(n)) for n in range(3)) + " …"


# **Reading**: one entry counts at most this many items, occurrences or days
# late; a larger count is a typing mistake (and would overflow the ledger).
MAX_QTY = 999


def entry_points(rule: Rule, role: Role, stated: int | None, qty: int, earlier_returns: int = 0) -> int:
    """The figure of one entry, in tenths, from the rule and what the clerk said.

    A fixed figure is applied by the rule and never typed; a range needs the
    clerk's figure and refuses one outside it; `qty` multiplies.
    """
    if qty < 1:
        raise JcdcError(msg.BAD_QTY.format(qty=qty))
    if qty > MAX_QTY:
        raise JcdcError(msg.QTY_TOO_LARGE.format(qty=qty, max=MAX_QTY))
    if rule.per is Per.UNIT_QUARTER and qty != 1:
        raise JcdcError(msg.QTY_ONCE.format(rule=rule.code))
    if rule.once_per_matter and qty != 1:
        raise JcdcError(msg.QTY_ONCE_MATTER.format(rule=rule.code))
    if rule.escalates:
        if role is not Role.LEAD:
            raise JcdcError(msg.ROLE_NOT_IN_RULE.format(rule=rule.code, role=msg.ROLE[role]))
        if stated is not None:
            raise JcdcError(msg.POINTS_FIXED.format(rule=rule.code, amount=escalation_label()))
        return sum(returned_points(earlier_returns + k) for k in range(qty))
    amount = rule.amount(role)
    if amount is None:
        raise JcdcError(msg.ROLE_NOT_IN_RULE.format(rule=rule.code, role=msg.ROLE[role]))
    if amount.fixed:
        if stated is not None and stated != amount.low:
            raise JcdcError(msg.POINTS_FIXED.format(rule=rule.code, amount=amount))
        return amount.low * qty
    if stated is None:
        raise JcdcError(msg.POINTS_NEEDED.format(rule=rule.code, amount=amount))
    if not amount.allows(stated):
        raise JcdcError(msg.POINTS_OUT_OF_RANGE.format(
            rule=rule.code, points=fmt_points(stated, signed=True), amount=amount))
    return stated * qty


# --- scores and rankings (第十、十三、十七—十九条) ---------------------------------


def competition_ranks(scores: Mapping[str, int]) -> dict[str, int]:
    """Highest first; equal scores share a rank and the next rank skips (1, 2, 2, 4).

    **Reading** (SPEC §3): no hidden tie-break.
    """
    return {code: 1 + sum(1 for other in scores.values() if other > s) for code, s in scores.items()}


# **Reading** (SPEC §3): groups smaller than this have no "bottom two".
MIN_GROUP_FOR_BOTTOM_TWO = 3


def bottom_two(scores: Mapping[str, int], code: str) -> bool:
    """积分办法 第十七条 倒数后2位: fewer than two units of the group scored strictly lower.

    Ties can make it hold for three units; that is the rule as written.
    """
    if len(scores) < MIN_GROUP_FOR_BOTTOM_TWO or code not in scores:
        return False
    return sum(1 for s in scores.values() if s < scores[code]) < 2


def at_or_below_base(score: int) -> bool:
    """积分办法 第十七条 年度总积分在基准分以下.

    **Reading** (SPEC §3): the base itself is included — in Chinese legal
    drafting 以上、以下、以内 include the number (as 逾期2天以上 includes 2 days).
    """
    return score <= BASE


class Flag(str, Enum):
    ACCOUNTABILITY = "accountability"
    EXEMPT_RECOMMENDED = "exempt-recommended"
    EXEMPT = "exempt"


FLAG_CITE = {
    Flag.ACCOUNTABILITY: f"{DOC} 第十七条; 追究办法 第五条(五)",
    Flag.EXEMPT_RECOMMENDED: f"{DOC} 第十九条",
    Flag.EXEMPT: f"{DOC} 第十九条",
}

# 第十九条: 年度总积分排名前3位的市直相关单位 … 免督查.
CITY_EXEMPT_TOP = 3
CITY_GROUP = "市直"


@dataclass(frozen=True)
class Ranked:
    unit: str
    group: str
    category: Category
    score: int  # BASE + sum, tenths
    rank: int
    scored: bool = True  # the unit has entries in the period (a figure of 0 included)


def rank_groups(members: Iterable[tuple[str, str, Category]], sums: Mapping[str, int]) -> list[Ranked]:
    """Rank every unit within its group; a unit without entries scores the base.

    `members`: (code, group, category) of the units in force in the period.
    """
    by_group: dict[str, dict[str, int]] = {}
    category: dict[str, Category] = {}
    for code, group, cat in members:
        by_group.setdefault(group, {})[code] = BASE + sums.get(code, 0)
        category[code] = cat
    out: list[Ranked] = []
    for group, scores in by_group.items():
        ranks = competition_ranks(scores)
        out.extend(Ranked(code, group, category[code], scores[code], ranks[code], code in sums)
                   for code in scores)
    return out


def _assessed(ranking: list[Ranked]) -> set[str]:
    return {r.group for r in ranking if r.scored}


def annual_flags(year: list[Ranked], previous: list[Ranked]) -> dict[str, list[Flag]]:
    """The consequences of a year's ranking, 积分办法 第十七、十九条.

    - accountability (第十七条): annual score at or below the base (基准分以下,
      the base included: see at_or_below_base), and bottom two of its group
      both this year and the year before (groups of three or more).
    - exempt-recommended (第十九条): the county with the highest annual score.
    - exempt (第十九条): city units (group 市直) ranked 1–3. Ties share.
    """
    def scores_by_group(ranking: list[Ranked]) -> dict[str, dict[str, int]]:
        groups: dict[str, dict[str, int]] = {}
        for r in ranking:
            groups.setdefault(r.group, {})[r.unit] = r.score
        return groups

    # **Reading**: a group none of whose units has an entry in a year was not
    # assessed that year — its units all sit at the base, tied, and "bottom two"
    # or "top three" among them would be an artefact of an empty ledger (a first
    # year with jcdc, say). Such a group-year has no consequences.
    flags: dict[str, list[Flag]] = {r.unit: [] for r in year}
    year = [r for r in year if r.group in _assessed(year)]
    previous = [r for r in previous if r.group in _assessed(previous)]
    now, before = scores_by_group(year), scores_by_group(previous)
    prev_group = {r.unit: r.group for r in previous}

    for r in year:
        last_group = prev_group.get(r.unit)
        if (at_or_below_base(r.score) and bottom_two(now[r.group], r.unit)
                and last_group is not None and bottom_two(before[last_group], r.unit)):
            flags[r.unit].append(Flag.ACCOUNTABILITY)

    counties = [r for r in year if r.category is Category.COUNTY]
    if counties:
        top = max(r.score for r in counties)
        for r in counties:
            if r.score == top:
                flags[r.unit].append(Flag.EXEMPT_RECOMMENDED)

    for r in year:
        if r.group == CITY_GROUP and r.rank <= CITY_EXEMPT_TOP:
            flags[r.unit].append(Flag.EXEMPT)
    return flags


# --- ties at a boundary (SPEC §3) -------------------------------------------------

# How many units each consequence reaches by the words of the article.
RECOMMENDED_COUNTIES = 1  # 第十九条: 排名第1位的县(市、区)
BOTTOM_COUNT = 2          # 第十七条: 倒数后2位


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


def boundary_ties(year: list[Ranked], flags: Mapping[str, list[Flag]]) -> list[BoundaryTie]:
    """The ties of a year's ranking (with its annual_flags) that widen a consequence:
    more than 1 recommended county, more than 3 exempt city units, more than 2
    units in an assessed group's bottom two."""
    ties: list[BoundaryTie] = []

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
        if len(recommended) > RECOMMENDED_COUNTIES:
            add(group, Boundary.EXEMPT_RECOMMENDED, recommended, recommended[0].rank,
                (r.unit for r in recommended), RECOMMENDED_COUNTIES)
        exempt = [r for r in members if Flag.EXEMPT in flags.get(r.unit, ())]
        if len(exempt) > CITY_EXEMPT_TOP:
            add(group, Boundary.EXEMPT, exempt, exempt[-1].rank, (r.unit for r in exempt), CITY_EXEMPT_TOP)
        if group in assessed:
            scores = {r.unit: r.score for r in members}
            bottom = [r for r in members if bottom_two(scores, r.unit)]
            if len(bottom) > BOTTOM_COUNT:
                add(group, Boundary.BOTTOM_TWO, bottom, bottom[0].rank,
                    (r.unit for r in bottom if Flag.ACCOUNTABILITY in flags.get(r.unit, ())), BOTTOM_COUNT)
    return ties


# 积分办法 第十八条: 各县(市、区)、开发区和市直相关单位的年度积分排名, 报年度目标考核
# 领导小组办公室. 驻市 units are not named there and are not in that report (SPEC §3).
REPORTED_CATEGORIES = frozenset({Category.COUNTY, Category.DEVZONE, Category.CITY})

# 积分办法 第二条 and SPEC §1: a category's ranking group, unless configured otherwise.
DEFAULT_GROUP = {
    Category.COUNTY: "县区",
    Category.DEVZONE: "县区",  # ranked with the counties
    Category.CITY: "市直",
    Category.STATIONED: "驻市",
}
