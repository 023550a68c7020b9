"""`jcdc check`: is the ledger what jcdc wrote? And `jcdc backup`.

Each check is a function from records (as stored, uninterpreted) to a list
of Problems, returned as values: a tampered record must be reported, never
crash the check. `check(store)` loads the records and runs them all:

- every chained table (store.CHAINED): ids without gaps, each record's hash
  recomputed, each prev_hash the hash of the record before, the newest record
  the registered head of the chain, the append-only triggers in place;
- SQLite's own integrity check and the foreign keys;
- every ledger entry: its quarter column, its figure as the rules give it for
  its inputs (积分办法 第十一、十二条; the n-th return of a matter replayed in id
  order), every standing return charged for its place among the standing
  returns of its matter, the once-only rules, each reversal the exact opposite
  of its original;
- every closed quarter: its ranking recomputed and compared with the hash
  recorded when it was closed;
- every draw replayed from its seed and the pools, as `jcdc draw verify`
  replays it (三库办法 第八条);
- every uniqueness the schema defines (store.UNIQUE_KEYS) still in the file,
  and each entry reversed at most once whatever the indexes say.

All of it is read in one read transaction (Store.reading): one state of the
ledger is judged, whatever other clerks commit while the check runs.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jcdc import chain
from jcdc import messages as msg
from jcdc.model import JcdcError, Quarter, Role, beijing_time, fmt_points
from jcdc.rulebook import RuleBook, version_of
from jcdc.rules.jifen import Per, entry_points, once_per_matter_applies, standing_return_charges
from jcdc.anchor import Anchor
from jcdc.store import CHAINED, UNIQUE_KEYS, Store, schema_triggers

# What a tampered record can make a check stumble on.
_UNREADABLE = (TypeError, ValueError, KeyError, AttributeError, ArithmeticError)


@dataclass(frozen=True)
class Problem:
    table: str
    record: int | None  # the record's id; None for the table as a whole
    text: str

    def __str__(self) -> str:
        where = (msg.P_TABLE.format(table=self.table) if self.record is None
                 else msg.P_RECORD.format(table=self.table, id=self.record))
        return f"{where}: {self.text}"


# --- chains -----------------------------------------------------------------------


def chain_problems(table: str, fields: tuple[str, ...], records: Iterable[dict],
                   head: tuple[int, str] | None) -> list[Problem]:
    """Ids 1, 2, 3 … without gaps, each hash recomputed, each link to the record
    before, and the newest record the head registered when it was written."""
    links = _Links(table, fields)
    for r in records:
        links.add(r)
    return links.finish(head)


class _Links:
    """chain_problems, one record at a time: a table of a million records is
    checked as it is read, never held."""

    def __init__(self, table: str, fields: tuple[str, ...]):
        self.table = table
        self.values = operator.itemgetter(*fields)
        self.problems: list[Problem] = []
        self.expected_id, self.prev = 1, chain.GENESIS
        self.last: dict | None = None

    def add(self, r: dict) -> None:
        table, rid = self.table, r["id"]
        if rid > self.expected_id:
            self.problems.append(Problem(table, None, msg.P_GAP.format(first=self.expected_id, last=rid - 1)))
        elif r["prev_hash"] != self.prev:
            self.problems.append(Problem(table, rid, msg.P_LINK))
        try:
            digest = chain.link(r["prev_hash"], self.values(r))
        except (*_UNREADABLE, UnicodeError):
            digest = None
        if digest != r["hash"]:
            self.problems.append(Problem(table, rid, msg.P_HASH))
        self.expected_id, self.prev = rid + 1, r["hash"]
        self.last = r

    def finish(self, head: tuple[int, str] | None) -> list[Problem]:
        table, problems = self.table, self.problems
        last_id = self.last["id"] if self.last is not None else 0
        if head is None:
            if self.last is not None:
                problems.append(Problem(table, None, msg.P_HEAD_UNKNOWN))
            return problems
        head_id, head_hash = head
        if last_id < head_id:
            problems.append(Problem(table, None, msg.P_HEAD_MISSING.format(id=head_id, last=last_id)))
        elif last_id > head_id:
            problems.append(Problem(table, None, msg.P_HEAD_BEYOND.format(first=head_id + 1, last=last_id,
                                                                          id=head_id)))
        elif self.last["hash"] != head_hash:
            problems.append(Problem(table, last_id, msg.P_HEAD_DIFFERS))
        return problems


def trigger_problems(table: str, found: dict[str, tuple[str, str]],
                     schema: dict[str, tuple[str, str]]) -> list[Problem]:
    """Each trigger the schema defines on `table`, present with exactly the SQL
    it defines: one replaced by an inert one (`… WHEN 0 BEGIN …`) is no trigger."""
    return [Problem(table, None, msg.P_TRIGGER.format(name=name))
            for name, (on, sql) in schema.items()
            if on == table and _words(found.get(name, ("", ""))[1]) != _words(sql)]


def unknown_trigger_problems(found: dict[str, tuple[str, str]],
                             schema: dict[str, tuple[str, str]]) -> list[Problem]:
    """A trigger jcdc's schema does not define can rewrite what jcdc writes."""
    return [Problem(table, None, msg.P_TRIGGER_UNKNOWN.format(name=name))
            for name, (table, _) in sorted(found.items()) if name not in schema]


