"""The ledger records the rule-set version that scored each entry (docs/rulesets.md):
a revision never rewrites history, and `check` judges every entry by its own version."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from jcdc import integrity, ruleset
from jcdc.model import JcdcError
from jcdc.points import PointsRequest, add, draft, post
from jcdc.rulebook import RuleBook, adopt
from jcdc.ruleset import Amount
from jcdc.store import open_store
from jcdc.units import UnitIndex

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def released(release_ledger, cli):
    """A ledger written by jcdc as released before versions were recorded
    (tests/fixtures/ledger-0.1.0.sh): entries of 2018 and 2019, a revoked one,
    three closed quarters."""
    return release_ledger("ledger-0.1.0")


def test_a_ledger_of_the_release_opens_unchanged_with_every_entry_under_jincheng_2017(released, cli):
    """SPEC §2, §3: its entries, their hashes, its closings and its rankings stay
    as they were; the version it was scored under is recorded as its first."""
    before = sqlite3.connect(released)
    hashes = before.execute("SELECT id, hash FROM entries ORDER BY id").fetchall()
    before.close()
    cli.ok("init", "--no-roster")  # as the clerk upgrades it: any writing command migrates it
    for year in (2018, 2019):
        out = cli.ok("rank", "--year", str(year), "--format", "csv").stdout
        assert out == (FIXTURES / f"ledger-0.1.0-rank-{year}.csv").read_text(encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 0 and result.stdout == "", result.output
    store = open_store(released)
    [row] = store.rulesets()
    jincheng = ruleset.builtin()
    assert (row["version"], row["ruleset_hash"], row["effective"], row["doc"]) == (
        "jincheng-2017", jincheng.hash, "2017-11-20", "晋市政办〔2017〕101号")
    assert store.conn.execute("SELECT id, hash FROM entries ORDER BY id").fetchall() == hashes
    book = RuleBook.of(store)
    assert all(book.of_entry(e.ruleset) is book.first for e in store.entries())
    assert book.first.label == "jincheng-2017"


def test_each_new_entry_records_the_hash_of_the_version_in_force_on_its_day(released, cli):
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2019-08-01")
    store = open_store(released)
    entry = store.entries(since=dt.date(2019, 8, 1))[-1]
    assert entry.ruleset == ruleset.builtin().hash and entry.points == -50
    assert integrity.check(store) == []


def revised(**figures) -> ruleset.RuleSet:
    """Jincheng's rules with `problem`'s lead figure changed, as a revision would."""
    base = ruleset.builtin()
    text = ruleset.builtin_path("jincheng-2017").read_text(encoding="utf-8")
    text = text.replace('version = "jincheng-2017"', 'version = "jincheng-2020"', 1)
    for old, new in figures.items():
        text = text.replace(old, new, 1)
    rules = ruleset.loads(text)
    assert rules.hash != base.hash
    return rules


PROBLEM_4 = {'lead = "-5"\ncoop = "-3"': 'lead = "-4"\ncoop = "-3"'}


def test_check_judges_every_entry_by_its_own_version_after_a_revision(db, store):
    """A revision effective 2020-01-01 (problem −5 → −4): 2019's −5 stays right,
    2020's entry is −4, and check is clean — where judging 2019 by today's
    catalogue would report every earlier problem entry as wrong."""
    units = UnitIndex.of(store)
    add(store, PointsRequest("zezhou", "problem", dt.date(2019, 5, 6)))
    version = adopt(store, revised(**PROBLEM_4), dt.date(2020, 1, 1), "晋市政办〔2019〕88号", "试行期满修订")
    assert version.label == "jincheng-2020" and version.rules.rules["problem"].lead == Amount(-40, -40)
    add(store, PointsRequest("zezhou", "problem", dt.date(2020, 2, 3)))
    old, new = store.entries(unit="zezhou")
    assert (old.points, new.points) == (-50, -40)
    assert new.ruleset == version.hash and old.ruleset == RuleBook.of(store).first.hash
    assert integrity.check(store) == []
    # an entry of 2020 written under the old version is found out, by name
    first = RuleBook.of(store).first
    wrong = dataclasses.replace(draft(store, units, PointsRequest("gaoping", "problem", dt.date(2020, 3, 1))),
                                points=-50, ruleset=first.hash)
    [wrong_id] = post(store, [wrong])
    found = [str(p) for p in integrity.check(store)]
    assert found == [f"entries 第 {wrong_id} 条: 按规则集版本 jincheng-2017 评分, 但 2020-03-01 施行的是 jincheng-2020"]


def test_a_revision_is_refused_over_a_standing_entry_a_closed_quarter_or_an_earlier_date(db, store, cli):
    """Nothing already decided changes without a recorded act: an entry standing on or
    after the date is named (revoke and re-record it); a closed quarter's published
    ranking is not reopened by a revision; a revision takes effect after the current one."""
    rules = revised(**PROBLEM_4)
    [e] = [add(store, PointsRequest("zezhou", "problem", dt.date(2020, 1, 5)))]
    with pytest.raises(JcdcError, match=f"第 {e.id} 条积分记录\\(2020-01-05 zezhou problem\\)在生效日期 2020-01-01"):
        adopt(store, rules, dt.date(2020, 1, 1), "晋市政办〔2019〕88号")
    cli.ok("points", "revoke", str(e.id), "--reason", "按修订重记")
    cli.ok("close", "2019Q1", "--empty")
    with pytest.raises(JcdcError, match="在已关闭的2019年第一季度内"):
        adopt(store, rules, dt.date(2019, 2, 1), "晋市政办〔2019〕88号")
    with pytest.raises(JcdcError, match="不晚于现行版本 jincheng-2017 的生效日期 2017-11-20"):
        adopt(store, rules, dt.date(2017, 1, 1), "晋市政办〔2019〕88号")
    with pytest.raises(JcdcError, match="内容相同"):
        adopt(store, ruleset.builtin(), dt.date(2020, 1, 1), "晋市政办〔2019〕88号")
    with pytest.raises(JcdcError, match="--doc"):
        adopt(store, rules, dt.date(2020, 1, 1), " ")
    assert len(store.rulesets()) == 1  # each refusal left the ledger as it was
    adopt(store, rules, dt.date(2020, 1, 1), "晋市政办〔2019〕88号")
    assert [r["version"] for r in store.rulesets()] == ["jincheng-2017", "jincheng-2020"]
    assert integrity.check(store) == []


def test_the_versions_are_a_chain_and_a_rewritten_one_is_reported(db, store):
    adopt(store, revised(**PROBLEM_4), dt.date(2020, 1, 1), "晋市政办〔2019〕88号")
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER rulesets_no_update")
    conn.execute("UPDATE rulesets SET body = replace(body, '\"-4\"', '\"-3\"') WHERE id = 2")
    conn.commit()
    conn.close()
    found = [str(p) for p in integrity.check(open_store(db))]
    assert any("规则集版本" in line and "哈希" in line for line in found), found
    assert any(line.startswith("rulesets") or "rulesets" in line for line in found), found
