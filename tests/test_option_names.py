"""Every option value a clerk types answers to its Chinese name and its code
(追究办法 第五条's triggers, 第九条(五)'s 通报 scopes, 快速处置 二's classes,
三库办法's pools and task kinds, 积分办法 第二条's categories …), and help lists
the Chinese first."""

from __future__ import annotations

import pytest
import typer.main

from jcdc import messages as msg
from jcdc.cli import _only
from jcdc.fixes import parse_class as parse_fix_class
from jcdc.matters import parse_class as parse_matter_class
from jcdc.model import InputError
from jcdc.points import parse_role
from jcdc.pools import parse_kind, parse_pool
from jcdc.rules.zhuijiu import parse_scope, parse_state, parse_trigger, trigger_names
from jcdc.units import parse_category
from test_cases import PATH, drive
from test_cases import fixed_today  # noqa: F401  (the case tests' today)
from jcdc.rules.zhuijiu import State

CHOICES = [  # (parser, labels, other Chinese names)
    (parse_trigger, *trigger_names()),
    (parse_scope, msg.CASE_SCOPE, msg.CASE_SCOPE_ALSO),
    (parse_state, msg.CASE_STATE, {}),
    (parse_fix_class, msg.FIX_CLASS, msg.FIX_CLASS_ALSO),
    (parse_matter_class, msg.MATTER_CLASS, msg.MATTER_CLASS_ALSO),
    (parse_role, msg.ROLE, msg.ROLE_ALSO),
    (parse_pool, msg.POOL, msg.POOL_ALSO),
    (parse_kind, msg.TASK_KIND, msg.TASK_KIND_ALSO),
    (parse_category, msg.CATEGORY, msg.CATEGORY_ALSO),
]


@pytest.mark.parametrize("parse,labels,also", CHOICES, ids=lambda c: getattr(c, "__qualname__", None))
def test_every_choice_answers_to_its_code_and_every_chinese_name(parse, labels, also):
    for code, label in labels.items():
        for name in (code, code.upper(), label, *also.get(code, ())):
            assert parse(name).value == code, name
    with pytest.raises(InputError) as refused:
        parse("无此项")
    # The refusal lists the Chinese names first, as help does.
    first_code = next(iter(labels))
    assert f"{labels[first_code]}({first_code}" in str(refused.value)


@pytest.mark.parametrize("words", [
    ["fix", "add", "--unit", "泽州县", "--what", "道路破损", "--class", "一般", "--from", "2019-05-05"],
    ["fix", "add", "--unit", "泽州县", "--what", "推诿扯皮", "--class", "推诿", "--from", "2019-05-05",
     "--inspection-end", "2019-05-05"],
    ["fix", "add", "--unit", "泽州县", "--what", "懒政", "--class", "懒政", "--from", "2019-05-05",
     "--inspection-end", "2019-05-05"],
    ["matter", "add", "2019-0001", "--title", "道路修缮", "--lead", "泽州县", "--class", "重大", "--opened", "2019-05-05"],
    ["unit", "add", "xzsp", "市行政审批服务管理局", "--category", "市直单位"],
    ["inspector", "add", "李明", "--pool", "特邀库", "--org", "市政协"],
    ["task", "add", "环保专项督查", "--kind", "专项", "--start", "2019-05-05", "--end", "2019-05-10"],
    ["points", "add", "-u", "市教育局", "-r", "problem", "--role", "配合单位", "-d", "2019-05-05"],
])
def test_chinese_option_values_are_accepted_on_the_command_line(cli, words):
    cli.ok(*words)


def test_case_trigger_and_publish_scope_in_chinese(cli):
    """追究办法 第五条(一) 不作为 …; 第九条(五) 内部通报."""
    case_id = cli.ok("case", "open", "--unit", "泽州县", "--person", "张三:副县长", "--trigger", "不作为",
                     "--summary", "重点项目推进缓慢", "--date", "2019-03-01").stdout.strip()
    assert cli.json("case", "show", case_id)["trigger"] == "inaction"
    drive(cli, case_id, PATH[State.EXECUTED])
    cli.ok("case", "publish", case_id, "--by", "督查室", "--scope", "内部通报", "--date", "2019-04-01")
    show = cli.json("case", "show", case_id)
    assert (show["state"], show["scope"]) == ("closed", "internal")
    assert [c["id"] for c in cli.json("case", "list", "--state", "已结案")] == [case_id]


# (command path, option, labels): each choice's help names its Chinese first, then its code.
HELPS = [
    (["case", "open"], "--trigger", trigger_names()[0]),
    (["case", "publish"], "--scope", msg.CASE_SCOPE),
    (["fix", "add"], "--class", msg.FIX_CLASS),
    (["matter", "add"], "--class", msg.MATTER_CLASS),
    (["points", "add"], "--role", msg.ROLE),
    (["points", "correct"], "--role", msg.ROLE),
    (["inspector", "add"], "--pool", msg.POOL),
    (["inspector", "list"], "--pool", msg.POOL),
    (["task", "add"], "--kind", msg.TASK_KIND),
    (["unit", "add"], "--category", msg.CATEGORY),
]


@pytest.mark.parametrize("path,option,labels", HELPS, ids=lambda p: " ".join(p) if isinstance(p, list) else None)
def test_help_lists_the_chinese_name_before_the_code(path, option, labels):
    command = typer.main.get_command(_only(path[0]))
    for name in path:
        command = command.commands[name]
    param = next(p for p in command.params if option in getattr(p, "opts", ()))
    for code in labels:
        assert f"({code}" in param.help, (code, param.help)
        assert f"{code}(" not in param.help, (code, param.help)