def unique_problems(store: Store, found: set, tables: set[str]) -> list[Problem]:
    """Each uniqueness jcdc's schema defines (UNIQUE_KEYS), still in the file;
    where one is gone, the values it no longer keeps single. Dropping the index
    that holds an entry to one reversal, or rebuilding a table without its
    UNIQUE, would otherwise go unseen: check does not trust what it has not
    verified."""
    problems = []
    for table, columns, where in UNIQUE_KEYS:
        if table not in tables or (table, columns, where) in found:
            continue
        shown = ", ".join(columns)
        problems.append(Problem(table, None, msg.P_UNIQUE_MISSING.format(columns=shown)))
        try:
            repeated = store.repeated_keys(table, columns, where)
        except sqlite3.DatabaseError as e:
            problems.append(Problem(table, None, msg.P_CHECK_STOPPED.format(what=table, text=e)))
            continue
        problems += [Problem(table, None, msg.P_UNIQUE_REPEATED.format(
                         columns=shown, value=", ".join(map(str, values)), count=count))
                     for values, count in repeated]
    return problems


def _words(sql: str | None) -> str:
    """SQL with its layout (runs of blanks, line breaks) set aside."""
    return " ".join((sql or "").split())


# --- ledger entries --------------------------------------------------------------------


@dataclass
class _Standing:
    """What the ledger held when an entry was drafted, replayed in id order:
    the rules that depend on earlier entries (points.draft) see the same."""

    returns: Counter            # matter -> standing returns (13710-returned)
    once: dict                  # (rule, unit, qkey) or (rule, matter) -> entry id
    book: RuleBook = field(default_factory=lambda: RuleBook([]))  # the versions each entry is judged by
    reversed_ids: set = field(default_factory=set)  # every entry some entry reverses
    # A million entries carry a few hundred dates and figures: each worked out once.
    reversed_by: dict = field(default_factory=dict)  # original id -> the id of its reversal
    qkeys: dict = field(default_factory=dict)    # date as stored -> its quarter's key
    figures: dict = field(default_factory=dict)  # (rule, role, stated, qty and their types) -> figure


class _Replay:
    """Every entry against the rules, replayed in id order, one record at a
    time: what is kept is the standing state the rules need, the
    originals of reversals (`reversed_ids`: the `reverses` of every entry),
    and each standing return's (id, qty, points) for _return_places."""

    def __init__(self, reversed_ids: set, book: RuleBook | None = None):
        self.reversed_ids = reversed_ids
        self.originals: dict[int, dict] = {}
        self.standing = _Standing(Counter(), {}, book or RuleBook([]), reversed_ids)
        self.problems: list[Problem] = []
        self.returns: dict[tuple, list[tuple]] = {}  # (rule, matter) -> [(id, qty, points, rule)]

    def add(self, r: dict) -> None:
        rid = r["id"]
        if rid in self.reversed_ids:
            self.originals[rid] = r
        try:
            found = _entry_problems(r, self.originals, self.standing)
        except _UNREADABLE as e:
            found = [msg.P_UNREADABLE.format(text=e)]
        if found:
            self.problems.extend(Problem("entries", rid, text) for text in found)
        rule = _rule_of(self.standing.book, r)
        if rule is not None and rule.escalates:
            if (type(r["points"]) is int and type(r["qty"]) is int  # else its own line says unreadable
                    and r["reverses"] is None and rid not in self.reversed_ids):
                self.returns.setdefault((r["rule"], r["matter"]), []).append((rid, r["qty"], r["points"], rule))

    def finish(self) -> list[Problem]:
        flagged = {p.record for p in self.problems}
        problems = self.problems + [p for p in _return_places(self.returns) if p.record not in flagged]
        return sorted(problems, key=lambda p: p.record)


def _return_places(by_matter: dict[tuple, list[tuple]]) -> list[Problem]:
    """积分办法 第十二条(三), SPEC §2: every standing return is charged for its
    place among the returns of its matter still standing. A ledger where a
    return was revoked and the later ones were not moved up (as jcdc wrote
    them before it moved them up) is reported here, entry by entry, with the figure to
    correct. `by_matter`: (rule, matter) -> [(id, qty, points)] of its
    standing returns, in id order."""
    problems = []
    for (_, matter), returns in by_matter.items():
        charges = standing_return_charges([(rid, qty) for rid, qty, _, _ in returns],
                                          rule_of={rid: rule for rid, _, _, rule in returns})
        place = 1
        for rid, qty, points, _ in returns:
            if points != charges[rid]:
                problems.append(Problem("entries", rid, msg.P_RETURN_PLACE.format(
                    points=fmt_points(points, signed=True), matter=matter, place=place,
                    expected=fmt_points(charges[rid], signed=True),
                    diff=fmt_points(charges[rid] - points, signed=True))))
            place += qty
    return problems


_ROLES = {role.value: role for role in Role}


def _rule_of(book: RuleBook, r: dict):
    """The rule of the version an entry records (None where either is unknown)."""
    version = book.of_entry(r.get("ruleset"))
    return None if version is None else version.rules.rules.get(r["rule"])


def _once_key(rule, r: dict) -> tuple | None:
    # **Readings** (SPEC §2): 13710-no-reminder once per unit and quarter;
    # 13710-key, -item, -excellent/-good once per matter an entry names.
    if rule.per is Per.UNIT_QUARTER:
        return (rule.code, r["unit"], r["qkey"])
    if once_per_matter_applies(rule, r["matter"]):
        return (rule.once_group or rule.code, r["matter"])
    return None


