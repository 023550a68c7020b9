"""A revision of the rules, adopted on a ledger of two years (积分办法 第二十条;
docs/rulesets.md): 2019 stays exactly as it was decided — its ranking, its
consequences, its closed quarters — and 2020 is scored by the new figures."""

from __future__ import annotations

import json
import sys


def record_two_years(cli) -> None:
    for unit, rule, date, *points in [
        ("泽州县", "problem", "2019-03-06"), ("高平市", "commend", "2019-04-06", "12"),
        ("阳城县", "problem", "2019-05-06"), ("市教育局", "commend", "2019-05-16", "15"),
        ("市财政局", "commend", "2019-06-16", "14"), ("市发展和改革委员会", "commend", "2019-07-16", "13"),
        ("市住房和城乡建设局", "eval-good", "2019-08-16"), ("沁水县", "problem", "2019-09-02"),
        ("城区", "late-material", "2019-11-02"),
    ]:
        extra = ["--points", points[0]] if points else []
        cli.ok("points", "add", "--unit", unit, "--rule", rule, "--date", date, *extra)
    for q in (1, 2, 3, 4):
        cli.ok("close", f"2019Q{q}")


def decided_2019(cli) -> dict[str, str]:
    """Everything 2019 decided, as the clerk prints it."""
    out = {"year": cli.ok("rank", "--year", "2019", "--format", "csv").stdout,
           "year-json": cli.ok("rank", "--year", "2019", "--format", "json").stdout,
           "score": cli.ok("score", "市教育局", "--year", "2019").stdout}
    for q in (1, 2, 3, 4):
        out[f"Q{q}"] = cli.ok("rank", "--quarter", f"2019Q{q}", "--format", "csv").stdout
    return out


def test_a_revision_from_2020_leaves_2019_byte_identical_and_scores_2020_by_its_figures(cli, db, tmp_path):
    record_two_years(cli)
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2020-02-03")
    [entry_2020] = cli.json("points", "list", "--since", "2020-01-01")
    assert entry_2020["points"] == -5
    before = decided_2019(cli)
    flags = {r["name"]: r["flags"] for r in json.loads(before["year-json"])}
    assert [n for n, f in flags.items() if "exempt" in f] == ["市教育局", "市财政局", "市发展和改革委员会"]

    # the revision: 存在问题 −4 instead of −5, and only the top 2 city units exempt
    revision = tmp_path / "jincheng-2020.toml"
    cli.ok("rules", "export", "--output", str(revision))
    text = revision.read_text(encoding="utf-8")
    text = text.replace('version = "jincheng-2017"', 'version = "jincheng-2020"', 1)
    text = text.replace('lead = "-5"\ncoop = "-3"', 'lead = "-4"\ncoop = "-3"', 1)
    text = text.replace("top = 3\n", "top = 2\n", 1)
    revision.write_text(text, encoding="utf-8")
    assert cli("rules", "check", str(revision)).exit_code == 0
    adopt = ["rules", "adopt", str(revision), "--effective", "2020-01-01", "--doc", "晋市政办〔2019〕88号",
             "--reason", "试行期满修订"]
    refused = cli(*adopt)
    assert refused.exit_code == 1
    assert f"第 {entry_2020['id']} 条积分记录(2020-02-03 zezhou problem)在生效日期 2020-01-01" in refused.stderr
    refused = cli("rules", "adopt", str(revision), "--effective", "2019-12-01", "--doc", "晋市政办〔2019〕88号")
    assert refused.exit_code == 1 and "在已关闭的2019年第四季度内" in refused.stderr
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]

    cli.ok("points", "revoke", str(entry_2020["id"]), "--reason", "按修订后的办法重新登记")
    assert "jincheng-2020" in cli.ok(*adopt).stdout + cli.ok("rules", "history").stdout
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2020-02-03")
    cli.ok("points", "add", "--unit", "市教育局", "--rule", "commend", "--points", "15", "--date", "2020-03-01")
    cli.ok("points", "add", "--unit", "市财政局", "--rule", "commend", "--points", "14", "--date", "2020-03-02")
    cli.ok("points", "add", "--unit", "市发展和改革委员会", "--rule", "commend", "--points", "13",
           "--date", "2020-03-03")

    assert decided_2019(cli) == before
    latest = [e for e in cli.json("points", "list", "--since", "2020-01-01") if e["reverses"] is None]
    assert [e["points"] for e in latest if e["rule"] == "problem"][-1] == -4
    flags_2020 = {r["name"]: r["flags"] for r in cli.json("rank", "--year", "2020")}
    assert [n for n, f in flags_2020.items() if "exempt" in f] == ["市教育局", "市财政局"]
    assert cli.json("rules", "show", "problem", "--on", "2019-06-01")["lead"] == "-5.0"
    assert cli.json("rules", "show", "problem", "--on", "2020-06-01")["lead"] == "-4.0"
    diff = {r["key"]: (r["before"], r["after"], r["cite"]) for r in cli.json("rules", "diff")}
    assert diff["points.rules.problem.lead"] == ("-5", "-4", "积分办法 第十二条(一)")
    assert diff["ranking.exemptions[1].top"] == ("3", "2", "积分办法 第十九条")
    check = cli("check")
    assert check.exit_code == 0 and check.stdout == "", check.output


