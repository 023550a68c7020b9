"""A county's own words in its rule set — its office, government, documents'
titles, the units its exemptions rank among — as a careless or hostile clerk
may write them: whatever they say is printed as they say it, or refused in one
line by `rules check` naming the key; never an internal error, never another
office's words in the county's 通报."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

EXAMPLES = Path(__file__).parent.parent / "examples" / "rulesets"
PACKAGE = Path(__file__).parent.parent / "jcdc" / "rulesets"


def county_file(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = (EXAMPLES / "zezhou-2018.toml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "county.toml"
    path.write_text(text, encoding="utf-8")
    return path


def all_text(path: Path) -> str:
    d = Document(str(path))
    return "\n".join([p.text for p in d.paragraphs]
                     + [c.text for t in d.tables for r in t.rows for c in r.cells])


def test_braces_in_the_county_s_words_are_printed_as_written_not_taken_for_placeholders(cli, tmp_path, monkeypatch):
    """A `.format` after the words are filled in read {period} in the office's name
    as its own placeholder (another text in the county's 通报) and {x} as a missing
    one (内部错误: KeyError). The words are the county's, printed as it wrote them."""
    rules = county_file(tmp_path, ('office = "县政府办公室督查室"', 'office = "县政府{period}办公室{x}督查室"'),
                        ('government = "县政府"', 'government = "县{0}政府}"'))
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "c.db"))
    cli.ok("rules", "check", str(rules))
    cli.ok("init", "--rules", str(rules), "--roster", str(EXAMPLES / "zezhou-units.csv"))
    cli.ok("points", "add", "--unit", "南村镇", "--rule", "problem", "--date", "2019-05-06")
    cli.ok("points", "add", "--unit", "县教育局", "--rule", "commend", "--points", "15", "--date", "2019-05-16")
    for q in (1, 2, 3, 4):
        empty = [] if cli.json("points", "list", "--quarter", f"2019Q{q}") else ["--empty"]
        cli.ok("close", f"2019Q{q}", *empty)
    cli.ok("notice", "--year", "2019", "--output", str(tmp_path / "n.docx"), "--number", "泽政办发〔2020〕3号")
    notice = all_text(tmp_path / "n.docx")
    assert "县政府｛period｝办公室｛x｝督查室对各乡镇人民政府" in notice or "县政府{period}办公室{x}督查室对各乡镇人民政府" in notice
    assert "报县｛0｝政府｝同意" in notice or "报县{0}政府}同意" in notice
    cli.ok("statement", "--year", "2019", "--unit", "县教育局", "--output", str(tmp_path / "s"))
    [statement] = (tmp_path / "s").glob("*.docx")
    said = all_text(statement)
    assert re.search(r"县政府[{｛]period[}｝]办公室[{｛]x[}｝]督查室", said), said
    assert "2019年度" in said


def own_file_without_words(tmp_path: Path, name: str = "lingchuan.toml") -> Path:
    """陵川县's own file, written whole (no `extends`) from Jincheng's before the
    format named an office: it gives none of the words the format gained later."""
    text = (PACKAGE / "jincheng-2017.toml").read_text(encoding="utf-8")
    text = text.replace('id = "jincheng"', 'id = "lingchuan"', 1).replace(
        'version = "jincheng-2017"', 'version = "lingchuan-2018"', 1)
    for line in ('office = "晋城市政府办公厅督查室"\n', 'area = "晋城市"\n', 'office = "市政府办公厅督查室"\n',
                 'government = "市政府"\n', 'among = "县(市、区)"\n', 'among = "市直相关单位"\n',
                 'inspections = ["国务院", "省政府"]\n', 'inspections = ["市政府"]\n'):
        assert line in text, line
        text = text.replace(line, "", 1)
    text = re.sub(r"\[documents\.titles\]\n(?:.+\n)+", "", text)
    assert "[documents.titles]" not in text
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (tmp_path / "jinshizhengban-2017-101.txt").write_text(
        (PACKAGE / "jinshizhengban-2017-101.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_a_county_s_own_file_lacking_its_office_s_words_is_refused_not_given_jincheng_s(cli, tmp_path, monkeypatch):
    """A key the format gained later is taken from the package's file of the same
    version (a ledger's recorded body keeps its hash and its words), else from
    Jincheng's: for 陵川县's own file that made its 通报 read 市政府办公厅督查室 对
    各县(市、区)…, 报市政府同意, 《晋城市政府督查工作激励积分办法(试行)》 — another
    office's document, sent in its name. The words are its to give: each is named."""
    rules = own_file_without_words(tmp_path)
    checked = cli("rules", "check", str(rules))
    assert checked.exit_code == 1, checked.output
    lines = checked.stdout.splitlines()
    for key in ("ruleset.office", "ruleset.area", "documents.office", "documents.government", "documents.titles",
                "ranking.exemptions[0].among", "ranking.exemptions[0].inspections",
                "ranking.exemptions[1].among", "ranking.exemptions[1].inspections"):
        [line] = [l for l in lines if f": {key}: " in l]
        assert "jincheng" in line and "lingchuan" in line, line
    assert any("市政府办公厅督查室" in l for l in lines), lines
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "l.db"))
    refused = cli("init", "--rules", str(rules), "--no-roster")
    assert refused.exit_code == 1 and "ruleset.office" in refused.output
    assert not (tmp_path / "l.db").exists() or cli.json("rules", "history") == []

    # Jincheng's own revision may keep Jincheng's words: they are its own
    text = (PACKAGE / "jincheng-2017.toml").read_text(encoding="utf-8")
    revision = tmp_path / "jincheng-2021.toml"
    revision.write_text(text.replace('version = "jincheng-2017"', 'version = "jincheng-2021"', 1)
                        .replace('office = "市政府办公厅督查室"\n', "", 1), encoding="utf-8")
    (tmp_path / "jinshizhengban-2017-101.txt").exists()
    assert cli("rules", "check", str(revision)).exit_code == 0


