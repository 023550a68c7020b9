"""The command line: wiring and options only. No SQL and no rules here.

Each command opens the ledger, makes one or two calls into the use-case
modules, and renders what they return. A JcdcError becomes one line on stderr
("错误: …") and exit code 1 (refused) or 2 (usage mistake) — never a traceback.
Heavy modules are imported inside the commands that need them: start-up time
is a target (docs/benchmarks.md).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer._click.exceptions import BadParameter, MissingParameter, NoArgsIsHelpError, NoSuchOption, UsageError
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
        except NoArgsIsHelpError:  # `jcdc rules`: the group's help
            raise
        except UsageError as e:  # typer's own words are English; the clerk reads Chinese
            _fail(_usage_message(e), 2)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `jcdc points list | head`: the reader has all it wanted
            # Python's advice: point stdout at devnull so the exit's flush raises nothing.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except UnicodeEncodeError as e:  # bytes the terminal could not decode reach a write
            bad = e.object[e.start:e.end].encode("utf-8", "backslashreplace").decode("ascii")
            _fail(msg.BAD_TEXT_ENCODING.format(text=bad), 2)
        except Exception as e:  # a bug: one line for the clerk, the traceback on request
            if os.environ.get("JCDC_DEBUG") or e.__class__.__module__.startswith(("typer", "click")):
                raise
            _fail(msg.INTERNAL_ERROR.format(kind=type(e).__name__, text=e), 1)


def _usage_message(e: UsageError) -> str:
    """A usage mistake in the clerk's language, naming what was wrong."""
    import difflib

    ctx = e.ctx
    where = msg.USAGE_HINT.format(command=ctx.command_path) if ctx is not None else ""
    param = getattr(e, "param", None)
    hint = param.get_error_hint(ctx) if param is not None and ctx is not None else ""
    if isinstance(e, MissingParameter):
        kind = msg.USAGE_OPTION if getattr(param, "param_type_name", "") == "option" else msg.USAGE_ARGUMENT
        return msg.USAGE_MISSING.format(kind=kind, name=hint) + where
    if isinstance(e, NoSuchOption):
        close = msg.USAGE_DID_YOU_MEAN.format(names="」或「".join(e.possibilities)) if e.possibilities else ""
        return msg.USAGE_NO_OPTION.format(name=e.option_name) + close + where
    if isinstance(e, BadParameter):
        choices = getattr(getattr(param, "type", None), "choices", None)
        if choices:
            return msg.USAGE_BAD_CHOICE.format(name=hint, choices="、".join(map(str, choices))) + where
        if getattr(getattr(param, "type", None), "name", "") in ("int", "integer"):
            return msg.USAGE_NOT_INTEGER.format(name=hint) + where
        return msg.USAGE_BAD_VALUE.format(name=hint, detail=e.message) + where
    unknown = re.match(r"No such command '(.+?)'", e.message)
    if unknown and ctx is not None:
        close = difflib.get_close_matches(unknown.group(1), ctx.command.list_commands(ctx), n=2)
        names = msg.USAGE_DID_YOU_MEAN.format(names="」或「".join(close)) if close else ""
        return msg.USAGE_NO_COMMAND.format(name=unknown.group(1)) + names + where
    return e.format_message() + where


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _fail(text: str, code: int):
    """One line; a control character the clerk's input carried (an ESC, say) is
    shown as its code instead of acting on the terminal."""
    line = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(text.split("\n")))
    sys.stderr.write(msg.ERROR_PREFIX + line + "\n")
    raise typer.Exit(code)


def _typer(help_text: str) -> typer.Typer:
    return typer.Typer(cls=JcdcGroup, help=help_text, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


app = _typer("jcdc — 晋城市政府办公厅督查室 督查台账: 激励积分与排名、责任追究、一网三库、快速处置。")


@app.callback()
def _root():
    """jcdc — 晋城市政府办公厅督查室 督查台账: 激励积分与排名、责任追究、一网三库、快速处置。"""

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


def _unit_columns():
    from jcdc.output import Column

    return [
        Column("code", msg.H_CODE), Column("name", msg.H_NAME, wrap=True),
        Column("category", msg.H_CATEGORY, lambda c: msg.CATEGORY.get(c, c)),
        Column("group", msg.H_GROUP), Column("aliases", msg.H_ALIASES, wrap=True),
        Column("valid_from", msg.H_VALID_FROM), Column("valid_to", msg.H_VALID_TO),
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
    db: DbOpt = None, by: ByOpt = None,
):
    """单位因机构改革撤销或合并: 此后的积分不再记入该单位, 历史排名仍显示它。"""
    from jcdc.model import parse_date
    from jcdc.units import end_unit

    ended = end_unit(open_db(db), unit, parse_date(date), by)
    say(msg.UNIT_ENDED.format(code=ended.code, name=ended.name, date=ended.valid_to))


# --- rules ------------------------------------------------------------------------


def _rule_row(rule) -> dict:
    from jcdc.rules.jifen import escalation_label

    return {
        "code": rule.code, "title": rule.title, "cite": rule.cite,
        "lead": str(rule.lead) if rule.lead else (escalation_label() if rule.escalates else None),
        "coop": str(rule.coop) if rule.coop else None,
        "per": rule.per.value, "scorer": rule.scorer, "text": rule.text,
    }


def _rule_columns():
    from jcdc.output import Column
    from jcdc.rules.jifen import PER_LABEL, Per

    return [
        Column("code", msg.H_RULE), Column("title", msg.H_TITLE, wrap=True),
        Column("lead", msg.H_LEAD, justify="right"), Column("coop", msg.H_COOP, justify="right"),
        Column("per", msg.H_PER, lambda p: PER_LABEL[Per(p)], wrap=True),
        Column("scorer", msg.H_SCORER, wrap=True), Column("cite", msg.H_CITE, wrap=True),
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
    if q:
        from jcdc.closing import closed

        closing = closed(store).get(q)
        if closing is not None:
            say(msg.RANK_CLOSED.format(quarter=q.label, at=closing["recorded_at"], by=closing["recorded_by"]))
    rows = ranking.quarterly(store, q, group) if q else ranking.annual(store, y, group)
    json_rows = [r.as_json() for r in rows]
    flagged = sorted({f.value for r in rows for f in r.flags}, key=list(msg.FLAG_NOTE).index)
    caption = "\n".join([msg.RANK_FOOTNOTE, *(msg.FLAG_NOTE[f] for f in flagged)])
    title = ((lambda g: msg.RANK_TITLE_QUARTER.format(quarter=q.label, group=g)) if q
             else (lambda g: msg.RANK_TITLE_YEAR.format(year=y, group=g)))
    flat_title = (msg.RANK_SHEET_QUARTER.format(quarter=q.label) if q
                  else msg.RANK_SHEET_YEAR.format(year=y))
    emit_grouped(fmt, json_rows, _rank_columns(q is not None), "group", title, caption,
                 empty=msg.RANK_EMPTY, output=output, flat_title=flat_title)


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

case_app = _typer("责任追究案件(追究办法): 立案、第九条程序的每一步、复核与申诉、查询。案件记录只增不改。")
app.add_typer(case_app, name="case")

CaseArg = Annotated[str, typer.Argument(metavar="ID", help="案件编号, 如 2019-001")]
ActorOpt = Annotated[Optional[str], typer.Option(
    "--by", help="办理这一步的单位(记录人取环境变量 JCDC_USER 或操作系统用户名)")]
CaseDateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="这一步的日期; 默认为今天")]
DocOpt = Annotated[Optional[str], typer.Option("--doc", help="文件或文号")]
NoteOpt = Annotated[Optional[str], typer.Option("--note", help="备注")]
ReasonOpt = Annotated[Optional[str], typer.Option("--reason", help="理由(必填)")]


