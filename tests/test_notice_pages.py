"""The 通报 as it leaves the office, read off its rendered pages (GB/T 9704-2012).

Each notice is converted to PDF by LibreOffice Writer (headless, its own profile)
with the office fonts mapped to Noto CJK (tests/fonts/gongwen.conf), and its text
boxes are read back with `pdftotext -bbox`: where the 署名, the 成文日期, the
title's lines, the 版记 and the table rows stand on which page. CI installs
LibreOffice, the fonts and poppler (.ci/run); without soffice the tests are
skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from jcdc import messages as msg
from jcdc.ruleset.words import fill
from jcdc.gongwen import cn
from jcdc.ruleset import builtin

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Never skipped on CI, which installs them (.ci/run): there a missing program fails the test.
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="the pages are rendered by Linux's LibreOffice and "
                       "poppler: Windows Python under Wine has neither"),
    pytest.mark.skipif((SOFFICE is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
                       reason="LibreOffice Writer (soffice) or pdftotext not installed: "
                              "the rendered pages cannot be read (CI installs both, .ci/run)"),
]

FONTS = Path(__file__).parent / "fonts" / "gongwen.conf"
MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT = 28 * MM, PAGE_W - 26 * MM          # the 版心's edges (GB/T 9704 5.2.2)
TOP, BOTTOM = 37 * MM, PAGE_H - 35 * MM
CHAR = (RIGHT - LEFT) / 28                        # one of the line's 28 characters
LINE = (BOTTOM - TOP) / 22                        # one of the page's 22 lines
NEAR = 4.0                                        # points: what the renderer may round
LINES_HALF = 11                                   # half of the page's 22 lines


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class Page:
    number: str          # as printed at the foot: — N —
    lines: list[Line]    # the 版心's lines, top to bottom
    words: list[Line]    # the 版心's words, top to bottom

    def column(self, x0: float, x1: float) -> str:
        """The text of the words between x0 and x1: one column of a table."""
        return "".join(w.text for w in self.words if w.x0 >= x0 - NEAR and w.x1 <= x1 + NEAR)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    def find(self, text: str) -> Line | None:
        return next((line for line in self.lines if line.text == text), None)


def _pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    pages = []
    for page in root.iter("page"):
        words = [(w.text or "", *(float(w.get(k)) for k in ("xMin", "xMax", "yMin", "yMax"))) for w in page.iter("word")]
        body = [w for w in words if w[4] <= BOTTOM + NEAR]
        foot = "".join(w[0] for w in sorted(words, key=lambda w: w[1]) if w[3] > BOTTOM + NEAR)
        lines: list[Line] = []
        ordered = sorted(body, key=lambda w: (round(w[3]), w[1]))
        for text, x0, x1, y0, y1 in ordered:
            if lines and abs(lines[-1].y0 - y0) < 3:
                last = lines[-1]
                last.text, last.x1, last.y1 = last.text + text, max(last.x1, x1), max(last.y1, y1)
            else:
                lines.append(Line(text, x0, x1, y0, y1))
        pages.append(Page(foot.strip("—"), lines, [Line(*w) for w in ordered]))
    return pages


def _render(tmp: Path, docs: list[Path]) -> dict[str, list[Page]]:
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), *map(str, docs)], env=env, capture_output=True, check=True, timeout=300)
    return {doc.stem: _pages(tmp / f"{doc.stem}.pdf") for doc in docs}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The demonstration ledger's notices: a quarter (sealed, 发 number), the year, and
    a quarter sent as a letter (函 number) with the unsealed signature."""
    from typer.testing import CliRunner

    from jcdc.cli import app

    tmp = tmp_path_factory.mktemp("pages")
    db = tmp / "demo.db"
    runner = CliRunner()

    def jcdc(*args):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, result.output
        return result

    jcdc("demo", "--path", db)
    jcdc("notice", "--quarter", "2019Q1", "--output", tmp / "quarter.docx", "--number", "晋市政发〔2019〕3号",
         "--date", "2019-04-08", "--db", db)
    jcdc("notice", "--year", "2019", "--output", tmp / "year.docx", "--number", "晋市政发〔2020〕2号",
         "--date", "2020-01-20", "--draft", "--db", db)  # the demo's 2019 is not closed: a 征求意见稿
    jcdc("notice", "--quarter", "2019Q2", "--output", tmp / "letter.docx", "--number", "晋市政办函〔2019〕12号",
         "--date", "2019-07-05", "--unsealed", "--db", db)
    return _render(tmp, [tmp / "quarter.docx", tmp / "year.docx", tmp / "letter.docx"])


ISSUER = builtin().documents.issuer
DATES = {"quarter": "2019年4月8日", "year": "2020年1月20日", "letter": "2019年7月5日"}


