"""A year's ranking as every annual view shows it (积分办法 第十三、十七—十九条; SPEC §3):
较上年 computed once, standing entries, an unfinished year, the previous year
the ledger never saw, and every document agreeing on every figure."""

from __future__ import annotations

import json
import re
import sqlite3

import openpyxl
import pytest
from docx import Document

from jcdc import messages as msg
from jcdc.integrity import check
from jcdc.output import points_cell, signed_points_cell
from jcdc.ruleset.words import fill


def _add(cli, unit, rule, date, *extra):
    cli.ok("points", "add", "--unit", unit, "--rule", rule, "--date", date, *extra)


def _docx_text(path) -> str:
    doc = Document(path)
    return "\n".join(p.text for p in doc.paragraphs)


def _docx_tables(path, headings):
    found = []
    for table in Document(path).tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and tuple(rows[0]) == tuple(headings):
            found.append(rows[1:])
    return found


def _close_year(cli, year):
    for q in range(1, 5):
        cli.ok("close", f"{year}Q{q}")


# --- 17.4 较上年 (第十八条; SPEC §3) ---------------------------------------------------------


def test_change_on_a_year_nobody_scored_is_a_dash_everywhere_article_18(cli, tmp_path):
    """No 2018 entries for 市直: 市财政局's 较上年 is "—" in the report (.xlsx and
    .json), the rank, the score, the 通报 and its statement — never +15 against
    a year nobody scored."""
    _add(cli, "qinshui", "problem", "2018-05-06")            # 2018 was scored for 县区 only
    _add(cli, "czj", "commend", "2019-04-03", "--points", "15")
    _add(cli, "qinshui", "problem", "2019-05-06")

    rows = {r["unit"]: r for r in cli.json("rank", "--year", "2019")}
    assert rows["czj"]["change"] is None and rows["czj"]["previous_rank"] is None
    assert rows["qinshui"]["change"] == 0 and rows["qinshui"]["previous_rank"] == 7  # 县区 was scored
    assert rows["gaoping"]["change"] == 0
    table = cli.ok("rank", "--year", "2019", "--group", "市直").stdout
    czj_line = next(line for line in table.splitlines() if "市财政局" in line)
    assert "—" in czj_line and "+15.0" in czj_line and czj_line.count("+15.0") == 1  # 较基准 only

    report = tmp_path / "r.json"
    cli.ok("report", "--year", "2019", "--output", report)
    data = {r["unit"]: r for r in json.loads(report.read_text(encoding="utf-8"))["rankings"]}
    assert data["czj"]["change"] is None and data["qinshui"]["change"] == 0

    book = tmp_path / "r.xlsx"
    cli.ok("report", "--year", "2019", "--output", book)
    sheet = openpyxl.load_workbook(book)["市直"]
    czj = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[2] == "czj")
    assert czj[5] == "—"

    assert cli.json("score", "czj", "--year", "2019")["change"] is None

    notice = tmp_path / "n.docx"
    cli.ok("notice", "--year", "2019", "--output", notice, "--draft")
    [_, city, _] = _docx_tables(notice, msg.DOC_RANK_HEADINGS_YEAR)
    assert next(r for r in city if r[1] == "市财政局")[3] == "—"

    out = tmp_path / "st"
    cli.ok("statement", "--year", "2019", "--unit", "czj", "--output", out)
    assert "上年无可比较的积分" in _docx_text(out / "czj-市财政局.docx")


# --- 17.6 standing entries (SPEC §3) ---------------------------------------------------------


def test_a_year_whose_only_entry_was_revoked_was_not_scored_spec_3(cli, tmp_path):
    """One 2018 驻市 entry, revoked as 误录: 2018 was not scored for 驻市, so no
    驻市 unit is bottom two "in both years" in 2019, and 较上年 is "—"."""
    _add(cli, "gdgs", "problem", "2018-05-06")
    entry = cli.json("points", "list", "--year", "2018")[0]["id"]
    cli.ok("points", "revoke", str(entry), "--reason", "误录")
    _add(cli, "ltgs", "eval-poor", "2019-05-08")              # 驻市 scored in 2019

    rows = [r for r in cli.json("rank", "--year", "2019") if r["group"] == "驻市"]
    assert len(rows) == 7
    assert [r for r in rows if "accountability" in r["flags"]] == []
    assert {r["change"] for r in rows} == {None}
    assert [c for c in cli.json("case", "candidates", "--year", "2019") if c["trigger"] == "bottom-two"] == []
    shown = cli("rank", "--year", "2019", "--format", "json")
    assert fill(msg.YEAR_TWO_YEARS_UNJUDGED).format(group="驻市", before=2018) in shown.stderr


