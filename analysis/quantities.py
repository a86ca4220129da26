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
   (:mod:`analysis.noun_phrases`), and the exclusions (dates, clock times,
   identifiers, ordinals, page chrome; :mod:`analysis.quantity_context`);
3. a pass over neighbouring figures links "X of (the) Y" (``part_of`` with
   ``of_value``) and lets a qualifier scope over a coordination ("up to 3
   million rounds or 500,000 shells");
4. :class:`analysis.sentences.SentenceIndex` gives each figure its sentence.

Every step after the scan reads a bounded window, so the cost is linear in
the length of the text (see ``tests/test_quantities.py`` for 1 MB
adversarial inputs).  The conventions (vague values, units, qualifiers,
exclusions) are documented in ``docs/quantities.md``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis import noun_phrases as _np
from analysis import quantity_context as _ctx
from analysis.number_words import (
    A_SCALE, MULTIPLIERS, NUMBER_WORD_RUN, VAGUE, fraction_value, parse_digits,
    parse_number_words, vague_value,
)
from analysis.sentences import SentenceIndex, _require
from analysis.units import (
    CURRENCY_PREFIX_PATTERN, MONEY_UNITS, UNIT_AFTER, UNIT_KIND, currency_prefix_unit,
    is_plural, lookup_unit,
)

COLUMNS = [
    "article_id", "sentence_id", "start", "end", "surface", "value", "value_high", "unit",
    "qualifier", "kind", "of_value", "subject", "sentence",
]
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague", "part_of")

# Digits start with a digit so the regex engine can skip other characters in C.
_DIGITS = re.compile(r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?")
# Currency written before the digits ("$", "US$", "£", "USD ", "Rs ").
_CURRENCY_BEFORE = re.compile(rf"(?<![A-Za-z]){CURRENCY_PREFIX_PATTERN}$")
# Number words open with one of these; the scan runs on the lower-cased body and
# starts at a non-letter so that the engine skips the inside of words fast.
_TRIGGERS = sorted("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
hundreds thousand thousands million millions billion billions trillion trillions dozen dozens
half quarter quarters third thirds fifth fifths tenth tenths couple tens scores
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
    r"|(?P<couple>a[ \t]+couple[ \t]+of\b)"
    rf"|(?P<words>{NUMBER_WORD_RUN})"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_DIGITS = frozenset(".,:/-–_")
_MULT_AFTER = re.compile(
    r"[ \t]+(?P<w>(?i:hundred|thousand|million|billion|trillion|lakh|crore))(?i:s)?"
    r"(?:[ \t]+(?P<w2>(?i:million|billion)))?\b"
    r"|(?P<a>bn|mn|mln|tn|trn|m|k|b|M|K|B|Bn|BN)(?![A-Za-z0-9])"
)
_RANGE_TAIL = re.compile(
    rf"(?P<sep>[ \t]*[-–—][ \t]*|[ \t]+(?i:to|and|or)[ \t]+)"
    rf"(?P<cur>{CURRENCY_PREFIX_PATTERN})?(?:(?P<digits>{_DIGITS.pattern})|(?P<words>(?i:{NUMBER_WORD_RUN})))"
)
_HALF_A_UNIT = re.compile(r"[ \t]+an?(?=[ \t]+[a-z])", re.IGNORECASE)
_HYPHEN_NOUN = re.compile(r"-(?P<n>[a-z]+)(?![\w-])")
_ORDINAL_HYPHEN = re.compile(
    r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|[a-z]*ieth)\b", re.IGNORECASE
)
# Race and lap times: "1:50.87", "2:07:30" (a clock time has no decimals or seconds).
_RACE_TIME = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d)(\.\d+)?|(\.\d+))(?![\d:])")
# "one in five", "one out of ten", "one of the 50": a part, not a pronoun
_PART_AFTER = re.compile(
    rf"[ \t]+(?:in|(?:out[ \t]+)?of)[ \t]+(?:the[ \t]+)?(?:\d|{NUMBER_WORD_RUN})", re.IGNORECASE
)
_OLD_AFTER = re.compile(r"(?:-|[ \t]+)old\b", re.IGNORECASE)
_ADDRESS_AFTER = re.compile(
    r"[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]+"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|Place|Drive|Boulevard|Terrace|Crescent|Close)\b"
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
_YEAR_PREPOSITION = frozenset("""
in since by from until till to of the during before after early late mid circa year
season between through throughout around about spring summer autumn winter fall
""".split())
_CURRENCY_WORDS = frozenset("dollars euros pounds yen yuan won rupees roubles rubles francs".split())
_NOT_BEFORE_FRACTION = frozenset("""
first second third fourth final last the this that next previous latter former top bottom other
opening closing early late each every either
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
        counted or measured, as written; "" when not found) and ``sentence``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"],
    ...     "body": ["Debris from 21 of the roughly 50 missiles, with ranges of about 900 km."]})
    >>> q = extract_quantities(arts)
    >>> q[["surface", "value", "unit", "qualifier", "of_value"]].values.tolist()
    [['21', 21.0, 'missile', 'part_of', 50.0], ['roughly 50', 50.0, 'missile', 'approx', nan], ['about 900 km', 900.0, 'km', 'approx', nan]]
    """
    _require(articles, ("article_id", "body"), "extract_quantities")
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
                         f.unit, f.qualifier, f.kind, f.of_value, f.subject, texts[sid]))
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
    cands: list[tuple[int, re.Match | None]] = [(m.start(), m) for m in _DIGITS.finditer(body)]
    if _WORD_AT_START.match(low):
        cands.append((0, None))
    cands.extend((m.start() + 1, None) for m in _WORD_TRIGGER.finditer(low))
    cands.sort(key=lambda c: c[0])
    figures: list[_Figure] = []
    resume = 0
    for p, dm in cands:
        if p < resume:
            continue
        if dm is not None:
            fig, resume = _read_digits(body, dm)
        else:
            fig, resume = _read_words(body, low, p)
        if fig is not None:
            figures.append(fig)
    _link_neighbours(body, figures)
    return figures


