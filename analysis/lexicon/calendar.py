"""Month and weekday names as news text writes them, shared by the byline
reader and the date extractor."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}

# Longest names first so "September" is not read as "Sep" + "tember".
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


def month_number(name: str) -> int | None:
    """Return 1-12 for a month name or abbreviation (any case, optional dot)."""
    return MONTHS.get(name.lower().rstrip("."))


# "Jan. 5, 2024", "January 5 2024", "5 January 2024", "2024-01-05"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<mon1>{MONTH_PATTERN})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{MONTH_PATTERN})\.?,?\s+(?P<year2>\d{{4}})"
    r"|(?P<year3>\d{4})-(?P<mon3>\d{2})-(?P<day3>\d{2}))\b",
    re.IGNORECASE,
)


def parse_full_date(text: str) -> tuple[int, int, int, re.Match[str]] | None:
    """Find the first complete calendar date (year, month, day) in ``text``.

    Returns ``(year, month, day, match)`` or ``None``.  Invalid dates such as
    "Feb. 30, 2024" are skipped.
    """
    import datetime as _dt

    for m in _FULL_DATE.finditer(text):
        if m.group("year1"):
            y, mo, d = int(m.group("year1")), month_number(m.group("mon1")), int(m.group("day1"))
        elif m.group("year2"):
            y, mo, d = int(m.group("year2")), month_number(m.group("mon2")), int(m.group("day2"))
        else:
            y, mo, d = int(m.group("year3")), int(m.group("mon3")), int(m.group("day3"))
        try:
            _dt.date(y, mo or 0, d)
        except ValueError:
            continue
        return y, int(mo), d, m
    return None


# Words that place a statement at the time of writing, before it or after it without
# naming a date (TimeML's PRESENT_REF, PAST_REF, FUTURE_REF). Kept to the forms that
# are time references nearly wherever they occur: the adjectives "current", "recent"
# and "future" also qualify things ("his current wife", "future disasters") and are left out.
TIME_REFERENCES: dict[str, tuple[str, ...]] = {
    "present": ("right now", "now", "currently", "at present", "at the moment", "these days", "nowadays"),
    "past": ("recently", "recent years", "the past"),
    "future": ("the near future", "the future"),
}
# A span that follows the phrase makes it a period ("the past four years"), not a reference.
TIME_REFERENCE_PERIOD = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}(?:hours?|days?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies))\b",
    re.IGNORECASE)


#: Words that place a date in time ("last week", "earlier this month"): not an event's content.
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(
    "today yesterday tomorrow week month year day weekend earlier later last next this ago recently".split())
