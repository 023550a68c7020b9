"""追究办法 — 晋城市政府督查责任追究办法(试行), 晋市政办〔2017〕101号.

The triggers of 第五条, the sanctions of 第六—八条 and the procedure of
第九、十条 as data, with the pure functions that check a step of a case.
No SQL, no clock: today's date is an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from dateutil.relativedelta import relativedelta

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError, parse_choice, required_name
from jcdc.ruleset.words import fill

DOC = "追究办法"


# --- triggers (第五条) ------------------------------------------------------------


class Trigger(str, Enum):
    INACTION = "inaction"            # (一) 不作为、慢作为,不落实、假落实
    OVERDUE_13710 = "13710-overdue"  # (二) 不落实“13710”, 或超过时限2天以上
    MISCONDUCT = "misconduct"        # (三) 乱作为
    OBSTRUCT = "obstruct"            # (四) 拒绝、阻碍督查人员
    BOTTOM_TWO = "bottom-two"        # (五) 积分连续2年均为倒数后2位
    OTHER = "other"                  # (六) 其他不履行或不当履行职责


TRIGGER_CITE = {
    Trigger.INACTION: f"{DOC} 第五条(一)",
    Trigger.OVERDUE_13710: f"{DOC} 第五条(二)",
    Trigger.MISCONDUCT: f"{DOC} 第五条(三)",
    Trigger.OBSTRUCT: f"{DOC} 第五条(四)",
    Trigger.BOTTOM_TWO: f"{DOC} 第五条(五); 积分办法 第十七条",
    Trigger.OTHER: f"{DOC} 第五条(六)",
}


def trigger_label(trigger: str) -> str:
    """A trigger's Chinese name, in the ledger's figures (连续2年倒数后2位 under Jincheng's)."""
    return fill(msg.CASE_TRIGGER[trigger])


def trigger_names() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Every trigger's name, and the other names a clerk may type for it."""
    return ({t: fill(label) for t, label in msg.CASE_TRIGGER.items()},
            {t: tuple(fill(a) for a in also) for t, also in msg.CASE_TRIGGER_ALSO.items()})


def parse_trigger(text: str) -> Trigger:
    names, also = trigger_names()
    return parse_choice(Trigger, names, msg.CASE_BAD_TRIGGER, text, also,
                        triggers="、".join(f"{names[t.value]}({t.value})" for t in Trigger))


# --- the procedure (第九、十条) ----------------------------------------------------


class State(str, Enum):
    OPEN = "open"
    VERIFIED = "verified"
    PROPOSED = "proposed"
    REVIEWED = "reviewed"
    RETURNED = "returned"
    CONFIRMED = "confirmed"
    EXECUTED = "executed"
    CLOSED = "closed"
    DISMISSED = "dismissed"


class Action(str, Enum):
    OPEN = "open"
    VERIFY = "verify"
    DISMISS = "dismiss"
    PROPOSE = "propose"
    REVIEW = "review"
    CONFIRM = "confirm"
    RETURN = "return"
    EXECUTE = "execute"
    PUBLISH = "publish"
    # A request for review or an appeal, and its result (第九条(二)): recorded on
    # the case, and the case moves on meanwhile (the sanction is not suspended).
    APPEAL = "appeal"
    APPEAL_RESULT = "appeal-result"
    # 第六条(二): the 约谈 of the head of a unit given a 通报, recorded on the case;
    # like an appeal it moves the case nowhere.
    INTERVIEW = "interview"


# Steps recorded on a case beside the procedure of 第九条: they change no state.
SIDE_STEPS = frozenset({Action.APPEAL, Action.APPEAL_RESULT, Action.INTERVIEW})


TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.OPEN, Action.VERIFY): State.VERIFIED,         # 第九条(一) 核查, 核查报告转送并抄送督查机构
    (State.OPEN, Action.DISMISS): State.DISMISSED,       # 第九条(一) 核查认定不存在应问责的问题
    (State.VERIFIED, Action.PROPOSE): State.PROPOSED,    # 第九条(二) 提出问责处理意见
    (State.PROPOSED, Action.REVIEW): State.REVIEWED,     # 第九条(三) 主管部门审核后报送督查机构
    (State.REVIEWED, Action.CONFIRM): State.CONFIRMED,   # 第九条(三) 复核同意, 转有关政府或部门执行
    (State.REVIEWED, Action.RETURN): State.RETURNED,     # 第九条(三) 不当的处理意见予以退回
    (State.RETURNED, Action.PROPOSE): State.PROPOSED,    # 第九条(三) 重新提出问责处理意见
    (State.CONFIRMED, Action.EXECUTE): State.EXECUTED,   # 第九条(四) 实施问责, 结果报送
    (State.EXECUTED, Action.PUBLISH): State.CLOSED,      # 第九条(五) 结果应用: 抄送组织部门, 通报
}

