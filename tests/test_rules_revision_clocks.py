"""`check` replays adopt's refusal against the closed quarters (no version takes
effect in or before a quarter closed before it was recorded) by the times the two
acts recorded. Two clerks write one ledger from two machines (a share), and two
machines' clocks differ: a revision adopted on one, the quarter it takes effect
in closed a moment later on another whose clock is behind, records a closing
time before the adoption's. The closing itself says it came after: it ranked by
that revision. An honest ledger is not reported as tampered with."""

from __future__ import annotations

import datetime as dt

from test_rules_revision import adopt_2020


def test_a_quarter_closed_under_a_revision_by_a_clock_behind_the_adopter_s_is_not_tampering(cli, db, tmp_path,
                                                                                            monkeypatch):
    from jcdc import session

    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2019-12-06")
    now = dt.datetime.now().astimezone()
    # the adopter's clock: a minute ahead of the closer's
    monkeypatch.setattr(session, "timestamp", lambda: (now + dt.timedelta(minutes=1)).isoformat(timespec="seconds"))
    adopt_2020(cli, tmp_path)
    monkeypatch.setattr(session, "timestamp", lambda: (now + dt.timedelta(seconds=20)).isoformat(timespec="seconds"))
    cli.ok("points", "add", "--unit", "高平市", "--rule", "problem", "--date", "2020-02-06")
    cli.ok("close", "2020Q1")  # ranked by the revision, in force on its last day
    result = cli("check")
    assert result.exit_code == 0 and result.stdout == "", result.output

