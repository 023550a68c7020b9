"""Who is writing, and when: every write records both."""

from __future__ import annotations

import datetime as dt
import getpass
import os


def current_user(by: str | None = None) -> str:
    """--by NAME, else JCDC_USER, else the operating system's user: a name,
    checked as every name is (model.clean_text)."""
    named = named_user(by)
    if named is not None:
        return named
    try:
        return getpass.getuser()
    except Exception:  # no user name on some Windows service accounts
        return "unknown"


def named_user(by: str | None = None) -> str | None:
    """The name the clerk gave — --by NAME, else JCDC_USER — or None: what a
    document sent outside the office may say (never the system's account)."""
    from jcdc.model import optional_name

    if by and by.strip():
        return optional_name(by, "--by")
    env = os.environ.get("JCDC_USER", "").strip()
    if env:
        return optional_name(env, "JCDC_USER")
    return None


def timestamp() -> str:
    """Local time with its UTC offset, to the second: 2019-04-02T09:15:00+08:00."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> dt.date:
    return dt.date.today()
