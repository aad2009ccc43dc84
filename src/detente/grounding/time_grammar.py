"""English time-expression grammar: expression text + reference date -> TimeML value.

Pure functions over normalised strings; no spaCy. :func:`resolve_value` returns a
``(value, precision)`` pair or ``None``. Values follow TimeML/TIMEX3 conventions
truncated to what the expression says: ``2014-03-04`` (day), ``2014-W10`` (week),
``2013-09`` (month), ``2014`` (year), or ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``
(precision ``ref``) for expressions that point at "now", "the past" or "the future"
without naming a date. Decades, centuries, durations, sets ("every year") and anaphoric
expressions ("the day before", "that week") resolve to ``None``: they name no date
of the four precisions detente uses.

:func:`timeml_value` is the same grammar with TimeML's coarser values too: a season as
``2012-SU``, a decade as ``199`` ("the 1990s"), a century as ``19`` ("the 20th century").
Events are not dated by these (a season dates an event to its year, through
:func:`resolve_value`); they are what a TIMEX3 normaliser should say.

Years spoken in words ("nineteen ninety-one", "two thousand") read as digits, as in
broadcast transcripts.

``future`` chooses between readings of ambiguous relative forms ("Friday", "in May",
"March 3"): False picks the latest candidate not after the reference date, True the
earliest not before it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from detente.tables import read_word_lists_as

Resolved = tuple[str, str]

MONTHS: Mapping[str, int] = MappingProxyType({
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
})
WEEKDAYS: Mapping[str, int] = MappingProxyType({
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
})
NUMBER_WORDS: Mapping[str, int] = MappingProxyType({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "couple of": 2, "a dozen": 12,
})


@dataclass(frozen=True, slots=True)
class TimeWords:
    """This module's word lists (``data/time/words.tsv``), read once by :func:`time_words`."""

    #: Expressions of the present (TimeML PRESENT_REF).
    present_words: frozenset[str]
    #: Expressions of an unspecified past (PAST_REF).
    past_words: frozenset[str]
    #: Expressions of an unspecified future (FUTURE_REF).
    future_words: frozenset[str]


@functools.cache
def time_words() -> TimeWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(TimeWords, "time/words.tsv")


# Offsets from the reference day of the day-level deictics.
DEICTIC_DAYS: Mapping[str, int] = MappingProxyType({
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "yesterday": -1, "last night": -1, "last evening": -1,
    "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
})

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMBER_ALT = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_REL = r"(?P<rel>last|past|previous|next|coming|this|current)"
_ORD = r"(?:st|nd|rd|th)?"