# --- 17.11 an unfinished year (积分办法 第十三条) --------------------------------------------


@pytest.fixture
def first_quarter_only(cli):
    """Only 2019Q1 recorded: three quarters empty, all four open."""
    _add(cli, "qinshui", "problem", "2019-02-06")
    _add(cli, "gaoping", "commend", "2019-03-03", "--points", "15")
    _add(cli, "czj", "late-material", "2019-03-20")
    return cli


def test_an_unfinished_year_says_which_quarters_are_open_or_empty_article_13(first_quarter_only, tmp_path):
    cli = first_quarter_only
    empty = fill(msg.YEAR_QUARTERS_EMPTY).format(year=2019, quarters="第二、三、四季度")
    still_open = msg.YEAR_QUARTERS_OPEN.format(year=2019, quarters="第一、二、三、四季度", first="2019Q1")
    # on the screen, one line says the year is provisional (the files carry still_open)
    provisional = msg.YEAR_PROVISIONAL.format(year=2019, quarters="第一、二、三、四季度", first="2019Q1")
    shown = cli("rank", "--year", "2019", "--format", "json")
    assert empty in shown.stderr and provisional in shown.stderr
    table = cli.ok("rank", "--year", "2019")
    assert empty in table.stdout and provisional in table.stderr
    assert empty in cli.ok("score", "gaoping", "--year", "2019").stdout
    # 「—」 is named only where a quarter's score shows: the report, not rank or score
    for args in (("rank", "--year", "2019"), ("score", "gaoping", "--year", "2019")):
        assert "「—」" not in cli.ok(*args).stdout
    empty = fill(msg.YEAR_QUARTERS_EMPTY_DASH).format(year=2019, quarters="第二、三、四季度")

    report = tmp_path / "r.json"
    cli.ok("report", "--year", "2019", "--output", report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["final"] is False and empty in data["notes"] and still_open in data["notes"]
    assert [(q["quarter"], q["closed"], q["empty"]) for q in data["quarters"]] == [
        ("2019Q1", False, False), ("2019Q2", False, True), ("2019Q3", False, True), ("2019Q4", False, True)]
    gaoping = next(r for r in data["rankings"] if r["unit"] == "gaoping")
    assert gaoping["quarters"] == [115, None, None, None]      # never 100 for a quarter nobody scored

    book = tmp_path / "r.xlsx"
    cli.ok("report", "--year", "2019", "--output", book)
    sheet = openpyxl.load_workbook(book)["县区"]
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[2] == "gaoping")
    assert row[7:11] == (115, "—", "—", "—")
    assert row[14:18] == (115, None, None, None)              # what the trend line reads: gaps, not 100
    texts = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert empty in texts and still_open in texts

    page = tmp_path / "r.html"
    cli.ok("report", "--year", "2019", "--output", page)
    html = page.read_text(encoding="utf-8")
    assert empty in html and '<td class="n q">—</td>' in html

    # The 通报 of a year not closed is a 征求意见稿, and says why.
    notice = tmp_path / "n.docx"
    refused = cli("notice", "--year", "2019", "--output", notice)
    assert refused.exit_code == 1 and "--draft" in refused.stderr and "征求意见稿" in refused.stderr
    assert not notice.exists()
    cli.ok("notice", "--year", "2019", "--output", notice, "--draft")
    text = _docx_text(notice)
    assert "关于2019年度督查激励积分排名情况的通报\n（征求意见稿）" in text  # the title, then its mark
    assert "2019年第二、三、四季度没有积分记录。" in text
    assert "尚未结账，本通报为征求意见稿" in text

    out = tmp_path / "st"
    cli.ok("statement", "--year", "2019", "--unit", "gaoping", "--output", out)
    assert "尚未结账，以上积分和名次不是年度最终结果" in _docx_text(out / "gaoping-高平市.docx")


def test_a_closed_year_is_final_and_its_notice_needs_no_draft(cli, tmp_path):
    for q, day in enumerate(("02-06", "05-06", "08-06", "11-06"), start=1):
        _add(cli, "qinshui", "problem", f"2019-{day}")
    _close_year(cli, 2019)
    shown = cli("rank", "--year", "2019", "--format", "json")
    assert "尚未结账" not in shown.stderr and "没有积分记录: " not in shown.stderr
    notice = tmp_path / "n.docx"
    cli.ok("notice", "--year", "2019", "--output", notice)
    assert "征求意见稿" not in _docx_text(notice)


