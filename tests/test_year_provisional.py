"""An annual view of a year not finished (a quarter not closed) says so on the
screen in one line, whatever goes to stdout or a file: the year's figures are
provisional, and which quarters are open (the annual 通报 already needs --draft)."""

from __future__ import annotations

import pytest

from jcdc import messages as msg

VIEWS = [
    ["rank", "--year", "2019"],
    ["rank", "--year", "2019", "--format", "json"],
    ["rank", "--year", "2019", "--format", "csv"],
    ["rank", "--year", "2019", "--output", "{dir}/排名.csv"],
    ["score", "gaoping", "--year", "2019", "--format", "json"],
    ["score", "gaoping", "--year", "2019", "--format", "csv"],
    ["report", "--year", "2019", "--output", "{dir}/报告.xlsx"],
    ["report", "--year", "2019", "--output", "{dir}/报告.json"],
]


@pytest.fixture
def three_quarters_closed(cli):
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "--points", "15", "-d", "2019-06-03")
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-11-06")
    for q in (1, 2, 3):
        cli.ok("close", f"2019Q{q}", *([] if q == 2 else ["--empty"]))
    return cli


@pytest.mark.parametrize("argv", VIEWS, ids=[" ".join(v[:4]) for v in VIEWS])
def test_a_year_whose_fourth_quarter_is_open_is_said_provisional_in_one_line(three_quarters_closed, tmp_path,
                                                                             argv):
    result = three_quarters_closed.ok(*[a.format(dir=tmp_path) for a in argv])
    line = msg.YEAR_PROVISIONAL.format(year=2019, quarters="第四季度", first="2019Q4")
    assert result.stderr.splitlines().count(line) == 1, result.stderr
    assert "暂定" in line and "2019年第四季度尚未结账" in line and "年度尚未结束" not in line  # 2019 is over; its books are not
    assert line not in result.stdout  # data for scripts stays data


def test_the_open_quarters_are_named_all_of_them(cli, tmp_path):
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "--points", "15", "-d", "2019-06-03")
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    cli.ok("close", "2019Q1")
    result = cli.ok("report", "--year", "2019", "--output", tmp_path / "报告.json")
    assert msg.YEAR_PROVISIONAL.format(year=2019, quarters="第二、三、四季度", first="2019Q2") in result.stderr


@pytest.mark.parametrize("argv", VIEWS, ids=[" ".join(v[:4]) for v in VIEWS])
def test_a_closed_year_says_nothing_of_the_kind(three_quarters_closed, tmp_path, argv):
    three_quarters_closed.ok("close", "2019Q4")
    result = three_quarters_closed.ok(*[a.format(dir=tmp_path) for a in argv])
    assert "暂定" not in result.stderr and "尚未结账" not in result.stderr + result.stdout


QUARTER_VIEWS = [
    ["rank", "--quarter", "{q}"],
    ["rank", "--quarter", "{q}", "--format", "json"],
    ["rank", "--quarter", "{q}", "--output", "{dir}/排名.csv"],
    ["notice", "--quarter", "{q}", "--output", "{dir}/通报.docx"],
    ["statement", "--quarter", "{q}", "--unit", "gaoping", "--output", "{dir}/告知单"],
]


@pytest.mark.parametrize("view", QUARTER_VIEWS, ids=lambda v: " ".join(v[:2] + v[3:4]))
def test_a_quarter_not_closed_says_its_figures_are_provisional_and_a_closed_one_does_not(
        three_quarters_closed, tmp_path, view):
    """A 2019Q4 通报 or ranking made before the quarter is closed may be overtaken by
    an entry added or revoked afterwards, dated in it: the clerk is told once, on the
    screen; the closed 2019Q2's views say nothing of the kind (积分办法 第十三条)."""
    cli = three_quarters_closed
    line = msg.QUARTER_PROVISIONAL.format(quarter="2019年第四季度", code="2019Q4")
    for q, said in (("2019Q4", True), ("2019Q2", False)):
        where = tmp_path / q
        where.mkdir()
        result = cli.ok(*[a.format(q=q, dir=where) for a in view])
        assert (line in result.stderr) is said
        assert ("尚未结账" in result.stderr) is said
