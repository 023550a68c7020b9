"""The command line: wiring and options only. No SQL and no rules here.

Each command opens the ledger, makes one or two calls into the use-case
modules, and renders what they return. A JcdcError becomes one line on stderr
("错误: …") and exit code 1 (refused) or 2 (usage mistake) — never a traceback.
Heavy modules are imported inside the commands that need them: start-up time
is a target (docs/benchmarks.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from jcdc import messages as msg
from jcdc.model import JcdcError
from jcdc.output import Format


class JcdcGroup(TyperGroup):
    """Turns a domain error raised anywhere below into one line and an exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except JcdcError as e:
            _fail(str(e), e.exit_code)
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt):
            raise
        except Exception as e:  # a bug: one line for the clerk, the traceback on request
            if os.environ.get("JCDC_DEBUG") or e.__class__.__module__.startswith(("typer", "click")):
                raise
            _fail(msg.INTERNAL_ERROR.format(kind=type(e).__name__, text=e), 1)


def _fail(text: str, code: int):
    sys.stderr.write(msg.ERROR_PREFIX + " ".join(text.split("\n")) + "\n")
    raise typer.Exit(code)


def _typer(help_text: str) -> typer.Typer:
    return typer.Typer(cls=JcdcGroup, help=help_text, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


app = _typer("jcdc — 晋城市政府办公厅督查室 督查台账: 激励积分与排名、责任追究、一网三库、快速处置。")
unit_app = _typer("被考核单位(积分办法 第二条): 添加、导入、列出、撤销。")
rules_app = _typer("激励积分规则目录(积分办法 第十一、十二条)。")
points_app = _typer("积分台账: 记录、冲销、查询。台账只增不改。")
app.add_typer(unit_app, name="unit")
app.add_typer(rules_app, name="rules")
app.add_typer(points_app, name="points")

# --- shared options -------------------------------------------------------------

DbOpt = Annotated[Optional[Path], typer.Option(
    "--db", envvar="JCDC_DB", show_envvar=True, dir_okay=False,
    help="数据库文件; 默认为用户数据目录下的 jcdc.db")]
ByOpt = Annotated[Optional[str], typer.Option(
    "--by", help="记录人; 默认取环境变量 JCDC_USER, 否则为操作系统用户名")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="输出格式: table、csv 或 json")]
