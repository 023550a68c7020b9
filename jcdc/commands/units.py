"""被考核单位: jcdc unit add/import/list/end.

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

unit_app = command_group("被考核单位(积分办法 第二条): 添加、导入、列出、撤销。")


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

    unit = make_unit(code, name, category, group, alias or (),
                     parse_date(valid_from) if valid_from else None)
    add_unit(open_db(db), unit, by, new_group)
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
    on: Annotated[Optional[str], typer.Option("--on", help="只列出该日在册的单位")] = None,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False, db: DbOpt = None,
):
    """列出被考核单位。"""
    from jcdc.session import parse_date
    from jcdc.output import emit

    units = open_db(db, read_only=True).units()
    if on:
        day = parse_date(on)
        units = [u for u in units if u.in_force(day, day)]
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


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "unit": unit_app,
}
