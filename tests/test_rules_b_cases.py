"""Issue 10 items 9–11: cases against any body (追究办法 第二条), an appeal that
changes the sanction (第九条(二)), and the 约谈 that comes with a unit's 通报 (第六条(二))."""

from __future__ import annotations

import datetime as dt

import pytest

from jcdc import cases

TODAY = dt.date(2020, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(cases, "today", lambda: TODAY)


def open_case(cli, *subject, person="张三:局长"):
    return cli.ok("case", "open", *subject, "--person", person, "--trigger", "inaction",
                  "--summary", "项目推进缓慢", "--date", "2019-03-01").stdout.strip()


def to_confirmed(cli, case_id, *sanctions):
    for args in (("verify", "--by", "市住建局"),
                 ("propose", "--by", "泽州县政府", "--coordinated-with", "县委组织部意见",
                  *(a for s in sanctions for a in ("--sanction", s))),
                 ("review", "--by", "市住建局"), ("confirm", "--by", "督查室")):
        day = {"verify": "2019-03-02", "propose": "2019-03-03", "review": "2019-03-04", "confirm": "2019-03-05"}
        cli.ok("case", args[0], case_id, *args[1:], "--date", day[args[0]])


# --- item 9: 追究办法 第二条 — 本市各级行政机关、企业事业单位 -------------------------------------


def test_zhuijiu_2_a_case_against_a_body_below_the_ranked_units(cli):
    bureau = open_case(cli, "--body", "泽州县住房和城乡建设局", "--unit", "泽州县")
    company = open_case(cli, "--body", "晋城市某国有企业")
    county = open_case(cli, "--unit", "泽州县")
    shown = cli.json("case", "show", bureau)
    assert (shown["body"], shown["unit"], shown["unit_name"], shown["subject"]) == (
        "泽州县住房和城乡建设局", "zezhou", "泽州县", "泽州县住房和城乡建设局")
    alone = cli.json("case", "show", company)
    assert (alone["body"], alone["unit"], alone["subject"]) == ("晋城市某国有企业", None, "晋城市某国有企业")
    # Counted per ranked unit: the county's own case and its bureau's.
    assert [c["id"] for c in cli.json("case", "list", "--unit", "泽州县")] == [bureau, county]
    table = cli.ok("case", "show", bureau).stdout
    assert "泽州县住房和城乡建设局" in table and "所属被考核单位 泽州县" in table
    listed = cli.ok("case", "list").stdout
    assert "晋城市某国有企业" in listed
    # Found by text, though it has no ranked unit (case list --text searched unit_name: None).
    assert [c["id"] for c in cli.json("case", "list", "--text", "国有企业")] == [company]
    # A body named exactly as a ranked unit is that unit.
    same = open_case(cli, "--body", "泽州县")
    assert (cli.json("case", "show", same)["unit"], cli.json("case", "show", same)["body"]) == ("zezhou", None)


def test_zhuijiu_2_open_needs_a_subject(cli):
    result = cli("case", "open", "--trigger", "inaction", "--summary", "x", "--date", "2019-03-01")
    assert result.exit_code == 2 and "--body" in result.stderr
    blank = cli("case", "open", "--body", "  ", "--trigger", "inaction", "--summary", "x", "--date", "2019-03-01")
    assert blank.exit_code == 2 and "--body" in blank.stderr
    assert cli.json("case", "list") == []


def test_zhuijiu_2_the_body_appeals_its_own_sanction(cli):
    bureau = open_case(cli, "--body", "泽州县住房和城乡建设局", "--unit", "泽州县")
    to_confirmed(cli, bureau, "unit:检查")
    cli.ok("case", "appeal", bureau, "--by", "泽州县住房和城乡建设局", "--text", "情况已整改", "--date", "2019-03-06")
    stranger = cli("case", "appeal", bureau, "--by", "泽州县", "--text", "x", "--date", "2019-03-06")
    assert stranger.exit_code == 1


# --- item 10: 追究办法 第九条(二) — an appeal that changes the sanction -------------------------------


def test_zhuijiu_9_a_changed_appeal_result_becomes_the_sanction(cli):
    case_id = open_case(cli, "--unit", "泽州县", person="张三:副县长")
    to_confirmed(cli, case_id, "unit:通报", "张三:组织调整:降职")
    cli.ok("case", "appeal", case_id, "--by", "张三", "--text", "处理过重", "--date", "2019-03-10")
    cli.ok("case", "appeal-result", case_id, "--changed", "--text", "改为诫勉谈话", "--by", "市纪委",
           "--sanction", "unit:通报", "--sanction", "张三:诫勉:谈话", "--coordinated-with", "市纪委意见",
           "--date", "2019-03-20")
    shown = cli.json("case", "show", case_id)
    assert [(s["target"], s["kind"], s["detail"]) for s in shown["sanctions"]] == [
        ("unit", "通报", None), ("张三", "诫勉", "谈话")]
    assert shown["coordinated_with"] == "市纪委意见"
    # The original opinion stays in the history; the result carries the new one.
    [proposed] = [h for h in shown["history"] if h["action"] == "propose"]
    assert [s["kind"] for s in proposed["sanctions"]] == ["通报", "组织调整"]
    [result] = [h for h in shown["history"] if h["action"] == "appeal-result"]
    assert (result["outcome"], [s["kind"] for s in result["sanctions"]]) == ("changed", ["通报", "诫勉"])
    assert "张三:诫勉(谈话)" in cli.ok("case", "show", case_id).stdout
    [listed] = cli.json("case", "list")
    assert [s["kind"] for s in listed["sanctions"]] == ["通报", "诫勉"]
    assert "张三:诫勉(谈话)" in cli.ok("case", "list").stdout
    # 组织调整 is gone: its execution is no longer due.
    assert "case" not in {d["kind"] for d in cli.json("due", "--on", "2019-05-01")}

    cli.ok("case", "execute", case_id, "--by", "泽州县政府", "--date", "2019-03-25")
    cli.ok("case", "publish", case_id, "--by", "督查室", "--scope", "public", "--date", "2019-03-26")
    [public] = cli.json("case", "list", "--public")
    assert [s["kind"] for s in public["sanctions"]] == ["通报", "诫勉"]
    assert "张三:诫勉(谈话)" in cli.ok("case", "list", "--public").stdout


@pytest.mark.parametrize("args, text", [
    (("--changed", "--text", "变更"), "--sanction"),
    (("--upheld", "--text", "维持", "--sanction", "unit:检查"), "--upheld"),
    (("--changed", "--text", "变更", "--sanction", "李四:诫勉"), "不是本案当事人"),
    (("--changed", "--text", "变更", "--sanction", "张三:诫勉"), "意见"),
])
def test_zhuijiu_9_a_changed_result_is_checked_like_an_opinion(cli, args, text):
    case_id = open_case(cli, "--unit", "泽州县", person="张三:副县长")
    to_confirmed(cli, case_id, "unit:检查")
    cli.ok("case", "appeal", case_id, "--by", "泽州县", "--text", "不服", "--date", "2019-03-10")
    result = cli("case", "appeal-result", case_id, *args, "--date", "2019-03-20")
    assert result.exit_code in (1, 2) and text in result.stderr
    assert [h["action"] for h in cli.json("case", "show", case_id)["history"]][-1] == "appeal"


# --- item 11: 追究办法 第六条(二) — 通报 … 并约谈其主要负责人 -------------------------------------------


def test_zhuijiu_6_a_notice_without_its_interview_is_due(cli):
    case_id = open_case(cli, "--unit", "泽州县", person="张三:副县长")
    to_confirmed(cli, case_id, "unit:通报")
    [due] = [d for d in cli.json("due", "--on", "2019-03-20") if d["id"] == case_id]
    assert (due["kind"], due["due"], due["status"]) == ("interview", "2019-04-05", "later")
    assert "通报约谈" in cli.ok("due", "--on", "2019-03-20").stdout
    late = [d for d in cli.json("due", "--on", "2019-04-10") if d["id"] == case_id]
    assert late[0]["status"] == "overdue"
    assert "尚未约谈, 应于 2019-04-05 前" in cli.ok("case", "show", case_id).stdout

    done = cli.ok("case", "interview", case_id, "--date", "2019-04-08", "--by", "市政府办公厅",
                  "--with", "李四:县长")
    assert "市政府办公厅 约谈 李四(县长)" in done.stderr
    shown = cli.json("case", "show", case_id)
    assert shown["interviews"] == [{"date": "2019-04-08", "by": "市政府办公厅",
                                    "with": [{"name": "李四", "post": "县长"}], "doc": None,
                                    "cite": "追究办法 第六条(二)"}]
    assert shown["state"] == "confirmed"
    assert [p["name"] for p in shown["persons"]] == ["张三"]  # the interviewed head is not a party
    assert [h["action"] for h in shown["history"]][-1] == "interview"
    assert "2019-04-08 市政府办公厅 约谈 李四(县长)" in cli.ok("case", "show", case_id).stdout
    assert not [d for d in cli.json("due", "--on", "2019-04-10") if d["id"] == case_id]
    # Steps of 第九条 go on after it.
    cli.ok("case", "execute", case_id, "--by", "泽州县政府", "--date", "2019-04-09")


def test_zhuijiu_6_an_interview_needs_a_confirmed_unit_notice(cli):
    case_id = open_case(cli, "--unit", "泽州县", person="张三:副县长")
    args = ("case", "interview", case_id, "--date", "2019-03-20", "--by", "市政府办公厅", "--with", "李四:县长")
    to_confirmed(cli, case_id, "unit:检查", "张三:通报")
    result = cli(*args)
    assert result.exit_code == 1 and "unit:通报" in result.stderr
    assert not [d for d in cli.json("due", "--on", "2019-03-20") if d["kind"] == "interview"]

    other = open_case(cli, "--unit", "高平市", person="王五:副市长")
    cli.ok("case", "verify", other, "--by", "市住建局", "--date", "2019-03-02")
    cli.ok("case", "propose", other, "--by", "高平市政府", "--sanction", "unit:通报", "--date", "2019-03-03")
    early = cli("case", "interview", other, "--date", "2019-03-20", "--by", "市政府办公厅", "--with", "李四:市长")
    assert early.exit_code == 1 and "尚未经督查室复核同意" in early.stderr
    nobody = cli("case", "interview", other, "--date", "2019-03-20", "--by", "市政府办公厅")
    assert nobody.exit_code == 2 and "--with" in nobody.stderr


def test_zhuijiu_2_a_public_notice_names_the_body(cli):
    """A notice against a county bureau names the bureau, not only the county it belongs to."""
    bureau = open_case(cli, "--body", "泽州县住房和城乡建设局", "--unit", "泽州县")
    to_confirmed(cli, bureau, "unit:通报")
    cli.ok("case", "execute", bureau, "--by", "泽州县政府", "--date", "2019-03-06")
    cli.ok("case", "publish", bureau, "--by", "督查室", "--scope", "public", "--date", "2019-03-07")
    [notice] = cli.json("case", "list", "--public")
    assert (notice["body"], notice["unit_name"]) == ("泽州县住房和城乡建设局", "泽州县")
    assert "泽州县住房和城乡建设局" in cli.ok("case", "list", "--public").stdout
