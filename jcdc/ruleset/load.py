"""Reading a rule-set file: TOML (the standard library's tomllib) → RuleSet.

Every problem is collected, not only the first, each as one line with the
file's line it is on, so a clerk editing a county's file fixes them in one
pass. Figures are strings in points ("-5", "10..20", "0|-1..-3"): a float
(TOML's 1.5) or a figure finer than a tenth is refused — points are exact.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import Category, JcdcError, unseen_char
from jcdc.ruleset.model import (
    Accountability, Amount, Cases, Deadlines, Documents, Escalation, Exemption, Group, Matters, Per, Rule,
    RuleSet, Teams,
)


@dataclass(frozen=True)
class Problem:
    line: int      # 0: the file as a whole
    key: str       # the dotted key, e.g. points.rules.problem.lead
    what: str

    def render(self, name: str) -> str:
        where = f"{name}:{self.line}" if self.line else name
        return msg.RS_PROBLEM.format(where=where, key=self.key or "—", what=self.what)


class RuleSetError(JcdcError):
    """A rule-set file that cannot be used; `problems` says every reason."""

    def __init__(self, name: str, problems: list[Problem]):
        self.name, self.problems = name, problems
        super().__init__(msg.RS_INVALID.format(name=name, count=len(problems),
                                               first=problems[0].render(name) if problems else ""))


class _Float(str):
    """A TOML float, kept as its text so the problem can quote it."""


# --- figures -------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")

# Bounds of what a rule set may say: no article of the documents gives or takes
# more than 1000 points at once, nor counts (units, days, years) beyond 10000.
# Beyond them a figure is a typing slip, and would overflow SQLite's integers
# once summed (a ledger's points are 64-bit tenths).
FIGURE_MAX_TENTHS = 1000 * 10
COUNT_MAX = 10000


def tenths(text: str) -> int:
    """"-0.5" → -5. Refuses what is not a number, or finer than a tenth."""
    if not _NUMBER.match(text.strip()):
        raise ValueError(msg.RS_FIGURE_BAD.format(value=text))
    try:
        value = Decimal(text.strip()) * 10
    except InvalidOperation:
        raise ValueError(msg.RS_FIGURE_BAD.format(value=text)) from None
    if abs(value) > FIGURE_MAX_TENTHS:
        raise ValueError(msg.RS_FIGURE_HUGE.format(value=text, max=FIGURE_MAX_TENTHS // 10))
    if value != value.to_integral_value():
        raise ValueError(msg.RS_FIGURE_FINE.format(value=text))
    return int(value)


def parse_figure(text: str) -> Amount:
    """A figure as the file writes it: "-5" (fixed), "10..20" (a range the clerk
    states a figure in), "0|-1..-3" (zero, or a figure in the range)."""
    parts = [p.strip() for p in text.split("|")]
    or_zero = False
    if len(parts) == 2 and parts[0] and tenths(parts[0]) == 0 and "|" not in parts[1]:
        or_zero, parts = True, parts[1:]
    if len(parts) != 1:
        raise ValueError(msg.RS_FIGURE_BAD.format(value=text))
    ends = parts[0].split("..")
    if len(ends) > 2 or not all(ends):
        raise ValueError(msg.RS_FIGURE_BAD.format(value=text))
    low, high = sorted(tenths(e) for e in ends) if len(ends) == 2 else (tenths(ends[0]),) * 2
    if or_zero and low <= 0 <= high:
        raise ValueError(msg.RS_FIGURE_BAD.format(value=text))
    return Amount(low, high, or_zero)


def figure_text(amount: Amount) -> str:
    """The inverse of parse_figure, as a file writes it."""
    def pts(t: int) -> str:
        whole, tenth = divmod(abs(t), 10)
        return ("-" if t < 0 else "") + (f"{whole}.{tenth}" if tenth else str(whole))

    core = pts(amount.low) if amount.low == amount.high else f"{pts(amount.low)}..{pts(amount.high)}"
    return f"0|{core}" if amount.or_zero else core


# --- where a key is written --------------------------------------------------------

_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = re.compile(rf"{_KEY}(?:\s*\.\s*{_KEY})*")


def _split_key(text: str) -> list[str]:
    return [k.strip().strip('"').strip("'") for k in re.findall(_KEY, text)]


def key_lines(text: str) -> dict[str, int]:
    """The line each table and key is written on, by dotted path (arrays of
    tables as `ranking.exemptions[0]`): tomllib gives values, not lines."""
    lines: dict[str, int] = {}
    table, counts = "", {}
    for n, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("[["):
            base = ".".join(_split_key(s[2:s.find("]]")]))
            counts[base] = counts.get(base, -1) + 1
            table = f"{base}[{counts[base]}]"
            lines.setdefault(table, n)
        elif s.startswith("["):
            table = ".".join(_split_key(s[1:s.find("]")]))
            lines.setdefault(table, n)
        else:
            m = _DOTTED.match(s)
            if m and s[m.end():].lstrip().startswith("="):
                key = ".".join(_split_key(m.group(0)))
                lines.setdefault(f"{table}.{key}" if table else key, n)
    return lines


def _line_of(lines: dict[str, int], path: str) -> int:
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return 0


# --- reading the values ------------------------------------------------------------

_CITE_REF = r"(?:第[〇零一二三四五六七八九十百]+条(?:\([一二三四五六七八九十]+\))?|[一二三四五六七八九十]+(?:\.\d+)?)"
CITE = re.compile(rf"^\S+ {_CITE_REF}(?:、{_CITE_REF})*$")


def cite_problem(cite: str) -> str | None:
    """A cite names an article: "积分办法 第十二条(一)", parts joined by "; "."""
    if all(CITE.match(part.strip()) for part in cite.split(";")):
        return None
    return msg.RS_BAD_CITE.format(value=cite)


class _Reader:
    def __init__(self, data: dict, lines: dict[str, int]):
        self.data, self.lines, self.problems = data, lines, []

    def bad(self, path: str, what: str) -> None:
        self.problems.append(Problem(_line_of(self.lines, path), path, what))

    def table(self, path: str, value) -> dict:
        if isinstance(value, dict):
            return value
        self.bad(path, msg.RS_MISSING if value is None else msg.RS_NOT_TABLE)
        return {}

    def known(self, path: str, table: dict, keys: set[str]) -> None:
        for key in table:
            if key not in keys:
                self.bad(f"{path}.{key}", msg.RS_UNKNOWN_KEY)

    def get(self, path: str, table: dict, key: str, kind: str, default=None, required: bool = True):
        full = f"{path}.{key}"
        if key not in table:
            if required:
                self.bad(full, msg.RS_MISSING)
            return default
        value = table[key]
        try:
            return _convert(value, kind)
        except ValueError as e:
            self.bad(full, str(e))
            return default


def _convert(value, kind: str):
    if isinstance(value, _Float):
        if kind == "figure":
            raise ValueError(msg.RS_FIGURE_FLOAT.format(value=value))
        raise ValueError(msg.RS_FLOAT.format(value=value))
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise ValueError(msg.RS_NOT_TEXT)
        return value
    if kind in ("name", "title"):  # set inside a sentence of the 通报 (docs/rulesets.md)
        text = _convert(value, "text")
        if any(c in text for c in "\n\r\t\u2028\u2029"):
            raise ValueError(msg.RS_NAME_ONE_LINE)
        if kind == "title" and any(c in text for c in "《》"):
            raise ValueError(msg.RS_TITLE_MARKS.format(value=text.strip("《》")))
        return text
    if kind == "names":
        names = _convert(value, "texts")
        if not names:
            raise ValueError(msg.RS_NAMES_EMPTY)
        return [_convert(n, "name") for n in names]
    if kind == "cite":
        if not isinstance(value, str) or not value.strip():
            raise ValueError(msg.RS_NOT_TEXT)
        problem = cite_problem(value)
        if problem:
            raise ValueError(problem)
        return value
    if kind == "count":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(msg.RS_NOT_COUNT)
        if value < 0:
            raise ValueError(msg.RS_NEGATIVE.format(value=value))
        if value > COUNT_MAX:
            raise ValueError(msg.RS_COUNT_HUGE.format(value=value, max=COUNT_MAX))
        return value
    if kind == "figure":
        if not isinstance(value, str):
            raise ValueError(msg.RS_FIGURE_NOT_TEXT.format(value=value))
        return parse_figure(value)
    if kind == "points":
        if not isinstance(value, str):
            raise ValueError(msg.RS_FIGURE_NOT_TEXT.format(value=value))
        return tenths(value)
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(msg.RS_NOT_DATE)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(msg.RS_NOT_BOOL)
        return value
    if kind == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(msg.RS_NOT_TEXTS)
        return value
    raise AssertionError(kind)


def _floats(value, path: str, found: list[tuple[str, str]]) -> None:
    if isinstance(value, _Float):
        found.append((path, value))
    elif isinstance(value, dict):
        for k, v in value.items():
            _floats(v, f"{path}.{k}" if path else k, found)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _floats(v, f"{path}[{i}]", found)


_RULE_KEYS = {"name", "title", "cite", "text", "lead", "coop", "per", "scorer", "needs_matter",
              "once_per_matter", "once_group", "handling_unit", "first", "step"}
_FLAGS = ("exempt-recommended", "exempt")


def _rule(r: _Reader, path: str, code: str, table: dict, scorers: dict[str, str]) -> Rule | None:
    r.known(path, table, _RULE_KEYS)
    before = len(r.problems)
    name, title = r.get(path, table, "name", "text", ""), r.get(path, table, "title", "text", "")
    cite, text = r.get(path, table, "cite", "cite", ""), r.get(path, table, "text", "text", "")
    escalating = "first" in table or "step" in table
    lead = r.get(path, table, "lead", "figure", required=not escalating)
    coop = r.get(path, table, "coop", "figure", required=False)
    escalation = None
    if escalating:
        if "lead" in table or "coop" in table:
            r.bad(f"{path}.first", msg.RS_RULE_ESCALATION_AND_FIGURE)
        first, step = r.get(path, table, "first", "points"), r.get(path, table, "step", "points")
        if first is not None and step is not None:
            escalation = Escalation(first, step)
    per_text = r.get(path, table, "per", "text", "")
    try:
        per = Per(per_text)
    except ValueError:
        per = Per.ITEM
        if per_text:
            r.bad(f"{path}.per", msg.RS_BAD_CHOICE.format(value=per_text, choices=", ".join(p.value for p in Per)))
    scorer_key = r.get(path, table, "scorer", "text", "")
    if scorer_key and scorer_key not in scorers:
        r.bad(f"{path}.scorer", msg.RS_BAD_CHOICE.format(value=scorer_key, choices=", ".join(scorers)))
    needs_matter = r.get(path, table, "needs_matter", "bool", False, required=False)
    once = r.get(path, table, "once_per_matter", "bool", False, required=False)
    once_group = r.get(path, table, "once_group", "text", "", required=False) or None
    handling = r.get(path, table, "handling_unit", "bool", False, required=False)
    if len(r.problems) > before:
        return None
    return Rule(code, name, cite, title, text, lead, coop, per, scorers[scorer_key],
                needs_matter=needs_matter or escalating, escalation=escalation, once_per_matter=once,
                once_group=once_group, handling_unit=handling)


_TOP_KEYS = {"ruleset", "points", "groups", "ranking", "teams", "deadlines", "matters", "documents", "cases"}


# --- keys the format gained later ----------------------------------------------------
#
# Ledgers recorded versions whose body (the flattened file) was written before these
# keys existed: the words of the office, its government and its documents' titles,
# and the month a confirmed case is executed in. Such a body keeps its hash (it is
# taken of the body as recorded) and takes each key it lacks from the package's file
# of the same `ruleset.version`, else from the package's default rule set — the one a
# county's file extends (docs/rulesets.md, Keys the format gained later).
LATER_KEYS = (("ruleset", "office"), ("ruleset", "area"), ("documents", "office"),
              ("documents", "government"), ("documents", "titles"), ("cases", "execute_months"),
              ("cases", "cite"))
LATER_EXEMPTION_KEYS = ("among", "inspections")


DEFAULT = "jincheng-2017"  # the package's default rule set: a ledger starts under it unless given another


def builtin_path(version: str) -> Path:
    """The file of a rule set shipped in the package (jcdc/rulesets/)."""
    from importlib import resources

    return Path(str(resources.files("jcdc.rulesets").joinpath(f"{version}.toml")))


def _package_data(version: str) -> dict | None:
    """A rule set the package ships, as its file's values (None: it ships none by that name)."""
    path = builtin_path(version)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", version or "") or not path.is_file():
        return None
    found = _PACKAGE.get(version)
    if found is None:
        found = _PACKAGE[version] = parse(read_text(path))[0] or {}
    return found


