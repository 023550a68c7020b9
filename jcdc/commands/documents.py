"""Documents the office sends: jcdc notice (the 通报), jcdc statement (each unit's).

Wiring and options only: each command opens the ledger, calls jcdc.documents for
the values and jcdc.gongwen to lay them out (jcdc/cli.py loads this module only
when the command line names one of its commands; python-docx loads only here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import DbOpt, ForceOpt, QuarterOpt, UnitOpt, YearOpt, day_or_today, open_db, period, say


def _period(year: str | None, quarter: str | None):
    from jcdc.documents import Period

    y, q = period(year, quarter)
    return Period(q.year, q) if q else Period(y)


def notice(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="通报文件 .docx")],
    year: YearOpt = None, quarter: QuarterOpt = None,
    number: Annotated[Optional[str], typer.Option("--number", help="发文字号, 如 晋市政办函〔2019〕12号")] = None,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="成文日期; 默认今天")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="发文机关; 默认为规则集的发文机关")] = None,
    cc: Annotated[Optional[str], typer.Option("--cc", help="抄送机关, 多个用、分隔; 默认为规则集的抄送机关")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="主送机关; 默认为规则集的主送机关(各排名组)")] = None,
    unsealed: Annotated[bool, typer.Option("--unsealed", help="不加盖印章的署名格式(GB/T 9704 7.3.5.2); "
                                                             "默认为加盖印章的格式")] = False,
    draft: Annotated[bool, typer.Option("--draft", help="征求意见稿: 年度未全部结账(jcdc close)时年度通报必须加")] = False,
    force: ForceOpt = False, db: DbOpt = None,
):
    """季度或年度积分排名通报(积分办法 第十三、十七—十九条)的 Word 稿, 按党政机关公文格式
    (GB/T 9704-2012) 排版: 版头、标题、主送机关、评分情况、各组排名表,
    年度通报另附免督查推荐和责任追究建议(报市政府同意), 署名、成文日期、版记。所有数字与 jcdc rank 相同。
    四个季度未全部结账的年度只能出征求意见稿(--draft), 标题注明并说明哪些季度未结账或无积分记录。"""
    from jcdc.documents import notice as build_notice
    from jcdc.gongwen import group_heading, render_notice
    from jcdc.model import InputError, optional_text, required_text

    if output.suffix.lower() != ".docx":
        raise InputError(msg.DOC_NEEDS_DOCX)
    p = _period(year, quarter)
    store = open_db(db, read_only=True)  # a document only looks: never migrates or converts
    with store.reading():  # the ranking and the period's sums, of one moment of the ledger
        data = build_notice(store, p, None if issuer is None else required_text(issuer, "--issuer"),
                            day_or_today(date), optional_text(number), optional_text(cc),
                            None if to is None else required_text(to, "--to"), sealed=not unsealed, draft=draft)
    render_notice(data, output, force)
    say(msg.DOC_NOTICE_WRITTEN.format(path=output, groups=len(data.ranking.groups()),
                                      units=len(data.ranking.lines)))
    _say_if_provisional(store, p)
    # Notes for the office, never in the 正文 (积分办法 第十七、十九条; SPEC §3): a tie that
    # widens a consequence, to weigh before the proposal goes to the city government.
    for group, notes in data.ties.items():
        for note in notes:
            say(msg.DOC_TIE_NOTE.format(group=group_heading(group, data.headings), note=note))


def statement(
    output: Annotated[Path, typer.Option("--output", "-o", file_okay=False, help="存放告知单的文件夹")],
    year: YearOpt = None, quarter: QuarterOpt = None, unit: UnitOpt = None,
    on: Annotated[Optional[str], typer.Option(
        "--on", help="告知单的日期: 印在标题下, 逾期和到期事项也截至此日计算; 默认今天")] = None,
    force: ForceOpt = False, db: DbOpt = None,
):
    """每个单位一份积分告知单(.docx, 文件名 代码-单位名称.docx): 积分、组内名次及变化、分项积分及依据、
    每条积分记录(日期、分值、文号、冲销), 以及逾期和30日内到期的事项(同 jcdc due --unit)。"""
    from jcdc.documents import statements
    from jcdc.files import vet, write_folder
    from jcdc.gongwen import render_statement
    from jcdc.model import JcdcError

    p = _period(year, quarter)
    if output.exists() and not output.is_dir():
        raise JcdcError(msg.DOC_NOT_A_FOLDER.format(path=output))
    store = open_db(db, read_only=True)  # a document only looks: never migrates or converts
    with store.reading():  # every unit's figures and entries, read in parts, of one moment of the ledger
        found = statements(store, p, day_or_today(on), unit)
        targets = [(st, output / statement_file_name(st.unit.code, st.unit.name)) for st in found]
        _refuse_shared_names(targets)
        if output.exists():
            for _, path in targets:  # refused before any is made
                vet(path, force)
        # Every statement is made before any is written, and the set is written whole
        # or not at all (jcdc/files.py): never a folder with half of the units in it.
        # Made in the order of the units' codes, the order the period's entries are read
        # in once for all of them (jcdc.documents.PeriodRows); listed in the ranking's.
        made_of = {id(st): render_statement(st) for st, _ in sorted(targets, key=lambda t: t[0].unit.code)}
        made = [(path.name, made_of[id(st)]) for st, path in targets]
    write_folder(output, made, force)
    say(msg.DOC_STATEMENTS_WRITTEN.format(count=len(found), path=output))
    _say_if_provisional(store, p)


def _say_if_provisional(store, p) -> None:
    """A quarter's document made before the quarter is closed: the clerk is told, in one
    line, that its figures may still change (an annual one says so inside, 征求意见稿)."""
    from jcdc.closing import provisional

    if p.quarter is not None and (line := provisional(store, p.quarter)):
        say(line)


# A file name may have 255 bytes (ext4, most others) or 255 UTF-16 units (NTFS):
# a unit's name may have 100 characters, 300 bytes in UTF-8, so it is shortened.
FILE_NAME_MAX_BYTES = 240


def statement_file_name(code: str, name: str) -> str:
    """<code>-<name>.docx, with what Windows forbids in a file name left out, and
    the name shortened to what a file system takes."""
    import re

    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", f"{code}-{name}")
    while len(stem.encode()) + len(".docx") > FILE_NAME_MAX_BYTES:
        stem = stem[:-1]
    return stem + ".docx"


def _refuse_shared_names(targets) -> None:
    """Two units whose files would be one (a code with a hyphen: a-b「c」and a
    「b-c」; names differing only in letter case, one file on Windows; names
    shortened alike): refused before anything is written — one statement would
    replace the other, or the set would stop halfway."""
    from jcdc.model import JcdcError

    seen = {}
    for st, path in targets:
        key = path.name.casefold()
        if key in seen:
            first = seen[key]
            raise JcdcError(msg.DOC_SAME_FILE_NAME.format(
                first=first.code, first_name=first.name, second=st.unit.code, second_name=st.unit.name,
                file=path.name))
        seen[key] = st.unit


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "notice": notice,
    "statement": statement,
}
