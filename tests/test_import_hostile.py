"""Hostile files through `jcdc points import`: never a traceback, never a partial write."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import dates, figures, hostile_text, quantities, rule_codes, unit_names

HEADER = ["date", "unit", "rule", "role", "points", "qty", "matter", "ref", "note"]
REAL_UNITS = ["zezhou", "泽州县", "高平市", "市财政局", "czj", "kfq"]


def rows():
    cell = st.one_of(st.just(""), hostile_text())
    return st.lists(st.tuples(dates(), unit_names(REAL_UNITS), rule_codes(),
                              st.sampled_from(["", "lead", "coop", "牵头", "配合", "boss"]),
                              figures(), quantities(), cell, cell, cell),
                    min_size=1, max_size=6)


def count(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=rows(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_hostile_rows_are_imported_whole_or_refused_cleanly(cli, store, tmp_path, data, encoding):
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *data])
    path = tmp_path / "hostile.csv"
    try:
        path.write_bytes(text.getvalue().encode(encoding, errors="surrogateescape"))
    except UnicodeEncodeError:  # text GB18030 cannot hold: write it as UTF-8 instead
        path.write_bytes(text.getvalue().encode("utf-8", errors="surrogatepass"))
    before = count(store)
    result = cli.runner.invoke(__import__("jcdc.cli", fromlist=["app"]).app, ["points", "import", str(path)],
                               catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output and "内部错误" not in result.output
    after = count(store)
    if result.exit_code == 0:
        assert after - before <= len(data)
    else:
        assert after == before and result.stderr.startswith("错误: ")
