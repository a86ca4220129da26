"""Extract every quantitative figure from article bodies.

``extract_quantities(articles)`` returns one row per figure -- a count, a
measure, an amount of money, a percentage, a duration -- with its value,
unit, qualifier ("about", "more than", "up to", ...), what it counts or
measures, and character offsets into the body.

How it works, and why it is fast:

1. one master regular expression, compiled once, scans the whole body for
   numeral cores: digits ("1,000", "2.3", "$1.13", "£600"), number words
   ("twenty-four", "one and a half million", "a dozen"), fractions ("a
   quarter of", "half the") and vague amounts ("several dozen", "thousands");
2. each core is read outward with anchored regexes over a bounded window:
   multiplier ("bn", "million"), unit ("km", "per cent", "-year-old"),
   range tail ("-20", "to 20", "and 20" after "between"), trailing qualifier
   ("or more"), leading qualifier ("about"), the counted noun phrase
   (:mod:`analysis.text.noun_phrases`, read for counts by
   :mod:`analysis.extract.quantities.counted_noun`), and the exclusions (dates, clock times,
   identifiers, ordinals, page chrome; :mod:`analysis.extract.quantities.context`);
   multipliers, units and ranges are read by :mod:`analysis.extract.quantities.numeral_tails`;
3. a pass over neighbouring figures links "X of (the) Y" (``part_of`` with
   ``of_value``) and lets a qualifier scope over a coordination ("up to 3
   million rounds or 500,000 shells");
4. :class:`analysis.text.sentences.SentenceIndex` gives each figure its sentence.

Every step after the scan reads a bounded window, so the cost is linear in
the length of the text (see ``tests/test_quantities.py`` for 1 MB
adversarial inputs).  The conventions (vague values, units, qualifiers,
exclusions) are documented in ``docs/quantities.md``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.text import noun_phrases as noun_phrases
from analysis.extract.quantities import context as quantity_context
from analysis.extract.quantities.number_words import (
    A_SCALE, FACTOR_NEEDS_OBJECT, FACTOR_WORDS, NUMBER_WORD_RUN, VAGUE, factor_value, fraction_value, parse_digits,
    parse_number_words, vague_value,
)
from analysis.extract.quantities.numeral_tails import (
    DIGITS, NOT_A_FIGURE, RANGE, RANGE_TAIL, multiplier, rate_unit, read_range, unit_after,
)
from analysis.compare.figure_groups import measure_of
from analysis.extract.quantities.links import link_neighbours
from analysis.extract.quantities.compound_money import join_money_parts
from analysis.extract.quantities.counted_noun import NEXT_WORD, read_counted
from analysis.checks import require_columns
from analysis.text.sentences import SentenceIndex
from analysis.lexicon.units import (
    CURRENCY_PREFIX_PATTERN, UNIT_AFTER, UNIT_KIND, currency_prefix_unit, is_plural, lookup_unit,
)

COLUMNS = [
    "article_id", "sentence_id", "start", "end", "surface", "value", "value_high", "unit",
    "qualifier", "kind", "of_value", "subject", "measure", "sentence",
]
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague", "part_of")

# Currency written before the digits ("$", "US$", "£", "USD ", "Rs ").
_CURRENCY_BEFORE = re.compile(rf"(?<![A-Za-z]){CURRENCY_PREFIX_PATTERN}$")
# Number words open with one of these; the scan runs on the lower-cased body and
# starts at a non-letter so that the engine skips the inside of words fast.
_TRIGGERS = sorted("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
hundreds thousand thousands million millions billion billions trillion trillions dozen dozens
half quarter quarters third thirds fifth fifths tenth tenths couple tens scores pair trio
twofold threefold fourfold fivefold sixfold tenfold hundredfold double doubled doubling
triple tripled tripling quadruple quadrupled quadrupling
""".split(), key=len, reverse=True)


