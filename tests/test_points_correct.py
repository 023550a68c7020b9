"""points correct: a correction is one act (SPEC §2: an entry is never edited; a
mistake is undone by a reversal that points at the original, carries the
opposite figure and the original's date, and says why)."""

from test_cli_points import count_entries


def _entry(cli, entry_id):
    return next(e for e in cli.json("points", "list") if e["id"] == entry_id)


def test_correct_revokes_and_records_again_in_one_act_citing_both(cli):
    """积分办法 第十一条(一): a commendation recorded at +12 that should be +15."""
    cli.ok("points", "add", "-u", "市教育局", "-r", "commend", "-d", "2026-05-06", "-p", "12",
           "--ref", "晋督〔2026〕3号", "--note", "省级表彰")
    result = cli.ok("points", "correct", "1", "--points", "15", "--reason", "表彰分值应为15分")
    assert ("已更正第 1 条: 冲销记录为第 2 条(-12.0 分), 更正后的记录为第 3 条"
            "(市教育局 受表彰 +15.0 分), 原因: 表彰分值应为15分") in result.stderr
    reversal, new = _entry(cli, 2), _entry(cli, 3)
    assert (reversal["reverses"], reversal["points"], reversal["date"], reversal["reason"]) == (
        1, -12, "2026-05-06", "表彰分值应为15分")
    # The new entry keeps every field not named and says which entry it corrects.
    assert (new["corrects"], new["points"], new["date"], new["ref"], new["note"], new["unit"]) == (
        1, 15, "2026-05-06", "晋督〔2026〕3号", "省级表彰", "jyj")
    assert "更正第 1 条" in new["reason"] and new["reverses"] is None
    assert [e["corrects"] for e in cli.json("points", "list")] == [None, None, 1]
    assert cli.json("score", "jyj", "--year", "2026")["score"] == 115  # the corrected figure only
    table = cli.ok("points", "list").stdout
    assert "更正第 1 号" in table


def test_correct_any_field_fixed_figures_come_from_the_rule(cli):
    """积分办法 第十二条(四): material three days late is −1 a day: qty 3 → −3, never typed."""
    cli.ok("points", "add", "-u", "市教育局", "-r", "late-material", "-d", "2026-03-30")
    cli.ok("points", "correct", "1", "--qty", "3", "--date", "2026-04-02", "-u", "市财政局",
           "--reason", "迟报三天, 应记财政局")
    new = _entry(cli, 3)
    assert (new["points"], new["qty"], new["date"], new["unit"]) == (-3, 3, "2026-04-02", "czj")
    # The reversal stays in the original's quarter; the new entry counts in its own.
    assert _entry(cli, 2)["date"] == "2026-03-30"


def test_a_refused_correction_writes_nothing(cli, db):
    """A figure outside the rule's range (第十一条(一): +10 … +20) is refused, and the
    original stands unrevoked: both halves or neither."""
    cli.ok("points", "add", "-u", "市教育局", "-r", "commend", "-d", "2026-05-06", "-p", "12")
    result = cli("points", "correct", "1", "--points", "25", "--reason", "改分")
    assert result.exit_code != 0 and result.stderr.startswith("错误: ")
    assert count_entries(db) == 1
    assert cli("points", "correct", "1", "--points", "15").exit_code == 2  # --reason is required
    result = cli("points", "correct", "1", "--points", "12", "--reason", "无改动")
    assert result.exit_code != 0 and "完全相同" in result.stderr
    assert count_entries(db) == 1
    cli.ok("points", "correct", "1", "--points", "15", "--reason", "改分")
    result = cli("points", "correct", "1", "--points", "16", "--reason", "再改")
    assert result.exit_code != 0 and "已被第 2 条冲销" in result.stderr
    assert count_entries(db) == 3
