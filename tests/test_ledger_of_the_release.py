"""A ledger written by the release before the rule set named its office, its
government, its documents' titles and the month a confirmed case is executed in
(tests/fixtures/ledger-rulesets.sh) opens unchanged: the versions it recorded keep
their hashes, `jcdc check` is clean, and its rankings, 通报 and due dates read as
that release printed them (docs/rulesets.md, Keys the format gained later)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import docx
import pytest

from jcdc.rulebook import RuleBook
from jcdc.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / f"ledger-rulesets-{name}").read_text(encoding="utf-8")


@pytest.fixture
def released(release_ledger, cli):
    return release_ledger("ledger-rulesets")


def recorded(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version, ruleset_hash, body FROM rulesets ORDER BY id").fetchall()
    finally:
        conn.close()


def words(path: Path) -> str:
    d = docx.Document(str(path))
    lines = [p.text for p in d.paragraphs] + ["|".join(c.text for c in r.cells) for t in d.tables for r in t.rows]
    return "\n".join(lines) + "\n"


def test_its_versions_keep_their_hashes_and_check_is_clean(released, cli):
    before = recorded(released)
    assert [v for v, _, _ in before] == ["jincheng-2017", "jincheng-2020"]
    result = cli("check")
    assert result.exit_code == 0 and result.stdout == "", result.output
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2020-04-02")  # a write migrates it
    assert recorded(released) == before
    store = open_store(released)
    book = RuleBook.of(store)
    assert [v.hash for v in book.versions] == [h for _, h, _ in before]
    assert store.entries(since=dt.date(2020, 4, 2))[-1].ruleset == before[1][1]
    assert store.entries(since=dt.date(2020, 4, 2))[-1].points == -40
    store.close()
    result = cli("check")
    assert result.exit_code == 0 and result.stdout == "", result.output


@pytest.mark.parametrize("year", [2018, 2019, 2020])
def test_its_annual_rankings_are_the_release_s(released, cli, year):
    assert cli.ok("rank", "--year", str(year), "--format", "csv").stdout == fixture(f"rank-{year}.csv")


def test_its_ranking_notes_are_the_release_s(released, cli):
    assert cli.ok("rank", "--year", "2019").stdout == fixture("rank-2019.txt")
    assert cli.ok("rank", "--quarter", "2020Q1").stdout == fixture("rank-2020Q1.txt")


def test_its_notices_read_as_the_release_s(released, cli, tmp_path):
    cli.ok("notice", "--year", "2019", "--date", "2020-01-20", "--output", tmp_path / "n.docx")
    assert words(tmp_path / "n.docx") == fixture("notice-2019.txt")
    cli.ok("notice", "--quarter", "2020Q1", "--date", "2020-04-10", "--output", tmp_path / "q.docx")
    assert words(tmp_path / "q.docx") == fixture("notice-2020Q1.txt")


def test_a_confirmed_case_is_still_due_a_month_after_its_confirmation(released, cli):
    assert cli.ok("due", "--on", "2020-04-01", "--format", "csv").stdout == fixture("due.csv")
    rows = [line.split(",") for line in fixture("due.csv").splitlines()[1:]]
    assert [(r[0], r[1], r[-4]) for r in rows] == [("问责执行", "2020-001", "2020-04-30"),
                                                    ("通报约谈", "2020-002", "2020-04-30")]


def test_init_with_the_package_file_of_the_version_it_recorded_is_not_another_rule_set(released, cli):
    """`jcdc init --rules jcdc/rulesets/jincheng-2017.toml` on it: the package's file
    is the version the ledger recorded, with the keys the format gained since — the
    same rules, not another rule set — so init keeps the ledger as it is."""
    from jcdc import ruleset

    before = recorded(released)
    result = cli("init", "--rules", str(ruleset.builtin_path("jincheng-2017")))
    assert result.exit_code == 0, result.output
    assert recorded(released) == before
    other = cli("init", "--rules", str(Path(__file__).parent.parent / "examples" / "rulesets" / "zezhou-2018.toml"))
    assert other.exit_code == 1 and "不能改用另一规则集" in other.stderr