def _trie(words: list[str]) -> str:
    """A regex alternation factored by first letters, so a failing position is rejected fast."""
    if "" in words and len(words) == 1:
        return ""
    heads: dict[str, list[str]] = {}
    for w in words:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
    alts = [re.escape(c) + _trie(rest) for c, rest in sorted(heads.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in words else body


_TRIGGER_PATTERN = _trie(_TRIGGERS)
_WORD_TRIGGER = re.compile(rf"[^a-z](?={_TRIGGER_PATTERN}(?![a-z]))")
_WORD_AT_START = re.compile(rf"{_TRIGGER_PATTERN}(?![a-z])")
# What may precede a trigger and belong to the numeral: "a dozen", "several
# dozen", "a few hundred", "half a million", "a couple of".
_WORD_PREFIX = re.compile(
    r"(?<![a-z])(?:a[ \t]+couple[ \t]+of|a[ \t]+few|several|many|half[ \t]+an?|an?)[ \t]+$"
)
_FRACTION = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine)[ \t-]+"
    r"(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b(?=[ \t]+of\b)"
    r"|half\b(?=[ \t]+(?:of|the|its|their|his|her|our|all|an?)\b)"
    # "around one quarter said": a share of the people asked
    r"|(?:a|one|two|three)[ \t-]+(?:thirds?|quarters?)(?=[ \t]+(?:said|say|says|were|are|had|have|"
    r"believe|believed|think|thought|voted|agreed|disagreed|opposed|supported|backed)\b)"
)
# The full numeral at a word start, matched on the lower-cased body.
_WORD_NUMERAL = re.compile(
    rf"(?P<vague>{VAGUE})"
    rf"|(?P<ascale>{A_SCALE})"
    rf"|(?P<frac>{_FRACTION})"
    r"|(?P<couple>a[ \t]+(?:couple|pair|trio)[ \t]+of\b)"
    rf"|(?P<factor>{FACTOR_WORDS})"
    rf"|(?P<words>{NUMBER_WORD_RUN})"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_DIGITS = frozenset(".,:/-–_")
_HALF_A_UNIT = re.compile(r"[ \t]+an?(?=[ \t]+[a-z])", re.IGNORECASE)
_ORDINAL_HYPHEN = re.compile(
    r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|[a-z]*ieth)\b", re.IGNORECASE
)
# Race and lap times: "1:50.87", "2:07:30" (a clock time has no decimals or seconds).
_RACE_TIME = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d)(\.\d+)?|(\.\d+))(?![\d:])")
_OLD_AFTER = re.compile(r"(?:-|[ \t]+)old\b", re.IGNORECASE)
_ADDRESS_AFTER = re.compile(
    r"[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]+"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|Place|Drive|Boulevard|Terrace|Crescent|Close)\b"
)
_YEAR_PREPOSITION = frozenset("""
in since by from until till to of the during before after early late mid circa year
season between through throughout around about spring summer autumn winter fall
""".split())
_NOT_BEFORE_FRACTION = frozenset("""
first second third fourth final last the this that next previous latter former top bottom other
opening closing early late each every either
""".split())
# Words after which "over N years" is a length ("for over 10 years", "lasted over a week").
_OVER_LENGTH_BEFORE = frozenset("""
for lasted lasting last lasts took taken take takes spent spend spending of in after is was were be been
are aged within than served serve serving
""".split())
_SCALE_WORDS = re.compile(r"hundred|thousand|million|billion|trillion|dozen")


class _Figure:
    """One figure being read (internal; becomes a row)."""

    __slots__ = ("start", "end", "value", "value_high", "unit", "qualifier", "kind", "of_value",
                 "subject", "own_qualifier", "np_end", "is_count")

    def __init__(self) -> None:
        self.value_high = math.nan
        self.of_value = math.nan
        self.unit = ""
        self.kind = "count"
        self.qualifier = "exact"
        self.subject = ""
        self.own_qualifier = False
        self.np_end = -1
        self.is_count = True