UnitOpt = Annotated[Optional[str], typer.Option("--unit", "-u", help="单位: 代码、全称或登记的简称")]
YearOpt = Annotated[Optional[str], typer.Option("--year", "-y", help="年度, 如 2019")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", dir_okay=False, help="写入文件, 格式随扩展名: .csv(Excel 可直接打开)、.xlsx、.json")]
QuarterOpt = Annotated[Optional[str], typer.Option("--quarter", "-q", help="季度, 如 2019Q2 或 2019年第二季度")]


def open_db(db: Path | None):
    from jcdc.store import default_db_path, open_store

    return open_store(db or default_db_path())


def period(year: str | None, quarter: str | None, required: bool = True):
    """(year, quarter) from the options: exactly one of them when required."""
    from jcdc.model import InputError, Quarter, parse_year

    if year and quarter:
        raise InputError(msg.PERIOD_BOTH)
    if required and not (year or quarter):
        raise InputError(msg.PERIOD_NEEDED)
    return (parse_year(year) if year else None), (Quarter.parse(quarter) if quarter else None)


def say(text: str) -> None:
    from jcdc.output import say as _say

    _say(text)


# --- init and units ---------------------------------------------------------------


@app.command()
def init(db: DbOpt = None, by: ByOpt = None):
    """创建数据库并载入晋城市被考核单位名册(data/units.csv)。重复运行不会改变任何内容。"""
    from jcdc.units import load_roster

    store = open_db(db)
    added, skipped = load_roster(store, by)
    say(msg.UNITS_LOADED.format(added=added, skipped=skipped, total=len(store.units())))
    say(str(store.path))


def _unit_rows(units) -> list[dict]:
    return [{
        "code": u.code, "name": u.name, "category": u.category.value, "group": u.group,
        "aliases": list(u.aliases),
        "valid_from": u.valid_from.isoformat() if u.valid_from else None,
        "valid_to": u.valid_to.isoformat() if u.valid_to else None,
    } for u in units]


def _span(row: dict) -> str:
    if not row["valid_from"] and not row["valid_to"]:
        return ""
    return f"{row['valid_from'] or '…'} 至 {row['valid_to'] or '今'}"


def _unit_columns():
    from jcdc.output import Column

    return [
        Column("code", msg.H_CODE), Column("name", msg.H_NAME, wrap=True),
        Column("category", msg.H_CATEGORY, lambda c: msg.CATEGORY.get(c, c)),
        Column("group", msg.H_GROUP), Column("aliases", msg.H_ALIASES, wrap=True),
        Column("valid_from", msg.H_VALID + "起"), Column("valid_to", msg.H_VALID + "止"),
    ]


@unit_app.command("add")
def unit_add(
    code: Annotated[str, typer.Argument(help="单位代码(ASCII, 供脚本使用), 如 zezhou")],
    name: Annotated[str, typer.Argument(help="单位全称, 如 泽州县")],
    category: Annotated[str, typer.Option("--category", "-c", help="county、devzone、city 或 stationed")],
    group: Annotated[Optional[str], typer.Option("--group", help="排名组; 默认随类别(县区、市直、驻市)")] = None,
    alias: Annotated[Optional[list[str]], typer.Option("--alias", "-a", help="简称或拼音首字母, 可多次给出")] = None,
    valid_from: Annotated[Optional[str], typer.Option("--valid-from", help="设立日期")] = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """添加一个被考核单位。"""
    from jcdc.model import parse_date
    from jcdc.units import add_unit, make_unit

    unit = make_unit(code, name, category, group, alias or (),
                     parse_date(valid_from) if valid_from else None)
    add_unit(open_db(db), unit, by)
    say(msg.UNIT_ADDED.format(code=unit.code, name=unit.name,
                              category=msg.CATEGORY[unit.category.value], group=unit.group))


@unit_app.command("import")
def unit_import(
    file: Annotated[Path, typer.Argument(help="CSV: code,name,category[,group][,aliases], 简称以分号分隔")],
    db: DbOpt = None, by: ByOpt = None,
):
    """从 CSV 文件导入单位(UTF-8 或 GB18030), 全部成功或全部不导入。"""
    from jcdc.units import import_units, read_units_file

    store = open_db(db)
    added, _ = import_units(store, read_units_file(file), by)
    say(msg.UNITS_LOADED.format(added=added, skipped=0, total=len(store.units())))


@unit_app.command("list")
def unit_list(
    on: Annotated[Optional[str], typer.Option("--on", help="只列出该日在册的单位")] = None,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None,
):
    """列出被考核单位。"""
    from jcdc.model import parse_date
    from jcdc.output import emit

    units = open_db(db).units()
    if on:
        day = parse_date(on)
        units = [u for u in units if u.in_force(day, day)]
    emit(fmt, _unit_rows(units), _unit_columns(), msg.UNITS_TITLE, output=output)


@unit_app.command("end")
def unit_end(
    unit: Annotated[str, typer.Argument(help="单位: 代码、全称或简称")],
    date: Annotated[str, typer.Option("--date", "-d", help="最后一个在册日(机构改革撤销或合并)")],
    db: DbOpt = None,
):
    """单位因机构改革撤销或合并: 此后的积分不再记入该单位, 历史排名仍显示它。"""
    from jcdc.model import parse_date
    from jcdc.units import end_unit

    ended = end_unit(open_db(db), unit, parse_date(date))
    say(msg.UNIT_ENDED.format(code=ended.code, name=ended.name, date=ended.valid_to))


# --- rules ------------------------------------------------------------------------


def _rule_row(rule) -> dict:
    return {
        "code": rule.code, "title": rule.title, "cite": rule.cite,
        "lead": str(rule.lead) if rule.lead else ("-0.5, -1.5, -2.5 …" if rule.escalates else None),
        "coop": str(rule.coop) if rule.coop else None,
        "per": rule.per.value, "scorer": rule.scorer, "text": rule.text,
    }


def _rule_columns():
    from jcdc.output import Column
    from jcdc.rules.jifen import PER_LABEL, Per

    return [
        Column("code", msg.H_RULE), Column("title", msg.H_TITLE, wrap=True),
        Column("lead", msg.H_LEAD, justify="right"), Column("coop", msg.H_COOP, justify="right"),
        Column("per", msg.H_PER, lambda p: PER_LABEL[Per(p)]), Column("scorer", msg.H_SCORER),
        Column("cite", msg.H_CITE, wrap=True),
    ]


@rules_app.command("list")
def rules_list(fmt: FormatOpt = Format.table, output: OutputOpt = None):
    """列出全部积分规则, 及其分值与依据条文。"""
    from jcdc.output import emit
    from jcdc.rules import POINT_RULES

    emit(fmt, [_rule_row(r) for r in POINT_RULES.values()], _rule_columns(), msg.RULES_TITLE,
         output=output)


@rules_app.command("show")
def rules_show(code: Annotated[str, typer.Argument(help="规则代码, 如 13710-returned")],
               fmt: FormatOpt = Format.table):
    """显示一条规则及其条文原文。"""
    from jcdc.output import Column, emit, emit_json
    from jcdc.points import find_rule

    row = _rule_row(find_rule(code))
    if fmt is Format.json:
        emit_json(row)
        return
    emit(fmt, [row], [*_rule_columns(), Column("text", msg.H_ARTICLE, wrap=True)], row["title"])


# --- points ---------------------------------------------------------------------


def _entry_columns(names: dict[str, str]):
    from jcdc.output import Column, signed_points_cell

    return [
        Column("id", msg.H_ID, justify="right"), Column("date", msg.H_DATE),
        Column("unit", msg.H_UNIT, lambda c: names.get(c, c), wrap=True), Column("rule", msg.H_RULE),
        Column("role", msg.H_ROLE, lambda r: msg.ROLE.get(r, r)),
        Column("points", msg.H_POINTS, signed_points_cell, justify="right"),
        Column("qty", msg.H_QTY, justify="right"), Column("matter", msg.H_MATTER),
        Column("ref", msg.H_REF, wrap=True), Column("note", msg.H_NOTE, wrap=True),
        Column("reverses", msg.H_REVERSES, justify="right"),
    ]


def _show_entries(store, entries, fmt: Format, title: str, single: bool = False,
                  output: Path | None = None) -> None:
    from jcdc.output import emit, emit_json

    rows = [e.as_json() for e in entries]
    if single and fmt is Format.json:
        emit_json(rows[0])
        return
    names = {u.code: u.name for u in store.units()}
    emit(fmt, rows, _entry_columns(names), title, empty=msg.POINTS_NONE, output=output)


@points_app.command("add")
def points_add(
    unit: Annotated[str, typer.Option("--unit", "-u", help="单位: 代码、全称或登记的简称")],
    rule: Annotated[str, typer.Option("--rule", "-r", help="规则代码(jcdc rules list)")],
    date: Annotated[str, typer.Option("--date", "-d", help="事件日期, 决定计入的季度")],
    role: Annotated[str, typer.Option("--role", help="lead(牵头) 或 coop(配合)")] = "lead",
    points: Annotated[Optional[str], typer.Option("--points", "-p", help="分值, 仅用于有区间的规则")] = None,
    qty: Annotated[int, typer.Option("--qty", "-n", help="项数、次数或迟报天数")] = 1,
    matter: Annotated[Optional[str], typer.Option("--matter", "-m", help="13710 事项编号")] = None,
    ref: Annotated[Optional[str], typer.Option("--ref", help="文号或依据文件")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="备注")] = None,
    scorer: Annotated[Optional[str], typer.Option("--scorer", help="评分单位; 默认按积分办法 第十四—十六条")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """记录一条积分。固定分值由规则给出; 区间分值用 --points 给出。"""
    from jcdc import points as ledger
    from jcdc.model import parse_date, parse_points

    req = ledger.PointsRequest(
        unit=unit, rule=rule, date=parse_date(date), role=ledger.parse_role(role),
        points=parse_points(points) if points is not None else None, qty=qty, matter=matter,
        ref=ref, note=note, scorer=scorer, source="cli")
    store = open_db(db)
    entry = ledger.add(store, req, by)
    if fmt is Format.table:
        from jcdc.model import fmt_points

        name = next(u.name for u in store.units() if u.code == entry.unit)
        say(msg.ENTRY_ADDED.format(id=entry.id, unit=name, rule=entry.rule,
                                   points=fmt_points(entry.points, signed=True), cite=entry.cite))
    _show_entries(store, [entry], fmt, msg.POINTS_TITLE, single=True)


@points_app.command("list")
def points_list(unit: UnitOpt = None, year: YearOpt = None, quarter: QuarterOpt = None,
                rule: Annotated[Optional[str], typer.Option("--rule", "-r", help="规则代码")] = None,
                fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """列出积分记录, 可按单位、年度或季度、规则筛选。"""
    from jcdc.points import list_entries

    y, q = period(year, quarter, required=False)
    store = open_db(db)
    _show_entries(store, list_entries(store, unit, y, q, rule), fmt, msg.POINTS_TITLE, output=output)


@points_app.command("revoke")
def points_revoke(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="要冲销的记录编号")],
    reason: Annotated[str, typer.Option("--reason", help="冲销原因(必填)")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """冲销一条记录: 新增一条反向记录, 原记录保留。每条只能冲销一次。"""
    from jcdc.model import fmt_points
    from jcdc.points import revoke

    store = open_db(db)
    reversal = revoke(store, entry_id, reason, by)
    if fmt is Format.table:
        say(msg.ENTRY_REVOKED.format(id=entry_id, new=reversal.id,
                                     points=fmt_points(reversal.points, signed=True)))
    _show_entries(store, [reversal], fmt, msg.POINTS_TITLE, single=True)


# --- rankings -----------------------------------------------------------------------


def _rank_columns(quarterly: bool):
    from jcdc.output import Column, points_cell, signed_points_cell

    def flags_cell(flags) -> str:
        return "、".join(msg.FLAG_LABEL[f] for f in flags)

    cols = [Column("rank", msg.H_RANK, justify="right"), Column("name", msg.H_UNIT, wrap=True),
            Column("unit", msg.H_CODE), Column("score", msg.H_SCORE, points_cell, justify="right"),
            Column("delta", msg.H_DELTA, signed_points_cell, justify="right")]
    if quarterly:
        cols.append(Column("ytd", msg.H_YTD, points_cell, justify="right"))
    else:
        cols.append(Column("flags", msg.H_FLAGS, flags_cell, wrap=True))
    return cols


@app.command()
def rank(year: YearOpt = None, quarter: QuarterOpt = None,
         group: Annotated[Optional[str], typer.Option("--group", "-g", help="只显示该排名组, 如 县区")] = None,
         fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """季度或年度积分排名(积分办法 第十三、十七—十九条), 年度排名标出追责候选与免督查。"""
    from jcdc import ranking
    from jcdc.output import emit_grouped

    y, q = period(year, quarter)
    store = open_db(db)
    rows = ranking.quarterly(store, q, group) if q else ranking.annual(store, y, group)
    json_rows = [r.as_json() for r in rows]
    flagged = sorted({f.value for r in rows for f in r.flags}, key=list(msg.FLAG_NOTE).index)
    caption = "\n".join([msg.RANK_FOOTNOTE, *(msg.FLAG_NOTE[f] for f in flagged)])
    title = ((lambda g: msg.RANK_TITLE_QUARTER.format(quarter=q.label, group=g)) if q
             else (lambda g: msg.RANK_TITLE_YEAR.format(year=y, group=g)))
    emit_grouped(fmt, json_rows, _rank_columns(q is not None), "group", title, caption,
                 empty=msg.RANK_EMPTY, output=output)


# --- demo -------------------------------------------------------------------------


@app.command()
def demo(path: Annotated[Optional[Path], typer.Option(
        "--path", dir_okay=False, help="演示数据库位置; 默认为用户数据目录下的 jcdc-demo.db")] = None,
         fmt: FormatOpt = Format.table):
    """生成一个独立的演示数据库(不是您的工作数据库): 全部单位、两年的积分记录, 并显示年度排名。"""
    from jcdc.demo import DEMO_YEAR, build_demo, demo_db_path

    target = path or demo_db_path()
    store, entries = build_demo(target)
    say(msg.DEMO_BUILT.format(path=target, entries=entries, units=len(store.units())))
    rank(year=str(DEMO_YEAR), quarter=None, group=None, fmt=fmt, output=None, db=target)


# --- accountability cases (issue 4) ------------------------------------------------


# --- inspector pools, tasks and draws (issue 5) ---------------------------------------


# --- 13710 matters, rectification items, deadlines (issue 6) ------------------------


# --- import, reports and files (issue 3) --------------------------------------------


@points_app.command("import")
def points_import(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help=".csv 或 .xlsx 文件; - 从标准输入读取 CSV")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只校验并报告, 不写入")] = False,
    encoding: Annotated[str, typer.Option("--encoding", help="CSV 编码: auto、utf-8 或 gb18030")] = "auto",
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """批量导入积分记录(积分办法 第十五、十六条 各科室、立项主体按季度报送)。

    列名中英文均可, 顺序不限: date 日期, unit 单位, rule 规则, role 角色, points 分值, qty 数量,
    matter 事项编号, ref 文号, note 备注, key 编号。每行与 points add 同样校验, 按日期顺序计分;
    任何一行有错则全部不导入。重复导入同一文件或有重叠的文件, 只新增台账中还没有的行。
    """
    from jcdc.importer import ImportRefused, import_file
    from jcdc.output import Column, Progress, emit, emit_json

    store = open_db(db)
    big = file != "-" and Path(file).is_file() and Path(file).stat().st_size > 1 << 20
    try:
        with Progress(show=big) as progress:
            result = import_file(store, file, encoding, dry_run, by, progress)
    except ImportRefused as e:
        for line in e.lines:
            sys.stderr.write(msg.ERROR_PREFIX + line + "\n")
        raise typer.Exit(e.exit_code) from None
    if result.import_id is not None:
        say(msg.IMPORT_RECORDED.format(id=result.import_id, file=result.file))
    else:
        say(msg.IMPORT_DRY_RUN.format(rows=result.rows))
    if fmt is Format.json:
        emit_json(result.as_json())
    elif fmt is Format.csv:
        emit(fmt, [result.as_json()], [Column("rows", msg.H_ROWS), Column("added", msg.H_ADDED),
                                       Column("skipped", msg.H_SKIPPED)])
    else:
        typer.echo(msg.IMPORT_SUMMARY.format(**result.as_json()))


@app.command()
def report(year: Annotated[str, typer.Option("--year", "-y", help="年度, 如 2019")],
           output: OutputOpt = None, db: DbOpt = None):
    """年度积分报告(积分办法 第十八条), 报年度目标考核领导小组办公室: 各排名组一个工作表
    (名次、单位、积分、较上年、结果), 另附全部积分明细(规则、依据、文号)。--output 指定 .xlsx 或 .json。"""
    from jcdc.model import InputError, parse_year
    from jcdc.report import annual_report

    y = parse_year(year)
    if output is None or output.suffix.lower() not in (".xlsx", ".json"):
        raise InputError(msg.REPORT_NEEDS_XLSX.format(year=y))
    data = annual_report(open_db(db), y)
    if output.suffix.lower() == ".json":
        import json

        output.write_text(json.dumps(data.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        _report_workbook(data, output)
    say(msg.FILE_WRITTEN.format(path=output, rows=len(data.rows) + len(data.entries)))


def _report_workbook(data, path: Path) -> None:
    from jcdc.output import Column, signed_points_cell, write_xlsx

    flagged = sorted({f for r in data.rows for f in r["flags"]}, key=list(msg.FLAG_NOTE).index)
    notes = [msg.RANK_FOOTNOTE, *(msg.FLAG_NOTE[f] for f in flagged)]
    columns = _rank_columns(False)  # rank, name, code, score, delta, flags
    columns.insert(5, Column("change", msg.H_CHANGE, signed_points_cell, justify="right"))
    sheets = [(group, rows, columns, msg.RANK_TITLE_YEAR.format(year=data.year, group=group), notes)
              for group, rows in data.groups().items()]
    entry_columns = [*_entry_columns(data.names), Column("cite", msg.H_CITE), Column("scorer", msg.H_SCORER)]
    sheets.append((msg.REPORT_ENTRIES_SHEET, [e.as_json() for e in data.entries], entry_columns,
                   msg.REPORT_TITLE.format(year=data.year), ()))
    write_xlsx(path, sheets)


# --- integrity: check, close, backup (issue 7) --------------------------------------


def main() -> None:
    app()
