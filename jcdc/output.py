"""Rendering at the edge: the same rows as a rich table, CSV or JSON.

Commands build their rows once, in the JSON shape scripts rely on; a Column
says how a table or CSV cell shows a field. Data goes to stdout, messages to
stderr.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from jcdc import messages as msg
from jcdc.model import InputError


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


PIPE_WIDTH = 160


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def points_cell(value: Any) -> str:
    """A JSON points number (12.5, 10, -0.5) shown with one decimal."""
    if value is None:
        return ""
    tenths = round(value * 10)
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def signed_points_cell(value: Any) -> str:
    text = points_cell(value)
    return "+" + text if value is not None and value > 0 else text


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    show: Callable[[Any], str] = _plain
    justify: str = "left"
    wrap: bool = False  # long free text (names, notes, citations) may wrap in a table


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Piped into a file or another program, a table is not cut to 80 columns.
    width = None if stream.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


def say(text: str) -> None:
    """A message for the clerk: stderr, so that stdout stays data."""
    console(stderr=True).print(text, markup=False)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_csv(rows: Sequence[dict], columns: Sequence[Column]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([c.heading for c in columns])
    writer.writerows([c.show(row.get(c.key)) for c in columns] for row in rows)


def emit_table(rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
               caption: str | None = None) -> None:
    from rich.table import Table

    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left")
    for c in columns:
        table.add_column(c.heading, justify=c.justify, overflow="fold", no_wrap=not c.wrap,
                         min_width=4 if c.wrap else None)
    for row in rows:
        table.add_row(*(c.show(row.get(c.key)) for c in columns))
    console().print(table)


def write_file(path: Path, rows: Sequence[dict], columns: Sequence[Column], title: str | None = None) -> None:
    """--output FILE: the format follows the extension (.csv, .json)."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        # UTF-8 with BOM: what Excel on Chinese Windows needs to read UTF-8.
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([c.heading for c in columns])
            writer.writerows([c.show(row.get(c.key)) for c in columns] for row in rows)
    else:
        raise InputError(msg.BAD_OUTPUT.format(path=path))


def emit(fmt: Format, rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
         caption: str | None = None, empty: str | None = None, output: Path | None = None) -> None:
    """rows in the JSON shape; a table or CSV shows the columns; --output writes a file."""
    if output is not None:
        write_file(output, rows, columns, title)
        say(msg.FILE_WRITTEN.format(path=output, rows=len(rows)))
    elif fmt is Format.json:
        emit_json(list(rows))
    elif fmt is Format.csv:
        emit_csv(rows, columns)
    elif not rows and empty:
        say(empty)
    else:
        emit_table(rows, columns, title, caption)


def emit_grouped(fmt: Format, rows: Sequence[dict], columns: Sequence[Column], group_key: str,
                 title: Callable[[str], str], caption: str | None = None,
                 empty: str | None = None, output: Path | None = None) -> None:
    """As emit(), with one table per group; CSV, JSON and files stay one flat list."""
    if fmt is not Format.table or not rows or output is not None:
        emit(fmt, rows, columns, empty=empty, output=output)
        return
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[group_key], []).append(row)
    for i, (group, members) in enumerate(groups.items()):
        last = i == len(groups) - 1
        emit_table(members, columns, title(group), caption if last else None)


