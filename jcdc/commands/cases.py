"""Accountability cases (追究办法): jcdc case ….

Wiring and options only: each command opens the ledger, calls the use-case
module and renders what it returns (jcdc/cli.py loads this module only when
the command line names one of its commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from jcdc import messages as msg
from jcdc.commands import (
    DbOpt, FormatOpt, ForceOpt, OutputOpt, UnitOpt, YearOpt, command_group, open_db, say,
)
from jcdc.output import Format


def _trigger_label(trigger: str) -> str:
    from jcdc.rules.zhuijiu import trigger_label

    return trigger_label(trigger)

case_app = command_group("责任追究案件(追究办法): 立案、第九条程序的每一步、复核与申诉、查询。案件记录只增不改。")

CaseArg = Annotated[str, typer.Argument(metavar="ID", help="案件编号, 如 2019-001")]
ActorOpt = Annotated[Optional[str], typer.Option(
    "--by", help="办理这一步的单位(记录人取环境变量 JCDC_USER 或操作系统用户名)")]
CaseDateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="这一步的日期; 默认为今天")]
DocOpt = Annotated[Optional[str], typer.Option("--doc", help="文件或文号")]
NoteOpt = Annotated[Optional[str], typer.Option("--note", help="备注")]
ReasonOpt = Annotated[Optional[str], typer.Option("--reason", help="理由(必填)")]


def _case_day(text: str | None):
    from jcdc.session import parse_date

    return parse_date(text) if text else None


def _sanction_cell(sanctions) -> str:
    from jcdc.rules.zhuijiu import Sanction

    return "; ".join(Sanction(**s).label for s in sanctions or ())


def _persons_cell(persons) -> str:
    return "、".join(f"{p['name']}({p['post']})" for p in persons or ())


def _case_columns():
    from jcdc.output import Column

    return [
        Column("id", msg.H_CASE), Column("opened", msg.H_CASE_OPENED), Column("subject", msg.H_UNIT, keep=1),
        Column("trigger", msg.H_TRIGGER, _trigger_label, wrap=True),
        Column("state", msg.H_STATE, lambda s: msg.CASE_STATE[s]),
        Column("direct", msg.H_DIRECT, lambda d: msg.CASE_DIRECT_MARK if d else "", keep=-1),
        Column("persons", msg.H_PERSONS, _persons_cell, wrap=True, keep=1),
        Column("sanctions", msg.H_SANCTIONS, _sanction_cell, wrap=True),
    ]


def _public_case_columns():
    from jcdc.output import Column

    return [
        # What the 通报 carries: who, for what, held to account how, published when; the
        # body, the decision's date and 文号 give way first on a narrow terminal.
        Column("id", msg.H_CASE), Column("unit_name", msg.H_UNIT, wrap=True, keep=1),
        Column("body", msg.H_BODY, wrap=True),
        Column("persons", msg.H_PERSONS, _persons_cell, wrap=True, keep=1),
        Column("trigger", msg.H_TRIGGER, _trigger_label, wrap=True, keep=1),
        Column("sanctions", msg.H_SANCTIONS, _sanction_cell, wrap=True, keep=1),
        Column("decided", msg.H_CASE_DECIDED), Column("decision_doc", msg.H_CASE_DECISION_DOC, wrap=True),
        Column("published", msg.H_CASE_PUBLISHED, keep=1),
    ]


def _subject_text(case: dict) -> str:
    """The body, with the ranked unit it belongs to where it has one."""
    if case["body"] and case["unit_name"]:
        return f"{case['body']}({msg.H_BELONGS} {case['unit_name']})"
    return case["subject"]


def _step_detail(step: dict) -> str:
    """What a step decided, in one cell: the opinion, the persons named, the notice, the result."""
    parts = [_sanction_cell(step["sanctions"]), _persons_cell(step["persons"]),
             step["coordinated_with"], step["procedure"],
             msg.CASE_SCOPE.get(step["scope"]), msg.CASE_OUTCOME.get(step["outcome"])]
    return "; ".join(p for p in parts if p)


def _history_columns():
    from jcdc.output import Column

    return [
        Column("date", msg.H_DATE, keep=2), Column("action", msg.H_ACTION, lambda a: msg.CASE_ACTION[a], keep=2),
        Column("to", msg.H_TO, lambda s: msg.CASE_STATE[s], keep=1),
        Column("by", msg.H_ACTOR, wrap=True, keep=2), Column("doc", msg.H_DOC, wrap=True, keep=2),
    ]


def _history_below():
    """A step's long text, shown under the history table so that who acted and the
    document (办理单位, 文件) always fit: each paragraph starts with the step's date."""
    from jcdc.output import Column

    return [Column("detail", msg.H_VALUE), Column("note", msg.H_NOTE), Column("reason", msg.H_CASE_REASON)]