_PACKAGE: dict[str, dict] = {}


def with_later_keys(data: dict) -> dict:
    """`data` with every key of LATER_KEYS it lacks taken from the package's file of
    its version, else from the package's default; `data` itself is left as it is."""
    def lacks(d: dict) -> bool:
        if any(not isinstance(d.get(t), dict) or k not in d[t] for t, k in LATER_KEYS):
            return True
        ex = d.get("ranking", {}).get("exemptions", []) if isinstance(d.get("ranking"), dict) else []
        return isinstance(ex, list) and any(isinstance(e, dict) and any(k not in e for k in LATER_EXEMPTION_KEYS)
                                            for e in ex)

    if not isinstance(data.get("ruleset"), dict) or not lacks(data):
        return data
    donors = [d for d in (_package_data(str(data["ruleset"].get("version", ""))), _package_data(DEFAULT)) if d]
    out = dict(data)
    for table, key in LATER_KEYS:
        here = out.get(table, {} if table not in out else None)
        if not isinstance(here, dict) or key in here:
            continue
        given = next((d[table][key] for d in donors if isinstance(d.get(table), dict) and key in d[table]), None)
        if given is not None:
            out[table] = {**here, key: given}
    rank = out.get("ranking")
    if isinstance(rank, dict) and isinstance(rank.get("exemptions"), list):
        filled = []
        for e in rank["exemptions"]:
            if isinstance(e, dict):
                for key in LATER_EXEMPTION_KEYS:
                    if key in e:
                        continue
                    given = next((x[key] for d in donors for x in d.get("ranking", {}).get("exemptions", [])
                                  if x.get("flag") == e.get("flag") and key in x), None)
                    if given is not None:
                        e = {**e, key: given}
            filled.append(e)
        out["ranking"] = {**rank, "exemptions": filled}
    return out


