"""The three inspector pools, inspection tasks, the draws of teams and their
reports (三库办法). Use cases: load from the store, apply jcdc.rules.sanku,
write in one transaction.

Every record is append-only: the pools on a date, a team's members and a
report's state are derived from the dated records, and a draw's record holds
everything `draw verify` needs to recompute it (docs/draw.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jcdc import chain
from jcdc import messages as msg
from jcdc.model import (
    DueItem, InputError, JcdcError, NotFound, UnknownUnit, clean_text, field_name, optional_name, optional_text,
    parse_choice, required_text,
)
from jcdc.rules import sanku
from jcdc.rules.sanku import (
    CITY_LEVEL, OUTSIDE_CITY, POOLS, Action, Candidate, Event, Exclusion, Inspector, Pool, Seat, Status,
    TaskKind, TeamParams,
)
from jcdc.session import current_user, parse_date, timestamp, today
from jcdc.store import Store
from jcdc.units import CsvReader, UnitIndex, check_in_force

_LIST_SEP = re.compile(r"[;;、|]")


def _one_line(value: str | None, field: str, name: bool = False) -> str:
    """Names, seeds and reasons enter the draw's canonical encoding line by line;
    a name is checked as every name is (model.clean_text)."""
    text = required_text(value, field, name)
    if any(ord(ch) < 32 for ch in text):
        raise InputError(msg.ONE_LINE.format(field=field_name(field), text=text))
    return text


def parse_pool(text: str) -> Pool:
    return parse_choice(Pool, msg.POOL, msg.BAD_POOL, text, msg.POOL_ALSO)


def parse_kind(text: str) -> TaskKind:
    return parse_choice(TaskKind, msg.TASK_KIND, msg.BAD_TASK_KIND, text, msg.TASK_KIND_ALSO)


# --- inspectors -------------------------------------------------------------------------


def _inspector(row: dict) -> Inspector:
    return Inspector(
        id=row["inspector"], name=row["name"], pool=Pool(row["pool"]), unit=row["unit"],
        region=row["region"], expertise=tuple(json.loads(row["expertise"])), phone=row["phone"],
        since=dt.date.fromisoformat(row["since"]), active=row["action"] != "retire",
        reason=row["reason"], org=row.get("org"), record=row["id"])


def _records(store: Store) -> list[Inspector]:
    return [_inspector(r) for r in store.inspector_records()]


def pools_on(store: Store, day: dt.date) -> dict[int, Inspector]:
    return sanku.pools_on(_records(store), day)


def list_inspectors(store: Store, pool: Pool | None, on: dt.date | None = None) -> list[Inspector]:
    """The pools as they stood on `on`, today by default (第五条 动态管理): active inspectors only."""
    return [i for i in pools_on(store, on or today()).values()
            if i.active and (pool is None or i.pool is pool)]


def _region(units: UnitIndex, unit_code: str | None, text: str | None) -> str:
    if not (text or "").strip():
        return sanku.region_of(units.by_code[unit_code]) if unit_code else CITY_LEVEL
    if text.strip() in (CITY_LEVEL, OUTSIDE_CITY):
        return text.strip()
    try:
        county = units.find(text)
    except UnknownUnit:  # a place outside the roster: say what the column takes
        raise InputError(msg.BAD_REGION.format(text=text)) from None
    if sanku.region_of(county) == CITY_LEVEL:
        raise InputError(msg.BAD_REGION.format(text=text))
    return county.code


@dataclass(frozen=True)
class InspectorChange:
    """What the clerk states; None keeps the value the inspector has."""

    name: str | None = None
    pool: Pool | None = None
    unit: str | None = None
    region: str | None = None
    expertise: tuple[str, ...] | None = None
    phone: str | None = None
    org: str | None = None  # 第五条: any body; with or without the ranked unit it belongs to

    @property
    def restates_body(self) -> bool:
        """--unit or --org states the inspector's body anew: the other one, not given, is cleared."""
        return self.unit is not None or self.org is not None


def _body(units: UnitIndex, change: InspectorChange) -> tuple[str | None, str | None]:
    """(unit code, org) as stated (三库办法 第五条); an --org named as a ranked unit is that
    unit, so that avoidance (第七条) cannot be missed by typing it as --org."""
    org = _one_line(change.org, "org", name=True) if change.org is not None else None
    unit = change.unit if change.unit is not None and (change.unit.strip() or org is None) else None
    return units.unit_or_body(unit, org, msg.INSPECTOR_NO_BODY)


def _changed(units: UnitIndex, base: Inspector, change: InspectorChange) -> Inspector:
    unit, org = _body(units, change) if change.restates_body else (base.unit, base.org)
    region = (_region(units, unit, change.region) if change.restates_body or change.region is not None
              else base.region)
    expertise = base.expertise if change.expertise is None else tuple(
        dict.fromkeys(filter(None, (optional_name(e, "expertise") for e in change.expertise))))
    return replace(
        base, name=_one_line(change.name, "姓名", name=True) if change.name is not None else base.name,
        pool=change.pool or base.pool, unit=unit, org=org, region=region, expertise=expertise,
        phone=optional_name(change.phone, "phone") if change.phone is not None else base.phone)


def _record_row(ins: Inspector, action: str, by: str, at: str) -> dict:
    return {
        "inspector": ins.id, "action": action, "since": ins.since.isoformat(), "name": ins.name,
        "pool": ins.pool.value, "unit": ins.unit, "region": ins.region,
        "expertise": json.dumps(list(ins.expertise), ensure_ascii=False), "phone": ins.phone,
        "reason": ins.reason, "recorded_by": by, "recorded_at": at, "org": ins.org,
    }


def _new_inspector(units: UnitIndex, number: int, change: InspectorChange, since: dt.date) -> Inspector:
    if change.pool is None:
        raise InputError(msg.EMPTY_VALUE.format(field=field_name("pool")))
    if not change.restates_body:
        raise InputError(msg.INSPECTOR_NO_BODY)
    blank = Inspector(number, "", change.pool, None, CITY_LEVEL, (), None, since)
    ins = _changed(units, blank, replace(change, name=change.name or ""))
    if ins.unit is not None:
        check_in_force(units.by_code[ins.unit], since)
    return ins


def add_inspector(store: Store, change: InspectorChange, since: dt.date | None = None,
                  by: str | None = None) -> Inspector:
    with store.write():
        ins = _new_inspector(UnitIndex.of(store), store.last_inspector() + 1, change, since or today())
        store.append("inspectors", [_record_row(ins, "add", current_user(by), timestamp())])
    return ins


