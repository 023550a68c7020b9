"""fix add --from-task: a team's problem list (三库办法 第十四条 问题事项清单)
reaches `due` — each row a rectification item (快速处置 二), its class and
deadline from the row, each citing the list and its row."""

from __future__ import annotations

from test_pools import draw_json, roster  # noqa: F401  (the pools' fixture)

LIST = ("序号,单位,问题,整改要求,整改期限,类别\n"
        "1,泽州县,道路破损未修复,限期修复,2019-03-25,\n"
        "2,高平市,项目推进缓慢,制定推进方案,,重大\n"
        "3,陵川县,推诿扯皮,说明情况,,推诿\n"
        "4,阳城县,台账不全,补齐台账,,\n")


def _reported(cli, tmp_path, text=LIST):
    draw_json(cli, "--team", "第一组", "--target", "jyj", "--seed", "s", "--seed-source", "测试用公开种子")
    path = tmp_path / "问题清单.csv"
    path.write_text(text, encoding="utf-8")
    cli.ok("task", "report", "2019年环保专项督查", "--team", "第一组", "--date", "2019-03-12", "--problems", path)


def test_each_row_of_the_problem_list_becomes_an_item_citing_it(roster, cli, tmp_path):  # noqa: F811
    _reported(cli, tmp_path)
    result = cli.ok("fix", "add", "--from-task", "2019年环保专项督查")
    assert "从问题事项清单登记整改事项 4 项" in result.stderr
    fixes = {f["unit"]: f for f in cli.json("fix", "list")}
    # the group's deadline (custom); 重大 (30 days from the report); 推诿 (policy: 3 days after the task's
    # end, 2019-03-10); none given: 一般事项, 7 days from the report (快速处置 二)
    assert (fixes["zezhou"]["class"], fixes["zezhou"]["due"]) == ("custom", "2019-03-25")
    assert (fixes["gaoping"]["class"], fixes["gaoping"]["due"]) == ("major", "2019-04-11")
    assert (fixes["lingchuan"]["class"], fixes["lingchuan"]["due"]) == ("policy", "2019-03-13")
    assert (fixes["yangcheng"]["class"], fixes["yangcheng"]["due"]) == ("general", "2019-03-19")
    assert fixes["zezhou"]["from"] == "2019-03-12"
    assert fixes["zezhou"]["what"] == "道路破损未修复; 限期修复(督查任务「2019年环保专项督查」第一组问题事项清单第 1 项)"
    due = cli.ok("due", "--on", "2019-03-14").stdout
    assert "道路破损未修复" in due
    again = cli.ok("fix", "add", "--from-task", "2019年环保专项督查")  # nothing added twice
    assert "登记整改事项 0 项, 已登记过的 4 项" in again.stderr and len(cli.json("fix", "list")) == 4


def test_a_bad_row_registers_none(roster, cli, tmp_path):  # noqa: F811
    _reported(cli, tmp_path, "单位,问题,整改要求,整改期限\n泽州县,道路破损,限期修复,\n太原市,不是本市单位,无,\n")
    result = cli("fix", "add", "--from-task", "2019年环保专项督查")
    assert result.exit_code != 0 and "问题事项清单第 2 项" in result.stderr and "未登记任何整改事项" in result.stderr
    assert cli.json("fix", "list") == []
    both = cli("fix", "add", "--from-task", "2019年环保专项督查", "--unit", "泽州县")
    assert both.exit_code == 2 and "--unit" in both.stderr
    neither = cli("fix", "add", "--unit", "泽州县")
    assert neither.exit_code == 2 and "--what" in neither.stderr
