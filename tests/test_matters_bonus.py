"""The +5 未被催办 bonus against the ledger's own reminders (积分办法 第十一条(三)
按照工作程序, 每个时间节点均未被催办的, 每季度加5分; SPEC §2 **Reading**
13710-no-reminder): the ledger is the judge of who was reminded."""

from __future__ import annotations

import pytest

from jcdc import messages as msg


def on_time(cli, matter, *days):
    for node, day in enumerate(days, start=1):
        cli.ok("matter", "report", matter, "--node", node, "--date", day)


def quarter_ledger(cli):
    """2019Q2: 沁水县's 2019-1005 and 阳城县's 2019-1007, every node reported on time."""
    cli.ok("matter", "add", "2019-1005", "--title", "供水管网改造", "--lead", "qinshui", "--opened", "2019-05-01")
    on_time(cli, "2019-1005", "2019-05-02", "2019-05-04", "2019-05-08")
    cli.ok("matter", "add", "2019-1007", "--title", "农村道路", "--lead", "yangcheng", "--opened", "2019-06-01")
    on_time(cli, "2019-1007", "2019-06-02", "2019-06-04", "2019-06-08")


def bonus_of(store, unit):
    """The unit's 2019Q2 bonus entries, standing or not: (id, points, reverses)."""
    return [(e.id, e.points, e.reverses) for e in store.entries(rule="13710-no-reminder", unit=unit)]


def yangchengs(made):
    """Of the bonuses made, 阳城县's (沁水县 has one too: no reminder in these tests)."""
    return [e for e in made if e["unit"] == "yangcheng"]


def problems(cli):
    result = cli("check")
    return result.exit_code, result.stdout


def test_a_bonus_for_a_reminded_unit_quarter_is_refused_naming_the_reminder_第十一条三(cli, store):
    quarter_ledger(cli)
    reminder = cli.json("matter", "remind", "2019-1005", "--date", "2019-05-07")
    before = len(store.entries())
    result = cli("points", "add", "--unit", "qinshui", "--rule", "13710-no-reminder", "--date", "2019-06-30")
    assert result.exit_code == 1 and result.stderr.startswith("错误: ")
    assert "沁水县" in result.stderr and "2019年第二季度" in result.stderr
    assert "2019-1005" in result.stderr and "2019-05-07" in result.stderr
    assert f"第 {reminder['id']} 号事件" in result.stderr and "积分办法 第十一条(三)" in result.stderr
    assert len(store.entries()) == before
    assert problems(cli) == (0, "")


@pytest.mark.parametrize("report, words", [
    ("2019-06-06", "逾期 2 天报送"),  # node 2 of 2019-1007 due 06-04, reported late: the system reminded it
    (None, "逾期未报送"),            # node 2 let pass: likewise
])
def test_a_node_reported_late_or_let_pass_counts_as_reminded_SPEC_2(cli, store, report, words):
    cli.ok("matter", "add", "2019-1007", "--title", "农村道路", "--lead", "yangcheng", "--opened", "2019-06-01")
    cli.ok("matter", "report", "2019-1007", "--node", "1", "--date", "2019-06-02")
    if report:
        cli.ok("matter", "report", "2019-1007", "--node", "2", "--date", report)
    result = cli("points", "add", "--unit", "yangcheng", "--rule", "13710-no-reminder", "--date", "2019-06-30")
    assert result.exit_code == 1
    assert "2019-1007" in result.stderr and "节点 2" in result.stderr and words in result.stderr
    assert bonus_of(store, "yangcheng") == []


def test_another_quarter_or_unit_is_not_reminded(cli, store):
    quarter_ledger(cli)
    cli.ok("matter", "remind", "2019-1005", "--date", "2019-05-07")
    cli.ok("points", "add", "--unit", "qinshui", "--rule", "13710-no-reminder", "--date", "2019-07-01")
    cli.ok("points", "add", "--unit", "yangcheng", "--rule", "13710-no-reminder", "--date", "2019-06-30")
    assert len(store.entries(rule="13710-no-reminder")) == 2


