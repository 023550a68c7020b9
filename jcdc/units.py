"""Units under assessment (积分办法 第二条): the roster, and finding a unit by name."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import (
    MAX_NAME, Category, InputError, JcdcError, Quarter, Unit, UnknownUnit, name_key, optional_name,
    parse_choice, required_name,
)
from jcdc.session import current_user, parse_date, timestamp
from jcdc.store import Store

_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
_ALIAS_SEP = re.compile(r"[;;、|]")


def roster_text() -> str:
    """data/units.csv: the real roster of Jincheng, shipped inside the package."""
    from importlib.resources import files

    return files("jcdc.data").joinpath("units.csv").read_text(encoding="utf-8")


def parse_category(text: str) -> Category:
    return parse_choice(Category, msg.CATEGORY, msg.BAD_CATEGORY, text, msg.CATEGORY_ALSO)


def make_unit(code: str, name: str, category: str | Category, group: str | None = None,
              aliases: tuple[str, ...] | list[str] = (), valid_from: dt.date | None = None,
              valid_to: dt.date | None = None, rules=None) -> Unit:
    """A unit as the clerk gives it. Its category must be one `rules` (the
    ledger's rule set; without it, the one in use) ranks, and without a group it
    is ranked in the group of its category there (积分办法 第二条)."""
    from jcdc.ruleset.words import in_use

    code = (code or "").strip()
    if not _CODE.match(code):
        raise InputError(msg.BAD_UNIT_CODE.format(code=code))
    name = required_name(name, "name")
    cat = category if isinstance(category, Category) else parse_category(category)
    rules = rules or in_use()
    ranked = [g.name for g in rules.groups.values() if cat in g.categories]
    if not ranked:
        raise InputError(msg.UNIT_CATEGORY_NOT_RANKED.format(category=msg.CATEGORY[cat.value], version=rules.version))
    clean_aliases = tuple(dict.fromkeys(filter(None, (optional_name(a, "alias") for a in aliases))))
    return Unit(code, name, cat, optional_name(group, "group") or ranked[0], clean_aliases,
                valid_from, valid_to)


def groups(store: Store) -> list[str]:
    """The ranking groups: those of the ledger's rule set (积分办法 第二条: 县区, 市直,
    驻市 under Jincheng's) and any the office has set up."""
    from jcdc.rulebook import RuleBook

    return list(dict.fromkeys([*RuleBook.of(store).current.rules.groups, *(u.group for u in store.units())]))


def _check_group(unit: Unit, known: list[str], new_group: bool) -> None:
    """A group that is not one of the groups is a typing mistake (--group 市值 for
    市直) unless the clerk says it is a new one: a one-unit group would rank first."""
    if unit.group not in known and not new_group:
        raise JcdcError(msg.UNIT_UNKNOWN_GROUP.format(group=unit.group, groups="、".join(known)))


def _check_free(unit: Unit, taken: dict[str, str], by_code: dict[str, Unit] | None = None) -> None:
    if unit.code in taken and taken[unit.code] == unit.code:
        # the unit the code already names, not the one the clerk is adding
        existing = (by_code or {}).get(unit.code)
        raise JcdcError(msg.UNIT_EXISTS.format(code=unit.code, name=existing.name if existing else unit.name))
    for name in (unit.code, unit.name, *unit.aliases):
        if name in taken:
            raise JcdcError(msg.UNIT_NAME_TAKEN.format(name=name, code=taken[name]))
    # A name a reader cannot tell from a registered one (ＺＺ, Zz beside zz) is
    # taken too: the ranking would show two units under one name.
    keys = {name_key(name): name for name in taken}
    for name in (unit.code, unit.name, *unit.aliases):
        if name_key(name) in keys:
            seen = keys[name_key(name)]
            raise JcdcError(msg.NAME_LOOKS_TAKEN.format(name=name, code=taken[seen], taken=seen))


def _check_closed_quarters(store: Store, before: Unit | None, after: Unit) -> None:
    """A roster change must not add a unit to, or drop one from, a closed
    quarter's ranking: that ranking has been published (jcdc close)."""
    for key in sorted(store.closed_quarters()):
        q = Quarter.from_key(key)
        was = before is not None and before.in_force(q.start, q.end)
        if was != after.in_force(q.start, q.end):
            raise JcdcError(msg.UNIT_CHANGES_CLOSED.format(name=after.name, quarter=q.label, next=q.end))


def add_unit(store: Store, unit: Unit, by: str | None = None, new_group: bool = False) -> Unit:
    with store.write():
        _check_group(unit, groups(store), new_group)
        index = UnitIndex.of(store)
        _check_free(unit, index.names, index.by_code)
        _check_closed_quarters(store, None, unit)
        store.insert_unit(unit, current_user(by), timestamp())
    return unit


def _units_from_csv(text: str, rules=None) -> list[tuple[int, Unit]]:
    reader = CsvReader(text)
    missing = {"code", "name", "category"} - set(reader.fieldnames or ())
    if missing:
        raise InputError(msg.UNIT_FILE_HEADER.format(missing=", ".join(sorted(missing))))
    units = []
    for row in reader:
        line = reader.line_num
        try:
            units.append((line, make_unit(
                row["code"] or "", row["name"] or "", row["category"] or "", row.get("group"),
                _ALIAS_SEP.split(row.get("aliases") or ""),
                parse_date(row["valid_from"]) if (row.get("valid_from") or "").strip() else None,
                parse_date(row["valid_to"]) if (row.get("valid_to") or "").strip() else None, rules)))
        except JcdcError as e:
            raise type(e)(msg.UNIT_FILE_ROW.format(line=line, text=e)) from None
    return units


def import_units(store: Store, text: str, by: str | None = None, skip_existing: bool = False,
                 new_group: bool = False) -> tuple[int, int]:
    """Add every unit of a CSV file in one transaction; (added, already there).

    With skip_existing, a unit whose code is already registered with the same
    name is passed over (that is what makes `jcdc init` idempotent). A group
    that is not one of the groups is refused unless new_group.
    """
    from jcdc.rulebook import RuleBook

    rows = _units_from_csv(text, RuleBook.of(store).current.rules)
    who, at = current_user(by), timestamp()
    added = skipped = 0
    with store.write():
        index = UnitIndex.of(store)
        taken, existing = index.names, index.by_code
        known = groups(store)
        for line, unit in rows:
            # the name it was registered under: a rename since (机构改革) does not make it another unit
            if skip_existing and unit.code in existing and existing[unit.code].name_on(dt.date.min) == unit.name:
                skipped += 1
                continue
            try:
                _check_group(unit, known, new_group)
                _check_free(unit, taken, existing)
                _check_closed_quarters(store, None, unit)
            except JcdcError as e:
                raise JcdcError(msg.UNIT_FILE_ROW.format(line=line, text=e)) from None
            store.insert_unit(unit, who, at)
            for name in (unit.code, unit.name, *unit.aliases):
                taken[name] = unit.code
            if unit.group not in known:
                known.append(unit.group)
            added += 1
    return added, skipped


def roster_year() -> tuple[int, str]:
    """(the year, in words what it describes) of the shipped roster, from
    data/units.json beside it: the names are those of that year, before any
    institutional reform the ledger's years may have seen."""
    import json
    from importlib.resources import files

    about = json.loads(files("jcdc.data").joinpath("units.json").read_text(encoding="utf-8"))
    return int(about["year"]), str(about.get("describes") or "")


def roster_may_be_old(store: Store, year: int, today: dt.date) -> bool:
    """The ledger's first entries (or, with none yet, today) are later than the
    roster's year and no rename or merge is recorded: names may have changed."""
    if store.unit_changes():
        return False
    first = store.first_entry_date()
    return (first or today).year > year


def load_roster(store: Store, by: str | None = None) -> tuple[int, int]:
    return import_units(store, roster_text(), by, skip_existing=True)


# A roster, a list of inspectors or a report's problems is a few hundred lines; a
# file beyond this is not one (/dev/zero, a log picked by mistake), refused unread.
TEXT_FILE_MAX_BYTES = 64 << 20


def read_units_file(path: Path) -> str:
    """The text of a file a clerk gives (a roster, a list of inspectors, a
    report's lists): UTF-8 (with or without BOM) or GB18030, what Excel writes
    on Chinese Windows. A file that cannot be read, is neither, or ends in the
    middle of a character (a copy cut short) is refused with one line."""
    from jcdc.files import read_capped

    try:
        raw = read_capped(path, TEXT_FILE_MAX_BYTES, msg.FILE_WHAT_TEXT)
    except FileNotFoundError:
        raise JcdcError(msg.FILE_NOT_FOUND.format(path=path)) from None
    except IsADirectoryError:
        raise JcdcError(msg.FILE_IS_FOLDER.format(path=path)) from None
    except (OSError, ValueError) as e:  # no permission, a name too long, a NUL in the name
        raise JcdcError(msg.FILE_UNREADABLE.format(path=path, reason=getattr(e, "strerror", None) or e)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as e:
            if e.end >= len(raw) and e.start >= len(raw) - 3:  # only the last character is incomplete
                raise JcdcError(msg.FILE_CUT_OFF.format(path=path)) from None
    raise JcdcError(msg.FILE_NOT_TEXT.format(path=path))


class CsvReader(csv.DictReader):
    """csv.DictReader over a file's text, strict: a quote left open (a file cut
    short, a cell pasted badly) is refused with its line, never read as one long
    cell that swallows the rows after it."""

    def __init__(self, text: str):
        super().__init__(io.StringIO(text.lstrip("\ufeff")), strict=True)

    @property
    def fieldnames(self):
        try:
            return super().fieldnames
        except csv.Error as e:
            raise InputError(msg.FILE_BAD_CSV.format(line=1, text=e)) from None

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        try:
            return super().__next__()
        except csv.Error as e:  # named by the line the record starts on: where the quote opened
            raise InputError(msg.FILE_BAD_CSV.format(line=self.line_num + 1, text=e)) from None


def end_unit(store: Store, text: str, last_day: dt.date, by: str | None = None) -> Unit:
    """The unit is abolished (撤销) or merged away after `last_day`."""
    with store.write():
        unit = find_unit(store, text)
        if unit.valid_to is not None:
            raise JcdcError(msg.UNIT_ALREADY_ENDED.format(name=unit.name, date=unit.valid_to))
        if unit.valid_from is not None and last_day < unit.valid_from:
            raise JcdcError(msg.UNIT_END_BEFORE_START.format(
                name=unit.name, date=last_day, since=unit.valid_from))
        _check_closed_quarters(store, unit, replace(unit, valid_to=last_day))
        count, first = store.standing_entries_after(unit.code, last_day)
        if count:
            raise JcdcError(msg.UNIT_HAS_LATER_ENTRIES.format(name=unit.name, date=last_day, count=count,
                                                               first=first))
        store.end_unit(unit.code, last_day, current_user(by), timestamp())
    return find_unit(store, unit.code)


class UnitIndex:
    """Every name a unit answers to — code, full name, alias — for exact lookup."""

    def __init__(self, units: list[Unit]):
        self.by_code = {u.code: u for u in units}
        self.names: dict[str, str] = {}
        for u in units:
            for name in (u.code, u.name, *(n for _, n in u.names), *u.aliases):
                self.names[name] = u.code

    @classmethod
    def of(cls, store: Store) -> UnitIndex:
        return cls(store.units())

    def find(self, text: str) -> Unit:
        """The unit named exactly `text`.

        A ledger that docks points never guesses: anything else is refused, with
        the closest names as suggestions.
        """
        key = (text or "").strip()
        if key in self.names:
            return self.by_code[self.names[key]]
        if len(key) > MAX_NAME:  # no unit has such a name; nothing near it to suggest
            raise UnknownUnit(msg.UNKNOWN_UNIT.format(text=key[:MAX_NAME] + "…"))
        raise UnknownUnit(self._unknown_message(key))

    def unit_or_body(self, unit: str | None, body: str | None, missing: str) -> tuple[str | None, str | None]:
        """(ranked unit code, body) of whatever names a body — an inspector's
        (三库办法 第五条) or a case's subject (追究办法 第二条): the ranked unit
        named, with the body under it if one is given; else a body named exactly
        as a ranked unit is that unit, so that avoidance and cases count for it;
        else the body alone. Neither given: refused with `missing`."""
        if unit is not None:
            return self.find(unit).code, body
        if body is None:
            raise InputError(missing)
        if body in self.names:
            return self.names[body], None
        return None, body

    def _unknown_message(self, text: str) -> str:
        if not text:
            return msg.EMPTY_VALUE.format(field=msg.FIELD_NAMES["unit"])
        candidates: list[str] = [self.by_code[code].name for name, code in self.names.items()
                                 if name.casefold() == text.casefold()]  # ZZ for zz
        # A short form the clerk typed (泽州 for 泽州县) or a longer one (泽州县人民政府).
        for u in self.by_code.values():
            if text in u.name or (len(u.name) >= 2 and u.name in text):
                candidates.append(u.name)
        close = difflib.get_close_matches(text, list(self.names), n=3, cutoff=0.5)
        candidates += [self.by_code[self.names[c]].name for c in close]
        suggestions = list(dict.fromkeys(candidates))[:3]
        if not suggestions:
            return msg.UNKNOWN_UNIT.format(text=text)
        return msg.UNKNOWN_UNIT_SUGGEST.format(text=text, suggestion="」或「".join(suggestions))


def find_unit(store: Store, text: str) -> Unit:
    return UnitIndex.of(store).find(text)


def check_in_force(unit: Unit, day: dt.date) -> None:
    """A unit takes entries only on the days it is in force; one merged away names
    the unit it merged into, which takes them from the merge on."""
    if unit.successor is not None and unit.valid_to is not None and day > unit.valid_to:
        raise JcdcError(msg.UNIT_MERGED_INTO.format(name=unit.name, date=unit.valid_to + dt.timedelta(days=1),
                                                    successor=unit.successor[1]))
    if not unit.in_force(day, day):
        span = msg.UNIT_SPAN.format(since=unit.valid_from or msg.SPAN_OPEN_START,
                                    until=unit.valid_to or msg.SPAN_OPEN_END)
        raise JcdcError(msg.UNIT_NOT_IN_FORCE.format(name=unit.name, date=day, span=span))


# --- institutional reform (机构改革): renames and merges ----------------------------------


def _check_reform_date(store: Store, day: dt.date, name: str) -> None:
    """A rename or merge changes the names and units of every ranking from `day`
    on: one dated inside (or before) a closed quarter would change a published
    ranking (jcdc close), so it is refused until that quarter is reopened."""
    closed = [Quarter.from_key(k) for k in store.closed_quarters()]
    reached = [q for q in closed if q.end >= day]
    if reached:
        last = max(closed, key=lambda q: q.key)
        raise JcdcError(msg.REFORM_IN_CLOSED.format(
            name=name, date=day, quarter=min(reached, key=lambda q: q.key).label, end=last.end))


def _check_in_force_on(unit: Unit, day: dt.date) -> None:
    if not unit.in_force(day, day):
        span = msg.UNIT_SPAN.format(since=unit.valid_from or msg.SPAN_OPEN_START,
                                    until=unit.valid_to or msg.SPAN_OPEN_END)
        raise JcdcError(msg.UNIT_NOT_IN_FORCE.format(name=unit.name, date=day, span=span))


def rename_unit(store: Store, text: str, new_name: str, day: dt.date, aliases: tuple[str, ...] = (),
                doc: str | None = None, by: str | None = None) -> tuple[Unit, str]:
    """The unit `text` is called `new_name` from `day` on (机构改革更名). Its code,
    group and entries stay: a ranking before `day` shows the old name, one whose
    last day is `day` or later the new, and 第十七条's two years follow the code.
    Returns the unit as renamed and the name it had the day before."""
    new_name = required_name(new_name, "name")
    clean = tuple(dict.fromkeys(filter(None, (optional_name(a, "alias") for a in aliases))))
    doc = optional_name(doc, "doc")
    with store.write():
        index = UnitIndex.of(store)
        unit = index.find(text)
        old = unit.name_on(day - dt.timedelta(days=1))
        _check_in_force_on(unit, day)
        if unit.valid_from is not None and day <= unit.valid_from:
            raise JcdcError(msg.RENAME_NOT_AFTER_START.format(name=unit.name, date=day, since=unit.valid_from))
        if any(since is not None and since >= day for since, _ in unit.names[1:]):
            later = max(since for since, _ in unit.names[1:] if since is not None)
            raise JcdcError(msg.RENAME_NOT_AFTER_LAST.format(name=unit.name, date=day, last=later))
        if new_name == unit.name_on(day):
            raise JcdcError(msg.RENAME_SAME.format(name=new_name))
        for name in (new_name, *clean):
            if index.names.get(name, unit.code) != unit.code:
                raise JcdcError(msg.UNIT_NAME_TAKEN.format(name=name, code=index.names[name]))
            keys = {name_key(n): n for n, code in index.names.items() if code != unit.code}
            if name_key(name) in keys:
                seen = keys[name_key(name)]
                raise JcdcError(msg.NAME_LOOKS_TAKEN.format(name=name, code=index.names[seen], taken=seen))
        _check_reform_date(store, day, unit.name)
        store.rename_unit(unit.code, day, new_name, clean, doc, current_user(by), timestamp())
    return find_unit(store, unit.code), old


def merge_units(store: Store, texts: list[str], into: str, day: dt.date, code: str | None = None,
                category: str | None = None, group: str | None = None, aliases: tuple[str, ...] = (),
                doc: str | None = None, by: str | None = None, new_group: bool = False) -> tuple[list[Unit], Unit, bool]:
    """The units `texts` merge into `into` from `day` on (机构改革合并): each is
    ended the day before, with a record naming the unit it merged into; `into` is
    a registered unit in force on `day` (they fold into it) or a new one set up
    on `day` (`code` given; its category and group those of the units merged, or
    given). Entries of the merged units dated `day` or later are refused, naming
    the successor. Returns (the units merged, the successor, whether it is new).

    **Reading** 第十七条 across a merge: a new successor has no year of its own
    before `day`; the two-consecutive-years condition is not carried over from
    the units merged into it (whose bottom-two year was theirs), so for its first
    year it cannot be judged and the annual views say so. A unit folded into an
    existing one leaves that unit's own history as it is."""
    doc = optional_name(doc, "doc")
    with store.write():
        index = UnitIndex.of(store)
        merged = list({u.code: u for u in (index.find(t) for t in texts)}.values())
        if not merged:
            raise InputError(msg.MERGE_NOTHING)
        into_text = (into or "").strip()
        existing = index.names.get(into_text)
        if existing is not None and code is not None and code != existing:
            raise JcdcError(msg.MERGE_CODE_OF_EXISTING.format(name=into_text, code=existing))
        for unit in merged:
            if unit.valid_to is not None:
                raise JcdcError(msg.UNIT_ALREADY_ENDED.format(name=unit.name, date=unit.valid_to))
            if unit.valid_from is not None and day <= unit.valid_from:
                raise JcdcError(msg.UNIT_END_BEFORE_START.format(
                    name=unit.name, date=day - dt.timedelta(days=1), since=unit.valid_from))
            if unit.code == existing:
                raise JcdcError(msg.MERGE_INTO_ITSELF.format(name=unit.name))
        _check_reform_date(store, day, merged[0].name)
        for unit in merged:
            count, first = store.standing_entries_after(unit.code, day - dt.timedelta(days=1))
            if count:
                raise JcdcError(msg.MERGE_LATER_ENTRIES.format(name=unit.name, date=day, count=count, first=first))
        who, at = current_user(by), timestamp()
        if existing is not None:
            successor, created = index.by_code[existing], False
            _check_in_force_on(successor, day)
        else:
            if code is None:
                raise InputError(msg.MERGE_NEEDS_CODE.format(name=into_text))
            cats = {u.category for u in merged}
            grps = {u.group for u in merged}
            if category is None and len(cats) > 1:
                raise InputError(msg.MERGE_NEEDS_CATEGORY.format(name=into_text))
            successor = make_unit(code, into_text, category or next(iter(cats)),
                                  group or (next(iter(grps)) if len(grps) == 1 and category is None else None),
                                  aliases, valid_from=day)
            _check_group(successor, groups(store), new_group)
            _check_free(successor, index.names, index.by_code)
            store.insert_unit(successor, who, at)
            created = True
        for unit in merged:
            store.merge_unit(unit.code, day, successor.code, doc, who, at)
    return [find_unit(store, u.code) for u in merged], find_unit(store, successor.code), created


@dataclass(frozen=True)
class UnitEvent:
    """One line of a unit's history (jcdc unit history)."""

    date: dt.date | None
    what: str         # 设立 | 更名 | 并入 | 合并设立 | 承接 | 撤销
    name: str         # the unit's name from that day on
    detail: str       # what changed, in words
    doc: str | None
    recorded_by: str
    recorded_at: str


def unit_history(store: Store, text: str) -> tuple[Unit, list[UnitEvent]]:
    """Everything the roster records of a unit, oldest first: its setting up, each
    rename, the units merged into it, its merging into another, its ending."""
    index = UnitIndex.of(store)
    unit = index.find(text)
    by_code = index.by_code
    records = [r for r in store.records("unit_records") if r["code"] == unit.code]
    changes = store.unit_change_rows(unit.code)
    merged_from = [c for c in changes if c["action"] == "merge" and c["successor"] == unit.code]
    merged_away = next((c for c in changes if c["action"] == "merge" and c["code"] == unit.code), None)
    events: list[tuple[tuple, UnitEvent]] = []
    for r in records:
        if r["action"] == "add":
            day = dt.date.fromisoformat(r["valid_from"]) if r["valid_from"] else None
            from_names = [by_code[c["code"]].name_on(dt.date.fromisoformat(c["date"]) - dt.timedelta(days=1))
                          for c in merged_from if day is not None and dt.date.fromisoformat(c["date"]) == day]
            detail = (msg.HISTORY_SET_UP_BY_MERGE.format(units="、".join(from_names)) if from_names
                      else msg.HISTORY_SET_UP)
            events.append(((day or dt.date.min, r["id"], 0), UnitEvent(
                day, msg.HISTORY_ADD if not from_names else msg.HISTORY_MERGE_NEW, r["name"], detail, None,
                r["recorded_by"], r["recorded_at"])))
        elif r["action"] == "end" and merged_away is None:
            day = dt.date.fromisoformat(r["valid_to"])
            events.append(((day, r["id"], 2), UnitEvent(day, msg.HISTORY_END, unit.name_on(day),
                                                         msg.HISTORY_ENDED.format(date=day), None,
                                                         r["recorded_by"], r["recorded_at"])))
    set_up_by_merge = {e.date for _, e in events if e.what == msg.HISTORY_MERGE_NEW}
    for c in changes:
        day = dt.date.fromisoformat(c["date"])
        if c["action"] == "rename":
            before = unit.name_on(day - dt.timedelta(days=1))
            events.append(((day, c["id"], 1), UnitEvent(day, msg.HISTORY_RENAME, c["name"],
                                                         msg.HISTORY_RENAMED.format(old=before, new=c["name"]),
                                                         c["doc"], c["recorded_by"], c["recorded_at"])))
        elif c["code"] == unit.code:
            succ = by_code[c["successor"]]
            events.append(((day, c["id"], 1), UnitEvent(
                day, msg.HISTORY_MERGE_AWAY, succ.name_on(day),
                msg.HISTORY_MERGED_AWAY.format(name=unit.name_on(day - dt.timedelta(days=1)),
                                               successor=succ.name_on(day), last=day - dt.timedelta(days=1)),
                c["doc"], c["recorded_by"], c["recorded_at"])))
        elif day not in set_up_by_merge:
            other = by_code[c["code"]]
            events.append(((day, c["id"], 1), UnitEvent(
                day, msg.HISTORY_MERGE_IN, unit.name_on(day),
                msg.HISTORY_MERGED_IN.format(name=other.name_on(day - dt.timedelta(days=1)), code=other.code),
                c["doc"], c["recorded_by"], c["recorded_at"])))
        else:  # the new unit's setting up names its document
            for key, e in list(events):
                if e.what == msg.HISTORY_MERGE_NEW and e.date == day and e.doc is None and c["doc"]:
                    events[events.index((key, e))] = (key, replace(e, doc=c["doc"]))
    return unit, [e for _, e in sorted(events, key=lambda x: x[0])]


def predecessors(store: Store) -> dict[str, list[tuple[str, dt.date]]]:
    """Each unit set up by a merge or folded into: the units merged into it, with the day."""
    found: dict[str, list[tuple[str, dt.date]]] = {}
    for action, code, day, _, _, successor in store.unit_changes():
        if action == "merge":
            found.setdefault(successor, []).append((code, dt.date.fromisoformat(day)))
    return found
