"""What a count counts: the noun phrase after a number, and counts that count nothing new.

Read after a count's numeral and qualifiers (by
:mod:`analysis.extract.quantities.extractor`): the counted noun ("48 people",
"a two-ship convoy"), a noun that is really a unit ("thousands of tonnes"), a
share ("two of the pipelines"), a coordinated head ("200 missiles and drones"),
and the counts that are no figures -- a pronoun "one", "one of the largest",
an anaphoric definite ("the two leaders"), a rank before a name.
"""

from __future__ import annotations

import math
import re

from analysis.text import noun_phrases as noun_phrases
from analysis.extract.quantities import context as quantity_context
from analysis.extract.quantities.number_words import NUMBER_WORD_RUN, parse_number_words
from analysis.lexicon.units import is_plural, lookup_unit

HYPHEN_NOUN = re.compile(r"-(?P<n>[a-z]+)(?![\w-])")
# The next word after a numeral (for "a singular word after a plural number").
NEXT_WORD = re.compile(r"[ \t]+(?P<w>[A-Za-z]+)")
# "one in five", "one out of ten", "one of the 50": a part, not a pronoun
_PART_AFTER = re.compile(
    rf"[ \t]+(?:in|(?:out[ \t]+)?of)[ \t]+(?:the[ \t]+)?(?:\d|{NUMBER_WORD_RUN})", re.IGNORECASE
)
_OF_PRONOUN = re.compile(r"[ \t]+of[ \t]+(?:them|these|those|us|you)\b", re.IGNORECASE)
_ONE_OF_AFTER = re.compile(r"[ \t]+of[ \t]+(?!\d)", re.IGNORECASE)
_OF_UNIT = re.compile(r"[ \t]+of[ \t]+(?P<u>[A-Za-z]+)\b")

# "the two leaders", "these three countries": a definite count restates a set
# already named; kept when a post-modifier makes it new information ("the three
# satellite images presented by ...", "the two ships that ...").
_DEFINITE_BEFORE = frozenset({"the", "these", "those"})
_POSTMODIFIER_AFTER = re.compile(
    r"[ \t]+(?:that|which|who|whose|[a-z]+ed|shown|seen|taken|given|known|sent|built|held|made|found|"
    r"on|in|at|near|off|along|under|inside|outside|beneath)\b")
_SMALL_COUNT_MAX = 12

# "200 missiles and drones", "dozens of individuals and entities": two heads;
# "nine million artillery and rocket shells": two modifiers of one head.
_COORD_AFTER = re.compile(r"[ \t]+(?:and|or)[ \t]+")
_LOWER_WORD = re.compile(r"[ \t]*(?P<w>[a-z][a-z-]*)\b")


def next_word_start(body: str, pos: int) -> int:
    """Start of the word after ``pos`` (across spaces only), or -1."""
    m = NEXT_WORD.match(body, pos)
    return m.start("w") if m else -1


def read_counted(body: str, f, pos: int, before: "quantity_context.Before", group: str) -> bool:
    """Give the count ``f`` its counted noun (``unit``, ``subject``, ``np_end``).

    ``group`` is how the numeral was written ("digits", "words", "ascale",
    "vague", ...).  Returns False when the count is no figure at all
    ("two-pronged", a pronoun "one", "the two leaders", a rank before a name).
    """
    plural = not (f.value == 1 and math.isnan(f.value_high)) or f.qualifier == "vague"
    hy = HYPHEN_NOUN.match(body, pos)
    if hy is not None:
        if not _read_hyphen_noun(body, f, pos, hy):
            return False
    elif not _read_phrase_after(body, f, pos, before, group, plural):
        return False
    if not f.unit and f.value != int(f.value) and f.qualifier != "vague":
        f.kind = "other"
    return True


def _read_hyphen_noun(body: str, f, pos: int, hy: re.Match) -> bool:
    """"a two-ship convoy": the hyphenated noun is the unit, the phrase after it the subject."""
    noun = hy.group("n")
    if noun.endswith(("ed", "ing", "ly")) or quantity_context.HYPHEN_IDIOM_AFTER.match(body, pos):
        return False  # "two-pronged", "one-off"
    if noun != "strong":
        f.unit = noun_phrases.head_unit(noun)
    phrase = noun_phrases.read_noun_phrase(body, hy.end(), False)
    if phrase is not None:
        f.subject = body[phrase.start:phrase.end]
    f.np_end = phrase.head_end if phrase else hy.end()
    return True


