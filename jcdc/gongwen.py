"""Word documents laid out as 党政机关公文格式 (GB/T 9704-2012): the 通报 and
each unit's statement, rendered from the values of jcdc/documents.py.

python-docx does the document; the few things it has no API for — the East
Asian font, the language and the character spacing of a style, the page-number
field, a paragraph's rule, the line grid, a repeated table header — are single
elements set here, each where it is used.
Imported only by `jcdc notice` and `jcdc statement` (start-up time).
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib  # what deflates a statement's document.xml (bench/run.py measures another beside it)
from collections.abc import Iterable, Iterator
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor, Twips

from jcdc import messages as msg
from jcdc.files import document_text
from jcdc.documents import STATEMENT_DUE_DAYS
from jcdc.model import cn_date, fmt_points
from jcdc.ranking import quarter_words
from jcdc.ruleset.words import fill

# --- GB/T 9704-2012 5.2: paper, 版心, lines and characters ----------------------
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)                     # A4
MARGIN_TOP, MARGIN_BOTTOM = Mm(37), Mm(35)                     # 天头 37 mm; 版心 225 mm high
MARGIN_LEFT, MARGIN_RIGHT = Mm(28), Mm(26)                     # 订口 28 mm; 版心 156 mm wide
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TITLE_CHARS = 19   # 二号 characters on a line of the 版心: 20 fit, with a digit's width to spare

# 字号 (Chinese type sizes) in points.
SIZE_2 = Pt(22)     # 二号: the title
SIZE_3 = Pt(16)     # 三号: the body
SIZE_4 = Pt(14)     # 四号: page numbers, the 版记, tables
SIZE_SMALL_4 = Pt(12)   # 小四: the statement's tables
SIZE_5 = Pt(10.5)   # 五号: the statement's list of entries
SIZE_MARK = Pt(36)  # 小初: the 发文机关标志 (the standard sets no size; it must fit the 版心)

FONT_TITLE = "方正小标宋简体"   # 标志 and 标题 (GB/T 9704 7.2.2, 7.3.1: 小标宋体)
FONT_BODY = "仿宋_GB2312"      # 正文 (7.3.3: 仿宋体)
FONT_HEADING_1 = "黑体"        # 一、 (7.3.3: 第一层用黑体字)
FONT_HEADING_2 = "楷体"        # (一) (7.3.3: 第二层用楷体字)
FONT_PAGE = "宋体"             # 页码 (7.5: 4号半角宋体阿拉伯数字)
RED = RGBColor(0xFF, 0x00, 0x00)  # 标志 and 分隔线 (7.2.2, 7.2.4: 红色)


def line_pitch() -> Length:
    """The height of one of the 22 lines of the 版心, in whole twips (Word's unit)
    rounded down: 28.95 pt, so that 22 lines fit and a 23rd does not."""
    return Twips((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) // LINES_PER_PAGE // Twips(1))


def char_pitch() -> Length:
    """The width of one of the 28 characters of a line."""
    return Length((PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) // CHARS_PER_LINE)


def _twips(length: Length) -> int:
    return int(length.pt * 20)


# --- runs and paragraphs --------------------------------------------------------------


def set_font(run_or_style, name: str, size: Length | None = None, bold: bool = False,
             color: RGBColor | None = None) -> None:
    """The font for Latin and East Asian text alike: Word picks a run's Chinese
    font from w:eastAsia, which python-docx's font.name does not set."""
    font = run_or_style.font
    font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size is not None:
        font.size = size
    if bold:
        font.bold = True
    if color is not None:
        font.color.rgb = color


_FULL_WIDTH = str.maketrans({"(": "（", ")": "）"})


def cn(text: str) -> str:
    """Text as a Chinese document sets it: full-width brackets and marks (县（市、区）,
    第十二条（三）) where the rest of jcdc writes half-width ones for a terminal."""
    if "(" in text or ")" in text:
        text = text.translate(_FULL_WIDTH)
    shown = text.replace("; ", "；").replace(", ", "，").replace(": ", "：")
    return document_text(shown)  # a character no .docx may hold, from an older ledger, shown as �


def text_width(text: str) -> float:
    """Characters of the grid a text takes: a Chinese character one, a Latin
    letter or digit half."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _rule(paragraph, *sides: tuple[str, int], color: str = "000000", space: int = 1) -> None:
    """Lines along sides of a paragraph (w:pBdr), each (side, width in eighths of
    a point): the red separator line, the 版记's rules."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side, size in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


# What follows w:pBdr in w:pPr, and w:spacing in w:rPr (the schema's order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
               "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_CHAR_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                       "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                       "w:eastAsianLayout", "w:specVanish", "w:oMath")


def char_spacing() -> int:
    """Character spacing, in twentieths of a point, that puts 28 characters of
    三号 type on a line of the 156 mm 版心 (5.2.2): condensed by a quarter point."""
    return math.floor((char_pitch().pt - SIZE_3.pt) * 20)


def _condense(style, twentieths: int) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    style.element.get_or_add_rPr().insert_element_before(spacing, *_AFTER_CHAR_SPACING)


def _chinese(doc) -> None:
    """East Asian text is Chinese (w:lang w:eastAsia), so Word applies Chinese
    line breaking and punctuation rules; python-docx's template says en-US."""
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")


