"""What a clerk reads of the points ledger on an 80- and a 120-column terminal:
one line per entry, each rule by its 简称 (积分办法 第十一、十二条's own names),
codes only in CSV and JSON; reversals as 第 N 号; times in Beijing time; draw
fail naming the unit, the figure and the entry (三库办法 第六条)."""

from __future__ import annotations

import datetime as dt

import pytest

from jcdc import output
from jcdc.model import beijing_time
from jcdc.rules import POINT_RULES
from jcdc.terminal import width
from test_pools import D, draw_json, pools, roster  # noqa: F401  (the pools' fixture)

UNITS = ["晋城经济技术开发区管委会", "市食品药品监督管理局", "市住房和城乡建设局", "泽州县", "市发展和改革委员会"]
RULES = ["problem", "13710-no-reminder", "late-material", "eval-poor", "13710-late"]


@pytest.fixture
def quarter(cli):
    for n in range(20):  # 13710-no-reminder once a unit-quarter: each round moves the units on
        unit, rule = UNITS[(n + n // 5) % 5], RULES[n % 5]
        cli.ok("points", "add", "-u", unit, "-r", rule, "-d", f"2019-05-{n + 1:02d}",
               "--ref", f"晋督字〔2019〕{1000 + n}号", "--note", "经核查属实, 已责令限期整改并约谈主要负责人", "--again")
    cli.ok("points", "revoke", "3", "--reason", "重复录入")
    return 21


@pytest.mark.parametrize("columns", [80, 120])
def test_points_list_is_one_line_per_entry_with_the_rules_short_names(quarter, cli, monkeypatch, columns):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = cli.ok("points", "list").stdout.splitlines()
    assert max(width(line) for line in lines) <= columns
    rows = [line for line in lines if line[:4].strip().isdigit()]
    assert len(rows) == quarter  # one line per entry, not a block of key/value lines
    by_id = {int(line[:4]): line for line in rows}
    assert sorted(by_id) == list(range(1, quarter + 1))
    for n in range(20):
        assert POINT_RULES[RULES[n % 5]].name in by_id[n + 1]
    assert not any(code in "\n".join(lines) for code in RULES)
    assert "另有" in "\n".join(lines) and "加宽终端或用 --format csv" in "\n".join(lines)
    if columns == 120:
        assert by_id[3].rstrip().endswith("已冲销 → 第 21 号") and by_id[21].rstrip().endswith("冲销第 3 号")
        assert "晋督字〔2019〕1000号" in by_id[1]
    # CSV and JSON are for scripts: the code.
    csv = cli.ok("points", "list", "--format", "csv").stdout.splitlines()
    assert csv[1].split(",")[3] == "problem"
    assert cli.json("points", "list")[0]["rule"] == "problem"


def test_messages_name_the_rule_by_its_short_name(cli):
    added = cli.ok("points", "add", "-u", "市财政局", "-r", "late-material", "-n", "3", "-d", "2019-06-10")
    assert "市财政局 材料迟报 -3.0 分" in added.stderr and "late-material" not in added.stderr


def test_times_are_shown_in_beijing_time():
    assert beijing_time("2026-12-02T04:02:54+00:00") == "2026年12月2日 12:02"
    assert beijing_time("2019-07-01T09:05:00+08:00") == "2019年7月1日 09:05"
    assert beijing_time("2019-12-31T20:00:00-05:00") == "2020年1月1日 09:00"


def test_a_closed_quarter_says_when_in_beijing_time(cli, monkeypatch):
    from jcdc import closing

    monkeypatch.setattr(closing, "today", lambda: dt.date(2019, 7, 2))
    monkeypatch.setattr(closing, "timestamp", lambda: "2019-07-02T01:30:00+00:00")
    cli.ok("close", "2019Q1", "--empty")
    cli.ok("close", "2019Q2", "--empty")
    refused = cli("points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-06")
    assert refused.exit_code == 1 and "该季度已于 2019年7月2日 09:30 由" in refused.stderr


def test_draw_fail_names_the_unit_the_figure_and_the_entry(roster, cli):  # noqa: F811
    view = draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    first = view["ranking"]["full"][0]
    unit = pools.pools_on(roster, D(2019, 3, 1))[first].unit
    name = next(u.name for u in roster.units() if u.code == unit)
    said = cli.ok("draw", "fail", str(view["id"]), str(first), "--reason", "未按要求参加督查", "--date", "2019-03-05")
    [entry] = cli.json("points", "list", "--rule", "obstruct")
    assert f"已对{name}记 -5.0 分(第 {entry['id']} 号记录" in said.stderr


@pytest.mark.parametrize("columns", [80, 120])
def test_the_reversal_column_stays_with_four_digit_ids(columns):
    """The longest unit name, a long rule name and entries 1050/1094: at 80 columns
    the 冲销 column stays, its mark broken between 已冲销 → and 第 1094 号 (never
    inside 第 N 号) rather than the column giving way; at 120 it is one line."""
    from jcdc.commands.points import entry_columns, revocation_marks
    from jcdc.model import Entry, Role
    from jcdc.terminal import plain, render
    import datetime as dt

    def entry(id_, unit, rule, points, reverses=None):
        return Entry(id_, unit, rule, Role.LEAD, dt.date(2019, 11, 29), points, 1, None,
                     "晋督字〔2019〕997号", None, "督查室", "第十二条", "t", "x", reverses)

    entries = [entry(1050, "kaifaqu", "13710-item", 5), entry(1051, "gdgs", "eval-poor", -50),
               entry(1094, "kaifaqu", "13710-item", -5, reverses=1050)]
    names = {"kaifaqu": "晋城经济技术开发区管委会", "gdgs": "国网晋城供电公司"}
    rows = [{**e.as_json(), "revoked_by": 1094 if e.id == 1050 else None} for e in entries]
    lines, hidden = render(rows, entry_columns(names, revocation_marks(entries, {1050: 1094})), columns)
    text = [plain(line) for line in lines]
    assert max(width(line) for line in text) <= columns
    assert "冲销" in text[0] and all(c.heading != "冲销" for c in hidden)
    assert any("冲销第 1050 号" in line for line in text)
    joined = "\n".join(text)
    if columns == 80:
        assert "第 1094 号" in joined and "已冲销 →" in joined
    else:
        assert "已冲销 → 第 1094 号" in joined
    assert not any(line.rstrip().endswith("第") for line in text)


@pytest.mark.parametrize("columns", [80, 120])
def test_a_reversal_shows_why_it_was_made_in_its_note(cli, monkeypatch, columns):
    """The reason given to `points revoke` (and `points correct`) is what the 备注 of
    its reversal says, on screen at both widths and in CSV: a clerk reading the
    ledger sees why −5 was cancelled, not only that it was (冲销第 1 号 is in 冲销)."""
    cli.ok("points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-06")
    cli.ok("points", "add", "-u", "市财政局", "-r", "late-material", "--qty", "3", "-d", "2019-06-10",
           "--note", "迟报材料")
    cli.ok("points", "revoke", "1", "--reason", "核实后不属实")
    cli.ok("points", "correct", "2", "--qty", "2", "--reason", "迟报两天")
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = {int(line[:4]): line for line in cli.ok("points", "list").stdout.splitlines()
             if line[:4].strip().isdigit()}
    assert "核实后不属实" in lines[3] and "迟报两天" in lines[4]
    assert "迟报材料" in lines[2] and "迟报材料" in lines[5]          # the correction keeps the note
    csv = {row.split(",")[0]: row for row in cli.ok("points", "list", "--format", "csv").stdout.splitlines()}
    assert "核实后不属实" in csv["3"] and "冲销第 1 号" in csv["3"]
    # JSON, for scripts, keeps the fields apart as stored.
    third = next(e for e in cli.json("points", "list") if e["id"] == 3)
    assert (third["reason"], third["reverses"]) == ("核实后不属实", 1)


def test_matter_and_range_messages_name_rules_by_their_short_names(cli):
    """What matter add/report/close and a refused --points print names each rule as
    the 积分办法 does (纳入事项, 受表彰, 未被催办), never by its code."""
    added = cli.ok("matter", "add", "2019-0456", "-t", "道路整修", "--lead", "zezhou", "--opened", "2019-03-01")
    refused = cli("points", "add", "-u", "gaoping", "-r", "commend", "--points", "25", "-d", "2019-06-03")
    said = added.stderr + refused.stderr
    assert "纳入事项" in said and "受表彰" in said
    assert not any(code in said for code in POINT_RULES)
