"""Every file jcdc writes goes through here: never half a file, never over the ledger.

`replacing(path)` yields a temporary file in the same folder; the writer fills
it, and only a complete file is renamed to `path` (atomic on one file system:
a full disk, a crash or a killed process leaves the old file, or none, never a
partial one). Before anything is written the target is vetted:

- an existing file is refused unless `force` is given, and then only an
  ordinary file is replaced: never a symlink, a folder, a device, the ledger
  or its companions (-wal, -shm, -journal), nor any SQLite database;
- a missing folder, a folder that cannot be written (/proc, a read-only
  medium), a name too long, a full disk: one clear line (JcdcError).

Files are owner-only like the ledger (0600 on POSIX, a DACL of their own on
Windows: owner_only): rankings carry units, case lists persons, inspector lists
phones, notes anyone's name.

Writers: `--output` (jcdc/output.py), `jcdc report`, `jcdc backup`,
`jcdc demo`; any new one (.docx notices, .html reports) calls `replacing` or
`write_text`/`write_bytes`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from jcdc import messages as msg
from jcdc.model import JcdcError

SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("", "-wal", "-shm", "-journal")

# The ledgers this process has opened (jcdc.store.open_store registers each):
# no file jcdc writes may land on one of them, whatever path leads there.
_protected: set[Path] = set()


def protect(ledger: Path) -> None:
    """Never write over `ledger` or its companions (called when a ledger is opened)."""
    _protected.add(Path(os.path.abspath(ledger)))


def _is_protected(target: Path) -> bool:
    """`target` is a ledger opened by this process or one of its companions, by
    its path or, when it exists, by its identity (a hard link, another spelling)."""
    absolute = Path(os.path.abspath(target))
    try:
        found = os.stat(target)
    except OSError:
        found = None  # nothing there: only the path itself could be the ledger's
    if found is not None and not found.st_ino:
        found = None  # a file system without file numbers (some shares): the path alone
    for ledger in _protected:
        for suffix in COMPANIONS:
            companion = Path(f"{ledger}{suffix}")
            if absolute == companion:
                return True
            if found is not None:
                try:
                    other = os.stat(companion)
                except OSError:
                    continue
                if (other.st_dev, other.st_ino) == (found.st_dev, found.st_ino):
                    return True
    return False


def _is_sqlite(target: Path) -> bool:
    try:
        with open(target, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def vet(path: Path, force: bool = False, exists: str = msg.FILE_EXISTS) -> None:
    """Refuse a target jcdc must not write: see the module's docstring. `exists`:
    the refusal of an existing file (a backup, which is never replaced, says so)."""
    try:
        _vet(path, force, exists)
    except OSError as e:  # a name too long to look at, a folder that cannot be read
        raise failure(path, e) from e


def _vet(path: Path, force: bool, exists: str) -> None:
    if _is_protected(path):
        raise JcdcError(msg.FILE_IS_LEDGER.format(path=path))
    if path.is_symlink():
        raise JcdcError(msg.FILE_IS_LINK.format(path=path))
    if not path.exists():
        folder = path.parent
        if not folder.is_dir():
            raise JcdcError(msg.FILE_NO_FOLDER.format(path=path, folder=folder))
        return
    if path.is_dir():
        raise JcdcError(msg.FILE_IS_FOLDER.format(path=path))
    if not path.is_file():
        raise JcdcError(msg.FILE_NOT_ORDINARY.format(path=path))
    if not force:
        raise JcdcError(exists.format(path=path))
    if _is_sqlite(path):
        raise JcdcError(msg.FILE_IS_DATABASE.format(path=path))


# Windows' sharing violations: another process holds the file open in a way that
# excludes this use (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION).
_IN_USE = (32, 33)


def failure(path: Path, e: OSError) -> JcdcError:
    """The clerk's line for an OSError met while writing `path`."""
    if getattr(e, "winerror", None) in _IN_USE:  # Excel, a second jcdc: not the folder's permissions
        return JcdcError(msg.FILE_IN_USE.format(path=path))
    if os.name == "nt" and any(len(part) > 255 for part in Path(path).parts):
        # No Windows file system takes a name over 255 characters; Windows says so
        # as a missing path or an invalid name, which Python reads as ENOENT or EINVAL.
        return JcdcError(msg.FILE_NAME_TOO_LONG.format(path=path))
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return JcdcError(msg.DISK_FULL.format(path=path))
    if e.errno == errno.ENAMETOOLONG:
        return JcdcError(msg.FILE_NAME_TOO_LONG.format(path=path))
    if e.errno in (errno.ENOENT, errno.ENOTDIR):
        return JcdcError(msg.FILE_NO_FOLDER.format(path=path, folder=path.parent))
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return JcdcError(msg.FILE_NOT_PERMITTED.format(path=path, folder=path.parent))
    return JcdcError(msg.FILE_WRITE_FAILED.format(path=path, text=e.strerror or e))


