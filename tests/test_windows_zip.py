"""The zip for an office PC without internet (tools/windows/build-zip), built and
run under Wine from C:\\Users\\张三\\督查台账, as a clerk would unzip it.

Runs on Linux with Wine (docs/windows.md), only when asked:
`.venv/bin/pytest tests/test_windows_zip.py --windows-zip -n0`; .ci/run does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import jcdc

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "windows"
FOLDER = r"C:\Users\张三\督查台账"  # spaces are in the ledger's name below

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="builds on Linux, runs the zip under Wine")


@pytest.fixture(scope="module")
def unzipped(request):
    if not request.config.getoption("--windows-zip", default=False):
        pytest.skip("builds the Windows zip and runs it under Wine: pytest --windows-zip (docs/windows.md)")
    built = subprocess.run([str(ROOT / "tools" / "windows" / "build-zip")], capture_output=True, text=True,
                           timeout=1800)
    assert built.returncode == 0, built.stderr
    archive = Path(built.stdout.strip().splitlines()[-1])
    assert archive == ROOT / "dist" / f"jcdc-{jcdc.__version__}-windows-x64.zip"
    prefix = CACHE / "prefix"
    assert (prefix / "drive_c").is_dir(), "the Wine prefix is made by tools/windows/test or build-zip"
    users = prefix / "drive_c" / "users"
    folder = users / "张三" / "督查台账"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    top = archive.stem
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        for member in z.infolist():  # its contents into the folder, as Explorer's "extract here" of the folder
            relative = member.filename.removeprefix(top + "/")
            if not relative or member.is_dir():
                continue
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(member))
    # The demo ledger lives in %LOCALAPPDATA%\jcdc: none there before the test.
    for local in users.glob("*/AppData/Local/jcdc"):
        shutil.rmtree(local)
    return archive, names, folder, users


def jcdc_cmd(*args: str) -> subprocess.CompletedProcess:
    """`jcdc.cmd ARGS` in cmd, on the Chinese code page; stdout and stderr as bytes."""
    env = {**os.environ, "WINEPREFIX": str(CACHE / "prefix"), "WINEDEBUG": "-all", "LC_ALL": "zh_CN.UTF-8",
           "WINEDLLOVERRIDES": "mscoree,mshtml="}
    for name in ("JCDC_DB", "JCDC_USER", "PYTHONUTF8", "PYTHONIOENCODING", "PYTHONPATH"):
        env.pop(name, None)
    return subprocess.run(["wine", "cmd", "/c", FOLDER + r"\jcdc.cmd", *args], capture_output=True, env=env,
                          timeout=600, cwd=CACHE)


def test_the_zip_holds_python_every_dependency_jcdc_and_its_command(unzipped):
    archive, names, _, _ = unzipped
    top = archive.stem
    for name in ("jcdc.cmd", "python/python.exe", "python/python313.dll", "python/python313._pth",
                 "python/Lib/site-packages/jcdc/cli.py", "python/Lib/site-packages/jcdc/data/units.csv",
                 "python/DLLs/_sqlite3.pyd"):
        assert f"{top}/{name}" in names, name
    requirements = (ROOT / "tools" / "windows" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    infos = {n.split("/")[4].lower() for n in names if n.count("/") > 4 and n.split("/")[4].endswith(".dist-info")}
    for line in requirements:
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            assert f"{name.lower().replace('-', '_')}-{version}.dist-info" in infos, line
    assert not [n for n in names if "/Lib/site-packages/pytest" in n or "/Lib/test/" in n]
    assert archive.stat().st_size < 30 << 20


def test_jcdc_cmd_runs_from_a_chinese_folder_without_installing_anything(unzipped, tmp_path):
    _, _, folder, users = unzipped
    done = jcdc_cmd("--version")
    assert (done.returncode, done.stdout.decode("gbk").strip()) == (0, f"jcdc {jcdc.__version__}"), done

    done = jcdc_cmd("demo", "--format", "json")
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    ranking = json.loads(done.stdout)
    assert {row["group"] for row in ranking} == {"县区", "市直", "驻市"}
    assert len(list(users.glob("*/AppData/Local/jcdc/jcdc-demo.db"))) == 1  # in %LOCALAPPDATA%\jcdc
    again = jcdc_cmd("demo", "--format", "json")  # a second demo replaces the first
    assert again.returncode == 0 and json.loads(again.stdout) == ranking

    ledger = FOLDER + r"\晋城 台账.db"
    assert jcdc_cmd("init", "--db", ledger).returncode == 0
    assert (folder / "晋城 台账.db").is_file()
    added = jcdc_cmd("points", "add", "--db", ledger, "-u", "泽州县", "-r", "problem", "-d", "2019-05-06",
                     "--note", "刘䶮 到场", "--format", "json")
    assert added.returncode == 0, added.stderr.decode("gbk", "replace")
    entry = json.loads(added.stdout)
    assert (entry["unit"], entry["points"], entry["cite"], entry["note"]) == (
        "zezhou", -5, "积分办法 第十二条(一)", "刘䶮 到场")
    done = jcdc_cmd("rank", "--db", ledger, "--year", "2019", "--format", "json")
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    rows = {row["name"]: row for row in json.loads(done.stdout)}

    assert (rows["泽州县"]["score"], rows["泽州县"]["rank"], rows["阳城县"]["score"]) == (95, 7, 100)
    assert rows["泽州县"]["flags"] == []

    refused = jcdc_cmd("points", "add", "--db", ledger, "-u", "无此单位", "-r", "problem", "-d", "2019-05-06")
    err = refused.stderr.decode("gbk")
    assert refused.returncode == 1 and err.startswith("错误: ") and err.count("\n") == 1, err
