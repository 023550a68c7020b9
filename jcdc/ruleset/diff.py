"""What a revision changed, figure by figure (`jcdc rules diff`): two rule
sets' values compared key by key, each change with the article it falls
under (the nearest `cite` of its table)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    key: str            # dotted: points.rules.problem.lead
    before: object      # None: not in the older version
    after: object       # None: not in the newer one
    cite: str


def _flatten(value, path: str, out: dict, cites: dict, cite: str) -> None:
    if isinstance(value, dict):
        here = value.get("cite") if isinstance(value.get("cite"), str) else cite
        for k, v in value.items():
            _flatten(v, f"{path}.{k}" if path else k, out, cites, here)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            _flatten(v, f"{path}[{i}]", out, cites, cite)
    else:
        out[path] = value
        cites[path] = cite


def changes(before: dict, after: dict) -> list[Change]:
    """Every key whose value differs, in the order of the newer file (keys
    only in the older one after)."""
    old, new, old_cites, new_cites = {}, {}, {}, {}
    _flatten(before, "", old, old_cites, "")
    _flatten(after, "", new, new_cites, "")
    out = []
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(key), new.get(key)
        if str(a) != str(b) or (key in old) != (key in new):
            out.append(Change(key, a, b, new_cites.get(key) or old_cites.get(key, "")))
    return out
