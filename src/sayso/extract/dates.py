"""When a statement was made: find a time expression in a cue's frame and resolve it.

The *frame* is the text around a cue that is not the reported content, e.g.
``"Defense Minister Sergey Shoigu on Wednesday reportedly claimed"``. The expression is
resolved against the article's publication date, at the precision the text gives:

>>> from datetime import date
>>> statement_date("Shoigu on Wednesday reportedly claimed", date(2022, 5, 5))
'2022-05-04'
>>> statement_date("Last month Russian President Vladimir Putin declared", date(2022, 5, 5))
'2022-04'

Decisions (documented here because callers depend on them):

- Statements are made in the past, so a bare weekday, month or month-day means the most
  recent one ON OR BEFORE the publication date ("Thursday" in a Thursday article is that day);
  with "last" ("last Tuesday", "last April") it is the most recent one STRICTLY BEFORE.
- Vague spans ("last week", "earlier this week", "over the weekend", "three weeks ago") are
  turned into the range of days they cover and reported at the finest precision that contains
  the whole range: a day, else "YYYY-MM", else None. So "last week" is a month when the
  whole previous Monday-Sunday week lies in one month, and None when it straddles two
  months (a year would be true but coarser than the publication-date fallback). Weeks
  start on Monday (ISO). "N weeks ago" covers the 7 days centred on the day N weeks back.
- "last night" is the day before publication (news copy is written the morning after).
- Month names must be capitalised ("May 3", not "they may leave"; "MAY 3" is missed), while
  every other word is matched case-insensitively ("Last month", "said thursday").
- "next Tuesday" and ordinal-only days ("on the 3rd") are not resolved.
- When several expressions occur, the earliest in the frame wins; at the same start the
  longest ("Tuesday, May 3" over "Tuesday").
- Relative expressions with no publication date, and explicit dates without a year when
  there is no publication date, give None.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["find_time_expression", "statement_date"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Full and abbreviated month names as written in news copy ("Sept." and "Sep." both occur).
MONTHS: dict[str, int] = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3,
    "April": 4, "Apr": 4, "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7,
    "August": 8, "Aug": 8, "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10,
    "November": 11, "Nov": 11, "December": 12, "Dec": 12,
}  # fmt: skip

# Counts spelled out in news copy; "a"/"an" for "a week ago".
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Days either side of "N weeks ago" that the expression is taken to cover.
WEEKS_AGO_SLACK_DAYS = 3

# Newspapers named after a weekday: "the Sunday Times" is an outlet, not a date.
WEEKDAY_TITLE_WORDS = (
    "Times", "Telegraph", "Mail", "Mirror", "Express", "Post", "Herald", "Star", "Sport",
    "Independent", "Tribune", "People", "World", "Observer",
)  # fmt: skip

# A leap year, used only to check that a day exists in a month ("Feb. 29" may, "April 31" not).
LEAP_YEAR = 2000

# How far back to look for a year in which a yearless "Feb. 29" existed.
MAX_YEARS_BACK_FOR_DAY = 8

_MONTH = "|".join(
    rf"(?-i:{name})" + (r"\.?" if len(name) <= 4 and name != "May" else "")
    for name in sorted(MONTHS, key=len, reverse=True)
)
_FULL_MONTH = "|".join(
    rf"(?-i:{name})" for name in MONTHS if len(name) > 4 or name in ("May", "June", "July")
)
_WEEKDAY = "|".join(WEEKDAYS)
_NUMBER = r"\d{1,2}|" + "|".join(NUMBER_WORDS)
_DAY_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_YEAR = r"(?:19|20)\d{2}"
_ORDINAL = r"(?:st|nd|rd|th)?"
_NOT_WORD_AFTER = r"(?![\w-])"


@dataclass(frozen=True)
class _Candidate:
    """A time expression found in a frame, with how to resolve it."""

    start_char: int
    end_char: int
    resolve: Callable[[date | None], str | None]


# ---------------------------------------------------------------- formatting and calendars


def _as_day(day: date) -> str:
    return day.isoformat()


def _as_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _as_year(year: int) -> str:
    return f"{year:04d}"


def _finest_common(first: date, last: date) -> str | None:
    """The day or month holding every day from ``first`` to ``last``; None if none does."""
    if first == last:
        return _as_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return _as_month(first.year, first.month)
    return None


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _day_exists(month: int, day: int, year: int = LEAP_YEAR) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _recent_weekday(published: date, weekday: int, strictly_before: bool) -> date:
    """The most recent ``weekday`` (0 = Monday) on or before ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def _recent_month(published: date, month: int, strictly_before: bool) -> str:
    """The most recent ``month`` on or before the publication month."""
    year = published.year
    if month > published.month or (month == published.month and strictly_before):
        year -= 1
    return _as_month(year, month)


