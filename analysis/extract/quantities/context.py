"""Context rules around a numeral: the qualifier before it, and whether it
is a quantity at all (dates, clock times, identifiers, ordinals, page chrome
are not).

Every rule looks at a bounded window of text beside the numeral (at most
:data:`WINDOW` characters), so the cost per numeral is constant and the
extractor stays linear in the length of the body whatever the text.
"""

from __future__ import annotations

import re

from analysis.lexicon.calendar import MONTH_PATTERN
from analysis.lexicon.quantity_words import (AGE_DETERMINERS, AGE_WORDS, CHANGE_WORDS, CHROME_LABELS, CHROME_WORDS_BEFORE,
                                             DAY_JOINERS, IDENTIFIER_WORDS, MONTH_ABBREVIATIONS_DOT, NAME_EXEMPT, NOT_LABEL_NOUNS,
                                             NOT_NAMES, PRONOUN_ONE_BEFORE, QUALIFIER_PHRASES, RANGE_WORDS)
from analysis.lexicon.units import is_plural

#: Characters of context read before or after a numeral.
WINDOW = 64

# ------------------------------------------------------------------ qualifiers

# Qualifiers written after the number: "50 or so", "100 or more", "50-odd", "50-plus", "50+".
QUALIFIER_AFTER = re.compile(
    r"(?P<q>[ \t]+or[ \t]+(?:so|more|fewer|less|over|under)\b|-odd\b|-plus\b|[ \t]*\+(?![\d+]))",
    re.IGNORECASE,
)


def qualifier_for(phrase: str) -> str:
    """Map a qualifier phrase as written to the qualifier vocabulary."""
    return QUALIFIER_PHRASES[re.sub(r"\s+", " ", phrase.lower())]


def trailing_qualifier(phrase: str) -> str:
    p = phrase.strip().lower()
    if p.endswith(("more", "over", "plus", "+")):
        return "at_least"
    if p.endswith(("fewer", "less", "under")):
        return "at_most"
    return "approx"  # "or so", "-odd"


# ---------------------------------------------------------------- exclusions

# After the digits: ordinals, clock times, versions, slashes, decades.
NOT_AFTER_DIGITS = re.compile(
    r"(?i:st|nd|rd|th)\b"                 # 2nd, 21st
    r"|:\d"                               # 09:14, and 2:1 ratios and scores
    r"|\.\d"                              # 1.2.3 versions (the digits already took "1.2")
    r"|/\d"                               # 24/7, 9/11, 1/2
    r"|['’]?s\b"                          # 1990s, the '90s
    r"|[ \t]?(?i:[ap]\.m\.|[ap]m\b)"       # 9am, 10 p.m.
    r"|[ \t]?(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|KST|JST|IST|ET|PT)\b"  # 1400 GMT
)
# A date around the numeral (month names must be capitalised: "may" is a verb).
_MONTH_CAP = "|".join(m.capitalize() for m in MONTH_PATTERN.split("|"))
MONTHS_CAPITALISED = frozenset(m.capitalize() for m in MONTH_PATTERN.split("|"))
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{_MONTH_CAP})\b\.?")
AGE_APPOSITION_AFTER = re.compile(r"[ \t]*(?:,|\))")
# "three years ago" is a date (left to the date extractor), not a duration.
AGO_AFTER = re.compile(r"[ \t]+ago\b", re.IGNORECASE)
# Sports results: "won 3-1", "a 2-0 defeat".
SCORE_CONTEXT = re.compile(
    r"\b(?:beat|beats|beaten|won|win|wins|winning|winner|lost|lose|loses|losing|defeat|defeats|"
    r"defeated|victory|victories|draw|drew|drawn|lead|led|leads|trail|trailed|trailing|score|"
    r"scored|scoreline|thrashing|thrashed|aggregate|sets?|match|game|tie|clash|half-time|"
    r"hammered|edged|routed|rout|crushed|odds|bookmakers?|favourites?)\b",
    re.IGNORECASE,
)
# Page furniture that contains numbers but no figure, read after the digits
# ("2 min read", "100% Font Size", "1 of 12 photos") ...
CHROME_AFTER = re.compile(
    r"[ \t]*(?:min|mins|minute|minutes)[ \t]+read\b"
    r"|%[ \t]*(?:font|text)[ \t]+size\b"
    r"|[ \t]+of[ \t]+\d+[ \t]+(?:images|photos|pictures|slides)\b"
    r"|[ \t]+(?:comments?|shares?|likes?)[ \t]*(?=\n|$|\|)",
    re.IGNORECASE,
)
CHROME_OF_AFTER = re.compile(r"[ \t]+of[ \t]+\d+", re.IGNORECASE)
# Number-word compounds that are idioms, not amounts ("one-off", "two-way").
HYPHEN_IDIOM_AFTER = re.compile(
    r"-(?:off|sided|time|way|on-one|to-one|liner|liners|stop|shot|horse|size|all|nil|love|"
    r"armed|eyed|handed|legged|man|party|track|dimensional|piece|seater|nation|up|two|star|tier)\b",
    re.IGNORECASE,
)
PRONOUN_ONE_AFTER = re.compile(r"[ \t]+another\b|['’]s\b|[ \t]+(?:day|way|time|hand)\b", re.IGNORECASE)


