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

    checked = cli("rules", "check", str(EXAMPLES / "zezhou-2018.toml"))
    assert checked.exit_code == 0 and checked.stdout == ""
    # one line says the file is sound, and what it is: its version and its rules
    assert checked.stderr == f"规则集文件「{EXAMPLES / 'zezhou-2018.toml'}」有效: 版本 zezhou-2018, 共 15 条积分规则\n"
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
    # 主送 every body it ranks, 驻县单位 too, as Jincheng's 主送 驻市各有关单位
    assert "各乡镇人民政府，泽州县经济技术开发区管委会，县直各有关单位，驻县各有关单位：" in text
    assert "（一）各乡镇人民政府、泽州县经济技术开发区管委会" in text and "（二）县直各部门" in text
    assert any("县年度目标考核领导小组办公室" in m for m in marks)  # 抄送, in the 版记
    # The whole 通报 is the county's: its office, its documents, its groups, its government.
    assert ("根据《泽州县政府督查工作激励积分实施办法（示例）》（泽政办发〔2018〕1号（示例），以下简称《积分办法》）"
            "第十三条“年末进行总评并排名”和第十七条至第十九条的规定，县政府办公室督查室对各乡镇人民政府、"
            "泽州县经济技术开发区管委会、县直各部门和驻县各单位2019年度督查工作进行了总评并排名。"
            "现将有关情况通报如下：") in text
    proposals = "\n".join(t for t in text if t.startswith(("（一）", "（二）", "（三）")))
    assert "下村镇年度总积分在乡镇中排名第1位。依据《积分办法》第十九条，建议报县政府同意后，将其作为2020年市政府大督查" \
        in proposals
    assert "（二）县直部门“免督查”。" in proposals and "在2020年县政府大督查时对上述单位予以“免督查”待遇" in proposals
    assert any(t.endswith("各单位的积分明细可向县政府办公室督查室查询。") for t in text)
    whole = "\n".join(text + marks)
    for jincheng in ("晋城", "晋市", "市政府办公厅", "县（市、区）", "市直相关单位", "驻市", "报市政府"):
        assert jincheng not in whole, jincheng
    statements = tmp_path / "告知单"
    cli.ok("statement", "--year", "2019", "--output", str(statements))
    for name in ("下村镇", "县教育局"):
        [found] = statements.glob(f"*{name}*.docx")
        said = [p.text for p in Document(str(found)).paragraphs]
        assert said[1].startswith("县政府办公室督查室　") and said[-1] == "对以上积分如有疑问，请与县政府办公室督查室联系核对。"
        flag = next(p for p in said if p.startswith("你单位年度总积分在"))
        assert flag.startswith("你单位年度总积分在乡镇中排名第1位" if name == "下村镇" else "你单位年度总积分在县直部门中排名前2位")
        assert "拟报县政府同意后" in flag
        for jincheng in ("晋城", "市政府办公厅", "县（市、区）", "市直相关单位", "报市政府"):
            assert not any(jincheng in p for p in said), (name, jincheng)
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


def test_the_county_s_refusals_and_notes_name_its_own_figures(county):
    """Messages are filled from the ledger's rule set: 泽州县's −4 and its top 2, not Jincheng's −5 and 3."""
    cli, _ = county
    refused = cli("points", "add", "--unit", "南村镇", "--rule", "problem", "--points", "-5", "--date", "2019-03-06")
    assert refused.exit_code == 1
    assert "分值固定为 -4.0" in refused.stderr and "-5" not in refused.stderr.replace("--points -5", "")
    for unit, points in (("县教育局", "15"), ("县财政局", "14"), ("县发展和改革局", "13")):
        cli.ok("points", "add", "--unit", unit, "--rule", "commend", "--points", points, "--date", "2019-05-16")
    shown = cli.ok("rank", "--year", "2019").stdout
    assert "免督查: 年度总积分前2位的县直部门, 次年县政府大督查免督查" in shown and "前3位" not in shown
    assert "积分办法 第十九条、第二十条" in shown  # the consequence's article as the county cites it