ACTION_CITE = {
    Action.OPEN: f"{DOC} 第九条(一)",
    Action.VERIFY: f"{DOC} 第九条(一)",
    Action.DISMISS: f"{DOC} 第九条(一)",
    Action.PROPOSE: f"{DOC} 第九条(二)",
    Action.REVIEW: f"{DOC} 第九条(三)",
    Action.CONFIRM: f"{DOC} 第九条(三)",
    Action.RETURN: f"{DOC} 第九条(三)",
    Action.EXECUTE: f"{DOC} 第九条(四)",
    Action.PUBLISH: f"{DOC} 第九条(五)",
    Action.APPEAL: f"{DOC} 第九条(二)",
    Action.APPEAL_RESULT: f"{DOC} 第九条(二)",
    Action.INTERVIEW: f"{DOC} 第六条(二)",
}

# Moves that must say why (a dismissal, a return of the opinion).
NEEDS_REASON = frozenset({Action.DISMISS, Action.RETURN})

# A sanction opinion exists to be appealed against (第九条(二)); a returned one
# has been withdrawn.
APPEALABLE = frozenset({State.PROPOSED, State.REVIEWED, State.CONFIRMED, State.EXECUTED, State.CLOSED})


def parse_state(text: str) -> State:
    return parse_choice(State, msg.CASE_STATE, msg.CASE_BAD_STATE, text)


def initial_state(direct: bool) -> State:
    """第十条: facts clear and evidence conclusive — no verification; the case
    goes straight to the body that proposes the sanction."""
    return State.VERIFIED if direct else State.OPEN


def allowed_moves(state: State) -> list[Action]:
    return [action for (source, action) in TRANSITIONS if source is state]


def next_state(state: State, action: Action) -> State:
    """The state a move leads to, or a refusal naming the moves the state allows."""
    if (state, action) in TRANSITIONS:
        return TRANSITIONS[(state, action)]
    moves = allowed_moves(state)
    raise JcdcError(msg.CASE_MOVE_REFUSED.format(
        action=msg.CASE_ACTION[action.value], command=action.value, label=msg.CASE_STATE[state.value],
        moves="、".join(msg.CASE_MOVE.format(action=msg.CASE_ACTION[m.value], command=m.value) for m in moves)
        if moves else msg.CASE_NO_MOVES))


def replay(direct: bool, actions: Iterable[Action]) -> State:
    """The current state: the opening state, then every recorded move in turn."""
    state = initial_state(direct)
    for action in actions:
        if action not in SIDE_STEPS:
            state = next_state(state, action)
    return state


def check_step_date(day: dt.date, earliest: dt.date, today: dt.date) -> None:
    """A step is recorded when it has happened, and not before the step it follows."""
    if day > today:
        raise JcdcError(msg.CASE_DATE_FUTURE.format(date=day, today=today))
    if day < earliest:
        raise JcdcError(msg.CASE_DATE_BEFORE.format(date=day, earliest=earliest))


def check_year_over(year: int, day: dt.date) -> None:
    """积分办法 第十七条 counts the annual score (年度总积分): a case opened on
    the ranking of `year` waits until the year is over."""
    if day <= dt.date(year, 12, 31):
        raise JcdcError(msg.CASE_RANK_YEAR_OPEN.format(year=year, date=day))


class Scope(str, Enum):
    """第九条(五): 视情进行内部通报或者公开通报."""

    INTERNAL = "internal"
    PUBLIC = "public"