def build(data: dict, lines: dict[str, int], origin: Path | None = None) -> tuple[RuleSet | None, list[Problem]]:
    """The rule set `data` (a parsed file) describes, or the problems that stop it.
    Its hash is that of `data` as given; a key the format gained later that `data`
    lacks is read from the package's files (with_later_keys)."""
    recorded, data = data, with_later_keys(data)
    r = _Reader(data, lines)
    found: list[tuple[str, str]] = []
    _floats(data, "", found)
    for key in data:
        if key not in _TOP_KEYS:
            r.bad(key, msg.RS_UNKNOWN_KEY)

    head = r.table("ruleset", data.get("ruleset"))
    r.known("ruleset", head, {"id", "version", "name", "issuer", "document", "effective", "source", "extends",
                              "office", "area"})
    meta = {k: r.get("ruleset", head, k, "text", "") for k in ("id", "version", "name", "issuer", "document")}
    meta.update({k: r.get("ruleset", head, k, "name", "", required=False) for k in ("office", "area")})
    effective = r.get("ruleset", head, "effective", "date", dt.date.min)
    source_name = r.get("ruleset", head, "source", "text", None, required=False)
    source = None
    if source_name and origin is not None:
        source = _source_path(origin, source_name)

    pts = r.table("points", data.get("points"))
    r.known("points", pts, {"base", "cite", "text", "scorers", "rules"})
    base = r.get("points", pts, "base", "points", 0)
    base_cite = r.get("points", pts, "cite", "cite", "")
    r.get("points", pts, "text", "text", required=False)
    scorer_table = r.table("points.scorers", pts.get("scorers"))
    scorers = {}
    for key, value in scorer_table.items():
        scorers[key] = r.get("points.scorers", scorer_table, key, "text", key)
    if scorer_table and "opener" not in scorers:
        r.bad("points.scorers.opener", msg.RS_MISSING)
    rules: dict[str, Rule] = {}
    rule_tables = r.table("points.rules", pts.get("rules"))
    for code, table in rule_tables.items():
        path = f"points.rules.{code}"
        rule = _rule(r, path, code, r.table(path, table), scorers)
        if rule is not None:
            rules[code] = rule
    # `--rule` finds a rule by its code, name (简称) or title (全称), exactly: a name
    # two rules answer to would make the clerk's choice ambiguous.
    claimed: dict[str, str] = {}
    for code, rule in rules.items():
        for key, name in (("code", code), ("name", rule.name), ("title", rule.title)):
            seen = unicodedata.normalize("NFKC", name).strip()
            other = claimed.setdefault(seen, code)
            if other != code:
                where = f"points.rules.{code}" if key == "code" else f"points.rules.{code}.{key}"
                r.bad(where, msg.RS_RULE_NAME_TAKEN.format(name=seen, other=other))
    if not rule_tables and "rules" in pts:
        r.bad("points.rules", msg.RS_MISSING)

    groups: dict[str, Group] = {}
    placed: dict[Category, str] = {}
    group_tables = r.table("groups", data.get("groups"))
    for name, table in group_tables.items():
        path = f"groups.{name}"
        table = r.table(path, table)
        r.known(path, table, {"categories", "heading", "cite"})
        cats = []
        for text in r.get(path, table, "categories", "texts", []) or []:
            try:
                cat = Category(text)
            except ValueError:
                r.bad(f"{path}.categories", msg.RS_BAD_CHOICE.format(
                    value=text, choices=", ".join(c.value for c in Category)))
                continue
            if cat in placed:
                r.bad(f"{path}.categories", msg.RS_CATEGORY_TWICE.format(value=text, group=placed[cat]))
                continue
            placed[cat] = name
            cats.append(cat)
        groups[name] = Group(name, tuple(cats), r.get(path, table, "heading", "text", name),
                             r.get(path, table, "cite", "cite", ""))
    for cat in Category:
        if group_tables and cat not in placed:
            r.bad("groups", msg.RS_CATEGORY_UNGROUPED.format(value=cat.value))

    rank = r.table("ranking", data.get("ranking"))
    r.known("ranking", rank, {"report_groups", "report_cite", "report_text", "accountability", "exemptions"})
    report_groups = tuple(r.get("ranking", rank, "report_groups", "texts", []) or [])
    for name in report_groups:
        if groups and name not in groups:
            r.bad("ranking.report_groups", msg.RS_UNKNOWN_GROUP.format(value=name))
    report_cite = r.get("ranking", rank, "report_cite", "cite", "")
    r.get("ranking", rank, "report_text", "text", required=False)
    acc_t = r.table("ranking.accountability", rank.get("accountability"))
    r.known("ranking.accountability", acc_t, {"at_or_below", "bottom", "years", "min_group", "cite", "text"})
    acc = Accountability(*(r.get("ranking.accountability", acc_t, k, kind, 0) for k, kind in
                           (("at_or_below", "points"), ("bottom", "count"), ("years", "count"),
                            ("min_group", "count"))),
                         r.get("ranking.accountability", acc_t, "cite", "cite", ""))
    r.get("ranking.accountability", acc_t, "text", "text", required=False)
    if acc_t.get("years") not in (None, 2) and isinstance(acc_t.get("years"), int):
        r.bad("ranking.accountability.years", msg.RS_YEARS_TWO)
    exemptions = []
    ex_list = rank.get("exemptions", [])
    if not isinstance(ex_list, list):
        r.bad("ranking.exemptions", msg.RS_NOT_TABLE)
        ex_list = []
    seen_flags = set()
    for i, table in enumerate(ex_list):
        path = f"ranking.exemptions[{i}]"
        table = r.table(path, table)
        r.known(path, table, {"flag", "group", "category", "top", "label", "cite", "text", "among", "inspections"})
        flag = r.get(path, table, "flag", "text", "")
        if flag and flag not in _FLAGS:
            r.bad(f"{path}.flag", msg.RS_BAD_CHOICE.format(value=flag, choices=", ".join(_FLAGS)))
        elif flag in seen_flags:
            r.bad(f"{path}.flag", msg.RS_FLAG_TWICE.format(value=flag))
        seen_flags.add(flag)
        group = r.get(path, table, "group", "text", None, required=False)
        if group is not None and groups and group not in groups:
            r.bad(f"{path}.group", msg.RS_UNKNOWN_GROUP.format(value=group))
        cat_text = r.get(path, table, "category", "text", None, required=False)
        category = None
        if cat_text is not None:
            try:
                category = Category(cat_text)
            except ValueError:
                r.bad(f"{path}.category", msg.RS_BAD_CHOICE.format(
                    value=cat_text, choices=", ".join(c.value for c in Category)))
        exemptions.append(Exemption(flag, group, category, r.get(path, table, "top", "count", 0),
                                    r.get(path, table, "label", "text", ""), r.get(path, table, "cite", "cite", ""),
                                    r.get(path, table, "among", "name", "", required=False)
                                    or (groups[group].heading if group in groups else ""),
                                    tuple(r.get(path, table, "inspections", "names", [], required=False) or ())))
        r.get(path, table, "text", "text", required=False)

    def counts(path: str, keys: tuple[str, ...], cites: tuple[str, ...], texts: tuple[str, ...]) -> list:
        table = r.table(path, data.get(path))
        r.known(path, table, {*keys, *cites, *texts})
        for k in texts:
            r.get(path, table, k, "text", required=False)
        return ([r.get(path, table, k, "count", 0) for k in keys]
                + [r.get(path, table, k, "cite", "") for k in cites])

    teams = Teams(*counts("teams", ("full", "part", "invited", "attendant", "report_days"),
                          ("cite", "report_cite"), ("text", "report_text")))
    deadlines = Deadlines(*counts("deadlines", ("general", "major", "policy", "conduct", "extension_max"),
                                  ("cite", "policy_cite", "conduct_cite", "extension_cite"),
                                  ("text", "policy_text", "conduct_text", "extension_text")))
    matters = Matters(*counts("matters", ("deploy", "progress", "general", "major", "key_late"),
                              ("key_cite",), ("key_text",)))
    docs = r.table("documents", data.get("documents"))
    r.known("documents", docs, {"issuer", "recipients", "copy_to", "printer", "office", "government", "titles"})
    titles = {}
    title_table = docs.get("titles", {})
    if not isinstance(title_table, dict):
        r.bad("documents.titles", msg.RS_NOT_TABLE)
        title_table = {}
    for short in title_table:
        titles[short] = r.get("documents.titles", title_table, short, "title", "")
    documents = Documents(*(r.get("documents", docs, k, "text", "") for k in
                            ("issuer", "recipients", "copy_to", "printer")),
                          *(r.get("documents", docs, k, "name", "", required=False) for k in ("office", "government")),
                          titles)
    case_t = r.table("cases", data.get("cases", {}))
    r.known("cases", case_t, {"execute_months", "cite", "text"})
    r.get("cases", case_t, "text", "text", required=False)
    cases = Cases(r.get("cases", case_t, "execute_months", "count", 0, required=False) or 0,
                  r.get("cases", case_t, "cite", "cite", "", required=False) or "")
    if case_t.get("execute_months") == 0:
        r.bad("cases.execute_months", msg.RS_NOT_POSITIVE)

    problems = [Problem(_line_of(lines, path), path, msg.RS_FLOAT_ANYWHERE.format(value=value))
                for path, value in found if not any(p.key == path for p in r.problems)]
    problems = sorted(r.problems + problems, key=lambda p: (p.line, p.key))
    if problems:
        return None, problems
    return RuleSet(meta["id"], meta["version"], meta["name"], meta["issuer"], meta["document"], effective,
                   base, base_cite, scorers, rules, groups, report_groups, report_cite, acc, tuple(exemptions),
                   teams, deadlines, matters, documents, cases, meta["office"], meta["area"], source,
                   recorded, canonical_hash(recorded)), []


