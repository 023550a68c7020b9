"""Units under assessment (积分办法 第二条): the roster, and finding a unit by name."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import replace
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import (
    MAX_NAME, Category, InputError, JcdcError, Quarter, Unit, UnknownUnit, name_key, optional_name,
    parse_choice, required_name,
)
from jcdc.rules.jifen import DEFAULT_GROUP
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
              valid_to: dt.date | None = None) -> Unit:
    code = (code or "").strip()
    if not _CODE.match(code):
        raise InputError(msg.BAD_UNIT_CODE.format(code=code))
    name = required_name(name, "name")
    cat = category if isinstance(category, Category) else parse_category(category)
    clean_aliases = tuple(dict.fromkeys(filter(None, (optional_name(a, "alias") for a in aliases))))
    return Unit(code, name, cat, optional_name(group, "group") or DEFAULT_GROUP[cat], clean_aliases,
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


def _check_free(unit: Unit, taken: dict[str, str]) -> None:
    if unit.code in taken and taken[unit.code] == unit.code:
        raise JcdcError(msg.UNIT_EXISTS.format(code=unit.code, name=unit.name))
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
        _check_free(unit, UnitIndex.of(store).names)
        _check_closed_quarters(store, None, unit)
        store.insert_unit(unit, current_user(by), timestamp())
    return unit


def _units_from_csv(text: str) -> list[tuple[int, Unit]]:
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
                parse_date(row["valid_to"]) if (row.get("valid_to") or "").strip() else None)))
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
    rows = _units_from_csv(text)
    who, at = current_user(by), timestamp()
    added = skipped = 0
    with store.write():
        index = UnitIndex.of(store)
        taken, existing = index.names, index.by_code
        known = groups(store)
        for line, unit in rows:
            if skip_existing and unit.code in existing and existing[unit.code].name == unit.name:
                skipped += 1
                continue
            try:
                _check_group(unit, known, new_group)
                _check_free(unit, taken)
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
            for name in (u.code, u.name, *u.aliases):
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
    if not unit.in_force(day, day):
        span = msg.UNIT_SPAN.format(since=unit.valid_from or msg.SPAN_OPEN_START,
                                    until=unit.valid_to or msg.SPAN_OPEN_END)
        raise JcdcError(msg.UNIT_NOT_IN_FORCE.format(name=unit.name, date=day, span=span))
