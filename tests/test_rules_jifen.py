"""积分办法 第十一、十二条: every rule of the catalogue, as pure functions."""

import pytest

from jcdc.model import JcdcError, Role
from jcdc.rules.jifen import CATALOGUE, entry_points, returned_points

LEAD, COOP = Role.LEAD, Role.COOP

# (rule, role, stated figure or None, qty) -> tenths, straight from the article text.
FIGURES = [
    ("commend", LEAD, 150, 2, 300),          # 第十一条(一) 牵头 10—20, 每项
    ("commend", COOP, 50, 3, 150),           # 配合 5—10
    ("eval-good", LEAD, None, 1, 100),       # 第十一条(二)
    ("eval-good", COOP, None, 2, 100),
    ("13710-item", LEAD, None, 3, 15),       # 第十一条(三) 每项 0.5
    ("13710-excellent", LEAD, None, 1, 30),
    ("13710-good", LEAD, None, 1, 10),
    ("13710-no-reminder", LEAD, None, 1, 50),
    ("problem", LEAD, None, 1, -50),         # 第十二条(一)
    ("problem", COOP, None, 1, -30),
    ("coop-fault", LEAD, 0, 1, 0),           # 可不予减分
    ("coop-fault", LEAD, -20, 2, -40),       # 或酌情减1—3分, 每项
    ("coop-fault", COOP, None, 1, -50),
    ("eval-poor", LEAD, None, 1, -50),       # 第十二条(二)
    ("eval-poor", COOP, None, 1, -30),
    ("13710-late", LEAD, None, 3, -15),      # 第十二条(三) 每逾期一次 0.5
    ("13710-key", LEAD, None, 1, -50),
    ("13710-unqualified", LEAD, None, 2, -100),
    ("obstruct", LEAD, None, 1, -50),        # 第十二条(四)
    ("late-material", LEAD, None, 4, -40),   # 每次每迟报一天减1分
]


@pytest.mark.parametrize("code,role,stated,qty,expected", FIGURES)
def test_figure_of_each_rule(code, role, stated, qty, expected):
    assert entry_points(CATALOGUE[code], role, stated, qty) == expected


def test_every_rule_has_a_figure_test_and_cites_its_article():
    tested = {code for code, *_ in FIGURES} | {"13710-returned"}
    assert tested == set(CATALOGUE)
    for rule in CATALOGUE.values():
        assert rule.cite.startswith("积分办法 第十一条") or rule.cite.startswith("积分办法 第十二条")
        assert rule.text


@pytest.mark.parametrize("earlier,expected", [(0, -5), (1, -15), (2, -25), (5, -55)])
def test_returned_escalates_by_one_point_each_time(earlier, expected):
    # 第一次减0.5分, 以后每退回一次多减1分
    assert returned_points(earlier) == expected
    assert entry_points(CATALOGUE["13710-returned"], LEAD, None, 1, earlier) == expected


def test_returned_with_qty_sums_the_escalation():
    assert entry_points(CATALOGUE["13710-returned"], LEAD, None, 3, 0) == -5 - 15 - 25


@pytest.mark.parametrize("code,role", [
    ("13710-item", COOP), ("13710-late", COOP), ("obstruct", COOP), ("13710-returned", COOP),
    ("late-material", COOP), ("13710-no-reminder", COOP),
])
def test_role_without_a_figure_is_refused(code, role):
    with pytest.raises(JcdcError, match="没有配合单位的分值"):
        entry_points(CATALOGUE[code], role, None, 1)


@pytest.mark.parametrize("code,role,stated", [
    ("commend", LEAD, 95), ("commend", LEAD, 205), ("commend", COOP, 110), ("commend", COOP, 40),
    ("coop-fault", LEAD, -5), ("coop-fault", LEAD, -35), ("coop-fault", LEAD, 10),
])
def test_figure_outside_the_range_is_refused(code, role, stated):
    with pytest.raises(JcdcError, match="超出规则"):
        entry_points(CATALOGUE[code], role, stated, 1)


@pytest.mark.parametrize("code,role,stated", [("commend", LEAD, 100), ("commend", LEAD, 200),
                                              ("coop-fault", LEAD, -10), ("coop-fault", LEAD, -30)])
def test_range_ends_are_allowed(code, role, stated):
    assert entry_points(CATALOGUE[code], role, stated, 1) == stated


def test_range_needs_a_stated_figure():
    with pytest.raises(JcdcError, match="请用 --points 给出"):
        entry_points(CATALOGUE["commend"], LEAD, None, 1)


def test_fixed_figure_is_never_typed_differently():
    with pytest.raises(JcdcError, match="分值固定为 -5.0"):
        entry_points(CATALOGUE["problem"], LEAD, -30, 1)
    # the same figure stated is harmless
    assert entry_points(CATALOGUE["problem"], LEAD, -50, 1) == -50


@pytest.mark.parametrize("code", ["13710-no-reminder", "13710-key"])
def test_once_only_rules_take_no_quantity(code):
    with pytest.raises(JcdcError, match="数量只能为 1"):
        entry_points(CATALOGUE[code], LEAD, None, 2)


def test_quantity_must_be_positive():
    with pytest.raises(JcdcError, match="应为正整数"):
        entry_points(CATALOGUE["problem"], LEAD, None, 0)
