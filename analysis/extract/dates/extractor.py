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
* ``relative`` is True when the mention alone does not fix its date: it
  needs the publication day or another date of the text ("two days later").
  With no publication date, words relative to the day of writing keep
  ``date`` = NaT and year-less dates take their year from the text only
  where it says it (a full date nearby, else the text's latest full date).
* "now", "recently", "the future" name no date: rows with precision
  ``present``, ``past`` or ``future`` and ``date`` NaT.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from typing import Optional

import pandas as pd

from analysis.extract.dates.patterns import CLAUSE_BREAK, FUTURE_CUE
from analysis.extract.dates.resolution import (PRECISION_RANK, Atom, Span, add_months, month_end, resolve,
                                               resolve_range)
from analysis.extract.dates.reference import time_references
from analysis.extract.dates.atoms import day_atom
from analysis.extract.dates.scan import scan
from analysis.lexicon.calendar import month_number
from analysis.checks import require_columns
from analysis.text.sentences import SentenceIndex

COLUMNS = ["article_id", "sentence_id", "start", "end", "surface", "date", "date_end", "precision", "relative"]

# Between two dates: "between A and B", "from A to B", "A to B", "A-B".
_RANGE_GAP = re.compile(r"\s*(?:(and)|to|until|till|through|thru|[-–—])\s*\Z", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:between|from)\s+\Z", re.IGNORECASE)
# Past-tense markers: auxiliaries and -ed verb forms.
_PAST_CUE = re.compile(r"\b(?:was|were|had|did|\w{2,}ed)\b", re.IGNORECASE)
_PAST_AUX = re.compile(r"\b(?:was|were|had|did)\b", re.IGNORECASE)
_HEADLINE_TO = re.compile(r"\bto\s+[a-z]{3,}\b")
_CUE_WINDOW = 100   # characters either side of a mention searched for a future cue
# Substrings every FUTURE_CUE match contains.
_CUE_NEEDLES = ("will", "until", "shall", "won", "ll", "due", "schedul", "upcoming", "forthcoming", "set",
                "expect", "going", "plan", "intend", "poised", " to", "as soon", "as early")


def _directional(atom: Atom) -> bool:
    """Only year-less dates and bare weekdays/weekends read differently in the future tense."""
    return atom.fixed is None and atom.tag != "quarter" and (atom.rel is not None or atom.mode == "past")


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
        season or year; present, past or future for "now", "recently",
        "the future", whose ``date`` is NaT) and ``relative`` (True when the mention alone does
        not fix the date: it needed the publication day or another date of
        the text).

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
    require_columns(articles, ("article_id", "body", "published"), "extract_dates")
    published = pd.to_datetime(articles["published"], errors="coerce")
    rows: list[tuple] = []
    for aid, body, pub in zip(articles["article_id"].astype(str), articles["body"], published):
        if not isinstance(body, str) or not body:
            continue
        ref = None if pd.isna(pub) else pub.date()
        # "2024-01" arrives as midnight on the 1st: read such a day as possibly the whole month
        month_only = ref is not None and pub.day == 1 and pub == pub.normalize()
        rows.extend((aid, *row) for row in article_dates(body, ref, month_only))
    return _frame(rows)


def article_dates(body: str, published: Optional[date], month_only: bool = False) -> list[tuple]:
    """Rows ``(sentence_id, start, end, surface, date, date_end, precision,
    relative)`` for one body written on day ``published`` (``None`` if unknown).

    ``month_only``: the publication date may name only its month (it is the
    1st at midnight); year-less dates then resolve against the month's last
    day, so "January 2" in an article of "2024-01" is 2 January 2024.
    """
    atoms = [_leading_day(body, a) for a in scan(body)]
    refs = list(time_references(body))
    if not atoms and not refs:
        return []
    index = SentenceIndex(body)
    quotes = _quote_spans(body)
    context = _Context(atoms, published, month_only)
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
            span, relative = resolve_range(atom, nxt, context.floating_ref(future), future)
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
            span = context.resolve(i, body, index, sid, quotes, future)
        if span is None and atom.tag in ("event", "needs_anchor"):
            i += 1              # "a day after he was hounded": no date named to count from
            continue
        first, last = span if span is not None else (None, None)
        if first is not None:
            context.remember(i, span, precision, _inside(quotes, atom.start), sid)
        if last == first:
            last = None
        rows.append((sid, start, end, body[start:end], first, last, precision, relative))
        i += 1
    return _with_references(rows, atoms, refs, body, index)


