"""One exit code for one kind of mistake, in every option (README: 1 means
refused, 2 a usage mistake):

- 2: the value is not one the option takes — a date that does not parse, is not
  on the calendar or is outside 2000 … a year ahead, a quarter or a year that
  does not parse, a count below 1 or beyond its bound, a choice not among the
  option's own;
- 1: a well-formed value the ledger refuses — an event dated after today, a
  unit or rule the ledger does not know, a quarter that is closed.

The sweep walks every command and gives each of its date, quarter and year
options a bad value, so that an option added later is swept too.
"""

from __future__ import annotations

import pytest
import typer

from test_pools import add_roster

# What a required parameter is given while another option is swept: records the fixture holds.
ARGUMENTS = {"CASE_ID": "2019-001", "INSPECTOR": "1", "TASK": "1", "DRAW": "1", "MATTER_ID": "2019-0001",
             "FIX_ID": "1", "ENTRY_ID": "1", "ENTRY_IDS": "1", "UNIT": "gaoping", "QUARTER": "2019Q1",
             "CODE": "szz", "NAME": "某某", "INSPECTORS": "1", "NEW_NAME": "市高平某局", "UNITS": "gaoping"}
OPTIONS = {"--reason": "测试理由", "--unit": "gaoping", "--rule": "problem", "--category": "city",
           "--doc": "晋督字〔2019〕1号", "--pool": "专职", "--kind": "专项督查", "--team": "第一组",
           "--target": "泽州县", "--title": "标题", "--lead": "泽州县", "--what": "内容", "--node": "1",
           "--rating": "良好", "--days": "5", "--approved-by": "主任", "--plan": "计划", "--text": "内容",
           "--yes": None, "--year": "2019", "--quarter": "2019Q2",
           "--into": "泽州县"}
DATES = ("--date", "--on", "--since", "--until", "--start", "--end", "--from", "--opened", "--due",
         "--effective", "--valid-from", "--inspection-end")
GOOD_DATE = "2019-05-06"
# What a command needs beyond its required parameters (one of several, or all of a group).
NEEDS = {("notice",): ["--quarter", "2019Q2"], ("statement",): ["--quarter", "2019Q2"],
         ("case", "open"): ["--unit", "泽州县", "--trigger", "不作为", "--summary", "摘要"],
         ("case", "appeal-result"): ["--upheld"],
         ("fix", "add"): ["--unit", "泽州县", "--what", "整改", "--class", "督查组定", "--from", GOOD_DATE]}
# Commands whose FILE is not what this sweep is about.
SKIPPED = {("prior", "add"), ("rules", "adopt")}


def _commands():
    from jcdc.cli import app

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path, command

    return list(walk(typer.main.get_command(app), []))


def _swept(kinds):
    found = []
    for path, command in _commands():
        if tuple(path) in SKIPPED:
            continue
        for param in command.params:
            if param.param_type_name == "option" and param.opts[0] in kinds:
                found.append((path, param.opts[0], command))
    return found


def _argv(path, command, swept: str, value: str, tmp_path) -> list[str]:
    argv = list(path)
    needs = NEEDS.get(tuple(path), [])
    for n, word in enumerate(needs):
        periods = ("--year", "--quarter")
        if word.startswith("--") and word != swept and not (word in periods and swept in periods):
            argv.append(word)
            if n + 1 < len(needs) and not needs[n + 1].startswith("--"):
                argv.append(needs[n + 1])
    for param in command.params:
        name = param.opts[0] if param.param_type_name == "option" else param.name.upper()
        if name == swept:
            argv += [swept, value]
        elif not param.required:
            continue
        elif param.param_type_name == "argument":
            argv.append(ARGUMENTS[name])
        elif name == "--output":
            argv += [name, str(tmp_path / ("告知单" if path[0] == "statement" else "通报.docx"))]
        elif name in DATES:
            argv += [name, GOOD_DATE]
        elif OPTIONS[name] is None:
            argv.append(name)
        else:
            argv += [name, OPTIONS[name]]
    return argv


@pytest.fixture
def ledger(cli, store):
    """One record of each kind the commands name: entry 1, case 2019-001, task 1
    with draw 1, inspector 1, matter 2019-0001, rectification item 1."""
    add_roster(store)
    cli.ok("points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-06")
    cli.ok("case", "open", "--unit", "泽州县", "--trigger", "不作为", "--summary", "摘要", "--date", "2019-05-01")
    cli.ok("task", "add", "专项督查一", "--kind", "专项督查", "--start", "2019-05-06", "--end", "2019-05-10")
    cli.ok("draw", "run", "1", "--team", "第一组", "--target", "泽州县", "--full", "1", "--part", "0",
           "--invited", "0")
    cli.ok("matter", "add", "2019-0001", "--title", "事项", "--lead", "泽州县", "--opened", "2019-05-05")
    cli.ok("fix", "add", "--unit", "泽州县", "--what", "整改", "--class", "一般", "--from", "2019-05-05")
    return cli


