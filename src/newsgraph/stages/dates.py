"""The dates stage: time expressions found by spaCy, resolved against the publish date.

Candidates are the DATE and TIME entities of the parse. Adjacent date and
time-of-day entities ("Thursday" + "night", "3 a.m." + "Thursday") are merged,
edges are trimmed of punctuation and possessives, and spans that are not time
expressions (ages, bare numbers, "a bad day", classifying modifiers such as
"four-year term") are dropped.

Resolution (`resolve_time_expression`) is rule based: the expression is
normalised and matched against a small set of regular expressions (weekdays,
deictic words, month and day names, relative periods, "N units ago", years,
decades, seasons). Only what the rules do not cover goes to `dateparser`,
lazily imported and cached, and its answer is kept only when it agrees with the
words of the expression.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.model import Document, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.resources import Resources

Range = tuple[str, str]
Resolution = tuple[str | None, Range | None, str]
UNKNOWN: Resolution = (None, None, "unknown")


class Tense(StrEnum):
    """What the clause around an expression says of its time: it decides between the last
    and the next day of a name ("Monday", "March 3") when both are near."""

    PAST = "past"
    FUTURE = "future"
    #: No tense marks the time (a present, a "would", a headline, a noun further away):
    #: the nearer day is taken.
    UNMARKED = "unmarked"

#: How far after publication an expression without a year may still point.
FUTURE_SLACK = timedelta(days=3)

# -- lexicon ---------------------------------------------------------------

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "overnight", "midday", "dawn",
                "dusk", "daybreak", "noon", "midnight")

_alt = "|".join
_WD = rf"(?P<wd>{_alt(sorted(WEEKDAYS, key=len, reverse=True))})"
_MON = rf"(?P<mon>{_alt(sorted(MONTHS, key=len, reverse=True))})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PART = rf"(?:{_alt(PARTS_OF_DAY)})"
_NUM = rf"(?P<num>\d+|{_alt(sorted(NUMBER_WORDS, key=len, reverse=True))})"
_UNIT = r"(?P<unit>day|week|month|year|decade|fortnight)s?"
_REL = (r"(?P<rel>this past|this coming|the past|the coming|the previous|the following|"
        r"this|last|next|past|coming|previous|following|current)")
_EDGE = r"(?P<edge>earlier|later|early|late|mid|(?:the )?(?:end|start|beginning|middle) of)"
_RELYEAR = r"(?: (?:of )?(?P<ryear>last|this|next) year)?"

_LEADING = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|between|during|of|for|around|about|through|"
    r"throughout|as of|as early as|as recently as|as late as|starting|beginning|sometime|"
    r"some time|the|and|or)\s+)+"
)
_CLOCK = re.compile(
    r"\b(?:(?:at|around|about|by|from|until|after|before|nearly|almost|shortly|just|"
    r"approximately|roughly) )*"
    r"(?:\d{1,2}(?::\d{2})? ?(?:am|pm)|\d{1,2}:\d{2}|noon|midday|midnight|\d{1,2} o'?clock)"
    r"(?: (?:et|est|edt|gmt|utc|bst|cet|cest|pt|pst|pdt|ct|cst|cdt|local time|local|"
    r"eastern|pacific|central|mountain))?"
)

# -- date arithmetic -------------------------------------------------------


def _iso(day: date) -> str:
    return day.isoformat()


def _day(day: date) -> Resolution:
    return (_iso(day), None, "day")


def _span(first: date, last: date, granularity: str = "range") -> Resolution:
    if last < first:
        last = first
    if first == last and granularity == "range":
        return _day(first)
    return (None, (_iso(first), _iso(last)), granularity)


def _month_shift(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _plausible_year(year: int) -> bool:
    return 1000 <= year <= 2199


# -- resolution helpers ----------------------------------------------------


def _weekday(wd: int, published: date, rel: str | None, tense: Tense) -> date:
    """The day named by a weekday, given an optional modifier, relative to `published`: the
    one before in a past clause, the one after in a future clause, else the nearer one."""
    back = (published.weekday() - wd) % 7
    ahead = (wd - published.weekday()) % 7
    if rel in ("last", "past", "this past", "previous"):
        return published - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming", "following"):
        return published + timedelta(days=ahead or 7)
    if rel == "this":
        return _monday(published) + timedelta(days=wd)
    before, after = published - timedelta(days=back), published + timedelta(days=ahead)
    return _pick([before, after], published, tense, slack=timedelta(0)) or before


def _pick(candidates: list[date], published: date, tense: Tense,
          slack: timedelta = FUTURE_SLACK) -> date | None:
    """The candidate a clause of `tense` points to: the nearest one not after publication
    (give or take `slack`) in the past, not before it in the future, the nearest of all
    when the clause has no tense; none a year or more away. A tie goes to the earlier."""
    year = timedelta(days=366)
    if tense is Tense.PAST:
        fitting = [c for c in candidates if c <= published + slack]
    elif tense is Tense.FUTURE:
        fitting = [c for c in candidates if c >= published - slack]
    else:
        fitting = list(candidates)
    fitting = [c for c in fitting if abs(c - published) < year]
    return min(fitting, key=lambda c: (abs(c - published), c), default=None)


def _month_day(month: int, day: int, published: date, tense: Tense) -> date | None:
    """`month`/`day` in the year `_pick` chooses for a clause of `tense`."""
    years = range(published.year - 4, published.year + 5)
    candidates = [c for c in (_safe_date(y, month, day) for y in years) if c is not None]
    return _pick(candidates, published, tense)


def _offset(rel: str | None) -> int:
    if rel in ("last", "past", "the past", "this past", "previous", "the previous"):
        return -1
    if rel in ("next", "coming", "the coming", "this coming", "following", "the following"):
        return 1
    return 0


def _period(unit: str, offset: int, published: date) -> tuple[date, date, str] | None:
    """The calendar week/month/... containing `published`, shifted by `offset`."""
    if unit == "week":
        monday = _monday(published) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6), "week"
    if unit == "weekend":
        saturday = _monday(published) + timedelta(weeks=offset, days=5)
        return saturday, saturday + timedelta(days=1), "range"
    if unit == "month":
        return (*_month_bounds(*_month_shift(published.year, published.month, offset)), "month")
    if unit == "year":
        year = published.year + offset
        return date(year, 1, 1), date(year, 12, 31), "year"
    if unit == "quarter":
        year, month = _month_shift(published.year, (published.month - 1) // 3 * 3 + 1, 3 * offset)
        return date(year, month, 1), _month_bounds(*_month_shift(year, month, 2))[1], "range"
    if unit == "decade" and offset == 0:
        start = published.year // 10 * 10
        return date(start, 1, 1), date(start + 9, 12, 31), "range"
    if unit == "century" and offset <= 0:
        start = published.year // 100 * 100 + 100 * offset
        return date(start, 1, 1), date(start + 99, 12, 31), "range"
    return None


def _edge_part(first: date, last: date, edge: str) -> tuple[date, date]:
    """The early/mid/late third (or start/end) of a stretch: in years, months or days."""
    early = edge in ("early", "earlier") or edge.endswith(("start of", "beginning of"))
    late = edge in ("late", "later") or edge.endswith("end of")
    whole_months = first.day == 1 and last == _month_bounds(last.year, last.month)[1]
    years = last.year - first.year + 1
    if whole_months and first.month == 1 and last.month == 12 and years >= 3:
        third = years // 3
        if early:
            return first, date(first.year + third - 1, 12, 31)
        if late:
            return date(last.year - third + 1, 1, 1), last
        return date(first.year + third, 1, 1), date(last.year - third, 12, 31)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if whole_months and months >= 3:
        third = months // 3
        if early:
            return first, _month_bounds(*_month_shift(first.year, first.month, third - 1))[1]
        if late:
            return date(*_month_shift(last.year, last.month, 1 - third), 1), last
        return (date(*_month_shift(first.year, first.month, third), 1),
                _month_bounds(*_month_shift(last.year, last.month, -third))[1])
    third = max(((last - first).days + 1) // 3, 1)
    if early:
        return first, first + timedelta(days=third - 1)
    if late:
        return last - timedelta(days=third - 1), last
    return first + timedelta(days=third), last - timedelta(days=third)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _shift(published: date, amount: int, unit: str) -> date:
    if unit == "day":
        return published + timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return published + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = amount * (12 if unit == "year" else 1)
    year, month = _month_shift(published.year, published.month, months)
    return date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


# -- the rules -------------------------------------------------------------

Handler = Callable[[re.Match[str], date | None, Tense], Resolution | None]
_RULES: list[tuple[re.Pattern[str], Handler, bool]] = []


def _rule(pattern: str, today_if_unpublished: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler; with `today_if_unpublished` it reads the reference day (the day of
    the run, given by the stage's factory) in place of a missing publish date."""

    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern), handler, today_if_unpublished))
        return handler

    return register


