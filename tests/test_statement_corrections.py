"""A correcting entry (points correct) in a unit's 告知单: its 说明 says which entry
it records again, as points list's 冲销 column does (更正第1条)."""

from __future__ import annotations

from docx import Document


def notes(path) -> dict[str, str]:
    """The 说明 of each entry a 告知单 lists, by the entry's number."""
    return {row.cells[0].text: row.cells[-1].text for table in Document(path).tables for row in table.rows}


def test_a_correcting_entry_says_in_the_statement_which_entry_it_corrects(cli, tmp_path):
    """points correct 1 --qty 2: entry 2 reverses 1, entry 3 records -2.0; the
    告知单's 说明 of entry 3 says 更正第1条, as points list's 冲销 column does."""
    cli.ok("points", "add", "--unit", "czj", "--rule", "late-material", "--qty", "3", "--date", "2019-06-10")
    cli.ok("points", "correct", "1", "--qty", "2", "--reason", "迟报两天, 非三天")
    out = tmp_path / "告知单"
    cli.ok("statement", "--quarter", "2019Q2", "--output", out, "--unit", "czj", "--on", "2019-07-05")
    rows = notes(out / "czj-市财政局.docx")
    assert rows["1"] == "数量3；已被第2条冲销"
    assert rows["2"] == "数量3；冲销第1条：迟报两天，非三天"
    assert rows["3"] == "数量2；更正第1条"
    # every unit's statements write their rows by another path: the same words
    cli.ok("statement", "--quarter", "2019Q2", "--output", tmp_path / "all", "--on", "2019-07-05")
    rows = notes(tmp_path / "all" / "czj-市财政局.docx")
    assert rows["3"] == "数量2；更正第1条"


def test_a_correction_to_another_unit_names_no_entry_of_the_unit_it_left(cli, tmp_path):
    cli.ok("points", "add", "--unit", "mzj", "--rule", "late-material", "--qty", "2", "--date", "2019-05-06")
    cli.ok("points", "correct", "1", "--unit", "sfj", "--reason", "迟报材料的是市司法局")
    out = tmp_path / "告知单"
    cli.ok("statement", "--quarter", "2019Q2", "--output", out, "--unit", "sfj", "--on", "2019-07-05")
    rows = notes(out / "sfj-市司法局.docx")
    assert rows["3"] == "数量2"
