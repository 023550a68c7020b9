"""Rectification items (快速处置 二): what a unit must put right, by when, and
what happened since — extensions, progress, done.

Items and their events are append-only; an item's current due date and state
are derived from its events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jcdc import messages as msg
from jcdc.model import (
    DueItem, JcdcError, NotFound, optional_name, optional_text, parse_choice, required_name, required_text,
)
from jcdc.records import Fix, FixEvent
from jcdc.rules.kuaisu import (
    CLASS_PARA, DEFAULT_PARA, DOC, PARAS, FixClass, after, check_extension, check_extension_reaches, due_on,
    extension_steps, fix_due, fix_para, late_by,
)
from jcdc.session import current_user, parse_date, timestamp, today
from jcdc.store import Store
from jcdc.units import UnitIndex, check_in_force


@dataclass(frozen=True)
class FixView:
    fix: Fix
    events: tuple[FixEvent, ...]
    recorded_para: str | None = None  # 二.1 / 二.2 as recorded with the item (fix_paras)

    @property
    def para(self) -> str:
        """The paragraph of 快速处置 二 the item falls under; a general or major item
        recorded without one is 二.2 (SPEC §6)."""
        cls = FixClass(self.fix.cls)
        return CLASS_PARA.get(cls) or self.recorded_para or DEFAULT_PARA

    @property
    def extensions(self) -> list[tuple[dt.date, int]]:
        """(approval date, days) of each extension, as recorded."""
        return [(e.date, e.days) for e in self.events if e.kind == "extend"]

    @property
    def extended_days(self) -> int:
        return sum(days for _, days in self.extensions)

    @property
    def due(self) -> dt.date:
        """The deadline with every extension approved (none is dated after today)."""
        return after(self.fix.due, self.extended_days)

    def due_on(self, day: dt.date) -> dt.date:
        """The deadline as it stood on `day`: an extension counts from its approval (SPEC §6)."""
        return due_on(self.fix.due, self.extensions, day)

    def extension_history(self) -> dict[int, tuple[dt.date, dt.date, int]]:
        """Each extension's event id -> (deadline before it, after it, days already
        overdue when it was approved), in the order of approval (SPEC §6)."""
        extends = sorted((e for e in self.events if e.kind == "extend"), key=lambda e: (e.date, e.id))
        return {e.id: step for e, step in zip(extends, extension_steps(self.fix.due, [(e.date, e.days) for e in extends]))}

    @property
    def overdue_before_extension(self) -> int:
        """Days the item was already overdue when its extensions were approved:
        lateness an extension does not erase (快速处置 二.2, SPEC §6)."""
        return sum(overdue for _, _, overdue in self.extension_history().values())

    def _event_json(self, e: FixEvent, history: dict) -> dict:
        data = {
            "id": e.id, "kind": e.kind, "date": e.date.isoformat(), "days": e.days,
            "approved_by": e.approved_by, "plan": e.plan, "override_reason": e.override_reason,
            "text": e.text, "recorded_by": e.recorded_by, "recorded_at": e.recorded_at,
        }
        if e.id in history:  # the item's history: the deadline before and after, the lateness kept
            before, after_, overdue = history[e.id]
            data.update({"due_before": before.isoformat(), "due_after": after_.isoformat(),
                         "overdue_days": overdue})
        return data

    @property
    def done(self) -> dt.date | None:
        return next((e.date for e in self.events if e.kind == "done"), None)

    @property
    def state(self) -> str:
        return "open" if self.done is None else "done"

    @property
    def late_days(self) -> int | None:
        """Days past the deadline (as it stood that day) when the item was put
        right, as recorded with its done event; 0 in time, None while open.
        Late is late: an item done after its deadline stays 逾期 N 天到位."""
        event = next((e for e in self.events if e.kind == "done"), None)
        if event is None:
            return None
        return event.days if event.days is not None else late_by(self.due_on(event.date), event.date)

    def as_json(self) -> dict:
        f, history = self.fix, self.extension_history()
        return {
            "id": f.id, "unit": f.unit, "what": f.what, "class": f.cls,
            "from": f.demanded.isoformat(),
            "inspection_end": f.inspection_end.isoformat() if f.inspection_end else None,
            "original_due": f.due.isoformat(), "extended_days": self.extended_days,
            "due": self.due.isoformat(), "overdue_before_extension": self.overdue_before_extension,
            "state": self.state, "done": self.done.isoformat() if self.done else None,
            "late_days": self.late_days, "person": f.person,
            "para": self.para, "cite": f"{DOC} {self.para}",
            "events": [self._event_json(e, history) for e in self.events],
        }


def parse_class(text: str) -> FixClass:
    return parse_choice(FixClass, msg.FIX_CLASS, msg.BAD_FIX_CLASS, text, msg.FIX_CLASS_ALSO)


def view(store: Store, fix_id: int) -> FixView:
    found = store.fixes(fix_id)
    if not found:
        raise NotFound(msg.FIX_NOT_FOUND.format(id=fix_id))
    return FixView(found[0], tuple(store.fix_events(fix_id)), store.fix_paras().get(fix_id))


def _deadlines(store: Store, day: dt.date):
    """快速处置 二's days under the rule set in force on `day`."""
    from jcdc.rulebook import RuleBook

    return RuleBook.of(store).in_force(day).rules.deadlines