def test_a_county_file_extending_jincheng_s_gives_its_own_office_s_words(cli, tmp_path):
    """Extending Jincheng's file takes its figures; its office's words would be
    Jincheng's too, in the county's 通报, unless the county says its own."""
    rules = county_file(tmp_path, ('office = "县政府办公室督查室"\ngovernment = "县政府"\n', ""))
    checked = cli("rules", "check", str(rules))
    assert checked.exit_code == 1, checked.output
    lines = checked.stdout.splitlines()
    assert [l.split(": ")[1] for l in lines] == ["documents.government", "documents.office"], lines
    assert "市政府办公厅督查室" in lines[1] and "jincheng" in lines[1]


@pytest.mark.parametrize("old, new, key, words", [
    ('office = "县政府办公室督查室"', 'office = "县政府办公室\\n督查室"', "documents.office", "换行"),
    ('government = "县政府"', 'government = """县政府\n"""', "documents.government", "换行"),
    ('area = "泽州县"', 'area = "泽州\\r县"', "ruleset.area", "换行"),
    ('among = "乡镇"', 'among = "乡\\n镇"', "ranking.exemptions[0].among", "换行"),
    ('inspections = ["市政府"]', 'inspections = ["市\\n政府"]', "ranking.exemptions[0].inspections", "换行"),
    ('"积分办法" = "泽州县政府督查工作激励积分实施办法(示例)"', '"积分办法" = "《泽州县政府督查工作激励积分实施办法》"',
     "documents.titles.积分办法", "《》"),
    ('inspections = ["市政府"]', 'inspections = []', "ranking.exemptions[0].inspections", "至少"),
])
def test_a_name_the_notice_sets_in_its_sentences_is_one_line_its_own_marks_and_never_empty(cli, tmp_path, old, new,
                                                                                           key, words):
    """Each of these is set inside a sentence of the 通报 and the statements: a line
    break split 县政府办公室/督查室 across two lines of 正文, a title given with its
    书名号 read 《《…》》, and no inspections left 建议……将其作为2020年“免督查”待遇
    without whose 大督查."""
    checked = cli("rules", "check", str(county_file(tmp_path, (old, new))))
    assert checked.exit_code == 1, checked.output
    [line] = checked.stdout.splitlines()
    assert f": {key}: " in line and words in line, line


def test_init_run_again_with_the_file_a_county_s_ledger_was_made_with_is_still_that_ledger(cli, tmp_path,
                                                                                          monkeypatch):
    """A county's ledger made by the last release from its own file, which named no
    office (the format had no such key), recorded that file's body. Running its
    `init` again with the same file (to add units to its roster) opens that ledger
    as it did: the version is the ledger's, its words as the release read them.
    Only a ledger not yet under it — a new one — is refused for the words it lacks."""
    import importlib

    loader = importlib.import_module("jcdc.ruleset.load")

    rules = own_file_without_words(tmp_path)
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "l.db"))
    with monkeypatch.context() as release:  # the last release: no file was refused for its office's words
        release.setattr(loader, "_borrowed_names", lambda *a: [])
        cli.ok("init", "--rules", str(rules), "--no-roster")
    [version] = cli.json("rules", "history")
    again = cli("init", "--rules", str(rules), "--no-roster")
    assert again.exit_code == 0, again.output
    assert cli.json("rules", "history") == [version]
    monkeypatch.setenv("JCDC_DB", str(tmp_path / "new.db"))
    refused = cli("init", "--rules", str(rules), "--no-roster")
    assert refused.exit_code == 1 and "ruleset.office" in refused.output


def test_a_filled_text_copies_and_pickles_as_the_text_it_is():
    """A filled message is a str: copied, pickled (a process pool's rows) and read
    back it is the same text, and still formats its own placeholders only."""
    import copy
    import pickle

    from jcdc import ruleset
    from jcdc.ruleset.words import fill

    filled = fill("{office}: {unit}", ruleset.builtin())
    for again in (pickle.loads(pickle.dumps(filled)), copy.deepcopy(filled), copy.copy(filled)):
        assert again == filled == "市政府办公厅督查室: {unit}"
        assert again.format(unit="{x}") == "市政府办公厅督查室: {x}"


def test_a_county_file_naming_one_title_does_not_take_jincheng_s_other(cli, tmp_path):
    """`documents.titles` merges title by title onto the file it extends: a county
    naming its 积分办法 only read 《晋城市政府督查责任追究办法(试行)》第五条第(五)项
    in its 通报's accountability proposal."""
    rules = county_file(tmp_path, ('"追究办法" = "泽州县政府督查责任追究实施办法(示例)"\n', ""))
    checked = cli("rules", "check", str(rules))
    assert checked.exit_code == 1, checked.output
    [line] = checked.stdout.splitlines()
    assert ": documents.titles.追究办法: " in line and "晋城市政府督查责任追究办法(试行)" in line, line
