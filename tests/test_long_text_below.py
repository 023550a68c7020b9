"""Long text goes under the table, never into a column that gives way: `case
show` keeps who acted and the document of every step (追究办法 第九条: each
step dated, with who acted and the document) at 80 and 120 columns; `rules
show` shows the article's words (条文) it exists to show."""

from __future__ import annotations

import pytest

from jcdc import output
from jcdc.rules import POINT_RULES
from jcdc.terminal import width
from test_cases import fixed_today  # noqa: F401  (the case tests' today)

LONG = "经核查, 该县在保障性住房项目推进中存在推诿扯皮、敷衍塞责等问题, 建议对相关责任人予以通报并约谈主要负责人"


def _screen(cli, monkeypatch, columns, *args) -> list[str]:
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = cli.ok(*args).stdout.splitlines()
    assert max(width(line) for line in lines) <= columns
    return lines


@pytest.mark.parametrize("columns", [80, 120])
def test_case_show_keeps_who_acted_and_the_document_of_every_step(cli, monkeypatch, columns):
    case_id = cli.ok("case", "open", "--unit", "泽州县", "--body", "泽州县住房和城乡建设局", "--person", "张三:副局长",
                     "--trigger", "inaction", "--summary", LONG, "--date", "2019-03-01").stdout.strip()
    steps = [("verify", "市住房和城乡建设局", "晋市建核〔2019〕13号", ["--note", LONG]),
             ("propose", "泽州县人民政府", "泽政发〔2019〕1069号", ["--sanction", "张三:通报"]),
             ("review", "市住房和城乡建设局", "晋市建审〔2019〕21号", []),
             ("return", "市政府督查室", "晋督字〔2019〕1088号", ["--reason", LONG])]
    for n, (action, by, doc, extra) in enumerate(steps):
        cli.ok("case", action, case_id, "--by", by, "--doc", doc, "--date", f"2019-03-{n + 2:02d}", *extra)
    lines = _screen(cli, monkeypatch, columns, "case", "show", case_id)
    history = lines[next(i for i, line in enumerate(lines) if line.startswith("办理经过")):]
    for action, by, doc, _ in steps:
        # who acted and the document are on the step's own line, whole
        assert any(by in line and doc in line for line in history), (by, doc, "\n".join(history))
    assert not any("未显示" in line and ("办理单位" in line or "文件" in line) for line in history)
    joined = "".join(line.strip() for line in history)
    assert "2019-03-05复核退回" in joined.replace(" ", "") and LONG.replace(" ", "") in joined.replace(" ", "")


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("code", ["13710-returned", "problem", "obstruct"])
def test_rules_show_shows_the_article_text(cli, monkeypatch, columns, code):
    lines = _screen(cli, monkeypatch, columns, "rules", "show", code)
    joined = "".join(line.strip() for line in lines).replace(" ", "")
    assert POINT_RULES[code].text.replace(" ", "").replace("\n", "") in joined
    assert not any("未显示" in line and "条文" in line for line in lines)
