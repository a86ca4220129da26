"""Turn a match of the master date pattern into an :class:`~analysis.extract.dates.resolution.Atom`,
checking the words around it ("May" the verb, "resolution 1718", "Good Friday",
"the 5th Fleet" are not dates).

One function per branch of :data:`analysis.extract.dates.patterns.BRANCHES`; each gets
the match's ``group`` function, its span, the body and the end of the
previous atom, and returns an atom or ``None``.  :mod:`analysis.extract.dates.scan`
decides where to try the pattern; :mod:`analysis.extract.dates.resolution` does the
calendar arithmetic.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from analysis.lexicon.calendar import WEEKDAYS, month_number
from analysis.extract.dates.patterns import (
    DAY_OF_MONTH_FOLLOWERS, DECADE_WORDS, DURATION_BEFORE, EVENT_NOUNS, EVENT_PRONOUNS, MAY_PREPOSITIONS,
    MONTH_PREPOSITIONS, NOT_QUARTER_AFTER, NOT_WEEKDAY_AFTER, NOT_WEEKDAY_BEFORE, NOT_YEAR_AFTER, NOT_YEAR_BEFORE,
    ORDINAL_NUMBERS, SEASON_PREPOSITIONS, TENS_WORDS, TWO_DIGIT_PIVOT, UNIT_WORDS, WEEKEND_PREPOSITIONS,
    YEAR_PREPOSITIONS,
)
from analysis.extract.dates.resolution import (
    Atom, add_months, century_span, decade_span, month_span, nth_week, part_key, quarter_span, season_span,
    shift, week_span, weekday_date, weekend_span, year_span,
)

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                 "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5}
_REL_OFFSET = {"this": 0, "the": 0, "last": -1, "next": 1}
_SENTENCE_OPENERS = set(".!?\"“”'‘’(:—–-\n")

# --- context ------------------------------------------------------------------------

def word_before(body: str, pos: int) -> tuple[str, int]:
    """The word ending just before ``pos`` (skipping spaces) and its start."""
    j = pos
    while j > 0 and body[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and (body[k - 1].isalnum() or body[k - 1] == "."):
        k -= 1
    return body[k:j].strip("."), k


def word_after(body: str, pos: int) -> str:
    """The word starting just after ``pos`` (skipping spaces); letters only."""
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


def day_atom(s: int, e: int, month: int, day: str, day2: Optional[str], year: Optional[str],
             weekday: Optional[str]) -> Optional[Atom]:
    """An atom for day ``day`` (to ``day2``) of ``month``, in ``year`` or year-less, with an
    optional weekday name that picks the year; raises ValueError for a day no year has."""
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
    return day_atom(s, e, month_number(g("b_m")), g("b_d"), g("b_d2"), g("b_y"), g("b_wd"))


def _day_month(g, s, e, body, prev):
    return day_atom(s, e, month_number(g("c_m")), g("c_d"), g("c_d2"), g("c_y"), g("c_wd"))


def _month(g, s, e, body, prev):
    name, pm, rel, year, yr = g("e_m"), part_key(g("e_pm")), g("e_rel"), g("e_y"), g("e_yr")
    month = month_number(name)
    precision = "part_of_month" if pm else "month"
    pa = part_key(g("e_pa"))
    if pa:                   # "early and mid-April": from the start of the first part to the end of the second
        def parts(y: int):
            return month_span(y, month, pa)[0], month_span(y, month, pm)[1]
        if year:
            return Atom(s, e, precision, fixed=parts(int(year)))
        if not rel and not yr:
            return Atom(s, e, precision, span=parts)
    if year:
        return Atom(s, e, precision, fixed=month_span(int(year), month, pm))
    if not (pm or rel or yr):
        word, _ = word_before(body, s)
        word = word.lower()
        allowed = MAY_PREPOSITIONS if name.lower() == "may" else MONTH_PREPOSITIONS
        is_may = name.lower() == "may"
        if is_may and body.startswith(("'s", "’s"), e) and word not in ("in", "since", "until", "by"):
            return None          # "May's debt": May Department Stores, Theresa May
        possessive = not is_may and body.startswith(("'s", "’s"), e)
        after_possessive = body[max(0, s - 3):s] in ("'s ", "’s ")   # "the Bank's December survey"
        event = word_after(body, e) in EVENT_NOUNS
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
    if g("g_dec"):
        return Atom(s, e, "year", fixed=decade_span(int(g("g_dec")), part_key(g("g_pm"))))
    if g("g_short") or g("g_word"):
        # "the '90s", "the seventies": the 1900s' decades ("the noughties": 2000s)
        decade = 1900 + int(g("g_short")) if g("g_short") else DECADE_WORDS[g("g_word").lower()]
        return Atom(s, e, "year", fixed=decade_span(decade, part_key(g("g_pm2"))))
    if g("g_cn") or g("g_cw"):
        number = int(g("g_cn")) if g("g_cn") else ORDINAL_NUMBERS[" ".join(g("g_cw").lower().replace("-", " ").split())]
        return Atom(s, e, "year", fixed=century_span(number))
    rel, unit = g("g_rel").lower(), g("g_u").lower()
    if word_before(body, s)[0].lower() in ("the", "a", "its", "their", "his", "her", "over", "for"):
        return None              # "over the last decade" is a duration
    offset = _REL_OFFSET[rel]
    if unit == "decade":
        return Atom(s, e, "year", rel=lambda ref, fut: decade_span(ref.year - ref.year % 10 + 10 * offset))
    return Atom(s, e, "year", rel=lambda ref, fut: century_span(ref.year // 100 + 1 + offset))


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
    word, k = word_before(body, s)
    if not pm:
        if word.lower() != "the" or word_before(body, k)[0].lower() not in SEASON_PREPOSITIONS:
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
    if g("q_fyy"):
        # A fiscal year is given the calendar year it is named after (its months vary by
        # organisation; docs/dates.md).
        raw = g("q_fyy")
        year = int(raw) if len(raw) == 4 else (2000 if int(raw) < TWO_DIGIT_PIVOT else 1900) + int(raw)
        if word_after(body, e).lower() in NOT_YEAR_AFTER:
            return None
        return Atom(s, e, "year", fixed=year_span(year))
    kind, word = g("q_kind").lower(), g("q_ord").lower()
    index = _ORDINALS.get(word) or (4 if kind == "quarter" else 2)
    if kind == "half" and index > 2:
        return None
    if g("q_y"):
        return Atom(s, e, "season", fixed=quarter_span(int(g("q_y")), kind, index))
    det = " ".join((g("q_det") or "").lower().split())
    if g("q_dy"):                                   # "the 1988 second quarter"
        return Atom(s, e, "season", fixed=quarter_span(int(g("q_dy")), kind, index))
    if g("q_yr"):
        offset = _REL_OFFSET[g("q_yr").lower()]
        return Atom(s, e, "season", rel=lambda ref, fut: quarter_span(ref.year + offset, kind, index), tag="quarter")
    if det.startswith(("this year", "last year", "next year")):
        offset = _REL_OFFSET[det.split()[0]]
        return Atom(s, e, "season", rel=lambda ref, fut: quarter_span(ref.year + offset, kind, index), tag="quarter")
    if det.startswith("the year"):                  # "the year-ago third quarter"
        return Atom(s, e, "season", link_to="quarter",
                    link=lambda a, p: quarter_span(a[0].year - 1, kind, index))
    # Year-less: "the third quarter", "third-quarter profit".  A half needs its year
    # ("the first half" of a match); so does a quarter of something else ("of the game").
    if kind == "half" or body.startswith((" of the", " of a", " of its"), e) and not body.startswith(" of the year", e):
        return None
    if word_after(body, e).lower() in NOT_QUARTER_AFTER or body.startswith(("-", "–"), e):
        return None          # "third-quarter-century", "quarter-to-quarter"
    if word in ("last", "final") and det in ("", "the"):
        return None                                  # "the last quarter" of what?
    # Results are reported after a quarter ends, so even "expects to report third-quarter
    # earnings" means the latest third quarter: no future reading (tag).
    return Atom(s, e, "season", span=lambda y: quarter_span(y, kind, index), tag="quarter")


def _quarter_ref(g, s, e, body, prev):
    det = " ".join(g("r_det").lower().replace("-", " ").split())
    unit = g("r_u").lower()
    if "year ago" in det or "year earlier" in det or det == "last year's" or det == "last year’s":
        return Atom(s, e, "season", link_to="quarter", link=lambda a, p: _quarter_of(a[0].year - 1, a[0].month))
    if unit == "period" and det not in ("the latest", "its latest", "the most recent"):
        return None
    if det in ("the current", "its current"):
        return Atom(s, e, "season", rel=lambda ref, fut: _quarter_of(ref.year, ref.month))
    if det in ("the latest", "its latest", "the most recent", "the recent"):
        return Atom(s, e, "season", rel=lambda ref, fut: _quarter_of(*add_months(ref.year, ref.month, -3)))
    if det in ("next", "last", "the previous"):
        step = 3 if det == "next" else -3
        return Atom(s, e, "season", rel=lambda ref, fut: _quarter_of(*add_months(ref.year, ref.month, step)))
    if word_after(body, e).lower() in NOT_QUARTER_AFTER or body.startswith((" of ", "ly", "-", "–"), e):
        return None          # "the quarter of", "its quarter-century low", "quarter-to-quarter"
    # "the quarter", "this quarter", "that quarter": the quarter last named, else the
    # latest quarter over before publication (results are reported after a quarter ends).
    return Atom(s, e, "season", link_to="quarter", link=lambda a, p: a,
                rel=lambda ref, fut: _quarter_of(*add_months(ref.year, ref.month, -3)))


def _quarter_of(year: int, month: int):
    return quarter_span(year, "quarter", (month - 1) // 3 + 1)


def _numeric(g, s, e, body, prev):
    if g("n_my"):           # "3/2015": a month
        return Atom(s, e, "month", fixed=month_span(int(g("n_my")), int(g("n_mm"))))
    if g("n_y"):
        y, mo, d = int(g("n_y")), int(g("n_m")), int(g("n_d"))
    elif g("n_gm"):
        y, mo, d = _full_year(g("n_gy")), month_number(g("n_gm")), int(g("n_gd"))
    else:
        a, sep = int(g("n_a")), g("n_s2") or "/"
        b = int(g("n_b") or g("n_b2"))
        y = _full_year(g("n_y2") or g("n_y3"))
        # Day/month order: a number over 12 is the day; otherwise dots mean day.month
        # (European), slashes and hyphens month/day (US) -- docs/dates.md.
        if a > 12 or (sep == "." and b <= 12):
            d, mo = a, b
        else:
            mo, d = a, b
    day = date(y, mo, d)
    return Atom(s, e, "day", fixed=(day, day))


def _full_year(raw: str) -> int:
    return int(raw) if len(raw) == 4 else (2000 if int(raw) < TWO_DIGIT_PIVOT else 1900) + int(raw)


def _day_of_month(g, s, e, body, prev):
    after = word_after(body, e).lower()
    if after and after not in DAY_OF_MONTH_FOLLOWERS and not g("t_rel"):
        return None           # "the 5th Fleet", "the 13th floor", "the 21st anniversary"
    if body.startswith(("-", "–"), e) and body[e + 1:e + 2].isalpha():
        return None           # "the 20th-century"
    d = int(g("t_d")[:-2])
    if g("t_rel"):           # "the 20th of next month"
        offset = _REL_OFFSET[g("t_rel").lower()]
        return Atom(s, e, "day", rel=lambda ref, fut: _day_of(add_months(ref.year, ref.month, offset), d))
    return Atom(s, e, "day", rel=lambda ref, fut: _day_in_month(ref, d, fut))


def _day_of(year_month: tuple[int, int], d: int):
    try:
        day = date(year_month[0], year_month[1], d)
    except ValueError:
        return None
    return day, day


def _day_in_month(ref: date, d: int, future: bool):
    """The latest day ``d`` of a month on or before ``ref`` (the next one after it in the future)."""
    y, mo = ref.year, ref.month
    for _ in range(3):
        try:
            day = date(y, mo, d)
        except ValueError:
            day = None
        if day is not None and (day >= ref if future else day <= ref):
            return day, day
        y, mo = add_months(y, mo, 1 if future else -1)
    return None


def _nth_week(g, s, e, body, prev):
    if g("w_od") or g("w_od2") or g("w_od3"):
        return _week_of(g, s, e)
    if g("w_nth"):
        return _nth_weekday(g, s, e)
    word = g("w_ord").lower()
    n = -1 if word in ("last", "final") else _ORDINALS.get(word) or ORDINAL_NUMBERS.get(word, 0)
    if not n or n > 5:
        return None
    if g("w_y"):
        y = int(g("w_y"))
        return Atom(s, e, "part_of_month", fixed=nth_week(date(y, 1, 1), date(y, 12, 31), n))
    if g("w_m"):
        month = month_number(g("w_m"))
        if g("w_my"):
            return Atom(s, e, "part_of_month", fixed=nth_week(*month_span(int(g("w_my")), month), n))
        return Atom(s, e, "part_of_month", span=lambda y: nth_week(*month_span(y, month), n))
    offset, unit = _REL_OFFSET[g("w_rel").lower()], g("w_u").lower()
    if unit == "year":
        return Atom(s, e, "part_of_month", rel=lambda ref, fut: nth_week(*year_span(ref.year + offset), n))
    return Atom(s, e, "part_of_month",
                rel=lambda ref, fut: nth_week(*month_span(*add_months(ref.year, ref.month, offset)), n))


def _week_of(g, s, e):
    """"the week of March 6": Monday to Sunday of the week holding the day."""
    raw = g("w_od") or g("w_od2") or g("w_od3")
    d = int(raw.rstrip("stndrh"))
    name = g("w_om") or g("w_om2")
    if name is None:         # "the week of the 18th": the 18th of the reference month
        return Atom(s, e, "part_of_month",
                    rel=lambda ref, fut: (lambda day: day and week_span(day[0], 0))(_day_in_month(ref, d, fut)))
    month = month_number(name)
    date(2000, month, d)     # raises ValueError for days no year has
    if g("w_oy"):
        return Atom(s, e, "part_of_month", fixed=week_span(date(int(g("w_oy")), month, d), 0))

    def span(y: int):
        try:
            return week_span(date(y, month, d), 0)
        except ValueError:
            return None
    return Atom(s, e, "part_of_month", span=span)


def _nth_weekday(g, s, e):
    """"the first Friday of July", "the last Monday in May"."""
    word = g("w_nth").lower()
    n = -1 if word in ("last", "final") else _ORDINALS.get(word, 0)
    wd = WEEKDAYS[g("w_wd").lower()]
    if not n:
        return None

    def in_month(y: int, mo: int):
        first, last = month_span(y, mo)
        if n > 0:
            day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
        else:
            day = last - timedelta(days=(last.weekday() - wd) % 7)
        return (day, day) if day.month == mo else None

    if g("w_wm"):
        month = month_number(g("w_wm"))
        if g("w_wy"):
            return Atom(s, e, "day", fixed=in_month(int(g("w_wy")), month))
        return Atom(s, e, "day", span=lambda y: in_month(y, month))
    offset = {"this": 0, "next": 1, "last": -1, "previous": -1}[g("w_wrel").lower()]
    return Atom(s, e, "day", rel=lambda ref, fut: in_month(*add_months(ref.year, ref.month, offset)))


_UNIT_PRECISION = {"day": "day", "week": "part_of_month", "month": "month", "year": "year"}
_TIME_OF_DAY = ("morning", "afternoon", "evening", "night")
_DAY_WORDS = ("today", "tomorrow", "yesterday")
_WORD_NUMBERS = {w: k for k, w in enumerate(("zero",) + UNIT_WORDS)} | {
    w: 10 + k for k, w in enumerate(TENS_WORDS[:10])} | {w: 20 + 10 * k for k, w in enumerate(TENS_WORDS[10:])}


def _event_relative(g, s, e, body, prev):
    tag = ""
    if g("v_u"):
        raw = " ".join(g("v_n").lower().split())
        n = 1 if raw == "the" else 2 if raw == "a couple of" else int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit, direction = g("v_u").lower(), g("v_dir").lower()
        if raw == "the" and direction in ("later", "earlier"):
            return None      # "the day later" is not English
        if direction in ("before", "earlier"):
            n = -n
        if direction == "from":
            direction = "after"
        # "a day after the blast": anchored on the blast, whose day the text may not give;
        # kept only before a date ("two days after January 5") or alone ("the day before,")
        if direction in ("before", "after"):
            follower = word_after(body, e)
            tag = "event"                # dropped when no date anchors it
            if g("v_dir").lower() == "from" or follower[:1].isupper() or follower.lower() in _DAY_WORDS:
                tag = "needs_anchor"     # "after Russia's invasion" unless a date follows
            elif follower and follower not in EVENT_PRONOUNS:
                return None              # "after the blast"
    else:
        rel, unit = " ".join(g("v_rel").lower().split()), g("v_u2").lower()
        if unit in _TIME_OF_DAY:     # "the next morning", "that night": a day
            unit = "day"
        before = word_before(body, s)[0].lower()
        if before in DURATION_BEFORE or before == "in" and rel == "the next" and unit != "day":
            return None      # "over the next year", "in the next week" are durations
        n = 1 if rel in ("the next", "the following") else -1 if rel in ("the previous", "the preceding") else 0
    precision = _UNIT_PRECISION[unit]

    def link(anchor, anchor_precision):
        if n == 0:           # "the same month", "that day": the anchor's own day/week/month/year
            return _same(anchor, unit) if shift(anchor, unit, 1, anchor_precision) else None
        return shift(anchor, unit, n, anchor_precision)

    return Atom(s, e, precision, link=link, link_to="prev", tag=tag)


def _same(anchor, unit: str):
    day = anchor[0]
    if unit == "day":
        return anchor[0], anchor[0]
    if unit == "week":
        return week_span(day, 0)
    if unit == "month":
        return month_span(day.year, day.month)
    return year_span(day.year)


def _relative_word(g, s, e, body, prev):
    if g("k_da"):
        days = -2 if "yesterday" in g("k_da").lower() else 2
        return Atom(s, e, "day", rel=lambda ref, fut: (ref + timedelta(days=days),) * 2, tag="now")
    word = (g("k_w") or g("k_ln")).lower()
    if word in ("today", "tomorrow"):
        before, k = word_before(body, s)
        if before.lower() == "of" and word_before(body, k)[0].lower() != "as":
            return None     # "the people of tomorrow", "the world of today": no day ("as of today" is)
    if word[0] == "t" and body[s] == "T" and word in ("today", "tonight") and not _at_sentence_start(body, s):
        return None         # "the Today programme", "USA Today"
    days = -1 if word.startswith(("yesterday", "last")) else 1 if word == "tomorrow" else 0
    return Atom(s, e, "day", rel=lambda ref, fut: (ref + timedelta(days=days),) * 2, tag="now")


def _relative_period(g, s, e, body, prev):
    pm, rel, unit = part_key(g("l_pm")), g("l_rel").lower(), g("l_u").lower()
    if rel == "the":
        if unit == "weekend" and not pm:
            if word_before(body, s)[0].lower() not in WEEKEND_PREPOSITIONS:
                return None
        elif pm not in ("start", "beginning", "middle", "end"):
            return None          # "the year", "later the month"
    elif not pm and word_before(body, s)[0].lower() in ("the", "a", "its", "their", "his", "her"):
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
        word, k = word_before(body, s)
        if word.lower() in NOT_WEEKDAY_BEFORE:
            return None
        if word.lower() == "on" and word_before(body, k)[0].lower() == "mail":
            return None
    if not g("m_tod") and word_after(body, e) in NOT_WEEKDAY_AFTER:
        return None
    wd = WEEKDAYS[g("m_wd").lower()]
    if g("m_dom"):         # "Friday the 15th": the nearest 15th that is a Friday
        d = int(g("m_dom")[:-2])
        return Atom(s, e, "day", rel=lambda ref, fut: _weekday_dom(ref, wd, d))
    if g("m_wk"):            # "Friday next week", "Sunday of last week"
        offset = _REL_OFFSET[g("m_wk").lower()]
        return Atom(s, e, "day", rel=lambda ref, fut: (week_span(ref, offset)[0] + timedelta(days=wd),) * 2)
    which = None if rel == "this" else rel
    return Atom(s, e, "day", rel=lambda ref, fut: (weekday_date(ref, wd, which, fut),) * 2)


def _current(g, s, e, body, prev):
    if g("x_end"):               # "by year-end": the current year
        return Atom(s, e, "year", rel=lambda ref, fut: year_span(ref.year))
    word, unit = g("x_w").lower(), g("x_u").lower()
    if word == "full" and unit != "year" or word == "coming" and unit != "week":
        return None              # "a full month" is a duration; "the coming year" often too
    offset = 1 if word == "coming" else 0
    if unit == "week":
        return Atom(s, e, "part_of_month", rel=lambda ref, fut: week_span(ref, offset))
    if unit == "month":
        return Atom(s, e, "month", rel=lambda ref, fut: month_span(ref.year, ref.month))
    return Atom(s, e, "year", rel=lambda ref, fut: year_span(ref.year))


def _spoken_year(g, s, e, body, prev):
    if g("s_2k"):
        year = 2000 + (_WORD_NUMBERS[g("s_2o").lower()] if g("s_2o") else 0)
        if not g("s_2o") and not body[s:e].lower().startswith("the year"):
            return None          # "two thousand" alone is a number
    else:
        year = 1900 + _WORD_NUMBERS[g("s_t").lower()] + (_WORD_NUMBERS[g("s_o").lower()] if g("s_o") else 0)
    if word_after(body, e).lower() in NOT_YEAR_AFTER:
        return None              # "nineteen ninety people"
    return Atom(s, e, "year", fixed=year_span(year))


def _weekday_dom(ref: date, wd: int, d: int):
    best = None
    for k in range(-14, 15):
        y, mo = add_months(ref.year, ref.month, k)
        try:
            day = date(y, mo, d)
        except ValueError:
            continue
        if day.weekday() == wd and (best is None or abs((day - ref).days) < abs((best - ref).days)):
            best = day
    return (best, best) if best else None


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
    word = word_before(body, s)[0].lower()
    if word in NOT_YEAR_BEFORE:
        return None
    if word_after(body, e).lower() in NOT_YEAR_AFTER:
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
            if last <= y and (len(y2) == 1 or last + base != y + 1):
                # an abbreviated end earlier than the start is no range ("2015-3" is not
                # 2015-2023; only "1999-00" wraps): "2016-11", "2015/3" name a month
                if 1 <= int(y2) <= 12:
                    return Atom(s, e, "month", fixed=month_span(y, int(y2)))
            elif last <= y:
                last += base
        if not y < last <= y + (100 if len(y2) == 4 else 10):
            e, last = s + 4, y       # "2005-2003": keep the first year only
    return Atom(s, e, "year", fixed=(date(y, 1, 1), date(last, 12, 31)))


_BRANCHES = {
    "iso": _iso, "b": _month_day, "c": _day_month, "e": _month, "f": _part_of_year,
    "g": _decade, "h": _season, "q": _quarter, "k": _relative_word, "l": _relative_period,
    "m": _weekday, "o": _ago, "y": _year, "n": _numeric, "r": _quarter_ref, "t": _day_of_month,
    "w": _nth_week, "v": _event_relative, "x": _current, "s": _spoken_year,
}
