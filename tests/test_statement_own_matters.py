"""A unit's statement carries only that unit's matters (积分办法 第十一、十二条(三)).

A 13710 matter is handled by one unit, and its returns escalate in that unit's
count (−0.5, −1.5, −2.5 …). A matter number the ledger does not record was
taken as named by whichever unit it was given to: 市司法局 returned once on
2019-X1, then a return of 市民政局 on the same number was charged −1.5 as the
matter's second, and revoking 市司法局's return moved 市民政局's up a place —
市民政局's statement then carried a correction reason naming 市司法局's
deduction (第 1 条). The first unit a matter's points go to handles it: another
unit's entry on it is refused, as for a matter the ledger records with its
lead."""

from __future__ import annotations

import re

from docx import Document

from jcdc.demo import build_demo
from test_cli_points import count_entries


def _fails(cli, *args):
    result = cli(*args)
    assert result.exit_code != 0, result.output
    text = result.stderr.strip()
    assert "\n" not in text and "Traceback" not in text, text
    return text


def test_a_matter_given_to_one_unit_is_refused_to_another(cli, db):
    cli.ok("points", "add", "-u", "市司法局", "-r", "13710-returned", "-d", "2019-04-08", "-m", "2019-X1")
    before = count_entries(db)
    text = _fails(cli, "points", "add", "-u", "市民政局", "-r", "13710-returned", "-d", "2019-04-10",
                  "-m", "2019-X1")
    assert "事项「2019-X1」" in text and "市司法局" in text and "第 1 条" in text and "市民政局" in text
    assert "积分办法 第十二条（三）" in text or "积分办法 第十二条(三)" in text
    assert count_entries(db) == before
    # The matter's own unit goes on: its second return is its second (−1.5).
    cli.ok("points", "add", "-u", "市司法局", "-r", "13710-returned", "-d", "2019-04-12", "-m", "2019-X1")
    assert [e["points"] for e in cli.json("points", "list", "--matter", "2019-X1")] == [-0.5, -1.5]


def test_a_matter_revoked_for_one_unit_may_be_given_to_another(cli):
    """Revoked, the entry no longer gives the matter to its unit: the clerk who
    recorded the wrong unit corrects it (points correct --unit) and goes on."""
    cli.ok("points", "add", "-u", "市民政局", "-r", "13710-returned", "-d", "2019-04-08", "-m", "2019-X1")
    cli.ok("points", "correct", "1", "-u", "市司法局", "--reason", "承办单位应为市司法局")
    cli.ok("points", "add", "-u", "市司法局", "-r", "13710-returned", "-d", "2019-04-10", "-m", "2019-X1")
    standing = [(e["unit"], e["points"]) for e in cli.json("points", "list", "--matter", "2019-X1")
                if e["reverses"] is None and e["id"] != 1]
    assert standing == [("sfj", -0.5), ("sfj", -1.5)]


def test_one_batch_never_gives_a_matter_to_two_units(cli, db, tmp_path):
    sheet = tmp_path / "returns.csv"
    sheet.write_text("日期,单位,规则,事项编号\n2019-04-08,市司法局,13710-returned,2019-X1\n"
                     "2019-04-10,市民政局,13710-returned,2019-X1\n", encoding="utf-8")
    result = cli("points", "import", sheet)
    assert result.exit_code != 0
    assert "第3行: 事项「2019-X1」的积分已记给市司法局(本批另一行)" in result.stderr
    assert "不能再记给市民政局" in result.stderr
    assert count_entries(db) == 0


def test_a_matter_opened_for_another_unit_than_its_points_is_refused(cli, db):
    cli.ok("points", "add", "-u", "市司法局", "-r", "13710-returned", "-d", "2019-04-08", "-m", "2019-X1")
    text = _fails(cli, "matter", "add", "2019-X1", "--title", "养老机构安全检查", "--lead", "市民政局",
                  "--opened", "2019-04-01")
    assert "2019-X1" in text and "市司法局" in text and "第 1 条" in text
    assert cli.json("matter", "list") == []


def _statement_text(path):
    doc = Document(path)
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _numbers_named(text):
    """Every entry a statement names: 第 N 条 / 第N条 with digits (articles are in Chinese numerals)."""
    return {int(n) for n in re.findall(r"第\s*(\d+)\s*条", text)}


def test_no_statement_names_another_units_entry(cli, tmp_path):
    """The revocations and corrections that remain possible — an entry revoked,
    one corrected to another unit, a 13710 return revoked so that its matter's
    later returns move up — each stay in the statement of the unit they are of."""
    cli.ok("points", "add", "-u", "市司法局", "-r", "13710-returned", "-d", "2019-04-08", "-m", "2019-X1")
    cli.ok("points", "add", "-u", "市司法局", "-r", "13710-returned", "-d", "2019-04-10", "-m", "2019-X1")
    cli.ok("points", "add", "-u", "市民政局", "-r", "problem", "-d", "2019-04-12")
    cli.ok("points", "add", "-u", "市民政局", "-r", "late-material", "-d", "2019-05-06")
    cli.ok("points", "revoke", "1", "--reason", "此次退回系误记")
    cli.ok("points", "correct", "4", "-u", "市司法局", "--reason", "迟报材料的是市司法局")
    out = tmp_path / "告知单"
    cli.ok("statement", "--quarter", "2019Q2", "--output", out, "--on", "2019-07-05")
    units = {e["id"]: e["unit"] for e in cli.json("points", "list")}
    sfj, mzj = _statement_text(out / "sfj-市司法局.docx"), _statement_text(out / "mzj-市民政局.docx")
    assert {units[n] for n in _numbers_named(sfj)} == {"sfj"}
    assert {units[n] for n in _numbers_named(mzj)} == {"mzj"}
    assert "市司法局" not in mzj.replace("迟报材料的是市司法局", "")  # its own entry's reason, nobody else's


def test_the_demo_statements_name_only_their_own_entries(cli, tmp_path):
    path = tmp_path / "demo.db"
    build_demo(path)[0].close()
    out = tmp_path / "告知单"
    cli.ok("statement", "--year", "2019", "--output", out, "--db", path, "--on", "2020-01-05")
    units = {e["id"]: (e["unit"], e["name"] if "name" in e else None)
             for e in cli.json("points", "list", "--db", path)}
    names = {u["code"]: u["name"] for u in cli.json("unit", "list", "--db", path)}
    files = sorted(out.glob("*.docx"))
    assert len(files) == len(names)
    for f in files:
        code = f.name.split("-", 1)[0]
        text = _statement_text(f)
        assert {units[n][0] for n in _numbers_named(text)} <= {code}, f.name
        others = [n for c, n in names.items() if c != code and n in text and n not in names[code]]
        assert others == [], (f.name, others)
