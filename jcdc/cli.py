"""The command line: wiring and options only. No SQL and no rules here.

Each command opens the ledger, makes one or two calls into the use-case
modules, and renders what they return. A JcdcError becomes one line on stderr
("错误: …") and exit code 1 (refused) or 2 (usage mistake) — never a traceback.
Heavy modules are imported inside the commands that need them: start-up time
is a target (docs/benchmarks.md).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer._click.formatting import HelpFormatter
from typer._click.exceptions import BadParameter, MissingParameter, NoArgsIsHelpError, NoSuchOption, UsageError
from typer._click.types import IntParamType, IntRange
from typer.core import TyperCommand, TyperGroup
from typer.models import TyperPath

from jcdc import messages as msg
from jcdc.model import InputError, JcdcError


# **Reading**: no whole number a clerk types — an id, a
# count, a number of days — is near a billion; a larger one is a mistake
# (99999999999999999999 once reached SQLite and ended in an internal error).
LARGEST_NUMBER = 999_999_999


class BoundedInt(IntRange):
    """Every integer option and argument of every command: at most LARGEST_NUMBER
    either way, within the command's own range if it has one."""

    name = "integer"  # a word that is not a number still reads USAGE_NOT_INTEGER

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            from jcdc.model import ascii_digits, is_whole_number

            # int() would read ١٢ (Arabic-Indic) and 1_0 (Python's underscore) as 12 and 10.
            if not is_whole_number(value):
                self.fail(value, param, ctx)  # USAGE_NOT_INTEGER (_usage_message)
            value = ascii_digits(value)  # １２ as a Chinese input method types it: 12
        number = IntParamType.convert(self, value, param, ctx)  # a whole number, or BadParameter
        if not self.min <= number <= self.max:
            name = param.get_error_hint(ctx) if param is not None and ctx is not None else str(value)
            raise InputError(msg.INTEGER_OUT_OF_RANGE.format(name=name, low=self.min, high=self.max))
        return number


# Windows' longest path, in UTF-16 code units: Python's file functions raise a
# ValueError ("path too long for Windows") on a longer one, where POSIX says
# ENAMETOOLONG. A longer path is no file's name on any system jcdc runs on.
LONGEST_PATH = 32767


def _nul_free(convert):
    """A file name's conversion, refusing a NUL first and a path longer than any
    system allows: no file system has such a name, and Python's file functions
    stop on one with a ValueError, not an OSError."""
    def checked(value, param, ctx):
        if isinstance(value, str) and ("\x00" in value or len(value) > LONGEST_PATH // 2):
            name = param.get_error_hint(ctx) if param is not None and ctx is not None else value
            if "\x00" in value:
                raise InputError(msg.PATH_NUL.format(name=name))
            length = len(value.encode("utf-16-le", "surrogatepass")) // 2
            if length > LONGEST_PATH:
                raise InputError(msg.PATH_TOO_LONG.format(name=name, length=length, max=LONGEST_PATH))
        return convert(value, param, ctx)
    return checked


def _guard_params(command) -> None:
    """Bound each integer parameter of `command` and keep NULs out of its file
    names, once; a command added later is guarded without anyone listing it."""
    if getattr(command, "_jcdc_guarded", False):
        return
    for param in command.params:
        kind = param.type
        if isinstance(kind, IntParamType) and not isinstance(kind, BoundedInt):
            low = kind.min if isinstance(kind, IntRange) and kind.min is not None else -LARGEST_NUMBER
            high = kind.max if isinstance(kind, IntRange) and kind.max is not None else LARGEST_NUMBER
            param.type = BoundedInt(max(low, -LARGEST_NUMBER), min(high, LARGEST_NUMBER))
        elif isinstance(kind, TyperPath):
            kind.convert = _nul_free(kind.convert)
    command._jcdc_guarded = True


class ChineseHelpFormatter(HelpFormatter):
    """--help in the clerk's language: typer writes its scaffolding (Usage,
    Options, [required], the completion options …) in English; this formatter
    writes it in Chinese before the lines are wrapped."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        words = [msg.HELP_USAGE_WORDS.get(w.removesuffix("..."), w.removesuffix("...")) + "..." * w.endswith("...")
                 for w in args.split(" ")]
        super().write_usage(prog, " ".join(words), msg.HELP_USAGE if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(msg.HELP_HEADINGS.get(heading, heading))

    def write_text(self, text: str) -> None:
        """A command's description, wrapped by display width: a Chinese character takes two columns."""
        from jcdc.terminal import wrap

        indent = " " * self.current_indent
        text = _figures(text)
        for n, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
            if n:
                self.write("\n")
            for line in wrap(" ".join(paragraph.split()), max(self.width - self.current_indent, 20),
                             brackets=False):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands: each description beside its name, wrapped by display width."""
        from jcdc.terminal import width, wrap

        rows = [(term, _translate_help(text)) for term, text in rows]
        first = min(max((width(term) for term, _ in rows), default=0), col_max) + col_spacing
        room = max(self.width - first - self.current_indent, 20)
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            if not text:
                self.write("\n")
                continue
            if width(term) <= first - col_spacing:
                self.write(" " * (first - width(term)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            lines = wrap(" ".join(text.split()), room, brackets=False)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first + self.current_indent) + line + "\n")


def _figures(text: str) -> str:
    """A help text with the figures of the rule set in force: the ledger's (--db
    or $JCDC_DB, its current version) where one is given and opens, else the
    package's default (jcdc.ruleset.words)."""
    from jcdc.ruleset.words import fill

    return fill(text, _help_rules())