def _leading_day(body: str, atom: Atom) -> Atom:
    """"between 4 and 22 March", "from 3 until 12 September": a bare day number before a
    day-month date opens a range of days in that month (British news style)."""
    if atom.precision != "day" or atom.start < 8 or not body[atom.start].isdigit():
        return atom
    m = _DAY_MONTH.fullmatch(body, atom.start, atom.end)
    lead = _LEADING_DAY.search(body, max(0, atom.start - 40), atom.start) if m else None
    month = month_number(m.group(2)) if m else None
    if lead is None or month is None or not 1 <= int(lead.group(2)) < int(m.group(1)):
        return atom
    try:
        wider = day_atom(lead.start(), atom.end, month, lead.group(2), m.group(1), m.group(3), None)
    except ValueError:
        return atom
    return wider if wider is not None else atom


def _with_references(rows: list[tuple], atoms: list[Atom], refs: list[tuple[int, int, str]], body: str,
                     index: SentenceIndex) -> list[tuple]:
    """Merge "now", "recently", "the future" (no calendar span: ``date`` NaT, precision
    present/past/future) into the rows in text order, unless a date mention covers them
    ("the past two weeks" is a date)."""
    if not refs:
        return rows
    taken = sorted([(r[1], r[2]) for r in rows] + [(a.start, a.end) for a in atoms])
    extra = []
    for start, end, kind in refs:
        k = bisect_left(taken, (end, -1)) - 1      # the last mention starting before this one ends
        if k >= 0 and taken[k][1] > start:
            continue
        extra.append((index.locate(start), start, end, body[start:end], None, None, kind, True))
    return sorted(rows + extra, key=lambda r: r[1])


