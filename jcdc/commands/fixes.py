"""Rectification items and deadlines (快速处置): jcdc fix …, jcdc due.

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DateOpt, DbOpt, FormatOpt, ForceOpt, OnOpt, OutputOpt, UnitOpt, day_or_today, command_group, open_db, say,
    unit_names,
)
from jcdc.output import Format

fix_app = command_group("整改事项(快速处置 二): 登记、延期、进展、到位。")
FixArg = Annotated[int, typer.Argument(metavar="ID", help="整改事项编号(jcdc fix list)")]


def _fix_columns(names: dict[str, str]):
    from jcdc.output import Column

    return [
        Column("id", msg.H_ID, justify="right"), Column("unit", msg.H_UNIT, lambda c: names.get(c, c), keep=1),
        Column("what", msg.H_WHAT, wrap=True, keep=1), Column("class", msg.H_CLASS, lambda c: msg.FIX_CLASS[c]),
        Column("para", msg.H_PARA), Column("from", msg.H_FROM), Column("due", msg.H_DUE),
        Column("extended_days", msg.H_EXTENDED, justify="right"),
        Column("overdue_before_extension", msg.H_OVERDUE_BEFORE, lambda d: str(d) if d else "", justify="right"),
        Column("state", msg.H_STATE, lambda s: msg.FIX_STATE[s]), Column("done", msg.H_DONE),
        Column("late_days", msg.H_LATE_DONE, lambda d: msg.FIX_LATE_DAYS.format(days=d) if d else ""),
        Column("person", msg.H_PERSON),
    ]


def _fix_done(v, fmt: Format, text: str) -> None:
    from jcdc.output import emit_json

    if fmt is Format.json:
        emit_json(v.as_json())
    else:
        say(text)


@fix_app.command("add")
def fix_add(
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help="被督查单位: 代码、全称或简称")] = None,
    what: Annotated[Optional[str], typer.Option("--what", help="整改内容")] = None,
    cls: Annotated[Optional[str], typer.Option("--class", help="一般事项(general, {general_days}日)、重大复杂(major, {major_days}日)、"
                                                     "政出多门(policy, 督查结束后{policy_days}日)、庸懒怠政(conduct, 督查结束后{conduct_days}日) "
                                                     "或 督查组定(custom)")] = None,
    demanded: Annotated[Optional[str], typer.Option("--from", help="提出整改要求的日期")] = None,
    inspection_end: Annotated[Optional[str], typer.Option("--inspection-end", help="督查结束日期(政出多门、庸懒怠政)")] = None,
    due: Annotated[Optional[str], typer.Option("--due", help="督查组要求的期限(督查组定 必填)")] = None,
    person: Annotated[Optional[str], typer.Option("--person", help="责任人")] = None,
    para: Annotated[Optional[str], typer.Option(
        "--para", help="一般事项、重大复杂事项所属条款: 二.1(领导批示、国务院和省政府督查交办, 不得延期) "
                       "或 二.2(省市督查发现, 可报经市政府同意延期); 默认 二.2")] = None,
    from_task: Annotated[Optional[str], typer.Option(
        "--from-task", help="把督查任务各组报送的问题事项清单逐行登记为整改事项(三库办法 第十四条): "
                            "单位、问题、整改要求、整改期限[、类别] 取自每行, 提出日期为报送日期, 每项注明出自清单第几项")] = None,
    team: Annotated[Optional[str], typer.Option("--team", "-t", help="与 --from-task 同用: 只登记此督查组的清单")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """登记整改事项, 期限按快速处置 二 计算(起算日不计, 到期日当天结束前有效)。
    --from-task 任务: 把督查组报送的问题事项清单逐行登记, 全部登记或(任何一行有误时)一项也不登记。"""
    from jcdc.fixes import add_fix, parse_class
    from jcdc.model import InputError
    from jcdc.session import parse_date

    given = {"--unit": unit, "--what": what, "--class": cls, "--from": demanded, "--due": due,
             "--inspection-end": inspection_end, "--para": para}
    if from_task is not None:
        extra = [k for k, v in given.items() if v is not None]
        if extra:
            raise InputError(msg.FIX_ADD_FROM_TASK_ALONE.format(given="、".join(extra)))
        _fixes_from_task(open_db(db), from_task, team, fmt, by)
        return
    missing = [k for k in ("--unit", "--what", "--class", "--from") if given[k] is None]
    if missing:
        raise InputError(msg.FIX_ADD_NEEDS.format(missing="、".join(missing)))
    store = open_db(db)
    v = add_fix(store, unit, what, parse_class(cls), parse_date(demanded),
                parse_date(inspection_end) if inspection_end else None,
                parse_date(due) if due else None, person, by, para)
    data = v.as_json()
    _fix_done(v, fmt, msg.FIX_ADDED.format(id=v.fix.id, unit=unit_names(store)[v.fix.unit], what=v.fix.what,
                                                  due=v.due, cite=data["cite"]))


def _fixes_from_task(store, task: str, team: str | None, fmt: Format, by: str | None) -> None:
    from jcdc.fixes import add_from_task
    from jcdc.output import emit

    done = add_from_task(store, task, team, by)
    names = unit_names(store)
    for note in done.skipped:
        say(note)
    for v in done.added:
        data = v.as_json()
        if fmt is Format.table:
            say(msg.FIX_ADDED.format(id=v.fix.id, unit=names[v.fix.unit], what=v.fix.what, due=v.due, cite=data["cite"]))
    say(msg.FIX_LIST_DONE.format(added=len(done.added), skipped=len(done.skipped)))
    if fmt is not Format.table:
        emit(fmt, [v.as_json() for v in done.added], _fix_columns(names))


@fix_app.command("extend")
def fix_extend(
    fix_id: FixArg,
    days: Annotated[int, typer.Option("--days", help="延期天数")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="批准延期的市政府领导或文件")],
    plan: Annotated[str, typer.Option("--plan", help="推进落实方案: 时间表、路线图")],
    override_reason: Annotated[Optional[str], typer.Option(
        "--override-reason", help="累计延期超过{extension_max}日, 或延期非二.2事项(二.1、policy、conduct、custom)的原因")] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="批准日期(延期自该日起算); 默认今天")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """延期(快速处置 二.2): 须经市政府同意并有推进落实方案; 只有二.2事项可延期, 其他须说明原因;
    累计超过{extension_max}日须说明原因。延期自批准日期起算: 此前的期限不变, 逾期后批准的, 已逾期天数保留在记录中。"""
    from jcdc.fixes import extend

    store = open_db(db)
    v = extend(store, fix_id, days, approved_by, plan, day_or_today(date), override_reason, by)
    _fix_done(v, fmt, msg.FIX_EXTENDED.format(id=fix_id, days=days, due=v.due, total=v.extended_days))
    overdue = v.extension_history()[v.events[-1].id][2]
    if overdue and fmt is not Format.json:
        say(msg.FIX_EXTENDED_LATE.format(days=overdue))


@fix_app.command("progress")
def fix_progress(fix_id: FixArg, date: DateOpt,
                 text: Annotated[str, typer.Option("--text", help="整改进展")],
                 fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None):
    """记录整改进展。"""
    from jcdc.fixes import progress
    from jcdc.session import parse_date

    store = open_db(db)
    day = parse_date(date)
    _fix_done(progress(store, fix_id, day, text, by), fmt, msg.FIX_PROGRESS.format(id=fix_id, date=day))


@fix_app.command("done")
def fix_done(fix_id: FixArg, date: DateOpt,
             report: Annotated[Optional[str], typer.Option("--report", help="书面整改报告(文号或摘要)")] = None,
             fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None):
    """整改到位。"""
    from jcdc.fixes import done
    from jcdc.session import parse_date

    store = open_db(db)
    day = parse_date(date)
    v = done(store, fix_id, day, report, by)
    _fix_done(v, fmt, msg.FIX_DONE_LATE.format(id=fix_id, date=day, days=v.late_days, due=v.due_on(day))
              if v.late_days else msg.FIX_DONE.format(id=fix_id, date=day))


@fix_app.command("list")
def fix_list(unit: UnitOpt = None,
             open_only: Annotated[bool, typer.Option("--open", help="只列出尚未到位的")] = False,
             fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
             db: DbOpt = None):
    """列出整改事项及其当前期限(含延期)。"""
    from jcdc.fixes import list_fixes
    from jcdc.output import emit

    store = open_db(db, read_only=True)
    rows = [v.as_json() for v in list_fixes(store, unit, open_only)]
    emit(fmt, rows, _fix_columns(unit_names(store)), msg.FIXES_TITLE, empty=msg.FIXES_NONE,
         output=output, force=force)


def names_on(store, day) -> dict[str, str]:
    """Each unit under its name on `day`; one merged away by then says where it went
    (市国土资源局(已并入市规划和自然资源局)): what it still owes is the successor's concern."""
    return {u.code: msg.UNIT_NOW_MERGED.format(name=u.name, successor=u.successor[1])
            if u.successor is not None and u.valid_to is not None and u.valid_to < day else u.name
            for u in store.units(on=day)}


