"""The points ledger (积分办法 第三章): adding, revoking and listing entries.

Every write to the ledger — a clerk's `points add`, an import, an event of a
13710 matter — goes through `draft()` and `post()`, so the rules are applied
the same way whatever wrote the entry.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from collections.abc import Sequence

from jcdc import messages as msg
from jcdc.model import (
    CORRECTS, Entry, EntryDraft, InputError, JcdcError, NotFound, Quarter, Role, UnknownRule, beijing_time,
    clean_text, matter_key, optional_text, parse_choice,
)
from jcdc.rulebook import RuleBook, record_first
from jcdc.rules import POINT_RULES
from jcdc.rules.xitong13710 import NO_REMINDER_RULE
from jcdc.rules.jifen import Per, Rule, entry_points, once_per_matter_applies, once_rules, standing_return_charges
from jcdc.session import current_user, timestamp, today
from jcdc.store import Store
from jcdc.units import UnitIndex, check_in_force


@dataclass(frozen=True)
class PointsRequest:
    """What the clerk (or a row of an imported file) says happened."""

    unit: str
    rule: str
    date: dt.date
    role: Role = Role.LEAD
    points: int | None = None  # tenths, only for a rule with a range
    qty: int = 1
    matter: str | None = None
    ref: str | None = None
    note: str | None = None
    scorer: str | None = None
    source: str | None = None


@dataclass
class Pending:
    """What drafts not yet written (earlier rows of the same batch) add to the
    ledger's state, for the rules that depend on earlier entries.

    A batch (an import of a million rows) names the same few rules, units,
    dates and references again and again, and reads the same ledger state the
    whole time (nothing is written while a Pending lives: `post` writes the
    batch, and a new batch starts with a new Pending). So each rule, unit,
    day and text is resolved once, and each look-up in the ledger is made once;
    `draft` still applies every rule to every row."""

    returns: Counter = field(default_factory=Counter)  # matter -> returns drafted
    last_return: dict = field(default_factory=dict)     # matter -> date of the latest drafted
    once: set = field(default_factory=set)             # (rule, unit, qkey) / (rule, matter)
    closed: dict | None = None                         # the closed quarters, read once a batch
    # Resolved once per distinct value (see above).
    rules: dict = field(default_factory=dict)          # (version hash, text) -> Rule
    versions: dict = field(default_factory=dict)       # date -> the rule-set version in force
    book: RuleBook | None = None                       # the ledger's rule-set versions
    units: dict = field(default_factory=dict)          # text -> Unit
    days: dict = field(default_factory=dict)           # date -> qkey, of a day in no closed quarter
    in_force: set = field(default_factory=set)         # (unit code, date) found in force
    ledger: dict = field(default_factory=dict)         # a look-up in the ledger -> its answer
    holders: dict = field(default_factory=dict)        # matter -> the unit the batch gave it to first
    today: dt.date | None = None

    def closed_quarters(self, store: Store) -> dict:
        if self.closed is None:
            self.closed = store.closed_quarters()
        return self.closed

    def look_up(self, key: tuple, read):
        """The ledger's answer to `key`, read once a batch."""
        try:
            return self.ledger[key]
        except KeyError:
            found = self.ledger[key] = read()
            return found


def refuse_if_closed(closed: dict, day: dt.date) -> None:
    """An entry dated in a closed quarter is refused: its ranking has been published."""
    quarter = Quarter.of(day)
    if quarter.key in closed:
        closing = closed[quarter.key]
        raise JcdcError(msg.QUARTER_CLOSED.format(
            date=day, quarter=quarter.label, at=beijing_time(closing["recorded_at"]), by=closing["recorded_by"],
            key=quarter))


_NAMES: dict[int, tuple[dict, dict[str, str]]] = {}


def rule_names(catalogue: dict[str, Rule] | None = None) -> dict[str, str]:
    """Every name a rule answers to — its code, short name and full title — to its code
    (a version's catalogue never changes: built once per catalogue)."""
    catalogue = POINT_RULES if catalogue is None else catalogue
    known = _NAMES.get(id(catalogue))
    if known is not None and known[0] is catalogue:
        return known[1]
    names: dict[str, str] = {}
    for rule in catalogue.values():
        for name in (rule.code, rule.name, rule.title):
            names.setdefault(name, rule.code)
    _NAMES[id(catalogue)] = (catalogue, names)
    return names


