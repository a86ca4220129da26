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
from typing import Iterator

from analysis.lexicon.calendar import month_number
from analysis.extract.dates.atoms import day_atom, interpret, word_after
from analysis.extract.dates.patterns import ABBR_MONTHS, ABBR_WEEKDAYS, FULL_MONTHS, FULL_WEEKDAYS, MASTER, NOT_YEAR_AFTER
from analysis.extract.dates.resolution import Atom

_names = [w for words in (FULL_MONTHS, ("Sept",), ABBR_MONTHS, FULL_WEEKDAYS, ABBR_WEEKDAYS) for w in words]
# Lower-case words that can open a date themselves ("yesterday", "summer")
# and words found only inside one ("last week", "two years ago").
_OPENING_WORDS = ("yesterday", "today", "tonight", "tomorrow", "spring", "summer", "autumn", "fall", "winter",
                  "nineteen", "thousand")
_INNER_WORDS = ("week", "month", "year", "quarter", "half", "ago", "night", "morning", "afternoon", "evening",
                "day", "period", "century", "decade")
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
before after following preceding previous same that its their latest current most recent comparable
year-ago year-earlier year's year’s fiscal 5th fifth
eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
twenty-first twenty-second current full coming and to
""".split())



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
        # "3,000" is no date; "27.09.2022" and "9.oct.2031" may be, so a dot after the digits is kept
        if before in ".,$£€¥#:" or after in "%:" or (after == "," and e + 1 < n and body[e + 1].isdigit()):
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
        elif j == pos and j - 1 > floor and body[j - 1] in "'’" and body[j - 2] == " ":
            j -= 2                                  # "the '90s"
            while j > floor and body[j - 1] in " \t":
                j -= 1
        else:
            while j > floor and body[j - 1] in " \t":
                j -= 1
            if j == i:
                break
        k = j
        # a word may hold inner hyphens and apostrophes ("year-ago", "year's"); no prefix
        # word is longer than 20 characters, so the walk stops there (runs like "1-2-3-")
        while k > floor and j - k <= 20 and (body[k - 1].isalnum() or body[k - 1] in "-'’" and k - 1 > floor
                                             and k < j and body[k - 2].isalnum()):
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
        if kind in (0, 1, 2) or not starts:   # an inner word with no prefix: "year-end"
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
                if m.lastgroup == "b" and not m.group("b_y"):
                    # "January 2 and 4", "Jan. 2, 4 and 6": more days of the same month
                    for more in _more_days(body, atom.end, month_number(m.group("b_m"))):
                        floor = more.end
                        yield more
                break


_MORE_DAY = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)((?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)(?![\d:]|[.,]\d)")


def _more_days(body: str, pos: int, month: int) -> Iterator[Atom]:
    """Bare day numbers listed after "Month D" (at most five)."""
    for _ in range(5):
        m = _MORE_DAY.match(body, pos)
        if m is None:
            return
        after = word_after(body, m.end()).lower()
        if after in NOT_YEAR_AFTER or month_number(after) or after in ("of", "per", "percent") \
                or body[m.end():m.end() + 1].isalnum():
            return              # "March 5, 12 people", "March 5 and 6 January"
        try:
            atom = day_atom(m.start(1), m.end(1), month, m.group(1), None, None, None)
        except ValueError:      # "Feb. 28 and 30"
            return
        yield atom
        pos = m.end()