@_rule(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
def _iso_date(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    day = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _day(day) if day else None


@_rule(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})")
def _slash_date(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
    first, second = int(m["a"]), int(m["b"])
    day = _safe_date(year, first, second) if first <= 12 else _safe_date(year, second, first)
    return _day(day) if day else None


def _day_in_year(month: int, day: int, m: re.Match[str], published: date | None,
                 tense: Tense) -> Resolution | None:
    if m["year"]:
        found = _safe_date(int(m["year"]), month, day)
    elif m["ryear"] and published:
        found = _safe_date(published.year + _offset(m["ryear"]), month, day)
    elif published:
        found = _month_day(month, day, published, tense)
    else:
        return UNKNOWN
    return _day(found) if found else None


@_rule(rf"(?:{_WD} )?{_MON} {_DAY}(?: {_YEAR})?{_RELYEAR}")
def _month_then_day(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    return _day_in_year(MONTHS[m["mon"]], int(m["day"]), m, published, tense)


@_rule(rf"(?:{_WD} )?{_DAY} (?:of )?{_MON}(?: {_YEAR})?{_RELYEAR}")
def _day_then_month(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    return _day_in_year(MONTHS[m["mon"]], int(m["day"]), m, published, tense)


@_rule(r"(?P<day>\d{1,2})(?:st|nd|rd|th)")
def _day_of_month(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    if not published:
        return UNKNOWN
    months = [_month_shift(published.year, published.month, offset) for offset in (-2, -1, 0, 1)]
    candidates = [_safe_date(year, month, int(m["day"])) for year, month in months]
    found = _pick([c for c in candidates if c is not None], published, tense)
    return _day(found) if found else None


@_rule(rf"{_MON} (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? ?(?:-|to|through|and|until) ?"
       rf"(?:(?P<mon2>{_alt(MONTHS)}) )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?: {_YEAR})?")
def _day_range(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    month, month2 = MONTHS[m["mon"]], MONTHS[m["mon2"]] if m["mon2"] else MONTHS[m["mon"]]
    if m["year"]:
        year = int(m["year"])
    elif published:
        start = _month_day(month, int(m["d1"]), published, tense)
        if start is None:
            return None
        year = start.year
    else:
        return UNKNOWN
    first, last = _safe_date(year, month, int(m["d1"])), _safe_date(year, month2, int(m["d2"]))
    if first is None or last is None or last < first:
        return None
    return _span(first, last)


@_rule(rf"(?:(?P<edge>early|mid|late|(?:end|start|beginning|middle) of) )?{_MON}"
       rf"(?: (?:of )?(?:{_YEAR}|(?P<ryear>last|this|next) year))?")
def _month(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    month = MONTHS[m["mon"]]
    if m["year"]:
        year = int(m["year"])
    elif not published:
        return UNKNOWN
    elif m["ryear"]:
        year = published.year + _offset(m["ryear"])
    else:
        first = date(published.year, month, 1)
        year = published.year
        if tense is Tense.FUTURE and _month_bounds(year, month)[1] < published:
            year += 1
        elif tense is not Tense.FUTURE and first > published + FUTURE_SLACK:
            year -= 1
    first, last = _month_bounds(year, month)
    if m["edge"]:
        return _span(*_edge_part(first, last, m["edge"]))
    return _span(first, last, "month")


@_rule(rf"(?P<rel>last|this|next|past|this past|this coming) {_MON}")
def _relative_month(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    if not published:
        return UNKNOWN
    month, year = MONTHS[m["mon"]], published.year
    offset = _offset(m["rel"])
    if offset < 0 and month >= published.month:
        year -= 1
    elif offset > 0 and month <= published.month:
        year += 1
    return _span(*_month_bounds(year, month), "month")


@_rule(rf"(?:(?P<edge>early|mid|late) )?(?:year )?{_YEAR}")
def _year(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    year = int(m["year"])
    if not _plausible_year(year):
        return None
    first, last = date(year, 1, 1), date(year, 12, 31)
    if m["edge"]:
        return _span(*_edge_part(first, last, m["edge"]))
    return _span(first, last, "year")


@_rule(r"(?P<y1>\d{4}) ?(?:-|to|through|and|until) ?(?P<y2>\d{2}|\d{4})")
def _year_range(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    first = int(m["y1"])
    last = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if not (_plausible_year(first) and _plausible_year(last)) or last <= first:
        return None
    return _span(date(first, 1, 1), date(last, 12, 31))


@_rule(r"(?:(?P<edge>early|mid|late) )?(?:(?P<dec>\d{3}0)|'(?P<short>\d0))s",
       today_if_unpublished=True)
def _decade(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        short = int(m["short"])
        if published is None:
            return None
        now = published.year
        start = now // 100 * 100 + short
        if start > now:
            start -= 100
    if not _plausible_year(start):
        return None
    first, last = date(start, 1, 1), date(start + 9, 12, 31)
    if m["edge"]:
        first, last = _edge_part(first, last, m["edge"])
    return _span(first, last)


@_rule(r"(?P<n>\d{1,2})(?:st|nd|rd|th) century")
def _century(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    start = (int(m["n"]) - 1) * 100
    if not _plausible_year(max(start, 1000)) or start < 1000:
        return None
    return _span(date(start, 1, 1), date(start + 99, 12, 31))


@_rule(rf"(?:(?P<rel>last|this|next|past|this past|this coming) )?(?P<season>spring|summer|"
       rf"fall|autumn|winter)(?: (?:of )?{_YEAR})?")
def _season(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    if m["year"]:
        return _span(*_season_bounds(m["season"], int(m["year"])))
    if not published:
        return UNKNOWN
    seasons = [_season_bounds(m["season"], year)
               for year in range(published.year - 2, published.year + 2)]
    rel = m["rel"]
    ended = [s for s in seasons if s[1] < published]
    upcoming = [s for s in seasons if s[0] > published]
    current = [s for s in seasons if s[0] <= published <= s[1]]
    if rel in ("last", "past", "this past"):
        chosen = ended[-1]
    elif rel in ("next", "this coming"):
        chosen = upcoming[0]
    elif current:
        chosen = current[0]
    elif rel == "this":
        chosen = next(s for s in seasons if s[0].year == published.year)
    elif tense is Tense.FUTURE:
        chosen = upcoming[0]
    else:
        chosen = ended[-1]
    return _span(*chosen)


def _season_bounds(season: str, year: int) -> tuple[date, date]:
    """Meteorological seasons (northern hemisphere); winter runs from December of `year`."""
    if season == "winter":
        return date(year, 12, 1), _month_bounds(year + 1, 2)[1]
    first_month, last_month = SEASONS[season]
    return date(year, first_month, 1), _month_bounds(year, last_month)[1]


#: Holidays on a fixed day of the Gregorian calendar: (month, day).
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year day": (1, 1), "new year eve": (12, 31), "new years day": (1, 1),
            "new years eve": (12, 31), "halloween": (10, 31), "valentine day": (2, 14),
            "valentines day": (2, 14)}


#: A modifier of a holiday that fixes the direction ("last Christmas", "next Halloween").
_HOLIDAY_TENSE = {"last": Tense.PAST, "past": Tense.PAST, "next": Tense.FUTURE}


@_rule(rf"(?:(?P<rel>last|this|next|past) )?(?P<holiday>{_alt(HOLIDAYS)})(?: {_YEAR})?")
def _holiday(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    month, day = HOLIDAYS[m["holiday"]]
    if m["year"]:
        return _day(date(int(m["year"]), month, day))
    if not published:
        return UNKNOWN
    found = _month_day(month, day, published, _HOLIDAY_TENSE.get(m["rel"], tense))
    return _day(found) if found else None


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
            "this morning": 0, "this afternoon": 0, "this evening": 0,
            "the day before yesterday": -2, "day before yesterday": -2,
            "the day after tomorrow": 2, "day after tomorrow": 2}


@_rule(rf"(?:(?:earlier|later|early|late) )?(?P<word>{_alt(_DEICTIC)})(?: {_PART})?")
def _deictic(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    if not published:
        return UNKNOWN
    return _day(published + timedelta(days=_DEICTIC[m["word"]]))


@_rule(rf"(?:(?:earlier|later|early|late|on|{_PART}) (?:on )?)?(?:{_REL} )?{_WD}"
       rf"(?: {_PART})?(?: (?:of )?(?P<wrel>last|this|next) week)?")
def _weekday_rule(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    if not published:
        return UNKNOWN
    wd = WEEKDAYS[m["wd"]]
    if m["wrel"]:
        monday = _monday(published) + timedelta(weeks=_offset(m["wrel"]))
        return _day(monday + timedelta(days=wd))
    rel = m["rel"].removeprefix("the ") if m["rel"] else None
    return _day(_weekday(wd, published, rel, tense))


@_rule(rf"(?:{_EDGE} )?{_REL} (?P<unit>week|weekend|month|year|quarter|decade|century)")
def _relative_period(m: re.Match[str], published: date | None,
                     tense: Tense) -> Resolution | None:
    if not published:
        return UNKNOWN
    rel, unit, edge = m["rel"], m["unit"], m["edge"]
    if rel in ("past", "the past", "this past") and unit in ("week", "month", "year"):
        if edge:
            return UNKNOWN
        return _span(_shift(published, -1, unit), published)
    period = _period(unit, _offset(rel), published)
    if period is None:
        return UNKNOWN
    first, last, granularity = period
    if edge == "earlier" and rel in ("this", "current"):
        return _span(first, min(last, max(first, published - timedelta(days=1))))
    if edge == "later" and rel in ("this", "current"):
        return _span(min(last, published + timedelta(days=1)), last)
    if edge:
        return _span(*_edge_part(first, last, edge))
    return _span(first, last, granularity)


@_rule(rf"(?:(?:about|nearly|almost|some|roughly|around|just|only|more than|less than|over) )?"
       rf"{_NUM} {_UNIT} ago")
def _ago(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    amount = _number(m["num"])
    if not published or amount is None or m["unit"] == "decade":
        return UNKNOWN
    unit = m["unit"]
    when = _shift(published, -amount, unit)
    if unit == "day":
        return _day(when)
    if unit in ("week", "fortnight"):
        return _span(_monday(when), _monday(when) + timedelta(days=6), "week")
    if unit == "month":
        return _span(*_month_bounds(when.year, when.month), "month")
    return _span(date(when.year, 1, 1), date(when.year, 12, 31), "year")


@_rule(rf"(?P<dir>past|last|previous|next|coming) {_NUM} {_UNIT}")
def _window(m: re.Match[str], published: date | None, tense: Tense) -> Resolution | None:
    amount = _number(m["num"])
    if not published or amount is None or m["unit"] == "decade":
        return UNKNOWN
    if m["dir"] in ("next", "coming"):
        return _span(published, _shift(published, amount, m["unit"]))
    return _span(_shift(published, -amount, m["unit"]), published)


# -- normalisation and the public resolver ---------------------------------


def normalise(text: str) -> str:
    """Lower-case `text`, unify quotes and dashes, drop abbreviation dots and filler words."""
    s = text.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[–—−]", "-", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9'])", " ", s)
    s = re.sub(r"[,;()\"]|:(?!\d)", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .-")
    return _LEADING.sub("", s)


def _without_clock(s: str) -> tuple[str, bool]:
    """`s` with clock times removed, and whether there was one."""
    stripped, count = _CLOCK.subn(" ", s)
    if not count:
        return s, False
    stripped = re.sub(r"\s+", " ", stripped).strip()
    stripped = re.sub(rf"^(?:in the )?{_PART}(?: of| on)? ?|(?: on| of)$", "", stripped).strip()
    return _LEADING.sub("", stripped), True


def resolve_time_expression(text: str, published: date | None, tense: Tense = Tense.PAST,
                            today: date | None = None) -> Resolution:
    """Resolve a time expression to `(value, range, granularity)` against `published`.

    `value` is an ISO day when the expression names one day; `range` is
    `(first, last)` for longer stretches; both are None (granularity
    "unknown") when it cannot be resolved. Without a publish date only
    absolute dates resolve, and a decade written short ("the '90s") is read
    against `today` (the reference day of the run; default: the day it is called).
    `tense` is that of the clause around the expression: a bare weekday or month-day is the
    last such day in the past, the next in the future, the nearer one when unmarked; a bare
    month or season is read forward in the future only.
    """
    return _resolve(text, published, Tense(tense), today or date.today())


@lru_cache(maxsize=8192)
def _resolve(text: str, published: date | None, tense: Tense, today: date) -> Resolution:
    s = normalise(text)
    if not s:
        return UNKNOWN
    s, _ = _without_clock(s)
    if not s:
        return UNKNOWN
    for pattern, handler, today_if_unpublished in _RULES:
        match = pattern.fullmatch(s)
        if match:
            anchor = today if published is None and today_if_unpublished else published
            result = handler(match, anchor, tense)
            if result is not None:
                return result
    return _fallback(s, published)


# -- dateparser fallback ---------------------------------------------------

_HAS_ANCHOR = re.compile(rf"\b(?:{_alt(MONTHS)}|{_alt(WEEKDAYS)})\b|\d")


@lru_cache(maxsize=4096)
def _fallback(s: str, published: date | None) -> Resolution:
    """Ask dateparser about an expression naming a month, weekday or number; check its answer."""
    if not _HAS_ANCHOR.search(s) or re.search(r"\b(?:ago|later|before|after|every|each)\b", s):
        return UNKNOWN
    months = {MONTHS[w] for w in re.findall(r"[a-z]+", s) if w in MONTHS}
    weekdays = {WEEKDAYS[w] for w in re.findall(r"[a-z]+", s) if w in WEEKDAYS}
    years = {int(y) for y in re.findall(r"\b(\d{4})\b", s)}
    numbers = {int(n) for n in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", s)}
    if not months or not numbers or len(months) > 1 or len(years) > 1:
        return UNKNOWN
    if not years and published is None:
        return UNKNOWN
    import dateparser

    settings: dict = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
                      "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    if years:
        settings["REQUIRE_PARTS"].append("year")
    try:
        parsed = dateparser.parse(s, languages=["en"], settings=settings)
    except Exception:  # dateparser may fail on odd input
        return UNKNOWN
    if parsed is None:
        return UNKNOWN
    day = parsed.date()
    consistent = (
        day.month in months
        and day.day in numbers
        and (not years or day.year in years)
        and (not weekdays or day.weekday() in weekdays)
    )
    return _day(day) if consistent else UNKNOWN


# -- the stage -------------------------------------------------------------

TIME_WORDS = frozenset({
    "day", "days", "night", "nights", "week", "weeks", "weekend", "weekends", "fortnight",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries",
    "quarter", "season", "morning", "mornings", "afternoon", "afternoons", "evening",
    "evenings", "overnight", "hour", "hours", "minute", "minutes", "second", "seconds",
    "today", "tonight", "yesterday", "tomorrow", "now", "ago", "era", "period", "time",
    "spring", "summer", "fall", "autumn", "winter", "midnight", "noon", "dawn", "dusk",
    "christmas", "eve", "easter", "thanksgiving", "ramadan", "eid", "hanukkah", "passover",
    "millennium", "a.m.", "p.m.", "am", "pm", "weekday", "weekdays", "semester", "term",
    "daily", "weekly", "monthly", "yearly", "annually", "annual", "quarterly", "hourly",
    "nightly", "recently", "lately", "nowadays", "currently",
})
#: Adjectives that make a time phrase more precise rather than judge it.
TEMPORAL_ADJECTIVES = frozenset({
    "early", "earlier", "earliest", "late", "later", "latest", "last", "next", "past",
    "previous", "recent", "coming", "following", "preceding", "same", "entire", "whole",
    "full", "single", "first", "second", "third", "fourth", "fifth", "final", "current",
    "present", "upcoming", "former", "initial", "prior", "subsequent", "few", "several",
    "many", "other", "certain", "given", "particular", "additional", "extra", "consecutive",
    "straight", "fiscal", "calendar", "academic", "new", "old", "mid", "half", "more",
    "less", "fewer", "most", "further", "remaining", "closing", "opening", "middle", "short",
    "successive", "alternate",
})
FREQUENCY_WORDS = frozenset({"daily", "weekly", "monthly", "yearly", "annually", "annual",
                             "quarterly", "hourly", "nightly", "biweekly", "biannual"})
_AGE = re.compile(r"\byears?[- ]old\b|\bmonths?[- ]old\b|\bages?\b|\baged\b", re.IGNORECASE)
_HYPHEN_MEASURE = re.compile(r"\w-(?:\w+-)?(?:second|minute|hour|day|night|week|month|year|"
                             r"decade|century|time)s?\b|\w-(?:minute|night|morning)", re.I)
_NUMERIC_TIME = re.compile(
    r"(?:(?:early|mid|late)-)?(?:'?\d0s|\d{4}s?)|\d{1,2}(?:st|nd|rd|th)|[\d/:.\-]+")
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_URL = re.compile(r"https?:|www\.")
_EDGE_JUNK = frozenset({"where", "when", "while", "and", "or", "but", "then"})


def _is_temporal_token(token: Token) -> bool:
    lower = token.lower_.rstrip(".")
    return (
        lower in TIME_WORDS or lower in WEEKDAYS or lower in MONTHS or lower in SEASONS
        or (token.text.istitle() and lower == "day")
        or bool(_NUMERIC_TIME.fullmatch(lower))
    )


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of DATE/TIME entities, with adjacent date and time parts merged."""
    ranges: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ranges:
            start, end, label = ranges[-1]
            gap = doc[end:ent.start]
            joinable = all(t.lower_ in ("at", "on", ",", "around", "about") for t in gap)
            if joinable and len(gap) <= 2 and "TIME" in (label, ent.label_) and \
                    label != ent.label_:
                ranges[-1] = (start, ent.end, "DATE")
                continue
        ranges.append((ent.start, ent.end, ent.label_))
    return [piece for start, end, _ in ranges for piece in _split_at_verbs(doc, start, end)]


def _split_at_verbs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an entity that runs over a finite verb ("May 3 and ended last year") into pieces."""
    pieces, first = [], start
    for i in range(start, end):
        if doc[i].tag_ in _FINITE_VERB_TAGS:
            pieces.append((first, i))
            first = i + 1
    pieces.append((first, end))
    return [(a, b) for a, b in pieces if a < b]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, possessives, filler and trailing non-temporal names from the edges."""
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or doc[start].lower_ in _EDGE_JUNK):
        start += 1
    while end > start:
        token = doc[end - 1]
        dangling_name = (token.pos_ in ("PROPN", "VERB") and not _is_temporal_token(token)
                         and end - 1 > start and _is_temporal_token(doc[end - 2]))
        if token.is_punct or token.is_space or token.tag_ == "POS" or dangling_name \
                or token.lower_ in _EDGE_JUNK:
            end -= 1
        else:
            break
    return start, end


def _is_time_expression(span: Span) -> bool:
    """False for spans NER labels DATE/TIME that do not refer to a time."""
    text = span.text
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if _AGE.search(text) or after == "old":
        return False
    words = [t for t in span if not (t.is_punct or (t.is_stop and not _is_temporal_token(t)))]
    if not any(_is_temporal_token(t) for t in span):
        return False
    if len(span) == 1 and span[0].lower_ in FREQUENCY_WORDS:
        return False
    if len(words) == 1 and re.fullmatch(r"[\d.,]+", words[0].text) and \
            not re.fullmatch(r"\d{4}", words[0].text):
        return False
    root = span.root
    modifier = root.dep_ in ("amod", "compound", "nmod", "nummod") and \
        not (span.start <= root.head.i < span.end) and root.head.pos_ in ("NOUN", "PROPN")
    if modifier and _HYPHEN_MEASURE.search(text):
        return False
    return not _judged_unit(span)


def _judged_unit(span: Span) -> bool:
    """True for "a bad day", "a long week": a bare time unit under an evaluative adjective."""
    anchored = any(
        t.like_num or t.lower_ in WEEKDAYS or t.lower_.rstrip(".") in MONTHS
        or t.lower_ in ("today", "tonight", "yesterday", "tomorrow", "ago", "this", "these",
                        "that", "those", "each", "every")
        or t.lower_ in TEMPORAL_ADJECTIVES
        for t in span
    )
    judged = any(t.pos_ == "ADJ" and t.lower_ not in TEMPORAL_ADJECTIVES
                 and not _is_temporal_token(t) for t in span)
    unit_head = span.root.pos_ == "NOUN" and span.root.lower_ in TIME_WORDS
    return judged and unit_head and not anchored


#: Auxiliaries that put a clause in the future ("will", "shall", "'ll", "won't").
_WILL = frozenset({"will", "shall", "'ll", "’ll", "wo"})
#: Heads whose infinitive is planned for later: "is expected to", "plans to", "is due to",
#: "is set to", "is scheduled to", "is going to" (in the present: "was expected to" is not).
_PLANNED = frozenset({"expect", "plan", "schedule", "set", "due", "go", "intend", "slate"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re"})


#: Words that place a time after the governing verb's ("spoke ahead of Monday's vote") or
#: before it ("will meet after Monday's vote"): the verb's tense then does not place it.
_LATER_THAN_VERB = frozenset({"before", "ahead", "until", "till", "toward", "towards"})
_EARLIER_THAN_VERB = frozenset({"after", "following", "since"})


@dataclass(frozen=True)
class _Governor:
    """The verb that places a time expression, and what lies between them."""

    verb: Token
    #: The time is part of a noun that is a complement of another ("the host of Monday's
    #: debate", "the nominee for the March 3 vote"): the verb speaks of that other noun.
    detached: bool = False
    #: A word on the way says the time is later (or earlier) than the verb's.
    later: bool = False
    earlier: bool = False


def _governing_verb(span: Span) -> _Governor:
    """The nearest verb above the span: "Monday's debate will decide" -> "decide" (through
    the noun the day modifies), "on Monday the team will meet" -> "meet"; a participle
    used as a preposition ("including", "compared with") is passed over."""
    token, detached, later, earlier = span.root, False, False, False
    while token.head.i != token.i and (token.pos_ not in ("VERB", "AUX")
                                       or token.dep_ == "prep"):
        head = token.head  # (spaCy makes a new Token object each time: compare positions)
        word = head.lower_
        if word in ("of", "for") and head.head.pos_ in ("NOUN", "PROPN") and \
                not _is_temporal_token(head.head):
            detached = True
        later = later or word in _LATER_THAN_VERB
        earlier = earlier or word in _EARLIER_THAN_VERB
        token = head
    return _Governor(token, detached, later, earlier)


def _present(token: Token) -> bool:
    """A verb or adjective in the present ("plans", "is expected", "is due")."""
    return token.tag_ in _PRESENT_TAGS or any(
        child.dep_ in ("aux", "auxpass", "cop") and child.lower_ in _PRESENT_BE
        for child in token.children) or (token.head.lower_ in _PRESENT_BE
                                         and token.dep_ in ("acomp", "attr"))


def _past(token: Token) -> bool:
    """A verb or adjective in the past: "met", "was expected", "had met", "has met", "was
    due", or a participle alone ("the law passed on Monday")."""
    aux = [child for child in token.children if child.dep_ in ("aux", "auxpass", "cop")]
    if token.tag_ == "VBD" or any(child.tag_ == "VBD" for child in aux):
        return True
    if any(child.lemma_.lower() == "have" for child in aux):
        return True  # a perfect: "has met", "has been meeting"
    if token.tag_ == "VBN":
        return not aux and token.dep_ in ("acl", "advcl")
    return token.dep_ in ("acomp", "attr") and token.head.tag_ == "VBD"


def _verb_tense(verb: Token) -> Tense:
    """The tense a verb gives the times it governs. A planning verb in the present speaks
    of later ("is scheduled for Monday", "plans to meet on Monday"); a bare infinitive or a
    verb joined to another takes that one's tense ("will meet and vote on Monday"); a
    present, a conditional ("would") or an infinitive of purpose is unmarked."""
    if any(child.dep_ == "aux" and child.lower_ in _WILL for child in verb.children):
        return Tense.FUTURE
    planning = verb.lemma_.lower() in _PLANNED
    if planning and _present(verb):
        return Tense.FUTURE
    if _past(verb):
        return Tense.PAST
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        head = verb.head
        if head.lemma_.lower() in _PLANNED or verb.dep_ == "conj":
            return _verb_tense(head)
        if _verb_tense(head) is Tense.FUTURE:
            return Tense.FUTURE
    return Tense.UNMARKED


def _clause_tense(span: Span) -> Tense:
    """The tense of the clause that places `span`: that of its governing verb when the span
    is an adverbial of it or modifies one of its nouns ("Monday's debate will decide");
    unmarked when it is part of a noun's complement ("the host of Monday's debate said":
    the saying's tense says nothing of the debate's day), and when it is placed after a past
    verb ("spoke ahead of Monday's vote") or before a future one."""
    governor = _governing_verb(span)
    if governor.detached or governor.verb.pos_ not in ("VERB", "AUX"):
        return Tense.UNMARKED
    tense = _verb_tense(governor.verb)
    if (tense is Tense.PAST and governor.later) or (tense is Tense.FUTURE
                                                   and governor.earlier):
        return Tense.UNMARKED
    return tense


def _char_bounds(span: Span) -> tuple[int, int]:
    start, end = span.start_char, span.end_char
    url = _URL.search(span.text)
    if url:
        end = start + url.start()
        while end > start and not span.doc.text[end - 1].isalnum():
            end -= 1
    return start, end


def make_dates(resources: Resources) -> Callable[[Document], None]:
    """The dates stage, reading short decades of undated articles against the run's day."""
    today = resources.reference_date
    return lambda document: add_dates(document, today)


def _day_name(surface: str) -> str | None:
    """The weekday or month-day an expression names ("Monday night's" -> "monday"; "Nov. 8"
    -> "11-8"), by which its mentions in one article are matched."""
    s = normalise(surface)
    found = re.search(rf"\b{_MON} {_DAY}\b", s)
    if found:
        return f"{MONTHS[found['mon']]}-{int(found['day'])}"
    found = re.search(rf"\b{_WD}\b", s)
    return str(WEEKDAYS[found["wd"]]) if found else None


def _article_tenses(mentions: list[tuple[str, Tense]]) -> list[Tense]:
    """Each mention's tense, an unmarked one taking the tense most of the marked mentions of
    the same day name in the article have (one day per name in one report: "Monday's
    debate" is the same Monday throughout)."""
    marked: dict[str, Counter[Tense]] = defaultdict(Counter)
    for name, tense in mentions:
        if name and tense is not Tense.UNMARKED:
            marked[name][tense] += 1
    tenses = []
    for name, tense in mentions:
        votes = marked.get(name) if tense is Tense.UNMARKED else None
        if votes and len(set(votes.values())) == len(votes):  # no tie
            tense = votes.most_common(1)[0][0]
        tenses.append(tense)
    return tenses


def add_dates(document: Document, today: date | None = None) -> None:
    """Append a resolved `TimeRef` for every time expression of the article."""
    doc, text = document.doc, document.article.text
    found: list[tuple[int, int, str, Tense]] = []
    for start, end in _candidates(doc):
        start, end = _trim(doc, start, end)
        if start >= end:
            continue
        span = doc[start:end]
        if not _is_time_expression(span):
            continue
        first, last = _char_bounds(span)
        if first < last:
            found.append((first, last, text[first:last], _clause_tense(span)))
    tenses = _article_tenses([(_day_name(surface) or "", tense)
                              for _, _, surface, tense in found])
    for (first, last, surface, _), tense in zip(found, tenses, strict=True):
        value, range_, granularity = resolve_time_expression(
            surface, document.published, tense, today)
        document.article.dates.append(TimeRef(
            start=first, end=last, text=surface, value=value, range=range_,
            granularity=granularity,  # type: ignore[arg-type]
        ))