_HELP_DB: list[str] = []  # --db as the command line gives it, seen before --help acts


def _help_rules():
    from jcdc import ruleset
    from jcdc.rulebook import RuleBook
    from jcdc.store import open_store

    path = _HELP_DB[-1] if _HELP_DB else os.environ.get("JCDC_DB")
    if path and Path(path).is_file():
        try:
            store = open_store(Path(path), create=False, read_only=True)
            try:
                return RuleBook.of(store).current.rules
            finally:
                store.close()
        except Exception:  # a ledger help cannot read: help still answers, in the default figures
            pass
    return ruleset.builtin()


def _translate_help(text: str) -> str:
    text = _figures(msg.HELP_TEXTS.get(text, text))

    def extras(found) -> str:
        parts = [_extra(p) for p in found.group(1).split("; ") if not _RANGE.match(p)]
        if "(必填)" in text[:found.start()]:  # the help text says it already
            parts = [p for p in parts if p != msg.HELP_EXTRAS["required"]]
        return "[" + "; ".join(parts) + "]" if parts else ""

    return _HELP_EXTRA.sub(extras, text).rstrip()


_HELP_EXTRA = re.compile(r"\[((?:env var: |default: |required|-?\d+<=x|x>=|x<=)[^\]]*)\]$")
# The bounds typer shows for a number (-999999999<=x<=999999999): the guard against
# absurd input, not something a clerk chooses; the option's own help says what is valid.
_RANGE = re.compile(r"^(-?\d+<=)?x(<=-?\d+|>=-?\d+)?$")


def _extra(part: str) -> str:
    for english, chinese in msg.HELP_EXTRAS.items():
        if part.startswith(english):
            return chinese + part[len(english):]
    return part


class JcdcContext(typer.Context):
    formatter_class = ChineseHelpFormatter


class ChineseHelp:
    """Help in Chinese (ChineseHelpFormatter), `-h` like `--help`, and a
    command's one-line description never cut short with "…"."""

    context_class = JcdcContext

    def get_short_help_str(self, limit: int = 45) -> str:
        import inspect

        return " ".join(_figures(inspect.cleandoc(self.short_help or self.help or "")).split("\n\n")[0].split())

    def parse_args(self, ctx, args):
        """--db is noted before --help acts, so help names that ledger's figures."""
        if ctx.parent is None:  # a new command line
            _HELP_DB.clear()
        for i, arg in enumerate(args):
            if arg == "--db" and i + 1 < len(args):
                _HELP_DB.append(args[i + 1])
            elif arg.startswith("--db="):
                _HELP_DB.append(arg[len("--db="):])
        return super().parse_args(ctx, args)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = msg.HELP_OPTION
        return option


class JcdcCommand(ChineseHelp, TyperCommand):
    """A leaf command, with its help in Chinese."""


