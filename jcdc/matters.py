"""13710 matters (积分办法 第九条、第十一、十二条(三)): opening a matter, its
time nodes, and the events that score themselves.

Every event is one append-only record, written in the same transaction as the
ledger entries it causes; those go through `points.draft()` and `post()` like
any other, each pointing back at the matter. A matter's state (open, under key
supervision, closed) is derived from its events.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from jcdc import messages as msg
from jcdc import points
from jcdc.model import (
    DueItem, Entry, InputError, JcdcError, NotFound, Quarter, matter_key, optional_name, parse_choice, points_number,
    required_text,
)
from jcdc.matter_views import MatterView, Reminder, matter_reminders, views_of
from jcdc.records import Matter, MatterEvent, MatterNode
from jcdc.rules.jifen import OPENER
from jcdc.ruleset.words import fill
from jcdc.rules.xitong13710 import (
    KEY_RULE, LATE_RULE, NO_REMINDER_CITE, NO_REMINDER_RULE, RATING_RULES, RETURN_RULE, MatterClass, days_late,
    default_nodes, entry_rule, no_reminder_units, overdue_charges, report_rules, scorer,
)
from jcdc.session import current_user, timestamp
from jcdc.store import Store
from jcdc.units import UnitIndex, check_in_force


def _revoke_contradicted_bonus(store: Store, reminder: Reminder, by: str | None) -> list[int]:
    """积分办法 第十一条(三), SPEC §2: a reminder (a 催办, a late report, a node
    charged as let pass) recorded into a quarter whose 13710-no-reminder bonus
    stands reverses that bonus in the same transaction, citing the reminder. In
    a closed quarter it is refused: that quarter's ranking has been published."""
    quarter = Quarter.of(reminder.day)
    bonus = store.standing_entry(NO_REMINDER_RULE, unit=reminder.unit, qkey=quarter.key)
    if bonus is None:
        return []
    try:
        points.refuse_if_closed(store.closed_quarters(), quarter.end)
    except JcdcError as e:
        name = UnitIndex.of(store).by_code[reminder.unit].name
        raise JcdcError(msg.BONUS_REVOKE_CLOSED.format(unit=name, quarter=quarter.label, entry=bonus,
                                                       text=e)) from None
    reason = msg.BONUS_REVOKED_REASON.format(quarter=quarter.label, reminder=reminder, cite=NO_REMINDER_CITE)
    return [points.revoke(store, bonus, reason, by).id]


def _matters(store: Store, day: dt.date):
    """The 13710 system's days under the rule set in force on `day`."""
    from jcdc.rulebook import RuleBook

    return RuleBook.of(store).in_force(day).rules.matters


# The `source` of a node's overdue charge: which node of which matter it is for.
OVERDUE_SOURCE = "overdue:{matter}:{node}"


@dataclass(frozen=True)
class OverdueNode:
    """A node past its deadline and never reported, as of a day (SPEC §2)."""

    matter: Matter
    node: MatterNode
    days: int                              # days overdue by then, or by its matter's closing
    charged: tuple[Entry, ...]             # its overdue charges recorded, standing or revoked
    owed: tuple[tuple[str, dt.date], ...]  # (rule, date) of the charges still to record
    owed_points: tuple[int, ...] = ()      # each one's figure (tenths), by the version in force on its date

    def as_json(self) -> dict:
        return {"matter": self.matter.id, "unit": self.matter.lead, "node": self.node.number,
                "what": self.node.what, "due": self.node.due.isoformat(), "days_overdue": self.days,
                "charged": [e.id for e in self.charged],
                "owed": [{"rule": rule, "points": points_number(figure), "date": day.isoformat()}
                         for (rule, day), figure in zip(self.owed, self.owed_points)]}