# CSV headers a clerk's spreadsheet may carry, Chinese or English.
_HEADERS = {
    "name": ("name", "姓名"), "pool": ("pool", "库", "类别", "人员类别"),
    "unit": ("unit", "单位", "所在单位"), "org": ("org", "单位名称"), "region": ("region", "地区", "所属县区"),
    "expertise": ("expertise", "专长"), "phone": ("phone", "电话", "联系电话"),
    "since": ("since", "起始日期", "入库日期"),
}


@dataclass(frozen=True)
class InspectorImport:
    """What an import did, row by row: new people, changed records, rows left as they were."""

    added: list[Inspector]
    updated: list[Inspector]
    skipped: list[tuple[int, str]]  # (line, why)


def _person(ins: Inspector) -> tuple:
    """The same person, for an import: name, organisation and pool."""
    return ins.name, ins.org or ins.unit, ins.pool


def _details(ins: Inspector) -> tuple:
    return ins.unit, ins.org, ins.region, ins.expertise, ins.phone


def import_inspectors(store: Store, text: str, by: str | None = None) -> InspectorImport:
    """Every row of a CSV file in one transaction: all of them, or none.

    Importing the same file again changes nothing: a row naming someone
    already in the pools (same name, organisation and pool) is skipped when it
    says what the record says, and is an update when a field differs, from the
    row's date when that is later than the person's last record, else from the
    day of the import."""
    reader = CsvReader(text)
    found = {h.strip(): h for h in reader.fieldnames or ()}
    column = {key: next((found[n] for n in names if n in found), None) for key, names in _HEADERS.items()}
    missing = [key for key in ("name", "pool") if column[key] is None]
    if column["unit"] is None and column["org"] is None:
        missing.append("unit/org")
    if missing:
        raise InputError(msg.INSPECTOR_FILE_HEADER_ORG.format(missing=", ".join(missing)))
    who, at, day = current_user(by), timestamp(), today()
    done = InspectorImport([], [], [])
    with store.write():
        units, number = UnitIndex.of(store), store.last_inspector()
        latest = {i.id: i for i in _records(store)}  # records in write order: the last one stands
        for row in reader:
            def cell(key: str) -> str | None:
                return ((row.get(column[key]) or "").strip() or None) if column[key] else None
            try:
                change = InspectorChange(
                    name=_one_line(cell("name"), "姓名", name=True), pool=parse_pool(cell("pool") or ""),
                    unit=cell("unit"), org=cell("org"), region=cell("region"),
                    expertise=tuple(_LIST_SEP.split(cell("expertise"))) if cell("expertise") else None,
                    phone=cell("phone"))
                since = parse_date(cell("since")) if cell("since") else day
                new = _new_inspector(units, number + len(done.added) + 1, change, since)
                same = next((i for i in latest.values() if _person(i) == _person(new)), None)
                if same is None:
                    done.added.append(new)
                    latest[new.id] = new
                elif not same.active:
                    done.skipped.append((reader.line_num, msg.IMPORT_SKIP_RETIRED.format(
                        id=same.id, name=same.name, date=same.since)))
                else:
                    changed = replace(_changed(units, same, replace(change, name=None, pool=None)),
                                      since=since if since > same.since else day)
                    if change.region is None and (changed.unit, changed.org) == (same.unit, same.org):
                        changed = replace(changed, region=same.region)  # a blank cell states nothing
                    if _details(changed) == _details(same):
                        done.skipped.append((reader.line_num, msg.IMPORT_SKIP_SAME.format(
                            id=same.id, name=same.name)))
                        continue
                    _check_dated(same, changed.since)
                    done.updated.append(changed)
                    latest[same.id] = changed
            except JcdcError as e:
                raise type(e)(msg.UNIT_FILE_ROW.format(line=reader.line_num, text=e)) from None
        rows = [_record_row(i, "add", who, at) for i in done.added]
        rows += [_record_row(i, "update", who, at) for i in done.updated]
        store.append("inspectors", rows)
    return done


def _latest(store: Store, number: int) -> Inspector:
    mine = [r for r in _records(store) if r.id == number]
    if not mine:
        raise NotFound(msg.INSPECTOR_NOT_FOUND.format(id=number))
    return mine[-1]  # one inspector's records follow each other in time (_check_dated)


def _check_dated(latest: Inspector, since: dt.date) -> None:
    """Records of one inspector follow each other in time: the pools on any date stay unambiguous."""
    if not latest.active:
        raise JcdcError(msg.INSPECTOR_RETIRED.format(id=latest.id, name=latest.name, date=latest.since))
    if since < latest.since:
        raise JcdcError(msg.INSPECTOR_BACKDATED.format(id=latest.id, date=since, since=latest.since))


def update_inspector(store: Store, number: int, change: InspectorChange, since: dt.date,
                     by: str | None = None) -> Inspector:
    if change == InspectorChange():
        raise InputError(msg.INSPECTOR_NO_CHANGE_ORG)
    with store.write():
        latest = _latest(store, number)
        _check_dated(latest, since)
        units = UnitIndex.of(store)
        ins = replace(_changed(units, latest, change), since=since)
        if change.restates_body and ins.unit is not None:
            check_in_force(units.by_code[ins.unit], since)
        store.append("inspectors", [_record_row(ins, "update", current_user(by), timestamp())])
    return ins


def retire_inspector(store: Store, number: int, day: dt.date, reason: str, by: str | None = None) -> Inspector:
    """第五条: 发生人事变动 — out of the pools from `day` on; earlier draws keep them."""
    with store.write():
        latest = _latest(store, number)
        _check_dated(latest, day)
        ins = replace(latest, since=day, active=False, reason=_one_line(reason, "reason"))
        store.append("inspectors", [_record_row(ins, "retire", current_user(by), timestamp())])
    return ins


# --- tasks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    id: int
    name: str
    kind: TaskKind
    start: dt.date
    end: dt.date


def _task(row: dict) -> Task:
    return Task(row["id"], row["name"], TaskKind(row["kind"]), dt.date.fromisoformat(row["start"]),
                dt.date.fromisoformat(row["end"]))


def tasks(store: Store) -> list[Task]:
    return [_task(r) for r in store.tasks()]


def add_task(store: Store, name: str, kind: TaskKind, start: dt.date, end: dt.date,
             by: str | None = None) -> Task:
    name = _one_line(name, "任务名称", name=True)
    if name.isdigit():  # a task is named by its id or its name: the two must not collide
        raise InputError(msg.TASK_NAME_DIGITS.format(name=name))
    if end < start:
        raise InputError(msg.TASK_END_BEFORE_START.format(start=start, end=end))
    with store.write():
        if any(t.name == name for t in tasks(store)):
            raise JcdcError(msg.TASK_EXISTS.format(name=name))
        [task_id] = store.append("tasks", [{
            "name": name, "kind": kind.value, "start": start.isoformat(), "end": end.isoformat(),
            "recorded_by": current_user(by), "recorded_at": timestamp()}])
    return Task(task_id, name, kind, start, end)