def parse_scope(text: str | None) -> Scope:
    return parse_choice(Scope, msg.CASE_SCOPE, msg.CASE_BAD_SCOPE, text, msg.CASE_SCOPE_ALSO)


# --- persons ------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    post: str

    def as_json(self) -> dict:
        return {"name": self.name, "post": self.post}


def parse_person(text: str) -> Person:
    """'张三:副局长' — a person on the case, with the post held."""
    name, sep, post = _colons(text).partition(":")
    if not sep or not name.strip() or not post.strip():
        raise InputError(msg.CASE_BAD_PERSON.format(text=text))
    return Person(required_name(name, "person"), required_name(post, "person"))


def _colons(text: str) -> str:
    return (text or "").replace("\uff1a", ":").strip()  # a full-width colon, as an input method types it


# --- sanctions (第六—八条) ------------------------------------------------------------

UNIT_TARGET = "unit"
_UNIT_WORDS = (UNIT_TARGET, "单位")

# 第七条(四): 停职检查、调整职务、责令辞职、降职、免职等措施. The list ends in 等 (SPEC §4):
# another 组织处理 measure (引咎辞职 …) is accepted with a recorded reason; a measure of
# 纪律处分 (第七条(五): 党纪处分 and 政务处分) never is one.
ORG_MEASURES = ("停职检查", "调整职务", "责令辞职", "降职", "免职")
DISCIPLINARY_MEASURES = ("警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍",
                         "记过", "记大过", "降级", "撤职", "开除")


@dataclass(frozen=True)
class SanctionKind:
    name: str
    unit_cite: str | None     # 第六条: on a unit; None where a unit cannot receive it
    person_cite: str
    details: tuple[str, ...] = ()   # the measures or forms it takes
    detail_required: bool = False
    open_details: bool = False      # the list ends in 等: another measure with a recorded reason
    coordinated: bool = False       # 第九条(二): 协调同级党委、纪委、党的工作部门提出意见
    procedural: bool = False        # 第九条(二): 党纪处分、政务处分按其权限和程序
    executed_within_month: bool = False  # 问责条例 第九条 (see execution_due)


SANCTION_KINDS: dict[str, SanctionKind] = {
    k.name: k
    for k in (
        SanctionKind("检查", f"{DOC} 第六条(一)", f"{DOC} 第七条(一)"),
        SanctionKind("通报", f"{DOC} 第六条(二)", f"{DOC} 第七条(二)"),
        SanctionKind("诫勉", None, f"{DOC} 第七条(三)", details=("谈话", "书面"), coordinated=True),
        SanctionKind("组织调整", None, f"{DOC} 第七条(四)", details=ORG_MEASURES, detail_required=True,
                     open_details=True, coordinated=True, executed_within_month=True),
        SanctionKind("组织处理", None, f"{DOC} 第七条(四)", details=ORG_MEASURES, detail_required=True,
                     open_details=True, coordinated=True, executed_within_month=True),
        SanctionKind("纪律处分", None, f"{DOC} 第七条(五)", procedural=True),
    )
}


@dataclass(frozen=True)
class Sanction:
    target: str            # UNIT_TARGET, or the name of a person on the case
    kind: str
    detail: str | None
    cite: str
    reason: str | None = None   # why a measure outside the article's list (第七条(四) 等措施)

    def as_json(self) -> dict:
        found = {"target": self.target, "kind": self.kind, "detail": self.detail, "cite": self.cite}
        return found | ({"reason": self.reason} if self.reason else {})

    @property
    def label(self) -> str:
        who = msg.CASE_UNIT_TARGET if self.target == UNIT_TARGET else self.target
        return f"{who}:{self.kind}" + (f"({self.detail})" if self.detail else "")