def _field(paragraph, instruction: str, shown: str, font: str, size: Length) -> None:
    """A Word field (PAGE): begin, instruction, separator, the last shown value, end."""
    def run_with(*children):
        run = paragraph.add_run()
        set_font(run, font, size)
        for child in children:
            run._r.append(child)
        return run

    def char(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(char("begin"))
    run_with(instr)
    run_with(char("separate"))
    run_with().text = shown
    run_with(char("end"))


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
TABLE_SIZES = (SIZE_4, SIZE_SMALL_4, SIZE_5)


def _styles() -> list[tuple]:
    """The paragraph styles of a document: (key, name, font, size, first-line indent
    in characters, line spacing, alignment, keep with next). Word lists them by
    name, so the leader's pen changes every such paragraph at once."""
    out = [
        # 每个自然段左空二字 (GB/T 9704 7.3.3)
        ("body", msg.DOC_STYLE_BODY, FONT_BODY, SIZE_3, 2, None, None, False),
        ("note", msg.DOC_STYLE_NOTE, FONT_BODY, SIZE_4, 2, None, None, False),
        ("h1", msg.DOC_STYLE_HEADING[0], FONT_HEADING_1, SIZE_3, 2, None, None, True),
        ("h2", msg.DOC_STYLE_HEADING[1], FONT_HEADING_2, SIZE_3, 2, None, None, True),
        # 标题 (7.3.1): 2号小标宋体, 居中
        ("title", msg.DOC_STYLE_TITLE, FONT_TITLE, SIZE_2, 0, Pt(SIZE_2.pt * 1.6), "center", True),
    ]
    for size in TABLE_SIZES:
        spacing = Pt(size.pt * 1.35)
        out.append((("head", size.pt), f"{msg.DOC_STYLE_TABLE_HEAD}{size.pt:g}", FONT_HEADING_1, size, 0,
                    spacing, "center", False))
        for align in _ALIGN:
            out.append((("cell", size.pt, align), f"{msg.DOC_STYLE_TABLE}{size.pt:g}{msg.DOC_ALIGN[align]}",
                        FONT_BODY, size, 0, spacing, align, False))
    return out


_TEMPLATE: tuple[bytes, dict] | None = None


def _template() -> tuple[bytes, dict]:
    """The empty document every one starts from — page, grid, styles, page
    numbers — built once per run: 43 statements reuse it."""
    global _TEMPLATE
    if _TEMPLATE is None:
        import io

        doc, ids = _new_document()
        buffer = io.BytesIO()
        doc.save(buffer)
        _TEMPLATE = buffer.getvalue(), ids
    return _TEMPLATE


def _new_document():
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    # 7.5: 页码 … 一字线上距版心下边缘7mm: the footer's line of text ends below that.
    section.footer_distance = Mm(35 - 7) - SIZE_4
    section.header_distance = Mm(15)
    _grid(section)
    normal = doc.styles["Normal"]
    set_font(normal, FONT_BODY, SIZE_3)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = line_pitch()
    _condense(normal, char_spacing())
    _chinese(doc)
    ids = {"normal": normal.style_id}
    for key, name, font, size, indent, spacing, align, keep in _styles():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        set_font(style, font, size)
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(size.pt * indent)
        if spacing is not None:
            fmt.line_spacing = spacing
        if align is not None:
            fmt.alignment = _ALIGN[align]
        fmt.keep_with_next = keep
        ids[key] = style.style_id
    _page_numbers(doc, section)
    return doc, ids


def _grid(section) -> None:
    """w:docGrid: the 22 lines of the 版心 (5.2.2), as Word's 文档网格 shows them.

    Lines only: a character grid (linesAndChars) is drawn by Word and WPS but
    LibreOffice spreads each 三号 character over two of its narrower cells; the
    28 characters come from the body's condensed spacing instead (char_spacing).
    """
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(_twips(line_pitch())))


def _page_numbers(doc, section) -> None:
    """7.5: 4号半角宋体阿拉伯数字, a 一字线 each side; 单页码居右空一字, 双页码居左空一字."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        fmt.line_spacing = None
        if align is WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = SIZE_4
        else:
            fmt.left_indent = SIZE_4
        set_font(p.add_run(msg.DOC_PAGE_DASH + " "), FONT_PAGE, SIZE_4)
        _field(p, "PAGE", "1", FONT_PAGE, SIZE_4)
        set_font(p.add_run(" " + msg.DOC_PAGE_DASH), FONT_PAGE, SIZE_4)


class Gongwen:
    """A document on the GB/T 9704 page: A4, the 版心 of 22 lines × 28 characters,
    仿宋 三号 body, page numbers — 1 — alternating sides."""

    def __init__(self, shared: bool = False):
        """shared: the document is one of a set made in this run (the statements),
        which changes only the body of the template's document.xml — its other
        parts (styles, numbering, footers, settings) are the template's, parsed and
        compressed once for all of them (_Shell)."""
        import io

        base, self._ids = _template()
        self._shell = _shell() if shared else None
        if self._shell is not None:
            from docx.document import Document as Proxy

            self.doc = Proxy(self._shell.body(), self._shell.doc.part)
        else:
            self.doc = Document(io.BytesIO(base))
        self._streams: list[tuple[list[str], Iterable, frozenset[int], bool]] = []
        self._table_style = self._shell.table_style if self._shell is not None else self.doc.styles["Table Grid"]

    def _apply(self, paragraph, key) -> None:
        """The paragraph's style by its id: python-docx's `paragraph.style = …` looks
        the style up among all of the document's, most of a statement's time."""
        paragraph._p.style = self._ids[key]

    # --- blocks ----------------------------------------------------------------------

    def paragraph(self, text: str = "", style="body", align=None):
        p = self.doc.add_paragraph()
        self._apply(p, style)
        if align is not None:
            p.alignment = align
        if text:
            p.add_run(cn(text))
        return p

    def line(self, text: str = "", align=None):
        """A paragraph of body type set flush (主送机关, 署名, blank lines)."""
        return self.paragraph(text, "normal", align)

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self.line()

    def heading(self, text: str, level: int):
        """一、 in 黑体, (一) in 楷体 (7.3.3), left 空二字 like the body."""
        return self.paragraph(text, f"h{level}")

    def run_in_heading(self, heading: str, text: str, level: int = 2):
        """(一) 楷体 followed by body text in the same paragraph."""
        p = self.paragraph()
        set_font(p.add_run(cn(heading)), FONT_HEADING_1 if level == 1 else FONT_HEADING_2, SIZE_3)
        p.add_run(cn(text))
        return p

    def title(self, text: str):
        return self.paragraph(text, "title")

    def title_lines(self, lines: list[str]):
        """A title of several lines, one paragraph broken where given (7.3.2)."""
        p = self.paragraph(style="title")
        for n, text in enumerate(lines):
            run = p.add_run(text)
            if n:
                run._r.insert(0, OxmlElement("w:br"))
        return p

    def table(self, headings: list[str], rows: list[list[str]], widths: list[Length],
              aligns: list[str], size: Length = SIZE_4):
        """A ruled table, centred, its heading row 黑体 and repeated on every page.

        Column widths are fixed: the grid's, and every cell's own (w:tcW), which
        Word lays the rows out by; each cell's style holds its font and alignment. One of a set of
        documents (shared) has its rows written as text, as streamed_table does.
        """
        if self._shell is not None and STREAMED_ROWS:
            return self.streamed_table(headings, rows, widths, aligns, size)
        return self._table(headings, rows, widths, aligns, size)

    def _table(self, headings, rows, widths, aligns, size):
        """The table of python-docx's objects, every cell one."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = self._table_style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = width
        header, *body = table.rows
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for row in table.rows:  # a row is never split across pages: it moves whole to the next
            row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
        for cell, text, width in zip(header.cells, headings, widths):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self._fill(cell, text, ("head", size.pt))
        keys = [("cell", size.pt, align) for align in aligns]
        for row, values in zip(body, rows):
            # each cell its column's width: Word lays a fixed table out by the cells'
            for cell, text, key, width in zip(row.cells, values, keys, widths):
                cell.width = width
                self._fill(cell, text, key)
        return table

    def streamed_table(self, headings: list[str], rows: Iterable[list[str]], widths: list[Length],
                       aligns: list[str], size: Length = SIZE_4, plain: frozenset[int] = frozenset()):
        """The table `table` makes, its body rows written into the file as text when
        it is saved (content()), one row at a time as `rows` yields them: the same
        XML python-docx would write, at a fraction of its time and memory. The
        table is made with one row of markers; its XML is each row's pattern.
        `plain`: the columns whose every text is digits, signs, points and hyphens
        (ids, dates, figures), set as they are."""
        return self._stream(headings, rows, widths, aligns, size, plain, False)

    def _stream(self, headings, rows, widths, aligns, size, plain, ready: bool):
        """streamed_table; ready: `rows` writes the rows itself (_entry_rows).
        One of a set of documents copies the table's frame (its heading and its row
        of markers), made once by python-docx for all of them (_Shell.frame)."""
        if self._shell is not None:
            from docx.table import Table

            markers, frame = self._shell.frame(self, (tuple(headings), tuple(widths), tuple(aligns), size))
            body = self.doc.element.body
            end = body.find(qn("w:sectPr"))
            end.addprevious(frame) if end is not None else body.append(frame)
            self._streams.append((markers, rows, plain, ready))
            return Table(frame, self.doc)
        key = f"JCDCROWS{len(self._streams)}X"
        markers = [f"{key}{i}X" for i in range(len(headings))]
        table = self._table(headings, [markers], widths, aligns, size)
        self._streams.append((markers, rows, plain, ready))
        return table

    def _fill(self, cell, text: str, key) -> None:
        p = cell.paragraphs[0]
        self._apply(p, key)
        if text:
            p.add_run(cn(text))

    def save(self, path: Path, force: bool = False) -> None:
        save_document(self.doc, path, force)

    def content(self) -> bytes:
        """The .docx file's bytes, for a caller that writes a set of documents whole."""
        import io

        if self._shell is not None:
            return self._shell.package(self.doc.element, self._streams)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _with_rows(buffer, self._streams) if self._streams else buffer.getvalue()


