"""Usage mistakes read in Chinese too: one line, exit 2, how to get help."""

import pytest


@pytest.mark.parametrize("args,message", [
    (["points", "add", "--unit", "泽州县", "--rule", "problem"],
     "错误: 缺少必需的选项 '--date' / '-d'(用法: jcdc points add --help)"),
    (["points", "revoke"], "错误: 缺少必需的参数 'ID'(用法: jcdc points revoke --help)"),
    (["points", "list", "--format", "xml"],
     "错误: '--format' / '-f' 的值无效, 可用: table、csv、json(用法: jcdc points list --help)"),
    (["points", "add", "--unt", "x"], "错误: 没有选项「--unt」, 是否指「--unit」"),
    (["points", "add", "-u", "x", "-r", "problem", "-d", "2019-01-01", "--qty", "abc"],
     "错误: '--qty' / '-n' 的值应为整数(用法: jcdc points add --help)"),
    (["pionts", "list"], "错误: 没有命令「pionts」, 是否指「points」"),
])
def test_usage_mistakes_are_one_chinese_line(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_group_without_a_command_shows_its_help(cli):
    result = cli("rules")
    assert "list" in result.output and "show" in result.output and "错误" not in result.output