def _case_day(text: str | None):
    from jcdc.model import parse_date

    return parse_date(text) if text else None


def _sanction_cell(sanctions) -> str:
    from jcdc.rules.zhuijiu import Sanction

    return "; ".join(Sanction(**s).label for s in sanctions or ())


def _persons_cell(persons) -> str:
    return "、".join(f"{p['name']}({p['post']})" for p in persons or ())


def _case_columns():
    from jcdc.output import Column

    return [
        Column("id", msg.H_CASE), Column("opened", msg.H_CASE_OPENED), Column("unit_name", msg.H_UNIT, wrap=True),
        Column("trigger", msg.H_TRIGGER, lambda t: msg.CASE_TRIGGER[t], wrap=True),
        Column("state", msg.H_STATE, lambda s: msg.CASE_STATE[s]),
        Column("direct", msg.H_DIRECT, lambda d: msg.CASE_DIRECT_MARK if d else ""),
        Column("persons", msg.H_PERSONS, _persons_cell, wrap=True),
        Column("sanctions", msg.H_SANCTIONS, _sanction_cell, wrap=True),
    ]


def _step_detail(step: dict) -> str:
    """What a step decided, in one cell: the opinion, the persons named, the notice, the result."""
    parts = [_sanction_cell(step["sanctions"]), _persons_cell(step["persons"]),
             step["coordinated_with"], step["procedure"],
             msg.CASE_SCOPE.get(step["scope"]), msg.CASE_OUTCOME.get(step["outcome"])]
    return "; ".join(p for p in parts if p)


def _history_columns():
    from jcdc.output import Column

    return [
        Column("date", msg.H_DATE), Column("action", msg.H_ACTION, lambda a: msg.CASE_ACTION[a], wrap=True),
        Column("to", msg.H_TO, lambda s: msg.CASE_STATE[s], wrap=True),
        Column("by", msg.H_ACTOR, wrap=True), Column("doc", msg.H_DOC, wrap=True),
        Column("detail", msg.H_VALUE, wrap=True), Column("note", msg.H_NOTE, wrap=True),
        Column("reason", msg.H_CASE_REASON, wrap=True),
    ]


@case_app.command("open")
def case_open(
    unit: UnitOpt = None,
    person: Annotated[Optional[list[str]], typer.Option(
        "--person", help="当事人 姓名:职务, 可多次给出")] = None,
    trigger: Annotated[Optional[str], typer.Option("--trigger", "-t", help=(
        "追责情形(追究办法 第五条): inaction(一)、13710-overdue(二)、misconduct(三)、obstruct(四)、"
        "bottom-two(五, 用 --from-rank)、other(六)"))] = None,
    summary: Annotated[Optional[str], typer.Option("--summary", help="问题线索摘要")] = None,
    date: CaseDateOpt = None,
    direct: Annotated[bool, typer.Option(
        "--direct", help="事实清楚、证据确凿, 不进行核查, 直接转交处理(追究办法 第十条)")] = False,
    reason: Annotated[Optional[str], typer.Option("--reason", help="--direct 的理由(必填)")] = None,
    matter: Annotated[Optional[str], typer.Option("--matter", "-m", help="相关的 13710 事项编号")] = None,
    from_rank: Annotated[Optional[str], typer.Option(
        "--from-rank", help="依据该年度排名的追责候选逐个立案(积分办法 第十七条)")] = None,
    doc: DocOpt = None, note: NoteOpt = None, by: ActorOpt = None, db: DbOpt = None,
):
    """立案: 督查室将问题线索移交主管部门并提出问责建议(追究办法 第九条(一)), 输出案件编号。"""
    from jcdc import cases
    from jcdc.model import InputError, parse_year
    from jcdc.rules.zhuijiu import TRIGGER_CITE, parse_trigger

    store = open_db(db)
    if from_rank:
        if unit or trigger or summary or person or matter or direct:
            raise InputError(msg.CASE_FROM_RANK_ALONE)
        year = parse_year(from_rank)
        opened = cases.open_from_rank(store, year, _case_day(date), by, doc)
        for case in opened:
            typer.echo(case.id)
        say(msg.CASE_FROM_RANK_DONE.format(year=year, count=len(opened)))
        return
    if not (unit and trigger and summary):
        raise InputError(msg.CASE_OPEN_NEEDS)
    case = cases.open_case(store, cases.Opening(
        unit, parse_trigger(trigger), summary, _case_day(date), tuple(person or ()), direct, reason, matter,
        doc, note, by))
    typer.echo(case.id)
    say(msg.CASE_OPENED.format(id=case.id, unit=case.unit_name, trigger=msg.CASE_TRIGGER[case.trigger.value],
                               cite=TRIGGER_CITE[case.trigger], state=msg.CASE_STATE[case.state.value]))


