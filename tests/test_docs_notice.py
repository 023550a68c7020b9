"""jcdc notice: the 通报 as a Word file laid out per GB/T 9704-2012 (issue 13, item 1).

Each test reads the produced file back with python-docx and compares every
figure and name with `jcdc rank --format json`, and the layout with the
standard's values."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from jcdc import messages as msg
from jcdc.ruleset.words import fill  # the package's default rule set's words: Jincheng's ledgers here
from jcdc.gongwen import cn
from jcdc.ruleset import builtin
from jcdc.output import points_cell, signed_points_cell


def _add(cli, unit, rule, date, *extra):
    cli.ok("points", "add", "--unit", unit, "--rule", rule, "--date", date, *extra)


@pytest.fixture
def ledger(cli):
    """Two years of a small ledger: counties tied at the top, four city units where
    the article names three, the same county bottom of its group twice, a reversal."""
    for year in ("2018", "2019"):
        _add(cli, "qinshui", "problem", f"{year}-05-06")
        _add(cli, "gsj", "problem", f"{year}-05-07")
        _add(cli, "ltgs", "eval-poor", f"{year}-05-08")
    _add(cli, "chengqu", "problem", "2018-06-01")
    _add(cli, "gaoping", "commend", "2019-04-03", "--points", "15", "--ref", "晋督字〔2019〕12号")
    _add(cli, "yangcheng", "commend", "2019-05-03", "--points", "15")
    _add(cli, "zezhou", "13710-item", "2019-02-10", "--matter", "2019-0001")
    _add(cli, "jyj", "commend", "2019-06-03", "--points", "20")
    for unit in ("nw", "jtj", "zjj"):
        _add(cli, unit, "eval-good", "2019-06-10")
    _add(cli, "fgw", "problem", "2019-02-11")
    first = cli.json("points", "list", "--unit", "fgw", "--year", "2019")[0]["id"]
    cli.ok("points", "revoke", str(first), "--reason", "核实后不属实")
    _add(cli, "czj", "late-material", "2019-04-20", "--qty", "3")
    return cli


def _tables(doc, headings):
    """The rows of every table whose heading row is `headings`."""
    found = []
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and tuple(rows[0]) == tuple(headings):
            found.append(rows[1:])
    return found


def _text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _groups(rows):
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["group"], []).append(row)
    return out


def _check_ranking_tables(doc, rows, before, scored_before, headings):
    """Every ranking table equals `rank --format json`, group by group, row by row;
    the change is against the period before, where its group had entries then."""
    tables = _tables(doc, headings)
    groups = _groups(rows)
    assert len(tables) == len(groups)
    earlier = {r["unit"]: r["score"] for r in before}
    # SPEC §3: a group is compared where it had standing entries — an entry and its reversal are not a score.
    reversed_ids = {e["reverses"] for e in scored_before if e["reverses"]}
    standing = {e["unit"] for e in scored_before if not e["reverses"] and e["id"] not in reversed_ids}
    assessed = {r["group"] for r in before if r["unit"] in standing}
    for table, group_rows in zip(tables, groups.values()):
        assert len(table) == len(group_rows)
        for (rank, name, score, change), row in zip(table, group_rows):
            assert int(rank) == row["rank"]
            assert name == row["name"]
            assert score == points_cell(row["score"])
            if row["group"] not in assessed:
                assert change == msg.DOC_NO_CHANGE
                continue
            expected = round((row["score"] - earlier[row["unit"]]) * 10) / 10
            assert change == signed_points_cell(expected)


def _east_asian(doc, paragraph, run=None) -> str | None:
    """The East Asian font Word uses for the run: its own, else its paragraph style's."""
    for el in ([run.element] if run is not None else []):
        fonts = el.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    style = paragraph.style
    while style is not None:
        fonts = style.element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia"))  # Latin text too
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def _size(paragraph, run=None):
    if run is not None and run.font.size is not None:
        return run.font.size
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def test_annual_notice_figures_equal_rank(ledger, tmp_path):
    out = tmp_path / "通报.docx"
    said = ledger.ok("notice", "--year", "2019", "--output", out, "--number", "晋市政发〔2020〕3号",
                     "--date", "2020-01-15", "--draft").stderr  # 2019 is not closed: a 征求意见稿
    doc = Document(out)
    rows = ledger.json("rank", "--year", "2019")
    before = ledger.json("rank", "--year", "2018")
    _check_ranking_tables(doc, rows, before, ledger.json("points", "list", "--year", "2018"),
                          msg.DOC_RANK_HEADINGS_YEAR)

    text = _text(doc)
    assert "关于2019年度督查激励积分排名情况的通报" in text
    # What was scored: the entries of the year, counted as `points list` lists them.
    entries = ledger.json("points", "list", "--year", "2019")
    reversed_ids = {e["reverses"] for e in entries if e["reverses"]}
    standing = [e for e in entries if not e["reverses"] and e["id"] not in reversed_ids]
    assert f"计分{len(standing)}条，涉及{len({e['unit'] for e in standing})}个单位" in text
    if reversed_ids:
        assert f"另有{len(reversed_ids)}条经冲销更正，不计分（冲销记录{len(reversed_ids)}条）" in text
    rules = _tables(doc, msg.DOC_RULES_HEADINGS)[0]
    assert sum(float(r[3]) for r in rules) == pytest.approx(sum(r["score"] - 100 for r in rows))

    # Consequences, each with its article, as proposals for the city government.
    flagged = {flag: [r["name"] for r in rows if flag in r["flags"]]
               for flag in ("exempt-recommended", "exempt", "accountability")}
    assert flagged["exempt-recommended"] == ["高平市", "阳城县"]
    assert len(flagged["exempt"]) == 4 and flagged["accountability"]
    paragraphs = [p.text for p in doc.paragraphs]
    for heading, flag in ((msg.DOC_H_RECOMMENDED, "exempt-recommended"), (fill(msg.DOC_H_EXEMPT), "exempt"),
                          (msg.DOC_H_ACCOUNTABILITY, "accountability")):
        item = next(p for p in paragraphs if heading in p)
        assert all(name in item for name in flagged[flag])
        assert "报市政府同意" in item
    assert "第十九条" in next(p for p in paragraphs if fill(msg.DOC_H_EXEMPT) in p)
    item = next(p for p in paragraphs if msg.DOC_H_ACCOUNTABILITY in p)
    assert "第十七条" in item and "第五条第（五）项" in item
    # Ties that widen a consequence (SPEC §3): the clerk's screen has the ranking's note for the
    # office (…报市政府同意时请注意); the 正文 says the tie in the proposal's own words — every
    # tied unit proposed, more than the article names, for the city government to decide — so
    # no unit is told it is "前3位" without being told it shares the place.
    notes = {(r["group"], note) for r in rows for note in r.get("tie_notes", [])}
    assert {g for g, _ in notes} >= {"县区", "市直"}
    for group, note in notes:
        assert msg.DOC_TIE_NOTE.format(group=builtin().groups[group].heading, note=note) in said
        assert note not in text and cn(note) not in text
    assert "请注意" not in text
    recommended = next(p for p in paragraphs if msg.DOC_H_RECOMMENDED in p)
    assert cn(fill(msg.DOC_TIE_WIDENS_RECOMMENDED).format(n=2, rank=1, limit=1, group="", total=2, flagged=2)) in recommended
    exempt = next(p for p in paragraphs if fill(msg.DOC_H_EXEMPT) in p)
    assert cn(fill(msg.DOC_TIE_WIDENS_EXEMPT).format(rank=2, n=3, total=4, limit=3, group="", flagged=4)) in exempt

    # 发文字号, 署名, 成文日期, 版记 (a table of its own, the rules its borders).
    assert "晋市政发〔2020〕3号" in paragraphs
    assert paragraphs.count("晋城市人民政府办公厅") == 2  # 发文机关标志 and 署名
    assert "2020年1月15日" in paragraphs
    colophon = [cell.text for row in doc.tables[-1].rows for cell in row.cells]
    assert colophon == [f"抄送：{builtin().documents.copy_to}。", "晋城市人民政府办公厅\t2020年1月15日印发"]


