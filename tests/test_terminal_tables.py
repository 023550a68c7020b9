"""Tables a clerk reads on a terminal of 80 or 120 columns (issue 12, item 8):
no line wider than the terminal, no unit name, code, date, figure or 文号
broken across lines, no line starting with 、 or ), and a note naming the
columns left out."""

from __future__ import annotations

import sys

import pytest

from jcdc import output
from jcdc.terminal import LONGEST_WORD, render, width, words, wrap
from jcdc.output import Column
from jcdc.rules import POINT_RULES

LONG_NOTE = "经核查, 该单位在道路破损整改中存在推诿扯皮、敷衍塞责等问题, 已责令限期整改并约谈主要负责人(详见督查通报)。"
NO_START = tuple("、，。,.;；:：)）]】〕》」』")


@pytest.fixture
def ledger(cli, store):
    """Entries, a revoked one, a case, a task with a team and items due: every table the issue names."""
    from test_pools import add_roster

    for unit, ref in [("晋城经济技术开发区管委会", "晋督字〔2019〕1069号"), ("市国有资产监督管理委员会", "晋市政办函〔2019〕12号"),
                      ("泽州县", "晋督字〔2019〕3号")]:
        cli.ok("points", "add", "--unit", unit, "--rule", "problem", "--date", "2019-05-06", "--ref", ref,
               "--note", LONG_NOTE)
    cli.ok("points", "revoke", "3", "--reason", "重复录入, 经科室核实后冲销")
    cli.ok("case", "open", "--unit", "市国有资产监督管理委员会", "--person", "张三:副主任", "--trigger", "inaction",
           "--date", "2019-06-01", "--summary", LONG_NOTE)
    add_roster(store)
    cli.ok("task", "add", "2019年环保专项督查", "--kind", "special", "--start", "2019-05-01", "--end", "2019-05-10")
    cli.ok("draw", "run", "2019年环保专项督查", "--team", "第一组", "--target", "泽州县", "--seed", "s1", "--seed-source", "测试用公开种子")
    cli.ok("fix", "add", "--unit", "晋城经济技术开发区管委会", "--what", LONG_NOTE, "--class", "general",
           "--from", "2019-05-05")
    return store


TABLES = [("points", "list"), ("rules", "list"), ("case", "list"), ("task", "show", "2019年环保专项督查"),
          ("due", "--on", "2019-05-20"), ("unit", "list"), ("rank", "--year", "2019")]


# Free text that breaks its long Chinese phrases, as Chinese does between characters, before
# a column as needed gives way: a rule's 事项 at 80 columns, so that 牵头 and 配合 both show.
PROSE = {("rules", "事项")}


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", TABLES, ids=[" ".join(a[:2]) for a in TABLES])
def test_tables_fit_the_terminal_and_break_nothing(ledger, cli, monkeypatch, args, columns):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    plain = cli.ok(*args).stdout
    assert plain.strip()
    lines = plain.split("\n")
    assert max(width(line) for line in lines) <= columns
    assert not [line for line in lines if line.strip().startswith(NO_START)]
    csv = cli.ok(*args, "--format", "csv").stdout.splitlines()
    header = csv[0].split(",")
    shown = lines[next(i for i, line in enumerate(lines) if set(line.replace(" ", "")) == {"─"}) - 1]
    # Every value of a shown column with no place to break (a name, code, date, figure, 文号)
    # appears whole on one line.
    for row in csv[1:]:
        for heading, value in zip(header, _cells(row)):
            if args[0] == "points" and heading == "规则":  # CSV keeps the code for scripts; the table shows the 简称
                value = POINT_RULES[value].name
            if (args[0], heading) in PROSE:
                continue
            if heading in shown.split() and value and width(value) <= 30 and words(value) == [value]:
                assert any(value in line for line in lines), (heading, value)
    # one table per group: the group is in its title, its tie notes are lines under it
    grouped = {"排名组", "并列说明"} if args[0] == "rank" else set()
    hidden = [h for n, h in enumerate(header) if h not in shown.split() and h not in grouped
              and any(_cells(row)[n].strip() for row in csv[1:])]  # an empty column hides nothing
    if hidden:
        note = f"另有 {len(hidden)} 列未显示({'、'.join(hidden)}), 加宽终端或用 --format csv"
        assert note.replace(" ", "") in plain.replace("\n", "").replace(" ", "")


def _cells(row: str) -> list[str]:
    import csv as csvmodule

    return next(csvmodule.reader([row]))


def test_the_unit_names_of_the_roster_are_never_split(ledger, cli, monkeypatch):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    out = cli.ok("unit", "list").stdout
    for unit in cli.json("unit", "list"):
        assert unit["name"] in out and unit["code"] in out


