"""Rankings and the annual report: jcdc rank, jcdc report.

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from pathlib import Path

from jcdc.commands import (
    ByOpt, DbOpt, FormatOpt, ForceOpt, OutputOpt, QuarterOpt, YearOpt, command_group, open_db, period, say,
)
from jcdc.model import points_number
from jcdc.output import Format

def _rank_columns(quarterly: bool):
    from jcdc.output import Column, points_cell, signed_points_cell

    def flags_cell(flags) -> str:
        return "、".join(msg.FLAG_LABEL[f] for f in flags)

    def change_cell(change) -> str:
        return msg.NO_CHANGE if change is None else signed_points_cell(change)

    cols = [Column("rank", msg.H_RANK, justify="right"), Column("name", msg.H_UNIT, keep=1),
            Column("unit", msg.H_CODE), Column("score", msg.H_SCORE, points_cell, justify="right"),
            Column("delta", msg.H_DELTA, signed_points_cell, justify="right")]
    if quarterly:
        cols.append(Column("ytd", msg.H_YTD, points_cell, justify="right"))
    else:  # 较上年 as the report and the 通报 show it: "—" where there is nothing to compare with
        cols.append(Column("change", msg.H_CHANGE, change_cell, justify="right"))
        cols.append(Column("flags", msg.H_FLAGS, flags_cell, wrap=True))
    return cols


def rank(year: YearOpt = None, quarter: QuarterOpt = None,
         group: Annotated[Optional[str], typer.Option("--group", "-g", help="只显示该排名组, 如 县区")] = None,
         fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
         db: DbOpt = None):
    """季度或年度积分排名(积分办法 第十三、十七—十九条), 年度排名标出追责候选与免督查。
    同分并列使免督查、推荐免督查或倒数后{bottom}位超出条文所定人数时, 各并列单位均保留结果,
    表下逐组说明, 文件中见「并列说明」列; JSON 中并列的行带 "tied": 并列单位数。"""
    from jcdc import ranking
    from jcdc.output import emit_grouped

    y, q = period(year, quarter)
    store = open_db(db, read_only=True)
    rows = None
    if q:
        from jcdc.closing import closed, published_ranking
        from jcdc.closing import provisional as provisional_quarter
        from jcdc.model import beijing_time

        closing = closed(store).get(q)
        if closing is not None:  # the ranking recorded at closing, its hash, and whether the ledger agrees
            recorded, intact, agrees = published_ranking(store, closing)
            if intact and recorded is not None:  # a tampered record is no published ranking
                rows = ranking.as_closed(q, recorded, group)
            else:
                rows = ranking.quarterly(store, q, group)
            say(msg.RANK_CLOSED.format(quarter=q.label, at=beijing_time(closing["recorded_at"]), by=closing["recorded_by"]))
            say(msg.RANK_CLOSED_HASH.format(hash=closing["ranking_hash"]))
            if not intact:
                say(msg.RANK_CLOSED_RECORD_DIFFERS.format(quarter=q.label))
            elif not agrees:
                say(msg.RANK_CLOSED_DIFFERS.format(quarter=q.label))
    notes: list[str] = []
    provisional = None
    if rows is None:
        ranking.check_scored(store, q or ranking.Quarter(y, 1), q or ranking.Quarter(y, 4),
                             q.label if q else msg.PERIOD_YEAR.format(year=y), group)
        if q:
            rows = ranking.quarterly(store, q, group)
        else:  # a year: which quarters are open or empty, and what the year before is judged from
            year = ranking.year_ranking(store, y, group)
            rows, notes, provisional = year.rows, year.notes(open_quarters=False), year.provisional()
    json_rows = [r.as_json() for r in rows]
    legend = ranking.legend(store, q or ranking.Quarter(y, 4), {f.value for r in rows for f in r.flags})
    caption = "\n".join([*notes, *legend])
    title = ((lambda g: msg.RANK_TITLE_QUARTER.format(quarter=q.label, group=g)) if q
             else (lambda g: msg.RANK_TITLE_YEAR.format(year=y, group=g)))
    flat_title = (msg.RANK_SHEET_QUARTER.format(quarter=q.label) if q
                  else msg.RANK_SHEET_YEAR.format(year=y))
    emit_grouped(fmt, json_rows, _rank_columns(q is not None), "group", title, caption,
                 empty=msg.RANK_EMPTY, output=output, flat_title=flat_title, force=force,
                 notes=ranking.tie_notes(rows), flat_extra=[] if q else [_tie_notes_column()])
    if fmt is not Format.table or output is not None:  # a table on the screen carries them under it
        for note in notes:
            say(note)
    if q and closing is None:  # a quarter still open: the same line, for the quarter
        provisional = provisional_quarter(store, q)
    if provisional:  # a year not finished: one line on the screen, whatever stdout or the file holds
        say(provisional)


def _tie_notes_column():
    """Ties at a boundary (SPEC §3), in a ranking file: the words of the line under the table."""
    from jcdc.output import Column

    return Column("tie_notes", msg.H_TIE_NOTES, lambda notes: "; ".join(notes or ()), wrap=True)



# What the annual report is written as, by the extension of --output (.htm is .html).
REPORT_SUFFIXES = (".xlsx", ".html", ".json")


def report(year: Annotated[str, typer.Option("--year", "-y", help="年度, 如 2019")],
           output: Annotated[Optional[Path], typer.Option(
               "--output", "-o", dir_okay=False,
               help=f"报告文件, 格式随扩展名: {'、'.join(REPORT_SUFFIXES)}(必须给出); 文件已存在时拒绝, 除非 --force")] = None,
           force: ForceOpt = False, db: DbOpt = None):
    """年度积分报告(积分办法 第十八条), 报年度目标考核领导小组办公室: {report_headings}
    (不含{unreported_headings}), 写为工作簿、网页或 JSON 文件。

    --output 的扩展名决定格式:

    .xlsx 打印用的工作簿: 各排名组一个工作表(名次、单位、积分、较上年、结果、各季度积分,
    年度积分柱状图与各季度积分折线图), 另附全部积分明细(日期、规则及名称、依据、文号); A4 横向, 每页重复标题行。

    .html 一个网页文件, 不联网也能打开: 各组排名、结果与并列说明, 年度积分柱状图与各季度积分折线图,
    点击单位即展开其积分明细; 用浏览器打印为 A4 横向, 表格完整。

    .json 同样内容, 供程序读取。"""
    from jcdc.model import InputError
    from jcdc.session import parse_year
    from jcdc.report import annual_report

    y = parse_year(year)
    suffix = output.suffix.lower() if output is not None else None
    if suffix not in (*REPORT_SUFFIXES, ".htm"):
        raise InputError(msg.REPORT_NEEDS_FILE.format(year=y))
    store = open_db(db, read_only=True)
    with store.reading():  # the ranking and the entries, read in parts, all of one moment of the ledger
        data = annual_report(store, y)
        if suffix == ".json":
            from jcdc.output import write_json

            whole = data.as_json()
            write_json(output, whole, force)
            entries = len(whole["entries"])
        elif suffix == ".xlsx":
            from jcdc.report_book import write_report_book

            entries = write_report_book(data, output, force)
        else:
            from jcdc.report_page import write_report_page

            entries = write_report_page(data, output, force)
    say(msg.REPORT_WRITTEN.format(path=output, units=len(data.rows), entries=entries))
    if data.ranking.provisional():  # the file says so inside; the clerk who wrote it reads it here
        say(data.ranking.provisional())


prior_app = command_group("台账开始使用之前一年公布的年度排名(积分办法 第十七条): "
                          "登记后用于次年的较上年和「连续{years}年倒数后{bottom}位」。")


@prior_app.command("add")
def prior_add(
    file: Annotated[Path, typer.Argument(metavar="FILE", dir_okay=False,
                                         help=".csv 或 .xlsx: 标题行含 单位、积分、名次 三列, 每个单位一行")],
    year: Annotated[str, typer.Option("--year", "-y", help="排名的年度, 如 2019")],
    doc: Annotated[str, typer.Option("--doc", help="公布该排名的文件文号, 如 晋市政办〔2020〕5号")],
    db: DbOpt = None, by: ByOpt = None,
):
    """登记一个年度已公布的积分排名(单位、积分、名次、公布文号), 整个文件核对无误才一次写入;
    所列排名组须完整, 名次须与积分相符。登记后不可修改。次年的较上年和第十七条据此判定并注明出处。"""
    from jcdc.prior import add_published, groups_of, scored_in_ledger

    store = open_db(db)
    rows = add_published(store, year, file, doc, by)
    y, counts = rows[0]["year"], groups_of(store, rows)
    say(msg.PRIOR_ADDED.format(year=y, doc=rows[0]["doc"], next=y + 1, groups="、".join(
        msg.PRIOR_GROUP_COUNT.format(group=g, count=n) for g, n in counts.items())))
    both = scored_in_ledger(store, y, list(counts))
    if both:  # two sources for one year: the published one is used, and this says so
        say(msg.PRIOR_LEDGER_TOO.format(year=y, next=y + 1, groups="、".join(both)))


@prior_app.command("list")
def prior_list(year: YearOpt = None, fmt: FormatOpt = Format.table, output: OutputOpt = None,
               force: ForceOpt = False, db: DbOpt = None):
    """列出登记的公布年度排名。"""
    from jcdc.session import parse_year
    from jcdc.output import Column, emit, points_cell

    store = open_db(db, read_only=True)
    units = {u.code: u for u in store.units()}
    rows = [{"year": r["year"], "group": units[r["unit"]].group, "rank": r["rank"], "unit": r["unit"],
             "name": units[r["unit"]].name, "score": points_number(r["score"]), "doc": r["doc"],
             "file": r["file"], "sha256": r["sha256"], "recorded_by": r["recorded_by"],
             "recorded_at": r["recorded_at"]}
            for r in store.published_ranking(parse_year(year) if year else None)]
    columns = [Column("year", msg.H_YEAR), Column("group", msg.H_GROUP), Column("rank", msg.H_RANK, justify="right"),
               Column("name", msg.H_UNIT, keep=1), Column("unit", msg.H_CODE),
               Column("score", msg.H_SCORE, points_cell, justify="right", keep=2),
               Column("doc", msg.H_PRIOR_DOC, keep=1),
               Column("recorded_by", msg.H_BY)]
    emit(fmt, rows, columns, msg.PRIOR_TITLE, empty=msg.PRIOR_NONE, output=output, force=force)


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "rank": rank,
    "report": report,
    "prior": prior_app,
}
