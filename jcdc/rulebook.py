"""The ledger's rule book: the rule-set versions it has adopted, by effective date.

OpenFisca's way (docs/rulesets.md): a revision is a new dated version, never
an edit of the old one. Each entry is scored by the version in force on its
event date and records that version's hash; a period is ranked by the version
in force on its last day. The versions are a chained, append-only table of
the ledger, each with the canonical text of its file, so a 2018 entry is
judged by 2018's figures forever, whatever the package ships later.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from jcdc import messages as msg
from jcdc import ruleset
from jcdc.model import JcdcError, Quarter, clean_text, optional_text
from jcdc.ruleset import RuleSet
from jcdc.ruleset.load import build
from jcdc.store import Store, ruleset_record


@dataclass(frozen=True)
class Version:
    """One adopted version: the rule set, and the act that adopted it."""

    id: int                # 0: the first version of a ledger that has not recorded it yet
    rules: RuleSet
    effective: dt.date
    doc: str
    reason: str | None
    recorded_by: str
    recorded_at: str

    @property
    def hash(self) -> str:
        return self.rules.hash

    @property
    def label(self) -> str:
        return self.rules.version


def version_of(row: dict) -> Version:
    """A rulesets row as a Version: its text read back by the engine. A row
    whose text does not give its hash, or does not load, raises JcdcError."""
    data = json.loads(row["body"])
    rules, problems = build(data, {})
    if problems:
        raise JcdcError(msg.P_RULESET_BODY.format(version=row["version"], text=problems[0].render("")))
    if rules.hash != row["ruleset_hash"]:
        raise JcdcError(msg.P_RULESET_HASH.format(version=row["version"], hash=row["ruleset_hash"]))
    return Version(row["id"], rules, dt.date.fromisoformat(row["effective"]), row["doc"], row["reason"],
                   row["recorded_by"], row["recorded_at"])


def unrecorded_first() -> Version:
    """The version of a ledger that has recorded none yet: Jincheng's 2017 rules."""
    rules = ruleset.builtin()
    return Version(0, rules, rules.effective, rules.document, msg.RULESET_FIRST, msg.RULESET_BY_JCDC, "")