# ---------------------------------------------------------------- one figure

def _read_digits(body: str, dm: re.Match) -> tuple[_Figure | None, int]:
    """Read the figure around the digits ``dm``; return it (or None) and where to resume."""
    digits = dm.group()
    s = dm.start()
    pos = resume = dm.end()
    cm = _CURRENCY_BEFORE.search(body, max(0, s - 5), s)
    cur = cm.group() if cm else ""
    if cm:
        s = cm.start()
    if s > 0 and (body[s - 1].isalnum() or body[s - 1] in _NOT_BEFORE_DIGITS):
        return None, resume  # KN-23, A380, 1,1 lists, .5, 9/11, 09:14
    if not cur and body.startswith(":", pos):
        race = _RACE_TIME.match(body, s)
        if race is not None:
            return _race_time(body, race), race.end()
    if _ctx.NOT_AFTER_DIGITS.match(body, pos) or _ctx.CHROME_AFTER.match(body, pos):
        return None, resume
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return None, resume  # 09, 0800: clock times, phone numbers, codes
    if len(digits) > 20:
        return None, resume  # a code or a string of digits, not an amount
    before = _ctx.Before(body, s)
    if before.word(1).lower() in _ctx.CHROME_WORDS_BEFORE:
        chrome = _ctx.CHROME_OF_AFTER.match(body, pos)
        if chrome is not None:
            return None, chrome.end()  # "Image 3 of 12"
    if before.is_date() or _ctx.MONTH_AFTER.match(body, pos):
        return None, resume
    if not cur and before.is_identifier():
        return None, resume
    f = _Figure()
    value = parse_digits(digits)
    mult, pos = _multiplier(body, pos, digits, bool(cur), before)
    if mult is None:
        return None, resume
    has_mult = mult != 1.0
    f.value = value = value * mult
    if cur:
        f.unit = currency_prefix_unit(cur) or "usd"
        f.kind = "money"
        f.is_count = False
    unit_sep = ""
    if not cur:
        u = _unit_after(body, pos, value, has_mult)
        if u is not None:
            (f.unit, f.kind, scale), pos, unit_sep = u
            f.value = value * scale
            f.is_count = False
    rng = _RANGE_TAIL.match(body, pos)
    if rng is not None:
        verdict = _range(body, f, rng, digits, before, s, has_mult)
        if verdict == "skip":
            return None, max(resume, rng.end())
        if verdict is not None:
            pos, s = verdict
            resume = pos
    if _ctx.year_like(digits) and f.is_count and not has_mult and math.isnan(f.value_high):
        if not _year_is_count(body, pos, before):
            return None, resume  # a year used as a date: "in 2006", "the 2006 election"
    if f.is_count and _ADDRESS_AFTER.match(body, pos):
        return None, resume
    if f.kind == "duration" and _ctx.AGO_AFTER.match(body, pos):
        return None, resume
    return _finish(body, f, s, pos, before, unit_sep, "digits"), max(resume, pos)


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
    before = _ctx.Before(body, s)
    f = _Figure()
    text = body[s:pos]
    if group == "vague":
        value = vague_value(text)
        f.qualifier = "vague"
        has_mult = True
    elif group == "frac":
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
            return _finish(body, f, s, pos, before, " ", group), pos
        f.value = round(frac * 100, 4)
        f.unit, f.kind, f.is_count = "percent", "percentage", False
        return _finish(body, f, s, pos, before, "", group), resume
    elif group == "couple":
        value = 2.0
        f.qualifier = "approx"
        f.own_qualifier = True
        has_mult = False
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
    u = _unit_after(body, pos, value, has_mult)
    if u is not None:
        (f.unit, f.kind, scale), pos, unit_sep = u
        f.value = value * scale
        f.is_count = False
    if group in ("words", "ascale"):
        rng = _RANGE_TAIL.match(body, pos)
        if rng is not None:
            verdict = _range(body, f, rng, "", before, s, has_mult)
            if verdict == "skip":
                return None, max(resume, rng.end())
            if verdict is not None:
                pos, s = verdict
    if f.kind == "duration" and _ctx.AGO_AFTER.match(body, pos):
        return None, max(resume, pos)
    return _finish(body, f, s, pos, before, unit_sep, group), max(resume, pos)