def extract_quantities(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per quantitative figure in every article body.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id`` and ``body`` (as from :func:`analysis.load_corpus`).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``sentence_id``, ``start``, ``end`` (offsets
        into ``body``; ``body[start:end] == surface``), ``surface``,
        ``value`` (float), ``value_high`` (upper end of a range, else NaN),
        ``unit`` (lower case: measure symbol, currency code, duration word
        or the singular counted noun; "" when nothing is named), ``qualifier``
        (exact, approx, at_least, at_most, range, vague, part_of), ``kind``
        (count, distance, length, mass, percentage, money, duration, other),
        ``of_value`` (the Y of "X of Y", else NaN), ``subject`` (what is
        counted or measured, as written; "" when not found), ``measure``
        (what the figure measures, for comparing like with like: the unit for
        counts, "unit:head" for measures whose subject is named, e.g.
        "km:range"; see :mod:`analysis.compare.figure_groups`) and ``sentence``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"],
    ...     "body": ["Debris from 21 of the roughly 50 missiles, with ranges of about 900 km."]})
    >>> q = extract_quantities(arts)
    >>> q[["surface", "value", "unit", "qualifier", "of_value"]].values.tolist()
    [['21', 21.0, 'missile', 'part_of', 50.0], ['roughly 50', 50.0, 'missile', 'approx', nan], ['about 900 km', 900.0, 'km', 'approx', nan]]
    """
    require_columns(articles, ("article_id", "body"), "extract_quantities")
    rows: list[tuple] = []
    for aid, body in zip(articles["article_id"].astype(str), articles["body"]):
        if not isinstance(body, str) or not body:
            continue
        figures = find_figures(body)
        if not figures:
            continue
        index = SentenceIndex(body)
        texts: dict[int, str] = {}
        for f in figures:
            sid = index.locate(f.start)
            if sid not in texts:
                texts[sid] = index.text(sid)
            rows.append((aid, sid, f.start, f.end, body[f.start:f.end], f.value, f.value_high,
                         f.unit, f.qualifier, f.kind, f.of_value, f.subject,
                         measure_of(f.unit, f.kind, f.subject), texts[sid]))
    frame = pd.DataFrame([r[:-1] for r in rows], columns=COLUMNS[:-1])
    frame = frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64",
                          "value": "float64", "value_high": "float64", "of_value": "float64"})
    # Object dtype keeps one shared string per sentence: a string column would
    # copy a long sentence once per figure in it.
    frame["sentence"] = pd.Series([r[-1] for r in rows], dtype=object, index=frame.index)
    return frame


def find_figures(body: str) -> list[_Figure]:
    """All figures of one body, in text order (the engine behind :func:`extract_quantities`)."""
    low = body.lower()
    if len(low) != len(body):  # a few characters change length when lower-cased
        low = body.translate(_ASCII_LOWER)
    # candidate numeral starts: digits, and words that open a number word
    # Candidates are plain ints (position * 4 + kind), not match objects: a
    # million live match objects make the garbage collector's cost grow
    # faster than the text ("1-1-1-..."); the few that are read are matched again.
    cands = [m.start() << 2 for m in DIGITS.finditer(body)]
    if _WORD_AT_START.match(low):
        cands.append(_WORD_CAND)
    cands.extend(((m.start() + 1) << 2) | _WORD_CAND for m in _WORD_TRIGGER.finditer(low))
    cands.extend((p << 2) | _PERIOD_CAND for p in _a_period_candidates(low))
    cands.sort()
    figures: list[_Figure] = []
    resume = 0
    for c in cands:
        p = c >> 2
        if p < resume:
            continue
        kind = c & 3
        if kind == _DIGIT_CAND:
            fig, resume = _read_digits(body, DIGITS.match(body, p), resume)
        elif kind == _PERIOD_CAND:
            fig, resume = _read_a_period(body, _A_PERIOD.match(low, p))
        else:
            fig, resume = _read_words(body, low, p)
        if fig is not None:
            figures.append(fig)
    figures = join_money_parts(body, figures)
    figures = _without_overlaps(body, figures)
    link_neighbours(body, figures)
    return figures


def _without_overlaps(body: str, figures: list[_Figure]) -> list[_Figure]:
    """Figures never share text: a qualifier reaching back into the previous
    figure's tail ("1,000 or more than 1,000") starts after that figure."""
    kept: list[_Figure] = []
    for fig in figures:
        if kept and fig.start < kept[-1].end:
            start = kept[-1].end
            while start < fig.end and body[start].isspace():
                start += 1
            if start >= fig.end:
                continue
            fig.start = start
        kept.append(fig)
    return kept


# ---------------------------------------------------------------- one figure

_SUB_BEFORE = re.compile(r"(?i:sub)-")
# digits with no space inside (commas and decimals allowed)
_SEPARATED = re.compile(r"[\d,.]+")
# "[1]" after a word, or "1. " / "1) " opening a line
_FOOTNOTE_OR_ITEM = re.compile(r"\[\d{1,3}\]|\n?\d{1,2}[.)][ \t]")
# "1 and 2", "3, 4": the second label of a list of labels
_COORDINATED_NUMBER = re.compile(r"(?:[ \t]*,|[ \t]+(?:and|or|&))[ \t]+\d{1,3}(?![\d.,]\d)")
# A fraction in digits, after an optional whole number: "1/4", "10 1/2", "101 1/4"
# (small denominators only: "24/7", "9/11" and dates are not fractions).
_SLASH_FRACTION = re.compile(
    r"(?:(?P<whole>\d{1,4})[ \t]+)?(?P<num>[1-9]\d?)/(?P<den>2|3|4|8|16|32|64)(?![\d/.,]|[ \t]*\d)")
