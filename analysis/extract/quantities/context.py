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
from analysis.lexicon.units import is_plural

#: Characters of context read before or after a numeral.
WINDOW = 64

# ------------------------------------------------------------------ qualifiers

# Words before a number that bound or soften it, mapped to the qualifier.
_QUALIFIER_PHRASES: dict[str, str] = {
    # approx
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx",
    "approximately": "approx", "approx.": "approx", "approx": "approx", "nearly": "approx",
    "almost": "approx", "an estimated": "approx", "estimated": "approx", "close to": "approx",
    "circa": "approx", "c.": "approx", "more or less": "approx", "just about": "approx",
    "an average of": "approx", "on average": "approx", "averaging": "approx",
    "perhaps": "approx", "some estimated": "approx",
    # at_least
    "more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "greater than": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "not less than": "at_least", "a minimum of": "at_least",
    "just over": "at_least", "well over": "at_least", "well above": "at_least", "above": "at_least",
    "as few as": "at_least", "as little as": "at_least", "north of": "at_least",
    "exceeding": "at_least", "at a minimum": "at_least",
    # at_most
    "up to": "at_most", "less than": "at_most", "fewer than": "at_most", "under": "at_most",
    "no more than": "at_most", "not more than": "at_most", "at most": "at_most",
    "a maximum of": "at_most", "as many as": "at_most", "as much as": "at_most",
    "just under": "at_most", "below": "at_most", "just below": "at_most", "well below": "at_most",
    "well under": "at_most", "just shy of": "at_most", "shy of": "at_most", "at the most": "at_most",
    "not exceeding": "at_most", "a little under": "at_most", "a little over": "at_least",
    "a little more than": "at_least", "a little less than": "at_most", "slightly more than": "at_least",
    "slightly less than": "at_most",
    # "as far away as 690 km": the figure is a maximum; "as low as 2%" a minimum
    "as far as": "at_most", "as far away as": "at_most", "as high as": "at_most", "as long as": "at_most",
    "as large as": "at_most", "as big as": "at_most", "as heavy as": "at_most", "as deep as": "at_most",
    "as tall as": "at_most", "as wide as": "at_most", "as old as": "at_most", "as great as": "at_most",
    "as low as": "at_least", "as small as": "at_least", "as short as": "at_least", "as young as": "at_least",
}

# Qualifiers written after the number: "50 or so", "100 or more", "50-odd", "50-plus", "50+".
QUALIFIER_AFTER = re.compile(
    r"(?P<q>[ \t]+or[ \t]+(?:so|more|fewer|less|over|under)\b|-odd\b|-plus\b|[ \t]*\+(?![\d+]))",
    re.IGNORECASE,
)


def qualifier_for(phrase: str) -> str:
    """Map a qualifier phrase as written to the qualifier vocabulary."""
    return _QUALIFIER_PHRASES[re.sub(r"\s+", " ", phrase.lower())]


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
# Words after which a number names something rather than counts it
# ("resolution 1718", "the number 112", "Flight 17", "Channel 4").
IDENTIFIER_WORDS = frozenset("""
resolution resolutions number no. nos. # flight route room page pages article articles chapter parts
section platform junction level version model code category grade tier phase stage season
episode track act part gate highway interstate bus channel radio item clause paragraph unit camp
site building block floor seat row exit terminal ward district zone sector precinct file
reference ref id pin vol vol. volume issue edition size type mk division league heat round game
lap hole psalm verse windows top fig fig. figure table appendix question rule amendment directive
regulation series catalogue apollo boeing airbus formula cell wing pier berth ch. art. sec. p. pp.
""".split())
_AGE_DETERMINERS = frozenset("the a an his her their its our my your".split())
_AGE_WORDS = frozenset({"aged", "ages", "age", "age of", "ages of", "aged between"})
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
# ... and before them ("Image 3 of 12", "Page 2 of 5", "Font size 100%").
CHROME_WORDS_BEFORE = frozenset("image photo picture slide gallery size page".split())
# Labels of page furniture before a number ("Updated: 31 minutes ago", "Views: 1200").
CHROME_LABELS = frozenset("updated: published: posted: modified: views: comments: shares: likes:".split())
CHROME_OF_AFTER = re.compile(r"[ \t]+of[ \t]+\d+", re.IGNORECASE)
# Number-word compounds that are idioms, not amounts ("one-off", "two-way").
HYPHEN_IDIOM_AFTER = re.compile(
    r"-(?:off|sided|time|way|on-one|to-one|liner|liners|stop|shot|horse|size|all|nil|love|"
    r"armed|eyed|handed|legged|man|party|track|dimensional|piece|seater|nation|up|two|star|tier)\b",
    re.IGNORECASE,
)
# "one" as a pronoun: "no one", "the one", "this one", "one another".
PRONOUN_ONE_BEFORE = frozenset("""
no the this that which every any each another little only such last first a new big right wrong
other same latest one
""".split())
PRONOUN_ONE_AFTER = re.compile(r"[ \t]+another\b|['’]s\b|[ \t]+(?:day|way|time|hand)\b", re.IGNORECASE)
#: Function words that may be capitalised before a number at a sentence start
#: without making it a name ("The 50 missiles", "About 900 km", "In 2006").
NAME_EXEMPT = frozenset("""
the a an and but or nor so yet for of in on at by to from with without into onto over under
about around roughly some nearly almost more less fewer than at least up just only all another
each every both those these its their his her our my your total exactly approximately estimated
between among after before since until during as while when where which who that this if then
there here also even still already again only some many several most much no not just like
including include includes plus minus per via despite although though because unlike except
whereas whether how what why some nearly
""".split())


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
                if phrase in _QUALIFIER_PHRASES:
                    start = self.starts[len(toks) - k] + len(joined) - len(phrase)
                    return _QUALIFIER_PHRASES[phrase], start, k
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
        return (w.lower() in _DAY_JOINERS and bool(_DAY_TOKEN.match(self.word(2)))
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
        return low not in NAME_EXEMPT and low not in _QUALIFIER_PHRASES and low not in _NOT_NAMES

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
                    and w3.lower() not in _QUALIFIER_PHRASES and w3.lower() not in _NOT_NAMES))
            return False
        return _label_noun(w1) and _LIST_AFTER.match(body, pos) is not None

    def is_age(self) -> bool:
        return self.phrase(1) in _AGE_WORDS or self.phrase(2) in _AGE_WORDS

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
                if self.word(k).lower() in _AGE_DETERMINERS:
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
_DAY_JOINERS = frozenset({"to", "and", "or", "through", "until", "till", "-", "–", "&"})
# Month abbreviations with a dot are months even in lower case ("dec. 12", "sept. 30").
_MONTH_ABBREVIATIONS_DOT = frozenset("jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.".split())