# What an .xlsx, .docx or .html file cannot carry (XML 1.0's Char production):
# C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF. jcdc
# refuses them at input (jcdc.model.clean_text); a ledger written by an older
# jcdc, or by hand, may still hold one, and a document of it must still be made.
_NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # �: shown where the character was, so that a reader sees something stood there
_replaced = 0  # characters replaced in the document being made; said once it is written (replacing)


def document_text(text: str) -> str:
    """`text` as an .xlsx, .docx or .html file can carry it: each character such a
    file cannot hold becomes REPLACEMENT, and is counted for the line that says so."""
    global _replaced
    if _NOT_IN_DOCUMENTS.search(text) is None:
        return text
    shown, count = _NOT_IN_DOCUMENTS.subn(REPLACEMENT, text)
    _replaced += count
    return shown


def take_replaced() -> int:
    """How many characters document_text has replaced since last asked."""
    global _replaced
    count, _replaced = _replaced, 0
    return count


def _say_replaced(path: Path) -> None:
    count = take_replaced()
    if count:
        sys.stderr.write(msg.FILE_CHARS_REPLACED.format(path=path, count=count, mark=REPLACEMENT) + "\n")


def _remove(tmp: Path) -> None:
    for suffix in COMPANIONS:  # SQLite may have left a journal beside a copy
        with contextlib.suppress(OSError):
            os.unlink(f"{tmp}{suffix}")


def owner_only(path: Path) -> None:
    """Readable and writable by its owner only: mode 0600 on POSIX; on Windows,
    where chmod only sets the read-only flag, a DACL of its own granting the
    user (and SYSTEM) alone, not what the folder passes on (jcdc/winfiles.py)."""
    if os.name == "nt":
        from jcdc import winfiles

        winfiles.owner_only(path)
    else:
        os.chmod(path, 0o600)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _place(tmp: Path, path: Path, force: bool, exists: str) -> None:
    """Rename the finished file into place: over an ordinary file only with force,
    and without force never over a file that appeared meanwhile."""
    if force:
        try:
            os.replace(tmp, path)
        except PermissionError as e:
            # The folder took the temporary file, so the refusal is the file's own:
            # Windows refuses to rename over a file another program holds open
            # (ERROR_ACCESS_DENIED when it was opened without delete sharing, as
            # SQLite and most programs open) or one marked read-only.
            if os.name != "nt" or getattr(e, "winerror", None) in _IN_USE or not path.exists():
                raise
            if not os.access(path, os.W_OK):
                raise JcdcError(msg.FILE_READ_ONLY.format(path=path)) from None
            raise JcdcError(msg.FILE_IN_USE.format(path=path)) from None
        return
    try:
        os.link(tmp, path)  # fails if `path` exists: no window for a race
    except FileExistsError:
        raise JcdcError(exists.format(path=path)) from None
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
                           errno.ENOSYS) and os.name != "nt":
            raise
        if path.exists() or path.is_symlink():  # a file system without hard links (FAT, some shares)
            raise JcdcError(exists.format(path=path)) from None
        os.rename(tmp, path)  # on Windows, rename never replaces
        return
    os.unlink(tmp)


