"""13710 matters: every event writes its own ledger entries, with the right figure,
citation, scorer and link back to the matter."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from jcdc.model import Quarter, fmt_points

OPENED = "2019-05-05"  # nodes due 2019-05-06, 05-08 and 05-12 (general) or 06-04 (major)


def add(cli, matter="2019-0001", lead="泽州县", *extra):
    return cli.ok("matter", "add", matter, "--title", "农村饮水安全", "--lead", lead,
                  "--opened", OPENED, *extra)


def entries(store, matter="2019-0001"):
    return [(e.rule, e.points) for e in store.entries(matter=matter)]


def test_entering_a_matter_records_it_with_its_nodes_and_earns_half_a_point(cli, store):
    add(cli, "2019-0001", "泽州县", "--coop", "高平市", "--coop", "gp")
    shown = cli.json("matter", "show", "2019-0001")
    assert [(n["number"], n["due"]) for n in shown["nodes"]] == [
        (1, "2019-05-06"), (2, "2019-05-08"), (3, "2019-05-12")]
    assert shown["lead"] == "zezhou" and shown["coop"] == ["gaoping"]
    assert shown["state"] == "open" and shown["next_due"] == "2019-05-06"
    [e] = store.entries(matter="2019-0001")
    assert (e.unit, e.rule, e.points, e.cite) == ("zezhou", "13710-item", 5, "积分办法 第十一条(三)")
    assert e.source == "matter:2019-0001"
    assert e.scorer == "督查室"  # 第十六条: system use is scored by the 督查室
    assert shown["events"][0]["kind"] == "open" and shown["events"][0]["entries"] == [e.id]


def test_a_major_matter_is_settled_within_thirty_days(cli):
    add(cli, "2019-0001", "泽州县", "--class", "major")
    assert cli.json("matter", "show", "2019-0001")["nodes"][2]["due"] == "2019-06-04"


def test_a_passive_matter_earns_nothing(cli, store):
    add(cli, "2019-0001", "泽州县", "--passive")
    assert entries(store) == []
    assert cli.json("matter", "show", "2019-0001")["passive"] is True


@pytest.mark.parametrize("reported, late, made", [
    ("2019-05-08", 0, []),                                      # on the due day: on time
    ("2019-05-09", 1, [("13710-late", -5)]),                    # 1 day late: −0.5
    ("2019-05-10", 2, [("13710-late", -5), ("13710-key", -50)]),  # 2 days late: −0.5 and −5
    ("2019-05-25", 17, [("13710-late", -5), ("13710-key", -50)]),
])
def test_a_report_scores_its_lateness(cli, store, reported, late, made):
    add(cli, "2019-0001", "泽州县", "--passive")
    result = cli.ok("matter", "report", "2019-0001", "--node", "2", "--date", reported)
    assert entries(store) == made
    node = cli.json("matter", "show", "2019-0001")["nodes"][1]
    assert (node["reported"], node["days_late"]) == (reported, late)
    assert ("进入重点督办" in result.stderr) == (late >= 2)
    for e in store.entries(matter="2019-0001"):
        assert e.cite == "积分办法 第十二条(三)" and e.date.isoformat() == reported


def test_key_supervision_is_charged_once_per_matter_and_scored_by_the_office(cli, store):
    add(cli, "2019-0001", "泽州县", "--passive", "--opener", "市发展和改革委员会")
    cli.ok("matter", "report", "2019-0001", "--node", "1", "--date", "2019-05-09")  # 3 days late
    cli.ok("matter", "report", "2019-0001", "--node", "2", "--date", "2019-05-12")  # 4 days late
    assert entries(store) == [("13710-late", -5), ("13710-key", -50), ("13710-late", -5)]
    scorers = {e.rule: e.scorer for e in store.entries(matter="2019-0001")}
    assert scorers == {"13710-late": "市发展和改革委员会", "13710-key": "督查室"}
    shown = cli.json("matter", "show", "2019-0001")
    assert shown["state"] == "key" and shown["key_supervision"] is True
    assert [m["id"] for m in cli.json("matter", "list", "--key")] == ["2019-0001"]
    # the key entry revoked, the matter is no longer under key supervision
    key_id = next(e.id for e in store.entries(matter="2019-0001") if e.rule == "13710-key")
    cli.ok("points", "revoke", key_id, "--reason", "逾期有正当理由")
    shown = cli.json("matter", "show", "2019-0001")
    assert shown["state"] == "open" and shown["key_supervision"] is False
    assert cli.json("matter", "list", "--key") == []


def test_a_revoked_key_entry_is_charged_again_on_the_next_late_report(cli, store):
    add(cli, "2019-0001", "泽州县", "--passive")
    cli.ok("matter", "report", "2019-0001", "--node", "1", "--date", "2019-05-09")
    key = next(e for e in store.entries(matter="2019-0001") if e.rule == "13710-key")
    cli.ok("points", "revoke", key.id, "--reason", "有正当理由")
    cli.ok("matter", "report", "2019-0001", "--node", "2", "--date", "2019-05-12")
    assert sum(e.points for e in store.entries(matter="2019-0001")) == -5 + -50 + 50 + -5 + -50


def test_returns_escalate_per_matter(cli, store):
    add(cli, "2019-0001", "泽州县", "--passive")
    add(cli, "2019-0002", "泽州县", "--passive")
    for day in ("2019-05-10", "2019-05-11", "2019-05-12"):
        cli.ok("matter", "return", "2019-0001", "--date", day, "--reason", "数据不全")
    cli.ok("matter", "return", "2019-0002", "--date", "2019-05-12", "--reason", "数据不全")
    assert entries(store, "2019-0001") == [("13710-returned", -5), ("13710-returned", -15),
                                           ("13710-returned", -25)]  # the third: −2.5
    assert entries(store, "2019-0002") == [("13710-returned", -5)]
    assert [e["reason"] for e in cli.json("matter", "show", "2019-0001")["events"][1:]] == ["数据不全"] * 3


@pytest.mark.parametrize("rating, made", [
    ("优秀", [("13710-excellent", 30)]),
    ("良好", [("13710-good", 10)]),
    ("合格", []),
    ("不合格", [("13710-unqualified", -50)]),
])
def test_closing_scores_the_rating(cli, store, rating, made):
    add(cli, "2019-0001", "泽州县", "--passive")
    report_on_time(cli, "2019-0001", "2019-05-06", "2019-05-08")  # a node let pass costs points (SPEC §2)
    result = cli.ok("matter", "close", "2019-0001", "--date", "2019-05-11", "--rating", rating)
    assert entries(store) == made
    if made:
        assert fmt_points(made[0][1], signed=True) in result.stderr
    shown = cli.json("matter", "show", "2019-0001")
    assert (shown["state"], shown["rating"], shown["next_due"]) == ("closed", rating, None)


def test_a_reminder_is_recorded_and_scores_nothing(cli, store):
    add(cli, "2019-0001", "泽州县", "--passive")
    event = cli.json("matter", "remind", "2019-0001", "--date", "2019-05-07")
    assert (event["kind"], event["date"], event["entries"]) == ("remind", "2019-05-07", [])
    assert entries(store) == []


def test_a_node_set_by_the_assigning_body(cli, store):
    add(cli, "2019-0001", "泽州县", "--passive")
    cli.ok("matter", "node", "2019-0001", "--due", "2019-05-20", "--what", "报送验收材料")
    cli.ok("matter", "report", "2019-0001", "--node", "4", "--date", "2019-05-21")
    assert cli.json("matter", "show", "2019-0001")["nodes"][3] == {
        "number": 4, "what": "报送验收材料", "due": "2019-05-20", "reported": "2019-05-21", "days_late": 1}
    assert entries(store) == [("13710-late", -5)]


@pytest.mark.parametrize("args, code, words", [
    (("report", "2019-0009", "--node", "1", "--date", "2019-05-06"), 1, "找不到事项「2019-0009」"),
    (("report", "2019-0001", "--node", "7", "--date", "2019-05-06"), 1, "没有节点 7"),
    (("report", "2019-0001", "--node", "1", "--date", "2019-05-01"), 1, "早于事项"),
    (("report", "2019-0001", "--node", "1", "--date", "2019-05-06"), 1, "已于 2019-05-06 报送"),
    (("close", "2019-0001", "--date", "2019-05-06", "--rating", "很好"), 2, "很好"),
    (("return", "2019-0001", "--date", "2019-05-06", "--reason", " "), 2, "「理由」不能为空"),
    (("node", "2019-0001", "--due", "2019-05-20", "--what", ""), 2, "「内容」不能为空"),
    (("add", "2019-0001", "--title", "又一次", "--lead", "泽州县", "--opened", OPENED), 1, "已于"),
    (("add", "2019-0002", "--title", "x", "--lead", "泽州县", "--coop", "zz", "--opened", OPENED), 2,
     "牵头单位"),
    (("add", "2019-0002", "--title", "x", "--lead", "泽州", "--opened", OPENED), 1, "是否指「泽州县」"),
    (("add", "2019-0002", "--title", "x", "--lead", "泽州县", "--class", "huge", "--opened", OPENED), 2,
     "huge"),
])
def test_refusals_name_the_value_and_write_nothing(cli, store, args, code, words):
    add(cli, "2019-0001", "泽州县", "--passive")
    cli.ok("matter", "report", "2019-0001", "--node", "1", "--date", "2019-05-06")
    before = len(store.matter_events()), len(store.entries()), len(store.matters())
    result = cli("matter", *args)
    assert result.exit_code == code
    assert words in result.stderr and result.stderr.startswith("错误: ")
    assert (len(store.matter_events()), len(store.entries()), len(store.matters())) == before


def test_a_closed_matter_takes_no_more_events(cli):
    add(cli, "2019-0001", "泽州县", "--passive")
    report_on_time(cli, "2019-0001", "2019-05-06", "2019-05-08")
    cli.ok("matter", "close", "2019-0001", "--date", "2019-05-11", "--rating", "合格")
    result = cli("matter", "remind", "2019-0001", "--date", "2019-05-12")
    assert result.exit_code == 1 and "已于 2019-05-11 办结" in result.stderr


def test_an_event_and_its_entries_are_one_transaction(cli, store):
    """A unit abolished before the report: the entry is refused, so is the event."""
    add(cli, "2019-0001", "泽州县", "--passive")
    cli.ok("unit", "end", "泽州县", "--date", "2019-05-08")
    result = cli("matter", "report", "2019-0001", "--node", "2", "--date", "2019-05-10")
    assert result.exit_code == 1 and "不在存续期内" in result.stderr
    assert [e.kind for e in store.matter_events()] == ["open"]
    assert entries(store) == []


@pytest.mark.parametrize("table", ["matters", "matter_nodes", "matter_events"])
def test_matter_records_are_append_only(cli, store, table):
    add(cli, "2019-0001", "泽州县")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute(f"UPDATE {table} SET recorded_by = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute(f"DELETE FROM {table}")


# --- the quarterly bonus ----------------------------------------------------------


def report_on_time(cli, matter, *days):
    """Each node reported on its due day: a node let pass counts as reminded (SPEC §2)."""
    for node, day in enumerate(days, start=1):
        cli.ok("matter", "report", matter, "--node", node, "--date", day)


def bonus_setup(cli):
    """Q2 2019: 泽州县 has nodes due, each reported on time, and no reminder;
    高平市 has nodes due and one reminder; 市财政局's only matter opens in Q3."""
    cli.ok("matter", "add", "A", "--title", "a", "--lead", "泽州县", "--opened", "2019-05-05", "--passive")
    report_on_time(cli, "A", "2019-05-06", "2019-05-08", "2019-05-12")
    cli.ok("matter", "add", "B", "--title", "b", "--lead", "高平市", "--opened", "2019-05-05", "--passive")
    cli.ok("matter", "add", "C", "--title", "c", "--lead", "市财政局", "--opened", "2019-07-02", "--passive")
    cli.ok("matter", "remind", "B", "--date", "2019-05-07")