def _source_path(origin: Path, name: str) -> Path:
    """The text a file quotes: beside the file, or — for a file exported from
    or extending a rule set the package ships — beside the package's files."""
    here = origin.parent / name
    if here.exists():
        return here
    from importlib import resources

    shipped = Path(str(resources.files("jcdc.rulesets").joinpath(name)))
    return shipped if shipped.exists() else here


# --- the canonical form --------------------------------------------------------------

def canonical(data: dict) -> str:
    """One text for one rule set, whatever its comments, order or spacing: what
    its hash is taken of, so two files that say the same are one version."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v))


def body(data: dict) -> str:
    """The values as the ledger keeps them: JSON in the file's own order (the
    catalogue's order is the articles'), its hash that of canonical()."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v))


def canonical_hash(data: dict) -> str:
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


# --- files -----------------------------------------------------------------------------

_TOML_LINE = re.compile(r"at line (\d+)")


def parse(text: str) -> tuple[dict | None, list[Problem]]:
    """The file's tables, or the TOML error as a problem on its line."""
    try:
        return tomllib.loads(text, parse_float=_Float), []
    except tomllib.TOMLDecodeError as e:
        m = _TOML_LINE.search(str(e))
        return None, [Problem(int(m.group(1)) if m else 0, "", msg.RS_NOT_TOML.format(error=e))]