def _entry_problems(r: dict, by_id: dict[int, dict], standing: _Standing) -> list[str]:
    found: list[str] = []
    qkey = standing.qkeys.get(r["date"])
    if qkey is None:
        qkey = standing.qkeys[r["date"]] = Quarter.of(dt.date.fromisoformat(r["date"])).key
    if r["qkey"] != qkey:
        found.append(msg.P_QKEY.format(qkey=r["qkey"], date=r["date"]))
    version = standing.book.of_entry(r.get("ruleset"))
    if version is None:
        return found + [msg.P_ENTRY_RULESET.format(hash=r.get("ruleset"))]
    if r["reverses"] is not None:
        return found + _reversal_problems(r, by_id, standing)

    # docs/rulesets.md: an entry is scored by the version in force on its day. An
    # entry and its reversal dated after a later revision took effect were
    # undone before it was adopted (rulebook.adopt): they keep their version.
    if standing.book.versions[1:]:
        in_force = standing.book.in_force(dt.date.fromisoformat(r["date"]))
        # By content: a version adopted again later (a revision withdrawn) is the
        # same rules as the earlier adoption of that content.
        if in_force.hash != version.hash and r["id"] not in standing.reversed_ids:
            found.append(msg.P_ENTRY_RULESET_DATE.format(version=version.label, date=r["date"],
                                                         expected=in_force.label))
    rule = version.rules.rules.get(r["rule"])
    if rule is None:
        return found + [msg.P_UNKNOWN_RULE.format(rule=r["rule"])]
    if r["cite"] != rule.cite:
        found.append(msg.P_CITE.format(cite=r["cite"], rule=rule.code, expected=rule.cite))
    role, points, qty = _ROLES.get(r["role"]) or Role(r["role"]), r["points"], r["qty"]
    if type(qty) is not int or qty < 1:  # the schema's CHECK (qty >= 1) may have been edited out
        return found + [msg.P_QTY.format(qty=qty)]
    amount = None if rule.escalates else rule.amount(role)
    stated = None
    if amount is not None and not amount.fixed:
        if points % qty:
            return found + [msg.P_QTY_SPLIT.format(points=fmt_points(points), qty=qty)]
        stated = points // qty
    # a fixed rule's figure; an escalating one's depends on the matter's returns
    figure = None if rule.escalates else (version.hash, rule.code, role, stated, type(stated), qty, type(qty),
                                          r["matter"] is None)
    expected = standing.figures.get(figure)
    if expected is None:
        try:
            expected = entry_points(rule, role, stated, qty, standing.returns[r["matter"]], r["matter"])
        except JcdcError as e:
            return found + [msg.P_RULE_REFUSES.format(text=e)]
        if figure is not None:
            standing.figures[figure] = expected
    if expected != points:
        found.append(msg.P_POINTS.format(points=fmt_points(points, signed=True),
                                         expected=fmt_points(expected, signed=True)))
    if rule.escalates:
        standing.returns[r["matter"]] += qty
    key = _once_key(rule, r)
    if key is not None:
        if key in standing.once:
            scope = msg.P_SCOPE_QUARTER if rule.per is Per.UNIT_QUARTER else msg.P_SCOPE_MATTER
            found.append(msg.P_TWICE.format(rule=rule.code, scope=scope, earlier=standing.once[key], cite=rule.cite,
                                            entry=r["id"]))
        else:
            standing.once[key] = r["id"]
    return found


# The fields a reversal copies from its original (points.revoke).
_REVERSAL_COPIES = ("unit", "rule", "role", "date", "qty", "matter", "cite")


def _reversal_problems(r: dict, by_id: dict[int, dict], standing: _Standing) -> list[str]:
    original = by_id.get(r["reverses"])
    if original is None or original["id"] >= r["id"]:
        return [msg.P_REVERSES_MISSING.format(original=r["reverses"])]
    if original["reverses"] is not None:
        return [msg.P_REVERSES_REVERSAL.format(original=original["id"])]
    # SPEC §2: an entry is undone once. The unique index entries_reverses says so
    # too, but an index can be dropped: the replay does not rely on it.
    earlier = standing.reversed_by.get(original["id"])
    if earlier is not None:
        return [msg.P_REVERSED_TWICE.format(original=original["id"], earlier=earlier)]
    standing.reversed_by[original["id"]] = r["id"]
    found = [msg.P_REVERSAL_FIELD.format(original=original["id"], field=f)
             for f in _REVERSAL_COPIES if r[f] != original[f]]
    if r["points"] != -original["points"]:
        found.append(msg.P_REVERSAL_POINTS.format(
            points=fmt_points(r["points"], signed=True), original=original["id"],
            expected=fmt_points(-original["points"], signed=True)))
    if standing.book.of_entry(r.get("ruleset")) is not standing.book.of_entry(original.get("ruleset")):
        found.append(msg.P_REVERSAL_FIELD.format(original=original["id"], field="ruleset"))
    rule = _rule_of(standing.book, original)
    if rule is not None:
        if rule.escalates:
            standing.returns[original["matter"]] -= original["qty"]
        key = _once_key(rule, original)
        if standing.once.get(key) == original["id"]:
            del standing.once[key]
    return found


# --- the 13710 bonus against the reminders -------------------------------------------


def bonus_reminder_problems(bonuses: Iterable[tuple[int, str, dt.date]], reminders: Iterable,
                            names: dict[str, str]) -> list[Problem]:
    """积分办法 第十一条(三), SPEC §2: a standing 13710-no-reminder bonus for a
    unit-quarter the ledger records as reminded (a 催办, a node reported late or
    let pass) contradicts the ledger: each is reported with its first reminder.
    `bonuses`: (entry id, unit, date) of the standing bonuses; `reminders`:
    matter_views.Reminder values."""
    from jcdc.rules.xitong13710 import NO_REMINDER_CITE

    by_quarter: dict[tuple[str, int], list] = {}
    for r in reminders:
        by_quarter.setdefault((r.unit, Quarter.of(r.day).key), []).append(r)
    problems = []
    for entry_id, unit, day in bonuses:
        quarter = Quarter.of(day)
        found = by_quarter.get((unit, quarter.key))
        if found:
            problems.append(Problem("entries", entry_id, msg.P_BONUS_REMINDED.format(
                unit=names.get(unit, unit), quarter=quarter.label, reminder=found[0], entry=entry_id,
                more=msg.REMINDERS_MORE.format(count=len(found)) if len(found) > 1 else "", cite=NO_REMINDER_CITE)))
    return problems


