"""Ledger care: jcdc init, check, close, reopen, backup, anchor, demo.

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    ByOpt, DbOpt, ForceOpt, FormatOpt, open_db, say,
)
from jcdc.output import Format

def init(db: DbOpt = None, by: ByOpt = None,
         no_roster: Annotated[bool, typer.Option(
             "--no-roster", help="不载入单位名册(县级督查室自行登记单位时, 或用于测试)")] = False,
         rules: Annotated[Optional[Path], typer.Option(
             "--rules", help="台账采用的规则集文件 .toml(如县级的实施办法); 默认 jincheng-2017")] = None,
         roster: Annotated[Optional[Path], typer.Option(
             "--roster", dir_okay=False, help="单位名册 CSV(code,name,category,group,aliases); "
                                              "默认为 jcdc 附带的名册 data/units.csv(默认规则集的台账才载入)")] = None):
    """创建台账, 记录它采用的规则集, 并载入被考核单位名册。只有 init(和 demo)会建立台账,
    其他命令遇到不存在的台账一律拒绝。对已有台账重复运行不会改变已有内容(只补登名册中缺少的单位)。"""
    from jcdc import files
    from jcdc.rulebook import RuleBook, load_for_init, record_first
    from jcdc.units import import_units, read_units_file

    chosen, unless_held = load_for_init(rules) if rules is not None else (None, None)
    roster_text = read_units_file(roster) if roster is not None else None
    from jcdc.store import default_db_path, open_store
    from jcdc.units import load_roster

    path = db or default_db_path()
    if unless_held is not None and not Path(path).exists():  # no ledger holds the file: refused, nothing made
        raise unless_held
    try:
        store = open_store(path, create=True)
    except OSError as e:  # a name too long, a folder that cannot be made, a full disk
        raise files.failure(path, e) from e
    from jcdc import ruleset
    from jcdc.ruleset.words import fill

    first = record_first(store, chosen, by=by, unless_held=unless_held)  # the rule set it is scored under: the package's default unless given
    if roster_text is not None:
        added, skipped = import_units(store, roster_text, by, skip_existing=True)
        say(msg.UNITS_LOADED.format(added=added, skipped=skipped, total=len(store.units())))
    elif no_roster or (chosen is not None and chosen.id != ruleset.builtin().id):  # a county's ledger: its own roster
        units = store.units()
        say(fill(msg.INIT_NO_ROSTER_KEPT, first.rules).format(total=len(units)) if units
            else fill(msg.INIT_NO_ROSTER, first.rules))
    else:
        from jcdc.session import today
        from jcdc.units import roster_may_be_old, roster_year

        added, skipped = load_roster(store, by)
        say(msg.UNITS_LOADED.format(added=added, skipped=skipped, total=len(store.units())))
        year, describes = roster_year()
        say(fill(msg.ROSTER_YEAR, first.rules).format(year=year, describes=describes))
        if roster_may_be_old(store, year, today()):
            say(msg.ROSTER_LATER.format(year=year))
    say(msg.INIT_LEDGER.format(path=store.path, version=RuleBook.of(store).current.label))





AnchorFileOpt = Annotated[Optional[Path], typer.Option(
    "--anchor", dir_okay=False, help="同时核对台账仍延续这份锚点声明(jcdc anchor 生成)中的每一链尾")]


def check(db: DbOpt = None, anchor_file: AnchorFileOpt = None):
    """核对台账: 哈希链、触发器、单位名册、外键、每条积分的分值、已关闭季度的排名、台账内记录的锚点。
    一切正常时不输出, 退出码 0; 否则每个问题一行(哪个表哪条记录、什么问题), 退出码 1。"""
    _check(open_db(db, read_only=True), anchor_file)


def _check(store, anchor_file: Path | None) -> None:
    from jcdc.integrity import check as check_ledger
    from jcdc.integrity import check_anchor
    from jcdc.model import beijing_time

    with store.reading():  # the anchor against the very state of the ledger checked
        problems = check_ledger(store)
        anchor = None
        if anchor_file is not None:
            anchor, found = check_anchor(store, anchor_file)
            problems += found
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    if problems:
        say(msg.CHECK_FAILED.format(count=len(problems)))
        raise typer.Exit(1)
    if anchor is not None:
        say(msg.ANCHOR_OK.format(at=beijing_time(anchor.made_at), fingerprint=anchor.fingerprint, chains=len(anchor.heads)))


QuarterArg = Annotated[str, typer.Argument(metavar="QUARTER", help="季度, 如 2019Q2 或 2019年第二季度")]


StatementOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", dir_okay=False, help="把锚点声明写入此文本文件(如 2019Q2-锚点.txt, 供打印签字存档), 不打印在屏幕上; 默认写到标准输出")]


def close(quarter: QuarterArg,
          without_bonus: Annotated[bool, typer.Option(
              "--without-bonus", help="不等「每个时间节点均未被催办」加分评定即关闭; 须用 --reason 说明")] = False,
          reason: Annotated[Optional[str], typer.Option("--reason", help="--without-bonus 的原因(记录在关闭记录中)")] = None,
          empty: Annotated[bool, typer.Option(
              "--empty", help="该季度确无积分事项: 没有积分记录也关闭(以便按顺序关闭以后的季度), 各单位均为基准分 {base}")] = False,
          output: StatementOpt = None, force: ForceOpt = False,
          db: DbOpt = None, by: ByOpt = None):
    """关闭季度(积分办法 第十三条): 排名公布, 记录其哈希; 此后该季度的积分记录将被拒绝。季度按顺序关闭。
    关闭前须记完该季度逾期未报送节点的扣分(jcdc matter overdue --charge)并评定该季度的未被催办加分
    (jcdc matter bonus)。关闭时的锚点声明用 --output 写入文件, 屏幕上只说一行写在哪里。"""
    from jcdc.closing import close as close_quarter
    from jcdc.session import parse_quarter

    q = parse_quarter(quarter)
    store = open_db(db)
    closing, anchor = close_quarter(store, q, by, publish=_publisher(store, closing=True, output=output, force=force),
                                    without_bonus=without_bonus, reason=reason, empty=empty)
    if output is not None:
        say(msg.ANCHOR_WRITTEN.format(path=output, fingerprint=anchor.fingerprint))
    else:
        say(msg.ANCHOR_CLOSED.format(fingerprint=anchor.fingerprint))
    if empty:
        from jcdc.ruleset.words import fill

        say(fill(msg.CLOSED_EMPTY).format(quarter=q.label))
    say(msg.QUARTER_CLOSED_DONE.format(quarter=q.label, hash=closing["ranking_hash"]))
    if closing["reason"]:
        say(msg.CLOSED_WITHOUT_BONUS.format(quarter=q.label, reason=closing["reason"]))


def reopen(quarter: QuarterArg,
           reason: Annotated[str, typer.Option("--reason", help="重新打开的原因(必填)")],
           db: DbOpt = None, by: ByOpt = None):
    """重新打开已关闭的季度, 记录原因; 关闭记录本身保留。按倒序重新打开。"""
    from jcdc.closing import reopen as reopen_quarter
    from jcdc.session import parse_quarter

    q = parse_quarter(quarter)
    reopening = reopen_quarter(open_db(db), q, reason, by)
    say(msg.QUARTER_REOPENED.format(quarter=q.label, reason=reopening["reason"]))


def backup(file: Annotated[Path, typer.Argument(dir_okay=False, help="备份文件(不得已存在)")],
           db: DbOpt = None):
    """备份数据库: 他人写入时也是一致的副本(SQLite 在线备份), 仅本人可读。副本先写在同一文件夹的
    临时文件中, 完整并核对无误后才以 FILE 的名字出现; 中途失败或被中止不会留下名为 FILE 的文件。"""
    from jcdc.integrity import backup as backup_ledger

    size = backup_ledger(open_db(db, read_only=True), file)
    say(msg.BACKUP_DONE.format(path=file, size=size))





def anchor(check_file: Annotated[Optional[Path], typer.Option(
        "--check", dir_okay=False, help="核对台账仍延续此前保存的锚点声明(同 jcdc check --anchor 文件)")] = None,
           output: StatementOpt = None, force: ForceOpt = False, db: DbOpt = None, by: ByOpt = None):
    """锚点: 打印一份带日期的声明, 列出每条哈希链的最新记录及已关闭季度的排名哈希,
    供打印签字存档或报送考核办, 并记入台账。有人即使重算了整条哈希链, 也无法让台账与存放在别处的锚点相符。

    --check 文件: 核对台账仍含锚定的每条记录且哈希未变; 无误时退出码 0, 否则每个问题一行, 退出码 1。"""
    if check_file is not None:
        _check(open_db(db, read_only=True), check_file)
        return
    from jcdc.anchor import make

    store = open_db(db)
    made = make(store, by, publish=_publisher(store, output=output, force=force))
    if output is not None:
        say(msg.ANCHOR_WRITTEN.format(path=output, fingerprint=made.fingerprint))
    say(msg.ANCHOR_RECORDED.format(id=len(store.anchors()), fingerprint=made.fingerprint))


def _publisher(store, closing: bool = False, output: Path | None = None, force: bool = False):
    """Writes an anchor's statement to `output` (atomically: the file is whole or
    absent) or to stdout, flushed, before the anchor is committed: a statement
    that cannot be written (a full disk) records nothing."""
    from jcdc.anchor import statement
    from jcdc.cli import stdout_refused
    from jcdc.model import JcdcError

    def publish(made) -> None:
        if output is not None:
            from jcdc.files import replacing

            with replacing(output, force) as tmp:
                tmp.write_text(statement(made, store.path), encoding="utf-8")
            return
        try:
            sys.stdout.write(statement(made, store.path))
            sys.stdout.flush()
        except OSError as e:
            refused = stdout_refused(e)
            if refused is None:
                raise
            raise JcdcError(msg.ANCHOR_NOT_PUBLISHED.format(
                reason=refused, closing=msg.ANCHOR_NOT_PUBLISHED_CLOSING if closing else "")) from None
    return publish


def demo(path: Annotated[Optional[Path], typer.Option(
        "--path", dir_okay=False, help="演示数据库位置; 默认为用户数据目录下的 jcdc-demo.db")] = None,
         fmt: FormatOpt = Format.table):
    """生成一个独立的演示数据库(不是您的工作数据库): 全部单位、两年的积分记录, 并显示年度排名。"""
    from jcdc.commands.ranking import rank
    from jcdc.demo import DEMO_YEAR, build_demo, demo_db_path

    target = path or demo_db_path()
    store, entries = build_demo(target)
    say(msg.DEMO_BUILT.format(path=target, entries=entries, units=len(store.units())))
    rank(year=str(DEMO_YEAR), quarter=None, group=None, fmt=fmt, output=None, db=target)


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "init": init,
    "check": check,
    "close": close,
    "reopen": reopen,
    "backup": backup,
    "anchor": anchor,
    "demo": demo,
}
