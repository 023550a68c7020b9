"""No figure of the four documents outside the rule-set files (docs/rulesets.md).

The figures are read from jcdc/rulesets/jincheng-2017.toml itself — every rule's
points, the base, 倒数后2位 and 前3位, the 7/30/3/60-day deadlines, the team
sizes, the 13710 system's days — and looked for where a figure hides:

- in Chinese text (messages, help, labels) as the phrases it takes there:
  减5分, +0.5, 倒数后2位, 连续两年, 3日内, 不超过3名 …;
- as numeric literals in the code that applies rules (a figure compared,
  added or counted in days);
- in the SQL CHECK constraints of a new ledger's schema.

Docstrings outside the command modules and comments are not read: they quote
the article next to the code that implements it (Catala's way) and never reach
the clerk. A command's docstring is its help, and is read.
"""

from __future__ import annotations

import ast
import re
import sqlite3
import tomllib
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).parent.parent
CODE = ROOT / "jcdc"
RULESET = CODE / "rulesets" / "jincheng-2017.toml"

# What looks like a figure and is not one, each with why. (file, the text found)
ALLOWED = {
    # The statement lists what a unit has due within the next 30 days: a look-ahead
    # jcdc chose (documents.STATEMENT_DUE_DAYS), not a deadline of the documents.
    ("jcdc/documents.py", "STATEMENT_DUE_DAYS = 30"),
    ("jcdc/commands/documents.py", "30日"),
    # `jcdc due` marks what falls due within 3 days in yellow (SPEC §6, kuaisu.SOON_DAYS):
    # a display band, not a deadline.
    ("jcdc/messages.py", "3日"),
    # An entry counts at least one item, occurrence or day: what a count is, not a figure.
    ("jcdc/messages.py", "1 天"),
}


def _rule_set() -> dict:
    return tomllib.loads(RULESET.read_text(encoding="utf-8"))


def _numbers(text: str) -> list[Decimal]:
    return [abs(Decimal(n)) for n in re.findall(r"[+-]?\d+(?:\.\d+)?", text)]


def figures() -> dict[str, set]:
    """The figures of the rule set, by kind: points (as written), counts, team sizes, days."""
    rs = _rule_set()
    points = set(_numbers(rs["points"]["base"])) | set(_numbers(rs["ranking"]["accountability"]["at_or_below"]))
    for rule in rs["points"]["rules"].values():
        for key in ("lead", "coop", "first", "step"):
            if key in rule:
                points |= set(_numbers(rule[key]))
    points.discard(Decimal(0))
    acc = rs["ranking"]["accountability"]
    counts = {acc["bottom"], acc["years"], acc["min_group"]} | {e["top"] for e in rs["ranking"]["exemptions"]}
    teams = {rs["teams"][k] for k in ("full", "part", "invited", "attendant")}
    days = ({rs["teams"]["report_days"]} | {rs["deadlines"][k] for k in ("general", "major", "policy", "conduct",
                                                                        "extension_max")}
            | {rs["matters"][k] for k in ("deploy", "progress", "general", "major", "key_late")})
    months = {rs["cases"]["execute_months"]}  # 问责条例 第九条: 一个月内
    return {"points": points, "counts": counts, "teams": teams, "days": days, "months": months}


# A count written in words, as the documents do (连续两年倒数后两位). 一 is left out:
# 一名, 一天, 一个 are ordinary words far more often than a figure.
_WORDS = {2: "两|二", 3: "三", 5: "五", 7: "七", 10: "十"}
_MONTH_WORDS = {1: "一", 2: "两|二", 3: "三", 6: "六"}


def _alternatives(values) -> str:
    out = []
    for v in sorted(values, key=lambda d: (-len(str(d)), str(d))):
        out.append(re.escape(format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)))
        if isinstance(v, int) and v in _WORDS:
            out.append(_WORDS[v])
    return "(?:" + "|".join(out) + ")"


def phrases() -> list[tuple[str, re.Pattern]]:
    f = figures()
    alone = r"(?<![\d.]){}(?![\d.])"
    p, c, t, d = (alone.format(_alternatives(f[k])) for k in ("points", "counts", "teams", "days"))
    return [
        ("points", re.compile(rf"{p}\s*(?:—\s*{p}\s*)?分|基准分\s*{p}")),
        ("signed points", re.compile(rf"(?<![\w.)])(?<!\d-)[+\-−]\s?{p}(?!\s*[\d.月日]|\.\.|-\d)")),
        ("count", re.compile(rf"(?:倒数后|前|第|后)\s*{c}\s*(?:位|名)|连续\s*{c}\s*年|不足\s*{c}\s*个")),
        ("team size", re.compile(rf"{t}\s*名")),
        ("days", re.compile(rf"{d}\s*(?:日|天|个工作日)")),
        # a month is 一个月 in words: 一 is a figure here, before 个月
        ("months", re.compile(rf"(?:{alone.format(_alternatives(f['months']))}|"
                              rf"{'|'.join(_MONTH_WORDS[m] for m in f['months'] if m in _MONTH_WORDS)})\s*个月")),
    ]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                found.add(id(body[0].value))
    return found