def test_quarterly_notice_figures_equal_rank(ledger, tmp_path):
    out = tmp_path / "q.docx"
    ledger.ok("notice", "--quarter", "2019Q2", "--output", out, "--date", "2019-07-05")
    doc = Document(out)
    rows = ledger.json("rank", "--quarter", "2019Q2")
    before = ledger.json("rank", "--quarter", "2019Q1")
    scored_before = ledger.json("points", "list", "--quarter", "2019Q1")
    _check_ranking_tables(doc, rows, before, scored_before, msg.DOC_RANK_HEADINGS_QUARTER)
    assert {e["unit"] for e in scored_before} == {"zezhou", "fgw"}  # 驻市: none
    text = _text(doc)
    # The title broken between its phrases (GB/T 9704 7.3.2), one paragraph.
    assert "关于2019年第二季度督查激励积分\n排名情况的通报" in text
    assert msg.DOC_H_CONSEQUENCES not in text  # consequences are the year's (第十七、十九条)
    assert "2019年7月5日" in [p.text for p in doc.paragraphs]
    # A tie is shown as the rules rank it: the same rank, the next one skipped.
    ties = [r for r in rows if r["group"] == "市直" and r["rank"] == 2]
    assert len(ties) == 3
    assert "第2名3个单位并列" in text
    # Every shared rank of every group is named with its 第 (第2名…；第5名…), not only the first.
    for group in {r["group"] for r in rows}:
        for rank in {r["rank"] for r in rows if r["group"] == group and r.get("tied", 1) > 1}:
            count = sum(1 for r in rows if r["group"] == group and r["rank"] == rank)
            assert f"第{rank}名{count}个单位并列" in text, (group, rank)