@case_app.command("candidates")
def case_candidates(year: Annotated[str, typer.Option("--year", "-y", help="年度, 如 2019")],
                    fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """追责候选: 年度排名标出的连续2年倒数后2位(第五条(五)), 及进入重点督办的 13710 事项(第五条(二)), 尚未立案者。"""
    from jcdc import cases
    from jcdc.model import parse_year
    from jcdc.output import Column, emit, points_cell

    y = parse_year(year)
    rows = [c.as_json() for c in cases.candidates(open_db(db), y)]
    columns = [
        Column("trigger", msg.H_TRIGGER, lambda t: msg.CASE_TRIGGER[t], wrap=True),
        Column("name", msg.H_UNIT, wrap=True), Column("unit", msg.H_CODE), Column("group", msg.H_GROUP),
        Column("score", msg.H_SCORE, points_cell, justify="right"),
        Column("rank", msg.H_RANK, justify="right"),
        Column("previous_score", msg.H_PREV_SCORE, points_cell, justify="right"),
        Column("previous_rank", msg.H_PREV_RANK, justify="right"),
        Column("matter", msg.H_MATTER), Column("entry", msg.H_ENTRY, justify="right"),
        Column("date", msg.H_DATE), Column("cite", msg.H_CITE, wrap=True),
    ]
    emit(fmt, rows, columns, msg.CANDIDATES_TITLE.format(year=y), empty=msg.CANDIDATES_NONE.format(year=y),
         output=output)


def _record_move(action: str, case_id: str, by: str | None, date: str | None, doc: str | None,
                 note: str | None, db: Path | None, **fields) -> None:
    from jcdc import cases
    from jcdc.rules.zhuijiu import Action

    before, after = cases.move(open_db(db), case_id, cases.Move(
        Action(action), by, _case_day(date), doc, note, **fields))
    say(msg.CASE_MOVED.format(id=after.id, action=msg.CASE_ACTION[action],
                              before=msg.CASE_STATE[before.state.value],
                              after=msg.CASE_STATE[after.state.value]))


def _plain_move(action: str, help_text: str) -> None:
    def command(case_id: CaseArg, by: ActorOpt = None, doc: DocOpt = None, date: CaseDateOpt = None,
                note: NoteOpt = None, db: DbOpt = None):
        _record_move(action, case_id, by, date, doc, note, db)

    case_app.command(action, help=help_text)(command)


def _reasoned_move(action: str, help_text: str) -> None:
    def command(case_id: CaseArg, reason: ReasonOpt = None, by: ActorOpt = None, doc: DocOpt = None,
                date: CaseDateOpt = None, note: NoteOpt = None, db: DbOpt = None):
        _record_move(action, case_id, by, date, doc, note, db, reason=reason)

    case_app.command(action, help=help_text)(command)


@case_app.command("verify")
def case_verify(
    case_id: CaseArg,
    person: Annotated[Optional[list[str]], typer.Option(
        "--person", help="核查认定的拟问责人员 姓名:职务, 可多次给出")] = None,
    by: ActorOpt = None, doc: DocOpt = None, date: CaseDateOpt = None, note: NoteOpt = None, db: DbOpt = None,
):
    """主管部门核查, 形成核查报告转送下级政府或部门并抄送督查室(追究办法 第九条(一))。"""
    _record_move("verify", case_id, by, date, doc, note, db, persons=tuple(person or ()))


_reasoned_move("dismiss", "核查认定不存在应问责的问题, 撤案(追究办法 第九条(一)); 须 --reason。")


@case_app.command("propose")
def case_propose(
    case_id: CaseArg,
    sanction: Annotated[Optional[list[str]], typer.Option("--sanction", "-s", help=(
        "问责方式, 可多次给出(第八条): unit:检查、unit:通报(第六条); 姓名:检查、姓名:通报、姓名:诫勉、"
        "姓名:组织调整:停职检查|调整职务|责令辞职|降职|免职、姓名:纪律处分(第七条)"))] = None,
    coordinated_with: Annotated[Optional[str], typer.Option(
        "--coordinated-with", help="诫勉、组织调整或组织处理: 同级党委、纪委、党的工作部门的意见")] = None,
    procedure: Annotated[Optional[str], typer.Option(
        "--procedure", help="纪律处分: 所依照的党纪处分或政务处分程序")] = None,
    by: ActorOpt = None, doc: DocOpt = None, date: CaseDateOpt = None, note: NoteOpt = None, db: DbOpt = None,
):
    """相关政府或部门提出问责处理意见(追究办法 第九条(二)); 退回后重新提出亦用此命令。"""
    _record_move("propose", case_id, by, date, doc, note, db, sanctions=tuple(sanction or ()),
                 coordinated_with=coordinated_with, procedure=procedure)


_plain_move("review", "主管部门审核问责处理意见, 报送督查室(追究办法 第九条(三))。")
_plain_move("confirm", "督查室复核同意, 转有关政府或部门执行(追究办法 第九条(三))。")
_reasoned_move("return", "督查室复核认为处理意见不当, 退回重新提出(追究办法 第九条(三)); 须 --reason。")
_plain_move("execute", "有关政府或部门实施问责, 结果报送督查室(追究办法 第九条(四))。")


@case_app.command("publish")
def case_publish(
    case_id: CaseArg,
    scope: Annotated[Optional[str], typer.Option("--scope", help="internal(内部通报) 或 public(公开通报)")] = None,
    by: ActorOpt = None, doc: DocOpt = None, date: CaseDateOpt = None, note: NoteOpt = None, db: DbOpt = None,
):
    """结果应用: 抄送同级党委组织部门, 内部或公开通报, 结案(追究办法 第九条(五))。"""
    from jcdc.rules.zhuijiu import parse_scope

    _record_move("publish", case_id, by, date, doc, note, db, scope=parse_scope(scope) if scope else None)


@case_app.command("appeal")
def case_appeal(
    case_id: CaseArg,
    by: Annotated[Optional[str], typer.Option("--by", help="申请复核或申诉的单位或人员")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="申请或申诉的内容")] = None,
    date: CaseDateOpt = None, doc: DocOpt = None, db: DbOpt = None,
):
    """受问责的单位或人员申请复核或提起申诉(追究办法 第九条(二)); 问责处理不因此停止执行。"""
    from jcdc import cases

    case = cases.appeal(open_db(db), case_id, by, text, _case_day(date), doc)
    say(msg.CASE_APPEALED.format(id=case.id, action=msg.CASE_ACTION["appeal"]))


@case_app.command("appeal-result")
def case_appeal_result(
    case_id: CaseArg,
    upheld: Annotated[bool, typer.Option("--upheld", help="维持原问责处理")] = False,
    changed: Annotated[bool, typer.Option("--changed", help="变更原问责处理")] = False,
    text: Annotated[Optional[str], typer.Option("--text", help="复核或申诉结果")] = None,
    by: ActorOpt = None, date: CaseDateOpt = None, doc: DocOpt = None, db: DbOpt = None,
):
    """记录复核或申诉的结果: --upheld 维持 或 --changed 变更(追究办法 第九条(二))。"""
    from jcdc import cases
    from jcdc.model import InputError

    if upheld == changed:
        raise InputError(msg.CASE_OUTCOME_ONE)
    case = cases.appeal_result(open_db(db), case_id, "upheld" if upheld else "changed", text, _case_day(date),
                               by, doc)
    say(msg.CASE_APPEALED.format(id=case.id, action=msg.CASE_ACTION["appeal-result"]))