# Tables a file that extends another gives whole, never merged key by key: a
# county's groups are its own, not Jincheng's three plus its own.
_WHOLE = {("groups",), ("ranking", "exemptions"), ("ranking", "report_groups")}


def merged(base: dict, over: dict, path: tuple = ()) -> dict:
    """`over` on top of `base`: tables merge key by key (a rule's `lead` alone
    may be given), lists and the tables of _WHOLE are replaced."""
    out = dict(base)
    for key, value in over.items():
        here = (*path, key)
        if isinstance(value, dict) and isinstance(out.get(key), dict) and here not in _WHOLE:
            out[key] = merged(out[key], value, here)
        else:
            out[key] = value
    return out


def _extended(data: dict, origin: Path | None, chain: tuple[Path, ...] = ()) -> tuple[dict, list[Problem]]:
    """A file whose [ruleset] says `extends = "jincheng-2017"` (a rule set the
    package ships, or a file beside it) is that rule set with the file's keys
    on top; the rule set it makes is whole, and `extends` is not part of it.
    `chain` is the files extended so far: a file met again is a loop, refused
    naming it (a.toml → b.toml → a.toml), never followed for ever."""
    if not chain and origin is not None:
        chain = (origin,)
    head = data.get("ruleset")
    name = head.get("extends") if isinstance(head, dict) else None
    if name is None:
        return data, []
    if not isinstance(name, str) or not name.strip():
        return data, [Problem(0, "ruleset.extends", msg.RS_NOT_TEXT)]
    path = (origin.parent / name) if origin is not None and name.endswith(".toml") else builtin_path(name)
    if not path.exists():
        return data, [Problem(0, "ruleset.extends", msg.RS_EXTENDS_MISSING.format(name=name))]
    if _same_file(path, chain) or len(chain) >= _EXTENDS_DEPTH:
        loop = " → ".join(p.name for p in (*chain, path))
        return data, [Problem(0, "ruleset.extends", msg.RS_EXTENDS_LOOP.format(loop=loop))]
    try:
        base_text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        raise JcdcError(msg.RS_UNREADABLE.format(path=path, error=read_failure(e))) from None
    base, problems = parse(base_text)
    if base is None:
        return data, problems
    base, problems = _extended(base, path, (*chain, path))
    if problems:
        return data, problems
    over = {**data, "ruleset": {k: v for k, v in head.items() if k != "extends"}}
    return merged(base, over), []