# A minus before digits: "-5C" (glued, not after a word or number), "minus 20", "- 20 degrees".
_MINUS_BEFORE = re.compile(r"(?:(?<![\w.,)\]-])[-−]|(?<![\w])(?i:minus)[ \t]+|(?<=[A-Za-z] )[-−][ \t])$")
# Units whose values can be below zero.
_SIGNED_UNITS = frozenset({"celsius", "fahrenheit"})
# "$70 a share", "470 pence per share", "$ 70 - a - share": money per share.
_PER_SHARE = re.compile(r"[ \t]*-?[ \t]*(?i:a|per|each)[ \t]*-?[ \t]*(?i:share)\b")
# Betting odds around "1/3": "odds of 1/4", "1/3 favourite", "9/4 on".
_ODDS_BEFORE = re.compile(r"(?i:odds|bet)[ \t]+(?:of[ \t]+)?$")
_ODDS_AFTER = re.compile(r"[ \t]+(?i:favourite|favorite|fav|on|against|shot|chance|odds)\b")


def _is_fraction(body: str, m: re.Match) -> bool:
    """A proper fraction in lowest terms ("6/8" is a tie-break score), not betting odds."""
    num, den = int(m.group("num")), int(m.group("den"))
    if num >= den or math.gcd(num, den) != 1:
        return False
    return not (_ODDS_BEFORE.search(body[max(0, m.start() - 12):m.start()]) or _ODDS_AFTER.match(body, m.end()))


# Another digit group after one space: the middle of "020 7946 0958".
_DIGIT_GROUP_AFTER = re.compile(r"[ \t]\d")
# ... and a group of three to five digits (not a year: "in 2023 150 people") before it.
_DIGIT_GROUP_BEFORE = re.compile(r".*(?<![\d,.])(?!(?:19|20)\d\d[ \t]$)\d{3,5}[ \t]$")
# The last word of a figure before "over" ("$5bn over five years", "12% over three years").
_FIGURE_END = re.compile(r"(?:\d[%]?|\b(?:million|billion|trillion|bn|percent|cent|dollars|euros|pounds|won|yen|"
                         r"roubles|rubles|yuan))[,]?$", re.IGNORECASE)


def _read_digits(body: str, dm: re.Match, floor: int = 0) -> tuple[_Figure | None, int]:
    """Read the figure around the digits ``dm`` (nothing before ``floor`` belongs to it);
    return it (or None) and where to resume."""
    digits = dm.group()
    s = dm.start()
    pos = resume = dm.end()
    cm = _CURRENCY_BEFORE.search(body, max(0, s - 6, floor), s)
    cur = cm.group() if cm else ""
    if cm:
        s = cm.start()
    sub_bound = s >= 4 and not cur and _SUB_BEFORE.match(body, s - 4) is not None \
        and (s == 4 or not body[s - 5].isalpha())
    minus = -1 if cur else _minus_start(body, s)
    glued_minus = minus == s - 1
    if _glued_or_marker(body, s, cur, sub_bound or glued_minus):
        return None, resume
    value = None
    fraction = _SLASH_FRACTION.match(body, dm.start())
    if fraction is not None and _is_fraction(body, fraction):
        # "1/4 mile", "10 1/2 miles", "7 3/4 %": a whole number and a fraction
        value = int(fraction.group("whole") or 0) + int(fraction.group("num")) / int(fraction.group("den"))
        digits = fraction.group("whole") or fraction.group("num")
        pos = resume = fraction.end()
    if not cur and body.startswith(":", pos):
        race = _RACE_TIME.match(body, s)
        if race is not None:
            return _race_time(body, race), race.end()
    if value is None and _code_like(body, digits, s, pos, cur):
        return None, resume
    before = quantity_context.Before(body, s)
    refused = _refused_by_context(body, digits, pos, cur, before, resume)
    if refused is not None:
        return None, refused
    f = _Figure()
    read = _value_and_unit(body, f, digits, pos, cur, before, value)
    if read is None:
        return None, resume
    pos, unit_sep, has_mult = read
    rng = RANGE_TAIL.match(body, pos)
    if rng is not None:
        reading = read_range(body, f, rng, digits, before, s, has_mult)
        if reading.verdict == NOT_A_FIGURE:
            return None, max(resume, rng.end())
        if reading.verdict == RANGE:
            pos, s = reading.pos, reading.start
            resume = pos
    if _not_a_count(body, f, digits, pos, before, has_mult):
        return None, resume
    fig = _finish(body, f, s, pos, before, unit_sep, "digits")
    if fig is not None and sub_bound:
        fig.start, fig.qualifier = s - 4, "at_most"  # "sub-5 nanometre": below 5
    if fig is not None and minus >= 0:
        if fig.unit in _SIGNED_UNITS and math.isnan(fig.value_high):
            fig.value, fig.start = -fig.value, min(fig.start, minus)  # "-5C", "minus 20 degrees"
        elif glued_minus:
            return None, resume  # "-5" before anything else: a code, a score, a list dash
    return fig, max(resume, pos)