def test_change_against_a_period_nobody_scored_is_not_shown(cli, tmp_path):
    """The ledger's first quarter: there is nothing to compare with."""
    _add(cli, "gaoping", "commend", "2019-04-03", "--points", "15")
    out = tmp_path / "q.docx"
    cli.ok("notice", "--quarter", "2019Q2", "--output", out)
    table = _tables(Document(out), msg.DOC_RANK_HEADINGS_QUARTER)[0]
    assert {row[3] for row in table} == {msg.DOC_NO_CHANGE}


def test_notice_layout_is_gbt_9704(ledger, tmp_path):
    out = tmp_path / "通报.docx"
    ledger.ok("notice", "--year", "2019", "--output", out, "--number", "晋市政发〔2020〕3号", "--draft")
    doc = Document(out)
    section = doc.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37.0, 35.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28.0, 26.0)

    # 22 lines of 28 characters in the 156 × 225 mm 版心.
    normal = doc.styles["Normal"]
    pitch = normal.paragraph_format.line_spacing
    height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
    assert 22 * pitch.pt <= height_pt < 23 * pitch.pt
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and int(grid.get(qn("w:linePitch"))) == round(pitch.pt * 20)
    spacing = int(normal.element.find(qn("w:rPr") + "/" + qn("w:spacing")).get(qn("w:val"))) / 20
    assert 28 * (16 + spacing) <= width_pt < 29 * (16 + spacing)

    paragraphs = doc.paragraphs
    # 发文机关标志: red, 小标宋, centred; the red line under the 发文字号.
    mark = paragraphs[0]
    assert mark.text == "晋城市人民政府办公厅" and mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert _east_asian(doc, mark, mark.runs[0]) == "方正小标宋简体"
    number = next(p for p in paragraphs if p.text == "晋市政发〔2020〕3号")
    assert [p.text for p in paragraphs[1:3]] == ["", ""]  # 发文字号 空二行 under the 标志 (7.2.3)
    line = number._p.pPr.find(qn("w:pBdr") + "/" + qn("w:bottom"))
    assert line.get(qn("w:color")) == "FF0000" and number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # Title: 2号 (22 pt) 方正小标宋简体, centred.
    title = next(p for p in paragraphs if p.text.startswith("关于"))
    assert _east_asian(doc, title) == "方正小标宋简体" and _size(title) == Pt(22)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER or title.style.paragraph_format.alignment == \
        WD_ALIGN_PARAGRAPH.CENTER
    # 主送机关 flush left; body 3号 (16 pt) 仿宋_GB2312 indented two characters.
    assert any(p.text == "各县（市、区）人民政府，开发区管委会，市直各有关单位，驻市各有关单位：" for p in paragraphs)
    body = next(p for p in paragraphs if p.text.startswith("根据"))
    assert _east_asian(doc, body) == "仿宋_GB2312" and _size(body) == Pt(16)
    assert body.style.paragraph_format.first_line_indent == Pt(32)
    # Headings: 一、 黑体, (一) 楷体.
    h1 = next(p for p in paragraphs if p.text == msg.DOC_H_RANKING)
    assert _east_asian(doc, h1) == "黑体" and _size(h1) == Pt(16)
    h2 = next(p for p in paragraphs if p.text.startswith("（一）"))
    assert _east_asian(doc, h2) == "楷体"
    assert _east_asian(doc, h2, h2.runs[0]) == "楷体"
    # Page numbers — 1 —, 4号 宋体, odd pages right, even pages left.
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        assert p.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert {_east_asian(doc, p, r) for r in p.runs} == {"宋体"}
        assert {r.font.size for r in p.runs} == {Pt(14)}
    # No table row splits across pages (w:cantSplit): a row moves whole to the next page.
    for table in doc.tables:
        assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
                   for row in table.rows)
    # 版记 in 4号 仿宋 between rules: a one-column table as wide as the 版心, its borders the rules.
    colophon = doc.tables[-1]
    cc = colophon.rows[0].cells[0].paragraphs[0]
    assert cc.text.startswith("抄送：")
    assert _east_asian(doc, cc, cc.runs[0]) == "仿宋_GB2312" and cc.runs[0].font.size == Pt(14)
    assert round(colophon.columns[0].width.mm) == 156
    borders = colophon._tbl.tblPr.find(qn("w:tblBorders"))
    assert [borders.find(qn(f"w:{side}")).get(qn("w:sz")) for side in ("top", "insideH", "bottom")] == \
        ["8", "6", "8"]