def test_the_bonus_goes_to_units_with_nodes_due_and_no_reminder(cli, store):
    bonus_setup(cli)
    made = cli.json("matter", "bonus", "--quarter", "2019Q2")
    assert [(e["unit"], e["rule"], e["points"], e["date"]) for e in made] == [
        ("zezhou", "13710-no-reminder", 5, "2019-06-30")]
    assert made[0]["cite"] == "积分办法 第十一条(三)" and made[0]["scorer"] == "督查室"


def test_the_bonus_is_idempotent(cli, store):
    bonus_setup(cli)
    cli.ok("matter", "bonus", "--quarter", "2019Q2")
    again = cli.ok("matter", "bonus", "--quarter", "2019Q2")
    assert "没有新的单位" in again.stderr
    assert cli.json("matter", "bonus", "--quarter", "2019Q2") == []
    assert len(store.entries(rule="13710-no-reminder")) == 1


def test_the_bonus_skips_a_unit_that_already_has_it_and_adds_the_others(cli, store):
    bonus_setup(cli)
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "13710-no-reminder", "--date", "2019-04-01")
    cli.ok("matter", "add", "D", "--title", "d", "--lead", "阳城县", "--opened", "2019-06-01", "--passive")
    report_on_time(cli, "D", "2019-06-02", "2019-06-04", "2019-06-08")
    made = cli.json("matter", "bonus", "--quarter", "2019Q2")
    assert [e["unit"] for e in made] == ["yangcheng"]


