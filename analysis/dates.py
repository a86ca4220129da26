"""Dated mentions in article bodies, resolved against the day of publication.

:func:`extract_dates` returns one row per date mention -- "Jan. 5, 2024",
"late December", "last Saturday", "in 2006", "between late December and
late February" -- with the calendar span it denotes.  Conventions
(``docs/dates.md`` has the full table):

* ``date`` is the first day denoted and ``date_end`` the last (inclusive).
  ``date_end`` is NaT exactly when the mention names a single day (or
  cannot be resolved); a month, season, year, week, weekend or range always
  has both.
* Year-less mentions ("In October", "Sept. 13", "Wednesday") resolve to the
  latest occurrence on or before the publication day; a future cue in the
  same clause ("will", "is due to", "scheduled") turns them forward.
* ``relative`` is True when the publication day was needed; with no
  publication date such mentions keep ``date`` = NaT.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

import pandas as pd

from .date_patterns import CLAUSE_BREAK, FUTURE_CUE
from .date_resolution import PRECISION_RANK, Atom, resolve, resolve_range
from .date_scan import scan
from .sentences import SentenceIndex, _require

COLUMNS = ["article_id", "sentence_id", "start", "end", "surface", "date", "date_end", "precision", "relative"]

# Between two dates: "between A and B", "from A to B", "A to B", "A-B".
_RANGE_GAP = re.compile(r"\s*(?:(and)|to|until|till|through|thru|[-–—])\s*\Z", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:between|from)\s+\Z", re.IGNORECASE)
_CUE_WINDOW = 100   # characters either side of a mention searched for a future cue
# Substrings every FUTURE_CUE match contains.
_CUE_NEEDLES = ("will", "shall", "won", "ll", "due", "schedul", "upcoming", "forthcoming", "set",
                "expected", "going", "plan", "intend", "poised", " to")


def _directional(atom: Atom) -> bool:
    """Only year-less dates and bare weekdays/weekends read differently in the future tense."""
    return atom.fixed is None and (atom.rel is not None or atom.mode == "past")


def extract_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per date mention in the article bodies.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``article_id``, ``body`` and ``published`` (datetime-like; NaT
        where unknown), as from :func:`analysis.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``sentence_id``, ``start``, ``end`` (offsets
        into ``body``; ``body[start:end] == surface``), ``surface``,
        ``date`` and ``date_end`` (first and last day denoted; ``date_end``
        is NaT for a single day), ``precision`` (day, part_of_month, month,
        season or year) and ``relative`` (True when the publication date
        was needed to fix the date).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "published": pd.to_datetime(["2024-05-30"]),
    ...     "body": ["Debris was found in January this year and the report came out on Wednesday."]})
    >>> found = extract_dates(arts)
    >>> found["surface"].tolist(), found["date"].dt.strftime("%Y-%m-%d").tolist()
    (['January this year', 'Wednesday'], ['2024-01-01', '2024-05-29'])
    >>> found["date_end"].dt.strftime("%Y-%m-%d").tolist(), found["precision"].tolist()
    (['2024-01-31', nan], ['month', 'day'])
    """
    _require(articles, ("article_id", "body", "published"), "extract_dates")
    published = pd.to_datetime(articles["published"], errors="coerce")
    rows: list[tuple] = []
    for aid, body, pub in zip(articles["article_id"].astype(str), articles["body"], published):
        if not isinstance(body, str) or not body:
            continue
        ref = None if pd.isna(pub) else pub.date()
        rows.extend((aid, *row) for row in article_dates(body, ref))
    return _frame(rows)


def article_dates(body: str, published: Optional[date]) -> list[tuple]:
    """Rows ``(sentence_id, start, end, surface, date, date_end, precision,
    relative)`` for one body written on day ``published`` (``None`` if unknown)."""
    atoms = list(scan(body))
    if not atoms:
        return []
    index = SentenceIndex(body)
    rows: list[tuple] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        sid = index.locate(atom.start)
        future = atom.relative and _future_cue(body, atom, index, sid)
        start, span, relative, precision, end = atom.start, None, atom.relative, atom.precision, atom.end
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = _range_start(body, atom, nxt) if nxt is not None else None
        if joined is not None:
            span, relative = resolve_range(atom, nxt, published, future)
            # unresolved for want of a publication day: keep the range; two
            # absolute ends in the wrong order are not one ("January 2003-04
            # January 1990")
            if span is not None or (published is None and relative):
                start, end = joined, nxt.end
                precision = max(atom.precision, nxt.precision, key=PRECISION_RANK.__getitem__)
                i += 1
            else:
                joined = None
        if joined is None:
            span = resolve(atom, published, future)
        first, last = span if span is not None else (None, None)
        if last == first:
            last = None
        rows.append((sid, start, end, body[start:end], first, last, precision, relative))
        i += 1
    return rows


def _range_start(body: str, first: Atom, last: Atom) -> Optional[int]:
    """Start of "between A and B" / "from A to B" / "A-B" if the two atoms form
    a range, else ``None``."""
    gap = body[first.end:last.start]
    if len(gap) > 12:
        return None
    m = _RANGE_GAP.match(gap)
    if m is None:
        return None
    opener = _RANGE_OPENER.search(body, max(0, first.start - 10), first.start)
    if m.group(1) and opener is None:
        return None            # "in 2003 and 2005" are two dates
    if opener is not None and (m.group(1) is None) != (opener.group(0)[0].lower() == "f"):
        return None            # "between A to B", "from A and B"
    return opener.start() if opener is not None else first.start


def _future_cue(body: str, atom: Atom, index: SentenceIndex, sid: int) -> bool:
    """Does a future cue ("will", "is due to") govern this mention's clause?"""
    if not _directional(atom) or not index.spans:
        return False
    s_start, s_end = index.spans[sid]
    lo = max(s_start, atom.start - _CUE_WINDOW)
    hi = min(max(s_end, atom.end), atom.end + _CUE_WINDOW)
    window = body[lo:hi].lower()
    if not any(needle in window for needle in _CUE_NEEDLES):
        return False            # cheap test first: most windows hold no cue at all
    for cue in FUTURE_CUE.finditer(body, lo, hi):
        between = body[cue.end():atom.start] if cue.end() <= atom.start else body[atom.end:cue.start()]
        if not CLAUSE_BREAK.search(between):
            return True
    return False


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("date", "date_end"):
        frame[col] = pd.to_datetime(frame[col].astype(object), errors="coerce").astype("datetime64[ns]")
    return frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "relative": "bool",
                         "article_id": "object", "surface": "object", "precision": "object"})
