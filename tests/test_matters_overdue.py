"""A report that never comes (积分办法 第十二条(三) 信息报送每逾期一次; 追究办法
第五条(二); SPEC §2 **Reading** a node never reported), and closing a quarter
before its bonus is worked out (积分办法 第十一条(三), 第十三条)."""

from __future__ import annotations

import pytest


def opened_0801(cli, *extra):
    """2019-0801, opened 08-01: nodes due 08-02, 08-04 and 08-08."""
    cli.ok("matter", "add", "2019-0801", "--title", "城区供暖", "--lead", "zezhou", "--opened", "2019-08-01",
           "--passive", *extra)
    cli.ok("matter", "report", "2019-0801", "--node", "1", "--date", "2019-08-02")


def charges(store, matter="2019-0801"):
    return [(e.rule, e.points, e.date.isoformat()) for e in store.entries(matter=matter)]


def test_a_node_never_reported_costs_what_a_late_report_costs_第十二条三(cli, store):
    """Node 2 due 08-04, never reported, the matter closed 08-08: late from 08-05
    (−0.5), key supervision from 08-06 (−5) — never cheaper than reporting late."""
    opened_0801(cli)
    listed = cli.json("matter", "overdue", "--on", "2019-08-08")
    assert [(n["matter"], n["node"], n["due"], n["days_overdue"]) for n in listed] == [
        ("2019-0801", 2, "2019-08-04", 4)]
    assert listed[0]["owed"] == [{"rule": "13710-late", "points": -0.5, "date": "2019-08-05"},
                                 {"rule": "13710-key", "points": -5, "date": "2019-08-06"}]
    refused = cli("matter", "close", "2019-0801", "--date", "2019-08-08", "--rating", "合格")
    assert refused.exit_code == 1 and "jcdc matter overdue" in refused.stderr and "节点 2" in refused.stderr
    assert charges(store) == []
    result = cli.ok("matter", "overdue", "--on", "2019-08-08", "--charge")
    assert charges(store) == [("13710-late", -5, "2019-08-05"), ("13710-key", -50, "2019-08-06")]
    for e in store.entries(matter="2019-0801"):
        assert e.cite == "积分办法 第十二条(三)" and e.source == "overdue:2019-0801:2"
    assert "进入重点督办" in result.stderr and "追究办法 第五条(二)" in result.stderr
    shown = cli.json("matter", "show", "2019-0801")
    assert shown["key_supervision"] is True  # an accountability trigger, as a late report would be
    assert [m["id"] for m in cli.json("matter", "list", "--key")] == ["2019-0801"]
    cli.ok("matter", "close", "2019-0801", "--date", "2019-08-08", "--rating", "合格")
    # charged once: again, nothing is owed
    assert cli.json("matter", "overdue", "--on", "2019-08-08")[0]["owed"] == []
    cli.ok("matter", "overdue", "--charge")
    assert len(store.entries(matter="2019-0801")) == 2


def test_one_day_overdue_is_late_and_not_yet_key_supervision(cli, store):
    opened_0801(cli)
    cli.ok("matter", "overdue", "--on", "2019-08-05", "--charge")
    assert charges(store) == [("13710-late", -5, "2019-08-05")]
    # reported on 08-07, three days late: the −0.5 stands already; the −5 is charged now
    cli.ok("matter", "report", "2019-0801", "--node", "2", "--date", "2019-08-07")
    assert charges(store) == [("13710-late", -5, "2019-08-05"), ("13710-key", -50, "2019-08-07")]


def test_a_node_closed_on_its_due_day_or_before_owes_nothing(cli, store):
    opened_0801(cli)
    cli.ok("matter", "close", "2019-0801", "--date", "2019-08-04", "--rating", "合格")
    assert cli.json("matter", "overdue") == []


def test_key_supervision_is_charged_once_per_matter_for_nodes_let_pass(cli, store):
    cli.ok("matter", "add", "2019-0801", "--title", "城区供暖", "--lead", "zezhou", "--opened", "2019-08-01",
           "--passive")
    cli.ok("matter", "overdue", "--on", "2019-08-20", "--charge")
    assert charges(store) == [("13710-late", -5, "2019-08-03"), ("13710-key", -50, "2019-08-04"),
                              ("13710-late", -5, "2019-08-05"), ("13710-late", -5, "2019-08-09")]


def test_a_revoked_overdue_charge_is_not_charged_again(cli, store):
    """The office excused it (有正当理由): --charge does not undo that."""
    opened_0801(cli)
    cli.ok("matter", "overdue", "--on", "2019-08-05", "--charge")
    [late] = store.entries(matter="2019-0801")
    cli.ok("points", "revoke", late.id, "--reason", "系统故障, 有正当理由")
    cli.ok("matter", "overdue", "--on", "2019-08-05", "--charge")
    assert len(store.entries(matter="2019-0801")) == 2