def _is_month(word: str) -> bool:
    w = word.rstrip(",")
    return w.rstrip(".") in MONTHS_CAPITALISED or w.lower() in _MONTH_ABBREVIATIONS_DOT


_TICKER_MARKS = frozenset("▲ ▼ △ ▽ ↑ ↓".split())
_LIST_AFTER = re.compile(r"(?:[ \t]*,|[ \t]+(?:and|or|&))[ \t]+\d{1,3}\b(?![.,]\d)")
_NOT_LABEL_NOUNS = frozenset("""
was has is does goes its his this thus plus less unless always perhaps as us yes news series
""".split())


def _label_noun(word: str) -> bool:
    """A lower-case plural noun that labels what follows ("pipelines 1 and 2")."""
    return (word.isalpha() and word.islower() and word not in _NOT_LABEL_NOUNS and is_plural(word)
            and word not in CHANGE_WORDS and word not in _AGE_WORDS)


# Words that make "from X to Y" a range rather than a change.
RANGE_WORDS = frozenset("""
range ranges ranging ranged vary varies varying varied anywhere spanning span spans estimates
estimated between
""".split())

# Verbs of change: after them "X to Y" / "from X to Y" is a change and a level, not a range.
CHANGE_WORDS = frozenset(
    w + e
    for stem, ends in {
        "ris": ("e", "es", "ing", "en"), "rose": ("",), "fall": ("", "s", "ing", "en"), "fell": ("",),
        "increas": ("e", "es", "ed", "ing"), "decreas": ("e", "es", "ed", "ing"),
        "climb": ("", "s", "ed", "ing"), "drop": ("", "s", "ped", "ping"), "jump": ("", "s", "ed", "ing"),
        "gr": ("ow", "ows", "ew", "own", "owing"), "rais": ("e", "es", "ed", "ing"),
        "lower": ("", "s", "ed", "ing"), "reduc": ("e", "es", "ed", "ing"), "cut": ("", "s", "ting"),
        "boost": ("", "s", "ed", "ing"), "slash": ("", "es", "ed", "ing"),
        "surg": ("e", "es", "ed", "ing"), "soar": ("", "s", "ed", "ing"),
        "plung": ("e", "es", "ed", "ing"), "declin": ("e", "es", "ed", "ing"),
        "slip": ("", "s", "ped", "ping"), "edg": ("e", "es", "ed", "ing"), "slid": ("e", "es", "ing"),
        "tumbl": ("e", "es", "ed", "ing"), "gain": ("", "s", "ed", "ing"), "los": ("e", "es", "ing"),
        "lost": ("",), "shrink": ("", "s", "ing"), "shrank": ("",), "expand": ("", "s", "ed", "ing"),
        "widen": ("", "s", "ed", "ing"), "narrow": ("", "s", "ed", "ing"), "add": ("", "s", "ed", "ing"),
        "revis": ("e", "es", "ed", "ing"), "upgrad": ("e", "es", "ed", "ing"),
        "downgrad": ("e", "es", "ed", "ing"), "mov": ("e", "es", "ed", "ing"), "went": ("",),
        "up": ("",), "down": ("",), "higher": ("",),
    }.items()
    for w, e in ((stem, end) for end in ends)
)

# Capitalised words that are not names even mid-sentence.
_NOT_NAMES = frozenset("""
perhaps possibly probably maybe reportedly allegedly another further additional extra another
nearly exactly only just
""".split())
