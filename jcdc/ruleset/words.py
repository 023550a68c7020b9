"""A rule set's figures as the clerk reads them in messages and help.

Messages and help texts name the figures of the documents — 倒数后2位, 7日内,
逾期记 -0.5 — as placeholders (`倒数后{bottom}位`, `{general_days}日内`,
`逾期记 {pt_13710_late}`), filled here from the rule set in force, so a county's
ledger says its own figures and a revision says the new ones. No figure of the
documents is written in code (tests/test_no_figures_in_code.py).
"""

from __future__ import annotations

import re

from jcdc.model import fmt_points
from jcdc.ruleset.model import Amount, RuleSet


def points(tenths: int, signed: bool = False) -> str:
    """A figure as the documents write it: -0.5, 5, +3 (no trailing .0)."""
    text = fmt_points(tenths, signed=signed)
    return text[:-2] if text.endswith(".0") else text


def amount(a: Amount | None) -> str:
    """A rule's figure: +3, -5, 10—20, 0 或 -1—-3."""
    if a is None:
        return "—"
    if a.fixed:
        return points(a.low, signed=True)
    low, high = (a.low, a.high) if a.low >= 0 else (a.high, a.low)
    text = f"{points(low, signed=a.low < 0)}—{points(high, signed=a.low < 0).lstrip('+-')}"
    return f"0 或 {text}" if a.or_zero else text


_CACHE: dict[str, dict[str, str]] = {}


# A count as the documents write it in words: 连续两年倒数后两位.
_CN = dict(enumerate("零一两三四五六七八九十", start=0))


def _figures(rules: RuleSet) -> dict[str, str]:
    found = _CACHE.get(rules.hash)
    if found is None:
        found = _CACHE[rules.hash] = _build(rules)
    return found


def _build(rules: RuleSet) -> dict[str, str]:
    acc, teams, dl, mt = rules.accountability, rules.teams, rules.deadlines, rules.matters
    out = {
        "base": points(rules.base),                  # 积分办法 第十条
        "base_cite": rules.base_cite,
        "at_or_below": points(acc.at_or_below),      # 第十七条 基准分以下
        "bottom": str(acc.bottom),                   # 第十七条 倒数后2位
        "years": str(acc.years),                     # 第十七条 连续2年
        "min_group": str(acc.min_group),
        "years_cn": _CN.get(acc.years, str(acc.years)),
        "bottom_cn": _CN.get(acc.bottom, str(acc.bottom)),
        "accountability_cite": acc.cite,
        "general_days": str(dl.general),             # 快速处置 二.1、二.2
        "major_days": str(dl.major),
        "policy_days": str(dl.policy),               # 二.3
        "conduct_days": str(dl.conduct),             # 二.4
        "extension_max": str(dl.extension_max),      # 二.2
        "team_full": str(teams.full),                # 三库办法 第九条
        "team_part": str(teams.part),
        "team_invited": str(teams.invited),
        "team_attendant": str(teams.attendant),
        "report_days": str(teams.report_days),       # 三库办法 第十四条
        "deploy_days": str(mt.deploy),               # the 13710 system's nodes
        "progress_days": str(mt.progress),
        "matter_general": str(mt.general),
        "matter_major": str(mt.major),
        "key_late": str(mt.key_late),                # 第十二条(三) 逾期2天以上
        "execute_months": str(rules.cases.execute_months),  # 组织调整/组织处理 executed within
        "execute_months_cn": _CN.get(rules.cases.execute_months, str(rules.cases.execute_months)),
        "execute_cite": rules.cases.cite,
        # the names of the rule set's own: its office, its government, its documents
        "office": rules.documents.office,            # 市政府办公厅督查室, as the 通报 says it
        "office_full": rules.office,                 # 晋城市政府办公厅督查室
        "area": rules.area,                          # 晋城市
        "government": rules.documents.government,    # 市政府
        "document": rules.document,                  # 晋市政办〔2017〕101号
        "title_jifen": rules.documents.titles.get("积分办法", "积分办法"),
        "title_zhuijiu": rules.documents.titles.get("追究办法", "追究办法"),
        "assessed": assessed(rules),                 # 各县(市、区)人民政府、……和驻市相关单位
        # 第十八条: the groups whose rankings are reported, and those that are not
        "report_headings": "、".join(rules.groups[g].heading for g in rules.report_groups if g in rules.groups),
        "unreported_headings": "、".join(g.heading for n, g in rules.groups.items() if n not in rules.report_groups),
    }
    for flag in ("exempt-recommended", "exempt"):    # a rule set without one names none
        key = flag.replace("-", "_")
        out["among_" + key] = out["inspectors_" + key] = out["inspections_" + key] = ""
    for e in rules.exemptions:                       # 第十九条
        key = e.flag.replace("-", "_")
        out["top_" + key] = str(e.top)
        out["among_" + key] = e.among                # 县(市、区), 市直相关单位
        out["inspectors_" + key] = "、".join(e.inspections)                      # 国务院、省政府
        out["inspections_" + key] = "、".join(f"{i}大督查" for i in e.inspections)  # 国务院大督查、省政府大督查
    for code, rule in rules.rules.items():           # 第十一、十二条
        key = "pt_" + code.replace("-", "_")
        if rule.escalation is not None:
            out[key] = points(rule.escalation.first, signed=True)
            out[key + "_step"] = points(abs(rule.escalation.step))
        else:
            out[key] = amount(rule.lead)
            if rule.coop is not None:
                out[key + "_coop"] = amount(rule.coop)
    return out