def _minus_start(body: str, s: int) -> int:
    """Start of a minus sign or "minus" right before the digits at ``s``, else -1."""
    m = _MINUS_BEFORE.search(body, max(0, s - 7), s)
    return m.start() if m is not None else -1


def _glued_or_marker(body: str, s: int, cur: str, sub_bound: bool) -> bool:
    """Digits glued to a word or sign before them, a footnote marker or list numbering."""
    if s > 0 and (body[s - 1].isalnum() or body[s - 1] in _NOT_BEFORE_DIGITS) and not sub_bound:
        return True  # KN-23, A380, 1,1 lists, .5, 9/11, 09:14
    # a footnote marker "[1]" or list numbering "1. " at a line start
    return (not cur and _FOOTNOTE_OR_ITEM.match(body, max(0, s - 1)) is not None
            and (s == 0 or body[s - 1] in "[\n"))


def _code_like(body: str, digits: str, s: int, pos: int, cur: str) -> bool:
    """Digits that are a clock time, a phone number or a code, not a figure."""
    if quantity_context.NOT_AFTER_DIGITS.match(body, pos) or quantity_context.CHROME_AFTER.match(body, pos):
        return True
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return True  # 09, 0800: clock times, phone numbers, codes
    if not digits.isdigit() and not _SEPARATED.fullmatch(digits) and s > 1 and body[s - 1] in " \t" \
            and body[s - 2].isdigit():
        return True  # "0845 8 505 505": space-separated groups after digits are a phone number
    if len(digits) > 20 or (len(digits) >= 6 and digits.isdigit() and not cur):
        return True  # a code (story id, IMO number): news writes 1,095,042 or 1.1 million
    # a group inside or ending "020 7946 0958": a phone number or code
    return s > 1 and body[s - 1] in " \t" and body[s - 2].isdigit() and bool(
        _DIGIT_GROUP_AFTER.match(body, pos)
        or (digits.isdigit() and len(digits) >= 3 and _DIGIT_GROUP_BEFORE.match(body[max(0, s - 6):s])))


def _refused_by_context(body: str, digits: str, pos: int, cur: str, before: quantity_context.Before,
                        resume: int) -> int | None:
    """Where to resume when the words around the digits make them no figure (a date, a
    label, page chrome, an identifier); None when they do not."""
    if before.word(1).lower() in quantity_context.CHROME_WORDS_BEFORE:
        chrome = quantity_context.CHROME_OF_AFTER.match(body, pos)
        if chrome is not None:
            return chrome.end()  # "Image 3 of 12"
    if before.is_date() or quantity_context.MONTH_AFTER.match(body, pos):
        return resume
    if before.word(1).lower().rsplit("|", 1)[-1] in quantity_context.CHROME_LABELS:
        return resume  # "Updated: 31 minutes ago"
    if not cur and (before.is_identifier() or before.is_ticker()):
        return resume
    if not cur and before.is_label_list(body, pos, digits):
        co = _COORDINATED_NUMBER.match(body, pos)
        return co.end() if co is not None else resume  # "pipelines 1 and 2", "Nord Stream 1 and 2"
    return None