# --- 17.12 the previous year the ledger never saw (第十七条; SPEC §3) -----------------------

COUNTIES_2019 = [("城区", "104.5", "1"), ("泽州县", "103", "2"), ("高平市", "101", "3"), ("阳城县", "101", "3"),
                 ("陵川县", "100", "5"), ("沁水县", "98", "6"), ("晋城经济技术开发区管委会", "97.5", "7")]
DOC_2019 = "晋市政办〔2020〕5号"


def _published_file(tmp_path, rows=COUNTIES_2019, name="2019年排名.csv"):
    path = tmp_path / name
    path.write_text("单位,年度总积分,名次\n" + "".join(f"{u},{s},{r}\n" for u, s, r in rows), encoding="utf-8")
    return path


@pytest.fixture
def started_in_2020(cli):
    """An office that starts jcdc in 2020: 沁水县 and the 开发区 bottom of 县区 again."""
    _add(cli, "chengqu", "commend", "2020-04-03", "--points", "15")
    _add(cli, "qinshui", "problem", "2020-05-06")
    _add(cli, "kaifaqu", "late-material", "2020-06-20", "--qty", "2")
    return cli


def test_without_the_previous_year_the_two_year_condition_cannot_be_judged_article_17(started_in_2020, tmp_path):
    cli = started_in_2020
    rows = cli.json("rank", "--year", "2020")
    assert [r for r in rows if "accountability" in r["flags"]] == []
    shown = cli("rank", "--year", "2020", "--format", "json")
    assert fill(msg.YEAR_TWO_YEARS_UNJUDGED).format(group="县区", before=2019) in shown.stderr
    notice = tmp_path / "n.docx"
    cli.ok("notice", "--year", "2020", "--output", notice, "--draft")
    text = _docx_text(notice)
    assert "“连续2年均为倒数后2位”的条件无法判定" in text
    # It does not state that no unit was bottom two in two consecutive years.
    assert fill(msg.DOC_ACCOUNTABILITY_NONE).format(year=2020) not in text


def test_a_recorded_published_ranking_is_used_and_cited_article_17(started_in_2020, store, tmp_path):
    cli = started_in_2020
    done = cli.ok("prior", "add", _published_file(tmp_path), "--year", "2019", "--doc", DOC_2019)
    assert DOC_2019 in done.stderr and "县区 7 个单位" in done.stderr
    listed = cli.json("prior", "list")
    assert [(r["name"], r["score"], r["rank"], r["doc"]) for r in listed] == [
        (u, float(s) if "." in s else int(s), int(r), DOC_2019) for u, s, r in COUNTIES_2019]
    assert check(store) == []                                # chained and verified like the rest

    rows = {r["unit"]: r for r in cli.json("rank", "--year", "2020")}
    # 2020: 城区 115, four at 100, 开发区 98, 沁水县 95: the last two bottom two in both years.
    assert (rows["kaifaqu"]["score"], rows["qinshui"]["score"]) == (98, 95)
    assert {u for u, r in rows.items() if "accountability" in r["flags"]} == {"qinshui", "kaifaqu"}
    assert (rows["qinshui"]["change"], rows["qinshui"]["previous_rank"]) == (-3, 6)   # 95 − 98
    assert (rows["kaifaqu"]["change"], rows["kaifaqu"]["previous_rank"]) == (0.5, 7)  # 98 − 97.5
    assert (rows["chengqu"]["change"], rows["chengqu"]["previous_rank"]) == (10.5, 1)
    assert rows["czj"]["change"] is None                     # 市直: neither ledger nor published
    cited = msg.YEAR_PUBLISHED_BEFORE.format(group="县区", before=2019, doc=DOC_2019)
    assert cited in cli("rank", "--year", "2020", "--format", "json").stderr

    candidates = [c for c in cli.json("case", "candidates", "--year", "2020") if c["trigger"] == "bottom-two"]
    assert {(c["unit"], c["previous_score"], c["previous_rank"]) for c in candidates} == {
        ("qinshui", 98, 6), ("kaifaqu", 97.5, 7)}
    assert all(c["previous_published_by"] == [DOC_2019] for c in candidates)
    cli.ok("case", "open", "--from-rank", "2020", "--date", "2021-01-20")
    opened = [c for c in cli.json("case", "list") if c["trigger"] == "bottom-two"]
    assert len(opened) == 2 and all(DOC_2019 in c["summary"] for c in opened)

    notice = tmp_path / "n.docx"
    cli.ok("notice", "--year", "2020", "--output", notice, "--draft")
    text = _docx_text(notice)
    item = next(p for p in text.splitlines() if msg.DOC_H_ACCOUNTABILITY in p)
    assert "沁水县" in item and "晋城经济技术开发区管委会" in item and DOC_2019 in item
    out = tmp_path / "st"
    cli.ok("statement", "--year", "2020", "--unit", "沁水县", "--output", out)
    statement = _docx_text(out / "qinshui-沁水县.docx")
    assert "较上年-3.0分，上年第6名" in statement and DOC_2019 in statement