def find_task(store: Store, text: str) -> Task:
    key = (text or "").strip()
    for t in tasks(store):
        if key == t.name or key == str(t.id):
            return t
    raise NotFound(msg.TASK_NOT_FOUND.format(text=text))


# --- draws ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draw:
    """A draw's record, as written: every input of the draw and its ranking."""

    id: int
    task: int
    team: str
    targets: tuple[str, ...]
    seats: dict[Pool, int]
    attendants: tuple[str, ...]
    override_reason: str | None
    seed: str
    seed_source: str
    algorithm: str
    roster_text: str
    roster_hash: str
    excluded: tuple[tuple[int, Exclusion], ...]
    ranking: dict[Pool, list[int]]
    events_seen: int
    recorded_by: str
    recorded_at: str
    nominated: tuple[dict, ...] = ()    # 第七条: {inspector, body, approved_by}, seated before the draw
    inspectors_seen: int | None = None  # the last inspector record the draw saw (None: drawn before it was kept)
    seed_public_source: str | None = None  # SPEC §5: where a seed the office gave comes from, in public
    attempt: int = 1                    # the team's n-th draw (SPEC §5); 1 where written before attempts were kept
    redraw_reason: str | None = None    # why the team was drawn again (attempt 2 on)

    @property
    def nominees(self) -> tuple[int, ...]:
        return tuple(n["inspector"] for n in self.nominated)

    @property
    def drawn_on(self) -> dt.date | None:
        """The day the draw was recorded (None if the record no longer says: verify reports the edit)."""
        try:
            return dt.date.fromisoformat(self.recorded_at[:10])
        except (TypeError, ValueError):
            return None

    @property
    def roster(self) -> tuple[Candidate, ...]:
        """The inverse of sanku.roster_bytes."""
        lines = [line.split(" ") for line in self.roster_text.splitlines()]
        return tuple(Candidate(int(i), Pool(p), int(n)) for i, p, n in lines)

    @property
    def params(self) -> TeamParams:
        return TeamParams(self.task, self.team, self.targets, self.seats)


def _draw(row: dict) -> Draw:
    return Draw(
        id=row["id"], task=row["task"], team=row["team"], targets=tuple(json.loads(row["targets"])),
        seats={Pool(p): n for p, n in json.loads(row["seats"]).items()},
        attendants=tuple(json.loads(row["attendants"])), override_reason=row["override_reason"],
        seed=row["seed"], seed_source=row["seed_source"], algorithm=row["algorithm"],
        roster_text=row["roster"], roster_hash=row["roster_hash"],
        excluded=tuple((i, Exclusion(r)) for i, r in json.loads(row["excluded"])),
        ranking={Pool(p): ids for p, ids in json.loads(row["ranking"]).items()},
        events_seen=row["events_seen"], recorded_by=row["recorded_by"], recorded_at=row["recorded_at"],
        nominated=tuple(json.loads(row["nominated"])) if row.get("nominated") else (),
        inspectors_seen=row.get("inspectors_seen"), seed_public_source=row.get("seed_public_source"),
        attempt=row.get("attempt") or 1, redraw_reason=row.get("redraw_reason"))


def _event(row: dict) -> Event:
    return Event(row["id"], row["draw"], Action(row["action"]), row["inspector"])


@dataclass(frozen=True)
class Ledger:
    """Everything a draw depends on, loaded once."""

    records: list[Inspector]
    tasks: dict[int, Task]
    draws: list[Draw]
    events: list[Event]

    @classmethod
    def of(cls, store: Store) -> Ledger:
        return cls(_records(store), {t.id: t for t in tasks(store)},
                   [_draw(r) for r in store.draws()], [_event(r) for r in store.draw_events()])

    def members(self, draw: Draw, before_event: int | None = None) -> list[Seat]:
        return sanku.team(draw.ranking, draw.seats, [
            e for e in self.events if e.draw == draw.id and (before_event is None or e.id < before_event)],
            draw.nominees)

    def standing(self, existed=lambda d: True) -> list[Draw]:
        """The draws that stand among those for which `existed` holds (all of
        them by default): each team's latest attempt (SPEC §5: a draw again for
        the same team replaces the earlier one, which stays on record)."""
        latest: dict[tuple[int, str], Draw] = {}
        for d in self.draws:
            if existed(d):
                latest[d.task, d.team] = d
        return list(latest.values())

    def replaced_by(self, draw: Draw) -> Draw | None:
        """The team's next attempt, which replaced `draw`; None while it stands."""
        return next((d for d in self.draws if (d.task, d.team) == (draw.task, draw.team) and d.id > draw.id),
                    None)

    def busy(self, task: int, team: str | None, draw_existed, before_event: int | None) -> set[int]:
        """Who sits on another team of the task (a team other than `team`, in
        its standing draw among those for which `draw_existed` holds): drawn,
        not declined or failed."""
        return {s.inspector for d in self.standing(draw_existed)
                if d.task == task and d.team != team
                for s in self.members(d, before_event) if s.status not in sanku.VACATING}

    def states(self, task: Task, seen: int | None) -> dict[int, list[Inspector]]:
        """Each inspector in the pools on the task's start, on every day of the
        task (第五条), as the pools stood when record `seen` was the last one:
        the ledger as it stood when the draw was recorded (SPEC §5 "verifying a
        draw"; a record written later is verify's note, never the draw's
        input). A draw recorded before `seen` was kept (None) read the pools on
        the start date alone, and is recomputed so."""
        if seen is None:
            return sanku.states_through([r for r in self.records if r.since <= task.start],
                                        task.start, task.start)
        return sanku.states_through([r for r in self.records if r.record <= seen], task.start, task.end)

    def snapshot(self, task: Task, team: str, targets: Sequence, before_draw: int, events_seen: int,
                 states: dict[int, list[Inspector]], nominees: Sequence[int] = ()
                 ) -> tuple[list[Candidate], list[tuple[int, Exclusion]]]:
        """The eligible roster of `team`'s draw recorded as `before_draw` when
        the last event was `events_seen`, with each exclusion and its reason;
        `states` are the pools over the task (Ledger.states). Earlier attempts
        of the same team, and attempts replaced since, seat nobody: they
        neither make anyone busy nor count in the workload."""
        earlier = [d for d in self.standing(lambda d: d.id < before_draw)
                   if (d.task, d.team) != (task.id, team)]
        busy = self.busy(task.id, team, lambda d: d.id < before_draw, events_seen + 1)
        seatings = [(i, self.tasks[d.task].start) for d in earlier
                    for i in (*d.nominees, *(i for p in POOLS for i in d.ranking[p][:d.seats[p]]))]
        draw_task = {d.id: d.task for d in earlier}
        seatings += [(e.inspector, self.tasks[draw_task[e.draw]].start) for e in self.events
                     if e.action is Action.REFILL and e.id <= events_seen and e.draw in draw_task]
        drawn = sanku.counts_in_window(task.start, seatings)
        candidates, excluded = [], []
        for number, states_of in states.items():
            why = sanku.exclusion_through(states_of, targets, busy)
            if why is None and number in nominees:
                why = Exclusion.NOMINATED
            if why is None:
                candidates.append(Candidate(number, states_of[0].pool, drawn.get(number, 0)))
            else:
                excluded.append((number, why))
        return candidates, excluded

    def unfit(self, task: Task, targets: Sequence, seen: int, ranking: Sequence[int]) -> dict[int, Exclusion]:
        """Who of `ranking` no longer qualifies on every day of the task as the
        pools stand at record `seen` (a refill, 第五、十一条), and why."""
        states = sanku.states_through([r for r in self.records if r.record <= seen], task.start, task.end)
        found = {}
        for number in ranking:
            why = sanku.exclusion_through(states[number], targets, ()) if number in states \
                else Exclusion.INACTIVE
            if why is not None:
                found[number] = why
        return found


