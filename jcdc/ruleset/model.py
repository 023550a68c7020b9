"""What a rule set holds, once loaded: frozen values the rules read their figures from.

A rule set is one version of a city's (or a county's) rules, as a file
(jcdc/rulesets/*.toml, docs/rulesets.md). Everything here is data; the
engine — how a range is checked, how returns escalate, how ties are ranked —
is the pure code of jcdc/rules/, which takes these values as parameters.
All figures are integers in tenths of a point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from jcdc.model import Category, fmt_points


class Per(str, Enum):
    ITEM = "item"                  # 每项
    OCCURRENCE = "occurrence"      # 每次
    DAY = "day"                    # 每次每迟报一天
    UNIT_QUARTER = "unit-quarter"  # 每季度, at most once per unit


@dataclass(frozen=True)
class Amount:
    """A fixed figure (low == high) or a range the clerk states a figure in.

    `or_zero`: zero is allowed besides the range (积分办法 第十二条(一): 可不予减分或酌情减1—3分).
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
class Escalation:
    """A figure that grows with each repetition of the same matter: the n-th
    costs first + (n − 1) × step (积分办法 第十二条(三) 退回重报)."""

    first: int
    step: int

    def nth(self, earlier: int) -> int:
        return self.first + self.step * earlier


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
    escalation: Escalation | None = None  # 13710-returned: the figure depends on earlier returns
    once_per_matter: bool = False
    # **Reading** (SPEC §2, once per matter): rules of one `once_group` share the
    # once-per-matter bar (a matter has one rating: 优秀 or 良好, not both).
    once_group: str | None = None
    # 第十一、十二条(三) 承办单位: an entry naming a matter the ledger records goes to
    # that matter's lead (牵头承办) unit, never another.
    handling_unit: bool = False

    @property
    def escalates(self) -> bool:
        return self.escalation is not None

    def amount(self, role) -> Amount | None:
        return self.lead if role.value == "lead" else self.coop


@dataclass(frozen=True)
class Group:
    """A ranking group (积分办法 第二条): the categories ranked in it and the
    heading documents give it."""

    name: str
    categories: tuple[Category, ...]
    heading: str
    cite: str


@dataclass(frozen=True)
class Accountability:
    """积分办法 第十七条: at or below `at_or_below` and among the bottom `bottom`
    of the group in `years` consecutive years; groups of `min_group` or more."""

    at_or_below: int
    bottom: int
    years: int
    min_group: int
    cite: str


@dataclass(frozen=True)
class Exemption:
    """积分办法 第十九条: the units ranked `top` or better among those of `group`
    (and of `category`, where given) are flagged `flag`."""

    flag: str
    group: str | None
    category: Category | None
    top: int
    label: str
    cite: str
    among: str = ""                   # how the 通报 names the units it ranks among: 县(市、区), 市直相关单位
    inspections: tuple[str, ...] = ()  # whose 大督查 it concerns: 国务院, 省政府; 市政府


@dataclass(frozen=True)
class Teams:
    """三库办法 第九条 (seats of a special inspection's team), 第十四条 (its report)."""

    full: int
    part: int
    invited: int
    attendant: int
    report_days: int
    cite: str
    report_cite: str


@dataclass(frozen=True)
class Deadlines:
    """快速处置 二: days of each class of rectification, and the extension cap."""

    general: int
    major: int
    policy: int
    conduct: int
    extension_max: int
    cite: str
    policy_cite: str
    conduct_cite: str
    extension_cite: str


@dataclass(frozen=True)
class Matters:
    """The 13710 system: a matter's nodes (days after opening) and key supervision."""

    deploy: int
    progress: int
    general: int
    major: int
    key_late: int
    key_cite: str


@dataclass(frozen=True)
class Documents:
    """The 通报's 发文机关, 主送机关, 抄送 and 印发机关."""

    issuer: str
    recipients: str
    copy_to: str
    printer: str
    office: str = ""                  # the office that scores, as the 通报 names it: 市政府办公厅督查室
    government: str = ""              # the government its proposals go to for approval: 市政府
    titles: dict[str, str] = field(default_factory=dict)  # 积分办法 → 晋城市政府督查工作激励积分办法(试行)


@dataclass(frozen=True)
class Cases:
    """The 组织调整/组织处理 of a confirmed case is executed, and a unit's 通报 has its
    约谈, within `execute_months` calendar months of the confirmation."""

    execute_months: int
    cite: str


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    name: str
    issuer: str
    document: str
    effective: dt.date
    base: int
    base_cite: str
    scorers: dict[str, str]
    rules: dict[str, Rule]
    groups: dict[str, Group]
    report_groups: tuple[str, ...]
    report_cite: str
    accountability: Accountability
    exemptions: tuple[Exemption, ...]
    teams: Teams
    deadlines: Deadlines
    matters: Matters
    documents: Documents
    cases: Cases
    office: str = ""                 # the office whose ledger this is: 晋城市政府办公厅督查室
    area: str = ""                   # the area whose units it assesses: 晋城市
    source: str | None = None        # the file name of the text the rules quote, beside the rule set
    data: dict = field(default_factory=dict, compare=False, repr=False)  # the file as read (extends resolved)
    hash: str = ""                   # sha256 of the canonical form of `data`

    @property
    def opener(self) -> str:
        """The scorer that stands for a 13710 matter's opener (积分办法 第十六条)."""
        return self.scorers["opener"]

    def group_of(self, category: Category) -> str:
        """The ranking group a unit of `category` is ranked in, unless configured otherwise."""
        for group in self.groups.values():
            if category in group.categories:
                return group.name
        raise KeyError(category)

    @property
    def reported_categories(self) -> frozenset[Category]:
        """积分办法 第十八条: the categories of the groups whose rankings are reported."""
        return frozenset(c for name in self.report_groups for c in self.groups[name].categories)