def test_notice_file_is_owner_only_and_not_overwritten(ledger, tmp_path):
    out = tmp_path / "通报.docx"
    ledger.ok("notice", "--year", "2019", "--output", out, "--draft")
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()
    result = ledger("notice", "--year", "2019", "--output", out, "--issuer", "别的机关", "--draft")
    assert result.exit_code == 1 and "已存在" in result.stderr
    assert out.read_bytes() == before
    ledger.ok("notice", "--year", "2019", "--output", out, "--issuer", "晋城市人民政府", "--force", "--draft")
    assert Document(out).paragraphs[0].text == "晋城市人民政府"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".jcdc-")] == []


@pytest.mark.parametrize("args, words", [
    (["--year", "2019", "--output", "x.pdf"], ".docx"),
    (["--year", "2019", "--quarter", "2019Q2", "--output", "x.docx"], "只能"),
    (["--output", "x.docx"], "--year"),
    (["--quarter", "2019Q5", "--output", "x.docx"], "2019Q5"),
])
def test_notice_refuses_bad_input_in_one_line(cli, tmp_path, args, words):
    result = cli("notice", *[tmp_path / a if a.endswith(".docx") or a.endswith(".pdf") else a for a in args])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误: ") and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.glob("*.docx")) == []


def test_python_docx_is_loaded_only_by_the_document_commands():
    code = ("import sys; from jcdc.cli import _only; _only('rank'); _only('notice');"
            "print('docx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(sys.platform == "win32", reason="renames the ledger between commands run in this one process, "
                    "which Windows refuses while the process still holds it (each jcdc command is a process of "
                    "its own, its exit closing the file; the refusals are tested on Linux)")