def find_rule(text: str, catalogue: dict[str, Rule] | None = None) -> Rule:
    """The rule named exactly `text`: its code (any case), short name or full title,
    in `catalogue` (a rule-set version's; by default the open ledger's current
    one, else the package's).

    As with units, a rule that docks points is never guessed: anything else is
    refused, with the closest rules as suggestions.
    """
    if catalogue is None:
        from jcdc.ruleset.words import in_use

        catalogue = in_use().rules
    key = unicodedata.normalize("NFKC", text or "").strip()
    names = rule_names(catalogue)
    code = names.get(key, names.get(key.lower()))
    if code is not None:
        return catalogue[code]
    candidates = [c for name, c in names.items() if len(key) >= 2 and (key in name or name in key)]
    candidates += [names[n] for n in difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)]
    suggestions = [f"{c}({catalogue[c].name})" for c in dict.fromkeys(candidates)][:3]
    if suggestions:
        raise UnknownRule(msg.UNKNOWN_RULE_SUGGEST.format(text=text, suggestion="」或「".join(suggestions)))
    raise UnknownRule(msg.UNKNOWN_RULE.format(text=text))


def parse_role(text: str | None) -> Role:
    return parse_choice(Role, msg.ROLE, msg.BAD_ROLE, text or Role.LEAD.value, msg.ROLE_ALSO)


def _earlier(entry: int | None) -> str:
    """The standing entry a repeat meets, or the row of the same batch before it."""
    return msg.STANDING_ENTRY.format(id=entry) if entry is not None else msg.IN_THIS_BATCH


def draft(store: Store, units: UnitIndex, req: PointsRequest, pending: Pending | None = None) -> EntryDraft:
    """Apply the rule to what happened: the entry to write, or a refusal."""
    pending = pending if pending is not None else Pending()
    day = req.date
    # The version in force on the event's day scores it (docs/rulesets.md).
    version = pending.versions.get(day)
    if version is None:
        if pending.book is None:
            pending.book = RuleBook.of(store)
        version = pending.versions[day] = pending.book.in_force(day)
    rule = pending.rules.get((version.hash, req.rule))
    if rule is None:
        rule = pending.rules[version.hash, req.rule] = find_rule(req.rule, version.rules.rules)
    unit = pending.units.get(req.unit)
    if unit is None:
        unit = pending.units[req.unit] = units.find(req.unit)
    day = req.date
    if (unit.code, day) not in pending.in_force:
        check_in_force(unit, day)
        pending.in_force.add((unit.code, day))
    if pending.today is None:
        pending.today = today()
    if day > pending.today:  # the ledger records what has happened
        raise JcdcError(msg.ENTRY_DATE_FUTURE.format(date=day, today=pending.today))
    matter = matter_key(req.matter)
    if rule.needs_matter and matter is None:
        raise JcdcError(msg.MATTER_NEEDED.format(rule=rule.code))
    qkey = pending.days.get(day)
    if qkey is None:
        refuse_if_closed(pending.closed_quarters(store), day)
        qkey = pending.days[day] = Quarter.of(day).key

    earlier_returns = 0
    if rule.escalates:
        # **Reading** (SPEC §2): the n-th return is counted in date order, so a
        # return dated before one already standing for the matter is refused.
        standing, last = pending.look_up(("returns", rule.code, matter),
                                         lambda: store.standing_occurrences(rule.code, matter))
        latest = max(filter(None, (last, pending.last_return.get(matter))), default=None)
        if latest is not None and day < latest:
            raise JcdcError(msg.RETURN_BACKDATED.format(matter=matter, date=day, latest=latest))
        earlier_returns = standing + pending.returns[matter]
    points = entry_points(rule, req.role, req.points, req.qty, earlier_returns, matter)
    if rule.handling_unit and matter is not None:
        _refuse_if_not_handling(store, units, pending, rule, unit, matter,
                                recharge=(req.source or "").startswith(RECHARGE))

    # **Reading** (SPEC §2): 13710-no-reminder once per unit and quarter.
    if rule.per is Per.UNIT_QUARTER:
        key = (rule.code, unit.code, qkey)
        earlier = pending.look_up(key, lambda: store.standing_entry(rule.code, unit=unit.code, qkey=qkey))
        if earlier is not None or key in pending.once:
            raise JcdcError(msg.NO_REMINDER_TWICE.format(
                unit=unit.name, quarter=Quarter.from_key(qkey).label, entry=_earlier(earlier)))
        pending.once.add(key)
        if rule.code == NO_REMINDER_RULE:
            _refuse_if_reminded(store, pending, rule, unit, Quarter.from_key(qkey))
    # **Readings** (SPEC §2): the −5 of 13710-key is charged once per matter;
    # 13710-item, -excellent and -good are given once per matter (每项).
    if once_per_matter_applies(rule, matter):
        key = (rule.once_group or rule.code, matter)
        earlier = pending.look_up(key, lambda: next(
            ((code, found) for code in once_rules(rule)
             if (found := store.standing_entry(code, matter=matter)) is not None), None))
        if earlier is not None or key in pending.once:
            if rule.code == "13710-key":
                raise JcdcError(msg.KEY_TWICE.format(matter=matter, entry=_earlier(earlier[1] if earlier else None)))
            raise JcdcError(msg.ONCE_PER_MATTER_TWICE.format(
                matter=matter, earlier=earlier[0] if earlier else rule.code,
                entry=_earlier(earlier[1] if earlier else None), rule=rule.code, cite=rule.cite))
        pending.once.add(key)
    if rule.escalates:
        pending.returns[matter] += req.qty
        pending.last_return[matter] = day

    return EntryDraft(
        unit=unit.code, rule=rule.code, role=req.role, date=day, points=points, qty=req.qty,
        cite=rule.cite, scorer=_text(req.scorer, "scorer") or rule.scorer, matter=_text(matter, "matter"),
        ref=_text(req.ref, "ref"), note=_text(req.note, "note"), source=req.source, ruleset=version.hash,
    )


