"""The points ledger: jcdc points add/list/revoke/import.

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DbOpt, FormatOpt, ForceOpt, OutputOpt, QuarterOpt, UnitOpt, YearOpt, command_group, open_db, period, say,
)
from jcdc.output import Format

points_app = command_group("积分台账: 记录、冲销、查询。台账只增不改。")




def entry_columns(names: dict[str, str], marks: dict[int, str] | None = None,
                  notes: dict[int, str] | None = None):
    """The columns of a list of entries; with `marks` (entry id -> text) the 冲销
    column shows both ends of a reversal: 已冲销 → 第 5 号 and 冲销第 3 号, and with
    `notes` (entry_notes) the 备注 of a reversal is why it was made. A rule
    shows as its 简称 (存在问题); CSV, read by scripts, keeps its code. A 文号 is
    never broken: on a narrow terminal it gives way whole, so that each entry
    stays one line."""
    from jcdc.output import Column, signed_points_cell

    reverses = (Column("reverses", msg.H_REVERSES, justify="right", keep=1) if marks is None
                else Column("id", msg.H_REVERSES, lambda i: marks.get(i, ""), wrap=True, keep=2))
    return [
        Column("id", msg.H_ID, justify="right"), Column("date", msg.H_DATE, keep=1),
        Column("unit", msg.H_UNIT, lambda c: names.get(c, c), keep=1),
        Column("rule", msg.H_RULE, lambda r: rule_name(r), keep=1, script=lambda r: r or ""),
        Column("role", msg.H_ROLE, lambda r: msg.ROLE.get(r, r), keep=-1),
        Column("points", msg.H_POINTS, signed_points_cell, justify="right", keep=2),
        Column("qty", msg.H_QTY, justify="right", keep=-1), Column("matter", msg.H_MATTER, keep=-1),
        Column("ref", msg.H_REF, keep=0),
        Column("note", msg.H_NOTE, wrap=True) if notes is None
        else Column("id", msg.H_NOTE, lambda i: notes.get(i, ""), wrap=True), reverses,
    ]


def entry_notes(entries) -> dict[int, str]:
    """The 备注 a clerk reads: an entry's note, and for a reversal the reason it was
    recorded (核实后不属实), which its note (冲销第 1 条) only repeats from the 冲销 column."""
    return {e.id: (e.reason if e.reverses is not None and e.reason else e.note) or "" for e in entries}


def rule_name(code: str | None) -> str:
    """A rule's 简称 as a clerk reads it (存在问题); a code the catalogue lacks as written."""
    from jcdc.rules import POINT_RULES

    rule = POINT_RULES.get(code or "")
    return rule.name if rule is not None else (code or "")


def entry_unit_names(store, entries) -> dict[int, str]:
    """Each entry's unit under the name in force on the last day of the entry's
    quarter (机构改革: a 2018 entry of a unit renamed in 2019 shows its 2018 name)."""
    from jcdc.model import Quarter

    units = {u.code: u for u in store.units()}
    ends: dict[dt.date, dt.date] = {}
    out = {}
    for e in entries:
        end = ends.get(e.date) or ends.setdefault(e.date, Quarter.of(e.date).end)
        unit = units.get(e.unit)
        out[e.id] = unit.name_on(end) if unit is not None else e.unit
    return out


def revocation_marks(entries, revoked_by: dict[int, int]) -> dict[int, str]:
    """已冲销 → 第 5 号 on a revoked entry, 冲销第 3 号 on its reversal, 更正第 3 号 on the entry
    recorded in its place (points correct)."""
    marks = {e.id: msg.REVOKED_BY.format(id=revoked_by[e.id]) for e in entries if e.id in revoked_by}
    marks.update({e.id: msg.REVERSES_ENTRY.format(id=e.reverses) for e in entries if e.reverses is not None})
    for e in entries:
        if e.corrects is not None:
            mark = msg.CORRECTS_ENTRY.format(id=e.corrects)
            marks[e.id] = f"{mark}; {marks[e.id]}" if e.id in marks else mark
    return marks


