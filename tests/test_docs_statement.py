"""jcdc statement: each unit's statement as a Word file (issue 13, item 2).

Each file is read back with python-docx and compared with `jcdc rank`,
`jcdc points list` and `jcdc due --unit`, which it must never contradict."""

from __future__ import annotations

import os
import re
import stat

import pytest
from docx import Document

from jcdc import messages as msg
from jcdc.demo import build_demo
from jcdc.model import fmt_points
from jcdc.output import points_cell


def _tables(doc, headings):
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and tuple(rows[0]) == tuple(headings):
            yield rows[1:]


def _one_table(doc, headings):
    found = list(_tables(doc, headings))
    assert len(found) <= 1
    return found[0] if found else []


def _check_statement(path, row, entries, due, group_size, tied):
    """The statement of one unit against rank, points list and due."""
    doc = Document(path)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text.startswith(row["name"])
    summary = next(p.text for p in doc.paragraphs if "你单位积分" in p.text)
    score = re.search(r"你单位积分(-?[\d.]+)分", summary).group(1)
    rank = re.search(r"中排第(\d+)名", summary).group(1)
    size = re.search(r"（(\d+)个单位）中", summary).group(1)
    assert score == points_cell(row["score"]) and int(rank) == row["rank"] and int(size) == group_size
    assert ("并列" in summary) == (tied > 1)
    if "ytd" in row:
        assert f"本年累计积分{points_cell(row['ytd'])}分" in summary

    rules = _one_table(doc, msg.DOC_RULES_HEADINGS)
    if entries:
        *lines, total = rules
        assert total[0] == msg.DOC_S_TOTAL
        assert float(total[3]) == pytest.approx(row["score"] - 100)
        assert sum(float(r[3]) for r in lines) == pytest.approx(row["score"] - 100)
        assert all("第" in r[1] and "条" in r[1] for r in lines)  # each rule with its article
    else:
        assert rules == [] and msg.DOC_S_NO_ENTRIES.split("}")[1] in text
    listed = _one_table(doc, msg.DOC_ENTRY_HEADINGS)
    assert [int(r[0]) for r in listed] == [e["id"] for e in entries]
    for (_, date, _, figure, ref, note), e in zip(listed, entries):
        assert date == e["date"] and float(figure) == e["points"] and ref == (e["ref"] or "")
        if e["reverses"]:
            assert f"冲销第{e['reverses']}条" in note
    reversed_ids = {e["reverses"] for e in entries if e["reverses"]}
    for r in listed:
        assert ("已被第" in r[5]) == (int(r[0]) in reversed_ids)
    assert [r[1] for r in _one_table(doc, msg.DOC_DUE_HEADINGS)] == [str(d["id"]) for d in due]
    assert [r[3] for r in _one_table(doc, msg.DOC_DUE_HEADINGS)] == [d["due"] for d in due]


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.db"
    build_demo(path).__getitem__(0).close()
    return path


def test_every_unit_of_the_demo_gets_a_statement_equal_to_rank(cli, demo, tmp_path):
    out = tmp_path / "告知单"
    result = cli.ok("statement", "--quarter", "2019Q2", "--output", out, "--db", demo, "--on", "2019-07-05")
    rows = cli.json("rank", "--quarter", "2019Q2", "--db", demo)
    assert len(rows) == 43 and "43 份" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{r['unit']}-{r['name']}.docx" for r in rows)
    entries = cli.json("points", "list", "--quarter", "2019Q2", "--db", demo)
    sizes = {g: sum(1 for r in rows if r["group"] == g) for g in {r["group"] for r in rows}}
    for row in rows:
        tied = sum(1 for r in rows if r["group"] == row["group"] and r["rank"] == row["rank"])
        path = out / f"{row['unit']}-{row['name']}.docx"
        _check_statement(path, row, [e for e in entries if e["unit"] == row["unit"]], [], sizes[row["group"]],
                         tied)
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # The demo's reversal shows on both sides.
    reversal = next(e for e in entries if e["reverses"]) if any(e["reverses"] for e in entries) else None
    if reversal is not None:
        doc = Document(out / next(f"{r['unit']}-{r['name']}.docx" for r in rows if r["unit"] == reversal["unit"]))
        assert any(f"冲销第{reversal['reverses']}条" in c.text for t in doc.tables for row in t.rows
                   for c in row.cells)


