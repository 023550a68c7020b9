"""积分办法 第十三、十七—十九条: ranks, ties, bottom two and the consequences."""

import pytest

from jcdc.model import Category
from jcdc.rules.jifen import (
    BASE, Flag, annual_flags, bottom_two, competition_ranks, rank_groups,
)

CITY, COUNTY, DEVZONE = Category.CITY, Category.COUNTY, Category.DEVZONE


def test_equal_scores_share_a_rank_and_the_next_rank_skips():
    assert competition_ranks({"a": 1100, "b": 1000, "c": 1000, "d": 990}) == {"a": 1, "b": 2, "c": 2, "d": 4}


@pytest.mark.parametrize("scores,expected", [
    ({"a": 3, "b": 2, "c": 1}, {"a": False, "b": True, "c": True}),
    ({"a": 3, "b": 1, "c": 1, "d": 1}, {"a": False, "b": True, "c": True, "d": True}),  # ties: three units
    ({"a": 2, "b": 2, "c": 1, "d": 0}, {"a": False, "b": False, "c": True, "d": True}),
    ({"a": 1, "b": 0}, {"a": False, "b": False}),  # groups of fewer than three have no bottom two
])
def test_bottom_two_is_fewer_than_two_strictly_lower(scores, expected):
    assert {code: bottom_two(scores, code) for code in scores} == expected


def _ranked(scores: dict[str, float], group="市直", category=CITY):
    members = [(code, group, category) for code in scores]
    return rank_groups(members, {code: round(s * 10) - BASE for code, s in scores.items()})


def test_the_worked_example_of_spec_section_3():
    # SPEC §3: one group of five, annual scores of Y − 1 and Y.
    before = _ranked({"A": 104, "B": 100, "C": 98, "D": 98, "E": 95})
    now = _ranked({"A": 110, "B": 99, "C": 97, "D": 97, "E": 101})
    assert {r.unit: r.rank for r in before} == {"A": 1, "B": 2, "C": 3, "D": 3, "E": 5}
    assert {r.unit: r.rank for r in now} == {"A": 1, "B": 3, "C": 4, "D": 4, "E": 2}
    flags = annual_flags(now, before)
    assert [u for u, f in flags.items() if Flag.ACCOUNTABILITY in f] == ["C", "D"]


def test_accountability_needs_a_score_at_or_below_the_base():
    # 积分办法 第十七条 基准分以下 includes 100 (SPEC §3 Reading).
    before = _ranked({"A": 104, "B": 103, "C": 101})
    now = _ranked({"A": 110, "B": 109, "C": 100.1})  # bottom both years, but above 100
    assert Flag.ACCOUNTABILITY not in annual_flags(now, before)["C"]
    at_base = _ranked({"A": 110, "B": 109, "C": 100})
    assert Flag.ACCOUNTABILITY in annual_flags(at_base, before)["C"]


def test_accountability_needs_both_years():
    before = _ranked({"A": 94, "B": 103, "C": 101})
    now = _ranked({"A": 95, "B": 109, "C": 99})
    flags = annual_flags(now, before)
    assert Flag.ACCOUNTABILITY in flags["A"] and Flag.ACCOUNTABILITY in flags["C"]
    assert annual_flags(now, [])["A"] == [Flag.EXEMPT]  # a unit without a previous year is not flagged


def test_counties_highest_score_is_recommended_and_ties_share():
    members = [("x", "县区", COUNTY), ("y", "县区", COUNTY), ("z", "县区", DEVZONE), ("w", "县区", COUNTY)]
    now = rank_groups(members, {"x": 50, "y": 50, "z": 80, "w": -10})
    flags = annual_flags(now, [])
    # the development zone scores highest but is not a county (第十九条: 排名第1位的县(市、区))
    assert {u for u, f in flags.items() if Flag.EXEMPT_RECOMMENDED in f} == {"x", "y"}


def test_city_units_ranked_one_to_three_are_exempt_with_ties():
    now = _ranked({"a": 120, "b": 110, "c": 105, "d": 105, "e": 100})
    flags = annual_flags(now, [])
    assert {u for u, f in flags.items() if Flag.EXEMPT in f} == {"a", "b", "c", "d"}


def test_exemption_only_for_the_city_group():
    now = _ranked({"a": 120, "b": 110, "c": 105}, group="驻市", category=Category.STATIONED)
    assert all(f == [] for f in annual_flags(now, []).values())


def test_a_year_with_no_entries_in_a_group_has_no_consequences():
    # An office's first year with jcdc: 2018 is empty, everyone tied at 100.
    members = [(code, "县区", COUNTY) for code in "abcd"]
    empty_year = rank_groups(members, {})
    now = rank_groups(members, {"a": 30, "b": 10, "c": -5, "d": -10})
    flags = annual_flags(now, empty_year)
    assert all(Flag.ACCOUNTABILITY not in f for f in flags.values())
    assert flags["a"] == [Flag.EXEMPT_RECOMMENDED]
    # … and an empty year itself recommends nobody and exempts nobody
    assert annual_flags(empty_year, []) == {code: [] for code in "abcd"}
    # one entry, even a zero figure, makes the group assessed
    zero = rank_groups(members, {"a": 0})
    assert annual_flags(zero, [])["a"] == [Flag.EXEMPT_RECOMMENDED]
