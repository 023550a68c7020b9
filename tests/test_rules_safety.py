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
    return result.output


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


def test_a_figure_beyond_a_thousand_points_is_refused_with_its_line(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    line = text.splitlines().index('lead = "-5"') + 1
    for figure in ("99999999999999999999", "922337203685477580.7", "-1000.1", "10..1001"):
        bad = _write(tmp_path, "huge.toml", text.replace('\nlead = "-5"', f'\nlead = "{figure}"', 1))
        err = _one_line_refusal(cli("rules", "check", str(bad)))
        assert f"huge.toml:{line}:" in err and "1000" in err, err
        err = _one_line_refusal(cli("rules", "adopt", str(bad), "--effective", "2030-01-01", "--doc", "D"))
        assert "1000" in err, err
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]
    ok = _write(tmp_path, "edge.toml", text.replace('\nlead = "-5"', '\nlead = "-1000"', 1))
    assert cli("rules", "check", str(ok)).exit_code == 0


def test_a_count_beyond_reason_is_refused(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    assert "\ntop = 3\n" in text
    bad = _write(tmp_path, "count.toml", text.replace("\ntop = 3\n", "\ntop = 99999999999999999999\n", 1))
    err = _one_line_refusal(cli("rules", "check", str(bad)))
    assert "count.toml:" in err and "10000" in err, err


def test_init_rules_refuses_a_huge_figure(tmp_path, monkeypatch):
    from conftest import Cli

    db = tmp_path / "new.db"
    monkeypatch.setenv("JCDC_DB", str(db))
    cli = Cli()
    from jcdc.ruleset import builtin_path

    src = builtin_path("jincheng-2017").read_text(encoding="utf-8")
    assert '\nlead = "-5"' in src
    bad = _write(tmp_path, "huge.toml", src.replace('\nlead = "-5"', '\nlead = "99999999999999999999"', 1))
    err = _one_line_refusal(cli("init", "--rules", str(bad)))
    assert "1000" in err, err
def test_a_version_name_names_one_content(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    b = _write(tmp_path, "b.toml", text.replace('\nlead = "-5"', '\nlead = "-4"', 1))
    err = _one_line_refusal(cli("rules", "adopt", str(b), "--effective", "2020-01-01", "--doc", "D1"))
    assert "jincheng-2017" in err and "\n" not in err.strip(), err
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]
    # a new name for the new content is adopted; its name then names it alone
    c = _write(tmp_path, "c.toml", text.replace('\nlead = "-5"', '\nlead = "-4"', 1)
               .replace('\nversion = "jincheng-2017"', '\nversion = "j-2020"', 1))
    cli.ok("rules", "adopt", str(c), "--effective", "2020-01-01", "--doc", "D1")
    d = _write(tmp_path, "d.toml", text.replace('\nlead = "-5"', '\nlead = "-3"', 1)
               .replace('\nversion = "jincheng-2017"', '\nversion = "j-2020"', 1))
    err = _one_line_refusal(cli("rules", "adopt", str(d), "--effective", "2021-01-01", "--doc", "D2"))
    assert "j-2020" in err, err
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017", "j-2020"]
def test_extends_that_loops_is_refused_naming_the_loop(cli, tmp_path):
    selfish = _write(tmp_path, "self.toml", '[ruleset]\nextends = "self.toml"\nversion = "x"\n')
    a = _write(tmp_path, "la.toml", '[ruleset]\nextends = "lb.toml"\nversion = "x"\n')
    _write(tmp_path, "lb.toml", '[ruleset]\nextends = "la.toml"\nversion = "y"\n')
    for path, loop in ((selfish, "self.toml"), (a, "la.toml")):
        for args in (("rules", "check", str(path)),
                     ("rules", "adopt", str(path), "--effective", "2030-01-01", "--doc", "D"),
                     ("rules", "diff", "jincheng-2017", str(path))):
            err = _one_line_refusal(cli(*args))
            assert "extends" in err and loop in err, (args, err)
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]


def test_init_rules_refuses_an_extends_loop(tmp_path, monkeypatch):
    from conftest import Cli

    monkeypatch.setenv("JCDC_DB", str(tmp_path / "new.db"))
    selfish = _write(tmp_path, "self.toml", '[ruleset]\nextends = "self.toml"\nversion = "x"\n')
    err = _one_line_refusal(Cli()("init", "--rules", str(selfish)))
    assert "extends" in err and "self.toml" in err, err


