"""The command groups, one module each, and what they share: the options every
command takes, opening the ledger, and a line to the clerk.

jcdc/cli.py imports a module here only when the command line names one of its
commands; importing this package itself costs next to nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.output import Format

def _db_before_command(ctx, param, value):
    """`jcdc --db F rank` as `jcdc rank --db F`: the ledger named before the
    command, unless the command names one itself; either beats $JCDC_DB."""
    from typer._click.core import ParameterSource

    if ctx.get_parameter_source(param.name) is ParameterSource.COMMANDLINE:
        return value
    root = ctx.find_root().params.get("db")
    return root if root is not None else value


DbOpt = Annotated[Optional[Path], typer.Option(
    "--db", envvar="JCDC_DB", show_envvar=True, dir_okay=False, callback=_db_before_command,
    help="数据库文件; 默认为用户数据目录下的 jcdc.db")]
ByOpt = Annotated[Optional[str], typer.Option(
    "--by", help="记录人; 默认取环境变量 JCDC_USER, 否则为操作系统用户名")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="输出格式: table、csv 或 json")]
UnitOpt = Annotated[Optional[str], typer.Option("--unit", "-u", help="单位: 代码、全称或登记的简称")]
YearOpt = Annotated[Optional[str], typer.Option("--year", "-y", help="年度, 如 2019")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", dir_okay=False,
    help="写入文件, 格式随扩展名: .csv(Excel 可直接打开)、.xlsx、.json; 文件已存在时拒绝, 除非 --force")]
# The suffixes OutputOpt's help names are those jcdc.output.write_file writes
# (FILE_SUFFIXES; tests/test_help.py holds them to each other).
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="覆盖已存在的普通文件(从不覆盖台账、数据库、链接或文件夹)")]
QuarterOpt = Annotated[Optional[str], typer.Option("--quarter", "-q", help="季度, 如 2019Q2 或 2019年第二季度")]
DateOpt = Annotated[str, typer.Option("--date", "-d", help="日期")]
OnOpt = Annotated[Optional[str], typer.Option("--on", help="日期; 默认今天")]


def command_group(help_text: str) -> typer.Typer:
    """A command group, built as the root app is (jcdc/cli.py)."""
    from jcdc.cli import make_typer

    return make_typer(help_text)


def open_db(db: Path | None, read_only: bool = False):
    """The ledger at --db, $JCDC_DB or the default place; it must exist (only
    `jcdc init` and `jcdc demo` create one). read_only: the file is opened
    read-only and never created, migrated or converted (every command that
    only looks: lists, shows, rank, report, due, check, draw verify)."""
    from jcdc.model import JcdcError
    from jcdc.store import default_db_path, open_store

    path = db or default_db_path()
    try:
        store = open_store(path, create=False, read_only=read_only)
    except OSError as e:  # a name the file system refuses to look at (too long …)
        raise JcdcError(msg.LEDGER_UNOPENABLE.format(path=path, reason=e.strerror or e)) from None
    use_ledger_rules(store)
    return store


def use_ledger_rules(store) -> None:
    """Messages and labels name the figures of the ledger's rule set (its current
    version): a county's ledger says its own (jcdc.ruleset.words)."""
    from jcdc.rulebook import RuleBook
    from jcdc.ruleset import words

    try:
        words.use(RuleBook.of(store).current.rules)
    except Exception:  # a ledger too damaged to read its versions: `check` says why; words stay the default
        words.use(None)


def period(year: str | None, quarter: str | None, required: bool = True):
    """(year, quarter) from the options: exactly one of them when required."""
    from jcdc.model import InputError
    from jcdc.session import parse_quarter, parse_year

    if year and quarter:
        raise InputError(msg.PERIOD_BOTH)
    if required and not (year or quarter):
        raise InputError(msg.PERIOD_NEEDED)
    return (parse_year(year) if year else None), (parse_quarter(quarter) if quarter else None)


def day_or_today(text: str | None):
    """--on/--date D, else today."""
    from jcdc.session import parse_date
    from jcdc.session import today

    return parse_date(text) if text else today()


def unit_names(store) -> dict[str, str]:
    return {u.code: u.name for u in store.units()}


def say(text: str) -> None:
    from jcdc.output import say as _say

    _say(text)