def _open_view(store: Store, fix_id: int, date: dt.date) -> FixView:
    v = view(store, fix_id)
    if v.done is not None:
        raise JcdcError(msg.FIX_DONE_ALREADY.format(id=fix_id, date=v.done))
    if date < v.fix.demanded:
        raise JcdcError(msg.FIX_BEFORE_DEMAND.format(date=date, id=fix_id, demanded=v.fix.demanded))
    return v


def add_fix(store: Store, unit: str, what: str, cls: FixClass, demanded: dt.date,
            inspection_end: dt.date | None = None, set_due: dt.date | None = None,
            person: str | None = None, by: str | None = None, para: str | None = None) -> FixView:
    """`para`: 二.1 or 二.2 for a general or major item (default 二.2); only 二.2 may be extended."""
    what = required_text(what, "what")
    due = fix_due(cls, demanded, inspection_end, set_due, _deadlines(store, demanded))
    paragraph = fix_para(cls, para)
    with store.write():
        found = UnitIndex.of(store).find(unit)
        check_in_force(found, demanded)
        who, at = current_user(by), timestamp()
        [fix_id] = store.append("fixes", [{
            "unit": found.code, "what": what, "class": cls.value, "demanded": demanded.isoformat(),
            "inspection_end": inspection_end.isoformat() if inspection_end else None,
            "due": due.isoformat(), "person": optional_name(person, "person"),
            "recorded_by": who, "recorded_at": at,
        }])
        if paragraph in PARAS:
            store.append("fix_paras", [{"fix": fix_id, "para": paragraph, "recorded_by": who, "recorded_at": at}])
    return view(store, fix_id)


# The columns of a team's problem list (三库办法 第十四条 问题事项清单), as `task report
# --problems` documents them, and the 类别 a row may add.
LIST_COLUMNS = {"unit": ("单位", "被督查单位"), "problem": ("问题", "问题事项"), "demand": ("整改要求",),
                "due": ("整改期限", "期限"), "class": ("类别", "整改类别")}


@dataclass(frozen=True)
class ListImport:
    added: list        # FixView, one per row
    skipped: list      # messages: rows already registered


def add_from_task(store: Store, task_text: str, team: str | None = None, by: str | None = None) -> ListImport:
    """Each row of the problem lists the task's teams reported (三库办法 第十四条)
    becomes a rectification item (快速处置 二), citing the list and its row: the
    demand dated the day the report was submitted; the class from the row's 类别,
    else 督查组定 where the row sets a deadline (整改期限), else 一般事项 (7 days);
    policy and conduct count from the task's end. All rows or none; a row already
    registered from the same list is passed over, so running it again adds nothing."""
    from jcdc.pools import find_task, task_view

    with store.write():
        task = find_task(store, task_text)
        teams = [t for t in task_view(store, task.name)["teams"] if team is None or t["team"] == team]
        if team is not None and not teams:
            raise JcdcError(msg.FIX_LIST_NO_TEAM.format(task=task.name, team=team))
        rows = [(t, n, row) for t in teams for n, row in enumerate(_list_rows(t["problems"]), 1)]
        if not rows:
            raise JcdcError(msg.FIX_LIST_EMPTY.format(task=task.name))
        known = {(f.unit, f.what) for f in store.fixes()}
        units = UnitIndex.of(store)
        done = ListImport([], [])
        for t, n, row in rows:
            cite = msg.FIX_LIST_CITE.format(task=task.name, team=t["team"], n=n)
            try:
                what = "; ".join(filter(None, (row.get("problem"), row.get("demand"))))
                what = f"{required_text(what, msg.H_WHAT)}{cite}"
                unit = units.find(required_text(row.get("unit"), "单位")).code
                if (unit, what) in known:
                    done.skipped.append(msg.FIX_LIST_SKIPPED.format(cite=cite))
                    continue
                set_due = parse_date(row["due"]) if row.get("due") else None
                cls = parse_class(row["class"]) if row.get("class") else (
                    FixClass.CUSTOM if set_due is not None else FixClass.GENERAL)
                end = task.end if cls in (FixClass.POLICY, FixClass.CONDUCT) else None
                demanded = dt.date.fromisoformat(t["report"]["date"])
                done.added.append(add_fix(store, unit, what, cls, demanded, end, set_due, by=by))
                known.add((unit, what))
            except JcdcError as e:
                raise type(e)(msg.FIX_LIST_ROW.format(cite=cite, text=e)) from None
    return done