DATE_OPTIONS = _swept(DATES)


def test_the_sweep_reaches_the_options_it_means():
    names = {(" ".join(p), o) for p, o, _ in DATE_OPTIONS}
    assert {("points add", "--date"), ("matter overdue", "--on"), ("task return-report", "--date"),
            ("case verify", "--date"), ("fix extend", "--date"), ("due", "--on")} <= names
    assert len(names) >= 40


@pytest.mark.parametrize("value", ["2019-13-45", "昨天", "2019-02-30", "1999-12-31"])
def test_a_date_that_is_no_date_is_a_usage_mistake_in_every_option(ledger, tmp_path, value):
    wrong = []
    for path, option, command in DATE_OPTIONS:
        argv = _argv(path, command, option, value, tmp_path)
        result = ledger(*argv)
        if result.exit_code != 2 or value not in result.stderr or len(result.stderr.splitlines()) != 1:
            wrong.append((" ".join(argv), result.exit_code, result.stderr.strip()))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.parametrize("kind,value", [("--quarter", "2019Q5"), ("--year", "20x9"), ("--year", "1999")])
def test_a_quarter_or_year_that_is_none_is_a_usage_mistake_in_every_option(ledger, tmp_path, kind, value):
    wrong = []
    for path, option, command in _swept((kind,)):
        argv = _argv(path, command, option, value, tmp_path)
        result = ledger(*argv)
        if result.exit_code != 2 or value not in result.stderr:
            wrong.append((" ".join(argv), result.exit_code, result.stderr.strip()))
    assert wrong == [], "\n".join(map(str, wrong))


# An event after today is refused (1) by every command that records what happened.


@pytest.mark.parametrize("argv", [
    ["points", "add", "-u", "泽州县", "-r", "problem", "-d", "{future}"],
    ["case", "verify", "2019-001", "--by", "市发改委", "--date", "{future}"],
    ["matter", "overdue", "--on", "{future}"],
    ["matter", "overdue", "--on", "{future}", "--charge"],
    ["task", "return-report", "1", "--team", "第一组", "--reason", "补充材料", "--date", "{future}"],
    ["fix", "extend", "1", "--days", "5", "--approved-by", "主任", "--plan", "计划", "--date", "{future}"],
    ["rank", "--year", "{future_year}"],
])
def test_a_date_after_today_is_a_refusal_everywhere(ledger, argv):
    import datetime as dt

    from jcdc.session import today

    future = today() + dt.timedelta(days=30)
    argv = [a.format(future=future.isoformat(), future_year=today().year + 1) for a in argv]
    result = ledger(*argv)
    assert result.exit_code == 1, (argv, result.stderr)
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("argv,code", [
    (["points", "add", "-u", "泽州县", "-r", "late-material", "-d", "2019-05-07", "--qty", "0"], 2),
    (["points", "add", "-u", "泽州县", "-r", "late-material", "-d", "2019-05-07", "--qty", "-1"], 2),
    (["points", "add", "-u", "泽州县", "-r", "late-material", "-d", "2019-05-07", "--qty", "x"], 2),
    (["points", "add", "-u", "泽州县", "-r", "late-material", "-d", "2019-05-07", "--qty", "1000"], 2),
    (["due", "--within", "-1"], 2),
    (["fix", "extend", "1", "--days", "0", "--approved-by", "主任", "--plan", "计划"], 2),
    (["points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-07", "--role", "boss"], 2),
    (["task", "add", "x", "--kind", "巡视", "--start", "2019-05-06", "--end", "2019-05-10"], 2),
    (["points", "add", "-u", "泽州", "-r", "problem", "-d", "2019-05-07"], 1),
    (["points", "add", "-u", "泽州县", "-r", "problems", "-d", "2019-05-07"], 1),
    (["rank", "--year", "2019", "--group", "省直"], 1),
    (["points", "add", "-u", "高平市", "-r", "commend", "-d", "2019-05-07", "--points", "25"], 1),
])
def test_counts_and_choices_one_code_for_one_kind(ledger, argv, code):
    result = ledger(*argv)
    assert result.exit_code == code, (argv, result.stderr)
    assert len(result.stderr.splitlines()) == 1
