"""Tables on a terminal of any width from 80 columns up.

What a clerk must be able to read is never broken across lines: a unit's
name, a code, a date, a figure, a document number. Only free text (a note, a
title, an article) wraps, and then between words or at punctuation, never
putting 、，。) at the start of a line. When the columns do not fit, the least
needed are left out — empty ones, then those a command marks as least needed
(Column.keep), then free text, each from the right — and a note says which.
Before a column the command marks as needed (keep >= 1) gives way, free text
is made narrower, down to FREE_TEXT_MIN, breaking its long Chinese phrases
(as Chinese breaks, between characters) and its bracketed parts too: a rule's
事项 wraps so that both its figures (牵头, 配合) show. Free text marked `shorten`
(a deadline's 内容, where when it is due matters more) is made narrower so
before any column it does not outrank, and gives way after the columns of its
own rank. A word too long for its line breaks first before its brackets
(张三:组织调整 / (调整职务)), then at the spaces inside them. When even that leaves too little
(fewer than half the columns, not counting those marked least needed), each record becomes a block of
"heading: value" lines.

Pure: rows, columns and a width in; lines out (each a list of (text, style)
pieces). output.emit_table prints them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

GAP = "  "  # between two columns
LONGEST_WORD = 30  # a run of text without a break wider than this may break anywhere
FREE_TEXT_MIN = 12  # the narrowest a wrapping column is made
BLOCK_BELOW = 3  # fewer columns than this, or fewer than half: one block per record

# Characters that may not start a line (禁则): closing brackets and punctuation.
_NO_LINE_START = set("、，。,.;；:：)）]】〕》」』!！?？…·%")
# Places where a line may break after: spaces, the list and clause marks, and the 〕 of a
# document number, outside brackets (李强(专职, 已通知) is one word).
_BREAK_AFTER = set(" \t、，。,;；〕")  # 〕: 晋督字〔2019〕/1069号
_OPEN, _CLOSE = set("(（[【〔《「『"), set(")）]】〕》」』")


def width(text: str) -> int:
    """Columns a text takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def words(text: str, brackets: bool = True) -> list[str]:
    """Pieces a line may break between; each keeps its trailing mark or space.
    With brackets, a bracketed part is one piece (a cell's 李强(专职, 已通知));
    prose (a title, a note under a table) breaks inside brackets too."""
    pieces, current, depth = [], "", 0
    for ch in text:
        current += ch
        if brackets:
            depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        if ch in _BREAK_AFTER and depth == 0:
            pieces.append(current)
            current = ""
    pieces = [*pieces, current] if current else pieces
    # An ordinal is one word: 第 1094 号, 第 3 条 never break inside (a reversal's mark).
    joined: list[str] = []
    for piece in pieces:
        if joined and ((joined[-1].endswith("第 ") and piece[:1].isdigit())
                       or (piece[:1] in _ORDINAL_END and joined[-1].rstrip()[-1:].isdigit())):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


_ORDINAL_END = set("号条")