def test_two_rules_answering_to_one_name_are_refused(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    start = text.index("[points.rules.problem]")
    end = text.index("\n[", start + 1)
    block = text[start:end]
    assert 'name = "存在问题"' in block
    twin = block.replace("[points.rules.problem]", "[points.rules.problem2]", 1)
    title = next(line for line in block.splitlines() if line.startswith("title = "))
    twin = twin.replace(title, 'title = "另一条"')
    bad = _write(tmp_path, "twin.toml", text[:end] + "\n\n" + twin + text[end:])
    line = (text[:end] + "\n\n" + twin).splitlines().index('name = "存在问题"', text[:end].count("\n") + 2) + 1
    out = _one_line_refusal(cli("rules", "check", str(bad)))
    assert f"twin.toml:{line}: points.rules.problem2.name:" in out and "存在问题" in out and "problem" in out, out
    assert out.count("已是规则") == 1, out
    # the same title twice
    twin = block.replace("[points.rules.problem]", "[points.rules.problem2]", 1).replace(
        'name = "存在问题"', 'name = "另一条"')
    bad = _write(tmp_path, "twin.toml", text[:end] + "\n\n" + twin + text[end:])
    out = _one_line_refusal(cli("rules", "check", str(bad)))
    assert "points.rules.problem2.title:" in out, out


def test_adopt_refuses_control_characters_in_its_document_number_and_reason(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    b = _write(tmp_path, "b.toml", text.replace('\nversion = "jincheng-2017"', '\nversion = "j-2020"', 1)
               .replace('\nlead = "-5"', '\nlead = "-4"', 1))
    for doc, reason in (("\x1b[31m", None), ("D1", "\x1b]0;pwn\x07"), ("D\u202e1", None)):
        args = ["rules", "adopt", str(b), "--effective", "2020-01-01", "--doc", doc]
        if reason is not None:
            args += ["--reason", reason]
        out = _one_line_refusal(cli(*args))
        assert "\x1b" not in out and "U+" in out, out
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]


def test_a_rule_set_file_with_control_or_invisible_characters_is_refused(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    line = text.splitlines().index('version = "jincheng-2017"') + 1
    for char in ("\\u001b", "\\u202e", "\\u200b"):
        bad = _write(tmp_path, "odd.toml", text.replace('\nversion = "jincheng-2017"',
                                                          f'\nversion = "jincheng{char}-2017"', 1))
        out = _one_line_refusal(cli("rules", "check", str(bad)))
        assert f"odd.toml:{line}: ruleset.version:" in out and "U+" in out, out
        bad = _write(tmp_path, "odd.toml", text.replace("[points.rules.problem]", f'[points.rules."prob{char}lem"]', 1))
        out = _one_line_refusal(cli("rules", "check", str(bad)))
        assert "U+" in out, out
        out = _one_line_refusal(cli("rules", "adopt", str(bad), "--effective", "2030-01-01", "--doc", "D"))
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]


def test_an_effective_date_before_a_closed_quarter_names_that_quarter_truly(cli, tmp_path):
    text = _export(cli, tmp_path).read_text(encoding="utf-8")
    b = _write(tmp_path, "b.toml", text.replace('\nversion = "jincheng-2017"', '\nversion = "j-2019"', 1)
               .replace('\nlead = "-5"', '\nlead = "-4"', 1))
    cli.ok("close", "2019Q1", "--empty")
    out = _one_line_refusal(cli("rules", "adopt", str(b), "--effective", "2018-12-31", "--doc", "D1"))
    assert "早于已关闭的2019年第一季度" in out and "在已关闭" not in out, out
    out = _one_line_refusal(cli("rules", "adopt", str(b), "--effective", "2019-02-01", "--doc", "D1"))
    assert "在已关闭的2019年第一季度内" in out, out
    assert [v["version"] for v in cli.json("rules", "history")] == ["jincheng-2017"]


def test_a_unit_code_already_taken_names_the_unit_it_names(cli):
    out = _one_line_refusal(cli("unit", "add", "zezhou", "别的县", "-c", "市直"))
    assert "泽州县" in out and "别的县" not in out, out


def test_a_file_that_cannot_be_read_is_refused_in_chinese(cli, tmp_path, monkeypatch):
    from conftest import Cli

    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe[ruleset]\n")
    (tmp_path / "folder.toml").mkdir()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a ledger at all, " * 100)
    a = _export(cli, tmp_path)
    english = ("codec", "No such file", "is a directory", "Is a directory", "Errno", "not a database", "File '")
    cases = []
    for path in (binary, tmp_path / "folder.toml", tmp_path / "none.toml"):
        cases += [("rules", "check", str(path)),
                  ("rules", "adopt", str(path), "--effective", "2030-01-01", "--doc", "D")]
    for args in cases:
        out = _one_line_refusal(cli(*args))
        assert not any(e in out for e in english), (args, out)
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "new.db"))
    for path in (binary, tmp_path / "folder.toml", tmp_path / "none.toml"):
        out = _one_line_refusal(Cli()("init", "--rules", str(path)))
        assert not any(e in out for e in english), (path, out)
    monkeypatch.setenv("JCDC_DB", str(garbage))
    assert Cli()("rules", "check", str(a)).exit_code == 0  # a file's check opens no ledger
    for args in (("rules", "adopt", str(a), "--effective", "2030-01-01", "--doc", "D"),
                 ("init", "--rules", str(a))):
        out = _one_line_refusal(Cli()(*args))
        assert not any(e in out for e in english), (args, out)
    assert garbage.read_bytes() == b"not a ledger at all, " * 100
