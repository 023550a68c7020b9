"""Anchors: the head of every chain, kept where a forger cannot reach it.

No SQLite file can stop someone who can rewrite it: they can recompute every
hash of every chain, the registered heads and the closings too. What an office
can do is keep a copy of each chain's head outside the file — printed, signed
and filed, or sent to the assessment office. `jcdc anchor` makes that
statement; `jcdc anchor --check FILE` (or `jcdc check --anchor FILE`) verifies
that the ledger still holds each anchored record with the very hash anchored.
Since every later record links back to it, a ledger that still does has kept
everything written up to the anchor unchanged, and lost none of it.

Each anchor is also recorded in the ledger (`anchors`, chained): `jcdc close`
records one in the transaction that closes the quarter, and `jcdc check`
verifies the ledger still extends every anchor it holds.

The statement is plain text, a line per fact, so that it reads on paper and
parses back: `链 TABLE ID HASH`, `季度 2019Q2 HASH`, and a fingerprint of
the whole (`指纹`), short enough to read over the telephone, that shows whether
the file kept on disk is still the one signed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError, Quarter, beijing_time
from jcdc.session import named_user, timestamp
from jcdc.store import CHAINED, Store

# The anchors' own chain is not anchored: a statement cannot contain its own hash.
_OWN = "anchors"


@dataclass(frozen=True)
class Anchor:
    made_at: str
    made_by: str
    heads: dict[str, tuple[int, str]]   # table -> (id, hash) of its newest record
    closed: dict[str, str]              # "2019Q2" -> the ranking hash recorded when it was closed
    made_for: str | None = None         # the quarter whose closing made it

    @property
    def fingerprint(self) -> str:
        body = json.dumps([self.made_at, self.made_by, sorted([t, i, h] for t, (i, h) in self.heads.items()),
                           sorted(self.closed.items())], ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
        return "-".join(digest[i:i + 4] for i in range(0, 16, 4))

    def row(self) -> dict:
        return {"made_for": self.made_for,
                "heads": json.dumps({t: list(h) for t, h in sorted(self.heads.items())}, separators=(",", ":")),
                "closed": json.dumps(dict(sorted(self.closed.items())), separators=(",", ":")),
                "fingerprint": self.fingerprint, "recorded_by": self.made_by, "recorded_at": self.made_at}

    @classmethod
    def from_row(cls, row: dict) -> Anchor:
        heads = {t: (int(i), str(h)) for t, (i, h) in json.loads(row["heads"]).items()}
        return cls(row["recorded_at"], row["recorded_by"], heads, dict(json.loads(row["closed"])), row["made_for"])


def current(store: Store, by: str | None = None, made_for: Quarter | None = None) -> Anchor:
    """The ledger's heads now. A chain whose newest record is not its registered
    head is damaged: anchoring it would vouch for the damage."""
    tables, registered = store.table_names(), store.chain_heads()
    heads = {}
    for table in CHAINED:
        if table == _OWN or table not in tables:
            continue
        last = store.last_link(table)
        if last[0] == 0 and table not in registered:
            continue  # nothing written yet
        if registered.get(table) != last:
            raise JcdcError(msg.ANCHOR_DAMAGED.format(table=table))
        heads[table] = last
    closed = {str(Quarter.from_key(qkey)): row["ranking_hash"] for qkey, row in sorted(store.closed_quarters().items())}
    # The statement goes outside the office: the recorder as named (--by,
    # JCDC_USER), never the system's account; unnamed, it is signed below.
    made_by = named_user(by) or msg.ANCHOR_UNNAMED
    return Anchor(timestamp(), made_by, heads, closed, str(made_for) if made_for else None)


def record(store: Store, anchor: Anchor) -> int:
    """Inside the caller's write(): the anchor joins the ledger."""
    return store.add_anchor(anchor.row())


def make(store: Store, by: str | None = None, publish: Callable[[Anchor], None] | None = None) -> Anchor:
    """Record an anchor of the ledger now. `publish(anchor)` writes its statement
    before the anchor is committed: a statement that cannot be written (stdout
    on a full disk) leaves no anchor recorded that nobody holds outside."""
    with store.write():
        anchor = current(store, by)
        record(store, anchor)
        if publish is not None:
            publish(anchor)
    return anchor


def statement(anchor: Anchor, ledger: Path) -> str:
    """The dated statement to print, sign and file. It names the ledger by its
    file name: its folder is the clerk's profile, nobody's business outside."""
    from jcdc.ruleset.words import fill  # the office of the ledger the command opened

    lines = [fill(msg.ANCHOR_TITLE), f"{msg.ANCHOR_MADE_AT} {anchor.made_at}",
             f"{msg.ANCHOR_MADE_AT_BEIJING} {beijing_time(anchor.made_at)}", f"{msg.ANCHOR_MADE_BY} {anchor.made_by}",
             f"{msg.ANCHOR_LEDGER} {Path(ledger).name}"]
    if anchor.made_for:
        lines.append(f"{msg.ANCHOR_MADE_FOR} {anchor.made_for}")
    lines += ["", *msg.ANCHOR_EXPLAIN, ""]
    # Each record by its Chinese name, its hash whole on a line of its own: printed on A4
    # or shown at 80 columns, no hash is cut (parse() reads the earlier one-line form too).
    for table, (i, h) in anchor.heads.items():
        lines += [msg.ANCHOR_CHAIN_HEAD.format(label=msg.CHAIN_LABEL.get(table, table), id=i), f"    {h}"]
    for q, h in anchor.closed.items():
        lines += [msg.ANCHOR_QUARTER_HEAD.format(quarter=q), f"    {h}"]
    lines += ["", f"{msg.ANCHOR_FINGERPRINT} {anchor.fingerprint}", "", msg.ANCHOR_SIGN]
    return "\n".join(lines) + "\n"