def test_help_names_the_figures_of_the_ledger_it_is_asked_about(cli, tmp_path, monkeypatch):
    """Help is filled from the rule set in force: the package's default, or the
    ledger's (--db or $JCDC_DB) — here a county that holds 倒数后3位 to account."""
    county = tmp_path / "bottom-three.toml"
    county.write_text((EXAMPLES / "zezhou-2018.toml").read_text(encoding="utf-8").replace(
        'version = "zezhou-2018"', 'version = "zezhou-2018b"') + "\n[ranking.accountability]\nbottom = 3\n",
        encoding="utf-8")
    path = tmp_path / "county.db"
    cli.ok("init", "--db", str(path), "--rules", str(county), "--roster", str(EXAMPLES / "zezhou-units.csv"))

    def joined(*args: str) -> str:  # help is wrapped: compare without white space
        return "".join(cli(*args).stdout.split())

    jincheng = joined("rank", "--help")  # $JCDC_DB: a Jincheng ledger
    assert "倒数后2位" in jincheng and "倒数后3位" not in jincheng
    assert "倒数后3位" in joined("rank", "--db", str(path), "--help")
    assert "连续2年倒数后3位(bottom-two" in joined("case", "open", "--db", str(path), "--help")
    monkeypatch.setenv("JCDC_DB", str(path))
    assert "连续2年倒数后3位" in joined("case", "candidates", "--help")
    monkeypatch.delenv("JCDC_DB")
    assert "倒数后2位" in joined("rank", "--help")  # no ledger: the package's default rule set


def test_a_county_s_own_days_and_seats_are_what_jcdc_applies_and_says(cli, tmp_path, monkeypatch):
    """快速处置's days, the 13710 system's 逾期N天以上 and 三库办法's seats and report days
    are read from the ledger's rule set, as the figures of points are: a county
    that gives 5 days, a 45-day extension cap, key supervision from 3 days late,
    4 full-time seats and 5 days for a report gets them — and its messages say so."""
    county = tmp_path / "own-days.toml"
    county.write_text((EXAMPLES / "zezhou-2018.toml").read_text(encoding="utf-8").replace(
        'version = "zezhou-2018"', 'version = "zezhou-2018d"')
        + "\n[deadlines]\ngeneral = 5\nextension_max = 45\n\n[matters]\nkey_late = 3\n\n[teams]\nfull = 4\nreport_days = 5\n",
        encoding="utf-8")
    path = tmp_path / "county.db"
    monkeypatch.setenv("JCDC_DB", str(path))
    cli.ok("init", "--rules", str(county), "--roster", str(EXAMPLES / "zezhou-units.csv"))

    cli.ok("fix", "add", "--unit", "南村镇", "--what", "整改道路破损", "--class", "general", "--from", "2019-05-05")
    [item] = cli.json("fix", "list")
    assert item["due"] == "2019-05-10"  # 5 days, not Jincheng's 7
    refused = cli("fix", "extend", str(item["id"]), "--days", "46", "--approved-by", "县政府分管副县长",
                  "--plan", "6月底前完成", "--date", "2019-05-08")
    assert refused.exit_code == 1 and "超过 45 天" in refused.stderr and "一般不超过45日" in refused.stderr
    assert "一般事项(general,5日)" in "".join(cli("fix", "add", "--help").stdout.split())

    cli.ok("matter", "add", "2019-0001", "--title", "饮水", "--lead", "南村镇", "--opened", "2019-05-05")
    cli.ok("matter", "report", "2019-0001", "--node", "1", "--date", "2019-05-08")  # 2 days late
    assert [e["rule"] for e in cli.json("points", "list") if e["matter"]] == ["13710-item", "13710-late"]
    cli.ok("matter", "report", "2019-0001", "--node", "2", "--date", "2019-05-11")  # 3 days late
    assert [e["rule"] for e in cli.json("points", "list") if e["matter"]][-2:] == ["13710-late", "13710-key"]
    assert "逾期3天以上进入重点督办" in "".join(cli("matter", "report", "--help").stdout.split())

    added = cli.ok("task", "add", "专项督查", "--kind", "special", "--start", "2019-05-06", "--end", "2019-05-10")
    assert "报告应于 2019-05-15 前报送" in added.stderr + added.stdout  # 5 days after the task's end
    refused = cli("draw", "run", "专项督查", "--team", "第一组", "--target", "南村镇", "--full", "5")
    assert refused.exit_code == 1 and "专职4" in refused.stderr.replace(" ", ""), refused.stderr



def test_a_unit_s_category_is_checked_by_jcdc_not_the_schema(cli, db):
    """积分办法 第二条: the categories are the rule set's (every one in one of its
    groups, `rules check`); jcdc refuses another where a unit is added and —
    written behind its back, now that the schema holds no list — in `jcdc check`."""
    import sqlite3

    refused = cli("unit", "add", "cun", "某村委会", "--category", "village")
    assert refused.exit_code != 0 and "village" in refused.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO units (code, name, category, grp, recorded_by, recorded_at)"
                     " VALUES ('cun', '某村委会', 'village', '县区', '甲', '2019-01-02T09:00:00+08:00')")
    conn.close()
    result = cli("check")
    assert result.exit_code == 1 and "单位 cun 的类别「village」不是规则集排名的类别" in result.stdout, result.output
