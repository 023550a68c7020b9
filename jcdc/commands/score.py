"""Why a unit has its score: jcdc score.

Wiring and options only: the command opens the ledger, calls jcdc.score and
renders the value it returns (jcdc/cli.py loads this module only when the
command line names it)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jcdc import messages as msg
from jcdc.commands import DbOpt, FormatOpt, QuarterOpt, YearOpt, open_db, period
from jcdc.output import Format


def score(unit: Annotated[str, typer.Argument(metavar="UNIT", help="单位: 代码、全称或登记的简称")],
          year: YearOpt = None, quarter: QuarterOpt = None, fmt: FormatOpt = Format.table, db: DbOpt = None):
    """一个单位的积分从何而来: 基准分 {base}, 各规则的条数、合计与依据, 逐条明细(含冲销),
    最后是与 jcdc rank 相同的积分、名次与结果(积分办法 第十、十三、十七—十九条)。"""
    from jcdc.output import emit, emit_json
    from jcdc.score import unit_score

    y, q = period(year, quarter)
    found = unit_score(open_db(db, read_only=True), unit, y, q)
    if fmt is Format.json:
        emit_json(found.as_json())
    elif fmt is Format.csv:
        emit(fmt, [line.as_json() for line in found.by_rule], _rule_columns())
    else:
        _show(found)  # the table says it among its notes (YEAR_QUARTERS_OPEN)
    if fmt is not Format.table and found.provisional:
        from jcdc.commands import say

        say(found.provisional)


def _rule_columns():
    from jcdc.output import Column, signed_points_cell

    return [Column("rule", msg.H_RULE), Column("name", msg.H_RULE_SHORT),
            Column("count", msg.H_COUNT, justify="right"),
            Column("points", msg.H_SUM, signed_points_cell, justify="right"),
            Column("cite", msg.H_CITE, wrap=True)]


def _show(found) -> None:
    """The explanation, top to bottom: base, rules, entries, the score as ranked."""
    from jcdc.commands.points import entry_columns, entry_notes, revocation_marks
    from jcdc.model import fmt_points
    from jcdc.output import emit_table

    out = sys.stdout
    out.write(msg.SCORE_TITLE.format(name=found.name, unit=found.unit, period=found.label) + "\n")
    out.write(msg.SCORE_BASE.format(base=fmt_points(found.base), cite=found.base_cite) + "\n")
    delta = found.score - found.base
    if found.by_rule:
        emit_table([line.as_json() for line in found.by_rule], _rule_columns(), msg.SCORE_BY_RULE_TITLE,
                   msg.SCORE_RULES_TOTAL.format(points=fmt_points(delta, signed=True)))
        marks = revocation_marks(found.entries, found.revoked_by)
        emit_table([e.as_json() for e in found.entries], entry_columns({found.unit: found.name}, marks, entry_notes(found.entries)),
                   msg.SCORE_ENTRIES_TITLE.format(count=len(found.entries)))
    else:
        out.write(msg.SCORE_NO_ENTRIES.format(period=found.label) + "\n")
    result = msg.SCORE_RESULT.format(score=fmt_points(found.score), base=fmt_points(found.base),
                                     delta=fmt_points(delta, signed=True), group=found.group, rank=found.rank)
    if found.tied > 1:
        result += msg.SCORE_TIED.format(n=found.tied)
    if found.ytd is not None:
        result += msg.SCORE_YTD.format(ytd=fmt_points(found.ytd))
    else:  # 较上年, as the ranking and every annual document show it
        result += msg.SCORE_CHANGE.format(change=msg.NO_CHANGE if found.change is None
                                          else fmt_points(found.change, signed=True))
    if found.flags:
        result += msg.SCORE_FLAGS.format(flags="、".join(msg.FLAG_LABEL[f.value] for f in found.flags))
    lines = [result, *found.flag_notes, *found.tie_notes, *found.notes]
    out.write("\n".join(lines) + "\n")


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "score": score,
}