def test_the_published_ranking_is_append_only_and_checked(started_in_2020, store, db, tmp_path):
    cli = started_in_2020
    cli.ok("prior", "add", _published_file(tmp_path), "--year", "2019", "--doc", DOC_2019)
    again = cli("prior", "add", _published_file(tmp_path), "--year", "2019", "--doc", DOC_2019)
    assert again.exit_code == 1 and again.stderr.startswith("错误: ") and "不可修改" in again.stderr
    assert re.search(r"已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 由", again.stderr)  # Beijing time, as read
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("UPDATE published_rankings SET score = 1100 WHERE id = 6")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript("DROP TRIGGER published_rankings_no_update;"
                       "UPDATE published_rankings SET score = 1100 WHERE id = 6;")
    conn.close()
    assert any(p.table == "published_rankings" and p.record == 6 for p in check(store))


def test_a_published_ranking_file_far_too_large_is_refused_before_it_is_read(started_in_2020, tmp_path):
    """A ranking is a few KiB; 17 MiB (a log, a device, the wrong file) is refused unread."""
    from jcdc.prior import PRIOR_MAX_BYTES

    big = tmp_path / "2019年排名.csv"
    with open(big, "wb") as f:
        f.truncate(PRIOR_MAX_BYTES + 1)
    cli = started_in_2020
    refused = cli("prior", "add", big, "--year", "2019", "--doc", DOC_2019)
    assert refused.exit_code == 1
    assert refused.stderr.startswith("错误: ") and "超过 16 MiB" in refused.stderr and "上年公布排名文件" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert cli.json("prior", "list") == []


@pytest.mark.parametrize("rows, words", [
    (COUNTIES_2019[:-1], "只列出了部分单位"),                                     # a group in part
    ([*COUNTIES_2019[:-1], ("晋城经济技术开发区管委会", "97.5", "6")], "应为第 7 名"),  # rank against scores
    ([*COUNTIES_2019, ("沁水县", "98", "6")], "已在第"),                           # a unit twice
    ([("无此单位", "100", "1"), *COUNTIES_2019], "无此单位"),
    ([("城区", "104.55", "1"), *COUNTIES_2019[1:]], "104.55"),
    ([("城区", "104.5", "第一"), *COUNTIES_2019[1:]], "名次"),
])
def test_a_published_ranking_that_does_not_hold_is_refused_whole(cli, store, tmp_path, rows, words):
    result = cli("prior", "add", _published_file(tmp_path, rows), "--year", "2019", "--doc", DOC_2019)
    assert result.exit_code == 2 and result.stderr.startswith("错误: ") and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert store.published_ranking() == []


def test_a_published_ranking_from_a_workbook(cli, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["名次", "单位", "积分"])
    for unit, score, rank in COUNTIES_2019:
        sheet.append([int(rank), unit, float(score)])
    path = tmp_path / "2019.xlsx"
    book.save(path)
    cli.ok("prior", "add", path, "--year", "2019", "--doc", DOC_2019)
    assert [r["score"] for r in cli.json("prior", "list", "--year", "2019")] == [
        float(s) if "." in s else int(s) for _, s, _ in COUNTIES_2019]


# --- 17.15 one ranking, every document ------------------------------------------------------


def _statement_figures(path):
    text = _docx_text(path)
    import re

    m = re.search(r"你单位积分(-?[\d.]+)分.*?排第(\d+)名", text)
    change = re.search(r"较上年([+-]?[\d.]+)分，上年第(\d+)名", text)
    return m.group(1), int(m.group(2)), (change.group(1), int(change.group(2))) if change else None, text