def show_entries(store, entries, fmt: Format, title: str, single: bool = False,
                  output: Path | None = None, force: bool = False, total: bool = False) -> None:
    """Entries as a table, CSV or JSON; each carries `revoked_by`, the id of the
    entry that reverses it (a reversal names its original in `reverses`).
    `total`: the table ends with the count and the sum of the entries shown."""
    from jcdc.model import Quarter, fmt_points
    from jcdc.output import emit, emit_json

    revoked_by = store.reversals()
    rows = [{**e.as_json(), "revoked_by": revoked_by.get(e.id)} for e in entries]
    if single and fmt is Format.json:
        emit_json(rows[0])
        return
    # each unit under its name on the last day of the quarter of the latest entry listed
    names = {u.code: u.name for u in store.units(on=Quarter.of(max(e.date for e in entries)).end)} \
        if entries else {}
    caption = None
    if total and entries:
        caption = msg.ENTRIES_TOTAL.format(count=len(entries),
                                           points=fmt_points(sum(e.points for e in entries), signed=True))
    emit(fmt, rows, entry_columns(names, revocation_marks(entries, revoked_by), entry_notes(entries)), title, caption=caption,
         empty=msg.POINTS_NONE, output=output, force=force)


@points_app.command("add")
def points_add(
    unit: Annotated[str, typer.Option("--unit", "-u", help="单位: 代码、全称或登记的简称")],
    rule: Annotated[str, typer.Option("--rule", "-r", help="规则: 代码、简称或全称, 如 problem 或 存在问题(jcdc rules list)")],
    date: Annotated[str, typer.Option("--date", "-d", help="事件日期, 决定计入的季度")],
    role: Annotated[str, typer.Option("--role", help="牵头(lead) 或 配合(coop)")] = "lead",
    points: Annotated[Optional[str], typer.Option("--points", "-p", help="分值, 仅用于有区间的规则; 最多一位小数, 全角数字按半角读")] = None,
    qty: Annotated[int, typer.Option("--qty", "-n", help="项数、次数或迟报天数")] = 1,
    matter: Annotated[Optional[str], typer.Option("--matter", "-m", help="13710 事项编号")] = None,
    ref: Annotated[Optional[str], typer.Option("--ref", help="文号或依据文件")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="备注")] = None,
    scorer: Annotated[Optional[str], typer.Option("--scorer", help="评分单位; 默认按积分办法 第十四—十六条")] = None,
    again: Annotated[bool, typer.Option(
        "--again", help="确属又一次: 与已有记录相同也照记; 否则视为误重复, 拒绝并指出已有记录")] = False,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """记录一条积分。固定分值由规则给出; 区间分值用 --points 给出。

    与一条未冲销的记录在单位、规则、日期、角色、分值、数量、事项编号、文号上都相同的,
    视为误重复而拒绝(指出是第几号记录); 确属又一次的, 加 --again。"""
    from jcdc import points as ledger
    from jcdc.model import parse_points
    from jcdc.session import parse_date

    req = ledger.PointsRequest(
        unit=unit, rule=rule, date=parse_date(date), role=ledger.parse_role(role),
        points=parse_points(points) if points is not None else None, qty=qty, matter=matter,
        ref=ref, note=note, scorer=scorer, source="cli")
    store = open_db(db)
    entry = ledger.add(store, req, by, again)
    if fmt is Format.table:
        from jcdc.model import fmt_points

        name = entry_unit_names(store, [entry])[entry.id]
        say(msg.ENTRY_ADDED.format(id=entry.id, unit=name, rule=rule_name(entry.rule),
                                   points=fmt_points(entry.points, signed=True), cite=entry.cite))
    show_entries(store, [entry], fmt, msg.POINTS_TITLE, single=True)


@points_app.command("list")
def points_list(unit: UnitOpt = None, year: YearOpt = None, quarter: QuarterOpt = None,
                rule: Annotated[Optional[str], typer.Option("--rule", "-r", help="规则: 代码、简称或全称")] = None,
                matter: Annotated[Optional[str], typer.Option("--matter", "-m", help="13710 事项编号")] = None,
                ref: Annotated[Optional[str], typer.Option("--ref", help="文号中含有的文字, 如 12号")] = None,
                text: Annotated[Optional[str], typer.Option("--text", help="文号或备注中含有的文字")] = None,
                since: Annotated[Optional[str], typer.Option("--since", help="事件日期不早于(含)")] = None,
                until: Annotated[Optional[str], typer.Option("--until", help="事件日期不晚于(含)")] = None,
                fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
                db: DbOpt = None):
    """列出积分记录, 可按单位、年度或季度、规则、事项、文号、文字、日期筛选; 表格末行为合计。

    各条件同时满足; --ref、--text 只需给出文号或备注的一部分。"""
    from jcdc.session import parse_date
    from jcdc.points import list_entries

    y, q = period(year, quarter, required=False)
    first, last = (parse_date(since) if since else None), (parse_date(until) if until else None)
    store = open_db(db, read_only=True)
    found = list_entries(store, unit, y, q, rule, matter, ref, text, first, last)
    show_entries(store, found, fmt, msg.POINTS_TITLE, output=output, force=force, total=True)


