"""A rule set as a file again: the values of a RuleSet (its `data`) as TOML
another office can edit (`jcdc rules export`). tomllib reads; the standard
library writes no TOML, and a rule set needs little of it: tables, arrays of
tables, strings, integers, booleans, dates and lists of strings."""

from __future__ import annotations

import datetime as dt
import json
import re

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if "\n" in value:
            return '"""\n' + value.replace("\\", "\\\\").replace('"""', '\\"""') + '"""'
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(type(value))


def _is_tables(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def dumps(data: dict, header: str = "") -> str:
    """`data` (a rule set's tables, as tomllib reads them) as TOML text."""
    out: list[str] = [f"# {line}".rstrip() for line in header.splitlines()]

    def table(path: list[str], values: dict, array: bool = False) -> None:
        plain = [(k, v) for k, v in values.items() if not isinstance(v, dict) and not _is_tables(v)]
        if path:
            name = ".".join(_key(p) for p in path)
            if plain or array or not any(isinstance(v, dict) or _is_tables(v) for v in values.values()):
                out.append("")
                out.append(f"[[{name}]]" if array else f"[{name}]")
        out.extend(f"{_key(k)} = {_value(v)}" for k, v in plain)
        for k, v in values.items():
            if isinstance(v, dict):
                table([*path, k], v)
            elif _is_tables(v):
                for item in v:
                    table([*path, k], item, array=True)

    table([], data)
    return "\n".join(out).lstrip("\n") + "\n"