_NUMBER_WORD_TOKEN = re.compile(r"[a-z]+")
_OF_UNIT = re.compile(r"[ \t]+of[ \t]+(?P<u>[A-Za-z]+)\b")


def _next_word_start(body: str, pos: int) -> int:
    m = _NEXT_WORD.match(body, pos)
    return m.start("w") if m else -1


def _longest_number_prefix(low: str, s: int, end: int) -> tuple[float | None, int]:
    """Value and end of the longest prefix of the word run ``low[s:end]`` that parses."""
    ends = [m.end() for m in _NUMBER_WORD_TOKEN.finditer(low, s, min(end, s + 120))]
    for e in reversed(ends[:8]):
        value = parse_number_words(low[s:e])
        if value is not None:
            return value, e
    return None, end


def _year_is_count(body: str, pos: int, before: _ctx.Before) -> bool:
    """A year-like number is a count only with a qualifier or a plural noun after it."""
    if before.qualifier() is not None:
        return True
    nxt = _NEXT_WORD.match(body, pos)
    if nxt is None or not nxt.group("w").islower() or not is_plural(nxt.group("w")):
        return False
    return before.word(1).lower() not in _YEAR_PREPOSITION


def _finish(body: str, f: _Figure, s: int, pos: int, before: _ctx.Before, unit_sep: str,
            group: str) -> _Figure | None:
    """Qualifiers, counted noun / subject and the final span."""
    start = s
    if f.qualifier != "range":
        # written after the number: "50 or so", "100 or more", "50-odd"
        t = _ctx.QUALIFIER_AFTER.match(body, pos)
        if t is not None:
            f.qualifier = _ctx.trailing_qualifier(t.group("q"))
            f.own_qualifier = True
            pos = t.end()
        # written before: "about 900", "more than 1,000", "up to 3 million"
        q = before.qualifier()
        if q is not None and not before.after_from(q[2]):
            qual, q_start, _ = q
            if not (f.qualifier == "vague" and qual == "approx"):
                f.qualifier = qual
                f.own_qualifier = True
                start = q_start
    # age: "aged 34", "Bernie Ebbers, 63, said"
    if f.is_count and not f.unit:
        if before.is_age():
            f.unit, f.kind, f.is_count = "year", "duration", False
        elif group == "digits" and f.value < 120 and f.value == int(f.value) and math.isnan(f.value_high):
            name_start = before.age_name()
            if name_start is not None and _ctx.AGE_APPOSITION_AFTER.match(body, pos):
                f.unit, f.kind, f.is_count = "year", "duration", False
                f.subject = body[name_start:s].rstrip(" \t,")
    if f.is_count:
        plural = not (f.value == 1 and math.isnan(f.value_high)) or f.qualifier == "vague"
        hy = _HYPHEN_NOUN.match(body, pos)
        if hy is not None:
            noun = hy.group("n")
            if noun.endswith(("ed", "ing", "ly")) or _ctx.HYPHEN_IDIOM_AFTER.match(body, pos):
                return None  # "two-pronged", "one-off"
            if noun != "strong":
                f.unit = _np.head_unit(noun)
            phrase = _np.read_noun_phrase(body, hy.end(), False)
            if phrase is not None:
                f.subject = body[phrase.start:phrase.end]
            f.np_end = phrase.head_end if phrase else hy.end()
        else:
            phrase = _np.read_noun_phrase(body, pos, plural) or _np.read_of_phrase(body, pos, plural)
            if phrase is not None:
                f.subject = body[phrase.start:phrase.end]
                f.np_end = phrase.head_end
                as_unit = lookup_unit(phrase.head)
                if as_unit is not None and phrase.head_end == phrase.end:
                    # "millions of dollars", "hundreds of miles": the noun is a unit
                    f.unit, f.kind, f.is_count = as_unit[0], as_unit[1], False
                    f.value *= as_unit[2]
                else:
                    f.unit = _np.head_unit(phrase.head)
            elif f.qualifier == "vague" and _OF_UNIT.match(body, pos):
                # "hundreds of years", "thousands of miles": the noun is a unit
                found = lookup_unit(_OF_UNIT.match(body, pos).group("u"))
                if found is not None:
                    f.unit, f.kind, f.is_count = found[0], found[1], False
                    f.value *= found[2]
            elif (group in ("words", "ascale") and f.value == 1 and not f.own_qualifier
                  and not _PART_AFTER.match(body, pos)):
                return None  # a bare "one" is a pronoun ("one could argue")
            if (phrase is not None and f.value > 1 and phrase.head[0].isupper()
                    and not is_plural(phrase.head.lower()) and phrase.start == _next_word_start(body, pos)):
                # "10 Alicia Molik (Australia)": a rank or list number before a name
                if before.sentence_start():
                    return None
                f.unit = ""
        if not f.unit and f.value != int(f.value) and f.qualifier != "vague":
            f.kind = "other"
    elif f.kind == "duration" and _OLD_AFTER.match(body, pos):
        pos = _OLD_AFTER.match(body, pos).end()  # an age: "the 74-year-old Eastwood"
        phrase = _np.read_noun_phrase(body, pos, False)
        if phrase is not None:
            f.subject = body[phrase.start:phrase.end]
    elif not f.subject:
        phrase = None
        if f.kind != "money" or unit_sep:
            phrase = _np.read_noun_phrase(body, pos, False)
        phrase = phrase or _np.read_of_phrase(body, pos, True)
        if phrase is not None:
            f.subject = body[phrase.start:phrase.end]
        else:
            span = _np.noun_before_of(before, start)
            if span is not None:
                f.subject = body[span[0]:span[1]]
    f.start, f.end = start, pos
    return f


