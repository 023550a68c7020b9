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

import typer
from typer._click.exceptions import BadParameter, MissingParameter, NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperGroup

from jcdc import messages as msg
from jcdc.model import JcdcError


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


def make_typer(help_text: str) -> typer.Typer:
    return typer.Typer(cls=JcdcGroup, help=help_text, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


ROOT_HELP = "jcdc — 晋城市政府办公厅督查室 督查台账: 激励积分与排名、责任追究、一网三库、快速处置。"


# Each name the clerk types, in the order --help lists them, and the module
# under jcdc/commands that holds it.
COMMANDS = {
    "init": "ledger", "rank": "ranking", "demo": "ledger", "due": "fixes", "report": "ranking",
    "check": "ledger", "close": "ledger", "reopen": "ledger", "backup": "ledger",
    "unit": "units", "rules": "rules", "points": "points", "case": "cases", "inspector": "pools",
    "task": "pools", "draw": "pools", "matter": "matters", "fix": "fixes",
}


def build(names) -> typer.Typer:
    """The app holding the commands `names`, importing only their modules.

    typer builds every command's parameters at each start, about 55 ms for all
    of jcdc here; one group takes a few. Start-up is a target (docs/benchmarks.md).
    """
    import importlib

    root = make_typer(ROOT_HELP)
    root.callback(help=ROOT_HELP)(lambda: None)
    for name in names:
        command = importlib.import_module(f"jcdc.commands.{COMMANDS[name]}").COMMANDS[name]
        if isinstance(command, typer.Typer):
            root.add_typer(command, name=name)
        else:
            root.command(name)(command)
    return root


def _only(name: str | None) -> typer.Typer:
    """The app with only the command or group `name` in it; all of it when the
    command line names none that jcdc knows (for --help and the usage error)."""
    return build([name] if name in COMMANDS else COMMANDS)


def __getattr__(name: str):
    if name == "app":  # the whole app, for tests and tools that walk every command
        return build(COMMANDS)
    raise AttributeError(name)


def main() -> None:
    name = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    _only(name)(prog_name="jcdc")