@contextlib.contextmanager
def replacing(path: Path, force: bool = False, exists: str = msg.FILE_EXISTS,
              vetted: bool = False) -> Iterator[Path]:
    """Write `path` atomically: yields a temporary path in the same folder for the
    writer to fill (a file object's open, openpyxl's save, SQLite's backup …);
    when the block ends without error the file is flushed to disk and renamed to
    `path`. On any error the temporary file is removed, `path` is as it was, and
    an OSError becomes one clear line (磁盘空间不足, 文件夹不存在 …).

    An existing `path` is refused unless `force` names an ordinary file; the
    ledger, its companions, a symlink or a folder are refused always (vet()).
    `vetted`: the caller has vetted `path` itself (jcdc demo replaces its own
    database, which vet() would refuse). The file is owner-only (0600)."""
    import tempfile

    path = Path(path)
    if not vetted:
        vet(path, force, exists)
    try:
        # A short name of its own: a target name near the limit still has room.
        fd, name = tempfile.mkstemp(prefix=".jcdc-", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise failure(path, e) from e
    os.close(fd)  # mkstemp made it 0600 (on POSIX; Windows' owner-only is set before the rename)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):  # a file system without modes or ACLs (FAT): as it is
            owner_only(tmp)  # a writer that recreated the file (SQLite does not) keeps it private
        _place(tmp, path, force, exists)
        _fsync_folder(path.parent)
    except OSError as e:
        _remove(tmp)
        take_replaced()
        raise failure(path, e) from e
    except BaseException:
        _remove(tmp)
        take_replaced()
        raise
    _say_replaced(path)


def write_folder(folder: Path, documents: list[tuple[str, bytes]], force: bool = False) -> None:
    """Files named in `documents` (name, content) into `folder`, all of them or
    none (`jcdc statement`): each is vetted first and written under a temporary
    name, and only when every one is whole on disk are they given their names. A
    folder that did not exist is made under a temporary name and takes its own
    only complete, so a failure leaves no folder at all; in one that existed, a
    failure removes what this call had placed."""
    import shutil
    import tempfile

    folder = Path(folder)
    if folder.exists():
        targets = [(folder / name, data) for name, data in documents]
        for path, _ in targets:
            vet(path, force)
        written: list[tuple[Path, Path]] = []
        placed: list[Path] = []
        try:
            for path, data in targets:
                fd, name = tempfile.mkstemp(prefix=".jcdc-", suffix=".tmp", dir=folder)
                written.append((Path(name), path))
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                if os.name == "nt":  # mkstemp's 0600 is POSIX's: Windows' is the file's DACL
                    with contextlib.suppress(OSError):
                        owner_only(Path(name))
            for tmp, path in written:
                existed = path.exists()
                _place(tmp, path, force, msg.FILE_EXISTS)
                if not existed:
                    placed.append(path)
            _fsync_folder(folder)
        except BaseException as e:
            for tmp, _ in written:
                _remove(tmp)
            for path in placed:
                with contextlib.suppress(OSError):
                    os.unlink(path)
            take_replaced()
            if isinstance(e, OSError):
                raise failure(folder, e) from e
            raise
        _say_replaced(folder)
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".jcdc-", dir=folder.parent))
    except OSError as e:
        raise failure(folder, e) from e
    try:
        for name, data in documents:
            with os.fdopen(os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if os.name == "nt":
                with contextlib.suppress(OSError):
                    owner_only(staging / name)
        _fsync_folder(staging)
        os.rename(staging, folder)
        _fsync_folder(folder.parent)
    except BaseException as e:
        shutil.rmtree(staging, ignore_errors=True)
        take_replaced()
        if isinstance(e, OSError):
            raise failure(folder, e) from e
        raise
    _say_replaced(folder)


def write_bytes(path: Path, data: bytes, force: bool = False) -> None:
    with replacing(path, force) as tmp, open(tmp, "wb") as f:
        f.write(data)


def write_text(path: Path, text: str, force: bool = False, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding), force)


def read_capped(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a file a clerk gives, refused when it holds more than `limit`:
    a list or an anchor is small, and a device or a runaway file (/dev/zero, a
    log pasted in by mistake) would otherwise be read until memory runs out.
    OSErrors are the caller's to word."""
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise JcdcError(msg.FILE_TOO_LARGE.format(path=path, max=limit >> 20, what=what))
    return data