def _bonus_reminder_problems(store: Store) -> list[Problem]:
    """bonus_reminder_problems on the ledger as it is. A record too damaged to
    read is left to its chain's check, which reports it."""
    from jcdc.matter_views import reminders
    from jcdc.rules.xitong13710 import NO_REMINDER_RULE
    from jcdc.session import today

    try:
        entries = store.entries(rule=NO_REMINDER_RULE)
        reversed_ids = {e.reverses for e in entries if e.reverses is not None}
        bonuses = [(e.id, e.unit, e.date) for e in entries if e.reverses is None and e.id not in reversed_ids]
        if not bonuses:
            return []
        names = {u.code: u.name for u in store.units()}
        return bonus_reminder_problems(bonuses, reminders(store, today()), names)
    except (*_UNREADABLE, sqlite3.DatabaseError):
        return []


# --- closed quarters ------------------------------------------------------------------------


def closing_problems(closing: dict, current: list[dict]) -> list[Problem]:
    """A closed quarter's ranking now, against the one published when it was closed."""
    from jcdc.closing import canonical, ranking_hash

    quarter = Quarter.from_key(closing["qkey"])
    if ranking_hash(closing["ranking"] or "") != closing["ranking_hash"]:
        return [Problem("closings", closing["id"], msg.P_CLOSING_HASH)]
    if ranking_hash(canonical(current)) == closing["ranking_hash"]:
        return []
    problems = [Problem("closings", closing["id"], msg.P_CLOSED_CHANGED.format(
        quarter=quarter.label, at=beijing_time(closing["recorded_at"])))]
    was = {row["unit"]: row for row in json.loads(closing["ranking"])}
    now = {row["unit"]: row for row in current}
    for unit in dict.fromkeys([*was, *now]):
        if was.get(unit) != now.get(unit):
            name = (now.get(unit) or was.get(unit))["name"]
            problems.append(Problem("closings", closing["id"], msg.P_CLOSED_UNIT.format(
                quarter=quarter.label, unit=name, was=_ranked(was.get(unit)), now=_ranked(now.get(unit)))))
    return problems


def _ranked(row: dict | None) -> str:
    if row is None:
        return msg.P_NOT_RANKED
    return msg.P_RANK_ROW.format(group=row["group"], rank=row["rank"], score=fmt_points(row["score"]),
                                 ytd=fmt_points(row["ytd"]))


# --- draws (三库办法 第八条; SPEC §5 "verifying a draw") ---------------------------------------


def draw_problems(store: Store, draws: list[dict]) -> list[Problem]:
    """Every draw replayed as `jcdc draw verify` replays it (jcdc.pools.verify):
    a team edited with its chain recomputed follows from no seed."""
    from jcdc.pools import Ledger, verify

    if not draws:
        return []
    try:  # loaded once for all the draws (each draw verify loads it for its one)
        ledger = Ledger.of(store)
    except (*_UNREADABLE, json.JSONDecodeError, sqlite3.DatabaseError):
        ledger = None  # each draw then says what it cannot read
    problems = []
    for row in draws:
        rid = row["id"]
        try:
            problems += [Problem("draws", rid, msg.P_DRAW.format(text=text))
                         for text in verify(store, rid, ledger).problems]
        except JcdcError as e:  # a record edited beyond reading: verify's own line
            problems.append(Problem("draws", rid, str(e)))
        except (*_UNREADABLE, json.JSONDecodeError) as e:
            problems.append(Problem("draws", rid, msg.P_UNREADABLE.format(text=e)))
        except sqlite3.DatabaseError as e:
            problems.append(Problem("draws", rid, msg.P_CHECK_STOPPED.format(what="draws", text=e)))
    return problems


# --- rule-set versions (docs/rulesets.md) ----------------------------------------------------


def ruleset_book(store: Store) -> tuple[RuleBook, list[Problem]]:
    """The ledger's versions as check judges them, and the problems of each:
    a text that does not give its recorded hash or does not load, an effective
    date not after the one before. Their chain is checked with every chain."""
    versions, problems, before = [], [], None
    for row in store.rulesets():
        try:
            version = version_of(row)
        except JcdcError as e:
            problems.append(Problem("rulesets", row["id"], str(e)))
            continue
        except (*_UNREADABLE, json.JSONDecodeError) as e:
            problems.append(Problem("rulesets", row["id"], msg.P_UNREADABLE.format(text=e)))
            continue
        if before is not None and version.effective <= before.effective:
            problems.append(Problem("rulesets", row["id"], msg.P_RULESET_ORDER.format(
                version=version.label, effective=version.effective, before=before.effective)))
        versions.append(version)
        before = version
    return RuleBook(versions), problems