class _Context:
    """What the dates of one article tell about each other: the reference day for
    year-less dates, the last date named (for "two days later"), the last quarter
    named (for "the year-ago quarter"), the days named outside quotations (the day
    a quoted "today" was spoken)."""

    def __init__(self, atoms: list[Atom], published: Optional[date], month_only: bool) -> None:
        self.atoms = atoms
        self.published = published
        self.month_end = (date(published.year, published.month, month_end(published.year, published.month))
                          if published is not None and month_only else published)
        # dates resolved so far, in text order: (span, precision, atom index)
        self.history: list[tuple[Span, str, int]] = []
        self.last_quarter: Optional[Span] = None
        self.days: list[tuple[int, date, int]] = []   # (atom index, day, sentence id) outside quotations
        # Without a publication day, year-less dates take their year from the text's own
        # dates: "full" dates name a year and something finer (a month, a day, a season);
        # a bare year is weaker evidence ("since 1997" is often history).
        self.full: dict[int, date] = {}
        self.years: dict[int, date] = {}
        if published is None:
            for k, a in enumerate(atoms):
                if a.fixed is None or a.fixed[0].year != a.fixed[1].year:
                    continue
                (self.years if a.precision == "year" else self.full)[k] = a.fixed[0]
        self.from_text: dict[int, date] = {}          # year-less dates resolved from the text
        self.text_year = _agreed_anchor(list(self.full.values()))

    def floating_ref(self, future: bool) -> Optional[date]:
        return self.published if future else self.month_end

    def remember(self, i: int, span: Span, precision: str, quoted: bool, sid: int) -> None:
        self.history.append((span, precision, i))
        if self.atoms[i].tag == "quarter" or self.atoms[i].fixed is not None and precision == "season" \
                and (span[1] - span[0]).days in range(88, 93):
            self.last_quarter = span        # a quarter named by its number: "the quarter" refers to it
        if precision == "day" and not quoted:
            self.days.append((i, span[0], sid))

    def resolve(self, i: int, body: str, index: SentenceIndex, sid: int, quotes: list, future: bool
                ) -> Optional[Span]:
        atom = self.atoms[i]
        if atom.link is not None:
            return self._linked(i, body)
        if atom.fixed is not None:
            return atom.fixed
        if atom.tag == "now":
            gloss = self._gloss(i, body)
            if gloss is not None:
                return gloss
            if _inside(quotes, atom.start):
                return resolve(atom, self._speech_day(i, index, sid, quotes), future)
        if atom.rel is None and self.published is None:
            return self._from_text(i, body, index, sid)
        if atom.rel is None:
            lookahead = future or not _past_cue(body, atom, index, sid, atom.precision in ("day", "month"))
            return resolve(atom, self.floating_ref(future), future, lookahead)
        return resolve(atom, self.published, future)

    def _linked(self, i: int, body: str) -> Optional[Span]:
        atom = self.atoms[i]
        if atom.link_to == "quarter":
            ended = self._quarter_ended(i, body)
            if ended is not None:
                return ended
            if self.last_quarter is not None:
                return atom.link(self.last_quarter, "season")
            return resolve(Atom(atom.start, atom.end, atom.precision, rel=atom.rel), self.published) \
                if atom.rel is not None else None
        nxt = self.atoms[i + 1] if i + 1 < len(self.atoms) else None
        if (nxt is not None and body[atom.end - 6:atom.end].lower().endswith(("before", "after", "from"))
                and not body[atom.end:nxt.start].strip()):
            # "two days after January 5": the anchor is the date that follows
            anchor = resolve(nxt, self.floating_ref(False))
            return atom.link(anchor, nxt.precision) if anchor is not None else None
        if atom.tag == "needs_anchor":
            return None         # "a day after the blast": the blast's day is not named
        # the latest date fine enough for the unit ("the day before" skips "last year")
        key = _SPACES.sub(" ", body[atom.start:atom.end].lower())
        for anchor, precision, k in reversed(self.history[-6:]):
            if self.atoms[k].link is not None and _SPACES.sub(" ", body[self.atoms[k].start:self.atoms[k].end]
                                                                 .lower()) == key:
                continue        # "a year earlier" twice compares with the same period, not a year before it
            span = atom.link(anchor, precision)
            if span is not None:
                return span
        return None

    def _quarter_ended(self, i: int, body: str) -> Optional[Span]:
        """"the quarter ended July 31": the three months up to that day (a fiscal quarter
        need not be a calendar one)."""
        atom, nxt = self.atoms[i], self.atoms[i + 1] if i + 1 < len(self.atoms) else None
        if nxt is None or nxt.precision != "day" or not _THE_QUARTER.fullmatch(body, atom.start, atom.end) \
                or not _ENDED.fullmatch(body, atom.end, nxt.start):
            return None
        day = resolve(nxt, self.floating_ref(False), lookahead=False)
        if day is None:
            return None
        y, m = add_months(day[0].year, day[0].month, -2)
        return date(y, m, 1), date(day[0].year, day[0].month, month_end(day[0].year, day[0].month))

    def _gloss(self, i: int, body: str) -> Optional[Span]:
        """"yesterday [17 October]": an explicit date in brackets right after a relative word."""
        nxt = self.atoms[i + 1] if i + 1 < len(self.atoms) else None
        atom = self.atoms[i]
        if nxt is None or body[atom.end:nxt.start].strip() not in ("[", "(") or nxt.precision != "day":
            return None
        if body[nxt.end:nxt.end + 1] not in ("]", ")"):
            return None
        return resolve(nxt, self.floating_ref(False))

    def _speech_day(self, i: int, index: SentenceIndex, sid: int, quotes: list) -> Optional[date]:
        """The day a quoted "today" was said: a day named outside the quotation in the same
        sentence ("..., he said on Thursday"), else the latest day named before the quote
        within the week before publication (the event being reported), else publication."""
        pub = self.published
        if pub is None:
            return None
        for k in range(i + 1, min(i + 4, len(self.atoms))):
            other = self.atoms[k]
            if index.locate(other.start) != sid:
                break
            if other.precision == "day" and other.tag != "now" and not _inside(quotes, other.start):
                day = resolve(other, pub)
                if day is not None and (pub - day[0]).days in range(0, 8):
                    return day[0]
        if self.days and 0 <= (pub - self.days[-1][1]).days <= 7:
            return self.days[-1][1]
        return pub

    def _from_text(self, i: int, body: str, index: SentenceIndex, sid: int) -> Optional[Span]:
        """A year-less date with no publication day: the year the text itself gives, or
        none when the text does not say it.

        The anchor is, first, a date naming its year in the same or the previous sentence
        (a full date, a year-less date already placed this way, or a bare year in the same
        clause); else the text's latest full date (:func:`_agreed_anchor`).  A year far away in the text ("... at Auschwitz in 1945")
        is no anchor.  The date takes the year within one of the anchor's that puts it
        nearest; a weekday named with the day must fit that year ("Saturday 12 February"
        is in 2005, not 1930), else the date stays unresolved.  Words relative to the day
        of writing ("last October", "January this year") need the publication day.
        """
        atom = self.atoms[i]
        if atom.span is None or atom.mode != "past":
            return None
        anchor = self._local_anchor(i, body, index, sid)
        if anchor is None:
            anchor = self.text_year
        if anchor is None:
            return None
        fits = [s for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (s := atom.span(y))]
        if not fits:
            return None
        best = min(fits, key=lambda s: (abs((s[0] - anchor).days), s[0] < anchor))
        self.from_text[i] = best[0]
        return best

    def _local_anchor(self, i: int, body: str, index: SentenceIndex, sid: int) -> Optional[date]:
        """The nearest date naming its year in the same or previous sentence (bounded scan)."""
        for k in range(i - 1, max(-1, i - _ANCHOR_SCAN), -1):
            other = self.atoms[k]
            if index.locate(other.start) < sid - 1:
                break
            day = self.full.get(k) or self.from_text.get(k)
            if day is None and k in self.years and index.locate(other.start) == sid \
                    and not CLAUSE_BREAK.search(body, other.end, self.atoms[i].start):
                day = self.years[k]
            if day is not None:
                return day
        atom = self.atoms[i]
        for k in range(i + 1, min(len(self.atoms), i + _ANCHOR_SCAN)):
            other = self.atoms[k]
            if index.locate(other.start) != sid:
                break
            day = self.full.get(k) or (self.years.get(k) if not CLAUSE_BREAK.search(
                body, atom.end, other.start) else None)
            if day is not None:
                return day
        return None


