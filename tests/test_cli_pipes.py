"""jcdc in a pipeline: a reader that stops early (`| head`) gets no error line."""

import datetime as dt
import os
import subprocess
import sys

from jcdc.model import Role
from jcdc.points import Pending, PointsRequest, draft, post
from jcdc.units import UnitIndex


def test_a_reader_that_stops_early_gets_no_error(store, db):
    units = UnitIndex.of(store)
    with store.write():
        pending = Pending()
        post(store, [draft(store, units, PointsRequest("zezhou", "13710-item", dt.date(2019, 5, 1) + dt.timedelta(i % 60),
                                                        Role.LEAD, note="备注" * 20), pending)
                     for i in range(3000)], "测试")
    proc = subprocess.Popen([sys.executable, "-m", "jcdc", "points", "list", "--format", "csv", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    assert proc.stdout.readline().decode("utf-8").startswith("编号,日期")
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait() == 1
    assert err == ""
