"""A refusal names the field the clerk typed in Chinese (备注, 来源, 理由, 名称 …),
never by the code's own word for it (note, source, reason, name)."""

from __future__ import annotations

import re

import pytest

BAD = "甲\x01乙"  # a control character: every text refuses it, naming its field

COMMANDS = [
    (["points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-01", "--note", BAD], "备注"),
    (["points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-01", "--ref", BAD], "文号"),
    (["points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-05-01", "--matter", BAD], "事项编号"),
    (["points", "revoke", "1", "--reason", BAD], "理由"),
    (["points", "import", "{sheet}", "--source", BAD], "来源"),
    (["unit", "add", "szx", BAD, "--category", "city", "--group", "市直"], "名称"),
    (["close", "2019Q1", "--without-bonus", "--reason", BAD], "理由"),
    (["case", "open", "--unit", "泽州县", "--trigger", "inaction", "--summary", "摘要", "--date", "2019-03-01",
      "--note", BAD], "备注"),
    (["case", "open", "--unit", "泽州县", "--trigger", "inaction", "--summary", BAD, "--date", "2019-03-01"],
     "案情摘要"),
    (["case", "open", "--unit", "泽州县", "--trigger", "inaction", "--summary", "摘要", "--date", "2019-03-01",
      "--by", BAD], "办理单位"),
    (["fix", "add", "--unit", "泽州县", "--what", BAD, "--class", "一般", "--from", "2019-05-05"], "内容"),
    (["matter", "add", "2019-0456", "--title", BAD, "--lead", "泽州县", "--opened", "2019-05-05"], "标题"),
    (["task", "add", BAD, "--kind", "专项督查", "--start", "2019-05-06", "--end", "2019-05-10"], "任务名称"),
    (["inspector", "add", BAD, "--pool", "专职", "--unit", "市财政局"], "姓名"),
]


@pytest.mark.parametrize("args,field", COMMANDS, ids=[f for _, f in COMMANDS])
def test_a_refusal_names_the_field_in_chinese(cli, tmp_path, args, field):
    sheet = tmp_path / "季度.csv"
    sheet.write_text("date,unit,rule\n2019-05-03,泽州县,problem\n", encoding="utf-8")
    cli.ok("points", "add", "-u", "泽州县", "-r", "problem", "-d", "2019-02-01")
    result = cli(*[str(sheet) if a == "{sheet}" else a for a in args])
    assert result.exit_code == 2, result.output
    assert f"「{field}」中有控制字符 U+0001" in result.stderr
    assert not re.search(r"「-*[A-Za-z][A-Za-z-]*」", result.stderr), result.stderr