def assessed(rules: RuleSet) -> str:
    """The units the office scores, as the 通报 opens: its groups' headings, 各 before
    them (unless the first says it), the last joined by 和."""
    headings = [g.heading for g in rules.groups.values()]
    if not headings:
        return ""
    text = headings[0] if len(headings) == 1 else "、".join(headings[:-1]) + "和" + headings[-1]
    return text if text.startswith("各") else "各" + text


_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


# The rule set of the ledger the command opened (its current version), for the
# words that belong to no dated act: help, labels, refusals before a date is known.
_LEDGER: list[RuleSet] = []


def use(rules: RuleSet | None) -> None:
    """The ledger's rule set for this command (None: none opened, the package's default)."""
    _LEDGER[:] = [rules] if rules is not None else []


def in_use() -> RuleSet:
    from jcdc.ruleset import builtin

    return _LEDGER[0] if _LEDGER else builtin()


class Filled(str):
    """A text filled from a rule set, still to be formatted with the message's own
    placeholders: its `format` reads braces the rule set's words contain
    (县政府{x}督查室, a county's to write) as those words, never as a placeholder
    of the message — {period} in an office's name is not the period."""

    def __new__(cls, text: str, ready: str | None = None):
        self = super().__new__(cls, text)
        self._ready = text if ready is None else ready  # the text with each filled value's braces doubled
        return self

    def __getnewargs__(self) -> tuple[str, str]:  # pickle and copy make it again whole
        return str(self), self._ready

    def format(self, *args, **kwargs) -> str:
        return self._ready.format(*args, **kwargs)

    def format_map(self, mapping) -> str:
        return self._ready.format_map(mapping)


def _braced(value: str) -> str:
    return value.replace("{", "{{").replace("}", "}}")


def fill(text: str, rules: RuleSet | None = None) -> str:
    """`text` with the rule set's figures in place of their placeholders; any
    other placeholder ({unit}, {year} …) is left for the message's own format
    (`Filled.format`: a brace in the rule set's words stays a brace).
    Without `rules`: the open ledger's current version (`use`), else the package's default."""
    found = _figures(rules if rules is not None else in_use())
    filled = _PLACEHOLDER.sub(lambda m: found.get(m.group(1), m.group(0)), text)
    ready = _PLACEHOLDER.sub(lambda m: _braced(found[m.group(1)]) if m.group(1) in found else m.group(0), text)
    return Filled(filled, ready)
