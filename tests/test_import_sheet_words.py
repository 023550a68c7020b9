"""Spreadsheet words, not flags (积分办法 第十五、十六条: offices report their
quarter as a sheet): a fixed figure written as the row's total is accepted,
every refusal speaks of 第 N 行 and 「分值」列, and an invited expert from
outside the city (三库办法 第五条 特邀) has the region 市外."""

from __future__ import annotations

from test_cli_points import count_entries
from test_import import write


def test_a_fixed_figure_written_as_its_total_is_accepted(cli, db, tmp_path):
    """积分办法 第十二条(四): 材料迟报 −1 a day; three days written as −3 with 数量 3."""
    path = write(tmp_path, "日期,单位,规则,分值,数量\n"
                           "2019-06-10,市财政局,材料迟报,-3,3\n"
                           "2019-06-11,市教育局,材料迟报,-1,2\n"
                           "2019-06-12,泽州县,存在问题,,1\n")
    cli.ok("points", "import", path)
    rows = cli.json("points", "list")
    assert [(e["unit"], e["points"], e["qty"]) for e in rows] == [("czj", -3, 3), ("jyj", -2, 2), ("zezhou", -5, 1)]


def test_import_refusals_speak_of_rows_and_columns(cli, db, tmp_path):
    path = write(tmp_path, "日期,单位,规则,分值,数量,事项编号\n"
                           "2019-06-10,市财政局,材料迟报,-2,3,\n"
                           "2019-06-11,市教育局,受表彰,,1,\n"
                           "2019-06-12,陵川县,退回重报,,1,\n")
    result = cli("points", "import", path)
    assert result.exit_code != 0 and count_entries(db) == 0
    said = result.stderr
    assert "第2行: 「分值」-2.0 与规则「材料迟报」的固定分值不符: 应为每项 -1.0, 或按「数量」3 合计 -3.0" in said
    assert "第3行: " in said and "「分值」列" in said
    assert "第4行: " in said and "「事项编号」列" in said
    assert "--points" not in said and "--matter" not in said


def test_an_invited_expert_from_outside_the_city(cli, tmp_path):
    path = write(tmp_path, "姓名,库,单位名称,地区\n李教授,特邀,山西大学,市外\n", "ins.csv")
    cli.ok("inspector", "import", path)
    [expert] = cli.json("inspector", "list")
    assert (expert["name"], expert["region"]) == ("李教授", "市外")
    wrong = write(tmp_path, "姓名,库,单位名称,地区\n王专家,特邀,太原理工大学,太原市\n", "ins2.csv")
    result = cli("inspector", "import", wrong)
    assert result.exit_code != 0
    assert "第2行: 地区「太原市」不是县(市、区)或开发区: 地区(「地区」列)填所属县" in result.stderr and "市外" in result.stderr