class RuleBook:
    """The versions of one ledger, oldest first; their effective dates rise."""

    def __init__(self, versions: list[Version]):
        self.versions = versions or [unrecorded_first()]
        self._by_hash = {v.hash: v for v in self.versions}

    @classmethod
    def of(cls, store: Store) -> "RuleBook":
        """The ledger's rule book, read once per state of the ledger."""
        key = store.ruleset_head()
        cached = getattr(store, "_rulebook", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        book = cls([version_of(r) for r in store.rulesets()])
        store._rulebook = (key, book)
        return book

    @property
    def first(self) -> Version:
        return self.versions[0]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    def in_force(self, day: dt.date) -> Version:
        """The version in force on `day`: the last one effective on or before it
        (a day before the first version's is scored by the first)."""
        found = self.versions[0]
        for v in self.versions[1:]:
            if v.effective <= day:
                found = v
        return found

    def of_entry(self, recorded: str | None) -> Version | None:
        """The version an entry records (None: the ledger's first, as entries
        written before versions were recorded are); None when it is not one of
        the ledger's."""
        return self.first if recorded is None else self._by_hash.get(recorded)

    def of_period_end(self, last_day: dt.date) -> Version:
        """积分办法 第十七—十九条: a period is ranked by the version in force on its last day."""
        return self.in_force(last_day)


def same_rules(a: RuleSet, b: RuleSet) -> bool:
    """The same rules: one hash, or — a version recorded before the format gained
    some keys, against the package's file of it — the same once each takes the
    keys it lacks from the package (docs/rulesets.md, Keys the format gained later)."""
    from jcdc.ruleset.load import canonical, with_later_keys

    return a.hash == b.hash or canonical(with_later_keys(a.data)) == canonical(with_later_keys(b.data))


def record_first(store: Store, rules: RuleSet | None = None, by: str | None = None, at: str | None = None,
                 unless_held: JcdcError | None = None) -> Version:
    """Record the ledger's first version (jcdc init; or the first write of a
    ledger made otherwise), unless it has one: inside the caller's transaction.
    A ledger already under another rule set is not moved to `rules` (a
    revision is adopted, never swapped in). `unless_held`: refused with it unless
    the ledger already holds `rules` (load_for_init)."""
    from jcdc.session import current_user, timestamp

    with store.write():
        if store.ruleset_head()[0]:
            book = RuleBook.of(store)
            if rules is not None and not any(same_rules(v.rules, rules) for v in book.versions):
                raise unless_held or JcdcError(msg.INIT_OTHER_RULES.format(version=book.current.label))
        else:
            if unless_held is not None:
                raise unless_held
            rules = rules or ruleset.builtin()
            store.add_ruleset(ruleset_record(rules, rules.effective, rules.document, msg.RULESET_FIRST,
                                             current_user(by), at or timestamp()))
        return RuleBook.of(store).first


def adopt(store: Store, rules: RuleSet, effective: dt.date, doc: str, reason: str | None = None,
          by: str | None = None) -> Version:
    """A revision, recorded append-only and chained: entries dated on or after
    `effective` are scored by it. Refused, leaving the ledger as it was: a date
    not after the current version's, a date inside a closed quarter (its
    published ranking would change), an entry already standing on or after
    the date (named: revoke it and record it again), a file identical to
    the current version, and a version name already naming other content."""
    from jcdc.session import current_user, timestamp

    if not (doc or "").strip():
        raise JcdcError(msg.RULESET_ADOPT_DOC)
    # the document number and the reason are shown by rules history: checked as
    # every text a clerk gives is (an ESC in them would act on the reader's terminal)
    doc, reason = clean_text(doc, "doc", name=True), optional_text(reason, "reason")
    with store.write():
        record_first(store, by=by)
        book = RuleBook.of(store)
        current = book.current
        if rules.id != current.rules.id:
            raise JcdcError(msg.RULESET_ADOPT_ID.format(id=rules.id, ledger=current.rules.id))
        if rules.hash == current.hash:
            raise JcdcError(msg.RULESET_ADOPT_SAME.format(version=current.label, hash=current.hash[:12]))
        # A version name names one content: history and `rules diff` find a version by it.
        taken = next((v for v in book.versions if v.label == rules.version and v.hash != rules.hash), None)
        if taken is not None:
            raise JcdcError(msg.RULESET_ADOPT_NAME_TAKEN.format(
                version=taken.label, hash=taken.hash[:12], effective=taken.effective, new=rules.hash[:12]))
        if effective <= current.effective:
            raise JcdcError(msg.RULESET_ADOPT_BEFORE.format(
                effective=effective, version=current.label, current=current.effective))
        closed = store.closed_quarters()
        quarter = Quarter.of(effective)
        if quarter.key in closed:
            raise JcdcError(msg.RULESET_ADOPT_CLOSED.format(effective=effective, quarter=quarter.label))
        later = [k for k in closed if k > quarter.key]
        if later:  # 第十七条: a closed quarter after the date would be ranked by the revision
            first = Quarter.from_key(min(later))
            raise JcdcError(msg.RULESET_ADOPT_BEFORE_CLOSED.format(
                effective=effective, quarter=first.label, end=first.end))
        standing = store.first_entry_on_or_after(effective)
        if standing is not None:
            raise JcdcError(msg.RULESET_ADOPT_STANDING.format(
                id=standing.id, date=standing.date, unit=standing.unit, rule=standing.rule, effective=effective))
        store.add_ruleset(ruleset_record(rules, effective, doc.strip(), (reason or "").strip() or None,
                                         current_user(by), timestamp()))
        return RuleBook.of(store).current


# --- files and versions, as the rules commands name them -------------------------------


def load_file(path: Path, own_words: bool = True) -> RuleSet:
    """A rule-set file, every problem of it refused at once (one line each)."""
    from jcdc.ruleset.load import RuleSetError

    try:
        return ruleset.load(path, own_words)
    except RuleSetError as e:
        raise JcdcError("\n".join(p.render(str(path)) for p in e.problems)) from None


def load_for_init(path: Path) -> tuple[RuleSet, JcdcError | None]:
    """`jcdc init --rules`: the file, and — where its only fault is the office's words
    it leaves to another office's rule set — that refusal, which record_first makes
    unless the ledger already holds the file (a ledger the last release made with it)."""
    try:
        return load_file(path), None
    except JcdcError as refused:
        try:
            return load_file(path, own_words=False), refused
        except JcdcError:
            raise refused from None


def file_problems(path: Path) -> list[str]:
    """`jcdc rules check`: every problem of the file, one line each with its
    line: schema, figures, dates, cites and — where it names the text it
    quotes — every `text` found in that text."""
    from jcdc.ruleset.load import key_lines, parse, read, read_failure, read_text, text_problems

    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as e:
        raise JcdcError(msg.RS_UNREADABLE.format(path=path, error=read_failure(e))) from None
    rules, problems = read(text, str(path), path)
    found = [p.render(str(path)) for p in problems]
    if rules is not None and rules.source is not None:
        try:
            source = read_text(rules.source, msg.FILE_WHAT_RULES_SOURCE)
        except (OSError, UnicodeDecodeError) as e:
            return found + [msg.RS_SOURCE_UNREADABLE.format(path=rules.source, error=read_failure(e))]
        found += [p.render(str(path)) for p in text_problems(rules.data, key_lines(text), source, rules.source.name)]
    return found


def export_text(version: Version) -> str:
    """The version as a TOML file another office can edit and adopt."""
    from jcdc.ruleset.write import dumps

    data = dict(version.rules.data)
    data["ruleset"] = {**data["ruleset"], "effective": version.rules.effective}  # a TOML date, as written
    return dumps(data, msg.RULES_EXPORT_HEADER.format(
        version=version.label, effective=version.effective, doc=version.doc, hash=version.hash))


def find_version(book: RuleBook, text: str) -> tuple[str, dict]:
    """A version as `rules diff` names it: its name (the latest of that name),
    a prefix of its hash (6 characters or more), or a .toml file."""
    named = [v for v in book.versions if v.label == text]
    if named:
        return named[-1].label, named[-1].rules.data
    if len(text) >= 6:
        prefixed = [v for v in book.versions if v.hash.startswith(text.lower())]
        if len(prefixed) == 1:
            return prefixed[0].label, prefixed[0].rules.data
    path = Path(text)
    if path.suffix.lower() == ".toml" and path.exists():
        return str(path), load_file(path).data
    raise JcdcError(msg.RULES_VERSION_UNKNOWN.format(text=text, versions="、".join(v.label for v in book.versions)))


def diff(store: Store, older: str | None, newer: str | None):
    """(older's name, newer's name, the changes): by default the current
    version against the one before it."""
    from jcdc.ruleset.diff import changes

    book = RuleBook.of(store)
    if newer is None:
        b = (book.current.label, book.current.rules.data)
    else:
        b = find_version(book, newer)
    if older is None:
        before = book.versions[-2] if len(book.versions) > 1 else book.current
        a = (before.label, before.rules.data)
    else:
        a = find_version(book, older)
    return a[0], b[0], changes(a[1], b[1])
