"""Everything due, from every part of the ledger, in one list (`jcdc due`).

Each source is a function `store -> list[DueItem]` (jcdc.model.DueItem).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from jcdc import messages as msg
from jcdc.model import DueItem, InputError, JcdcError
from jcdc.rules.kuaisu import days_left, due_on, due_status, extension_steps, late_by
from jcdc.store import Store
from jcdc.units import UnitIndex


def sources() -> list[Callable[[Store], list[DueItem]]]:
    found: list[Callable[[Store], list[DueItem]]] = []
    # --- rectification items and 13710 nodes ---
    from jcdc import fixes, matters

    found += [fixes.due_items, matters.due_items]
    # --- case executions ---
    from jcdc.cases import due_items as case_due
    found.append(case_due)

    # --- team reports ---
    from jcdc.pools import due_items as report_due
    found.append(report_due)

    return found


def official_workday(day: dt.date) -> bool:
    """A working day on the State Council's holiday calendar (调休 included), as the
    chinese-calendar package publishes it; a year it has no data for is refused."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        from importlib.metadata import version

        raise JcdcError(msg.WORKDAYS_NOT_COVERED.format(
            version=version("chinese-calendar"), year=day.year)) from None


def owes(item: DueItem, code: str) -> bool:
    """The unit `code` owes the item: it is the unit's own, not a team's about it."""
    return item.unit == code and item.owed_by is None


def owes_rows(row: dict) -> bool:
    """A row of due_list owed by the unit it names (not a team's report on it)."""
    return "owed_by" not in row


def done_late(store: Store, first: dt.date, last: dt.date, unit: str) -> list[dict]:
    """What `unit` owed and did after its deadline — the deadline as it stood on
    the day it was done (an extension counts from its approval, SPEC §6) — with
    the day done between `first` and `last`: rows {kind, id, what, due, done,
    late_days}, in the order they were done. Late is late: putting it right
    does not make it timely."""
    return done_late_by_unit(store, first, last).get(unit, [])


def done_late_by_unit(store: Store, first: dt.date, last: dt.date) -> dict[str, list[dict]]:
    """done_late for every unit at once: one pass over what is owed, each row
    under the unit that owed it (a team's report on a unit is not the unit's)."""
    by_unit: dict[str, list[dict]] = {}
    for source in sources():
        for item in source(store):
            if item.done is None or not first <= item.done <= last or item.owed_by is not None:
                continue
            due = due_on(item.due, [e for e in item.extensions if e[0] <= item.done], item.done)
            late = late_by(due, item.done)
            if late:
                by_unit.setdefault(item.unit, []).append(
                    {"kind": item.kind, "id": item.id, "what": item.what, "due": due.isoformat(),
                     "done": item.done.isoformat(), "late_days": late})
    return {unit: sorted(rows, key=lambda r: (r["done"], r["kind"], r["id"])) for unit, rows in by_unit.items()}


def due_list(store: Store, on: dt.date, within: int | None = None, unit: str | None = None,
             workdays: bool = False) -> list[dict]:
    """What is open on `on` — not done by the end of that day — sorted by due date:
    rows {kind, id, unit, what, due, days_left, status}, the due date as it stood
    on `on` (an extension counts from its approval), and `overdue_before_extension`
    where an extension was approved after the deadline had passed, and `owed_by`
    where not the unit but another owes it (a team its report). `within`: only what is late or due
    within that many days; `unit`: only what that unit owes (not a team's report
    on it)."""
    if within is not None and within < 0:
        raise InputError(msg.DUE_WITHIN.format(days=within))
    code = UnitIndex.of(store).find(unit).code if unit else None
    workday = official_workday if workdays else None
    rows = []
    for source in sources():
        for item in source(store):
            if (item.done is not None and item.done <= on) or (code and not owes(item, code)):
                continue
            if item.since is not None and item.since > on:  # not yet demanded, opened or confirmed
                continue
            approved = [e for e in item.extensions if e[0] <= on]  # SPEC §6: from its approval
            due = due_on(item.due, approved, on)
            left = days_left(due, on, workday)
            if within is not None and left > within:
                continue
            row = {"kind": item.kind, "id": item.id, "unit": item.unit, "what": item.what,
                   "due": due.isoformat(), "days_left": left, "status": due_status(left).value}
            if item.owed_by is not None:  # a team's report on the unit, not the unit's own
                row["owed_by"] = item.owed_by
            overdue = sum(days for _, _, days in extension_steps(item.due, approved))
            if overdue:  # already overdue when extended: the extension does not erase it
                row["overdue_before_extension"] = overdue
            rows.append(row)
    return sorted(rows, key=lambda r: (r["due"], r["kind"], r["id"]))
