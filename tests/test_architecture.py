"""The rooms of docs/architecture.md and what each may import, read from the
source itself (ast): every `import` and `from … import` of a jcdc module, at
the top of a file or inside a function — a lazy import is a dependency too.
A forbidden edge, or any cycle among jcdc's modules, fails with its names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "jcdc"

# The rooms, lowest first (docs/architecture.md). A module is in the first room
# whose names match it: a name, or a package and everything under it ("rules.").
ROOMS: dict[str, tuple[str, ...]] = {
    # values, errors, the clerk's texts, records, hashes, an import row's identity.
    "values": ("messages", "model", "records", "chain", "import_rows"),
    # the clock and the user (session), the file system (files, and winfiles: its
    # owner-only access lists on Windows): read at the edge.
    "services": ("session", "files", "winfiles"),
    # the rule-set engine: a rule set read from its file, checked, written, compared.
    "ruleset": ("ruleset", "ruleset."),
    # the rule sets as data: jincheng-2017.toml and the text of the document it implements.
    "rulesets": ("rulesets", "rulesets."),
    # one module per source document: formulas over the rule set's figures. No clock, no SQL.
    "rules": ("rules", "rules."),
    "store": ("store",),
    # report builders: each figure computed once, for every renderer.
    "builders": ("ranking", "report", "score", "documents", "due"),
    # renderers at the edge: they lay out values built for them.
    "renderers": ("terminal", "output", "report_book", "report_page", "gongwen"),
    # the typer app and the command groups.
    "edge": ("cli", "__main__", "commands", "commands."),
}
USE_CASES = "use cases"  # every other jcdc/<noun>.py: points, cases, pools, matters, units …

# What each room may import, besides its own room (where only cycles are forbidden).
BELOW_STORE = {"values", "services", "ruleset", "rulesets", "rules"}
MAY_IMPORT: dict[str, set[str]] = {
    "values": set(),
    "services": {"values"},
    "ruleset": {"values", "files"},  # a rule-set file is read as every file a clerk gives is: capped
    "rulesets": set(),
    "rules": {"values", "ruleset", "rulesets"},
    "store": BELOW_STORE,
    USE_CASES: BELOW_STORE | {"store", "builders"},
    "builders": BELOW_STORE | {"store", USE_CASES},
    "renderers": BELOW_STORE | {"builders"},
    "edge": BELOW_STORE | {"store", USE_CASES, "builders", "renderers"},
}
# Only the store speaks SQL; integrity catches the errors SQLite raises.
SQLITE_MODULES = {"sqlite3", "sqlite_utils"}
MAY_IMPORT_SQLITE = {"jcdc.store", "jcdc.integrity"}


def room(module: str) -> str:
    name = module.removeprefix("jcdc.")
    for found, names in ROOMS.items():
        if any(name == n or (n.endswith(".") and name.startswith(n)) or name == n.rstrip(".") for n in names):
            return found
    return USE_CASES


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(module: str, path: Path, known: set[str]) -> set[tuple[str, str]]:
    """(the imported name, the jcdc module it names, or "" for a library)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from jcdc import points` names the module jcdc.points; `from jcdc.model import X`, jcdc.model
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for name in names:
            target = name
            while target and target not in known:
                target = target.rpartition(".")[0]
            found.add((name, target if target.startswith("jcdc") else ""))
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {m: {t for _, t in imports(m, p, known) if t and t != m and t != "jcdc"} for m, p in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(groups)


def test_the_graph_is_read_from_every_module_and_sees_lazy_imports():
    edges = graph()
    assert {"jcdc.store", "jcdc.model", "jcdc.cli", "jcdc.commands.points", "jcdc.ruleset.load"} <= set(edges)
    assert "jcdc.store" in edges["jcdc.points"]
    assert "jcdc.model" in edges["jcdc.commands.points"]  # imported inside the command function


def test_no_cycle_among_jcdc_modules():
    """A cycle makes two rooms one: neither can be read, tested or changed alone."""
    found = cycles(graph())
    assert not found, "cycles among jcdc modules:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_each_room_imports_only_the_rooms_below_it():
    forbidden = sorted(f"{m} ({room(m)}) imports {t} ({room(t)})"
                       for m, targets in graph().items() for t in targets
                       if room(t) != room(m) and not {room(t), t.removeprefix("jcdc.")} & MAY_IMPORT[room(m)])
    assert not forbidden, "imports against docs/architecture.md:\n" + "\n".join(forbidden)


def test_only_the_store_speaks_sql():
    found = modules()
    speaking = sorted(f"{m} imports {name}" for m, p in found.items() for name, target in imports(m, p, set(found))
                      if not target and name.split(".")[0] in SQLITE_MODULES and m not in MAY_IMPORT_SQLITE)
    assert not speaking, "\n".join(speaking)


@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_a_cycle_is_found_however_long(edges, expected):
    assert cycles(edges) == expected


def test_rooms_are_named_as_the_architecture_names_them():
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert [r for r in [*ROOMS, USE_CASES] if f"**{r}**" not in text] == []
    assert room("jcdc.rules.jifen") == "rules" and room("jcdc.ruleset.load") == "ruleset"
    assert room("jcdc.rulesets") == "rulesets" and room("jcdc.model") == "values"
    assert room("jcdc.points") == USE_CASES and room("jcdc.commands.points") == "edge"


if __name__ == "__main__":  # python tests/test_architecture.py: the graph as the tests read it
    edges = graph()
    print(f"{len(edges)} modules, {sum(map(len, edges.values()))} import edges, {len(cycles(edges))} cycles")
    for group in cycles(edges):
        print("  cycle:", " <-> ".join(group))
    between: dict[tuple[str, str], int] = {}
    for m, targets in edges.items():
        for t in targets:
            if room(m) != room(t):
                between[room(m), room(t)] = between.get((room(m), room(t)), 0) + 1
    for (a, b), n in sorted(between.items()):
        print(f"  {a} -> {b}: {n}")
