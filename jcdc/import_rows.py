"""What a row of an import is known by (the import_rows table): a row with a
编号 by its key within its source, a row without one by what it says. The
importer writes these identities, the store's import_sources_and_seals
migration recomputes them for the rows of older imports, and `jcdc check`
compares them with each import's seal: all three must compute them alike.
Pure: no SQL, no clock.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jcdc import chain


def default_source(file: str) -> str:
    """The source of a file's keys when the clerk names none (`--source`): its
    name without the extension (2019Q2-督查室.xlsx → 2019Q2-督查室); "-" for
    standard input."""
    return file if file == "-" else (Path(file).stem or file)


def key_identity(source: str, key: str) -> str:
    """A row known by its 编号: the key belongs to its source, so
    section A's row 1 and section B's row 1 are two rows."""
    return "key:" + chain.canonical([source, key])


def content_identity(day: str, unit: str, rule: str, role: str, points: int | None, qty: int,
                     matter: str | None, ref: str | None, note: str | None) -> str:
    """A row without a key, known by what it says: its fields as one JSON array
    (a fixed length: one text a row), so that an empty 文号 (null) and the text
    "None" are two rows — str() of each, as before, made both "None"."""
    text = chain.canonical([day, unit, rule, role, points, qty, matter, ref, note])
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