def _overdue_entries(store: Store) -> dict[str, list[Entry]]:
    """The overdue charges recorded (standing or revoked: a charge the office
    revoked was excused, not forgotten), by their source."""
    found: dict[str, list[Entry]] = {}
    for rule in (LATE_RULE, KEY_RULE):
        for e in store.entries(rule=rule):
            if e.reverses is None and (e.source or "").startswith("overdue:"):
                found.setdefault(e.source, []).append(e)
    return found


def overdue(store: Store, on: dt.date, matter: str | None = None) -> list[OverdueNode]:
    """Every node past its deadline and unreported on `on` (SPEC §2, a node never
    reported), with the charges recorded for it and those still owed: 13710-late
    from the day after its deadline, 13710-key from the second day after it,
    once per matter (积分办法 第十二条(三)). A node of a closed matter is overdue
    until its closing; a reported node was charged when its report came."""
    from jcdc.rulebook import RuleBook

    charged_by = _overdue_entries(store)
    book = RuleBook.of(store)
    found = []
    for v in [view(store, matter)] if matter is not None else views_of(store):
        key_stands = v.key_supervision
        for n in v.nodes:
            if v.reported(n.number) is not None:
                continue
            until = min(on, v.closing.date) if v.closing is not None else on
            late = days_late(n.due, until)
            if late == 0:
                continue
            charged = tuple(charged_by.get(OVERDUE_SOURCE.format(matter=v.matter.id, node=n.number), ()))
            done = {e.rule for e in charged}
            owed = []
            for rule, day in overdue_charges(n.due, until, book.in_force(n.due).rules.matters):
                if rule in done or (rule == KEY_RULE and key_stands):
                    continue
                owed.append((rule, day))
                key_stands = key_stands or rule == KEY_RULE
            figures = tuple(points.find_rule(rule, book.in_force(day).rules.rules).lead.low for rule, day in owed)
            found.append(OverdueNode(v.matter, n, late, charged, tuple(owed), figures))
    return sorted(found, key=lambda o: (o.node.due, o.matter.id, o.node.number))


def charge_overdue(store: Store, on: dt.date, today: dt.date,
                   by: str | None = None) -> tuple[list[Entry], list[tuple[OverdueNode, str, dt.date]]]:
    """Record every overdue charge owed on `on`, dated as it fell due, citing
    积分办法 第十二条(三), in one transaction; a node so charged was reminded by
    the system, so a bonus standing for its quarter is reversed too (第十一条(三)).
    Returns the entries written and the charges left out because their quarter
    is closed (reopen it to record them)."""
    if on > today:
        raise JcdcError(msg.OVERDUE_ON_FUTURE.format(on=on, today=today))
    with store.write():
        closed = store.closed_quarters()
        owed, skipped = [], []
        for o in overdue(store, on):
            for rule, day in o.owed:
                (skipped if Quarter.of(day).key in closed else owed).append((o, rule, day))
        revoked: list[int] = []
        for o in dict.fromkeys(o for o, _, _ in owed):
            revoked += _revoke_contradicted_bonus(
                store, Reminder(o.matter.lead, o.matter.id, o.node.due, node=o.node.number), by)
        units, pending = UnitIndex.of(store), points.Pending()
        drafts = [points.draft(store, units, points.PointsRequest(
            unit=o.matter.lead, rule=rule, date=day, matter=o.matter.id,
            scorer=scorer(points.find_rule(rule).scorer, o.matter.opener),
            note=msg.OVERDUE_NOTE.format(node=o.node.number, due=o.node.due),
            source=OVERDUE_SOURCE.format(matter=o.matter.id, node=o.node.number)), pending)
            for o, rule, day in owed]
        ids = revoked + (points.post(store, drafts, by) if drafts else [])
    return [store.entry(i) for i in ids], skipped


def parse_class(text: str) -> MatterClass:
    return parse_choice(MatterClass, msg.MATTER_CLASS, fill(msg.BAD_MATTER_CLASS), text, msg.MATTER_CLASS_ALSO)


