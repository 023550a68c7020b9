"""三库办法 — 晋城市"一网三库"督查人员工作管理暂行办法, 晋市政办〔2017〕101号.

The three pools (第二、五条), the team limits (第九条), cross inspection
(第七条), consent (第十一条), the report deadline (第十四条), and the draw of a
team as a pure, deterministic function of its published inputs (docs/draw.md).
No SQL, no clock, no randomness here: the seed and the dates are arguments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from jcdc.model import Category, Unit
from jcdc.rules.kuaisu import after
from jcdc.ruleset import Teams, builtin

DOC = "三库办法"

# 第五条: 市、县两级 — an inspector's region is the county (or the development
# zone) they belong to; city-level staff belong to no county.
CITY_LEVEL = "市本级"
# An inspector from outside the city (an invited expert from 太原, 第五条 特邀): no county
# of Jincheng is theirs, so cross inspection (第七条) excludes them from none.
OUTSIDE_CITY = "市外"


class Pool(str, Enum):
    """第二条: 专职、兼职、特邀督查人员信息库; who belongs where is 第五条."""

    FULL = "full"        # 专职
    PART = "part"        # 兼职
    INVITED = "invited"  # 特邀


POOLS = (Pool.FULL, Pool.PART, Pool.INVITED)  # the fixed order of every listing and record


class TaskKind(str, Enum):
    """第三条: 市政府大督查、专项督查或者市政府领导安排的其他督查任务."""

    SPECIAL = "special"    # 专项督查
    MAJOR = "major"        # 大督查
    ASSIGNED = "assigned"  # 领导交办


# 第九条: 专项督查 每组专职一般不超过3名, 兼职、特邀均不超过2名, 随行人员不超过1名.
# **Reading**: a task assigned by a city leader follows the same limits; the
# limits are also the default team; fewer is within the rule, more needs a reason.
# The seats are the rule set's `teams` (jcdc/rulesets/, docs/rulesets.md).
_TEAMS = builtin().teams


def team_limits(teams: Teams | None = None) -> Mapping[Pool, int]:
    """第九条's seats of each pool under a rule set's `teams` (default: the package's)."""
    t = teams or _TEAMS
    return {Pool.FULL: t.full, Pool.PART: t.part, Pool.INVITED: t.invited}


TEAM_LIMITS: Mapping[Pool, int] = team_limits()
ATTENDANT_LIMIT = _TEAMS.attendant


def needs_override(kind: TaskKind, seats: Mapping[Pool, int], attendants: int, teams: Teams | None = None) -> bool:
    """第九条: above the limits "根据实际情况可适当增减人数" — with a recorded reason;
    a 大督查 "按照市政府办公厅制定的督查工作方案组织实施" — the plan is the reason."""
    if kind is TaskKind.MAJOR:
        return True
    limits = team_limits(teams)
    return attendants > (teams or _TEAMS).attendant or any(seats[p] > limits[p] for p in POOLS)


# --- inspectors: dated records (第五条 动态管理) -----------------------------------


@dataclass(frozen=True)
class Inspector:
    """One inspector as a dated record leaves them from `since` on."""

    id: int
    name: str
    pool: Pool
    unit: str | None  # the ranked unit, where the inspector's body is one or belongs to one
    region: str
    expertise: tuple[str, ...]
    phone: str | None
    since: dt.date
    active: bool = True
    reason: str | None = None  # why retired
    org: str | None = None     # 第五条: any body (人大, 政协, a university …), as the clerk names it
    record: int = 0            # the record's id: which records a draw or a refill saw


def organisation(inspector: Inspector, unit_names: Mapping[str, str]) -> str:
    """The body an inspector belongs to, as a clerk names it: the stated body,
    else the ranked unit's name."""
    return inspector.org or unit_names.get(inspector.unit or "", inspector.unit or "")


def region_of(unit: Unit) -> str:
    """The default region: a county or the development zone is its own region."""
    return unit.code if unit.category in (Category.COUNTY, Category.DEVZONE) else CITY_LEVEL


def pools_on(records: Iterable[Inspector], day: dt.date) -> dict[int, Inspector]:
    """Each inspector as their latest record dated on or before `day` leaves them
    (records given in the order they were written; a later record of the same
    date wins). An inspector with no record yet is not in the pools."""
    standing: dict[int, Inspector] = {}
    for r in sorted(records, key=lambda r: r.since):  # stable: write order within a date
        if r.since <= day:
            standing[r.id] = r
    return dict(sorted(standing.items()))


def states_through(records: Iterable[Inspector], start: dt.date, end: dt.date) -> dict[int, list[Inspector]]:
    """Each inspector in the pools on `start`, as they stand on every day up to
    `end`: the record standing on `start`, then each later record dated within
    the span (第五条 动态管理: someone retired during a task is not in the pools
    for all of it)."""
    records = list(records)
    states = {i: [ins] for i, ins in pools_on(records, start).items()}
    for r in sorted(records, key=lambda r: r.since):
        if start < r.since <= end and r.id in states:
            states[r.id].append(r)
    return states


# --- exclusions (第七条 异地交叉督查) ---------------------------------------------


class Exclusion(str, Enum):
    INACTIVE = "inactive"            # not in the pools on every day of the task
    TARGET_UNIT = "target-unit"      # 第七条: works in a target unit
    TARGET_COUNTY = "target-county"  # 第七条 异地交叉: belongs to a target county or the devzone
    OTHER_TEAM = "other-team"        # already sits on another team of the same task
    NOMINATED = "nominated"          # 第七条: nominated by their unit for this team, not drawn
    NOT_FULL = "not-full"            # 第七条: a nomination is for a full-time seat only


def exclusion(inspector: Inspector, targets: Sequence[Unit], busy: Iterable[int]) -> Exclusion | None:
    """Why `inspector` may not be drawn for a team inspecting `targets`, or None.

    The first reason that applies, in the order of Exclusion."""
    if not inspector.active:
        return Exclusion.INACTIVE
    if any(inspector.unit == t.code for t in targets):
        return Exclusion.TARGET_UNIT
    if any(t.category in (Category.COUNTY, Category.DEVZONE) and inspector.region == t.code
           for t in targets):
        return Exclusion.TARGET_COUNTY
    if inspector.id in busy:
        return Exclusion.OTHER_TEAM
    return None


def exclusion_through(states: Sequence[Inspector], targets: Sequence[Unit], busy: Iterable[int]
                      ) -> Exclusion | None:
    """Why an inspector may not sit on the team on some day of the task (their
    `states` from states_through), or None: the first reason in the order of Exclusion."""
    busy = set(busy)
    found = {why for state in states if (why := exclusion(state, targets, busy)) is not None}
    return next((why for why in Exclusion if why in found), None)


# --- members (第十一条) ------------------------------------------------------------


class Status(str, Enum):
    NOTIFIED = "notified"  # 专职: 直接发函或电话通知
    PENDING = "pending"    # 兼职、特邀: 提前征得所在单位或本人同意
    ACCEPTED = "accepted"
    DECLINED = "declined"
    FAILED = "failed"      # 第六条: 未按照要求完成督查任务


class Action(str, Enum):
    CONSENT = "consent"
    DECLINE = "decline"
    FAIL = "fail"
    REFILL = "refill"


def initial_status(pool: Pool) -> Status:
    """第十一条: full-time members are notified; the others must consent first."""
    return Status.NOTIFIED if pool is Pool.FULL else Status.PENDING


TRANSITIONS: Mapping[tuple[Status, Action], Status] = {
    (Status.PENDING, Action.CONSENT): Status.ACCEPTED,  # 第十一条 征得同意
    (Status.PENDING, Action.DECLINE): Status.DECLINED,
    (Status.NOTIFIED, Action.FAIL): Status.FAILED,      # 第六条 未完成督查任务
    (Status.ACCEPTED, Action.FAIL): Status.FAILED,
}

# A seat whose member declined or failed is drawn again (第六条 予以调换; 第十一条).
VACATING = (Status.DECLINED, Status.FAILED)


@dataclass(frozen=True)
class Seat:
    inspector: int
    pool: Pool
    status: Status


@dataclass(frozen=True)
class Event:
    """A member's status change or a refill, as recorded."""

    id: int
    draw: int
    action: Action
    inspector: int


def team(ranking: Mapping[Pool, Sequence[int]], seats: Mapping[Pool, int],
         events: Iterable[Event], nominated: Sequence[int] = ()) -> list[Seat]:
    """The team's members: the nominated full-time members (第七条), the first
    `seats` of each pool's ranking, then the recorded events in order (a refill
    adds the newcomer)."""
    members = {i: Seat(i, Pool.FULL, initial_status(Pool.FULL)) for i in nominated}
    members |= {i: Seat(i, p, initial_status(p)) for p in POOLS for i in ranking[p][:seats[p]]}
    for e in events:
        if e.action is Action.REFILL:
            pool = next(p for p in POOLS if e.inspector in ranking[p])
            members[e.inspector] = Seat(e.inspector, pool, initial_status(pool))
        else:
            seat = members[e.inspector]
            members[e.inspector] = Seat(seat.inspector, seat.pool, TRANSITIONS[seat.status, e.action])
    return list(members.values())


def next_in_line(ranking: Sequence[int], used: Iterable[int], busy: Iterable[int]) -> int | None:
    """The replacement for a vacated seat: the first in the pool's recorded
    ranking not yet seated on this team and not sitting on another team of the task."""
    skip = set(used) | set(busy)
    return next((i for i in ranking if i not in skip), None)


def refill(ranking: Sequence[int], used: Iterable[int], busy: Iterable[int],
           unfit: Mapping[int, Exclusion]) -> tuple[int | None, list[tuple[int, Exclusion]]]:
    """第五、十一条: the replacement for a vacated seat — the first in the pool's
    recorded ranking not yet seated on this team, not on another team of the
    task, and still qualified (`unfit`: who no longer is, as the pools stand at
    the refill, and why) — with everyone passed over on the way and why."""
    used, busy = set(used), set(busy)
    skipped: list[tuple[int, Exclusion]] = []
    for i in ranking:
        if i in used:
            continue
        why = Exclusion.OTHER_TEAM if i in busy else unfit.get(i)
        if why is None:
            return i, skipped
        skipped.append((i, why))
    return None, skipped


# --- workload: draws in the past twelve months -------------------------------------

WORKLOAD_MONTHS = 12


def counts_in_window(task_start: dt.date, seatings: Iterable[tuple[int, dt.date]]) -> dict[int, int]:
    """How many times each inspector was drawn (a seat or a refill) for tasks
    starting in the twelve months up to `task_start`: start − 12 months < s ≤ start."""
    first = task_start - relativedelta(months=WORKLOAD_MONTHS)
    counts: dict[int, int] = {}
    for inspector, start in seatings:
        if first < start <= task_start:
            counts[inspector] = counts.get(inspector, 0) + 1
    return counts


# --- the draw (docs/draw.md) ----------------------------------------------------------

ALGORITHM = "jcdc-draw-1"  # SHA-256 keyed per candidate; Efraimidis–Spirakis, weight 1/(1+n)

_SCALE = 2 ** 256 + 1  # u = (H + 1) / (2^256 + 1) lies strictly inside (0, 1)


@dataclass(frozen=True)
class Candidate:
    id: int
    pool: Pool
    drawn: int  # n: times drawn in the past twelve months; weight w = 1 / (1 + n)


@dataclass(frozen=True)
class TeamParams:
    task: int
    team: str
    targets: tuple[str, ...]  # unit codes
    seats: Mapping[Pool, int]


def roster_bytes(candidates: Iterable[Candidate]) -> bytes:
    """One ASCII line "<id> <pool> <n>\\n" per eligible candidate, ascending id."""
    return "".join(f"{c.id} {c.pool.value} {c.drawn}\n"
                   for c in sorted(candidates, key=lambda c: c.id)).encode("ascii")


def roster_hash(candidates: Iterable[Candidate]) -> str:
    return hashlib.sha256(roster_bytes(candidates)).hexdigest()


def params_bytes(params: TeamParams) -> bytes:
    lines = [ALGORITHM, f"task {params.task}", f"team {params.team}",
             f"targets {','.join(sorted(params.targets))}",
             *(f"{p.value} {params.seats[p]}" for p in POOLS)]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def candidate_message(seed: str, roster: str, params: TeamParams, candidate: int) -> bytes:
    return (f"seed {seed}\nroster {roster}\n".encode("utf-8") + params_bytes(params)
            + f"candidate {candidate}\n".encode("ascii"))


def candidate_key(seed: str, roster: str, params: TeamParams, c: Candidate) -> Fraction:
    """Efraimidis–Spirakis: key = u^(1/w) = u^(1+n), exact; the largest keys are drawn.

    With w = 1/(1+n) the exponent is an integer, so the key is a rational number
    compared exactly — nothing depends on floating point."""
    digest = hashlib.sha256(candidate_message(seed, roster, params, c.id)).digest()
    u = Fraction(int.from_bytes(digest, "big") + 1, _SCALE)
    return u ** (1 + c.drawn)


def draw_ranking(seed: str, candidates: Sequence[Candidate], params: TeamParams) -> dict[Pool, list[int]]:
    """Each pool's eligible candidates in drawn order: the first `seats` sit on
    the team, the rest are the replacements, in order (第十一条)."""
    roster = roster_hash(candidates)
    keyed = sorted(candidates, key=lambda c: (-candidate_key(seed, roster, params, c), c.id))
    return {p: [c.id for c in keyed if c.pool is p] for p in POOLS}


# --- reports (第十四条) --------------------------------------------------------------

REPORT_DAYS = _TEAMS.report_days  # 督查任务结束后3日内


def report_due(task_end: dt.date, teams: Teams | None = None) -> dt.date:
    """三库办法 第十四条: 督查任务结束后3日内 — days counted as in 快速处置 (SPEC §6),
    under `teams` (the rule set in force on the task's last day)."""
    return after(task_end, (teams or _TEAMS).report_days)


def days_late(task_end: dt.date, reported: dt.date | None, today: dt.date, teams: Teams | None = None) -> int:
    """Days past the due date of a report handed in on `reported` (still open: today)."""
    return max(0, ((reported or today) - report_due(task_end, teams)).days)