def _agree(cli, year, tmp_path, db=None):
    """rank, score, report (.json and .xlsx), notice and statements show one ranking of `year`."""
    extra = ["--db", db] if db else []
    rows = cli.json("rank", "--year", year, *extra)
    report = tmp_path / "r.json"
    cli.ok("report", "--year", year, "--output", report, *extra)
    reported = {r["unit"]: r for r in json.loads(report.read_text(encoding="utf-8"))["rankings"]}
    book = openpyxl.load_workbook(_written(cli, tmp_path / "r.xlsx", ["report", "--year", year, *extra]))
    notice = _written(cli, tmp_path / "n.docx", ["notice", "--year", year, "--draft", *extra])
    notice_tables = _docx_tables(notice, msg.DOC_RANK_HEADINGS_YEAR)
    out = tmp_path / "st"
    cli.ok("statement", "--year", year, "--output", out, *extra)
    groups = list(dict.fromkeys(r["group"] for r in rows))
    assert len(notice_tables) == len(groups)
    by_group = {g: [r for r in rows if r["group"] == g] for g in groups}
    for group, table in zip(groups, notice_tables):
        assert [(int(t[0]), t[1], t[2], t[3]) for t in table] == [
            (r["rank"], r["name"], points_cell(r["score"]),
             msg.NO_CHANGE if r["change"] is None else signed_points_cell(r["change"])) for r in by_group[group]]
    for r in rows:
        scored = cli.json("score", r["unit"], "--year", year, *extra)
        assert (scored["score"], scored["rank"], scored["flags"], scored["change"], scored["previous_rank"]) == (
            r["score"], r["rank"], r["flags"], r["change"], r["previous_rank"])
        if r["unit"] in reported:
            got = reported[r["unit"]]
            assert (got["score"], got["rank"], got["flags"], got["change"]) == (
                r["score"], r["rank"], r["flags"], r["change"])
            sheet_row = next(x for x in book[r["group"]].iter_rows(min_row=3, values_only=True) if x[2] == r["unit"])
            assert (sheet_row[0], sheet_row[3], sheet_row[5]) == (
                r["rank"], r["score"], "—" if r["change"] is None else r["change"])
        score, rank, change, text = _statement_figures(out / f"{r['unit']}-{r['name']}.docx")
        assert (score, rank) == (points_cell(r["score"]), r["rank"])
        if r["change"] is None:
            assert change is None and "上年无可比较的积分" in text
        else:
            assert change == (signed_points_cell(r["change"]), r["previous_rank"])
        assert ("追究相关单位及工作人员的责任" in text) == ("accountability" in r["flags"])
    return rows


def _written(cli, path, args):
    cli.ok(*args, "--output", path)
    return path


def test_every_document_of_the_demo_year_agrees_with_the_ranking(cli, tmp_path):
    from jcdc.demo import build_demo

    path = tmp_path / "demo.db"
    build_demo(path)[0].close()
    rows = _agree(cli, "2019", tmp_path, path)
    assert len(rows) == 43 and any(r["change"] is not None for r in rows)


def test_every_document_agrees_with_reversals_and_a_missing_previous_year(cli, tmp_path):
    """2018: 驻市's only entry revoked, 县区 scored; 2019: reversals in two groups."""
    _add(cli, "gdgs", "problem", "2018-05-06")
    cli.ok("points", "revoke", str(cli.json("points", "list", "--year", "2018")[0]["id"]), "--reason", "误录")
    _add(cli, "qinshui", "problem", "2018-05-06")
    _add(cli, "zezhou", "problem", "2018-08-06")
    for unit, rule, day in [("qinshui", "problem", "2019-05-06"), ("kaifaqu", "problem", "2019-06-01"),
                            ("gaoping", "13710-good", "2019-02-01"), ("czj", "late-material", "2019-03-20"),
                            ("gaj", "eval-good", "2019-07-01"), ("ltgs", "eval-poor", "2019-05-08"),
                            ("fgw", "problem", "2019-02-11")]:
        _add(cli, unit, rule, day)
    for unit in ("fgw", "kaifaqu"):
        entry = next(e for e in cli.json("points", "list", "--year", "2019") if e["unit"] == unit)["id"]
        cli.ok("points", "revoke", str(entry), "--reason", "核实后不属实")
    rows = _agree(cli, "2019", tmp_path)
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit["qinshui"]["flags"] == ["accountability"] and by_unit["qinshui"]["change"] == 0
    assert by_unit["czj"]["change"] is None and by_unit["ltgs"]["change"] is None