def test_too_narrow_for_a_table_gives_one_block_per_record():
    columns = [Column("id", "编号"), Column("unit", "单位"), Column("note", "备注", wrap=True)]
    rows = [{"id": 1, "unit": "晋城经济技术开发区管委会", "note": LONG_NOTE}]
    lines, hidden = render(rows, columns, 30)
    text = ["".join(t for t, _ in line) for line in lines]
    assert hidden == [] and text[0] == "编号  1" and text[1] == "单位  晋城经济技术开发区管委会"
    assert max(width(line) for line in text) <= 30


@pytest.mark.parametrize("room", [12, 17, 23, 40])
def test_wrap_breaks_only_between_words_and_never_before_closing_marks(room):
    lines = wrap(LONG_NOTE, room)
    assert "".join(lines).replace(" ", "") == LONG_NOTE.replace(" ", "")
    assert all(width(line) <= room for line in lines)
    assert not [line for line in lines if line.startswith(NO_START)]
    for word in words(LONG_NOTE):  # a word that fits a line (up to LONGEST_WORD) is never cut
        if width(word.strip()) <= min(room, LONGEST_WORD):
            assert any(word.strip() in line for line in lines), word


@pytest.mark.parametrize("columns, shown", [
    pytest.param(80, ["类型", "编号", "单位", "内容", "到期日", "期限状态"], marks=pytest.mark.skipif(
        sys.platform == "win32", reason="rich lays a legacy Windows console out one column narrower (its last "
                                        "column wraps): COLUMNS=80 is 79 there, a boundary of its own")),
    (120, ["类型", "编号", "单位", "内容", "到期日", "剩余天数", "期限状态"]),
])
def test_due_always_shows_when_and_whether_late(ledger, cli, monkeypatch, columns, shown):
    """`jcdc due` is read for when a thing is due and whether it is late (快速处置 二, SPEC §6):
    the dates and the status stay, and at 120 columns the days left too (--workdays
    changes them); the 内容 is made narrower instead."""
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = cli.ok("due", "--on", "2019-05-20").stdout.split("\n")
    rule = next(i for i, line in enumerate(lines) if set(line.replace(" ", "")) == {"─"})
    assert lines[rule - 1].split() == shown
    assert max(width(line) for line in lines) <= columns
    assert any("2019-05-12" in line and "逾期" in line for line in lines)  # the fix, 7 days from 05-05


@pytest.fixture(scope="module")
def toured(tmp_path_factory):
    """The ledger README's tour leaves: the catalogue, 2018's published ranking, a case
    closed with a public 通报, 13710 nodes, a fix and a report due."""
    from test_readme_tour import run_tour

    folder = tmp_path_factory.mktemp("tour")
    with pytest.MonkeyPatch.context() as mp:
        for line_no, written, _, result in run_tour(folder, mp):
            assert result.exit_code == 0, (line_no, written, result.output)
    return folder / "jcdc.db"


def screen(cli, monkeypatch, db, columns, *args):
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("JCDC_DB", str(db))
    lines = cli.ok(*args).stdout.split("\n")
    assert max(width(line) for line in lines) <= columns
    rule = next(i for i, line in enumerate(lines) if set(line.replace(" ", "")) == {"─"})
    return lines[rule - 1].split(), lines


# What each table is read for (the column a clerk needs), and a line of it as the clerk sees it.
NEEDED = [
    (("rules", "list"), "配合", ["problem", "存在问题", "-5.0", "-3.0"]),          # 积分办法 第十二条(一)'s two figures
    (("prior", "list"), "积分", ["城区", "104.5", "晋市政办〔2019〕3号"]),
    (("case", "list", "--public"), "问责方式", ["2019-001", "泽州县", "单位:通报;"]),
    (("due", "--on", "2019-05-11", "--within", "7"), "剩余天数", ["2019-0456", "2019-05-06", "-5", "逾期"]),
]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args, needed, seen", NEEDED, ids=[" ".join(a[:2]) for a, _, _ in NEEDED])
def test_every_column_a_clerk_needs_shows_at_80(toured, cli, monkeypatch, columns, args, needed, seen):
    headings, lines = screen(cli, monkeypatch, toured, columns, *args)
    assert needed in headings
    assert any(all(part in line.split() for part in seen) for line in lines), "\n".join(lines)
    assert not any("未显示" in line and needed in line for line in lines)


def test_the_public_list_shows_the_sanctions_whole_at_80(toured, cli, monkeypatch):
    _, lines = screen(cli, monkeypatch, toured, 80, "case", "list", "--public")
    # a long sanction breaks before its bracket, not inside 组织调整
    assert any("张三:组织调整" in line for line in lines) and any("(调整职务)" in line for line in lines)
