"""Hostile values for property tests of anything a clerk types or a file holds.

Each strategy mixes values jcdc must accept (every date form, full-width
digits, real unit names) with values it must refuse cleanly: malformed and
impossible dates, figures with too many decimals or none at all, unknown codes,
Chinese and mixed text, huge fields, control characters, text decoded with the
wrong encoding, and cells a spreadsheet would run as a formula. Reuse them for
the importer's cells as well as the command line's options.
"""

from __future__ import annotations

from hypothesis import strategies as st

from jcdc.rules import POINT_RULES

CONTROL = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=5)

# Cells a spreadsheet evaluates (CSV injection): they must stay inert text.
FORMULAS = st.sampled_from([
    "=1+1", "+15", "-5", "@SUM(A1:A9)", "=HYPERLINK(\"http://example.com\",\"点击\")",
    "=cmd|' /C calc'!A0", "\t=1", "\r=1", "＝1+1", "=1;=2",
])

# Text decoded with the wrong codec, as files from another machine arrive:
# GBK read as Latin-1, UTF-8 read as GBK, undecodable bytes as Python keeps them
# (surrogateescape), a stray byte-order mark, a replacement character.
MISDECODED = st.sampled_from([
    "泽州县".encode("gbk").decode("latin-1"),
    "泽州县".encode("utf-8").decode("gbk", errors="replace"),
    b"\xd4\xf3\xd6\xdd".decode("utf-8", errors="surrogateescape"),
    "\ufeff泽州县", "泽州\ufffd", "\u202e县州泽",  # BOM, replacement, right-to-left override
])

CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
FULL_WIDTH = st.text(st.sampled_from("０１２３４５６７８９－．／年月日＋"), min_size=1, max_size=12)


def huge(min_repeat: int = 1_000, max_repeat: int = 100_000) -> st.SearchStrategy[str]:
    """A field of 1 000 to 500 000 characters, without making hypothesis draw them one by one."""
    return st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=5),
                     st.integers(min_repeat, max_repeat))


def hostile_text() -> st.SearchStrategy[str]:
    """Any text a hostile or careless source may hand over."""
    return st.one_of(
        st.text(max_size=40), CHINESE, FULL_WIDTH, CONTROL, FORMULAS, MISDECODED,
        st.builds(lambda a, b: a + b, CHINESE, CONTROL), st.just(""), st.just("   "), huge(),
    )


def dates() -> st.SearchStrategy[str]:
    """Date text: every accepted form, impossible days, far years, and hostile text."""
    day = st.dates()
    return st.one_of(
        day.map(lambda d: d.isoformat()),
        day.map(lambda d: f"{d.year}/{d.month}/{d.day}"),
        day.map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
        day.map(lambda d: d.strftime("%Y%m%d")),
        day.map(lambda d: d.isoformat().translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))),
        st.sampled_from(["2019-02-30", "2019-13-01", "0000-01-01", "2019-00-10", "2019年2月29日",
                         "20190231", " 2019-05-06 ", "2019-5-6T00:00", "06/05/2019"]),
        hostile_text(),
    )


def figures() -> st.SearchStrategy[str]:
    """Points text: whole and one-decimal figures of either sign, too many
    decimals, exponents, huge numbers, not-a-number, and hostile text."""
    return st.one_of(
        st.integers(-10_000, 10_000).map(lambda t: f"{t / 10:.1f}"),
        st.integers(-1000, 1000).map(str),
        st.sampled_from(["1.55", "1e3", "NaN", "inf", "-0", "+0.0", "１５", "－２．５", "15分",
                         "99999999999999999999", "0x10", "½"]),
        hostile_text(),
    )


def quantities() -> st.SearchStrategy[str]:
    return st.one_of(st.integers(-5, 50).map(str),
                     st.sampled_from(["0", "99999999999999999999", "1.5", "三", "１"]),
                     hostile_text())


def rule_codes() -> st.SearchStrategy[str]:
    """Every rule of the catalogue, near misses of them, and hostile text."""
    codes = sorted(POINT_RULES)
    return st.one_of(st.sampled_from(codes),
                     st.sampled_from(codes).map(str.upper),
                     st.sampled_from(codes).map(lambda c: c[:-1]),
                     hostile_text())


def unit_names(real: list[str]) -> st.SearchStrategy[str]:
    """Real codes, names and aliases (`real`), them mangled, and hostile text."""
    name = st.sampled_from(real)
    return st.one_of(name, name.map(lambda n: n[:-1]), name.map(lambda n: f" {n}\t"),
                     name.map(lambda n: n + "\x00"), hostile_text())
