"""三库办法 as pure rules: limits, exclusions, the dated pools, members, the draw's fairness."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from jcdc.model import Category, Unit
from jcdc.rules import sanku
from jcdc.rules.sanku import (
    Action, Candidate, Event, Exclusion, Inspector, Pool, Status, TaskKind, TeamParams,
)

D = dt.date
ZEZHOU = Unit("zezhou", "泽州县", Category.COUNTY, "县区")
KFQ = Unit("kaifaqu", "晋城经济技术开发区管委会", Category.DEVZONE, "县区")
JYJ = Unit("jyj", "市教育局", Category.CITY, "市直")
GDGS = Unit("gdgs", "国网晋城供电公司", Category.STATIONED, "驻市")


def inspector(id_=1, unit="czj", region=sanku.CITY_LEVEL, pool=Pool.FULL, since=D(2019, 1, 1), active=True):
    return Inspector(id_, f"人员{id_}", pool, unit, region, (), None, since, active)


# --- 第九条: limits and overrides ----------------------------------------------------------

LIMITS = {Pool.FULL: 3, Pool.PART: 2, Pool.INVITED: 2}


@pytest.mark.parametrize("kind, seats, attendants, needed", [
    (TaskKind.SPECIAL, LIMITS, 1, False),
    (TaskKind.SPECIAL, {Pool.FULL: 1, Pool.PART: 0, Pool.INVITED: 0}, 0, False),  # fewer is within
    (TaskKind.SPECIAL, {**LIMITS, Pool.FULL: 4}, 1, True),
    (TaskKind.SPECIAL, {**LIMITS, Pool.PART: 3}, 0, True),
    (TaskKind.SPECIAL, {**LIMITS, Pool.INVITED: 3}, 0, True),
    (TaskKind.SPECIAL, LIMITS, 2, True),
    (TaskKind.ASSIGNED, {**LIMITS, Pool.FULL: 4}, 0, True),
    (TaskKind.ASSIGNED, LIMITS, 0, False),
    (TaskKind.MAJOR, {Pool.FULL: 1, Pool.PART: 0, Pool.INVITED: 0}, 0, True),  # its own plan
])
def test_override_needed(kind, seats, attendants, needed):
    assert sanku.needs_override(kind, seats, attendants) is needed


# --- 第七条: exclusions ------------------------------------------------------------------------


@pytest.mark.parametrize("ins, targets, busy, reason", [
    (inspector(active=False), [JYJ], (), Exclusion.INACTIVE),
    (inspector(unit="jyj"), [JYJ], (), Exclusion.TARGET_UNIT),
    (inspector(unit="zezhou", region="zezhou"), [ZEZHOU], (), Exclusion.TARGET_UNIT),
    (inspector(unit="czj", region="zezhou"), [ZEZHOU], (), Exclusion.TARGET_COUNTY),
    (inspector(unit="czj", region="kaifaqu"), [JYJ, KFQ], (), Exclusion.TARGET_COUNTY),
    (inspector(unit="gaoping", region="gaoping"), [ZEZHOU], (), None),   # another county: 异地交叉
    (inspector(unit="czj"), [JYJ], (), None),                             # city level inspects a city unit
    (inspector(unit="czj"), [GDGS], (1,), Exclusion.OTHER_TEAM),
    (inspector(unit="jyj", active=False), [JYJ], (1,), Exclusion.INACTIVE),  # first reason wins
])
def test_exclusion(ins, targets, busy, reason):
    assert sanku.exclusion(ins, targets, busy) == reason


def test_region_of_unit():
    assert sanku.region_of(ZEZHOU) == "zezhou"
    assert sanku.region_of(KFQ) == "kaifaqu"
    assert sanku.region_of(JYJ) == sanku.CITY_LEVEL
    assert sanku.region_of(GDGS) == sanku.CITY_LEVEL


# --- 第五条: the pools on a date ------------------------------------------------------------------


def test_pools_on_a_date_follow_the_dated_records():
    records = [
        inspector(1, since=D(2018, 1, 1)),
        inspector(2, since=D(2019, 6, 1)),
        inspector(1, unit="jyj", since=D(2019, 3, 1)),
        inspector(1, unit="jyj", since=D(2019, 9, 1), active=False),
    ]
    assert sanku.pools_on(records, D(2017, 12, 31)) == {}
    assert sanku.pools_on(records, D(2019, 2, 28))[1].unit == "czj"
    on_june = sanku.pools_on(records, D(2019, 6, 1))
    assert list(on_june) == [1, 2] and on_june[1].unit == "jyj"
    assert sanku.pools_on(records, D(2019, 9, 1))[1].active is False


# --- 第十一条: members -------------------------------------------------------------------------------


@pytest.mark.parametrize("status, action, after", [
    (Status.PENDING, Action.CONSENT, Status.ACCEPTED),
    (Status.PENDING, Action.DECLINE, Status.DECLINED),
    (Status.NOTIFIED, Action.FAIL, Status.FAILED),
    (Status.ACCEPTED, Action.FAIL, Status.FAILED),
    (Status.NOTIFIED, Action.CONSENT, None),
    (Status.ACCEPTED, Action.DECLINE, None),
    (Status.DECLINED, Action.CONSENT, None),
    (Status.FAILED, Action.FAIL, None),
    (Status.PENDING, Action.FAIL, None),
])
def test_member_transitions(status, action, after):
    assert sanku.TRANSITIONS.get((status, action)) == after


def test_team_applies_events_in_order():
    ranking = {Pool.FULL: [4, 1, 2], Pool.PART: [7, 8, 9], Pool.INVITED: []}
    seats = {Pool.FULL: 1, Pool.PART: 1, Pool.INVITED: 0}
    events = [Event(1, 1, Action.DECLINE, 7), Event(2, 1, Action.REFILL, 8),
              Event(3, 1, Action.CONSENT, 8)]
    members = {s.inspector: s.status for s in sanku.team(ranking, seats, events)}
    assert members == {4: Status.NOTIFIED, 7: Status.DECLINED, 8: Status.ACCEPTED}
    assert sanku.next_in_line(ranking[Pool.PART], members, busy={9}) is None
    assert sanku.next_in_line(ranking[Pool.FULL], members, busy={1}) == 2


def test_workload_window_is_the_twelve_months_up_to_the_start():
    start = D(2019, 6, 10)
    seatings = [(1, D(2018, 6, 10)), (1, D(2018, 6, 11)), (1, start), (2, D(2019, 6, 11)), (3, D(2019, 1, 1))]
    assert sanku.counts_in_window(start, seatings) == {1: 2, 3: 1}


def test_report_due_three_days_after_the_end():
    assert sanku.report_due(D(2019, 3, 10)) == D(2019, 3, 13)
    assert sanku.days_late(D(2019, 3, 10), D(2019, 3, 13), D(2019, 4, 1)) == 0
    assert sanku.days_late(D(2019, 3, 10), D(2019, 3, 15), D(2019, 4, 1)) == 2
    assert sanku.days_late(D(2019, 3, 10), None, D(2019, 3, 20)) == 7


# --- the draw ------------------------------------------------------------------------------------------

PARAMS = TeamParams(1, "第一组", ("zezhou",), {Pool.FULL: 3, Pool.PART: 0, Pool.INVITED: 0})


def test_same_seed_and_record_same_ranking_and_any_change_moves_it():
    roster = [Candidate(i, Pool.FULL, 0) for i in range(1, 13)]
    first = sanku.draw_ranking("seed-1", roster, PARAMS)
    assert first == sanku.draw_ranking("seed-1", list(reversed(roster)), PARAMS)
    assert sorted(first[Pool.FULL]) == list(range(1, 13))
    changed = [
        sanku.draw_ranking("seed-2", roster, PARAMS),
        sanku.draw_ranking("seed-1", roster[:-1], PARAMS),
        sanku.draw_ranking("seed-1", [*roster[:-1], Candidate(12, Pool.FULL, 1)], PARAMS),
        sanku.draw_ranking("seed-1", roster, TeamParams(1, "第二组", ("zezhou",), PARAMS.seats)),
    ]
    assert all(c[Pool.FULL] != first[Pool.FULL] for c in changed)


def simulate(weighted: bool, rounds: int = 240, inspectors: int = 12, seats: int = 3, window: int = 24):
    """Sequential seeded draws; the workload is the count in the last `window`
    draws (a year of two draws a month). Uniform: every n taken as 0."""
    history: list[list[int]] = []
    totals = dict.fromkeys(range(1, inspectors + 1), 0)
    params = TeamParams(1, "组", ("zezhou",), {Pool.FULL: seats, Pool.PART: 0, Pool.INVITED: 0})
    for r in range(rounds):
        recent = [i for team in history[-window:] for i in team]
        roster = [Candidate(i, Pool.FULL, recent.count(i) if weighted else 0) for i in totals]
        team = sanku.draw_ranking(f"fair-{r}", roster, params)[Pool.FULL][:seats]
        history.append(team)
        for i in team:
            totals[i] += 1
    return totals


def test_weighting_spreads_the_workload_more_evenly_than_a_uniform_draw():
    weighted, uniform = simulate(True), simulate(False)
    assert sum(weighted.values()) == sum(uniform.values()) == 240 * 3
    assert min(weighted.values()) >= 1 and min(uniform.values()) >= 1
    assert spread(weighted) < spread(uniform), (weighted, uniform)
    assert variance(weighted) < variance(uniform), (weighted, uniform)


def spread(totals: dict[int, int]) -> int:
    return max(totals.values()) - min(totals.values())


def variance(totals: dict[int, int]) -> Fraction:
    mean = Fraction(sum(totals.values()), len(totals))
    return sum((Fraction(v) - mean) ** 2 for v in totals.values()) / len(totals)


def test_everyone_keeps_a_chance_even_heavily_drawn():
    """A candidate drawn many times still heads some rankings."""
    roster = [Candidate(1, Pool.FULL, 6), *(Candidate(i, Pool.FULL, 0) for i in range(2, 5))]
    firsts = sum(sanku.draw_ranking(f"s{k}", roster, PARAMS)[Pool.FULL][0] == 1 for k in range(400))
    assert 0 < firsts < 40  # key u^7 beats three u^1: probability 1/10