@points_app.command("revoke")
def points_revoke(
    entry_ids: Annotated[list[int], typer.Argument(metavar="ID", help="要冲销的记录编号, 可给多个")],
    reason: Annotated[str, typer.Option("--reason", help="冲销原因(必填)")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """冲销一条记录, 或一次冲销多条: 每条新增一条反向记录, 原记录保留。每条只能冲销一次。
    给多个编号时, 要么全部冲销, 要么(任何一条不能冲销时)一条也不冲销。冲销一次退回重报时,
    同一事项其后现存的退回按现存次序前移一位, 在同一事务中冲销并重记(积分办法 第十二条(三))。"""
    from jcdc.model import fmt_points
    from jcdc.points import repositioned_by, revoke_all

    store = open_db(db)
    reversals = revoke_all(store, entry_ids, reason, by)
    for entry_id, reversal in zip(entry_ids, reversals):
        if reversal.reverses != entry_id:
            say(msg.ENTRY_REVOKED_VIA.format(id=entry_id, now=reversal.reverses))
        if fmt is Format.table:
            say(msg.ENTRY_REVOKED_WHY.format(id=reversal.reverses, new=reversal.id, reason=reversal.reason,
                                             points=fmt_points(reversal.points, signed=True)))
        _say_repositioned(repositioned_by(store, reversal))
    show_entries(store, reversals, fmt, msg.POINTS_TITLE, single=len(entry_ids) == 1)


@points_app.command("correct")
def points_correct(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="要更正的记录编号")],
    reason: Annotated[str, typer.Option("--reason", help="更正原因(必填)")],
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help="改为此单位")] = None,
    rule: Annotated[Optional[str], typer.Option("--rule", "-r", help="改为此规则: 代码、简称或全称")] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="改为此事件日期")] = None,
    role: Annotated[Optional[str], typer.Option("--role", help="改为 牵头(lead) 或 配合(coop)")] = None,
    points: Annotated[Optional[str], typer.Option("--points", "-p", help="改为此分值(每项), 仅用于有区间的规则")] = None,
    qty: Annotated[Optional[int], typer.Option("--qty", "-n", help="改为此项数、次数或迟报天数")] = None,
    matter: Annotated[Optional[str], typer.Option("--matter", "-m", help="改为此 13710 事项编号")] = None,
    ref: Annotated[Optional[str], typer.Option("--ref", help="改为此文号; 给空字符串则去掉")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="改为此备注; 给空字符串则去掉")] = None,
    scorer: Annotated[Optional[str], typer.Option("--scorer", help="改为此评分单位")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """更正一条记录: 在同一事务中冲销它, 并按改过的内容重新记录, 两条都注明对方。

    只给出要改的项, 其余沿用原记录; 重新记录与 points add 同样校验, 任何一项不符则都不写入。"""
    from jcdc import points as ledger
    from jcdc.model import fmt_points, parse_points
    from jcdc.session import parse_date

    given = {"unit": unit, "rule": rule, "date": parse_date(date) if date is not None else None,
             "role": ledger.parse_role(role) if role is not None else None,
             "points": parse_points(points) if points is not None else None, "qty": qty, "matter": matter,
             "ref": ref, "note": note, "scorer": scorer}
    store = open_db(db)
    done = ledger.correct(store, entry_id, {k: v for k, v in given.items() if v is not None}, reason, by)
    if done.reversal.reverses != entry_id:
        say(msg.ENTRY_REVOKED_VIA.format(id=entry_id, now=done.reversal.reverses))
    if fmt is Format.table:
        name = entry_unit_names(store, [done.entry])[done.entry.id]
        say(msg.ENTRY_CORRECTED.format(
            id=done.reversal.reverses, reversal=done.reversal.id, was=fmt_points(done.reversal.points, signed=True),
            new=done.entry.id, unit=name, rule=rule_name(done.entry.rule), points=fmt_points(done.entry.points, signed=True),
            reason=reason.strip()))
    _say_repositioned(ledger.repositioned_by(store, done.reversal))
    show_entries(store, [done.reversal, done.entry], fmt, msg.POINTS_TITLE)


def _say_repositioned(corrections) -> None:
    """Each later return of the matter, reversed and charged anew at its standing place."""
    from jcdc.model import fmt_points
    from jcdc.points import RECHARGE

    recharged = {e.source: e for e in corrections if e.reverses is None}
    for old in (e for e in corrections if e.reverses is not None):
        new = recharged.get(f"{RECHARGE}{old.reverses}")
        if new is not None:
            say(msg.RETURNS_REPOSITIONED.format(old=old.reverses, was=fmt_points(-old.points, signed=True),
                                                new=new.id, now=fmt_points(new.points, signed=True)))





@points_app.command("import")
def points_import(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help=".csv 或 .xlsx 文件; - 从标准输入读取 CSV")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="只校验, 逐行列出导入的结果(将记录、已在台账中、将冲销、跳过), 不写入")] = False,
    encoding: Annotated[str, typer.Option("--encoding", help="CSV 编码: auto、utf-8 或 gb18030")] = "auto",
    sheet: Annotated[Optional[str], typer.Option(
        "--sheet", help=".xlsx 中要导入的工作表; 默认为唯一有内容的可见工作表")] = None,
    source: Annotated[Optional[str], typer.Option(
        "--source", help="报送来源(科室、立项主体), 编号只在同一来源内有效; 默认为文件名(不含扩展名)")] = None,
    corrections: Annotated[bool, typer.Option(
        "--corrections", help="本文件更正已导入的记录: 冲销原记录, 按本文件重记(同一事务)")] = False,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """批量导入积分记录(积分办法 第十五、十六条 各科室、立项主体按季度报送)。

    列名中英文均可, 顺序不限: date 日期, unit 单位, rule 规则(代码、简称或全称), role 角色, points 分值, qty 数量,
    matter 事项编号, ref 文号, note 备注, key 编号。每行与 points add 同样校验, 按日期顺序计分;
    任何一行有错则全部不导入。重复导入同一文件或有重叠的文件, 只新增台账中还没有的行。
    编号只在同一来源(--source, 默认为文件名)内有效: 另一来源的编号 1 是另一行。
    与已导入的记录在单位、规则、日期、角色、事项编号、文号上相同而分值或数量不同的行(或同一来源同一编号的行)是更正:
    整个文件被拒绝并列出这些行; 加 --corrections 则冲销原记录并按本文件重记, 在同一事务中完成。

    表头可在前 10 行内, 其上的一两格标题行、「序号」列、空行不导入;
    表末的「合计」行只在没有日期、规则等且所填数字与上方各行之和相符时跳过, 否则报错;
    跳过了什么都逐条说明。引号不配对、超出表头或在无列名列中的单元格都报错(注明行号),
    不会被截去或并入别的行。.xlsx 解压后不得超过 256 MiB, 更大的表请另存为 CSV。
    .xlsx 导入唯一有内容的可见工作表; 有几个, 或内容只在隐藏的工作表中, 须用 --sheet 指明。
    每行最多 16384 个单元格, 全文件最多 3000 万个; 不依工作表声明的大小, 按文件实有的行和单元格读取。
    先读完并校验整个文件再写入, 导入期间别人记分只需等待写入的片刻。详见 docs/import.md。
    """
    from jcdc.importer import ImportRefused, import_file, planned_lines
    from jcdc.output import Column, Progress, emit, emit_json, emit_json_with_list

    store = open_db(db)
    try:
        big = file != "-" and Path(file).is_file() and Path(file).stat().st_size > 1 << 20
    except (OSError, ValueError):  # a name the file system refuses: import_file says so
        big = False
    try:
        with Progress(show=big) as progress:
            result = import_file(store, file, encoding, dry_run, by, progress, sheet=sheet, source=source,
                                 corrections=corrections)
    except ImportRefused as e:
        for line in e.lines:
            sys.stderr.write(msg.ERROR_PREFIX + line + "\n")
        raise typer.Exit(e.exit_code) from None
    for note in result.notes:
        say(note)
    _say_corrections(result)
    if result.import_id is not None:
        say(msg.IMPORT_RECORDED.format(id=result.import_id, file=result.file, source=result.source))
        ids = "、".join(f"{a}" if a == b else f"{a}—{b}" for a, b in result.ids)
        say(msg.IMPORT_ADDED_IDS.format(ids=ids) if ids else msg.IMPORT_ADDED_NONE)
    else:
        _show_planned(store, result, fmt)
        say(msg.IMPORT_DRY_RUN.format(rows=result.rows))
        if fmt is Format.csv:  # stdout holds the rows: the counts are said
            say(msg.IMPORT_SUMMARY.format(**result.as_json()))
            return
    if fmt is Format.json and result.import_id is None:
        emit_json_with_list(result.as_json(), "lines", (p.as_json() for p in planned_lines(store, result)))
    elif fmt is Format.json:
        emit_json(result.as_json())
    elif fmt is Format.csv:
        emit(fmt, [result.as_json()], [Column("rows", msg.H_ROWS), Column("added", msg.H_ADDED),
                                       Column("skipped", msg.H_SKIPPED)])
    else:
        typer.echo(msg.IMPORT_SUMMARY.format(**result.as_json()))


