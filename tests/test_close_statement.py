"""close --output: the anchor statement of a closed quarter (积分办法 第十三条;
docs/integrity.md "Anchors") goes to a file the clerk prints, signs and files,
with Chinese labels and every hash whole on a line of its own; the screen
gets one line saying where it is."""

from __future__ import annotations

import re

from jcdc import messages as msg
from jcdc.ruleset.words import fill
from jcdc.anchor import parse
from jcdc.terminal import width


def test_close_writes_its_statement_to_the_file_and_says_where(cli, db, tmp_path):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    path = tmp_path / "2019Q1-锚点.txt"
    result = cli.ok("close", "2019Q1", "--output", path, "--by", "王科长")
    assert result.stdout == ""
    said = result.stderr.splitlines()
    assert said[0].startswith(f"锚点声明已写入「{path}」(指纹 ") and len(said) == 2
    text = path.read_text(encoding="utf-8")
    anchor, stated = parse(text)
    assert stated == anchor.fingerprint and anchor.made_for == "2019Q1"
    # Chinese labels, no table names; every line fits 80 columns, each hash whole on its own line
    assert "链 积分记录 第 1 条" in text and "链 季度关闭 第 1 条" in text and "季度 2019Q1 排名哈希" in text
    assert not re.search(r"^链 [a-z_]+ ", text, re.M)
    assert max(width(line) for line in text.splitlines()) <= 80
    hashes = re.findall(r"^    ([0-9a-f]{64})$", text, re.M)
    assert len(hashes) == len(anchor.heads) + len(anchor.closed)
    assert cli("anchor", "--check", path).exit_code == 0


def test_the_file_is_not_overwritten_and_a_refusal_closes_nothing(cli, db, tmp_path):
    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    path = tmp_path / "已有.txt"
    path.write_text("别的文件", encoding="utf-8")
    result = cli("close", "2019Q1", "--output", path)
    assert result.exit_code != 0 and result.stderr.startswith("错误: ")
    assert path.read_text(encoding="utf-8") == "别的文件"
    assert cli("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-07").exit_code == 0  # still open
    cli.ok("close", "2019Q1", "--output", path, "--force")
    assert fill(msg.ANCHOR_TITLE) in path.read_text(encoding="utf-8")


def test_a_statement_in_the_earlier_one_line_form_still_checks(cli, db, tmp_path):
    """Statements filed before keep their worth: the one-line form is read as it was written."""
    from jcdc.anchor import current

    cli.ok("points", "add", "-u", "zezhou", "-r", "problem", "-d", "2019-02-06")
    statement = cli.ok("anchor").stdout
    anchor, _ = parse(statement)
    old = "\n".join([fill(msg.ANCHOR_TITLE), f"{msg.ANCHOR_MADE_AT} {anchor.made_at}", f"{msg.ANCHOR_MADE_BY} {anchor.made_by}"]
                    + [f"{msg.ANCHOR_CHAIN} {t} {i} {h}  {msg.CHAIN_LABEL.get(t, '')}" for t, (i, h) in anchor.heads.items()]
                    + [f"{msg.ANCHOR_FINGERPRINT} {anchor.fingerprint}"]) + "\n"
    again, stated = parse(old)
    assert again.heads == anchor.heads and stated == anchor.fingerprint
    assert current is not None


def test_every_chain_has_a_chinese_label():
    """Each chain a statement can name (every chained table but the anchors' own) reads in Chinese."""
    from jcdc.anchor import _OWN
    from jcdc.store import CHAINED

    missing = [t for t in CHAINED if t != _OWN and t not in msg.CHAIN_LABEL]
    assert missing == []
    assert all(not label.isascii() for label in msg.CHAIN_LABEL.values() if not label.startswith("13710"))


def test_a_rectification_items_paragraph_is_named_in_chinese_in_the_statement(cli, tmp_path):
    cli.ok("fix", "add", "--unit", "泽州县", "--what", "整改道路破损", "--class", "一般", "--from", "2019-05-05",
           "--para", "二.1")
    statement = cli.ok("anchor").stdout
    assert f"{msg.ANCHOR_CHAIN} 整改事项适用段落 第 1 条" in statement
    assert "fix_paras" not in statement
    checked = tmp_path / "锚点.txt"
    checked.write_text(statement, encoding="utf-8")
    cli.ok("anchor", "--check", checked)
