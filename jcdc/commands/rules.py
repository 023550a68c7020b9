"""The catalogue of point rules: jcdc rules list/show.

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from typing import Annotated

import typer

from jcdc import messages as msg
from jcdc.commands import (
    FormatOpt, ForceOpt, OutputOpt, command_group,
)
from jcdc.output import Format

rules_app = command_group("激励积分规则目录(积分办法 第十一、十二条)。")




def _rule_row(rule) -> dict:
    from jcdc.rules.jifen import escalation_label

    return {
        "code": rule.code, "name": rule.name, "title": rule.title, "cite": rule.cite,
        "lead": str(rule.lead) if rule.lead else (escalation_label(rule) if rule.escalates else None),
        "coop": str(rule.coop) if rule.coop else None,
        "per": rule.per.value, "scorer": rule.scorer, "text": rule.text,
    }


def _rule_columns():
    from jcdc.output import Column
    from jcdc.rules.jifen import PER_LABEL, Per

    return [
        Column("code", msg.H_RULE), Column("name", msg.H_RULE_SHORT, keep=2),
        Column("title", msg.H_TITLE, wrap=True, keep=1),
        Column("lead", msg.H_LEAD, justify="right", keep=2), Column("coop", msg.H_COOP, justify="right"),
        Column("per", msg.H_PER, lambda p: PER_LABEL[Per(p)], wrap=True),
        Column("scorer", msg.H_SCORER, wrap=True), Column("cite", msg.H_CITE, wrap=True, keep=1),
    ]


@rules_app.command("list")
def rules_list(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False):
    """列出全部积分规则, 及其分值与依据条文。"""
    from jcdc.output import emit
    from jcdc.rules import POINT_RULES

    emit(fmt, [_rule_row(r) for r in POINT_RULES.values()], _rule_columns(), msg.RULES_TITLE,
         output=output, force=force)


@rules_app.command("show")
def rules_show(code: Annotated[str, typer.Argument(help="规则: 代码、简称或全称, 如 13710-returned 或 退回重报")],
               fmt: FormatOpt = Format.table):
    """显示一条规则及其条文原文。"""
    from jcdc.output import Column, emit, emit_json
    from jcdc.points import find_rule

    row = _rule_row(find_rule(code))
    if fmt is Format.json:
        emit_json(row)
        return
    emit(fmt, [row], [*_rule_columns(), Column("text", msg.H_ARTICLE, wrap=True)], row["title"])


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "rules": rules_app,
}
