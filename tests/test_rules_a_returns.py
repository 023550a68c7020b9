"""积分办法 第十二条(三): a revoked 13710 return is not a return (SPEC §2). The n of
every standing return is its place among the returns still standing; revoking
one moves the later ones up, by entries written with the revocation, and
`jcdc check` reports a ledger where a standing return holds a place it has lost."""

from __future__ import annotations

import pytest

from jcdc import messages as msg
from jcdc.integrity import check
from jcdc.model import EntryDraft, Role
from jcdc.points import post


def returned(cli, date, matter="2019-0123", unit="lc"):
    cli.ok("points", "add", "-u", unit, "-r", "13710-returned", "-m", matter, "-d", date)


def standing(store, matter="2019-0123"):
    entries = store.entries(rule="13710-returned", matter=matter)
    reversed_ids = {e.reverses for e in entries if e.reverses}
    return [(e.date.isoformat(), e.points) for e in entries if e.reverses is None and e.id not in reversed_ids]


def test_a_revoked_return_no_longer_escalates_the_later_ones_article_12(cli, store):
    returned(cli, "2019-03-10")                      # 1: −0.5
    returned(cli, "2019-05-10")                      # 2: −1.5
    result = cli.ok("points", "revoke", "1", "--reason", "退回有误")
    assert "第 2 条(-1.5 分)冲销, 重记为第 5 条(-0.5 分)" in result.stderr
    returned(cli, "2019-06-10")                      # now the second standing return: −1.5
    assert standing(store) == [("2019-05-10", -5), ("2019-06-10", -15)]
    total = sum(e.points for e in store.entries(rule="13710-returned", matter="2019-0123"))
    assert total == -20                              # two returns stand: −0.5 and −1.5
    assert check(store) == []


def test_the_correction_is_cited_and_points_at_what_it_corrects(cli, store):
    returned(cli, "2019-03-10")
    returned(cli, "2019-05-10")
    returned(cli, "2019-05-20")                      # 3: −2.5
    cli.ok("points", "revoke", "1", "--reason", "退回有误")
    entries = {e.id: e for e in store.entries(rule="13710-returned")}
    # 4 reverses 1; 5 and 6 reverse 2 and 3, citing the revoked return; 7 and 8 charge them anew
    assert [(entries[i].reverses, entries[i].points, entries[i].source) for i in (4, 5, 6)] == [
        (1, 5, "revoke"), (2, 15, "reposition:1"), (3, 25, "reposition:1")]
    assert "第 1 条退回重报已冲销" in entries[5].reason and "积分办法 第十二条(三)" in entries[5].reason
    assert [(entries[i].date.isoformat(), entries[i].points, entries[i].source) for i in (7, 8)] == [
        ("2019-05-10", -5, "recharge:2"), ("2019-05-20", -15, "recharge:3")]
    assert entries[7].cite == "积分办法 第十二条(三)" and "现存第 1 次退回" in entries[7].note
    assert check(store) == []


def test_revoking_a_repositioned_return_revokes_what_stands_for_it(cli, store):
    returned(cli, "2019-03-10")
    returned(cli, "2019-05-10")
    returned(cli, "2019-05-20")
    cli.ok("points", "revoke", "1", "--reason", "退回有误")
    result = cli.ok("points", "revoke", "2", "--reason", "也有误")   # 2 was re-charged as 7
    assert "第 2 条已按退回次序重记为第 7 条" in result.stderr
    assert standing(store) == [("2019-05-20", -5)]
    assert check(store) == []


def test_a_correction_that_would_fall_in_a_closed_quarter_refuses_the_revocation(cli, store):
    returned(cli, "2019-12-10")
    returned(cli, "2020-01-10")
    cli.ok("close", "2020Q1")                        # closed in order within its year; 2019Q4 stays open
    result = cli("points", "revoke", "1", "--reason", "退回有误")
    assert result.exit_code == 1 and "2020年第一季度" in result.stderr and "reopen" in result.stderr
    assert len(store.entries(rule="13710-returned")) == 2   # nothing written


def test_matter_return_and_revoke_agree(cli, store):
    cli.ok("matter", "add", "M", "--title", "m", "--lead", "陵川县", "--opened", "2019-05-05", "--passive")
    for day in ("2019-05-06", "2019-05-07", "2019-05-08"):
        cli.ok("matter", "return", "M", "--date", day, "--reason", "数据不全")
    [first] = [e.id for e in store.entries(matter="M") if e.date.isoformat() == "2019-05-06"]
    cli.ok("points", "revoke", first, "--reason", "退回有误")
    cli.ok("matter", "return", "M", "--date", "2019-05-09", "--reason", "数据不全")
    assert [p for _, p in standing(store, "M")] == [-5, -15, -25]
    assert check(store) == []


# --- a ledger written before: jcdc check says which figures to correct -----------------------


def test_check_reports_a_return_charged_for_a_place_it_no_longer_holds(cli, store):
    returned(cli, "2019-03-10")                      # 1: −0.5
    returned(cli, "2019-05-10")                      # 2: −1.5
    # what `points revoke 1` wrote before issue 10: the reversal alone
    post(store, [EntryDraft(unit="lingchuan", rule="13710-returned", role=Role.LEAD,
                            date=store.entry(1).date, points=5, qty=1, cite="积分办法 第十二条(三)",
                            scorer="立项主体", matter="2019-0123", note="冲销第 1 条", reverses=1,
                            reason="退回有误", source="revoke")])
    returned(cli, "2019-06-10")                      # 4: −1.5, the second standing: right
    found = [str(p) for p in check(store)]
    assert found == ["entries 第 2 条: " + msg.P_RETURN_PLACE.format(
        points="-1.5", matter="2019-0123", place=1, expected="-0.5", diff="+1.0")]
    result = cli("check")
    assert result.exit_code == 1 and "应为 -0.5 分" in result.stdout + result.stderr


@pytest.mark.parametrize("qty", [1, 2])
def test_a_revocation_of_a_later_return_moves_nothing(cli, store, qty):
    returned(cli, "2019-03-10")
    cli.ok("points", "add", "-u", "lc", "-r", "13710-returned", "-m", "2019-0123", "-d", "2019-05-10",
           "--qty", qty)
    cli.ok("points", "revoke", "2", "--reason", "退回有误")
    assert len(store.entries(rule="13710-returned")) == 3
    assert check(store) == []
