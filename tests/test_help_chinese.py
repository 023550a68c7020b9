"""--help, -h, --version and every usage mistake in the clerk's language;
shell completion from typer's own machinery (issue 12, items 6 and 7)."""

import os
import subprocess
import sys

import pytest
import typer

from jcdc.cli import COMMANDS, app
from jcdc.ruleset.words import fill

ENGLISH = ("Usage", "Options", "Commands", "Arguments", "[required]", "[default:", "env var",
           "Show this message", "Install completion", "Show completion")


def _paths(group, path=()):
    yield path
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _paths(command, (*path, name))
        else:
            yield (*path, name)


PATHS = list(_paths(typer.main.get_command(app)))


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "jcdc" for p in PATHS])
def test_help_is_chinese_at_every_level(cli, path):
    result = cli(*path, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"用法: jcdc {' '.join(path)}".rstrip())
    usage = result.stdout.split("\n\n")[0]  # the usage line, however it wraps: its placeholders too
    assert not [word for word in ("OPTIONS", "COMMAND", "ARGS") if word in usage], usage
    assert "选项:" in result.stdout and "显示本帮助并退出" in result.stdout
    assert [word for word in ENGLISH if word in result.stdout] == []


@pytest.mark.parametrize("path", [(), ("points",), ("points", "add"), ("rank",)])
def test_short_h_is_help(cli, path):
    assert cli(*path, "-h").stdout == cli(*path, "--help").stdout


def test_required_and_default_are_marked_in_chinese(cli):
    out = cli("points", "add", "--help").stdout
    assert "[必填]" in out and "[默认: lead]" in out and "[环境变量: JCDC_DB]" in out


def test_version(cli):
    from jcdc import __version__

    for flag in ("--version", "-V"):
        result = cli(flag)
        assert result.exit_code == 0 and result.stdout == f"jcdc {__version__}\n"


@pytest.mark.parametrize("args,message", [
    (["--nope"], "错误: 没有选项「--nope」"),
    (["points", "--nope"], "错误: 没有选项「--nope」"),
    (["points", "list", "--format"], "错误: 选项「--format」需要一个值"),
    (["rules", "list", "extra"], "错误: 多余的参数: extra"),
])
def test_root_and_group_usage_mistakes_are_one_chinese_line(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def test_commands_are_listed_in_the_order_of_a_clerks_day(cli):
    out = cli("--help").stdout
    listed = [line.split()[0] for line in out.split("命令:")[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(COMMANDS)
    assert listed[0] == "points" and listed[-1] == "demo"


def test_no_description_is_cut_short(cli):
    out = "".join(cli("--help").stdout.split())  # lines are wrapped: compare without white space
    assert "…" not in out and "..." not in out.replace("[参数]...", "")
    root = typer.main.get_command(app)
    for name, command in root.commands.items():
        first = "".join(fill(command.help).split("\n\n")[0].split())  # in the rule set's figures
        assert first in out, name


def _complete(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jcdc"], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=60)


def test_bash_completion_names_commands_and_subcommands():
    top = _complete({"_JCDC_COMPLETE": "complete_bash", "COMP_WORDS": "jcdc poi", "COMP_CWORD": "1"})
    assert top.stdout.split() == ["points"]
    sub = _complete({"_JCDC_COMPLETE": "complete_bash", "COMP_WORDS": "jcdc points re", "COMP_CWORD": "2"})
    assert sub.stdout.split() == ["revoke"]


def test_powershell_and_zsh_completion_carry_the_chinese_descriptions():
    for shell in ("powershell", "zsh"):
        out = _complete({"_JCDC_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "jcdc points "}).stdout
        assert "revoke" in out and "冲销一条记录" in out, shell


@pytest.mark.parametrize("shell", ["bash", "zsh", "powershell"])
def test_completion_script_for_each_shell(shell):
    result = subprocess.run([sys.executable, "-m", "jcdc", "--show-completion", shell],
                            env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "_JCDC_COMPLETE" in result.stdout


def test_help_lines_fit_80_columns_by_display_width(cli, monkeypatch):
    """A Chinese character takes two columns: help wrapped by len() ran past 80 and broke
    words such as [环/境变量]; the number guard's bounds are not shown as if they were the rule."""
    from jcdc.terminal import width

    monkeypatch.setenv("COLUMNS", "80")
    for path in [(), ("points", "add"), ("rank",), ("report",), ("draw", "run")]:
        out = cli(*path, "--help").stdout
        assert max(width(line) for line in out.splitlines()) <= 80, path
        assert "999999999" not in out and "环\n" not in out
    assert "冲销原因(必填)" in cli("points", "revoke", "--help").stdout
    assert "[必填]" not in cli("points", "revoke", "--help").stdout.split("冲销原因(必填)")[1].split("\n")[0]