def ruleset_closing_problems(book: RuleBook, closings: dict[int, dict]) -> list[Problem]:
    """A closed quarter stays ranked by the version it was closed under
    (积分办法 第十三条; docs/rulesets.md). Replayed against the versions as they
    stand: the version each closing recorded is still the one in force on the
    quarter's last day, and no version takes effect in or before a quarter
    closed before it was recorded — adopt's refusal, which a hand-moved
    effective date (its chain recomputed) would get round."""
    problems = []
    for qkey, closing in sorted(closings.items()):
        quarter = Quarter.from_key(qkey)
        recorded = closing.get("ruleset")
        now = book.of_period_end(quarter.end)
        if recorded and recorded != now.hash:
            was = next((v.label for v in book.versions if v.hash == recorded), recorded[:12])
            problems.append(Problem("closings", closing["id"], msg.P_CLOSING_RULESET.format(
                quarter=quarter.label, recorded=was, now=now.label)))
        closed_at = _instant(closing.get("recorded_at"))
        # A closing that ranked by a version saw it: it was made after that version
        # was adopted, whatever the two machines' clocks recorded (a ledger on a
        # share, two clerks' clocks apart). The first version of that content counts.
        saw = next((i for i, v in enumerate(book.versions) if recorded and v.hash == recorded), -1)
        for i, v in enumerate(book.versions[1:], 1):
            if i <= saw:
                continue
            adopted_at = _instant(v.recorded_at)
            if closed_at and adopted_at and closed_at < adopted_at and Quarter.of(v.effective).key <= qkey:
                problems.append(Problem("rulesets", v.id, msg.P_RULESET_IN_CLOSED.format(
                    version=v.label, effective=v.effective, quarter=quarter.label,
                    closed=beijing_time(closing["recorded_at"]), adopted=beijing_time(v.recorded_at))))
    return problems


def _instant(text: str | None) -> dt.datetime | None:
    """A recorded time as an instant to compare (None where it does not read as one)."""
    try:
        moment = dt.datetime.fromisoformat(text or "")
    except ValueError:
        return None
    return moment if moment.tzinfo else None


# --- the whole ledger -----------------------------------------------------------------------


def check(store: Store) -> list[Problem]:
    """Every problem found, in a stable order; an empty list when all is well.

    A damaged file (SQLite's "malformed" and the like) is reported as what it
    is, part by part: each part that cannot be read adds its problem and the
    check goes on with the next."""
    with store.reading():  # one state of the ledger, whatever others write meanwhile
        return _check_all(store)


def _check_all(store: Store) -> list[Problem]:
    from jcdc.closing import current_ranking

    problems: list[Problem] = []
    aside = _Aside(store, ("storage_faults", "import_faults", "foreign_key_faults"))

    def read(table: str, what: str, fn, default, into: list[Problem] = problems):
        try:
            return fn()
        except sqlite3.DatabaseError as e:
            into.append(Problem(table, None, msg.P_CHECK_STOPPED.format(what=what, text=e)))
            return default

    try:
        _check(store, problems, read, aside, current_ranking)
    finally:
        aside.join()
    storage: list[Problem] = []  # SQLite's check of the file comes first, as it always did
    storage += [Problem("sqlite", None, msg.P_STORAGE.format(text=t))
                for t in read("sqlite", "PRAGMA integrity_check", aside.storage_faults, [], into=storage)]
    return storage + problems


def _check(store: Store, problems: list[Problem], read, aside: _Aside, current_ranking) -> None:
    tables = read("sqlite", "sqlite_master", store.table_names, set())
    heads = read("chain_heads", "chain_heads", store.chain_heads, {}) if "chain_heads" in tables else {}
    if "chain_heads" not in tables:
        problems.append(Problem("chain_heads", None, msg.P_TABLE_MISSING))
    triggers = read("sqlite", "sqlite_master", store.trigger_tables, {})
    schema = schema_triggers()
    records: dict[str, list[dict]] = {}
    entries: list[Problem] = []  # the entries' own problems, found in the same pass as their chain's
    sums: _Totals | None = None  # and their sums per unit and quarter
    for table, fields in CHAINED.items():
        if table not in tables:
            problems.append(Problem(table, None, msg.P_TABLE_MISSING))
            continue
        if table == "entries":  # a million records: checked as they stream past, never held
            found = read(table, table, lambda: _stream_entries(store, fields, heads.get(table)), None)
            problems += trigger_problems(table, triggers, schema)
            if found is not None:
                problems += found[0]
                entries, sums = found[1], found[2]
            continue
        found = read(table, table, lambda: store.records(table), None)
        problems += trigger_problems(table, triggers, schema)
        if found is not None:
            records[table] = found
            problems += chain_problems(table, fields, found, heads.get(table))
    for table in dict.fromkeys(on for on, _ in schema.values() if on not in CHAINED):
        problems += trigger_problems(table, triggers, schema)
    problems += unknown_trigger_problems(triggers, schema)
    if "rulesets" in tables:
        problems += read("rulesets", "rulesets", lambda: ruleset_book(store)[1], [])
    found_keys = read("sqlite", "sqlite_master", store.unique_keys, None)
    if found_keys is not None:
        problems += unique_problems(store, found_keys, tables)
    if "unit_records" in records:
        unit_rows = read("units", "units", store.unit_rows, None)
        if unit_rows is not None:
            problems += unit_problems(records["unit_records"], *unit_rows)
            problems += category_problems(store, unit_rows[0])
        if "unit_changes" in records:
            problems += unit_change_problems(records["unit_records"], records["unit_changes"])
    problems += import_problems(read("imports", "import_rows", aside.import_faults, []))
    if "imports" in records and "import_seals" in records:
        problems += read("import_rows", "import_rows", lambda: import_seal_problems(
            records["imports"], records["import_seals"], store.import_row_pairs()), [])
    problems += [Problem(table, rowid, msg.P_FOREIGN_KEY.format(parent=parent))
                 for table, rowid, parent in read("sqlite", "PRAGMA foreign_key_check",
                                                  aside.foreign_key_faults, [])]
    problems += entries
    problems += _bonus_reminder_problems(store)
    totals = None
    if sums is not None:
        stored = read("quarter_totals", "quarter_totals", store.quarter_total_rows, None)
        totals = sums.faults(stored) if stored is not None else []
    if totals is None:
        totals = read("quarter_totals", "quarter_totals", store.quarter_total_faults, [])
    problems += [Problem("quarter_totals", None, msg.P_TOTALS.format(
                    unit=unit, quarter=Quarter.from_key(qkey).label, cached=_tenths(cached), ledger=_tenths(ledger)))
                 for unit, qkey, cached, ledger in totals]
    if "closings" in records:
        for qkey, closing in read("closings", "closings", store.closed_quarters, {}).items():
            try:
                # the entries themselves, not the stored totals: they are what was published
                current = current_ranking(store, Quarter.from_key(qkey), from_ledger=True)
                problems += closing_problems(closing, current)
            except _UNREADABLE as e:
                problems.append(Problem("closings", closing["id"], msg.P_UNREADABLE.format(text=e)))
            except sqlite3.DatabaseError as e:
                problems.append(Problem("closings", closing["id"], msg.P_CHECK_STOPPED.format(
                    what=Quarter.from_key(qkey).label, text=e)))
        if "rulesets" in tables:
            closings = read("closings", "closings", store.closed_quarters, {})
            problems += ruleset_closing_problems(read("rulesets", "rulesets", lambda: ruleset_book(store)[0],
                                                      RuleBook([])), closings)
    problems += draw_problems(store, records.get("draws", []))
    for row in records.get("anchors", []):
        try:
            problems += anchor_problems(store, Anchor.from_row(row), recorded=row["id"])
        except (*_UNREADABLE, json.JSONDecodeError) as e:
            problems.append(Problem("anchors", row["id"], msg.P_UNREADABLE.format(text=e)))
        except sqlite3.DatabaseError as e:
            problems.append(Problem("anchors", row["id"], msg.P_CHECK_STOPPED.format(what="anchors", text=e)))