def view(store: Store, matter_id: str) -> MatterView:
    key = matter_key(matter_id) or ""
    found = store.matters(key)
    if not found:
        raise NotFound(msg.MATTER_NOT_FOUND.format(matter=matter_id))
    return MatterView(found[0], tuple(store.matter_nodes(key)), tuple(store.matter_events(key)),
                      store.standing_entry(KEY_RULE, matter=key))


def _open_view(store: Store, matter_id: str, date: dt.date) -> MatterView:
    """The matter an event on `date` is recorded on: it exists, it is not closed,
    and the date is not before its opening."""
    v = view(store, matter_id)
    if v.closing is not None:
        raise JcdcError(msg.MATTER_CLOSED.format(matter=v.matter.id, date=v.closing.date))
    if date < v.matter.opened:
        raise JcdcError(msg.MATTER_BEFORE_OPENED.format(
            date=date, matter=v.matter.id, opened=v.matter.opened))
    return v


def _record(store: Store, matter: Matter, kind: str, date: dt.date, rules: list[str],
            by: str | None, also: list[int] | None = None, **fields) -> MatterEvent:
    """One event and the ledger entries its rules give, inside the caller's
    transaction; `also`: entries written for it already (a bonus it reversed)."""
    units = UnitIndex.of(store)
    pending = points.Pending()
    drafts = [points.draft(store, units, points.PointsRequest(
        unit=matter.lead, rule=code, date=date, matter=matter.id,
        scorer=scorer(points.find_rule(code).scorer, matter.opener),
        source=f"matter:{matter.id}"), pending) for code in rules]
    entry_ids = (also or []) + (points.post(store, drafts, by) if drafts else [])
    row = {"matter": matter.id, "kind": kind, "date": date.isoformat(),
           "entries": json.dumps(entry_ids), "recorded_by": current_user(by), "recorded_at": timestamp(),
           **fields}
    [event_id] = store.append("matter_events", [row])
    return next(e for e in store.matter_events(matter.id) if e.id == event_id)


def add_matter(store: Store, matter_id: str, title: str, lead: str, coops: list[str],
               opened: dt.date, cls: MatterClass, passive: bool, opener: str | None,
               by: str | None = None) -> MatterView:
    """Enter a matter with its default nodes; it earns the lead unit 13710-item
    unless it was entered passively (积分办法 第十一条(三))."""
    key = matter_key(matter_id)
    if key is None:
        raise InputError(msg.MATTER_ID_NEEDED)
    title = required_text(title, "title")
    with store.write():
        existing = store.matters(key)
        if existing:
            raise JcdcError(msg.MATTER_EXISTS.format(matter=key, opened=existing[0].opened))
        units = UnitIndex.of(store)
        lead_unit = units.find(lead)
        check_in_force(lead_unit, opened)
        coop_codes = list(dict.fromkeys(units.find(c).code for c in coops))
        if lead_unit.code in coop_codes:
            raise InputError(msg.MATTER_LEAD_AS_COOP.format(unit=lead_unit.name))
        held = points.matter_holder(store, key)  # its points given before it was entered: their unit handles it
        if held is not None and held[0] != lead_unit.code:
            holder = units.by_code[held[0]].name if held[0] in units.by_code else held[0]
            raise JcdcError(msg.MATTER_LEAD_NOT_HOLDER.format(
                matter=key, holder=holder, entry=msg.STANDING_ENTRY.format(id=held[1]), lead=lead_unit.name,
                id=held[1]))
        who, at = current_user(by), timestamp()
        store.append("matters", [{
            "matter": key, "title": title, "lead": lead_unit.code, "coop": json.dumps(coop_codes),
            "opened": opened.isoformat(), "class": cls.value, "passive": int(passive),
            "opener": optional_name(opener, "opener") or OPENER, "recorded_by": who, "recorded_at": at,
        }])
        store.append("matter_nodes", [
            {"matter": key, "number": n.number, "what": n.what, "due": n.due.isoformat(),
             "recorded_by": who, "recorded_at": at} for n in default_nodes(opened, cls, _matters(store, opened))])
        rule = entry_rule(passive)
        _record(store, store.matters(key)[0], "open", opened, [rule] if rule else [], by)
    return view(store, key)