# atoms looked at either side of a year-less date for the year it takes (keeps the cost linear)
_ANCHOR_SCAN = 8


def _agreed_anchor(full: list[date]) -> Optional[date]:
    """The text's reference date: its chronologically latest full date ("April 24, 2025"
    over "from August 2023"), the nearest a text comes to saying when it was written;
    ``None`` when it names no full date (bare years are often history: "since 1997")."""
    return max(full) if full else None


_SPACES = re.compile(r"\s+")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\.?(?:,?\s+(\d{4}))?")
_LEADING_DAY = re.compile(r"\b(between|from)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|to|until|till|through)\s+\Z",
                          re.IGNORECASE)
_THE_QUARTER = re.compile(r"(?:the|this|that)\s+(?:latest\s+|most\s+recent\s+)?quarter", re.IGNORECASE)
_ENDED = re.compile(r",?\s+(?:ended|ending|that\s+ended)\s+", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r'["“”\n]')


def _quote_spans(body: str) -> list[tuple[int, int]]:
    """Sorted (start, end) of quoted passages: curly quotes open and close, a straight
    quote toggles; a quote left open ends at the end of its line (news paragraphs are lines)."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    for m in _QUOTE_MARKS.finditer(body):
        c, p = m.group(), m.start()
        if c == "\n":
            if open_at >= 0:
                spans.append((open_at, p))
                open_at = -1
        elif c == "“" or (c == '"' and open_at < 0):
            open_at = p
        elif open_at >= 0:
            spans.append((open_at, p))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, len(body)))
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(spans, (pos, pos)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _range_start(body: str, first: Atom, last: Atom) -> Optional[int]:
    """Start of "between A and B" / "from A to B" / "A-B" if the two atoms form
    a range, else ``None``."""
    gap = body[first.end:last.start]
    if len(gap) > 12 or first.link is not None or last.link is not None:
        return None            # "January 2023 — two months after": no range
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
    if body[max(0, atom.start - 6):atom.start].lower().rstrip().endswith("since"):
        return False            # "since March" looks back whatever the verb
    s_start, s_end = index.spans[sid]
    lo = max(s_start, atom.start - _CUE_WINDOW)
    hi = min(max(s_end, atom.end), atom.end + _CUE_WINDOW)
    window = body[lo:hi].lower()
    if not any(needle in window for needle in _CUE_NEEDLES):
        return False            # cheap test first: most windows hold no cue at all
    if _headline_infinitive(body, atom, lo, hi):
        return True
    for cue in FUTURE_CUE.finditer(body, lo, hi):
        between = body[cue.end():atom.start] if cue.end() <= atom.start else body[atom.end:cue.start()]
        if not CLAUSE_BREAK.search(between):
            return True
    return False


def _past_cue(body: str, atom: Atom, index: SentenceIndex, sid: int, auxiliary_only: bool) -> bool:
    """Is the clause before a year-less date in the past tense ("were held in June")?

    For days only the auxiliaries count: "extended to Nov. 20" and "payable
    Dec. 7" name coming days."""
    s_start = index.spans[sid][0] if index.spans else 0
    lo = max(s_start, atom.start - _CUE_WINDOW)
    for cue in (_PAST_AUX if auxiliary_only else _PAST_CUE).finditer(body, lo, atom.start):
        if not CLAUSE_BREAK.search(body, cue.end(), atom.start):
            return True
    return False


def _headline_infinitive(body: str, atom: Atom, lo: int, hi: int) -> bool:
    """Headlines put the future as "X to visit Y on Wednesday": a short line without a
    full stop with "to <verb>" before the date."""
    lo, hi = max(0, atom.start - _CUE_WINDOW), min(len(body), atom.end + _CUE_WINDOW)
    line_start = body.rfind("\n", lo, atom.start) + 1
    line_end = body.find("\n", atom.end, hi)
    if (line_start == 0 and lo > 0) or line_end < 0:
        return False            # the line is longer than the window: running text
    if body[line_start:line_end].rstrip().endswith((".", "!", "?", '"', "”", ";")):
        return False
    return _HEADLINE_TO.search(body, line_start, atom.start) is not None


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("date", "date_end"):
        frame[col] = pd.to_datetime(frame[col].astype(object), errors="coerce").astype("datetime64[ns]")
    return frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "relative": "bool",
                         "article_id": "object", "surface": "object", "precision": "object"})