def wrap(text: str, room: int, brackets: bool = True) -> list[str]:
    """text in lines of at most `room` columns, broken only between words; a word
    wider than LONGEST_WORD (or than the room) may break between characters, but
    never before a character that may not start a line, nor inside a run of
    Latin letters and digits (a date, a code, a figure)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        pending = words(paragraph, brackets)
        while pending:
            word = pending.pop(0)
            if width((line + word).rstrip()) <= room:
                line += word
                continue
            if width(word.rstrip()) <= min(room, LONGEST_WORD):  # it fits on a line of its own
                lines.append(line.rstrip())
                line = word
                continue
            # Too long to keep whole: 张三:组织调整 / (调整职务), a bracketed part a word of
            # its own, then the words inside the brackets; else fill the line, then go on.
            parts = _before_brackets(word)
            parts = parts if len(parts) > 1 else words(word, brackets=False)
            if len(parts) > 1:
                pending[:0] = parts
                continue
            for ch in word:
                if line.strip() and width(line + ch) > room and _may_break(line[-1], ch):
                    lines.append(line.rstrip())
                    line = ""
                if line or not ch.isspace():  # a line never starts with a space
                    line += ch
        lines.append(line.rstrip())
    return lines if len(lines) == 1 else [line for line in lines if line] or [""]


def _before_brackets(word: str) -> list[str]:
    """A word too long for its line, split before each of its opening brackets."""
    return [part for part in re.split(f"(?=[{re.escape(''.join(_OPEN))}])", word) if part]


def _may_break(before: str, after: str) -> bool:
    return after not in _NO_LINE_START and not (_LATIN.match(before) and _LATIN.match(after))


_LATIN = re.compile(r"[A-Za-z0-9.\-/:+]")


@dataclass(frozen=True)
class Layout:
    columns: list  # the Columns shown, in order
    widths: list[int]
    hidden: list  # the Columns left out
    blocks: bool  # one block of lines per record


def _longest_word(text: str) -> int:
    return max((min(width(w.rstrip()), LONGEST_WORD) for w in words(text)), default=0)


def _longest_latin(text: str) -> int:
    return max((len(run) for run in _LATIN_RUN.findall(text)), default=0)


_LATIN_RUN = re.compile(r"[A-Za-z0-9.\-/:+]+")


def layout(cells: Sequence[Sequence[str]], columns: Sequence, room: int) -> Layout:
    """Which columns to show, and how wide, for `cells` (rows of shown text)."""
    natural = [max([width(c.heading), *(max((width(line) for line in row[i].split("\n")), default=0)
                                        for row in cells)]) for i, c in enumerate(columns)]
    least = [max(width(c.heading), FREE_TEXT_MIN if c.wrap else 0,
                 *(_longest_word(row[i]) if c.wrap else natural[i] for row in cells))
             if c.wrap else natural[i] for i, c in enumerate(columns)]
    least = [min(n, m) for n, m in zip(natural, least)]
    # The narrowest free text can be made: it then breaks its long Chinese phrases and
    # bracketed parts too, never a run of Latin letters and digits (a date, a code, a figure).
    floor = [min(least[i], max(width(c.heading), FREE_TEXT_MIN,
                               *(_longest_latin(row[i]) for row in cells)))
             if c.wrap else least[i]
             for i, c in enumerate(columns)]
    # Short text that must stay (wrap, keep >= 2: a reversal's 已冲销 → 第 1094 号) keeps its
    # whole line until a column as needed (keep >= 1) would give way; then it wraps instead.
    must = {i for i, c in enumerate(columns) if c.wrap and c.keep >= 2}
    for i in must:
        floor[i], least[i] = least[i], natural[i]
    shown = list(range(len(columns)))
    # The order in which columns give way: a column empty in every row first, then lowest
    # `keep`, free text before the rest (free text marked `shorten`, made narrower instead,
    # with the rest), from the right; the first column (the record's id or rank) stays.
    empty = {i for i in shown if not any(row[i].strip() for row in cells)}
    order = sorted(shown[1:], key=lambda i: (i not in empty, columns[i].keep,
                                             not columns[i].wrap or getattr(columns[i], "shorten", False), -i))

    def needed(indexes) -> int:
        return sum(least[i] for i in indexes) + len(GAP) * (len(indexes) - 1)

    while needed(shown) > room and order:
        # Free text gives up its long phrases before a column as needed (keep >= 1) gives way;
        # free text marked `shorten` before it or any column it does not outrank does.
        needed_next = columns[order[0]].keep >= 1
        shrinking = [i for i in shown if columns[i].wrap and least[i] > floor[i]
                     and (needed_next or (getattr(columns[i], "shorten", False) and i not in must
                                          and columns[i].keep <= columns[order[0]].keep))]
        if shrinking:
            for i in shrinking:
                least[i] = floor[i]
            continue
        shown.remove(order.pop(0))

    def squeezed() -> list[int]:  # free text shown narrower than it would like
        return [i for i in shown if columns[i].wrap and natural[i] > least[i]]

    # Room for squeezed free text is taken from the columns marked least needed (keep < 0).
    while (order and squeezed() and room - needed(shown) < sum(natural[i] - least[i] for i in squeezed())
           and columns[order[0]].keep < min(0, max(columns[i].keep for i in squeezed()))):
        shown.remove(order.pop(0))
    # Blocks when fewer than half the columns are left; the least needed (keep < 0) do not count.
    counted = sum(1 for c in columns if c.keep >= 0)
    if needed(shown) > room or len(shown) < min(BLOCK_BELOW, len(columns)) or len(shown) * 2 < counted:
        return Layout(list(columns), [], [], True)
    widths = {i: least[i] for i in shown}
    spare = room - needed(shown)
    growing = [i for i in shown if columns[i].wrap]
    while spare > 0 and growing:  # the room left is shared by the free text, up to its natural width
        growing = [i for i in growing if widths[i] < natural[i]]
        for i in growing[:spare]:
            widths[i] += 1
            spare -= 1
    return Layout([columns[i] for i in shown], [widths[i] for i in shown],
                  [c for i, c in enumerate(columns) if i not in shown], False)


Piece = tuple[str, str]  # text and a rich style ("" for none)


def render(rows: Sequence[dict], columns: Sequence, room: int) -> tuple[list[list[Piece]], list]:
    """The lines of the table at `room` columns, and the columns left out."""
    cells = [[c.cell(row) for c in columns] for row in rows]
    plan = layout(cells, columns, room)
    if plan.blocks:
        return _blocks(rows, cells, columns, room), []
    index = {id(c): i for i, c in enumerate(columns)}
    out: list[list[Piece]] = []

    def line(parts: list[tuple[str, int, str, str]]) -> list[Piece]:
        pieces: list[Piece] = []
        for n, (text, w, justify, style) in enumerate(parts):
            pad = " " * (w - width(text))
            last = n == len(parts) - 1
            if justify == "right":
                pieces += [(pad, ""), (text, style)]
            else:
                pieces += [(text, style), (pad, "")]
            if not last:
                pieces.append((GAP, ""))
        return pieces

    out.append(line([(c.heading, w, c.justify, "bold") for c, w in zip(plan.columns, plan.widths)]))
    out.append(line([("─" * w, w, "left", "") for w in plan.widths]))
    for row, texts in zip(rows, cells):
        wrapped = [wrap(texts[index[id(c)]], w) if c.wrap else texts[index[id(c)]].split("\n")
                   for c, w in zip(plan.columns, plan.widths)]
        styles = [c.style(row.get(c.key)) if c.style else "" for c in plan.columns]
        for k in range(max(len(w) for w in wrapped)):
            out.append(line([(w[k] if k < len(w) else "", cw, c.justify, style)
                             for w, cw, c, style in zip(wrapped, plan.widths, plan.columns, styles)]))
    return [_trim(pieces) for pieces in out], plan.hidden


def _blocks(rows, cells, columns, room) -> list[list[Piece]]:
    """One record per block: "heading  value" lines, the value wrapped beside its heading."""
    label = max(width(c.heading) for c in columns)
    out: list[list[Piece]] = []
    for n, (row, texts) in enumerate(zip(rows, cells)):
        if n:
            out.append([])
        for c, text in zip(columns, texts):
            if not text:
                continue
            style = c.style(row.get(c.key)) if c.style else ""
            for k, part in enumerate(wrap(text, max(room - label - len(GAP), FREE_TEXT_MIN))):
                head = c.heading if k == 0 else ""
                out.append([(head + " " * (label - width(head)) + GAP, "bold" if k == 0 else ""), (part, style)])
    return out


def _trim(pieces: list[Piece]) -> list[Piece]:
    """No trailing spaces: a line is as wide as what it shows."""
    while pieces and not pieces[-1][0].strip():
        pieces = pieces[:-1]
    return pieces


def plain(pieces: Sequence[Piece]) -> str:
    return "".join(text for text, _ in pieces)
