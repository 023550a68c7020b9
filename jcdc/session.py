"""Who is writing, and when: every write records both. The edge's clock: the
model takes today as an argument, and the dates, quarters and years a clerk
types are read here against it (a year ahead at most, model.last_day)."""

from __future__ import annotations

import datetime as dt
import getpass
import os

from jcdc import model


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
    if by and by.strip():
        return model.optional_name(by, "--by")
    env = os.environ.get("JCDC_USER", "").strip()
    if env:
        return model.optional_name(env, "JCDC_USER")
    return None


def timestamp() -> str:
    """Local time with its UTC offset, to the second: 2019-04-02T09:15:00+08:00."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> dt.date:
    return dt.date.today()


# --- what a clerk types, read against today ----------------------------------


def parse_date(text: str) -> dt.date:
    """A date as the clerk or a file gives it (model.parse_date), against today."""
    return model.parse_date(text, today())


def parse_quarter(text: str) -> model.Quarter:
    """A quarter as the clerk gives it (model.Quarter.parse), against today."""
    return model.Quarter.parse(text, today())


def parse_year(text: str | int) -> int:
    """A year as the clerk gives it (model.parse_year), against today."""
    return model.parse_year(text, today())
