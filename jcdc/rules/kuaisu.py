"""快速处置 — 晋城市政府督查快速处置工作制度, 晋市政办〔2017〕101号, 二 主要任务.

The deadlines of rectification items (二.1—5), their extension (二.2), and the
day arithmetic every deadline in jcdc shares: calendar days, the day a period
starts not counted, a deadline the end of its day. Pure: today's date and the
working-day calendar are arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError
from jcdc.ruleset import Deadlines, builtin

DOC = "快速处置"


def after(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` days from `start`.

    **Reading** (SPEC §6): calendar days, the day the period starts is not
    counted — from 5 May, 7 days → due 12 May.
    """
    return start + dt.timedelta(days=days)


class FixClass(str, Enum):
    GENERAL = "general"  # 一般事项
    MAJOR = "major"      # 重大问题、复杂事项
    POLICY = "policy"    # 政出多门、相互推诿: the policy-making unit
    CONDUCT = "conduct"  # 庸政、懒政、怠政
    CUSTOM = "custom"    # 其他突发情况: the group's deadline


class Start(str, Enum):
    DEMAND = "demand"                  # the rectification demand (--from)
    INSPECTION_END = "inspection-end"  # 督查结束 (--inspection-end)
    SET = "set"                        # only the group's own deadline (--due)


@dataclass(frozen=True)
class Term:
    days: int | None       # None: the group's deadline is the only one
    start: Start
    group_may_set: bool    # 按照督查组要求时限: a deadline the group set replaces `days`
    cite: str


# The days are the rule set's `deadlines` (jcdc/rulesets/, docs/rulesets.md).
_DEADLINES = builtin().deadlines

def terms(deadlines: Deadlines) -> dict[FixClass, Term]:
    """Each class's term under a rule set's `deadlines`."""
    return {
        # 在规定时限内整改到位; 无明确时限要求的, 一般事项7日内 … 重大问题、复杂事项30日内.
        FixClass.GENERAL: Term(deadlines.general, Start.DEMAND, True, deadlines.cite),
        FixClass.MAJOR: Term(deadlines.major, Start.DEMAND, True, deadlines.cite),
        # 涉及的政策制定单位要在督查结束后3日内 上报整改落实情况或推进解决方案.
        FixClass.POLICY: Term(deadlines.policy, Start.INSPECTION_END, False, deadlines.policy_cite),
        # 被督查单位应在督查结束后7日内反馈整改落实情况, 或者按照督查组要求时限上报.
        FixClass.CONDUCT: Term(deadlines.conduct, Start.INSPECTION_END, True, deadlines.conduct_cite),
        # 对其他突发情况, 被督查单位要按照督查组要求及时反馈.
        FixClass.CUSTOM: Term(None, Start.SET, True, f"{DOC} 二.5"),
    }


TERMS: dict[FixClass, Term] = terms(_DEADLINES)  # under the package's default rule set


# A general or major item falls under 二.1 (批示 of central or provincial leaders,
# problems from State Council or provincial inspections: reported to the city
# government when done) or 二.2 (problems from provincial or city inspections,
# 苗头性、倾向性问题: 可适当延长时间). **Reading** (SPEC §6): where the clerk does not
# say, 二.2.
PARAS = ("二.1", "二.2")
DEFAULT_PARA = "二.2"
# 二.2 报经市政府同意后可适当延长时间 — the only paragraph that grants an extension.
EXTENDABLE = "二.2"
# The paragraph each other class falls under.
CLASS_PARA = {FixClass.POLICY: "二.3", FixClass.CONDUCT: "二.4", FixClass.CUSTOM: "二.5"}


def fix_due(cls: FixClass, demanded: dt.date, inspection_end: dt.date | None,
            set_due: dt.date | None, deadlines: Deadlines | None = None) -> dt.date:
    """The due date of a rectification item of class `cls`, before any extension,
    under `deadlines` (the rule set in force on the day of the demand)."""
    term = (TERMS if deadlines is None else terms(deadlines))[cls]
    if set_due is not None:
        if not term.group_may_set:
            raise InputError(msg.FIX_DUE_FIXED.format(cls=cls.value, cite=term.cite, days=term.days))
        if set_due < demanded:
            raise InputError(msg.FIX_DUE_BEFORE_DEMAND.format(due=set_due, demanded=demanded))
        return set_due
    if term.start is Start.SET:
        raise InputError(msg.FIX_DUE_NEEDED.format(cls=cls.value))
    if term.start is Start.INSPECTION_END:
        if inspection_end is None:
            raise InputError(msg.FIX_INSPECTION_END_NEEDED.format(cls=cls.value, cite=term.cite))
        return after(inspection_end, term.days)
    return after(demanded, term.days)