def _recent_month_day(published: date, month: int, day: int) -> str | None:
    """The most recent ``month``/``day`` on or before ``published`` (Feb. 29 skips years)."""
    year = (
        published.year if (month, day) <= (published.month, published.day) else published.year - 1
    )
    for candidate in range(year, year - MAX_YEARS_BACK_FOR_DAY, -1):
        if _day_exists(month, day, candidate):
            return _as_day(date(candidate, month, day))
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _relative(
    resolve: Callable[[date], str | None],
) -> Callable[[date | None], str | None]:
    """Wrap a resolver that needs the publication date: no date, no answer."""
    return lambda published: None if published is None else resolve(published)


# ---------------------------------------------------------------- rules, one per expression

# "the day before yesterday", "yesterday", "yesterday morning"
_YESTERDAY = re.compile(rf"\b(?P<before>the\s+day\s+before\s+)?yesterday\b{_DAY_PART}", re.I)
# "today", "tonight", "this morning", "earlier today", "later today"
_TODAY = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I
)
# "last night": written the morning after, so the day before publication
_LAST_NIGHT = re.compile(r"\blast\s+night\b", re.I)
# "Thursday", "on Sunday morning", "last Tuesday", "this past Friday"; not "next Tuesday",
# not "the Sunday Times"
_WEEKDAY_RULE = re.compile(
    rf"(?<!next )\b(?P<last>(?:last|this\s+past|past)\s+)?(?P<weekday>{_WEEKDAY})\b"
    rf"(?!\s+(?:{'|'.join(WEEKDAY_TITLE_WORDS)})\b){_DAY_PART}",
    re.I,
)
# "2022-05-03"
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# "May 3", "on Sept. 11", "Tuesday, May 3, 2022", "March 1st"
_MONTH_DAY = re.compile(
    rf"\b(?:(?:{_WEEKDAY}),?\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORDINAL}\b"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?",
    re.I,
)
# "3 May 2022", "the 3rd of May"
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_MONTH})"
    rf"(?:,?\s+(?P<year>{_YEAR}))?{_NOT_WORD_AFTER}",
    re.I,
)
# "in May 2022", "April 2021"
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_FULL_MONTH})\s+(?P<year>{_YEAR})\b", re.I)
# "in April", "last April", "early March", "earlier in May", "in May 2021"; a bare month
# name needs a preposition so that the modal "may" and names like "April Jones" are left alone
_MONTH_ONLY = re.compile(
    rf"\b(?:(?P<last>last)|in|during|early|late|mid-?|(?:earlier|back)\s+in)\s+"
    rf"(?:(?:early|late|mid-?)\s*)?(?P<month>{_FULL_MONTH}){_NOT_WORD_AFTER}"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?",
    re.I,
)
# "in 2021", "during 2020"
_YEAR_ONLY = re.compile(rf"\b(?:in|during|early|late|back\s+in)\s+(?P<year>{_YEAR})\b", re.I)
# "last week", "this week", "earlier this week", "over the weekend", "last weekend"
_WEEK = re.compile(
    r"\b(?:(?P<last>last)|(?:earlier\s+|later\s+)?this|over\s+the|at\s+the)\s+"
    r"(?P<unit>week|weekend)\b",
    re.I,
)
# "last month", "this month", "earlier this month"
_MONTH_RELATIVE = re.compile(r"\b(?:(?P<last>last)|(?:earlier\s+)?this)\s+month\b", re.I)
# "last year", "this year", "earlier this year"
_YEAR_RELATIVE = re.compile(r"\b(?:(?P<last>last)|(?:earlier\s+)?this)\s+year\b", re.I)
# "two days ago", "3 weeks ago", "a month ago", "six years ago"
_AGO = re.compile(rf"\b(?P<count>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)


def _yesterday(match: re.Match[str]) -> Callable[[date | None], str | None]:
    back = 2 if match["before"] else 1
    return _relative(lambda published: _as_day(published - timedelta(days=back)))


def _today(match: re.Match[str]) -> Callable[[date | None], str | None]:
    return _relative(_as_day)


def _last_night(match: re.Match[str]) -> Callable[[date | None], str | None]:
    return _relative(lambda published: _as_day(published - timedelta(days=1)))


def _weekday(match: re.Match[str]) -> Callable[[date | None], str | None]:
    weekday = WEEKDAYS.index(match["weekday"].lower())
    strictly_before = bool(match["last"])
    return _relative(
        lambda published: _as_day(_recent_weekday(published, weekday, strictly_before))
    )


def _iso_date(match: re.Match[str]) -> Callable[[date | None], str | None] | None:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and _day_exists(month, day, year)):
        return None
    return lambda published: _as_day(date(year, month, day))