def _refuse_if_reminded(store: Store, pending: Pending, rule: Rule, unit, quarter: Quarter) -> None:
    """积分办法 第十一条(三) 每个时间节点均未被催办: the ledger is the judge (SPEC §2)
    — a unit-quarter it records as reminded (a 催办, a node reported late or let
    pass) earns no bonus; the refusal names the reminder."""
    from jcdc.matter_views import reminders  # jcdc/matters.py writes through this module

    found = [r for r in pending.look_up(("reminders",), lambda: reminders(store, pending.today))
             if r.unit == unit.code and quarter.start <= r.day <= quarter.end]
    if found:
        raise JcdcError(msg.NO_REMINDER_REMINDED.format(
            unit=unit.name, quarter=quarter.label, reminder=found[0],
            more=msg.REMINDERS_MORE.format(count=len(found)) if len(found) > 1 else "", cite=rule.cite))


def _refuse_if_not_handling(store: Store, units: UnitIndex, pending: Pending, rule: Rule, unit,
                            matter: str, recharge: bool = False) -> None:
    """积分办法 第十一、十二条(三): a matter's entries go to the one unit that
    handles it — its lead, where the ledger records the matter; otherwise the
    unit its standing points went to first (the count of its returns is that
    unit's). `recharge`: an entry charged again at its standing place, given to
    nobody new."""
    found = pending.look_up(("matter", matter), lambda: store.matters(matter))
    if found and found[0].lead != unit.code:
        names = units.by_code
        m = found[0]
        coop = "、".join(names[c].name if c in names else c for c in m.coop)
        raise JcdcError(msg.MATTER_NOT_HANDLED_BY.format(
            matter=matter, lead=names[m.lead].name if m.lead in names else m.lead,
            coop=msg.MATTER_COOP_UNITS.format(units=coop) if coop else "", rule=rule.code, unit=unit.name,
            cite=rule.cite))
    if found or recharge:
        return
    holder = pending.holders.get(matter)
    entry = None
    if holder is None:
        held = pending.look_up(("holder", matter), lambda: matter_holder(store, matter, pending))
        if held is not None:
            holder, entry = held
    if holder is not None and holder != unit.code:
        name = units.by_code[holder].name if holder in units.by_code else holder
        raise JcdcError(msg.MATTER_GIVEN_TO.format(
            matter=matter, holder=name, entry=_earlier(entry), rule=rule.code, unit=unit.name, cite=rule.cite,
            fix=msg.MATTER_GIVEN_FIX.format(id=entry) if entry is not None else ""))
    pending.holders.setdefault(matter, unit.code)


