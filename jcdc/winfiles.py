"""Owner-only files on Windows, where chmod 0600 only sets the read-only flag.

A file on Windows takes the access rights its folder passes on (its ACL): in a
shared folder, or one of the Downloads folder's neighbours, everyone the folder
lets in could read a ranking, a case list or the ledger itself. `owner_only`
gives the file a DACL of its own, protected from what the folder passes on,
granting full access to the current user and to SYSTEM (the account Windows
itself and its backup run as: what root is on Linux) and to no one else: the
0600 of POSIX, in Windows' terms.

Called by jcdc/files.py for every file jcdc writes and by jcdc/store.py for the
ledger and its -wal and -shm. Imported on Windows only (ctypes' WinDLL).
"""

from __future__ import annotations

import ctypes
import os
from ctypes import wintypes

_advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
_kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

_SDDL_REVISION_1 = 1
_DACL_SECURITY_INFORMATION = 0x00000004
_PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
_TOKEN_QUERY = 0x0008
_TOKEN_USER = 1
# A file system without ACLs (FAT or exFAT: a USB stick, some shares) refuses with these.
UNSUPPORTED = (1, 50)  # ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED

_kernel32.GetCurrentProcess.restype = wintypes.HANDLE
_kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
_kernel32.LocalFree.argtypes = [ctypes.c_void_p]
_kernel32.LocalFree.restype = ctypes.c_void_p
_advapi32.OpenProcessToken.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)]
_advapi32.GetTokenInformation.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD,
                                          ctypes.POINTER(wintypes.DWORD)]
_advapi32.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
_advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
    wintypes.LPCWSTR, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(wintypes.ULONG)]
_advapi32.SetFileSecurityW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_void_p]
_advapi32.GetFileSecurityW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_void_p, wintypes.DWORD,
                                       ctypes.POINTER(wintypes.DWORD)]
_advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW.argtypes = [
    ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD, ctypes.POINTER(wintypes.LPWSTR),
    ctypes.POINTER(wintypes.ULONG)]


def _fail() -> OSError:
    return ctypes.WinError(ctypes.get_last_error())


_user: str | None = None


def user_sid() -> str:
    """The current user's SID as text (S-1-5-21-…), from the process's token."""
    global _user
    if _user is not None:
        return _user
    token = wintypes.HANDLE()
    if not _advapi32.OpenProcessToken(_kernel32.GetCurrentProcess(), _TOKEN_QUERY, ctypes.byref(token)):
        raise _fail()
    try:
        size = wintypes.DWORD()
        _advapi32.GetTokenInformation(token, _TOKEN_USER, None, 0, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(size.value)
        if not _advapi32.GetTokenInformation(token, _TOKEN_USER, buffer, size, ctypes.byref(size)):
            raise _fail()
        sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]  # TOKEN_USER.User.Sid
        text = wintypes.LPWSTR()
        if not _advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise _fail()
        try:
            _user = text.value
        finally:
            _kernel32.LocalFree(text)
    finally:
        _kernel32.CloseHandle(token)
    return _user


def owner_only_sddl() -> str:
    """The DACL owner_only gives, in SDDL: protected (P: nothing inherited from
    the folder), full access (FA) for the user and for SYSTEM (SY)."""
    return f"D:P(A;;FA;;;{user_sid()})(A;;FA;;;SY)"


def owner_only(path: str | os.PathLike) -> None:
    """Give the file at `path` owner_only_sddl(); an OSError when Windows refuses
    (its winerror in UNSUPPORTED on a file system without ACLs)."""
    descriptor = ctypes.c_void_p()
    if not _advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            owner_only_sddl(), _SDDL_REVISION_1, ctypes.byref(descriptor), None):
        raise _fail()
    try:
        if not _advapi32.SetFileSecurityW(
                os.fspath(path), _DACL_SECURITY_INFORMATION | _PROTECTED_DACL_SECURITY_INFORMATION, descriptor):
            raise _fail()
    finally:
        _kernel32.LocalFree(descriptor)


def dacl_of(path: str | os.PathLike) -> str:
    """The file's DACL in SDDL, as Windows reports it (the tests read it back)."""
    size = wintypes.DWORD()
    _advapi32.GetFileSecurityW(os.fspath(path), _DACL_SECURITY_INFORMATION, None, 0, ctypes.byref(size))
    if not size.value:
        raise _fail()
    buffer = ctypes.create_string_buffer(size.value)
    if not _advapi32.GetFileSecurityW(os.fspath(path), _DACL_SECURITY_INFORMATION, buffer, size,
                                      ctypes.byref(size)):
        raise _fail()
    text = wintypes.LPWSTR()
    if not _advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(
            buffer, _SDDL_REVISION_1, _DACL_SECURITY_INFORMATION, ctypes.byref(text), None):
        raise _fail()
    try:
        return text.value
    finally:
        _kernel32.LocalFree(text)
