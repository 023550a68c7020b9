"""被考核单位: jcdc unit add/import/list/end/rename/merge/history.

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DbOpt, FormatOpt, ForceOpt, OutputOpt, command_group, open_db, say,
)
from jcdc.output import Format
from jcdc.ruleset.words import fill

unit_app = command_group("被考核单位(积分办法 第二条): 添加、导入、列出、撤销, 机构改革的更名与合并, 单位沿革。")


def _unit_rows(units) -> list[dict]:
    return [{
        "code": u.code, "name": u.name, "category": u.category.value, "group": u.group,
        "aliases": list(u.aliases),
        "valid_from": u.valid_from.isoformat() if u.valid_from else None,
        "valid_to": u.valid_to.isoformat() if u.valid_to else None,
    } for u in units]


def _unit_columns():
    from jcdc.output import Column

    return [
        Column("code", msg.H_CODE), Column("name", msg.H_NAME, keep=1),
        Column("category", msg.H_CATEGORY, lambda c: msg.CATEGORY.get(c, c)),
        Column("group", msg.H_GROUP), Column("aliases", msg.H_ALIASES, wrap=True, keep=1),
        Column("valid_from", msg.H_VALID_FROM, keep=-1), Column("valid_to", msg.H_VALID_TO, keep=-1),
    ]


@unit_app.command("add")
def unit_add(
    code: Annotated[str, typer.Argument(help="单位代码(ASCII, 供脚本使用), 如 zezhou")],
    name: Annotated[str, typer.Argument(help="单位全称, 如 泽州县")],
    category: Annotated[str, typer.Option("--category", "-c", help="县(市、区)(county)、开发区(devzone)、市直(city) 或 驻市(stationed)")],
    group: Annotated[Optional[str], typer.Option("--group", help="排名组; 默认随类别(县区、市直、驻市)")] = None,
    alias: Annotated[Optional[list[str]], typer.Option("--alias", "-a", help="简称或拼音首字母, 可多次给出")] = None,
    valid_from: Annotated[Optional[str], typer.Option("--valid-from", help="设立日期")] = None,
    new_group: Annotated[bool, typer.Option("--new-group", help="--group 是新设的排名组(否则须为已有的组)")] = False,
    db: DbOpt = None, by: ByOpt = None,
):
    """添加一个被考核单位。"""
    from jcdc.session import parse_date
    from jcdc.units import add_unit, make_unit

    from jcdc.rulebook import RuleBook

    store = open_db(db)
    unit = make_unit(code, name, category, group, alias or (),
                     parse_date(valid_from) if valid_from else None, rules=RuleBook.of(store).current.rules)
    add_unit(store, unit, by, new_group)
    say(msg.UNIT_ADDED.format(code=unit.code, name=unit.name,
                              category=msg.CATEGORY[unit.category.value], group=unit.group))


@unit_app.command("import")
def unit_import(
    file: Annotated[Path, typer.Argument(help="CSV: code,name,category[,group][,aliases], 简称以分号分隔")],
    new_group: Annotated[bool, typer.Option("--new-group", help="文件中可有新设的排名组(否则须为已有的组)")] = False,
    db: DbOpt = None, by: ByOpt = None,
):
    """从 CSV 文件导入单位(UTF-8 或 GB18030), 全部成功或全部不导入。"""
    from jcdc.sheets import read_csv_file
    from jcdc.units import import_units

    store = open_db(db)
    added, _ = import_units(store, read_csv_file(file), by, new_group=new_group)
    say(msg.UNITS_LOADED.format(added=added, skipped=0, total=len(store.units())))


@unit_app.command("list")
def unit_list(
    on: Annotated[Optional[str], typer.Option("--on", help="只列出该日在册的单位, 名称为该日的名称(机构改革前后不同)")] = None,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False, db: DbOpt = None,
):
    """列出被考核单位。"""
    from jcdc.session import parse_date
    from jcdc.output import emit

    store = open_db(db, read_only=True)
    units = store.units()
    if on:
        day = parse_date(on)
        units = [u for u in store.units(on=day) if u.in_force(day, day)]
    emit(fmt, _unit_rows(units), _unit_columns(), msg.UNITS_TITLE, output=output, force=force)


@unit_app.command("end")
def unit_end(
    unit: Annotated[str, typer.Argument(help="单位: 代码、全称或简称")],
    date: Annotated[str, typer.Option("--date", "-d", help="最后一个在册日(机构改革撤销或合并)")],
    db: DbOpt = None, by: ByOpt = None,
):
    """单位因机构改革撤销或合并: 此后的积分不再记入该单位, 历史排名仍显示它。"""
    from jcdc.session import parse_date
    from jcdc.units import end_unit

    ended = end_unit(open_db(db), unit, parse_date(date), by)
    say(msg.UNIT_ENDED.format(code=ended.code, name=ended.name, date=ended.valid_to))


DocOpt = Annotated[Optional[str], typer.Option("--doc", help="决定此项变更的文件(机构改革方案、编办文件), 如 晋市编发〔2019〕1号")]


@unit_app.command("rename")
def unit_rename(
    unit: Annotated[str, typer.Argument(help="单位: 代码、全称或简称(旧名亦可)")],
    new_name: Annotated[str, typer.Argument(help="新的全称, 如 市生态环境局")],
    date: Annotated[str, typer.Option("--date", "-d", help="新名称生效的第一天")],
    alias: Annotated[Optional[list[str]], typer.Option("--alias", "-a", help="新名称的简称, 可多次给出")] = None,
    doc: DocOpt = None, db: DbOpt = None, by: ByOpt = None,
):
    """机构改革更名: 代码不变, 积分与排名历史随单位延续。该日之前结束的期间(如 2018 年排名)仍显示旧名,
    最后一天在该日及以后的期间显示新名; 第十七条的连续{years_cn}年按同一单位计算。旧名仍可用来查找该单位。
    更名日期不能落在已关账的季度内或其之前。"""
    from jcdc.session import parse_date
    from jcdc.units import rename_unit

    day = parse_date(date)
    renamed, old = rename_unit(open_db(db), unit, new_name, day, tuple(alias or ()), doc, by)
    say(fill(msg.UNIT_RENAMED).format(code=renamed.code, old=old, new=renamed.name_on(day), date=day,
                                before=_before(day)))


def _before(day) -> str:
    """The periods that keep the old name, in words: 2018年 for a reform of 1 January."""
    import datetime as dt

    from jcdc.model import Quarter

    last = Quarter.of(day - dt.timedelta(days=1))
    if last.q == 4:
        return msg.UNIT_KEPT_YEAR.format(year=last.year)
    return last.label


@unit_app.command("merge")
def unit_merge(
    units: Annotated[list[str], typer.Argument(help="被合并的单位(一个或多个): 代码、全称或简称")],
    into: Annotated[str, typer.Option("--into", help="合并后的单位: 已登记的单位(并入), 或新设单位的全称(须给 --code)")],
    date: Annotated[str, typer.Option("--date", "-d", help="合并生效的第一天; 被合并单位的最后在册日为其前一天")],
    code: Annotated[Optional[str], typer.Option("--code", help="新设单位的代码(ASCII), 如 zrzyj")] = None,
    category: Annotated[Optional[str], typer.Option("--category", "-c", help="新设单位的类别; 默认随被合并的单位")] = None,
    group: Annotated[Optional[str], typer.Option("--group", help="新设单位的排名组; 默认随被合并的单位")] = None,
    alias: Annotated[Optional[list[str]], typer.Option("--alias", "-a", help="新设单位的简称, 可多次给出")] = None,
    new_group: Annotated[bool, typer.Option("--new-group", help="--group 是新设的排名组")] = False,
    doc: DocOpt = None, db: DbOpt = None, by: ByOpt = None,
):
    """机构改革合并: 被合并的单位在该日前一天结束(历史排名仍显示它们), 合并后的单位自该日起记分;
    此后记入被合并单位的积分一律拒绝并指明合并后的单位。
    第十七条(连续{years_cn}年倒数后{bottom}位): 新设单位没有自己的上一年, 它的第一年无法判断, 年度排名注明,
    不沿用被合并单位的排名; 并入已有单位时, 按该单位自己的上年排名判断。"""
    import datetime as dt

    from jcdc.session import parse_date
    from jcdc.units import merge_units

    day = parse_date(date)
    merged, successor, created = merge_units(open_db(db), units, into, day, code, category, group,
                                             tuple(alias or ()), doc, by, new_group)
    last = day - dt.timedelta(days=1)
    say(msg.UNITS_MERGED.format(
        units="、".join(f"{u.code} {u.name_on(last)}" for u in merged), date=day, code=successor.code,
        name=successor.name_on(day), new=msg.UNITS_MERGED_NEW if created else "", last=last))
    if created:
        say(fill(msg.UNITS_MERGED_READING).format(name=successor.name_on(day), year=day.year))
    else:
        say(msg.UNITS_MERGED_FOLDED.format(name=successor.name_on(day)))


@unit_app.command("history")
def unit_history(
    unit: Annotated[str, typer.Argument(help="单位: 代码、全称或简称(旧名亦可)")],
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False, db: DbOpt = None,
):
    """单位沿革: 设立、每次更名、合并(并入或承接)、撤销, 各自的日期、名称和文件。"""
    from jcdc.model import beijing_time
    from jcdc.output import Column, emit
    from jcdc.units import unit_history as history

    found, events = history(open_db(db, read_only=True), unit)
    rows = [{"date": e.date.isoformat() if e.date else None, "event": e.what, "name": e.name,
             "detail": e.detail, "doc": e.doc, "recorded_by": e.recorded_by, "recorded_at": e.recorded_at}
            for e in events]
    columns = [Column("date", msg.H_DATE, lambda d: d or msg.SPAN_OPEN_START, keep=2),
               Column("event", msg.H_EVENT, keep=2), Column("name", msg.H_NAME, keep=1),
               Column("doc", msg.H_DOC, lambda d: d or "", wrap=True, keep=-1),
               Column("recorded_at", msg.H_AT, lambda t: beijing_time(t) if t else "", keep=-2)]
    emit(fmt, rows, columns, msg.HISTORY_TITLE.format(code=found.code, name=found.name),
         output=output, force=force, below=[Column("detail", msg.H_DETAIL)], label=lambda r: r["date"] or "")


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "unit": unit_app,
}