@case_app.command("show")
def case_show(case_id: CaseArg, fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """一个案件: 当事人、问责方式, 及其全部办理经过。"""
    from jcdc import cases
    from jcdc.output import Column, emit, emit_json, emit_table

    case = cases.get(open_db(db), case_id).as_json()
    if fmt is Format.json and output is None:
        emit_json(case)
        return
    if fmt is Format.table and output is None:
        fields = [(msg.H_CASE, case["id"]), (msg.H_UNIT, case["unit_name"]),
                  (msg.H_TRIGGER, f"{msg.CASE_TRIGGER[case['trigger']]}({case['cite']})"),
                  (msg.H_STATE, msg.CASE_STATE[case["state"]]), (msg.H_SUMMARY, case["summary"]),
                  (msg.H_PERSONS, _persons_cell(case["persons"])),
                  (msg.H_SANCTIONS, _sanction_cell(case["sanctions"]))]
        emit_table([{"field": k, "value": v} for k, v in fields],
                   [Column("field", msg.H_FIELD), Column("value", msg.H_VALUE, wrap=True)])
    steps = [{**step, "detail": _step_detail(step)} for step in case["history"]]
    emit(fmt, steps, _history_columns(), msg.CASE_HISTORY_TITLE, output=output)


@case_app.command("list")
def case_list(
    state: Annotated[Optional[str], typer.Option("--state", help="案件状态, 如 open、confirmed、closed")] = None,
    year: YearOpt = None, unit: UnitOpt = None,
    public: Annotated[bool, typer.Option(
        "--public", help="只列出以 --scope public 公开通报结案的案件(当事人姓名属个人信息)")] = False,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None,
):
    """列出案件, 可按状态、立案年度、单位筛选。"""
    from jcdc import cases
    from jcdc.model import parse_year
    from jcdc.output import emit
    from jcdc.rules.zhuijiu import parse_state

    found = cases.list_cases(open_db(db), parse_state(state) if state else None,
                             parse_year(year) if year else None, unit, public)
    emit(fmt, [c.as_json() for c in found], _case_columns(),
         msg.CASES_PUBLIC_TITLE if public else msg.CASES_TITLE, empty=msg.CASES_NONE, output=output)


# --- inspector pools, tasks and draws (issue 5) ---------------------------------------

inspector_app = _typer("一网三库督查人员(三库办法 第二、五条): 登记、导入、变更、调出、按日期列出。")
task_app = _typer("督查任务与督查报告(三库办法 第三、十四条)。")
draw_app = _typer("抽取督查组(三库办法 第七、九、十一条): 可复核的随机抽取、同意与递补。")
app.add_typer(inspector_app, name="inspector")
app.add_typer(task_app, name="task")
app.add_typer(draw_app, name="draw")

PoolOpt = Annotated[Optional[str], typer.Option("--pool", "-p", help="full(专职)、part(兼职) 或 invited(特邀)")]
TaskArg = Annotated[str, typer.Argument(metavar="TASK", help="任务编号或完整名称")]
DrawArg = Annotated[int, typer.Argument(metavar="DRAW", help="抽取记录编号")]
InspectorArg = Annotated[int, typer.Argument(metavar="INSPECTOR", help="督查人员编号")]
TeamOpt = Annotated[str, typer.Option("--team", "-t", help="督查组名称, 如 第一组")]


def _inspector_rows(inspectors) -> list[dict]:
    return [{"id": i.id, "name": i.name, "pool": i.pool.value, "unit": i.unit, "region": i.region,
             "expertise": list(i.expertise), "phone": i.phone, "since": i.since.isoformat()}
            for i in inspectors]


def _inspector_columns(names: dict[str, str]):
    from jcdc.output import Column

    return [Column("id", msg.H_ID, justify="right"), Column("name", msg.H_NAME),
            Column("pool", msg.H_POOL, lambda p: msg.POOL.get(p, p)),
            Column("unit", msg.H_UNIT, lambda c: names.get(c, c), wrap=True),
            Column("region", msg.H_REGION, lambda c: names.get(c, c)),
            Column("expertise", msg.H_EXPERTISE, wrap=True), Column("phone", msg.H_PHONE),
            Column("since", msg.H_SINCE)]


def _unit_names(store) -> dict[str, str]:
    return {u.code: u.name for u in store.units()}


def _change(name, pool, unit, region, expertise, phone):
    from jcdc.pools import InspectorChange, parse_pool

    return InspectorChange(name=name, pool=parse_pool(pool) if pool else None, unit=unit, region=region,
                           expertise=tuple(expertise) if expertise else None, phone=phone)


RegionOpt = Annotated[Optional[str], typer.Option(
    "--region", help="所属县(市、区)或开发区; 市级单位为 市本级(默认随单位)")]
ExpertiseOpt = Annotated[Optional[list[str]], typer.Option("--expertise", help="专长, 可多次给出")]
PhoneOpt = Annotated[Optional[str], typer.Option("--phone", help="联系电话")]


@inspector_app.command("add")
def inspector_add(
    name: Annotated[str, typer.Argument(help="姓名")],
    pool: Annotated[str, typer.Option("--pool", "-p", help="full(专职)、part(兼职) 或 invited(特邀)")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="所在单位: 代码、全称或简称")],
    region: RegionOpt = None, expertise: ExpertiseOpt = None, phone: PhoneOpt = None,
    since: Annotated[Optional[str], typer.Option("--since", help="入库日期; 默认今天")] = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """登记一名督查人员(三库办法 第五条)。"""
    from jcdc.model import parse_date
    from jcdc.pools import add_inspector

    store = open_db(db)
    ins = add_inspector(store, _change(name, pool, unit, region, expertise, phone),
                        parse_date(since) if since else None, by)
    names = _unit_names(store)
    say(msg.INSPECTOR_ADDED.format(id=ins.id, name=ins.name, pool=msg.POOL[ins.pool.value],
                                   unit=names[ins.unit], region=names.get(ins.region, ins.region),
                                   since=ins.since))
    typer.echo(ins.id)


@inspector_app.command("import")
def inspector_import(
    file: Annotated[Path, typer.Argument(help="CSV: 姓名,库,单位[,地区][,专长][,电话][,起始日期], 或英文列名")],
    db: DbOpt = None, by: ByOpt = None,
):
    """从 CSV 文件导入督查人员(UTF-8 或 GB18030), 全部成功或全部不导入。"""
    from jcdc.pools import import_inspectors
    from jcdc.units import read_units_file

    added = import_inspectors(open_db(db), read_units_file(file), by)
    say(msg.INSPECTORS_IMPORTED.format(count=len(added)))


@inspector_app.command("list")
def inspector_list(pool: PoolOpt = None,
                   on: Annotated[Optional[str], typer.Option("--on", help="列出该日在库的人员; 默认今天")] = None,
                   fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """列出某日在库的督查人员(三库办法 第五条 动态管理)。"""
    from jcdc.model import parse_date
    from jcdc.output import emit
    from jcdc.pools import list_inspectors, parse_pool

    store = open_db(db)
    day = parse_date(on) if on else None
    inspectors = list_inspectors(store, parse_pool(pool) if pool else None, day)
    emit(fmt, _inspector_rows(inspectors), _inspector_columns(_unit_names(store)),
         msg.INSPECTORS_TITLE.format(date=day or msg.TODAY), empty=msg.INSPECTORS_NONE, output=output)


@inspector_app.command("update")
def inspector_update(
    inspector: InspectorArg,
    since: Annotated[str, typer.Option("--since", help="变更生效日期")],
    name: Annotated[Optional[str], typer.Option("--name", help="姓名")] = None,
    pool: PoolOpt = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help="所在单位")] = None,
    region: RegionOpt = None, expertise: ExpertiseOpt = None, phone: PhoneOpt = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """变更督查人员信息(人事变动), 自 --since 起生效; 此前的抽取仍按原信息复核。"""
    from jcdc.model import parse_date
    from jcdc.pools import update_inspector

    ins = update_inspector(open_db(db), inspector, _change(name, pool, unit, region, expertise, phone),
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
    from jcdc.model import parse_date
    from jcdc.pools import retire_inspector

    ins = retire_inspector(open_db(db), inspector, parse_date(date), reason, by)
    say(msg.INSPECTOR_RETIRED_OK.format(id=ins.id, name=ins.name, date=ins.since, reason=ins.reason))


@task_app.command("add")
def task_add(
    name: Annotated[str, typer.Argument(help="任务名称")],
    kind: Annotated[str, typer.Option("--kind", "-k", help="special(专项督查)、major(大督查) 或 assigned(领导交办)")],
    start: Annotated[str, typer.Option("--start", help="开始日期")],
    end: Annotated[str, typer.Option("--end", help="结束日期")],
    db: DbOpt = None, by: ByOpt = None,
):
    """登记一项督查任务, 输出任务编号。"""
    from jcdc.model import parse_date
    from jcdc.pools import add_task, parse_kind
    from jcdc.rules.sanku import report_due

    task = add_task(open_db(db), name, parse_kind(kind), parse_date(start), parse_date(end), by)
    say(msg.TASK_ADDED.format(id=task.id, name=task.name, kind=msg.TASK_KIND[task.kind.value],
                              start=task.start, end=task.end, due=report_due(task.end)))
    typer.echo(task.id)


@task_app.command("list")
def task_list(fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """列出督查任务。"""
    from jcdc.output import Column, emit
    from jcdc.pools import tasks
    from jcdc.rules.sanku import report_due

    rows = [{"id": t.id, "name": t.name, "kind": t.kind.value, "start": t.start.isoformat(),
             "end": t.end.isoformat(), "report_due": report_due(t.end).isoformat()}
            for t in tasks(open_db(db))]
    columns = [Column("id", msg.H_ID, justify="right"), Column("name", msg.H_TASK, wrap=True),
               Column("kind", msg.H_KIND, lambda k: msg.TASK_KIND.get(k, k)),
               Column("start", msg.H_START), Column("end", msg.H_END), Column("report_due", msg.H_REPORT_DUE)]
    emit(fmt, rows, columns, msg.TASKS_TITLE, empty=msg.TASKS_NONE, output=output)


def _member_cell(members) -> str:
    return "、".join(f"{m['name']}({msg.POOL[m['pool']]}, {msg.STATUS[m['status']]})" for m in members)


@task_app.command("show")
def task_show(task: TaskArg, fmt: FormatOpt = Format.table, db: DbOpt = None):
    """任务的督查组、成员、报告状态与逾期情况(三库办法 第十四条)。"""
    from jcdc.output import Column, emit, emit_json
    from jcdc.pools import task_view

    store = open_db(db)
    view = task_view(store, task)
    if fmt is Format.json:
        emit_json(view)
        return
    names = _unit_names(store)
    rows = [{**t, "status": t["report"]["status"], "date": t["report"]["date"],
             "days_late": t["report"]["days_late"]} for t in view["teams"]]
    columns = [Column("team", msg.H_TEAM), Column("draw", msg.H_ID, justify="right"),
               Column("targets", msg.H_TARGETS, lambda ts: "、".join(names.get(c, c) for c in ts), wrap=True),
               Column("members", msg.H_MEMBERS, _member_cell, wrap=True),
               Column("status", msg.H_REPORT, lambda s: msg.REPORT_STATUS[s]), Column("date", msg.H_DATE),
               Column("days_late", msg.H_LATE, justify="right")]
    title = msg.TASK_TEAMS_TITLE.format(id=view["id"], name=view["name"], kind=msg.TASK_KIND[view["kind"]],
                                        start=view["start"], end=view["end"], due=view["report_due"])
    emit(fmt, rows, columns, title, empty=msg.TASK_NO_TEAMS)


@task_app.command("report")
def task_report(
    task: TaskArg, team: TeamOpt,
    date: Annotated[str, typer.Option("--date", "-d", help="报送日期")],
    problems: Annotated[Optional[Path], typer.Option("--problems", help="问题事项清单文件")] = None,
    typical: Annotated[Optional[Path], typer.Option("--typical", help="不落实典型事项清单文件")] = None,
    db: DbOpt = None, by: ByOpt = None,
):
    """登记督查组的督查报告及所附清单; 应于任务结束后3日内报送(三库办法 第十四条)。"""
    from jcdc.model import parse_date
    from jcdc.pools import submit_report
    from jcdc.rules.sanku import days_late, report_due
    from jcdc.units import read_units_file

    day = parse_date(date)
    found = submit_report(open_db(db), task, team, day, read_units_file(problems) if problems else None,
                          read_units_file(typical) if typical else None, by)
    late = days_late(found.end, day, day)
    say(msg.REPORT_SUBMITTED.format(team=team, date=day, due=report_due(found.end),
                                    late=msg.REPORT_LATE.format(days=late) if late else ""))


@task_app.command("return-report")
def task_return_report(task: TaskArg, team: TeamOpt,
                       reason: Annotated[str, typer.Option("--reason", help="退回原因(必填)")],
                       db: DbOpt = None, by: ByOpt = None):
    """退回督查报告, 要求补充督查或重新报送(三库办法 第十四条)。"""
    from jcdc.pools import return_report

    return_report(open_db(db), task, team, reason, by)
    say(msg.REPORT_RETURNED.format(team=team, reason=reason.strip()))


def _show_draw(store, draw_id: int, fmt: Format) -> None:
    from jcdc.output import Column, emit, emit_json, emit_table
    from jcdc.pools import draw_view

    view = draw_view(store, draw_id)
    if fmt is Format.json:
        emit_json(view)
        return
    columns = [Column("inspector", msg.H_INSPECTOR, justify="right"), Column("name", msg.H_NAME),
               Column("pool", msg.H_POOL, lambda p: msg.POOL[p]),
               Column("status", msg.H_MEMBER_STATUS, lambda s: msg.STATUS[s])]
    title = msg.DRAW_MEMBERS_TITLE.format(id=view["id"], task=view["task_name"], team=view["team"])
    if fmt is Format.table:
        say(msg.DRAW_INPUTS.format(seed=view["seed"], algorithm=view["algorithm"],
                                   roster_hash=view["roster_hash"]))
    emit(fmt, view["members"], columns, title)
    if fmt is Format.table and view["excluded"]:
        emit_table(view["excluded"], [Column("inspector", msg.H_INSPECTOR, justify="right"),
                                      Column("name", msg.H_NAME),
                                      Column("reason", msg.H_REASON, lambda r: msg.EXCLUSION[r], wrap=True)],
                   msg.DRAW_EXCLUDED_TITLE)


@draw_app.command("run")
def draw_run(
    task: TaskArg, team: TeamOpt,
    target: Annotated[list[str], typer.Option("--target", help="被督查单位, 可多次给出")],
    full: Annotated[Optional[int], typer.Option("--full", min=0, help="专职人数; 默认 3")] = None,
    part: Annotated[Optional[int], typer.Option("--part", min=0, help="兼职人数; 默认 2")] = None,
    invited: Annotated[Optional[int], typer.Option("--invited", min=0, help="特邀人数; 默认 2")] = None,
    attendant: Annotated[Optional[list[str]], typer.Option("--attendant", help="随行人员(含专职司机)")] = None,
    seed: Annotated[Optional[str], typer.Option("--seed", help="随机种子, 如事先公布的彩票开奖号码; 默认由操作系统生成")] = None,
    override_reason: Annotated[Optional[str], typer.Option("--override-reason", help="超出第九条限额或大督查方案的理由")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """抽取一个督查组: 回避本单位与本县区(第七条), 近12个月抽取少者机会大, 结果可复核。"""
    from jcdc.pools import run_draw
    from jcdc.rules.sanku import Pool

    store = open_db(db)
    draw_id = run_draw(store, task, team, target, {Pool.FULL: full, Pool.PART: part, Pool.INVITED: invited},
                       attendant or (), seed, override_reason, by)
    if fmt is Format.table:
        say(msg.DRAW_DONE.format(id=draw_id, seed=msg.DRAW_SEED_GIVEN if seed else msg.DRAW_SEED_OS))
    _show_draw(store, draw_id, fmt)


@draw_app.command("list")
def draw_list(task: Annotated[Optional[str], typer.Option("--task", help="任务编号或完整名称")] = None,
              fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """列出抽取记录。"""
    from jcdc.output import Column, emit
    from jcdc.pools import list_draws

    store = open_db(db)
    names = _unit_names(store)
    columns = [Column("id", msg.H_ID, justify="right"), Column("task_name", msg.H_TASK, wrap=True),
               Column("team", msg.H_TEAM),
               Column("targets", msg.H_TARGETS, lambda ts: "、".join(names.get(c, c) for c in ts), wrap=True),
               Column("members", msg.H_MEMBERS, wrap=True), Column("seed", msg.H_SEED)]
    emit(fmt, list_draws(store, task), columns, msg.DRAWS_TITLE, empty=msg.DRAWS_NONE, output=output)


@draw_app.command("show")
def draw_show(draw: DrawArg, fmt: FormatOpt = Format.table, db: DbOpt = None):
    """一次抽取的全部记录: 种子、名册哈希、成员及状态、回避与排除。"""
    _show_draw(open_db(db), draw, fmt)


def _say_change(store, draw: int, inspector: int, change) -> None:
    from jcdc.pools import draw_view

    say(msg.MEMBER_CHANGED.format(inspector=inspector, status=msg.STATUS[change.status.value]))
    if change.entry is not None:
        say(msg.OBSTRUCT_ENTRY.format(entry=change.entry))
    if change.newcomer is not None:
        name = next(m["name"] for m in draw_view(store, draw)["members"] if m["inspector"] == change.newcomer)
        say(msg.REFILLED.format(newcomer=change.newcomer, name=name))
    elif change.status.value in ("declined", "failed"):
        say(msg.NO_REFILL)


@draw_app.command("consent")
def draw_consent(
    draw: DrawArg, inspector: InspectorArg,
    yes: Annotated[bool, typer.Option("--yes/--no", help="本人或所在单位同意(--yes)或谢绝(--no)")],
    db: DbOpt = None, by: ByOpt = None,
):
    """兼职、特邀人员同意或谢绝(三库办法 第十一条); 谢绝的席位按记录的顺序递补。"""
    from jcdc.pools import consent

    store = open_db(db)
    _say_change(store, draw, inspector, consent(store, draw, inspector, yes, by))


@draw_app.command("fail")
def draw_fail(
    draw: DrawArg, inspector: InspectorArg,
    reason: Annotated[str, typer.Option("--reason", help="未完成任务的情况(必填)")],
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="事件日期, 决定扣分计入的季度; 默认今天")] = None,
    replace_only: Annotated[bool, typer.Option("--replace-only", help="只调换人员, 不对所在单位减分")] = False,
    db: DbOpt = None, by: ByOpt = None,
):
    """成员未按要求完成督查任务: 递补, 并对所在单位记 obstruct(三库办法 第六条)。"""
    from jcdc.model import parse_date
    from jcdc.pools import fail

    store = open_db(db)
    change = fail(store, draw, inspector, reason, parse_date(date) if date else None, replace_only, by)
    _say_change(store, draw, inspector, change)


@draw_app.command("verify")
def draw_verify(draw: DrawArg, db: DbOpt = None):
    """由记录重新计算抽取结果并与记录比对; 不一致时退出码为 1(docs/draw.md)。"""
    from jcdc.model import JcdcError
    from jcdc.pools import get_draw, verify

    store = open_db(db)
    problems = verify(store, draw)
    if problems:
        raise JcdcError(msg.VERIFY_FAILED.format(id=draw, problems="; ".join(problems)))
    say(msg.VERIFY_OK.format(id=draw, roster_hash=get_draw(store, draw).roster_hash))



# --- 13710 matters, rectification items, deadlines (issue 6) ------------------------

matter_app = _typer("13710 督办事项: 立项、节点、报送、催办、退回、办结; 积分由规则自动记录(积分办法 第十一、十二条(三))。")
fix_app = _typer("整改事项(快速处置 二): 登记、延期、进展、到位。")
app.add_typer(matter_app, name="matter")
app.add_typer(fix_app, name="fix")

MatterArg = Annotated[str, typer.Argument(metavar="ID", help="13710 系统事项编号, 如 2019-0456")]
FixArg = Annotated[int, typer.Argument(metavar="ID", help="整改事项编号(jcdc fix list)")]
DateOpt = Annotated[str, typer.Option("--date", "-d", help="日期")]
OnOpt = Annotated[Optional[str], typer.Option("--on", help="日期; 默认今天")]


def _names(store) -> dict[str, str]:
    return {u.code: u.name for u in store.units()}


def _day(text: str | None):
    """--on/--date D, else today."""
    from jcdc.model import parse_date
    from jcdc.session import today

    return parse_date(text) if text else today()


def _matter_event_done(store, event, fmt: Format) -> None:
    from jcdc.matters import event_json
    from jcdc.model import fmt_points
    from jcdc.output import emit_json
    from jcdc.rules.xitong13710 import KEY_RULE, KEY_SUPERVISION_CITE

    if fmt is Format.json:
        emit_json(event_json(event))
        return
    made = [store.entry(i) for i in event.entries]
    listed = "、".join(msg.ENTRY_BRIEF.format(id=e.id, rule=e.rule, points=fmt_points(e.points, signed=True))
                      for e in made)
    say(msg.MATTER_EVENT.format(matter=event.matter, kind=msg.MATTER_EVENT_KIND[event.kind], event=event.id,
                                entries=msg.MATTER_EVENT_ENTRIES.format(entries=listed) if made else ""))
    if any(e.rule == KEY_RULE for e in made):
        say(msg.MATTER_KEY.format(matter=event.matter, days=event.days_late, cite=KEY_SUPERVISION_CITE))


def _matter_columns(names: dict[str, str]):
    from jcdc.output import Column

    return [
        Column("id", msg.H_MATTER), Column("title", msg.H_TITLE, wrap=True),
        Column("lead", msg.H_LEAD_UNIT, lambda c: names.get(c, c), wrap=True),
        Column("opened", msg.H_OPENED), Column("class", msg.H_CLASS, lambda c: msg.MATTER_CLASS[c]),
        Column("state", msg.H_STATE, lambda s: msg.MATTER_STATE[s]), Column("next_due", msg.H_DUE),
        Column("rating", msg.H_RATING),
    ]


def _show_matter(store, v, fmt: Format, output: Path | None = None) -> None:
    from jcdc.output import Column, emit, emit_json, emit_table

    entries = store.entries(matter=v.matter.id)
    data = {**v.as_json(), "entries": [e.as_json() for e in entries]}
    if fmt is Format.json:
        emit_json(data)
        return
    names = _names(store)
    if fmt is Format.csv or output is not None:
        emit(fmt, [data], _matter_columns(names), output=output)
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
        _show_entries(store, entries, fmt, msg.MATTER_ENTRIES_TITLE.format(matter=v.matter.id))


@matter_app.command("add")
def matter_add(
    matter_id: MatterArg,
    title: Annotated[str, typer.Option("--title", "-t", help="事项名称")],
    lead: Annotated[str, typer.Option("--lead", help="牵头(承办)单位: 代码、全称或简称")],
    opened: Annotated[str, typer.Option("--opened", help="立项日期; 节点从次日起算")],
    coop: Annotated[Optional[list[str]], typer.Option("--coop", help="配合单位, 可多次给出")] = None,
    cls: Annotated[str, typer.Option("--class", help="general(一般事项, 7天办结) 或 major(重大复杂, 30天办结)")] = "general",
    passive: Annotated[bool, typer.Option("--passive", help="被动纳入: 不记 13710-item 加分(积分办法 第十一条(三))")] = False,
    fmt: FormatOpt = Format.table, db: DbOpt = None,
    by: Annotated[Optional[str], typer.Option(
        "--by", help="立项主体: 为承办单位评分(积分办法 第十六条); 默认「立项主体」。"
                     "记录人取 JCDC_USER 或操作系统用户名")] = None,
):
    """13710 事项立项: 记录事项及其节点(1天部署、3天报告进展、7或30天办结), 非被动纳入的记 +0.5。"""
    from jcdc.matters import add_matter, parse_class
    from jcdc.model import parse_date

    store = open_db(db)
    v = add_matter(store, matter_id, title, lead, coop or [], parse_date(opened), parse_class(cls), passive,
                   by, None)
    say(msg.MATTER_ADDED.format(matter=v.matter.id, title=v.matter.title, lead=_names(store)[v.matter.lead],
                                nodes="、".join(f"{n.number}: {n.due}" for n in v.nodes)))
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
    from jcdc.model import parse_date

    node = add_node(open_db(db), matter_id, parse_date(due), what, by)
    say(msg.MATTER_NODE_ADDED.format(matter=node.matter, node=node.number, what=node.what, due=node.due))


@matter_app.command("report")
def matter_report(
    matter_id: MatterArg,
    node: Annotated[int, typer.Option("--node", "-n", help="报送的节点编号")],
    date: DateOpt, fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """报送一个节点。逾期记 -0.5; 逾期2天以上进入重点督办, 另记 -5(每事项一次)(积分办法 第十二条(三))。"""
    from jcdc.matters import report
    from jcdc.model import parse_date

    store = open_db(db)
    _matter_event_done(store, report(store, matter_id, node, parse_date(date), by), fmt)


@matter_app.command("remind")
def matter_remind(matter_id: MatterArg, date: DateOpt, fmt: FormatOpt = Format.table,
                  db: DbOpt = None, by: ByOpt = None):
    """记录一次催办。被催办的单位当季不得「每个时间节点均未被催办」加分。"""
    from jcdc.matters import remind
    from jcdc.model import parse_date

    store = open_db(db)
    _matter_event_done(store, remind(store, matter_id, parse_date(date), by), fmt)


@matter_app.command("return")
def matter_return(
    matter_id: MatterArg, date: DateOpt,
    reason: Annotated[str, typer.Option("--reason", help="退回原因")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """退回重报: 第一次 -0.5, 以后每次多减1分(积分办法 第十二条(三))。"""
    from jcdc.matters import return_report
    from jcdc.model import parse_date

    store = open_db(db)
    _matter_event_done(store, return_report(store, matter_id, parse_date(date), reason, by), fmt)


@matter_app.command("close")
def matter_close(
    matter_id: MatterArg, date: DateOpt,
    rating: Annotated[str, typer.Option("--rating", help="优秀(+3)、良好(+1)、合格(0) 或 不合格(-5)")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """事项办结并评定(积分办法 第十一、十二条(三))。"""
    from jcdc.matters import close
    from jcdc.model import parse_date

    store = open_db(db)
    _matter_event_done(store, close(store, matter_id, parse_date(date), rating, by), fmt)


@matter_app.command("show")
def matter_show(matter_id: MatterArg, fmt: FormatOpt = Format.table, output: OutputOpt = None,
                db: DbOpt = None):
    """显示事项的节点、事件及其产生的积分记录(冲销请用 jcdc points revoke)。"""
    from jcdc.matters import view

    store = open_db(db)
    _show_matter(store, view(store, matter_id), fmt, output)


@matter_app.command("list")
def matter_list(
    unit: UnitOpt = None,
    open_only: Annotated[bool, typer.Option("--open", help="只列出未办结的")] = False,
    key_only: Annotated[bool, typer.Option("--key", help="只列出进入重点督办的(追究办法 第五条(二))")] = False,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None,
):
    """列出 13710 事项, 可按单位(牵头或配合)、是否办结、是否重点督办筛选。"""
    from jcdc.matters import list_matters
    from jcdc.output import emit

    store = open_db(db)
    rows = [v.as_json() for v in list_matters(store, unit, open_only, key_only)]
    emit(fmt, rows, _matter_columns(_names(store)), msg.MATTERS_TITLE, empty=msg.MATTERS_NONE, output=output)


@matter_app.command("bonus")
def matter_bonus(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="已结束的季度, 如 2019Q2")],
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """季度「每个时间节点均未被催办」加分(+5): 当季有节点到期且未被催办的单位; 重复运行不会重复加分。"""
    from jcdc.matters import quarterly_bonus
    from jcdc.model import Quarter
    from jcdc.session import today

    q = Quarter.parse(quarter)
    store = open_db(db)
    made = quarterly_bonus(store, q, today(), by)
    if fmt is Format.table:
        say(msg.BONUS_ADDED.format(quarter=q.label, count=len(made)) if made
            else msg.BONUS_NONE.format(quarter=q.label))
    if made or fmt is not Format.table:
        _show_entries(store, made, fmt, msg.POINTS_TITLE)


def _fix_columns(names: dict[str, str]):
    from jcdc.output import Column

    return [
        Column("id", msg.H_ID, justify="right"), Column("unit", msg.H_UNIT, lambda c: names.get(c, c), wrap=True),
        Column("what", msg.H_WHAT, wrap=True), Column("class", msg.H_CLASS, lambda c: msg.FIX_CLASS[c]),
        Column("from", msg.H_FROM), Column("due", msg.H_DUE),
        Column("extended_days", msg.H_EXTENDED, justify="right"),
        Column("state", msg.H_STATE, lambda s: msg.FIX_STATE[s]), Column("done", msg.H_DONE),
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
    unit: Annotated[str, typer.Option("--unit", "-u", help="被督查单位: 代码、全称或简称")],
    what: Annotated[str, typer.Option("--what", help="整改内容")],
    cls: Annotated[str, typer.Option("--class", help="general(7日)、major(30日)、policy(督查结束后3日)、"
                                                     "conduct(督查结束后7日) 或 custom(督查组所定)")],
    demanded: Annotated[str, typer.Option("--from", help="提出整改要求的日期")],
    inspection_end: Annotated[Optional[str], typer.Option("--inspection-end", help="督查结束日期(policy、conduct)")] = None,
    due: Annotated[Optional[str], typer.Option("--due", help="督查组要求的期限(custom 必填)")] = None,
    person: Annotated[Optional[str], typer.Option("--person", help="责任人")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """登记整改事项, 期限按快速处置 二 计算(起算日不计, 到期日当天结束前有效)。"""
    from jcdc.fixes import add_fix, parse_class
    from jcdc.model import parse_date

    store = open_db(db)
    v = add_fix(store, unit, what, parse_class(cls), parse_date(demanded),
                parse_date(inspection_end) if inspection_end else None,
                parse_date(due) if due else None, person, by)
    data = v.as_json()
    _fix_done(v, fmt, msg.FIX_ADDED.format(id=v.fix.id, unit=_names(store)[v.fix.unit], what=v.fix.what,
                                                  due=v.due, cite=data["cite"]))


@fix_app.command("extend")
def fix_extend(
    fix_id: FixArg,
    days: Annotated[int, typer.Option("--days", help="延期天数")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="批准延期的市政府领导或文件")],
    plan: Annotated[str, typer.Option("--plan", help="推进落实方案: 时间表、路线图")],
    override_reason: Annotated[Optional[str], typer.Option(
        "--override-reason", help="累计延期超过60日的原因")] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="批准日期; 默认今天")] = None,
    fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None,
):
    """延期(快速处置 二.2): 须经市政府同意并有推进落实方案; 累计超过60日须说明原因。"""
    from jcdc.fixes import extend

    store = open_db(db)
    v = extend(store, fix_id, days, approved_by, plan, _day(date), override_reason, by)
    _fix_done(v, fmt, msg.FIX_EXTENDED.format(id=fix_id, days=days, due=v.due, total=v.extended_days))


@fix_app.command("progress")
def fix_progress(fix_id: FixArg, date: DateOpt,
                 text: Annotated[str, typer.Option("--text", help="整改进展")],
                 fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None):
    """记录整改进展。"""
    from jcdc.fixes import progress
    from jcdc.model import parse_date

    store = open_db(db)
    day = parse_date(date)
    _fix_done(progress(store, fix_id, day, text, by), fmt, msg.FIX_PROGRESS.format(id=fix_id, date=day))


@fix_app.command("done")
def fix_done(fix_id: FixArg, date: DateOpt,
             report: Annotated[Optional[str], typer.Option("--report", help="书面整改报告(文号或摘要)")] = None,
             fmt: FormatOpt = Format.table, db: DbOpt = None, by: ByOpt = None):
    """整改到位。"""
    from jcdc.fixes import done
    from jcdc.model import parse_date

    store = open_db(db)
    day = parse_date(date)
    _fix_done(done(store, fix_id, day, report, by), fmt, msg.FIX_DONE.format(id=fix_id, date=day))


@fix_app.command("list")
def fix_list(unit: UnitOpt = None,
             open_only: Annotated[bool, typer.Option("--open", help="只列出尚未到位的")] = False,
             fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None):
    """列出整改事项及其当前期限(含延期)。"""
    from jcdc.fixes import list_fixes
    from jcdc.output import emit

    store = open_db(db)
    rows = [v.as_json() for v in list_fixes(store, unit, open_only)]
    emit(fmt, rows, _fix_columns(_names(store)), msg.FIXES_TITLE, empty=msg.FIXES_NONE, output=output)


DUE_COLOUR = {"overdue": "bold red", "soon": "yellow", "later": "green"}


@app.command()
def due(
    on: OnOpt = None,
    within: Annotated[Optional[int], typer.Option("--within", help="只列出逾期的和 N 天内到期的")] = None,
    unit: UnitOpt = None,
    workdays: Annotated[bool, typer.Option("--workdays", help="按国务院公布的节假日安排计工作日")] = False,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, db: DbOpt = None,
):
    """某日所有未完成的期限: 整改事项、13710 节点等, 按到期日排序; 到期日当天结束前不算逾期(快速处置 二)。"""
    from jcdc.due import due_list
    from jcdc.output import Column, emit

    day = _day(on)
    store = open_db(db)
    rows = due_list(store, day, within, unit, workdays)
    names = _names(store)
    columns = [
        Column("kind", msg.H_KIND, lambda k: msg.DUE_KIND.get(k, k)), Column("id", msg.H_ID),
        Column("unit", msg.H_UNIT, lambda c: names.get(c, c or ""), wrap=True),
        Column("what", msg.H_WHAT, wrap=True), Column("due", msg.H_DUE),
        Column("days_left", msg.H_DAYS_LEFT, justify="right"), Column("status", msg.H_STATUS, msg.DUE_STATUS.get, style=DUE_COLOUR.get),
    ]
    title = (msg.DUE_TITLE_WORKDAYS if workdays else msg.DUE_TITLE).format(on=day)
    emit(fmt, rows, columns, title, empty=msg.DUE_NONE.format(on=day), output=output)



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


@app.command()
def check(db: DbOpt = None):
    """核对台账: 哈希链、外键、每条积分的分值、已关闭季度的排名。一切正常时不输出, 退出码 0;
    否则每个问题一行(哪个表哪条记录、什么问题), 退出码 1。"""
    from jcdc.integrity import check as check_ledger

    problems = check_ledger(open_db(db))
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    if problems:
        say(msg.CHECK_FAILED.format(count=len(problems)))
        raise typer.Exit(1)


QuarterArg = Annotated[str, typer.Argument(metavar="QUARTER", help="季度, 如 2019Q2 或 2019年第二季度")]


@app.command()
def close(quarter: QuarterArg, db: DbOpt = None, by: ByOpt = None):
    """关闭季度(积分办法 第十三条): 排名公布, 记录其哈希; 此后该季度的积分记录将被拒绝。季度按顺序关闭。"""
    from jcdc.closing import close as close_quarter
    from jcdc.model import Quarter

    q = Quarter.parse(quarter)
    closing = close_quarter(open_db(db), q, by)
    say(msg.QUARTER_CLOSED_DONE.format(quarter=q.label, hash=closing["ranking_hash"]))


@app.command()
def reopen(quarter: QuarterArg,
           reason: Annotated[str, typer.Option("--reason", help="重新打开的原因(必填)")],
           db: DbOpt = None, by: ByOpt = None):
    """重新打开已关闭的季度, 记录原因; 关闭记录本身保留。按倒序重新打开。"""
    from jcdc.closing import reopen as reopen_quarter
    from jcdc.model import Quarter

    q = Quarter.parse(quarter)
    reopening = reopen_quarter(open_db(db), q, reason, by)
    say(msg.QUARTER_REOPENED.format(quarter=q.label, reason=reopening["reason"]))


@app.command()
def backup(file: Annotated[Path, typer.Argument(dir_okay=False, help="备份文件(不得已存在)")],
           db: DbOpt = None):
    """备份数据库: 他人写入时也是一致的副本(SQLite 在线备份), 仅本人可读。"""
    from jcdc.integrity import backup as backup_ledger

    size = backup_ledger(open_db(db), file)
    say(msg.BACKUP_DONE.format(path=file, size=size))


def _only(name: str) -> typer.Typer:
    """The app with only the command or group `name` in it.

    typer builds every command's parameters at each start, about 55 ms for all
    of jcdc here; one group takes a few. Start-up is a target (docs/benchmarks.md).
    """
    def command_name(info) -> str:
        return info.name or typer.main.get_command_name(info.callback.__name__)

    pruned = _typer(app.info.help)
    pruned.registered_callback = app.registered_callback
    pruned.registered_commands = [c for c in app.registered_commands if command_name(c) == name]
    pruned.registered_groups = [g for g in app.registered_groups if g.name == name]
    return pruned if pruned.registered_commands or pruned.registered_groups else app


def main() -> None:
    name = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    (app if name is None else _only(name))(prog_name="jcdc")
