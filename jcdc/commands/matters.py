"""13710 matters: jcdc matter ….

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DateOpt, DbOpt, FormatOpt, ForceOpt, OutputOpt, UnitOpt, command_group, open_db, say, unit_names,
)
from jcdc.commands.points import rule_name, show_entries
from jcdc.output import Format

matter_app = command_group("13710 督办事项: 立项、节点、报送、催办、退回、办结; 积分由规则自动记录(积分办法 第十一、十二条(三))。")

MatterArg = Annotated[str, typer.Argument(metavar="ID", help="13710 系统事项编号, 如 2019-0456")]



def _matter_event_done(store, event, fmt: Format) -> None:
    from jcdc.matter_views import event_json
    from jcdc.model import fmt_points
    from jcdc.output import emit_json
    from jcdc.model import Quarter
    from jcdc.rules.xitong13710 import KEY_RULE, KEY_SUPERVISION_CITE, NO_REMINDER_RULE

    if fmt is Format.json:
        emit_json(event_json(event))
        return
    made = [store.entry(i) for i in event.entries]
    listed = "、".join(msg.ENTRY_BRIEF.format(id=e.id, rule=rule_name(e.rule), points=fmt_points(e.points, signed=True))
                      for e in made)
    say(msg.MATTER_EVENT.format(matter=event.matter, kind=msg.MATTER_EVENT_KIND[event.kind], event=event.id,
                                entries=msg.MATTER_EVENT_ENTRIES.format(entries=listed) if made else ""))
    names = unit_names(store)
    for e in made:
        if e.rule == NO_REMINDER_RULE and e.reverses is not None:
            say(msg.BONUS_REVOKED.format(unit=names.get(e.unit, e.unit), quarter=Quarter.of(e.date).label,
                                         entry=e.reverses, reversal=e.id, cite=e.cite))
    if any(e.rule == KEY_RULE for e in made):
        say(msg.MATTER_KEY.format(matter=event.matter, days=event.days_late, cite=KEY_SUPERVISION_CITE))


def _matter_columns(names: dict[str, str]):
    from jcdc.output import Column

    return [
        Column("id", msg.H_MATTER), Column("title", msg.H_TITLE, wrap=True),
        Column("lead", msg.H_LEAD_UNIT, lambda c: names.get(c, c), keep=1),
        Column("opened", msg.H_OPENED), Column("class", msg.H_CLASS, lambda c: msg.MATTER_CLASS[c]),
        Column("state", msg.H_STATE, lambda s: msg.MATTER_STATE[s]), Column("next_due", msg.H_DUE),
        Column("rating", msg.H_RATING),
    ]


def _show_matter(store, v, fmt: Format, output: Path | None = None, force: bool = False) -> None:
    from jcdc.output import Column, emit, emit_json, emit_table

    entries = store.entries(matter=v.matter.id)
    data = {**v.as_json(), "entries": [e.as_json() for e in entries]}
    if fmt is Format.json:
        emit_json(data)
        return
    names = unit_names(store)
    if fmt is Format.csv or output is not None:
        emit(fmt, [data], _matter_columns(names), output=output, force=force)
        return
    emit_table(data["nodes"], [
        Column("number", msg.H_NODE, justify="right"), Column("what", msg.H_WHAT, wrap=True),
        Column("due", msg.H_DUE), Column("reported", msg.H_REPORTED),
        Column("days_late", msg.H_DAYS_LATE, justify="right"),
    ], msg.MATTER_NODES_TITLE.format(matter=v.matter.id, title=v.matter.title,
                                     lead=names.get(v.matter.lead, v.matter.lead),
                                     state=msg.MATTER_STATE[v.state]))
    emit_table(data["events"], [
        Column("id", msg.H_ID, justify="right"), Column("date", msg.H_DATE),
        Column("kind", msg.H_EVENT, lambda k: msg.MATTER_EVENT_KIND[k]),
        Column("node", msg.H_NODE, justify="right"), Column("days_late", msg.H_DAYS_LATE, justify="right"),
        Column("rating", msg.H_RATING), Column("reason", msg.H_REASON, wrap=True),
        Column("entries", msg.H_ENTRIES),
    ], msg.MATTER_EVENTS_TITLE.format(matter=v.matter.id))
    if entries:
        show_entries(store, entries, fmt, msg.MATTER_ENTRIES_TITLE.format(matter=v.matter.id))


@matter_app.command("add")
def matter_add(
    matter_id: MatterArg,
    title: Annotated[str, typer.Option("--title", "-t", help="事项名称")],
    lead: Annotated[str, typer.Option("--lead", help="牵头(承办)单位: 代码、全称或简称")],
    opened: Annotated[str, typer.Option("--opened", help="立项日期; 节点从次日起算")],
    coop: Annotated[Optional[list[str]], typer.Option("--coop", help="配合单位, 可多次给出")] = None,
    cls: Annotated[str, typer.Option("--class", help="一般事项(general, {matter_general}天办结) 或 重大复杂事项(major, {matter_major}天办结)")] = "general",
    passive: Annotated[bool, typer.Option("--passive", help="被动纳入: 不记 13710-item 加分(积分办法 第十一条(三))")] = False,
    fmt: FormatOpt = Format.table, db: DbOpt = None,
    opener: Annotated[Optional[str], typer.Option(
        "--opener", help="立项主体: 为承办单位评分(积分办法 第十六条); 默认「立项主体」")] = None,
    by: ByOpt = None,
):
    """13710 事项立项: 记录事项及其节点({deploy_days}天部署、{progress_days}天报告进展、{matter_general}或{matter_major}天办结), 非被动纳入的记 {pt_13710_item}。"""
    from jcdc.matters import add_matter, parse_class
    from jcdc.session import parse_date

    store = open_db(db)
    v = add_matter(store, matter_id, title, lead, coop or [], parse_date(opened), parse_class(cls), passive,
                   opener, by)
    from jcdc.model import fmt_points

    opening = next(e for e in v.events if e.kind == "open")
    made = [store.entry(i) for i in opening.entries]
    entries = (msg.MATTER_ADDED_ENTRY.format(entries="、".join(
        msg.ENTRY_BRIEF.format(id=e.id, rule=rule_name(e.rule), points=fmt_points(e.points, signed=True)) for e in made))
        if made else msg.MATTER_ADDED_NO_ENTRY)
    say(msg.MATTER_ADDED.format(matter=v.matter.id, title=v.matter.title, lead=unit_names(store)[v.matter.lead],
                                nodes="、".join(f"{n.number}: {n.due}" for n in v.nodes)) + entries)
    if fmt is not Format.table:
        _show_matter(store, v, fmt)


@matter_app.command("node")
def matter_node(
    matter_id: MatterArg,
    due: Annotated[str, typer.Option("--due", help="节点到期日")],
    what: Annotated[str, typer.Option("--what", help="节点内容")],
    db: DbOpt = None, by: ByOpt = None,
):
    """添加交办主体设定的时间节点。"""
    from jcdc.matters import add_node
    from jcdc.session import parse_date

    node = add_node(open_db(db), matter_id, parse_date(due), what, by)
    say(msg.MATTER_NODE_ADDED.format(matter=node.matter, node=node.number, what=node.what, due=node.due))


@matter_app.command("report")
def matter_report(
    matter_id: MatterArg,
    node: Annotated[int, typer.Option("--node", "-n", help="报送的节点编号")],
    date: DateOpt, fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """报送一个节点。逾期记 {pt_13710_late}; 逾期{key_late}天以上进入重点督办, 另记 {pt_13710_key}(每事项一次)(积分办法 第十二条(三))。"""
    from jcdc.matters import report
    from jcdc.session import parse_date

    store = open_db(db)
    _matter_event_done(store, report(store, matter_id, node, parse_date(date), by), fmt)


@matter_app.command("remind")
def matter_remind(matter_id: MatterArg, date: DateOpt, fmt: FormatOpt = Format.table,
                  db: DbOpt = None, by: ByOpt = None):
    """记录一次催办。被催办的单位当季不得「每个时间节点均未被催办」加分。"""
    from jcdc.matters import remind
    from jcdc.session import parse_date

    store = open_db(db)
    _matter_event_done(store, remind(store, matter_id, parse_date(date), by), fmt)


@matter_app.command("return")
def matter_return(
    matter_id: MatterArg, date: DateOpt,
    reason: Annotated[str, typer.Option("--reason", help="退回原因")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """退回重报: 第一次 {pt_13710_returned}, 以后每次多减{pt_13710_returned_step}分(积分办法 第十二条(三))。"""
    from jcdc.matters import return_report
    from jcdc.session import parse_date

    store = open_db(db)
    _matter_event_done(store, return_report(store, matter_id, parse_date(date), reason, by), fmt)


@matter_app.command("close")
def matter_close(
    matter_id: MatterArg, date: DateOpt,
    rating: Annotated[str, typer.Option("--rating", help="优秀({pt_13710_excellent})、良好({pt_13710_good})、合格(0) 或 不合格({pt_13710_unqualified})")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """事项办结并评定(积分办法 第十一、十二条(三))。"""
    from jcdc.matters import close
    from jcdc.session import parse_date

    store = open_db(db)
    _matter_event_done(store, close(store, matter_id, parse_date(date), rating, by), fmt)


@matter_app.command("show")
def matter_show(matter_id: MatterArg, fmt: FormatOpt = Format.table, output: OutputOpt = None,
                force: ForceOpt = False, db: DbOpt = None):
    """显示事项的节点、事件及其产生的积分记录(冲销请用 jcdc points revoke)。"""
    from jcdc.matters import view

    store = open_db(db, read_only=True)
    _show_matter(store, view(store, matter_id), fmt, output, force)


@matter_app.command("list")
def matter_list(
    unit: UnitOpt = None,
    open_only: Annotated[bool, typer.Option("--open", help="只列出未办结的")] = False,
    key_only: Annotated[bool, typer.Option("--key", help="只列出进入重点督办的(追究办法 第五条(二))")] = False,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
    db: DbOpt = None,
):
    """列出 13710 事项, 可按单位(牵头或配合)、是否办结、是否重点督办筛选。"""
    from jcdc.matters import list_matters
    from jcdc.output import emit

    store = open_db(db, read_only=True)
    rows = [v.as_json() for v in list_matters(store, unit, open_only, key_only)]
    emit(fmt, rows, _matter_columns(unit_names(store)), msg.MATTERS_TITLE, empty=msg.MATTERS_NONE,
         output=output, force=force)


@matter_app.command("bonus")
def matter_bonus(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="已结束的季度, 如 2019Q2")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """季度「每个时间节点均未被催办」加分({pt_13710_no_reminder}): 当季有节点到期且未被催办的单位; 当季到期的节点逾期报送
    或未报送的, 视为已被催办(积分办法 第十一条(三)), 不加分; 重复运行不会重复加分。"""
    from jcdc.matters import quarterly_bonus
    from jcdc.session import parse_quarter
    from jcdc.session import today

    q = parse_quarter(quarter)
    store = open_db(db)
    made = quarterly_bonus(store, q, today(), by)
    if fmt is Format.table:
        say(msg.BONUS_ADDED.format(quarter=q.label, count=len(made)) if made
            else msg.BONUS_NONE.format(quarter=q.label))
    if made or fmt is not Format.table:
        show_entries(store, made, fmt, msg.POINTS_TITLE)


@matter_app.command("overdue")
def matter_overdue(
    on: Annotated[Optional[str], typer.Option("--on", help="按哪一天计算, 默认今天")] = None,
    charge: Annotated[bool, typer.Option(
        "--charge", help="记录尚未记录的扣分, 日期为其发生之日; 已记或已冲销的不再记")] = False,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
    db: DbOpt = None, by: ByOpt = None,
):
    """逾期未报送的节点: 到期次日起逾期({pt_13710_late}), 到期后第{key_late}天进入重点督办({pt_13710_key}, 每事项一次), 与逾期报送相同
    (积分办法 第十二条(三); 追究办法 第五条(二))。事项办结和季度关闭前须记完。"""
    from jcdc.matters import charge_overdue, overdue
    from jcdc.model import Quarter, fmt_points
    from jcdc.session import parse_date
    from jcdc.output import Column, emit
    from jcdc.rules.xitong13710 import KEY_RULE, KEY_SUPERVISION_CITE, NO_REMINDER_RULE
    from jcdc.ruleset.words import fill
    from jcdc.session import today

    now = today()
    day = parse_date(on) if on else now
    store = open_db(db, read_only=not charge)
    if charge:
        made, skipped = charge_overdue(store, day, now, by)
        names = unit_names(store)
        charged = [e for e in made if e.rule != NO_REMINDER_RULE]
        say(msg.OVERDUE_CHARGED.format(count=len(charged)) if charged else msg.OVERDUE_NOTHING_OWED)
        for e in made:
            if e.rule == NO_REMINDER_RULE:
                say(msg.BONUS_REVOKED.format(unit=names.get(e.unit, e.unit), quarter=Quarter.of(e.date).label,
                                             entry=e.reverses, reversal=e.id, cite=e.cite))
            elif e.rule == KEY_RULE:
                say(fill(msg.OVERDUE_KEY).format(matter=e.matter, node=e.source.rsplit(":", 1)[1],
                                           cite=KEY_SUPERVISION_CITE))
        for o, rule, date in skipped:
            q = Quarter.of(date)
            say(msg.OVERDUE_SKIPPED_CLOSED.format(matter=o.matter.id, node=o.node.number, rule=rule, date=date,
                                                  quarter=q.label, key=q))
    elif day > now:
        from jcdc.model import JcdcError

        raise JcdcError(msg.OVERDUE_ON_FUTURE.format(on=day, today=now))
    names = unit_names(store)
    rows = [o.as_json() for o in overdue(store, day)]

    def brief(owed: list[dict]) -> str:
        return "、".join(f"{o['rule']} {fmt_points(round(o['points'] * 10), signed=True)} {o['date']}"
                        for o in owed)

    emit(fmt, rows, [
        Column("matter", msg.H_MATTER), Column("unit", msg.H_LEAD_UNIT, lambda c: names.get(c, c), keep=1),
        Column("node", msg.H_NODE, justify="right"), Column("what", msg.H_WHAT, wrap=True),
        Column("due", msg.H_DUE), Column("days_overdue", msg.H_DAYS_LATE, justify="right"),
        Column("charged", msg.H_CHARGED,
               lambda ids: msg.ENTRIES_NAMED.format(ids="、".join(map(str, ids))) if ids else ""),
        Column("owed", msg.H_OWED, brief, wrap=True),
    ], msg.OVERDUE_TITLE.format(on=day), empty=msg.OVERDUE_NONE.format(on=day), output=output, force=force)


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "matter": matter_app,
}