def _stream_entries(store: Store, fields: tuple[str, ...],
                    head: tuple[int, str] | None) -> tuple[list[Problem], list[Problem], _Totals]:
    """(the entries' chain problems, their own problems, their sums), in one
    pass over the ledger, in id order (check's memory stays flat)."""
    try:
        book, _ = ruleset_book(store)
    except sqlite3.DatabaseError:  # reported where the versions are read (_check): judged by the first
        book = RuleBook([])
    links, replay, totals = _Links("entries", fields), _Replay(store.reversed_ids(), book), _Totals()
    for r in store.iter_records("entries"):
        links.add(r)
        replay.add(r)
        totals.add(r)
    return links.finish(head), replay.finish(), totals


class _Totals:
    """Each unit's sum and count of entries per quarter, added up as the
    entries stream past, for quarter_totals to be compared with: what
    Store.quarter_total_faults asks SQLite for, without a second pass over a
    million entries. Only for a ledger whose units, quarters and figures are
    of the types jcdc writes (and figures far from SQLite's integer limits):
    then Python's sums, comparisons and order are SQLite's. Otherwise (a
    tampered record) `faults` says None and the query is asked."""

    LIMIT = 1 << 40  # |figure|; and fewer than 1 << 22 entries a unit-quarter: no sum nears 1 << 63

    def __init__(self):
        self.sums: dict[tuple[str, int], list[int]] = {}
        self.plain = True

    def add(self, r: dict) -> None:
        unit, qkey, points = r["unit"], r["qkey"], r["points"]
        if type(unit) is not str or type(qkey) is not int or type(points) is not int or abs(points) >= self.LIMIT:
            self.plain = False
            return
        total = self.sums.get((unit, qkey))
        if total is None:
            self.sums[unit, qkey] = [points, 1]
        else:
            total[0] += points
            total[1] += 1

    def faults(self, stored: list[tuple]) -> list[tuple] | None:
        """(unit, qkey, cached, ledger) as Store.quarter_total_faults gives them,
        from quarter_totals' rows (unit, qkey, points, entries); None: ask it."""
        if not self.plain or any(n >= 1 << 22 for _, n in self.sums.values()):
            return None
        found, seen = [], set()
        for unit, qkey, points, entries in stored:
            if type(unit) is not str or type(qkey) is not int or not all(
                    v is None or type(v) is int for v in (points, entries)):
                return None
            seen.add((unit, qkey))
            ledger, count = self.sums.get((unit, qkey), (None, None))
            if ledger != points or count != entries:
                found.append((unit, qkey, points, ledger))
        found += [(unit, qkey, None, points) for (unit, qkey), (points, _) in self.sums.items()
                  if (unit, qkey) not in seen]
        return sorted(found, key=lambda fault: (fault[1], fault[0]))


class _Aside:
    """SQLite's own checks of the whole file — PRAGMA integrity_check, the
    foreign keys, the import records against the entries — run in SQLite's C
    code, which lets go of Python's lock: on a ledger of a million entries
    they take as long as the streaming of the entries itself. They run on a
    second, read-only connection in a thread of their own while this one
    streams the entries (the office PC has two cores), and each
    answer (or its DatabaseError) is taken where check() always took it. A
    ledger that cannot be opened twice — inside a write not yet committed, not
    a file — is checked in line, as before.

    That connection reads in one read transaction of its own, which may begin
    a moment after check()'s while clerks write. What it answers holds of
    every state jcdc commits — the file's structure is sound, every reference
    points at a record, each import's count is the entries it wrote — so an
    answer about that moment is an answer about check()'s: what it reports
    is damage or tampering, never a write that landed in between."""

    def __init__(self, store: Store, names: tuple[str, ...]):
        self.store, self.answers = store, {}
        self.thread: threading.Thread | None = None
        if (store.conn.in_transaction and not store.snapshot) or not Path(store.path).is_file():
            return
        self.thread = threading.Thread(target=self._run, args=(names,), daemon=True)
        self.thread.start()

    def _run(self, names: tuple[str, ...]) -> None:
        from jcdc.store import open_store

        try:
            other = open_store(self.store.path, create=False, read_only=True)
        except Exception:  # the caller asks its own connection instead
            return
        try:
            with other.reading():  # its answers are of one state of the ledger too
                for name in names:
                    try:
                        self.answers[name] = (True, getattr(other, name)())
                    except Exception as e:  # noqa: BLE001 — given back to the caller, raised there
                        self.answers[name] = (False, e)
        finally:
            other.close()

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()

    def __getattr__(self, name: str):
        def answer():
            self.join()
            if name not in self.answers:
                return getattr(self.store, name)()
            ok, value = self.answers[name]
            if not ok:
                raise value
            return value
        return answer