DOCUMENT_PART = "word/document.xml"
# zlib's level for a statement's document.xml: 1 takes half of 6's time on the
# tables' repeated XML, for a file about a third larger (docs/benchmarks.md).
DOCUMENT_LEVEL = 1


class _Shell:
    """The template as a set of documents shares it: the python-docx document
    parsed once, its body to copy for each document, and every part but
    document.xml compressed once, as python-docx saves them, in its order."""

    def __init__(self, base: bytes):
        import io
        import zipfile
        import zlib

        self.doc = Document(io.BytesIO(base))
        self._body = self.doc.element
        saved = io.BytesIO()
        self.doc.save(saved)
        self._parts: list[_ZipEntry | None] = []  # None: where document.xml goes
        with zipfile.ZipFile(saved) as z:
            for info in z.infolist():
                if info.filename == DOCUMENT_PART:
                    self._parts.append(None)
                    continue
                data = z.read(info)
                squeeze = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's
                self._parts.append(_ZipEntry(info.filename, zlib.crc32(data), len(data),
                                             [squeeze.compress(data) + squeeze.flush()]))
        self.table_style = self.doc.styles["Table Grid"]
        self._frames: dict[tuple, tuple[list[str], object]] = {}

    def body(self):
        """A fresh copy of the template's document element, for one document."""
        import copy

        return copy.deepcopy(self._body)

    def frame(self, g: Gongwen, key: tuple) -> tuple[list[str], object]:
        """(markers, a copy of the w:tbl) of the table `key` names — headings, widths,
        aligns, size — with its heading row and one row of markers, made by
        python-docx once (Gongwen._table), in a scratch document."""
        import copy

        made = self._frames.get(key)
        if made is None:
            from docx.document import Document as Proxy

            scratch = Proxy(self.body(), self.doc.part)
            g_doc, g.doc = g.doc, scratch
            try:
                markers = [f"JCDCFRAME{len(self._frames)}X{i}X" for i in range(len(key[0]))]
                table = g._table(list(key[0]), [markers], list(key[1]), list(key[2]), key[3])
            finally:
                g.doc = g_doc
            made = self._frames[key] = markers, table._tbl
        markers, tbl = made
        return markers, copy.deepcopy(tbl)

    def package(self, element, streams) -> bytes:
        """The .docx of the document `element`, its streamed tables' rows written in."""
        from docx.opc.oxml import serialize_part_xml

        xml = serialize_part_xml(element)
        f = _Deflating(DOCUMENT_LEVEL)
        for markers, rows, plain, ready in streams:
            xml = _write_rows(f, xml, markers, rows, plain, ready)
        f.write(xml)
        document = f.entry(DOCUMENT_PART)
        return _zip([document if part is None else part for part in self._parts])


_SHELL: _Shell | None = None


def _shell() -> _Shell:
    global _SHELL
    if _SHELL is None:
        _SHELL = _Shell(_template()[0])
    return _SHELL


class _ZipEntry:
    """A file of a zip archive, deflated: its name, CRC-32, size and compressed bytes."""

    __slots__ = ("name", "crc", "size", "chunks")

    def __init__(self, name: str, crc: int, size: int, chunks: list[bytes]):
        self.name, self.crc, self.size, self.chunks = name, crc, size, chunks


class _Deflating:
    """A file object that deflates what is written to it, as a zip entry's data."""

    def __init__(self, level: int):
        self._squeeze = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._crc32 = zlib.crc32
        self.crc = self.size = 0
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.crc = self._crc32(data, self.crc)
        self.size += len(data)
        if out := self._squeeze.compress(data):
            self.chunks.append(out)

    def entry(self, name: str) -> _ZipEntry:
        self.chunks.append(self._squeeze.flush())
        return _ZipEntry(name, self.crc, self.size, self.chunks)


def _zip(entries: list[_ZipEntry]) -> bytes:
    """A zip archive of deflated entries (APPNOTE 4.3): each one's local header and
    data, then the central directory. Sizes are 32-bit, as zipfile writes them for
    a file under 2 GiB (a unit's year of entries is far below)."""
    import struct
    import time

    now = time.localtime()
    stamp = (now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2,
             (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        name = e.name.encode("ascii")
        packed = sum(len(c) for c in e.chunks)
        if e.size >= 1 << 31 or packed >= 1 << 31:
            raise OverflowError(f"{e.name}: {e.size} bytes, beyond a zip without zip64")
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, *stamp, e.crc, packed, e.size, len(name), 0)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, *stamp, e.crc, packed, e.size,
                                   len(name), 0, 0, 0, 0, 0o600 << 16, offset) + name)
        out += [header, name, *e.chunks]
        offset += len(header) + len(name) + packed
    directory = b"".join(central)
    out += [directory, struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory),
                                   offset, 0)]
    return b"".join(out)


