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
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# The very function that encoder uses for a string (ensure_ascii=False): the
# records are texts, integers and nulls, which canonical() encodes itself, the
# same as _ENCODE, at less than half its cost a record (issue 14).
_STRING = json.encoder.encode_basestring


def canonical(values: Sequence) -> str:
    values = list(values)
    while values and values[-1] is None:  # fields added later, not given (see above)
        values.pop()
    parts = []
    for value in values:
        kind = type(value)
        if kind is str:
            parts.append(_STRING(value))
        elif kind is int:
            parts.append(int.__repr__(value))
        elif value is None:
            parts.append("null")
        else:  # anything else (a float, a bool, a list) as the encoder writes it
            return _ENCODE(values)
    return "[" + ",".join(parts) + "]"


def link(prev_hash: str, values: Sequence) -> str:
    return hashlib.sha256((prev_hash + canonical(values)).encode("utf-8")).hexdigest()