# ---------------------------------------------------------------- pieces

def _word_numeral_ok(body: str, text: str, s: int, pos: int, before: _ctx.Before) -> bool:
    """Reject number words that are names, pronouns or idioms."""
    if text[0].isupper() and not before.sentence_start():
        return False  # "Formula One", "the Big Four", "BBC Two"
    if _ORDINAL_HYPHEN.match(body, pos) or _ctx.HYPHEN_IDIOM_AFTER.match(body, pos):
        return False  # "twenty-first", "one-off", "two-way"
    if before.word(1).lower() in _ctx.IDENTIFIER_WORDS:
        return False  # "number three", "the top ten"
    if text.lower() == "one":
        if before.word(1).lower() in _ctx.PRONOUN_ONE_BEFORE or _ctx.PRONOUN_ONE_AFTER.match(body, pos):
            return False
    return True


def _multiplier(body: str, pos: int, digits: str, has_currency: bool,
                before: _ctx.Before) -> tuple[float | None, int]:
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
        return None, pos  # "5B", "3M": codes, not amounts
    return MULTIPLIERS[low], mm.end()


def _m_means_million(body: str, after: int, digits: str, before: _ctx.Before) -> bool:
    """Is the "m" in "2.3m" a million (people, pounds) rather than metres?"""
    if _METRE_AFTER.match(body, after):
        return False
    nxt = _NEXT_WORD.match(body, after)
    if nxt is not None:
        w = nxt.group("w").lower()
        if w in _CURRENCY_WORDS or w == "of" or (nxt.group("w").islower() and is_plural(w)):
            return True
    return any(t.lower().strip(".,;:()\"'") in _MONEY_WORDS or t[:1] in "$£€¥" for t in before.tokens[-6:])