def _read_phrase_after(body: str, f, pos: int, before: "quantity_context.Before", group: str, plural: bool) -> bool:
    """The noun phrase after a count: its head is the unit, or a measure unit, or nothing."""
    phrase = noun_phrases.read_noun_phrase(body, pos, plural)
    if phrase is None:
        phrase = noun_phrases.read_of_phrase(body, pos, plural)
        if ((phrase is not None or _OF_PRONOUN.match(body, pos)) and _is_share(f, group)
                and before.word(1).lower() not in ("in", "of", "out")):
            f.qualifier = "part_of"  # "two of the pipelines", "two of them"
    if phrase is not None:
        _take_phrase(body, f, pos, phrase, plural)
    elif f.qualifier == "vague" and _OF_UNIT.match(body, pos):
        # "hundreds of years", "thousands of miles": the noun is a unit
        found = lookup_unit(_OF_UNIT.match(body, pos).group("u"))
        if found is not None:
            f.unit, f.kind, f.is_count = found[0], found[1], False
            f.value *= found[2]
    elif (group in ("words", "ascale") and f.value == 1 and not f.own_qualifier
          and not _PART_AFTER.match(body, pos)):
        return False  # a bare "one" is a pronoun ("one could argue")
    if (group == "words" and f.value == 1 and not f.own_qualifier
            and _ONE_OF_AFTER.match(body, pos)):
        return False  # "one of the largest", "one of four ships": singles one out, counts nothing
    if anaphoric_definite(body, f, before, group, pos):
        return False
    if (phrase is not None and f.value > 1 and phrase.head[0].isupper()
            and not is_plural(phrase.head.lower()) and phrase.start == next_word_start(body, pos)):
        # "10 Alicia Molik (Australia)": a rank or list number before a name
        if before.sentence_start():
            return False
        f.unit = ""
    return True


def _take_phrase(body: str, f, pos: int, phrase, plural: bool) -> None:
    """Set the subject and unit of a count from the noun phrase that follows it."""
    f.subject = body[phrase.start:phrase.end]
    f.np_end = phrase.head_end
    as_unit = lookup_unit(phrase.head)
    if as_unit is not None and (phrase.head_end == phrase.end or f.qualifier == "vague"):
        # "millions of dollars", "hundreds of miles", "thousands of
        # tonnes of ammunition": the noun is a unit
        f.unit, f.kind, f.is_count = as_unit[0], as_unit[1], False
        f.value *= as_unit[2]
    elif (plural and phrase.head.islower() and not is_plural(phrase.head)
          and phrase.start == next_word_start(body, pos)):
        # "the 100-to-300 spectrum", "the 11,000 sent by": a singular word
        # after a plural number is not what it counts
        f.subject = ""
        f.np_end = -1
    else:
        f.unit = coordinated_unit(body, phrase, noun_phrases.head_unit(phrase.head))


def _is_share(f, group: str) -> bool:
    """A plain number before "of the Ys" names a part of them (not "dozens of", "a trio of")."""
    return group in ("digits", "words") and f.qualifier == "exact" and not f.own_qualifier


def _is_numeral(word: str) -> bool:
    w = word.lower().strip(",")
    return w[:1].isdigit() or parse_number_words(w) is not None


def anaphoric_definite(body: str, f, before: "quantity_context.Before", group: str, pos: int) -> bool:
    """Is this "the two leaders" (a restated set) rather than a figure?"""
    if group != "words" or not f.is_count or f.value > _SMALL_COUNT_MAX or f.own_qualifier:
        return False
    if before.word(1).lower() not in _DEFINITE_BEFORE:
        return False
    if before.word(2).lower() in ("of", "than") and _is_numeral(before.word(3)):
        return False  # "three of the four pipelines": the whole of a part
    if before.word(2).lower() == "all":
        return False
    end = f.np_end if f.np_end > 0 else pos
    return _POSTMODIFIER_AFTER.match(body, end) is None


def coordinated_unit(body: str, phrase, unit: str) -> str:
    """The unit of a counted phrase whose head is coordinated with another noun."""
    m = _COORD_AFTER.match(body, phrase.head_end)
    if m is None:
        return unit
    p = m.end()
    for k in range(3):
        w = _LOWER_WORD.match(body, p)
        if w is None:
            return unit
        n = w.group("w")
        if n in noun_phrases.STOP or n.endswith(("ed", "ing", "ly")) or parse_number_words(n) is not None:
            return unit  # "six individuals and three entities": a second figure
        if is_plural(n):
            other = noun_phrases.head_unit(n)
            if k:
                return other  # "artillery and rocket shells": the head is "shells"
            return unit if other == unit else f"{unit}_or_{other}"
        p = w.end()
    return unit