_EXTENDS_DEPTH = 16  # a county's file extends the city's: a chain this long is a mistake


def _same_file(path: Path, chain: tuple[Path, ...]) -> bool:
    try:
        here = path.resolve()
        return any(here == p.resolve() for p in chain)
    except OSError:
        return False


def _unseen_problems(value, path: str, lines: dict[str, int], out: list[Problem]) -> list[Problem]:
    """A file's text is what its reader sees: no control character (an ESC acts on
    the terminal that lists it; a line break and a tab excepted in a value), no
    invisible or bidi character (jincheng\u200b-2017 beside jincheng-2017), no
    line separator or noncharacter — in a key (a rule's code) or a value."""
    if isinstance(value, dict):
        for k, v in value.items():
            p = f"{path}.{k}" if path else str(k)
            char = unseen_char(str(k), name=True)
            if char:
                out.append(Problem(_line_of(lines, p), p, msg.RS_UNSEEN.format(char=char)))
            _unseen_problems(v, p, lines, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _unseen_problems(v, f"{path}[{i}]", lines, out)
    elif isinstance(value, str):
        char = unseen_char(value)
        if char:
            out.append(Problem(_line_of(lines, path), path, msg.RS_UNSEEN.format(char=char)))
    return out


def read(text: str, name: str, origin: Path | None = None,
         own_words: bool = True) -> tuple[RuleSet | None, list[Problem]]:
    """The file's rule set, or every problem of it. Without `own_words`: a file that
    leaves its office's words to another office's rule set (_borrowed_names) is
    read as the last release read it — for a ledger that recorded it then."""
    data, problems = parse(text)
    if data is None:
        return None, problems
    lines = key_lines(text)
    raw = data
    data, problems = _extended(data, origin)
    if problems:
        return None, [Problem(p.line or _line_of(lines, p.key), p.key, p.what) for p in problems]
    unseen = _unseen_problems(data, "", lines, [])
    if unseen:
        return None, unseen
    borrowed = _borrowed_names(raw, data, origin, lines) if own_words else []
    rules, problems = build(data, lines, origin)
    if borrowed:
        return None, sorted(problems + borrowed, key=lambda p: (p.line, p.key))
    return rules, problems


# The keys the format gained later that name an office's own: its name, its area,
# its government, its documents' titles, the units its exemptions rank among and
# whose 大督查 they concern. (The month a case is executed in is 问责条例's, a
# national regulation's: every office's.)
NAME_KEYS = (("ruleset", "office"), ("ruleset", "area"), ("documents", "office"),
             ("documents", "government"), ("documents", "titles"))


def _borrowed_names(raw: dict, data: dict, origin: Path | None, lines: dict[str, int]) -> list[Problem]:
    """A file (not a recorded body: that keeps what its release read) that leaves a
    name of NAME_KEYS to another office's rule set — the file it extends, or the
    package's file (with_later_keys) — would print that office's name in its own
    通报: each such key is refused, naming whose words they would be."""
    head = data.get("ruleset")
    own = head.get("id") if isinstance(head, dict) else None
    if not isinstance(own, str):
        return []
    extends = isinstance(raw.get("ruleset"), dict) and "extends" in raw["ruleset"]
    if extends:
        supplier, _ = _extended({"ruleset": {"extends": raw["ruleset"]["extends"]}}, origin)
    else:
        supplier = _package_data(str(head.get("version", ""))) or _package_data(DEFAULT) or {}
    other = supplier.get("ruleset", {}).get("id") if isinstance(supplier.get("ruleset"), dict) else None
    if not isinstance(other, str) or other == own:
        return []
    filled = with_later_keys(data)
    out = []

    def given(d: dict, table: str, key: str) -> bool:
        return isinstance(d.get(table), dict) and key in d[table]

    def words(value) -> str:
        return "、".join(str(v) for v in value.values()) if isinstance(value, dict) else (
            "、".join(map(str, value)) if isinstance(value, list) else str(value))

    for table, key in NAME_KEYS:
        if not given(raw, table, key) and given(filled, table, key):
            path = f"{table}.{key}"
            out.append(Problem(_line_of(lines, path), path, msg.RS_WORDS_OF_OTHER.format(
                id=own, other=other, value=words(filled[table][key]))))
    # titles merge title by title onto the file extended: each the file leaves out is another's
    mine_titles = raw.get("documents", {}).get("titles") if isinstance(raw.get("documents"), dict) else None
    got_titles = filled.get("documents", {}).get("titles") if isinstance(filled.get("documents"), dict) else None
    if isinstance(mine_titles, dict) and isinstance(got_titles, dict):
        for short, title in got_titles.items():
            if short not in mine_titles:
                path = f"documents.titles.{short}"
                out.append(Problem(_line_of(lines, "documents.titles"), path, msg.RS_WORDS_OF_OTHER.format(
                    id=own, other=other, value=words(title))))
    raw_rank = raw.get("ranking") if isinstance(raw.get("ranking"), dict) else {}
    mine = raw_rank.get("exemptions") if (not extends or "exemptions" in raw_rank) else None
    got = filled.get("ranking", {}).get("exemptions") if isinstance(filled.get("ranking"), dict) else None
    if isinstance(mine, list) and isinstance(got, list) and len(got) == len(mine):
        for i, (e, f) in enumerate(zip(mine, got)):
            for key in LATER_EXEMPTION_KEYS:
                if isinstance(e, dict) and isinstance(f, dict) and key not in e and key in f:
                    path = f"ranking.exemptions[{i}].{key}"
                    out.append(Problem(_line_of(lines, path), path, msg.RS_WORDS_OF_OTHER.format(
                        id=own, other=other, value=words(f[key]))))
    return out


def loads(text: str, name: str = "<rules>", origin: Path | None = None, own_words: bool = True) -> RuleSet:
    rules, problems = read(text, name, origin, own_words)
    if problems:
        raise RuleSetError(name, problems)
    return rules


# A rule set is some tens of KiB and the article text it quotes as much (the
# package's own: 12 and 21 KiB): a file beyond this is not one, and is refused
# before it is read whole, as an import's or an anchor's file is.
RULESET_MAX_BYTES = 1 << 20


def read_failure(e: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, in the clerk's words (the OS's own text is English)."""
    if isinstance(e, UnicodeDecodeError):
        return msg.READ_NOT_UTF8.format(at=e.start + 1)
    if isinstance(e, FileNotFoundError):
        return msg.READ_MISSING
    if isinstance(e, IsADirectoryError):
        return msg.READ_FOLDER
    if isinstance(e, PermissionError):
        return msg.READ_NOT_PERMITTED
    return msg.READ_FAILED.format(code=errno.errorcode.get(e.errno or 0, "") or type(e).__name__)


def read_text(path: Path, what: str = msg.FILE_WHAT_RULESET) -> str:
    """A rule-set file's text (or the text it quotes), refused in one line when it
    is larger than RULESET_MAX_BYTES; OSError and UnicodeDecodeError are the caller's."""
    with open(path, "rb") as f:  # never more than the cap is read (a device, a runaway file)
        data = f.read(RULESET_MAX_BYTES + 1)
    if len(data) > RULESET_MAX_BYTES:
        raise JcdcError(msg.FILE_TOO_LARGE.format(path=path, max=RULESET_MAX_BYTES >> 20, what=what))
    return data.decode("utf-8")


def load(path: Path, own_words: bool = True) -> RuleSet:
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        raise JcdcError(msg.RS_UNREADABLE.format(path=path, error=read_failure(e))) from None
    return loads(text, str(path), path, own_words)


# --- the words of the articles -------------------------------------------------------

_QUOTED_PREFIX = re.compile(rf"^\S+ {_CITE_REF}: ")


def text_problems(data: dict, lines: dict[str, int], source_text: str, source_name: str) -> list[Problem]:
    """Every `text` of the file (a rule's, a figure's) is the article's words:
    each line, less a leading "三库办法 第六条: " naming the article it quotes, is
    found in the source, "……" marking where words are left out."""
    out: list[Problem] = []

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                p = f"{path}.{k}" if path else k
                if (k == "text" or k.endswith("_text")) and isinstance(v, str):
                    for line in v.splitlines():
                        missing = _not_found(_QUOTED_PREFIX.sub("", line.strip()), source_text)
                        if missing is not None:
                            out.append(Problem(_line_of(lines, p), p, msg.RS_TEXT_NOT_FOUND.format(
                                source=source_name, words=missing)))
                else:
                    walk(v, p)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(data, "")
    return out


def _not_found(line: str, source: str) -> str | None:
    at = 0
    for fragment in (f for f in line.split("……") if f):
        found = source.find(fragment, at)
        if found < 0:
            return fragment
        at = found + len(fragment)
    return None