def _unit_after(body: str, pos: int, value: float, has_mult: bool):
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
    if sep and len(surface) == 1 and surface != "%":
        return None  # "5 m", "3 t": too ambiguous when written apart
    if sep.strip() == "-" and (surface == "%" or unit in MONEY_UNITS):
        return None
    if unit == "krw" and surface.lower() == "won" and not (has_mult or value >= 1000):
        return None  # "won" is usually the verb
    return found, u.end(), sep


def _range(body: str, f: _Figure, rng: re.Match, digits: str, before: _ctx.Before, s: int,
           has_mult: bool):
    """Decide whether a following number makes a range.

    Returns ``(new_pos, new_start)`` for a range, ``"skip"`` when the pair
    is not a quantity at all (a score, a span of years, a code), or ``None``
    to leave the second number to be read on its own.
    """
    sep = rng.group("sep").strip().lower()
    d2 = rng.group("digits")
    w2 = rng.group("words")
    dash = sep in ("-", "–", "—")
    if (d2 is None) != (not digits):
        return None  # "10 to fifteen": mixed writing, not read as a range
    pos = rng.end()
    mult2 = 1.0
    if d2 is not None:
        if dash and _ctx.year_like(digits) and (_ctx.year_like(d2) or len(d2) == 2):
            return "skip"  # 2001-2004, 2004-05
        if _ctx.NOT_AFTER_DIGITS.match(body, pos):
            return "skip" if dash else None
        v2 = parse_digits(d2)
        mm = _MULT_AFTER.match(body, pos)
        if mm is not None and (mm.group("w") or mm.group("a") in ("bn", "m", "k", "tn")):
            mult2 = MULTIPLIERS[(mm.group("w") or mm.group("a")).lower()]
            if mm.group("w2"):
                mult2 *= MULTIPLIERS[mm.group("w2").lower()]
            pos = mm.end()
    else:
        v2 = parse_number_words(w2)
        if v2 is None:
            return None
    if d2 is not None and sep in ("-", "–", "—", "to", "and") and _ctx.MONTH_AFTER.match(body, pos):
        return "skip"  # 20-21 January, from 14 to 17 February: dates
    if dash:
        if re.match(r"[ \t]*[-–—][ \t]*\d", body[pos:pos + 4]):
            return "skip"  # 4-4-2, phone numbers
        if digits and parse_digits(digits) <= 30 and v2 <= 30 and _ctx.SCORE_CONTEXT.search(
                body, max(0, s - 40), min(len(body), pos + 40)):
            return "skip"  # a match score: "won 3-1"
    low = f.value
    high = v2 * mult2
    if not has_mult and mult2 != 1.0 and low < v2:
        low *= mult2  # "between 2 and 3 million"
    if digits and d2 and _ctx.year_like(digits) and _ctx.year_like(d2) and not has_mult:
        return "skip" if dash or sep == "and" else None  # between 2001 and 2004: years
    new_start = s
    if sep == "and":
        new_start = before.between(0)
        if new_start is None or not low < high:
            return None
    elif sep == "or":
        if not low < high or low != int(low) or high != int(high) or mult2 != 1.0:
            return None
    elif sep == "to":
        if not low < high or before.after_from():
            return None
    elif not low < high:  # a dash between a larger and a smaller number
        return "skip" if f.is_count and not has_mult else None
    # the unit may follow the second number only ("10-20 km"); a different unit
    # means two figures ("fell 46% to 1.6bn euros")
    u = _unit_after(body, pos, high, mult2 != 1.0)
    cur2 = rng.group("cur")
    unit2 = (currency_prefix_unit(cur2) or "usd") if cur2 else (u[0][0] if u is not None else None)
    if unit2 is None:
        if not f.is_count and f.kind != "money":
            return None
    elif not f.is_count and unit2 != f.unit:
        return None
    elif f.is_count and cur2:
        return None
    if u is not None and not cur2:
        (unit, kind, scale), pos2, _sep = u
        if f.is_count:
            low *= scale
        high *= scale
        f.unit, f.kind, f.is_count = unit, kind, False
        pos = pos2
    f.value = low
    f.value_high = high
    f.qualifier = "range"
    f.own_qualifier = True
    return pos, new_start