def test_a_reminder_into_a_quarter_whose_bonus_stands_reverses_it_第十一条三(cli, store):
    quarter_ledger(cli)
    [bonus] = yangchengs(cli.json("matter", "bonus", "--quarter", "2019Q2"))
    assert (bonus["unit"], bonus["points"]) == ("yangcheng", 5)
    result = cli.ok("matter", "remind", "2019-1007", "--date", "2019-06-27")
    [(original, _, _), (reversal, points, reverses)] = bonus_of(store, "yangcheng")
    assert (original, points, reverses) == (bonus["id"], -50, bonus["id"])
    entry = store.entry(reversal)
    assert entry.date.isoformat() == "2019-06-30"  # counts in the bonus's own quarter
    assert "积分办法 第十一条(三)" in entry.reason and "2019-1007" in entry.reason and "2019-06-27" in entry.reason
    said = result.stderr
    assert f"第 {bonus['id']} 条" in said and "已冲销" in said and "阳城县" in said
    event = store.matter_events("2019-1007")[-1]
    assert event.kind == "remind" and reversal in event.entries  # one act: the reminder and its reversal
    assert cli.json("score", "yangcheng", "--quarter", "2019Q2")["score"] == 100.5
    assert problems(cli) == (0, "")
    # a second reminder in the quarter: nothing stands to reverse
    cli.ok("matter", "remind", "2019-1007", "--date", "2019-06-28")
    assert len(bonus_of(store, "yangcheng")) == 2


def test_a_late_report_into_a_quarter_whose_bonus_stands_reverses_it(cli, store):
    """A node the assigning body set, recorded after the bonus, then reported late."""
    quarter_ledger(cli)
    [bonus] = yangchengs(cli.json("matter", "bonus", "--quarter", "2019Q2"))
    cli.ok("matter", "node", "2019-1007", "--due", "2019-06-20", "--what", "报送验收材料")
    assert problems(cli)[0] == 1  # a node let pass beside a standing bonus: check says so
    result = cli.ok("matter", "report", "2019-1007", "--node", "4", "--date", "2019-06-21")
    assert "已冲销" in result.stderr
    assert [p for _, p, _ in bonus_of(store, "yangcheng")] == [50, -50]
    assert problems(cli) == (0, "")


def test_a_reversal_into_a_closed_quarter_is_refused_with_the_reminder(cli, store):
    quarter_ledger(cli)
    cli.ok("matter", "bonus", "--quarter", "2019Q2")
    cli.ok("close", "2019Q1", "--empty")
    cli.ok("close", "2019Q2")
    before = len(store.matter_events()), len(store.entries())
    result = cli("matter", "remind", "2019-1007", "--date", "2019-06-27")
    assert result.exit_code == 1 and "已关闭" in result.stderr and "第 " in result.stderr
    assert (len(store.matter_events()), len(store.entries())) == before


def test_check_reports_a_bonus_beside_a_reminder_written_by_an_older_jcdc(cli, store):
    """A ledger written before this reading may hold both (the reminder recorded
    as jcdc wrote it then, without reversing the bonus): check names them."""
    import json

    quarter_ledger(cli)
    [bonus] = yangchengs(cli.json("matter", "bonus", "--quarter", "2019Q2"))
    with store.write():
        store.append("matter_events", [{
            "matter": "2019-1007", "kind": "remind", "date": "2019-06-27", "entries": json.dumps([]),
            "recorded_by": "旧版", "recorded_at": "2019-07-02T09:00:00"}])
    code, out = problems(cli)
    assert code == 1
    assert f"第 {bonus['id']} 条" in out and "2019-1007" in out and "2019-06-27" in out and "第十一条(三)" in out
    cli.ok("points", "revoke", bonus["id"], "--reason", "已被催办")
    assert problems(cli) == (0, "")