def matter_holder(store: Store, matter: str, pending: Pending | None = None) -> tuple[str, int] | None:
    """(unit, entry) of the first standing entry of a handling-unit rule (any
    version's) naming `matter`: the unit handling a matter the ledger does not
    record. None: no such entry stands."""
    book = (pending.book if pending is not None and pending.book is not None else None) or RuleBook.of(store)
    codes = sorted({r.code for v in book.versions for r in v.rules.rules.values() if r.handling_unit})
    return store.first_standing_unit(matter, codes)


@lru_cache(maxsize=4096)
def _text(value: str | None, field: str) -> str | None:
    """A ledger line's free text, checked where every text is (model.clean_text);
    the references and notes of a batch repeat, so each is checked once."""
    return optional_text(value, field)


def post(store: Store, drafts: Sequence[EntryDraft], by: str | None = None) -> list[int]:
    """Write drafts to the ledger, inside the caller's transaction or a new one.

    An entry dated in a closed quarter is refused here, the one door every
    ledger write passes: that quarter's ranking has been published.
    """
    with store.write():
        record_first(store, by=by)  # a ledger made before versions were recorded, or without jcdc init
        closed = store.closed_quarters()
        if closed:
            for day in dict.fromkeys(d.date for d in drafts):  # each day once, the first refused first
                refuse_if_closed(closed, day)
        return store.add_entries(drafts, current_user(by), timestamp())


def add(store: Store, req: PointsRequest, by: str | None = None, again: bool = False) -> Entry:
    """One entry as the clerk typed it. An entry identical to a standing one is
    taken for an accidental repeat and refused, naming it, unless `again` says
    it happened once more."""
    with store.write():
        entry = draft(store, UnitIndex.of(store), req)
        same = None if again else store.standing_identical(entry)
        if same is not None:
            raise JcdcError(msg.ENTRY_REPEATED.format(id=same))
        [entry_id] = post(store, [entry], by)
    return store.entry(entry_id)


def get(store: Store, entry_id: int) -> Entry:
    entry = store.entry(entry_id)
    if entry is None:
        raise NotFound(msg.ENTRY_NOT_FOUND.format(id=entry_id))
    return entry


def revoke(store: Store, entry_id: int, reason: str, by: str | None = None) -> Entry:
    """A reversal entry: the opposite figure, the original's event date (so it
    counts in the same quarter), pointing at the original, saying why.

    Revoking a 13710 return moves the later returns of its matter up a place
    (积分办法 第十二条(三), SPEC §2): their corrections are written in the same
    transaction (reposition_returns). An entry already re-charged by such a
    correction is revoked through the entry that now stands for it.
    """
    if not (reason or "").strip():
        raise InputError(msg.REASON_NEEDED)
    reason = clean_text(reason, "reason")
    with store.write():
        original = standing_for(store, get(store, entry_id))
        if original.reverses is not None:
            raise JcdcError(msg.REVERSAL_NOT_REVOCABLE.format(id=entry_id))
        earlier = store.reversal_of(original.id)
        if earlier is not None:
            raise JcdcError(msg.ALREADY_REVOKED.format(id=entry_id, by=earlier))
        reversal = EntryDraft(
            unit=original.unit, rule=original.rule, role=original.role, date=original.date,
            points=-original.points, qty=original.qty, cite=original.cite, scorer=original.scorer,
            matter=original.matter, ref=original.ref, note=msg.REVERSAL_NOTE.format(id=original.id),
            reverses=original.id, reason=reason, source="revoke", ruleset=original.ruleset,
        )
        [new_id] = post(store, [reversal], by)
        if find_rule(original.rule).escalates:
            reposition_returns(store, original.rule, original.matter, original.id, by)
    return store.entry(new_id)


# The `source` of the entries that move a matter's returns to their standing
# place: the reversal of the misplaced entry names the revoked return that
# moved it; the entry charging it anew names the entry it replaces.
REPOSITION, RECHARGE = "reposition:", "recharge:"