def parse_sanction(text: str, persons: Sequence[Person], measure_reason: str | None = None) -> Sanction:
    """'unit:通报', '张三:诫勉', '张三:组织调整:降职' — checked against 第六、七条
    and against the persons on the case. `measure_reason`: why a 组织调整/组织处理
    measure outside 第七条(四)'s list (its 等) is taken."""
    parts = [p.strip() for p in _colons(text).split(":")]
    if len(parts) not in (2, 3) or not all(parts):
        raise InputError(msg.CASE_BAD_SANCTION.format(text=text))
    target, kind_name, detail = parts[0], parts[1], (parts[2] if len(parts) == 3 else None)
    kind = SANCTION_KINDS.get(kind_name)
    if kind is None:
        raise InputError(msg.CASE_UNKNOWN_SANCTION.format(kind=kind_name, kinds="、".join(SANCTION_KINDS)))
    if target in _UNIT_WORDS:
        if kind.unit_cite is None:
            raise JcdcError(msg.CASE_SANCTION_NOT_FOR_UNIT.format(kind=kind.name))
        target, cite = UNIT_TARGET, kind.unit_cite
    else:
        names = [p.name for p in persons]
        if target not in names:
            raise JcdcError(msg.CASE_SANCTION_NOT_ON_CASE.format(
                name=target, persons="、".join(names) or msg.CASE_NO_PERSONS))
        cite = kind.person_cite
    if detail is None and kind.detail_required:
        raise JcdcError(msg.CASE_SANCTION_DETAIL_NEEDED.format(
            kind=kind.name, details="、".join(kind.details), cite=kind.person_cite))
    reason = None
    if detail is not None and detail not in kind.details:
        if not kind.open_details:
            raise JcdcError(msg.CASE_SANCTION_BAD_DETAIL.format(
                kind=kind.name, detail=detail, details="、".join(kind.details) or msg.CASE_NO_DETAIL))
        if detail in DISCIPLINARY_MEASURES:
            raise JcdcError(msg.CASE_SANCTION_DISCIPLINARY_MEASURE.format(
                kind=kind.name, detail=detail, target=target if target != UNIT_TARGET else "张三"))
        if not measure_reason:
            raise JcdcError(msg.CASE_SANCTION_OTHER_MEASURE.format(
                kind=kind.name, detail=detail, details="、".join(kind.details), cite=kind.person_cite))
        reason = measure_reason
    return Sanction(target, kind.name, detail, cite, reason)


def check_opinion(sanctions: Sequence[Sanction], coordinated_with: str | None,
                  procedure: str | None) -> None:
    """第八条: sanctions may be combined — but not repeated; 第九条(二): what the
    opinion must record for 诫勉, 组织调整/处理 and 纪律处分."""
    if not sanctions:
        raise InputError(msg.CASE_SANCTION_NEEDED)
    seen: set[tuple[str, str]] = set()
    for s in sanctions:
        if (s.target, s.kind) in seen:
            raise JcdcError(msg.CASE_SANCTION_TWICE.format(sanction=s.label))
        seen.add((s.target, s.kind))
    kinds = [SANCTION_KINDS[s.kind] for s in sanctions]
    if any(k.coordinated for k in kinds) and not coordinated_with:
        raise JcdcError(msg.CASE_COORDINATION_NEEDED)
    if any(k.procedural for k in kinds) and not procedure:
        raise JcdcError(msg.CASE_PROCEDURE_NEEDED)


# 问责条例 第九条, as jcdc reads it: a decision of 组织调整 or 组织处理 is carried
# out within the rule set's `cases.execute_months` of its confirmation (its cite:
# `cases.cite`).


def needs_execution_deadline(sanctions: Iterable[Sanction]) -> bool:
    return any(SANCTION_KINDS[s.kind].executed_within_month for s in sanctions)


def execution_due(confirmed: dt.date, months: int) -> dt.date:
    """`months` calendar months after the confirmation (a month: 31 January → 28/29
    February), the rule set's `cases.execute_months` in force on the confirmation."""
    return confirmed + relativedelta(months=months)


# 第六条(二): 通报 — 责令整改, 在一定范围内通报, 并约谈其主要负责人. A confirmed
# unit 通报 without its 约谈 is due as an execution is (`cases.execute_months`), like an
# execution (SPEC §4); cited as ACTION_CITE[Action.INTERVIEW].


def needs_interview(sanctions: Iterable[Sanction]) -> bool:
    return any(s.target == UNIT_TARGET and s.kind == "通报" for s in sanctions)


def interview_due(confirmed: dt.date, months: int) -> dt.date:
    return execution_due(confirmed, months)
