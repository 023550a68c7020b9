"""README's tour, pasted as is (issue 12, item 12): every ```sh block from
"A clerk's tour" on runs, in order, on a fresh ledger in the repository's
folder; a command that fails, or whose printed id differs from the one the
README's comment gives ("entry 1", "task 1", "draw 1", "prints 2019-001"),
fails the test."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# "# entry 1: -5", "# inspector 1", "# task 2", "# draw 1: prints the team", "# prints 2019-001"
PROMISE = re.compile(r"#\s*(?:(entry|inspector|task|draw) (\d+)\b|prints (\d{4}-\d{3}))")
# How each command says the id it wrote.
SAYS = {"entry": "第 {} 条", "inspector": "{}", "task": "任务 {}", "draw": "第 {} 号抽取"}


def tour_commands(text: str) -> list[tuple[int, str, list[str]]]:
    """(line number, the line as written, its words) for each jcdc command of the tour blocks."""
    start = text.index("## A clerk's tour")
    commands, line_no = [], text[:start].count("\n") + 1
    in_block, pending, first = False, "", 0
    for n, line in enumerate(text[start:].split("\n"), start=line_no):
        if line.startswith("```"):
            in_block = line.strip() == "```sh" if not in_block else False
            continue
        if not in_block or not (line.strip() or pending):
            continue
        if not pending:
            first = n
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        whole, pending = pending + line, ""
        words = shlex.split(whole, comments=True)
        if words:
            assert words[0] == "jcdc", f"README line {first}: the tour runs jcdc only: {whole}"
            commands.append((first, whole, words[1:]))
    return commands


def test_the_tour_has_its_blocks():
    commands = tour_commands(README.read_text(encoding="utf-8"))
    names = {words[0] for _, _, words in commands}
    assert {"init", "points", "rank", "report", "case", "inspector", "draw", "matter", "fix", "due",
            "close", "check", "backup"} <= names
    assert len(commands) > 50


def run_tour(folder: Path, monkeypatch, until: str | None = None):
    """Run the tour in `folder` (a new ledger there, the examples beside it), up to the
    command that starts with `until`; yields (line number, the line, its words, the result)."""
    from typer.testing import CliRunner

    from jcdc.cli import _only

    monkeypatch.setenv("JCDC_DB", str(folder / "jcdc.db"))
    monkeypatch.setenv("JCDC_USER", "王科长")
    monkeypatch.chdir(folder)
    for example in (ROOT / "examples").iterdir():  # the files the tour names, as a clerk has them
        (folder / "examples").mkdir(exist_ok=True)
        if example.is_dir():  # examples/rulesets/: a county's rule set and roster
            # copyfile, not copytree's copy2: Windows' CopyFile2, which copy2 calls
            # there, crashes the interpreter under Wine 8 (docs/windows.md).
            shutil.copytree(example, folder / "examples" / example.name, copy_function=shutil.copyfile)
        else:
            (folder / "examples" / example.name).write_bytes(example.read_bytes())
    runner = CliRunner()
    for line_no, written, words in tour_commands(README.read_text(encoding="utf-8")):
        if until is not None and " ".join(words).startswith(until):
            return
        yield line_no, written, words, runner.invoke(_only(words[0]), words, prog_name="jcdc")


def test_the_readme_tour_runs_as_written(tmp_path, monkeypatch):
    for line_no, written, words, result in run_tour(tmp_path, monkeypatch):
        said = result.stdout + result.stderr
        assert result.exit_code == 0, f"README line {line_no}: {written}\n{said}"
        promise = PROMISE.search(written)
        if promise:
            kind, number, case = promise.groups()
            expected = case or SAYS[kind].format(number)
            assert expected in said, f"README line {line_no} promises {kind or 'case'} {number or case}:\n{said}"
        if words[:2] == ["draw", "fail"]:
            assert "递补" in said, f"README line {line_no}: draw fail shows the refill\n{said}"
            # what the README says draw fail prints is what it prints on the tour
            quoted = re.search(r"`draw fail` says\s+`([^`…]+)", README.read_text(encoding="utf-8")).group(1)
            assert quoted.rstrip("; ") in said, f"README quotes draw fail as {quoted!r}:\n{said}"
