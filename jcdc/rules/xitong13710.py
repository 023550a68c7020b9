"""The “13710” system (“13710”信息督办系统): a matter's time nodes, and what its
events score under 积分办法 第十一、十二条(三) and 第十六条, and when it becomes
an accountability trigger under 追究办法 第五条(二). Pure.

The “13710” 工作制度: 1 — deploy on the day a matter is assigned; 3 — report
progress within 3 days; 7 — settle an ordinary matter within 7 days; 10 — a
major or complex one within a month; 0 — follow every matter until it is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from jcdc import messages as msg
from jcdc.model import Quarter
from jcdc.rules.jifen import OPENER
from jcdc.rules.kuaisu import after
from jcdc.ruleset import Matters, builtin


class MatterClass(str, Enum):
    GENERAL = "general"  # 一般事项: settled within 7 days
    MAJOR = "major"      # 重大、复杂事项: within a month


# **Reading** (SPEC §6): "a month" for a major matter is 30 days.
# The days are the rule set's `matters` (jcdc/rulesets/, docs/rulesets.md).
_MATTERS = builtin().matters
RESULT_DAYS = {MatterClass.GENERAL: _MATTERS.general, MatterClass.MAJOR: _MATTERS.major}


@dataclass(frozen=True)
class NodeTerm:
    number: int
    what: str
    due: dt.date


def default_nodes(opened: dt.date, cls: MatterClass, matters: Matters | None = None) -> list[NodeTerm]:
    """The nodes every matter has: 1 day, 3 days, and 7 or 30 days after opening
    (the day of opening not counted, SPEC §6), under `matters` (the rule set in
    force on the day it is opened)."""
    m = matters or _MATTERS
    return [
        NodeTerm(1, msg.NODE_DEPLOYED, after(opened, m.deploy)),
        NodeTerm(2, msg.NODE_PROGRESS, after(opened, m.progress)),
        NodeTerm(3, msg.NODE_RESULT, after(opened, m.general if cls is MatterClass.GENERAL else m.major)),
    ]


def entry_rule(passive: bool) -> str | None:
    """积分办法 第十一条(三): 根据纳入事项数量, 每项加0.5分 … 被动纳入的不予积分."""
    return None if passive else "13710-item"


def days_late(due: dt.date, reported: dt.date) -> int:
    """Whole days past the end of the node's due day (SPEC §6)."""
    return max(0, (reported - due).days)


# **Reading** (SPEC §2): 逾期2天以上 — two days or more late enters key supervision
# (积分办法 第十二条(三)) and is an accountability trigger (追究办法 第五条(二)).
KEY_SUPERVISION_DAYS_LATE = _MATTERS.key_late
KEY_SUPERVISION_CITE = _MATTERS.key_cite


def enters_key_supervision(late: int, matters: Matters | None = None) -> bool:
    return late >= (matters or _MATTERS).key_late


LATE_RULE, KEY_RULE = "13710-late", "13710-key"


def report_rules(late: int, already_key: bool, matters: Matters | None = None) -> list[str]:
    """积分办法 第十二条(三): 信息报送每逾期一次减0.5分; 逾期2天以上、进入重点督办环节的,
    每项减5分 — charged once per matter (**Reading**, SPEC §2)."""
    if late == 0:
        return []
    if enters_key_supervision(late, matters) and not already_key:
        return [LATE_RULE, KEY_RULE]
    return [LATE_RULE]


def overdue_charges(due: dt.date, until: dt.date, matters: Matters | None = None) -> list[tuple[str, dt.date]]:
    """**Reading** (SPEC §2) a node never reported — 信息报送每逾期一次减0.5分;
    逾期2天以上、进入重点督办环节的, 每项减5分 (积分办法 第十二条(三)): it is overdue
    from the day after its deadline, exactly as a late report is (13710-late,
    dated that day), and in key supervision from the second day after it, as a
    report made that day would be (13710-key, dated that day; once per matter).
    `until`: the last day it stood unreported — the day looked at, or its
    matter's closing. Skipping a report never costs less than making it late."""
    late = days_late(due, until)
    found = []
    if late >= 1:
        found.append((LATE_RULE, due + dt.timedelta(days=1)))
    if enters_key_supervision(late, matters):
        found.append((KEY_RULE, due + dt.timedelta(days=(matters or _MATTERS).key_late)))
    return found


RETURN_RULE = "13710-returned"  # 退回重报: escalates per matter (jifen.returned_points)

# 积分办法 第十一条(三) 事项办结经审定为优秀的, 每项加3分, 良好加1分;
# 第十二条(三) 办理结果被评为不合格的, 每项每次减5分. 合格 scores nothing.
RATING_RULES: dict[str, str | None] = {
    "优秀": "13710-excellent",
    "良好": "13710-good",
    "合格": None,
    "不合格": "13710-unqualified",
}


def scorer(rule_scorer: str, opener: str) -> str:
    """Who scores a matter's entry (积分办法 第十六条): the body that opened the
    matter scores its handling units (对系统督办事项承办单位的评分, 由立项主体负责);
    the 督查室 keeps what the catalogue gives it — system use (13710-item,
    13710-no-reminder) and key supervision (进入重点督办环节事项的评分)."""
    return opener if rule_scorer == OPENER else rule_scorer


NO_REMINDER_RULE = "13710-no-reminder"


NO_REMINDER_CITE = "积分办法 第十一条(三)"


def reminded_by_system(due: dt.date, done: dt.date | None, today: dt.date) -> bool:
    """Whether the 13710 system reminded a node by itself.

    **Reading** (SPEC §2, 积分办法 第十一条(三) 按照工作程序, 每个时间节点均未被催办):
    under the procedure a node that passes its deadline unreported is reminded
    by the system, so a node done after its due date — reported late, or let
    pass and done (or not) later — counts as a reminder in the quarter the node
    fell due, as if a `matter remind` had been recorded. A node not done whose
    deadline has not yet passed (`today` is its due day or before) is not."""
    return done > due if done is not None else due < today


def no_reminder_units(nodes_due: Iterable[tuple[str, dt.date]],
                      reminders: Iterable[tuple[str, dt.date]], quarter: Quarter) -> list[str]:
    """积分办法 第十一条(三): 按照工作程序, 每个时间节点均未被催办的, 每季度加5分.

    `nodes_due`: (lead unit, due date) of each node still open on its due date;
    `reminders`: (lead unit, date) of each reminder. The units with at least one
    node due in the quarter and no reminder on any of their matters in it.
    """
    def within(day: dt.date) -> bool:
        return quarter.start <= day <= quarter.end

    due = {unit for unit, day in nodes_due if within(day)}
    reminded = {unit for unit, day in reminders if within(day)}
    return sorted(due - reminded)
