"""积分办法 第十一条(三) 每项: 13710-item (+0.5), 13710-excellent (+3) and
13710-good (+1) are given once per matter, to the matter's handling unit; a
matter id has one written form (SPEC §2, **Reading** once per matter)."""

from __future__ import annotations

import pytest


def excellent_matter(cli):
    cli.ok("matter", "add", "2019-3001", "--title", "农村饮水安全", "--lead", "zezhou", "--opened", "2019-05-05")
    for node, day in ((1, "2019-05-06"), (2, "2019-05-08"), (3, "2019-05-12")):
        cli.ok("matter", "report", "2019-3001", "--node", node, "--date", day)
    cli.ok("matter", "close", "2019-3001", "--date", "2019-05-12", "--rating", "优秀")


def standing(store, rule):
    return [e for e in store.entries(rule=rule, matter="2019-3001")]


@pytest.mark.parametrize("rule, unit", [("13710-item", "zezhou"), ("13710-excellent", "zezhou"),
                                        ("13710-good", "zezhou")])
def test_a_matters_13710_bonus_is_given_once_per_matter_第十一条三(cli, store, rule, unit):
    """A second +0.5 or +3 for matter 2019-3001 is refused, naming the entry that
    stands; so is a 良好 beside its 优秀 (a matter has one rating)."""
    excellent_matter(cli)
    before = len(store.entries())
    result = cli("points", "add", "--unit", unit, "--rule", rule, "--matter", "2019-3001", "--date", "2019-05-20")
    assert result.exit_code == 1, result.output
    earlier = standing(store, "13710-item" if rule == "13710-item" else "13710-excellent")[0]
    assert result.stderr.startswith("错误: ")
    assert "2019-3001" in result.stderr and f"第 {earlier.id} 条" in result.stderr
    assert "每个事项只记一次" in result.stderr
    assert len(store.entries()) == before


def test_a_13710_bonus_goes_to_the_matters_handling_unit_第十一条三(cli, store):
    """高平市 does not handle 2019-3001: its +3 is refused, naming the matter's units."""
    cli.ok("matter", "add", "2019-3001", "--title", "农村饮水安全", "--lead", "zezhou", "--coop", "市水务局",
           "--opened", "2019-05-05", "--passive")
    result = cli("points", "add", "--unit", "gaoping", "--rule", "13710-excellent", "--matter", "2019-3001",
                 "--date", "2019-05-20")
    assert result.exit_code == 1
    assert "泽州县" in result.stderr and "高平市" in result.stderr and "2019-3001" in result.stderr
    assert store.entries(rule="13710-excellent") == []


def test_a_matter_the_ledger_has_not_recorded_still_takes_once_per_matter(cli, store):
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "13710-item", "--matter", "2019-9999", "--date", "2019-05-06")
    again = cli("points", "add", "--unit", "gaoping", "--rule", "13710-item", "--matter", "2019-9999",
                "--date", "2019-05-07")
    assert again.exit_code == 1 and "每个事项只记一次" in again.stderr
    # without a matter, a count of matters entered in the system (根据纳入事项数量) as before
    cli.ok("points", "add", "--unit", "gaoping", "--rule", "13710-item", "--qty", "3", "--date", "2019-05-06")
    assert [e.points for e in store.entries(rule="13710-item")] == [5, 15]


def test_an_import_with_the_same_matter_twice_is_refused(cli, store, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("date,unit,rule,matter\n2019-05-06,gaoping,13710-item,2019-7\n"
                    "2019-05-07,gaoping,13710-item,2019-7\n", encoding="utf-8")
    result = cli("points", "import", str(path))
    assert result.exit_code == 1 and "每个事项只记一次" in result.stderr
    assert store.entries() == []


@pytest.mark.parametrize("spelling", ["２０１９-０１２３", "2019-0123\u200b", "\u200b2019-0123", "2019\u20600123"[:4]
                                      + "-\u20600123"]
                         + [f"2019{dash}0123" for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\ufe63\u2043"])
def test_one_matter_has_one_written_form_SPEC_2(cli, store, spelling):
    """Full-width digits, an invisible character or a dash of another width (an
    en dash – an input method or a word processor writes for -) do not make
    2019-0123 a new matter: the second return of it is the second (−1.5), not a first (−0.5)."""
    cli.ok("points", "add", "--unit", "lc", "--rule", "13710-returned", "--matter", "2019-0123", "--date", "2019-06-12")
    cli.ok("points", "add", "--unit", "lc", "--rule", "13710-returned", "--matter", spelling, "--date", "2019-06-13")
    assert [(e.matter, e.points) for e in store.entries(rule="13710-returned")] == [
        ("2019-0123", -5), ("2019-0123", -15)]


def test_a_matter_added_in_another_spelling_is_the_same_matter(cli, store):
    cli.ok("matter", "add", "2019-0123", "--title", "x", "--lead", "lc", "--opened", "2019-05-05")
    again = cli("matter", "add", "２０１９-０１２３", "--title", "x", "--lead", "lc", "--opened", "2019-05-05")
    assert again.exit_code == 1 and "已于 2019-05-05 立项" in again.stderr
    assert cli.json("matter", "show", "2019-0123\u200b")["id"] == "2019-0123"
    assert [m.id for m in store.matters()] == ["2019-0123"]


def test_a_second_bonus_in_the_same_file_names_that_row_第十一条三(cli, store, tmp_path):
    """Two 13710-item rows for one matter in one spreadsheet: the second is refused,
    and the refusal points at the other row of the batch, not at "第 本批 条"."""
    sheet = tmp_path / "13710.csv"
    sheet.write_text("date,unit,rule,matter,ref\n2019-04-05,gaoping,13710-item,2019-0099,a\n"
                     "2019-04-06,gaoping,13710-item,2019-0099,b\n", encoding="utf-8")
    result = cli("points", "import", sheet)
    assert result.exit_code == 1
    assert "第3行" in result.stderr and "(本批另一行)" in result.stderr and "第 本批 条" not in result.stderr
    assert store.entries() == []


def test_a_matter_written_with_an_en_dash_for_another_unit_is_the_same_matter(cli, store):
    cli.ok("points", "add", "--unit", "lc", "--rule", "13710-returned", "--matter", "2019-0123", "--date", "2019-06-12")
    cli("points", "add", "--unit", "gaoping", "--rule", "13710-returned", "--matter", "2019\u20130123",
        "--date", "2019-06-13")
    assert {e.matter for e in store.entries()} == {"2019-0123"}