_LEADING = re.compile(
    r"^(?:on|in|at|during|since|by|until|till|through|throughout|from|of|as of|back in|"
    r"only|just|as recently as|as early as|as late as|sometime in|sometime|some time in|"
    r"around|about|approximately|roughly|circa|beginning|starting|effective)\s+"
)
# Position modifiers keep the value of what follows (TimeML puts them in ``mod``).
_MODIFIER = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?P<mod>early|earlier|late|later|mid|middle of|end of|"
    r"beginning of|start of|first half of|second half of|latter half of|latter part of|"
    r"early part of|first days of|last days of|final days of|close of|turn of|"
    r"first weeks of|last weeks of|first months of|last months of)(?:\s*-\s*|\s+)"
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)$")
_CLOCK = re.compile(
    r"(?:\bat\s+)?\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}|noon|midnight)"
    r"(?:\s+(?:local time|gmt|utc|[ecmp][sd]t))?(?=\W|$)"
)

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:t[\d:.]+z?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_WEEK = re.compile(r"^(\d{4})-w(\d{2})$")
_YEAR = re.compile(
    r"^(?:the\s+year\s+|the\s+|(?:fiscal|calendar)\s+(?:year\s+)?|fy\s*|year\s+)?"
    r"(?P<year>1\d{3}|20\d{2})$"
)
_SHORT_YEAR = re.compile(r"^['\u2019](?P<yy>\d{2})$")
_QUARTER_YEAR = re.compile(
    r"^(?:the\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th|q[1-4])\s*"
    r"(?:fiscal\s+)?(?:quarter\s+)?(?:of\s+)?(?:fiscal\s+)?(?P<year>1\d{3}|20\d{2})$"
)
_DAY_MONTH = re.compile(
    rf"^(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH_ALT})"
    r"(?:\s+(?P<year>\d{4}))?$"
)
_MONTH_DAY = re.compile(
    rf"^(?P<mon>{_MONTH_ALT})\s+(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}(?:\s+(?P<year>\d{{4}}))?$"
)
_MONTH = re.compile(
    rf"^(?:{_REL}\s+)?(?:the\s+month\s+of\s+)?(?P<mon>{_MONTH_ALT})"
    r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?$"
)
_WEEKDAY = re.compile(rf"^(?:{_REL}\s+)?(?P<wd>{_WEEKDAY_ALT})$")
_LEADING_WEEKDAY = re.compile(rf"^(?:{_WEEKDAY_ALT})\s+(?=.*(?:\d|\b(?:{_MONTH_ALT})\b))")
_PERIOD = re.compile(
    rf"^(?:the\s+)?{_REL}\s+(?:fiscal\s+|calendar\s+|financial\s+)?"
    r"(?P<unit>week|month|year|weekend)$"
)
_ANAPHORIC_PERIOD = re.compile(r"^(?:the\s+)?(?P<unit>week|month|year)$")
_WEEKEND = re.compile(r"^(?:over\s+)?(?:the\s+)?weekend$")
_SEASON = re.compile(
    rf"^(?:{_REL}\s+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?$"
)
_OFFSET = re.compile(
    rf"^(?P<n>\d+|{_NUMBER_ALT})\s+(?P<unit>day|week|fortnight|month|year|hour)s?\s+"
    r"(?P<dir>ago|from now|hence|from today)$"
)
_IN_OFFSET = re.compile(
    rf"^(?:in|within)\s+(?:the\s+next\s+)?(?P<n>\d+|{_NUMBER_ALT})\s+"
    r"(?P<unit>day|week|fortnight|month|year)s?(?:'\s*time|\s+time)?$"
)
_VAGUE_OFFSET = re.compile(
    r"^(?:(?:a\s+)?few|several|many|some|a\s+number\s+of)\s+"
    r"(?:days|weeks|months|years|decades)\s+(?P<dir>ago|from now)$"
)
_VAGUE_IN = re.compile(r"^in\s+(?:a\s+)?(?:few|several)\s+(?:days|weeks|months|years)(?:'\s*time)?$")
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.]\d{1,2}[/.]\d{1,4}$")

_SEASON_START = MappingProxyType({"spring": 3, "summer": 6, "autumn": 9, "fall": 9})
_SEASON_CODE = MappingProxyType({"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"})
_ORDINALS = MappingProxyType({
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
})
_CENTURY = re.compile(
    r"^(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True))
    + r")\s+century$"
)
_DECADE = re.compile(r"^(?:the\s+)?(?P<y>1\d{2}|20\d)0['’]?s$")
_UNITS = MappingProxyType({
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
})
_TENS = MappingProxyType({
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
})
_TENS_ALT = "|".join(sorted(_TENS, key=len, reverse=True))
_UNITS_ALT = "|".join(_UNITS)
# "nineteen ninety-one", "nineteen eighty", "nineteen oh five", "two thousand (and) three"
_SPOKEN_YEAR = re.compile(
    rf"\b(?P<hi>nineteen|eighteen|twenty)\s+(?:(?P<oh>oh|o)\s+(?P<ou>{_UNITS_ALT})|"
    rf"(?P<t>{_TENS_ALT})(?:[\s-](?P<u>{_UNITS_ALT}))?)\b"
    rf"|\btwo\s+thousand(?:\s+(?:and\s+)?(?P<k>{_TENS_ALT}|{_UNITS_ALT})(?:[\s-](?P<ku>{_UNITS_ALT}))?)?\b"
)


# --- small value builders -------------------------------------------------------------

def _day(d: dt.date) -> Resolved:
    return d.isoformat(), "day"


