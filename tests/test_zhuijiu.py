"""The rules of 追究办法 as pure functions: the table of 第九条, the sanctions of 第六—八条."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from jcdc import messages as msg

from jcdc.model import InputError, JcdcError
from jcdc.rules.zhuijiu import (
    TRANSITIONS, Action, Person, State, allowed_moves, check_opinion, check_step_date,
    execution_due, initial_state, needs_execution_deadline, next_state, parse_person,
    parse_sanction, replay,
)

MOVES = [a for a in Action if a not in (Action.OPEN, Action.APPEAL, Action.APPEAL_RESULT)]

# The table of the issue, written out again by hand: the code's table must match it.
EXPECTED = {
    State.OPEN: {Action.VERIFY: State.VERIFIED, Action.DISMISS: State.DISMISSED},
    State.VERIFIED: {Action.PROPOSE: State.PROPOSED},
    State.PROPOSED: {Action.REVIEW: State.REVIEWED},
    State.REVIEWED: {Action.CONFIRM: State.CONFIRMED, Action.RETURN: State.RETURNED},
    State.RETURNED: {Action.PROPOSE: State.PROPOSED},
    State.CONFIRMED: {Action.EXECUTE: State.EXECUTED},
    State.EXECUTED: {Action.PUBLISH: State.CLOSED},
    State.CLOSED: {},
    State.DISMISSED: {},
}


@pytest.mark.parametrize("state,action", list(itertools.product(State, MOVES)),
                         ids=lambda v: v.value)
def test_every_move_of_the_table(state, action):
    expected = EXPECTED[state].get(action)
    if expected is not None:
        assert next_state(state, action) is expected
    else:
        with pytest.raises(JcdcError) as refused:
            next_state(state, action)
        text = str(refused.value)
        assert f"「{msg.CASE_STATE[state.value]}」" in text and f"「{msg.CASE_ACTION[action.value]}」" in text
        for allowed in EXPECTED[state]:
            assert f"{msg.CASE_ACTION[allowed.value]}(jcdc case {allowed.value})" in text


def test_the_table_has_no_other_moves():
    assert len(TRANSITIONS) == sum(len(m) for m in EXPECTED.values())
    assert allowed_moves(State.REVIEWED) == [Action.CONFIRM, Action.RETURN]
    assert allowed_moves(State.CLOSED) == []


def test_direct_case_starts_verified_and_replay_follows_the_table():
    assert initial_state(False) is State.OPEN
    assert initial_state(True) is State.VERIFIED  # 第十条
    loop = [Action.PROPOSE, Action.REVIEW, Action.RETURN] * 3
    assert replay(True, [*loop, Action.PROPOSE, Action.REVIEW, Action.CONFIRM]) is State.CONFIRMED
    assert replay(False, [Action.VERIFY, Action.APPEAL]) is State.VERIFIED
    with pytest.raises(JcdcError):
        replay(True, [Action.VERIFY])


def test_step_dates():
    day = dt.date(2019, 3, 5)
    check_step_date(day, day, day)
    with pytest.raises(JcdcError, match="晚于今天"):
        check_step_date(day, day, dt.date(2019, 3, 4))
    with pytest.raises(JcdcError, match="早于上一步"):
        check_step_date(day, dt.date(2019, 3, 6), dt.date(2019, 12, 31))


PERSONS = (Person("张三", "副县长"), Person("李四", "局长"))


@pytest.mark.parametrize("text,target,kind,detail,cite", [
    ("unit:检查", "unit", "检查", None, "追究办法 第六条(一)"),
    ("单位:通报", "unit", "通报", None, "追究办法 第六条(二)"),
    ("张三:检查", "张三", "检查", None, "追究办法 第七条(一)"),
    ("张三:通报", "张三", "通报", None, "追究办法 第七条(二)"),
    ("张三:诫勉", "张三", "诫勉", None, "追究办法 第七条(三)"),
    ("李四:诫勉:书面", "李四", "诫勉", "书面", "追究办法 第七条(三)"),
    ("张三:组织调整:降职", "张三", "组织调整", "降职", "追究办法 第七条(四)"),
    ("张三:组织处理:停职检查", "张三", "组织处理", "停职检查", "追究办法 第七条(四)"),
    ("张三：纪律处分", "张三", "纪律处分", None, "追究办法 第七条(五)"),  # a full-width colon
])
def test_sanctions_accepted(text, target, kind, detail, cite):
    s = parse_sanction(text, PERSONS)
    assert (s.target, s.kind, s.detail, s.cite) == (target, kind, detail, cite)


@pytest.mark.parametrize("text,error,fragment", [
    ("unit:诫勉", JcdcError, "不能用于单位"),
    ("unit:组织调整:降职", JcdcError, "不能用于单位"),
    ("unit:纪律处分", JcdcError, "不能用于单位"),
    ("王五:检查", JcdcError, "不是本案当事人"),
    ("张三:组织调整", JcdcError, "须指明措施"),
    ("张三:组织处理:撤职", JcdcError, "「撤职」是纪律处分"),  # 第七条(五), never 第七条(四)
    ("张三:组织处理:引咎辞职", JcdcError, "--measure-reason"),  # 第七条(四) 等: only with a reason
    ("张三:检查:降职", JcdcError, "措施「降职」无效"),
    ("张三:罚款", InputError, "未知的问责方式「罚款」"),
    ("通报", InputError, "无法识别的问责方式"),
    ("张三::降职", InputError, "无法识别的问责方式"),
])
def test_sanctions_refused(text, error, fragment):
    with pytest.raises(error, match=fragment) as refused:
        parse_sanction(text, PERSONS)
    assert type(refused.value) is error


def _opinion(*texts):
    return [parse_sanction(t, PERSONS) for t in texts]


def test_opinion_checks():
    check_opinion(_opinion("unit:检查", "unit:通报", "张三:通报"), None, None)  # 第八条: combined
    with pytest.raises(InputError, match="至少"):
        check_opinion([], None, None)
    with pytest.raises(JcdcError, match="重复"):
        check_opinion(_opinion("unit:通报", "单位:通报"), None, None)
    for needs_coordination in ("张三:诫勉", "张三:组织调整:免职", "李四:组织处理:责令辞职"):
        with pytest.raises(JcdcError, match="--coordinated-with"):
            check_opinion(_opinion("unit:通报", needs_coordination), None, "程序")
        check_opinion(_opinion("unit:通报", needs_coordination), "县委意见", None)
    with pytest.raises(JcdcError, match="--procedure"):
        check_opinion(_opinion("张三:纪律处分"), "县纪委意见", None)
    check_opinion(_opinion("张三:纪律处分"), None, "按《行政机关公务员处分条例》")


def test_person_form():
    assert parse_person(" 张三 : 副县长 ") == Person("张三", "副县长")
    for bad in ("张三", ":局长", "张三:"):
        with pytest.raises(InputError):
            parse_person(bad)


def test_execution_within_one_month():
    from jcdc import ruleset

    cases = ruleset.builtin().cases  # 问责条例 第九条: one month, as the rule set says it
    assert (cases.execute_months, cases.cite) == (1, "问责条例 第九条")
    months = cases.execute_months
    assert execution_due(dt.date(2019, 3, 26), months) == dt.date(2019, 4, 26)
    assert execution_due(dt.date(2019, 1, 31), months) == dt.date(2019, 2, 28)
    assert execution_due(dt.date(2020, 1, 31), months) == dt.date(2020, 2, 29)
    assert execution_due(dt.date(2019, 12, 31), 2) == dt.date(2020, 2, 29)
    assert needs_execution_deadline(_opinion("unit:通报", "张三:组织处理:免职"))
    assert not needs_execution_deadline(_opinion("unit:通报", "张三:诫勉", "李四:纪律处分"))
