"""Find the date expressions of one body: fast anchors, then the master
pattern, then checks in context.

Running the many-branched master pattern at every character of a body is
slow in Python's ``re`` (about 0.3 MB/s).  Every date expression, though,
contains an *anchor* -- a digit run, a capitalised month or weekday name, or
one of a few words such as "week", "yesterday" or "ago" -- and anchors are
cheap to find: one regex whose branches all start with a capital letter or a
digit (so ``re`` skips other characters in C), plus literal searches for the
lower-case words.  For each anchor the scanner walks back over at most five
words that can open a date ("the end of", "late", "last" ...) and tries the
master pattern only at those few word starts.  Work per anchor is bounded,
so the scan is linear in the length of the body.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterator, Optional

from .calendar_words import WEEKDAYS, month_number
from .date_patterns import (
    EVENT_NOUNS, MASTER, MAY_PREPOSITIONS, MONTH_PREPOSITIONS, NOT_WEEKDAY_AFTER, NOT_WEEKDAY_BEFORE,
    NOT_YEAR_AFTER, NOT_YEAR_BEFORE, SEASON_PREPOSITIONS, WEEKEND_PREPOSITIONS, YEAR_PREPOSITIONS,
    _ABBR_MONTHS, _ABBR_WEEKDAYS, _FULL_MONTHS, _FULL_WEEKDAYS,
)
from .date_resolution import (
    Atom, add_months, decade_span, month_span, part_key, quarter_span, season_span, week_span,
    weekday_date, weekend_span, year_span,
)

_names = [w for words in (_FULL_MONTHS, ("Sept",), _ABBR_MONTHS, _FULL_WEEKDAYS, _ABBR_WEEKDAYS) for w in words]
# Lower-case words that can open a date themselves ("yesterday", "summer")
# and words found only inside one ("last week", "two years ago").
_OPENING_WORDS = ("yesterday", "today", "tonight", "tomorrow", "spring", "summer", "autumn", "fall", "winter")
_INNER_WORDS = ("week", "month", "year", "quarter", "half", "ago", "night", "morning", "afternoon", "evening")
# Month and weekday names: every branch starts with a literal capital, so
# ``re`` skips all other characters in C.  (Wrapping the branches in groups,
# or adding a leading \b, would lose that and cost ten times as much.)
_NAME_ANCHOR = re.compile("(?:" + "|".join(dict.fromkeys(n for w in _names for n in (w, w.upper()))) + r")\b")
_DIGITS = re.compile(r"[0-9]+")
# The words: one literal search each (the fastest search ``re`` has).
# Kind 2 words can open a date themselves, kind 3 only follow a prefix word.
_KEYWORDS = tuple((re.compile(w), 2 if w.lower() in _OPENING_WORDS else 3)
                  for w in _OPENING_WORDS + tuple(w.title() for w in _OPENING_WORDS) + _INNER_WORDS)

# Words that may stand before an anchor inside one date expression.
PREFIX_WORDS = frozenset("""
early mid middle late earlier later the start beginning end of last this next
first second third fourth final 1st 2nd 3rd 4th a an one two three four five six seven eight nine
ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
forty fifty couple day days week weeks month months year years
""".split())

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                 "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_REL_OFFSET = {"this": 0, "the": 0, "last": -1, "next": 1}
_SENTENCE_OPENERS = set(".!?\"“”'‘’(:—–-\n")


def _anchors(body: str) -> list[tuple[int, int, int]]:
    """Sorted ``(start, end, kind)`` of anchors: 0 name, 1 digits, 2 opening word, 3 inner word."""
    found: list[tuple[int, int, int]] = []
    n = len(body)
    for m in _NAME_ANCHOR.finditer(body):
        s = m.start()
        if not (s and body[s - 1].isalpha()):
            found.append((s, m.end(), 0))
    for m in _DIGITS.finditer(body):
        s, e = m.span()
        if e - s not in (1, 2, 4):
            continue
        before = body[s - 1] if s else " "
        after = body[e] if e < n else " "
        if before in ".,$£€¥#:" or after in "%:" or (after in ".," and e + 1 < n and body[e + 1].isdigit()):
            continue
        found.append((s, e, 1))
    for pattern, kind in _KEYWORDS:
        for m in pattern.finditer(body):
            s = m.start()
            if not (s and body[s - 1].isalpha()):
                found.append((s, m.end(), kind))
    found.sort()
    return found


def _prefix_starts(body: str, pos: int, floor: int) -> list[int]:
    """Word starts of up to five prefix words right before ``pos`` (earliest first)."""
    starts: list[int] = []
    i = pos
    for _ in range(5):
        j = i
        if j > floor and body[j - 1] == "-":       # "mid-" glued to the anchor
            j -= 1
        else:
            while j > floor and body[j - 1] in " \t":
                j -= 1
            if j == i:
                break
        k = j
        while k > floor and body[k - 1].isalnum():
            k -= 1
        if k == j or body[k:j].lower() not in PREFIX_WORDS:
            break
        starts.append(k)
        i = k
    starts.reverse()
    return starts


def scan(body: str) -> Iterator[Atom]:
    """Yield the date atoms of ``body`` in order, without overlaps."""
    floor = 0
    for a_start, a_end, kind in _anchors(body):
        if a_start < floor:
            continue
        starts = _prefix_starts(body, a_start, floor)
        if kind in (0, 1, 2):
            own = a_start
            while own > floor and body[own - 1].isalpha():   # "Q1": the token's own start
                own -= 1
            starts.append(own)
        previous_end = floor
        for s in starts:
            m = MASTER.match(body, s)
            if m is None or m.end() <= a_start:
                continue
            atom = interpret(m, body, previous_end)
            if atom is not None:
                floor = atom.end
                yield atom
                break


# --- context ------------------------------------------------------------------------

def _word_before(body: str, pos: int) -> tuple[str, int]:
    """The word ending just before ``pos`` (skipping spaces) and its start."""
    j = pos
    while j > 0 and body[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and (body[k - 1].isalnum() or body[k - 1] == "."):
        k -= 1
    return body[k:j].strip("."), k


def _word_after(body: str, pos: int) -> str:
    n = len(body)
    j = pos
    while j < n and body[j] in " \t":
        j += 1
    k = j
    while k < n and body[k].isalpha():
        k += 1
    return body[j:k]


def _at_sentence_start(body: str, pos: int) -> bool:
    j = pos
    while j > 0 and body[j - 1] in " \t":
        j -= 1
    return j == 0 or body[j - 1] in _SENTENCE_OPENERS


def _continues_list(body: str, start: int, previous_end: int) -> bool:
    """"in January, February and March": a month right after another date."""
    gap = body[previous_end:start] if previous_end and start - previous_end <= 6 else None
    return gap is not None and gap.strip(" \t,").lower() in ("", "and", "or", "to", "-", "–")


# --- interpretation -----------------------------------------------------------------

def interpret(m: re.Match, body: str, previous_end: int = 0) -> Optional[Atom]:
    """Turn a master-pattern match into an :class:`Atom`, or ``None`` when the
    context says it is not a date ("May" the verb, "resolution 1718", "Good Friday")."""
    branch = m.lastgroup
    g = m.group
    s, e = m.span()
    try:
        return _BRANCHES[branch](g, s, e, body, previous_end)
    except ValueError:        # a day that does not exist: "Feb. 30, 2024"
        return None


def _day_atom(s: int, e: int, month: int, day: str, day2: Optional[str], year: Optional[str],
              weekday: Optional[str]) -> Optional[Atom]:
    d1 = int(day.rstrip("stndrh"))
    d2 = int(day2.rstrip("stndrh")) if day2 else d1
    if d2 < d1:
        d2 = d1
    wd = WEEKDAYS.get(weekday.lower().rstrip(".")) if weekday else None
    if year:
        first, last = date(int(year), month, d1), date(int(year), month, d2)
        return Atom(s, e, "day", fixed=(first, last))
    date(2000, month, d2)  # raises ValueError for days no year has

    def span(y: int, check=wd is not None):
        try:
            first = date(y, month, d1)
        except ValueError:
            return None
        if check and first.weekday() != wd:
            return None
        return first, date(y, month, d2)

    fallback = (lambda y: span(y, False)) if wd is not None else None
    return Atom(s, e, "day", span=span, fallback=fallback)


def _iso(g, s, e, body, prev):
    d = date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
    return Atom(s, e, "day", fixed=(d, d))


def _month_day(g, s, e, body, prev):
    return _day_atom(s, e, month_number(g("b_m")), g("b_d"), g("b_d2"), g("b_y"), g("b_wd"))


def _day_month(g, s, e, body, prev):
    return _day_atom(s, e, month_number(g("c_m")), g("c_d"), g("c_d2"), g("c_y"), g("c_wd"))


def _month(g, s, e, body, prev):
    name, pm, rel, year, yr = g("e_m"), part_key(g("e_pm")), g("e_rel"), g("e_y"), g("e_yr")
    month = month_number(name)
    precision = "part_of_month" if pm else "month"
    if year:
        return Atom(s, e, precision, fixed=month_span(int(year), month, pm))
    if not (pm or rel or yr):
        word, _ = _word_before(body, s)
        word = word.lower()
        allowed = MAY_PREPOSITIONS if name.lower() == "may" else MONTH_PREPOSITIONS
        is_may = name.lower() == "may"
        if is_may and body.startswith(("'s", "’s"), e) and word not in ("in", "since", "until", "by"):
            return None          # "May's debt": May Department Stores, Theresa May
        possessive = not is_may and body.startswith(("'s", "’s"), e)
        after_possessive = body[max(0, s - 3):s] in ("'s ", "’s ")   # "the Bank's December survey"
        event = _word_after(body, e) in EVENT_NOUNS
        if (word not in allowed and not (possessive or after_possessive or event)
                and not _continues_list(body, s, prev)):
            return None
    span = lambda y: month_span(y, month, pm)  # noqa: E731
    if rel:
        return Atom(s, e, precision, span=span, mode={"last": "before", "next": "after", "this": "this"}[rel.lower()])
    if yr:
        return Atom(s, e, precision, span=span, mode="offset", offset=_REL_OFFSET[yr.lower()])
    return Atom(s, e, precision, span=span)


def _part_of_year(g, s, e, body, prev):
    pm = part_key(g("f_pm"))
    if g("f_y"):
        pm = {"earlier": "early", "later": "late"}.get(pm, pm)
        return Atom(s, e, "season", fixed=year_span(int(g("f_y")), pm))
    if pm in ("earlier", "later"):     # "earlier the year" is not English
        return None
    return Atom(s, e, "season", rel=lambda ref, fut: year_span(ref.year, pm))


def _decade(g, s, e, body, prev):
    return Atom(s, e, "year", fixed=decade_span(int(g("g_dec")), part_key(g("g_pm"))))


def _season(g, s, e, body, prev):
    season, pm, rel, year, yr = g("h_s").lower(), part_key(g("h_pm")), g("h_rel"), g("h_y"), g("h_yr")
    span = lambda y: season_span(y, season, pm)  # noqa: E731
    if year:
        return Atom(s, e, "season", fixed=span(int(year)))
    if rel:
        return Atom(s, e, "season", span=span, mode={"last": "before", "next": "after", "this": "this"}[rel.lower()])
    if yr:
        return Atom(s, e, "season", span=span, mode="offset", offset=_REL_OFFSET[yr.lower()])
    # bare: "in the summer", "in late spring"; not "the fall of Rome", "Arab Spring"
    if body.startswith(" of ", e) or season == "fall" and not pm:
        return None
    word, k = _word_before(body, s)
    if not pm:
        if word.lower() != "the" or _word_before(body, k)[0].lower() not in SEASON_PREPOSITIONS:
            return None
    elif word.lower() not in SEASON_PREPOSITIONS:
        return None
    return Atom(s, e, "season", span=span)


def _quarter(g, s, e, body, prev):
    if g("q_code"):
        kind = "quarter" if g("q_code")[0] == "Q" else "half"
        index = int(g("q_code")[1])
        if kind == "half" and index > 2:
            return None
        return Atom(s, e, "season", fixed=quarter_span(int(g("q_y2")), kind, index))
    kind, word = g("q_kind").lower(), g("q_ord").lower()
    index = _ORDINALS.get(word) or (4 if kind == "quarter" else 2)
    if kind == "half" and index > 2:
        return None
    if g("q_y"):
        return Atom(s, e, "season", fixed=quarter_span(int(g("q_y")), kind, index))
    offset = _REL_OFFSET[g("q_yr").lower()]
    return Atom(s, e, "season", rel=lambda ref, fut: quarter_span(ref.year + offset, kind, index))


def _relative_word(g, s, e, body, prev):
    word = (g("k_w") or g("k_ln")).lower()
    if word[0] == "t" and body[s] == "T" and word in ("today", "tonight") and not _at_sentence_start(body, s):
        return None         # "the Today programme", "USA Today"
    days = -1 if word.startswith(("yesterday", "last")) else 1 if word == "tomorrow" else 0
    return Atom(s, e, "day", rel=lambda ref, fut: (ref + timedelta(days=days),) * 2)


def _relative_period(g, s, e, body, prev):
    pm, rel, unit = part_key(g("l_pm")), g("l_rel").lower(), g("l_u").lower()
    if rel == "the":
        if unit == "weekend" and not pm:
            if _word_before(body, s)[0].lower() not in WEEKEND_PREPOSITIONS:
                return None
        elif pm not in ("start", "beginning", "middle", "end"):
            return None          # "the year", "later the month"
    elif not pm and _word_before(body, s)[0].lower() in ("the", "a", "its", "their", "his", "her"):
        return None              # "over the last year" is a duration, not a date
    offset = _REL_OFFSET[rel]
    if rel != "this" and pm in ("earlier", "later"):
        pm = "early" if pm == "earlier" else "late"
    if unit == "weekend":
        return Atom(s, e, "day", rel=lambda ref, fut: weekend_span(ref, rel, fut))
    if unit == "week":
        return Atom(s, e, "part_of_month", rel=lambda ref, fut: week_span(ref, offset, pm))
    if unit == "month":
        def month_rel(ref: date, fut: bool):
            y, mo = add_months(ref.year, ref.month, offset)
            first, last = month_span(y, mo, pm)
            if pm == "earlier":
                return first, ref
            if pm == "later":
                return ref, last
            return first, last
        return Atom(s, e, "part_of_month" if pm else "month", rel=month_rel)

    def year_rel(ref: date, fut: bool):
        first, last = year_span(ref.year + offset, pm)
        if pm == "earlier":
            return first, ref
        if pm == "later":
            return ref, last
        return first, last
    return Atom(s, e, "season" if pm else "year", rel=year_rel)


def _weekday(g, s, e, body, prev):
    rel = (g("m_rel") or "").lower() or None
    if not rel:
        word, k = _word_before(body, s)
        if word.lower() in NOT_WEEKDAY_BEFORE:
            return None
        if word.lower() == "on" and _word_before(body, k)[0].lower() == "mail":
            return None
    if not g("m_tod") and _word_after(body, e) in NOT_WEEKDAY_AFTER:
        return None
    wd = WEEKDAYS[g("m_wd").lower()]
    which = None if rel == "this" else rel
    return Atom(s, e, "day", rel=lambda ref, fut: (weekday_date(ref, wd, which, fut),) * 2)


def _ago(g, s, e, body, prev):
    raw = " ".join(g("o_n").lower().split())
    n = 2 if raw == "a couple of" else int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = g("o_u").lower()
    if unit == "day":
        return Atom(s, e, "day", rel=lambda ref, fut: (ref - timedelta(days=n),) * 2)
    if unit == "week":
        return Atom(s, e, "part_of_month", rel=lambda ref, fut: week_span(ref, -n))
    if unit == "month":
        return Atom(s, e, "month", rel=lambda ref, fut: month_span(*add_months(ref.year, ref.month, -n)))
    return Atom(s, e, "year", rel=lambda ref, fut: year_span(ref.year - n))


def _year(g, s, e, body, prev):
    y = int(g("y_y"))
    word = _word_before(body, s)[0].lower()
    if word in NOT_YEAR_BEFORE:
        return None
    if _word_after(body, e).lower() in NOT_YEAR_AFTER:
        return None
    if not 1900 <= y <= 2099 and word not in YEAR_PREPOSITIONS:
        return None
    y2 = g("y_y2")
    last = y
    if y2:
        if len(y2) == 4:
            last = int(y2)
        else:                        # "2003-04", "2005-6", "1999-00"
            base = 10 ** len(y2)
            last = y - y % base + int(y2)
            if last <= y:
                last += base
        if not y < last <= y + (100 if len(y2) == 4 else 10):
            e, last = s + 4, y       # "2004-1" or "2005-2003": keep the first year only
    return Atom(s, e, "year", fixed=(date(y, 1, 1), date(last, 12, 31)))


_BRANCHES = {
    "iso": _iso, "b": _month_day, "c": _day_month, "e": _month, "f": _part_of_year,
    "g": _decade, "h": _season, "q": _quarter, "k": _relative_word, "l": _relative_period,
    "m": _weekday, "o": _ago, "y": _year,
}