def _step_label(step: dict) -> str:
    return f"{step['date']} {msg.CASE_ACTION[step['action']]}"


SanctionOpt = Annotated[Optional[list[str]], typer.Option("--sanction", "-s", help=(
    "问责方式, 可多次给出(第八条): unit:检查、unit:通报(第六条); 姓名:检查、姓名:通报、姓名:诫勉、"
    "姓名:组织调整:停职检查|调整职务|责令辞职|降职|免职(所列之外的组织处理措施另须 --measure-reason)、"
    "姓名:纪律处分(第七条)"))]
MeasureReasonOpt = Annotated[Optional[str], typer.Option(
    "--measure-reason", help="组织调整或组织处理采取第七条(四)所列之外的措施(如 引咎辞职)时, 记录其理由")]
CoordinatedOpt = Annotated[Optional[str], typer.Option(
    "--coordinated-with", help="诫勉、组织调整或组织处理: 同级党委、纪委、党的工作部门的意见")]
ProcedureOpt = Annotated[Optional[str], typer.Option(
    "--procedure", help="纪律处分: 所依照的党纪处分或政务处分程序")]


@case_app.command("open")
def case_open(
    unit: Annotated[Optional[str], typer.Option(
        "--unit", "-u", help="被考核单位(代码、全称或简称); 与 --body 同时给出时, 为该机关所属的被考核单位")] = None,
    body: Annotated[Optional[str], typer.Option(
        "--body", help="被问责的机关或企业事业单位, 可为任何单位, 如 泽州县住房和城乡建设局(追究办法 第二条)")] = None,
    person: Annotated[Optional[list[str]], typer.Option(
        "--person", help="当事人 姓名:职务, 可多次给出")] = None,
    trigger: Annotated[Optional[str], typer.Option("--trigger", "-t", help=(
        "追责情形(追究办法 第五条): 不作为(inaction, 一; 慢作为、不落实、假落实同)、“13710”逾期(13710-overdue, 二)、"
        "乱作为(misconduct, 三)、阻碍督查(obstruct, 四)、连续{years}年倒数后{bottom}位(bottom-two, 五, 用 --from-rank)、"
        "其他(other, 六)"))] = None,
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
    """立案: 督查室将问题线索移交主管部门并提出问责建议(追究办法 第九条(一)), 输出案件编号。

    被问责的可以是任何机关、企业事业单位(第二条): 用 --body 给出, 并用 --unit 给出其所属的
    被考核单位(如县局属于该县), 案件按该被考核单位统计; 没有所属被考核单位时只给 --body。"""
    from jcdc import cases
    from jcdc.model import InputError
    from jcdc.session import parse_year
    from jcdc.rules.zhuijiu import TRIGGER_CITE, parse_trigger

    store = open_db(db)
    if from_rank:
        if unit or body or trigger or summary or person or matter or direct:
            raise InputError(msg.CASE_FROM_RANK_ALONE)
        year = parse_year(from_rank)
        opened = cases.open_from_rank(store, year, _case_day(date), by, doc)
        for case in opened:
            typer.echo(case.id)
        say(msg.CASE_FROM_RANK_DONE.format(year=year, count=len(opened)))
        from jcdc.ranking import year_ranking

        # A year not closed in all four quarters (积分办法 第十三条): its ranking, and so its
        # candidates, may still change; said in rank --year's words.
        if provisional := year_ranking(store, year).provisional():
            say(provisional)
        return
    if not ((unit or body) and trigger and summary):
        raise InputError(msg.CASE_OPEN_NEEDS_SUBJECT)
    case = cases.open_case(store, cases.Opening(
        unit, parse_trigger(trigger), summary, _case_day(date), tuple(person or ()), direct, reason, matter,
        doc, note, by, body))
    typer.echo(case.id)
    say(msg.CASE_OPENED.format(id=case.id, unit=_subject_text(case.as_json()), trigger=_trigger_label(case.trigger.value),
                               cite=TRIGGER_CITE[case.trigger], state=msg.CASE_STATE[case.state.value]))


@case_app.command("candidates")
def case_candidates(year: Annotated[str, typer.Option("--year", "-y", help="年度, 如 2019")],
                    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
                    db: DbOpt = None):
    """追责候选: 年度排名标出的连续{years}年倒数后{bottom}位(第五条(五)), 及进入重点督办的 13710 事项(第五条(二)), 尚未立案者。"""
    from jcdc import cases
    from jcdc.session import parse_year
    from jcdc.output import Column, emit, points_cell

    y = parse_year(year)
    rows = [c.as_json() for c in cases.candidates(open_db(db, read_only=True), y)]
    columns = [
        Column("trigger", msg.H_TRIGGER, _trigger_label, wrap=True),
        Column("name", msg.H_UNIT, keep=1), Column("unit", msg.H_CODE), Column("group", msg.H_GROUP),
        Column("score", msg.H_SCORE, points_cell, justify="right"),
        Column("rank", msg.H_RANK, justify="right"),
        Column("previous_score", msg.H_PREV_SCORE, points_cell, justify="right"),
        Column("previous_rank", msg.H_PREV_RANK, justify="right"),
        Column("matter", msg.H_MATTER), Column("entry", msg.H_ENTRY, justify="right"),
        Column("date", msg.H_DATE), Column("cite", msg.H_CITE, wrap=True),
    ]
    emit(fmt, rows, columns, msg.CANDIDATES_TITLE.format(year=y), empty=msg.CANDIDATES_NONE.format(year=y),
         output=output, force=force)


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
    sanction: SanctionOpt = None, coordinated_with: CoordinatedOpt = None, procedure: ProcedureOpt = None,
    measure_reason: MeasureReasonOpt = None,
    by: ActorOpt = None, doc: DocOpt = None, date: CaseDateOpt = None, note: NoteOpt = None, db: DbOpt = None,
):
    """相关政府或部门提出问责处理意见(追究办法 第九条(二)); 退回后重新提出亦用此命令。"""
    _record_move("propose", case_id, by, date, doc, note, db, sanctions=tuple(sanction or ()),
                 coordinated_with=coordinated_with, procedure=procedure, measure_reason=measure_reason)