def _signature(pages: list[Page], kind: str) -> tuple[int, Line, Line]:
    for n, page in enumerate(pages):
        dated = page.find(DATES[kind])
        if dated is not None:
            at = page.lines.index(dated)
            return n, page.lines[at - 1], dated
    raise AssertionError(f"no 成文日期 {DATES[kind]} in the {kind} notice")


@pytest.mark.parametrize("kind", ["quarter", "year", "letter"])
def test_signature_never_stands_without_the_text_above_it(rendered, kind):
    """GB/T 9704 7.3.5: the 署名 and 成文日期 never alone at the top of a page — the
    page they are on carries the end of the 正文 (2019Q1 once put them alone on page 6)."""
    pages = rendered[kind]
    n, signer, dated = _signature(pages, kind)
    assert signer.text == ISSUER
    above = pages[n].lines[:pages[n].lines.index(signer)]
    assert above and cn(fill(msg.DOC_CLOSING)).endswith(above[-1].text), [line.text for line in above]


@pytest.mark.parametrize("kind", ["quarter", "year"])
def test_colophon_at_the_foot_of_the_last_page_an_even_one(rendered, kind):
    """GB/T 9704 7.4.1: the 版记 on the document's last page (公文最后一面, an even
    page), its last line on the 版心's bottom edge — not straight under the date."""
    pages = rendered[kind]
    last = pages[-1]
    cc, issued = last.lines[-2:]
    assert cc.text == cn(msg.DOC_CC.format(cc=builtin().documents.copy_to))
    assert issued.text.startswith(builtin().documents.printer) and issued.text.endswith("印发")
    assert int(last.number) % 2 == 0, f"the 版记 is on page {last.number}"
    # Its last rule on the 版心's bottom edge: the line of text centred in the last of its rows.
    assert BOTTOM - LINE - NEAR <= issued.y0 and issued.y1 <= BOTTOM + NEAR
    assert not any(page.find(DATES[kind]) for page in pages[-1:]) or len(last.lines) == 2
    # And both rules span the 版心: the 印发 line runs from 左空一字 to 右空一字.
    assert abs(issued.x0 - (LEFT + 14)) < NEAR and abs(issued.x1 - (RIGHT - 14)) < NEAR


def test_signature_sealed_by_default(rendered):
    """GB/T 9704 7.3.5.1 (加盖印章): the date 右空四字, the 署名 centred over it."""
    from jcdc.gongwen import text_width

    _, signer, dated = _signature(rendered["quarter"], "quarter")
    assert abs(dated.x1 - (RIGHT - 4 * CHAR)) < NEAR
    # Centred as 仿宋_GB2312 sets the date (digits half a character); the test's font sets
    # digits a little wider, which moves the date's centre by half the difference.
    wider = abs((dated.x1 - dated.x0) - text_width(DATES["quarter"]) * CHAR) / 2
    assert abs((signer.x0 + signer.x1) / 2 - (dated.x0 + dated.x1) / 2) < NEAR + wider


def test_signature_unsealed_with_the_option(rendered):
    """GB/T 9704 7.3.5.2 (不加盖印章, --unsealed): the 署名 右空二字, the date under it
    starting two characters further right."""
    _, signer, dated = _signature(rendered["letter"], "letter")
    assert abs(signer.x1 - (RIGHT - 2 * CHAR)) < NEAR
    assert abs(dated.x0 - (signer.x0 + 2 * CHAR)) < NEAR


def test_title_breaks_by_meaning(rendered):
    """GB/T 9704 7.3.2: a title on two lines breaks between its phrases —
    `关于2019年第一季度督查激励积分 / 排名情况的通报`, not `…排名情况 / 的通报`;
    one that fits on a line stays whole."""
    first = rendered["quarter"][0]
    at = next(i for i, line in enumerate(first.lines) if line.text.startswith("关于"))
    assert [line.text for line in first.lines[at:at + 2]] == ["关于2019年第一季度督查激励积分", "排名情况的通报"]
    year = rendered["year"][0]
    assert year.find("关于2019年度督查激励积分排名情况的通报")


def test_recipients_name_every_group_ranked(rendered):
    """主送机关 (GB/T 9704 7.3.2) names every group the notice ranks — 驻市 included."""
    text = rendered["quarter"][0].text
    assert cn(builtin().documents.recipients) + "：" in text
    for heading in ("县（市、区）人民政府", "开发区管委会", "市直各有关单位", "驻市各有关单位"):
        assert heading in text


