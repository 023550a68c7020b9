"""Inspector pools, tasks and draws (三库办法): jcdc inspector/task/draw ….

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DbOpt, FormatOpt, ForceOpt, OutputOpt, command_group, open_db, say, unit_names,
)
from jcdc.output import Format

inspector_app = command_group("一网三库督查人员(三库办法 第二、五条): 登记、导入、变更、调出、按日期列出。")
task_app = command_group("督查任务与督查报告(三库办法 第三、十四条)。")
draw_app = command_group("抽取督查组(三库办法 第七、九、十一条): 可复核的随机抽取、同意与递补。")

PoolOpt = Annotated[Optional[str], typer.Option("--pool", "-p", help="专职(full)、兼职(part) 或 特邀(invited)")]
TaskArg = Annotated[str, typer.Argument(metavar="TASK", help="任务编号或完整名称")]
DrawArg = Annotated[int, typer.Argument(metavar="DRAW", help="抽取记录编号")]
InspectorArg = Annotated[int, typer.Argument(metavar="INSPECTOR", help="督查人员编号")]
TeamOpt = Annotated[str, typer.Option("--team", "-t", help="督查组名称, 如 第一组")]


def _inspector_rows(inspectors) -> list[dict]:
    return [{"id": i.id, "name": i.name, "pool": i.pool.value, "unit": i.unit, "org": i.org, "region": i.region,
             "expertise": list(i.expertise), "phone": i.phone, "since": i.since.isoformat()}
            for i in inspectors]


def _inspector_columns(names: dict[str, str]):
    from jcdc.output import Column

    return [Column("id", msg.H_ID, justify="right"), Column("name", msg.H_NAME),
            Column("pool", msg.H_POOL, lambda p: msg.POOL.get(p, p)),
            Column("unit", msg.H_UNIT, lambda c: names.get(c, c or ""), keep=1),
            Column("org", msg.H_ORG, wrap=True, keep=1),
            Column("region", msg.H_REGION, lambda c: names.get(c, c)),
            Column("expertise", msg.H_EXPERTISE, wrap=True), Column("phone", msg.H_PHONE),
            Column("since", msg.H_SINCE)]


def _change(name, pool, unit, region, expertise, phone, org=None):
    from jcdc.pools import InspectorChange, parse_pool

    return InspectorChange(name=name, pool=parse_pool(pool) if pool else None, unit=unit, region=region,
                           expertise=tuple(expertise) if expertise else None, phone=phone, org=org)


RegionOpt = Annotated[Optional[str], typer.Option(
    "--region", help="所属县(市、区)或开发区, 回避时使用; 市级单位为 市本级, 市外人员(如外地特邀专家)为 市外(默认随 --unit, 只给 --org 时为 市本级)")]
UnitOpt = Annotated[Optional[str], typer.Option(
    "--unit", "-u", help="所在的被考核单位(代码、全称或简称); 其他单位用 --org, 二者可同时给出(--org 所属的被考核单位)")]
OrgOpt = Annotated[Optional[str], typer.Option(
    "--org", help="所在单位名称, 可为任何单位: 市人大常委会办公厅、市政协、市政府办公厅某科、某大学 …(三库办法 第五条); 不进入排名")]
ExpertiseOpt = Annotated[Optional[list[str]], typer.Option("--expertise", help="专长, 可多次给出")]
PhoneOpt = Annotated[Optional[str], typer.Option("--phone", help="联系电话")]


@inspector_app.command("add")
def inspector_add(
    name: Annotated[str, typer.Argument(help="姓名")],
    pool: Annotated[str, typer.Option("--pool", "-p", help="专职(full)、兼职(part) 或 特邀(invited)")],
    unit: UnitOpt = None, org: OrgOpt = None,
    region: RegionOpt = None, expertise: ExpertiseOpt = None, phone: PhoneOpt = None,
    since: Annotated[Optional[str], typer.Option("--since", help="入库日期; 默认今天")] = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """登记一名督查人员(三库办法 第五条); 所在单位用 --unit(被考核单位)或 --org(任何单位)。"""
    from jcdc.session import parse_date
    from jcdc.pools import add_inspector
    from jcdc.rules.sanku import organisation

    store = open_db(db)
    ins = add_inspector(store, _change(name, pool, unit, region, expertise, phone, org),
                        parse_date(since) if since else None, by)
    names = unit_names(store)
    say(msg.INSPECTOR_ADDED.format(id=ins.id, name=ins.name, pool=msg.POOL[ins.pool.value],
                                   unit=organisation(ins, names), region=names.get(ins.region, ins.region),
                                   since=ins.since))
    typer.echo(ins.id)


@inspector_app.command("import")
def inspector_import(
    file: Annotated[Path, typer.Argument(help="CSV: 姓名,库,单位 或 单位名称[,地区][,专长][,电话][,起始日期], 或英文列名 name,pool,unit/org,…")],
    db: DbOpt = None, by: ByOpt = None,
):
    """从 CSV 文件导入督查人员(UTF-8 或 GB18030), 全部成功或全部不导入。

    可重复导入: 姓名、单位、库都相同的人已在库时跳过; 其他信息有变化时记为变更
    (自该行起始日期起, 早于其最近记录时自导入之日起)。单位名称(org)列可填任何单位。"""
    from jcdc.pools import import_inspectors
    from jcdc.sheets import read_csv_file

    done = import_inspectors(open_db(db), read_csv_file(file), by)
    say(msg.INSPECTORS_IMPORTED_COUNTS.format(added=len(done.added), updated=len(done.updated),
                                              skipped=len(done.skipped)))
    for ins in done.updated:
        say(msg.INSPECTOR_IMPORT_UPDATED.format(id=ins.id, name=ins.name, since=ins.since))
    for line, why in done.skipped:
        say(msg.IMPORT_SKIPPED_LINE.format(line=line, why=why))


@inspector_app.command("list")
def inspector_list(pool: PoolOpt = None,
                   on: Annotated[Optional[str], typer.Option("--on", help="列出该日在库的人员; 默认今天")] = None,
                   fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
                   db: DbOpt = None):
    """列出某日在库的督查人员(三库办法 第五条 动态管理)。"""
    from jcdc.session import parse_date
    from jcdc.output import emit
    from jcdc.pools import list_inspectors, parse_pool

    store = open_db(db, read_only=True)
    day = parse_date(on) if on else None
    inspectors = list_inspectors(store, parse_pool(pool) if pool else None, day)
    emit(fmt, _inspector_rows(inspectors), _inspector_columns(unit_names(store)),
         msg.INSPECTORS_TITLE.format(date=day or msg.TODAY), empty=msg.INSPECTORS_NONE,
         output=output, force=force)


@inspector_app.command("update")
def inspector_update(
    inspector: InspectorArg,
    since: Annotated[str, typer.Option("--since", help="变更生效日期")],
    name: Annotated[Optional[str], typer.Option("--name", help="姓名")] = None,
    pool: PoolOpt = None, unit: UnitOpt = None, org: OrgOpt = None,
    region: RegionOpt = None, expertise: ExpertiseOpt = None, phone: PhoneOpt = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """变更督查人员信息(人事变动), 自 --since 起生效; 此前的抽取仍按原信息复核。

    --unit 或 --org 重新说明所在单位: 只给其一时, 另一项随之清除。"""
    from jcdc.session import parse_date
    from jcdc.pools import update_inspector

    ins = update_inspector(open_db(db), inspector, _change(name, pool, unit, region, expertise, phone, org),
                           parse_date(since), by)
    say(msg.INSPECTOR_UPDATED.format(id=ins.id, name=ins.name, since=ins.since))


@inspector_app.command("retire")
def inspector_retire(
    inspector: InspectorArg,
    date: Annotated[str, typer.Option("--date", "-d", help="调出日期: 自该日起不在库")],
    reason: Annotated[str, typer.Option("--reason", help="调出原因(必填)")],
    db: DbOpt = None, by: ByOpt = None,
):
    """督查人员调出人员库(三库办法 第五条)。"""
    from jcdc.session import parse_date
    from jcdc.pools import retire_inspector

    ins = retire_inspector(open_db(db), inspector, parse_date(date), reason, by)
    say(msg.INSPECTOR_RETIRED_OK.format(id=ins.id, name=ins.name, date=ins.since, reason=ins.reason))


@task_app.command("add")
def task_add(
    name: Annotated[str, typer.Argument(help="任务名称")],
    kind: Annotated[str, typer.Option("--kind", "-k", help="专项督查(special)、大督查(major) 或 领导交办(assigned)")],
    start: Annotated[str, typer.Option("--start", help="开始日期")],
    end: Annotated[str, typer.Option("--end", help="结束日期")],
    db: DbOpt = None, by: ByOpt = None,
):
    """登记一项督查任务, 输出任务编号。"""
    from jcdc.pools import add_task, parse_kind, report_due
    from jcdc.session import parse_date

    store = open_db(db)
    task = add_task(store, name, parse_kind(kind), parse_date(start), parse_date(end), by)
    say(msg.TASK_ADDED.format(id=task.id, name=task.name, kind=msg.TASK_KIND[task.kind.value],
                              start=task.start, end=task.end, due=report_due(store, task)))
    typer.echo(task.id)


@task_app.command("list")
def task_list(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
              db: DbOpt = None):
    """列出督查任务。"""
    from jcdc.output import Column, emit
    from jcdc.pools import report_due, tasks

    store = open_db(db, read_only=True)
    rows = [{"id": t.id, "name": t.name, "kind": t.kind.value, "start": t.start.isoformat(),
             "end": t.end.isoformat(), "report_due": report_due(store, t).isoformat()}
            for t in tasks(store)]
    columns = [Column("id", msg.H_ID, justify="right"), Column("name", msg.H_TASK, wrap=True),
               Column("kind", msg.H_KIND, lambda k: msg.TASK_KIND.get(k, k)),
               Column("start", msg.H_START), Column("end", msg.H_END), Column("report_due", msg.H_REPORT_DUE)]
    emit(fmt, rows, columns, msg.TASKS_TITLE, empty=msg.TASKS_NONE, output=output, force=force)


def _member_cell(members) -> str:
    return "、".join(f"{m['name']}({msg.POOL[m['pool']]}, {msg.STATUS[m['status']]})" for m in members)


@task_app.command("show")
def task_show(task: TaskArg, fmt: FormatOpt = Format.table, db: DbOpt = None):
    """任务的督查组、成员、报告状态与逾期情况(三库办法 第十四条)。"""
    from jcdc.output import Column, emit, emit_json
    from jcdc.pools import task_view

    store = open_db(db, read_only=True)
    view = task_view(store, task)
    if fmt is Format.json:
        emit_json(view)
        return
    names = unit_names(store)
    rows = [{**t, "status": t["report"]["status"], "date": t["report"]["date"],
             "days_late": t["report"]["days_late"]} for t in view["teams"]]
    columns = [Column("team", msg.H_TEAM), Column("draw", msg.H_ID, justify="right"),
               Column("targets", msg.H_TARGETS, lambda ts: "、".join(names.get(c, c) for c in ts), wrap=True, keep=1),
               Column("members", msg.H_MEMBERS, _member_cell, wrap=True, keep=1),
               Column("status", msg.H_REPORT, lambda s: msg.REPORT_STATUS[s]), Column("date", msg.H_DATE),
               Column("days_late", msg.H_LATE, justify="right")]
    title = msg.TASK_TEAMS_TITLE.format(id=view["id"], name=view["name"], kind=msg.TASK_KIND[view["kind"]],
                                        start=view["start"], end=view["end"], due=view["report_due"])
    emit(fmt, rows, columns, title, empty=msg.TASK_NO_TEAMS)
    if fmt is Format.table:
        _show_draw_origins(view["teams"])
        _show_report_lists(view["teams"])


def _show_draw_origins(teams) -> None:
    """Each team's seed and where it came from, and a team drawn more than once
    (SPEC §5: every published team list says so)."""
    for team in teams:
        say(msg.TASK_TEAM_SEED.format(team=team["team"], id=team["draw"], seed=seed_text(team)))
        if len(team["attempts"]) > 1:
            replaced = "、".join(msg.TASK_TEAM_ATTEMPT.format(id=a["draw"]) for a in team["attempts"][:-1])
            say(msg.TASK_TEAM_ATTEMPTS.format(team=team["team"], count=len(team["attempts"]), id=team["draw"],
                                              replaced=replaced))


# The headings a report list's first line may carry (task report --problems / --typical).
LIST_HEADINGS = {"problems": ("单位", "问题", "整改要求", "整改期限"), "typical": ("单位", "事项", "情况")}
_KNOWN_HEADINGS = {"序号", "被督查单位", "问题事项", "期限", "类别", "整改类别",
                   *(h for names in LIST_HEADINGS.values() for h in names)}


def report_list(lines: list[str], kind: str) -> tuple[list[str], list[list[str]]]:
    """A report list as (headings, items): a CSV's first line is its headings
    when it names a column (单位, 问题 …) and is no item; a file without
    them is read by the columns `task report` documents, a text file as one
    item a line."""
    import csv

    rows = [[c.strip() for c in r] for r in csv.reader(lines) if any(c.strip() for c in r)]
    if rows and any(c in _KNOWN_HEADINGS for c in rows[0]):
        return rows[0], rows[1:]
    width = max((len(r) for r in rows), default=1)
    known = LIST_HEADINGS[kind]
    if width == 1:
        return [msg.TASK_LIST_ITEM], rows
    return [*known[:width], *("" for _ in range(width - len(known)))], rows


def _show_report_lists(teams) -> None:
    """Each team's attached lists under the table: a title that counts the items
    (its headings are no item), then the items as a table, aligned by display width."""
    from jcdc.output import Column, emit_table

    for team in teams:
        for key, what in (("problems", msg.TASK_LIST_PROBLEMS), ("typical", msg.TASK_LIST_TYPICAL)):
            if team[key]:
                headings, items = report_list(team[key], key)
                columns = [Column(str(n), h, wrap=True) for n, h in enumerate(headings)]
                emit_table([{str(n): c for n, c in enumerate(item)} for item in items], columns,
                           msg.TASK_LIST_TITLE.format(team=team["team"], what=what, count=len(items)))


@task_app.command("report")
def task_report(
    task: TaskArg, team: TeamOpt,
    date: Annotated[str, typer.Option("--date", "-d", help="报送日期")],
    problems: Annotated[Optional[Path], typer.Option(
        "--problems", help="问题事项清单: 文本或 CSV 文件, 每行一项; CSV 的列为 单位,问题,整改要求,整改期限")] = None,
    typical: Annotated[Optional[Path], typer.Option(
        "--typical", help="不落实典型事项清单: 文本或 CSV 文件, 每行一项; CSV 的列为 单位,事项,情况")] = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """登记督查组的督查报告及所附清单; 应于任务结束后{report_days}日内报送(三库办法 第十四条)。

    清单为文本文件(每行一项)或 Excel 另存的 CSV(UTF-8 或 GBK 均可), 原样保存;
    CSV 第一行为列名: 问题事项清单 单位,问题,整改要求,整改期限; 不落实典型事项清单 单位,事项,情况;
    前面可加一列 序号。
    jcdc task show 逐行列出。"""
    from jcdc.pools import report_due, submit_report
    from jcdc.session import parse_date
    from jcdc.units import read_units_file

    day = parse_date(date)
    store = open_db(db)
    found = submit_report(store, task, team, day, read_units_file(problems) if problems else None,
                          read_units_file(typical) if typical else None, by)
    due = report_due(store, found)
    late = max(0, (day - due).days)
    say(msg.REPORT_SUBMITTED.format(team=team, date=day, due=due,
                                    late=msg.REPORT_LATE.format(days=late) if late else ""))


@task_app.command("return-report")
def task_return_report(task: TaskArg, team: TeamOpt,
                       reason: Annotated[str, typer.Option("--reason", help="退回原因(必填)")],
                       date: Annotated[Optional[str], typer.Option(
                           "--date", "-d", help="退回日期, 不早于报告的报送日期; 默认今天")] = None,
                       db: DbOpt = None, by: ByOpt = None):
    """退回督查报告, 要求补充督查或重新报送(三库办法 第十四条)。"""
    from jcdc.session import parse_date
    from jcdc.pools import return_report
    from jcdc.session import today

    day = parse_date(date) if date else today()
    return_report(open_db(db), task, team, reason, day, by)
    say(msg.REPORT_RETURNED.format(team=team, date=day, reason=reason.strip()))


def seed_text(view: dict) -> str:
    """Where a draw's seed came from, as every published result states it (SPEC §5)."""
    if view["seed_source"] == "os":
        return msg.DRAW_SEED_OS
    if view.get("seed_public_source"):
        return msg.DRAW_SEED_GIVEN.format(source=view["seed_public_source"])
    return msg.DRAW_SEED_UNSOURCED