_plain_move("review", "主管部门审核问责处理意见, 报送督查室(追究办法 第九条(三))。")
_plain_move("confirm", "督查室复核同意, 转有关政府或部门执行(追究办法 第九条(三))。")
_reasoned_move("return", "督查室复核认为处理意见不当, 退回重新提出(追究办法 第九条(三)); 须 --reason。")
_plain_move("execute", "有关政府或部门实施问责, 结果报送督查室(追究办法 第九条(四))。")


@case_app.command("publish")
def case_publish(
    case_id: CaseArg,
    scope: Annotated[Optional[str], typer.Option("--scope", help="内部通报(internal) 或 公开通报(public)")] = None,
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
    sanction: SanctionOpt = None, coordinated_with: CoordinatedOpt = None, procedure: ProcedureOpt = None,
    measure_reason: MeasureReasonOpt = None,
    by: ActorOpt = None, date: CaseDateOpt = None, doc: DocOpt = None, db: DbOpt = None,
):
    """记录复核或申诉的结果: --upheld 维持 或 --changed 变更(追究办法 第九条(二))。

    --changed 须用 --sanction 给出变更后的问责方式(写法同 propose), 此后即为案件的问责方式,
    case show、case list 与公开名单均按变更后的给出; 原处理意见保留在办理经过中。"""
    from jcdc import cases
    from jcdc.model import InputError

    if upheld == changed:
        raise InputError(msg.CASE_OUTCOME_ONE)
    case = cases.appeal_result(open_db(db), case_id, "upheld" if upheld else "changed", text, _case_day(date),
                               by, doc, sanctions=tuple(sanction or ()), coordinated_with=coordinated_with,
                               procedure=procedure, measure_reason=measure_reason)
    say(msg.CASE_APPEALED.format(id=case.id, action=msg.CASE_ACTION["appeal-result"]))


