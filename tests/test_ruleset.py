"""A rule set is a file: jcdc/rulesets/jincheng-2017.toml holds every figure and
table of 晋市政办〔2017〕101号, and the rules read their figures from it
(docs/rulesets.md; SPEC §2, §3, §5, §6)."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from jcdc import ruleset
from jcdc.model import Category, Role
from jcdc.rules import jifen, kuaisu, sanku, xitong13710
from jcdc.ruleset import Amount, Per
from jcdc.ruleset.load import key_lines, read, text_problems

SEED = Path("/work/shared/seed/jinshizhengban-2017-101.txt")
FILE = ruleset.builtin_path("jincheng-2017")


def raw() -> dict:
    return tomllib.loads(FILE.read_text(encoding="utf-8"))


def test_the_contract_keys_hold_jinchengs_2017_figures_as_strings_in_points():
    """The keys other offices rely on, with Jincheng's 2017 values (积分办法 第十、
    十一、十二、十七—十九条; 三库办法 第九、十四条; 快速处置 二)."""
    d = raw()
    assert {k: d["ruleset"][k] for k in ("id", "issuer", "document")} == {
        "id": "jincheng", "issuer": "晋城市人民政府办公厅", "document": "晋市政办〔2017〕101号"}
    assert str(d["ruleset"]["effective"]) == "2017-11-20" and d["ruleset"]["name"]
    assert d["points"]["base"] == "100"
    problem = d["points"]["rules"]["problem"]
    assert (problem["lead"], problem["coop"], problem["per"], problem["name"], problem["cite"]) == (
        "-5", "-3", "item", "存在问题", "积分办法 第十二条(一)")
    assert d["points"]["rules"]["commend"]["lead"] == "10..20"
    assert d["points"]["rules"]["coop-fault"]["lead"] == "0|-1..-3"
    returned = d["points"]["rules"]["13710-returned"]
    assert (returned["first"], returned["step"]) == ("-0.5", "-1")
    assert {g: t["categories"] for g, t in d["groups"].items()} == {
        "县区": ["county", "devzone"], "市直": ["city"], "驻市": ["stationed"]}
    acc = d["ranking"]["accountability"]
    assert (acc["at_or_below"], acc["bottom"], acc["years"], acc["min_group"]) == ("100", 2, 2, 3)
    assert [(e["group"], e.get("category"), e["top"], e["label"]) for e in d["ranking"]["exemptions"]] == [
        ("县区", "county", 1, "推荐免督查"), ("市直", None, 3, "免督查")]
    assert d["ranking"]["report_groups"] == ["县区", "市直"]
    assert {k: d["teams"][k] for k in ("full", "part", "invited", "attendant", "report_days")} == {
        "full": 3, "part": 2, "invited": 2, "attendant": 1, "report_days": 3}
    assert {k: d["deadlines"][k] for k in ("general", "major", "policy", "conduct", "extension_max")} == {
        "general": 7, "major": 30, "policy": 3, "conduct": 7, "extension_max": 60}
    assert set(d["documents"]) == {"issuer", "recipients", "copy_to", "printer", "office", "government", "titles"}
    assert (d["documents"]["office"], d["documents"]["government"], d["ruleset"]["office"], d["ruleset"]["area"]) == (
        "市政府办公厅督查室", "市政府", "晋城市政府办公厅督查室", "晋城市")
    assert d["documents"]["titles"] == {"积分办法": "晋城市政府督查工作激励积分办法(试行)",
                                        "追究办法": "晋城市政府督查责任追究办法(试行)"}
    assert [(e["among"], e["inspections"]) for e in d["ranking"]["exemptions"]] == [
        ("县(市、区)", ["国务院", "省政府"]), ("市直相关单位", ["市政府"])]
    assert d["cases"] == {"execute_months": 1, "cite": "问责条例 第九条"}


def test_every_rule_has_a_cite_and_the_articles_words_found_verbatim_in_the_source():
    """Each rule (and each figure's `text`) is the article's words: found in the
    notice's text, shipped beside the file and identical to the seed."""
    rules = ruleset.builtin()
    assert rules.source is not None and rules.source.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
    for rule in rules.rules.values():
        assert rule.cite.split()[0] in ("积分办法", "三库办法") and "第十" in rule.cite
        assert rule.text
    text = FILE.read_text(encoding="utf-8")
    assert text_problems(rules.data, key_lines(text), SEED.read_text(encoding="utf-8"), SEED.name) == []
    # and a word changed is found out, on its line
    changed = text.replace("牵头单位每项减5分,配合单位减3分;", "牵头单位每项减4分,配合单位减3分;", 1)
    data = tomllib.loads(changed)
    found = text_problems(data, key_lines(changed), SEED.read_text(encoding="utf-8"), SEED.name)
    assert [p.key for p in found] == ["points.rules.problem.text"]
    assert changed.splitlines()[found[0].line - 1].startswith("text = ")


def test_the_catalogue_and_figures_the_rules_apply_are_the_files():
    """No figure of its own in the rules: the catalogue, the base, the team seats,
    the deadlines and the 13710 nodes are the rule set's."""
    rules = ruleset.builtin()
    assert jifen.CATALOGUE is rules.rules and list(jifen.CATALOGUE) == list(raw()["points"]["rules"])
    assert jifen.BASE == 1000 and rules.rules["problem"].lead == Amount(-50, -50)
    assert rules.rules["coop-fault"].lead == Amount(-30, -10, or_zero=True)
    assert rules.rules["13710-returned"].escalates and [jifen.returned_points(n) for n in range(3)] == [-5, -15, -25]
    assert rules.rules["late-material"].per is Per.DAY and rules.rules["13710-excellent"].scorer == "立项主体"
    assert sanku.TEAM_LIMITS[sanku.Pool.FULL] == 3 and sanku.ATTENDANT_LIMIT == 1 and sanku.REPORT_DAYS == 3
    assert kuaisu.TERMS[kuaisu.FixClass.MAJOR].days == 30 and kuaisu.EXTENSION_CAP_DAYS == 60
    assert xitong13710.KEY_SUPERVISION_DAYS_LATE == 2
    assert jifen.DEFAULT_GROUP[Category.DEVZONE] == "县区" and jifen.REPORTED_CATEGORIES == {
        Category.COUNTY, Category.DEVZONE, Category.CITY}


def test_a_figure_changed_in_the_rule_set_changes_what_the_rules_decide():
    """积分办法 第十七、十九条 read from the rule set: 倒数后3位 and 前2位 in a
    revision change the flags, with no code touched."""
    rules = ruleset.builtin()
    revised = dataclasses.replace(
        rules, accountability=dataclasses.replace(rules.accountability, bottom=3),
        exemptions=tuple(dataclasses.replace(e, top=2) if e.flag == "exempt" else e for e in rules.exemptions))
    scores = {"a": 1010, "b": 1000, "c": 990, "d": 980}
    assert [u for u in scores if jifen.bottom_two(scores, u)] == ["c", "d"]
    assert [u for u in scores if jifen.bottom_two(scores, u, revised)] == ["b", "c", "d"]
    members = [(u, "市直", Category.CITY) for u in "pqrs"]
    year = jifen.rank_groups(members, {"p": 30, "q": 20, "r": 10, "s": 0})
    exempt = lambda flags: sorted(u for u, f in flags.items() if jifen.Flag.EXEMPT in f)  # noqa: E731
    assert exempt(jifen.annual_flags(year, [])) == ["p", "q", "r"]
    assert exempt(jifen.annual_flags(year, [], revised)) == ["p", "q"]
    problem = dataclasses.replace(rules.rules["problem"], lead=Amount(-40, -40))
    assert jifen.entry_points(problem, Role.LEAD, None, 2) == -80


def bad(text: str) -> list[str]:
    rules, problems = read(text, "F.toml")
    assert rules is None
    return [p.render("F.toml") for p in problems]


def test_a_float_or_a_figure_finer_than_a_tenth_is_refused_one_line_each_with_its_line():
    """Points are exact (SPEC §2): `lead = -5.0` (a TOML float) and `"-0.05"` are
    refused, each problem on its own line naming the file's line."""
    text = FILE.read_text(encoding="utf-8")
    lines = text.splitlines()
    problem_lead = next(i for i, l in enumerate(lines) if l == 'lead = "-5"' and 'problem' in lines[i - 5])
    late_lead = lines.index('lead = "-0.5"')
    lines[problem_lead] = "lead = -5.0"
    lines[late_lead] = 'lead = "-0.05"'
    lines[lines.index("bottom = 2")] = "bottom = 2.0"
    out = bad("\n".join(lines) + "\n")
    assert out == [
        f"F.toml:{problem_lead + 1}: points.rules.problem.lead: 分值 -5.0 写成了小数: 分值写成字符串(以分计), 如 \"-5.0\", 以免误差",
        f"F.toml:{late_lead + 1}: points.rules.13710-late.lead: 分值「-0.05」比 0.1 分更细: 积分精确到 0.1 分",
        f"F.toml:{lines.index('bottom = 2.0') + 1}: ranking.accountability.bottom: 2.0 是小数: 此项应为整数",
    ]


@pytest.mark.parametrize("figure, expected", [
    ('"-5"', Amount(-50, -50)), ('"10..20"', Amount(100, 200)), ('"0|-1..-3"', Amount(-30, -10, True)),
    ('"+0.5"', Amount(5, 5)), ('"-1..-3"', Amount(-30, -10)),
])
def test_figures_are_strings_in_points(figure, expected):
    text = FILE.read_text(encoding="utf-8").replace('lead = "-5"\ncoop = "-3"', f'lead = {figure}\ncoop = "-3"', 1)
    rules, problems = read(text, "F.toml")
    assert problems == [] and rules.rules["problem"].lead == expected


@pytest.mark.parametrize("figure, what", [
    ("-5", "分值应写成字符串(以分计)"), ('"五"', "无法识别"), ('"-5..-3..-1"', "无法识别"),
    ('"1|2"', "无法识别"), ('"0|-1..1"', "无法识别"), ('"-0.25"', "比 0.1 分更细"),
])
def test_a_figure_not_written_as_points_is_refused(figure, what):
    text = FILE.read_text(encoding="utf-8").replace('lead = "-5"\ncoop = "-3"', f'lead = {figure}\ncoop = "-3"', 1)
    out = bad(text)
    assert len(out) == 1 and "points.rules.problem.lead" in out[0] and what in out[0]


def test_unknown_keys_missing_figures_bad_cites_and_groups_are_each_one_line():
    text = FILE.read_text(encoding="utf-8")
    text = text.replace('per = "day"', 'per = "week"', 1).replace('coop = "5..10"', 'cop = "5..10"', 1)
    text = text.replace('cite = "积分办法 第十二条(二)"', 'cite = "积分办法"', 1)
    text = text.replace('report_groups = ["县区", "市直"]', 'report_groups = ["县区", "乡镇"]', 1)
    text = text.replace("min_group = 3\n", "", 1)
    out = bad(text)
    assert len(out) == 5, out
    assert any("points.rules.late-material.per: 「week」无效" in line for line in out)
    assert any("points.rules.commend.cop: 未知的键" in line for line in out)
    assert any("points.rules.eval-poor.cite: 依据「积分办法」没有指明条文" in line for line in out)
    assert any("ranking.report_groups: 排名组「乡镇」不在 groups 中" in line for line in out)
    assert any("ranking.accountability.min_group: 缺少此项" in line for line in out)
    assert all(line.startswith("F.toml:") and line.split(":")[1].isdigit() for line in out)


def test_a_file_that_is_not_toml_says_so_on_its_line():
    out = bad('[ruleset]\nid = "x"\nname = \n')
    assert len(out) == 1 and out[0].startswith("F.toml:3: —: 不是有效的 TOML")


def test_the_hash_is_of_what_the_file_says_not_how_it_is_spaced():
    text = FILE.read_text(encoding="utf-8")
    spaced = "# another office's comment\n" + text.replace('base = "100"', 'base   =   "100"')
    assert ruleset.loads(spaced).hash == ruleset.builtin().hash
    assert ruleset.loads(text.replace('base = "100"', 'base = "90"')).hash != ruleset.builtin().hash


def test_docs_rulesets_documents_every_key_of_the_file():
    """docs/rulesets.md names every key Jincheng's file uses (rules and groups by their table)."""
    doc = (Path(__file__).parent.parent / "docs" / "rulesets.md").read_text(encoding="utf-8")

    def keys(table: dict, path: str):
        for k, v in table.items():
            if path in ("points.rules", "groups"):
                yield from keys(v, path + ".*") if isinstance(v, dict) else ()
                continue
            full = f"{path}.{k}" if path else k
            if isinstance(v, dict):
                yield from keys(v, full)
            elif isinstance(v, list) and v and isinstance(v[0], dict):
                for item in v:
                    yield from keys(item, full + "[]")
            else:
                yield full

    missing = []
    for key in set(keys(raw(), "")):
        leaf = key.rsplit(".", 1)[-1]
        if f"`{key}`" not in doc and f"`{leaf}`" not in doc:
            missing.append(key)
    assert missing == []