def teams_on(store: Store, day: dt.date):
    """三库办法 第九、十四条's figures under the rule set in force on `day`."""
    from jcdc.rulebook import RuleBook

    return RuleBook.of(store).in_force(day).rules.teams


def report_due(store: Store, task: Task) -> dt.date:
    """三库办法 第十四条: the day a task's reports are due, by the rule set in force on its last day."""
    return sanku.report_due(task.end, teams_on(store, task.end))


def _seats(task: Task, requested: dict[Pool, int | None], attendants: Sequence[str],
           reason: str | None, teams=None) -> dict[Pool, int]:
    limits = sanku.team_limits(teams)
    seats = {p: limits[p] if requested.get(p) is None else requested[p] for p in POOLS}
    if any(n < 0 for n in seats.values()) or not any(seats.values()):
        raise InputError(msg.TEAM_EMPTY)
    if sanku.needs_override(task.kind, seats, len(attendants), teams) and not reason:
        if task.kind is TaskKind.MAJOR:
            raise JcdcError(msg.MAJOR_NEEDS_PLAN)
        raise JcdcError(msg.OVER_LIMITS.format(
            asked=_seat_text(seats, len(attendants)),
            limits=_seat_text(limits, sanku.ATTENDANT_LIMIT if teams is None else teams.attendant)))
    return seats


def _seat_text(seats, attendants: int) -> str:
    return "、".join([*(f"{msg.POOL[p]} {seats[p]}" for p in POOLS), f"{msg.ATTENDANT} {attendants}"])


def new_seed() -> str:
    """128 bits from the operating system, recorded with the draw."""
    import secrets

    return secrets.token_hex(16)


def _nominations(store: Store, ledger: Ledger, task: Task, team: str, targets: Sequence,
                 nominees: Sequence[int], approved_by: str) -> tuple[dict, ...]:
    """第七条: 专职督查人员由各部门、单位确定 and approved by the office. A nominee
    must be full-time and qualify as a drawn member would (SPEC §5): in the
    pools on every day of the task, clear of avoidance, on no other team of it."""
    states = ledger.states(task, store.last_link("inspectors")[0])
    busy = ledger.busy(task.id, team, lambda d: True, None)
    names = {u.code: u.name for u in UnitIndex.of(store).by_code.values()}
    found = []
    for number in dict.fromkeys(nominees):
        if not any(r.id == number for r in ledger.records):
            raise NotFound(msg.INSPECTOR_NOT_FOUND.format(id=number))
        mine = states.get(number)
        why = Exclusion.INACTIVE if mine is None or not all(s.active for s in mine) else None
        if why is None and any(s.pool is not Pool.FULL for s in mine):
            why = Exclusion.NOT_FULL
        why = why or sanku.exclusion_through(mine, targets, busy)
        if why is not None:
            name = (mine or [next(r for r in ledger.records if r.id == number)])[0].name
            raise JcdcError(msg.NOMINEE_REFUSED.format(id=number, name=name, task=task.name, team=team,
                                                       reason=msg.EXCLUSION[why.value]))
        found.append({"inspector": number, "body": sanku.organisation(mine[0], names),
                      "approved_by": approved_by})
    return tuple(found)


def _seed(seed: str | None, source: str | None) -> tuple[str, str, str | None]:
    """SPEC §5: the seed is not the clerk's to choose after seeing candidates.
    jcdc makes it at random when the draw is recorded; a seed the office gives
    names its public source (witnessed dice, a published lottery draw), which
    the record and every published result state. (seed, its kind as recorded in
    `seed_source`, its public source)."""
    if seed is None:
        if source is not None:
            raise InputError(msg.SEED_SOURCE_WITHOUT_SEED)
        return new_seed(), "os", None
    if not (source or "").strip():
        raise InputError(msg.SEED_NEEDS_SOURCE)
    return _one_line(seed, "seed"), "given", _one_line(source, "seed-source")


