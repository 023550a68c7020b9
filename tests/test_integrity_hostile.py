"""Random and hostile values through `jcdc points add`: never a traceback,
never a partial write, a clear message and exit 1 or 2."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jcdc import messages as msg
from jcdc.cli import app
from jcdc.integrity import check
from jcdc.store import open_store
from jcdc.units import roster_text

import strategies as hostile

REAL_NAMES = [name for line in roster_text().splitlines()[1:]
              for code, full, _, _, aliases in [line.split(",")] for name in (code, full, *aliases.split(";")) if name]

FIXTURE_PER_TEST = settings(max_examples=100, deadline=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture])


def _option(name: str, values: st.SearchStrategy[str], required: bool = False):
    given_ = values.map(lambda v: [f"--{name}={v}"])
    return given_ if required else st.one_of(st.just([]), given_)


def points_add_args(units, rules, dates, figures, roles=hostile.hostile_text()):
    """The options of `points add`: --unit, --rule and --date always given, the others maybe;
    the free-text ones always hostile."""
    text = hostile.hostile_text()
    parts = [
        _option("unit", units, required=True), _option("rule", rules, required=True),
        _option("date", dates, required=True), _option("points", figures),
        _option("qty", hostile.quantities()), _option("role", roles),
        _option("matter", text), _option("ref", text), _option("note", text), _option("scorer", text),
    ]
    return st.tuples(*parts).map(lambda chosen: [arg for option in chosen for arg in option])


def entries(db) -> int:
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    conn.close()
    return n


def assert_clean_outcome(db, args: list[str]) -> None:
    before = entries(db)
    result = CliRunner().invoke(app, ["points", "add", *args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1, 2), result.output
    event(f"exit {result.exit_code}")
    assert "内部错误" not in result.stderr and "Traceback" not in result.output
    if result.exit_code == 0:
        assert entries(db) == before + 1
        store = open_store(db)
        assert check(store) == []
        store.close()
    else:
        assert entries(db) == before
        assert result.stderr.strip(), "a refusal says why"


@FIXTURE_PER_TEST
@given(args=points_add_args(hostile.unit_names(REAL_NAMES), hostile.rule_codes(), hostile.dates(),
                            hostile.figures()))
# found by this test: a count past SQLite's integers, and bytes the terminal could not decode
@example(["--unit=zezhou", "--rule=late-material", "--date=2019-05-06", "--qty=99999999999999999999"])
@example(["--unit=zezhou", "--rule=13710-returned", "--matter=M1", "--date=2019-05-06", "--qty=10000000"])
@example(["--unit=zezhou", "--rule=problem", "--date=2019-05-06", "--note=a\udcff\udcfe"])
@example(["--unit=泽州县", "--rule=problem", "--date=２０１９－０５－０６", "--ref==HYPERLINK(\"http://x\")",
          "--note=\x00\x1b[2J" + "长" * 100_000])
def test_hostile_values_are_refused_cleanly_or_written_whole(db, args):
    assert_clean_outcome(db, args)


@FIXTURE_PER_TEST
@given(args=points_add_args(st.sampled_from(REAL_NAMES), st.sampled_from(["problem", "commend", "late-material"]),
                            st.dates(dt.date(2018, 1, 1), dt.date(2020, 12, 31)).map(str),
                            st.integers(50, 200).map(lambda t: f"{t / 10:.1f}"),
                            st.sampled_from(["lead", "coop", "配合"])))
def test_plausible_entries_with_hostile_text_are_written_whole_or_refused(db, args):
    assert_clean_outcome(db, args)


ADD = ["points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-05-06"]


@pytest.mark.parametrize("extra, code, message", [
    (["--note", "长" * 2001], 2, msg.TEXT_TOO_LONG.format(field="备注", length=2001, max=2000)),
    (["--ref", "晋督\x1b[2J字"], 2, msg.TEXT_CONTROL.format(field="文号", char="U+001B")),
    (["--matter", "M\x00"], 2, msg.TEXT_CONTROL.format(field="事项编号", char="U+0000")),
    (["--note", "a\udcff\udcfe"], 2, msg.BAD_TEXT_ENCODING.format(text="\\udcff\\udcfe")),
    (["-r", "late-material", "--qty", "1000"], 2, msg.QTY_TOO_LARGE.format(qty=1000, max=999)),
])
def test_hostile_text_and_counts_are_refused_with_a_message_naming_them(cli, db, extra, code, message):
    result = cli(*ADD, *extra)
    assert (result.exit_code, result.stderr) == (code, f"错误: {message}\n")
    assert entries(db) == 0


def test_line_breaks_tabs_and_formula_like_text_are_kept_as_typed(cli):
    note = "第一行\n第二行\t附件=SUM(A1)"
    added = cli.json(*ADD, "--note", note, "--ref", "=HYPERLINK(\"http://x\")", "--qty", "999")
    assert (added["note"], added["ref"], added["qty"]) == (note, "=HYPERLINK(\"http://x\")", 999)


def test_a_control_character_in_a_refused_value_is_shown_not_obeyed(cli):
    result = cli("points", "add", "--unit", "abc\x1b[31m", "--rule", "problem", "--date", "2019-01-01")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "abc\\x1b[31m" in result.stderr