def _month_day(match: re.Match[str]) -> Callable[[date | None], str | None] | None:
    month, day = _month_number(match["month"]), int(match["day"])
    if not _day_exists(month, day):
        return None
    if match["year"]:
        year = int(match["year"])
        if not _day_exists(month, day, year):
            return None
        return lambda published: _as_day(date(year, month, day))
    return _relative(lambda published: _recent_month_day(published, month, day))


def _month_year(match: re.Match[str]) -> Callable[[date | None], str | None]:
    month, year = _month_number(match["month"]), int(match["year"])
    return lambda published: _as_month(year, month)


def _month_only(match: re.Match[str]) -> Callable[[date | None], str | None]:
    if match["year"]:
        return _month_year(match)
    month, strictly_before = _month_number(match["month"]), bool(match["last"])
    return _relative(lambda published: _recent_month(published, month, strictly_before))


def _year_only(match: re.Match[str]) -> Callable[[date | None], str | None]:
    year = int(match["year"])
    return lambda published: _as_year(year)


def _week_range(published: date, unit: str, last: bool) -> tuple[date, date]:
    """The days a week/weekend expression covers, never after ``published``."""
    if unit.lower() == "weekend":
        saturday = _recent_weekday(published, WEEKDAYS.index("saturday"), strictly_before=last)
        return saturday, min(saturday + timedelta(days=1), published)
    monday = published - timedelta(days=published.weekday())
    if last:
        return monday - timedelta(days=7), monday - timedelta(days=1)
    return monday, published


def _week(match: re.Match[str]) -> Callable[[date | None], str | None]:
    unit, last = match["unit"], bool(match["last"])
    return _relative(lambda published: _finest_common(*_week_range(published, unit, last)))


def _month_relative(match: re.Match[str]) -> Callable[[date | None], str | None]:
    back = 1 if match["last"] else 0
    return _relative(
        lambda published: _as_month(*_shift_month(published.year, published.month, -back))
    )


def _year_relative(match: re.Match[str]) -> Callable[[date | None], str | None]:
    back = 1 if match["last"] else 0
    return _relative(lambda published: _as_year(published.year - back))


def _ago_range(published: date, count: int, unit: str) -> str | None:
    if unit == "day":
        return _as_day(published - timedelta(days=count))
    if unit == "week":
        centre = published - timedelta(weeks=count)
        slack = timedelta(days=WEEKS_AGO_SLACK_DAYS)
        return _finest_common(centre - slack, min(centre + slack, published))
    if unit == "month":
        return _as_month(*_shift_month(published.year, published.month, -count))
    return _as_year(published.year - count)


def _ago(match: re.Match[str]) -> Callable[[date | None], str | None]:
    count, unit = _number(match["count"]), match["unit"].lower()
    return _relative(lambda published: _ago_range(published, count, unit))


_Resolver = Callable[[re.Match[str]], Callable[[date | None], str | None] | None]

# Every rule: its pattern and a function turning a match into a resolver (None = not a date).
_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (_YESTERDAY, _yesterday),
    (_TODAY, _today),
    (_LAST_NIGHT, _last_night),
    (_WEEKDAY_RULE, _weekday),
    (_ISO_DATE, _iso_date),
    (_MONTH_DAY, _month_day),
    (_DAY_MONTH, _month_day),
    (_MONTH_YEAR, _month_year),
    (_MONTH_ONLY, _month_only),
    (_YEAR_ONLY, _year_only),
    (_WEEK, _week),
    (_MONTH_RELATIVE, _month_relative),
    (_YEAR_RELATIVE, _year_relative),
    (_AGO, _ago),
)


# ---------------------------------------------------------------- public API


def _candidates(frame: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for pattern, make_resolver in _RULES:
        for match in pattern.finditer(frame):
            resolve = make_resolver(match)
            if resolve is not None:
                found.append(_Candidate(match.start(), match.end(), resolve))
    return found


def _chosen(frame: str) -> _Candidate | None:
    """The earliest expression in the frame; at the same start, the longest."""
    found = _candidates(frame)
    if not found:
        return None
    return min(found, key=lambda c: (c.start_char, -c.end_char))


def find_time_expression(frame: str) -> tuple[int, int] | None:
    """Character offsets ``(start_char, end_char)`` of the time expression used, if any.

    >>> frame = "Palamar said Thursday in a Telegram post"
    >>> start, end = find_time_expression(frame)
    >>> frame[start:end]
    'Thursday'
    """
    chosen = _chosen(frame)
    return None if chosen is None else (chosen.start_char, chosen.end_char)


def statement_date(frame: str, published: date | None) -> str | None:
    """When the statement in ``frame`` was made: "YYYY-MM-DD", "YYYY-MM", "YYYY" or None.

    None means the frame says nothing the publication date can resolve: no time expression
    (the caller then falls back to the publication date), a relative expression with no
    publication date, or a vague span that crosses a year boundary.
    """
    chosen = _chosen(frame)
    return None if chosen is None else chosen.resolve(published)