def test_annual_statement_with_change_consequence_and_what_is_due(cli, tmp_path):
    for year in ("2018", "2019"):
        cli.ok("points", "add", "--unit", "qinshui", "--rule", "problem", "--date", f"{year}-05-06")
        cli.ok("points", "add", "--unit", "gaoping", "--rule", "13710-item", "--matter", f"{year}-1",
               "--date", f"{year}-03-06")
    cli.ok("points", "add", "--unit", "qinshui", "--rule", "obstruct", "--date", "2019-08-01",
           "--ref", "晋督字〔2019〕7号")
    first = cli.json("points", "list", "--unit", "qinshui", "--year", "2019")[-1]["id"]
    cli.ok("points", "revoke", str(first), "--reason", "核实后不属实")
    cli.ok("fix", "add", "--unit", "沁水县", "--what", "整改道路破损", "--class", "general", "--from", "2019-12-20")
    cli.ok("fix", "add", "--unit", "沁水县", "--what", "整改迟报", "--class", "major", "--from", "2019-03-01")
    out = tmp_path / "年度"
    cli.ok("statement", "--year", "2019", "--output", out, "--unit", "沁水县", "--on", "2019-12-25")
    assert [p.name for p in out.iterdir()] == ["qinshui-沁水县.docx"]
    rows = cli.json("rank", "--year", "2019")
    row = next(r for r in rows if r["unit"] == "qinshui")
    assert row["flags"] == ["accountability"]
    due = cli.json("due", "--unit", "qinshui", "--on", "2019-12-25", "--within", "30")
    assert len(due) == 2  # one late, one due in 7 days
    entries = cli.json("points", "list", "--unit", "qinshui", "--year", "2019")
    group = [r for r in rows if r["group"] == row["group"]]
    tied = sum(1 for r in group if r["rank"] == row["rank"])
    _check_statement(out / "qinshui-沁水县.docx", row, entries, due, len(group), tied)
    doc = Document(out / "qinshui-沁水县.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    before = next(r for r in cli.json("rank", "--year", "2018") if r["unit"] == "qinshui")
    change = fmt_points(round((row["score"] - before["score"]) * 10), signed=True)
    assert f"较上年{change}分" in text
    assert f"上年第{before['rank']}名" in text
    assert "追究相关单位及工作人员的责任" in text and "第十七条" in text
    late = _one_table(doc, msg.DOC_DUE_HEADINGS)[0]
    assert late[4].startswith("逾期")


def test_statement_refuses_before_writing_any_when_one_exists(cli, tmp_path):
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "problem", "--date", "2019-05-06")  # a quarter to rank
    out = tmp_path / "st"
    cli.ok("statement", "--quarter", "2019Q2", "--output", out)
    assert len(list(out.iterdir())) == 43
    target = out / "gaoping-高平市.docx"
    target.write_bytes(b"clerk's own file")
    other = out / "zezhou-泽州县.docx"
    other.unlink()
    result = cli("statement", "--quarter", "2019Q2", "--output", out)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert target.read_bytes() == b"clerk's own file" and not other.exists()
    cli.ok("statement", "--quarter", "2019Q2", "--output", out, "--force")
    assert Document(target).paragraphs[0].text.startswith("高平市")


@pytest.mark.parametrize("args, words, code", [
    (["--quarter", "2019Q2", "--unit", "泽州"], "泽州县", 1),
    (["--year", "2019", "--quarter", "2019Q2"], "只能", 2),
])
def test_statement_refuses_bad_input_in_one_line(cli, tmp_path, args, words, code):
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "problem", "--date", "2019-05-06")  # a quarter to rank
    out = tmp_path / "st"
    result = cli("statement", "--output", out, *args)
    assert result.exit_code == code and result.stderr.startswith("错误: ") and words in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_statement_output_must_be_a_folder(cli, tmp_path):
    file = tmp_path / "a.docx"
    file.write_text("x")
    result = cli("statement", "--quarter", "2019Q2", "--output", file)
    assert result.exit_code != 0 and result.stderr.startswith("错误: ")


def test_on_is_the_date_the_statement_bears_and_counts_what_is_due_to(cli, tmp_path):
    """A statement has one date: the day it is as of, under its title, and the day
    section 四 counts what is late or due within 30 days to (截至…). A separate
    成文日期, as the 通报 has under its signature (notice --date), would let the paper
    bear one day and count to another: --on is that date, and its help says so."""
    cli.ok("points", "add", "--unit", "qinshui", "--rule", "problem", "--date", "2019-05-06")
    out = tmp_path / "告知单"
    cli.ok("statement", "--quarter", "2019Q2", "--output", out, "--unit", "沁水县", "--on", "2019-07-05")
    doc = Document(out / "qinshui-沁水县.docx")
    texts = [p.text for p in doc.paragraphs]
    assert texts[next(i for i, t in enumerate(texts) if "告知单" in t) + 1].endswith("2019年7月5日")
    assert "截至2019年7月5日，你单位没有逾期或30日内到期的事项。" in texts
    help_text = "".join(cli.ok("statement", "--help").stdout.split())
    assert "告知单的日期" in help_text and "印在标题下" in help_text


def test_every_cell_of_every_table_is_as_wide_as_its_column(cli, demo, tmp_path):
    """Word lays a fixed table out by each cell's own width (w:tcW): a body cell at
    python-docx's equal default, under a heading at the column's width, would
    print a table whose rows do not line up. Each cell carries its column's width,
    in the 通报 as in every unit's statements (rows written as text) and one unit's."""
    import zipfile

    db = ("--db", demo)
    cli.ok("statement", "--year", "2019", "--output", str(tmp_path / "all"), *db)
    cli.ok("statement", "--year", "2019", "--unit", "泽州县", "--output", str(tmp_path / "one"), *db)
    cli.ok("notice", "--year", "2019", "--draft", "--output", str(tmp_path / "n.docx"), *db)
    files = [*sorted((tmp_path / "all").glob("*.docx"))[:3], *(tmp_path / "one").glob("*.docx"), tmp_path / "n.docx"]
    for path in files:
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)
        assert tables, path
        for table in tables:
            grid = re.findall(r'<w:gridCol w:w="(\d+)"/>', table)
            for row in re.findall(r"<w:tr[ >].*?</w:tr>", table, re.S):
                assert re.findall(r'<w:tcW w:type="dxa" w:w="(\d+)"/>', row) == grid, (path.name, row[:300])
