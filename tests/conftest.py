"""Shared fixtures: a real SQLite file per test, and the CLI driven in-process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jcdc.cli import _only, app, command_named
from jcdc.store import open_store
from jcdc.units import load_roster


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A ledger file with Jincheng's roster loaded; JCDC_DB points at it."""
    path = tmp_path / "jcdc.db"
    store = open_store(path)
    load_roster(store, "测试")
    store.close()
    monkeypatch.setenv("JCDC_DB", str(path))
    monkeypatch.setenv("JCDC_USER", "测试员")
    return path


@pytest.fixture
def store(db):
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture
def release_ledger(tmp_path, monkeypatch):
    """A loader of a ledger a release wrote, kept as its SQL dump in
    tests/fixtures (each with the script that made it): release_ledger("ledger-0.1.0")
    is that ledger in a file of the test's, JCDC_DB pointing at it."""
    def load(dump: str) -> Path:
        path = tmp_path / f"{dump}.db"
        conn = sqlite3.connect(path)
        conn.executescript((Path(__file__).parent / "fixtures" / f"{dump}.sql").read_text(encoding="utf-8"))
        conn.close()
        monkeypatch.setenv("JCDC_DB", str(path))
        monkeypatch.setenv("JCDC_USER", "测试员")
        return path
    return load


class Cli:
    """Runs `jcdc ARGS…` against the test's database; .json() parses stdout."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        args = [str(a) for a in args]
        # As jcdc's main() does: typer builds only the group the command is in.
        name = command_named(args)
        return self.runner.invoke(app if name is None else _only(name), args, input=input,
                                  catch_exceptions=False, prog_name="jcdc")

    def ok(self, *args: str, input: str | None = None):
        result = self(*args, input=input)
        assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str):
        return json.loads(self.ok(*args, "--format", "json").stdout)


@pytest.fixture
def cli(db):
    return Cli()


def pytest_addoption(parser):
    parser.addoption("--windows-zip", action="store_true", default=False,
                     help="build the Windows zip (tools/windows/build-zip) and run jcdc.cmd from it under Wine "
                          "(tests/test_windows_zip.py; docs/windows.md)")


# The Windows leg of CI (tools/windows/test -m windows, .ci/run) runs the tests
# marked `windows`: tests/test_windows.py, every command once
# (test_hostile_sweep.py::test_every_command_runs_with_valid_values), and these
# modules whole: the files jcdc writes and opens, its output on a pipe, its characters.
WINDOWS_LEG = {"test_files_atomic.py", "test_files_open.py", "test_cli_pipes.py", "test_characters.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in WINDOWS_LEG:
            item.add_marker(pytest.mark.windows)