# ---------------------------------------------------------------- neighbours

_OF_GAP = re.compile(
    r"[ \t]+(?:out[ \t]+)?of[ \t]+(?:(?:the|these|those|its|their|his|her|our|an?|all)[ \t]+)?"
    r"(?:[A-Z][A-Za-z.-]*(?:['’]s?|s['’])[ \t]+)?$",  # "92 of the Lords' 750 peers"
)
_IN_GAP = re.compile(r"[ \t]+in[ \t]+$", re.IGNORECASE)
_COORD_GAP = re.compile(r"[ \t]*,?[ \t]+(?:or|and|and/or)[ \t]+$", re.IGNORECASE)


def _link_neighbours(body: str, figures: list[_Figure]) -> None:
    """Link "X of (the) Y" and let a qualifier scope over "A or B"."""
    for a, b in zip(figures, figures[1:]):
        gap_start = a.end
        if b.start - gap_start > 48 or b.start < gap_start:
            continue
        gap = body[gap_start:b.start]
        if "\n" in gap:
            continue
        # "21 of the roughly 50 missiles", "nine out of 10 people", "one in five adults"
        if (a.kind in ("count", "percentage") and b.kind == "count" and math.isnan(a.value_high)
                and (_OF_GAP.match(gap) or (_IN_GAP.match(gap) and a.kind == "count"
                                           and a.value < b.value and not a.unit))):
            a.qualifier = "part_of"
            a.of_value = b.value
            if a.kind == "count":
                a.unit = b.unit
                a.subject = b.subject
            continue
        # "up to 3 million rounds or 500,000 shells": the bound covers both
        if (a.own_qualifier and a.qualifier in ("approx", "at_least", "at_most")
                and not b.own_qualifier and b.qualifier == "exact" and a.kind == b.kind):
            np_end = a.np_end if a.np_end > 0 else a.end
            if np_end <= b.start and _COORD_GAP.fullmatch(body, np_end, b.start):
                b.qualifier = a.qualifier