# A dry run's table shows the file's first lines (a quarter's sheet whole); CSV and JSON give them all.
DRY_RUN_SHOWN = 50


def _show_planned(store, result, fmt: Format) -> None:
    """What the import would do with each line of the file (a dry run): as a
    table, its first DRY_RUN_SHOWN lines and how many more; as CSV, every line.
    JSON carries them beside the counts (points_import)."""
    from itertools import islice

    from jcdc.importer import planned_lines
    from jcdc.model import Quarter
    from jcdc.output import Column, emit_csv, emit_table, signed_points_cell

    if fmt is Format.json:
        return
    units = {u.code: u for u in store.units()}
    names: dict[tuple[str, str], str] = {}

    def named(line) -> dict:
        row = line.as_json()
        if line.unit is not None:
            key = (line.unit, line.date)
            if key not in names:
                unit = units.get(line.unit)
                end = Quarter.of(dt.date.fromisoformat(line.date)).end
                names[key] = unit.name_on(end) if unit is not None else line.unit
            row["unit_name"] = names[key]  # as points list names it: in force on its quarter's last day
        return row

    columns = [Column("line", msg.H_LINE, justify="right", keep=3), Column("date", msg.H_DATE, keep=1),
               Column("unit_name", msg.H_UNIT, keep=1),
               Column("rule", msg.H_RULE, lambda r: rule_name(r) if r else "", keep=1, script=lambda r: r or ""),
               Column("points", msg.H_POINTS, signed_points_cell, justify="right", keep=2),
               Column("result", msg.H_OUTCOME, wrap=True, keep=2)]
    lines = (named(line) for line in planned_lines(store, result))
    if fmt is Format.csv:
        emit_csv(lines, columns)
        return
    shown = list(islice(lines, DRY_RUN_SHOWN))
    if not shown:  # a header and nothing under it: the summary says 共 0 行
        return
    more = result.rows + len(result.passed) - len(shown)
    emit_table(shown, columns, msg.IMPORT_PLAN_TITLE.format(file=result.file),
               msg.IMPORT_PLAN_MORE.format(count=more) if more > 0 else None)


def _say_corrections(result) -> None:
    """Each entry a corrected sheet revoked, and the entry recorded in its place."""
    from jcdc.model import fmt_points

    for c in result.corrections:
        was = fmt_points(c.points, signed=True)
        if result.import_id is None:
            say(msg.IMPORT_WILL_CORRECT.format(line=c.line, entry=c.entry, was=was))
        else:
            say(msg.IMPORT_CORRECTED.format(line=c.line, entry=c.entry, was=was, reversal=c.reversal, new=c.new,
                                            now=fmt_points(c.new_points, signed=True)))


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "points": points_app,
}