def test_a_charge_into_a_quarter_whose_bonus_stands_reverses_it(cli, store):
    """A node set by the assigning body, recorded after the bonus and never reported."""
    cli.ok("matter", "add", "2019-1007", "--title", "农村道路", "--lead", "yangcheng", "--opened", "2019-06-01",
           "--passive")
    for node, day in ((1, "2019-06-02"), (2, "2019-06-04"), (3, "2019-06-08")):
        cli.ok("matter", "report", "2019-1007", "--node", node, "--date", day)
    [bonus] = cli.json("matter", "bonus", "--quarter", "2019Q2")
    cli.ok("matter", "node", "2019-1007", "--due", "2019-06-20", "--what", "报送验收材料")
    result = cli.ok("matter", "overdue", "--charge")
    assert "已冲销" in result.stderr
    assert [e.points for e in store.entries(rule="13710-no-reminder")] == [50, -50]
    assert cli("check").exit_code == 0


def test_overdue_refuses_a_day_after_today(cli):
    result = cli("matter", "overdue", "--on", "2999-01-01")
    assert result.exit_code != 0 and result.stderr.startswith("错误: ")


# --- closing a quarter: its nodes charged, its bonus worked out ------------------------------


def test_a_quarter_is_not_closed_while_a_node_of_it_is_uncharged_第十二条三(cli, store):
    cli.ok("matter", "add", "2019-0101", "--title", "x", "--lead", "zezhou", "--opened", "2019-01-05",
           "--passive")
    for node, day in ((1, "2019-01-06"), (2, "2019-01-08")):
        cli.ok("matter", "report", "2019-0101", "--node", node, "--date", day)
    # node 3 due 01-12, never reported
    refused = cli("close", "2019Q1")
    assert refused.exit_code == 1 and "jcdc matter overdue --charge" in refused.stderr
    assert "2019-0101" in refused.stderr
    assert store.closed_quarters() == {}
    cli.ok("matter", "overdue", "--charge")
    cli.ok("close", "2019Q1")


def test_a_quarter_is_not_closed_before_its_bonus_is_worked_out_第十一条三(cli, store):
    cli.ok("matter", "add", "2020-0101", "--title", "x", "--lead", "zezhou", "--opened", "2020-01-05",
           "--passive")
    for node, day in ((1, "2020-01-06"), (2, "2020-01-08"), (3, "2020-01-12")):
        cli.ok("matter", "report", "2020-0101", "--node", node, "--date", day)
    refused = cli("close", "2020Q1")
    assert refused.exit_code == 1
    assert "jcdc matter bonus --quarter 2020Q1" in refused.stderr and "泽州县" in refused.stderr
    assert "--without-bonus" in refused.stderr
    assert store.closed_quarters() == {}
    [bonus] = cli.json("matter", "bonus", "--quarter", "2020Q1")
    assert bonus["unit"] == "zezhou"
    cli.ok("close", "2020Q1")


def test_a_quarter_may_be_closed_without_its_bonus_with_a_reason(cli, store):
    cli.ok("matter", "add", "2020-0101", "--title", "x", "--lead", "zezhou", "--opened", "2020-01-05",
           "--passive")
    for node, day in ((1, "2020-01-06"), (2, "2020-01-08"), (3, "2020-01-12")):
        cli.ok("matter", "report", "2020-0101", "--node", node, "--date", day)
    bare = cli("close", "2020Q1", "--without-bonus")
    assert bare.exit_code == 2 and "--reason" in bare.stderr
    cli.ok("close", "2020Q1", "--without-bonus", "--reason", "13710 系统催办记录待核", "--empty")
    [closing] = store.closed_quarters().values()
    assert closing["reason"] == "13710 系统催办记录待核"
    assert cli("check").exit_code == 0


def test_a_revoked_bonus_is_worked_out_and_not_given_again(cli, store):
    cli.ok("matter", "add", "2020-0101", "--title", "x", "--lead", "zezhou", "--opened", "2020-01-05",
           "--passive")
    for node, day in ((1, "2020-01-06"), (2, "2020-01-08"), (3, "2020-01-12")):
        cli.ok("matter", "report", "2020-0101", "--node", node, "--date", day)
    [bonus] = cli.json("matter", "bonus", "--quarter", "2020Q1")
    cli.ok("points", "revoke", bonus["id"], "--reason", "13710 系统记录有催办")
    assert cli.json("matter", "bonus", "--quarter", "2020Q1") == []
    cli.ok("close", "2020Q1")


def test_the_charges_are_named_as_entries_are(cli, store):
    """已记扣分 names the entries as every command does: 第 1、2 条, not #1."""
    opened_0801(cli)
    cli.ok("matter", "overdue", "--on", "2019-08-08", "--charge")
    out = cli.ok("matter", "overdue", "--on", "2019-08-08").stdout
    ids = "、".join(str(e.id) for e in store.entries(matter="2019-0801"))
    assert f"第 {ids} 条" in out and "#" not in out