def _value_and_unit(body: str, f: _Figure, digits: str, pos: int, cur: str,
                    before: quantity_context.Before, value: float | None = None) -> tuple[int, str, bool] | None:
    """Give ``f`` its value (with "million", "bn") and unit (currency before, unit after).

    ``value`` is the number already read when it is not ``digits`` (a fraction).
    Returns the new end, the separator written before the unit and whether a
    multiplier was read; None when the digits are a code ("4G", "5B").
    """
    if value is None:
        value = parse_digits(digits)
    mult, pos = multiplier(body, pos, digits, bool(cur), before)
    if mult is None:
        return None
    has_mult = mult != 1.0
    f.value = value = round(value * mult, 6) if mult != 1.0 else value  # 16.4 million, not 16399999.999999998
    if cur:
        f.unit = currency_prefix_unit(cur) or "usd"
        f.kind = "money"
        f.is_count = False
    unit_sep = ""
    if not cur:
        u = unit_after(body, pos, value, has_mult)
        if u is not None:
            (f.unit, f.kind, scale), pos, unit_sep = u
            f.value = value * scale
            f.is_count = False
            f.unit = rate_unit(body, pos, f.unit, f.kind)
            f.kind = UNIT_KIND.get(f.unit, f.kind)  # a speed is no distance
    return pos, unit_sep, has_mult


def _not_a_count(body: str, f: _Figure, digits: str, pos: int, before: quantity_context.Before, has_mult: bool) -> bool:
    """A bare number that is a year used as a date, a street number or a style value."""
    if quantity_context.year_like(digits) and f.is_count and not has_mult and math.isnan(f.value_high):
        if not _year_is_count(body, pos, before):
            return True  # a year used as a date: "in 2006", "the 2006 election"
    if f.is_count and _ADDRESS_AFTER.match(body, pos):
        return True
    return body.startswith(";", pos) and before.word(1).endswith(":")  # "padding-bottom: 79.13%;"


# "more than a year", "at least a decade": one period under a bound (matched on
# the lower-cased body; a bare "a year" is not a figure).
_A_PERIOD = re.compile(r"\ban?[ \t]+(?P<u>year|month|week|fortnight|day|decade|century|hour)(?![a-z])")


_DIGIT_CAND, _WORD_CAND, _PERIOD_CAND = 0, 1, 2
_A_PERIOD_NEEDLES = ("a year", "a month", "a week", "a fortnight", "a day", "a decade", "a century", "an hour")


def _a_period_candidates(low: str) -> list[int]:
    """Starts of "a year", "an hour" ... found with str.find (much faster than a regex scan)."""
    found = []
    for needle in _A_PERIOD_NEEDLES:
        i = low.find(needle)
        while i >= 0:
            if (i == 0 or not low[i - 1].isalpha()) and _A_PERIOD.match(low, i) is not None:
                found.append(i)
            i = low.find(needle, i + len(needle))
    return found


def _read_a_period(body: str, m: re.Match) -> tuple[_Figure | None, int]:
    """"More than a year", "at least a decade" -> 1 year / 1 decade with the bound."""
    s = m.start()
    before = quantity_context.Before(body, s)
    q = before.qualifier()
    if q is None or before.after_from(q[2]):
        return None, m.end()
    f = _Figure()
    unit, kind, scale = lookup_unit(m.group("u"))
    f.value, f.unit, f.kind, f.is_count = scale, unit, kind, False
    f.qualifier, f.own_qualifier = q[0], True
    f.start, f.end = q[1], m.end()
    return f, m.end()


def _race_time(body: str, race: re.Match) -> _Figure | None:
    """A race or lap time ("1:50.87", "2:07:30") as a duration in seconds."""
    a, b, c, frac3, frac2 = race.groups()
    if c is not None:
        seconds = int(a) * 3600 + int(b) * 60 + int(c) + float(frac3 or 0)
    else:
        seconds = int(a) * 60 + int(b) + float(frac2)
    f = _Figure()
    f.value, f.unit, f.kind, f.is_count = seconds, "second", "duration", False
    f.start, f.end = race.start(), race.end()
    return f