# --- the roster ----------------------------------------------------------------------------

# The columns of `units` that its records decide.
_UNIT_FIELDS = ("name", "category", "grp", "valid_from", "valid_to", "recorded_by", "recorded_at",
                "ended_by", "ended_at")


def replay_units(records: list[dict]) -> tuple[dict[str, dict], dict[str, str], list[Problem]]:
    """The units and aliases the roster's records give, replayed in id order."""
    units: dict[str, dict] = {}
    aliases: dict[str, str] = {}
    problems: list[Problem] = []
    for r in records:
        code = r["code"]
        if r["action"] == "add" and code not in units:
            units[code] = {"code": code, "name": r["name"], "category": r["category"], "grp": r["grp"],
                           "valid_from": r["valid_from"], "valid_to": r["valid_to"],
                           "recorded_by": r["recorded_by"], "recorded_at": r["recorded_at"],
                           "ended_by": None, "ended_at": None}
            for alias in json.loads(r["aliases"] or "[]"):
                aliases[alias] = code
        elif r["action"] == "end" and code in units and units[code]["valid_to"] is None:
            units[code].update(valid_to=r["valid_to"], ended_by=r["recorded_by"], ended_at=r["recorded_at"])
        else:
            problems.append(Problem("unit_records", r["id"], msg.P_UNIT_RECORD.format(action=r["action"], code=code)))
    return units, aliases, problems


def unit_problems(records: list[dict], rows: list[dict], alias_rows: list[tuple[str, str]]) -> list[Problem]:
    """`units` and `unit_aliases` against the records they are derived from:
    a unit moved to another group, renamed, ended or revived, an alias pointed
    at another unit, a unit or alias added or removed behind jcdc's back."""
    try:
        expected, expected_aliases, problems = replay_units(records)
    except (*_UNREADABLE, json.JSONDecodeError) as e:
        return [Problem("unit_records", None, msg.P_UNREADABLE.format(text=e))]
    stored = {row["code"]: row for row in rows}
    for code in dict.fromkeys([*expected, *stored]):
        want, have = expected.get(code), stored.get(code)
        if have is None:
            problems.append(Problem("units", None, msg.P_UNIT_GONE.format(code=code, name=want["name"])))
        elif want is None:
            problems.append(Problem("units", None, msg.P_UNIT_UNRECORDED.format(code=code, name=have["name"])))
        else:
            problems += [Problem("units", None, msg.P_UNIT_FIELD.format(
                             code=code, field=f, now=_shown(have.get(f)), recorded=_shown(want[f])))
                         for f in _UNIT_FIELDS if have.get(f) != want[f]]
    stored_aliases = dict(alias_rows)
    for alias in dict.fromkeys([*expected_aliases, *stored_aliases]):
        want, have = expected_aliases.get(alias), stored_aliases.get(alias)
        if want != have:
            problems.append(Problem("unit_aliases", None, msg.P_ALIAS.format(
                alias=alias, now=_shown(have), recorded=_shown(want))))
    return problems


def unit_change_problems(unit_records: list[dict], changes: list[dict]) -> list[Problem]:
    """The renames and merges against the roster's records (SPEC §1): each names
    a registered unit; a new name is nobody else's and dated after the unit's
    start and its earlier renames; a unit merged away has exactly the ending its
    merge says (the day before), and merges once."""
    try:
        units, aliases, _ = replay_units(unit_records)
    except (*_UNREADABLE, json.JSONDecodeError) as e:
        return [Problem("unit_records", None, msg.P_UNREADABLE.format(text=e))]
    problems: list[Problem] = []
    owner = {u["name"]: code for code, u in units.items()}
    owner.update(aliases)
    owner.update({code: code for code in units})
    last_day: dict[str, str] = {code: u["valid_from"] or "" for code, u in units.items()}
    merged: set[str] = set()
    for c in changes:
        code, day = c["code"], c["date"]
        if code not in units or (c["action"] == "merge" and c["successor"] not in units):
            problems.append(Problem("unit_changes", c["id"], msg.P_CHANGE_UNIT.format(
                action=c["action"], code=code if code not in units else c["successor"])))
            continue
        try:
            new_aliases = json.loads(c["aliases"] or "[]")
            first = dt.date.fromisoformat(day)
        except (json.JSONDecodeError, TypeError, ValueError) as e:
            problems.append(Problem("unit_changes", c["id"], msg.P_UNREADABLE.format(text=e)))
            continue
        if c["action"] == "rename":
            for name in (c["name"], *new_aliases):
                if owner.get(name, code) != code:
                    problems.append(Problem("unit_changes", c["id"], msg.P_CHANGE_NAME.format(
                        name=name, other=owner[name])))
                owner[name] = code
            if day <= last_day[code]:
                problems.append(Problem("unit_changes", c["id"], msg.P_CHANGE_DATE.format(date=day, code=code)))
            last_day[code] = day
        else:
            want = (first - dt.timedelta(days=1)).isoformat()
            ended = units[code]["valid_to"]
            if code in merged:
                problems.append(Problem("unit_changes", c["id"], msg.P_CHANGE_TWICE.format(code=code)))
            elif ended != want:
                problems.append(Problem("unit_changes", c["id"], msg.P_CHANGE_MERGE.format(
                    code=code, successor=c["successor"], date=day, ended=_shown(ended), last=want)))
            merged.add(code)
    return problems


