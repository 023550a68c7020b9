"""A rule-set file is data a clerk (or a county) writes: every figure bounded,
every name one rule's, every version name one content, every `extends` ending,
and a ledger that re-adopts an earlier version's content judged honestly."""

from __future__ import annotations

from pathlib import Path


def _export(cli, tmp_path: Path) -> Path:
    path = tmp_path / "a.toml"
    cli.ok("rules", "export", "--output", str(path))
    return path


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_line_refusal(result) -> str:
    assert result.exit_code != 0, result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output, result.output
    return result.stderr


def test_a_version_adopted_again_after_a_withdrawn_revision_leaves_check_clean(cli, tmp_path):
    a = _export(cli, tmp_path)
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2019-05-06")
    text = a.read_text(encoding="utf-8")
    b = _write(tmp_path, "b.toml", text.replace('\nlead = "-5"', '\nlead = "-4"', 1)
               .replace('\nversion = "jincheng-2017"', '\nversion = "j-2020"', 1))
    cli.ok("rules", "adopt", str(b), "--effective", "2020-01-01", "--doc", "D1")
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2020-05-06")
    cli.ok("rules", "adopt", str(a), "--effective", "2021-01-01", "--doc", "D2")
    cli.ok("points", "add", "--unit", "泽州县", "--rule", "problem", "--date", "2021-05-06")
    assert [e["points"] for e in cli.json("points", "list")] == [-5, -4, -5]
    result = cli("check")
    assert result.exit_code == 0, result.output
