"""What a clerk following the README reads where a message said less than it
should: the report's file named with what it holds, an annual view of a past
year still open, and the ledger init made."""

from __future__ import annotations


def test_report_says_how_many_units_are_ranked_and_how_many_entries_it_carries(cli, tmp_path):
    """第十八条's report written to a file: how many units it ranks and how many
    entries it carries, not their sum as "38 行"."""
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "commend", "--points", "15", "--date", "2019-06-03")
    cli.ok("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-05-06")
    for suffix in ("json", "xlsx", "html"):
        out = tmp_path / f"r.{suffix}"
        result = cli.ok("report", "--year", "2019", "--output", out)
        # 县区 7 and 市直 29 ranked (驻市 is not reported, 第十八条), 2 entries behind them
        assert f"已写入 {out}(排名 36 个单位, 积分记录 2 条)" in result.output.splitlines(), result.output
        assert "38 行" not in result.output


def test_a_past_year_with_open_quarters_is_not_said_to_be_unfinished(cli):
    """In 2026, 2019 is over: what is open is its quarters' books, not the year."""
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "commend", "--points", "15", "--date", "2019-06-03")
    result = cli.ok("rank", "--year", "2019")
    assert "2019年度尚未结束" not in result.output
    assert ("注意: 2019年第一、二、三、四季度尚未结账(jcdc close 2019Q1), "
            "积分、排名和结果都是暂定的, 不是年度最终结果") in result.output.splitlines()


def test_init_names_the_ledger_it_made_and_its_rule_set(cli, tmp_path):
    path = tmp_path / "new.db"
    result = cli.ok("init", "--db", path)
    assert f"台账: {path}(规则集 jincheng-2017)" in result.output.splitlines(), result.output
    assert str(path) not in result.output.splitlines()


def test_a_table_names_only_the_hidden_columns_that_hold_something(cli, monkeypatch):
    """points add at 80 columns: the entry has no 事项编号 and no 备注, so nothing is
    lost by leaving them out; "加宽终端" for two empty columns sent the clerk to
    widen for nothing. A hidden column with a value is still named."""
    from jcdc import output

    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    added = cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2019-05-06",
                   "--ref", "晋督字〔2019〕12号").stdout
    assert "未显示" not in added, added
    assert "晋督字〔2019〕12号" in added
    revoked = cli.ok("points", "revoke", "1", "--reason", "核实后不属实").stdout
    assert "另有 3 列未显示(角色、数量、备注), 加宽终端或用 --format csv" in revoked, revoked
