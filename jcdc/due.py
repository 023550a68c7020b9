"""Everything due, from every part of the ledger, in one list (`jcdc due`).

Each source is a function `store -> list[DueItem]` (jcdc.model.DueItem).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from jcdc import messages as msg
from jcdc.model import DueItem, InputError, JcdcError
from jcdc.rules.kuaisu import days_left, due_on, due_status, extension_steps
from jcdc.store import Store
from jcdc.units import UnitIndex


def sources() -> list[Callable[[Store], list[DueItem]]]:
    found: list[Callable[[Store], list[DueItem]]] = []
    # --- rectification items and 13710 nodes (issue 6) ---
    from jcdc import fixes, matters

    found += [fixes.due_items, matters.due_items]
    # --- case executions (issue 4) ---
    from jcdc.cases import due_items as case_due
    found.append(case_due)

    # --- team reports (issue 5) ---
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


def due_list(store: Store, on: dt.date, within: int | None = None, unit: str | None = None,
             workdays: bool = False) -> list[dict]:
    """What is open on `on` — not done by the end of that day — sorted by due date:
    rows {kind, id, unit, what, due, days_left, status}, the due date as it stood
    on `on` (an extension counts from its approval), and `overdue_before_extension`
    where an extension was approved after the deadline had passed. `within`: only
    what is late or due within that many days."""
    if within is not None and within < 0:
        raise InputError(msg.DUE_WITHIN.format(days=within))
    code = UnitIndex.of(store).find(unit).code if unit else None
    workday = official_workday if workdays else None
    rows = []
    for source in sources():
        for item in source(store):
            if (item.done is not None and item.done <= on) or (code and item.unit != code):
                continue
            approved = [e for e in item.extensions if e[0] <= on]  # SPEC §6: from its approval
            due = due_on(item.due, approved, on)
            left = days_left(due, on, workday)
            if within is not None and left > within:
                continue
            row = {"kind": item.kind, "id": item.id, "unit": item.unit, "what": item.what,
                   "due": due.isoformat(), "days_left": left, "status": due_status(left).value}
            overdue = sum(days for _, _, days in extension_steps(item.due, approved))
            if overdue:  # already overdue when extended: the extension does not erase it
                row["overdue_before_extension"] = overdue
            rows.append(row)
    return sorted(rows, key=lambda r: (r["due"], r["kind"], r["id"]))
