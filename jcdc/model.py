"""Domain values shared by every layer: periods, points, units, entries, errors.

Nothing here touches the database, the clock or the terminal.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from jcdc import messages as msg


# --- errors -----------------------------------------------------------------


class JcdcError(Exception):
    """A refused operation: shown to the clerk as one line, exit code 1."""

    exit_code = 1


class InputError(JcdcError):
    """A usage mistake (a malformed date, quarter, figure…): exit code 2."""

    exit_code = 2


class UnknownUnit(JcdcError):
    pass


class UnknownRule(JcdcError):
    pass


class NotFound(JcdcError):
    pass


def _normal(text: object) -> str:
    """Full-width letters and signs, as a Chinese input method types them, to ASCII
    (for a choice's code or label)."""
    return unicodedata.normalize("NFKC", str(text)).strip()


# **Reading**: a figure, a count, a date, a quarter or a year
# is written in ASCII digits 0-9. The full-width digits and signs a Chinese input
# method types (２０１９－０５－０９, －５) are read as their ASCII twins; digits of
# other scripts (١٥, ߁), superscript, circled or mathematical digits (¹, ①, 𝟏) and
# Python's underscores (1_0) are refused: none of them is how an office writes a number.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def ascii_digits(text: object) -> str:
    """`text` with full-width forms (U+FF01-U+FF5E, the ideographic space) in ASCII, trimmed."""
    return str(text).translate(_FULL_WIDTH).strip()


_WHOLE = re.compile(r"[+-]?[0-9]+")


def is_whole_number(text: str) -> bool:
    """ASCII digits with an optional sign, after ascii_digits: what int() may read."""
    return _WHOLE.fullmatch(ascii_digits(text)) is not None


# **Reading**: every text a clerk or a file gives jcdc passes
# clean_text before it is stored or looked up. Free text (a note, a summary, a
# plan) is at most MAX_TEXT characters and may hold line breaks and tabs, as a
# spreadsheet cell can; a name or a code (a unit, an alias, a group, a person,
# a task, a team, a document number, who recorded it) is one line of at most
# MAX_NAME. Neither may hold another control character (an ESC would act on the
# terminal of whoever lists it; a NUL cuts the text short in other programs) nor
# a lone surrogate (bytes that were not UTF-8). A name may hold no invisible
# format character either — zero-width spaces and joiners, bidi controls, the
# BOM, the soft hyphen — so that 泽\u200b州县 cannot stand beside 泽州县 as
# another unit. Text is stored in Unicode NFC, the form every keyboard types.
#
# **Reading**: no text may hold what an .xlsx, .docx
# or .html file cannot carry — a noncharacter (U+FFFE, U+FFFF, U+FDD0…U+FDEF and
# the last two of every plane) — nor a line or paragraph separator (U+2028,
# U+2029: a line break a reader cannot see, and that a document's check reads
# differently); a line break is a newline. A name also holds no character that
# shows nothing (Unicode's default-ignorable code points: variation selectors,
# the combining grapheme joiner, tag characters, Hangul fillers; and the braille
# blank) and no combining mark (an accent under 局 makes 市财政局 another name).
MAX_TEXT = 2000
MAX_NAME = 100
_FREE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOT_UTF8 = re.compile("[\ud800-\udfff]+")  # bytes a terminal could not decode (surrogateescape)
_SEPARATOR = re.compile("[\u2028\u2029]")
_NONCHARACTER = re.compile("[\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)) + "]")
# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) and the
# braille blank: characters that show nothing where they stand.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
                        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def _unseen(text: str) -> tuple[str, str] | None:
    """(the message, the character) of the first character of a name that shows
    nothing or combines with the one before it, or None."""
    found = _INVISIBLE.search(text)
    if found:
        return msg.TEXT_INVISIBLE, found.group()
    for ch in text:
        kind = unicodedata.category(ch)
        if kind == "Cf":  # any other format character (Arabic number signs …)
            return msg.TEXT_INVISIBLE, ch
        if kind[0] == "M":
            return msg.TEXT_COMBINING, ch
    return None


def unseen_char(text: str, name: bool = False) -> str | None:
    """The first character of `text` a reader would not see as written (U+XXXX): a
    control character (a line break and a tab allowed unless `name`), an invisible
    or bidi one, a line separator, a noncharacter; None when there is none. For
    text read from a file, where clean_text's refusal would name no line."""
    found = ((_NAME_CONTROL if name else _FREE_CONTROL).search(text) or _INVISIBLE.search(text)
             or _SEPARATOR.search(text) or _NONCHARACTER.search(text))
    return None if found is None else _code(found.group())


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def field_name(field: str) -> str:
    """A field as a refusal names it to the clerk: 备注, not note (messages.FIELD_NAMES)."""
    return msg.FIELD_NAMES.get(field, field)


def clean_text(value: str, field: str, name: bool = False, limit: int | None = None) -> str:
    """`value` trimmed and in NFC, or an InputError naming `field` and the reason.

    With `name`, the stricter rules of a name or a code apply (see above);
    `limit` replaces MAX_TEXT for a text that is a whole file (a report's list)."""
    text = value.strip()
    field = field_name(field)
    limit = MAX_NAME if name else limit or MAX_TEXT
    if text.isascii() and text.isprintable() and len(text) <= limit:
        return text  # nothing below can refuse or change printable ASCII (a matter's number, a code)
    too_long = msg.NAME_TOO_LONG if name else msg.TEXT_TOO_LONG
    if len(text) > 2 * limit:  # refused before any scan of a megabyte pasted in
        raise InputError(too_long.format(field=field, length=len(text), max=limit))
    bad = _NOT_UTF8.search(text)
    if bad:
        raise InputError(msg.BAD_TEXT_ENCODING.format(
            text=bad.group().encode("utf-8", "backslashreplace").decode("ascii")))
    control = (_NAME_CONTROL if name else _FREE_CONTROL).search(text)
    if control:
        raise InputError((msg.NAME_CONTROL if name else msg.TEXT_CONTROL).format(
            field=field, char=_code(control.group())))
    for pattern, message in ((_SEPARATOR, msg.TEXT_SEPARATOR), (_NONCHARACTER, msg.TEXT_NONCHARACTER)):
        found = pattern.search(text)
        if found:
            raise InputError(message.format(field=field, char=_code(found.group())))
    text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        raise InputError(too_long.format(field=field, length=len(text), max=limit))
    unseen = _unseen(text) if name else None
    if unseen:
        raise InputError(unseen[0].format(field=field, char=_code(unseen[1])))
    return text


def optional_text(value: str | None, field: str = "text", name: bool = False) -> str | None:
    """Text as given, checked and trimmed (clean_text); blank is "not given"."""
    return clean_text(value, field, name) or None if value else None


def required_text(value: str | None, field: str, name: bool = False) -> str:
    """Text that must be given: blank is a usage mistake naming the field."""
    text = optional_text(value, field, name)
    if text is None:
        raise InputError(msg.EMPTY_VALUE.format(field=field_name(field)))
    return text


def optional_name(value: str | None, field: str) -> str | None:
    """A name or a code, if given (clean_text with name=True)."""
    return optional_text(value, field, name=True)


def required_name(value: str | None, field: str) -> str:
    """A name or a code that must be given."""
    return required_text(value, field, name=True)


# **Reading**: two names are one when they read the same —
# the skeleton of Unicode TR39 (Security Mechanisms), with a table of the look-
# alikes that can reach a unit's name rather than Unicode's whole confusables.txt.
# That file (6,000 lines, or a package carrying it) would add a megabyte and a
# dependency to be updated with Unicode, and it maps ASCII to ASCII (rn → m,
# 0 → O, 1 → l), which would refuse pinyin aliases and codes that differ in
# exactly those letters. What a unit's name can be spoofed with is few: a CJK
# ideograph that copies another (巿 U+5DFF for 市), the CJK radical forms (⻋ for
# 车; the Kangxi radicals ⼯ are already folded by NFKC), kana, jamo and
# bopomofo that copy an ideograph (ロ for 口, ㄧ for 一), and Cyrillic or Greek
# letters that copy the Latin ones of an alias (zеzhou with a Cyrillic е).
_LOOKALIKES = dict(pair for pair in (
    "巿市 "
    "⺁厂 ⺆冂 ⺇几 ⺊卜 ⺌小 ⺎兀 ⺏尣 ⺐尢 ⺒巳 ⺓幺 ⺔彐 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺝月 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺦丬 "
    "⺧牛 ⺨犭 ⺩王 ⺪疋 ⺫罒 ⺬示 ⺭礻 ⺮竹 ⺯糸 ⺰纟 ⺲罒 ⺶羊 ⺹耂 ⺺肀 ⺻聿 ⺼月 ⺽臼 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 "
    "⻃覀 ⻄西 ⻅见 ⻆角 ⻈讠 ⻉贝 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏阝 ⻐钅 ⻑長 ⻓长 ⻔门 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 "
    "⻜飞 ⻝食 ⻟飠 ⻠饣 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫齐 ⻬齐 ⻭齿 ⻯龙 ⻰龙 ⻲龟 "
    "ロ口 エ工 カ力 タ夕 ハ八 ニ二 ト卜 ー一 ᅳ一 ㄧ一 ㄇ冂 ㄈ匚 ㄏ厂 ㄙ厶 ㄚ丫 ㄦ儿 ㄨ乂 ㄅ勹 ㄎ丂 "
    "аa еe оo рp сc уy хx іi јj ѕs ԁd һh ԛq ԝw ӏl үy "
    "АA ВB ЕE КK МM НH ОO РP СC ТT ХX УY ІI ЈJ ЅS "
    "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX οo νv ιi αa κk ρp υu χx"
).split())
_SKELETON = str.maketrans(_LOOKALIKES)


def name_key(text: str) -> str:
    """What a reader sees of a name: NFKC (full-width ＺＺ is zz), invisible
    characters and combining marks dropped, look-alikes read as what they copy
    (巿 as 市), case folded. Two names with one key are one name."""
    shown = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    if not shown.isascii():
        shown = "".join(ch for ch in shown if unicodedata.category(ch)[0] != "M").translate(_SKELETON)
    return shown.casefold()


# Dashes a keyboard, an input method or a word processor writes for the hyphen of
# a matter's number (2019–0123 from an autocorrected document): NFKC leaves them.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\ufe63\u2043", "-"))


def matter_key(value: str | None) -> str | None:
    """A 13710 matter's number in its one written form (SPEC §2, **Reading** once
    per matter): NFKC (full-width ２０１９ is 2019), invisible characters dropped,
    every dash (‐ ‑ ‒ – — ― − － ﹣ ⁃) a hyphen, trimmed, then checked as a code is (clean_text). Two spellings are never two
    matters, so neither the once-per-matter rules nor the count of a matter's
    returns can be reset by one. Blank is "no matter"."""
    if not value:
        return None
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", value)).translate(_DASHES).strip()
    text = clean_text(text, "matter")  # a text's checks first, as entries' matters always had them
    return clean_text(text, "matter", name=True) or None  # then a code's: one line


def choice_names(labels: dict[str, str], also: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """Every name a choice answers to -> its code: the code (any case), its Chinese
    label, and the other Chinese names `also` gives (一般 for 一般事项, 不作为 for
    不作为、不落实). A name is never two choices'."""
    names: dict[str, str] = {}
    for code, label in labels.items():
        for name in (code, label, *(also or {}).get(code, ())):
            key = _normal(name).lower()
            if names.setdefault(key, code) != code:
                raise ValueError(f"choice name {name!r} names both {names[key]!r} and {code!r}")
    return names


def choices_text(labels: dict[str, str], last: str = " 或 ") -> str:
    """The choices as help and refusals list them, Chinese first: 牵头(lead) 或 配合(coop)."""
    items = [f"{label}({code})" for code, label in labels.items()]
    return "、".join(items[:-1]) + last + items[-1] if len(items) > 1 else "".join(items)


def parse_choice(enum, labels: dict[str, str], error: str, text: str,
                 also: dict[str, tuple[str, ...]] | None = None, **fields):
    """An enum value from any name it answers to (choice_names): its English code
    (any case), its Chinese label (专职, 一般事项) or another Chinese name of it
    (一般, 内部, 不作为); anything else is `error` (which may list `{choices}`),
    exit code 2."""
    key = _normal(text or "").lower()
    code = choice_names(labels, also).get(key)
    if code is None:
        raise InputError(error.format(text=text, choices=choices_text(labels, last="、"), **fields))
    return enum(code)


# --- points: exact tenths ---------------------------------------------------

_POINTS = re.compile(r"^([+-]?)([0-9]{1,6})(?:\.([0-9]))?$")


def parse_points(text: str) -> int:
    """'12.5' -> 125 tenths. More than one decimal is refused, never rounded."""
    m = _POINTS.match(ascii_digits(text))
    if not m:
        raise InputError(msg.BAD_POINTS.format(text=text))
    sign, whole, tenth = m.groups()
    tenths = int(whole) * 10 + int(tenth or 0)
    return -tenths if sign == "-" else tenths


def cn_date(day: dt.date) -> str:
    """A date as a 公文 writes it (GB/T 9704 7.3.5, 成文日期): 2019年7月5日 —
    Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_points(tenths: int, signed: bool = False) -> str:
    """125 -> '12.5', -5 -> '-0.5'; with signed, 0 -> '0.0' and 10 -> '+1.0'."""
    sign = "-" if tenths < 0 else ("+" if signed and tenths > 0 else "")
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def points_number(tenths: int) -> int | float:
    """A tenths figure as a JSON number: 125 -> 12.5, 100 -> 10.

    Division by 10 is correctly rounded, so the shortest repr of the result is
    exactly the decimal with one place: no float ever enters the ledger.
    """
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


# --- dates and periods ------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$"),
    re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$"),
)


# **Reading**: the office's ledger begins well after 2000
# (晋市政办〔2017〕101号) and plans at most a year ahead, so a date outside
# [2000-01-01, today + 1 year] is a typing mistake (9999-12-31, 0019-03-05),
# refused with one message wherever a date, a quarter or a year is typed.
# Today is an argument: the model reads no clock. The edge reads it once
# (jcdc/session.py: parse_date, parse_quarter, parse_year, and tests set it there).
FIRST_DAY = dt.date(2000, 1, 1)


def last_day(today: dt.date) -> dt.date:
    """The latest date jcdc accepts: a year from `today`."""
    return today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else \
        dt.date(today.year + 1, 2, 28)


def _out_of_range(text: str, today: dt.date) -> InputError:
    return InputError(msg.DATE_OUT_OF_RANGE.format(text=text, first=FIRST_DAY, last=last_day(today)))


def _in_range(first: dt.date, last: dt.date, text: str, today: dt.date) -> None:
    """Refuse a period [first, last] that has no day in the accepted range."""
    if last < FIRST_DAY or first > last_day(today):
        raise _out_of_range(text, today)


def parse_date(text: str, today: dt.date) -> dt.date:
    """2019-03-05, 2019/3/5, 2019.3.5, 2019年3月5日, 20190305. Nothing else; a
    date outside [FIRST_DAY, a year from `today`] is refused."""
    s = ascii_digits(text)
    for form in _DATE_FORMS:
        m = form.match(s)
        if m:
            try:
                day = dt.date(*(int(g) for g in m.groups()))
            except ValueError:  # 2019-02-30: the right form, a day the calendar lacks
                raise InputError(msg.DATE_NOT_EXIST.format(text=text)) from None
            _in_range(day, day, text, today)
            return day
    raise InputError(msg.BAD_DATE.format(text=text))


_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_FORMS = (
    re.compile(r"^([0-9]{4})-?[Qq]([1-4])$"),
    re.compile(r"^([0-9]{4})年第?([一二三四1-4])季度?$"),
)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str, today: dt.date) -> Quarter:
        """2019Q2, 2019-Q2, 2019年第二季度; one with no day in the accepted range is refused."""
        s = ascii_digits(text)
        for form in _QUARTER_FORMS:
            m = form.match(s)
            if m:
                year = int(m.group(1))
                if not dt.MINYEAR <= year < dt.MAXYEAR:  # 0000Q1, 9999Q4: no calendar for it
                    raise _out_of_range(text, today)
                quarter = cls(year, _CN_QUARTER[m.group(2)])
                _in_range(quarter.start, quarter.end, text, today)
                return quarter
        raise InputError(msg.BAD_QUARTER.format(text=text))

    @classmethod
    @functools.lru_cache(maxsize=4096)  # an import asks for each row's quarter several times
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def key(self) -> int:
        """The stored period column: 2019Q2 -> 20192."""
        return self.year * 10 + self.q

    @classmethod
    def from_key(cls, key: int) -> Quarter:
        return cls(key // 10, key % 10)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter (inclusive)."""
        nxt = dt.date(self.year + 1, 1, 1) if self.q == 4 else dt.date(self.year, 3 * self.q + 1, 1)
        return nxt - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def label(self) -> str:
        return f"{self.year}年第{'一二三四'[self.q - 1]}季度"


BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")


def beijing_time(stamp: str | None) -> str:
    """A stored moment (ISO 8601 with its offset, as session.timestamp writes it) as a
    clerk reads it, in Beijing time: 2026年12月2日 12:02. Stored as written; shown so.
    A stamp that is not such a moment is shown as written."""
    try:
        moment = dt.datetime.fromisoformat(stamp or "")
    except ValueError:
        return stamp or ""
    if moment.tzinfo is None:
        return stamp or ""
    t = moment.astimezone(BEIJING)
    return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}"


def parse_year(text: str | int, today: dt.date) -> int:
    s = ascii_digits(text).removesuffix("年")
    if not re.fullmatch(r"[0-9]{4}", s):
        raise InputError(msg.BAD_YEAR.format(text=text))
    year = int(s)
    if not dt.MINYEAR <= year < dt.MAXYEAR:
        raise _out_of_range(str(text), today)
    _in_range(dt.date(year, 1, 1), dt.date(year, 12, 31), str(text), today)
    return year


# --- units ------------------------------------------------------------------


class Category(str, Enum):
    """积分办法 第二条: the four kinds of units under assessment."""

    COUNTY = "county"        # 县(市、区)政府
    DEVZONE = "devzone"      # 开发区管委会
    CITY = "city"            # 市直相关单位
    STATIONED = "stationed"  # 驻市相关单位


class Role(str, Enum):
    LEAD = "lead"  # 牵头
    COOP = "coop"  # 配合


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    category: Category
    group: str
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None  # last day in force, inclusive
    # Institutional reform (SPEC §1): the names it has had, each with the day it
    # took effect (the first: valid_from, None when not given), oldest first —
    # a rename keeps the code, so its history and 第十七条's two years follow it;
    # and, for a unit merged away, the unit it merged into (code, name).
    names: tuple[tuple[dt.date | None, str], ...] = ()
    successor: tuple[str, str] | None = None

    def name_on(self, day: dt.date) -> str:
        """The name in force on `day`: a ranking of 2018 shows 2018's names. Before
        the unit existed, or after it ended, the first or the last name it had."""
        name = self.names[0][1] if self.names else self.name
        for since, later in self.names[1:]:
            if since is not None and since <= day:
                name = later
        return name

    def in_force(self, first: dt.date, last: dt.date) -> bool:
        """In force on at least one day of [first, last]."""
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_to is None or self.valid_to >= first
        )


