"""Calendar arithmetic for the date extractor: turn a recognised date
expression into a first and last day, given the day it was written.

A date expression becomes an :class:`Atom` holding exactly one of

* ``fixed`` -- an absolute ``(first, last)`` pair ("Jan. 5, 2024", "2006");
* ``span`` -- a function ``year -> (first, last)`` for expressions that name a
  period of *some* year ("late December", "Sept. 13", "last September"),
  plus a ``mode`` telling which year to pick relative to a reference day;
* ``rel`` -- a function ``(reference day, future) -> (first, last)`` for
  expressions tied to the day of writing ("yesterday", "last week",
  "Wednesday", "three months ago").

The reference day is the article's publication date -- or, inside a range
such as "between late December and late February", the other end of the
range.  All functions work on :class:`datetime.date` and are pure.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

Span = tuple[date, date]

PRECISIONS = ("day", "part_of_month", "month", "season", "year")
PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}

# A year-less day ("Nov. 21") up to this many days
# after publication is read as the coming day, not the one almost a year before
# (months are not: "In March, ..." in a January article is usually last March).
FUTURE_WINDOW = {"day": 92, "month": 92}

# Parts of a month, as (first day, last day or None = the month's last day).
_MONTH_PARTS: dict[str, tuple[int, Optional[int]]] = {
    "early": (1, 10), "start": (1, 10), "beginning": (1, 10),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, None), "end": (21, None),
}
# Parts of a year as (first month, last month): thirds for early/mid/late,
# quarters for "the start/end of".
_YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
    "start": (1, 3), "beginning": (1, 3), "end": (10, 12),
}
# Parts of a week, Monday = 0.
_WEEK_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 2), "start": (0, 2), "beginning": (0, 2),
    "mid": (1, 3), "middle": (1, 3), "late": (3, 6), "end": (3, 6),
}
# Seasons (meteorological, northern hemisphere): first month and length.
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


@dataclass(slots=True)
class Atom:
    """One recognised date expression, not yet resolved."""

    start: int
    end: int
    precision: str
    fixed: Optional[Span] = None
    span: Optional[Callable[[int], Optional[Span]]] = None
    mode: str = "past"            # for ``span``: past, before, after, this, offset
    offset: int = 0               # for mode "offset": year = reference year + offset
    rel: Optional[Callable[[date, bool], Optional[Span]]] = None
    fallback: Optional[Callable[[int], Optional[Span]]] = None  # ``span`` without a weekday check
    # Dates that take their meaning from another date of the text ("two days later",
    # "the year-ago quarter"): ``link(anchor_span, anchor_precision)`` gives the span;
    # ``link_to`` says which date is the anchor: "prev" (the latest date before it, or the
    # date right after "before"/"after"), "quarter" (the latest quarter named before it).
    link: Optional[Callable[[Span, str], Optional[Span]]] = None
    link_to: str = ""
    tag: str = ""                 # "now": today/yesterday/tomorrow (re-anchored inside quotations)

    @property
    def relative(self) -> bool:
        """Does the mention need a reference day (publication, or another date of the text)?"""
        return self.fixed is None


def part_key(words: Optional[str]) -> Optional[str]:
    """Normalise "the end of", "mid-", "Early" ... to a key of the part tables."""
    if not words:
        return None
    key = " ".join(words.lower().split())
    for prefix in ("the ",):
        if key.startswith(prefix):
            key = key[len(prefix):]
    return key.removesuffix(" of").strip(" -")


def month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_span(year: int, month: int, part: Optional[str] = None) -> Span:
    """The whole month, or its early/mid/late part."""
    last = month_end(year, month)
    if part in _MONTH_PARTS:
        a, b = _MONTH_PARTS[part]
        return date(year, month, a), date(year, month, b or last)
    return date(year, month, 1), date(year, month, last)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def year_span(year: int, part: Optional[str] = None) -> Span:
    if part in _YEAR_PARTS:
        a, b = _YEAR_PARTS[part]
        return date(year, a, 1), date(year, b, month_end(year, b))
    return date(year, 1, 1), date(year, 12, 31)


def season_span(year: int, season: str, part: Optional[str] = None) -> Span:
    """A season of ``year``; winter runs from December of ``year`` into the next year.

    A part narrows the season to its first (early), second (mid) or third
    (late) month.
    """
    y, m = year, SEASON_START[season]
    months = 3
    if part in ("early", "start", "beginning"):
        months = 1
    elif part in ("mid", "middle"):
        y, m = add_months(y, m, 1)
        months = 1
    elif part in ("late", "end"):
        y, m = add_months(y, m, 2)
        months = 1
    y2, m2 = add_months(y, m, months - 1)
    return date(y, m, 1), date(y2, m2, month_end(y2, m2))


def quarter_span(year: int, kind: str, index: int) -> Span:
    """``index`` (1-based) quarter or half of ``year``."""
    length = 3 if kind == "quarter" else 6
    first = (index - 1) * length + 1
    last = first + length - 1
    return date(year, first, 1), date(year, last, month_end(year, last))


def decade_span(decade: int, part: Optional[str] = None) -> Span:
    a, b = 0, 9
    if part in ("early", "start", "beginning"):
        a, b = 0, 3
    elif part in ("mid", "middle"):
        a, b = 4, 6
    elif part in ("late", "end"):
        a, b = 7, 9
    return date(decade + a, 1, 1), date(decade + b, 12, 31)


def century_span(number: int) -> Span:
    """The n-th century as TimeML counts it: the 20th century is 1900-1999."""
    first = (number - 1) * 100
    return date(first, 1, 1), date(first + 99, 12, 31)


def nth_week(first: date, last: date, n: int) -> Optional[Span]:
    """Monday to Sunday of the ``n``-th week of the period ``first``..``last``
    (``n`` = -1: the last week).

    A week belongs to the period holding its Thursday (the ISO 8601 rule for
    weeks of a year, applied to months too): the first week of October 2016
    is 3-9 October, the first week of 2015 is 29 December 2014 - 4 January 2015.
    """
    if n > 0:
        thursday = first + timedelta(days=(3 - first.weekday()) % 7) + timedelta(weeks=n - 1)
    else:
        thursday = last - timedelta(days=(last.weekday() - 3) % 7)
    if not first <= thursday <= last:
        return None
    monday = thursday - timedelta(days=3)
    return monday, monday + timedelta(days=6)


def shift(anchor: Span, unit: str, n: int, precision: str) -> Optional[Span]:
    """The ``unit`` (day, week, month, year) ``n`` units after (n < 0: before) an anchor date.

    Counting starts from the anchor's last day going forward and its first
    day going back; an anchor coarser than ``unit`` ("three days after" a
    month) gives ``None``.
    """
    if PRECISION_RANK.get(precision, 4) > _UNIT_RANK[unit]:
        return None
    day = anchor[1] if n > 0 else anchor[0]
    if unit == "day":
        d = day + timedelta(days=n)
        return d, d
    if unit == "week":
        return week_span(day, n)
    if unit == "month":
        return month_span(*add_months(day.year, day.month, n))
    return year_span(day.year + n)


# The finest anchor precision each unit of ``shift`` accepts.
_UNIT_RANK = {"day": 0, "week": 1, "month": 2, "year": 4}


def week_span(ref: date, weeks: int, part: Optional[str] = None) -> Span:
    """Monday to Sunday of the week ``weeks`` away from ``ref``'s week.

    ``part`` may also be "earlier"/"later": Monday up to ``ref`` or ``ref`` up
    to Sunday (only meaningful for this week).
    """
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=weeks)
    if part == "earlier" and weeks == 0:
        return monday, ref
    if part == "later" and weeks == 0:
        return ref, monday + timedelta(days=6)
    a, b = _WEEK_PARTS.get(part or "", (0, 6)) if part not in ("earlier", "later") else (0, 6)
    return monday + timedelta(days=a), monday + timedelta(days=b)


def weekend_span(ref: date, which: str, future: bool) -> Span:
    """Saturday and Sunday: ``this``/``last``/``next`` weekend or ``the`` weekend.

    "the weekend" is the latest weekend starting on or before ``ref`` (the
    next one when the clause speaks of the future).
    """
    saturday = ref - timedelta(days=ref.weekday()) + timedelta(days=5)  # this week's Saturday
    if which == "last":
        saturday -= timedelta(days=7)
    elif which == "next":
        saturday = saturday if saturday > ref else saturday + timedelta(days=7)
    elif which == "the":
        if future:
            saturday = saturday if saturday + timedelta(days=1) >= ref else saturday + timedelta(days=7)
        elif saturday > ref:
            saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def weekday_date(ref: date, weekday: int, which: Optional[str], future: bool) -> date:
    """Resolve a weekday name against ``ref``.

    Bare or "this": the latest such day on or before ``ref`` (the first on
    or after it when the clause speaks of the future); "last": strictly
    before; "next": strictly after.
    """
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if which == "last":
        return ref - timedelta(days=back or 7)
    if which == "next":
        return ref + timedelta(days=ahead or 7)
    if future:
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def floating(span: Callable[[int], Optional[Span]], ref: date, mode: str, offset: int = 0,
             years: int = 8) -> Optional[Span]:
    """Pick the year of a year-less period relative to ``ref``.

    * ``past`` -- the latest occurrence starting on or before ``ref``;
    * ``future`` -- the earliest occurrence ending on or after ``ref``;
    * ``before`` ("last September") -- the latest occurrence over before ``ref``;
    * ``after`` ("next May") -- the earliest occurrence starting after ``ref``;
    * ``this`` -- the occurrence holding ``ref``, else the one in ``ref``'s year;
    * ``offset`` -- the occurrence in ``ref.year + offset`` ("January this year").

    ``years`` bounds the search (29 February needs up to eight years).
    """
    y0 = ref.year
    if mode == "offset":
        return span(y0 + offset)
    if mode == "this":
        for y in (y0 - 1, y0):
            s = span(y)
            if s and s[0] <= ref <= s[1]:
                return s
        return span(y0)
    if mode in ("past", "before"):
        for y in range(y0 + 1, y0 - years, -1):
            s = span(y)
            if s and (s[0] <= ref if mode == "past" else s[1] < ref):
                return s
        return None
    for y in range(y0 - 1, y0 + years):
        s = span(y)
        if s and (s[1] >= ref if mode == "future" else s[0] > ref):
            return s
    return None


def resolve(atom: Atom, ref: Optional[date], future: bool = False, lookahead: bool = True) -> Optional[Span]:
    """First and last day of ``atom`` written on day ``ref`` (``None`` when unknown).

    ``future`` says the clause speaks of the future: year-less dates and bare
    weekdays then look forward from ``ref`` instead of back.  Otherwise a
    year-less day or month starting within ``FUTURE_WINDOW`` days after ``ref``
    is read forward, unless ``lookahead`` is False (the clause is in the past tense).
    """
    if atom.fixed is not None:
        return atom.fixed
    if ref is None or atom.link is not None:
        return None
    if atom.rel is not None:
        return atom.rel(ref, future)
    if atom.fallback is not None:
        # "Friday, January 3": the weekday picks the year -- the nearest one
        # in which the day falls on that weekday, else the usual rule.
        fits = [s for y in (ref.year - 1, ref.year, ref.year + 1) if (s := atom.span(y))]
        if fits:
            return min(fits, key=lambda s: abs((s[0] - ref).days))
        return resolve(Atom(atom.start, atom.end, atom.precision, span=atom.fallback, mode=atom.mode), ref, future)
    mode = "future" if future and atom.mode == "past" else atom.mode
    if mode == "past" and lookahead and atom.precision in FUTURE_WINDOW:
        # "payable Dec. 7", "takes effect Nov. 13": a year-less day shortly after
        # publication is that coming day -- a day almost a year back would carry its year.
        ahead = floating(atom.span, ref, "after")
        if ahead is not None and (ahead[0] - ref).days <= FUTURE_WINDOW[atom.precision]:
            return ahead
    return floating(atom.span, ref, mode, atom.offset)


def _leans(atom: Atom) -> bool:
    """A bare year-less period ("late December", "June 3") that can take its
    year from the other end of a range."""
    return atom.fixed is None and atom.rel is None and atom.span is not None and atom.mode == "past"


def resolve_range(first: Atom, last: Atom, ref: Optional[date], future: bool = False
                  ) -> tuple[Optional[Span], bool]:
    """Resolve "between ``first`` and ``last``"; return the span and whether
    it needed ``ref`` (the publication day).

    An end without a year leans on the other end: "from March 2022 to June"
    is June 2022, "December to February 2024" starts in December 2023; when
    neither end names its year the later end is resolved against ``ref`` and
    the earlier one is the latest occurrence starting on or before it.
    """
    if first.fixed is not None:
        a = first.fixed
        if _leans(last):
            b, needed = floating(last.span, a[0], "future"), False
        else:
            b, needed = resolve(last, ref, future), last.relative
    else:
        b = resolve(last, ref, future)
        needed = last.relative
        if b is None:
            return None, True
        if _leans(first):
            a = floating(first.span, b[0], "past")
        else:
            a, needed = resolve(first, ref, future), True
    if a is None or b is None or a[0] > b[1]:
        return None, needed
    return (a[0], max(a[1], b[1])), needed