def add_node(store: Store, matter_id: str, due: dt.date, what: str,
             by: str | None = None) -> MatterNode:
    """A node the assigning body set, numbered after the existing ones."""
    what = required_text(what, "what")
    with store.write():
        v = _open_view(store, matter_id, due)
        number = max(n.number for n in v.nodes) + 1
        store.append("matter_nodes", [{
            "matter": v.matter.id, "number": number, "what": what, "due": due.isoformat(),
            "recorded_by": current_user(by), "recorded_at": timestamp()}])
    return view(store, v.matter.id).nodes[-1]


def report(store: Store, matter_id: str, node: int, date: dt.date,
           by: str | None = None) -> MatterEvent:
    """积分办法 第十二条(三): a report after its node's due date is late (−0.5);
    two days or more late also enters key supervision (−5, once per matter)."""
    with store.write():
        v = _open_view(store, matter_id, date)
        target = next((n for n in v.nodes if n.number == node), None)
        if target is None:
            raise NotFound(msg.NODE_NOT_FOUND.format(
                matter=v.matter.id, node=node, nodes="、".join(str(n.number) for n in v.nodes)))
        earlier = v.reported(node)
        if earlier is not None:
            raise JcdcError(msg.NODE_REPORTED.format(
                matter=v.matter.id, node=node, date=earlier.date, event=earlier.id))
        late = days_late(target.due, date)
        already_key = store.standing_entry(KEY_RULE, matter=v.matter.id) is not None
        # charged while it stood unreported (overdue): what was charged is not charged again
        charged = {e.rule for e in _overdue_entries(store).get(
            OVERDUE_SOURCE.format(matter=v.matter.id, node=node), ())}
        revoked = _revoke_contradicted_bonus(store, Reminder(
            v.matter.lead, v.matter.id, target.due, node=node, late=late), by) if late else []
        rules = [r for r in report_rules(late, already_key or KEY_RULE in charged, _matters(store, date))
                 if r not in charged]
        return _record(store, v.matter, "report", date, rules, by, also=revoked,
                       node=node, days_late=late)


def remind(store: Store, matter_id: str, date: dt.date, by: str | None = None) -> MatterEvent:
    """A reminder (催办): it costs the unit the quarter's 13710-no-reminder bonus."""
    with store.write():
        v = _open_view(store, matter_id, date)
        revoked = _revoke_contradicted_bonus(store, Reminder(v.matter.lead, v.matter.id, date), by)
        return _record(store, v.matter, "remind", date, [], by, also=revoked)


def return_report(store: Store, matter_id: str, date: dt.date, reason: str,
                  by: str | None = None) -> MatterEvent:
    """退回重报: −0.5 the first time, 1 more each time after (积分办法 第十二条(三))."""
    reason = required_text(reason, "reason")
    with store.write():
        v = _open_view(store, matter_id, date)
        return _record(store, v.matter, "return", date, [RETURN_RULE], by, reason=reason)