def run_draw(store: Store, task_text: str, team: str, targets: Sequence[str],
             requested: dict[Pool, int | None], attendants: Sequence[str] = (),
             seed: str | None = None, override_reason: str | None = None,
             by: str | None = None, nominees: Sequence[int] = (), approved_by: str | None = None,
             public_source: str | None = None, redraw_reason: str | None = None) -> int:
    """Draw one team (三库办法 第七、九、十一条); the draw's id. Nominated
    full-time members (第七条) take full-time seats first; the rest are drawn.

    A team drawn before is drawn again only with `redraw_reason`: the new draw
    is the team's next attempt and replaces the earlier, which stays on record
    (SPEC §5: every attempt is recorded)."""
    team = _one_line(team, "team", name=True)
    if not targets:
        raise InputError(msg.EMPTY_VALUE.format(field=field_name("target")))
    attendants = tuple(_one_line(a, "attendant", name=True) for a in attendants)
    reason = optional_text(override_reason, "override-reason")
    if approved_by is not None and not nominees:
        raise InputError(msg.APPROVED_WITHOUT_NOMINEE)
    approver = _one_line(approved_by, "approved-by", name=True) if approved_by is not None else current_user(by)
    seed, seed_kind, seed_public = _seed(seed, public_source)
    redraw_reason = _one_line(redraw_reason, "reason") if redraw_reason is not None else None
    with store.write():
        task = find_task(store, task_text)
        units = UnitIndex.of(store)
        target_units = list({u.code: u for u in (units.find(t) for t in targets)}.values())
        for u in target_units:
            check_in_force(u, task.start)
        teams = teams_on(store, task.start)
        seats = _seats(task, requested, attendants, reason, teams)
        ledger = Ledger.of(store)
        attempts = [d for d in ledger.draws if d.task == task.id and d.team == team]
        if attempts and redraw_reason is None:
            raise JcdcError(msg.TEAM_DRAWN.format(task=task.name, team=team, id=attempts[-1].id,
                                                  count=len(attempts)))
        if redraw_reason is not None and not attempts:
            raise InputError(msg.REDRAW_REASON_FIRST.format(task=task.name, team=team))
        nominated = _nominations(store, ledger, task, team, target_units, nominees, approver)
        if len(nominated) > seats[Pool.FULL]:
            raise JcdcError(msg.TOO_MANY_NOMINEES.format(count=len(nominated), seats=seats[Pool.FULL],
                                                             team_full=teams.full))
        seats[Pool.FULL] -= len(nominated)  # the seats left to draw
        draw_id, events_seen = store.last_link("draws")[0] + 1, store.last_link("draw_events")[0]
        seen = store.last_link("inspectors")[0]
        candidates, excluded = ledger.snapshot(task, team, target_units, draw_id, events_seen,
                                               ledger.states(task, seen), [n["inspector"] for n in nominated])
        for p in POOLS:
            eligible = sum(1 for c in candidates if c.pool is p)
            if eligible < seats[p]:
                raise JcdcError(msg.TOO_FEW.format(pool=msg.POOL[p], eligible=eligible, seats=seats[p]))
        codes = tuple(u.code for u in target_units)
        ranking = sanku.draw_ranking(seed, candidates, TeamParams(task.id, team, codes, seats))
        store.append("draws", [{
            "task": task.id, "team": team, "targets": _json(codes),
            "seats": _json({p.value: seats[p] for p in POOLS}), "attendants": _json(attendants),
            "override_reason": reason, "seed": seed, "seed_source": seed_kind,
            "algorithm": sanku.ALGORITHM, "roster": sanku.roster_bytes(candidates).decode("ascii"),
            "roster_hash": sanku.roster_hash(candidates),
            "excluded": _json([[i, why.value] for i, why in excluded]),
            "ranking": _json({p.value: ranking[p] for p in POOLS}), "events_seen": events_seen,
            "recorded_by": current_user(by), "recorded_at": timestamp(),
            "nominated": _json(list(nominated)) if nominated else None, "inspectors_seen": seen,
            "seed_public_source": seed_public, "attempt": len(attempts) + 1, "redraw_reason": redraw_reason,
        }])
    return draw_id


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def get_draw(store: Store, draw_id: int) -> Draw:
    rows = [r for r in store.draws() if r["id"] == draw_id]
    if not rows:
        raise NotFound(msg.DRAW_NOT_FOUND.format(id=draw_id))
    return _draw(rows[0])


def _seat(ledger: Ledger, draw: Draw, inspector: int) -> Seat:
    seat = next((s for s in ledger.members(draw) if s.inspector == inspector), None)
    if seat is None:
        raise JcdcError(msg.NOT_A_MEMBER.format(inspector=inspector, draw=draw.id, team=draw.team))
    return seat


def _step(seat: Seat, action: Action) -> None:
    if (seat.status, action) not in sanku.TRANSITIONS:
        raise JcdcError(msg.BAD_MEMBER_STEP.format(
            inspector=seat.inspector, status=msg.STATUS[seat.status], action=msg.ACTION[action]))


def _targets(store: Store, draw: Draw) -> list:
    units = UnitIndex.of(store)
    return [units.by_code[c] for c in draw.targets]


def _refill(store: Store, ledger: Ledger, draw: Draw, vacated: Seat, day: dt.date, who: str,
            at: str) -> tuple[int | None, list[tuple[int, Exclusion]], int | None]:
    """第十一条: a declined (or failed, 第六条) seat goes to the next of the same
    pool in the recorded ranking who still qualifies on every day of the task
    as the pools stand now (第五条: someone retired since the draw is passed
    over, and the record says so); None when nobody is left. The newcomer,
    whom the refill passed over, and the refill's record."""
    used = [s.inspector for s in ledger.members(draw)]
    busy = ledger.busy(draw.task, draw.team, lambda d: True, None)
    seen = store.last_link("inspectors")[0]
    ranking = draw.ranking[vacated.pool]
    unfit = ledger.unfit(ledger.tasks[draw.task], _targets(store, draw), seen, ranking)
    newcomer, skipped = sanku.refill(ranking, used, busy, unfit)
    if newcomer is None:
        return None, skipped, None
    [event] = store.append("draw_events", [_event_row(draw, newcomer, Action.REFILL, day, who, at,
                                                      replaces=vacated.inspector, skipped=skipped, seen=seen)])
    return newcomer, skipped, event


def _event_row(draw: Draw, inspector: int, action: Action, day: dt.date, who: str, at: str,
               reason: str | None = None, replaces: int | None = None, entry: int | None = None,
               skipped: list[tuple[int, Exclusion]] | None = None, seen: int | None = None) -> dict:
    return {"draw": draw.id, "inspector": inspector, "action": action.value, "date": day.isoformat(),
            "reason": reason, "replaces": replaces, "entry": entry, "recorded_by": who, "recorded_at": at,
            "skipped": _json([[i, why.value] for i, why in skipped]) if skipped is not None else None,
            "inspectors_seen": seen}


@dataclass(frozen=True)
class MemberChange:
    inspector: int
    status: Status
    newcomer: int | None = None  # who took the vacated seat
    entry: int | None = None     # the obstruct entry written for a failure
    skipped: tuple[tuple[int, Exclusion], ...] = ()  # passed over by the refill, and why
    unranked: bool = False       # 第六条: the member's body is not a ranked unit, no points to dock
    refill_event: int | None = None  # the refill's record


