"""Read what follows a numeral: its multiplier ("bn", "million"), its unit
("km", "per cent", "-year-old") and a second number that makes a range
("10-20", "10 to 20", "between 10 and 20").

Each reader is an anchored match at one position, so its cost does not grow
with the text.  Used by :mod:`analysis.extract.quantities.extractor`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.extract.quantities import context as quantity_context
from analysis.extract.quantities.number_words import MULTIPLIERS, NUMBER_WORD_RUN, parse_digits, parse_number_words
from analysis.lexicon.units import (
    CURRENCY_PREFIX_PATTERN, CURRENCY_SIGNS_AFTER, MONEY_UNITS, POUND_MONEY_CUES, POUND_WEIGHT_CUES, UNIT_AFTER,
    currency_prefix_unit, is_plural, lookup_unit,
)

# Digits start with a digit so the regex engine can skip other characters in C.
# A space may separate thousands: "4 512 homes", "12 000" -- only groups of exactly
# three digits after one or two (a plain space after three digits is more often
# two numbers: "voted 272 219"); a no-break or thin space after up to three.
DIGITS = re.compile(
    r"\d(?:\d{0,2}(?:,\d{3})+"
    r"|\d?(?: \d{3})+(?![\d,.\-–]|[ \u00a0\u202f]\d)"
    r"|\d{0,2}(?:[\u00a0\u202f]\d{3})+(?![\d,.\-–]|[ \u00a0\u202f]\d)"
    r"|\d*)(?:\.\d+)?")
# Scale after digits: " million", " billion", "bn", "m", "k".
_MULT_AFTER = re.compile(
    r"(?:[ \t]+|-)(?P<w>(?i:hundred|thousand|million|billion|trillion|lakh|crore))(?i:s)?"
    r"(?:[ \t]+(?P<w2>(?i:million|billion)))?\b"
    r"|(?P<a>bn|mn|mln|tn|trn|m|k|b|M|K|B|Bn|BN)(?![A-Za-z0-9])"
)
# A second number after the first: "-20", " to 20", " and 20", " or three".
RANGE_TAIL = re.compile(
    rf"(?P<sep>-(?i:to)-|[ \t]*[-–—][ \t]*|[ \t]+(?i:to|and|or)[ \t]+)"
    rf"(?P<cur>{CURRENCY_PREFIX_PATTERN})?(?:(?P<digits>{DIGITS.pattern})|(?P<words>(?i:{NUMBER_WORD_RUN})))"
)
_MONEY_WORDS = frozenset("""
sales revenue revenues profit profits turnover worth cost costs budget fund funding debt debts
deficit loss losses price paid pay bid deal valued earnings income spending investment fine fined
raised bonus
""".split())
_METRE_AFTER = re.compile(
    r"[ \t]*(?:tall|high|long|wide|deep|away|above|below|metres|meters|sprint|sprints|race|races|"
    r"hurdles|freestyle|breaststroke|backstroke|butterfly|medley|relay|relays|final|finals|title|"
    r"titles|record|records|run|dash|heat|heats|event|events|gold|silver|bronze|medal|medals|"
    r"champion|champions|runner|runners|specialist|world|indoor|outdoor|semi-final|semi-finals)\b",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[A-Za-z]+)")
# One-character units that stay units when written apart ("15 %", "10 €", "20 °").
_SIGNS_APART = frozenset("%°") | CURRENCY_SIGNS_AFTER
_CURRENCY_WORDS = frozenset("dollars euros pounds yen yuan won rupees roubles rubles francs".split())


def multiplier(body: str, pos: int, digits: str, has_currency: bool,
                before: "quantity_context.Before") -> tuple[float | None, int]:
    """Scale word or abbreviation after digits; ``(None, pos)`` when the digits are a code."""
    mm = _MULT_AFTER.match(body, pos)
    if mm is None:
        # digits glued to letters that are no unit ("3D", "4G", "4x4") are codes
        if pos < len(body) and (body[pos].isalpha() or body[pos] == "_"):
            if UNIT_AFTER.match(body, pos) is None:
                return None, pos
        return 1.0, pos
    if mm.group("w"):
        mult = MULTIPLIERS[mm.group("w").lower()]
        if mm.group("w2"):
            mult *= MULTIPLIERS[mm.group("w2").lower()]
        return mult, mm.end()
    a = mm.group("a")
    low = a.lower()
    if a == "m" and not has_currency and not _m_means_million(body, mm.end(), digits, before):
        return 1.0, pos  # metres: left to the unit reader
    if a in ("b", "B", "M", "K") and not has_currency:
        nxt = _NEXT_WORD.match(body, mm.end())
        if nxt is None or nxt.group("w").lower() not in _CURRENCY_WORDS:
            return None, pos  # "5B", "3M": codes, not amounts ("1.8M dollars" is money)
    return MULTIPLIERS[low], mm.end()


def _m_means_million(body: str, after: int, digits: str, before: "quantity_context.Before") -> bool:
    """Is the "m" in "2.3m" a million (people, pounds) rather than metres?"""
    if _METRE_AFTER.match(body, after):
        return False
    nxt = _NEXT_WORD.match(body, after)
    if nxt is not None:
        w = nxt.group("w").lower()
        if w in _CURRENCY_WORDS or w == "of" or (nxt.group("w").islower() and is_plural(w)):
            return True
    return any(t.lower().strip(".,;:()\"'") in _MONEY_WORDS or t[:1] in "$£€¥" for t in before.tokens[-6:])


def unit_after(body: str, pos: int, value: float, has_mult: bool):
    """``((unit, kind, scale), new_pos, separator)`` for a unit right after the number."""
    u = UNIT_AFTER.match(body, pos)
    if u is None:
        return None
    surface = u.group("unit")
    found = lookup_unit(surface)
    if found is None:
        return None
    sep = u.group("sep")
    unit = found[0]
    if sep and len(surface) == 1 and surface not in _SIGNS_APART:
        return None  # "5 m", "3 t": too ambiguous when written apart
    if sep.strip() == "-" and (surface == "%" or unit in MONEY_UNITS):
        return None
    if unit == "krw" and surface.lower() == "won" and not (has_mult or value >= 1000):
        return None  # "won" is usually the verb
    if unit == "gbp" and not has_mult and surface.lower() in ("pound", "pounds") and _pounds_of_weight(body, pos):
        return ("lb", "mass", 1.0), u.end(), sep
    return found, u.end(), sep


def _pounds_of_weight(body: str, pos: int) -> bool:
    """Is "N pounds" at ``pos`` a weight? Only with a weight word near it and no money word."""
    window = body[max(0, pos - 60):pos + 40]
    return POUND_WEIGHT_CUES.search(window) is not None and POUND_MONEY_CUES.search(window) is None


class RangeReading(NamedTuple):
    """What a second number after a figure makes of it (the result of :func:`read_range`).

    ``verdict`` is :data:`RANGE` (the figure now ends at ``pos`` and starts at
    ``start``), :data:`NOT_A_FIGURE` (the pair is no quantity at all: a score,
    a span of years, a code) or :data:`APART` (read the second number on its own).
    """

    verdict: str
    pos: int = -1
    start: int = -1


RANGE, NOT_A_FIGURE, APART = "range", "not_a_figure", "apart"
_APART = RangeReading(APART)
_NOT_A_FIGURE = RangeReading(NOT_A_FIGURE)
_DASHES = ("-", "–", "—")


def read_range(body: str, f, rng: re.Match, digits: str, before: "quantity_context.Before", s: int,
               has_mult: bool) -> RangeReading:
    """Decide whether a following number makes the figure ``f`` a range.

    ``rng`` is the :data:`RANGE_TAIL` match after the figure, ``digits`` the
    first number as written ("" for number words), ``s`` the figure's start.
    On a range, ``f`` gets its low and high values (and the unit written
    after the second number, "10-20 km").
    """
    sep = rng.group("sep").strip().lower()
    if sep == "-to-":
        sep = "to"  # "the 100-to-300 range", "3-to-4-metre waves"
    d2 = rng.group("digits")
    dash = sep in _DASHES
    if (d2 is None) != (not digits):
        return _APART  # "10 to fifteen": mixed writing, not read as a range
    pos = rng.end()
    if d2 is not None:
        refused = _digit_pair_refused(body, digits, d2, dash, pos)
        if refused is not None:
            return refused
    v2, mult2, pos = _second_value(body, d2, rng.group("words"), pos)
    if v2 is None:
        return _APART
    if _date_or_score(body, digits, d2, sep, v2, s, pos):
        return _NOT_A_FIGURE
    low = f.value
    high = v2 * mult2
    if not has_mult and mult2 != 1.0 and low < v2:
        low *= mult2  # "between 2 and 3 million"
    if digits and d2 and quantity_context.year_like(digits) and quantity_context.year_like(d2) and not has_mult:
        return _NOT_A_FIGURE if dash or sep == "and" else _APART  # between 2001 and 2004: years
    bounds = _range_start(sep, f, before, s, low, high, mult2, has_mult)
    if bounds.verdict != RANGE:
        return bounds
    # the unit may follow the second number only ("10-20 km"); a different unit
    # means two figures ("fell 46% to 1.6bn euros")
    unit = _second_unit(body, f, rng, pos, high, mult2)
    if unit is None:
        return _APART
    low_scale, high_scale, pos = unit
    f.value = low * low_scale
    f.value_high = high * high_scale
    f.qualifier = "range"
    f.own_qualifier = True
    return RangeReading(RANGE, pos, bounds.start)


def _digit_pair_refused(body: str, digits: str, d2: str, dash: bool, pos: int) -> RangeReading | None:
    """Pairs of digits that are no range: spans of years, codes; None when they may be one."""
    if dash and quantity_context.year_like(digits) and (quantity_context.year_like(d2) or len(d2) == 2):
        return _NOT_A_FIGURE  # 2001-2004, 2004-05
    if quantity_context.NOT_AFTER_DIGITS.match(body, pos):
        return _NOT_A_FIGURE if dash else _APART
    if len(d2) > 1 and d2[0] == "0":
        return _APART  # "505 or 0800 555 111": a code, not the end of a range
    return None


def _second_value(body: str, d2: str | None, w2: str | None, pos: int) -> tuple[float | None, float, int]:
    """Value, multiplier and end of the second number (digits with "million", or words)."""
    if d2 is None:
        return parse_number_words(w2), 1.0, pos
    mult2 = 1.0
    v2 = parse_digits(d2)
    mm = _MULT_AFTER.match(body, pos)
    if mm is not None and (mm.group("w") or mm.group("a") in ("bn", "m", "k", "tn")):
        mult2 = MULTIPLIERS[(mm.group("w") or mm.group("a")).lower()]
        if mm.group("w2"):
            mult2 *= MULTIPLIERS[mm.group("w2").lower()]
        pos = mm.end()
    return v2, mult2, pos


def _date_or_score(body: str, digits: str, d2: str | None, sep: str, v2: float, s: int, pos: int) -> bool:
    """Is the pair a date span, a formation or phone number, or a match score?"""
    if d2 is not None and sep in ("-", "–", "—", "to", "and") and quantity_context.MONTH_AFTER.match(body, pos):
        return True  # 20-21 January, from 14 to 17 February: dates
    if sep not in _DASHES:
        return False
    if re.match(r"[ \t]*[-–—][ \t]*\d", body[pos:pos + 4]):
        return True  # 4-4-2, phone numbers
    return bool(digits and parse_digits(digits) <= 30 and v2 <= 30 and quantity_context.SCORE_CONTEXT.search(
        body, max(0, s - 40), min(len(body), pos + 40)))  # a match score: "won 3-1"


def _range_start(sep: str, f, before: "quantity_context.Before", s: int, low: float, high: float, mult2: float,
                 has_mult: bool) -> RangeReading:
    """Whether the separator joins a range here, and where the range starts ("between", "from")."""
    new_start = s
    if sep == "and":
        new_start = before.between(0)
        if new_start is None or not low < high:
            return _APART
    elif sep == "or":
        if not low < high or low != int(low) or high != int(high) or mult2 != 1.0 or high > 2 * low:
            return _APART  # "two or three" is a range; "200 or 500 dead" two alternatives
    elif sep == "to":
        if not low < high or before.after_change():
            return _APART  # "rose $1.20 to $74.50": a change and a level
        if before.after_from():
            new_start = before.from_start()
            if new_start is None:
                return _APART  # "rose from 5% to 7%": two figures
    elif not low < high:  # a dash between a larger and a smaller number
        return _NOT_A_FIGURE if f.is_count and not has_mult else _APART
    return RangeReading(RANGE, -1, new_start)


def _second_unit(body: str, f, rng: re.Match, pos: int, high: float,
                 mult2: float) -> tuple[float, float, int] | None:
    """The unit after the second number, given to ``f``: scales of low and high and the new end.

    None when the two numbers have different units (two figures).
    """
    u = unit_after(body, pos, high, mult2 != 1.0)
    cur2 = rng.group("cur")
    unit2 = (currency_prefix_unit(cur2) or "usd") if cur2 else (u[0][0] if u is not None else None)
    if unit2 is None:
        if not f.is_count and f.kind != "money":
            return None
    elif not f.is_count and unit2 != f.unit:
        return None
    elif f.is_count and cur2:
        return None
    if u is None or cur2:
        return 1.0, 1.0, pos
    (unit, kind, scale), pos2, _sep = u
    low_scale = scale if f.is_count else 1.0
    f.unit, f.kind, f.is_count = unit, kind, False
    return low_scale, scale, pos2


# "55 billion cubic metres of gas per year", "500,000 barrels a day": a rate.
_RATE_AFTER = re.compile(
    r"(?:[ \t]+of[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)?[ \t]+(?:per|a|an|each)[ \t]+"
    r"(?P<per>year|annum|month|week|day|hour|second)\b", re.IGNORECASE)
_RATE_KINDS = frozenset({"other", "mass", "length", "distance"})
_SPEED_NAMES = {"mi/hour": "mph", "km/hour": "km/h"}


def rate_unit(body: str, pos: int, unit: str, kind: str) -> str:
    """``unit/period`` for a measure followed by "per year", "a day" ... ("m3/year"), else ``unit``.

    Money, percentages, durations and speeds keep their unit: "$5bn a year" is
    read as the amount (its ``subject`` says what it is), and "km/h" is already a rate.
    """
    if kind not in _RATE_KINDS or "/" in unit or unit in ("times", "mph"):
        return unit
    m = _RATE_AFTER.match(body, pos)
    if m is None:
        return unit
    per = m.group("per").lower()
    rate = f"{unit}/{'year' if per == 'annum' else per}"
    return _SPEED_NAMES.get(rate, rate)  # "188 miles an hour" is mph, like "188 miles per hour"
