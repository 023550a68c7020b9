"""A second rule set, for real (积分办法 第二十条): 泽州县's own 办法, a file that
extends Jincheng's (examples/rulesets/), runs a year end to end — entries, rank,
consequences by its figures, its 通报 with its own header, check."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

EXAMPLES = Path(__file__).parent.parent / "examples" / "rulesets"


@pytest.fixture
def county(cli, tmp_path, monkeypatch):
    path = tmp_path / "zezhou.db"
    monkeypatch.setenv("JCDC_DB", str(path))
    out = cli.ok("init", "--rules", str(EXAMPLES / "zezhou-2018.toml"),
                 "--roster", str(EXAMPLES / "zezhou-units.csv")).stdout + ""
    return cli, out


def test_the_county_file_is_a_sound_rule_set_that_changes_only_what_it_says(cli):
    from jcdc import ruleset

    assert cli("rules", "check", str(EXAMPLES / "zezhou-2018.toml")).stdout == ""
    county, jincheng = ruleset.load(EXAMPLES / "zezhou-2018.toml"), ruleset.builtin()
    assert (county.id, county.version, county.documents.issuer) == ("zezhou", "zezhou-2018", "泽州县人民政府办公室")
    assert list(county.groups) == ["乡镇", "县直部门", "驻县单位"]
    changed = {code for code in jincheng.rules if county.rules[code] != jincheng.rules[code]}
    assert changed == {"problem", "late-material"}
    assert county.teams == jincheng.teams and county.deadlines == jincheng.deadlines


def test_a_year_of_the_county_end_to_end(county, tmp_path):
    cli, _ = county
    assert [v["version"] for v in cli.json("rules", "history")] == ["zezhou-2018"]
    assert {u["group"] for u in cli.json("unit", "list")} == {"乡镇", "县直部门", "驻县单位"}
    for unit, rule, date, *extra in [
        ("南村镇", "problem", "2019-03-06"), ("下村镇", "commend", "2019-04-06", "--points", "12"),
        ("周村镇", "late-material", "2019-05-06", "--qty", "3"), ("巴公镇", "problem", "2019-06-06"),
        ("县教育局", "commend", "2019-05-16", "--points", "15"), ("县财政局", "commend", "2019-06-16", "--points", "14"),
        ("县发展和改革局", "commend", "2019-07-16", "--points", "13"), ("供电公司", "obstruct", "2019-08-01"),
    ]:
        cli.ok("points", "add", "--unit", unit, "--rule", rule, "--date", date, *extra)
    figures = {(e["unit"], e["rule"]): e["points"] for e in cli.json("points", "list")}
    assert figures[("nancun", "problem")] == -4          # the county's figure, not Jincheng's -5
    assert figures[("zhoucun", "late-material")] == -1.5  # -0.5 a day late, three days
    assert figures[("gdgs", "obstruct")] == -5           # a figure it keeps from Jincheng's

    rows = cli.json("rank", "--year", "2019")
    assert [r["group"] for r in rows][:1] == ["乡镇"]
    flags = {r["name"]: r["flags"] for r in rows}
    assert flags["下村镇"] == ["exempt-recommended"]
    assert [n for n, f in flags.items() if "exempt" in f] == ["县教育局", "县财政局"]  # its top 2, not Jincheng's 3
    for q in (1, 2, 3, 4):
        empty = [] if cli.json("points", "list", "--quarter", f"2019Q{q}") else ["--empty"]
        cli.ok("close", f"2019Q{q}", *empty)

    path = tmp_path / "通报.docx"
    cli.ok("notice", "--year", "2019", "--output", str(path), "--number", "泽政办发〔2020〕3号")
    doc = Document(str(path))
    text = [p.text for p in doc.paragraphs]
    marks = [t.text for t in doc.element.body.iter(qn("w:t"))]
    assert marks[0] == "泽州县人民政府办公室"  # 发文机关标志, before everything else
    assert "泽州县人民政府办公室" in text  # 署名
    assert "各乡镇人民政府，泽州县经济技术开发区管委会，县直各有关单位：" in text
    assert "（一）各乡镇人民政府、泽州县经济技术开发区管委会" in text and "（二）县直各部门" in text
    assert any("县年度目标考核领导小组办公室" in m for m in marks)  # 抄送, in the 版记
    assert not any("晋城" in t for t in text[:text.index("各乡镇人民政府，泽州县经济技术开发区管委会，县直各有关单位：") + 1])
    result = cli("check")
    assert result.exit_code == 0 and result.stdout == "", result.output


def test_a_ledger_is_not_moved_to_another_rule_set_by_init(county):
    cli, _ = county
    result = cli("init", "--no-roster")  # the default is Jincheng's: this ledger keeps its own
    assert result.exit_code == 0
    assert [v["version"] for v in cli.json("rules", "history")] == ["zezhou-2018"]
    from jcdc.ruleset import builtin_path

    refused = cli("init", "--rules", str(builtin_path("jincheng-2017")))
    assert refused.exit_code == 1 and "已按规则集 zezhou-2018 评分" in refused.stderr