def _sources():
    for path in sorted(CODE.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def text_figures() -> list[str]:
    """Every figure phrase in the Chinese text of jcdc's code: file:line: phrase (kind)."""
    found = []
    patterns = phrases()
    for name, source in _sources():
        tree = ast.parse(source)
        help_module = name.startswith("jcdc/commands/") or name == "jcdc/cli.py"
        docs = set() if help_module else _docstrings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
                continue
            if not _CJK.search(node.value):
                continue
            for kind, pattern in patterns:
                for m in pattern.finditer(node.value):
                    if (name, m.group(0)) not in ALLOWED:
                        found.append(f"{name}:{node.lineno}: {m.group(0)} ({kind})")
    return found


# The code that applies rules: the rule functions and the use cases around them.
RULE_CODE = ("jcdc/rules/", "jcdc/points.py", "jcdc/matters.py", "jcdc/pools.py", "jcdc/closing.py",
             "jcdc/documents.py", "jcdc/ranking.py", "jcdc/score.py", "jcdc/fixes.py", "jcdc/due.py",
             "jcdc/prior.py", "jcdc/cases.py", "jcdc/report.py", "jcdc/integrity.py", "jcdc/rulebook.py")


def literal_figures() -> list[str]:
    """Numeric literals in rule-bearing code that are a figure: a point figure in
    tenths (−50 for −5) in arithmetic or a comparison, a deadline's days given
    to a date calculation, compared or named as a constant, a count (倒数后2位's
    2) compared with anything but a length."""
    f = figures()
    tenths = {int(p * 10) for p in f["points"]}
    days = {d for d in f["days"] if d > 3}
    counts = {c for c in f["counts"] | f["teams"] if c > 1}
    found = []
    for name, source in _sources():
        if not name.startswith(RULE_CODE):
            continue
        tree = ast.parse(source)
        lines = source.splitlines()
        parent = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and type(node.value) is int):
                continue
            up = parent.get(node)
            if isinstance(up, ast.UnaryOp) and isinstance(up.op, ast.USub):
                up = parent.get(up)
            value = node.value
            arithmetic = isinstance(up, (ast.BinOp, ast.Compare, ast.AugAssign))
            dated = isinstance(up, ast.keyword) and up.arg == "days"
            constant = isinstance(up, ast.Assign) and isinstance(parent.get(up), ast.Module)
            compared = isinstance(up, ast.Compare) and not any(
                isinstance(side, ast.Call) and getattr(side.func, "id", None) == "len"
                for side in (up.left, *up.comparators))
            if (value in tenths and value >= 5 and (arithmetic or constant)) or (value in days and (arithmetic or dated or constant)) \
                    or (value in counts and compared):
                text = lines[node.lineno - 1].strip()
                if not any(name == file and allowed in text for file, allowed in ALLOWED):
                    found.append(f"{name}:{node.lineno}: {value}: {text}")
    return found


def sql_figures(tmp_path) -> list[str]:
    """The CHECK constraints of a new ledger's schema that name a category of the
    rule set's groups or a figure (a count or a boolean, 0 or 1, is structure)."""
    from jcdc.store import open_store

    store = open_store(tmp_path / "schema.db")
    store.close()
    rs = _rule_set()
    categories = {c for g in rs["groups"].values() for c in g["categories"]}
    f = figures()
    numbers = {str(int(p * 10)) for p in f["points"]} | {str(p.normalize()) for p in f["points"]}
    numbers |= {str(n) for kind in ("counts", "teams", "days") for n in f[kind]}
    numbers -= {"0", "1"}
    found = []
    with sqlite3.connect(tmp_path / "schema.db") as conn:
        for table, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"):
            for check in re.findall(r"CHECK\s*\(((?:[^()]|\([^()]*\))*)\)", sql):
                named = {c for c in categories if f"'{c}'" in check}
                named |= set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", check)) & numbers
                if named:
                    found.append(f"{table}: CHECK ({check}): {', '.join(sorted(named))}")
    return found


def test_the_figures_are_read_from_the_rule_set_file():
    f = figures()
    assert {Decimal("100"), Decimal("5"), Decimal("0.5"), Decimal("3")} <= f["points"]
    assert {2, 3, 1} <= f["counts"] and {7, 30, 3, 60} <= f["days"] and {3, 2, 1} <= f["teams"]
    found = sorted(m.group(0) for _, p in phrases() for m in p.finditer(
        "每项减5分; 连续2年倒数后2位; 连续两年倒数后两位; 前3位; 7日内; 逾期记 -0.5; 不超过3名; 基准分 100; 一个月内"))
    assert found == sorted(["5分", "基准分 100", "-0.5", "倒数后2位", "倒数后两位", "前3位", "连续2年", "连续两年",
                            "3名", "7日", "一个月"]), found


def test_no_figure_of_the_documents_in_the_code_s_chinese_text():
    found = text_figures()
    assert not found, f"{len(found)} figures in text:\n" + "\n".join(found)


def test_no_figure_of_the_documents_as_a_literal_in_rule_bearing_code():
    found = literal_figures()
    assert not found, f"{len(found)} figure literals:\n" + "\n".join(found)


def test_no_figure_or_category_in_the_schema_s_checks(tmp_path):
    found = sql_figures(tmp_path)
    assert not found, f"{len(found)} CHECKs:\n" + "\n".join(found)