def _read_words(body: str, low: str, p: int) -> tuple[_Figure | None, int]:
    """Read a numeral written in words that opens at ``p`` (or just before it)."""
    m = None
    pre = _WORD_PREFIX.search(low, max(0, p - 16), p)
    if pre is not None:
        m = _WORD_NUMERAL.match(low, pre.start())
    if m is None:
        m = _WORD_NUMERAL.match(low, p)
    if m is None:
        return None, p + 1
    s = m.start()
    pos = resume = m.end()
    group = m.lastgroup
    if pos - s > 120:
        return None, pos  # no real numeral runs this long: skip the run whole (keeps the scan linear)
    before = quantity_context.Before(body, s)
    f = _Figure()
    text = body[s:pos]
    if group == "vague":
        value = vague_value(text)
        f.qualifier = "vague"
        has_mult = True
    elif group == "frac":
        return _read_fraction(body, f, text, s, pos, before)
    elif group == "couple":
        value = 3.0 if "trio" in text.lower() else 2.0
        if "couple" in text.lower():
            f.qualifier = "approx"
            f.own_qualifier = True
        has_mult = False
    elif group == "factor":
        value = factor_value(text)
        if value is None or not _factor_ok(body, low, text, pos, before):
            return None, resume
        f.value, f.unit, f.kind, f.is_count = value, "times", "other", False
        return _finish(body, f, s, pos, before, "", group), resume
    else:
        if not _word_numeral_ok(body, text, s, pos, before):
            return None, resume
        value = parse_number_words(text)
        if value is None:  # "two one-day matches": keep the longest prefix that is one number
            value, pos = _longest_number_prefix(low, s, pos)
            resume = pos
            text = body[s:pos]
        has_mult = bool(_SCALE_WORDS.search(low, s, pos))
    if value is None:
        return None, resume
    f.value = value
    unit_sep = ""
    u = unit_after(body, pos, value, has_mult)
    if u is not None:
        (f.unit, f.kind, scale), pos, unit_sep = u
        f.value = value * scale
        f.is_count = False
        f.unit = rate_unit(body, pos, f.unit, f.kind)
        f.kind = UNIT_KIND.get(f.unit, f.kind)  # a speed is no distance
    if group in ("words", "ascale"):
        rng = RANGE_TAIL.match(body, pos)
        if rng is not None:
            reading = read_range(body, f, rng, "", before, s, has_mult)
            if reading.verdict == NOT_A_FIGURE:
                return None, max(resume, rng.end())
            if reading.verdict == RANGE:
                pos, s = reading.pos, reading.start
    return _finish(body, f, s, pos, before, unit_sep, group), max(resume, pos)


def _read_fraction(body: str, f: _Figure, text: str, s: int, pos: int,
                   before: quantity_context.Before) -> tuple[_Figure | None, int]:
    """"two-thirds of", "half the": a share in percent; "half a mile": half a unit."""
    resume = pos
    frac = fraction_value(text)
    if frac is None or before.word(1).lower() in _NOT_BEFORE_FRACTION:
        return None, resume  # "the first half of 2006" is a period, not 50%
    if text.lower() == "half" and _HALF_A_UNIT.match(body, pos):
        a = _HALF_A_UNIT.match(body, pos)
        u = UNIT_AFTER.match(body, a.end())
        found = lookup_unit(u.group("unit")) if u is not None and u.group("sep") == " " else None
        if found is None:
            return None, resume
        unit, kind, scale = found
        f.value, f.unit, f.kind, f.is_count = 0.5 * scale, unit, kind, False
        pos = u.end()
        return _finish(body, f, s, pos, before, " ", "frac"), pos
    f.value = round(frac * 100, 2)  # two-thirds -> 66.67, as documented
    f.unit, f.kind, f.is_count = "percent", "percentage", False
    return _finish(body, f, s, pos, before, "", "frac"), resume


_NUMBER_WORD_TOKEN = re.compile(r"[a-z]+")

def _longest_number_prefix(low: str, s: int, end: int) -> tuple[float | None, int]:
    """Value and end of the longest prefix of the word run ``low[s:end]`` that parses."""
    ends = [m.end() for m in _NUMBER_WORD_TOKEN.finditer(low, s, min(end, s + 120))]
    for e in reversed(ends[:8]):
        value = parse_number_words(low[s:e])
        if value is not None:
            return value, e
    return None, end


def _year_is_count(body: str, pos: int, before: quantity_context.Before) -> bool:
    """A year-like number is a count only with a qualifier or a plural noun after it."""
    if before.qualifier() is not None:
        return True
    nxt = NEXT_WORD.match(body, pos)
    if nxt is None or not nxt.group("w").islower() or not is_plural(nxt.group("w")):
        return False
    return before.word(1).lower() not in _YEAR_PREPOSITION


def _finish(body: str, f: _Figure, s: int, pos: int, before: quantity_context.Before, unit_sep: str,
            group: str) -> _Figure | None:
    """Qualifiers, counted noun / subject and the final span."""
    start = s
    if f.qualifier != "range":
        start, pos = _read_qualifiers(body, f, s, pos, before)
    if f.kind == "money" and "/" not in f.unit and _PER_SHARE.match(body, pos):
        f.unit += "/share"  # "$70 a share": a price per share, not an amount to add up
    if f.is_count and not f.unit:
        _read_age(body, f, s, pos, before, group)
    if f.is_count:
        if not read_counted(body, f, pos, before, group):
            return None
    elif f.kind == "duration" and _OLD_AFTER.match(body, pos):
        pos = _OLD_AFTER.match(body, pos).end()  # an age: "the 74-year-old Eastwood"
        phrase = noun_phrases.read_noun_phrase(body, pos, False)
        if phrase is not None:
            f.subject = body[phrase.start:phrase.end]
    elif not f.subject:
        _read_measured_subject(body, f, pos, before, start, unit_sep)
    f.start, f.end = start, pos
    return f