def standing_for(store: Store, entry: Entry) -> Entry:
    """The entry that stands for `entry`: itself, or — where a repositioning
    reversed it — the entry that charged it anew at its standing place."""
    while True:
        reversal_id = store.reversal_of(entry.id)
        reversal = store.entry(reversal_id) if reversal_id is not None else None
        if reversal is None or not (reversal.source or "").startswith(REPOSITION):
            return entry
        successor = next((e for e in store.entries(rule=entry.rule, matter=entry.matter)
                          if e.source == f"{RECHARGE}{entry.id}"), None)
        if successor is None:  # a ledger not written by jcdc; the caller refuses it as revoked
            return entry
        entry = successor


def standing_returns(entries: Sequence[Entry]) -> list[Entry]:
    """A matter's returns that still stand (neither reversals nor reversed), in id order."""
    reversed_ids = {e.reverses for e in entries if e.reverses is not None}
    return sorted((e for e in entries if e.reverses is None and e.id not in reversed_ids), key=lambda e: e.id)


def misplaced_returns(entries: Sequence[Entry], book: RuleBook | None = None) -> list[tuple[Entry, int]]:
    """(entry, the figure of its standing place) for each standing return of one
    matter charged for a place it no longer holds (积分办法 第十二条(三)), each
    by the rule of the version it was scored under."""
    standing = standing_returns(entries)
    rule_of = None
    if book is not None:
        rule_of = {e.id: rule for e in standing
                   if (v := book.of_entry(e.ruleset)) is not None and (rule := v.rules.rules.get(e.rule))}
    charges = standing_return_charges([(e.id, e.qty) for e in standing], rule_of=rule_of)
    return [(e, charges[e.id]) for e in standing if e.points != charges[e.id]]


def reposition_returns(store: Store, rule: str, matter: str, revoked: int, by: str | None = None) -> list[Entry]:
    """Charge each standing return of `matter` for its place among the returns
    still standing, after return `revoked` was revoked (积分办法 第十二条(三),
    SPEC §2), without editing what is written: every return from the first
    misplaced one on is reversed (citing the revoked return) and charged anew,
    through draft() and post(), in the caller's transaction. The new entries
    written, reversals first."""
    with store.write():
        entries = store.entries(rule=rule, matter=matter)
        misplaced = misplaced_returns(entries, RuleBook.of(store))
        if not misplaced:
            return []
        first = misplaced[0][0].id
        moved = [e for e in standing_returns(entries) if e.id >= first]
        place, n = {}, 1
        for e in standing_returns(entries):
            place[e.id], n = n, n + e.qty
        reversals = [EntryDraft(
            unit=e.unit, rule=e.rule, role=e.role, date=e.date, points=-e.points, qty=e.qty, cite=e.cite,
            scorer=e.scorer, matter=e.matter, ref=e.ref, note=msg.REVERSAL_NOTE.format(id=e.id), reverses=e.id,
            reason=msg.REPOSITION_REASON.format(revoked=revoked, id=e.id, cite=e.cite),
            source=f"{REPOSITION}{revoked}", ruleset=e.ruleset) for e in moved]
        ids = post(store, reversals, by)
        units, pending = UnitIndex.of(store), Pending()
        recharges = [draft(store, units, PointsRequest(
            unit=e.unit, rule=e.rule, date=e.date, role=e.role, qty=e.qty, matter=e.matter, ref=e.ref,
            note=msg.RECHARGE_NOTE.format(id=e.id, revoked=revoked, place=place[e.id]),
            scorer=e.scorer, source=f"{RECHARGE}{e.id}"), pending) for e in moved]
        ids += post(store, recharges, by)
    return [store.entry(i) for i in ids]


def repositioned_by(store: Store, reversal: Entry) -> list[Entry]:
    """The corrections written with a revocation (reposition_returns): the
    entries after `reversal` that name the return it revoked."""
    if reversal.reverses is None or reversal.matter is None:
        return []
    ids: set[int] = set()
    found = []
    for e in store.entries(rule=reversal.rule, matter=reversal.matter):
        if e.id > reversal.id and e.source == f"{REPOSITION}{reversal.reverses}":
            found.append(e)
            ids.add(e.reverses)
    found += [e for e in store.entries(rule=reversal.rule, matter=reversal.matter)
              if e.id > reversal.id and e.source in {f"{RECHARGE}{i}" for i in ids}]
    return sorted(found, key=lambda e: e.id)


