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


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_the_one_line_summary_is_a_whole_sentence(path, command):
    """`jcdc -h` shows each command's first paragraph: it must not end on a colon
    that announces what only the full help goes on to list."""
    summary = command.get_short_help_str()
    assert summary and not summary.rstrip().endswith((":", "：")), (path, summary)


def _suffixes(text):
    import re

    return set(re.findall(r"\.(?:csv|xlsx|json|html|docx)\b", text))


def _output_help(command):
    return next(p.help for p in command.params if "--output" in getattr(p, "opts", ()))


def test_output_help_names_what_each_command_writes(cli):
    """Help that matches what the command accepts: a listing's --output names the
    suffixes jcdc.output.write_file writes; the report's names .xlsx, .html and .json
    and a .csv report is refused (积分办法 第十八条's report is a workbook or a page)."""
    from jcdc.commands.ranking import REPORT_SUFFIXES
    from jcdc.output import FILE_SUFFIXES

    by_path = dict(COMMANDS)
    for path, command in COMMANDS:
        if path in {("report",), ("notice",), ("statement",), ("rules", "export"), ("close",), ("anchor",)} or not any(
                "--output" in getattr(p, "opts", ()) for p in command.params):
            continue
        assert _suffixes(_output_help(command)) == set(FILE_SUFFIXES), path
    assert _suffixes(_output_help(by_path[("report",)])) == set(REPORT_SUFFIXES) == {".xlsx", ".html", ".json"}
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2019-05-06")
    refused = cli("report", "--year", "2019", "--output", "r.csv")
    assert refused.exit_code != 0 and ".html" in refused.stderr
    assert _suffixes(_output_help(by_path[("notice",)])) == {".docx"}
    assert ".toml" in _output_help(by_path[("rules", "export")])
    # close and anchor write the anchor statement, a text to print and file
    assert all(".txt" in _output_help(by_path[p]) for p in (("close",), ("anchor",)))


def test_by_is_who_recorded_it_and_the_opener_of_a_matter_has_its_own_name(cli):
    """One meaning per option name: `--by` outside the case procedure is the 记录人;
    a 13710 matter's 立项主体 (积分办法 第十六条) is `--opener`."""
    cli.ok("matter", "add", "2019-0456", "--title", "老旧小区改造", "--lead", "城区", "--opened", "2019-05-06",
           "--opener", "市政府办公厅", "--by", "李四")
    shown = cli.json("matter", "show", "2019-0456")
    assert shown["opener"] == "市政府办公厅"
    entry = cli.json("points", "list")[0]
    assert entry["recorded_by"] == "李四"
    by_help = {path: next(p.help for p in command.params if "--by" in getattr(p, "opts", ()))
               for path, command in COMMANDS if any("--by" in getattr(p, "opts", ()) for p in command.params)}
    for path, text in by_help.items():
        assert "立项主体" not in text, path
        if path[0] != "case":
            assert "记录人" in text, (path, text)