def consent(store: Store, draw_id: int, inspectors: Sequence[int], yes: bool,
            by: str | None = None) -> list[MemberChange]:
    """第十一条: part-time or invited members (or their units) consent or
    decline, one or several at once: all of them, in the order given, in one
    transaction, or (where one cannot) none. Each declined seat is refilled
    before the next inspector's answer is recorded."""
    if not inspectors:
        raise InputError(msg.EMPTY_VALUE.format(field=field_name("INSPECTOR")))
    for n, inspector in enumerate(inspectors):
        if inspector in inspectors[:n]:
            raise InputError(msg.CONSENT_ID_TWICE.format(inspector=inspector))
    action = Action.CONSENT if yes else Action.DECLINE
    who, at, day = current_user(by), timestamp(), today()
    changes = []
    with store.write():
        draw = get_draw(store, draw_id)
        for inspector in inspectors:
            try:
                changes.append(_answer(store, draw, inspector, action, day, who, at))
            except JcdcError as e:
                if len(inspectors) == 1:
                    raise
                raise type(e)(msg.CONSENT_NONE_WRITTEN.format(text=e)) from None
    return changes


def _answer(store: Store, draw: Draw, inspector: int, action: Action, day: dt.date, who: str,
            at: str) -> MemberChange:
    ledger = Ledger.of(store)
    _standing(ledger, draw)
    seat = _seat(ledger, draw, inspector)
    if seat.pool is Pool.FULL:
        raise JcdcError(msg.FULL_NOTIFIED.format(inspector=inspector))
    _step(seat, action)
    store.append("draw_events", [_event_row(draw, inspector, action, day, who, at)])
    if action is Action.CONSENT:
        return MemberChange(inspector, Status.ACCEPTED)
    newcomer, skipped, event = _refill(store, Ledger.of(store), draw, seat, day, who, at)
    return MemberChange(inspector, Status.DECLINED, newcomer, skipped=tuple(skipped), refill_event=event)


def _standing(ledger: Ledger, draw: Draw) -> None:
    """A member change is recorded on the team's standing draw only (SPEC §5)."""
    later = ledger.replaced_by(draw)
    if later is not None:
        while (newer := ledger.replaced_by(later)) is not None:  # drawn again since: the last attempt stands
            later = newer
        raise JcdcError(msg.DRAW_REPLACED.format(id=draw.id, by=later.id, team=draw.team))


def fail(store: Store, draw_id: int, inspector: int, reason: str, day: dt.date | None = None,
         replace_only: bool = False, by: str | None = None) -> MemberChange:
    """第六条: a member did not carry out the task — the seat is refilled and,
    unless only a replacement is asked for, the member's unit loses points
    (an entry dated `day`, today by default)."""
    from jcdc import points

    reason = _one_line(reason, "reason")
    day = day or today()
    who, at = current_user(by), timestamp()
    with store.write():
        draw = get_draw(store, draw_id)
        ledger = Ledger.of(store)
        _standing(ledger, draw)
        seat = _seat(ledger, draw, inspector)
        _step(seat, Action.FAIL)
        entry = None
        task = ledger.tasks[draw.task]
        unit = sanku.pools_on(ledger.records, task.start)[inspector].unit
        if not replace_only and unit is not None:  # 第六条 对其所在单位 … 扣分: a ranked unit only
            req = points.PointsRequest(
                unit=unit, rule="obstruct", date=day, note=reason, source=f"draw:{draw.id}",
                ref=msg.OBSTRUCT_REF.format(task=task.name, team=draw.team, inspector=inspector))
            [entry] = points.post(store, [points.draft(store, UnitIndex.of(store), req)], by)
        store.append("draw_events", [_event_row(draw, inspector, Action.FAIL, day, who, at,
                                                reason=reason, entry=entry)])
        newcomer, skipped, event = _refill(store, Ledger.of(store), draw, seat, day, who, at)
    return MemberChange(inspector, Status.FAILED, newcomer, entry, tuple(skipped),
                        unranked=unit is None and not replace_only, refill_event=event)


@dataclass(frozen=True)
class DrawVerdict:
    """What verifying one draw finds (SPEC §5 "verifying a draw"): `problems`
    make the draw inconsistent; `notes` are said beside the verdict and are
    never a failure (a back-dated change recorded after the draw, a seed given
    before its source had to be named)."""

    draw: int
    problems: list[str]
    notes: list[str]

    @property
    def consistent(self) -> bool:
        return not self.problems


def verify(store: Store, draw_id: int, ledger: Ledger | None = None) -> DrawVerdict:
    """Recompute the draw from its record and from the ledger as it stood when
    the draw was recorded (the inspector records before it); what does not
    match, and the notes. `ledger`: the ledger already loaded, for `jcdc
    check`, which verifies every draw."""
    try:
        draw = get_draw(store, draw_id)
    except (ValueError, KeyError, TypeError) as e:  # a record edited beyond reading
        raise JcdcError(msg.VERIFY_FAILED.format(id=draw_id, problems=msg.VERIFY_UNREADABLE.format(text=e))) from None
    problems: list[str] = []
    if not _linked(store, "draws", draw.id):
        problems.append(msg.VERIFY_RECORD_EDITED.format(what=msg.VERIFY_DRAW_ROW))
    if not _linked(store, "tasks", draw.task):
        problems.append(msg.VERIFY_RECORD_EDITED.format(what=msg.VERIFY_TASK_ROW))
    if draw.algorithm != sanku.ALGORITHM:
        problems.append(msg.VERIFY_ALGORITHM.format(algorithm=draw.algorithm))
        return DrawVerdict(draw.id, problems, [])
    if sanku.roster_hash(draw.roster) != draw.roster_hash:
        problems.append(msg.VERIFY_ROSTER_HASH)
    if sanku.draw_ranking(draw.seed, draw.roster, draw.params) != draw.ranking:
        problems.append(msg.VERIFY_RANKING)
    ledger = ledger or Ledger.of(store)
    task = ledger.tasks[draw.task]
    before = sum(1 for d in ledger.draws if (d.task, d.team) == (draw.task, draw.team) and d.id < draw.id)
    if draw.attempt != before + 1 or (draw.redraw_reason is None) != (before == 0):
        problems.append(msg.VERIFY_ATTEMPT.format(attempt=draw.attempt, before=before))
    targets = _targets(store, draw)
    candidates, excluded = ledger.snapshot(
        task, draw.team, targets, draw.id, draw.events_seen, ledger.states(task, draw.inspectors_seen),
        draw.nominees)
    if tuple(candidates) != draw.roster or tuple(excluded) != draw.excluded:
        problems.append(msg.VERIFY_ROSTER_CHANGED.format(date=task.start))
    for row in store.draw_events(draw.id):
        if not _linked(store, "draw_events", row["id"]):
            problems.append(msg.VERIFY_RECORD_EDITED.format(what=msg.VERIFY_EVENT_ROW.format(id=row["id"])))
        if row["action"] == Action.REFILL.value:
            expected, skipped = _expected_refill(ledger, draw, row, targets)
            if expected != row["inspector"]:
                problems.append(msg.VERIFY_REFILL.format(id=row["id"], found=row["inspector"],
                                                         expected=expected))
            elif skipped is not None and _json([[i, w.value] for i, w in skipped]) != row["skipped"]:
                problems.append(msg.VERIFY_REFILL_SKIPPED.format(
                    id=row["id"], found=row["skipped"], expected=_skip_text(skipped)))
    notes = [msg.VERIFY_NOTE_BACKDATED.format(record=r.record, inspector=r.id, name=r.name, what=what,
                                              date=r.since)
             for r, what in _backdated(ledger, draw, task)]
    if draw.seed_source == "given" and not draw.seed_public_source:
        notes.append(msg.VERIFY_NOTE_UNSOURCED)
    return DrawVerdict(draw.id, problems, notes)