DUE_COLOUR = {"overdue": "bold red", "soon": "yellow", "later": "green"}


def due(
    on: OnOpt = None,
    within: Annotated[Optional[int], typer.Option("--within", help="只列出逾期的和 N 天内到期的")] = None,
    unit: UnitOpt = None,
    workdays: Annotated[bool, typer.Option("--workdays", help="按国务院公布的节假日安排计工作日")] = False,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
    db: DbOpt = None,
):
    """某日所有未完成的期限: 整改事项、13710 节点、问责执行、通报约谈、督查报告, 按到期日排序; 到期日当天结束前不算逾期(快速处置 二)。
    整改事项的期限按该日已批准的延期计算; 逾期后才批准延期的, 列出延期前已逾期的天数。"""
    from jcdc.due import due_list
    from jcdc.output import Column, emit

    day = day_or_today(on)
    store = open_db(db, read_only=True)
    rows = due_list(store, day, within, unit, workdays)
    names = names_on(store, day)
    columns = [
        Column("kind", msg.H_KIND, lambda k: msg.DUE_KIND.get(k, k)), Column("id", msg.H_ID, keep=1),
        Column("unit", msg.H_UNIT, lambda c: names.get(c, c or ""), keep=1),
        # When and whether it is late always show; the text is made narrower first.
        Column("what", msg.H_WHAT, wrap=True, keep=1, shorten=True), Column("due", msg.H_DUE, keep=2),
        Column("days_left", msg.H_DAYS_LEFT, justify="right", keep=1),
        Column("status", msg.H_STATUS, msg.DUE_STATUS.get, style=DUE_COLOUR.get, keep=2),
        Column("overdue_before_extension", msg.H_OVERDUE_BEFORE, lambda d: str(d) if d else "", justify="right"),
    ]
    title = (msg.DUE_TITLE_WORKDAYS if workdays else msg.DUE_TITLE).format(on=day)
    # A workbook of what is due is printed and handed round: titled and laid out like the report's.
    emit(fmt, rows, columns, title, empty=msg.DUE_NONE.format(on=day), output=output, force=force, titled=True)


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "fix": fix_app,
    "due": due,
}