# --- ledger entries -----------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One line of the points ledger. Never edited; a reversal is a new Entry."""

    id: int
    unit: str
    rule: str
    role: Role
    date: dt.date
    points: int  # tenths of a point
    qty: int
    matter: str | None
    ref: str | None
    note: str | None
    scorer: str
    cite: str
    recorded_by: str
    recorded_at: str
    reverses: int | None = None
    reason: str | None = None
    source: str | None = None  # what wrote it: a command, an import, a matter event
    ruleset: str | None = None  # the hash of the rule-set version it was scored under; None: the ledger's first

    @property
    def quarter(self) -> Quarter:
        return Quarter.of(self.date)

    @property
    def corrects(self) -> int | None:
        """The entry this one was recorded to replace (points correct), if any."""
        if self.source and self.source.startswith(CORRECTS):
            return int(self.source[len(CORRECTS):])
        return None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "unit": self.unit,
            "rule": self.rule,
            "role": self.role.value,
            "date": self.date.isoformat(),
            "points": points_number(self.points),
            "qty": self.qty,
            "matter": self.matter,
            "ref": self.ref,
            "note": self.note,
            "scorer": self.scorer,
            "cite": self.cite,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at,
            "reverses": self.reverses,
            "reason": self.reason,
            "corrects": self.corrects,
        }