# What `points correct` may change of an entry, as PointsRequest fields.
CORRECTABLE = ("unit", "rule", "date", "role", "points", "qty", "matter", "ref", "note", "scorer")


@dataclass(frozen=True)
class Correction:
    """What `points correct` wrote: the reversal of the entry, and the entry recorded in its place."""

    reversal: Entry
    entry: Entry


def correct(store: Store, entry_id: int, changes: dict, reason: str, by: str | None = None) -> Correction:
    """Revoke an entry and record it again with `changes` (CORRECTABLE fields), in
    one transaction: the reversal points at the original and says why; the new
    entry is drafted as `points add` would draft it (every rule applied again)
    and names the entry it corrects (its source, its reason). A change that
    changes nothing is refused: the ledger would only grow."""
    if not (reason or "").strip():
        raise InputError(msg.REASON_NEEDED)
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    with store.write():
        original = standing_for(store, get(store, entry_id))
        rule = find_rule(changes["rule"]) if "rule" in changes else find_rule(original.rule)
        # A fixed figure is the rule's, never typed: carry the old figure over only where
        # the rule (as corrected) takes one and the clerk gave no new one.
        role = changes.get("role", original.role)
        amount = rule.amount(role)
        carried = (original.points // original.qty if rule.code == original.rule and amount is not None
                   and not amount.fixed and not rule.escalates else None)
        points = changes.get("points", carried)
        req = PointsRequest(
            unit=changes.get("unit", original.unit), rule=rule.code, date=changes.get("date", original.date),
            role=role, points=points, qty=changes.get("qty", original.qty),
            matter=changes.get("matter", original.matter), ref=changes.get("ref", original.ref),
            note=changes.get("note", original.note), scorer=changes.get("scorer", original.scorer),
            source=f"{CORRECTS}{original.id}")
        reversal = revoke(store, original.id, reason, by)
        drafted = draft(store, UnitIndex.of(store), req)
        if all(getattr(drafted, f) == getattr(original, f) for f in
               ("unit", "rule", "role", "date", "points", "qty", "matter", "ref", "note", "scorer")):
            raise InputError(msg.CORRECTION_CHANGES_NOTHING.format(id=original.id))
        drafted = replace(drafted, reason=clean_text(msg.CORRECTS_REASON.format(id=original.id, reason=reason),
                                                     "reason"))
        [new_id] = post(store, [drafted], by)
    return Correction(reversal, store.entry(new_id))


def revoke_all(store: Store, entry_ids: Sequence[int], reason: str, by: str | None = None) -> list[Entry]:
    """Several entries revoked for one reason, all or none: each through
    revoke(), in one transaction, so that whatever revoking one entry writes is
    written for each."""
    if not (reason or "").strip():
        raise InputError(msg.REASON_NEEDED)
    seen: set[int] = set()
    for entry_id in entry_ids:
        if entry_id in seen:
            raise InputError(msg.REVOKE_ID_TWICE.format(id=entry_id))
        seen.add(entry_id)
    reversals = []
    with store.write():
        for entry_id in entry_ids:
            try:
                reversals.append(revoke(store, entry_id, reason, by))
            except JcdcError as e:
                if len(entry_ids) == 1:
                    raise
                raise type(e)(msg.REVOKE_NONE_WRITTEN.format(id=entry_id, text=e)) from None
    return reversals


def list_entries(store: Store, unit: str | None = None, year: int | None = None,
                 quarter: Quarter | None = None, rule: str | None = None, matter: str | None = None,
                 ref: str | None = None, text: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None) -> list[Entry]:
    """The entries that match every filter given; `ref` and `text` are parts of
    a 文号 (and, for `text`, of a 备注), as a clerk remembers them."""
    code = UnitIndex.of(store).find(unit).code if unit else None
    if rule:
        rule = find_rule(rule).code
    first = last = None
    if quarter is not None:
        first = last = quarter.key
    elif year is not None:
        first, last = Quarter(year, 1).key, Quarter(year, 4).key
    if since is not None and until is not None and since > until:
        raise InputError(msg.SINCE_AFTER_UNTIL.format(since=since, until=until))
    return store.entries(unit=code, first_qkey=first, last_qkey=last, rule=rule,
                         matter=matter_key(matter), since=since, until=until,
                         ref=optional_text(ref), text=optional_text(text))