class JcdcTyper(typer.Typer):
    """A typer app whose commands are JcdcCommands unless told otherwise."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", JcdcCommand)
        return super().command(*args, **kwargs)


class JcdcGroup(ChineseHelp, TyperGroup):
    """Turns a domain error raised anywhere below into one line and an exit code."""

    def list_commands(self, ctx) -> list[str]:
        """In the order of a clerk's day (COMMANDS), not the order typer built them."""
        order = list(COMMANDS)
        return sorted(super().list_commands(ctx), key=lambda n: order.index(n) if n in order else len(order))

    def parse_args(self, ctx, args):
        """Mistakes in the root's own options (`jcdc --nope`) get the one Chinese line too."""
        _guard_params(self)  # the root's --db refuses a NUL as every command's does
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as e:
            _fail(_usage_message(e), 2)

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            _guard_params(command)
        return name, command, rest

    def invoke(self, ctx):
        # No connection outlives its command: Windows keeps a file that one holds
        # from being replaced or deleted (a second `jcdc demo` in one process).
        # jcdc.store is not imported for it: a command that opens no ledger never loads it.
        store = sys.modules.get("jcdc.store")
        mark = store.opened_count() if store is not None else 0
        try:
            return self._invoke(ctx)
        finally:
            store = sys.modules.get("jcdc.store")
            if store is not None:
                store.close_opened_since(mark)

    def _invoke(self, ctx):
        from jcdc.ruleset import words

        words.use(None)  # until the command opens a ledger: the package's default rule set
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
            _reader_gone()
        except UnicodeEncodeError as e:  # bytes the terminal could not decode reach a write
            bad = e.object[e.start:e.end].encode("ascii", "backslashreplace").decode("ascii")
            _fail(msg.BAD_TEXT_ENCODING.format(text=bad), 2)
        except Exception as e:  # a bug: one line for the clerk, the traceback on request
            if reader_left(e):
                _reader_gone()
            refused = stdout_refused(e)
            if refused is not None:  # stdout on a full disk: the destination, not a bug
                _fail(msg.OUTPUT_REFUSED.format(reason=refused), 1)
            if type(e).__module__ == "sqlite3":  # a full disk, a damaged or read-only file: not a bug
                from jcdc.store import storage_error

                known = storage_error(e)
                if known is not None:
                    _fail(str(known), known.exit_code)
            if isinstance(e, ValueError) and str(e).endswith("too long for Windows"):
                # A path made from the clerk's (a folder and the names in it) beyond
                # Windows' limit: Python says so with a ValueError, not an OSError.
                _fail(msg.PATH_TOO_LONG_MADE.format(max=LONGEST_PATH), 1)
            if os.environ.get("JCDC_DEBUG") or e.__class__.__module__.startswith(("typer", "click")):
                raise
            _fail(msg.INTERNAL_ERROR.format(kind=type(e).__name__, text=e), 1)


def reader_left(e: BaseException) -> bool:
    """`e` says the reader of stdout's pipe has closed it (`| head`, `| more` quit):
    a broken pipe on POSIX; on Windows, writing to such a pipe fails with EINVAL."""
    if isinstance(e, BrokenPipeError):
        return True
    return os.name == "nt" and isinstance(e, OSError) and e.errno == errno.EINVAL and e.filename is None


def _reader_gone() -> None:
    # Python's advice: point stdout at devnull so the exit's flush raises nothing.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(1) from None


# What stdout (or the file it is redirected to) can refuse a write for: the
# destination's condition, not a bug.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def stdout_refused(e: BaseException) -> str | None:
    """The clerk's words for why stdout refused a write (`jcdc rank > F` on a
    full disk), or None when `e` is no such refusal. A file jcdc writes itself
    says so by name (jcdc/files.py), so an OSError without one is the output.
    What stdout still holds is sent nowhere from then on: the exit's flush
    must not fail a second time, with a traceback."""
    if not isinstance(e, OSError) or e.errno not in _OUTPUT_ERRNOS or e.filename is not None:
        return None
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no file behind stdout (the tests' runner): nothing to silence
        pass
    return msg.OUTPUT_REASONS.get(errno.errorcode.get(e.errno, ""), e.strerror or str(e))


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
    for pattern, text in _USAGE_WORDS:
        found = re.match(pattern, e.format_message())
        if found:
            return text.format(*found.groups()) + where
    return e.format_message() + where


# The rest of typer's usage messages, as it words them, and the clerk's words.
_USAGE_WORDS = [
    (r"Option '(.+?)' requires (?:an argument|\d+ arguments)", msg.USAGE_NEEDS_VALUE),
    (r"Option '(.+?)' does not take a value", msg.USAGE_TAKES_NO_VALUE),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", msg.USAGE_EXTRA_ARGS),
    (r"Missing command", msg.USAGE_NO_COMMAND_GIVEN),
]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A value the message quotes is shown up to this many characters: a megabyte
# pasted into an option is not echoed back whole.
_QUOTED = 100
_QUOTED_END = 40
_LONG_QUOTE = re.compile("「([^」]{%d,})」" % (_QUOTED + 1))


def _fail(text: str, code: int):
    """One line; a control character the clerk's input carried (an ESC, say) is
    shown as its code instead of acting on the terminal, a very long value cut."""
    line = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(text.split("\n")))
    # Its start and its end: a long path keeps its file name (Windows' temporary
    # and profile folders are long), a long value where it ends.
    line = _LONG_QUOTE.sub(lambda m: f"「{m.group(1)[:_QUOTED - _QUOTED_END]}…{m.group(1)[-_QUOTED_END:]}」", line)
    sys.stderr.write(msg.ERROR_PREFIX + line + "\n")
    raise typer.Exit(code)


def make_typer(help_text: str, completion: bool = False) -> typer.Typer:
    return JcdcTyper(cls=JcdcGroup, help=help_text, no_args_is_help=True, add_completion=completion,
                     pretty_exceptions_enable=False, rich_markup_mode=None,
                     context_settings={"help_option_names": ["-h", "--help"]})


