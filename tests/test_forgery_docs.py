"""docs/integrity.md's table of threats names, for each, the test that shows it: those tests exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_the_threat_table_names_exists():
    text = (ROOT / "docs" / "integrity.md").read_text(encoding="utf-8")
    table = text.split("## What catches what", 1)[1]
    named = re.findall(r"`(test_\w+\.py)::(test_\w+)`", table)
    assert len(named) >= 10
    for module, test in named:
        source = (ROOT / "tests" / module).read_text(encoding="utf-8")
        assert f"def {test}(" in source, f"{module}::{test}"
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| threat")]
    assert all(line.count("|") == 4 for line in rows), "threat | caught by | test: three cells a row"