def category_problems(store, rows: list[dict]) -> list[Problem]:
    """积分办法 第二条: every unit's category is one the rule set ranks (a
    county's own groups under its own, 第二十条) — checked here, as the schema
    holds no list of them."""
    try:
        rules = RuleBook.of(store).current.rules
    except JcdcError:  # a version that does not load: the rulesets check says why
        return []
    known = {c.value for g in rules.groups.values() for c in g.categories}
    return [Problem("units", None, msg.P_UNIT_CATEGORY.format(code=row["code"], category=row["category"],
                                                               known="、".join(sorted(known))))
            for row in rows if row["category"] not in known]


def import_problems(faults: list[tuple[str, int, object, object]]) -> list[Problem]:
    """The import records against the entries they wrote (Store.import_faults)."""
    problems = []
    for kind, rid, a, b in faults:
        if kind == "count":
            problems.append(Problem("imports", rid, msg.P_IMPORT_COUNT.format(added=a, found=b)))
        elif kind == "unmarked":
            problems.append(Problem("import_rows", None, msg.P_IMPORT_UNMARKED.format(entry=rid)))
        else:
            problems.append(Problem("import_rows", None, msg.P_IMPORT_STRAY.format(identity=a, entry=rid)))
    return problems


def import_seal_problems(imports: list[dict], seals: list[dict],
                         pairs: Iterable[tuple[object, object, object]]) -> list[Problem]:
    """Each import's row identities against the seal it wrote with them
    (import_seals): an identity edited, added or removed behind jcdc's back — after
    which importing that file again doubles its entries or drops rows — no
    longer gives the sealed digest. `pairs`: (entry source, identity, entry)
    of every row identity, in entry order (Store.import_row_pairs)."""
    found: dict[object, chain.Seal] = {}
    for source, identity, entry in pairs:
        if isinstance(source, str) and source.startswith("import:"):
            found.setdefault(source[len("import:"):], chain.Seal()).add(str(identity), entry)
    sealed = {str(seal["import"]): seal for seal in seals}
    problems = []
    for record in imports:
        seal, now = sealed.get(str(record["id"])), found.get(str(record["id"]), chain.Seal())
        if seal is None:
            problems.append(Problem("imports", record["id"], msg.P_IMPORT_UNSEALED))
        elif (seal["rows"], seal["digest"]) != (now.rows, now.digest()):
            problems.append(Problem("import_rows", None, msg.P_IMPORT_SEAL.format(
                id=record["id"], sealed=seal["rows"], now=now.rows, seal=seal["id"])))
    return problems


def _shown(value) -> str:
    return msg.NONE_VALUE if value is None else str(value)


# --- anchors ------------------------------------------------------------------------------


def anchor_problems(store: Store, anchor: Anchor, recorded: int | None = None) -> list[Problem]:
    """Does the ledger still hold each anchored record, with the hash anchored?
    Every later record links back to it (chain_problems), so a ledger that does
    has kept, unchanged, everything written up to the anchor."""
    from jcdc.session import parse_quarter

    where = msg.P_ANCHOR_RECORDED.format(id=recorded) if recorded else msg.P_ANCHOR_FILE.format(at=beijing_time(anchor.made_at))
    tables = store.table_names()
    problems = []
    for table, (anchored_id, anchored_hash) in anchor.heads.items():
        record = store.chain_record(table, anchored_id) if table in tables else None
        if record is None:
            last = store.last_link(table)[0] if table in tables else 0
            problems.append(Problem(table, None, msg.P_ANCHOR_LOST.format(
                where=where, id=anchored_id, last=last, lost=anchored_id - last)))
        elif record["hash"] != anchored_hash:
            problems.append(Problem(table, anchored_id, msg.P_ANCHOR_DIFFERS.format(where=where)))
    published = store.closing_hashes() if "closings" in tables else {}
    for quarter, ranking_hash in anchor.closed.items():
        key = parse_quarter(quarter).key
        if ranking_hash not in published.get(key, ()):
            problems.append(Problem("closings", None, msg.P_ANCHOR_QUARTER.format(
                where=where, quarter=Quarter.from_key(key).label, hash=ranking_hash)))
    return problems


def check_anchor(store: Store, path: Path) -> tuple[Anchor, list[Problem]]:
    """An anchor statement kept outside the ledger: its own fingerprint first
    (the file on disk may have been edited to fit a forged ledger), then the ledger."""
    from jcdc.anchor import read

    anchor, stated = read(path)
    problems = []
    if stated != anchor.fingerprint:
        problems.append(Problem("anchor", None, msg.P_ANCHOR_FINGERPRINT.format(
            path=path, stated=stated, computed=anchor.fingerprint)))
    return anchor, problems + anchor_problems(store, anchor)


def _tenths(value: int | None) -> str:
    return msg.NONE_VALUE if value is None else fmt_points(value)


def backup(store: Store, target: Path) -> int:
    """A consistent copy of the ledger while others write; its size in bytes."""
    store.backup(target)
    return target.stat().st_size
