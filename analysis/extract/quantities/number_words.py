"""Read numerals as news text writes them: digits, number words, multipliers,
fractions and vague amounts.

The tables and regex fragments here are shared by the quantity extractor;
the parsers are pure functions on short strings (one numeral at a time), so
their cost is proportional to the numeral, never to the article.

Examples
--------
>>> parse_digits("1,000")
1000.0
>>> parse_number_words("one and a half million")
1500000.0
>>> parse_number_words("twenty-four")
24.0
>>> vague_value("several dozen")
36.0
"""

from __future__ import annotations

import re

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Scale words, both spelled out and as news abbreviations ("£600m", "1.13bn").
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}
#: "dozen" behaves as a number word ("a dozen", "two dozen"), not an abbreviation.
DOZEN = 12.0

# Fractions are only read before "of"/a determiner ("a third of", "half the");
# "the third quarter" and "the second half" are ordinals, not amounts.
FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3,
    "quarter": 1 / 4, "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5,
    "tenth": 1 / 10, "tenths": 1 / 10,
}

# Regex fragments (used inside larger patterns compiled with re.IGNORECASE).
_SIMPLE = sorted(list(UNITS_WORDS) + list(TENS_WORDS), key=len, reverse=True)
NUMBER_WORD = r"(?:" + "|".join(_SIMPLE) + r"|hundred|thousand|million|billion|trillion|dozen)"
# A run of number words: "twenty-four", "one hundred and fifty", "two million".
# Each repetition must consume a separator and then a number word, and a
# separator can never be part of a word, so the run matches in linear time.
# "and" joins only after a scale word ("one hundred and fifty", but "parts one
# and two" are two numbers).
_AFTER_SCALE = "(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion)|(?<=trillion))"
NUMBER_WORD_RUN = (
    rf"\b{NUMBER_WORD}(?:(?:[ \t]+|-|{_AFTER_SCALE}[ \t]+and[ \t]+){NUMBER_WORD})*"
    r"(?:[ \t]+and[ \t]+a[ \t]+half(?:[ \t]+(?:dozen|hundred|thousand|million|billion|trillion))?)?\b"
)
# "a dozen", "a million", "half a million", "a hundred and fifty"
A_SCALE = (
    r"\b(?:a|one|half[ \t]+a|(?:a[ \t]+)?(?:half|quarter)|three[ \t]+quarters)"
    r"[ \t]+(?:dozen|hundred|thousand|million|billion|trillion)"
    rf"(?:(?:[ \t]+|{_AFTER_SCALE}[ \t]+and[ \t]+){NUMBER_WORD})*\b"
)
# Vague amounts built on a numeral: "several dozen", "dozens", "tens of thousands".
VAGUE = (
    r"\b(?:(?:several|a[ \t]+few|a[ \t]+couple[ \t]+of|many)[ \t]+"
    r"(?:dozen|hundred|thousand|million|billion)(?![ \t]*-)"
    r"(?:[ \t]+(?:thousand|million|billion))?"
    r"|(?:tens|hundreds|dozens|scores)[ \t]+of[ \t]+(?:thousands|millions|billions)"
    r"|dozens|hundreds|thousands|millions|billions|trillions"
    r"|scores(?=[ \t]+of\b))\b"
)

# Factors written as one word: "twofold", "a tenfold rise"; verbs of doubling
# ("to double the number", "more than doubling") are checked in context by the extractor.
_FACTORS: dict[str, float] = {
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "tenfold": 10,
    "hundredfold": 100, "double": 2, "doubled": 2, "doubling": 2, "triple": 3, "tripled": 3,
    "tripling": 3, "quadruple": 4, "quadrupled": 4, "quadrupling": 4,
}
FACTOR_WORDS = r"\b(?:" + "|".join(sorted(_FACTORS, key=len, reverse=True)) + r")\b"
#: Factor words that are verbs or adjectives and count only before a determiner.
FACTOR_NEEDS_OBJECT = frozenset({"double", "triple", "quadruple"})

_WORD_SPLIT = re.compile(r"[\s-]+")
# Lower bound of the vague head words when used in the plural: "hundreds"
# means at least two hundred.
_VAGUE_PLURAL: dict[str, float] = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2e3,
    "millions": 2e6, "billions": 2e9, "trillions": 2e12, "tens": 20.0,
}
# Lower bound of the vague determiners: "several" is more than two, "a few"
# and "a couple of" at least two, "many" is taken as several.
_VAGUE_DETERMINER: dict[str, float] = {"several": 3.0, "few": 2.0, "couple": 2.0, "many": 3.0}


def parse_digits(text: str) -> float:
    """Parse a digit numeral with thousands separators and decimals.

    >>> parse_digits("2.3")
    2.3
    >>> parse_digits("12,500"), parse_digits("4 512")
    (12500.0, 4512.0)
    """
    return float(text.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))