def _with_rows(docx, streams) -> bytes:
    """The .docx `docx` (a file object) with each streamed table's row of markers
    replaced by its rows, the other parts copied as they are."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != DOCUMENT_PART:
                target.writestr(info, data)
                continue
            with target.open(info, "w") as f:
                for markers, rows, plain, ready in streams:
                    data = _write_rows(f, data, markers, rows, plain, ready)
                f.write(data)
    return out.getvalue()


def _write_rows(f, xml: bytes, markers: list[str], rows: Iterable, plain: frozenset[int] = frozenset(),
                ready: bool = False) -> bytes:
    """Writes `xml` up to the row holding `markers`, then a row of the same XML for
    each of `rows` (each cell's text; ready: a function that writes the rows
    into f from the row's pattern, _entry_rows); returns what follows the markers' row."""
    runs = [f"<w:r><w:t>{m}</w:t></w:r>".encode() for m in markers]
    first = xml.index(runs[0])
    start = xml.rindex(b"<w:tr>", 0, first)
    end = xml.index(b"</w:tr>", first) + len(b"</w:tr>")
    row = xml[start:end].replace(b"%", b"%%")
    for run in runs:
        row = row.replace(run, b"%s", 1)
    f.write(xml[:start])
    if ready:  # rows writes itself (_entry_rows)
        rows(f, row)
        return xml[end:]
    rows = _cell_runs(rows, len(markers), plain)
    batch: list[bytes] = []
    for cells in rows:
        batch.append(row % cells)
        if len(batch) >= 1000:
            f.write(b"".join(batch))
            batch.clear()
    f.write(b"".join(batch))
    return xml[end:]


def _cell_runs(rows: Iterable[list[str]], columns: int, plain: frozenset[int]) -> Iterator[tuple[bytes, ...]]:
    """Each row's cells as their runs' XML, UTF-8: a `plain` column's text set as it is."""
    kinds = [_plain_run if i in plain else _run_of for i in range(columns)]
    for values in rows:
        yield tuple([kind(text) for kind, text in zip(kinds, values)])


def _plain_run(text: str) -> bytes:
    return f"<w:r><w:t>{text}</w:t></w:r>".encode() if text else b""


_RUNS: dict[str, bytes] = {}  # a text's run, made once a run: rule names, 文号 and notes repeat


def _run_of(text: str) -> bytes:
    """The run of `text` in a table's cell, as python-docx writes it (Gongwen._fill), in
    UTF-8: none for no text. Made once a run (a text that repeats: rule names, 文号)."""
    if not text:
        return b""
    found = _RUNS.get(text)
    if found is None:
        found = _text_run(text)
        if len(_RUNS) < 50_000 and (b"\xef\xbf\xbd" not in found):  # a replaced character is counted each time
            _RUNS[text] = found
    return found


# What cn and _run_xml may change in a text: brackets, the marks ;,: (before a
# space), what XML escapes, tabs and line breaks, characters no .docx may hold
# (jcdc.files). One class of characters: three times as fast as asking for the
# space after the mark too, and a text that has one only goes the long way.
_AS_IT_IS = re.compile("[()&<>;,:\t\r\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text_run(text: str) -> bytes:
    """_run_of's run, made afresh (a text seen once: an entry's note): a text that
    cn and _run_xml would leave as it is — most — is set as it is."""
    if not text:
        return b""
    if _AS_IT_IS.search(text) is None and not text[0].isspace() and not text[-1].isspace():
        return b"<w:r><w:t>%s</w:t></w:r>" % text.encode()
    return _run_xml(cn(text)).encode()


def _run_xml(text: str) -> str:
    """<w:r> of `text` as python-docx writes it (Run.text): a tab is <w:tab/>, a
    line break <w:br/>, text with space at either end keeps it (xml:space)."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f"<w:r>{_t_xml(text)}</w:r>"
    parts, buffer = [], []
    for char in text:
        if char in "\t\r\n":
            if buffer:
                parts.append(_t_xml("".join(buffer)))
                buffer.clear()
            parts.append("<w:tab/>" if char == "\t" else "<w:br/>")
        else:
            buffer.append(char)
    if buffer:
        parts.append(_t_xml("".join(buffer)))
    return f"<w:r>{''.join(parts)}</w:r>"


def _t_xml(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


# The statement's entries go into the file as text (Gongwen.streamed_table); False:
# through python-docx's objects, as the other tables (the tests compare the two).
STREAMED_ROWS = True


def save_document(doc, path: Path, force: bool = False) -> None:
    """Written whole or not at all, owner-only, never over an existing file unless
    `force` (jcdc/files.py, as every file jcdc writes)."""
    from jcdc.files import replacing

    with replacing(path, force) as tmp:
        doc.save(str(tmp))


# --- figures as the documents show them ----------------------------------------------


def points(tenths: int) -> str:
    return fmt_points(tenths)


def change(tenths: int | None) -> str:
    return msg.DOC_NO_CHANGE if tenths is None else fmt_points(tenths, signed=True)


def group_heading(group: str, headings: dict[str, str] | None = None) -> str:
    """How a document names a ranking group: the rule set's `groups.<name>.heading`."""
    if headings is None:
        from jcdc.rules.jifen import RULES

        headings = {name: g.heading for name, g in RULES.groups.items()}
    return headings.get(group, group)


def names(rows) -> str:
    return "、".join(r.name for r in rows)


# --- the 通报 -------------------------------------------------------------------------

_ORDINALS = "一二三四五六七八九十"


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if n <= 10 else str(n)


def render_notice(notice, path: Path, force: bool = False) -> None:
    """The notice (jcdc.documents.Notice) as a .docx laid out per GB/T 9704-2012."""
    from jcdc.rules.jifen import Flag

    period = notice.ranking.period
    g = Gongwen()
    letter = is_letter(notice.number)
    # 版头 (7.2): the 发文机关标志 35 mm below the 版心's top edge, red, centred;
    # a 函 (信函格式, 10.1) has its 标志 30 mm below the page's top edge instead.
    mark = g.line(align=WD_ALIGN_PARAGRAPH.CENTER)
    set_font(mark.add_run(document_text(notice.issuer)), FONT_TITLE, SIZE_MARK, color=RED)
    mark.paragraph_format.line_spacing = Pt(SIZE_MARK.pt * 1.25)
    if letter:
        _letter_head(g, mark, notice.number or "")
    else:
        mark.paragraph_format.space_before = Mm(35)
        # 发文字号 (7.2.3) 空二行 under the 标志, centred; the red line 4 mm under it (7.2.4).
        g.blank(2)
        number = g.line(notice.number or "", align=WD_ALIGN_PARAGRAPH.CENTER)
        _rule(number, ("bottom", 12), color="FF0000", space=int(Mm(4).pt))
    g.blank(1)
    title = title_lines(msg.DOC_NOTICE_TITLE_PARTS, period=period.label)
    g.title_lines(title + [cn(msg.DOC_DRAFT_MARK)] if notice.draft else title)  # 征求意见稿: a line of its own
    g.blank(1)
    g.line(msg.DOC_ADDRESSEES.format(recipients=notice.recipients))

    data = notice.ranking
    counts = notice.counts
    groups = data.groups()
    opening = msg.DOC_NOTICE_OPENING_YEAR if period.annual else msg.DOC_NOTICE_OPENING_QUARTER
    g.paragraph(fill(opening, data.rules).format(period=period.label))
    if data.basis:  # judged by a revision: the notice says which
        g.paragraph(data.basis)

    g.heading(msg.DOC_H_SCORING, 1)
    sizes = "、".join(msg.DOC_GROUP_COUNT.format(group=group_heading(group, notice.headings), count=len(lines))
                     for group, lines in groups.items())
    g.paragraph(fill(msg.DOC_SCORING, data.rules).format(period=period.label, total=counts.total, bonus=counts.bonus,
                                       penalty=counts.penalty,
                                       revoked=msg.DOC_SCORING_REVOKED.format(
                                           revoked=counts.revoked, reversals=counts.reversals)
                                       if counts.revoked or counts.reversals else "",
                                       units=counts.units, ranked=len(data.lines), groups=sizes))
    if notice.rules:
        g.table(list(msg.DOC_RULES_HEADINGS),
                [[r.title, r.cite.replace("积分办法 ", ""), str(r.count), fmt_points(r.points, signed=True)]
                 for r in notice.rules],
                [Mm(70), Mm(40), Mm(18), Mm(28)], ["left", "left", "right", "right"], SIZE_4)
    for line in _year_lines(data.year):  # empty and open quarters: the year is not final
        g.paragraph(line)

    g.heading(msg.DOC_H_RANKING, 1)
    headings = msg.DOC_RANK_HEADINGS_YEAR if period.annual else msg.DOC_RANK_HEADINGS_QUARTER
    for n, (group, lines) in enumerate(groups.items(), 1):
        g.heading(f"({_ordinal(n)}){group_heading(group, notice.headings)}", 2)
        g.table(list(headings),
                [[str(line.row.rank), line.row.name, points(line.row.score), change(line.change)]
                 for line in lines],
                [Mm(20), Mm(76), Mm(30), Mm(30)], ["center", "left", "right", "right"], SIZE_4)
        tied = sorted({(line.row.rank, line.row.tied) for line in lines if line.row.tied > 1})
        if tied:
            g.paragraph(msg.DOC_TIES.format(ties="；".join(
                msg.DOC_TIE.format(rank=rank, count=count) for rank, count in tied)), "note")

    if period.annual:
        _consequences(g, notice, Flag)
    closing = g.paragraph(fill(msg.DOC_CLOSING, data.rules))
    _signature(g, closing, notice.issuer, cn_date(notice.date), notice.sealed)
    _colophon(g, notice, letter)
    g.save(path, force)


# A 文号 of the 函 kind (晋市政办函〔2019〕12号) is laid out as a letter (GB/T 9704 10.1).
LETTER_MARK = "函〔"


def is_letter(number: str | None) -> bool:
    return bool(number) and LETTER_MARK in number


def _letter_head(g: Gongwen, mark, number: str) -> None:
    """信函格式 (GB/T 9704 10.1): the 标志 30 mm below the page's top edge with a
    red double line (thick over thin) 4 mm under it, and a red double line (thin
    over thick) 20 mm above the page's bottom edge — the first page's header and
    footer, which show no page number (首页不显示页码) — then the 发文字号 flush
    right, 3号汉字高度的7/8 under the line."""
    section = g.doc.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(30)
    head = section.first_page_header.paragraphs[0]
    mark._p.getparent().remove(mark._p)
    head._p.getparent().replace(head._p, mark._p)
    _rule(mark, ("bottom", 18), color="FF0000", space=int(Mm(4).pt))
    mark._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).set(qn("w:val"), "thickThinSmallGap")
    foot = section.first_page_footer.paragraphs[0]
    foot.paragraph_format.space_before = Pt(0)
    _rule(foot, ("bottom", 18), color="FF0000", space=0)
    foot._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).set(qn("w:val"), "thinThickSmallGap")
    numbered = g.line(number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    numbered.paragraph_format.space_before = Pt(SIZE_3.pt * 7 / 8)
    g.blank(1)  # the title 与其上最后一个要素相距二行 (with the blank line render_notice adds)


def title_lines(parts: tuple[str, ...], **values) -> list[str]:
    """The title on as few lines as fit, broken only between its parts (GB/T 9704
    7.3.2: 回行时词意完整, 排列对称): parts are whole phrases; the break chosen is
    the one that leaves the lines most nearly equal."""
    parts = [cn(part.format(**values)) for part in parts]
    whole = "".join(parts)
    if text_width(whole) <= TITLE_CHARS:
        return [whole]
    best = None
    for cut in range(1, len(parts)):
        first, second = "".join(parts[:cut]), "".join(parts[cut:])
        if text_width(first) > TITLE_CHARS or text_width(second) > TITLE_CHARS:
            continue
        score = abs(text_width(first) - text_width(second))
        if best is None or score < best[0]:
            best = (score, [first, second])
    return best[1] if best else [whole]


def signature_places(issuer: str, date_text: str, sealed: bool) -> tuple[float, float]:
    """The 署名's 右空 (characters left blank at the right of the 版心, the line set
    flush right) and, sealed, the 成文日期's 右空 too; unsealed, where the date
    starts, in characters from the left.

    Sealed (GB/T 9704 7.3.5.1): the date 右空四字, the 署名 centred on the date.
    Unsealed (7.3.5.2): the 署名 右空二字, the date one line under it starting two
    characters further right; a date longer than that pushes the 署名 left.
    Widths count a Chinese character one and a digit half, as 仿宋_GB2312 sets them.
    """
    issuer_w, date_w = text_width(issuer), text_width(date_text)
    if sealed:
        return max(4 + (date_w - issuer_w) / 2, 0), 4
    issuer_right = max(2, 2 + (date_w + 2 - issuer_w))
    return issuer_right, CHARS_PER_LINE - issuer_right - issuer_w + 2


def _signature(g: Gongwen, closing, issuer: str, date_text: str, sealed: bool) -> None:
    """署名 and 成文日期 under the last of the 正文, never alone on a page (7.3.5):
    the 正文's last paragraph, the lines between and both are kept together, so
    a page break takes the end of the 正文 along with them.

    Sealed, 空二行 leaves room for the seal, whose top stays within a line of the
    正文 (7.3.5.1); unsealed, 空一行 (7.3.5.2)."""
    closing.paragraph_format.keep_with_next = True
    closing.paragraph_format.widow_control = True
    for _ in range(2 if sealed else 1):
        g.line().paragraph_format.keep_with_next = True
    issuer_right, date_place = signature_places(issuer, date_text, sealed)
    signer = g.line(issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    signer.paragraph_format.right_indent = Length(round(issuer_right * char_pitch()))
    signer.paragraph_format.keep_with_next = True
    if sealed:
        dated = g.line(date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        dated.paragraph_format.right_indent = Length(round(date_place * char_pitch()))
    else:
        dated = g.line(date_text)
        dated.paragraph_format.left_indent = Length(round(max(date_place, 0) * char_pitch()))


def _consequences(g: Gongwen, notice, Flag) -> None:
    """第十七、十九条, each a proposal for the city government's approval."""
    year = notice.ranking.period.year
    flagged = notice.flagged
    g.heading(msg.DOC_H_CONSEQUENCES, 1)
    items = [
        (msg.DOC_H_RECOMMENDED, Flag.EXEMPT_RECOMMENDED,
         msg.DOC_RECOMMENDED, msg.DOC_RECOMMENDED_NONE),
        (msg.DOC_H_EXEMPT, Flag.EXEMPT, msg.DOC_EXEMPT, msg.DOC_EXEMPT_NONE),
        (msg.DOC_H_ACCOUNTABILITY, Flag.ACCOUNTABILITY, msg.DOC_ACCOUNTABILITY, msg.DOC_ACCOUNTABILITY_NONE),
    ]
    rules = notice.ranking.rules
    for n, (heading, flag, text, none) in enumerate(items, 1):
        rows = flagged.get(flag, [])
        text, none = fill(text, rules), fill(none, rules)
        body = (text.format(year=year, next=year + 1, before=year - 1, units=names(rows),
                            ranks="、".join(msg.DOC_UNIT_RANK.format(name=r.name, rank=r.rank,
                                                                    score=points(r.score)) for r in rows))
                if rows else none.format(year=year))
        if rows:
            body += _widening_ties(notice, flag)
        if flag is Flag.ACCOUNTABILITY:
            body = _accountability(notice.ranking.year, body if rows else None, notice.headings, rules)
        g.run_in_heading(f"({_ordinal(n)}){fill(heading, rules)}", body)


def _widening_ties(notice, flag) -> str:
    """A tie that makes a consequence reach more units than its article names
    (SPEC §3 Ties at a boundary) is said in the proposal's own words: the text
    gives no tie-break, every tied unit is proposed, and the city government
    decides — never three of 27 tied units named as the top three without it.
    (`jcdc notice` says it on the clerk's screen too.)"""
    from jcdc.rules.jifen import Boundary, Flag

    year = notice.ranking.year
    words = {Flag.EXEMPT_RECOMMENDED: (Boundary.EXEMPT_RECOMMENDED, msg.DOC_TIE_WIDENS_RECOMMENDED),
             Flag.EXEMPT: (Boundary.EXEMPT, msg.DOC_TIE_WIDENS_EXEMPT),
             Flag.ACCOUNTABILITY: (Boundary.BOTTOM_TWO, msg.DOC_TIE_WIDENS_BOTTOM_TWO)}
    boundary, text = words[flag]
    ties = [t for t in (year.ties if year is not None else ()) if t.boundary is boundary
            and (boundary is not Boundary.BOTTOM_TWO or t.flagged)]
    text = fill(text, notice.ranking.rules)
    return "".join(text.format(group=group_heading(t.group, notice.headings), rank=t.rank, n=len(t.tied),
                               total=len(t.reached), limit=t.limit, flagged=len(t.flagged)) for t in ties)


def _groups(groups, headings=None) -> str:
    return "、".join(group_heading(g, headings) for g in groups)


def _year_lines(year) -> list[str]:
    """A year's empty and open quarters, as the notice says them (SPEC §3)."""
    if year is None:
        return []
    lines = []
    if year.empty_quarters:
        lines.append(msg.DOC_YEAR_EMPTY.format(year=year.year, quarters=quarter_words(year.empty_quarters)))
    if year.open_quarters:
        lines.append(msg.DOC_YEAR_OPEN.format(year=year.year, quarters=quarter_words(year.open_quarters)))
    return lines


def _accountability(year, flagged: str | None, headings=None, rules=None) -> str:
    """第十七条 in the notice: the units flagged, or that none is — said only of
    the groups whose two years could be judged — then the groups it cannot judge
    (no standing entries and no published ranking the year before), and the
    published ranking it judged from, cited (SPEC §3)."""
    before = year.year - 1
    if flagged is not None:
        parts = [flagged]
    elif not year.unjudged:
        parts = [fill(msg.DOC_ACCOUNTABILITY_NONE, rules).format(year=year.year)]
    elif year.judged:
        parts = [fill(msg.DOC_ACCOUNTABILITY_NONE_IN, rules).format(groups=_groups(year.judged, headings),
                                                                    year=year.year)]
    else:
        parts = []
    if year.unjudged:
        parts.append(fill(msg.DOC_ACCOUNTABILITY_UNJUDGED, rules).format(groups=_groups(year.unjudged, headings), before=before))
    parts += [new.document_words() for new in year.new_units]  # set up by a merge (机构改革), or later
    for group, docs in year.published_docs.items():
        parts.append(msg.DOC_PRIOR_CITED.format(groups=group_heading(group, headings), before=before,
                                                doc="、".join(docs)))
    return "".join(parts)


def _colophon(g: Gongwen, notice, letter: bool) -> None:
    """版记 (7.4): 抄送 and 印发机关、印发日期, 4号仿宋, 左右各空一字, one line
    each between rules across the 版心's full width — the first and last 0.35 mm,
    the one between 0.25 mm — the last of them on the 版心's bottom edge of the
    document's last page, an even one (7.4.1: 公文最后一面).

    It is a section of its own that starts on an even page (Word and LibreOffice
    insert the blank page an odd one needs; 7.5 allows it): on that page
    nothing else stands, so a spacer of known height sets it at the foot — what
    w:vAlign would do, which LibreOffice does not read. The rules are a
    one-column table's borders, which both draw. A letter (10.1) has 抄送
    only, and no rules.
    """
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_LINE_SPACING

    _section_break(g, WD_SECTION.EVEN_PAGE)
    rows = [msg.DOC_CC.format(cc=notice.cc)]
    if not letter:
        rows.append(f"{notice.printer}\t{msg.DOC_PRINTED.format(date=cn_date(notice.date))}")
    row_height = line_pitch()
    spacer = g.line()  # the section's first paragraph: LibreOffice starts no section at a table
    height = Length(PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - len(rows) * row_height - _SLACK)
    _exact(spacer, height)
    width = Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
    table = g.doc.add_table(rows=len(rows), cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table.columns[0].width = width
    _table_borders(table, {} if letter else {"top": 8, "bottom": 8, "insideH": 6})
    _cell_margins(table, left=_twips(SIZE_4), right=_twips(SIZE_4), top=0, bottom=0)
    for row, text in zip(table.rows, rows):
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
        row.height, row.height_rule = row_height, WD_ROW_HEIGHT_RULE.EXACTLY
        cell = row.cells[0]
        cell.width = width
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        g._apply(p, "normal")
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.tab_stops.add_tab_stop(Length(width - 2 * SIZE_4), WD_TAB_ALIGNMENT.RIGHT)
        set_font(p.add_run(text), FONT_BODY, SIZE_4)
    # A document ends with a paragraph: after the table, one that takes no room.
    _exact(g.line(), _END_LINE)


def _section_break(g: Gongwen, start) -> None:
    """A new section from here on, its break carried by the last paragraph there
    is (python-docx adds an empty one for it, a line that could stand alone on
    a page). The new section has no line grid: its page is laid out exactly."""
    last = g.doc.paragraphs[-1]._p
    g.doc.add_section(start)
    carrier = g.doc.paragraphs[-1]._p
    sect = carrier.pPr.find(qn("w:sectPr"))
    last.get_or_add_pPr().append(sect)
    carrier.getparent().remove(carrier)
    section = g.doc.sections[-1]
    section.different_first_page_header_footer = False  # a letter's head is on its first page only
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.getparent().remove(grid)


_END_LINE = Pt(1)
# What the table's rules and the last paragraph take beyond its rows' height, so
# that nothing runs onto a page of its own: the last rule ends this far above the
# 版心's bottom edge (under 1 mm).
_SLACK = Pt(2.5)


def _exact(paragraph, height: Length) -> None:
    """A paragraph exactly `height` high, off the line grid."""
    from docx.enum.text import WD_LINE_SPACING

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = height
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_PBDR[_AFTER_PBDR.index("w:snapToGrid") + 1:])
    set_font(paragraph.add_run(""), FONT_BODY, Pt(1))


def _table_borders(table, sides: dict[str, int]) -> None:
    """The table's own borders (w:tblBorders), each side's width in eighths of a
    point; every other side none."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        if side in sides:
            for key, value in (("val", "single"), ("sz", str(sides[side])), ("space", "0"), ("color", "000000")):
                line.set(qn(f"w:{key}"), value)
        else:
            line.set(qn("w:val"), "nil")
        borders.append(line)
    tblpr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _cell_margins(table, **sides: int) -> None:
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, twips in sides.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


# --- the unit's statement -----------------------------------------------------------


def render_statement(st) -> bytes:
    """One unit's statement (jcdc.documents.Statement), as the bytes of its .docx:
    score, rank, the rules and entries behind them, and what the unit has due."""
    from jcdc.rules.jifen import flag_cite

    period, row, line = st.period, st.line.row, st.line
    rules = st.ruleset
    headings = {name: grp.heading for name, grp in rules.groups.items()}
    g = Gongwen(shared=True)
    g.title_lines(title_lines(msg.DOC_STATEMENT_TITLE_PARTS, unit=st.unit.name, period=period.label))
    sub = g.line(align=WD_ALIGN_PARAGRAPH.CENTER)
    set_font(sub.add_run(fill(msg.DOC_STATEMENT_SUB, rules).format(on=cn_date(st.on))), FONT_BODY, SIZE_4)
    g.blank(1)

    g.heading(msg.DOC_S_H_SCORE, 1)
    tie = msg.DOC_S_TIED.format(count=row.tied - 1) if row.tied > 1 else ""
    text = fill(msg.DOC_S_SCORE, rules).format(period=period.label, score=points(row.score),
                                  delta=fmt_points(row.delta, signed=True), group=group_heading(row.group, headings),
                                  size=st.group_size, rank=row.rank, tie=tie)
    before = msg.DOC_S_BEFORE_YEAR if period.annual else msg.DOC_S_BEFORE_QUARTER
    if line.change is None:
        text += msg.DOC_S_NO_CHANGE.format(before=before)
    else:
        move = line.previous_rank - row.rank
        moved = (msg.DOC_S_RANK_UP.format(n=move) if move > 0 else
                 msg.DOC_S_RANK_DOWN.format(n=-move) if move < 0 else msg.DOC_S_RANK_SAME)
        text += msg.DOC_S_CHANGE.format(before=before, change=change(line.change),
                                        previous=line.previous_rank, moved=moved)
    if row.ytd is not None:
        text += msg.DOC_S_YTD.format(ytd=points(row.ytd))
    g.paragraph(text)
    if st.basis:  # judged by a revision: the statement says which
        g.paragraph(st.basis)
    year = st.year
    if year is not None:  # a year: not final while open; the year before it cannot judge, or the one it cites
        if year.open_quarters:
            g.paragraph(msg.DOC_S_YEAR_OPEN.format(year=year.year, quarters=quarter_words(year.open_quarters)))
        if row.group in year.unjudged:
            g.paragraph(fill(msg.DOC_S_UNJUDGED, rules).format(before=year.year - 1))
        for new in year.new_units:
            if new.unit == row.unit:
                g.paragraph(new.document_words(own=True))
        if row.group in year.published_docs:
            g.paragraph(msg.DOC_PRIOR_CITED.format(groups=msg.DOC_S_OWN_GROUP, before=year.year - 1,
                                                   doc="、".join(year.published_docs[row.group])))
    for flag in row.flags:
        g.paragraph(fill(msg.DOC_S_FLAG[flag.value], rules).format(cite=flag_cite(rules)[flag], next=period.year + 1))

    g.heading(msg.DOC_S_H_RULES, 1)
    if st.rules:
        rows = [[r.title, r.cite, str(r.count), fmt_points(r.points, signed=True)] for r in st.rules]
        rows.append([msg.DOC_S_TOTAL, "", str(sum(r.count for r in st.rules)),
                     fmt_points(sum(r.points for r in st.rules), signed=True)])
        g.table(list(msg.DOC_RULES_HEADINGS), rows, [Mm(58), Mm(52), Mm(18), Mm(28)],
                ["left", "left", "right", "right"], SIZE_SMALL_4)
    else:
        g.paragraph(fill(msg.DOC_S_NO_ENTRIES, rules).format(period=period.label))

    if st.entries:
        g.heading(msg.DOC_S_H_ENTRIES, 1)
        # A unit's year may have tens of thousands of entries: their rows go into the
        # file as text as they are read (Gongwen.streamed_table), not as python-docx objects.
        widths = [Mm(13), date_column(SIZE_5), Mm(36), Mm(16), Mm(30), Mm(61) - date_column(SIZE_5)]
        aligns = ["right", "left", "left", "right", "left", "left"]
        if STREAMED_ROWS:  # 编号, 日期 and 分值 are digits, hyphens, signs and points
            g._stream(list(msg.DOC_ENTRY_HEADINGS), _entry_rows(st.entries.rows(), st.reversed_by, rules.rules),
                      widths, aligns, SIZE_5, frozenset({0, 1, 3}), True)
        else:
            rows = _entry_cells(st.entries.rows(), st.reversed_by, rules.rules)
            g.table(list(msg.DOC_ENTRY_HEADINGS), list(rows), widths, aligns, SIZE_5)

    g.heading(msg.DOC_S_H_DUE.format(days=STATEMENT_DUE_DAYS), 1)
    if st.due:
        rows = [[msg.DUE_KIND.get(d["kind"], d["kind"]), str(d["id"]), d["what"], d["due"],
                 msg.DOC_DAYS_LEFT.format(days=d["days_left"]) if d["days_left"] >= 0
                 else msg.DOC_DAYS_LATE.format(days=-d["days_left"])] for d in st.due]
        g.table(list(msg.DOC_DUE_HEADINGS), rows, [Mm(22), Mm(22), Mm(88) - date_column(SIZE_SMALL_4), date_column(SIZE_SMALL_4), Mm(24)],
                ["left", "left", "left", "left", "right"], SIZE_SMALL_4)
    else:
        g.paragraph(msg.DOC_S_NOTHING_DUE.format(on=cn_date(st.on), days=STATEMENT_DUE_DAYS))
    if st.done_late:  # late is late: put right after the deadline (快速处置 二)
        g.heading(msg.DOC_S_H_LATE_DONE.format(period=period.label), 1)
        rows = [[msg.DUE_KIND.get(d["kind"], d["kind"]), str(d["id"]), d["what"], d["due"], d["done"],
                 msg.DOC_DAYS_LATE.format(days=d["late_days"])] for d in st.done_late]
        g.table(list(msg.DOC_LATE_DONE_HEADINGS), rows, [Mm(20), Mm(18), Mm(102) - 2 * date_column(SIZE_SMALL_4), date_column(SIZE_SMALL_4),
                 date_column(SIZE_SMALL_4), Mm(18)],
                ["left", "left", "left", "left", "left", "right"], SIZE_SMALL_4)
    g.paragraph(fill(msg.DOC_S_CLOSING, rules))
    return g.content()


def date_column(size: Length) -> Length:
    """A table column a date (2019-05-30) fits on one line in: ten digits and
    hyphens at `size` (a digit is about half a character, some fonts' a little
    more), and the cell's margins each side (Word's 0.19 cm)."""
    return Length(round(Pt(10 * 0.6 * size.pt + 2 * 5.4 + 2)))


def _entry_cells(rows, reversed_by: dict[int, int], catalogue):
    """Each entry's row of the statement's table (编号, 日期, 规则, 分值, 文号, 备注), from
    the ledger's tuples (UnitEntries.rows): no Entry is made for a row it writes. The
    rules' titles are those of `catalogue`, the version the period is ranked under."""

    rules: dict[tuple[str, str], str] = {}
    for id_, date, rule, role, points, qty, matter, ref, note, reverses, reason, corrects in rows:
        shown = rules.get((rule, role))
        if shown is None:
            found = catalogue.get(rule)
            shown = rules[rule, role] = f"{found.title if found else rule}({msg.ROLE[role]})"
        yield [str(id_), date, shown, fmt_points(points, signed=True), ref or "",
               _entry_note(id_, qty, matter, note, reverses, reason, reversed_by, corrects)
               if qty != 1 or matter or note or reverses is not None or corrects is not None or id_ in reversed_by
               else ""]


def _entry_rows(rows, reversed_by: dict[int, int], catalogue):
    """_entry_cells's rows, as a function that writes them into a file from the
    row's pattern (_write_rows, ready): each rule's name, figure, date and 文号 made
    once, 编号, 日期 and 分值 set as they are, each note as it is where cn leaves it so."""

    def write(f, row: bytes) -> None:
        run_of, text_run, note_of, changed = _run_of, _text_run, _entry_note, _AS_IT_IS.search
        rules: dict[tuple[str, str], bytes] = {}
        figures: dict[int, bytes] = {}
        days: dict[str, bytes] = {}
        batch: list[bytes] = []
        append = batch.append
        for id_, date, rule, role, points, qty, matter, ref, note, reverses, reason, corrects in rows:
            shown = rules.get((rule, role))
            if shown is None:
                found = catalogue.get(rule)
                shown = run_of(f"{found.title if found else rule}({msg.ROLE[role]})")
                if b"\xef\xbf\xbd" not in shown:  # a replaced character is counted each time
                    rules[rule, role] = shown
            figure = figures.get(points)
            if figure is None:
                figure = figures[points] = _plain_run(fmt_points(points, signed=True))
            day = days.get(date)
            if day is None:
                day = days[date] = _plain_run(date)
            if qty != 1 or matter or note or reverses is not None or corrects is not None or id_ in reversed_by:
                said = note_of(id_, qty, matter, note, reverses, reason, reversed_by, corrects)
                said = (b"<w:r><w:t>%s</w:t></w:r>" % said.encode()  # _text_run's way, without the call
                        if said and changed(said) is None and not said[0].isspace() and not said[-1].isspace()
                        else text_run(said))
            else:
                said = b""
            append(row % (b"<w:r><w:t>%d</w:t></w:r>" % id_, day, shown, figure, run_of(ref) if ref else b"", said))
            if len(batch) == 1000:
                f.write(b"".join(batch))
                batch.clear()
        f.write(b"".join(batch))

    return write


def _entry_note(id_: int, qty: int, matter: str | None, note: str | None, reverses: int | None,
                reason: str | None, reversed_by: dict[int, int], corrects: int | None = None) -> str:
    parts = []
    if qty != 1:
        parts.append(msg.DOC_ENTRY_QTY.format(qty=qty))
    if matter:
        parts.append(msg.DOC_ENTRY_MATTER.format(matter=matter))
    if note and not (reverses is not None and note == msg.REVERSAL_NOTE.format(id=reverses)):
        parts.append(note)  # a reversal's own "冲销第 N 条" is said once, with its reason
    if reverses is not None:
        parts.append(msg.DOC_ENTRY_REVERSES.format(id=reverses, reason=reason or ""))
    if corrects is not None:  # the correction's reason is said once, with its reversal
        parts.append(msg.DOC_ENTRY_CORRECTS.format(id=corrects))
    if id_ in reversed_by:
        parts.append(msg.DOC_ENTRY_REVERSED.format(id=reversed_by[id_]))
    return "；".join(parts)
