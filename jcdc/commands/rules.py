"""The rule set: jcdc rules list/show (the catalogue in force on a day), and its
versions — export, check, adopt, history, diff (docs/rulesets.md).

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DbOpt, FormatOpt, ForceOpt, OnOpt, OutputOpt, command_group, say,
)
from jcdc.output import Format

rules_app = command_group("规则集: 激励积分规则目录(积分办法 第十一、十二条)及其版本的导出、检查、采用、历史和比较。")




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
        Column("lead", msg.H_LEAD, justify="right", keep=2), Column("coop", msg.H_COOP, justify="right", keep=2),
        Column("per", msg.H_PER, lambda p: PER_LABEL[Per(p)], wrap=True),
        Column("scorer", msg.H_SCORER, wrap=True), Column("cite", msg.H_CITE, wrap=True, keep=1),
    ]


@rules_app.command("list")
def rules_list(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
               on: OnOpt = None, db: DbOpt = None):
    """列出某日(默认今天)施行的全部积分规则, 及其分值与依据条文。"""
    from jcdc.output import emit

    emit(fmt, [_rule_row(r) for r in _catalogue(on, db).rules.values()], _rule_columns(), msg.RULES_TITLE,
         output=output, force=force)


@rules_app.command("show")
def rules_show(code: Annotated[str, typer.Argument(help="规则: 代码、简称或全称, 如 13710-returned 或 退回重报")],
               fmt: FormatOpt = Format.table, on: OnOpt = None, db: DbOpt = None):
    """显示某日(默认今天)施行的一条规则及其条文原文。"""
    from jcdc.output import Column, emit, emit_json
    from jcdc.points import find_rule

    row = _rule_row(find_rule(code, _catalogue(on, db).rules))
    if fmt is Format.json:
        emit_json(row)
        return
    emit(fmt, [row], _rule_columns(), row["title"], below=[Column("text", msg.H_ARTICLE)])


def _catalogue(on: str | None, db):
    """The rule set `rules list/show` shows: the ledger's version in force on
    --on (default today); without --on and without a ledger to read, the
    package's Jincheng rules."""
    from jcdc.commands import day_or_today, open_db
    from jcdc.model import JcdcError
    from jcdc.rulebook import RuleBook
    from jcdc.ruleset import builtin

    day = day_or_today(on)
    try:
        store = open_db(db, read_only=True)
    except JcdcError:
        if on is not None:
            raise
        return builtin()
    return RuleBook.of(store).in_force(day).rules


@rules_app.command("export")
def rules_export(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="规则集文件 .toml")],
    on: OnOpt = None, force: ForceOpt = False, db: DbOpt = None,
):
    """把某日施行的规则集(默认今天)导出为 TOML 文件, 供修订或另一地区据以制定本地办法(docs/rulesets.md)。"""
    from jcdc import files
    from jcdc.commands import day_or_today, open_db
    from jcdc.rulebook import RuleBook, export_text

    day = day_or_today(on)
    version = RuleBook.of(open_db(db, read_only=True)).in_force(day)
    files.write_text(output, export_text(version), force=force)
    say(msg.RULES_EXPORTED.format(path=output, version=version.label, day=day))


@rules_app.command("check")
def rules_check(file: Annotated[Path, typer.Argument(help="规则集文件 .toml")]):
    """检查规则集文件: 结构、分值(以分计、精确到0.1分)、日期、依据条文; 附有原文的, 核对每条条文均在原文中。
    没有问题时一行说明文件有效(版本、积分规则条数)、退出码 0; 否则每个问题一行(文件:行: 键: 问题), 退出码 1。"""
    from jcdc.model import JcdcError
    from jcdc.rulebook import file_problems, load_file

    problems = file_problems(file)
    for line in problems:
        typer.echo(line)
    if problems:
        raise JcdcError(msg.RULES_CHECK_FAILED.format(path=file, count=len(problems)))
    rules = load_file(file)
    say(msg.RULES_CHECK_SOUND.format(path=file, version=rules.version, count=len(rules.rules)))


@rules_app.command("adopt")
def rules_adopt(
    file: Annotated[Path, typer.Argument(help="修订后的规则集文件 .toml")],
    effective: Annotated[str, typer.Option("--effective", help="施行日期: 此日及以后的积分记录按修订评分")],
    doc: Annotated[str, typer.Option("--doc", help="印发修订的文号, 如 晋市政办〔2019〕88号")],
    reason: Annotated[Optional[str], typer.Option("--reason", help="修订原因")] = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """采用规则集修订(积分办法 第二十条): 追加记录、不可改写, 自施行日期起评分。已在施行日期当日或之后的积分记录、
    落在已关闭季度内的施行日期均被拒绝; 此前的记录、排名和已关闭季度一律不变。"""
    from jcdc.commands import open_db
    from jcdc.session import parse_date
    from jcdc.rulebook import adopt, load_file

    rules = load_file(file)
    version = adopt(open_db(db), rules, parse_date(effective), doc, reason, by)
    say(msg.RULES_ADOPTED.format(version=version.label, effective=version.effective, doc=version.doc,
                                 hash=version.hash[:12]))


@rules_app.command("history")
def rules_history(fmt: FormatOpt = Format.table, db: DbOpt = None):
    """台账采用过的规则集版本: 版本、施行日期、文号、原因、哈希、记录人。"""
    from jcdc.commands import open_db
    from jcdc.output import Column, emit
    from jcdc.rulebook import RuleBook

    book = RuleBook.of(open_db(db, read_only=True))
    rows = [{"id": v.id, "version": v.label, "effective": v.effective.isoformat(), "doc": v.doc,
             "reason": v.reason, "hash": v.hash, "recorded_by": v.recorded_by, "recorded_at": v.recorded_at}
            for v in book.versions]
    emit(fmt, rows, [Column("id", msg.H_ID), Column("version", msg.H_RS_VERSION),
                     Column("effective", msg.H_RS_EFFECTIVE), Column("doc", msg.H_REF, wrap=True),
                     Column("reason", msg.H_REASON_RS, wrap=True), Column("hash", msg.H_RS_HASH, lambda h: h[:12]),
                     Column("recorded_by", msg.H_BY)], msg.RULES_HISTORY_TITLE)


@rules_app.command("diff")
def rules_diff(
    older: Annotated[Optional[str], typer.Argument(help="原版本: 版本名、哈希前缀或 .toml 文件; 默认现行版本的前一版")] = None,
    newer: Annotated[Optional[str], typer.Argument(help="新版本; 默认现行版本")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None,
):
    """两个规则集版本逐项比较: 每个改变的分值、表项和条文, 及其依据条文。"""
    from jcdc.commands import open_db
    from jcdc.output import Column, emit
    from jcdc.rulebook import diff

    a, b, found = diff(open_db(db, read_only=True), older, newer)
    rows = [{"key": c.key, "before": _shown(c.before), "after": _shown(c.after), "cite": c.cite} for c in found]
    emit(fmt, rows, [Column("key", msg.H_RS_KEY), Column("before", msg.H_RS_BEFORE, wrap=True),
                     Column("after", msg.H_RS_AFTER, wrap=True), Column("cite", msg.H_CITE, wrap=True)],
         msg.RULES_DIFF_TITLE.format(older=a, newer=b))


def _shown(value) -> str:
    if value is None:
        return msg.NONE_VALUE
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "rules": rules_app,
}