# **Reading** (SPEC §6): 二.2 报经市政府同意后可适当延长时间(一般不超过60日) — the
# extensions of one item add at most 60 days in all; beyond that a recorded
# reason is required.
EXTENSION_CAP_DAYS = _DEADLINES.extension_max


def check_extension(extended_days: int, days: int, override_reason: str | None,
                    para: str = EXTENDABLE, deadlines: Deadlines | None = None) -> None:
    """Refuse an extension of `days` on an item already extended by `extended_days`
    that would pass the cap without a reason, or — without a reason — an
    extension of an item that is not 二.2 (`para`: its paragraph, see fix_para)."""
    if days < 1:
        raise InputError(msg.FIX_EXTEND_DAYS.format(days=days))
    if para != EXTENDABLE and not (override_reason or "").strip():
        raise JcdcError(msg.FIX_EXTEND_NOT_22.format(para=para, cite=f"{DOC} {EXTENDABLE}"))
    deadlines = deadlines or _DEADLINES
    total = extended_days + days
    if total > deadlines.extension_max and not (override_reason or "").strip():
        raise JcdcError(msg.FIX_EXTEND_CAP.format(
            total=total, before=extended_days, cap=deadlines.extension_max, cite=deadlines.extension_cite,
            extension_max=deadlines.extension_max))


# --- how far off a deadline is ------------------------------------------------

# "due within 3 days" (SPEC §6, `jcdc due`): the yellow band before the red.
DUE_SOON_DAYS = 3


class DueStatus(str, Enum):
    OVERDUE = "overdue"  # red
    SOON = "soon"        # yellow: due within DUE_SOON_DAYS
    LATER = "later"      # green


def days_left(due: dt.date, on: dt.date,
              workday: Callable[[dt.date], bool] | None = None) -> int:
    """Days from `on` to the deadline at the end of `due`; negative when late.

    With `workday`, only working days count: those after `on` up to `due`, or,
    when late, those after `due` up to `on`. A deadline passed is at least one
    day late even when only holidays have passed since, so the sign alone
    always says whether it is late.
    """
    if workday is None:
        return (due - on).days
    first, last = (on, due) if due >= on else (due, on)
    count = sum(1 for n in range(1, (last - first).days + 1) if workday(after(first, n)))
    return count if due >= on else -max(1, count)


def late_by(due: dt.date, done: dt.date) -> int:
    """Calendar days a thing done on `done` was past the end of `due` (0 in time)."""
    return max(0, (done - due).days)


def due_status(left: int) -> DueStatus:
    if left < 0:
        return DueStatus.OVERDUE
    return DueStatus.SOON if left <= DUE_SOON_DAYS else DueStatus.LATER


# --- which paragraph, and what an extension does (快速处置 二.1、二.2) ---------------

def fix_para(cls: FixClass, para: str | None) -> str:
    """The paragraph of 快速处置 二 an item of class `cls` falls under; `para` is
    what the clerk said (二.1 or 二.2, general and major items only)."""
    if cls in CLASS_PARA:
        if para is not None:
            raise InputError(msg.FIX_PARA_NOT_FOR_CLASS.format(cls=cls.value, para=CLASS_PARA[cls]))
        return CLASS_PARA[cls]
    if para is None:
        return DEFAULT_PARA
    text = para.strip()
    text = {"2.1": "二.1", "2.2": "二.2"}.get(text, text)  # as typed on a keyboard without Chinese input
    if text not in PARAS:
        raise InputError(msg.FIX_BAD_PARA.format(text=para))
    return text


def due_on(due: dt.date, extensions: list[tuple[dt.date, int]], on: dt.date) -> dt.date:
    """The deadline as it stood on `on`: the original `due` plus the days of the
    extensions approved by then. `extensions`: (approval date, days).

    **Reading** (SPEC §6): an extension counts only from the day it was approved.
    """
    return after(due, sum(days for approved, days in extensions if approved <= on))


def extension_steps(due: dt.date, extensions: list[tuple[dt.date, int]]) -> list[tuple[dt.date, dt.date, int]]:
    """For each extension (approval date, days), in approval order: the deadline
    before it, the deadline after it, and the days the item was already overdue
    when it was approved — lateness an extension does not erase (SPEC §6)."""
    steps, current = [], due
    for approved, days in sorted(extensions, key=lambda e: e[0]):
        steps.append((current, after(current, days), max(0, (approved - current).days)))
        current = after(current, days)
    return steps


def check_extension_reaches(due: dt.date, days: int, approved: dt.date) -> None:
    """An extension approved after the deadline passed adds its days to that
    deadline; one that would still end before its own approval is refused."""
    if after(due, days) < approved:
        raise JcdcError(msg.FIX_EXTEND_BEFORE_APPROVAL.format(
            due=due, days=days, new=after(due, days), date=approved, least=(approved - due).days))