def _show_draw(store, draw_id: int, fmt: Format) -> None:
    from jcdc.output import Column, emit, emit_json, emit_table
    from jcdc.pools import draw_view

    view = draw_view(store, draw_id)
    if fmt is Format.json:
        emit_json(view)
        return
    columns = [Column("inspector", msg.H_INSPECTOR, justify="right"), Column("name", msg.H_NAME),
               Column("pool", msg.H_POOL, lambda p: msg.POOL[p]),
               Column("nominated", msg.H_SEAT, lambda n: msg.SEAT_NOMINATED if n else msg.SEAT_DRAWN),
               Column("status", msg.H_MEMBER_STATUS, lambda s: msg.STATUS[s])]
    title = msg.DRAW_MEMBERS_TITLE.format(id=view["id"], task=view["task_name"], team=view["team"])
    if fmt is Format.table:
        say(msg.DRAW_INPUTS.format(seed=view["seed"], algorithm=view["algorithm"],
                                   roster_hash=view["roster_hash"]))
        say(seed_text(view))
        if view["redraw_reason"]:
            say(msg.DRAW_REDRAWN.format(team=view["team"], attempt=view["attempt"], replaced=view["replaces"],
                                        reason=view["redraw_reason"]))
        if view["replaced_by"] is not None:
            say(msg.DRAW_REPLACED.format(id=view["id"], by=view["replaced_by"], team=view["team"]))
        for n in view["nominated"]:
            say(msg.DRAW_NOMINATED.format(id=n["inspector"], name=n["name"], body=n["body"],
                                          approved_by=n["approved_by"]))
        for r in view["refills"]:
            if r["skipped"]:
                say(msg.REFILL_SKIPPED.format(skipped=_skipped_text(r["skipped"])))
    emit(fmt, view["members"], columns, title)
    if fmt is Format.table and view["excluded"]:
        emit_table(view["excluded"], [Column("inspector", msg.H_INSPECTOR, justify="right"),
                                      Column("name", msg.H_NAME),
                                      Column("reason", msg.H_REASON, lambda r: msg.EXCLUSION[r], wrap=True)],
                   msg.DRAW_EXCLUDED_TITLE)