@case_app.command("interview")
def case_interview(
    case_id: CaseArg,
    date: Annotated[Optional[str], typer.Option("--date", "-d", help="约谈日期; 默认为今天")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="约谈的机关, 如 市政府办公厅")] = None,
    with_: Annotated[Optional[list[str]], typer.Option(
        "--with", help="约谈对象 姓名:职务(单位主要负责人), 可多次给出")] = None,
    doc: DocOpt = None, note: NoteOpt = None, db: DbOpt = None,
):
    """登记对受通报单位主要负责人的约谈(追究办法 第六条(二)); 复核同意后{execute_months_cn}个月内未约谈的, 列入 jcdc due。"""
    from jcdc import cases

    case = cases.interview(open_db(db), case_id, by, tuple(with_ or ()), _case_day(date), doc, note)
    last = case.interviews[-1]
    say(msg.CASE_INTERVIEW_DONE.format(id=case.id, date=last.date, by=last.by,
                                       with_="、".join(f"{p.name}({p.post})" for p in last.persons)))


@case_app.command("show")
def case_show(case_id: CaseArg, fmt: FormatOpt = Format.table, output: OutputOpt = None,
              force: ForceOpt = False, db: DbOpt = None):
    """一个案件: 当事人、问责方式, 及其全部办理经过。"""
    from jcdc import cases
    from jcdc.output import Column, emit, emit_json, emit_table

    store = open_db(db, read_only=True)
    case = cases.get(store, case_id).as_json()
    if fmt is Format.json and output is None:
        emit_json(case)
        return
    if fmt is Format.table and output is None:
        fields = [(msg.H_CASE, case["id"]), (msg.H_UNIT, _subject_text(case)),
                  (msg.H_TRIGGER, f"{_trigger_label(case['trigger'])}({case['cite']})"),
                  (msg.H_STATE, msg.CASE_STATE[case["state"]]), (msg.H_SUMMARY, case["summary"]),
                  (msg.H_PERSONS, _persons_cell(case["persons"])),
                  (msg.H_SANCTIONS, _sanction_cell(case["sanctions"]))]
        interview = _interview_cell(store, case)
        if interview:
            fields.append((msg.H_INTERVIEW, interview))
        emit_table([{"field": k, "value": v} for k, v in fields],
                   [Column("field", msg.H_FIELD), Column("value", msg.H_VALUE, wrap=True)])
    steps = [{**step, "detail": _step_detail(step)} for step in case["history"]]
    emit(fmt, steps, _history_columns(), msg.CASE_HISTORY_TITLE, output=output, force=force,
         below=_history_below(), label=_step_label)


def _interview_cell(store, case: dict) -> str:
    """第六条(二): the interviews recorded, or when one is due."""
    from jcdc import cases

    if case["interviews"]:
        return "; ".join(f"{i['date']} {i['by']} {msg.H_INTERVIEW} {_persons_cell(i['with'])}"
                         for i in case["interviews"])
    due = next((d for d in cases.due_items(store) if d.kind == "interview" and d.id == case["id"]), None)
    return msg.CASE_INTERVIEW_NONE.format(due=due.due) if due else ""


@case_app.command("list")
def case_list(
    state: Annotated[Optional[str], typer.Option("--state", help="案件状态, 如 已移交线索(open)、已复核同意(confirmed)、已结案(closed)")] = None,
    year: YearOpt = None, unit: UnitOpt = None,
    public: Annotated[bool, typer.Option(
        "--public", help="只列出以 --scope public 公开通报结案的案件, 且只含通报所载内容: 单位、"
                    "被问责人姓名职务、情形、问责方式、日期和文号(当事人姓名属个人信息)")] = False,
    text: Annotated[Optional[str], typer.Option(
        "--text", help="案件中含有的文字: 编号、单位、情况摘要、当事人、各步骤的文号、说明和原因; "
                       "与 --public 同用时只查通报所载内容")] = None,
    fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False,
    db: DbOpt = None,
):
    """列出案件, 可按状态、立案年度、单位、文字筛选; 表格末行为合计件数。"""
    from jcdc import cases
    from jcdc.session import parse_year
    from jcdc.output import emit
    from jcdc.rules.zhuijiu import parse_state

    found = cases.list_cases(open_db(db, read_only=True), parse_state(state) if state else None,
                             parse_year(year) if year else None, unit, public, text)
    total = msg.CASES_TOTAL.format(count=len(found))
    if public:  # what a public notice carries, in every format
        emit(fmt, [c.public_json() for c in found], _public_case_columns(), msg.CASES_PUBLIC_TITLE,
             caption=total, empty=msg.CASES_NONE, output=output, force=force)
        return
    emit(fmt, [c.as_json() for c in found], _case_columns(), msg.CASES_TITLE, caption=total,
         empty=msg.CASES_NONE, output=output, force=force)


# The command names this module answers to (jcdc/cli.py).
COMMANDS = {
    "case": case_app,
}
