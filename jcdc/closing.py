"""Closed quarters (积分办法 第十三条 每季度评分一次; 第十八条 报送): publishing a
quarter's ranking freezes it.

`close` records the published ranking and its hash in the append-only,
chained table `closings`; from then on `points.post()` refuses any entry dated
in that quarter, and `jcdc check` recomputes the ranking and compares it with
the hash. `reopen` appends a reopening with its reason; nothing is rewritten.

**Reading**: quarters of a year are closed in order and reopened in reverse
order, because a quarter's ranking shows the year-to-date score: with its
earlier quarters closed too, nothing can move a closed quarter's figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from jcdc import anchor
from jcdc import messages as msg
from jcdc.model import InputError, JcdcError, Quarter, beijing_time, clean_text
from jcdc.ruleset.words import fill
from jcdc.session import current_user, timestamp, today
from jcdc.store import Store


def published(rows) -> list[dict]:
    """What a closed quarter's ranking publishes: the figures, not their layout."""
    return [{"group": r.group, "rank": r.rank, "unit": r.unit, "name": r.name,
             "score": r.score, "ytd": r.ytd} for r in rows]


def canonical(ranking: list[dict]) -> str:
    return json.dumps(ranking, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def ranking_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_ranking(store: Store, quarter: Quarter, from_ledger: bool = False) -> list[dict]:
    from jcdc import ranking

    return published(ranking.quarterly(store, quarter, from_ledger=from_ledger))


def closed(store: Store) -> dict[Quarter, dict]:
    """Each closed quarter and the closing in force for it."""
    return {Quarter.from_key(qkey): row for qkey, row in store.closed_quarters().items()}


def provisional(store: Store, quarter: Quarter) -> str | None:
    """One line for the screen while `quarter` is not closed: what is shown of it may
    still change (an entry added or revoked, the 第十一条(三) bonus), so a ranking or
    a 通报 of it is provisional; None once it is closed."""
    if quarter in closed(store):
        return None
    return msg.QUARTER_PROVISIONAL.format(quarter=quarter.label, code=quarter)


def close(store: Store, quarter: Quarter, by: str | None = None,
          publish: Callable[[anchor.Anchor], None] | None = None, without_bonus: bool = False,
          reason: str | None = None, empty: bool = False) -> tuple[dict, anchor.Anchor]:
    """Record the quarter's ranking and its hash, and an anchor of every chain's
    head; `publish(anchor)` writes the anchor's statement before any of it is
    committed (anchor.make).

    The ranking is complete first (积分办法 第十一、十二条(三)): every node of the
    quarter let pass is charged (jcdc matter overdue --charge), and the
    quarter's 13710-no-reminder bonus is worked out (jcdc matter bonus) —
    unless `without_bonus`, with the `reason` recorded on the closing.

    A quarter with no entry has no ranking to publish: `rank` says so rather
    than list every unit at the base, and `close` refuses it in the same words
    — a quarter left empty by mistake is not frozen — unless the office says
    it had nothing to score (`empty`), so that the quarters after it can be
    closed in order; its recorded ranking is then every unit at the base."""
    if without_bonus and not (reason or "").strip():
        raise InputError(msg.CLOSE_WITHOUT_BONUS_REASON)
    if reason is not None and not without_bonus:
        raise InputError(msg.CLOSE_REASON_ALONE)
    if today() <= quarter.end:
        raise JcdcError(msg.QUARTER_NOT_ENDED.format(quarter=quarter.label, end=quarter.end))
    with store.write():
        shut = closed(store)
        if quarter in shut:
            raise JcdcError(msg.QUARTER_ALREADY_CLOSED.format(
                quarter=quarter.label, at=beijing_time(shut[quarter]["recorded_at"]), by=shut[quarter]["recorded_by"]))
        open_before = [Quarter(quarter.year, q) for q in range(1, quarter.q) if Quarter(quarter.year, q) not in shut]
        if open_before:
            raise JcdcError(msg.CLOSE_EARLIER_FIRST.format(earlier=open_before[0].label))
        refuse_if_incomplete(store, quarter, without_bonus)
        scored = bool(store.sums(quarter.key, quarter.key))
        if not scored and not empty:
            raise JcdcError(fill(msg.CLOSE_NO_ENTRIES).format(quarter=quarter.label, key=quarter))
        if scored and empty:
            raise InputError(msg.CLOSE_EMPTY_NOT_EMPTY.format(quarter=quarter.label))
        text = canonical(current_ranking(store, quarter))
        from jcdc.rulebook import RuleBook, record_first

        record_first(store, by=by)
        version = RuleBook.of(store).of_period_end(quarter.end)  # the version it was ranked under
        row = {"qkey": quarter.key, "action": "close", "ranking": text, "ranking_hash": ranking_hash(text),
               "reason": clean_text(reason, "reason") if without_bonus else None,
               "recorded_by": current_user(by), "recorded_at": timestamp(), "ruleset": version.hash}
        store.add_closing(row)
        # the heads as published, the closing included: an anchor to file with the ranking notice
        made = anchor.current(store, by, made_for=quarter)
        anchor.record(store, made)
        if publish is not None:
            publish(made)
    return row, made


def refuse_if_incomplete(store: Store, quarter: Quarter, without_bonus: bool) -> None:
    """A quarter whose figures the ledger has not finished is not closed: a node
    let pass and not yet charged, dated in it (积分办法 第十二条(三), SPEC §2), or a
    unit still due its 13710-no-reminder bonus (第十一条(三)) unless the office
    closes without it. Each refusal names the command that finishes it."""
    from jcdc import matters
    from jcdc.units import UnitIndex

    owed = [o for o in matters.overdue(store, today())
            if any(quarter.start <= day <= quarter.end for _, day in o.owed)]
    if owed:
        first = owed[0]
        raise JcdcError(msg.CLOSE_OVERDUE_UNCHARGED.format(
            quarter=quarter.label, count=len(owed), matter=first.matter.id, node=first.node.number,
            due=first.node.due))
    if without_bonus:
        return
    due = matters.bonus_due_units(store, quarter, today())
    if due:
        names = UnitIndex.of(store).by_code
        shown = "、".join(names[c].name for c in due[:3]) + ("等" if len(due) > 3 else "")
        raise JcdcError(msg.CLOSE_BONUS_PENDING.format(quarter=quarter.label, count=len(due), units=shown,
                                                       key=quarter))


def reopen(store: Store, quarter: Quarter, reason: str, by: str | None = None) -> dict:
    if not (reason or "").strip():
        raise InputError(msg.REOPEN_REASON_NEEDED)
    with store.write():
        shut = closed(store)
        if quarter not in shut:
            raise JcdcError(msg.QUARTER_NOT_CLOSED.format(quarter=quarter.label))
        closed_after = [q for q in shut if q.year == quarter.year and q > quarter]
        if closed_after:
            raise JcdcError(msg.REOPEN_LATER_FIRST.format(later=max(closed_after).label, quarter=quarter.label))
        row = {"qkey": quarter.key, "action": "reopen", "ranking": None, "ranking_hash": None,
               "reason": clean_text(reason, "reason"), "recorded_by": current_user(by), "recorded_at": timestamp()}
        store.add_closing(row)
    return row


def published_ranking(store: Store, closing: dict) -> tuple[list[dict] | None, bool, bool]:
    """(the ranking recorded at closing, or None when it cannot be read; whether
    it still has its recorded hash; whether the ledger's totals still give it)."""
    quarter = Quarter.from_key(closing["qkey"])
    text = closing["ranking"] or ""
    intact = ranking_hash(text) == closing["ranking_hash"]
    # What `rank` adds up: the stored totals, a few rows a unit. Adding up the
    # entries themselves would take seconds on a million; `jcdc check` does it,
    # and compares the totals with the entries.
    agrees = ranking_hash(canonical(current_ranking(store, quarter))) == closing["ranking_hash"]
    try:
        rows = json.loads(text)
    except ValueError:
        rows = None
    return rows, intact, agrees