def test_notice_into_a_missing_folder_or_over_the_ledger_is_refused(cli, db, tmp_path):
    _add(cli, "gaoping", "commend", "2019-04-03", "--points", "15")  # a year with something to rank
    result = cli("notice", "--year", "2019", "--output", tmp_path / "无此文件夹" / "通报.docx", "--draft")
    assert result.exit_code == 1 and result.stderr.startswith("错误: ") and "无此文件夹" in result.stderr
    before = db.read_bytes()
    result = cli("notice", "--year", "2019", "--output", db.with_suffix(".docx"), "--draft")
    assert result.exit_code == 0
    ledger_named_docx = tmp_path / "ledger.docx"
    db.rename(ledger_named_docx)
    result = cli("notice", "--year", "2019", "--output", ledger_named_docx, "--db", ledger_named_docx, "--force",
                 "--draft")
    assert result.exit_code == 1 and result.stderr.startswith("错误: ")
    assert ledger_named_docx.read_bytes()[:16] == before[:16]  # still the SQLite ledger


@pytest.mark.parametrize("command", ["notice", "statement"])
def test_a_period_with_nothing_to_rank_is_refused_as_rank_refuses_it(cli, tmp_path, command):
    """A fresh ledger: `rank --year 2019` refuses; a 通报 or 告知单 of 43 units all at 100 must not go out."""
    out = tmp_path / ("n.docx" if command == "notice" else "dir")
    refused = cli("rank", "--year", "2019")
    result = cli(command, "--year", "2019", "--output", out)
    assert refused.exit_code == result.exit_code == 1
    assert result.stderr == refused.stderr and "没有积分记录" in result.stderr
    assert not out.exists()


def test_twenty_seven_city_units_tied_at_the_base_are_said_tied_in_the_notice(cli, tmp_path):
    """Two city units scored, the other 27 at 100 share 第3名: all 29 are proposed for
    免督查 (第十九条 前3位; no tie-break), and the 正文 says they share the place."""
    _add(cli, "czj", "commend", "2019-06-03", "--points", "15")
    _add(cli, "jyj", "commend", "2019-06-04", "--points", "12")
    _add(cli, "zezhou", "problem", "2019-06-05")
    out = tmp_path / "通报.docx"
    cli.ok("notice", "--year", "2019", "--output", out, "--number", "晋市政发〔2020〕3号", "--date", "2020-01-15",
           "--draft")
    exempt = next(p.text for p in Document(out).paragraphs if fill(msg.DOC_H_EXEMPT) in p.text)
    assert "市财政局(第1名，115.0分)" in exempt.replace("（", "(").replace("）", ")")
    assert exempt.count("第3名，100.0分") == 27
    assert "其中第3名为27个单位积分相同并列" in exempt and "共29个单位" in exempt
    assert "多于第十九条“前3位”所指的3个，请市政府审定" in exempt


def test_the_notices_counts_are_the_rules_tables_and_a_revoked_entry_is_counted_apart(cli, tmp_path):
    """A revoked −5 and its reversal are two records that score nothing: the 正文 does
    not count the −5 among the 减分 while the table beside it leaves it out, and a rule
    whose only entry was revoked has no line of 0 条 0.0 (积分办法 第十二条; SPEC: a
    reversal cancels its original)."""
    cli.ok("init")
    cli.ok("points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-06")
    cli.ok("points", "add", "-u", "gaoping", "-r", "commend", "--points", "15", "-d", "2019-06-03")
    cli.ok("points", "add", "-u", "市财政局", "-r", "late-material", "--qty", "3", "-d", "2019-06-10")
    cli.ok("points", "revoke", "1", "--reason", "核实后不属实")
    cli.ok("points", "correct", "3", "--qty", "2", "--reason", "迟报两天")
    out = tmp_path / "通报.docx"
    cli.ok("notice", "--quarter", "2019Q2", "--output", out)
    doc = Document(out)
    text = _text(doc)
    assert "计分2条，涉及2个单位，其中加分1条、减分1条；另有2条经冲销更正，不计分（冲销记录2条）。" in text
    rules = _tables(doc, msg.DOC_RULES_HEADINGS)[0]
    assert sum(int(r[2]) for r in rules) == 2
    assert not any(r[0] == "存在问题" for r in rules)
