"""Accountability cases (追究办法): opening, the steps of 第九条, appeals, reading back.

A case is an opening record and the records of its steps, both append-only
and hash-chained; its state is the replay of the steps through
jcdc.rules.zhuijiu.TRANSITIONS, so nothing in a case's history is ever edited.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from jcdc import messages as msg
from jcdc import ranking
from jcdc.model import (
    DueItem, InputError, JcdcError, NotFound, Quarter, fmt_points, optional_name, optional_text, points_number,
    required_text,
)
from jcdc.ranking import rules_of
from jcdc.rules.jifen import Flag
from jcdc.ruleset.words import fill
from jcdc.rules.zhuijiu import (
    ACTION_CITE, APPEALABLE, NEEDS_REASON, SIDE_STEPS, TRIGGER_CITE,
    UNIT_TARGET, Action, Person, Sanction, Scope, State, Trigger, check_opinion, check_step_date,
    check_year_over, execution_due, initial_state, interview_due, needs_execution_deadline, needs_interview,
    next_state, parse_person, parse_sanction, replay,
)
from jcdc.session import current_user, timestamp, today
from jcdc.store import Store
from jcdc.units import UnitIndex

KEY_RULE = "13710-key"  # 积分办法 第十二条(三): entered key supervision — 追究办法 第五条(二)


# --- the case as read back ------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One recorded step of a case: a move of 第九条, or an appeal and its result."""

    action: Action
    before: State
    after: State
    date: dt.date
    by: str | None
    doc: str | None
    note: str | None
    reason: str | None = None
    persons: tuple[Person, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
    coordinated_with: str | None = None
    procedure: str | None = None
    scope: Scope | None = None
    outcome: str | None = None
    recorded_by: str | None = None
    recorded_at: str | None = None

    def as_json(self) -> dict:
        return {
            "action": self.action.value,
            "from": self.before.value if self.action is not Action.OPEN else None,
            "to": self.after.value, "date": self.date.isoformat(), "by": self.by, "doc": self.doc,
            "note": self.note, "reason": self.reason, "cite": ACTION_CITE[self.action],
            "persons": [p.as_json() for p in self.persons] or None,
            "sanctions": [s.as_json() for s in self.sanctions] or None,
            "coordinated_with": self.coordinated_with, "procedure": self.procedure,
            "scope": self.scope.value if self.scope else None, "outcome": self.outcome,
            "recorded_by": self.recorded_by, "recorded_at": self.recorded_at,
        }


@dataclass(frozen=True)
class Case:
    key: int           # the row id of the opening record
    id: str            # 2019-001: the year of the opening date and the number within it
    unit: str | None   # the ranked unit the case counts for, where there is one (追究办法 第二条)
    unit_name: str | None
    trigger: Trigger
    summary: str
    direct: bool
    matter: str | None
    rank_year: int | None
    steps: tuple[Step, ...]   # the opening first
    state: State
    body: str | None = None   # the body the case is against when it is not the ranked unit itself

    @property
    def subject(self) -> str:
        """Who the case is against, as a clerk names it: the body, else the ranked unit."""
        return self.body or self.unit_name or ""

    @property
    def opened(self) -> dt.date:
        return self.steps[0].date

    @property
    def persons(self) -> tuple[Person, ...]:
        """The persons named at opening, and those the verification added (第九条(一) 拟问责范围)."""
        return tuple(p for s in self.steps if s.action is not Action.INTERVIEW for p in s.persons)

    def last(self, action: Action) -> Step | None:
        return next((s for s in reversed(self.steps) if s.action is action), None)

    @property
    def opinion(self) -> Step | None:
        """The sanction standing: the latest opinion proposed (第九条(二)、(三)), or
        the latest appeal result that changed it (第九条(二)), whichever came later;
        the earlier ones stay in the history."""
        return next((s for s in reversed(self.steps)
                     if s.action is Action.PROPOSE or (s.action is Action.APPEAL_RESULT and s.sanctions)), None)

    @property
    def interviews(self) -> tuple[Step, ...]:
        """第六条(二): the 约谈 recorded on the case."""
        return tuple(s for s in self.steps if s.action is Action.INTERVIEW)

    @property
    def sanctions(self) -> tuple[Sanction, ...]:
        return self.opinion.sanctions if self.opinion else ()

    @property
    def scope(self) -> Scope | None:
        published = self.last(Action.PUBLISH)
        return published.scope if published else None

    @property
    def pending_appeal(self) -> Step | None:
        appeals = [s for s in self.steps if s.action in (Action.APPEAL, Action.APPEAL_RESULT)]
        return appeals[-1] if appeals and appeals[-1].action is Action.APPEAL else None

    def as_json(self) -> dict:
        opening, opinion = self.steps[0], self.opinion
        return {
            "id": self.id, "unit": self.unit, "unit_name": self.unit_name, "body": self.body,
            "subject": self.subject,
            "persons": [p.as_json() for p in self.persons],
            "trigger": self.trigger.value, "cite": TRIGGER_CITE[self.trigger], "summary": self.summary,
            "opened": self.opened.isoformat(), "state": self.state.value, "direct": self.direct,
            "direct_reason": opening.reason, "matter": self.matter, "rank_year": self.rank_year,
            "sanctions": [s.as_json() for s in self.sanctions],
            "coordinated_with": opinion.coordinated_with if opinion else None,
            "procedure": opinion.procedure if opinion else None,
            "scope": self.scope.value if self.scope else None,
            "interviews": [{"date": s.date.isoformat(), "by": s.by, "with": [p.as_json() for p in s.persons],
                            "doc": s.doc, "cite": ACTION_CITE[Action.INTERVIEW]} for s in self.interviews],
            "history": [s.as_json() for s in self.steps],
        }

    def public_json(self) -> dict:
        """What a public notice of the result carries (追究办法 第九条(五) 通报), and
        nothing else: not the clerks' account names, the opinions exchanged
        (coordinated_with), the notes or the history. Persons appear only where
        they were sanctioned: a person cleared by the verification is not named."""
        sanctioned = {s.target for s in self.sanctions}
        decided, executed, published = (self.last(a) for a in (Action.CONFIRM, Action.EXECUTE, Action.PUBLISH))
        return {
            "id": self.id, "unit": self.unit, "unit_name": self.unit_name,
            "body": self.body,  # 追究办法 第二条: the body the notice is against, when not the ranked unit
            "persons": [p.as_json() for p in dict.fromkeys(self.persons) if p.name in sanctioned],
            "trigger": self.trigger.value, "cite": TRIGGER_CITE[self.trigger],
            "sanctions": [s.as_json() for s in self.sanctions],
            "opened": self.opened.isoformat(),
            "decided": decided.date.isoformat() if decided else None,
            "decision_doc": decided.doc if decided else None,
            "executed": executed.date.isoformat() if executed else None,
            "execution_doc": executed.doc if executed else None,
            "published": published.date.isoformat() if published else None,
            "publication_doc": published.doc if published else None,
        }


def _persons(text: str | None) -> tuple[Person, ...]:
    return tuple(Person(**p) for p in json.loads(text)) if text else ()


def _sanctions(text: str | None) -> tuple[Sanction, ...]:
    return tuple(Sanction(**s) for s in json.loads(text)) if text else ()


def _dump(items) -> str | None:
    if not items:
        return None
    return json.dumps([i.as_json() for i in items], ensure_ascii=False, separators=(",", ":"))


def _case(row: dict, events: list[dict], names: dict[str, str]) -> Case:
    direct = bool(row["direct"])
    opening = Step(Action.OPEN, initial_state(direct), initial_state(direct),
                   dt.date.fromisoformat(row["date"]), row["actor"], row["doc"], row["note"],
                   reason=row["direct_reason"], persons=_persons(row["persons"]),
                   recorded_by=row["recorded_by"], recorded_at=row["recorded_at"])
    steps = [opening] + [
        Step(Action(e["action"]), State(e["from_state"]), State(e["to_state"]),
             dt.date.fromisoformat(e["date"]), e["actor"], e["doc"], e["note"], e["reason"],
             _persons(e["persons"]), _sanctions(e["sanctions"]), e["coordinated_with"], e["procedure"],
             Scope(e["scope"]) if e["scope"] else None, e["outcome"], e["recorded_by"], e["recorded_at"])
        for e in events
    ]
    state = replay(direct, (s.action for s in steps[1:]))
    unit = row["unit"]
    return Case(row["id"], row["case_no"], unit, names.get(unit, unit) if unit else None,
                Trigger(row["trigger"]), row["summary"], direct, row["matter"], row["rank_year"],
                tuple(steps), state, row.get("body"))


def all_cases(store: Store) -> list[Case]:
    names = {u.code: u.name for u in store.units()}
    events: dict[int, list[dict]] = {}
    for e in store.case_events():
        events.setdefault(e["case_id"], []).append(e)
    return [_case(row, events.get(row["id"], []), names) for row in store.cases()]


_CASE_ID = re.compile(r"^([0-9]{4})-([0-9]{1,4})$")


def parse_case_id(text: str) -> str:
    """'2019-001' (or '2019-1', as a clerk may type it) -> '2019-001'."""
    m = _CASE_ID.match((text or "").strip())
    if not m:
        raise InputError(msg.CASE_BAD_ID.format(text=text))
    return f"{m.group(1)}-{int(m.group(2)):03d}"


def get(store: Store, text: str) -> Case:
    case_no = parse_case_id(text)
    rows = store.cases(case_no)
    if not rows:
        raise NotFound(msg.CASE_NOT_FOUND.format(text=text))
    names = {u.code: u.name for u in store.units()}
    return _case(rows[0], store.case_events(rows[0]["id"]), names)


# --- opening -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """What the 督查机构 hands over (第九条(一)), or hands straight on (第十条)."""

    unit: str | None
    trigger: Trigger
    summary: str
    date: dt.date | None = None
    persons: tuple[str, ...] = ()
    direct: bool = False
    reason: str | None = None
    matter: str | None = None
    doc: str | None = None
    note: str | None = None
    by: str | None = None
    body: str | None = None  # 第二条: any body; `unit` is then the ranked unit it belongs to, if any


def _office(store: Store, day: dt.date) -> str:
    """追究办法 第九条(一): the 政府督查机构 that hands the clue over — the office that
    scores, as the rule set in force names it (`points.scorers.office`)."""
    from jcdc.rulebook import RuleBook

    return RuleBook.of(store).in_force(day).rules.scorers["office"]


def _opening_row(store: Store, unit: str | None, opening: Opening, day: dt.date, persons: tuple[Person, ...],
                 clerk: str | None, rank_year: int | None = None, body: str | None = None) -> dict:
    return {
        "case_no": f"{day.year}-{store.count_cases(day.year) + 1:03d}", "unit": unit, "body": body,
        "persons": _dump(persons) or "[]", "trigger": opening.trigger.value,
        "summary": optional_text(opening.summary, "summary"),
        "date": day.isoformat(), "actor": optional_name(opening.by, "actor") or _office(store, day), "doc": optional_name(opening.doc, "doc"),
        "note": optional_text(opening.note, "note"), "direct": int(opening.direct),
        "direct_reason": optional_text(opening.reason, "reason"),
        "matter": optional_name(opening.matter, "matter"), "rank_year": rank_year,
        "recorded_by": current_user(clerk), "recorded_at": timestamp(),
    }


def open_case(store: Store, opening: Opening, clerk: str | None = None) -> Case:
    if opening.trigger is Trigger.BOTTOM_TWO:
        raise JcdcError(msg.CASE_BOTTOM_TWO_BY_RANK)
    if opening.direct and not optional_text(opening.reason):
        raise InputError(msg.CASE_DIRECT_REASON)
    if not opening.direct and optional_text(opening.reason):
        raise InputError(msg.CASE_REASON_WITHOUT_DIRECT)
    required_text(opening.summary, "summary")
    persons = tuple(parse_person(p) for p in opening.persons)
    day = opening.date or today()
    check_step_date(day, day, today())
    with store.write():
        unit, body = _subject(UnitIndex.of(store), opening)
        row = _opening_row(store, unit, opening, day, persons, clerk, body=body)
        store.append("cases", [row])
    return get(store, row["case_no"])


def _subject(units: UnitIndex, opening: Opening) -> tuple[str | None, str | None]:
    """(ranked unit, body) of a case (追究办法 第二条)."""
    return units.unit_or_body(optional_name(opening.unit, "unit"), optional_name(opening.body, "body"),
                              msg.CASE_OPEN_NEEDS_BODY)


# --- candidates (第五条(二)、(五)) -----------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    trigger: Trigger
    unit: str
    name: str
    year: int
    group: str | None = None
    score: int | None = None           # tenths, base included
    rank: int | None = None
    previous_score: int | None = None
    previous_rank: int | None = None
    matter: str | None = None
    entry: int | None = None           # the 13710-key ledger entry
    date: dt.date | None = None
    published: tuple[str, ...] = ()    # the year before from a published ranking: its documents (SPEC §3)

    def as_json(self) -> dict:
        def number(tenths):
            return points_number(tenths) if tenths is not None else None

        data = {
            "trigger": self.trigger.value, "cite": TRIGGER_CITE[self.trigger], "unit": self.unit,
            "name": self.name, "year": self.year, "group": self.group, "score": number(self.score),
            "rank": self.rank, "previous_score": number(self.previous_score),
            "previous_rank": self.previous_rank, "matter": self.matter, "entry": self.entry,
            "date": self.date.isoformat() if self.date else None,
        }
        if self.published:
            data["previous_published_by"] = list(self.published)
        return data


def rank_candidates(store: Store, year: int, cases: list[Case]) -> list[Candidate]:
    """Units the annual ranking of `year` flags for accountability (积分办法 第十七条)
    that have no bottom-two case for that year yet."""
    opened = {c.unit for c in cases if c.trigger is Trigger.BOTTOM_TWO and c.rank_year == year}
    ranked = ranking.year_ranking(store, year)
    return [
        Candidate(Trigger.BOTTOM_TWO, r.unit, r.name, year, r.group, r.score, r.rank,
                  r.previous_score, r.previous_rank, published=ranked.published_docs.get(r.group, ()))
        for r in ranked.rows
        if Flag.ACCOUNTABILITY in r.flags and r.unit not in opened
    ]


def key_candidates(store: Store, year: int, cases: list[Case]) -> list[Candidate]:
    """Matters of `year` under key supervision (追究办法 第五条(二)) whose standing
    13710-key entry has no 13710-overdue case yet."""
    opened = {(c.unit, c.matter) for c in cases if c.trigger is Trigger.OVERDUE_13710}
    names = {u.code: u.name for u in store.units()}
    entries = store.entries(rule=KEY_RULE, first_qkey=Quarter(year, 1).key, last_qkey=Quarter(year, 4).key)
    reversed_ids = {e.reverses for e in entries if e.reverses is not None}
    return [
        Candidate(Trigger.OVERDUE_13710, e.unit, names[e.unit], year, matter=e.matter, entry=e.id,
                  date=e.date)
        for e in entries
        if e.reverses is None and e.id not in reversed_ids and (e.unit, e.matter) not in opened
    ]


def candidates(store: Store, year: int) -> list[Candidate]:
    cases = all_cases(store)
    return rank_candidates(store, year, cases) + key_candidates(store, year, cases)


def open_from_rank(store: Store, year: int, day: dt.date | None = None, by: str | None = None,
                   doc: str | None = None, clerk: str | None = None) -> list[Case]:
    """One bottom-two case per candidate of the annual ranking, citing its figures;
    a second call finds them opened and opens none."""
    day = day or today()
    check_step_date(day, day, today())
    check_year_over(year, day)
    rows = []
    rules = rules_of(store, Quarter(year, 4))  # 第十七条 as the year was judged
    with store.write():
        for c in rank_candidates(store, year, all_cases(store)):
            summary = fill(msg.CASE_FROM_RANK_SUMMARY, rules).format(
                year=year, score=fmt_points(c.score), group=c.group, rank=c.rank, prev_year=year - 1,
                prev_score=fmt_points(c.previous_score), prev_rank=c.previous_rank)
            if c.published:  # the year before as published: cited (SPEC §3)
                summary += msg.CASE_FROM_RANK_PUBLISHED.format(prev_year=year - 1, doc="、".join(c.published))
            opening = Opening(c.unit, Trigger.BOTTOM_TWO, summary, day, doc=doc, by=by)
            rows.append(_opening_row(store, c.unit, opening, day, (), clerk, rank_year=year))
            store.append("cases", [rows[-1]])
    return [get(store, r["case_no"]) for r in rows]


# --- the steps of 第九条 ------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One step as the clerk records it: who acted, when, under which document."""

    action: Action
    by: str
    date: dt.date | None = None
    doc: str | None = None
    note: str | None = None
    reason: str | None = None
    persons: tuple[str, ...] = ()       # verify: persons the verification names
    sanctions: tuple[str, ...] = ()     # propose: 'unit:通报', '张三:组织调整:降职' …
    coordinated_with: str | None = None
    procedure: str | None = None
    scope: Scope | None = None          # publish
    measure_reason: str | None = None   # propose: a 组织处理 measure outside 第七条(四)'s list


def _last_move_date(case: Case) -> dt.date:
    return max(s.date for s in case.steps if s.action not in SIDE_STEPS)


def _step_row(case: Case, action: Action, after: State, day: dt.date, by: str | None, clerk: str | None,
              **fields) -> dict:
    return {
        "case_id": case.key, "action": action.value, "from_state": case.state.value,
        "to_state": after.value, "date": day.isoformat(), "actor": by,
        "recorded_by": current_user(clerk), "recorded_at": timestamp(), **fields,
    }


def _reason_used(measure_reason: str | None, sanctions: tuple[Sanction, ...]) -> None:
    """A --measure-reason is recorded only with the measure it explains (第七条(四) 等)."""
    if measure_reason and not any(s.reason for s in sanctions):
        raise InputError(msg.CASE_MEASURE_REASON_UNUSED)


def move(store: Store, case_id: str, step: Move, clerk: str | None = None) -> tuple[Case, Case]:
    """Record one move of the table (第九条); (the case before, the case after)."""
    by = optional_name(step.by, "actor")
    if by is None:
        raise InputError(msg.CASE_BY_NEEDED)
    reason = optional_text(step.reason, "reason")
    if step.action in NEEDS_REASON and reason is None:
        raise InputError(msg.CASE_REASON_NEEDED.format(action=step.action.value))
    if step.action is Action.PUBLISH and step.scope is None:
        raise InputError(msg.CASE_SCOPE_NEEDED)
    with store.write():
        case = get(store, case_id)
        after = next_state(case.state, step.action)
        day = step.date or today()
        check_step_date(day, _last_move_date(case), today())
        persons = tuple(parse_person(p) for p in step.persons)
        sanctions = ()
        if step.action is Action.PROPOSE:
            measure_reason = optional_text(step.measure_reason, "measure-reason")
            sanctions = tuple(parse_sanction(s, case.persons, measure_reason) for s in step.sanctions)
            _reason_used(measure_reason, sanctions)
            check_opinion(sanctions, optional_text(step.coordinated_with, "coordinated-with"),
                          optional_text(step.procedure, "procedure"))
        store.append("case_events", [_step_row(
            case, step.action, after, day, by, clerk, doc=optional_name(step.doc, "doc"), note=optional_text(step.note, "note"),
            reason=reason, persons=_dump(persons), sanctions=_dump(sanctions),
            coordinated_with=optional_text(step.coordinated_with, "coordinated-with"),
            procedure=optional_text(step.procedure, "procedure"),
            scope=step.scope.value if step.scope else None)])
    return case, get(store, case.id)


def appeal(store: Store, case_id: str, appellant: str, text: str, day: dt.date | None = None,
           doc: str | None = None, clerk: str | None = None) -> Case:
    """A sanctioned unit or person asks for review or appeals (第九条(二)); the
    case goes on meanwhile: the sanction is not suspended."""
    name, content = optional_name(appellant, "appellant"), optional_text(text, "text")
    if name is None:
        raise InputError(msg.CASE_BY_NEEDED)
    if content is None:
        raise InputError(msg.CASE_TEXT_NEEDED)
    with store.write():
        case = get(store, case_id)
        if case.state not in APPEALABLE:
            raise JcdcError(msg.CASE_APPEAL_STATE.format(label=msg.CASE_STATE[case.state.value]))
        pending = case.pending_appeal
        if pending is not None:
            raise JcdcError(msg.CASE_APPEAL_PENDING.format(date=pending.date))
        targets = _sanctioned(store, case)
        if name not in targets:
            raise JcdcError(msg.CASE_APPELLANT.format(
                name=name, targets="、".join(dict.fromkeys(targets.values()))))
        day = day or today()
        check_step_date(day, _last_move_date(case), today())
        store.append("case_events", [_step_row(
            case, Action.APPEAL, case.state, day, targets[name], clerk, doc=optional_name(doc, "doc"), note=content)])
    return get(store, case.id)


def _sanctioned(store: Store, case: Case) -> dict[str, str]:
    """Every name an appellant may go by -> the name recorded: the unit under any of
    its names, when it is sanctioned, and each sanctioned person."""
    names = {s.target: s.target for s in case.sanctions if s.target != UNIT_TARGET}
    if any(s.target == UNIT_TARGET for s in case.sanctions):
        if case.body:  # the sanctioned unit is the body the case is against (第二条)
            names[case.body] = case.body
        else:
            units = UnitIndex.of(store).names
            names.update({n: case.unit_name for n, code in units.items() if code == case.unit})
    return names


def appeal_result(store: Store, case_id: str, outcome: str, text: str, day: dt.date | None = None,
                  by: str | None = None, doc: str | None = None, clerk: str | None = None,
                  sanctions: tuple[str, ...] = (), coordinated_with: str | None = None,
                  procedure: str | None = None, measure_reason: str | None = None) -> Case:
    """The result of the pending review or appeal: upheld (维持) or changed (变更).
    A change records the new sanction(s), which from then on are the case's
    sanction (第九条(二)); the original opinion stays in the history."""
    content = optional_text(text, "text")
    if content is None:
        raise InputError(msg.CASE_TEXT_NEEDED)
    if outcome == "changed" and not sanctions:
        raise InputError(msg.CASE_CHANGED_NEEDS_SANCTION)
    coordinated_with = optional_text(coordinated_with, "coordinated-with")
    procedure = optional_text(procedure, "procedure")
    if outcome != "changed" and (sanctions or coordinated_with or procedure):
        raise InputError(msg.CASE_UPHELD_NO_SANCTION)
    with store.write():
        case = get(store, case_id)
        pending = case.pending_appeal
        if pending is None:
            raise JcdcError(msg.CASE_NO_APPEAL)
        day = day or today()
        check_step_date(day, pending.date, today())
        reason = optional_text(measure_reason, "measure-reason")
        changed = tuple(parse_sanction(s, case.persons, reason) for s in sanctions)
        _reason_used(reason, changed)
        if changed:
            check_opinion(changed, coordinated_with, procedure)
        store.append("case_events", [_step_row(
            case, Action.APPEAL_RESULT, case.state, day, optional_name(by, "actor"), clerk,
            doc=optional_name(doc, "doc"), note=content, outcome=outcome, sanctions=_dump(changed),
            coordinated_with=coordinated_with,
            procedure=procedure)])
    return get(store, case.id)


def interview(store: Store, case_id: str, by: str | None, with_: tuple[str, ...], day: dt.date | None = None,
              doc: str | None = None, note: str | None = None, clerk: str | None = None) -> Case:
    """第六条(二): the 约谈 of the head of a unit given a 通报 — when, by whom, with whom."""
    actor = optional_name(by, "actor")
    if actor is None:
        raise InputError(msg.CASE_BY_NEEDED)
    persons = tuple(parse_person(p) for p in with_)
    if not persons:
        raise InputError(msg.CASE_INTERVIEW_WITH_NEEDED)
    with store.write():
        case = get(store, case_id)
        confirmed = case.last(Action.CONFIRM)
        if not needs_interview(case.sanctions):
            raise JcdcError(msg.CASE_INTERVIEW_NO_NOTICE.format(id=case.id))
        if confirmed is None:
            raise JcdcError(msg.CASE_INTERVIEW_UNCONFIRMED.format(id=case.id))
        day = day or today()
        check_step_date(day, confirmed.date, today())
        store.append("case_events", [_step_row(
            case, Action.INTERVIEW, case.state, day, actor, clerk, doc=optional_name(doc, "doc"),
            note=optional_text(note, "note"), persons=_dump(persons))])
    return get(store, case.id)


# --- reading back ---------------------------------------------------------------------------


def list_cases(store: Store, state: State | None = None, year: int | None = None,
               unit: str | None = None, public: bool = False, text: str | None = None) -> list[Case]:
    """With public, only the cases closed with --scope public: names of persons
    are personal data, published only where the result was notified publicly.
    `text`: a part of what the case says (case_words), in any case."""
    code = UnitIndex.of(store).find(unit).code if unit else None
    needle = (text or "").strip().casefold()
    return [
        c for c in all_cases(store)
        if (state is None or c.state is state) and (year is None or c.opened.year == year)
        and (code is None or c.unit == code)
        and (not public or (c.state is State.CLOSED and c.scope is Scope.PUBLIC))
        and (not needle or needle in case_words(c, public).casefold())
    ]


def case_words(case: Case, public: bool = False) -> str:
    """What `case list --text` searches: the number, the unit, the summary, the
    persons, and each step's document, note, reason, opinions and outcome. With
    public, only what the public notice carries (public_json): a search must not
    reveal what the listing hides."""
    if public:
        def strings(value) -> list[str]:
            if isinstance(value, dict):
                return [s for v in value.values() for s in strings(v)]
            if isinstance(value, list):
                return [s for v in value for s in strings(v)]
            return [value] if isinstance(value, str) else []

        return "\n".join(strings(case.public_json()))
    words = [case.id, case.body or "", case.unit_name or "", case.summary, case.matter or ""]
    words += [f"{p.name} {p.post}" for p in case.persons]
    for step in case.steps:
        words += [w for w in (step.doc, step.note, step.reason, step.coordinated_with, step.outcome, step.by) if w]
    return "\n".join(words)


def due_items(store: Store) -> list[DueItem]:
    """Confirmed cases with 组织调整/组织处理: executed within one month of the
    confirmation (问责条例 第九条); done on the execution date. Confirmed cases
    whose sanction includes a unit's 通报: its 约谈 (追究办法 第六条(二)), due
    likewise; done on the first interview's date."""
    from jcdc.rulebook import RuleBook

    book = RuleBook.of(store)
    items = []
    for case in all_cases(store):
        confirmed = case.last(Action.CONFIRM)
        if confirmed is None:
            continue
        rules = book.in_force(confirmed.date).rules  # the months of the version in force on the confirmation
        months = rules.cases.execute_months
        if needs_execution_deadline(case.sanctions):
            executed = case.last(Action.EXECUTE)
            items.append(DueItem(
                "case", case.id, case.unit, fill(msg.CASE_DUE_WHAT, rules).format(unit=case.subject),
                execution_due(confirmed.date, months), executed.date if executed else None, since=confirmed.date))
        if needs_interview(case.sanctions):
            items.append(DueItem(
                "interview", case.id, case.unit, fill(msg.CASE_INTERVIEW_DUE_WHAT, rules).format(
                    unit=case.subject, cite=ACTION_CITE[Action.INTERVIEW]),
                interview_due(confirmed.date, months), case.interviews[0].date if case.interviews else None,
                since=confirmed.date))
    return items