def parse_number_words(text: str) -> float | None:
    """Parse a run of English number words; ``None`` if it is not one.

    Handles compounds ("twenty-four", "one hundred and fifty"), scales
    ("two million", "a dozen", "half a million") and "and a half"
    ("one and a half million" = 1,500,000, "two and a half" = 2.5).

    >>> parse_number_words("a hundred and fifty")
    150.0
    >>> parse_number_words("half a million")
    500000.0
    >>> parse_number_words("two dozen")
    24.0
    """
    words = [w for w in _WORD_SPLIT.split(text.lower().strip()) if w]
    if not words:
        return None
    part = _SCALE_PARTS.get(tuple(words[:-1])) if len(words) in (2, 3) else None
    if part is not None and words[-1] in _SCALES:
        return part * MULTIPLIERS[words[-1]]  # "half million", "a quarter million", "three quarters billion"
    half = False
    if words[0] == "half" and len(words) >= 2 and words[1] in ("a", "an"):
        # "half a million": a half times the scale that follows
        words = words[2:]
        half = True
        if not words:
            return None
    # "one and a half million": strip "and a half", remember it, and apply it
    # before the last scale word (or at the end when there is none).
    and_half_at = None
    for i in range(len(words) - 2):
        if words[i] == "and" and words[i + 1] == "a" and words[i + 2] == "half":
            and_half_at = i
            break
    if and_half_at is not None:
        head, tail = words[:and_half_at], words[and_half_at + 3:]
        base = _parse_plain(head)
        if base is None:
            return None
        base += 0.5
        for w in tail:
            if w in MULTIPLIERS and w not in ("k", "m", "b"):
                base *= MULTIPLIERS[w]
            elif w == "dozen":
                base *= DOZEN
            else:
                return None
        return base * (0.5 if half else 1.0)
    value = _parse_plain(words)
    if value is None:
        return None
    return value * 0.5 if half else value


# A part of a scale word written without "of a": "half million", "a quarter billion".
_SCALE_PARTS = {("half",): 0.5, ("a", "half"): 0.5, ("quarter",): 0.25, ("a", "quarter"): 0.25,
                ("three", "quarters"): 0.75}
_SCALES = frozenset({"thousand", "million", "billion", "trillion"})


def _parse_plain(words: list[str]) -> float | None:
    """Total/current accumulation over number words; ``None`` for sequences
    that are not one number ("two one", "twenty fourteen", "five six")."""
    total = 0.0
    current = 0.0
    last = ""
    for w in words:
        if w == "and":
            continue
        if w in ("a", "an"):
            if last:
                return None
            current, last = 1.0, "a"
        elif w in UNITS_WORDS:
            n = UNITS_WORDS[w]
            if last in ("a", "unit") or (last == "tens" and not 0 < n < 10):
                return None
            current += n
            last = "unit"
        elif w in TENS_WORDS:
            if last not in ("", "hundred", "scale"):
                return None
            current += TENS_WORDS[w]
            last = "tens"
        elif w in ("dozen", "hundred"):
            if last not in ("", "a", "unit", "tens") or (w == "hundred" and last == "tens"):
                return None
            current = (current or 1.0) * (DOZEN if w == "dozen" else 100)
            last = "hundred"
        elif w in ("thousand", "million", "billion", "trillion"):
            if last not in ("", "a", "unit", "tens", "hundred"):
                return None
            total += (current or 1.0) * MULTIPLIERS[w]
            current = 0.0
            last = "scale"
        else:
            return None
    return total + current if last else None


def vague_value(text: str) -> float | None:
    """The lower bound a vague amount stands for (see ``docs/quantities.md``).

    >>> vague_value("thousands")
    2000.0
    >>> vague_value("tens of thousands")
    20000.0
    >>> vague_value("a few hundred")
    200.0
    >>> vague_value("hundreds of millions")
    200000000.0
    """
    words = [w for w in _WORD_SPLIT.split(text.lower().strip()) if w not in ("", "a", "of")]
    if not words:
        return None
    if words[0] in _VAGUE_DETERMINER:
        value = _VAGUE_DETERMINER[words[0]]
        for w in words[1:]:
            if w == "dozen":
                value *= DOZEN
            elif w in MULTIPLIERS:
                value *= MULTIPLIERS[w]
            else:
                return None
        return value
    if words[0] in _VAGUE_PLURAL:
        value = _VAGUE_PLURAL[words[0]]
        for w in words[1:]:
            scale = w[:-1] if w.endswith("s") else w
            if scale in MULTIPLIERS:
                value *= MULTIPLIERS[scale]
            else:
                return None
        return value
    return None


def fraction_value(text: str) -> float | None:
    """Value of a fraction phrase ("a quarter", "two-thirds", "half"), as a fraction of one.

    >>> round(fraction_value("two-thirds"), 4)
    0.6667
    >>> fraction_value("half")
    0.5
    """
    words = [w for w in _WORD_SPLIT.split(text.lower().strip()) if w]
    if not words or words[-1] not in FRACTION_WORDS:
        return None
    part = FRACTION_WORDS[words[-1]]
    if len(words) == 1:
        return part
    if len(words) == 2:
        if words[0] in ("a", "an", "one"):
            return part
        if words[0] in UNITS_WORDS:
            return UNITS_WORDS[words[0]] * part
    return None


def factor_value(text: str) -> float | None:
    """The factor a one-word multiplier stands for ("twofold" -> 2, "tripled" -> 3).

    >>> factor_value("Twofold"), factor_value("doubling")
    (2.0, 2.0)
    """
    v = _FACTORS.get(text.lower())
    return None if v is None else float(v)