def year_like(text: str) -> bool:
    """A bare four-digit integer in the span of years news text refers to."""
    return len(text) == 4 and text.isdigit() and 1200 <= int(text) <= 2100


# ------------------------------------------------------------ words before

_TOKEN = re.compile(r"\S+")
_DAY_TOKEN = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?$")
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.&-]*$")
_OPENERS = ("\"", "“", "‘", "(", "[", "'")
_CLOSERS = (".", "!", "?", ":", ";", ".\"", ".”", "?\"", "?”", "!\"", "!”", ".'", ".’", ".)")


class Before:
    """The words just before a numeral (same line, at most :data:`WINDOW` characters).

    Reading a handful of whitespace-separated tokens and looking them up in
    sets is much cheaper than end-anchored regex searches, and it is bounded
    by the window whatever the text.
    """

    __slots__ = ("tokens", "spaced", "attached", "_seg", "_offset", "_starts")

    def __init__(self, body: str, s: int) -> None:
        ws = max(0, s - WINDOW)
        seg = body[ws:s]
        nl = seg.rfind("\n")
        if nl >= 0:
            seg = seg[nl + 1:]
            ws += nl + 1
        tokens = seg.split()
        self.spaced = seg[-1:].isspace()
        # a token glued to the numeral ("(", "\"", "-") is not a word before it
        self.attached = tokens.pop() if tokens and not self.spaced else ""
        self.tokens = tokens
        self._seg = seg
        self._offset = ws
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Body offsets of :attr:`tokens` (computed only when a rule needs them)."""
        if self._starts is None:
            found = [m.start() + self._offset for m in _TOKEN.finditer(self._seg)]
            self._starts = found[:len(self.tokens)]
        return self._starts

    def word(self, back: int = 1) -> str:
        """The ``back``-th word before the numeral ("" when there is none)."""
        return self.tokens[-back] if len(self.tokens) >= back and not self.attached else ""

    def phrase(self, k: int) -> str:
        return " ".join(self.tokens[-k:]).lower() if len(self.tokens) >= k else ""

    def qualifier(self, skip: int = 0) -> tuple[str, int, int] | None:
        """``(qualifier, start offset, words used)`` of a qualifier phrase ending ``skip`` words back."""
        if self.attached and self.attached not in ("(", "\"", "“"):
            return None
        toks = self.tokens[:len(self.tokens) - skip] if skip else self.tokens
        for k in (4, 3, 2, 1):
            if len(toks) >= k:
                # "(nearly €18 billion)": an opening bracket or quote before the phrase
                joined = " ".join(toks[-k:]).lower()
                phrase = joined.lstrip("(\"“‘[")
                if phrase in QUALIFIER_PHRASES:
                    start = self.starts[len(toks) - k] + len(joined) - len(phrase)
                    return QUALIFIER_PHRASES[phrase], start, k
        return None

    def is_date(self) -> bool:
        """Month name before the number: "January 2", "Jan. 5, 2024", "March 2023"."""
        w = self.word(1)
        if not w:
            return False
        if _is_month(w):
            return True
        if _DAY_TOKEN.match(w) and _is_month(self.word(2)):
            return True
        # the second day of "Sept. 7 to 8", "January 2 and 4", "April 2-3"
        return (w.lower() in DAY_JOINERS and bool(_DAY_TOKEN.match(self.word(2)))
                and _is_month(self.word(3)))

    def is_identifier(self) -> bool:
        """A name or code before the number: "resolution 1718", "No. 10", "Boeing 747"."""
        w = self.word(1).lstrip("(\"'“‘[")
        if not w:
            return self.attached == "#"
        low = w.lower()
        if low in IDENTIFIER_WORDS or w in ("No", "No."):
            return True
        if not w[0].isupper() or not _NAME_TOKEN.match(w) or w.endswith(("'s", "’s", "s'")) \
                or _CONTRACTION.search(w):
            return False  # "I'm 1.8m tall", "We've 20": contractions are not names
        low = low.rstrip(".")
        return low not in NAME_EXEMPT and low not in QUALIFIER_PHRASES and low not in NOT_NAMES

    def is_ticker(self) -> bool:
        """A market ticker line: "BAFL 39.81 Increased By ▲ 0.24 (0.61%)"."""
        return any(t.strip("()") in _TICKER_MARKS for t in self.tokens[-3:]) or self.attached in _TICKER_MARKS

    def is_label_list(self, body: str, pos: int, digits: str) -> bool:
        """The first number of a list of labels ("pipelines 1 and 2", "reactors 5 and 6"),
        or a later one ("Nord Stream 1 and 2": the 2 after a label)."""
        if not digits.isdigit() or len(digits) > 3:
            return False
        w1 = self.word(1)
        if w1.lower() in ("and", "or", "&") or w1.endswith(","):
            w2 = self.word(2).rstrip(",") if not w1.endswith(",") else w1.rstrip(",")
            k = 3 if not w1.endswith(",") else 2
            if w2.isdigit() and len(w2) <= 3:
                w3 = self.word(k)
                return bool(w3) and (w3.lower() in IDENTIFIER_WORDS or _label_noun(w3) or (
                    w3[0].isupper() and _NAME_TOKEN.match(w3) is not None and w3.lower() not in NAME_EXEMPT
                    and w3.lower() not in QUALIFIER_PHRASES and w3.lower() not in NOT_NAMES))
            return False
        return _label_noun(w1) and _LIST_AFTER.match(body, pos) is not None

    def is_age(self) -> bool:
        return self.phrase(1) in AGE_WORDS or self.phrase(2) in AGE_WORDS

    def age_name(self) -> int | None:
        """Start of "Name," right before the number ("Bernie Ebbers, 63, ...")."""
        w = self.word(1)
        if len(w) > 2 and w.endswith(",") and w[0].isupper() and w[1:-1].isalpha() and w[1:-1].islower():
            i = len(self.tokens) - 1
            while (i > 0 and self.tokens[i - 1][:1].isupper() and self.tokens[i - 1].isalpha()
                   and self.tokens[i - 1].lower() not in NAME_EXEMPT):
                i -= 1
            return self.starts[i]
        # "the man, 42, was charged", "his wife, 35,": a determiner, a noun, the age
        if len(w) > 2 and w.endswith(",") and w[:-1].isalpha() and w[:-1].islower():
            for k in (2, 3):
                if self.word(k).lower() in AGE_DETERMINERS:
                    return self.starts[len(self.tokens) - k]
                if not self.word(k).isalpha() or not self.word(k).islower():
                    break
        return None

    def sentence_start(self) -> bool:
        if self.attached:
            return self.attached.endswith(_OPENERS)
        return not self.tokens or self.tokens[-1].endswith(_CLOSERS)

    def between(self, skip: int = 0) -> int | None:
        """Start of "between" right before the number (maybe with a qualifier in between)."""
        for k in (1 + skip, 2 + skip):
            if self.word(k).lower() == "between" and (k == 1 + skip or self.qualifier(skip) is not None):
                return self.starts[len(self.tokens) - k]
        return None

    def after_from(self, skip: int = 0) -> bool:
        """The number follows "from" ("rose from 10 to 20" is two values, not a range)."""
        return self.word(1 + skip).lower() == "from" or (
            self.word(2 + skip).lower() == "from" and self.qualifier(skip) is not None)

    def from_start(self) -> int | None:
        """Start of "from" right before the number when a range word comes before it.

        "ranges from 300 to 500 km", "anywhere from 10 to 20" are ranges; news
        mostly writes "from X to Y" for a change ("raise the age for council
        workers from 60 to 65"), two figures.
        """
        if self.word(1).lower() != "from":
            return None
        for k in (2, 3, 4):
            if self.word(k).lower().strip(",") in RANGE_WORDS:
                return self.starts[len(self.tokens) - 1]
        return None

    def after_change(self) -> bool:
        """A change verb right before the number: "rose $1.20 to $74.50" is a change and a level."""
        return self.word(1).lower() in CHANGE_WORDS


_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d)$|n['’]t$", re.IGNORECASE)


def _is_month(word: str) -> bool:
    w = word.rstrip(",")
    return w.rstrip(".") in MONTHS_CAPITALISED or w.lower() in MONTH_ABBREVIATIONS_DOT


_TICKER_MARKS = frozenset("▲ ▼ △ ▽ ↑ ↓".split())
_LIST_AFTER = re.compile(r"(?:[ \t]*,|[ \t]+(?:and|or|&))[ \t]+\d{1,3}\b(?![.,]\d)")


def _label_noun(word: str) -> bool:
    """A lower-case plural noun that labels what follows ("pipelines 1 and 2")."""
    return (word.isalpha() and word.islower() and word not in NOT_LABEL_NOUNS and is_plural(word)
            and word not in CHANGE_WORDS and word not in AGE_WORDS)


