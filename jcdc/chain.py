"""The hash chain that makes the append-only records tamper-evident.

Each chained record carries `hash = sha256(prev_hash + canonical(record))`,
where `canonical` is the compact JSON array of the record's chained fields in
their fixed order (UTF-8, no ASCII escaping) and the first record's prev_hash
is GENESIS. Pure: no SQL, no clock.

A field added to a table after records were written goes at the end of its
fields, and trailing nulls are left out of the array: every table's fields
end with `recorded_at`, which is never null, so a record written before the
field existed keeps the hash it was written with, while a value later put
into the new field of that record changes its hash like any other edit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

GENESIS = "0" * 64


# One encoder for every record: json.dumps would build a new one per call (an import hashes a million).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# And JSONEncoder.encode itself builds its C encoder afresh at each call: the
# same C encoder, with the same settings, made once, writes the same text at
# about half the cost a record. Python without the C accelerator
# (json.encoder.c_make_encoder is None there) takes the encoder as it is.
_C_ENCODER = json.encoder.c_make_encoder and json.encoder.c_make_encoder(
    {}, _ENCODER.default, json.encoder.encode_basestring, _ENCODER.indent, _ENCODER.key_separator,
    _ENCODER.item_separator, _ENCODER.sort_keys, _ENCODER.skipkeys, _ENCODER.allow_nan)


def _encode(values: list) -> str:
    return "".join(_C_ENCODER(values, 0)) if _C_ENCODER else _ENCODER.encode(values)


def canonical(values: Sequence) -> str:
    values = list(values)
    while values and values[-1] is None:  # fields added later, not given (see above)
        values.pop()
    return _encode(values)


def link(prev_hash: str, values: Sequence) -> str:
    return hashlib.sha256((prev_hash + canonical(values)).encode("utf-8")).hexdigest()


class Seal:
    """The digest of an import's row identities, each with the entry it became,
    in entry order (jcdc/importer.py writes it; `jcdc check` recomputes it): a
    row identity is not a chained record of its own (a million of them would
    double the import's hashing), so the import seals them all at once."""

    def __init__(self):
        self._digest = hashlib.sha256()
        self.rows = 0

    def add(self, identity: str, entry: int) -> None:
        self._digest.update(f"{identity}\x1f{entry}\n".encode("utf-8", "surrogatepass"))
        self.rows += 1

    def digest(self) -> str:
        return self._digest.hexdigest()
