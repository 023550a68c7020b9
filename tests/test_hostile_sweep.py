"""Every command, every option and argument, a catalogue of hostile values:
a refusal in one line (exit 1 or 2) or success — never 内部错误, never a traceback
(issue 11 item 9).

The sweep walks the typer app, so a command added later is swept without
anyone listing it. Each option or argument gets each hostile value once, with
the command's other required values valid, in a fixed order, on one ledger
seeded with one of everything (an entry, a case, an inspector, a task, a
draw, a matter, a rectification item).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

from jcdc.cli import app
from jcdc.messages import ERROR_PREFIX
from jcdc.store import open_store
from jcdc.units import load_roster
from test_help import _commands

HOSTILE = {
    "empty": "",
    "blank": " \t ",
    "nul": "泽州\x00县",
    "esc": "\x1b[2J\x1b[31m泽州县",
    "megabyte": "泽" * (1 << 20),
    "full-width": "２０１９－０３－０５",
    "full-width-number": "１２",
    "zero-width": "泽\u200b州县",
    "bidi": "\u202ezz",
    "cyrillic": "zеzhou",  # a Cyrillic е
    "surrogate": "\udcff",
    "date-far": "9999-12-31",
    "date-old": "1900-01-01",
    "quarter-zero": "0000Q1",
    "quarter-far": "9999Q4",
    "huge-number": "99999999999999999999",
    "negative": "-1",
    # issue 18 items 11, 15, 16: what no document can carry, look-alikes, other digits
    "noncharacter": "泽州\ufffe县",
    "line-separator": "泽州\u2028县",
    "look-alike": "巿财政局",  # 巿 U+5DFF for 市
    "combining": "泽州县\u0301",
    "other-digits": "١٥",
    "underscore-number": "1_0",
}

# A valid value for each parameter, by its name; a few commands need their own.
VALID = {
    "unit": "zezhou", "rule": "problem", "date": "2019-05-10", "role": "lead", "points": "1",
    "qty": "1", "matter": "2019-0001", "ref": "晋督字〔2019〕1号", "note": "备注", "scorer": "督查室",
    "reason": "理由", "by": "测试员", "year": "2019", "quarter": "2019Q2", "group": "县区", "on": "2019-05-10",
    "within": "7", "entry_id": "1", "encoding": "auto", "person": "张三:副县长", "trigger": "inaction",
    "summary": "摘要", "from_rank": "2019", "doc": "晋督〔2019〕2号", "case_id": "2019-001",
    "sanction": "unit:检查", "coordinated_with": "市纪委", "procedure": "程序", "scope": "internal",
    "text": "内容", "state": "open", "name": "赵六", "pool": "full", "region": "zezhou", "expertise": "安全生产",
    "phone": "13800000000", "since": "2019-01-01", "inspector": "1", "kind": "special", "start": "2019-03-01",
    "end": "2019-03-10", "task": "1", "team": "第一组", "target": "jyj", "full": "1", "part": "0",
    "invited": "0", "attendant": "司机甲", "seed": "x", "seed_source": "抽取会现场掷骰", "override_reason": "理由", "draw": "1",
    "matter_id": "2019-0001", "title": "农村饮水安全", "lead": "泽州县", "opened": "2019-05-05",
    "coop": "高平市", "cls": "general", "due": "2019-05-20", "what": "整改道路破损", "node": "1",
    "rating": "合格", "demanded": "2019-05-05", "inspection_end": "2019-05-10", "fix_id": "1",
    "days": "10", "approved_by": "市政府分管副市长", "plan": "方案", "report": "晋督整〔2019〕3号",
    "code": "h", "category": "county", "alias": "hh", "valid_from": "2019-01-01",
}
OWN = {
    ("task", "add", "name"): "专项督查",
    ("unit", "add", "name"): "测试县",
    ("unit", "end", "unit"): "spare",
    ("close", "quarter"): "2019Q1",
    ("reopen", "quarter"): "2019Q1",
    ("rules", "show", "code"): "problem",
    ("draw", "run", "team"): "第二组",
    ("inspector", "update", "inspector"): "2",
}
# Options a command needs in practice though typer does not require them, so
# that a hostile value in another option meets a command that would succeed.
GIVEN = {
    ("rank",): ["year"], ("report",): ["output"],
    ("case", "open"): ["unit", "trigger", "summary", "date"],
    ("case", "appeal-result"): ["upheld", "text"],
    ("inspector", "add"): ["since"], ("inspector", "update"): ["name"],
    ("draw", "run"): ["full", "part", "invited", "seed", "seed_source"],
    ("matter", "add"): ["coop"],
}
CASE_MOVES = {"verify", "dismiss", "propose", "review", "confirm", "return", "execute", "publish", "appeal"}
# Not swept: output formats (typer's choices). Files read and written and the
# ledger's path are swept like any value (the `files` tests cover a missing,
# read-only or damaged ledger), a valid one given when another option is swept.
SKIP = {"fmt"}
FILE_PARAMS = {"output", "path", "file", "problems", "typical"}


ROOT = typer.main.get_command(app)  # built once: typer takes ~20 ms to build it
COMMANDS = list(_commands(ROOT))


class Ledger:
    def __init__(self, folder: Path):
        self.folder = folder
        self.db = folder / "jcdc.db"
        self.count = itertools.count()
        self.runner = CliRunner()
        self.files = {
            "unit import": folder / "units.csv", "inspector import": folder / "inspectors.csv",
            "points import": folder / "points.csv", "problems": folder / "problems.csv",
            "typical": folder / "typical.csv",
        }
        self.files["unit import"].write_text("code,name,category\nhx1,导入县,county\n", encoding="utf-8")
        self.files["inspector import"].write_text("name,pool,unit\n钱七,full,fgw\n", encoding="utf-8")
        self.files["points import"].write_text(
            "date,unit,rule,role\n2019-05-11,gaoping,problem,lead\n", encoding="utf-8")
        for key in ("problems", "typical"):
            self.files[key].write_text("问题\n道路破损\n", encoding="utf-8")

    def __call__(self, *args: str):
        args = [str(a) for a in args]
        return self.runner.invoke(ROOT, args,
                                  env={"JCDC_DB": str(self.db), "JCDC_USER": "测试员"},
                                  catch_exceptions=True, prog_name="jcdc")

    def ok(self, *args: str):
        result = self(*args)
        assert result.exit_code == 0, result.output
        return result

    def given(self, path: tuple[str, ...], param) -> bool:
        """Whether the command line carries `param` when it is not the one swept."""
        if param.required or param.name in GIVEN.get(path, ()):
            return True
        return path[0] == "case" and path[-1] in CASE_MOVES and param.name in ("by", "reason", "sanction",
                                                                              "scope", "text")

    def valid(self, path: tuple[str, ...], param) -> str:
        command = " ".join(path)
        if param.name in FILE_PARAMS:
            if command in self.files:
                return str(self.files[command])
            if param.name in self.files:
                return str(self.files[param.name])
            return str(self.folder / f"out-{next(self.count)}.{'xlsx' if path == ('report',) else 'csv'}")
        if path[0] == "draw" and param.name == "inspector":
            return self.member
        value = OWN.get((*path, param.name), VALID.get(param.name, "x"))
        if (param.name == "code" and path == ("unit", "add")) or (param.name, path) == (
                "matter_id", ("matter", "add")):
            value = f"{value}{next(self.count)}" if param.name == "code" else f"2019-{1000 + next(self.count)}"
        return value


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    patch = pytest.MonkeyPatch()
    # typer's runner rebuilds the click command from the app at each call; ROOT is built.
    patch.setattr(typer.testing, "_get_command", lambda built: built)
    patch.chdir(folder)  # a file named by a hostile value lands here
    led = Ledger(folder)
    store = open_store(led.db)
    load_roster(store, "测试")
    store.close()
    led.ok("unit", "add", "spare", "备用单位", "--category", "city")
    led.ok("points", "add", "--unit", "zezhou", "--rule", "problem", "--date", "2019-05-10")
    led.ok("case", "open", "--unit", "泽州县", "--person", "张三:副县长", "--trigger", "inaction",
           "--summary", "重点项目推进缓慢", "--date", "2019-03-01")
    for name, pool, unit in [("张伟", "full", "fgw"), ("王芳", "full", "czj"), ("李强", "full", "jyj"),
                             ("周杰", "part", "czj"), ("马军", "invited", "gdgs")]:
        led.ok("inspector", "add", name, "--pool", pool, "--unit", unit, "--since", "2019-01-01")
    led.ok("task", "add", "2019年环保专项督查", "--kind", "special", "--start", "2019-03-01",
           "--end", "2019-03-10")
    drawn = led.ok("draw", "run", "2019年环保专项督查", "--team", "第一组", "--target", "jyj", "--full", "1",
                   "--part", "0", "--invited", "0", "--seed", "x", "--seed-source", "测试用公开种子", "--format", "json")
    led.member = str(json.loads(drawn.stdout)["members"][0]["inspector"])
    led.ok("matter", "add", "2019-0001", "--title", "农村饮水安全", "--lead", "泽州县", "--opened", "2019-05-05")
    led.ok("fix", "add", "--unit", "泽州县", "--what", "整改道路破损", "--class", "general", "--from", "2019-05-05")
    yield led
    patch.undo()


def _args(ledger: Ledger, path, command, target=None, value=None) -> list[str]:
    """The command line: every required parameter valid, `target` given `value`."""
    args: list[str] = list(path)
    for param in command.params:
        if param.name in SKIP:
            continue
        if getattr(param, "is_flag", False):
            args += [param.opts[0]] if ledger.given(path, param) else []
            continue
        given = param is target
        if not (given or ledger.given(path, param)):
            continue
        text = value if given else ledger.valid(path, param)
        if param.param_type_name == "option":
            args += [param.opts[0], text]
        else:
            args.append(text)
    return args


def _swept(command):
    return [p for p in command.params
            if p.name not in SKIP and not getattr(p, "is_flag", False) and p.param_type_name in ("option", "argument")]


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_no_hostile_value_reaches_an_internal_error(ledger, path, command):
    failures = []
    for param in _swept(command):
        for label, value in HOSTILE.items():
            result = ledger(*_args(ledger, path, command, param, value))
            out = result.stderr + result.stdout
            if (result.exception is not None and not isinstance(result.exception, SystemExit)) \
                    or "内部错误" in out or "Traceback" in out:
                first = (out.strip().splitlines() or [repr(result.exception)])[0][:200]
                failures.append(f"{param.name}={label}: {first} {type(result.exception).__name__}")
            elif result.exit_code not in (0, 1, 2):
                failures.append(f"{param.name}={label}: exit {result.exit_code}")
            elif result.exit_code and not result.stderr.startswith(ERROR_PREFIX) and "Usage" not in out:
                failures.append(f"{param.name}={label}: exit {result.exit_code} without one line: {out[:200]!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.windows
@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_runs_with_valid_values(ledger, path, command):
    """Every command once, its values valid: on the Windows leg of CI (-m windows)
    each command is run on Windows Python, with the code page 936. It succeeds,
    or refuses the state of the sweep's one ledger (a case not at the step a move
    needs, a code taken, an option this command needs besides) in one line:
    never 内部错误, never a traceback."""
    result = ledger(*_args(ledger, path, command))
    out = result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "内部错误" not in out and "Traceback" not in out, out[:300]
    assert result.exit_code == 0 or (result.exit_code in (1, 2) and result.stderr.startswith(ERROR_PREFIX)
                                     and result.stderr.count("\n") == 1), (result.exit_code, out[:300])
