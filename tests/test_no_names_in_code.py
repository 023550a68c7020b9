"""No name of the rule set's own outside the rule-set files (docs/rulesets.md).

A county's ledger has its own groups, its own office and its own 通报 header:
so the names of Jincheng's rule set — its issuer, its 文号, the city, its
groups' headings, the documents' titles, its office — are read from
jcdc/rulesets/jincheng-2017.toml and looked for in the Chinese text of jcdc's
code (messages, help, labels), as tests/test_no_figures_in_code.py looks for
its figures. Comments and docstrings outside the command modules are not read:
they quote the article beside the code that implements it and never reach the
clerk. A command's docstring is its help, and is read.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from test_no_figures_in_code import _docstrings  # the docstrings neither test reads

ROOT = Path(__file__).parent.parent
CODE = ROOT / "jcdc"
RULESET = CODE / "rulesets" / "jincheng-2017.toml"

# What names the rule set's words and is not its own, each with why. (file, the name found)
ALLOWED = {
    # jcdc's own names for its four categories (model.Category, messages.CATEGORY and
    # the other names an option answers to): what `unit add --category` and a roster's
    # 类别 column take, the kinds of unit the engine knows (a town is a `county` one
    # level down, docs/rulesets.md), not a rule set's groups or their headings.
    ("jcdc/messages.py", "县(市、区)", "县(市、区)"),
    ("jcdc/messages.py", "县(市、区)", "县(市、区)政府"),
    ("jcdc/messages.py", "市直相关单位", "市直相关单位"),
    ("jcdc/messages.py", "驻市相关单位", "驻市相关单位"),
    ("jcdc/commands/units.py", "县(市、区)", "县(市、区)(county)、开发区(devzone)"),
    # The 一网三库 pool's 地区 is the county (or zone) a person belongs to, for the
    # avoidance of 三库办法 第七条 (异地交叉督查): the category's name, as above.
    ("jcdc/commands/pools.py", "县(市、区)", "所属县(市、区)或开发区, 回避时使用"),
    ("jcdc/messages.py", "县(市、区)", "地区「{text}」不是县(市、区)或开发区"),
    ("jcdc/messages.py", "县(市、区)", "所属县(市、区)或开发区为被督查地区"),
    # Examples of the form of a 文号 in help: the clerk types their own; the example
    # only shows the shape (函〔年〕号 makes a letter, GB/T 9704 10.1).
    ("jcdc/commands/rules.py", "晋市政办", "印发修订的文号, 如 晋市政办〔2019〕88号"),
    ("jcdc/commands/ranking.py", "晋市政办", "公布该排名的文件文号, 如 晋市政办〔2020〕5号"),
    ("jcdc/commands/documents.py", "晋市政办", "发文字号, 如 晋市政办函〔2019〕12号"),
}


def _rule_set() -> dict:
    return tomllib.loads(RULESET.read_text(encoding="utf-8"))


def names(rs: dict | None = None) -> dict[str, str]:
    """The rule set's own names, each with the key it comes from."""
    rs = rs or _rule_set()
    head, docs = rs["ruleset"], rs["documents"]
    found = {head["issuer"]: "ruleset.issuer", head["document"]: "ruleset.document",
             head["document"].split("〔")[0]: "ruleset.document (its issuer's code)",
             docs["issuer"]: "documents.issuer", docs["printer"]: "documents.printer"}
    city = head["issuer"].split("人民政府")[0]            # 晋城市人民政府办公厅 → 晋城市
    found[city] = "the city, of ruleset.issuer"
    found[city.rstrip("市县区")] = "the city, of ruleset.issuer"  # 晋城 (晋城经济技术开发区)
    for name, group in rs["groups"].items():
        found[group["heading"]] = f"groups.{name}.heading"
    for key in ("office",):
        if key in head:
            found[head[key]] = f"ruleset.{key}"
        if key in docs:
            found[docs[key]] = f"documents.{key}"
    for short, title in docs.get("titles", {}).items():
        found[title] = f"documents.titles.{short}"
    for i, e in enumerate(rs["ranking"]["exemptions"]):
        if "among" in e:
            found[e["among"]] = f"ranking.exemptions[{i}].among"
    return found


def text_names(code: Path = CODE, rs: dict | None = None) -> list[str]:
    """Every name of the rule set in the text of jcdc's code: file:line: name (key): the text."""
    wanted = names(rs)
    found = []
    for path in sorted(code.rglob("*.py")):
        name = "jcdc/" + path.relative_to(code).as_posix()
        if name.startswith("jcdc/rulesets/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        help_module = name.startswith("jcdc/commands/") or name == "jcdc/cli.py"
        docs = set() if help_module else _docstrings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
                continue
            for word, key in wanted.items():
                if word in node.value and not any(
                        (file, allowed) == (name, word) and (node.value == text or node.value.startswith(text))
                        for file, allowed, text in ALLOWED if len(text) > len(word) or node.value == text):
                    found.append(f"{name}:{node.lineno}: {word} ({key}): {node.value[:60]!r}")
    return found


def test_the_names_are_read_from_the_rule_set_file():
    found = names()
    assert {"晋城市人民政府办公厅", "晋市政办〔2017〕101号", "晋城市", "晋城", "市直相关单位",
            "县(市、区)人民政府、开发区管委会", "驻市相关单位"} <= set(found)


def test_no_name_of_the_rule_set_in_the_code_s_text():
    found = text_names()
    assert not found, f"{len(found)} names of the rule set in text:\n" + "\n".join(found)