def _backdated(ledger: Ledger, draw: Draw, task: Task) -> list[tuple[Inspector, str]]:
    """SPEC §5: the inspector records written after the draw but dated on or
    before the day it was recorded (and not after the task's end), that touch
    its roster — an inspector it listed, excluded or seated by nomination, or
    one added who would have been in the pools — each with what it records.
    A draw from before `inspectors_seen` was kept has none to tell."""
    seen = draw.inspectors_seen
    if seen is None:
        return []
    touched = {c.id for c in draw.roster} | {i for i, _ in draw.excluded} | set(draw.nominees)
    known = {r.id for r in ledger.records if r.record <= seen}
    last_day = min(task.end, draw.drawn_on or task.end)
    found, first = [], set(known)
    for r in ledger.records:
        new = r.id not in first
        first.add(r.id)
        if r.record > seen and r.since <= last_day and (r.id in touched or r.id not in known):
            what = msg.VERIFY_NOTE_ADD if new else (msg.VERIFY_NOTE_UPDATE if r.active else
                                                     msg.VERIFY_NOTE_RETIRE.format(reason=r.reason or ""))
            found.append((r, what))
    return found


def _skip_text(skipped) -> str:
    return "、".join(f"{i}({msg.EXCLUSION[w.value]})" for i, w in skipped) or msg.NOBODY


def _linked(store: Store, table: str, row_id: int) -> bool:
    values, prev, digest, before = store.link_of(table, row_id)
    return prev == before and chain.link(prev, values) == digest


def _expected_refill(ledger: Ledger, draw: Draw, row: dict, targets: Sequence
                     ) -> tuple[int | None, list[tuple[int, Exclusion]] | None]:
    """Who the refill recorded as event `row` should have seated, and whom it
    passed over: the draws that existed then are those whose events_seen is
    below the event's id; the pools, those up to its inspectors_seen (a refill
    recorded before that was kept checked nobody's qualification: skipped None)."""
    before = ledger.members(draw, row["id"])
    vacated = next((s for s in before if s.inspector == row["replaces"]), None)
    if vacated is None or vacated.status not in sanku.VACATING:
        return None, None
    busy = ledger.busy(draw.task, draw.team, lambda d: d.events_seen < row["id"], row["id"])
    used, ranking = [s.inspector for s in before], draw.ranking[vacated.pool]
    if row.get("inspectors_seen") is None:
        return sanku.next_in_line(ranking, used, busy), None
    unfit = ledger.unfit(ledger.tasks[draw.task], targets, row["inspectors_seen"], ranking)
    return sanku.refill(ranking, used, busy, unfit)


# --- views (the JSON shapes of draw show, task show) ----------------------------------------


def draw_view(store: Store, draw_id: int) -> dict:
    draw = get_draw(store, draw_id)
    ledger = Ledger.of(store)
    names = {i.id: i.name for i in ledger.records}
    return {
        "id": draw.id, "task": draw.task, "task_name": ledger.tasks[draw.task].name, "team": draw.team,
        "targets": list(draw.targets), **_seed_view(draw),
        "roster_hash": draw.roster_hash, "algorithm": draw.algorithm,
        "seats": {p.value: draw.seats[p] for p in POOLS}, "attendants": list(draw.attendants),
        "override_reason": draw.override_reason, **_attempt_view(ledger, draw),
        "members": [{"inspector": s.inspector, "name": names[s.inspector], "pool": s.pool.value,
                     "status": s.status.value, "nominated": s.inspector in draw.nominees}
                    for s in _ordered(draw, ledger.members(draw))],
        "nominated": [{**n, "name": names[n["inspector"]]} for n in draw.nominated],
        "excluded": [{"inspector": i, "name": names[i], "reason": why.value} for i, why in draw.excluded],
        "roster": [{"inspector": c.id, "pool": c.pool.value, "drawn": c.drawn} for c in draw.roster],
        "ranking": {p.value: draw.ranking[p] for p in POOLS},
        "refills": [{"event": r["id"], "date": r["date"], "inspector": r["inspector"],
                     "replaces": r["replaces"],
                     "skipped": [{"inspector": i, "name": names[i], "reason": why}
                                 for i, why in json.loads(r["skipped"] or "[]")]}
                    for r in store.draw_events(draw.id) if r["action"] == Action.REFILL.value],
        "recorded_by": draw.recorded_by, "recorded_at": draw.recorded_at,
    }


def _seed_view(draw: Draw) -> dict:
    """Where the seed came from, stated with every published result (SPEC §5):
    `os` — made at random by jcdc when the draw was recorded; `given` — by the
    office, from `seed_public_source` (null on a draw recorded before the
    source had to be named)."""
    return {"seed": draw.seed, "seed_source": draw.seed_source, "seed_public_source": draw.seed_public_source}


def _attempt_view(ledger: Ledger, draw: Draw) -> dict:
    """The team's n-th draw, why it was drawn again, the draw it replaced and the one that replaced it."""
    later = ledger.replaced_by(draw)
    earlier = [d.id for d in ledger.draws if (d.task, d.team) == (draw.task, draw.team) and d.id < draw.id]
    return {"attempt": draw.attempt, "redraw_reason": draw.redraw_reason,
            "replaces": earlier[-1] if earlier else None, "replaced_by": later.id if later else None}


def _ordered(draw: Draw, seats: list[Seat]) -> list[Seat]:
    """Members by pool, then by their place in the drawn order."""
    place = {i: (POOLS.index(p), n) for p in POOLS for n, i in enumerate(draw.ranking[p])}
    place |= {i: (-1, n) for n, i in enumerate(draw.nominees)}  # 第七条: nominated full-time members first
    return sorted(seats, key=lambda s: place[s.inspector])


