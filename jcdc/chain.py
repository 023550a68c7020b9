"""The hash chain that makes the append-only records tamper-evident.

Each chained record carries `hash = sha256(prev_hash + canonical(record))`,
where `canonical` is the compact JSON array of the record's chained fields in
their fixed order (UTF-8, no ASCII escaping) and the first record's prev_hash
is GENESIS. Pure: no SQL, no clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

GENESIS = "0" * 64


# One encoder for every record: json.dumps would build a new one per call (an import hashes a million).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical(values: Sequence) -> str:
    return _ENCODE(list(values))


def link(prev_hash: str, values: Sequence) -> str:
    return hashlib.sha256((prev_hash + canonical(values)).encode("utf-8")).hexdigest()