# The `source` of an entry recorded by `points correct` in place of a revoked one.
CORRECTS = "correct:"


@dataclass(frozen=True)
class EntryDraft:
    """An entry as a use case builds it, before the store gives it an id."""

    unit: str
    rule: str
    role: Role
    date: dt.date
    points: int
    qty: int
    cite: str
    scorer: str
    matter: str | None = None
    ref: str | None = None
    note: str | None = None
    reverses: int | None = None
    reason: str | None = None
    source: str | None = None
    ruleset: str | None = None  # the hash of the rule-set version that scores it


# --- deadlines ------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """Something due on a date, from any part of the ledger, for `jcdc due`.

    Each source (rectification items, 13710 nodes, team reports, case
    executions) yields these; the deadline is the end of `due` (SPEC §6).
    """

    kind: str           # "fix", "13710", "report", "case"
    id: str             # the id the clerk types to act on it
    unit: str | None    # unit code, where there is one
    what: str
    due: dt.date
    done: dt.date | None = None  # when it was done; None while open
    # (approval date, days) of extensions of `due` (快速处置 二.2): each counts
    # only from its approval, so the deadline depends on the day asked about.
    extensions: tuple[tuple[dt.date, int], ...] = ()
    # Who owes it, where not `unit` itself: a drawn team owes its report on the
    # unit it inspected (三库办法 第十四条), which that unit's statement must not list.
    owed_by: str | None = None
    # The day it came to exist (its demand, opening, confirmation or task start):
    # asked about an earlier day, it was not yet due at all (SPEC §6).
    since: dt.date | None = None