def list_draws(store: Store, task_text: str | None = None) -> list[dict]:
    ledger = Ledger.of(store)
    task = find_task(store, task_text) if task_text else None
    names = {i.id: i.name for i in ledger.records}
    return [{
        "id": d.id, "task": d.task, "task_name": ledger.tasks[d.task].name, "team": d.team,
        "targets": list(d.targets),
        "members": [names[s.inspector] for s in _ordered(d, ledger.members(d))
                    if s.status not in sanku.VACATING],
        **_seed_view(d), **_attempt_view(ledger, d), "recorded_at": d.recorded_at,
    } for d in ledger.draws if task is None or d.task == task.id]


# --- reports (第十四条) ----------------------------------------------------------------------


def _standing_report(rows: list[dict], team: str) -> dict | None:
    """The team's latest report event."""
    mine = [r for r in rows if r["team"] == team]
    return mine[-1] if mine else None


def _drawn_team(store: Store, task: Task, team: str) -> None:
    if not any(d["team"] == team for d in store.draws(task.id)):
        raise JcdcError(msg.TEAM_NOT_DRAWN.format(task=task.name, team=team))


# A report's list is a file, stored whole: a long list, but a list, not a book.
MAX_LIST = 200_000


def submit_report(store: Store, task_text: str, team: str, day: dt.date, problems: str | None,
                  typical: str | None, by: str | None = None) -> Task:
    """第十四条: 督查报告, 附问题事项清单、不落实典型事项清单."""
    problems, typical = (clean_text(text, field, limit=MAX_LIST) if text else None
                         for text, field in ((problems, "--problems"), (typical, "--typical")))
    with store.write():
        task = find_task(store, task_text)
        _drawn_team(store, task, team)
        if day < task.start:
            raise InputError(msg.REPORT_BEFORE_TASK.format(date=day, start=task.start))
        last = _standing_report(store.reports(task.id), team)
        if last is not None and last["action"] == "submit":
            raise JcdcError(msg.REPORT_STANDS.format(team=team, date=last["date"]))
        store.append("reports", [{
            "task": task.id, "team": team, "action": "submit", "date": day.isoformat(),
            "problems": problems, "typical": typical, "reason": None,
            "recorded_by": current_user(by), "recorded_at": timestamp()}])
    return task


def return_report(store: Store, task_text: str, team: str, reason: str, day: dt.date | None = None,
                  by: str | None = None) -> Task:
    """第十四条: 督查室可要求督查组补充督查或重新报送督查材料 — on `day`
    (today by default), not before the report it returns, not in the future."""
    reason = _one_line(reason, "reason")
    now = today()
    day = day or now
    if day > now:
        raise JcdcError(msg.RETURN_DATE_FUTURE.format(date=day, today=now))
    with store.write():
        task = find_task(store, task_text)
        _drawn_team(store, task, team)
        last = _standing_report(store.reports(task.id), team)
        if last is None or last["action"] != "submit":
            raise JcdcError(msg.NO_REPORT_TO_RETURN.format(team=team))
        if day < dt.date.fromisoformat(last["date"]):
            raise JcdcError(msg.RETURN_BEFORE_REPORT.format(date=day, team=team, submitted=last["date"]))
        store.append("reports", [{
            "task": task.id, "team": team, "action": "return", "date": day.isoformat(),
            "problems": None, "typical": None, "reason": reason,
            "recorded_by": current_user(by), "recorded_at": timestamp()}])
    return task


def _report_state(task: Task, rows: list[dict], team: str, day: dt.date, teams=None) -> dict:
    last = _standing_report(rows, team)
    submitted = dt.date.fromisoformat(last["date"]) if last and last["action"] == "submit" else None
    status = "submitted" if submitted else ("returned" if last else "due")
    return {"status": status, "date": submitted.isoformat() if submitted else None,
            "due": sanku.report_due(task.end, teams).isoformat(),
            "days_late": sanku.days_late(task.end, submitted, day, teams),
            "returns": sum(1 for r in rows if r["team"] == team and r["action"] == "return"),
            "reason": last["reason"] if last and last["action"] == "return" else None}


def task_view(store: Store, task_text: str) -> dict:
    task = find_task(store, task_text)
    ledger = Ledger.of(store)
    names = {i.id: i.name for i in ledger.records}
    rows, day = store.reports(task.id), today()
    return {
        "id": task.id, "name": task.name, "kind": task.kind.value, "start": task.start.isoformat(),
        "end": task.end.isoformat(), "report_due": report_due(store, task).isoformat(),
        "teams": [{
            "team": d.team, "draw": d.id, "targets": list(d.targets), **_seed_view(d),
            "attempts": [{"draw": a.id, "attempt": a.attempt, "redraw_reason": a.redraw_reason}
                         for a in ledger.draws if (a.task, a.team) == (d.task, d.team)],
            "members": [{"inspector": s.inspector, "name": names[s.inspector], "pool": s.pool.value,
                         "status": s.status.value} for s in _ordered(d, ledger.members(d))],
            "attendants": list(d.attendants),
            "report": _report_state(task, rows, d.team, day, teams_on(store, task.end)),
            **_report_lists(rows, d.team),
        } for d in ledger.standing() if d.task == task.id],
    }


def _report_lists(rows: list[dict], team: str) -> dict:
    """The lists attached to the team's standing report (第十四条: 问题事项清单、
    不落实典型事项清单), one item a line as the file gives them; none while no
    report stands."""
    last = _standing_report(rows, team)
    standing = last is not None and last["action"] == "submit"

    def lines(text: str | None) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()] if standing else []

    return {"problems": lines(last and last["problems"]), "typical": lines(last and last["typical"])}


def due_items(store: Store) -> list[DueItem]:
    """第十四条: each drawn team's report, due 3 days after its task ends (a
    team drawn again owes one report, SPEC §5)."""
    found = []
    all_tasks = {t.id: t for t in tasks(store)}
    reports = store.reports()
    standing = {(r["task"], r["team"]): r for r in store.draws()}  # in id order: the latest attempt
    for row in standing.values():
        task, team = all_tasks[row["task"]], row["team"]
        teams = teams_on(store, task.end)
        state = _report_state(task, [r for r in reports if r["task"] == task.id], team, task.end, teams)
        found.append(DueItem(
            kind="report", id=f"{task.id}/{team}", unit=json.loads(row["targets"])[0],
            what=msg.REPORT_DUE_WHAT.format(task=task.name, team=team),
            due=sanku.report_due(task.end, teams), done=_date(state["date"]), owed_by=team, since=task.start))
    return found


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