def test_a_node_of_a_matter_closed_before_it_fell_due_was_never_due(cli):
    cli.ok("matter", "add", "A", "--title", "a", "--lead", "泽州县", "--opened", "2019-03-25", "--passive")
    report_on_time(cli, "A", "2019-03-26", "2019-03-28")
    cli.ok("matter", "close", "A", "--date", "2019-03-31", "--rating", "合格")
    assert cli.json("matter", "bonus", "--quarter", "2019Q2") == []  # node 3 was due 04-01


def test_the_bonus_waits_for_the_quarter_to_end(cli):
    # This quarter: it has not ended (2099Q1, once used here, is now beyond the dates jcdc accepts).
    result = cli("matter", "bonus", "--quarter", str(Quarter.of(dt.date.today())))
    assert result.exit_code == 1 and "尚未结束" in result.stderr


def test_matter_list_filters(cli):
    add(cli, "2019-0001", "泽州县", "--coop", "高平市")
    add(cli, "2019-0002", "高平市")
    report_on_time(cli, "2019-0002", "2019-05-06")
    cli.ok("matter", "close", "2019-0002", "--date", "2019-05-08", "--rating", "良好")
    assert [m["id"] for m in cli.json("matter", "list", "--unit", "高平市")] == ["2019-0001", "2019-0002"]
    assert [m["id"] for m in cli.json("matter", "list", "--open")] == ["2019-0001"]
    assert "农村饮水安全,泽州县" in cli.ok("matter", "list", "--format", "csv").stdout


@pytest.mark.parametrize("event", [("report", "--node", "2", "--date", "2019-05-10"),
                                   ("remind", "--date", "2019-05-10"),
                                   ("return", "--date", "2019-05-10", "--reason", "数据不全")])
def test_a_matter_is_not_closed_before_what_is_recorded_of_it_SPEC_5(cli, store, event):
    """A close dated 05-09 before a report recorded on 05-10 would leave a report of
    a closed matter (SPEC §5 revised, issue 17 item 8): refused, naming the event."""
    add(cli, "2019-0001", "泽州县", "--passive")
    cli.ok("matter", "report", "2019-0001", "--node", "1", "--date", "2019-05-06")
    cli.ok("matter", event[0], "2019-0001", *event[1:])
    last = store.matter_events("2019-0001")[-1]
    before = len(store.matter_events()), len(store.entries())
    result = cli("matter", "close", "2019-0001", "--date", "2019-05-09", "--rating", "良好")
    assert result.exit_code == 1 and result.stderr.startswith("错误: ")
    assert "2019-05-10" in result.stderr and f"第 {last.id} 号事件" in result.stderr
    assert (len(store.matter_events()), len(store.entries())) == before