@pytest.mark.parametrize("kind", ["quarter", "year", "letter"])
def test_table_rows_never_split_across_pages(rendered, kind):
    """A table row stands whole on one page (w:cantSplit): every rule's row of the
    积分项目 table — `不配合或阻碍督查、检查、调查… | 第十二条（四）` once split across
    pages 2–3 — and every unit's row of the rankings."""
    from jcdc.rules.jifen import CATALOGUE

    # The 积分项目 column: the table is centred in the 版心, its first column 70 mm wide.
    first = LEFT + (156 - 156) / 2 * MM
    pages = [page.column(first, first + 70 * MM) for page in rendered[kind]]
    shown = 0
    for rule in CATALOGUE.values():
        title = cn(rule.title)
        if any(title[:6] in page for page in pages):
            shown += 1
            assert any(title in page for page in pages), title
    assert shown >= 5
    # Each ranking row: its rank, unit and score on the same page and line.
    names = {line.text for page in rendered[kind] for line in page.lines}
    assert not any(re.fullmatch(r"\d+", text) for text in names)  # no rank left alone on a line


@pytest.mark.parametrize("kind", ["quarter", "year", "letter"])
def test_no_page_ends_half_empty_before_a_table(rendered, kind):
    """A page of the 正文 ends full: a table that would fit below a heading is not
    pushed to the next page with its heading, leaving half a page blank."""
    pages = rendered[kind]
    signed, _, _ = _signature(pages, kind)
    for page in pages[:signed]:
        assert page.lines[-1].y1 >= BOTTOM - LINES_HALF * LINE, (page.number, page.lines[-1].text)


def test_letter_format_for_a_letter_number(rendered):
    """GB/T 9704 10.1 (信函格式): the 发文字号 flush right under the red lines, the
    first page without a page number, the 版记 without 印发机关 and 印发日期."""
    pages = rendered["letter"]
    first = pages[0]
    number = first.find("晋市政办函〔2019〕12号")
    assert number is not None and abs(number.x1 - RIGHT) < NEAR
    assert first.number == ""
    assert pages[-1].lines[-1].text == cn(msg.DOC_CC.format(cc=builtin().documents.copy_to))
    assert not any("印发" in page.text for page in pages)


# --- each unit's 告知单 ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def statements(tmp_path_factory):
    """Two units' statements of 2019Q2 on the demonstration ledger: 市民政局 (a title of
    20 characters) and 沁水县, which owes a rectification, late, and did one late."""
    from typer.testing import CliRunner

    from jcdc.cli import app

    tmp = tmp_path_factory.mktemp("statements")
    db = tmp / "demo.db"
    runner = CliRunner()

    def jcdc(*args):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, result.output
        return result

    jcdc("demo", "--path", db)
    jcdc("fix", "add", "--unit", "沁水县", "--what", "整改道路破损", "--class", "general", "--from", "2019-05-20",
         "--db", db)
    jcdc("fix", "add", "--unit", "沁水县", "--what", "整改迟报问题", "--class", "general", "--from", "2019-05-02",
         "--db", db)
    done = next(f for f in runner_json(jcdc, "fix", "list", "--db", db) if f["what"] == "整改迟报问题")
    jcdc("fix", "done", str(done["id"]), "--date", "2019-05-20", "--db", db)
    out = tmp / "告知单"
    for unit in ("市民政局", "沁水县"):
        jcdc("statement", "--quarter", "2019Q2", "--unit", unit, "--on", "2019-06-10", "--output", out, "--db", db)
    docs = sorted(out.glob("*.docx"))
    pages = _render(tmp, docs)
    return {doc.stem.split("-", 1)[1]: (doc, pages[doc.stem]) for doc in docs}


def runner_json(jcdc, *args):
    import json

    return json.loads(jcdc(*args, "--format", "json").stdout)


def test_statement_dates_each_on_one_line(statements):
    """Every date of a 告知单 (the entries', what is due, what was done late) stands on
    one line of its cell: 2019-05-30, never 2019-05- / 30."""
    from docx import Document

    for unit, (path, pages) in statements.items():
        doc = Document(path)
        written = [cell.text for table in doc.tables for row in table.rows for cell in row.cells
                   if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell.text)]
        shown = [w.text for page in pages for w in page.words if re.fullmatch(r"\d{4}-\d{2}-\d{2}", w.text)]
        assert written and sorted(shown) == sorted(written), unit
    _, pages = statements["沁水县"]
    text = "".join(page.text for page in pages)
    assert cn(msg.DOC_S_H_LATE_DONE.format(period="2019年第二季度")) in text and "整改迟报问题" in text


def test_statement_title_leaves_no_character_alone(statements):
    """GB/T 9704 7.3.2 for the 告知单's title: broken between its phrases, never a lone
    `单` on the second line."""
    _, pages = statements["市民政局"]
    lines = [line.text for line in pages[0].lines[:2]]
    assert lines == ["市民政局2019年第二季度", "督查激励积分告知单"]
    _, pages = statements["沁水县"]
    assert pages[0].lines[0].text == "沁水县2019年第二季度督查激励积分告知单"