def _week(d: dt.date) -> Resolved:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}", "week"


def _month(year: int, month: int) -> Resolved:
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> Resolved:
    return f"{year:04d}", "year"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


# --- normalisation --------------------------------------------------------------------

def normalise(text: str) -> str:
    """Lower-case, unify quotes/dashes, drop possessives, commas, abbreviation dots."""
    s = text.strip().lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"'s$|(?<=s)'$", "", s)
    s = re.sub(rf"\b({_MONTH_ALT}|{_WEEKDAY_ALT})\.", r"\1", s)
    s = s.replace(",", " ")
    s = re.sub(r"\s+", " ", s).strip(" .;:!?\"()[]")
    return _spoken_years(s)


def _spoken_years(s: str) -> str:
    """'in nineteen ninety-one' -> 'in 1991' (a year said in words)."""
    def digits(m: re.Match[str]) -> str:
        if m["hi"]:
            high = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["hi"]]
            if m["oh"]:
                low = _UNITS[m["ou"]]
            else:
                low = _TENS[m["t"]] + (_UNITS[m["u"]] if m["u"] else 0)
                if _TENS[m["t"]] < 20 and m["u"]:
                    return m.group(0)  # "nineteen fifteen-two" is no year
            return f"{high * 100 + low:04d}"
        low = (_TENS.get(m["k"] or "", 0) or _UNITS.get(m["k"] or "", 0)) + (_UNITS[m["ku"]] if m["ku"] else 0)
        return f"{2000 + low:04d}"
    return _SPOKEN_YEAR.sub(digits, s)


def _strip_prefixes(s: str) -> tuple[str, str | None]:
    """Remove leading prepositions/focus words and one position modifier."""
    modifier = None
    while True:
        before = s
        s = _LEADING.sub("", s)
        m = _MODIFIER.match(s)
        if m and modifier is None and m.end() < len(s):
            modifier = m.group("mod")
            s = s[m.end():]
        if s == before:
            return s, modifier


# --- individual grammars --------------------------------------------------------------

def _ref(s: str) -> Resolved | None:
    if s in time_words().present_words:
        return "PRESENT_REF", "ref"
    if s in time_words().past_words or (_VAGUE_OFFSET.match(s) and s.endswith("ago")):
        return "PAST_REF", "ref"
    if s in time_words().future_words or _VAGUE_IN.match(s) or _VAGUE_OFFSET.match(s):
        return "FUTURE_REF", "ref"
    return None


def _iso(s: str) -> Resolved | None:
    try:
        if m := _ISO_DAY.match(s):
            return _day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        if m := _ISO_MONTH.match(s):
            return _month(int(m[1]), int(m[2])) if 1 <= int(m[2]) <= 12 else None
        if m := _ISO_WEEK.match(s):
            dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return f"{m[1]}-W{m[2]}", "week"
    except ValueError:
        return None
    return None


