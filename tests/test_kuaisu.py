"""The pure deadline rules: 快速处置 二 and the 13710 schedule."""

from __future__ import annotations

import datetime as dt

import pytest

from jcdc.model import InputError, JcdcError, Quarter
from jcdc.rules.kuaisu import (
    EXTENSION_CAP_DAYS, DueStatus, FixClass, after, check_extension, days_left, due_status, fix_due,
)
from jcdc.rules.xitong13710 import (
    MatterClass, days_late, default_nodes, entry_rule, no_reminder_units, report_rules, scorer,
)

D = dt.date


def test_the_start_day_is_not_counted():
    assert after(D(2019, 5, 5), 7) == D(2019, 5, 12)  # SPEC §6's own example
    assert after(D(2019, 12, 30), 3) == D(2020, 1, 2)


@pytest.mark.parametrize("cls, inspection_end, set_due, expected", [
    (FixClass.GENERAL, None, None, D(2019, 5, 12)),             # 二.1: 7 days from the demand
    (FixClass.MAJOR, None, None, D(2019, 6, 4)),                # 二.1: 30 days from the demand
    (FixClass.POLICY, D(2019, 5, 10), None, D(2019, 5, 13)),    # 二.3: 3 days after the inspection
    (FixClass.CONDUCT, D(2019, 5, 10), None, D(2019, 5, 17)),   # 二.4: 7 days after the inspection
    (FixClass.CUSTOM, None, D(2019, 5, 20), D(2019, 5, 20)),    # 二.5: the group's date
    (FixClass.GENERAL, None, D(2019, 5, 9), D(2019, 5, 9)),     # the group set one
    (FixClass.MAJOR, None, D(2019, 8, 1), D(2019, 8, 1)),
    (FixClass.CONDUCT, D(2019, 5, 10), D(2019, 5, 15), D(2019, 5, 15)),
])
def test_due_date_of_each_class(cls, inspection_end, set_due, expected):
    assert fix_due(cls, D(2019, 5, 5), inspection_end, set_due) == expected


@pytest.mark.parametrize("cls, inspection_end, set_due, words", [
    (FixClass.POLICY, D(2019, 5, 10), D(2019, 5, 20), "不接受 --due"),
    (FixClass.POLICY, None, None, "--inspection-end"),
    (FixClass.CONDUCT, None, None, "--inspection-end"),
    (FixClass.CUSTOM, None, None, "--due"),
    (FixClass.GENERAL, None, D(2019, 5, 1), "早于"),
])
def test_due_date_refusals(cls, inspection_end, set_due, words):
    with pytest.raises(InputError) as e:
        fix_due(cls, D(2019, 5, 5), inspection_end, set_due)
    assert words in str(e.value)


@pytest.mark.parametrize("before, days", [(0, 60), (50, 10), (0, 1), (30, 30)])
def test_extensions_up_to_sixty_days_in_all(before, days):
    check_extension(before, days, None)


@pytest.mark.parametrize("before, days", [(0, 61), (50, 11), (60, 1)])
def test_extensions_past_sixty_days_need_a_reason(before, days):
    assert EXTENSION_CAP_DAYS == 60
    with pytest.raises(JcdcError) as e:
        check_extension(before, days, None)
    assert f"延期合计 {before + days} 天" in str(e.value)
    with pytest.raises(JcdcError):
        check_extension(before, days, "   ")
    check_extension(before, days, "市政府常务会议决定延至年底")


@pytest.mark.parametrize("days", [0, -3])
def test_an_extension_is_of_one_day_or_more(days):
    with pytest.raises(InputError):
        check_extension(0, days, "理由")


@pytest.mark.parametrize("on, left, status", [
    (D(2019, 5, 8), 4, DueStatus.LATER),     # before: more than 3 days left
    (D(2019, 5, 9), 3, DueStatus.SOON),      # within 3 days
    (D(2019, 5, 12), 0, DueStatus.SOON),     # at: the deadline is the end of its day
    (D(2019, 5, 13), -1, DueStatus.OVERDUE),  # after
    (D(2019, 6, 12), -31, DueStatus.OVERDUE),
])
def test_days_left_and_status_before_at_and_after(on, left, status):
    assert days_left(D(2019, 5, 12), on) == left
    assert due_status(left) is status


def weekdays(day: dt.date) -> bool:
    return day.weekday() < 5


@pytest.mark.parametrize("due, on, left", [
    (D(2019, 5, 13), D(2019, 5, 10), 1),   # Fri → Mon: the weekend does not count
    (D(2019, 5, 12), D(2019, 5, 10), 0),   # due on Sunday, Friday: no working day left
    (D(2019, 5, 17), D(2019, 5, 13), 4),
    (D(2019, 5, 10), D(2019, 5, 13), -1),  # due Fri, Mon: one working day late
    (D(2019, 5, 11), D(2019, 5, 12), -1),  # due Sat, Sun: late, though only a holiday passed
    (D(2019, 5, 3), D(2019, 5, 13), -6),
])
def test_days_left_in_working_days(due, on, left):
    assert days_left(due, on, weekdays) == left
    assert (due_status(left) is DueStatus.OVERDUE) == (on > due)


# --- the 13710 schedule ---------------------------------------------------------


@pytest.mark.parametrize("cls, result_due", [
    (MatterClass.GENERAL, D(2019, 5, 12)), (MatterClass.MAJOR, D(2019, 6, 4))])
def test_default_nodes(cls, result_due):
    nodes = default_nodes(D(2019, 5, 5), cls)
    assert [(n.number, n.due) for n in nodes] == [
        (1, D(2019, 5, 6)), (2, D(2019, 5, 8)), (3, result_due)]


def test_passive_matters_earn_nothing():
    assert entry_rule(False) == "13710-item"
    assert entry_rule(True) is None


@pytest.mark.parametrize("reported, late, already_key, rules", [
    (D(2019, 5, 7), 0, False, []),                             # early
    (D(2019, 5, 8), 0, False, []),                             # on the due day
    (D(2019, 5, 9), 1, False, ["13710-late"]),
    (D(2019, 5, 10), 2, False, ["13710-late", "13710-key"]),   # 逾期2天以上
    (D(2019, 5, 20), 12, False, ["13710-late", "13710-key"]),
    (D(2019, 5, 10), 2, True, ["13710-late"]),                 # key once per matter
])
def test_report_rules(reported, late, already_key, rules):
    assert days_late(D(2019, 5, 8), reported) == late
    assert report_rules(late, already_key) == rules


def test_who_scores():
    assert scorer("立项主体", "市发改委") == "市发改委"  # 第十六条: 立项主体 scores its handling units
    assert scorer("督查室", "市发改委") == "督查室"      # key supervision, system use


def test_no_reminder_units():
    q = Quarter(2019, 2)
    nodes = [("a", D(2019, 4, 2)), ("b", D(2019, 5, 2)), ("c", D(2019, 7, 1)), ("d", D(2019, 6, 30))]
    reminders = [("b", D(2019, 5, 1)), ("d", D(2019, 3, 31))]
    # a: due in Q2, never reminded; b: reminded in Q2; c: nothing due in Q2;
    # d: reminded only in Q1.
    assert no_reminder_units(nodes, reminders, q) == ["a", "d"]
