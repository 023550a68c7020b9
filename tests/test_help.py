"""Every command explains itself: a command without help text is a bug."""

import pytest
import typer

from jcdc.cli import app


def _commands(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help(path, command, cli):
    assert command.help, f"jcdc {' '.join(path)} has no help text"
    result = cli(*path, "--help")
    assert result.exit_code == 0 and command.help.split("\n")[0][:10] in result.stdout