ROOT_HELP = ("jcdc — {office_full} 督查台账: 激励积分与排名、责任追究、一网三库、快速处置。\n\n"
             "数字、日期、季度和年度用 0-9 书写; 输入法打出的全角数字和符号(如 １２)按半角读, "
             "其他文字的数字(如阿拉伯文数字)和下划线(1_0)不收。含空格的文字请加引号(--note \"会议 纪要\")。")


# Each name the clerk types and the module under jcdc/commands that holds it, in
# the order --help lists them: a clerk's day — record, rank, report, cases,
# pools, matters, fixes, then the care of the ledger.
COMMANDS = {
    "points": "points", "unit": "units", "rules": "rules",
    "rank": "ranking", "score": "score", "report": "ranking", "prior": "ranking", "notice": "documents", "statement": "documents",
    "case": "cases",
    "inspector": "pools", "task": "pools", "draw": "pools",
    "matter": "matters",
    "fix": "fixes", "due": "fixes",
    "init": "ledger", "check": "ledger", "close": "ledger", "reopen": "ledger", "backup": "ledger",
    "anchor": "ledger", "demo": "ledger",
}


def _version(value: bool) -> None:
    if value:
        from jcdc import __version__

        typer.echo(f"jcdc {__version__}")
        raise typer.Exit()


def _root(version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help=msg.HELP_VERSION)] = False,
        db: Annotated[Optional[Path], typer.Option(
            "--db", dir_okay=False, help=msg.HELP_ROOT_DB)] = None) -> None:
    """`jcdc --db PATH COMMAND …`, as the README writes it: every command's own
    --db takes it from here (jcdc.commands.DbOpt) unless given after the command."""


def build(names, completion: bool = False) -> typer.Typer:
    """The app holding the commands `names`, importing only their modules.

    typer builds every command's parameters at each start, about 55 ms for all
    of jcdc here; one group takes a few. Start-up is a target (docs/benchmarks.md).
    """
    import importlib

    root = make_typer(ROOT_HELP, completion=completion)
    root.callback(help=ROOT_HELP)(_root)
    for name in names:
        command = importlib.import_module(f"jcdc.commands.{COMMANDS[name]}").COMMANDS[name]
        if isinstance(command, typer.Typer):
            root.add_typer(command, name=name)
        else:
            root.command(name)(command)
    return root


def _only(name: str | None) -> typer.Typer:
    """The app with only the command or group `name` in it; all of it when the
    command line names none that jcdc knows (for --help and the usage error).

    Shell completion (typer's own, for PowerShell, bash, zsh and fish) needs
    every command, so its options are there only with the whole app
    (`jcdc --install-completion`, `jcdc --help`) or when the shell asks for
    completions: a named command pays nothing for it.
    """
    if name in COMMANDS and not os.environ.get("_JCDC_COMPLETE"):
        return build([name])
    return build(COMMANDS, completion=True)


def __getattr__(name: str):
    if name == "app":  # the whole app, for tests and tools that walk every command
        return build(COMMANDS)
    raise AttributeError(name)


# The root's options that take a value: the word after one is that value, not a command.
ROOT_VALUED = ("--db",)


def command_named(args: list[str]) -> str | None:
    """The command a command line names: its first word that is neither an
    option nor the value of a root option (`jcdc --db F rank`: rank)."""
    words = iter(args)
    for arg in words:
        if arg in ROOT_VALUED:
            next(words, None)
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    from jcdc.output import guard_stdout

    guard_stdout()  # a GBK pipe on Chinese Windows: an emoji in the data is shown as ?, never an error
    name = command_named(sys.argv[1:])
    try:
        try:
            _only(name)(prog_name="jcdc")
        except OSError as e:  # --help, written before any command runs
            _refused_output(e)
            raise
        finally:
            # What is still buffered is written now, where a refusal is one line,
            # not at the interpreter's exit, where it would be a traceback.
            try:
                sys.stdout.flush()
            except OSError as e:
                if reader_left(e):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                    raise SystemExit(1) from None
                _refused_output(e)
                raise
    except SystemExit as e:
        if e.code:
            # The refusal has been said in one line. A writer it interrupted (a full
            # disk under zipfile, openpyxl or python-docx) still tries to finish when
            # collected at exit and would print "Exception ignored … Traceback" after it.
            sys.unraisablehook = lambda unraisable: None
        raise


def _refused_output(e: OSError) -> None:
    refused = stdout_refused(e)
    if refused is not None:
        sys.stderr.write(msg.ERROR_PREFIX + msg.OUTPUT_REFUSED.format(reason=refused) + "\n")
        raise SystemExit(1) from None