_HEX = r"([0-9a-f]{64})"
_LINES = {
    "made_at": re.compile(rf"^{msg.ANCHOR_MADE_AT}\s+(\S+)\s*$"),
    "made_by": re.compile(rf"^{msg.ANCHOR_MADE_BY}\s+(.+?)\s*$"),
    "made_for": re.compile(rf"^{msg.ANCHOR_MADE_FOR}\s+(\S+)\s*$"),
    "chain": re.compile(rf"^{msg.ANCHOR_CHAIN}\s+([a-z_]+)\s+(\d+)\s+{_HEX}(?:\s.*)?$"),  # then its label
    "quarter": re.compile(rf"^{msg.ANCHOR_QUARTER}\s+(\d{{4}}Q[1-4])\s+{_HEX}\s*$"),
    "fingerprint": re.compile(rf"^{msg.ANCHOR_FINGERPRINT}\s+([0-9a-f]{{4}}(?:-[0-9a-f]{{4}}){{3}})\s*$"),
    # a record named in Chinese, its hash on the next line
    "chain_head": re.compile(rf"^{msg.ANCHOR_CHAIN}\s+(.+?)\s+第\s*(\d+)\s*条\s*$"),
    "quarter_head": re.compile(rf"^{msg.ANCHOR_QUARTER}\s+(\d{{4}}Q[1-4])\s+排名哈希\s*$"),
    "hash": re.compile(rf"^{_HEX}$"),
}
# A chain's Chinese name back to its table; a table without one is named by itself.
_TABLE_OF = {label: table for table, label in msg.CHAIN_LABEL.items()}


# A statement is a line per chain and per closed quarter: a few KiB. A file beyond
# this is not one (/dev/zero given by mistake would be read until memory ran out).
ANCHOR_MAX_BYTES = 1 << 20


def read(path: Path) -> tuple[Anchor, str]:
    """The anchor a statement file holds, and the fingerprint it states."""
    from jcdc.files import read_capped

    try:
        raw = read_capped(path, ANCHOR_MAX_BYTES, msg.FILE_WHAT_ANCHOR)
    except FileNotFoundError:
        raise JcdcError(msg.FILE_NOT_FOUND.format(path=path)) from None
    except OSError as e:
        raise JcdcError(msg.ANCHOR_UNREADABLE.format(path=path, text=e.strerror)) from None
    except ValueError as e:  # a NUL in the name
        raise JcdcError(msg.ANCHOR_UNREADABLE.format(path=path, text=e)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")  # saved by a Chinese Windows editor
    return parse(text, path)


def parse(text: str, path: Path | str = "") -> tuple[Anchor, str]:
    found: dict[str, str] = {}
    heads: dict[str, tuple[int, str]] = {}
    closed: dict[str, str] = {}
    # A line ends at a line feed only (\r\n as a Windows editor saves it): a
    # recorder's name holding U+2028 or another of the separators splitlines()
    # knows is one line, read back as written, or the statement would fail its
    # own fingerprint.
    waiting = None  # the chain or quarter named on the line before, whose hash comes next
    for line in text.split("\n"):
        line = line.strip(" \t\r\ufeff")
        for kind, pattern in _LINES.items():
            m = pattern.match(line)
            if not m:
                continue
            if kind == "chain":
                heads[m.group(1)] = (int(m.group(2)), m.group(3))
            elif kind == "quarter":
                closed[m.group(1)] = m.group(2)
            elif kind in ("chain_head", "quarter_head"):
                waiting = (kind, m.groups())
                break
            elif kind == "hash":
                if waiting is not None and waiting[0] == "chain_head":
                    label, number = waiting[1]
                    heads[_TABLE_OF.get(label, label)] = (int(number), m.group(1))
                elif waiting is not None:
                    closed[waiting[1][0]] = m.group(1)
            else:
                found[kind] = m.group(1)
            waiting = None
            break
        else:
            if line:
                waiting = None
    if not heads or "made_at" not in found or "fingerprint" not in found:
        raise InputError(msg.ANCHOR_NOT_A_STATEMENT.format(path=path))
    unknown = [t for t in heads if t not in CHAINED or t == _OWN]
    if unknown:
        raise InputError(msg.ANCHOR_UNKNOWN_CHAIN.format(path=path, table=unknown[0]))
    anchor = Anchor(found["made_at"], found.get("made_by", ""), heads, closed, found.get("made_for"))
    return anchor, found["fingerprint"]