def _list_rows(lines: list[str]) -> list[dict]:
    """A problem list's rows as LIST_COLUMNS: by its header where the first line has
    one (单位,问题 …), else by position (单位,问题,整改要求,整改期限[,类别])."""
    import csv

    rows = [[c.strip() for c in r] for r in csv.reader(lines) if any(c.strip() for c in r)]
    if not rows:
        return []
    names = {name: key for key, names in LIST_COLUMNS.items() for name in names}
    if any(c in names for c in rows[0]):
        keys, rows = [names.get(c) for c in rows[0]], rows[1:]
    else:
        keys = list(LIST_COLUMNS)
    return [{k: v for k, v in zip(keys, r) if k and v} for r in rows]


def _event(store: Store, fix_id: int, kind: str, date: dt.date, by: str | None, **fields) -> None:
    store.append("fix_events", [{"fix": fix_id, "kind": kind, "date": date.isoformat(),
                                 "recorded_by": current_user(by), "recorded_at": timestamp(),
                                 **fields}])


def extend(store: Store, fix_id: int, days: int, approved_by: str, plan: str, date: dt.date,
           override_reason: str | None = None, by: str | None = None) -> FixView:
    """快速处置 二.2: 报经市政府同意后可适当延长时间, 并形成推进落实方案, 明确时间表、路线图.

    Only a 二.2 item may be extended; another needs a recorded reason. The
    extension counts from `date`, its approval (SPEC §6): approved after the
    deadline passed, it adds its days to that deadline and the days already
    overdue stay in the item's history."""
    approved_by, plan = required_name(approved_by, "approved-by"), required_text(plan, "plan")
    if date > today():
        raise JcdcError(msg.FIX_EXTEND_FUTURE.format(date=date, today=today()))
    with store.write():
        v = _open_view(store, fix_id, date)
        check_extension(v.extended_days, days, override_reason, v.para, _deadlines(store, date))
        check_extension_reaches(v.due_on(date), days, date)
        _event(store, fix_id, "extend", date, by, days=days, approved_by=approved_by, plan=plan,
               override_reason=optional_text(override_reason, "override-reason"))
    return view(store, fix_id)


def progress(store: Store, fix_id: int, date: dt.date, text: str, by: str | None = None) -> FixView:
    """及时报告整改进度 (快速处置 二.2)."""
    text = required_text(text, "text")
    with store.write():
        _open_view(store, fix_id, date)
        _event(store, fix_id, "progress", date, by, text=text)
    return view(store, fix_id)


def done(store: Store, fix_id: int, date: dt.date, report: str | None = None,
         by: str | None = None) -> FixView:
    """整改到位, with the written report to the city government (快速处置 三.3).
    The days it was late — past the deadline as it stood that day — are
    recorded with it (0 in time)."""
    with store.write():
        v = _open_view(store, fix_id, date)
        _event(store, fix_id, "done", date, by, days=late_by(v.due_on(date), date),
               text=optional_text(report, "report"))
    return view(store, fix_id)


def views_of(store: Store) -> list[FixView]:
    events: dict[int, list[FixEvent]] = {}
    for e in store.fix_events():
        events.setdefault(e.fix, []).append(e)
    paras = store.fix_paras()
    return [FixView(f, tuple(events.get(f.id, ())), paras.get(f.id)) for f in store.fixes()]


def list_fixes(store: Store, unit: str | None = None, open_only: bool = False) -> list[FixView]:
    code = UnitIndex.of(store).find(unit).code if unit else None
    return [v for v in views_of(store)
            if (code is None or v.fix.unit == code) and not (open_only and v.done is not None)]


def due_items(store: Store) -> list[DueItem]:
    """Every rectification item with its original due date and its extensions,
    for `jcdc due`: the deadline on a day counts only the extensions approved by then."""
    return [DueItem("fix", str(v.fix.id), v.fix.unit, v.fix.what, v.fix.due, v.done, tuple(v.extensions),
                    since=v.fix.demanded)
            for v in views_of(store)]