def test_rules_export_and_check_a_file_another_office_can_edit(cli, tmp_path):
    """docs/rulesets.md: the file exported is Jincheng's, loads to the same hash,
    and `rules check` is silent on it (its words found in the shipped text)."""
    from jcdc import ruleset

    cli.ok("init", "--no-roster")
    path = tmp_path / "rules.toml"
    cli.ok("rules", "export", "--on", "2019-01-01", "--output", str(path))
    assert ruleset.load(path).hash == ruleset.builtin().hash
    result = cli("rules", "check", str(path))
    assert result.exit_code == 0 and result.stdout == ""
    path.write_text(path.read_text(encoding="utf-8").replace("bottom = 2", "bottom = 2.5"), encoding="utf-8")
    result = cli("rules", "check", str(path))
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 1
    assert lines[0].endswith("ranking.accountability.bottom: 2.5 是小数: 此项应为整数")
    line = int(lines[0].removeprefix(str(path)).split(":")[1])  # C:\…\rules.toml:12: on Windows
    assert path.read_text(encoding="utf-8").splitlines()[line - 1] == "bottom = 2.5"


def test_a_rule_set_file_beyond_its_cap_is_refused_in_one_line_unread(cli, db, tmp_path):
    """`rules check` and `rules adopt` read a rule set (some tens of KiB) only up to
    RULESET_MAX_BYTES, as an import or an anchor is capped: a log pasted by mistake,
    or a device, is refused at once and never read whole."""
    import os
    import time

    from jcdc.ruleset.load import RULESET_MAX_BYTES

    huge = tmp_path / "huge.toml"
    huge.write_text("# 注释\n" * (RULESET_MAX_BYTES // 8 + 10), encoding="utf-8")
    assert huge.stat().st_size > RULESET_MAX_BYTES
    for args in (("rules", "check", huge), ("rules", "adopt", huge, "--effective", "2019-01-01", "--doc", "x")):
        result = cli(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == f"错误: 「{huge}」超过 1 MiB, 不是可读入的规则集文件; 未读入\n"
    # A device that never ends is POSIX's (under Wine /dev/zero shows through the Z: drive,
    # which no clerk's Windows has).
    if sys.platform != "win32" and os.path.exists("/dev/zero"):
        started = time.monotonic()
        result = cli("rules", "check", "/dev/zero")
        assert result.exit_code == 1 and "超过 1 MiB" in result.stderr
        assert time.monotonic() - started < 10
    # the article text a rule set quotes is capped the same way
    revision = tmp_path / "quoting.toml"
    cli.ok("rules", "export", "--output", str(revision))
    source = tmp_path / "原文.txt"
    source.write_text("条文\n" * (RULESET_MAX_BYTES // 4), encoding="utf-8")
    text = revision.read_text(encoding="utf-8")
    assert 'source = "' in text
    import re

    revision.write_text(re.sub(r'source = "[^"]*"', f'source = "{source.name}"', text, count=1), encoding="utf-8")
    result = cli("rules", "check", revision)
    assert result.exit_code == 1 and "规则集引用的原文文件" in result.stderr and "超过 1 MiB" in result.stderr


def test_a_period_judged_by_a_revision_says_so_in_every_view(cli, tmp_path):
    """rank, report, notice and statement of 2020 name the revision that judged it;
    2019's, judged by the ledger's first version, say nothing new."""
    import openpyxl
    from docx import Document

    from jcdc.gongwen import cn

    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2019-03-06")
    revision = tmp_path / "jincheng-2020.toml"
    cli.ok("rules", "export", "--output", str(revision))
    text = revision.read_text(encoding="utf-8").replace('version = "jincheng-2017"', 'version = "jincheng-2020"', 1)
    revision.write_text(text.replace("top = 3\n", "top = 2\n", 1), encoding="utf-8")
    cli.ok("rules", "adopt", str(revision), "--effective", "2020-01-01", "--doc", "晋市政办〔2019〕88号")
    cli.ok("points", "add", "--unit", "市教育局", "--rule", "commend", "--points", "15", "--date", "2020-03-01")
    basis = "依据 晋市政办〔2017〕101号(2020年修订, 晋市政办〔2019〕88号)"

    assert basis in cli.ok("rank", "--year", "2020").stdout
    assert basis in cli.ok("rank", "--quarter", "2020Q1").stdout
    assert "依据" not in cli.ok("rank", "--year", "2019").stdout
    assert "年度总积分前2位的市直相关单位" in cli.ok("rank", "--year", "2020").stdout  # the revision's top 2

    cli.ok("report", "--year", "2020", "--output", str(tmp_path / "r.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert basis in cells
    cli.ok("report", "--year", "2020", "--output", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["legend"][0] == basis
    assert {k: report["ruleset"][k] for k in ("version", "document", "effective", "adopted_by")} == {
        "version": "jincheng-2020", "document": "晋市政办〔2017〕101号", "effective": "2020-01-01",
        "adopted_by": "晋市政办〔2019〕88号"}
    assert report["ruleset"]["hash"] == cli.json("rules", "history")[-1]["hash"]
    cli.ok("report", "--year", "2019", "--output", str(tmp_path / "r2019.json"))
    earlier = json.loads((tmp_path / "r2019.json").read_text(encoding="utf-8"))
    assert earlier["ruleset"]["version"] == "jincheng-2017" and not earlier["legend"][0].startswith("依据")

    cli.ok("notice", "--year", "2020", "--draft", "--output", str(tmp_path / "n.docx"))
    assert cn(basis) in [p.text for p in Document(str(tmp_path / "n.docx")).paragraphs]  # 公文's punctuation
    cli.ok("notice", "--year", "2019", "--draft", "--output", str(tmp_path / "n2019.docx"))
    assert not any("依据 晋市政办" in p.text for p in Document(str(tmp_path / "n2019.docx")).paragraphs)

    cli.ok("statement", "--year", "2020", "--unit", "市教育局", "--on", "2020-12-31", "--output", str(tmp_path / "s"))
    [statement] = (tmp_path / "s").glob("*.docx")
    assert cn(basis) in [p.text for p in Document(str(statement)).paragraphs]


def adopt_2020(cli, tmp_path) -> None:
    """A revision (only the top 2 city units exempt, 积分办法 第十九条) adopted from 2020-01-01."""
    revision = tmp_path / "jincheng-2020.toml"
    cli.ok("rules", "export", "--output", str(revision))
    text = revision.read_text(encoding="utf-8").replace('version = "jincheng-2017"', 'version = "jincheng-2020"', 1)
    revision.write_text(text.replace("top = 3\n", "top = 2\n", 1), encoding="utf-8")
    cli.ok("rules", "adopt", str(revision), "--effective", "2020-01-01", "--doc", "晋市政办〔2019〕88号")


def test_a_revision_moved_back_into_a_closed_quarter_is_reported_even_with_its_chain_recomputed(cli, db, tmp_path,
                                                                                              monkeypatch):
    """A forger who moves the revision's effective date into 2019's closed fourth
    quarter (after its last entry, so no entry's version disagrees) and recomputes
    the chain would have 2019's year judged by the revision: its 免督查 would name
    two city units, not the three the ledger decided. `check` replays adopt's
    refusal — no version takes effect inside or before a quarter closed before it
    was recorded — and the version each closing recorded."""
    import datetime as dt

    from test_integrity_check import tamper

    from jcdc import session

    record_two_years(cli)
    # the revision is adopted an hour after 2019's quarters were closed (times are to the second)
    an_hour_on = (dt.datetime.now().astimezone() + dt.timedelta(hours=1)).isoformat(timespec="seconds")
    monkeypatch.setattr(session, "timestamp", lambda: an_hour_on)
    adopt_2020(cli, tmp_path)
    exempt_2019 = [r["name"] for r in cli.json("rank", "--year", "2019") if "exempt" in r["flags"]]
    assert len(exempt_2019) == 3
    assert cli("check").exit_code == 0

    tamper(db, "UPDATE rulesets SET effective = '2019-12-01' WHERE id = 2;", table="rulesets", rechain=True)
    result = cli("check")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert any("2019年第四季度关闭时按规则集版本 jincheng-2017 排名" in l and l.endswith("施行的是 jincheng-2020") for l in lines), lines
    assert any("jincheng-2020" in l and "生效日期 2019-12-01" in l and "登记前已关闭的2019年第四季度" in l
               for l in lines), lines
    assert not any("第三季度" in line for line in lines)  # closed before, but before the effective date too