def _offset(s: str, dct: dt.date, future: bool) -> Resolved | None:
    """'two days ago', 'a year from now', 'in three weeks' (future tense only)."""
    m = _OFFSET.match(s)
    sign = -1 if m and m["dir"] == "ago" else 1
    if not m:
        m = _IN_OFFSET.match(s)
        if not m or not future:
            return None
    n = _count(m["n"])
    if n is None:
        return None
    unit = m["unit"]
    if unit == "hour":
        return _day(dct + dt.timedelta(days=sign * (n // 24)))
    if unit == "day":
        return _day(dct + dt.timedelta(days=sign * n))
    if unit in ("week", "fortnight"):
        return _week(dct + dt.timedelta(weeks=sign * n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        return _month(*_shift_month(dct.year, dct.month, sign * n))
    return _year(dct.year + sign * n)


def _weekday(s: str, dct: dt.date, future: bool) -> Resolved | None:
    m = _WEEKDAY.match(s)
    if not m:
        return None
    wd, rel = WEEKDAYS[m["wd"]], m["rel"]
    back = (dct.weekday() - wd) % 7
    ahead = (wd - dct.weekday()) % 7
    if rel in ("last", "past", "previous"):
        return _day(dct - dt.timedelta(days=back or 7))
    if rel in ("next", "coming"):
        return _day(dct + dt.timedelta(days=ahead or 7))
    if rel in ("this", "current"):
        return _day(dct + dt.timedelta(days=wd - dct.weekday()))
    return _day(dct + dt.timedelta(days=ahead) if future else dct - dt.timedelta(days=back))


def _period(s: str, dct: dt.date, future: bool, modifier: str | None) -> Resolved | None:
    """'last week', 'this year', 'next month', 'the weekend'; 'the year' after a modifier."""
    m = _PERIOD.match(s)
    if m:
        rel, unit = m["rel"], m["unit"]
        step = -1 if rel in ("last", "past", "previous") else 1 if rel in ("next", "coming") else 0
    elif _WEEKEND.match(s):
        unit = "weekend"
        step = 0 if future or dct.weekday() >= 5 else -1
    elif (a := _ANAPHORIC_PERIOD.match(s)) and modifier is not None:
        unit, step = a["unit"], 0
        # "peaked by the end of the year" in a past clause: the latest year end already past.
        if not future and modifier in ("end of", "close of", "late"):
            step = -1
    else:
        return None
    if unit in ("week", "weekend"):
        return _week(dct + dt.timedelta(weeks=step))
    if unit == "month":
        return _month(*_shift_month(dct.year, dct.month, step))
    return _year(dct.year + step)


def _month_year(month: int, rel: str | None, dct: dt.date, future: bool) -> int:
    """Year of a month named without one ('last August', 'in May')."""
    y = dct.year
    if rel in ("last", "past", "previous"):
        return y if month < dct.month else y - 1
    if rel in ("next", "coming"):
        return y if month > dct.month else y + 1
    if rel in ("this", "current"):
        return y
    if future:
        return y if month >= dct.month else y + 1
    return y if month <= dct.month else y - 1


def _month_day(month: int, day: int, dct: dt.date, future: bool) -> dt.date | None:
    """Date of 'March 3' without a year: nearest on the preferred side of the reference."""
    step = 1 if future else -1
    for k in range(5):  # 5 years covers February 29
        try:
            cand = dt.date(dct.year + step * k, month, day)
        except ValueError:
            continue
        if (cand >= dct) if future else (cand <= dct):
            return cand
    return None


def _weekday_match(month: int, day: int, weekday: int, dct: dt.date) -> dt.date | None:
    """'Friday, March 6' without a year: the year near the reference where they agree."""
    for year in (dct.year, dct.year - 1, dct.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if cand.weekday() == weekday:
            return cand
    return None


def _calendar(s: str, dct: dt.date | None, future: bool) -> Resolved | None:
    """Month names with or without day and year."""
    wd = _LEADING_WEEKDAY.match(s)
    s = s[wd.end():] if wd else s
    m = _DAY_MONTH.match(s) or _MONTH_DAY.match(s)
    if m:
        month, day = MONTHS[m["mon"]], int(m["day"])
        if m["year"]:
            try:
                return _day(dt.date(int(m["year"]), month, day))
            except ValueError:
                return None
        if dct is None or not 1 <= day <= 31:
            return None
        found = wd and _weekday_match(month, day, WEEKDAYS[wd.group(0).strip()], dct)
        found = found or _month_day(month, day, dct, future)
        return _day(found) if found else None
    m = _MONTH.match(s)
    if m:
        month = MONTHS[m["mon"]]
        if m["year"]:
            return _month(int(m["year"]), month)
        if dct is None:
            return None
        return _month(_month_year(month, m["rel"], dct, future), month)
    return None


def _years(s: str, dct: dt.date | None) -> Resolved | None:
    m = _YEAR.match(s) or _QUARTER_YEAR.match(s)
    if m:
        return _year(int(m["year"]))
    m = _SHORT_YEAR.match(s)
    if m and dct is not None:
        # "'58": the latest such year not more than ten years ahead of the reference.
        year = dct.year // 100 * 100 + int(m["yy"])
        return _year(year - 100 if year > dct.year + 10 else year)
    return None


def _season(s: str, dct: dt.date | None, future: bool) -> Resolved | None:
    """Seasons truncate to their year; winter straddles two years, so it has none."""
    m = _SEASON.match(s)
    if not m or m["season"] == "winter":
        return None
    if m["year"]:
        return _year(int(m["year"]))
    if m["season"] == "fall" and not m["rel"]:
        return None  # "the fall" is more often a collapse than a season
    if dct is None:
        return None
    start = _SEASON_START[m["season"]]
    rel, y = m["rel"], dct.year
    if rel in ("last", "past", "previous"):
        return _year(y if dct.month >= start + 3 else y - 1)
    if rel in ("next", "coming"):
        return _year(y if dct.month < start else y + 1)
    if rel in ("this", "current"):
        return _year(y)
    if future:
        return _year(y if dct.month < start + 3 else y + 1)
    return _year(y if dct.month >= start else y - 1)


# --- entry point ----------------------------------------------------------------------

def resolve_value(text: str, dct: dt.date | None, future: bool = False) -> Resolved | None:
    """TimeML value and precision of ``text`` relative to ``dct``, or None."""
    s = normalise(text)
    if not s:
        return None
    if (ref := _ref(s)) is not None:
        return ref
    if dct is not None and (m := _IN_OFFSET.match(s)):
        return _offset(m.group(0), dct, future)
    s = _CLOCK.sub("", s).strip()
    s, modifier = _strip_prefixes(s)
    if (ref := _ref(s)) is not None:
        return ref
    found = _iso(s) or _years(s, dct) or _calendar(s, dct, future)
    if found or dct is None:
        return found or _season(s, None, future)
    if s in DEICTIC_DAYS:
        return _day(dct + dt.timedelta(days=DEICTIC_DAYS[s]))
    bare = _PART_OF_DAY.sub("", s)
    if bare != s and bare in DEICTIC_DAYS:
        return _day(dct + dt.timedelta(days=DEICTIC_DAYS[bare]))
    return (
        _offset(s, dct, future)
        or _weekday(bare, dct, future)
        or _period(s, dct, future, modifier)
        or _season(s, dct, future)
    )


def timeml_value(text: str, dct: dt.date | None, future: bool = False) -> Resolved | None:
    """:func:`resolve_value` with TimeML's coarser values: seasons (``2012-SU``, precision
    ``season``), decades (``199``, ``decade``) and centuries (``19``, ``century``)."""
    s, _ = _strip_prefixes(normalise(text))
    if m := _CENTURY.match(s):
        n = m["n"]
        number = int(n[:-2]) if n[0].isdigit() else _ORDINALS[n]
        return f"{number - 1:02d}", "century"
    if m := _DECADE.match(s):
        return m["y"], "decade"
    m = _SEASON.match(s)
    if m and dct is not None:
        code = _SEASON_CODE[m["season"]]
        if m["year"]:
            return f"{m['year']}-{code}", "season"
        if m["season"] == "fall" and not m["rel"]:
            return None
        if m["season"] == "winter":
            # winter starts in December: the latest one begun by now (past), or the next
            rel, y = m["rel"], dct.year
            begun = y if dct.month == 12 else y - 1
            start = begun - 1 if rel in ("last", "past", "previous") else begun + 1 if rel in ("next", "coming") \
                else begun + 1 if future and dct.month in (3, 4, 5, 6, 7, 8, 9, 10, 11) else begun
            return f"{start}-{code}", "season"
        year = _season(s, dct, future)
        return (f"{year[0]}-{code}", "season") if year else None
    return resolve_value(text, dct, future)


def numeric_parts(s: str) -> str | None:
    """Precision a numeric or unusual absolute date states ('03/04/2014' -> day)."""
    if _NUMERIC_DATE.match(s):
        return "day"
    has_month = re.search(rf"\b(?:{_MONTH_ALT})\b", s) is not None
    has_year = re.search(r"\b(?:1\d{3}|20\d{2})\b", s) is not None
    has_day = re.search(r"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b", s) is not None
    if has_month and has_day:
        return "day"
    if has_month and has_year:
        return "month"
    return None