def _read_qualifiers(body: str, f: _Figure, s: int, pos: int, before: quantity_context.Before) -> tuple[int, int]:
    """The qualifier written after ("50 or so") and before ("about 900"); the new start and end."""
    start = s
    # written after the number: "50 or so", "100 or more", "50-odd"
    t = quantity_context.QUALIFIER_AFTER.match(body, pos)
    if t is not None:
        f.qualifier = quantity_context.trailing_qualifier(t.group("q"))
        f.own_qualifier = True
        pos = t.end()
    # written before: "about 900", "more than 1,000", "up to 3 million"
    q = before.qualifier()
    if q is not None and f.kind == "duration" and before.phrase(1) == "over" \
            and (_FIGURE_END.search(before.word(2)) or before.word(2).lower() not in _OVER_LENGTH_BEFORE):
        q = None  # "£1.2 billion over 10 years", "shipped over three weeks": during a period
    if q is not None and not before.after_from(q[2]):
        qual, q_start, _ = q
        if not (f.qualifier == "vague" and qual == "approx"):
            f.qualifier = qual
            f.own_qualifier = True
            start = q_start
    return start, pos


def _read_age(body: str, f: _Figure, s: int, pos: int, before: quantity_context.Before, group: str) -> None:
    """A bare count that is an age: "aged 34", "Bernie Ebbers, 63, said"."""
    if before.is_age():
        f.unit, f.kind, f.is_count = "year", "duration", False
    elif group == "digits" and f.value < 120 and f.value == int(f.value) and math.isnan(f.value_high):
        name_start = before.age_name()
        if name_start is not None and quantity_context.AGE_APPOSITION_AFTER.match(body, pos):
            f.unit, f.kind, f.is_count = "year", "duration", False
            f.subject = body[name_start:s].rstrip(" \t,")


def _read_measured_subject(body: str, f: _Figure, pos: int, before: quantity_context.Before, start: int,
                           unit_sep: str) -> None:
    """What a measure or an amount is of: the phrase after it, or the noun before "of"."""
    phrase = None
    if f.kind != "money" or unit_sep:
        phrase = noun_phrases.read_noun_phrase(body, pos, False)
    phrase = phrase or noun_phrases.read_of_phrase(body, pos, True)
    if phrase is not None:
        f.subject = body[phrase.start:phrase.end]
    else:
        span = noun_phrases.noun_before_of(before, start)
        if span is not None:
            f.subject = body[span[0]:span[1]]


# ---------------------------------------------------------------- pieces

def _word_numeral_ok(body: str, text: str, s: int, pos: int, before: quantity_context.Before) -> bool:
    """Reject number words that are names, pronouns or idioms."""
    if text[0].isupper() and not before.sentence_start():
        return False  # "Formula One", "the Big Four", "BBC Two"
    if _ORDINAL_HYPHEN.match(body, pos) or quantity_context.HYPHEN_IDIOM_AFTER.match(body, pos):
        return False  # "twenty-first", "one-off", "two-way"
    if before.word(1).lower() in quantity_context.IDENTIFIER_WORDS:
        return False  # "number three", "the top ten"
    if text.lower() == "one":
        if quantity_context.PRONOUN_ONE_AFTER.match(body, pos):
            return False  # "one day", "one another"
        if before.word(1).lower() in quantity_context.PRONOUN_ONE_BEFORE and unit_after(body, pos, 1.0, False) is None:
            return False  # "no one", but "a one-tonne warhead", "that one mile"
    return True


_DETERMINER_AFTER = re.compile(
    r"[ \t]+(?:the|its|their|his|her|our|your|my|this|that|these|those)\b", re.IGNORECASE)


def _factor_ok(body: str, low: str, text: str, pos: int, before: quantity_context.Before) -> bool:
    """"to double the number", "more than doubling our support", "a twofold rise" -- not "a double blow"."""
    if text.lower() in FACTOR_NEEDS_OBJECT:
        return bool(_DETERMINER_AFTER.match(body, pos))
    return True