def _skipped_text(skipped) -> str:
    return "、".join(f"{s['inspector']} {s['name']}({msg.EXCLUSION[s['reason']]})" for s in skipped)


@draw_app.command("run")
def draw_run(
    task: TaskArg, team: TeamOpt,
    target: Annotated[list[str], typer.Option("--target", help="被督查单位, 可多次给出")],
    full: Annotated[Optional[int], typer.Option("--full", min=0, help="专职人数; 默认 3")] = None,
    part: Annotated[Optional[int], typer.Option("--part", min=0, help="兼职人数; 默认 2")] = None,
    invited: Annotated[Optional[int], typer.Option("--invited", min=0, help="特邀人数; 默认 2")] = None,
    attendant: Annotated[Optional[list[str]], typer.Option("--attendant", help="随行人员(含专职司机)")] = None,
    seed: Annotated[Optional[str], typer.Option(
        "--seed", help="督查室给出的随机种子, 须同时用 --seed-source 写明公开来源; 默认由 jcdc 在记录抽取时随机生成")] = None,
    seed_source: Annotated[Optional[str], typer.Option(
        "--seed-source", help="--seed 的公开来源, 如 抽取会现场掷骰(见证人 …)、某日某期彩票开奖号码")] = None,
    reason: Annotated[Optional[str], typer.Option(
        "--reason", help="重新抽取已抽取过的督查组的理由; 此前的抽取保留在记录中")] = None,
    override_reason: Annotated[Optional[str], typer.Option("--override-reason", help="超出第九条限额或大督查方案的理由")] = None,
    nominate: Annotated[Optional[list[int]], typer.Option(
        "--nominate", metavar="INSPECTOR",
        help="由所在单位提名的专职人员编号, 可多次给出; 先占专职席位, 余下的 --full 席位再抽取(第七条)")] = None,
    approved_by: Annotated[Optional[str], typer.Option(
        "--approved-by", help="督查室审批提名的人; 默认为记录人")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """抽取一个督查组: 回避本单位与本县区(第七条), 近12个月抽取少者机会大, 结果可复核。

    专职人员可由所在单位提名(--nominate), 须在任务每一天都在库、为专职、合乎回避、
    不在本任务其他组; 每名成员(提名或抽取)均须在任务每一天都在库。
    种子由 jcdc 随机生成, 或由督查室给出并写明公开来源
    (--seed 与 --seed-source); 每次抽取都有记录, 同一督查组再抽须 --reason,
    前一次保留(docs/draw.md)。"""
    from jcdc.pools import run_draw
    from jcdc.rules.sanku import Pool

    store = open_db(db)
    draw_id = run_draw(store, task, team, target, {Pool.FULL: full, Pool.PART: part, Pool.INVITED: invited},
                       attendant or (), seed, override_reason, by, nominate or (), approved_by,
                       public_source=seed_source, redraw_reason=reason)
    if fmt is Format.table:
        say(msg.DRAW_DONE.format(id=draw_id))
    _show_draw(store, draw_id, fmt)


@draw_app.command("list")
def draw_list(task: Annotated[Optional[str], typer.Option("--task", help="任务编号或完整名称")] = None,
              fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
              db: DbOpt = None):
    """列出抽取记录。"""
    from jcdc.output import Column, emit
    from jcdc.pools import list_draws

    store = open_db(db, read_only=True)
    names = unit_names(store)
    rows = [{**r, "seed_text": seed_text(r),
             "state": msg.DRAW_REPLACED_BY.format(by=r["replaced_by"]) if r["replaced_by"] is not None
             else msg.DRAW_STANDS.format(attempt=r["attempt"])} for r in list_draws(store, task)]
    columns = [Column("id", msg.H_ID, justify="right"), Column("task_name", msg.H_TASK, wrap=True),
               Column("team", msg.H_TEAM),
               Column("targets", msg.H_TARGETS, lambda ts: "、".join(names.get(c, c) for c in ts), wrap=True),
               Column("members", msg.H_MEMBERS, wrap=True), Column("state", msg.H_DRAW_STATE),
               Column("seed", msg.H_SEED), Column("seed_text", msg.H_SEED_SOURCE, wrap=True)]
    emit(fmt, rows, columns, msg.DRAWS_TITLE, empty=msg.DRAWS_NONE, output=output, force=force)


@draw_app.command("show")
def draw_show(draw: DrawArg, fmt: FormatOpt = Format.table, db: DbOpt = None):
    """一次抽取的全部记录: 种子、名册哈希、成员及状态、回避与排除。"""
    _show_draw(open_db(db, read_only=True), draw, fmt)


def _say_change(store, draw: int, change) -> None:
    from jcdc.pools import draw_view

    say(msg.MEMBER_CHANGED.format(inspector=change.inspector, status=msg.STATUS[change.status.value]))
    if change.entry is not None:
        from jcdc.model import fmt_points

        entry = store.entry(change.entry)
        name = next((u.name for u in store.units() if u.code == entry.unit), entry.unit)
        say(msg.OBSTRUCT_ENTRY.format(unit=name, points=fmt_points(entry.points, signed=True), entry=entry.id))
    elif change.unranked:
        say(msg.NO_POINTS_UNRANKED)
    if change.newcomer is not None:
        view = draw_view(store, draw)
        refill = next(r for r in view["refills"] if r["event"] == change.refill_event)
        if refill["skipped"]:
            say(msg.REFILL_SKIPPED.format(skipped=_skipped_text(refill["skipped"])))
        name = next(m["name"] for m in view["members"] if m["inspector"] == change.newcomer)
        say(msg.REFILLED.format(newcomer=change.newcomer, name=name))
    elif change.status.value in ("declined", "failed"):
        say(msg.NO_REFILL)


@draw_app.command("consent")
def draw_consent(
    draw: DrawArg,
    inspectors: Annotated[list[int], typer.Argument(metavar="INSPECTOR", help="督查人员编号, 可给多个")],
    yes: Annotated[bool, typer.Option("--yes/--no", help="本人或所在单位同意(--yes)或谢绝(--no)")],
    db: DbOpt = None, by: ByOpt = None,
):
    """兼职、特邀人员同意或谢绝(三库办法 第十一条); 谢绝的席位按记录的顺序递补。

    给多名人员时按给出的顺序逐一记录, 要么全部记录, 要么(任何一名不能记录时)一名也不记录。"""
    from jcdc.pools import consent

    store = open_db(db)
    for change in consent(store, draw, inspectors, yes, by):
        _say_change(store, draw, change)


@draw_app.command("fail")
def draw_fail(
    draw: DrawArg, inspector: InspectorArg,
    reason: Annotated[str, typer.Option("--reason", help="未完成任务的情况(必填)")],
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="事件日期, 决定扣分计入的季度; 默认今天")] = None,
    replace_only: Annotated[bool, typer.Option("--replace-only", help="只调换人员, 不对所在单位减分")] = False,
    db: DbOpt = None, by: ByOpt = None,
):
    """成员未按要求完成督查任务: 递补, 并对所在单位记 obstruct(三库办法 第六条)。"""
    from jcdc.session import parse_date
    from jcdc.pools import fail

    store = open_db(db)
    change = fail(store, draw, inspector, reason, parse_date(date) if date else None, replace_only, by)
    _say_change(store, draw, change)


@draw_app.command("verify")
def draw_verify(draw: DrawArg, db: DbOpt = None):
    """由记录与抽取记录时的台账重新计算抽取结果并与记录比对; 不一致时退出码为 1(docs/draw.md)。

    抽取之后补登、日期在前的人员变动作为注记列出, 不算不一致。"""
    from jcdc.model import JcdcError
    from jcdc.pools import get_draw, verify

    store = open_db(db, read_only=True)
    verdict = verify(store, draw)
    for note in verdict.notes:
        say(msg.VERIFY_NOTE.format(text=note))
    if not verdict.consistent:
        raise JcdcError(msg.VERIFY_FAILED.format(id=draw, problems="; ".join(verdict.problems)))
    say(msg.VERIFY_OK.format(id=draw, roster_hash=get_draw(store, draw).roster_hash))


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "inspector": inspector_app,
    "task": task_app,
    "draw": draw_app,
}
