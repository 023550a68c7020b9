"""The records of tracked work — 13710 matters and rectification items — as the
store reads them back. Model layer: frozen values, nothing above jcdc.model.

Each record is append-only; the state of a matter or an item (reported, closed,
extended, done) is derived from its events, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Matter:
    """A matter entered in the 13710 system (积分办法 第九条、第十一条(三))."""

    id: str                  # the system's number, as the clerk types it: 2019-0456
    title: str
    lead: str                # unit code of the handling (承办/牵头) unit
    coop: tuple[str, ...]    # unit codes of the cooperating units
    opened: dt.date
    cls: str                 # general | major
    passive: bool            # 被动纳入
    opener: str              # 立项主体: scores the handling units (积分办法 第十六条)
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class MatterNode:
    matter: str
    number: int
    what: str
    due: dt.date
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class MatterEvent:
    id: int
    matter: str
    kind: str                # open | report | remind | return | close
    date: dt.date
    node: int | None         # report: the node reported
    days_late: int | None    # report: days past the node's due date
    rating: str | None       # close: 优秀 | 良好 | 合格 | 不合格
    reason: str | None       # return: why it was sent back
    entries: tuple[int, ...]  # the ledger entries the event wrote
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class Fix:
    """A rectification item (快速处置 二)."""

    id: int
    unit: str
    what: str
    cls: str                 # general | major | policy | conduct | custom
    demanded: dt.date        # the rectification demand (--from)
    inspection_end: dt.date | None
    due: dt.date             # before any extension
    person: str | None       # 责任人
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class FixEvent:
    id: int
    fix: int
    kind: str                # extend | progress | done
    date: dt.date
    days: int | None         # extend
    approved_by: str | None  # extend: 报经市政府同意
    plan: str | None         # extend: 推进落实方案(时间表、路线图)
    override_reason: str | None  # extend past the cap
    text: str | None         # progress, done: what was reported
    recorded_by: str
    recorded_at: str
