"""A county's own words in its rule set — its office, government, documents'
titles, the units its exemptions rank among — as a careless or hostile clerk
may write them: whatever they say is printed as they say it, or refused in one
line by `rules check` naming the key; never an internal error, never another
office's words in the county's 通报."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

EXAMPLES = Path(__file__).parent.parent / "examples" / "rulesets"
PACKAGE = Path(__file__).parent.parent / "jcdc" / "rulesets"


def county_file(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = (EXAMPLES / "zezhou-2018.toml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "county.toml"
    path.write_text(text, encoding="utf-8")
    return path


def all_text(path: Path) -> str:
    d = Document(str(path))
    return "\n".join([p.text for p in d.paragraphs]
                     + [c.text for t in d.tables for r in t.rows for c in r.cells])


def test_braces_in_the_county_s_words_are_printed_as_written_not_taken_for_placeholders(cli, tmp_path, monkeypatch):
    """A `.format` after the words are filled in read {period} in the office's name
    as its own placeholder (another text in the county's 通报) and {x} as a missing
    one (内部错误: KeyError). The words are the county's, printed as it wrote them."""
    rules = county_file(tmp_path, ('office = "县政府办公室督查室"', 'office = "县政府{period}办公室{x}督查室"'),
                        ('government = "县政府"', 'government = "县{0}政府}"'))
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "c.db"))
    cli.ok("rules", "check", str(rules))
    cli.ok("init", "--rules", str(rules), "--roster", str(EXAMPLES / "zezhou-units.csv"))
    cli.ok("points", "add", "--unit", "南村镇", "--rule", "problem", "--date", "2019-05-06")
    cli.ok("points", "add", "--unit", "县教育局", "--rule", "commend", "--points", "15", "--date", "2019-05-16")
    for q in (1, 2, 3, 4):
        empty = [] if cli.json("points", "list", "--quarter", f"2019Q{q}") else ["--empty"]
        cli.ok("close", f"2019Q{q}", *empty)
    cli.ok("notice", "--year", "2019", "--output", str(tmp_path / "n.docx"), "--number", "泽政办发〔2020〕3号")
    notice = all_text(tmp_path / "n.docx")
    assert "县政府｛period｝办公室｛x｝督查室对各乡镇人民政府" in notice or "县政府{period}办公室{x}督查室对各乡镇人民政府" in notice
    assert "报县｛0｝政府｝同意" in notice or "报县{0}政府}同意" in notice
    cli.ok("statement", "--year", "2019", "--unit", "县教育局", "--output", str(tmp_path / "s"))
    [statement] = (tmp_path / "s").glob("*.docx")
    said = all_text(statement)
    assert re.search(r"县政府[{｛]period[}｝]办公室[{｛]x[}｝]督查室", said), said
    assert "2019年度" in said
