"""快速处置 二.1、二.2 (SPEC §6): only a 二.2 item may be extended, and an extension
counts from the day it was approved — it does not act backwards in time, and the
days an item was already overdue stay visible."""

from __future__ import annotations

import pytest

from jcdc.integrity import check


def item(cli, *args, cls="general"):
    """From 2019-05-05: a general item is due 2019-05-12."""
    return cli.json("fix", "add", "--unit", "泽州县", "--what", "整改道路破损", "--class", cls,
                    "--from", "2019-05-05", *args)["id"]


def extend(cli, fix_id, days, date, *args):
    return cli("fix", "extend", fix_id, "--days", days, "--approved-by", "分管副市长",
               "--plan", "6月底完工", "--date", date, *args)


def due_row(cli, on):
    [row] = cli.json("due", "--on", on)
    return row


def test_an_extension_counts_from_its_approval_date_kuaisu_2_2(cli):
    fix_id = item(cli)
    result = extend(cli, fix_id, 10, "2019-05-20")
    assert result.exit_code == 0 and "已逾期 8 天" in result.stderr
    # as of 05-15 the extension had not been approved: 3 days overdue
    row = due_row(cli, "2019-05-15")
    assert (row["due"], row["days_left"], row["status"]) == ("2019-05-12", -3, "overdue")
    assert "overdue_before_extension" not in row
    # from its approval: due 05-22, and the 8 days already overdue stay visible
    row = due_row(cli, "2019-05-21")
    assert (row["due"], row["days_left"], row["status"], row["overdue_before_extension"]) == (
        "2019-05-22", 1, "soon", 8)
    [shown] = cli.json("fix", "list")
    assert (shown["due"], shown["original_due"], shown["overdue_before_extension"]) == ("2019-05-22", "2019-05-12", 8)
    [event] = shown["events"]
    assert (event["due_before"], event["due_after"], event["overdue_days"]) == ("2019-05-12", "2019-05-22", 8)
    assert "延期前已逾期" in cli.ok("due", "--on", "2019-05-21", "--format", "csv").stdout.splitlines()[0]


def test_an_extension_approved_in_time_changes_nothing_before_its_day(cli):
    fix_id = item(cli)
    assert extend(cli, fix_id, 30, "2019-05-10").exit_code == 0
    assert due_row(cli, "2019-05-09")["due"] == "2019-05-12"
    row = due_row(cli, "2019-05-10")
    assert row["due"] == "2019-06-11" and "overdue_before_extension" not in row
    assert cli.json("fix", "list")[0]["overdue_before_extension"] == 0


def test_an_extension_that_would_end_before_its_approval_is_refused(cli, store):
    fix_id = item(cli)
    result = extend(cli, fix_id, 5, "2019-05-20")       # 05-12 + 5 = 05-17, approved 05-20
    assert result.exit_code == 1 and "2019-05-17" in result.stderr and "至少需 8 天" in result.stderr
    assert store.fix_events() == []


def test_an_extension_approved_in_the_future_is_refused(cli, store):
    import datetime as dt

    fix_id = item(cli)
    result = extend(cli, fix_id, 5, (dt.date.today() + dt.timedelta(days=1)).isoformat())
    assert result.exit_code == 1 and "晚于今天" in result.stderr
    assert store.fix_events() == []


def test_the_paragraph_is_recorded_and_defaults_to_2_2(cli, store):
    assert cli.json("fix", "add", "--unit", "泽州县", "--what", "x", "--class", "general",
                    "--from", "2019-05-05")["para"] == "二.2"
    shown = cli.json("fix", "add", "--unit", "泽州县", "--what", "x", "--class", "major",
                     "--from", "2019-05-05", "--para", "二.1")
    assert (shown["para"], shown["cite"]) == ("二.1", "快速处置 二.1")
    assert cli.json("fix", "list")[0]["para"] == "二.2"
    assert check(store) == []                              # fix_paras is chained like the rest


@pytest.mark.parametrize("cls, args, para", [
    ("general", ("--para", "二.1"), "二.1"),
    ("major", ("--para", "2.1"), "二.1"),
    ("policy", ("--inspection-end", "2019-05-10"), "二.3"),
    ("conduct", ("--inspection-end", "2019-05-10"), "二.4"),
])
def test_only_a_2_2_item_is_extended_without_a_reason_kuaisu_2(cli, store, cls, args, para):
    fix_id = item(cli, *args, cls=cls)
    refused = extend(cli, fix_id, 10, "2019-05-10")
    assert refused.exit_code == 1
    assert f"属于快速处置 {para}" in refused.stderr and "--override-reason" in refused.stderr
    assert store.fix_events() == []
    allowed = extend(cli, fix_id, 10, "2019-05-10", "--override-reason", "市政府常务会议同意")
    assert allowed.exit_code == 0
    assert cli.json("fix", "list")[0]["events"][0]["override_reason"] == "市政府常务会议同意"


@pytest.mark.parametrize("args, words", [
    (("--class", "general", "--para", "二.3"), "无法识别的条款「二.3」"),
    (("--class", "policy", "--inspection-end", "2019-05-10", "--para", "二.2"), "不接受 --para"),
])
def test_a_paragraph_that_does_not_fit_is_refused(cli, store, args, words):
    result = cli("fix", "add", "--unit", "泽州县", "--what", "x", "--from", "2019-05-05", *args)
    assert result.exit_code == 2 and words in result.stderr
    assert store.fixes() == []
