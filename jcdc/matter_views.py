"""A 13710 matter as the ledger records it (积分办法 第九条、第十一、十二条(三)):
its nodes and events and what they add up to, and the reminders they count
as. Read by the matters' use cases (jcdc/matters.py) and by `points add`,
which refuses a 13710-no-reminder bonus to a unit the ledger records as
reminded: both read the matters here, so neither imports the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jcdc import messages as msg
from jcdc.records import Matter, MatterEvent, MatterNode
from jcdc.rules.xitong13710 import KEY_RULE, reminded_by_system
from jcdc.store import Store


@dataclass(frozen=True)
class MatterView:
    """A matter with its nodes and events, and what they add up to."""

    matter: Matter
    nodes: tuple[MatterNode, ...]
    events: tuple[MatterEvent, ...]
    key_entry: int | None = None  # its standing 13710-key entry: revoked, it is no longer key

    @property
    def closing(self) -> MatterEvent | None:
        return next((e for e in self.events if e.kind == "close"), None)

    @property
    def key_supervision(self) -> bool:
        """重点督办: a report two days or more late, charged 13710-key — an
        accountability trigger (追究办法 第五条(二)) even after the matter is closed.
        Its entry revoked (jcdc points revoke), the matter is no longer under it."""
        return self.key_entry is not None

    @property
    def state(self) -> str:
        if self.closing is not None:
            return "closed"
        return "key" if self.key_supervision else "open"

    def reported(self, node: int) -> MatterEvent | None:
        return next((e for e in self.events if e.kind == "report" and e.node == node), None)

    def node_done(self, node: MatterNode) -> dt.date | None:
        """A node is done when it is reported, or when its matter is closed."""
        days = [e.date for e in (self.reported(node.number), self.closing) if e is not None]
        return min(days) if days else None

    def node_json(self, node: MatterNode) -> dict:
        report = self.reported(node.number)
        return {"number": node.number, "what": node.what, "due": node.due.isoformat(),
                "reported": report.date.isoformat() if report else None,
                "days_late": report.days_late if report else None}

    def as_json(self) -> dict:
        m, closing = self.matter, self.closing
        pending = [n.due for n in self.nodes if self.node_done(n) is None]
        return {
            "id": m.id, "title": m.title, "lead": m.lead, "coop": list(m.coop),
            "opened": m.opened.isoformat(), "class": m.cls, "passive": m.passive,
            "opener": m.opener, "state": self.state, "key_supervision": self.key_supervision,
            "rating": closing.rating if closing else None,
            "next_due": min(pending).isoformat() if pending else None,
            "nodes": [self.node_json(n) for n in self.nodes],
            "events": [event_json(e) for e in self.events],
        }


@dataclass(frozen=True)
class Reminder:
    """A reminder of a matter that the ledger records (积分办法 第十一条(三)): a
    recorded 催办, or the 13710 system's own for a node reported late or let
    pass (SPEC §2). It counts in the quarter of `day`: the 催办's date, or the
    node's due date."""

    unit: str                       # the matter's lead unit
    matter: str
    day: dt.date
    event: int | None = None        # the 催办 or the late report, once recorded
    node: int | None = None
    late: int | None = None         # the late report's days late
    closed: dt.date | None = None   # a node never reported, its matter closed that day

    def __str__(self) -> str:
        event = msg.REMINDER_EVENT.format(event=self.event) if self.event is not None else ""
        if self.node is None:
            return msg.REMINDER_RECORDED.format(matter=self.matter, day=self.day, event=event)
        if self.late is not None:
            return msg.REMINDER_LATE.format(matter=self.matter, node=self.node, day=self.day, late=self.late,
                                            event=event)
        if self.closed is not None:
            return msg.REMINDER_LET_PASS_CLOSED.format(matter=self.matter, node=self.node, day=self.day,
                                                       closed=self.closed)
        return msg.REMINDER_LET_PASS.format(matter=self.matter, node=self.node, day=self.day)


def matter_reminders(v: MatterView, today: dt.date) -> list[Reminder]:
    """Every reminder the ledger records of matter `v` as of `today`: its 催办,
    and each node reported late or let pass (reminded_by_system)."""
    lead, found = v.matter.lead, []
    for e in v.events:
        if e.kind == "remind":
            found.append(Reminder(lead, v.matter.id, e.date, event=e.id))
    for n in v.nodes:
        done = v.node_done(n)
        if not reminded_by_system(n.due, done, today):
            continue
        report = v.reported(n.number)
        if report is not None and report.date == done:
            found.append(Reminder(lead, v.matter.id, n.due, event=report.id, node=n.number, late=report.days_late))
        else:
            closing = v.closing
            found.append(Reminder(lead, v.matter.id, n.due, node=n.number,
                                  closed=closing.date if closing is not None else None))
    return sorted(found, key=lambda r: (r.day, r.node or 0))


def reminders(store: Store, today: dt.date) -> list[Reminder]:
    """Every reminder the ledger records, of every matter, as of `today`."""
    return sorted((r for v in views_of(store) for r in matter_reminders(v, today)),
                  key=lambda r: (r.day, r.matter, r.node or 0))


def event_json(e: MatterEvent) -> dict:
    return {"id": e.id, "kind": e.kind, "date": e.date.isoformat(), "node": e.node,
            "days_late": e.days_late, "rating": e.rating, "reason": e.reason,
            "entries": list(e.entries), "recorded_by": e.recorded_by, "recorded_at": e.recorded_at}


def views_of(store: Store) -> list[MatterView]:
    nodes: dict[str, list[MatterNode]] = {}
    events: dict[str, list[MatterEvent]] = {}
    for n in store.matter_nodes():
        nodes.setdefault(n.matter, []).append(n)
    for e in store.matter_events():
        events.setdefault(e.matter, []).append(e)
    return [MatterView(m, tuple(sorted(nodes.get(m.id, ()), key=lambda n: n.number)),
                       tuple(events.get(m.id, ())), store.standing_entry(KEY_RULE, matter=m.id))
            for m in store.matters()]
