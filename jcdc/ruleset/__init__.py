"""The rule-set engine: a city's (or a county's) rules as a dated file, loaded.

A rule set holds every figure and table of the documents it implements
(jcdc/rulesets/jincheng-2017.toml is 晋市政办〔2017〕101号); the formulas that
use them stay code, in jcdc/rules/. Jincheng's file is loaded exactly the way
a county's is: `builtin("jincheng-2017")` reads it from the package,
`load(path)` from anywhere. docs/rulesets.md documents every key.

| module | holds                                                             |
|--------|-------------------------------------------------------------------|
| model  | the loaded values: RuleSet, Rule, Amount, Group, Exemption …      |
| load   | TOML → RuleSet: figures, validation, one problem a line with its line |
| write  | RuleSet → TOML, for another office to edit (`jcdc rules export`)  |
| diff   | what a revision changed, key by key, with its article            |
"""

from __future__ import annotations

from functools import lru_cache

from jcdc.ruleset.load import DEFAULT, Problem, RuleSetError, builtin_path, load, loads, read
from jcdc.ruleset.model import (
    Accountability, Amount, Cases, Deadlines, Documents, Escalation, Exemption, Group, Matters, Per, Rule,
    RuleSet, Teams, fixed,
)

JINCHENG = DEFAULT  # the version a ledger starts under unless it is given another


@lru_cache(maxsize=None)
def builtin(version: str = JINCHENG) -> RuleSet:
    return load(builtin_path(version))


__all__ = [
    "Accountability", "Amount", "Cases", "Deadlines", "Documents", "Escalation", "Exemption", "Group", "JINCHENG",
    "Matters", "Per", "Problem", "Rule", "RuleSet", "RuleSetError", "Teams", "builtin", "builtin_path",
    "fixed", "load", "loads", "read",
]