def close(store: Store, matter_id: str, date: dt.date, rating: str,
          by: str | None = None) -> MatterEvent:
    """办结 with its rating: 优秀 +3, 良好 +1, 合格 0, 不合格 −5 (积分办法 第十一、十二条(三))."""
    rating = (rating or "").strip()
    if rating not in RATING_RULES:
        raise InputError(msg.BAD_RATING.format(text=rating))
    rule = RATING_RULES[rating]
    with store.write():
        v = _open_view(store, matter_id, date)
        later = max((e for e in v.events if e.date > date), key=lambda e: (e.date, e.id), default=None)
        if later is not None:  # a report of a closed matter is refused; so is a close before one
            raise JcdcError(msg.MATTER_CLOSE_BEFORE_EVENT.format(
                matter=v.matter.id, date=date, kind=msg.MATTER_EVENT_KIND[later.kind], on=later.date,
                event=later.id))
        owed = next((o for o in overdue(store, date, v.matter.id) if o.owed), None)
        if owed is not None:  # 积分办法 第十二条(三): a node let pass is charged before the matter closes
            raise JcdcError(msg.MATTER_CLOSE_OVERDUE.format(
                matter=v.matter.id, node=owed.node.number, due=owed.node.due, days=owed.days, date=date))
        return _record(store, v.matter, "close", date, [rule] if rule else [], by, rating=rating)


def quarterly_bonus(store: Store, quarter: Quarter, today: dt.date,
                    by: str | None = None) -> list[Entry]:
    """13710-no-reminder (+5) for each unit with a node due in the quarter and no
    reminder on any of its matters in it — neither a recorded one nor the
    system's own for a node reported late or let pass (积分办法 第十一条(三)). A unit that already has the quarter's
    bonus is skipped, so running it again adds nothing."""
    if today <= quarter.end:
        raise JcdcError(msg.BONUS_QUARTER_OPEN.format(quarter=quarter.label, end=quarter.end))
    with store.write():
        units = UnitIndex.of(store)
        pending = points.Pending()
        drafts = [
            points.draft(store, units, points.PointsRequest(
                unit=code, rule=NO_REMINDER_RULE, date=quarter.end, source=f"matter-bonus:{quarter}"),
                pending)
            for code in bonus_due_units(store, quarter, today)
        ]
        ids = points.post(store, drafts, by) if drafts else []
    return [store.entry(i) for i in ids]


def bonus_due_units(store: Store, quarter: Quarter, today: dt.date) -> list[str]:
    """The units `quarterly_bonus` would give the quarter's bonus now: a node due
    in it, no reminder in it (a 催办, a node reported late or let pass), in force
    at its end, and no bonus of the quarter recorded — standing, or revoked by
    the office, whose decision running the bonus again must not undo. Empty: the
    quarter's bonus is worked out (closing.close waits for it)."""
    views = views_of(store)
    # A node of a matter closed before the node fell due was never due.
    nodes_due = [(v.matter.lead, n.due) for v in views for n in v.nodes
                 if v.closing is None or v.closing.date >= n.due]
    reminded = [(r.unit, r.day) for v in views for r in matter_reminders(v, today)]  # SPEC §2
    recorded = {e.unit for e in store.entries(rule=NO_REMINDER_RULE, first_qkey=quarter.key,
                                              last_qkey=quarter.key)}
    units = UnitIndex.of(store)
    return [code for code in no_reminder_units(nodes_due, reminded, quarter)
            if code not in recorded and units.by_code[code].in_force(quarter.end, quarter.end)]


def list_matters(store: Store, unit: str | None = None, open_only: bool = False,
                 key_only: bool = False) -> list[MatterView]:
    """Matters of a unit (lead or coop); `open_only`: not closed; `key_only`: under
    key supervision — the 追究办法 第五条(二) trigger."""
    code = UnitIndex.of(store).find(unit).code if unit else None
    return [v for v in views_of(store)
            if (code is None or code == v.matter.lead or code in v.matter.coop)
            and not (open_only and v.state == "closed") and not (key_only and not v.key_supervision)]


def due_items(store: Store) -> list[DueItem]:
    """Every node of every matter, for `jcdc due`."""
    return [
        DueItem("13710", v.matter.id, v.matter.lead,
                msg.DUE_NODE_WHAT.format(title=v.matter.title, node=n.number, what=n.what),
                n.due, v.node_done(n), since=v.matter.opened)
        for v in views_of(store) for n in v.nodes
    ]
