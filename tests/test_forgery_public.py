"""issue 11 item 12: `case list --public` carries what a public notice carries, and nothing else."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from jcdc import cases
from jcdc.rules.zhuijiu import TRIGGER_CITE, Trigger

CLERK_ACCOUNT = "办事员账号甲"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(cases, "today", lambda: dt.date(2020, 6, 30))


@pytest.fixture
def published(cli, monkeypatch):
    monkeypatch.setenv("JCDC_USER", CLERK_ACCOUNT)
    case_id = cli.ok("case", "open", "--unit", "泽州县", "--person", "张三:副县长", "--trigger", "inaction",
                     "--summary", "内部线索: 群众举报材料", "--date", "2019-03-01").stdout.strip()
    cli.ok("case", "verify", case_id, "--by", "市发改委", "--person", "李四:局长", "--date", "2019-03-02",
           "--note", "核查笔记")
    cli.ok("case", "propose", case_id, "--by", "泽州县政府", "--sanction", "张三:诫勉:谈话",
           "--coordinated-with", "县纪委内部意见: 从轻", "--date", "2019-03-03")
    cli.ok("case", "review", case_id, "--by", "市发改委", "--date", "2019-03-04")
    cli.ok("case", "confirm", case_id, "--by", "督查室", "--doc", "晋督追〔2019〕5号", "--date", "2019-03-05")
    cli.ok("case", "execute", case_id, "--by", "泽州县政府", "--doc", "泽政诫〔2019〕1号", "--date", "2019-03-06")
    cli.ok("case", "publish", case_id, "--by", "督查室", "--scope", "public", "--doc", "晋督通〔2019〕2号",
           "--date", "2019-03-07")
    return case_id


def test_the_public_list_carries_only_the_notice(cli, published):
    [notice] = cli.json("case", "list", "--public")
    assert notice == {
        "id": published, "unit": "zezhou", "unit_name": "泽州县", "body": None,
        "persons": [{"name": "张三", "post": "副县长"}],
        "trigger": "inaction", "cite": TRIGGER_CITE[Trigger.INACTION],
        "sanctions": [{"target": "张三", "kind": "诫勉", "detail": "谈话", "cite": notice["sanctions"][0]["cite"]}],
        "opened": "2019-03-01", "decided": "2019-03-05", "decision_doc": "晋督追〔2019〕5号",
        "executed": "2019-03-06", "execution_doc": "泽政诫〔2019〕1号",
        "published": "2019-03-07", "publication_doc": "晋督通〔2019〕2号",
    }


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_no_account_names_opinions_notes_or_uncharged_persons_leave(cli, published, fmt):
    out = cli.ok("case", "list", "--public", "--format", fmt).stdout
    for private in (CLERK_ACCOUNT, "县纪委内部意见", "核查笔记", "李四", "群众举报材料", "history"):
        assert private not in out, (fmt, private)
    assert "张三" in out and "晋督追〔2019〕5号" in out


def test_the_office_list_still_has_everything(cli, published):
    [full] = cli.json("case", "list")
    assert full["coordinated_with"] == "县纪委内部意见: 从轻"
    assert CLERK_ACCOUNT in json.dumps(full, ensure_ascii=False)
